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
// percentiles of the answer time. b.N is the number of previews in all. Every request is the same
// form state, as when a page re-asks its preview unchanged.
func BenchmarkPreview20Clients(b *testing.B) {
	body := validForm().Encode()
	preview20(b, func(int) string { return body })
}

// BenchmarkPreview20ClientsDistinct is BenchmarkPreview20Clients with every request a form state
// of its own (its document number), so that none is answered from the cache.
func BenchmarkPreview20ClientsDistinct(b *testing.B) {
	preview20(b, func(i int) string { return formNumbered(i + 1).Encode() })
}

func preview20(b *testing.B, body func(i int) string) {
	const clients = 20
	srv := httptest.NewServer(Handler(Options{}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	var mu sync.Mutex
	var times []time.Duration
	next := make(chan string, b.N)
	for i := range b.N {
		next <- body(i)
	}
	close(next)
	b.ResetTimer()
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for body := range next {
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
