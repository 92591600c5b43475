package samples_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"baocao/render/docx"
)

// throughLibreOffice opens a DOCX in LibreOffice and saves it again as DOCX, as a secretary who
// edits the template there does.
func throughLibreOffice(t *testing.T, data []byte) []byte {
	t.Helper()
	tool := needTool(t, "soffice")
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "mau.docx")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(tool, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	saved, err := os.ReadFile(filepath.Join(out, "mau.docx"))
	if err != nil {
		t.Fatalf("soffice wrote no DOCX: %v", err)
	}
	return saved
}

// TestTemplateSavedByLibreOffice exports the base template, saves it through LibreOffice (which
// renames every style ID and rewrites the section properties), and renders the consolidated
// report, appendices included, with it: the report keeps its styles, its page count, its lines
// and its appendices' page numbers, exactly as with the base template.
func TestTemplateSavedByLibreOffice(t *testing.T) {
	base, err := docx.Base()
	if err != nil {
		t.Fatal(err)
	}
	var exported bytes.Buffer
	if _, err := base.WriteTo(&exported); err != nil {
		t.Fatal(err)
	}
	saved := throughLibreOffice(t, exported.Bytes())
	if parts := docxParts(t, saved); !strings.Contains(string(parts["word/styles.xml"]), `w:styleId="BocoNidung"`) {
		t.Fatal("LibreOffice kept the style IDs: the test no longer shows what it must")
	}
	tpl, err := docx.ReadTemplate(saved)
	if err != nil {
		t.Fatalf("the template saved by LibreOffice is refused: %v", err)
	}
	doc := loadSample(t, "tong-hop-ban-tuyen-giao.yaml")
	var withTemplate bytes.Buffer
	if err := (docx.Renderer{Template: tpl}).Render(&withTemplate, doc); err != nil {
		t.Fatal(err)
	}
	body := string(docxParts(t, withTemplate.Bytes())["word/document.xml"])
	for _, id := range []string{"BocoNidung", "Bocomc", "BocoChtrongbng", "BocoTiuct", "BocoTnphlc", "BocoKtthc"} {
		if !strings.Contains(body, `<w:pStyle w:val="`+id+`"/>`) {
			t.Errorf("no paragraph names the template's style %s", id)
		}
	}
	pdfs := libreOfficeBatches(t, map[string][]byte{"base": renderDOCX(t, doc), "saved": withTemplate.Bytes()}, 2)
	ours, theirs := readBBox(t, pdfs["base"]), readBBox(t, pdfs["saved"])
	comparePages(t, ours, theirs)
	// The appendices number their pages anew, as in our PDF: no number on the first page of each,
	// "2" on the next.
	want := pageNumbers(readBBox(t, renderPDF(t, doc)))
	if got := pageNumbers(theirs); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("page numbers with the saved template %q, want %q", got, want)
	}
	if unnumbered := strings.Count(","+strings.Join(want, ",")+",", ",,"); unnumbered < 2 {
		t.Errorf("page numbers %q: the appendices do not start anew", want)
	}
}

// pageNumbers reads the number at the top of every page, "" where there is none.
func pageNumbers(pages []bboxPage) []string {
	var out []string
	for _, p := range pages {
		n := ""
		for _, l := range lines(p.Words, 0, 1e9) {
			if isNumberZone(l) {
				n = l.text()
			}
		}
		out = append(out, n)
	}
	return out
}
