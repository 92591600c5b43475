package web

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeViolation is one rule axe-core finds broken, with the elements that break it.
type axeViolation struct {
	ID    string   `json:"id"`
	Help  string   `json:"help"`
	Nodes []string `json:"nodes"`
}

// axe runs axe-core on the page as it is and fails the test on any violation.
func (tb *tab) axe(when string) {
	tb.t.Helper()
	found, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ["violations"]}).then((r) =>
		r.violations.map((v) => ({id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary)})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("axe: %v", err)
	}
	for _, v := range found {
		tb.t.Errorf("%s: axe: %s (%s):\n  %s", when, v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

// TestBrowserAccessibility runs axe-core (BAOCAO_AXE_JS names its axe.min.js; .ci/run installs it
// from npm) on the new form, and on a form showing rows, errors, warnings, a deleted row's undo
// notice, a restored-form notice and the preview.
func TestBrowserAccessibility(t *testing.T) {
	path := os.Getenv("BAOCAO_AXE_JS")
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("BAOCAO_AXE_JS is not set; .ci/run must install axe-core")
		}
		t.Skip("BAOCAO_AXE_JS is not set (the path of axe-core's axe.min.js)")
	}
	script, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tb := newTab(t)
	inject := func() {
		t.Helper()
		js[bool](tb, string(script)+";\ntypeof axe === 'object'")
	}
	inject()
	tb.axe("a new form")

	tb.choose(field("co_quan.khoi"), "co-quan")
	for range 2 {
		tb.do(chromedp.Click(chromedp.CSS(`[data-them="mo_hinh"]`)), chromedp.Click(chromedp.CSS(`[data-them="guong"]`)))
	}
	tb.choose(row("mo_hinh", 1, "loai"), "y-te")
	tb.do(chromedp.Click(chromedp.CSS(`#guong > .dong:nth-of-type(2) .xoa`)), chromedp.Click(chromedp.ID("tai-pdf")))
	tb.waitJS(`document.querySelector(".loi") && document.querySelector(".canh-bao-o") && document.querySelector(".da-xoa")`, "errors, a warning and an undo notice")
	tb.axe("a form with errors, a warning and an undo notice")

	tb.do(chromedp.Reload())
	tb.ready()
	inject()
	if !strings.Contains(tb.text("#thong-bao"), "Đã khôi phục") {
		t.Error("no restored-form notice")
	}
	tb.axe("a restored form")

	tb.do(chromedp.Click(chromedp.ID("moi")))
	tb.waitJS(`rows("mo_hinh").length === 0`, "a new report")
	tb.fillValid()
	tb.do(chromedp.Click(chromedp.ID("xem")), chromedp.WaitVisible(chromedp.ID("khung")))
	tb.axe("a preview")
}

// TestBoardAccessibility runs axe-core on the Tổng hợp page: new, and showing a table with every
// kind of row, refused files, warnings and errors.
func TestBoardAccessibility(t *testing.T) {
	path := os.Getenv("BAOCAO_AXE_JS")
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("BAOCAO_AXE_JS is not set; .ci/run must install axe-core")
		}
		t.Skip("BAOCAO_AXE_JS is not set (the path of axe-core's axe.min.js)")
	}
	script, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tb := openBoard(t)
	js[bool](tb, string(script)+";\ntypeof axe === 'object'")
	tb.axe("a new Tổng hợp page")
	tb.drop(append(boardFixtures(t), boardFixture{"anh.png", []byte("x")}))
	tb.set(field("phai_bao_cao"), boardDueList())
	tb.waitJS(`document.querySelectorAll("#bang tbody tr").length === 12 && !document.getElementById("tu-choi").hidden`, "the table and the refused file")
	tb.do(chromedp.Click(chromedp.ID("tai-pdf")))
	tb.waitJS(`!document.getElementById("loi").hidden`, "the report's errors (no date, no signer)")
	tb.axe("a Tổng hợp page with its table, refusals and errors")
}
