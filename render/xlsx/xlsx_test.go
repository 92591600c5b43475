package xlsx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"baocao/render"
	"baocao/render/xlsx"
	"baocao/render/xlsx/xlsxtest"
)

// sample is a workbook with every kind of cell, a total row, a month-only date, text that wraps
// and a second sheet with no rows.
func sample() *render.Workbook {
	long := strings.Repeat("Mô hình thi đua thực hiện văn hóa công sở ", 4)
	return &render.Workbook{
		Meta: render.Meta{Title: "Báo cáo thử", Author: "Ban Tuyên giáo Đảng ủy Khối", Lang: "vi", Date: "2021-04-19"},
		Sheets: []render.Sheet{
			{
				Name:   "Theo chi bộ",
				Header: []string{"STT", "Chi, đảng bộ", "Ngày báo cáo", "Tỷ lệ"},
				Rows: [][]render.Cell{
					{render.IntCell(1), render.TextCell("Chi bộ Sở Tài chính"), render.DateCell(2021, 4, 2), render.PercentCell(9, 11)},
					{render.IntCell(2), render.TextCell(long), render.DateCell(2021, 4, 0), render.PercentCell(0, 0)},
					{render.IntCell(3), render.TextCell("Đảng bộ Bệnh viện")},
				},
				Total: []render.Cell{{}, render.TextCell("Tổng cộng"), {}, render.PercentCell(1, 1)},
			},
			{Name: "Phụ lục 2 - Gương", Header: []string{"STT", "Họ và tên"}},
		},
	}
}

// write writes a workbook to bytes, failing the test on an error.
func write(t testing.TB, wb *render.Workbook) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, wb); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// read reads an XLSX back.
func read(t testing.TB, data []byte) *xlsxtest.Workbook {
	t.Helper()
	wb, err := xlsxtest.Read(data)
	if err != nil {
		t.Fatalf("excelize cannot read it back: %v", err)
	}
	return wb
}

