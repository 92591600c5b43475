package web

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"baocao/render/pdf"
)

// TestBoardPageMeasure1000PDFs measures the Tổng hợp page in Chromium with 1,000 PDFs chosen at
// once (the page sends them in batches): the time from choosing them to the table counting all
// of them, and the server's peak heap meanwhile; it logs both and checks that every cell was
// counted. It only runs with BAOCAO_MEASURE_BOARD=1 (it makes 1,000 PDFs first, some 30 s):
//
//	BAOCAO_MEASURE_BOARD=1 go test ./cmd/baocao/web -run BoardPageMeasure -v
func TestBoardPageMeasure1000PDFs(t *testing.T) {
	if os.Getenv("BAOCAO_MEASURE_BOARD") == "" {
		t.Skip("a measurement: set BAOCAO_MEASURE_BOARD=1 to run it")
	}
	dir := t.TempDir()
	var paths, due []string
	for i := range 1000 {
		data := []byte(strings.ReplaceAll(string(boardCellYAML(i%len(boardCellNames))), boardCellNames[i%len(boardCellNames)], fmt.Sprintf("Chi bộ số %d", i+1)))
		p := filepath.Join(dir, fmt.Sprintf("bao-cao-%04d.pdf", i+1))
		os.WriteFile(p, renderCell(t, data, pdf.Renderer{}), 0o644)
		paths = append(paths, p)
		due = append(due, fmt.Sprintf("Chi bộ số %d", i+1))
	}
	tb := openBoard(t)
	tb.set(field("phai_bao_cao"), strings.Join(due, "\n"))
	tb.set(field("han_bao_cao"), "30/4/2021")
	tb.waitJS(`document.getElementById("tom-tat").textContent.includes("Phải báo cáo: 1000.")`, "due")
	peakHeap := samplePeakHeap()

	began := time.Now()
	tb.do(chromedp.SetUploadFiles(chromedp.ID("tep"), paths))
	deadline := time.Now().Add(5 * time.Minute)
	for !strings.Contains(tb.text("#tom-tat"), "Đã báo cáo: 1000/1000") {
		if time.Now().After(deadline) {
			t.Fatal(tb.text("#tom-tat"))
		}
		time.Sleep(20 * time.Millisecond)
	}
	took := time.Since(began)
	over, base := peakHeap()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	t.Logf("1000 PDFs: %v to the table; server heap peak %.0f MiB over %.0f MiB before; Sys %.0f MiB", took, float64(over)/(1<<20), float64(base)/(1<<20), float64(after.Sys)/(1<<20))
}
