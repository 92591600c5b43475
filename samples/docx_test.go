package samples_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"baocao/render"
	"baocao/render/docx"
)

// renderDOCX renders a document to DOCX bytes with the base template.
func renderDOCX(t testing.TB, doc *render.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (docx.Renderer{}).Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxParts reads every part of a DOCX.
func docxParts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return parts
}

// prettyXML re-indents an XML part, one element a line, keeping its prefixes, for a readable golden.
func prettyXML(t testing.TB, data []byte) []byte {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var b bytes.Buffer
	depth := 0
	name := func(n xml.Name) string {
		if n.Space != "" {
			return n.Space + ":" + n.Local
		}
		return n.Local
	}
	indent := func() { b.WriteString(strings.Repeat("  ", depth)) }
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			indent()
			b.WriteString("<" + name(tok.Name))
			for _, a := range tok.Attr {
				fmt.Fprintf(&b, " %s=%q", name(a.Name), a.Value)
			}
			b.WriteString(">\n")
			depth++
		case xml.EndElement:
			depth--
			indent()
			b.WriteString("</" + name(tok.Name) + ">\n")
		case xml.CharData:
			if s := string(tok); strings.TrimSpace(s) != "" {
				indent()
				fmt.Fprintf(&b, "%q\n", s)
			}
		}
	}
	return b.Bytes()
}

func TestDOCXParts(t *testing.T) {
	for _, file := range sampleFiles(t) {
		t.Run(baseName(file), func(t *testing.T) {
			doc := loadSample(t, file)
			data := renderDOCX(t, doc)
			if again := renderDOCX(t, doc); !bytes.Equal(data, again) {
				t.Fatal("two renderings of the same input differ")
			}
			parts := docxParts(t, data)
			for _, want := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml", "word/header1.xml", "word/header2.xml", "word/_rels/document.xml.rels", "docProps/core.xml"} {
				if _, ok := parts[want]; !ok {
					t.Errorf("part %s is missing", want)
				}
			}
			for name, data := range parts {
				if err := wellFormed(data); err != nil {
					t.Errorf("%s is not well-formed: %v", name, err)
				}
				if bytes.Contains(data, []byte("{{")) {
					t.Errorf("%s still holds a placeholder", name)
				}
			}
			core := string(parts["docProps/core.xml"])
			for _, want := range []string{"<dc:title>" + doc.Meta.Title + "</dc:title>", "<dc:creator>" + doc.Meta.Author + "</dc:creator>", "<dc:language>vi</dc:language>", ">" + doc.Meta.Date + "T00:00:00Z<"} {
				if !strings.Contains(core, want) {
					t.Errorf("core.xml lacks %s", want)
				}
			}
			checkGolden(t, baseName(file)+".document.xml", prettyXML(t, parts["word/document.xml"]))
		})
	}
}

