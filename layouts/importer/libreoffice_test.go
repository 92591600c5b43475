package importer_test

import (
	"bytes"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"baocao/layouts/importer"
)

// The LibreOffice corpus: reports written as HTML by this test and converted to DOCX by
// LibreOffice (soffice --convert-to docx), so that the files have the structure an office suite
// writes (its styles, numbering, table properties, fonts). The converted files are committed;
// go test -update regenerates them when soffice is installed.

// htmlTable is a borderless table of cells of paragraphs.
func htmlTable(border bool, rows ...[]string) string {
	var b strings.Builder
	if border {
		b.WriteString(`<table border="1" cellspacing="0">`)
	} else {
		b.WriteString(`<table border="0" cellspacing="0">`)
	}
	for _, row := range rows {
		b.WriteString("<tr>")
		for _, c := range row {
			b.WriteString("<td>" + c + "</td>")
		}
		b.WriteString("</tr>")
	}
	return b.String() + "</table>"
}

func p(s string) string { return "<p>" + html.EscapeString(s) + "</p>" }

// vnFont is text typed in a legacy font, as HTML.
func vnFont(font, s string) string {
	return `<p><font face="` + font + `">` + html.EscapeString(s) + `</font></p>`
}

var libreOfficeCorpus = map[string]string{
	// The header and the closing band as borderless tables, models as a numbered list, exemplars
	// as a table with a header row.
	"lo-bang-danh-sach": htmlTable(false,
		[]string{p(parentCaps) + p(orgCaps) + p("*"), p(motto)},
		[]string{p("Số 05-BC/CB"), p("Yên Bái, ngày 12 tháng 4 năm 2021")}) +
		p("BÁO CÁO") + p(subject1) + p(subject2) + p("-----") + p(opening) +
		p(heading1) + p(planLine) + p(heading2) + p(count2) +
		"<ol><li>" + html.EscapeString(models[0][0]+" — "+models[0][1]) + "</li><li>" + html.EscapeString(models[1][0]+" — "+models[1][1]) + "</li></ol>" +
		p(heading3) + p(count3) +
		htmlTable(true, []string{"STT", "Họ và tên", "Chức vụ", "Đơn vị"},
			[]string{"1", people[0][0], people[0][1], people[0][2]},
			[]string{"2", people[1][0], people[1][1], people[1][2]}) +
		p(closing) +
		htmlTable(false, []string{p("Nơi nhận:") + p("- Ban Tuyên giáo ĐUK;") + p("- Lưu Chi bộ."), p("T/M BAN CHI ỦY") + p("BÍ THƯ") + p("") + p("Trần Văn Bình")}),
	// Everything as paragraphs, one line each, as typed without tables or tabs.
	"lo-doan-van": p(parentCaps) + p(orgCaps) + p("*") + p("Số 05-BC/CB") + p(motto) + p("Yên Bái, ngày 12 tháng 4 năm 2021") +
		p("BÁO CÁO") + p(subject1+" "+subject2) + p("-----") + p(opening) +
		p(heading1) + p(planLine) + p(heading2) + p(count2) +
		p("(1): "+models[0][0]+" — "+models[0][1]+".") + p("(2): "+models[1][0]+" — "+models[1][1]+".") +
		p(heading3) + p(count3) +
		p("(1): "+people[0][0]+", "+people[0][1]+", "+people[0][2]+".") + p("(2): "+people[1][0]+", "+people[1][1]+", "+people[1][2]+".") +
		p(closing) + p("Nơi nhận:") + p("- Ban Tuyên giáo ĐUK;") + p("- Lưu Chi bộ.") + p("T/M BAN CHI ỦY") + p("BÍ THƯ") + p("Trần Văn Bình"),
	// Typed in .VnTime, the capitals in .VnTimeH.
	"lo-vntime": htmlTable(false,
		[]string{vnFont(".VnTimeH", tcvn3(parentCaps, true)) + vnFont(".VnTimeH", tcvn3(orgCaps, true)) + p("*"), vnFont(".VnTimeH", tcvn3(motto, true))},
		[]string{vnFont(".VnTime", tcvn3("Số 05-BC/CB", false)), vnFont(".VnTime", tcvn3("Yên Bái, ngày 12 tháng 4 năm 2021", false))}) +
		vnFont(".VnTimeH", tcvn3("BÁO CÁO", true)) + vnFont(".VnTime", tcvn3(subject1+" "+subject2, false)) + p("-----") +
		vnFont(".VnTime", tcvn3(opening, false)) + vnFont(".VnTime", tcvn3(heading1, false)) + vnFont(".VnTime", tcvn3(planLine, false)) +
		vnFont(".VnTime", tcvn3(heading2, false)) + vnFont(".VnTime", tcvn3(count2, false)) +
		vnFont(".VnTime", tcvn3("(1): "+models[0][0]+" — "+models[0][1]+".", false)) + vnFont(".VnTime", tcvn3("(2): "+models[1][0]+" — "+models[1][1]+".", false)) +
		vnFont(".VnTime", tcvn3(heading3, false)) + vnFont(".VnTime", tcvn3(count3, false)) +
		vnFont(".VnTime", tcvn3("(1): "+people[0][0]+", "+people[0][1]+", "+people[0][2]+".", false)) + vnFont(".VnTime", tcvn3("(2): "+people[1][0]+", "+people[1][1]+", "+people[1][2]+".", false)) +
		vnFont(".VnTime", tcvn3(closing, false)) +
		htmlTable(false, []string{vnFont(".VnTime", tcvn3("Nơi nhận:", false)) + vnFont(".VnTime", tcvn3("- Ban Tuyên giáo ĐUK;", false)) + vnFont(".VnTime", tcvn3("- Lưu Chi bộ.", false)),
			vnFont(".VnTimeH", tcvn3("T/M BAN CHI ỦY", true)) + vnFont(".VnTimeH", tcvn3("BÍ THƯ", true)) + p("") + vnFont(".VnTime", tcvn3("Trần Văn Bình", false))}),
}

