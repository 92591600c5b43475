package samples_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"baocao/render"
	"baocao/render/xlsx"
	"baocao/render/xlsx/xlsxtest"
)

// consolidated is the sample consolidated report, the one kind that has a workbook.
const consolidated = "tong-hop-ban-tuyen-giao.yaml"

// renderXLSX renders a document's workbook to XLSX bytes.
func renderXLSX(t testing.TB, doc *render.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (xlsx.Renderer{}).Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readXLSX reads the XLSX back with excelize.
func readXLSX(t testing.TB, data []byte) *xlsxtest.Workbook {
	t.Helper()
	wb, err := xlsxtest.Read(data)
	if err != nil {
		t.Fatalf("excelize cannot read the workbook: %v", err)
	}
	return wb
}

// TestGoldenXLSX is the golden file of the sample workbook as read back: sheet names, frozen
// panes, filters, widths, and every cell's type, value, number format and font.
func TestGoldenXLSX(t *testing.T) {
	wb := readXLSX(t, renderXLSX(t, loadSample(t, consolidated)))
	checkGolden(t, baseName(consolidated)+".xlsx.txt", []byte(wb.Dump()))

	want := []string{"Tổng hợp", "Theo loại mô hình", "Theo chi bộ", "Phụ lục 1 - Mô hình", "Phụ lục 2 - Gương"}
	if len(wb.Sheets) != len(want) {
		t.Fatalf("%d sheets, want %d", len(wb.Sheets), len(want))
	}
	for i, s := range wb.Sheets {
		if s.Name != want[i] {
			t.Errorf("sheet %d is %q, want %q", i+1, s.Name, want[i])
		}
		if s.Frozen != "A2" {
			t.Errorf("%s: frozen at %q, want the header row (A2)", s.Name, s.Frozen)
		}
		if !strings.HasPrefix(s.Filter, "A1:") {
			t.Errorf("%s: filter %q", s.Name, s.Filter)
		}
		for _, row := range s.Rows {
			for _, c := range row {
				if c.Font != render.SheetFont {
					t.Errorf("%s!%s: font %q", s.Name, c.Ref, c.Font)
				}
			}
		}
		for _, c := range s.Rows[0] {
			if !c.Bold || c.Type != "s" {
				t.Errorf("%s!%s: a header cell not bold text", s.Name, c.Ref)
			}
		}
	}
}

// sheet finds a sheet by name.
func sheet(t *testing.T, wb *xlsxtest.Workbook, name string) xlsxtest.Sheet {
	t.Helper()
	for _, s := range wb.Sheets {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no sheet %q", name)
	return xlsxtest.Sheet{}
}

// number reads a number cell, failing on any other.
func number(t *testing.T, c xlsxtest.Cell) float64 {
	t.Helper()
	if c.Type != "n" {
		t.Fatalf("%s: %q is not a number (type %q)", c.Ref, c.Raw, c.Type)
	}
	v, err := strconv.ParseFloat(c.Raw, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestXLSXFiguresAreThePDFs checks the workbook's figures against the PDF: the sentences of
// sections I and II rebuilt from the cells are in the PDF's golden text, and every table the PDF
// prints has the same rows as its sheet.
func TestXLSXFiguresAreThePDFs(t *testing.T) {
	doc := loadSample(t, consolidated)
	wb := readXLSX(t, renderXLSX(t, doc))
	golden, err := os.ReadFile(filepath.Join("testdata", baseName(consolidated)+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	pdfText := strings.Join(strings.Fields(string(golden)), " ")

	summary := map[string]xlsxtest.Cell{}
	lists := map[string]string{}
	for _, row := range sheet(t, wb, "Tổng hợp").Rows[1:] {
		summary[row[0].Raw] = row[1]
		if len(row) > 2 {
			lists[row[0].Raw] = row[2].Raw
		}
	}
	count := func(label string) int { return int(number(t, summary[label])) }
	due, reported, all := count("Số chi, đảng bộ phải báo cáo"), count("Số chi, đảng bộ phải báo cáo đã báo cáo"), count("Tổng số chi, đảng bộ đã báo cáo, kể cả ngoài danh sách")
	share := strings.TrimSuffix(fmt.Sprintf("%.1f", 100*number(t, summary["Tỷ lệ đã báo cáo"])), ".0")
	if summary["Ngày báo cáo"].Shown != "19/4/2021" || summary["Thời hạn các chi, đảng bộ báo cáo"].Shown != "15/4/2021" {
		t.Errorf("dates shown as %q and %q", summary["Ngày báo cáo"].Shown, summary["Thời hạn các chi, đảng bộ báo cáo"].Shown)
	}
	for _, sentence := range []string{
		fmt.Sprintf("Tính đến ngày 19/4/2021, có %02d/%02d chi, đảng bộ cơ sở đã báo cáo kết quả đăng ký (đạt %s%%).", reported, due, strings.Replace(share, ".", ",", 1)),
		fmt.Sprintf("- Chi, đảng bộ chưa báo cáo: %02d, gồm: %s.", count("Số chi, đảng bộ chưa báo cáo"), lists["Số chi, đảng bộ chưa báo cáo"]),
		fmt.Sprintf("- Số chi, đảng bộ đã xây dựng kế hoạch thực hiện: %02d/%02d chi, đảng bộ đã báo cáo.", count("Số chi, đảng bộ đã xây dựng kế hoạch thực hiện"), all),
		fmt.Sprintf("- Chi, đảng bộ báo cáo chậm so với thời hạn (15/4/2021): %02d, gồm: %s.", count("Số chi, đảng bộ báo cáo chậm so với thời hạn"), lists["Số chi, đảng bộ báo cáo chậm so với thời hạn"]),
		fmt.Sprintf("Tổng số mô hình đăng ký: %d,", count("Tổng số mô hình tập thể đăng ký")),
		fmt.Sprintf("Tổng số gương cá nhân điển hình tiên tiến đăng ký: %d.", count("Tổng số gương cá nhân điển hình tiên tiến đăng ký")),
	} {
		if !strings.Contains(pdfText, sentence) {
			t.Errorf("the PDF does not say %q", sentence)
		}
	}
	if n := count("Số chi, đảng bộ báo cáo ngoài danh sách phải báo cáo"); n != 0 || all != reported {
		t.Errorf("%d cells outside the due list, %d reported in all", n, all)
	}

	// The tables: the kind table's quotas are "-" or two digits in the PDF, empty or a number here.
	tables := map[string]render.Table{}
	for _, b := range doc.Body {
		if tb, ok := b.(render.Table); ok {
			tables[tb.Columns[1].Title] = tb
		}
	}
	kinds := sheet(t, wb, "Theo loại mô hình")
	kindTable := tables["Loại mô hình"]
	compareRows(t, kinds, append(kindTable.Rows, kindTable.Total), func(s string) string {
		if s == "-" {
			return ""
		}
		return strings.TrimPrefix(s, "0")
	})
	// The cell table lists the cells that reported; the sheet every cell due, with its standing.
	byCell := sheet(t, wb, "Theo chi bộ")
	cellTable := tables["Chi, đảng bộ"]
	var reportedRows [][]string
	for _, row := range byCell.Rows[1 : len(byCell.Rows)-1] {
		if row[2].Raw == "Chưa báo cáo" {
			if row[3].Raw != "" || row[6].Raw != "" {
				t.Errorf("%s: a cell that has not reported has a date or counts", row[1].Raw)
			}
			if !strings.Contains(lists["Số chi, đảng bộ chưa báo cáo"], row[1].Raw) {
				t.Errorf("%s is not in the summary's list of those who have not reported", row[1].Raw)
			}
			continue
		}
		if row[3].Type != "n" || row[3].NumFmt != render.SheetDateFormat && row[3].NumFmt != render.SheetMonthFormat {
			t.Errorf("%s: the date %q is not a date (type %q, format %q)", row[1].Raw, row[3].Raw, row[3].Type, row[3].NumFmt)
		}
		if late := strings.Contains(lists["Số chi, đảng bộ báo cáo chậm so với thời hạn"], row[1].Raw); late != (row[4].Raw == "Chậm") {
			t.Errorf("%s: %q, but the list of late cells says %v", row[1].Raw, row[4].Raw, late)
		}
		reportedRows = append(reportedRows, []string{strconv.Itoa(len(reportedRows) + 1), row[1].Raw, row[6].Raw, row[7].Raw})
	}
	if !equalRows(reportedRows, cellTable.Rows) {
		t.Errorf("the cells that reported:\n%q\nthe PDF's table:\n%q", reportedRows, cellTable.Rows)
	}
	total := byCell.Rows[len(byCell.Rows)-1]
	if got := []string{"", total[1].Raw, total[6].Raw, total[7].Raw}; !equalRows([][]string{got}, [][]string{cellTable.Total}) {
		t.Errorf("the sheet by cell totals %q, the PDF %q", got, cellTable.Total)
	}
	for i, name := range []string{"Phụ lục 1 - Mô hình", "Phụ lục 2 - Gương"} {
		compareRows(t, sheet(t, wb, name), doc.Appendices[i].Body[0].(render.Table).Rows, func(s string) string { return s })
	}
}

// compareRows checks a sheet's rows under its header against a table's rows, each cell of the
// table put through pdf first.
func compareRows(t *testing.T, s xlsxtest.Sheet, want [][]string, pdf func(string) string) {
	t.Helper()
	var got, expected [][]string
	for _, row := range s.Rows[1:] {
		var cells []string
		for _, c := range row {
			cells = append(cells, c.Raw)
		}
		got = append(got, cells)
	}
	for _, row := range want {
		var cells []string
		for _, c := range row {
			cells = append(cells, pdf(c))
		}
		expected = append(expected, cells)
	}
	if !equalRows(got, expected) {
		t.Errorf("%s:\n%q\nthe PDF's table:\n%q", s.Name, got, expected)
	}
}

// equalRows compares rows of text.
func equalRows(a, b [][]string) bool {
	return fmt.Sprintf("%q", a) == fmt.Sprintf("%q", b)
}

// TestXLSXSameBytes renders the sample workbook twice from its file, and once from the file in
// Unicode NFD: the same bytes each time.
func TestXLSXSameBytes(t *testing.T) {
	first := renderXLSX(t, loadSample(t, consolidated))
	if second := renderXLSX(t, loadSample(t, consolidated)); !bytes.Equal(first, second) {
		t.Fatal("two renderings of the same input differ")
	}
	data, err := os.ReadFile(consolidated)
	if err != nil {
		t.Fatal(err)
	}
	if nfd := renderXLSX(t, loadDocument(t, consolidated, norm.NFD.Bytes(data))); !bytes.Equal(nfd, first) {
		t.Fatal("decomposed input gives a different workbook")
	}
}

// TestXLSXOnlyForConsolidated checks that the cells' reports have no workbook.
func TestXLSXOnlyForConsolidated(t *testing.T) {
	for _, file := range sampleFiles(t) {
		if doc := loadSample(t, file); (doc.Workbook != nil) != (file == consolidated) {
			t.Errorf("%s: has a workbook: %v", file, doc.Workbook != nil)
		}
	}
}

// TestLibreOfficeOpensXLSX converts the sample workbook to PDF with LibreOffice: every sheet is
// printed, with its header and its last row.
func TestLibreOfficeOpensXLSX(t *testing.T) {
	tool := needTool(t, "soffice")
	data := renderXLSX(t, loadSample(t, consolidated))
	dir := t.TempDir()
	in := filepath.Join(dir, "tong-hop.xlsx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tool, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdfBytes, err := os.ReadFile(filepath.Join(dir, "tong-hop.pdf"))
	if err != nil {
		t.Fatalf("LibreOffice made no PDF (is libreoffice-calc installed?): %v", err)
	}
	text := strings.Join(strings.Fields(string(pdfToText(t, pdfBytes))), " ")
	for _, s := range readXLSX(t, data).Sheets {
		for _, c := range []xlsxtest.Cell{s.Rows[0][1], s.Rows[len(s.Rows)-1][1]} {
			if !strings.Contains(text, c.Raw) {
				t.Errorf("%s: LibreOffice does not print %q", s.Name, c.Raw)
			}
		}
	}
}
