package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render/xlsx"
	"baocao/render/xlsx/xlsxtest"
)

// consolidatedSample is the sample consolidated report; its cells' files are beside it.
var consolidatedSample = filepath.Join("..", "..", "samples", "tong-hop-ban-tuyen-giao.yaml")

// sampleWorkbook is the sample's workbook as the backend writes it, for comparing with the
// command's file.
func sampleWorkbook(t *testing.T) []byte {
	t.Helper()
	doc, problems := layouts.Load(consolidatedSample, readFile(t, consolidatedSample), input.Options{Files: input.OSFiles})
	if doc == nil {
		t.Fatal(problems.Error())
	}
	var buf bytes.Buffer
	if err := (xlsx.Renderer{}).Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRenderXLSX writes the consolidated report's workbook by --format and by -o's extension, as
// the backend writes it, and keeps an existing file without --force.
func TestRenderXLSX(t *testing.T) {
	want := sampleWorkbook(t)
	dir := t.TempDir()
	byFormat := filepath.Join(dir, "tong-hop-ban-tuyen-giao.xlsx")
	runMain("render", "--format", "xlsx", "-o", dir+"/", consolidatedSample).check(t, exitOK, lines("đã tạo "+byFormat), "")
	byExt := filepath.Join(dir, "Bảng Tổng Hợp.XLSX")
	runMain("render", "-o", byExt, consolidatedSample).check(t, exitOK, lines("đã tạo "+byExt), "")
	for _, f := range []string{byFormat, byExt} {
		if !bytes.Equal(readFile(t, f), want) {
			t.Errorf("%s is not the workbook of the report", f)
		}
	}
	assertDirHolds(t, dir, "tong-hop-ban-tuyen-giao.xlsx", "Bảng Tổng Hợp.XLSX")

	// An existing file is kept without --force, replaced with it.
	if err := os.WriteFile(byExt, []byte("của người dùng"), 0o644); err != nil {
		t.Fatal(err)
	}
	runMain("render", "-o", byExt, consolidatedSample).check(t, exitFailure, "", lines(
		byExt+": tệp đã có; thêm --force để ghi đè",
		"baocao: 1 tệp không tạo được",
	))
	if string(readFile(t, byExt)) != "của người dùng" {
		t.Error("the user's file was overwritten")
	}
	runMain("render", "--force", "-o", byExt, consolidatedSample).check(t, exitOK, lines("đã tạo "+byExt), "")
	if !bytes.Equal(readFile(t, byExt), want) {
		t.Error("--force did not write the workbook")
	}
	assertDirHolds(t, dir, "tong-hop-ban-tuyen-giao.xlsx", "Bảng Tổng Hợp.XLSX")

	// --format all stays the two page formats.
	all := t.TempDir()
	r := runMain("render", "--format", "all", "-o", all+"/", consolidatedSample)
	if r.code != exitOK {
		t.Fatalf("--format all: %d\n%s", r.code, r.stderr)
	}
	assertDirHolds(t, all, "tong-hop-ban-tuyen-giao.pdf", "tong-hop-ban-tuyen-giao.docx")
}

// TestRenderXLSXOfACellsReport refuses Excel for a cell's own report, in words, writing nothing,
// and still writes the other inputs' workbooks.
func TestRenderXLSXOfACellsReport(t *testing.T) {
	dir := t.TempDir()
	in := writeInput(t, dir, "bao-cao.yaml", minimalReport)
	refusal := in + ": định dạng xlsx (Excel) chỉ dùng cho báo cáo tổng hợp (mau: tong-hop); văn bản này tạo được PDF hoặc DOCX"
	runMain("render", "--format", "xlsx", in).check(t, exitFailure, "", lines(refusal, "baocao: 1 tệp không tạo được"))
	runMain("render", "-o", filepath.Join(dir, "bao-cao.xlsx"), in).check(t, exitFailure, "", lines(refusal, "baocao: 1 tệp không tạo được"))
	assertDirHolds(t, dir, "bao-cao.yaml")

	out := t.TempDir()
	runMain("render", "--format", "xlsx", "-o", out, in, consolidatedSample).check(t, exitFailure,
		lines("đã tạo "+filepath.Join(out, "tong-hop-ban-tuyen-giao.xlsx")),
		lines(refusal, "baocao: 1 tệp không tạo được"))
	assertDirHolds(t, out, "tong-hop-ban-tuyen-giao.xlsx")
}

// TestRenderXLSXUsage: the flags that do not go with xlsx.
func TestRenderXLSXUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "xlsx", "-o", "x.pdf"}, `baocao: --format xlsx nhưng tệp ra "x.pdf" có đuôi .pdf`},
		{[]string{"--format", "pdf", "-o", "x.xlsx"}, `baocao: --format pdf nhưng tệp ra "x.xlsx" có đuôi .xlsx`},
		{[]string{"--format", "xlsx", "--template", "mau.docx"}, "baocao: --template chỉ dùng cho DOCX; thêm --format docx hoặc --format all"},
		{[]string{"--format", "excel"}, `baocao: định dạng "excel" không hỗ trợ; chọn pdf, docx, xlsx hoặc all`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			runMain(append(append([]string{"render"}, tc.args...), consolidatedSample)...).check(t, exitUsage, "", lines(tc.want, usageHint))
		})
	}
}

