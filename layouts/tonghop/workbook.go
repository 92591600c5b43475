package tonghop

import (
	"strings"
	"unicode/utf16"

	"baocao/layouts/input"
	"baocao/render"
)

// The names of the workbook's sheets.
const (
	SheetSummary   = "Tổng hợp"
	SheetByKind    = "Theo loại mô hình"
	SheetByCell    = "Theo chi bộ"
	SheetModels    = "Phụ lục 1 - Mô hình"
	SheetExemplars = "Phụ lục 2 - Gương"
)

// The words of the sheet by cell.
const (
	statusReported    = "Đã báo cáo"
	statusNotReported = "Chưa báo cáo"
	statusExtra       = "Báo cáo ngoài danh sách"
	onTime            = "Đúng hạn"
	late              = "Chậm"
	withPlan          = "Có"
	withoutPlan       = "Chưa có"
)

// workbook lays out the report's figures as sheets, from the same Status and tables as the
// document: sections I and II, the count by kind, every cell, and the two appendices.
func workbook(rep *Report, st Status, meta render.Meta, kinds, models, exemplars render.Table) *render.Workbook {
	return &render.Workbook{Meta: meta, Sheets: []render.Sheet{
		summarySheet(rep, st),
		kindSheet(st, kinds),
		cellSheet(st),
		listSheet(SheetModels, models),
		listSheet(SheetExemplars, exemplars),
	}}
}

// summarySheet holds the figures of sections I and II, one a row, with the cells they name.
func summarySheet(rep *Report, st Status) render.Sheet {
	reported := len(st.Reported)
	text, count := render.TextCell, render.IntCell
	date := func(d input.Date) render.Cell { return render.DateCell(d.Year, d.Month, d.Day) }
	return render.Sheet{
		Name:   SheetSummary,
		Header: []string{"Nội dung", "Số liệu", "Gồm các chi, đảng bộ"},
		Rows: [][]render.Cell{
			{text("Ngày báo cáo"), date(rep.Date)},
			{text("Thời hạn các chi, đảng bộ báo cáo"), date(rep.Deadline)},
			{text("Số chi, đảng bộ phải báo cáo"), count(len(rep.Due))},
			{text("Số chi, đảng bộ phải báo cáo đã báo cáo"), count(reported)},
			{text("Tỷ lệ đã báo cáo"), render.PercentCell(reported, len(rep.Due))},
			{text("Số chi, đảng bộ chưa báo cáo"), count(len(st.NotReported)), listed(strings.Join(st.NotReported, "; "))},
			{text("Số chi, đảng bộ báo cáo ngoài danh sách phải báo cáo"), count(len(st.Extra)), listed(names(st.Extra))},
			{text("Tổng số chi, đảng bộ đã báo cáo, kể cả ngoài danh sách"), count(reported + len(st.Extra))},
			{text("Số chi, đảng bộ đã xây dựng kế hoạch thực hiện"), count(st.WithPlan)},
			{text("Số chi, đảng bộ báo cáo chậm so với thời hạn"), count(len(st.Late)), listed(names(st.Late))},
			{text("Tổng số mô hình tập thể đăng ký"), count(st.Models)},
			{text("Tổng số gương cá nhân điển hình tiên tiến đăng ký"), count(st.Exemplars)},
		},
	}
}

// tooLong stands for a list of names longer than a cell holds.
const tooLong = "Danh sách quá dài để ghi trong một ô; xem trang \"" + SheetByCell + "\""

// listed is a list of names for the summary's last column: empty when there is none, and a pointer
// to the sheet by cell when it is longer than a cell holds.
func listed(names string) render.Cell {
	switch {
	case names == "":
		return render.Cell{}
	case len(utf16.Encode([]rune(names))) > render.MaxCellText:
		return render.TextCell(tooLong)
	}
	return render.TextCell(names)
}

// kindSheet counts the models by kind beside the quotas, as the document's table does; a kind
// without a quota has an empty cell.
func kindSheet(st Status, kinds render.Table) render.Sheet {
	rows, total := kindRows(st)
	s := render.Sheet{Name: SheetByKind, Header: titles(kinds)}
	for i, r := range rows {
		quota := render.Cell{}
		if r.quota > 0 {
			quota = render.IntCell(r.quota)
		}
		s.Rows = append(s.Rows, []render.Cell{render.IntCell(i + 1), render.TextCell(r.name), render.IntCell(r.count), quota})
	}
	s.Total = []render.Cell{{}, render.TextCell(total.name), render.IntCell(total.count), render.IntCell(total.quota)}
	return s
}

// cellSheet is every cell due, then those that reported without being due: whether and when it
// reported, whether late, whether it has its own plan, and its counts.
func cellSheet(st Status) render.Sheet {
	s := render.Sheet{Name: SheetByCell, Header: []string{"STT", "Chi, đảng bộ", "Tình trạng", "Ngày báo cáo", "Thời hạn", "Kế hoạch thực hiện", "Số mô hình", "Số gương"}}
	for i, cs := range st.ByCell {
		row := []render.Cell{render.IntCell(i + 1), render.TextCell(cs.Name)}
		if cs.Cell == nil {
			s.Rows = append(s.Rows, append(row, render.TextCell(statusNotReported)))
			continue
		}
		r := cs.Cell.Report
		status, timing, plan := statusReported, onTime, withoutPlan
		if !cs.Due {
			status = statusExtra
		}
		if cs.Late {
			timing = late
		}
		if r.Plan != nil {
			plan = withPlan
		}
		s.Rows = append(s.Rows, append(row, render.TextCell(status), render.DateCell(r.Date.Year, r.Date.Month, r.Date.Day),
			render.TextCell(timing), render.TextCell(plan), render.IntCell(len(r.Models)), render.IntCell(len(r.Exemplars))))
	}
	s.Total = []render.Cell{{}, render.TextCell("Tổng cộng"), {}, {}, {}, {}, render.IntCell(st.Models), render.IntCell(st.Exemplars)}
	return s
}

// listSheet is an appendix's table as a sheet: its numbering as numbers, the rest as text, and no
// total row (the last number is the count).
func listSheet(name string, t render.Table) render.Sheet {
	s := render.Sheet{Name: name, Header: titles(t)}
	for i, row := range t.Rows {
		cells := []render.Cell{render.IntCell(i + 1)}
		for _, text := range row[1:] {
			cells = append(cells, render.TextCell(text))
		}
		s.Rows = append(s.Rows, cells)
	}
	return s
}

// titles are a table's column titles, the header row of its sheet.
func titles(t render.Table) []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Title
	}
	return out
}
