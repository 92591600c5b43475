package pdf

import (
	"bytes"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"baocao/fonts"
	"baocao/render"
	"baocao/render/embedded"
	"baocao/render/pdf/pdfatest"
)

// combineMeta describes the combined files of these tests.
var combineMeta = render.Meta{Title: "Báo cáo của 3 chi bộ", Author: "Đảng uỷ Khối", Lang: "vi", Date: "2021-04-19"}

// renderOne renders d alone, as batch writes each cell's file.
func renderOne(t testing.TB, d *render.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (Renderer{}).Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// combine combines docs, failing t on any error.
func combine(t testing.TB, docs ...[]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	c, err := NewCombiner(&buf, combineMeta)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if err := c.Add(d); err != nil {
			t.Fatalf("Add %d: %v", i, err)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// landscapeDocument has a landscape appendix with a table, after a portrait main part.
func landscapeDocument(data string) *render.Document {
	d := testDocument(data)
	d.Appendices = append(d.Appendices, render.Appendix{
		Label: "Phụ lục 1", Title: "DANH SÁCH MÔ HÌNH", Subtitle: "(Kèm theo Báo cáo số 05-BC/CB)", Landscape: true,
		Body: render.Blocks{render.Table{
			Columns: []render.Column{{Title: "STT", Width: 1, Align: render.AlignCenter}, {Title: "Tên mô hình", Width: 6}},
			Rows:    [][]string{{"1", "Văn hoá công sở"}, {"2", "Cải cách thủ tục hành chính"}},
		}},
	})
	return d
}

// reseal applies edits (pairs of old and new text, each of which must occur) to the body of a
// file Render wrote and writes its cross-reference table and identifier again, so that the file
// still passes the checks of its end and reaches those of its objects.
func reseal(t *testing.T, doc []byte, edits ...string) []byte {
	t.Helper()
	r, err := parseReport(doc)
	if err != nil {
		t.Fatal(err)
	}
	xref := bytes.LastIndex(doc, []byte("\nxref\n")) + 1
	body := bytes.Clone(doc[:xref])
	for i := 0; i < len(edits); i += 2 {
		if !bytes.Contains(body, []byte(edits[i])) {
			t.Fatalf("the file has no %q", edits[i])
		}
		body = bytes.Replace(body, []byte(edits[i]), []byte(edits[i+1]), 1)
	}
	size := len(r.objects) + 1
	var out bytes.Buffer
	out.Write(body)
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		off := bytes.Index(body, fmt.Appendf(nil, "\n%d 0 obj\n", n)) + 1
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	id := fmt.Sprintf("%x", md5.Sum(body))
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		size, r.root, r.info, id, id, len(body))
	return out.Bytes()
}

// TestCombinerRefusesOtherFiles: Add refuses, with an error that wraps ErrNotReport, every file
// Render did not write as it is; it writes nothing of such a file, and the Combiner goes on as if
// the file had not been given.
func TestCombinerRefusesOtherFiles(t *testing.T) {
	good := renderOne(t, testDocument("so: 1\n"))
	r, err := parseReport(good)
	if err != nil {
		t.Fatalf("a file Render wrote: %v", err)
	}
	if len(r.pages) != 1 || r.attachment == 0 {
		t.Fatalf("%d pages, attachment %d; want 1 page and data", len(r.pages), r.attachment)
	}
	p := r.pages[0]
	contentsLen := func(text []byte) string {
		m := reportContentsRE.FindSubmatch(text)
		return string(m[1])
	}(r.objects[p.contents])
	libre, err := os.ReadFile(filepath.Join("testdata", "libreoffice.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	two := renderAll(t, testDocument("so: 1\n"), testDocument("so: 2\n"))
	flipped := bytes.Clone(good)
	flipped[len(r.objects[p.num])+bytes.Index(good, r.objects[p.num])+40] ^= 1 // in the page's contents
	kids := fmt.Sprintf("/Kids [%d 0 R ]\n/Count 1", p.num)
	font := string(reportFontRE.Find(r.objects[r.resources]))
	cases := map[string][]byte{
		"empty":         nil,
		"not a PDF":     []byte("a: 1\n"),
		"truncated":     good[:len(good)/2],
		"last byte cut": good[:len(good)-1],
		"twice":         append(bytes.Clone(good), good...),
		"LibreOffice":   libre,
		"changed body":  flipped,
		"two documents": two,
		"huge size": bytes.Replace(bytes.Replace(good, []byte("\n/Size "), []byte("\n/Size 9999999"), 1),
			[]byte("\nxref\n0 "), []byte("\nxref\n0 9999999"), 1),
		"huge stream length":  reseal(t, good, "/Length "+contentsLen+">>", "/Length 99999999999>>"),
		"long stream length":  reseal(t, good, "/Length "+contentsLen+">>", "/Length 4294967295>>"),
		"short stream length": reseal(t, good, "/Length "+contentsLen+">>", "/Length 1>>"),
		"huge count":          reseal(t, good, kids, fmt.Sprintf("/Kids [%d 0 R ]\n/Count 9999999", p.num)),
		"page twice":          reseal(t, good, kids, fmt.Sprintf("/Kids [%d 0 R %d 0 R ]\n/Count 2", p.num, p.num)),
		"no such contents":    reseal(t, good, fmt.Sprintf("/Contents %d 0 R", p.contents), "/Contents 9999 0 R"),
		"image":               reseal(t, good, "/XObject <<\n>>", "/XObject <<\n/I1 1 0 R\n>>"),
		"other font":          reseal(t, good, font, "/F"+strings.Repeat("0", 40)+" "),
		"rotated page":        reseal(t, good, "/Resources ", "/Rotate 90\n/Resources "),
		"other attachment":    reseal(t, good, "(bao-cao.yaml) /UF (bao-cao.yaml)", "(bao-cao.yams) /UF (bao-cao.yams)"),
		"attachment type":     reseal(t, good, "/Subtype /application#2Fyaml", "/Subtype /application#2Fjson"),
		"attachment length":   reseal(t, good, "/Type /EmbeddedFile /Subtype /application#2Fyaml /Filter /FlateDecode /Length ", "/Type /EmbeddedFile /Subtype /application#2Fyaml /Filter /FlateDecode /Length 1"),
		"other header":        reseal(t, good, "%PDF-1.4", "%PDF-1.7"),
	}
	want := combine(t, good)
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			c, err := NewCombiner(&buf, combineMeta)
			if err != nil {
				t.Fatal(err)
			}
			err = c.Add(doc)
			if !errors.Is(err, ErrNotReport) {
				t.Fatalf("Add: %v, want an error that wraps ErrNotReport", err)
			}
			t.Log(err)
			if len(err.Error()) > 120 {
				t.Errorf("error %q: too long to be clear", err)
			}
			if buf.Len() > 0 {
				t.Errorf("a refused file wrote %d bytes", buf.Len())
			}
			if err := c.Add(good); err != nil {
				t.Fatalf("Add after a refused file: %v", err)
			}
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Error("the refused file changed the combined file")
			}
		})
	}
}

