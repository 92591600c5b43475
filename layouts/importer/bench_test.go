package importer_test

import (
	"os"
	"testing"

	"baocao/layouts/importer"
)

// benchImport measures importing one file.
func benchImport(b *testing.B, name string, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if res := importer.Import(name, data); len(res.Reports) != 1 {
			b.Fatalf("%s: %v", name, res.Problems)
		}
	}
}

// BenchmarkImportDOCX: a hand-typed DOCX (split runs, tables), one in .VnTime, one converted by
// LibreOffice, and baocao's own DOCX of the largest sample.
func BenchmarkImportDOCX(b *testing.B) {
	for _, f := range []string{"testdata/handtyped/bang-tieu-de.docx", "testdata/handtyped/tcvn3-vntime.docx", "testdata/libreoffice/lo-bang-danh-sach.docx"} {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f[len("testdata/"):], func(b *testing.B) { benchImport(b, f, data) })
	}
	data, err := os.ReadFile("../../samples/dang-bo-cong-ty-moi-truong.yaml")
	if err != nil {
		b.Fatal(err)
	}
	docx := docxOf(b, "dang-bo-cong-ty-moi-truong.yaml", data)
	b.Run("baocao/dang-bo-cong-ty-moi-truong", func(b *testing.B) { benchImport(b, "x.docx", docx) })
	b.Run("baocao-without-data/dang-bo-cong-ty-moi-truong", func(b *testing.B) { benchImport(b, "x.docx", withoutData(b, docx)) })
}

// BenchmarkImportPDF: the PDF of the largest sample with its YAML attached.
func BenchmarkImportPDF(b *testing.B) {
	data, err := os.ReadFile("../../samples/dang-bo-cong-ty-moi-truong.yaml")
	if err != nil {
		b.Fatal(err)
	}
	benchImport(b, "x.pdf", pdfOf(b, "dang-bo-cong-ty-moi-truong.yaml", data))
}
