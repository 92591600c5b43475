package importer_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"

	"baocao/layouts/importer"
)

// corpusFiles are the DOCX of the corpora and the refusals' files, the fuzzers' seeds.
func corpusFiles(t testing.TB) [][]byte {
	t.Helper()
	var out [][]byte
	for _, pattern := range []string{"testdata/handtyped/*.docx", "testdata/libreoffice/*.docx", "testdata/refuse/*"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, data)
		}
	}
	if len(out) < 15 {
		t.Fatalf("only %d seed files", len(out))
	}
	return out
}

// checkResult fails on a result that is neither a report nor a refusal: every report must be
// YAML that parses, and no report must come with an error that says why.
func checkResult(t *testing.T, res importer.Result) {
	t.Helper()
	for _, r := range res.Reports {
		var n yaml.Node
		if err := yaml.Unmarshal(r, &n); err != nil {
			t.Fatalf("a report that is not YAML: %v\n%s", err, r)
		}
	}
	if len(res.Reports) == 0 && !res.Problems.HasErrors() {
		t.Fatalf("no report and no error to say why: %v", res.Problems)
	}
}

// FuzzImport: any bytes give a report or an error, never a panic.
func FuzzImport(f *testing.F) {
	for _, data := range corpusFiles(f) {
		f.Add(data)
	}
	f.Add(textPDF())
	f.Fuzz(func(t *testing.T, data []byte) {
		checkResult(t, importer.Import("tep", data))
	})
}

// FuzzDocumentXML: any document part, in an otherwise sound DOCX, gives a report or an error.
// Mutating the XML itself reaches the reader, which mutations of the zip rarely do.
func FuzzDocumentXML(f *testing.F) {
	for _, data := range corpusFiles(f) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			continue
		}
		for _, zf := range zr.File {
			if zf.Name == "word/document.xml" {
				rc, _ := zf.Open()
				doc, _ := io.ReadAll(rc)
				rc.Close()
				f.Add(doc)
			}
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		d := wdoc{}
		docx := editParts(t, d.docx(t), func(name string, part []byte) []byte {
			if name == "word/document.xml" {
				return doc
			}
			return part
		}, nil)
		checkResult(t, importer.ReadDOCX("tep.docx", docx))
	})
}
