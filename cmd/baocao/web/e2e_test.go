package web

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var updateScreenshot = flag.Bool("update", false, "rewrite the README's screenshot of the form (cmd/baocao/web/form.png)")

// needTool returns a tool's path; without it the test is skipped on a developer's machine and
// fails in CI, where .ci/run installs it.
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed; .ci/run must install it", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return path
}

// shared is the headless Chromium the end-to-end tests share: started by the first test that needs
// it, stopped by TestMain. Each test opens its own tab on its own server (its own origin, so its
// own localStorage).
var shared struct {
	once sync.Once
	ctx  context.Context
	stop []func()
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	for i := len(shared.stop) - 1; i >= 0; i-- {
		shared.stop[i]()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

func startBrowser(chromium string) {
	shared.dir, shared.err = os.MkdirTemp("", "baocao-chromium-")
	if shared.err != nil {
		return
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(shared.dir),
		chromedp.WindowSize(1000, 1400),
	)
	ctx, cancel := chromedp.NewContext(allocCtx)
	shared.stop = append(shared.stop, cancelAlloc, cancel)
	shared.ctx = ctx
	shared.err = chromedp.Do(ctx) // starts the browser
}

// tab is one page of the shared browser, on a form server of its own.
type tab struct {
	t         *testing.T
	ctx       context.Context
	srv       *httptest.Server
	downloads string

	mu        sync.Mutex
	dialogs   []*page.EventJavascriptDialogOpening // every dialog the page opened, each accepted
	started   map[string]string                    // the name of each download begun, by its id
	completed []string                             // the names of the downloads written whole, not yet taken
}

// newTab starts a form server and opens the form in a new tab, ready to use.
func newTab(t *testing.T) *tab {
	t.Helper()
	return newTabOn(t, Handler(Options{Hosts: testHosts, Version: "9.9.9-thu"}))
}

// newTabOn opens the form in a new tab, served by h.
func newTabOn(t *testing.T, h http.Handler) *tab {
	t.Helper()
	chromium := needTool(t, "chromium")
	shared.once.Do(func() { startBrowser(chromium) })
	if shared.err != nil {
		t.Fatalf("chromium: %v", shared.err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close) // last: after the tab is closed
	ctx, cancel := chromedp.NewContext(shared.ctx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	tb := &tab{t: t, ctx: ctx, srv: srv, downloads: t.TempDir()}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("new tab: %v", err)
	}
	// A download is taken when the browser says it is complete: the file may stand under its
	// name, empty or half-written, before that.
	tb.started = map[string]string{}
	if err := chromedp.ListenBrowser(ctx, func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch ev := ev.(type) {
		case *browser.EventDownloadWillBegin:
			tb.started[ev.GUID] = ev.SuggestedFilename
		case *browser.EventDownloadProgress:
			if ev.State == browser.DownloadProgressStateCompleted {
				tb.completed = append(tb.completed, tb.started[ev.GUID])
			}
		}
	}); err != nil {
		t.Fatalf("browser: %v", err)
	}
	eventsEnabled := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: tb.downloads, EventsEnabled: &eventsEnabled,
	}); err != nil {
		t.Fatalf("browser: %v", err)
	}
	// Every dialog (confirm, beforeunload) is recorded and accepted, as a user pressing OK.
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.dialogs = append(tb.dialogs, &ev)
			tb.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	tb.do(chromedp.Navigate(srv.URL))
	tb.ready()
	return tb
}

// ready waits until the page has loaded its lists and defaults.
func (tb *tab) ready() {
	tb.t.Helper()
	tb.waitJS(`document.getElementById("bieu-mau").dataset.sanSang === "1"`, "the form to start")
}

// do runs browser actions, failing the test on error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("browser: %v", err)
	}
}

