package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// attempt is one request that reached the form's server, and how it was answered.
type attempt struct {
	method, path string
	status       int
}

// recorder serves h and records every request and its status.
type recorder struct {
	h        http.Handler
	mu       sync.Mutex
	attempts []attempt
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sw := &statusWriter{ResponseWriter: w, status: 200}
	rec.h.ServeHTTP(sw, r)
	rec.mu.Lock()
	rec.attempts = append(rec.attempts, attempt{r.Method, r.URL.Path, sw.status})
	rec.mu.Unlock()
}

func (rec *recorder) seen() []attempt {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]attempt(nil), rec.attempts...)
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// evilPage is a page on another site that tries every way a page can make the browser reach the
// form: a form posted to the PDF action, fetches with and without the form's header, a file posted
// to "Mở bản đã lưu" naming the server's files. It writes what it could read into its title.
const evilPage = `<!DOCTYPE html><html><head><title>dang thu</title></head><body>
<iframe name="dich" src="about:blank"></iframe>
<form id="f" method="post" action="%[1]s/api/pdf?tai=1" target="dich">
<input name="co_quan.ten" value="Chi bộ Giả mạo"><input name="co_quan.loai" value="chi-bo">
<input name="co_quan.khoi" value="co-quan"><input name="ngay" value="12/4/2021"><input name="ky.ho_ten" value="Kẻ Giả">
</form>
<script>
const target = %[2]q;
const results = [];
async function attempt(name, url, init) {
  try {
    const res = await fetch(url, init);
    let body = "";
    try { body = await res.text(); } catch (e) {}
    results.push(name + ":" + res.type + ":" + res.status + ":" + body.length);
  } catch (e) {
    results.push(name + ":refused");
  }
}
(async () => {
  document.getElementById("f").submit();
  await attempt("no-cors", target + "/api/pdf?tai=1", {method: "POST", mode: "no-cors", body: new URLSearchParams({"co_quan.ten": "X"})});
  await attempt("header", target + "/api/pdf", {method: "POST", headers: {"X-Baocao-Bieu-Mau": "1"}, body: "co_quan.ten=X"});
  await attempt("mo", target + "/api/mo", {method: "POST", mode: "no-cors", body: "mau: tong-hop\nnguon: [/etc, /root]\n"});
  await attempt("doc", target + "/api/loai", {});
  document.title = "xong " + results.join(" ");
})();
</script></body></html>`

// TestBrowserCrossSiteAttack opens a page of another site in Chromium that attacks the form's
// server every way a page can: nothing it sends is served (each request that reaches the server is
// refused with 403, the preflighted one never gets past its preflight), nothing downloads, and the
// page reads nothing back.
func TestBrowserCrossSiteAttack(t *testing.T) {
	chromium := needTool(t, "chromium")
	shared.once.Do(func() { startBrowser(chromium) })
	if shared.err != nil {
		t.Fatalf("chromium: %v", shared.err)
	}
	form := &recorder{h: Handler(Options{Hosts: testHosts})}
	target := httptest.NewServer(form)
	defer target.Close()
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, evilPage, target.URL, target.URL)
	}))
	defer evil.Close()

	ctx, cancel := chromedp.NewContext(shared.ctx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()
	downloads := t.TempDir()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
	}); err != nil {
		t.Fatal(err)
	}
	// The evil page is another origin: another port of the same machine.
	if err := chromedp.Do(ctx, chromedp.Navigate(evil.URL)); err != nil {
		t.Fatal(err)
	}
	var title string
	for deadline := time.Now().Add(20 * time.Second); !strings.HasPrefix(title, "xong") && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		title, _ = chromedp.Run(ctx, chromedp.Title())
	}
	if !strings.HasPrefix(title, "xong") {
		t.Fatalf("the attacking page did not finish: %q", title)
	}
	time.Sleep(500 * time.Millisecond) // the posted form's answer
	// The page could read nothing: opaque answers (status 0, no body) or refusals.
	for _, r := range strings.Fields(strings.TrimPrefix(title, "xong ")) {
		if !strings.HasSuffix(r, ":refused") && !strings.Contains(r, ":opaque:0:0") {
			t.Errorf("the attacking page read an answer: %s", r)
		}
	}
	posts := 0
	for _, a := range form.seen() {
		switch {
		case a.method == "POST":
			posts++
			if a.status != http.StatusForbidden {
				t.Errorf("%s %s from another site: %d, want 403", a.method, a.path, a.status)
			}
		case a.method == "OPTIONS":
			if a.status < 400 {
				t.Errorf("a preflight was granted: %d", a.status)
			}
		}
	}
	if posts < 3 {
		t.Errorf("only %d POSTs reached the server (%v): the test did not attack", posts, form.seen())
	}
	if entries, _ := os.ReadDir(downloads); len(entries) != 0 {
		t.Errorf("the attack downloaded %v", entries)
	}
}