// TestCombinerMisuse: nothing to combine is an error and writes nothing; Add and Close after
// Close are errors.
func TestCombinerMisuse(t *testing.T) {
	good := renderOne(t, testDocument("so: 1\n"))
	var buf bytes.Buffer
	c, err := NewCombiner(&buf, combineMeta)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err == nil || buf.Len() > 0 {
		t.Errorf("Close without a document: %v, %d bytes written; want an error and nothing", err, buf.Len())
	}
	if err := c.Add(good); err == nil {
		t.Error("Add after Close succeeded")
	}
	if err := c.Close(); err == nil {
		t.Error("a second Close succeeded")
	}
	if _, err := NewCombiner(&buf, render.Meta{Date: "19/04/2021"}); err == nil {
		t.Error("NewCombiner accepted a date that is not ISO")
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestCombinerWriterFails: a failing writer's error comes back, from the Add or the Close at
// which it happens, and from every call after it.
func TestCombinerWriterFails(t *testing.T) {
	docs := [][]byte{renderOne(t, testDocument("so: 1\n")), renderOne(t, landscapeDocument("so: 2\n"))}
	full := len(combine(t, docs...))
	for _, n := range []int{0, 100 << 10, full - 10} {
		c, err := NewCombiner(&failingWriter{n}, combineMeta)
		if err != nil {
			t.Fatal(err)
		}
		var first error
		for _, d := range docs {
			if err := c.Add(d); err != nil && first == nil {
				first = err
			}
		}
		if err := c.Close(); first == nil {
			first = err
		}
		if first == nil || !strings.Contains(first.Error(), "disk full") {
			t.Errorf("writer failing after %d bytes: %v, want its error", n, first)
		}
		if err := c.Add(docs[0]); err == nil {
			t.Errorf("writer failing after %d bytes: Add after the failure succeeded", n)
		}
	}
}

// pdftotextPages is the text of each page of a PDF, by pdftotext -layout.
func pdftotextPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed; .ci/run must install poppler-utils")
		}
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	return pages[:len(pages)-1] // every page ends with a form feed
}