// TestBatchXLSX writes the table of outcomes as a workbook: one row per cell with its file,
// result, warnings and first error, numbers as numbers; the same inputs give the same bytes.
func TestBatchXLSX(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("mau: dang-ky\nchung:\n  dia_danh: Yên Bái\ndanh_sach:\n")
	for i := 1; i <= 4; i++ {
		rosterCell(&b, i)
	}
	text := strings.Replace(b.String(), "ngay: 2021-04-04", "ngay: 2021-02-30", 1) // cell 3
	text = strings.Replace(text, "ngay: 2021-04-05", "ngay: 2021-04-16", 1)        // cell 4: late, a warning
	in := writeInput(t, dir, "danh-sach.yaml", text)
	table := filepath.Join(dir, "ket-qua.xlsx")
	r := runMain("batch", in, "-o", filepath.Join(dir, "ra"), "--format", "all", "--xlsx", table)
	if r.code != exitInvalid {
		t.Fatalf("exit %d, want %d\n%s", r.code, exitInvalid, r.stderr)
	}
	if !strings.Contains(r.stdout, "đã tạo "+table+" (bảng kết quả của 4 chi, đảng bộ)\n") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	first := readFile(t, table)
	wb, err := xlsxtest.Read(first)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Sheets) != 1 || wb.Sheets[0].Name != "Kết quả" || wb.Sheets[0].Frozen != "A2" || wb.Sheets[0].Filter != "A1:G5" {
		t.Fatalf("sheets %+v", wb.Sheets)
	}
	if wb.Properties.Created != "2021-04-16T00:00:00Z" || wb.Properties.Creator != "Đảng uỷ Khối cơ quan và doanh nghiệp tỉnh" {
		t.Errorf("properties %+v: want the latest report's date and the superior body", wb.Properties)
	}
	rows := wb.Sheets[0].Rows
	var got []string
	for _, row := range rows {
		var cells []string
		for _, c := range row {
			cells = append(cells, c.Type+":"+c.Raw)
		}
		got = append(got, strings.Join(cells, " | "))
	}
	item := func(n int) string { return fmt.Sprintf("%s (mục %d)", in, n) }
	wantRows := []string{
		"s:STT | s:Chi, đảng bộ | s:Tệp | s:Kết quả | s:Số cảnh báo | s:Cảnh báo đầu tiên | s:Lỗi",
		"n:1 | s:Chi bộ Sở Số 1 | s:" + item(1) + " | s:đã tạo chi-bo-so-so-1.pdf, chi-bo-so-so-1.docx | n:0 | : | :",
		"n:2 | s:Chi bộ Sở Số 2 | s:" + item(2) + " | s:đã tạo chi-bo-so-so-2.pdf, chi-bo-so-so-2.docx | n:0 | : | :",
		fmt.Sprintf(`n:3 | s:Chi bộ Sở Số 3 | s:%s | s:có lỗi, không tạo | n:0 | : | s:%s:%d: danh_sach[3].ngay: "2021-02-30" không phải là ngày hợp lệ: tháng 2/2021 chỉ có 28 ngày`, item(3), in, lineOf(t, text, "2021-02-30")),
		fmt.Sprintf(`n:4 | s:Chi bộ Sở Số 4 | s:%s | s:đã tạo chi-bo-so-so-4.pdf, chi-bo-so-so-4.docx | n:1 | s:%s:%d: danh_sach[4].ngay: cảnh báo: ngày báo cáo 16/4/2021 sau hạn 15/4/2021 của giai đoạn 2021-2023 | :`, item(4), in, lineOf(t, text, "2021-04-16")),
	}
	if strings.Join(got, "\n") != strings.Join(wantRows, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantRows, "\n"))
	}

	// Again into a new folder with --force: the same bytes.
	runMain("batch", in, "-o", filepath.Join(dir, "ra2"), "--format", "all", "--xlsx", table, "--force")
	if !bytes.Equal(readFile(t, table), first) {
		t.Error("the same inputs give another workbook")
	}
	// Without --force the table is kept, and the run fails.
	if err := os.WriteFile(table, []byte("của người dùng"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runMain("batch", in, "-o", filepath.Join(dir, "ra3"), "--xlsx", table)
	if r.code != exitFailure || !strings.Contains(r.stderr, "baocao: "+table+": tệp đã có; thêm --force để ghi đè") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if string(readFile(t, table)) != "của người dùng" {
		t.Error("the user's file was overwritten")
	}
}

// TestBatchXLSXUsage: batch has no xlsx format of its own, and --xlsx needs the extension.
func TestBatchXLSXUsage(t *testing.T) {
	dir := t.TempDir()
	in := writeInput(t, dir, "bao-cao.yaml", minimalReport)
	out := filepath.Join(dir, "ra")
	runMain("batch", in, "-o", out, "--format", "xlsx").check(t, exitUsage, "", lines(
		"baocao: định dạng xlsx chỉ dùng cho báo cáo tổng hợp, không cho báo cáo của từng chi, đảng bộ; muốn bảng kết quả bằng Excel thì dùng --xlsx TỆP.xlsx", usageHint))
	runMain("batch", in, "-o", out, "--xlsx", "ket-qua.csv").check(t, exitUsage, "", lines(
		`baocao: tệp bảng kết quả "ket-qua.csv" phải có đuôi .xlsx`, usageHint))
	assertDirHolds(t, dir, "bao-cao.yaml")
}

// TestLibreOfficeOpensCommandXLSX converts the workbooks the commands write, the consolidated
// report's, a batch's table and the roster template, with LibreOffice.
func TestLibreOfficeOpensCommandXLSX(t *testing.T) {
	tool, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice is not installed; .ci/run must install it")
		}
		t.Skip("soffice is not installed")
	}
	dir := t.TempDir()
	report := filepath.Join(dir, "tong-hop.xlsx")
	runMain("render", "-o", report, consolidatedSample).check(t, exitOK, lines("đã tạo "+report), "")
	in := writeInput(t, dir, "bao-cao.yaml", minimalReport)
	table := filepath.Join(dir, "ket-qua.xlsx")
	if r := runMain("batch", in, "-o", filepath.Join(dir, "ra"), "--xlsx", table); r.code != exitOK {
		t.Fatalf("batch: %d\n%s", r.code, r.stderr)
	}
	roster := filepath.Join(dir, "danh-sach.xlsx")
	runMain("template", "export", "--xlsx", roster).check(t, exitOK, lines("đã tạo "+roster), "")
	cmd := exec.Command(tool, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", filepath.Join(dir, "pdf"), report, table, roster)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, name := range []string{"tong-hop.pdf", "ket-qua.pdf", "danh-sach.pdf"} {
		assertPDF(t, filepath.Join(dir, "pdf", name))
	}
}
