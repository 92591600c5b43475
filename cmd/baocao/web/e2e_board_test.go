package web

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render/pdf"
	"baocao/render/xlsx"
)

// openBoard opens the Tổng hợp page in a new tab, as a user does from the form's link.
func openBoard(t *testing.T) *tab {
	t.Helper()
	tb := newTab(t)
	tb.do(chromedp.Click(chromedp.CSS(`a[href="tong-hop.html"]`)))
	tb.waitJS(`document.getElementById("tong-hop") && document.getElementById("tong-hop").dataset.sanSang === "1"`, "the Board's page to start")
	return tb
}

// drop drops files on the page's drop zone, as dragging them from a folder does.
func (tb *tab) drop(files []boardFixture) {
	tb.t.Helper()
	var list []string
	for _, f := range files {
		list = append(list, fmt.Sprintf(`new File([Uint8Array.from(atob(%s), (c) => c.charCodeAt(0))], %s)`, quote(base64.StdEncoding.EncodeToString(f.data)), quote(f.name)))
	}
	js[bool](tb, `(() => {
		const dt = new DataTransfer();
		for (const f of [`+strings.Join(list, ",")+`]) dt.items.add(f);
		const zone = document.getElementById("vung-tha");
		zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
		zone.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true;
	})()`)
}

// cliConsolidated builds, as "baocao render" does, the consolidated report of the same fields
// over a folder holding the same files.
func cliConsolidated(t *testing.T, files []boardFixture) (pdfBytes, xlsxBytes []byte) {
	t.Helper()
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "nguon"), 0o755)
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, "nguon", f.name), f.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var due strings.Builder
	for _, name := range strings.Split(boardDueList(), "\n") {
		due.WriteString("  - " + name + "\n")
	}
	yaml := "mau: tong-hop\nso: 15\nngay: 2021-04-19\nhan_bao_cao: 2021-04-15\nnguon:\n  - nguon\nphai_bao_cao:\n" + due.String() +
		"danh_gia: Các chi bộ đã triển khai kịp thời.\nde_xuat: Đề nghị đôn đốc nơi chưa báo cáo.\n" +
		"ky:\n  quyen: K/T TRƯỞNG BAN\n  chuc_vu: PHÓ TRƯỞNG BAN\n  ho_ten: Đinh Thị Thu Thủy\n"
	file := filepath.Join(dir, "tong-hop.yaml")
	doc, problems := layouts.Load(file, []byte(yaml), input.Options{Files: input.OSFiles, SkipUnreadable: true})
	if doc == nil {
		t.Fatalf("the command line's report: %v", problems)
	}
	var p, x bytes.Buffer
	if err := (pdf.Renderer{}).Render(&p, doc); err != nil {
		t.Fatal(err)
	}
	if err := (xlsx.Renderer{}).Render(&x, doc); err != nil {
		t.Fatal(err)
	}
	return p.Bytes(), x.Bytes()
}

// workbookCells is every cell of every sheet of a workbook, as excelize reads it back.
func workbookCells(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "== %s\n", sheet)
		for _, r := range rows {
			b.WriteString(strings.Join(r, " | ") + "\n")
		}
	}
	return b.String()
}

