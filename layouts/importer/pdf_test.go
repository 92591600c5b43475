package importer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"baocao/layouts/importer"
)

// attach attaches files (name → content) to a PDF as embedded files, as a PDF/A-3 associated file
// is stored: in the catalog's /Names /EmbeddedFiles.
func attach(t testing.TB, pdfData []byte, files map[string]string) []byte {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for _, name := range sortedKeys(files) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	var out bytes.Buffer
	if err := api.AddAttachments(bytes.NewReader(pdfData), &out, paths, false, pdfcpuConf()); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestPDFRoundTrip: the PDF baocao makes imports to exactly the YAML it carries, which renders
// the same PDF bytes.
func TestPDFRoundTrip(t *testing.T) {
	for name, data := range registrationSamples(t) {
		t.Run(name, func(t *testing.T) {
			doc := load(t, name, data)
			made := renderPDF(t, doc)
			res := importer.Import("bao-cao.pdf", made)
			if len(res.Problems) != 0 || len(res.Reports) != 1 {
				t.Fatalf("%d reports, problems %v", len(res.Reports), res.Problems)
			}
			if !bytes.Equal(res.Reports[0], doc.Data) {
				t.Errorf("imported:\n%s", res.Reports[0])
			}
			if !bytes.Equal(pdfOf(t, "imported.yaml", res.Reports[0]), made) {
				t.Error("the imported YAML renders another PDF")
			}
		})
	}
}

// TestCombinedPDF: a PDF that combines several reports gives each, in order; other attachments
// are not reports.
func TestCombinedPDF(t *testing.T) {
	samples := registrationSamples(t)
	names := sortedKeys(samples)
	files := map[string]string{"ghi-chu.txt": "không phải báo cáo"}
	for i, n := range names {
		files["bao-cao-0"+string(rune('1'+i))+".yaml"] = string(samples[n])
	}
	res := importer.Import("gop.pdf", attach(t, textPDF(), files))
	if len(res.Problems) != 0 || len(res.Reports) != len(names) {
		t.Fatalf("%d reports, problems %v", len(res.Reports), res.Problems)
	}
	for i, n := range names {
		if !bytes.Equal(res.Reports[i], samples[n]) {
			t.Errorf("report %d is not %s", i+1, n)
		}
	}
}

// TestPDFWithBadData: an attachment that is no valid report is an error that names it.
func TestPDFWithBadData(t *testing.T) {
	res := importer.Import("bao-cao.pdf", attach(t, textPDF(), map[string]string{"bao-cao.yaml": "mau: dang-ky\nco_quan: [\n"}))
	checkProblems(t, res.Problems, []string{`bao-cao.pdf: bao-cao.yaml: dữ liệu báo cáo đính kèm PDF có lỗi; hãy kiểm tra tệp YAML nhập ra bằng "baocao validate"`})
	if len(res.Reports) != 0 {
		t.Error("a bad attachment gave a report")
	}
}

// TestPDFDataBomb: an attachment inflating beyond the data limit is refused unread.
func TestPDFDataBomb(t *testing.T) {
	huge := "#" + string(bytes.Repeat([]byte(" "), 5<<20))
	res := importer.Import("bao-cao.pdf", attach(t, textPDF(), map[string]string{"bao-cao.yaml": huge}))
	checkProblems(t, res.Problems, []string{"bao-cao.pdf: " + importer.MsgPDFDataTooLarge})
}
