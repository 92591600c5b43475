package embedded_test

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"baocao/render"
	"baocao/render/docx"
	"baocao/render/embedded"
	"baocao/render/pdf"
	"baocao/render/rendertest"
)

func document(data string) *render.Document {
	d := rendertest.Document([]byte("Báo cáo\x00Chi bộ\x00\x00CHI BỘ\x00Số 05-BC/CB\x00Yên Bái, ngày 12 tháng 4 năm 2021\x00BÁO CÁO\x00kết quả\x00\x00BÍ THƯ\x00Trần Văn Bình\x00- Lưu.\x00\x01Nội dung."))
	d.Data = []byte(data)
	return d
}

// renderPDF renders one document, or combines the files of several as batch --combine does.
func renderPDF(t testing.TB, docs ...*render.Document) []byte {
	t.Helper()
	var files [][]byte
	for _, d := range docs {
		var buf bytes.Buffer
		if err := (pdf.Renderer{}).Render(&buf, d); err != nil {
			t.Fatal(err)
		}
		files = append(files, buf.Bytes())
	}
	if len(files) == 1 {
		return files[0]
	}
	var buf bytes.Buffer
	c, err := pdf.NewCombiner(&buf, docs[0].Meta)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := c.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFromPDFReadsCombined: FromPDF reads back, in order, the data of every document of a
// combined file, of 2 and of 101 documents (three-digit names), some without data.
func TestFromPDFReadsCombined(t *testing.T) {
	for _, n := range []int{2, 101} {
		var docs []*render.Document
		var want []string
		for i := range n {
			d := document(fmt.Sprintf("so: %d\n", i+1))
			if i%7 == 3 {
				d.Data = nil
			} else {
				want = append(want, string(d.Data))
			}
			docs = append(docs, d)
		}
		got, err := embedded.FromPDF(renderPDF(t, docs...))
		if err != nil {
			t.Fatalf("%d documents: %v", n, err)
		}
		var gotS []string
		for _, g := range got {
			gotS = append(gotS, string(g))
		}
		if strings.Join(gotS, "|") != strings.Join(want, "|") {
			t.Errorf("%d documents: FromPDF gave %q, want %q", n, gotS, want)
		}
	}
}

func renderDOCX(t testing.TB, d *render.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (docx.Renderer{}).Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAttachmentName(t *testing.T) {
	for _, c := range []struct {
		i, n int
		want string
	}{{0, 1, "bao-cao.yaml"}, {0, 2, "bao-cao-01.yaml"}, {11, 12, "bao-cao-12.yaml"}, {4, 150, "bao-cao-005.yaml"}} {
		if got := embedded.AttachmentName(c.i, c.n); got != c.want {
			t.Errorf("AttachmentName(%d, %d) = %q, want %q", c.i, c.n, got, c.want)
		}
	}
}

// TestFromPDFAfterAnUpdate: a signature or any other incremental update appends objects and a new
// cross-reference section (here a compressed one, as signing tools write) after baocao's file; the
// data still reads.
func TestFromPDFAfterAnUpdate(t *testing.T) {
	out := renderPDF(t, document("so: 1\n"))
	updated := append(bytes.Clone(out), []byte("40 0 obj\n<< /Type /Sig /Contents <00ff> /ByteRange [0 1 2 3] >>\nendobj\n"+
		"41 0 obj\n<< /Type /XRef /Size 42 /W [1 4 1] /Length 3 /Filter /FlateDecode >>\nstream\nxyz\nendstream\nendobj\nstartxref\n99999\n%%EOF\n")...)
	got, err := embedded.FromPDF(updated)
	if err != nil || len(got) != 1 || string(got[0]) != "so: 1\n" {
		t.Errorf("FromPDF: %q, %v", got, err)
	}
}

// TestFromPDFSavedAgain: a PDF that another program saved again, here qpdf, with its objects
// packed into object streams or not, still gives its data.
func TestFromPDFSavedAgain(t *testing.T) {
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("qpdf is not installed; .ci/run must install it")
		}
		t.Skip("qpdf is not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, renderPDF(t, document("a: 1\n"), document("b: 2\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"generate", "disable"} {
		out := filepath.Join(dir, mode+".pdf")
		if b, err := exec.Command(qpdf, "--object-streams="+mode, in, out).CombinedOutput(); err != nil {
			t.Fatalf("qpdf: %v\n%s", err, b)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if mode == "generate" && !bytes.Contains(data, []byte("/ObjStm")) {
			t.Fatal("qpdf wrote no object stream")
		}
		got, err := embedded.FromPDF(data)
		if err != nil || len(got) != 2 || string(got[0]) != "a: 1\n" || string(got[1]) != "b: 2\n" {
			t.Errorf("object streams %s: FromPDF: %q, %v", mode, got, err)
		}
	}
}

// pdfWith is a PDF holding one attachment of ours whose stream is given.
func pdfWith(dict string, stream []byte) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n1 0 obj\n<< /Type /Filespec /F (bao-cao.yaml) /UF (bao-cao.yaml) /EF << /F 2 0 R >> >>\nendobj\n")
	fmt.Fprintf(&b, "2 0 obj\n<< /Type /EmbeddedFile %s /Length %d >>\nstream\n", dict, len(stream))
	b.Write(stream)
	b.WriteString("\nendstream\nendobj\n%%EOF\n")
	return b.Bytes()
}

func deflate(data []byte) []byte {
	var b bytes.Buffer
	zw := zlib.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

func TestFromPDFRefuses(t *testing.T) {
	bomb := deflate(make([]byte, embedded.MaxData+1))
	nested := "%PDF-1.7\n1 0 obj\n" + strings.Repeat("[", 100000) + "\nendobj\n"
	unclosed := "%PDF-1.7\n" + strings.Repeat("1 0 obj\n(", 20000)
	tests := map[string]struct {
		data []byte
		want error
	}{
		"not a PDF":        {[]byte("PK\x03\x04"), embedded.ErrCorrupt},
		"empty":            {nil, embedded.ErrCorrupt},
		"too large":        {append([]byte("%PDF-"), make([]byte, embedded.MaxFile)...), embedded.ErrTooLarge},
		"no attachment":    {[]byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), embedded.ErrNoData},
		"another's file":   {bytes.Replace(pdfWith("", []byte("a")), []byte("bao-cao.yaml"), []byte("invoice.xml!"), 2), embedded.ErrNoData},
		"a bomb":           {pdfWith("/Filter /FlateDecode", bomb), embedded.ErrTooLarge},
		"bad deflate":      {pdfWith("/Filter /FlateDecode", []byte("not deflate")), embedded.ErrCorrupt},
		"another filter":   {pdfWith("/Filter /LZWDecode", []byte("x")), embedded.ErrCorrupt},
		"two filters":      {pdfWith("/Filter [/ASCIIHexDecode /FlateDecode]", []byte("x")), embedded.ErrCorrupt},
		"no stream":        {bytes.Replace(pdfWith("", []byte("a")), []byte("/EF << /F 2 0 R >>"), []byte("/EF << /F 9 0 R >>"), 1), embedded.ErrCorrupt},
		"deep nesting":     {[]byte(nested), embedded.ErrNoData},
		"encrypted":        {[]byte("%PDF-1.4\n1 0 obj\n<< /Type /Filespec /UF (\x9a\x01) >>\nendobj\ntrailer\n<< /Encrypt 2 0 R >>\n"), embedded.ErrEncrypted},
		"unclosed strings": {[]byte(unclosed), embedded.ErrNoData},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := embedded.FromPDF(tc.data)
			if !errors.Is(err, tc.want) {
				t.Errorf("FromPDF: %v, want %v", err, tc.want)
			}
		})
	}
	if got, err := embedded.FromPDF(pdfWith("", []byte("plain: 1\n"))); err != nil || string(got[0]) != "plain: 1\n" {
		t.Errorf("an unfiltered stream: %q, %v", got, err)
	}
}