// pageSizes is the size of each page of a PDF, by pdfinfo.
func pageSizes(t *testing.T, pdf []byte) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", "-f", "1", "-l", "100000", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	var sizes []string
	for line := range strings.Lines(string(out)) {
		if strings.HasPrefix(line, "Page ") && strings.Contains(line, " size: ") {
			_, size, _ := strings.Cut(line, " size: ")
			sizes = append(sizes, strings.TrimSpace(size))
		}
	}
	return sizes
}

// TestCombinedFile combines documents of one and several pages, portrait and landscape, with and
// without data: the file passes the PDF/A checks, gives back every document's data in order under
// the names embedded.AttachmentName gives, has every document's pages in order with their text and size, and
// is the same for the same documents.
func TestCombinedFile(t *testing.T) {
	hostile := "a: \"(\\\\) ) (\"\r\nb: |\n  \tendstream\n  endobj\n  1 0 obj\n  %%EOF\n  trailer\nc: ắ\n"
	docs := []*render.Document{
		testDocument("so: 1\n" + hostile),
		landscapeDocument("so: 2\n"),
		testDocument(""),
		testDocument("so: 4\n"),
	}
	long := testDocument("so: 5\n")
	for range 40 {
		long.Body = append(long.Body, render.Paragraph{Text: "Nội dung dài để sang trang: ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ."})
	}
	docs = append(docs, long)
	var files, data [][]byte
	var wantText, wantSizes []string
	for _, d := range docs {
		f := renderOne(t, d)
		files = append(files, f)
		data = append(data, d.Data)
		wantText = append(wantText, pdftotextPages(t, f)...)
		wantSizes = append(wantSizes, pageSizes(t, f)...)
	}
	out := combine(t, files...)
	if !bytes.Equal(out, combine(t, files...)) {
		t.Error("the same documents gave different bytes")
	}
	pdfatest.Check(t, out, data)

	pdfatest.ReadsBack(t, out, data)
	for k := range docs {
		name := embedded.AttachmentName(k, len(docs))
		if has := bytes.Contains(out, []byte("/UF ("+name+")")); has != (data[k] != nil) {
			t.Errorf("document %d: attachment %s present %v, want %v", k, name, has, data[k] != nil)
		}
	}

	gotText, gotSizes := pdftotextPages(t, out), pageSizes(t, out)
	if len(gotText) != len(wantText) || len(wantText) < len(docs)+2 {
		t.Fatalf("%d pages, want %d (the documents' pages, at least %d)", len(gotText), len(wantText), len(docs)+2)
	}
	for i := range wantText {
		if gotText[i] != wantText[i] {
			t.Errorf("page %d: text\n%s\nwant\n%s", i+1, gotText[i], wantText[i])
		}
	}
	if strings.Join(gotSizes, "\n") != strings.Join(wantSizes, "\n") || !strings.Contains(strings.Join(gotSizes, "\n"), "841.89 x 595.28") {
		t.Errorf("page sizes %q, want %q with a landscape page", gotSizes, wantSizes)
	}
}