// TestBoardInABrowser drops twelve files (PDF, Word, YAML, a broken one, a report sent twice) on
// the Tổng hợp page, pastes the due list, fills the report's fields, reads the table, and
// downloads the consolidated PDF and workbook: their text and cells equal the command line's on
// the same files.
func TestBoardInABrowser(t *testing.T) {
	tb := openBoard(t)
	files := boardFixtures(t)
	if len(files) != 12 {
		t.Fatalf("%d files", len(files))
	}
	tb.drop(files)
	tb.waitJS(`document.getElementById("so-tep").textContent === "Đã nhận 12 tệp."`, "the twelve files taken")
	for name, value := range map[string]string{
		"so": "15", "ngay": "19/4/2021", "han_bao_cao": "15/4/2021", "ky.quyen": "K/T TRƯỞNG BAN", "ky.chuc_vu": "PHÓ TRƯỞNG BAN",
		"ky.ho_ten": "Đinh Thị Thu Thủy", "danh_gia": "Các chi bộ đã triển khai kịp thời.", "de_xuat": "Đề nghị đôn đốc nơi chưa báo cáo.",
		"phai_bao_cao": boardDueList(),
	} {
		tb.set(field(name), value)
	}
	tb.waitJS(`document.querySelectorAll("#bang tbody tr").length === 12 && document.getElementById("tom-tat").textContent.includes("Phải báo cáo: 10.")`, "the table of twelve rows")
	summary := tb.text("#tom-tat")
	if want := "Phải báo cáo: 10. Đã báo cáo: 9/10. Báo cáo ngoài danh sách: 1. Báo cáo chậm: 1. Chưa báo cáo: 1. Tệp có lỗi: 1. Mô hình: 19. Gương: 5."; summary != want {
		t.Errorf("summary %q, want %q", summary, want)
	}
	if got := tb.text("#bang tr.loi"); !strings.Contains(got, "hong.pdf") || !strings.Contains(got, "Tệp có lỗi") {
		t.Errorf("the broken file's row reads %q", got)
	}
	if got := tb.text("#bang tr.chua-bao-cao"); !strings.Contains(got, "Chi bộ Sở Tài nguyên và Môi trường") {
		t.Errorf("the missing cell's row reads %q", got)
	}
	if got := tb.text("#canh-bao"); !strings.Contains(got, "có hai báo cáo") {
		t.Errorf("no warning of the report sent twice: %q", got)
	}
	// Sorting by the count of models, twice: down, then up.
	tb.do(chromedp.Click(chromedp.CSS(`[data-sap="mo_hinh"]`)))
	first := js[string](tb, `document.querySelector("#bang tbody tr td:nth-child(5)").textContent`)
	tb.do(chromedp.Click(chromedp.CSS(`[data-sap="mo_hinh"]`)))
	last := js[string](tb, `document.querySelector("#bang tbody tr td:nth-child(5)").textContent`)
	if sort := js[string](tb, `document.querySelector('[data-sap="mo_hinh"]').parentElement.getAttribute("aria-sort")`); first != "" || last != "3" || sort != "descending" {
		t.Errorf("sorting by models: first %q then %q (%s)", first, last, sort)
	}

	tb.do(chromedp.Click(chromedp.ID("tai-pdf")))
	gotPDF := tb.download("bao-cao-tong-hop.pdf")
	tb.do(chromedp.Click(chromedp.ID("tai-xlsx")))
	gotXLSX := tb.download("bao-cao-tong-hop.xlsx")

	wantPDF, wantXLSX := cliConsolidated(t, files)
	if got, want := pdfText(t, gotPDF), pdfText(t, wantPDF); got != want {
		t.Errorf("the page's PDF reads\n%s\nthe command line's\n%s", got, want)
	}
	for _, figure := range []string{"có 09/10 chi, đảng bộ cơ sở đã báo cáo", "Tổng số mô hình đăng ký: 19", "hong.pdf"} {
		if !strings.Contains(pdfText(t, gotPDF), figure) {
			t.Errorf("the PDF lacks %q", figure)
		}
	}
	if got, want := workbookCells(t, gotXLSX), workbookCells(t, wantXLSX); got != want {
		t.Errorf("the page's workbook holds\n%s\nthe command line's\n%s", got, want)
	}

	// Reloading keeps the fields, the due list and the files (on the server, by the session).
	tb.do(chromedp.Reload())
	tb.waitJS(`document.getElementById("tong-hop").dataset.sanSang === "1" && document.querySelectorAll("#bang tbody tr").length === 12`, "the table after a reload")
	if got := tb.value(field("ky.ho_ten")); got != "Đinh Thị Thu Thủy" {
		t.Errorf("after a reload the signer is %q", got)
	}
	if !strings.Contains(tb.text("#thong-bao"), "Đã khôi phục") {
		t.Error("no restored notice")
	}

	// "Lưu để làm tiếp", then drop every file and the fields, then "Mở bản đã lưu": the same table
	// (the reports now by their canonical YAML, named after their cells; the broken file as it came).
	before := js[string](tb, `Array.from(document.querySelectorAll("#bang tbody tr")).map((r) => Array.from(r.cells).filter((c, i) => i !== 6 || r.className === "loi").map((c) => c.textContent).join("|")).sort().join("\n")`)
	tb.do(chromedp.Click(chromedp.ID("luu")))
	saved := filepath.Join(tb.downloads, "tong-hop-de-lam-tiep.zip")
	tb.download("tong-hop-de-lam-tiep.zip")
	tb.do(chromedp.Click(chromedp.ID("bo-het")))
	tb.set(field("ky.ho_ten"), "")
	tb.set(field("phai_bao_cao"), "")
	tb.waitJS(`document.getElementById("so-tep").textContent === "Chưa có tệp nào." && document.querySelectorAll("#bang tbody tr").length === 0`, "an empty page")
	tb.do(chromedp.SetUploadFiles(chromedp.ID("mo"), []string{saved}))
	tb.waitJS(`document.querySelectorAll("#bang tbody tr").length === 12`, "the reopened table")
	after := js[string](tb, `Array.from(document.querySelectorAll("#bang tbody tr")).map((r) => Array.from(r.cells).filter((c, i) => i !== 6 || r.className === "loi").map((c) => c.textContent).join("|")).sort().join("\n")`)
	if before != after {
		t.Errorf("the reopened table\n%s\ndiffers from the saved one\n%s", after, before)
	}
	if got := tb.value(field("ky.ho_ten")); got != "Đinh Thị Thu Thủy" {
		t.Errorf("reopened, the signer is %q", got)
	}
}
