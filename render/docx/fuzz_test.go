package docx_test

import (
	"bytes"
	"testing"

	"baocao/render/docx"
	"baocao/render/rendertest"
)

// FuzzRenderDOCX renders documents built from arbitrary bytes: any valid Document gives a DOCX
// whose parts are well-formed (the renderer checks them), and never a panic.
func FuzzRenderDOCX(f *testing.F) {
	for _, seed := range rendertest.Seeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var buf bytes.Buffer
		if err := (docx.Renderer{}).Render(&buf, rendertest.Document(data)); err != nil {
			t.Fatalf("render: %v", err)
		}
	})
}
