package samples_test

import (
	"bytes"
	"os"
	"testing"

	"baocao/render"
	"baocao/render/embedded"
	"baocao/render/pdf/pdfatest"
)

// withData loads a sample as a document that carries data: the data layouts gives it, or else the
// sample's own bytes.
func withData(t *testing.T, file string) *render.Document {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc := loadDocument(t, file, raw)
	if doc.Data == nil {
		doc.Data = raw
	}
	return doc
}

// TestSamplesArePDFA checks every sample's PDF against the PDF/A-3b requirements that can be read
// from the file, and reads its data back with embedded.FromPDF.
func TestSamplesArePDFA(t *testing.T) {
	for _, file := range sampleFiles(t) {
		t.Run(file, func(t *testing.T) {
			doc := withData(t, file)
			out := renderPDF(t, doc)
			pdfatest.Check(t, out, [][]byte{doc.Data})
			got, err := embedded.FromPDF(out)
			if err != nil || len(got) != 1 || !bytes.Equal(got[0], doc.Data) {
				t.Errorf("FromPDF: %d files, %v; want the document's data", len(got), err)
			}
		})
	}
}

// TestCombinedPDFIsPDFA checks a PDF of every sample at once (batch --combine), one of them
// without data: one attachment per document with data, named by the document's place.
func TestCombinedPDFIsPDFA(t *testing.T) {
	var docs []*render.Document
	var data [][]byte
	for i, file := range sampleFiles(t) {
		doc := withData(t, file)
		if i == 1 {
			doc.Data = nil
		}
		docs = append(docs, doc)
		data = append(data, doc.Data)
	}
	var files [][]byte
	for _, d := range docs {
		files = append(files, renderPDF(t, d))
	}
	render := func() []byte {
		var buf bytes.Buffer
		combineFiles(t, &buf, docs[0].Meta, files)
		return buf.Bytes()
	}
	out := render()
	if !bytes.Equal(out, render()) {
		t.Error("the same documents gave different bytes")
	}
	pdfatest.Check(t, out, data)
	pdfatest.ReadsBack(t, out, data)
}
