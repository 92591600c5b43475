package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkPreview20Clients measures a one-page preview (/api/pdf) as 20 clients on loopback ask
// for it at once, each waiting for its answer before asking again; it reports the 50th and 99th
// percentiles of the answer time. b.N is the number of previews in all.
func BenchmarkPreview20Clients(b *testing.B) {
	const clients = 20
	srv := httptest.NewServer(Handler(Options{}))
	defer srv.Close()
	body := validForm().Encode()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	var mu sync.Mutex
	var times []time.Duration
	next := make(chan struct{}, b.N)
	for range b.N {
		next <- struct{}{}
	}
	close(next)
	b.ResetTimer()
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for range next {
				req, _ := http.NewRequest("POST", srv.URL+"/api/pdf", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set(FormHeader, "1")
				start := time.Now()
				res, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				elapsed := time.Since(start)
				if res.StatusCode != 200 {
					b.Errorf("status %d", res.StatusCode)
				}
				mu.Lock()
				times = append(times, elapsed)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(times)
	at := func(p float64) float64 { return float64(times[int(p*float64(len(times)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}
