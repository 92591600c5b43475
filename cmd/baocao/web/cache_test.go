package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"baocao/render"
	"baocao/render/docx"
	"baocao/render/pdf"
)

// countingRenderer counts the documents it renders.
type countingRenderer struct {
	inner render.Renderer
	n     *atomic.Int32
}

func (c countingRenderer) Render(w io.Writer, d *render.Document) error {
	c.n.Add(1)
	return c.inner.Render(w, d)
}

// cacheServer is a server whose cache keeps max documents, with its PDF and DOCX handlers and
// their render counts.
func cacheServer(max int) (pdfH, docxH http.HandlerFunc, pdfs, docxs *atomic.Int32) {
	s := &server{renders: make(chan struct{}, 2), wait: 20 * time.Second, cache: newRenderCache(max)}
	pdfs, docxs = new(atomic.Int32), new(atomic.Int32)
	pdfH = s.renderWith(countingRenderer{pdf.Renderer{}, pdfs}, ".pdf", "application/pdf")
	docxH = s.renderWith(countingRenderer{docx.Renderer{}, docxs}, ".docx", "application/docx")
	return
}

func postTo(h http.HandlerFunc, path string, form url.Values) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h(rec, req)
	return rec
}

// formNumbered is the valid form with document number n: a form state of its own.
func formNumbered(n int) url.Values {
	f := validForm()
	f.Set("so", fmt.Sprint(n))
	return f
}

// TestPreviewRenderedOnce: the same form state in the same format is rendered once, however
// often and however many at once ask for it, and answered with the same bytes and headers.
func TestPreviewRenderedOnce(t *testing.T) {
	pdfH, docxH, pdfs, docxs := cacheServer(32)
	first := postTo(pdfH, "/api/pdf", validForm())
	if first.Code != http.StatusOK || !bytes.HasPrefix(first.Body.Bytes(), []byte("%PDF-")) {
		t.Fatalf("status %d: %.200s", first.Code, first.Body.String())
	}
	for range 3 {
		again := postTo(pdfH, "/api/pdf", validForm())
		if again.Code != http.StatusOK || !bytes.Equal(again.Body.Bytes(), first.Body.Bytes()) {
			t.Fatalf("status %d, or other bytes than the first answer", again.Code)
		}
		for _, h := range []string{"Content-Type", "Content-Disposition"} {
			if again.Header().Get(h) != first.Header().Get(h) {
				t.Errorf("%s %q, first %q", h, again.Header().Get(h), first.Header().Get(h))
			}
		}
	}
	if got := postTo(pdfH, "/api/pdf?tai", validForm()).Header().Get("Content-Disposition"); !strings.HasPrefix(got, "attachment;") {
		t.Errorf("a cached download answers Content-Disposition %q", got)
	}
	if n := pdfs.Load(); n != 1 {
		t.Errorf("one form state rendered %d times", n)
	}

	// Another format is another document; another form state is another document.
	if rec := postTo(docxH, "/api/docx", validForm()); rec.Code != http.StatusOK || !bytes.HasPrefix(rec.Body.Bytes(), []byte("PK")) {
		t.Fatalf("DOCX: status %d", rec.Code)
	}
	changed := postTo(pdfH, "/api/pdf", formNumbered(6))
	if changed.Code != http.StatusOK || bytes.Equal(changed.Body.Bytes(), first.Body.Bytes()) {
		t.Fatalf("a changed form: status %d, or the first form's PDF", changed.Code)
	}
	if pdfs.Load() != 2 || docxs.Load() != 1 {
		t.Errorf("%d PDF and %d DOCX renders, want 2 and 1", pdfs.Load(), docxs.Load())
	}

	// Twenty at once for a new state: one render, twenty equal answers.
	var wg sync.WaitGroup
	bodies := make([][]byte, 20)
	for i := range bodies {
		wg.Go(func() {
			rec := postTo(pdfH, "/api/pdf", formNumbered(7))
			if rec.Code == http.StatusOK {
				bodies[i] = rec.Body.Bytes()
			}
		})
	}
	wg.Wait()
	for i, b := range bodies {
		if b == nil || !bytes.Equal(b, bodies[0]) {
			t.Fatalf("concurrent answer %d differs or failed", i)
		}
	}
	if n := pdfs.Load(); n != 3 {
		t.Errorf("twenty requests at once rendered %d documents, want 1", n-2)
	}
}

// TestPreviewCacheBounded: the cache keeps the last max documents; an older one is rendered again.
// A form with problems is never kept: each request answers them.
func TestPreviewCacheBounded(t *testing.T) {
	pdfH, _, pdfs, _ := cacheServer(3)
	for n := 1; n <= 4; n++ {
		postTo(pdfH, "/api/pdf", formNumbered(n))
	}
	postTo(pdfH, "/api/pdf", formNumbered(4)) // kept
	postTo(pdfH, "/api/pdf", formNumbered(2)) // kept, now the most recent
	if n := pdfs.Load(); n != 4 {
		t.Fatalf("%d renders, want 4", n)
	}
	postTo(pdfH, "/api/pdf", formNumbered(1)) // dropped as the oldest: rendered again
	postTo(pdfH, "/api/pdf", formNumbered(2)) // still kept
	if n := pdfs.Load(); n != 5 {
		t.Errorf("%d renders, want 5", n)
	}

	bad := validForm()
	bad.Set("ngay", "hôm qua")
	for range 2 {
		if rec := postTo(pdfH, "/api/pdf", bad); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "errors") {
			t.Fatalf("a form with problems: status %d", rec.Code)
		}
	}
	if n := pdfs.Load(); n != 5 {
		t.Errorf("a form with problems was rendered: %d renders", n)
	}
}