// zipOf packs parts into a zip, in the order given.
func zipOf(t *testing.T, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[i+1]))
	}
	zw.Close()
	return b.Bytes()
}

func TestFromDOCXRefuses(t *testing.T) {
	ours := func(text string) string {
		x, err := embedded.CustomXML([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return string(x)
	}
	many := make([]string, 0, 2*5002)
	for i := range 5001 {
		many = append(many, fmt.Sprintf("p%d", i), "")
	}
	tests := map[string]struct {
		data []byte
		want error
	}{
		"not a zip":      {[]byte("%PDF-1.4"), embedded.ErrCorrupt},
		"too large":      {make([]byte, embedded.MaxFile+1), embedded.ErrTooLarge},
		"no data":        {zipOf(t, "word/document.xml", "<w:document/>"), embedded.ErrNoData},
		"another's part": {zipOf(t, "customXml/item1.xml", `<b:Sources xmlns:b="urn:x"/>`), embedded.ErrNoData},
		"two data parts": {zipOf(t, "customXml/item1.xml", ours("a"), "customXml/item2.xml", ours("b")), embedded.ErrCorrupt},
		"an element":     {zipOf(t, "customXml/item1.xml", `<du-lieu xmlns="urn:baocao:du-lieu:1">a<b/></du-lieu>`), embedded.ErrCorrupt},
		"not XML":        {zipOf(t, "customXml/item1.xml", `<du-lieu xmlns="urn:baocao:du-lieu:1">a &bad; </du-lieu>`), embedded.ErrCorrupt},
		"a bomb":         {zipOf(t, "customXml/item1.xml", ours(strings.Repeat("a", embedded.MaxData+1))), embedded.ErrTooLarge},
		"many parts":     {zipOf(t, many...), embedded.ErrTooLarge},
		"encrypted":      {append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), "E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00"...), embedded.ErrEncrypted},
		"a Word 97 file": {[]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1WordDocument"), embedded.ErrCorrupt},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := embedded.FromDOCX(tc.data)
			if !errors.Is(err, tc.want) {
				t.Errorf("FromDOCX: %v, want %v", err, tc.want)
			}
		})
	}
	// The part as an office suite may write it again: in UTF-16 with its byte order mark, or in
	// UTF-8 with one.
	text := "ten: Chi bộ \"Sở\" <1> & 2\r\n"
	item := strings.Replace(ours(text), `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(item)
	be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(item)
	for name, part := range map[string]string{"UTF-16LE": le, "UTF-16BE": be, "UTF-8 with a BOM": "\uFEFF" + ours(text)} {
		got, err := embedded.FromDOCX(zipOf(t, "customXml/item1.xml", part))
		if err != nil || string(got) != text {
			t.Errorf("%s: FromDOCX: %q, %v", name, got, err)
		}
	}
	// A part larger than the limit, though it compresses well.
	lie := zipOf(t, "customXml/item1.xml", ours(strings.Repeat("a", 7*embedded.MaxData)))
	if _, err := embedded.FromDOCX(lie); !errors.Is(err, embedded.ErrTooLarge) {
		t.Errorf("a large part: %v", err)
	}
}

func FuzzFromPDF(f *testing.F) {
	f.Add(renderPDF(f, document("so: 1\n")))
	f.Add(renderPDF(f, document("a: 1\n"), document("b: 2\n")))
	f.Add(pdfWith("/Filter /FlateDecode", deflate([]byte("x: 1\n"))))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := embedded.FromPDF(data)
		if err == nil && len(got) == 0 {
			t.Error("no error and no data")
		}
	})
}

func FuzzFromDOCX(f *testing.F) {
	f.Add(renderDOCX(f, document("so: 1\n")))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := embedded.FromDOCX(data)
		if err == nil && got == nil {
			t.Error("no error and no data")
		}
	})
}

// BenchmarkFromPDF measures reading the data back from a one-document PDF.
func BenchmarkFromPDF(b *testing.B) {
	out := renderPDF(b, document(strings.Repeat("mo_hinh: một mô hình\n", 100)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := embedded.FromPDF(out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFromDOCX measures reading the data back from a DOCX.
func BenchmarkFromDOCX(b *testing.B) {
	out := renderDOCX(b, document(strings.Repeat("mo_hinh: một mô hình\n", 100)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := embedded.FromDOCX(out); err != nil {
			b.Fatal(err)
		}
	}
}
