package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importWarnings are the warnings of importing the DOCX of minimalReport from its visible text
// alone: what the text does not say (the sector, the model's kind) is guessed.
func importWarnings(file string) []string {
	return []string{
		file + `: co_quan.khoi: cảnh báo: báo cáo không ghi khối; đã đoán là "co-quan" (cơ quan); hãy kiểm tra`,
		file + `: mo_hinh[1].loai: cảnh báo: mô hình "Văn hóa công sở tại Văn phòng Sở" không ghi loại; đã đoán là "van-hoa-cong-so" (Mô hình thi đua thực hiện văn hóa công sở) vì tên có chữ "Văn hóa công sở"; hãy kiểm tra`,
	}
}

// renderedDOCX renders minimalReport as DOCX into dir, then removes the YAML, as a received file.
func renderedDOCX(t *testing.T, dir string) string {
	t.Helper()
	in := writeInput(t, dir, "bao-cao.yaml", minimalReport)
	runMain("render", "--format", "docx", in).check(t, exitOK, lines("đã tạo "+filepath.Join(dir, "bao-cao.docx")), "")
	if err := os.Remove(in); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "bao-cao.docx")
}

// withoutData rewrites a DOCX without the data part baocao puts in it, as a typed file has none.
func withoutData(t *testing.T, path string) {
	t.Helper()
	data := readFile(t, path)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "customXml/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(f.Name)
		io.Copy(w, rc)
		rc.Close()
	}
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImportWritesYAMLBesideTheFile: the YAML is written next to the DOCX, is the data the DOCX
// was made from, renders again, and is not overwritten without --force.
func TestImportWritesYAMLBesideTheFile(t *testing.T) {
	dir := t.TempDir()
	docx := renderedDOCX(t, dir)
	out := filepath.Join(dir, "bao-cao.yaml")
	runMain("import", docx).check(t, exitOK, lines("đã tạo "+out), "")
	assertDirHolds(t, dir, "bao-cao.docx", "bao-cao.yaml")
	first := readFile(t, out)
	if !strings.Contains(string(first), "ho_ten: Trần Văn Bình") || !strings.HasPrefix(string(first), "# ") {
		t.Errorf("imported YAML is not the canonical data:\n%s", first)
	}
	runMain("render", "-o", filepath.Join(dir, "lai.pdf"), out).check(t, exitOK, lines("đã tạo "+filepath.Join(dir, "lai.pdf")), "")

	runMain("import", docx).check(t, exitFailure, "", lines(out+": tệp đã có; thêm --force để ghi đè", "baocao: 1 tệp không nhập được"))
	runMain("import", "--force", docx).check(t, exitOK, lines("đã tạo "+out), "")
}

// TestImportPrintsProblems: a DOCX read from its text alone prints each guess as a warning, and
// its YAML renders.
func TestImportPrintsProblems(t *testing.T) {
	dir := t.TempDir()
	docx := renderedDOCX(t, dir)
	withoutData(t, docx)
	out := filepath.Join(dir, "bao-cao.yaml")
	runMain("import", docx).check(t, exitOK, lines("đã tạo "+out), lines(importWarnings(docx)...))
	runMain("validate", out).check(t, exitOK, lines(out+": hợp lệ"), "")
}

// TestImportIntoFolder: -o names a folder for many files, or one .yaml file for one.
func TestImportIntoFolder(t *testing.T) {
	dir := t.TempDir()
	docx := renderedDOCX(t, dir)
	outDir := filepath.Join(dir, "ra")
	if err := os.Mkdir(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	runMain("import", "-o", outDir, docx).check(t, exitOK, lines("đã tạo "+filepath.Join(outDir, "bao-cao.yaml")), "")
	one := filepath.Join(dir, "mot.yaml")
	runMain("import", "-o", one, docx).check(t, exitOK, lines("đã tạo "+one), "")
	runMain("import", "-o", filepath.Join(dir, "x.pdf"), docx).check(t, exitUsage, "",
		lines(`baocao: tệp ra "`+filepath.Join(dir, "x.pdf")+`" phải có đuôi .yaml, hoặc là một thư mục`, usageHint))
	runMain("import").check(t, exitUsage, "", lines("baocao: cần ít nhất một tệp báo cáo (.docx hoặc .pdf)", usageHint))
}

// TestImportRefusesAndGoesOn: a refused file writes nothing and exits 3; the good ones are still
// written.
func TestImportRefusesAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	docx := renderedDOCX(t, dir)
	doc := writeInput(t, dir, "cu.doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	missing := filepath.Join(dir, "khong-co.docx")
	res := runMain("import", doc, docx, missing)
	res.check(t, exitFailure, lines("đã tạo "+filepath.Join(dir, "bao-cao.yaml")), lines(
		doc+": tệp Office đời cũ (.doc, .xls) hoặc tệp có đặt mật khẩu, không đọc được; hãy mở bằng Word, bỏ mật khẩu nếu có, và lưu thành .docx",
		missing+": không có tệp này", "baocao: 2 tệp không nhập được"))
	assertDirHolds(t, dir, "bao-cao.docx", "bao-cao.yaml", "cu.doc")
	runMain("import", doc).check(t, exitInvalid, "", lines(
		doc+": tệp Office đời cũ (.doc, .xls) hoặc tệp có đặt mật khẩu, không đọc được; hãy mở bằng Word, bỏ mật khẩu nếu có, và lưu thành .docx",
		invalidOneFile))
}

// TestImportFlags: the constructor only parses flags into the options.
func TestImportFlags(t *testing.T) {
	var got *importOptions
	c := newImportCmd(nil, nil, func(o *importOptions) error { got = o; return nil })
	c.SetArgs([]string{"-o", "ra/", "--force", "a.docx", "b.pdf"})
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.Output != "ra/" || !got.Force || strings.Join(got.Files, " ") != "a.docx b.pdf" {
		t.Errorf("options: %+v", got)
	}
}
