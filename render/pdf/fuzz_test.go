package pdf_test

import (
	"bytes"
	"testing"

	"baocao/render/embedded"
	"baocao/render/pdf"
	"baocao/render/rendertest"
)

// FuzzRenderPDF renders documents built from arbitrary bytes: any valid Document gives a PDF, the
// same twice, that gives back the document's data, and never a panic.
func FuzzRenderPDF(f *testing.F) {
	for _, seed := range rendertest.Seeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := rendertest.Document(data)
		var a, b bytes.Buffer
		if err := (pdf.Renderer{}).Render(&a, d); err != nil {
			t.Fatalf("render: %v", err)
		}
		if !bytes.HasPrefix(a.Bytes(), []byte("%PDF-")) {
			t.Fatal("not a PDF")
		}
		if err := (pdf.Renderer{}).Render(&b, d); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatal("two renderings differ")
		}
		got, err := embedded.FromPDF(a.Bytes())
		if d.Data == nil && err != embedded.ErrNoData || d.Data != nil && (err != nil || len(got) != 1 || !bytes.Equal(got[0], d.Data)) {
			t.Fatalf("FromPDF: %d files, %v", len(got), err)
		}
	})
}
