package docx

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"baocao/render"
	"baocao/render/docx/docxtest"
	"baocao/render/rendertest"
)

// schemaDocuments are documents that together use every part the renderer writes: every block
// kind, tables with totals, landscape and portrait appendices, hostile text, and data.
func schemaDocuments() map[string]*render.Document {
	full := testDocument()
	full.Data = []byte(hostileData)
	full.Body = append(full.Body, render.Table{
		Columns: []render.Column{{Title: "STT", Width: 1, Align: render.AlignCenter}, {Title: "Tên", Width: 4}, {Title: "Số", Width: 2, Align: render.AlignRight}},
		Rows:    [][]string{{"1", "Mô hình <a> & \"b\"", "3"}, {"2", "", "0"}},
		Total:   []string{"", "Tổng cộng", "3"},
	}, render.Paragraph{Text: "Sau bảng.\nDòng mới\tcó tab."})
	full.Appendices = []render.Appendix{
		{Label: "Phụ lục 1", Title: "DANH SÁCH", Subtitle: "(Kèm theo)", Landscape: true, Body: render.Blocks{render.Table{
			Columns: []render.Column{{Title: "STT", Width: 1}, {Title: "Tên", Width: 4}},
			Rows:    [][]string{{"1", "Mô hình"}},
		}}},
		{Label: "Phụ lục 2", Title: "DANH SÁCH 2", Subtitle: "(Kèm theo)", Body: render.Blocks{render.Paragraph{Text: "Không có."}}},
	}
	bare := testDocument()
	bare.Header.ParentOrg, bare.Signer.Authority, bare.Recipients = "", "", nil
	return map[string]*render.Document{
		"full":    full,
		"bare":    bare,
		"fuzzed":  rendertest.Document([]byte("t\x00a\x00p\x00o\x00n\x00d\x00k\x00s\x00au\x00po\x00na\x00r\x00\x03x y z\x00\x04ap\x00\x01đoạn")),
		"no data": testDocument(),
	}
}

// TestOutputIsSchemaValid validates the DOCX of every schema document, from the base template and
// from the base template after LibreOffice opened and saved it, against the ECMA-376 schemas and
// the checks they cannot express.
func TestOutputIsSchemaValid(t *testing.T) {
	saved, savedBytes := libreOfficeTemplate(t)
	// The template as LibreOffice saved it has problems of its own, which the output keeps: only
	// what rendering adds is the renderer's.
	own := map[string]bool{}
	for _, p := range docxtest.Problems(t, savedBytes) {
		own[withoutLine(p)] = true
	}
	templates := map[string]*Template{"base": nil, "through LibreOffice": saved}
	for tname, tpl := range templates {
		for dname, d := range schemaDocuments() {
			var buf bytes.Buffer
			if err := (Renderer{Template: tpl}).Render(&buf, d); err != nil {
				t.Fatalf("%s, %s: %v", tname, dname, err)
			}
			for _, p := range docxtest.Problems(t, buf.Bytes()) {
				switch {
				case tpl != nil && own[withoutLine(p)]:
					t.Logf("%s, %s: the template's own problem: %s", tname, dname, p)
				default:
					t.Errorf("%s, %s: %s", tname, dname, p)
				}
			}
		}
	}
	base, err := Base()
	if err != nil {
		t.Fatal(err)
	}
	var exported bytes.Buffer
	if _, err := base.WriteTo(&exported); err != nil {
		t.Fatal(err)
	}
	docxtest.Validate(t, "the exported template", exported.Bytes())
}

// withoutLine is a problem without its line number, to compare problems of different files.
func withoutLine(p string) string { return lineRE.ReplaceAllString(p, ":") }

var lineRE = regexp.MustCompile(`:[0-9]+:`)

// libreOfficeTemplate is the base template exported, opened and saved as DOCX by LibreOffice, and
// read back as a template, with the bytes LibreOffice wrote. Without LibreOffice the test is
// skipped, but it fails in CI.
func libreOfficeTemplate(t *testing.T) (*Template, []byte) {
	t.Helper()
	tool, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice is not installed; .ci/run must install it")
		}
		t.Skip("soffice is not installed")
	}
	base, err := Base()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "mau.docx")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := base.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := filepath.Join(dir, "out")
	cmd := exec.Command(tool, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	data, err := os.ReadFile(filepath.Join(out, "mau.docx"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := ReadTemplate(data)
	if err != nil {
		t.Fatalf("the template saved by LibreOffice does not read: %v", err)
	}
	return tpl, data
}

// TestValidatorCatchesBreaks breaks a good DOCX in ways the schemas or the semantic checks see,
// and expects the validator to say so.
func TestValidatorCatchesBreaks(t *testing.T) {
	parts := exportBase(t)
	good := repack(t, parts, func(doc string) string { return doc })
	if p := docxtest.Problems(t, good); len(p) > 0 {
		t.Fatalf("the good file has problems: %q", p)
	}
	// (Errors in the content model of w:body take xmllint seconds to report: the cases break
	// smaller elements.)
	cases := []struct {
		name, part, old, new, want string
		not                        string // must not be mentioned
	}{
		{"an unknown element", documentPart, "<w:pPr>", "<w:pPr><w:bogus/>", "bogus", ""},
		{"an attribute out of range", documentPart, `w:w="11906"`, `w:w="eleven"`, "w", ""},
		{"a missing style", documentPart, `<w:pStyle w:val="`, `<w:pStyle w:val="Missing`, "is not in styles.xml", ""},
		{"a relationship to nothing", "word/_rels/document.xml.rels", `Target="styles.xml"`, `Target="nothing.xml"`, "targets missing", ""},
		{"a part without content type", contentTypes, `<Override PartName="/word/styles.xml"`, `<Override PartName="/word/stylez.xml"`, "override for missing part", ""},
		{"an r:id without relationship", documentPart, `r:id="rId4"`, `r:id="rId99"`, "has no relationship", ""},
		{"a body not ending with its section", documentPart, `(?s)<w:sectPr>.*</w:sectPr>`, "", "does not end with w:sectPr", ""},
		{"an ignorable namespace", documentPart, "<w:body>", `<w:body xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><mc:AlternateContent><mc:Choice Requires="w14"><w14:x/></mc:Choice><mc:Fallback><w:p w:rsidR="zz"/></mc:Fallback></mc:AlternateContent><w:p w14:paraId="1"/>`, "ST_LongHexNumber", "w14"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			broken := map[string][]byte{}
			for k, v := range parts {
				broken[k] = v
			}
			old := regexp.MustCompile(regexp.QuoteMeta(c.old))
			if strings.HasPrefix(c.old, "(?s)") {
				old = regexp.MustCompile(c.old)
			}
			loc := old.FindIndex(broken[c.part])
			if loc == nil {
				t.Fatalf("%s has no %q", c.part, c.old)
			}
			broken[c.part] = slices.Concat(broken[c.part][:loc[0]], []byte(c.new), broken[c.part][loc[1]:])
			p := docxtest.Problems(t, repack(t, broken, func(doc string) string { return doc }))
			if all := strings.Join(p, "\n"); !strings.Contains(all, c.want) || (c.not != "" && strings.Contains(all, c.not)) {
				t.Errorf("problems %q, want a mention of %q and none of %q", p, c.want, c.not)
			}
		})
	}
}
