package web

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"baocao/render/pdf"
)

// bench1000 are a thousand cells' PDFs, made once.
var bench1000 struct {
	once  sync.Once
	files []boardFixture
}

// BenchmarkBoard1000PDFs measures the Tổng hợp page with 1,000 dropped PDFs: the upload (in
// the page's batches) and the table, as the page asks them; and the server's peak heap while
// doing so (peak-heap-MiB over the heap before, sampled every millisecond; the test's own request
// bodies included), besides the bytes uploaded (upload-MiB) and the table's own time (table-ms:
// every request of the table reads every file again).
func BenchmarkBoard1000PDFs(b *testing.B) {
	bench1000.once.Do(func() {
		for i := range 1000 {
			data := []byte(strings.ReplaceAll(string(boardCellYAML(i%len(boardCellNames))), boardCellNames[i%len(boardCellNames)], fmt.Sprintf("Chi bộ số %d", i+1)))
			bench1000.files = append(bench1000.files, boardFixture{fmt.Sprintf("bao-cao-%04d.pdf", i+1), renderCell(b, data, pdf.Renderer{})})
		}
	})
	var size int
	for _, f := range bench1000.files {
		size += len(f.data)
	}
	var due []string
	for i := range 1000 {
		due = append(due, fmt.Sprintf("Chi bộ số %d", i+1))
	}
	peakHeap := samplePeakHeap()
	var tableTime time.Duration
	runs := 0
	b.ResetTimer()
	for b.Loop() {
		runs++
		h := boardHandler()
		session := ""
		for start := 0; start < len(bench1000.files); {
			end, bytes := start, 0
			for end < len(bench1000.files) && end-start < 400 && bytes+len(bench1000.files[end].data) <= 24<<20 {
				bytes += len(bench1000.files[end].data)
				end++
			}
			session = uploadFiles(b, h, session, bench1000.files[start:end]).Session
			start = end
		}
		fields := boardFields(session)
		fields.Set("phai_bao_cao", strings.Join(due, "\n"))
		fields.Set("han_bao_cao", "30/4/2021")
		began := time.Now()
		ans := table(b, h, fields)
		tableTime += time.Since(began)
		if ans.Reported != 1000 {
			b.Fatalf("%d reported: %+v", ans.Reported, ans.Errors)
		}
	}
	b.StopTimer()
	over, _ := peakHeap()
	b.ReportMetric(float64(tableTime.Milliseconds())/float64(runs), "table-ms")
	b.ReportMetric(float64(over)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(size)/(1<<20), "upload-MiB")
}

// samplePeakHeap collects garbage, reads the heap, then samples it every millisecond until the
// function it gives is called, which gives the highest heap seen over the heap at the start, and
// that heap.
func samplePeakHeap() func() (over, base uint64) {
	runtime.GC()
	var start runtime.MemStats
	runtime.ReadMemStats(&start)
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
				runtime.ReadMemStats(&m)
				peak.Store(max(peak.Load(), m.HeapAlloc))
			}
		}
	}()
	return func() (uint64, uint64) {
		close(stop)
		<-done
		return peak.Load() - min(peak.Load(), start.HeapAlloc), start.HeapAlloc
	}
}
