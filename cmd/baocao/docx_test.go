package main

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// assertDOCX fails unless the file at path is a zip whose document part holds want.
func assertDOCX(t *testing.T, path, want string) {
	t.Helper()
	data := readFile(t, path)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s is not a DOCX: %v", path, err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			doc, _ := io.ReadAll(rc)
			rc.Close()
			if !strings.Contains(string(doc), want) {
				t.Errorf("%s: document.xml lacks %q", path, want)
			}
			return
		}
	}
	t.Errorf("%s has no word/document.xml", path)
}

func TestRenderFormats(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		files []string
	}{
		{"docx next to the input", []string{"--format", "docx"}, []string{"bao-cao.docx"}},
		{"both", []string{"--format", "all"}, []string{"bao-cao.pdf", "bao-cao.docx"}},
		{"format from -o", []string{"-o", "ban-in.docx"}, []string{"ban-in.docx"}},
		{"format upper case", []string{"--format", "DOCX"}, []string{"bao-cao.docx"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := writeInput(t, dir, "bao-cao.yaml", minimalReport)
			args := []string{"render"}
			for _, a := range tc.args {
				if strings.HasSuffix(a, ".docx") {
					a = filepath.Join(dir, a)
				}
				args = append(args, a)
			}
			var stdout []string
			for _, f := range tc.files {
				stdout = append(stdout, "đã tạo "+filepath.Join(dir, f))
			}
			runMain(append(args, in)...).check(t, exitOK, lines(stdout...), "")
			assertDirHolds(t, dir, append([]string{"bao-cao.yaml"}, tc.files...)...)
			for _, f := range tc.files {
				if strings.HasSuffix(f, ".docx") {
					assertDOCX(t, filepath.Join(dir, f), "Trần Văn Bình")
				} else {
					assertPDF(t, filepath.Join(dir, f))
				}
			}
		})
	}
}

func TestRenderFormatUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown format", []string{"--format", "odt"}, `baocao: định dạng "odt" không hỗ trợ; chọn pdf, docx, xlsx hoặc all`},
		{"all into one file", []string{"--format", "all", "-o", "x.pdf"}, "baocao: --format all ghi hai tệp nên -o phải là một thư mục"},
		{"format against -o", []string{"--format", "pdf", "-o", "x.docx"}, `baocao: --format pdf nhưng tệp ra "x.docx" có đuôi .docx`},
		{"template for a PDF", []string{"--template", "mau.docx"}, "baocao: --template chỉ dùng cho DOCX; thêm --format docx hoặc --format all"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := writeInput(t, dir, "bao-cao.yaml", minimalReport)
			runMain(append(append([]string{"render"}, tc.args...), in)...).check(t, exitUsage, "", lines(tc.want, usageHint))
			assertDirHolds(t, dir, "bao-cao.yaml")
		})
	}
}

// TestTemplateExportAndUse exports the base template, then renders with it as a user's template.
func TestTemplateExportAndUse(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, "mau.docx")
	runMain("template", "export", tpl).check(t, exitOK, lines("đã tạo "+tpl), "")
	assertDOCX(t, tpl, "{{ho_ten}}")
	runMain("template", "export", tpl).check(t, exitFailure, "", lines("baocao: "+tpl+": tệp đã có; thêm --force để ghi đè"))
	runMain("template", "export", "--force", tpl).check(t, exitOK, lines("đã tạo "+tpl), "")

	in := writeInput(t, dir, "bao-cao.yaml", minimalReport)
	out := filepath.Join(dir, "bao-cao.docx")
	runMain("render", "--format", "docx", "--template", tpl, in).check(t, exitOK, lines("đã tạo "+out), "")
	assertDOCX(t, out, "Trần Văn Bình")
}

func TestTemplateErrors(t *testing.T) {
	dir := t.TempDir()
	in := writeInput(t, dir, "bao-cao.yaml", minimalReport)
	notDocx := writeInput(t, dir, "mau.docx", "không phải docx")
	runMain("render", "--format", "docx", "--template", notDocx, in).check(t, exitFailure, "",
		lines("baocao: "+notDocx+": tệp mẫu không phải là tài liệu Word (.docx)"))
	missing := filepath.Join(dir, "khong-co.docx")
	runMain("render", "--format", "docx", "--template", missing, in).check(t, exitFailure, "",
		lines("baocao: "+missing+": không có tệp này"))
	runMain("template", "export", filepath.Join(dir, "mau.pdf")).check(t, exitUsage, "",
		lines(`baocao: tệp mẫu "`+filepath.Join(dir, "mau.pdf")+`" phải có đuôi .docx`, usageHint))
	assertDirHolds(t, dir, "bao-cao.yaml", "mau.docx")
}