// convert runs LibreOffice on an HTML file, giving the file in format ("docx", "doc").
func convert(t *testing.T, dir, name, format string) []byte {
	t.Helper()
	filter := map[string]string{"docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97"}[format]
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--infilter=HTML (StarWriter)", "--convert-to", filter, "--outdir", dir, filepath.Join(dir, name+".html"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, name+"."+format))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestLibreOfficeCorpus imports the DOCX LibreOffice made: each gives the report's YAML, the
// same as every hand-typed shape, with its exact problems.
func TestLibreOfficeCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "libreoffice")
	if *update {
		if _, err := exec.LookPath("soffice"); err != nil {
			t.Log("soffice not installed: the LibreOffice corpus is not regenerated")
		} else {
			tmp := t.TempDir()
			for name, body := range libreOfficeCorpus {
				page := `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:"Times New Roman"}</style></head><body>` + body + `</body></html>`
				if err := os.WriteFile(filepath.Join(tmp, name+".html"), []byte(page), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name+".docx"), convert(t, tmp, name, "docx"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join("testdata", "refuse", "word-97.doc"), convert(t, tmp, "lo-doan-van", "doc"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, name := range sortedKeys(libreOfficeCorpus) {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, name+".docx"))
			if err != nil {
				t.Fatal(err)
			}
			res := importer.ReadDOCX(name+".docx", data)
			var yaml []byte
			if len(res.Reports) == 1 {
				yaml = res.Reports[0]
			}
			if string(yaml) != baseYAML {
				t.Errorf("imports to:\n%s\nwant:\n%s", yaml, baseYAML)
			}
			golden(t, filepath.Join(dir, name+".problems"), problemsText(res))
		})
	}
}

// needSoffice returns soffice's path; without it the test is skipped, and fails in CI.
func needSoffice(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice is needed in CI (Debian libreoffice-writer-nogui)")
		}
		t.Skip("soffice not installed")
	}
	return path
}

// TestDOCXSavedAgainByLibreOffice: a DOCX made by baocao, opened and saved again by an office
// suite without an edit, still imports to exactly the data it was made from: the visible text,
// as the suite rewrites it, reads as what baocao printed.
func TestDOCXSavedAgainByLibreOffice(t *testing.T) {
	soffice := needSoffice(t)
	dir := t.TempDir()
	for name, data := range registrationSamples(t) {
		t.Run(name, func(t *testing.T) {
			doc := load(t, name, data)
			in := filepath.Join(dir, "in", strings.TrimSuffix(name, ".yaml")+".docx")
			os.MkdirAll(filepath.Dir(in), 0o755)
			if err := os.WriteFile(in, renderDOCX(t, doc), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
				"--convert-to", "docx:MS Word 2007 XML", "--outdir", out, in)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("soffice: %v\n%s", err, b)
			}
			saved, err := os.ReadFile(filepath.Join(out, filepath.Base(in)))
			if err != nil {
				t.Fatal(err)
			}
			res := importer.ReadDOCX(filepath.Base(in), saved)
			if len(res.Problems) != 0 {
				for _, p := range res.Problems {
					t.Errorf("problem: %s", p.String())
				}
			}
			if len(res.Reports) != 1 || !bytes.Equal(res.Reports[0], doc.Data) {
				t.Errorf("imported:\n%s", res.Reports)
			}
		})
	}
}