// wellFormed reports the first XML syntax error of data.
func wellFormed(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := dec.RawToken(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// libreOffice converts DOCX files to PDF with LibreOffice, all in one run and with a profile of its
// own, and returns the PDFs by the DOCX's base name.
func libreOffice(t testing.TB, docs map[string][]byte) map[string][]byte {
	t.Helper()
	return libreOfficeTo(t, docs, "pdf")
}

// libreOfficeTo converts DOCX files with LibreOffice to the format (a file extension, as soffice's
// --convert-to takes it), all in one run and with a profile of its own, and returns the results by
// the DOCX's base name.
func libreOfficeTo(t testing.TB, docs map[string][]byte, format string) map[string][]byte {
	t.Helper()
	tool := needTool(t, "soffice")
	dir := t.TempDir()
	outDir := filepath.Join(dir, "out")
	var args []string
	for name, data := range docs {
		path := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	profile := "file://" + filepath.Join(dir, "profile")
	cmd := exec.Command(tool, append([]string{"-env:UserInstallation=" + profile, "--headless", "--convert-to", format, "--outdir", outDir}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	results := map[string][]byte{}
	for name := range docs {
		data, err := os.ReadFile(filepath.Join(outDir, name+"."+format))
		if err != nil {
			t.Fatalf("soffice wrote no %s for %s: %v", format, name, err)
		}
		results[name] = data
	}
	return results
}

var (
	convertOnce sync.Once
	converted   map[string][]byte
)

// samplesThroughLibreOffice renders every sample to DOCX and converts them once for all tests.
func samplesThroughLibreOffice(t *testing.T) map[string][]byte {
	t.Helper()
	convertOnce.Do(func() {
		docs := map[string][]byte{}
		for _, file := range sampleFiles(t) {
			docs[baseName(file)] = renderDOCX(t, loadSample(t, file))
		}
		converted = libreOffice(t, docs)
	})
	if converted == nil {
		t.Fatal("the conversion failed in an earlier test")
	}
	return converted
}

// TestDOCXLooksLikePDF converts each sample's DOCX with LibreOffice and compares the result with our
// PDF: the same pages, the same words on every line, and the landmarks within 2 pt.
func TestDOCXLooksLikePDF(t *testing.T) {
	needTool(t, "soffice")
	fromDOCX := samplesThroughLibreOffice(t)
	for _, file := range sampleFiles(t) {
		t.Run(baseName(file), func(t *testing.T) {
			ours := readBBox(t, renderPDF(t, loadSample(t, file)))
			theirs := readBBox(t, fromDOCX[baseName(file)])
			if len(ours) != len(theirs) {
				t.Fatalf("PDF has %d pages, DOCX through LibreOffice %d", len(ours), len(theirs))
			}
			for p := range ours {
				a, b := lines(ours[p].Words, 0, 1e9), lines(theirs[p].Words, 0, 1e9)
				if len(a) != len(b) {
					t.Errorf("page %d: %d lines in the PDF, %d from the DOCX", p+1, len(a), len(b))
				}
				for i := 0; i < len(a) && i < len(b); i++ {
					if normalizeSpace(a[i].text()) != normalizeSpace(b[i].text()) {
						t.Errorf("page %d line %d:\n PDF:  %q\n DOCX: %q", p+1, i+1, a[i].text(), b[i].text())
					}
				}
			}
			for _, mark := range landmarks(t, ours) {
				got, ok := findLandmark(theirs, mark)
				if !ok {
					t.Errorf("%s: not found in the DOCX's rendering", mark.name)
					continue
				}
				if math.Abs(got.XMin-mark.XMin) > 2 || math.Abs(got.YMin-mark.YMin) > 2 {
					t.Errorf("%s: PDF at (%.2f, %.2f) pt, DOCX at (%.2f, %.2f) pt", mark.name, mark.XMin, mark.YMin, got.XMin, got.YMin)
				}
			}
		})
	}
}

// normalizeSpace folds runs of spaces and no-break spaces into one space.
func normalizeSpace(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// landmark is a word to find in both renderings: the n-th line on a page that starts with text.
type landmark struct {
	name string
	page int
	text string // the line's text, normalized
	word
}

// landmarks picks the words the fidelity test compares: ĐẢNG CỘNG SẢN VIỆT NAM, the number line, the
// date line, BÁO CÁO, the first and last body lines, "Nơi nhận:" and the signer's name.
func landmarks(t *testing.T, pages []bboxPage) []landmark {
	t.Helper()
	var marks []landmark
	add := func(name string, page int, l textLine) {
		marks = append(marks, landmark{name: name, page: page, text: normalizeSpace(l.text()), word: l.Words[0]})
	}
	split := mm(render.MarginLeft + render.HeaderLeftWidth)
	for _, l := range lines(pages[0].Words, 0, 1e9) {
		if l.text() == "BÁO CÁO" {
			add("BÁO CÁO", 0, l)
		}
	}
	for _, l := range lines(pages[0].Words, split, 1e9) {
		if l.text() == render.PartyName {
			add(render.PartyName, 0, l)
		}
	}
	for _, l := range lines(pages[0].Words, 0, split) {
		if strings.HasPrefix(l.text(), "Số") {
			add("the number line", 0, l)
			break
		}
	}
	for _, l := range lines(pages[0].Words, split, 1e9) {
		if strings.Contains(l.text(), "ngày") {
			add("the date line", 0, l)
			break
		}
	}
	d := readLayoutFromPages(t, pages)
	first, last := d.body[0], d.body[len(d.body)-1]
	add("the first body line", first.page, first.textLine)
	add("the last body line", last.page, last.textLine)
	lastPage := d.closing
	left := lines(pages[lastPage].Words, 0, split)
	right := lines(pages[lastPage].Words, split, 1e9)
	for _, l := range left {
		if l.text() == render.RecipientsLabel {
			add("Nơi nhận:", lastPage, l)
		}
	}
	if n := len(right); n > 0 {
		add("the signer's name", lastPage, right[n-1])
	}
	if len(marks) != 8 {
		t.Fatalf("found %d of the 8 landmarks in our PDF", len(marks))
	}
	return marks
}

// findLandmark finds the line of the same text on the same page.
func findLandmark(pages []bboxPage, mark landmark) (word, bool) {
	if mark.page >= len(pages) {
		return word{}, false
	}
	for _, l := range lines(pages[mark.page].Words, 0, 1e9) {
		if normalizeSpace(l.text()) == mark.text {
			return l.Words[0], true
		}
	}
	// A column's line stands beside the other column's: look for it as a run of words.
	for _, col := range [][2]float64{{0, mm(render.MarginLeft + render.HeaderLeftWidth)}, {mm(render.MarginLeft + render.HeaderLeftWidth), 1e9}} {
		for _, l := range lines(pages[mark.page].Words, col[0], col[1]) {
			if normalizeSpace(l.text()) == mark.text {
				return l.Words[0], true
			}
		}
	}
	return word{}, false
}

// hostileInput is a report whose fields hold markup, entities, quotes, a 2,000-character unit name
// and newlines.
func hostileInput() []byte {
	long := strings.TrimSpace(strings.Repeat("Phân xưởng sửa chữa cơ khí ", 75))[:2000]
	return []byte(`mau: dang-ky
co_quan: {ten: "Chi bộ <w:p>Sở & Ban \"Tài chính\"", loai: chi-bo, khoi: co-quan}
so: 5
ngay: 2021-04-12
mo_hinh:
  - {ten: "Mô hình &amp; 'trích dẫn' </w:t></w:r>", loai: khac, don_vi: "` + long + `"}
guong:
  - {ho_ten: "Nguyễn Thị\nHoa", chuc_vu: "Phó Chánh\tVăn phòng", don_vi: "{{ho_ten}}"}
noi_nhan: ["Ban <b>Tuyên giáo</b> ĐUK", "Lưu Chi bộ"]
ky: {ho_ten: "Trần Văn\nBình"}
`)
}

// TestHostileTextRendersAndConverts renders hostile text to PDF and DOCX and converts the DOCX with
// LibreOffice: every part is well-formed and the text comes out as typed.
func TestHostileTextRendersAndConverts(t *testing.T) {
	doc := loadDocument(t, "hostile.yaml", hostileInput())
	pdfText := string(pdfToText(t, renderPDF(t, doc), "-raw"))
	data := renderDOCX(t, doc)
	for name, part := range docxParts(t, data) {
		if err := wellFormed(part); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	converted := libreOffice(t, map[string][]byte{"hostile": data})["hostile"]
	docxText := string(pdfToText(t, converted, "-raw"))
	for _, want := range []string{`<w:p>Sở & Ban "Tài chính"`, `&amp; 'trích dẫn' </w:t></w:r>`, "Ban <b>Tuyên giáo</b> ĐUK;", "{{ho_ten}}", "Phó Chánh Văn phòng"} {
		for name, text := range map[string]string{"PDF": pdfText, "DOCX": docxText} {
			if !strings.Contains(text, want) {
				t.Errorf("%s text lacks %q", name, want)
			}
		}
	}
	for name, text := range map[string]string{"PDF": pdfText, "DOCX": docxText} {
		if !strings.Contains(text, "Trần Văn\nBình") {
			t.Errorf("%s: the newline in the signer's name is not a line break", name)
		}
	}
}

// BenchmarkRenderDOCX measures rendering one sample, from its Document to DOCX bytes.
func BenchmarkRenderDOCX(b *testing.B) {
	doc := loadSample(b, "chi-bo-so-tai-chinh.yaml")
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := (docx.Renderer{}).Render(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTableHeadersRepeat checks, in our PDF and in LibreOffice's rendering of the DOCX, that every
// page of the consolidated report's appendices starts with the appendix's title or with the
// header row of the table it continues, and that the appendices are in landscape.
func TestTableHeadersRepeat(t *testing.T) {
	needTool(t, "soffice")
	const name = "tong-hop-ban-tuyen-giao"
	doc := loadSample(t, name+".yaml")
	for producer, pdfBytes := range map[string][]byte{"PDF": renderPDF(t, doc), "DOCX": samplesThroughLibreOffice(t)[name]} {
		pages := readBBox(t, pdfBytes)
		landscape := 0
		for p, page := range pages {
			if page.Width < page.Height {
				continue
			}
			landscape++
			var first string
			for _, l := range lines(page.Words, 0, 1e9) {
				if !isNumberZone(l) {
					first = l.text()
					break
				}
			}
			if !strings.HasPrefix(first, "Phụ lục") && !strings.HasPrefix(first, "STT ") {
				t.Errorf("%s page %d starts with %q, not an appendix title or a table's header row", producer, p+1, first)
			}
		}
		if landscape < 3 {
			t.Errorf("%s: %d landscape pages, want the two appendices over at least 3", producer, landscape)
		}
	}
}