func TestCellsAndStyles(t *testing.T) {
	got := read(t, write(t, sample()))
	if want := (xlsxtest.Properties{Title: "Báo cáo thử", Creator: "Ban Tuyên giáo Đảng ủy Khối", Language: "vi", Created: "2021-04-19T00:00:00Z", Modified: "2021-04-19T00:00:00Z"}); got.Properties != want {
		t.Errorf("properties %+v, want %+v", got.Properties, want)
	}
	if len(got.Sheets) != 2 || got.Sheets[0].Name != "Theo chi bộ" || got.Sheets[1].Name != "Phụ lục 2 - Gương" {
		t.Fatalf("sheets %+v", got.Sheets)
	}
	s := got.Sheets[0]
	if s.Frozen != "A2" || s.Filter != "A1:D4" {
		t.Errorf("frozen at %q, filter %q; want A2 and A1:D4 (the total row outside the filter)", s.Frozen, s.Filter)
	}
	if len(s.Rows) != 5 {
		t.Fatalf("%d rows, want header, 3 rows and the total", len(s.Rows))
	}
	type cell struct{ typ, raw, shown, format string }
	want := [][]cell{
		{{"s", "STT", "STT", "0"}, {"s", "Chi, đảng bộ", "Chi, đảng bộ", "0"}, {"s", "Ngày báo cáo", "Ngày báo cáo", "0"}, {"s", "Tỷ lệ", "Tỷ lệ", "0"}},
		// 2 April 2021 is day 44288 of Excel's 1900 calendar.
		{{"n", "1", "1", "1"}, {"s", "Chi bộ Sở Tài chính", "Chi bộ Sở Tài chính", "0"}, {"n", "44288", "2/4/2021", "d/m/yyyy"}, {"n", "0.818181818181818", "81.8%", "0.0%"}},
		{{"n", "2", "2", "1"}, {"s", sample().Sheets[0].Rows[1][1].Text, sample().Sheets[0].Rows[1][1].Text, "0"}, {"n", "44287", "4/2021", "m/yyyy"}, {"n", "0", "0.0%", "0.0%"}},
		{{"n", "3", "3", "1"}, {"s", "Đảng bộ Bệnh viện", "Đảng bộ Bệnh viện", "0"}, {"", "", "", "0"}, {"", "", "", "0"}},
		{{"", "", "", "0"}, {"s", "Tổng cộng", "Tổng cộng", "0"}, {"", "", "", "0"}, {"n", "1", "100.0%", "0.0%"}},
	}
	for r, row := range want {
		if len(s.Rows[r]) != len(row) {
			t.Errorf("row %d has %d cells, want %d", r+1, len(s.Rows[r]), len(row))
			continue
		}
		for c, w := range row {
			g := s.Rows[r][c]
			if (cell{g.Type, g.Raw, g.Shown, g.NumFmt}) != w {
				t.Errorf("%s: type %q, value %q shown %q, format %q; want %+v", g.Ref, g.Type, g.Raw, g.Shown, g.NumFmt, w)
			}
			bold := r == 0 || r == len(want)-1
			if g.Bold != bold || g.Font != render.SheetFont || g.Size != render.SheetFontSize {
				t.Errorf("%s: bold %v, font %q %g; want bold %v, %s %g", g.Ref, g.Bold, g.Font, g.Size, bold, render.SheetFont, render.SheetFontSize)
			}
			if wrap := r == 0 || w.typ != "n"; g.Wrap != wrap {
				t.Errorf("%s: wrap %v, want %v", g.Ref, g.Wrap, wrap)
			}
		}
	}
	// Widths: the longest value in characters plus the padding, within the bounds.
	wantWidths := []float64{render.MinColumnWidth, render.MaxColumnWidth, float64(len([]rune("Ngày báo cáo"))) + render.ColumnPadding, float64(len("81,8%")) + render.ColumnPadding}
	if !reflect.DeepEqual(s.Widths, wantWidths) {
		t.Errorf("widths %v, want %v", s.Widths, wantWidths)
	}
	empty := got.Sheets[1]
	if empty.Frozen != "A2" || empty.Filter != "A1:B2" || len(empty.Rows) != 1 || !empty.Rows[0][1].Bold {
		t.Errorf("a sheet without rows: frozen %q, filter %q, rows %+v", empty.Frozen, empty.Filter, empty.Rows)
	}
}

// TestRowHeights checks that a row whose text wraps is as tall as its lines, since LibreOffice
// does not fit rows on opening.
func TestRowHeights(t *testing.T) {
	data := write(t, sample())
	xml := part(t, data, "xl/worksheets/sheet1.xml")
	lines := sample().Sheets[0].RowLines(sample().Sheets[0].ColumnWidths())
	if lines[2] < 3 {
		t.Fatalf("the long text takes %d lines, want at least 3", lines[2])
	}
	want := fmt.Sprintf(`<row r="3" ht="%g" customHeight="true">`, float64(lines[2])*render.SheetLineHeight)
	if !strings.Contains(xml, want) {
		t.Errorf("no %s in the sheet:\n%s", want, xml)
	}
	if strings.Contains(xml, `<row r="2" ht=`) {
		t.Error("a row of one line has a fixed height")
	}
}

func TestSameBytes(t *testing.T) {
	first := write(t, sample())
	var wg sync.WaitGroup
	results := make([][]byte, 4)
	for i := range results {
		wg.Go(func() { results[i] = write(t, sample()) })
	}
	wg.Wait()
	for i, r := range results {
		if !bytes.Equal(r, first) {
			t.Fatalf("rendering %d differs from the first", i+1)
		}
	}
	other := sample()
	other.Meta.Date = "2021-04-20"
	if bytes.Equal(write(t, other), first) {
		t.Error("the date does not reach the properties")
	}
	if !strings.Contains(part(t, first, "docProps/core.xml"), "2021-04-19T00:00:00Z") {
		t.Error("core.xml lacks the document's date")
	}
	// Nothing depends on the clock: no entry of the zip carries a time.
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.ModifiedTime != 0 || f.ModifiedDate != 0 || len(f.Extra) != 0 {
			t.Errorf("%s carries a time (%d %d, %d extra bytes)", f.Name, f.ModifiedDate, f.ModifiedTime, len(f.Extra))
		}
	}
}