// js evaluates an expression in the page and decodes its value.
func js[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitJS waits until an expression is true in the page.
func (tb *tab) waitJS(cond, what string) {
	tb.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool]("Boolean("+cond+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("waited in vain for %s (%s): %v", what, cond, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// quote writes a Go string as a JavaScript one.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// field selects a field outside the lists by its name; row one in a list's row n (from 1).
func field(name string) chromedp.CSS { return chromedp.CSS(`[name="` + name + `"]`) }

func row(list string, n int, name string) chromedp.CSS {
	return chromedp.CSS(fmt.Sprintf(`#%s > .dong:nth-of-type(%d) [name="%s.%s"]`, list, n, list, name))
}

// el is the JavaScript that finds the element a selector names.
func el(sel chromedp.CSS) string { return "document.querySelector(" + quote(string(sel)) + ")" }

// value is a field's value in the page.
func (tb *tab) value(sel chromedp.CSS) string {
	tb.t.Helper()
	return js[string](tb, el(sel)+".value")
}

// choose picks a value in a menu as a user does (the page hears a change).
func (tb *tab) choose(sel chromedp.CSS, value string) {
	tb.t.Helper()
	js[bool](tb, fmt.Sprintf(`(() => { const e = %s; e.value = %s; e.dispatchEvent(new Event("change", {bubbles: true})); return e.value === %[2]s; })()`, el(sel), quote(value)))
}

// set puts a value in a field the way pasting does (the page hears an input and a change), also
// where the field is in a closed section.
func (tb *tab) set(sel chromedp.CSS, value string) {
	tb.t.Helper()
	js[bool](tb, fmt.Sprintf(`(() => { const e = %s; e.value = %s; e.dispatchEvent(new Event("input", {bubbles: true})); e.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`, el(sel), quote(value)))
}

// text is an element's text, "" when there is none.
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	return js[string](tb, `(() => { const e = document.querySelector(`+quote(sel)+`); return e ? e.textContent.trim() : ""; })()`)
}

// errorOf is the error shown beside a field, "" when there is none.
func (tb *tab) errorOf(sel chromedp.CSS) string {
	tb.t.Helper()
	return js[string](tb, `(() => { const f = `+el(sel)+`; const m = f && f.closest(".o").querySelector(".loi"); return m ? m.textContent : ""; })()`)
}

// warningOf is the warning shown beside a field, "" when there is none.
func (tb *tab) warningOf(sel chromedp.CSS) string {
	tb.t.Helper()
	return js[string](tb, `(() => { const f = `+el(sel)+`; const m = f && f.closest(".o").querySelector(".canh-bao-o"); return m ? m.textContent : ""; })()`)
}

// focused describes the element that has the focus: its name, or its id, or its text.
func (tb *tab) focused() string {
	tb.t.Helper()
	return js[string](tb, `(() => { const e = document.activeElement; return e ? (e.name || (e.id ? "#" + e.id : "") || e.textContent.trim()) : ""; })()`)
}

// state is the whole form as the page holds it.
func (tb *tab) state() string {
	tb.t.Helper()
	return js[string](tb, `JSON.stringify(snapshot())`)
}

// dialogTypes are the kinds of the dialogs the page opened so far.
func (tb *tab) dialogTypes() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []string
	for _, d := range tb.dialogs {
		out = append(out, string(d.Type))
	}
	return out
}

// download waits for the next download to be complete, fails unless it is named name, and gives
// its bytes.
func (tb *tab) download(name string) []byte {
	tb.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		tb.mu.Lock()
		var done string
		if len(tb.completed) > 0 {
			done, tb.completed = tb.completed[0], tb.completed[1:]
		}
		tb.mu.Unlock()
		if done != "" {
			if done != name {
				tb.t.Fatalf("downloaded %s, not %s", done, name)
			}
			data, err := os.ReadFile(filepath.Join(tb.downloads, name))
			if err != nil {
				tb.t.Fatal(err)
			}
			return data
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(tb.downloads)
			tb.t.Fatalf("no %s downloaded; the folder holds %v", name, entries)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// noDownloads fails when anything was downloaded.
func (tb *tab) noDownloads() {
	tb.t.Helper()
	if entries, _ := os.ReadDir(tb.downloads); len(entries) != 0 {
		tb.t.Errorf("downloaded %v", entries)
	}
}

// screenshot is a picture of the whole page: the viewport is made as tall as the page first, as a
// capture beyond the viewport may leave the part below it unpainted.
func (tb *tab) screenshot() []byte {
	tb.t.Helper()
	height := js[int64](tb, `Math.ceil(document.documentElement.scrollHeight)`)
	tb.do(chromedp.EmulateViewport(1000, height))
	defer tb.do(chromedp.EmulateReset())
	// Two frames for the page to paint at its new size.
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))`, chromedp.EvalAwaitPromise)); err != nil {
		tb.t.Fatalf("screenshot: %v", err)
	}
	png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Fatalf("screenshot: %v", err)
	}
	return png
}

// pdfText is a PDF's text, its spaces collapsed.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	pdftotext := needTool(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestFormInABrowser fills the form in headless Chromium as a secretary would: the cell, the date,
// two models and one exemplar, the signer; downloads the PDF and reads its text; keeps a
// screenshot of the filled form.
func TestFormInABrowser(t *testing.T) {
	tb := newTab(t)
	// Downloading an empty form shows its errors next to their fields, and downloads nothing.
	tb.do(chromedp.Click(chromedp.ID("tai-pdf")))
	tb.waitJS(`document.querySelector(".o:has([name='co_quan.ten']) .loi")`, "the error beside the cell's name")
	if got := tb.errorOf(field("co_quan.ten")); got != "không được để trống" {
		t.Errorf("the error beside the cell's name reads %q", got)
	}
	tb.noDownloads()

	tb.do(
		chromedp.SendKeys(field("co_quan.ten"), "Chi bộ Sở Tư pháp"),
	)
	tb.choose(field("co_quan.khoi"), "co-quan")
	tb.do(
		chromedp.SendKeys(field("so"), "4"),
		chromedp.SendKeys(field("ngay"), "13/4/2021"),
		chromedp.SendKeys(field("ke_hoach.so"), "2"),
		chromedp.SendKeys(field("ke_hoach.ngay"), "7/4/2021"),
		chromedp.Click(chromedp.CSS(`[data-them="mo_hinh"]`)),
		chromedp.Click(chromedp.CSS(`[data-them="mo_hinh"]`)),
		chromedp.SendKeys(row("mo_hinh", 1, "ten"), "Cải cách thủ tục hành chính trong lĩnh vực hộ tịch"),
	)
	tb.choose(row("mo_hinh", 1, "loai"), "cai-cach-hanh-chinh")
	tb.do(
		chromedp.SendKeys(row("mo_hinh", 1, "don_vi"), "Phòng Hành chính tư pháp"),
		chromedp.SendKeys(row("mo_hinh", 2, "ten"), "Thực hiện 5 không trong tiếp công dân"),
	)
	tb.choose(row("mo_hinh", 2, "loai"), "nam-khong")
	tb.do(
		chromedp.SendKeys(row("mo_hinh", 2, "don_vi"), "Văn phòng Sở Tư pháp"),
		chromedp.Click(chromedp.CSS(`[data-them="guong"]`)),
		chromedp.SendKeys(row("guong", 1, "ho_ten"), "Đỗ Thị Minh Nguyệt"),
		chromedp.SendKeys(row("guong", 1, "chuc_vu"), "Trưởng phòng"),
		chromedp.SendKeys(row("guong", 1, "don_vi"), "Phòng Hành chính tư pháp"),
		chromedp.SendKeys(field("ky.ho_ten"), "Lương Văn Hải"),
	)
	// The fixed errors are gone once the background check has run.
	tb.waitJS(`!document.querySelector(".loi")`, "the errors to go")
	screenshot := tb.screenshot()
	// The preview shows the PDF in the page.
	tb.do(chromedp.Click(chromedp.ID("xem")), chromedp.WaitVisible(chromedp.ID("khung")))
	src, err := chromedp.Run(tb.ctx, chromedp.AttributeValue(chromedp.ID("khung"), "src"))
	if err != nil || !strings.HasPrefix(src.Value, "blob:") {
		t.Errorf("the preview frame shows %q (%v), want the PDF as a blob", src.Value, err)
	}
	tb.do(chromedp.Click(chromedp.ID("tai-pdf")))
	if err := os.WriteFile(filepath.Join(os.TempDir(), "baocao-form.png"), screenshot, 0o644); err == nil {
		t.Logf("screenshot of the filled form: %s", filepath.Join(os.TempDir(), "baocao-form.png"))
	}
	if *updateScreenshot {
		if err := os.WriteFile("form.png", screenshot, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	text := pdfText(t, tb.download("chi-bo-so-tu-phap.pdf"))
	for _, want := range []string{
		"CHI BỘ SỞ TƯ PHÁP", "Số 04-BC/CB", "Yên Bái, ngày 13 tháng 4 năm 2021",
		"Đã xây dựng Kế hoạch số 02-KH/CB, ngày 07 tháng 4 năm 2021",
		"Số mô hình đăng ký thực hiện: 02. Gồm:",
		"(1): Cải cách thủ tục hành chính trong lĩnh vực hộ tịch — Phòng Hành chính tư pháp.",
		"(2): Thực hiện 5 không trong tiếp công dân — Văn phòng Sở Tư pháp.",
		"Số gương điển hình: 01. Gồm:",
		"(1): Đỗ Thị Minh Nguyệt, Trưởng phòng, Phòng Hành chính tư pháp.",
		"T/M BAN CHI ỦY", "Lương Văn Hải",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the downloaded PDF lacks %q\n%s", want, text)
		}
	}
	if got := tb.text("#phien-ban"); got != "phiên bản 9.9.9-thu" {
		t.Errorf("the footer shows %q, want the version", got)
	}
}
