package tonghop_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/layouts/kh46"
	"baocao/layouts/tonghop"
	"baocao/render"
	"baocao/render/xlsx"
)

// writeReport writes n generated cells, the due list naming them all, and one cell outside it,
// and loads the consolidated report.
func writeReport(t testing.TB, gen []generatedCell, extra *generatedCell) *render.Document {
	t.Helper()
	dir := t.TempDir()
	cellsDir := filepath.Join(dir, "cac-chi-bo")
	if err := os.Mkdir(cellsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var due strings.Builder
	for i, c := range gen {
		fmt.Fprintf(&due, "  - %s\n", c.name)
		if c.reported {
			writeCell(t, cellsDir, i+1, c)
		}
	}
	if extra != nil {
		writeCell(t, cellsDir, len(gen)+1, *extra)
	}
	source := fmt.Sprintf("mau: tong-hop\nso: 15\nngay: 2021-04-19\nnguon: [cac-chi-bo]\nphai_bao_cao:\n%sky: {ho_ten: Trưởng ban}\n", due.String())
	doc, problems := layouts.Load(filepath.Join(dir, "tong-hop.yaml"), []byte(source), input.Options{Files: input.OSFiles})
	if doc == nil {
		t.Fatalf("errors:\n%s", problems.Error())
	}
	return doc
}

// sheetOf finds a sheet of the workbook.
func sheetOf(t *testing.T, wb *render.Workbook, name string) render.Sheet {
	t.Helper()
	for _, s := range wb.Sheets {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no sheet %q", name)
	return render.Sheet{}
}

// TestWorkbookAgainstTheCells checks every sheet against what was generated, counted here.
func TestWorkbookAgainstTheCells(t *testing.T) {
	gen := generate(30)
	extra := generatedCell{name: "Chi bộ Ngoài danh sách", reported: true, plan: true, kinds: []string{kh46.OtherKind}, exemplars: 1}
	wb := writeReport(t, gen, &extra).Workbook
	if wb == nil {
		t.Fatal("no workbook")
	}
	var names []string
	for _, s := range wb.Sheets {
		names = append(names, s.Name)
	}
	if want := []string{tonghop.SheetSummary, tonghop.SheetByKind, tonghop.SheetByCell, tonghop.SheetModels, tonghop.SheetExemplars}; !reflect.DeepEqual(names, want) {
		t.Errorf("sheets %q, want %q", names, want)
	}

	// The sheet by cell: one row per due cell in order, then the extra one.
	byCell := sheetOf(t, wb, tonghop.SheetByCell)
	if len(byCell.Rows) != len(gen)+1 {
		t.Fatalf("%d rows by cell, want %d", len(byCell.Rows), len(gen)+1)
	}
	reported, late, withPlan, models, exemplars := 0, 0, 0, 0, 0
	var notReported, lateNames []string
	byKind := map[string]int{}
	for i, c := range append(gen, extra) {
		row := byCell.Rows[i]
		want := []render.Cell{render.IntCell(i + 1), render.TextCell(c.name), render.TextCell("Chưa báo cáo")}
		if c.reported {
			status, timing, plan := "Đã báo cáo", "Đúng hạn", "Chưa có"
			if i == len(gen) {
				status = "Báo cáo ngoài danh sách"
			} else {
				reported++
			}
			// writeCell dates cell i on day 10+i%8 of April, i counted from 1; after the 15th is late.
			day := 10 + (i+1)%8
			if day > 15 {
				timing = "Chậm"
				late++
				lateNames = append(lateNames, c.name)
			}
			if c.plan {
				plan = "Có"
				withPlan++
			}
			want = append(want[:2], render.TextCell(status), render.DateCell(2021, 4, day), render.TextCell(timing), render.TextCell(plan), render.IntCell(len(c.kinds)), render.IntCell(c.exemplars))
			models += len(c.kinds)
			exemplars += c.exemplars
			for _, k := range c.kinds {
				byKind[k]++
			}
		} else {
			notReported = append(notReported, c.name)
		}
		if !reflect.DeepEqual(row, want) {
			t.Errorf("row %d:\n%v\nwant\n%v", i+1, row, want)
		}
	}
	if !reflect.DeepEqual(byCell.Total, []render.Cell{{}, render.TextCell("Tổng cộng"), {}, {}, {}, {}, render.IntCell(models), render.IntCell(exemplars)}) {
		t.Errorf("total by cell %v", byCell.Total)
	}
	if len(byCell.Header) != len(byCell.Rows[0]) {
		t.Errorf("%d headers over rows of %d", len(byCell.Header), len(byCell.Rows[0]))
	}

	// The summary.
	summary := map[string][]render.Cell{}
	for _, row := range sheetOf(t, wb, tonghop.SheetSummary).Rows {
		summary[row[0].Text] = row[1:]
	}
	for label, want := range map[string][]render.Cell{
		"Ngày báo cáo": {render.DateCell(2021, 4, 19)},
		"Thời hạn các chi, đảng bộ báo cáo":                      {render.DateCell(2021, 4, 15)},
		"Số chi, đảng bộ phải báo cáo":                           {render.IntCell(len(gen))},
		"Số chi, đảng bộ phải báo cáo đã báo cáo":                {render.IntCell(reported)},
		"Tỷ lệ đã báo cáo":                                       {{Kind: render.CellPercent, Ratio: float64(reported) / float64(len(gen))}},
		"Số chi, đảng bộ chưa báo cáo":                           {render.IntCell(len(notReported)), render.TextCell(strings.Join(notReported, "; "))},
		"Số chi, đảng bộ báo cáo ngoài danh sách phải báo cáo":   {render.IntCell(1), render.TextCell(extra.name)},
		"Tổng số chi, đảng bộ đã báo cáo, kể cả ngoài danh sách": {render.IntCell(reported + 1)},
		"Số chi, đảng bộ đã xây dựng kế hoạch thực hiện":         {render.IntCell(withPlan)},
		"Số chi, đảng bộ báo cáo chậm so với thời hạn":           {render.IntCell(late), render.TextCell(strings.Join(lateNames, "; "))},
		"Tổng số mô hình tập thể đăng ký":                        {render.IntCell(models)},
		"Tổng số gương cá nhân điển hình tiên tiến đăng ký":      {render.IntCell(exemplars)},
	} {
		if got := summary[label]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", label, got, want)
		}
	}

	// By kind: every kind, its count and quota; then "khác"; the totals.
	kinds := sheetOf(t, wb, tonghop.SheetByKind)
	quotas := 0
	for i, k := range kh46.Kinds {
		quota := render.Cell{}
		if k.Quota > 0 {
			quota = render.IntCell(k.Quota)
			quotas += k.Quota
		}
		if want := []render.Cell{render.IntCell(i + 1), render.TextCell(k.Name), render.IntCell(byKind[k.Code]), quota}; !reflect.DeepEqual(kinds.Rows[i], want) {
			t.Errorf("kind %s: %v, want %v", k.Code, kinds.Rows[i], want)
		}
	}
	if got := kinds.Rows[len(kh46.Kinds)][2]; got != render.IntCell(byKind[kh46.OtherKind]) {
		t.Errorf("other kinds: %v, want %d", got, byKind[kh46.OtherKind])
	}
	if want := []render.Cell{{}, render.TextCell("Tổng cộng"), render.IntCell(models), render.IntCell(quotas)}; !reflect.DeepEqual(kinds.Total, want) {
		t.Errorf("kind totals %v, want %v", kinds.Total, want)
	}

	// The appendices: one row per model and exemplar, numbered.
	for name, n := range map[string]int{tonghop.SheetModels: models, tonghop.SheetExemplars: exemplars} {
		s := sheetOf(t, wb, name)
		if len(s.Rows) != n {
			t.Errorf("%s: %d rows, want %d", name, len(s.Rows), n)
		}
		for i, row := range s.Rows {
			if row[0] != render.IntCell(i+1) || len(row) != 5 || row[4].Text == "" {
				t.Errorf("%s row %d: %v", name, i+1, row)
			}
		}
	}
	if last := sheetOf(t, wb, tonghop.SheetExemplars).Rows[exemplars-1]; last[1].Text != fmt.Sprintf("Người %d-0", len(gen)+1) || last[4].Text != extra.name {
		t.Errorf("the last exemplar is %v, want the extra cell's", last)
	}
}

// TestWorkbookLongLists: a thousand cells with names of 150 characters none of which reported do
// not fit one cell; the summary says where to look, and the workbook is still written.
func TestWorkbookLongLists(t *testing.T) {
	var gen []generatedCell
	for i := range 1000 {
		name := fmt.Sprintf("Chi bộ %d %s", i, strings.Repeat("Đơn vị sự nghiệp công lập ", 10))
		gen = append(gen, generatedCell{name: string([]rune(name)[:150])})
	}
	gen[0].reported = true
	doc := writeReport(t, gen, nil)
	var list render.Cell
	for _, row := range sheetOf(t, doc.Workbook, tonghop.SheetSummary).Rows {
		if row[0].Text == "Số chi, đảng bộ chưa báo cáo" {
			if row[1] != render.IntCell(999) {
				t.Errorf("not reported: %v", row[1])
			}
			list = row[2]
		}
	}
	if list.Kind != render.CellText || !strings.Contains(list.Text, tonghop.SheetByCell) {
		t.Errorf("the list of 999 long names is %d characters, not a pointer to the sheet by cell", len(list.Text))
	}
	var buf bytes.Buffer
	if err := (xlsx.Renderer{}).Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkXLSX1000 measures the workbook of a consolidated report of 1,000 cells (about 2,000
// models and 1,500 exemplars), from its Document to XLSX bytes.
func BenchmarkXLSX1000(b *testing.B) {
	doc := writeReport(b, generate(1000), nil)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := (xlsx.Renderer{}).Render(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
}