func TestRefusals(t *testing.T) {
	header := []string{"STT"}
	for _, tc := range []struct {
		name   string
		sheets []render.Sheet
		want   string
	}{
		{"no sheet", nil, "at least one sheet"},
		{"no name", []render.Sheet{{Header: header}}, "no name"},
		{"32 characters", []render.Sheet{{Name: strings.Repeat("ệ", 32), Header: header}}, "longer than 31"},
		{"a slash", []render.Sheet{{Name: "Mô hình 1/2", Header: header}}, "character Excel refuses"},
		{"brackets", []render.Sheet{{Name: "[Gương]", Header: header}}, "character Excel refuses"},
		{"a leading quote", []render.Sheet{{Name: "'Gương", Header: header}}, "character Excel refuses"},
		{"twice, other case", []render.Sheet{{Name: "Gương", Header: header}, {Name: "GƯƠNG", Header: header}}, "two sheets"},
		{"no header", []render.Sheet{{Name: "Gương"}}, "no header"},
		{"a row too wide", []render.Sheet{{Name: "Gương", Header: header, Rows: [][]render.Cell{{render.IntCell(1), render.IntCell(2)}}}}, "a row of 2 cells under 1"},
		{"a text too long", []render.Sheet{{Name: "Gương", Header: header, Rows: [][]render.Cell{{render.TextCell(strings.Repeat("ư", render.MaxCellText+1))}}}}, "more than a cell holds"},
		{"a control character", []render.Sheet{{Name: "Gương", Header: header, Rows: [][]render.Cell{{render.TextCell("a\x01b")}}}}, "has the character U+0001"},
		{"a control character in a header", []render.Sheet{{Name: "Gương", Header: []string{"\x1b"}}}, "has the character U+001B"},
		{"not UTF-8", []render.Sheet{{Name: "Gương", Header: header, Rows: [][]render.Cell{{render.TextCell("\xff")}}}}, "not UTF-8"},
		{"a noncharacter", []render.Sheet{{Name: "Gương", Header: header, Rows: [][]render.Cell{{render.TextCell("\uFFFE")}}}}, "U+FFFE"},
		{"a total too long", []render.Sheet{{Name: "Gương", Header: header, Total: []render.Cell{render.TextCell(strings.Repeat("a", render.MaxCellText+1))}}}, "more than a cell holds"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := xlsx.Write(&buf, &render.Workbook{Meta: render.Meta{Date: "2021-04-19"}, Sheets: tc.sheets})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
			if buf.Len() > 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
		})
	}
	// At the limits it is written.
	write(t, &render.Workbook{Meta: render.Meta{Date: "2021-04-19"}, Sheets: []render.Sheet{{
		Name: strings.Repeat("ệ", render.MaxSheetName), Header: header,
		Rows: [][]render.Cell{{render.TextCell(strings.Repeat("ư", render.MaxCellText))}},
	}}})
}

// TestDates: a workbook without a date keeps excelize's fixed times, one with a bad date is refused.
func TestDates(t *testing.T) {
	undated := sample()
	undated.Meta.Date = ""
	first := write(t, undated)
	if !bytes.Equal(write(t, undated), first) {
		t.Error("an undated workbook differs between two writes")
	}
	if got := read(t, first).Properties; got.Created != "2006-09-16T00:00:00Z" || got.Modified != got.Created {
		t.Errorf("an undated workbook: created %q, modified %q", got.Created, got.Modified)
	}
	bad := sample()
	bad.Meta.Date = "19/4/2021"
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, bad); err == nil || buf.Len() > 0 {
		t.Errorf("a date not YYYY-MM-DD: %v, %d bytes", err, buf.Len())
	}
}

