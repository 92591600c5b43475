package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render/pdf"
)

// receivedPDF is a cell's report as the PDF baocao makes, which the Board receives.
func receivedPDF(t testing.TB, yaml string) []byte {
	t.Helper()
	doc, problems := layouts.Load("x.yaml", []byte(yaml), input.Options{})
	if doc == nil {
		t.Fatal(problems.Error())
	}
	var buf bytes.Buffer
	if err := (pdf.Renderer{}).Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const consolidatedFromNhan = "mau: tong-hop\nso: 15\nngay: 2021-04-19\nnguon: [nhan]\nphai_bao_cao: [Chi bộ Sở Tài chính, Chi bộ Sở Tư pháp]\nky: {ho_ten: Trưởng ban}\n"

// TestRenderConsolidatedSkipUnreadable: a damaged received file stops the consolidated report;
// with --skip-unreadable it is left out, a warning says so, and the report is made.
func TestRenderConsolidatedSkipUnreadable(t *testing.T) {
	dir := t.TempDir()
	nhan := filepath.Join(dir, "nhan")
	os.Mkdir(nhan, 0o755)
	os.WriteFile(filepath.Join(nhan, "tai-chinh.pdf"), receivedPDF(t, minimalReport), 0o644)
	os.WriteFile(filepath.Join(nhan, "hong.docx"), []byte("PK\x03\x04 not a zip"), 0o644)
	file := writeInput(t, dir, "tong-hop.yaml", consolidatedFromNhan)
	broken := filepath.Join(nhan, "hong.docx")

	runMain("render", file).check(t, exitInvalid, "",
		broken+": tệp bị hỏng, không đọc được; hãy mở lại bằng Word và lưu thành .docx\n"+invalidOneFile+"\n")
	if _, err := os.Stat(replaceExt(file, ".pdf")); err == nil {
		t.Fatal("a PDF was written although a source file could not be read")
	}
	runMain("render", "--skip-unreadable", file).check(t, exitOK, "đã tạo "+replaceExt(file, ".pdf")+"\n",
		file+":4: nguon: cảnh báo: "+broken+": bỏ qua, không tính vào báo cáo tổng hợp: tệp bị hỏng, không đọc được; hãy mở lại bằng Word và lưu thành .docx\n")
}

// TestBatchReRendersReceivedPDFs: batch reads the PDFs it is given back into their reports and
// makes them again, byte for byte.
func TestBatchReRendersReceivedPDFs(t *testing.T) {
	dir := t.TempDir()
	nhan := filepath.Join(dir, "nhan")
	os.Mkdir(nhan, 0o755)
	original := receivedPDF(t, minimalReport)
	os.WriteFile(filepath.Join(nhan, "nhan-duoc.pdf"), original, 0o644)
	out := filepath.Join(dir, "ra")
	r := runMain("batch", nhan, "-o", out, "-j", "1")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	again, err := os.ReadFile(filepath.Join(out, "chi-bo-so-tai-chinh.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, original) {
		t.Error("the report re-rendered from its PDF differs from the PDF received")
	}
}

// TestReadingProgress: on a terminal, reading many files redraws one line and ends it; a few
// files, or output that is no terminal, show nothing.
func TestReadingProgress(t *testing.T) {
	var buf bytes.Buffer
	p := readingProgress(&buf, true)
	for i := 1; i <= minProgressFiles; i++ {
		p(i, minProgressFiles)
	}
	var want strings.Builder
	for i := 1; i <= minProgressFiles; i++ {
		fmt.Fprintf(&want, "\rĐang đọc các tệp báo cáo: %d/%d", i, minProgressFiles)
	}
	want.WriteString("\n")
	if buf.String() != want.String() {
		t.Errorf("progress %q, want %q", buf.String(), want.String())
	}
	buf.Reset()
	for i := 1; i < minProgressFiles; i++ {
		p(i, minProgressFiles-1)
	}
	if buf.Len() != 0 {
		t.Errorf("progress for %d files: %q", minProgressFiles-1, buf.String())
	}
	if readingProgress(&buf, false) != nil {
		t.Error("a progress line when standard error is no terminal")
	}
}
