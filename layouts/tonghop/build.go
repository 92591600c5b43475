package tonghop

import (
	"fmt"
	"path/filepath"
	"strings"

	"baocao/layouts/cells"
	"baocao/layouts/input"
	"baocao/layouts/kh46"
	"baocao/render"
)

// Build lays the consolidated report out: the opening, I. how the plan was carried out, II. the
// results with a table by model kind and one by cell, III. assessment and IV. proposals when given,
// and the lists of models and exemplars as appendices 1 and 2; and the same figures and lists as a
// workbook, for Excel.
func Build(rep *Report) *render.Document {
	st := rep.Count()
	kinds, models, exemplars := kindTable(st), modelTable(st), exemplarTable(st)
	subject := "tổng hợp kết quả đăng ký " + kh46.Subject + ", giai đoạn " + rep.Phase

	var body render.Blocks
	add := func(b ...render.Block) { body = append(body, b...) }
	para := func(format string, args ...any) { add(render.Paragraph{Text: fmt.Sprintf(format, args...)}) }

	para("%s, %s tổng hợp kết quả đăng ký của các chi, đảng bộ cơ sở như sau:", opening(rep), rep.OrgFull)

	add(render.Heading{Text: "I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN"})
	reported := len(st.Reported)
	para("Tính đến %s, có %s/%s chi, đảng bộ cơ sở đã báo cáo kết quả đăng ký (đạt %s).",
		asOf(rep.Date), input.Count(reported), input.Count(len(rep.Due)), percent(reported, len(rep.Due)))
	if len(st.NotReported) == 0 {
		para("- Tất cả các chi, đảng bộ cơ sở phải báo cáo đã báo cáo.")
	} else {
		para("- Chi, đảng bộ chưa báo cáo: %s, gồm: %s.", input.Count(len(st.NotReported)), strings.Join(st.NotReported, "; "))
	}
	if len(rep.Skipped) > 0 {
		para("- Tệp báo cáo nhận được nhưng không đọc được hoặc có lỗi, chưa tính vào báo cáo này: %s, gồm: %s.", input.Count(len(rep.Skipped)), skippedFiles(rep.Skipped))
	}
	if len(st.Extra) > 0 {
		para("- Chi, đảng bộ báo cáo ngoài danh sách phải báo cáo: %s, gồm: %s.", input.Count(len(st.Extra)), names(st.Extra))
	}
	all := reported + len(st.Extra)
	para("- Số chi, đảng bộ đã xây dựng kế hoạch thực hiện: %s/%s chi, đảng bộ đã báo cáo.", input.Count(st.WithPlan), input.Count(all))
	if len(st.Late) == 0 {
		para("- Không có chi, đảng bộ nào báo cáo chậm so với thời hạn (%s).", rep.Deadline.Short())
	} else {
		para("- Chi, đảng bộ báo cáo chậm so với thời hạn (%s): %s, gồm: %s.", rep.Deadline.Short(), input.Count(len(st.Late)), names(st.Late))
	}

	add(render.Heading{Text: "II. KẾT QUẢ ĐĂNG KÝ"})
	add(render.Heading{Text: "1. Mô hình tập thể"})
	para("Tổng số mô hình đăng ký: %s, theo loại mô hình của Kế hoạch %s như sau:", input.Count(st.Models), rep.Basis.Number)
	add(kinds)
	add(render.Heading{Text: "2. Gương cá nhân điển hình tiên tiến"})
	para("Tổng số gương cá nhân điển hình tiên tiến đăng ký: %s.", input.Count(st.Exemplars))
	add(render.Heading{Text: "3. Số lượng đăng ký theo từng chi, đảng bộ"})
	add(cellTable(reportingCells(st), st))

	section := 3
	for _, free := range []struct{ title, text string }{{"ĐÁNH GIÁ", rep.Assessment}, {"ĐỀ XUẤT", rep.Proposals}} {
		if free.text == "" {
			continue
		}
		add(render.Heading{Text: roman(section) + ". " + free.title})
		for _, p := range paragraphs(free.text) {
			add(render.Paragraph{Text: p})
		}
		section++
	}
	para("Trên đây là báo cáo tổng hợp kết quả đăng ký %s, giai đoạn %s của các chi, đảng bộ cơ sở.", kh46.Subject, rep.Phase)

	attached := fmt.Sprintf("(Kèm theo Báo cáo số %s-%s, %s của %s)", input.Number(rep.Number), rep.Code, rep.Date.Long(), rep.OrgFull)
	meta := render.Meta{Title: "Báo cáo " + subject, Author: rep.OrgFull, Lang: "vi", Date: rep.Date.ISO()}
	return &render.Document{
		Meta:       meta,
		Header:     input.Header(rep.ParentOrg, rep.Org, rep.Number, rep.Code, rep.Place, rep.Date),
		Title:      render.Title{Kind: "BÁO CÁO", Subject: subject},
		Body:       body,
		Recipients: rep.Recipients,
		Signer:     rep.Signer.Rendered(),
		Appendices: []render.Appendix{
			{Label: "Phụ lục 1", Title: "DANH SÁCH MÔ HÌNH TẬP THỂ ĐĂNG KÝ XÂY DỰNG, NHÂN RỘNG, GIAI ĐOẠN " + rep.Phase, Subtitle: attached, Landscape: true, Body: render.Blocks{models}},
			{Label: "Phụ lục 2", Title: "DANH SÁCH GƯƠNG CÁ NHÂN ĐIỂN HÌNH TIÊN TIẾN ĐĂNG KÝ, GIAI ĐOẠN " + rep.Phase, Subtitle: attached, Landscape: true, Body: render.Blocks{exemplars}},
		},
		Workbook: workbook(rep, st, meta, kinds, models, exemplars),
	}
}