func TestRendererNeedsAWorkbook(t *testing.T) {
	var buf bytes.Buffer
	if err := (xlsx.Renderer{}).Render(&buf, &render.Document{Meta: render.Meta{Date: "2021-04-19"}}); !errors.Is(err, xlsx.ErrNoWorkbook) {
		t.Errorf("a document without a workbook: %v, want ErrNoWorkbook", err)
	}
	doc := &render.Document{Workbook: sample()}
	if err := (xlsx.Renderer{}).Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), write(t, sample())) {
		t.Error("the renderer does not write the document's workbook as Write does")
	}
}

// TestLibreOfficeOpens converts the sample workbook and one at the limits with LibreOffice and
// checks that the PDF has their text.
func TestLibreOfficeOpens(t *testing.T) {
	tool := needTool(t, "soffice")
	wide := &render.Workbook{Meta: render.Meta{Date: "2021-04-19"}, Sheets: []render.Sheet{{
		Name:   strings.Repeat("ệ", render.MaxSheetName),
		Header: []string{"Ghi chú"},
		Rows:   [][]render.Cell{{render.TextCell("Dòng thứ nhất\n" + strings.Repeat("Đổi mới phong cách phục vụ ", 200))}, {render.DateCell(1900, 3, 1)}, {render.TextCell("Mã _x0041_x0042_ giữ nguyên")}},
	}}}
	dir := t.TempDir()
	files := map[string][]byte{"mau": write(t, sample()), "gioi-han": write(t, wide)}
	var args []string
	for name, data := range files {
		path := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	cmd := exec.Command(tool, append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, c := range []struct{ name, want string }{
		{"mau", "Chi bộ Sở Tài chính"},
		{"gioi-han", "Dòng thứ nhất"},
		{"gioi-han", "Mã _x0041_x0042_ giữ nguyên"}, // as typed, not read as the escapes of A and B
	} {
		name, want := c.name, c.want
		pdf := filepath.Join(dir, name+".pdf")
		if _, err := os.Stat(pdf); err != nil {
			t.Fatalf("LibreOffice made no PDF of %s.xlsx (is libreoffice-calc installed?): %v", name, err)
		}
		out, err := exec.Command(needTool(t, "pdftotext"), pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), want) {
			t.Errorf("%s.pdf lacks %q:\n%s", name, want, out)
		}
	}
}

// part reads one part of an XLSX.
func part(t testing.TB, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// needTool returns the path of a command-line tool. Without it the test is skipped on a
// developer's machine, but fails in CI, where .ci/run installs it.
func needTool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed; .ci/run must install it", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return path
}

// BenchmarkWrite measures a workbook of 3,000 rows of five cells.
func BenchmarkWrite(b *testing.B) {
	s := render.Sheet{Name: "Phụ lục 1 - Mô hình", Header: []string{"STT", "Tên mô hình", "Loại mô hình", "Đơn vị thực hiện", "Chi, đảng bộ"}}
	for i := range 3000 {
		s.Rows = append(s.Rows, []render.Cell{render.IntCell(i + 1), render.TextCell(fmt.Sprintf("Mô hình %d", i)), render.TextCell("Mô hình thi đua thực hiện văn hóa công sở"), render.TextCell("Văn phòng"), render.TextCell(fmt.Sprintf("Chi bộ Đơn vị %d", i/3))})
	}
	wb := &render.Workbook{Meta: render.Meta{Date: "2021-04-19"}, Sheets: []render.Sheet{s}}
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := xlsx.Write(&buf, wb); err != nil {
			b.Fatal(err)
		}
	}
}
