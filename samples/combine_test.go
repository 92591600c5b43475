package samples_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"baocao/layouts/cells"
	"baocao/layouts/input"
	"baocao/render"
	"baocao/render/pdf"
	"baocao/render/pdf/pdfatest"
)

// sampleCells is every document the samples make: each report, the consolidated one among them,
// then each cell of each roster, in order.
func sampleCells(t testing.TB) []*render.Document {
	t.Helper()
	var docs []*render.Document
	for _, f := range sampleFiles(t) {
		docs = append(docs, loadSample(t, f))
	}
	files, _ := filepath.Glob("*.yaml")
	for _, f := range files {
		if !isRoster(t, f) {
			continue
		}
		for _, c := range cells.Collect([]string{f}, input.Options{Files: input.OSFiles}) {
			if !c.OK() {
				t.Fatalf("%s: a cell has errors: %v", f, c.Problems.Error())
			}
			docs = append(docs, c.Document())
		}
	}
	if len(docs) < 8 {
		t.Fatalf("the samples make %d documents, want at least 8", len(docs))
	}
	return docs
}

// combineFiles combines PDFs that Render wrote.
func combineFiles(t testing.TB, w io.Writer, meta render.Meta, files [][]byte) {
	t.Helper()
	c, err := pdf.NewCombiner(w, meta)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		if err := c.Add(f); err != nil {
			t.Fatalf("Add %d: %v", i, err)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestCombinerOfSamples combines the PDF of every document the samples make (every report, a
// roster's cells, a consolidated report with landscape appendices): the file passes the PDF/A
// checks, gives back every document's data, and its pages are the documents' pages, in order,
// with the same text and size.
func TestCombinerOfSamples(t *testing.T) {
	docs := sampleCells(t)
	var files, data [][]byte
	var wantText []string
	var wantSizes []string
	for _, d := range docs {
		f := renderPDF(t, d)
		files = append(files, f)
		data = append(data, d.Data)
		wantText = append(wantText, string(pdfToText(t, f, "-layout")))
		wantSizes = append(wantSizes, pageSizes(t, f)...)
	}
	meta := render.Meta{Title: fmt.Sprintf("Báo cáo của %d chi, đảng bộ", len(docs)), Author: docs[0].Header.ParentOrg, Lang: "vi", Date: "2021-04-30"}
	var out bytes.Buffer
	combineFiles(t, &out, meta, files)
	pdfatest.Check(t, out.Bytes(), data)
	pdfatest.ReadsBack(t, out.Bytes(), data)
	if got, want := string(pdfToText(t, out.Bytes(), "-layout")), strings.Join(wantText, ""); got != want {
		t.Errorf("the text of the combined file is not the documents' text in order:\n%s", firstDifference(got, want))
	}
	gotSizes := pageSizes(t, out.Bytes())
	if !slices.Equal(gotSizes, wantSizes) || !slices.Contains(gotSizes, "841.89 x 595.28 pts (A4)") {
		t.Errorf("page sizes %q, want %q with a landscape page", gotSizes, wantSizes)
	}
}

// firstDifference shows where two texts part.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("at byte %d: got %q, want %q", i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}

// pageSizes is the size of each page of a PDF, by pdfinfo.
func pageSizes(t testing.TB, pdfBytes []byte) []string {
	t.Helper()
	tool := needTool(t, "pdfinfo")
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdfBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-f", "1", "-l", "1000000", in).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	var sizes []string
	for line := range strings.Lines(string(out)) {
		if _, size, ok := strings.Cut(line, " size: "); ok && strings.HasPrefix(line, "Page ") {
			sizes = append(sizes, strings.TrimSpace(size))
		}
	}
	return sizes
}

// thousandPDFs is the PDFs of 1,000 documents, as Render wrote them: those of the samples'
// documents, repeated in order.
func thousandPDFs(b *testing.B) [][]byte {
	var files, out [][]byte
	for _, d := range sampleCells(b) {
		files = append(files, renderPDF(b, d))
	}
	for i := range 1000 {
		out = append(out, files[i%len(files)])
	}
	return out
}

// BenchmarkCombine1000 combines the PDFs of 1,000 documents, rendered beforehand (batch renders
// each cell's PDF anyway), into one file; file-bytes is the combined file's size.
func BenchmarkCombine1000(b *testing.B) {
	files := thousandPDFs(b)
	meta := render.Meta{Title: "Báo cáo của 1000 chi, đảng bộ", Lang: "vi", Date: "2021-04-30"}
	var n countingWriter
	b.ReportAllocs()
	for b.Loop() {
		n = 0
		combineFiles(b, &n, meta, files)
	}
	b.ReportMetric(float64(n), "file-bytes")

	// What a Combiner's memory grows by from its 10th to its 1,000th document, before Close: a
	// few numbers a page, so that memory stays flat in the number of documents.
	c, err := pdf.NewCombiner(io.Discard, meta)
	if err != nil {
		b.Fatal(err)
	}
	var heap [2]uint64
	for i, f := range files {
		if i == 10 || i == len(files)-1 {
			var m runtime.MemStats
			runtime.GC()
			runtime.GC() // twice: the second empties the pools' victim caches
			runtime.ReadMemStats(&m)
			heap[min(i, 11)%10] = m.HeapAlloc
		}
		if err := c.Add(f); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(int64(heap[1])-int64(heap[0]))/float64(len(files)-11), "held-B/doc")
	runtime.KeepAlive(c)
}

// countingWriter counts the bytes written to it.
type countingWriter int64

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}