// opening cites the plans the report answers.
func opening(rep *Report) string {
	cite := func(p input.PlanRef) string {
		return fmt.Sprintf("Kế hoạch số %s, ngày %s của %s", p.Number, p.Date.Short(), p.Issuer)
	}
	s := "Thực hiện " + cite(rep.Basis)
	if rep.Provincial != nil {
		s = "Thực hiện " + cite(*rep.Provincial) + " và " + cite(rep.Basis)
	}
	return s + " về việc " + kh46.Subject + " giai đoạn " + rep.Basis.Phase
}

// asOf writes the report's date for "Tính đến …".
func asOf(d input.Date) string {
	if d.Day == 0 {
		return fmt.Sprintf("tháng %d/%d", d.Month, d.Year)
	}
	return "ngày " + d.Short()
}

// names lists the cells' names.
func names(cs []cells.Cell) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Report.Org
	}
	return strings.Join(out, "; ")
}

// skippedFiles names the files left out, by their names without their folders.
func skippedFiles(cs []cells.Cell) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = filepath.Base(c.File)
		if c.Item > 0 {
			out[i] += fmt.Sprintf(" (mục %d)", c.Item)
		}
	}
	return strings.Join(out, "; ")
}

// kindRow is one line of the count by model kind: the twelve kinds of KH 46, then "khác".
type kindRow struct {
	name         string
	count, quota int // quota 0: the ĐUK set none
}

// kindRows counts the models by kind, beside the ĐUK's own quotas, and totals both.
func kindRows(st Status) (rows []kindRow, total kindRow) {
	for _, k := range kh46.Kinds {
		rows = append(rows, kindRow{k.Name, st.ByKind[k.Code], k.Quota})
		total.quota += k.Quota
	}
	rows = append(rows, kindRow{"Mô hình khác do chi, đảng bộ lựa chọn", st.ByKind[kh46.OtherKind], 0})
	total.name, total.count = "Tổng cộng", st.Models
	return rows, total
}

