package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"baocao/render"
	"baocao/render/embedded"
	"baocao/render/pdf/pdfatest"
	"baocao/render/rendertest"
)

// testDocument is a small document whose text uses letters of every face, with data.
func testDocument(data string) *render.Document {
	d := rendertest.Document([]byte("Báo cáo thử\x00Chi bộ Thử\x00ĐẢNG BỘ KHỐI\x00CHI BỘ THỬ\x00Số 05-BC/CB\x00Yên Bái, ngày 12 tháng 4 năm 2021\x00BÁO CÁO\x00kết quả thử\x00T/M BAN CHI ỦY\x00BÍ THƯ\x00Trần Văn Bình\x00- Lưu.\x00\x00Mục một\x00\x01Nội dung của đoạn văn, đủ dài để được dàn đều hai bên: ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự."))
	d.Data = nil
	if data != "" {
		d.Data = []byte(data)
	}
	return d
}

// renderAll renders one document, or combines several, each rendered alone, as batch does.
func renderAll(t *testing.T, docs ...*render.Document) []byte {
	t.Helper()
	if len(docs) == 1 {
		return renderOne(t, docs[0])
	}
	var files [][]byte
	for _, d := range docs {
		files = append(files, renderOne(t, d))
	}
	return combine(t, files...)
}

// TestArchiveAttachments checks the archival file for no data, one document and a combined file
// of twelve (whose names must sort as the documents do), and that the same documents give the
// same bytes.
func TestArchiveAttachments(t *testing.T) {
	hostile := "a: \"(\\\\) ) (\"\r\nb: |\n  \tendstream\n  endobj\n  1 0 obj\n  %%EOF\n  trailer\nc: ắ\n"
	for _, n := range []int{1, 2, 12} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var docs []*render.Document
			var data [][]byte
			for i := range n {
				d := testDocument(fmt.Sprintf("so: %d\n%s", i+1, hostile))
				if n > 1 && i == 1 {
					d.Data = nil
				}
				docs = append(docs, d)
				data = append(data, d.Data)
			}
			out := renderAll(t, docs...)
			if !bytes.Equal(out, renderAll(t, docs...)) {
				t.Error("the same documents gave different bytes")
			}
			pdfatest.Check(t, out, data)
			got, err := embedded.FromPDF(out)
			if err != nil {
				t.Fatal(err)
			}
			j := 0
			for _, d := range data {
				if d == nil {
					continue
				}
				if j >= len(got) || !bytes.Equal(got[j], d) {
					t.Fatalf("FromPDF: file %d differs", j)
				}
				j++
			}
		})
	}
	t.Run("no data", func(t *testing.T) {
		out := renderAll(t, testDocument(""))
		pdfatest.Check(t, out, [][]byte{nil})
		if bytes.Contains(out, []byte("/AF")) || bytes.Contains(out, []byte("/EmbeddedFile ")) {
			t.Error("a document without data has an attachment")
		}
		if _, err := embedded.FromPDF(out); err != embedded.ErrNoData {
			t.Errorf("FromPDF: %v, want ErrNoData", err)
		}
	})
}

// recorder collects the errors a check reports instead of failing the test.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper() {}

// TestPDFACheckCatchesBreaks breaks one requirement at a time in a good file (edits of the same
// length, so that the cross-reference table stays right) and expects the check to name it.
func TestPDFACheckCatchesBreaks(t *testing.T) {
	data := []byte("so: 1\n")
	good := renderAll(t, testDocument(string(data)))
	cases := []struct{ old, new, want string }{
		{"<pdfaid:part>3<", "<pdfaid:part>2<", "pdfaid part"},
		{"<xmp:CreateDate>2021-04-12", "<xmp:CreateDate>2021-04-13", "xmp:CreateDate"},
		{"/Lang (vi)", "/Lanx (vi)", "no /Lang"},
		{"/N 3 /Alternate", "/N 4 /Alternate", "/N 3"},
		{"/W [ 32 [ 250 333 408", "/W [ 32 [ 260 333 408", "in the font program"},
		{"/FontFile2", "/FontFileX", "not embedded"},
		{"/AFRelationship /Source", "/AFRelationship /Sourcf", "/AFRelationship"},
		{"/Desc <FEFF", "/JS   <FEFF", "/JS"},
		{"/Subtype /application#2Fyaml", "/Subtype /application#2Fyamx", "subtype"},
		{"/Params << /Size 6 ", "/Params << /Size 7 ", "/Size"},
		{"/Type /Catalog\n/AF [", "/Type /Catalog\n/AX [", "/AF"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			if bytes.Count(good, []byte(c.old)) == 0 {
				t.Fatalf("the file has no %q", c.old)
			}
			bad := bytes.Replace(good, []byte(c.old), []byte(c.new), 1)
			r := &recorder{TB: t}
			pdfatest.Check(r, bad, [][]byte{data})
			if !strings.Contains(strings.Join(r.errors, "\n"), c.want) {
				t.Errorf("breaking %q: the check said %q, want a mention of %q", c.old, r.errors, c.want)
			}
		})
	}
	r := &recorder{TB: t}
	pdfatest.Check(r, good, [][]byte{data})
	if len(r.errors) > 0 {
		t.Errorf("the good file fails: %q", r.errors)
	}
}