// TestCombinerKeepsNoDocument: what Add needs of a document is written or copied before it
// returns, so the caller may reuse the document's buffer.
func TestCombinerKeepsNoDocument(t *testing.T) {
	a, b := renderOne(t, testDocument("so: 1\n")), renderOne(t, landscapeDocument("so: 2\n"))
	want := combine(t, a, b)
	var buf bytes.Buffer
	c, err := NewCombiner(&buf, combineMeta)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range [][]byte{a, b} {
		doc := bytes.Clone(d)
		if err := c.Add(doc); err != nil {
			t.Fatal(err)
		}
		clear(doc)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Error("changing a document after Add changed the combined file")
	}
}

// TestCarrierHasEveryCharacter: a document that prints every character of every face (regular in
// its body, bold in a heading, italic in its date line) reads the same in the combined file, and
// every glyph its pages show is in the combined file's fonts (pdfatest checks no page shows a
// glyph its font lacks).
func TestCarrierHasEveryCharacter(t *testing.T) {
	var all []string
	for _, s := range []fonts.Style{fonts.Regular, fonts.Bold, fonts.Italic} {
		runes, err := fonts.Runes(s)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, r := range runes {
			if r < 0x21 || r == 0xA0 || r >= 0x2000 && r <= 0x200F || r >= 0x2028 && r <= 0x202F {
				continue // spaces and marks, which draw nothing
			}
			b.WriteRune(r)
			if i%16 == 15 {
				b.WriteByte(' ')
			}
		}
		all = append(all, b.String())
	}
	d := testDocument("so: 1\n")
	d.Body = render.Blocks{render.Paragraph{Text: all[0]}, render.Heading{Text: all[1]}}
	d.Header.PlaceDate = all[2]
	single := renderOne(t, d)
	out := combine(t, renderOne(t, testDocument("")), single)
	pdfatest.Check(t, out, [][]byte{nil, d.Data})
	want, got := pdftotextPages(t, single), pdftotextPages(t, out)
	if len(got) != 1+len(want) || strings.Join(got[1:], "\f") != strings.Join(want, "\f") {
		t.Errorf("the text differs:\n%s\nwant\n%s", strings.Join(got[1:], "\f"), strings.Join(want, "\f"))
	}
	for _, r := range []string{"ặ", "Ự", "₫", "€", "№"} {
		if !strings.Contains(strings.Join(want, ""), r) {
			t.Errorf("the document's text lacks %s", r)
		}
	}
}

// fixID gives a file whose trailer has the shape Render writes the identifier of its body, so that
// the fuzzer's changes to the body reach the checks of the objects; any other file is returned as
// it is.
func fixID(doc []byte) []byte {
	t := bytes.LastIndex(doc, []byte("\ntrailer\n")) + 1
	m := reportTrailerRE.FindSubmatchIndex(doc[max(t, 0):])
	if t == 0 || m == nil {
		return doc
	}
	xref, err := strconv.Atoi(string(doc[t+m[12] : t+m[13]]))
	if err != nil || xref < 0 || xref > len(doc) {
		return doc
	}
	id := fmt.Sprintf("%x", md5.Sum(doc[:xref]))
	out := bytes.Clone(doc)
	copy(out[t+m[8]:], id)
	copy(out[t+m[10]:], id)
	return out
}

// FuzzCombinerAdd gives Add arbitrary bytes, as they are and with their identifier fixed: it
// accepts them or refuses them with ErrNotReport, and never panics. One Combiner takes every
// input (making its fonts is too slow to repeat for each), which a refused file leaves as it was.
func FuzzCombinerAdd(f *testing.F) {
	for _, d := range []*render.Document{testDocument("so: 1\n"), landscapeDocument(""), testDocument("")} {
		var buf bytes.Buffer
		if err := (Renderer{}).Render(&buf, d); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
		f.Add(buf.Bytes()[:buf.Len()-100])
	}
	f.Add([]byte("%PDF-1.4\ntrailer\n<<\n/Size 2\n/Root 1 0 R\n/Info 1 0 R\n/ID [<00000000000000000000000000000000> <00000000000000000000000000000000>]\n>>\nstartxref\n9\n%%EOF\n"))
	c, err := NewCombiner(io.Discard, combineMeta)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		for _, d := range [][]byte{doc, fixID(doc)} {
			if err := c.Add(d); err != nil && !errors.Is(err, ErrNotReport) {
				t.Fatalf("Add: %v, want an error that wraps ErrNotReport", err)
			}
		}
	})
}
