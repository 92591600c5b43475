package samples_test

import (
	"bytes"
	"testing"

	"baocao/render/docx/docxtest"
	"baocao/render/embedded"
)

// TestDOCXCarriesData checks that every sample's DOCX carries the document's data byte for byte,
// that LibreOffice still opens it (converts it to PDF), and that the data part survives, byte for
// byte, LibreOffice saving the file as DOCX again.
func TestDOCXCarriesData(t *testing.T) {
	docs := map[string][]byte{}
	data := map[string][]byte{}
	for _, file := range sampleFiles(t) {
		doc := withData(t, file)
		out := renderDOCX(t, doc)
		got, err := embedded.FromDOCX(out)
		if err != nil || !bytes.Equal(got, doc.Data) {
			t.Errorf("%s: FromDOCX: %d bytes, %v; want the document's data", file, len(got), err)
		}
		docs[baseName(file)] = out
		data[baseName(file)] = doc.Data
	}
	// Data with what XML escapes or normalises: markup, a CDATA end, carriage returns, tabs, spaces
	// at the ends of lines.
	hostile := withData(t, sampleFiles(t)[0])
	hostile.Data = []byte("ten: \"<Chi bộ> & 'Sở'\"\r\nghi_chu: |\n  ]]> &amp; \t tab \r\n  cuối dòng   \n\n")
	docs["hostile"] = renderDOCX(t, hostile)
	data["hostile"] = hostile.Data
	for name, p := range libreOfficeTo(t, docs, "pdf") {
		if !bytes.HasPrefix(p, []byte("%PDF-")) || len(pdfToText(t, p)) == 0 {
			t.Errorf("%s: LibreOffice made no readable PDF of the DOCX", name)
		}
	}
	for name, saved := range libreOfficeTo(t, docs, "docx") {
		got, err := embedded.FromDOCX(saved)
		if err != nil || !bytes.Equal(got, data[name]) {
			t.Errorf("%s: after LibreOffice saved the DOCX, FromDOCX: %d bytes, %v; want the document's data", name, len(got), err)
		}
	}
}

// TestSamplesDOCXAreSchemaValid validates every sample's DOCX, data included, against the
// ECMA-376 schemas and the checks they cannot express.
func TestSamplesDOCXAreSchemaValid(t *testing.T) {
	for _, file := range sampleFiles(t) {
		docxtest.Validate(t, file, renderDOCX(t, withData(t, file)))
	}
}