// TestArchiveRefusesOtherShapes: archive reads only what fpdf writes, and says so otherwise.
func TestArchiveRefusesOtherShapes(t *testing.T) {
	good := renderAll(t, testDocument(""))
	files := []attachment{{name: "bao-cao.yaml", data: []byte("a: 1\n")}}
	for name, raw := range map[string][]byte{
		"empty":   nil,
		"no xref": bytes.Replace(good, []byte("startxref"), []byte("startxrex"), 1),
		"catalog": bytes.Replace(good, []byte("/EmbeddedFiles << /Names ["), []byte("/EmbeddedFiles << /Namez ["), 1),
		"offsets": bytes.Replace(good, []byte("\nxref\n0 "), []byte("\nxref\n0 9"), 1),
		"twice":   append(bytes.Clone(good), good...),
	} {
		if _, err := archive(raw, files); err == nil {
			t.Errorf("%s: archive accepted it", name)
		}
	}
}

// TestEmptyMetadata: a combined file whose superior body is empty has an empty author; the XMP
// metadata says so too.
func TestEmptyMetadata(t *testing.T) {
	d := testDocument("a: 1\n")
	meta := d.Meta
	meta.Author = ""
	var buf bytes.Buffer
	c, err := NewCombiner(&buf, meta)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := c.Add(renderOne(t, d)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	pdfatest.Check(t, buf.Bytes(), [][]byte{d.Data, d.Data})
}

// TestPagesCompressedAsFpdfWould: every page's content stream is compressed, and its bytes are
// those of a new zlib writer at best speed, the writer fpdf makes for each page when it compresses
// them itself: reusing writers changes nothing in the file. Twelve documents, so that writers are
// reused within a file and across files.
func TestPagesCompressedAsFpdfWould(t *testing.T) {
	var docs []*render.Document
	for i := range 12 {
		docs = append(docs, testDocument(fmt.Sprintf("so: %d\n", i)))
	}
	for range 2 {
		file := renderAll(t, docs...)
		pages := 0
		for _, m := range pageContentsRE.FindAllSubmatch(file, -1) {
			pages++
			_, obj, _ := bytes.Cut(file, fmt.Appendf(nil, "\n%s 0 obj\n", m[1]))
			lenText, data, ok := bytes.Cut(obj, []byte(">>\nstream\n"))
			size, err := strconv.Atoi(string(bytes.TrimPrefix(lenText, []byte("<</Filter /FlateDecode /Length "))))
			if !ok || err != nil || size > len(data) {
				t.Fatalf("page %d: contents %.60q are not a compressed stream", pages, obj)
			}
			zr, err := zlib.NewReader(bytes.NewReader(data[:size]))
			if err != nil {
				t.Fatal(err)
			}
			plain, err := io.ReadAll(zr)
			if err != nil || !bytes.Contains(plain, []byte(")Tj ET")) {
				t.Fatalf("page %d: contents do not inflate to text drawing: %v", pages, err)
			}
			var fresh bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&fresh, zlib.BestSpeed)
			zw.Write(plain)
			zw.Close()
			if !bytes.Equal(fresh.Bytes(), data[:size]) {
				t.Fatalf("page %d: not the bytes of a new zlib writer at best speed", pages)
			}
		}
		if pages < 12 {
			t.Fatalf("%d pages", pages)
		}
	}
}

