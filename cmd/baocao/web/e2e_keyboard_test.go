package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/text/unicode/norm"
)

// press types keys, as a keyboard does.
func (tb *tab) press(keys string) {
	tb.t.Helper()
	tb.do(chromedp.KeyEvent(norm.NFC.String(keys)))
}

// tabTo presses Tab until the focus is on an element a selector matches.
func (tb *tab) tabTo(sel string) {
	tb.t.Helper()
	for range 60 {
		tb.press(kb.Tab)
		if js[bool](tb, `document.activeElement.matches(`+quote(sel)+`)`) {
			return
		}
	}
	tb.t.Fatalf("Tab never reaches %s", sel)
}

// TestBrowserKeyboardOnly fills a whole report with Tab, Enter, arrow keys and typing, downloads
// it, and checks that Tab reaches every control on the page.
func TestBrowserKeyboardOnly(t *testing.T) {
	tb := newTab(t)
	tb.tabTo(`[name="co_quan.ten"]`)
	tb.press("Chi bộ Sở Tư pháp")
	tb.tabTo(`[name="co_quan.khoi"]`)
	tb.press(kb.ArrowDown)
	if got := tb.value(field("co_quan.khoi")); got != "co-quan" {
		t.Fatalf("the arrow key chose the khối %q", got)
	}
	tb.tabTo(`[name="so"]`)
	tb.press("4")
	tb.tabTo(`[name="ngay"]`)
	tb.press("13/4/2021")

	tb.tabTo(`[data-them="mo_hinh"]`)
	tb.press(kb.Enter)
	if got := tb.focused(); got != "mo_hinh.ten" {
		t.Fatalf("Enter on + Thêm mô hình put the focus on %q", got)
	}
	tb.press("Cải cách thủ tục hành chính trong lĩnh vực hộ tịch" + kb.Tab)
	for range 7 { // the seventh kind meant for cơ quan: cải cách hành chính
		tb.press(kb.ArrowDown)
	}
	if got := tb.value(row("mo_hinh", 1, "loai")); got == "" {
		t.Fatal("the arrow keys chose no kind")
	}
	tb.press(kb.Tab + "Phòng Hành chính tư pháp")

	tb.tabTo(`[data-them="guong"]`)
	tb.press(kb.Enter)
	tb.press("Đỗ Thị Minh Nguyệt" + kb.Tab + "Trưởng phòng" + kb.Tab + "Phòng Hành chính tư pháp")
	tb.tabTo(`[name="ky.ho_ten"]`)
	tb.press("Lương Văn Hải")
	tb.tabTo("#tai-pdf")
	// The red button shows where the focus is.
	if ring := js[string](tb, `(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + " " + s.outlineWidth + " " + s.outlineColor; })()`); ring != "solid 3px rgb(11, 79, 191)" {
		t.Errorf("the focused red button's outline is %q", ring)
	}
	tb.press(kb.Enter)
	text := pdfText(t, tb.download("chi-bo-so-tu-phap.pdf"))
	for _, want := range []string{
		"CHI BỘ SỞ TƯ PHÁP", "Số 04-BC/CB", "ngày 13 tháng 4 năm 2021",
		"(1): Cải cách thủ tục hành chính trong lĩnh vực hộ tịch — Phòng Hành chính tư pháp.",
		"(1): Đỗ Thị Minh Nguyệt, Trưởng phòng, Phòng Hành chính tư pháp.", "Lương Văn Hải",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q\n%s", want, text)
		}
	}

	// Every control that shows, the open-file button, the undo button of a deleted row and the
	// fields of the section "Thêm: …" (opened with Enter) included, is reached by Tab.
	tb.tabTo(`#mo_hinh .xoa`)
	tb.press(kb.Enter)
	if got := tb.focused(); got != "Hoàn tác" {
		t.Errorf("after deleting with the keyboard the focus is on %q", got)
	}
	tb.tabTo("summary")
	tb.press(kb.Enter)
	if !js[bool](tb, `document.querySelector("details").open`) {
		t.Error("Enter does not open the section")
	}
	n := js[int](tb, `(() => {
		const all = Array.from(document.querySelectorAll("input, select, textarea, button, summary, a[href]"))
			.filter((e) => e.getClientRects().length && !e.disabled && e.tabIndex >= 0);
		all.forEach((e, i) => { e.dataset.phim = i; });
		document.activeElement.blur();
		window.daDen = new Set();
		document.addEventListener("focusin", (e) => { if (e.target.dataset.phim) window.daDen.add(e.target.dataset.phim); });
		return all.length;
	})()`)
	for range n + 3 {
		tb.press(kb.Tab)
	}
	missed := js[[]string](tb, `Array.from(document.querySelectorAll("[data-phim]")).filter((e) => !window.daDen.has(e.dataset.phim)).map((e) => e.outerHTML.slice(0, 80))`)
	if len(missed) != 0 || n < 25 {
		t.Errorf("Tab does not reach %d of %d controls: %q", len(missed), n, missed)
	}
}