// kindTable counts the models by the twelve kinds and "khác", beside the ĐUK's own quotas.
func kindTable(st Status) render.Table {
	t := render.Table{Columns: []render.Column{
		{Title: "STT", Width: 1, Align: render.AlignCenter},
		{Title: "Loại mô hình", Width: 8},
		{Title: "Số mô hình đăng ký", Width: 2.5, Align: render.AlignCenter},
		{Title: "Chỉ tiêu của Đảng ủy Khối", Width: 2.5, Align: render.AlignCenter},
	}}
	rows, total := kindRows(st)
	for i, r := range rows {
		quota := "-"
		if r.quota > 0 {
			quota = input.Count(r.quota)
		}
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), r.name, fmt.Sprint(r.count), quota})
	}
	t.Total = []string{"", total.name, fmt.Sprint(total.count), fmt.Sprint(total.quota)}
	return t
}

// cellTable counts models and exemplars by cell.
func cellTable(cs []cells.Cell, st Status) render.Table {
	t := render.Table{Columns: []render.Column{
		{Title: "STT", Width: 1, Align: render.AlignCenter},
		{Title: "Chi, đảng bộ", Width: 8},
		{Title: "Mô hình", Width: 2.5, Align: render.AlignCenter},
		{Title: "Gương", Width: 2.5, Align: render.AlignCenter},
	}}
	for i, c := range cs {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), c.Report.Org, fmt.Sprint(len(c.Report.Models)), fmt.Sprint(len(c.Report.Exemplars))})
	}
	t.Total = []string{"", "Tổng cộng", fmt.Sprint(st.Models), fmt.Sprint(st.Exemplars)}
	return t
}

// reportingCells are the cells whose reports the appendices list.
func reportingCells(st Status) []cells.Cell {
	return append(append([]cells.Cell(nil), st.Reported...), st.Extra...)
}

// modelTable is appendix 1: every registered model.
func modelTable(st Status) render.Table {
	t := render.Table{Columns: []render.Column{
		{Title: "STT", Width: 1, Align: render.AlignCenter},
		{Title: "Tên mô hình", Width: 6},
		{Title: "Loại mô hình", Width: 4.5},
		{Title: "Đơn vị thực hiện", Width: 4},
		{Title: "Chi, đảng bộ", Width: 4.5},
	}}
	for _, c := range reportingCells(st) {
		for _, m := range c.Report.Models {
			kind := "Mô hình khác"
			if k, ok := kh46.KindByCode(m.Kind); ok {
				kind = k.Name
			}
			t.Rows = append(t.Rows, []string{fmt.Sprint(len(t.Rows) + 1), m.Name, kind, m.Unit, c.Report.Org})
		}
	}
	t.Total = []string{"", fmt.Sprintf("Tổng cộng: %d mô hình", len(t.Rows)), "", "", ""}
	return t
}

// exemplarTable is appendix 2: every registered exemplar.
func exemplarTable(st Status) render.Table {
	t := render.Table{Columns: []render.Column{
		{Title: "STT", Width: 1, Align: render.AlignCenter},
		{Title: "Họ và tên", Width: 4},
		{Title: "Chức vụ", Width: 4.5},
		{Title: "Đơn vị", Width: 5},
		{Title: "Chi, đảng bộ", Width: 5.5},
	}}
	for _, c := range reportingCells(st) {
		for _, e := range c.Report.Exemplars {
			t.Rows = append(t.Rows, []string{fmt.Sprint(len(t.Rows) + 1), e.Name, e.Position, e.Unit, c.Report.Org})
		}
	}
	t.Total = []string{"", fmt.Sprintf("Tổng cộng: %d gương", len(t.Rows)), "", "", ""}
	return t
}

// paragraphs splits free text at blank lines; the lines of one paragraph are joined.
func paragraphs(text string) []string {
	var out []string
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p := strings.Join(strings.Fields(block), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// roman writes 1 to 10 in Roman numerals, for section headings.
func roman(n int) string {
	return []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}[n]
}