// pageContentsRE finds each page object and the number of its content stream.
var pageContentsRE = regexp.MustCompile(`(?s)\n\d+ 0 obj\n<</Type /Page\n.*?/Contents (\d+) 0 R>>`)

// TestOutputIntentAsFpdfWrites: the output intent archive adds, its profile's stream and the
// catalog's entry, are byte for byte what fpdf writes when it is given the intent itself; and the
// file says PDF 1.4 as fpdf's then does.
func TestOutputIntentAsFpdfWrites(t *testing.T) {
	var raw bytes.Buffer
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(false)
	f.AddOutputIntent(fpdf.OutputIntentType{
		SubtypeIdent:              fpdf.OutputIntent_GTS_PDFA1,
		OutputConditionIdentifier: "sRGB IEC61966-2.1",
		Info:                      "sRGB IEC61966-2.1",
		ICCProfile:                srgbProfile,
	})
	f.AddPage()
	if err := f.Output(&raw); err != nil {
		t.Fatal(err)
	}
	profileRE := regexp.MustCompile(`(?s)\n(\d+) 0 obj\n<< /N 3 .*?endobj\n`)
	intentRE := regexp.MustCompile(`/OutputIntents \[\n.*?/DestOutputProfile (\d+) 0 R >>\n\]\n`)
	file := renderAll(t, testDocument("a: 1\n"))
	if !bytes.HasPrefix(file, []byte("%PDF-1.4\n")) || !bytes.HasPrefix(raw.Bytes(), []byte("%PDF-1.4\n")) {
		t.Errorf("headers %q and %q, want PDF 1.4", file[:9], raw.Bytes()[:9])
	}
	for name, re := range map[string]*regexp.Regexp{"profile": profileRE, "catalog entry": intentRE} {
		ours, fpdfs := re.FindSubmatch(file), re.FindSubmatch(raw.Bytes())
		if ours == nil || fpdfs == nil {
			t.Fatalf("%s: ours found %v, fpdf's %v", name, ours != nil, fpdfs != nil)
		}
		strip := func(m [][]byte) []byte { return bytes.Replace(m[0], append(m[1], " 0 "...), nil, 1) } // the number out
		if !bytes.Equal(strip(ours), strip(fpdfs)) {
			t.Errorf("%s differs from fpdf's:\n%.200q\n%.200q", name, strip(ours), strip(fpdfs))
		}
	}
}

// TestFontSelectedOnlyWhenItChanges: a page's contents select a font only when it differs from the
// one in use (fpdf selects the page's font again at its top), however often the layout measures
// text in other styles between drawn lines.
func TestFontSelectedOnlyWhenItChanges(t *testing.T) {
	var docs []*render.Document
	for i := range 3 {
		docs = append(docs, testDocument(fmt.Sprintf("so: %d\n", i)))
	}
	file := renderAll(t, docs...)
	selections := 0
	for n, m := range pageContentsRE.FindAllSubmatch(file, -1) {
		_, obj, _ := bytes.Cut(file, fmt.Appendf(nil, "\n%s 0 obj\n", m[1]))
		lenText, data, _ := bytes.Cut(obj, []byte(">>\nstream\n"))
		size, err := strconv.Atoi(string(bytes.TrimPrefix(lenText, []byte("<</Filter /FlateDecode /Length "))))
		if err != nil || size > len(data) {
			t.Fatalf("page %d: contents %.60q are not a compressed stream", n+1, obj)
		}
		zr, err := zlib.NewReader(bytes.NewReader(data[:size]))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		// Two selections may repeat the font in use: fpdf's own at the top of a page, which
		// selects the font in use twice (before and after its page header hook); and that of
		// the underlined "Nơi nhận:", whose underline (a filled rectangle fpdf draws after the
		// text) fpdf keeps with the font.
		lines := strings.Split(string(plain), "\n")
		last, onPage := "", 0
		for i, line := range lines {
			if !strings.HasSuffix(line, " Tf ET") {
				continue
			}
			underlined := i+1 < len(lines) && strings.HasSuffix(lines[i+1], " re f")
			fpdfs := n > 0 && onPage == 1
			if line == last && !underlined && !fpdfs {
				t.Fatalf("page %d selects %q again: %q", n+1, line, lines[max(i-6, 0):i+3])
			}
			last, onPage = line, onPage+1
			selections++
		}
	}
	if selections < 6 {
		t.Fatalf("%d font selections in three documents", selections)
	}
}
