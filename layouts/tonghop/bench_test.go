package tonghop_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render"
	"baocao/render/docx"
	"baocao/render/pdf"
)

// BenchmarkConsolidateReceivedPDFs builds and renders the consolidated report from 1,000 PDFs
// made by baocao, as the Board receives them, read from a folder through the importer.
func BenchmarkConsolidateReceivedPDFs(b *testing.B) {
	const n = 1000
	dir := b.TempDir()
	cs := receivedCells(n)
	files := map[string][]byte{}
	for i, c := range cs {
		files[fmt.Sprintf("bc-%04d.pdf", i+1)] = c.pdf(b)
	}
	file := writeFiles(b, dir, files, consolidation(cs))
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	size := int64(0)
	for _, f := range files {
		size += int64(len(f))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		doc, problems := layouts.Load(file, data, input.Options{Files: input.OSFiles})
		if doc == nil {
			b.Fatal(problems.Error())
		}
		var buf bytes.Buffer
		if err := (pdf.Renderer{}).Render(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReport renders the consolidated report, from its Document, to PDF and to DOCX: of
// 1,000 cells (about 2,000 models and 1,500 exemplars) and of 5,000 (about 10,000 and 7,500).
func BenchmarkReport(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		doc := writeReport(b, generate(n), nil)
		for _, r := range []struct {
			name     string
			renderer render.Renderer
		}{{"pdf", pdf.Renderer{}}, {"docx", docx.Renderer{}}} {
			b.Run(fmt.Sprintf("%dcells-%s", n, r.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var buf bytes.Buffer
					if err := r.renderer.Render(&buf, doc); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
