package docx_test

import (
	"bytes"
	"testing"

	"baocao/render/docx"
	"baocao/render/embedded"
	"baocao/render/rendertest"
)

// FuzzRenderDOCX renders documents built from arbitrary bytes: any valid Document gives a DOCX
// whose parts are well-formed (the renderer checks them) and that gives back the document's data,
// and never a panic.
func FuzzRenderDOCX(f *testing.F) {
	for _, seed := range rendertest.Seeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var buf bytes.Buffer
		d := rendertest.Document(data)
		if err := (docx.Renderer{}).Render(&buf, d); err != nil {
			t.Fatalf("render: %v", err)
		}
		got, err := embedded.FromDOCX(buf.Bytes())
		if d.Data == nil && err != embedded.ErrNoData || d.Data != nil && (err != nil || !bytes.Equal(got, d.Data)) {
			t.Fatalf("FromDOCX: %q, %v", got, err)
		}
	})
}
