package web

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render/pdf"
)

// fillValid types the least a report needs: the cell, its khối, the date, the signer.
func (tb *tab) fillValid() {
	tb.t.Helper()
	tb.do(chromedp.SendKeys(field("co_quan.ten"), "Chi bộ Sở Tư pháp"))
	tb.choose(field("co_quan.khoi"), "co-quan")
	tb.do(
		chromedp.SendKeys(field("ngay"), "13/4/2021"),
		chromedp.SendKeys(field("ky.ho_ten"), "Lương Văn Hải"),
	)
}

// upload gives a file to the page's "Mở bản đã lưu", as choosing it in the file dialog does.
func (tb *tab) upload(name string, data []byte) {
	tb.t.Helper()
	path := filepath.Join(tb.t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	tb.do(chromedp.SetUploadFiles(chromedp.ID("mo"), []string{path}))
}

// rowNames are the first fields of a list's rows.
func (tb *tab) rowNames(list string) []string {
	tb.t.Helper()
	return js[[]string](tb, `rows(`+quote(list)+`).map((r) => r.querySelector("input").value)`)
}

func TestBrowserKeepsWhatWasTyped(t *testing.T) {
	tb := newTab(t)
	tb.do(chromedp.SendKeys(field("co_quan.ten"), "Chi bộ Sở Y tế"))
	tb.choose(field("co_quan.khoi"), "y-te")
	tb.do(
		chromedp.Click(chromedp.CSS(`[data-them="mo_hinh"]`)),
		chromedp.SendKeys(row("mo_hinh", 1, "ten"), "Một cửa liên thông"),
	)
	tb.choose(row("mo_hinh", 1, "loai"), "y-te")
	tb.do(chromedp.SendKeys(field("ky.ho_ten"), "Nguyễn Văn An"))
	before := tb.state()

	// Leaving with unsaved changes asks; after the reload everything is back, with a notice.
	tb.do(chromedp.Reload())
	tb.ready()
	if got := tb.dialogTypes(); !slices.Equal(got, []string{"beforeunload"}) {
		t.Errorf("leaving a filled form opened the dialogs %v, want a beforeunload one", got)
	}
	if after := tb.state(); after != before {
		t.Errorf("after a reload the form holds\n%s\nwant\n%s", after, before)
	}
	if got := tb.value(row("mo_hinh", 1, "loai")); got != "y-te" {
		t.Errorf("the restored row's kind is %q", got)
	}
	if got := tb.text("#thong-bao"); !strings.Contains(got, "Đã khôi phục những gì bạn điền lần trước") {
		t.Errorf("no notice of the restored form: %q", got)
	}

	// "Báo cáo mới" asks, then shows a new report with its defaults; nothing comes back on reload.
	tb.do(chromedp.Click(chromedp.ID("moi")))
	tb.waitJS(`document.querySelector('[name="co_quan.ten"]').value === ""`, "the form to clear")
	if got := tb.dialogTypes(); len(got) != 2 || got[1] != "confirm" {
		t.Errorf("Báo cáo mới opened the dialogs %v, want a confirm", got)
	}
	if n := len(tb.rowNames("mo_hinh")); n != 0 {
		t.Errorf("a new report has %d models", n)
	}
	if got := tb.value(field("ky_hieu")); got != "BC/CB" {
		t.Errorf("a new report's code shows %q, want the default BC/CB", got)
	}
	tb.do(chromedp.Reload())
	tb.ready()
	if got := tb.value(field("co_quan.ten")); got != "" {
		t.Errorf("after Báo cáo mới and a reload the name is %q", got)
	}
	if got := tb.text("#thong-bao"); got != "" {
		t.Errorf("a new report shows the notice %q", got)
	}
	if got := tb.dialogTypes(); len(got) != 2 {
		t.Errorf("leaving a new report asked: %v", got)
	}

	// Once saved, leaving does not ask.
	tb.fillValid()
	tb.do(chromedp.Click(chromedp.ID("luu")))
	// The saved file leaves the defaults shown in the form to their defaults, as a file written
	// by hand does: it names none of them.
	saved := string(tb.download("chi-bo-so-tu-phap.yaml"))
	for _, key := range []string{"cap_tren", "ky_hieu", "dia_danh", "giai_doan", "can_cu", "ke_hoach", "noi_nhan", "quyen", "chuc_vu"} {
		if strings.Contains(saved, key+":") {
			t.Errorf("the saved file spells out the default %s:\n%s", key, saved)
		}
	}
	tb.do(chromedp.Reload())
	tb.ready()
	if got := tb.dialogTypes(); len(got) != 2 {
		t.Errorf("leaving a saved form asked: %v", got)
	}
	if got := tb.value(field("co_quan.ten")); got != "Chi bộ Sở Tư pháp" {
		t.Errorf("the saved form is not kept: %q", got)
	}
}

func TestBrowserRefusedFileLeavesFormIntact(t *testing.T) {
	tb := newTab(t)
	tb.fillValid()
	tb.do(chromedp.Click(chromedp.CSS(`[data-them="guong"]`)), chromedp.SendKeys(row("guong", 1, "ho_ten"), "Đỗ Thị Minh Nguyệt"))
	before := tb.state()
	for _, c := range []struct {
		name, data, says string
	}{
		{"danh-sach.yaml", "mau: dang-ky\nchung:\n  dia_danh: Yên Bái\ndanh_sach:\n  - co_quan: {ten: Chi bộ A, loai: chi-bo, khoi: co-quan}\n    ngay: 2021-04-13\n    ky: {ho_ten: Lê Văn B}\n", "danh sách báo cáo của nhiều chi bộ"},
		{"tong-hop.yaml", "mau: tong-hop\nnguon: [/etc/passwd]\n", "báo cáo tổng hợp"},
		{"hong.yaml", "co_quan: [\n", ""},
	} {
		js[bool](tb, `(() => { document.getElementById("loi-chung").replaceChildren(); return true; })()`)
		tb.upload(c.name, []byte(c.data))
		tb.waitJS(`document.getElementById("loi-chung").textContent.includes(`+quote(c.name)+`)`, "the refusal of "+c.name)
		says := tb.text("#loi-chung")
		if !strings.Contains(says, "biểu mẫu vẫn giữ nguyên") || !strings.Contains(says, c.says) {
			t.Errorf("%s: the page says %q", c.name, says)
		}
		for _, key := range []string{"danh_sach", "mau:", "baocao "} {
			if strings.Contains(says, key) {
				t.Errorf("%s: the message names %q: %s", c.name, key, says)
			}
		}
		if after := tb.state(); after != before {
			t.Errorf("%s: the form changed to\n%s\nwant\n%s", c.name, after, before)
		}
	}
	if got := tb.dialogTypes(); len(got) != 0 {
		t.Errorf("a refused file asked %v", got)
	}

	// A file dropped on the page opens as one chosen does (here: refused, the form kept).
	js[bool](tb, `(() => {
		const dt = new DataTransfer();
		dt.items.add(new File(["mau: tong-hop\n"], "keo-tha.yaml"));
		document.querySelector("main").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true;
	})()`)
	tb.waitJS(`document.getElementById("loi-chung").textContent.includes("keo-tha.yaml")`, "the dropped file's refusal")
	if after := tb.state(); after != before {
		t.Errorf("a dropped file changed the form to\n%s", after)
	}
}

// everyKey is a report that uses every key of the contract, each with a value other than its
// default.
const everyKey = `mau: dang-ky
co_quan:
  cap_tren: Đảng uỷ Khối các cơ quan tỉnh
  ten: Chi bộ Bệnh viện Đa khoa khu vực Nghĩa Lộ
  loai: chi-bo
  khoi: y-te
so: 5
ky_hieu: BC/CBYT
dia_danh: Nghĩa Lộ
ngay: 15/4/2021
giai_doan: 2021-2022
can_cu:
  so: 12-KH/ĐUK
  ngay: 3/4/2021
  co_quan: Ban Thường vụ Đảng ủy Khối
  giai_doan: 2021-2026
ke_hoach:
  so: 3
  ky_hieu: KH/CBYT
  ngay: 8/4/2021
mo_hinh:
  - ten: Khám chữa bệnh thân thiện, lấy người bệnh làm trung tâm
    loai: y-te
    don_vi: Khoa Khám bệnh
  - ten: Bệnh viện xanh, sạch, đẹp
    loai: khac
    don_vi: Phòng Hành chính quản trị
guong:
  - ho_ten: Phạm Thị Hồng Nhung
    chuc_vu: Trưởng khoa Nhi
    don_vi: Khoa Nhi
noi_nhan:
  - Ban Tuyên giáo ĐUK
  - Đảng ủy Bệnh viện
  - Lưu Chi bộ
ky:
  quyen: T/M CHI BỘ
  chuc_vu: PHÓ BÍ THƯ
  ho_ten: Nguyễn Văn Dũng
  da_ky: true
`

// windows1258 writes text as Windows-1258 does: letters it lacks are a base letter and a
// separate tone mark.
func windows1258(t *testing.T, s string) []byte {
	t.Helper()
	enc := charmap.Windows1258.NewEncoder()
	var out []byte
	for _, r := range s {
		if b, err := enc.String(string(r)); err == nil {
			out = append(out, b...)
			continue
		}
		var base, tone []rune
		for _, c := range norm.NFD.String(string(r)) {
			if strings.ContainsRune("\u0300\u0301\u0303\u0309\u0323", c) {
				tone = append(tone, c)
			} else {
				base = append(base, c)
			}
		}
		b, err := enc.String(norm.NFC.String(string(base)) + string(tone))
		if err != nil {
			t.Fatalf("%q cannot be written in Windows-1258: %v", r, err)
		}
		out = append(out, b...)
	}
	return out
}

// renderFile renders a report file as "baocao render" does.
func renderFile(t *testing.T, data []byte) []byte {
	t.Helper()
	doc, problems := layouts.Load("bao-cao.yaml", data, input.Options{})
	if doc == nil {
		t.Fatalf("the file does not load: %s", problems.Error())
	}
	var buf bytes.Buffer
	if err := (pdf.Renderer{}).Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBrowserOpensSavedFiles opens a report using every key, as Windows-1258 and UTF-16 bytes,
// into a filled form (which asks first): every value shows, the PDF downloaded is the file's, and
// the file saved from the form renders to the same bytes as that download. A file leaving
// defaulted keys out shows the defaults of its cell type.
func TestBrowserOpensSavedFiles(t *testing.T) {
	tb := newTab(t)
	want := pdfText(t, renderFile(t, []byte(everyKey)))
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.ReplaceAll(everyKey, "\n", "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct {
		name string
		data []byte
	}{
		{"windows-1258.yaml", windows1258(t, everyKey)},
		{"utf-16.yaml", []byte(utf16)},
	} {
		tb.fillValid() // the form holds something: opening asks
		tb.upload(c.name, c.data)
		tb.waitJS(`document.getElementById("thong-bao").textContent.includes(`+quote(c.name)+`)`, "the file "+c.name+" to open")
		if got := tb.dialogTypes(); len(got) != i+1 || got[i] != "confirm" {
			t.Errorf("%s: opening over a filled form opened the dialogs %v, want a confirm", c.name, got)
		}
		for sel, want := range map[chromedp.CSS]string{
			field("co_quan.cap_tren"):  "Đảng uỷ Khối các cơ quan tỉnh",
			field("co_quan.ten"):       "Chi bộ Bệnh viện Đa khoa khu vực Nghĩa Lộ",
			field("co_quan.khoi"):      "y-te",
			field("ky_hieu"):           "BC/CBYT",
			field("can_cu.co_quan"):    "Ban Thường vụ Đảng ủy Khối",
			field("ke_hoach.ky_hieu"):  "KH/CBYT",
			field("noi_nhan"):          "Ban Tuyên giáo ĐUK\nĐảng ủy Bệnh viện\nLưu Chi bộ",
			field("ky.quyen"):          "T/M CHI BỘ",
			row("mo_hinh", 2, "loai"):  "khac",
			row("guong", 1, "chuc_vu"): "Trưởng khoa Nhi",
		} {
			if got := tb.value(sel); got != want {
				t.Errorf("%s: %s shows %q, want %q", c.name, sel, got, want)
			}
		}
		if !js[bool](tb, `document.querySelector('[name="ky.da_ky"]').checked`) {
			t.Errorf("%s: da_ky is not ticked", c.name)
		}
		pdfName := "chi-bo-benh-vien-da-khoa-khu-vuc-nghia-lo.pdf"
		yamlName := "chi-bo-benh-vien-da-khoa-khu-vuc-nghia-lo.yaml"
		tb.do(chromedp.Click(chromedp.ID("tai-pdf")))
		downloaded := tb.download(pdfName)
		if got := pdfText(t, downloaded); got != want {
			t.Errorf("%s: the downloaded PDF reads\n%s\nwant, as the file renders\n%s", c.name, got, want)
		}
		tb.do(chromedp.Click(chromedp.ID("luu")))
		saved := tb.download(yamlName)
		if !bytes.Equal(renderFile(t, saved), downloaded) {
			t.Errorf("%s: the saved file renders to other bytes than the download:\n%s", c.name, saved)
		}
		for _, name := range []string{pdfName, yamlName} {
			os.Remove(filepath.Join(tb.downloads, name))
		}
	}

	// Keys left out show their defaults, those of a đảng bộ here.
	tb.upload("ngan.yaml", []byte("mau: dang-ky\nco_quan: {ten: Đảng bộ Công ty Môi trường, loai: dang-bo, khoi: doanh-nghiep}\nngay: 14/4/2021\nky: {ho_ten: Nguyễn Thị Thanh Hương}\n"))
	tb.waitJS(`document.getElementById("thong-bao").textContent.includes("ngan.yaml")`, "the short file to open")
	for sel, want := range map[chromedp.CSS]string{
		field("co_quan.cap_tren"): "Đảng uỷ Khối cơ quan và doanh nghiệp tỉnh",
		field("ky_hieu"):          "BC/ĐB",
		field("dia_danh"):         "Yên Bái",
		field("giai_doan"):        "2021-2023",
		field("can_cu.so"):        "46-KH/ĐUK",
		field("ke_hoach.ky_hieu"): "KH/ĐB",
		field("ke_hoach.ngay"):    "",
		field("noi_nhan"):         "Ban Tuyên giáo ĐUK\nLưu Đảng bộ",
		field("ky.quyen"):         "T/M ĐẢNG ỦY",
		field("ky.chuc_vu"):       "BÍ THƯ",
	} {
		if got := tb.value(sel); got != want {
			t.Errorf("short file: %s shows %q, want the default %q", sel, got, want)
		}
	}
	if got := tb.text(`label[for="o-co_quan-ten"]`); got != "Tên đảng bộ *" {
		t.Errorf("a đảng bộ's name is labelled %q", got)
	}
	// The defaults shown print as the defaults do (a plan's code alone is no plan).
	tb.do(chromedp.Click(chromedp.ID("tai-pdf")))
	if got, want := pdfText(t, tb.download("dang-bo-cong-ty-moi-truong.pdf")), pdfText(t, renderFile(t, []byte("mau: dang-ky\nco_quan: {ten: Đảng bộ Công ty Môi trường, loai: dang-bo, khoi: doanh-nghiep}\nngay: 14/4/2021\nky: {ho_ten: Nguyễn Thị Thanh Hương}\n"))); got != want {
		t.Errorf("the short file prints\n%s\nwant\n%s", got, want)
	}
}

func TestBrowserErrorInClosedSectionShown(t *testing.T) {
	tb := newTab(t)
	tb.fillValid()
	// Typed earlier in the section "Thêm: …", closed since.
	tb.set(field("can_cu.ngay"), "31/02/2021")
	if js[bool](tb, `document.querySelector("details").open`) {
		t.Fatal("the section is open already")
	}
	tb.do(chromedp.Click(chromedp.ID("xem")))
	tb.waitJS(`document.querySelector("details").open`, "the section with the error to open")
	if got := tb.focused(); got != "can_cu.ngay" {
		t.Errorf("the focus is on %q, want the field in error", got)
	}
	msg := tb.errorOf(field("can_cu.ngay"))
	if !strings.Contains(msg, "31/02/2021") {
		t.Errorf("the error beside the field reads %q", msg)
	}
	// The error is tied to its field, and said in the live region.
	if !js[bool](tb, `(() => { const f = document.querySelector('[name="can_cu.ngay"]'); const m = f.closest(".o").querySelector(".loi"); return f.getAttribute("aria-describedby").split(" ").includes(m.id) && f.getAttribute("aria-invalid") === "true"; })()`) {
		t.Error("the error is not tied to its field with aria-describedby and aria-invalid")
	}
	if got := tb.text("#ket-qua"); !strings.Contains(got, "Còn 1 lỗi") || !strings.Contains(got, msg) {
		t.Errorf("the live region says %q", got)
	}
	if js[bool](tb, `!document.getElementById("xem-truoc").hidden`) {
		t.Error("a form with errors was previewed")
	}
}

func TestBrowserNumberWithCodeShownBesideField(t *testing.T) {
	tb := newTab(t)
	tb.fillValid()
	tb.do(chromedp.SendKeys(field("so"), "05-BC/CB"), chromedp.Click(chromedp.ID("tai-pdf")))
	tb.waitJS(`document.querySelector(".o:has([name='so']) .loi")`, "the error beside the number")
	if got := tb.focused(); got != "so" {
		t.Errorf("the focus is on %q, want the number", got)
	}
	if msg := tb.errorOf(field("so")); !strings.Contains(msg, "chỉ ghi số (5)") || !strings.Contains(msg, "BC/CB") {
		t.Errorf("the error beside the number reads %q", msg)
	}
	tb.noDownloads()
}

func TestBrowserServerGoneSaysSo(t *testing.T) {
	tb := newTab(t)
	tb.fillValid()
	before := tb.state()
	tb.srv.Close()
	tb.do(chromedp.Click(chromedp.ID("tai-pdf")))
	tb.waitJS(`!document.getElementById("loi-chung").hidden`, "the message")
	says := tb.text("#loi-chung")
	if !strings.HasPrefix(says, "Không kết nối được với chương trình baocao") || !strings.Contains(says, "bấm đúp baocao.exe") {
		t.Errorf("with the server gone the page says %q", says)
	}
	if got := tb.text("#ket-qua"); got != says {
		t.Errorf("the live region says %q, want %q", got, says)
	}
	if after := tb.state(); after != before {
		t.Errorf("the form changed to %s", after)
	}
}

func TestBrowserModelKindMustBeChosen(t *testing.T) {
	tb := newTab(t)
	tb.fillValid()
	tb.choose(field("co_quan.khoi"), "y-te")
	tb.do(chromedp.Click(chromedp.CSS(`[data-them="mo_hinh"]`)))
	// The focus is in the new row; its kind is not chosen yet; the kinds for y tế come first.
	if got := tb.focused(); got != "mo_hinh.ten" {
		t.Errorf("after adding a row the focus is on %q", got)
	}
	kind := row("mo_hinh", 1, "loai")
	if got := tb.value(kind); got != "" {
		t.Errorf("a new row's kind is %q, want none", got)
	}
	if got := js[string](tb, el(kind)+".options[0].textContent"); got != "— chọn loại —" {
		t.Errorf("the first choice reads %q", got)
	}
	groups := func() []string {
		return js[[]string](tb, `Array.from(`+el(kind)+`.querySelectorAll("optgroup")).map((g) => g.label + ": " + Array.from(g.children).map((o) => o.value).join(" "))`)
	}
	got := groups()
	if len(got) != 2 || !strings.HasPrefix(got[0], "Dành cho khối y tế: ") || !strings.Contains(got[0], " y-te") || strings.Contains(got[0], "san-xuat-kinh-doanh") || !strings.HasPrefix(got[1], "Các loại khác: ") {
		t.Errorf("the kinds are grouped as %q", got)
	}
	tb.do(
		chromedp.SendKeys(row("mo_hinh", 1, "ten"), "Khám bệnh thân thiện"),
		chromedp.SendKeys(row("mo_hinh", 1, "don_vi"), "Khoa Khám bệnh"),
		chromedp.Click(chromedp.ID("tai-pdf")),
	)
	tb.waitJS(`document.querySelector(".o:has([name='mo_hinh.loai']) .loi")`, "the error beside the kind")
	if got := tb.focused(); got != "mo_hinh.loai" {
		t.Errorf("the focus is on %q, want the kind", got)
	}
	tb.noDownloads()

	// A kind not meant for y tế: a warning naming it in words, gone once fixed.
	tb.choose(kind, "san-xuat-kinh-doanh")
	tb.waitJS(`document.querySelector(".o:has([name='mo_hinh.loai']) .canh-bao-o")`, "the kind's warning")
	if w := tb.warningOf(kind); !strings.Contains(w, "Mô hình trong sản xuất - kinh doanh") || !strings.Contains(w, "y tế") {
		t.Errorf("the kind's warning reads %q", w)
	}
	if e := tb.errorOf(kind); e != "" {
		t.Errorf("the chosen kind still shows the error %q", e)
	}
	tb.choose(kind, "y-te")
	tb.waitJS(`!document.querySelector(".canh-bao-o")`, "the warning to go")

	// Another khối re-orders the kinds and keeps the choice.
	tb.choose(field("co_quan.khoi"), "doanh-nghiep")
	got = groups()
	if len(got) != 2 || !strings.HasPrefix(got[0], "Dành cho khối doanh nghiệp: ") || !strings.Contains(got[0], "san-xuat-kinh-doanh") || strings.Contains(got[0], " y-te") {
		t.Errorf("for doanh nghiệp the kinds are grouped as %q", got)
	}
	if got := tb.value(kind); got != "y-te" {
		t.Errorf("re-ordering changed the kind to %q", got)
	}
	tb.waitJS(`document.querySelector(".o:has([name='mo_hinh.loai']) .canh-bao-o")`, "the warning for doanh nghiệp")
}

func TestBrowserDeletedRowCanBeUndone(t *testing.T) {
	tb := newTab(t)
	for i, name := range []string{"Mô hình A", "Mô hình B", "Mô hình C"} {
		tb.do(chromedp.Click(chromedp.CSS(`[data-them="mo_hinh"]`)), chromedp.SendKeys(row("mo_hinh", i+1, "ten"), name))
	}
	labels := func() []string {
		return js[[]string](tb, `rows("mo_hinh").map((r) => r.querySelector(".xoa").getAttribute("aria-label"))`)
	}
	if got := labels(); !slices.Equal(got, []string{"Xóa mô hình 1", "Xóa mô hình 2", "Xóa mô hình 3"}) {
		t.Errorf("the delete buttons are named %q", got)
	}
	tb.do(chromedp.Click(chromedp.CSS(`#mo_hinh > .dong:nth-of-type(2) .xoa`)))
	if got := tb.rowNames("mo_hinh"); !slices.Equal(got, []string{"Mô hình A", "Mô hình C"}) {
		t.Errorf("after deleting row 2 the rows are %q", got)
	}
	if got := labels(); !slices.Equal(got, []string{"Xóa mô hình 1", "Xóa mô hình 2"}) {
		t.Errorf("after a delete the buttons are named %q", got)
	}
	if got := tb.focused(); got != "Hoàn tác" {
		t.Errorf("after a delete the focus is on %q, want the undo button", got)
	}
	if got := tb.text(".da-xoa .noi-dung"); got != "Đã xóa mô hình 2 (Mô hình B)." {
		t.Errorf("the notice reads %q", got)
	}
	kept := js[int](tb, `JSON.parse(localStorage.getItem("baocao.bieu-mau")).snap.mo_hinh.length`)
	if kept != 2 {
		t.Errorf("the browser keeps %d rows, want 2", kept)
	}
	// Enter on the undo button brings the row back in its place, with the focus in it.
	tb.do(chromedp.KeyEvent(kb.Enter))
	if got := tb.rowNames("mo_hinh"); !slices.Equal(got, []string{"Mô hình A", "Mô hình B", "Mô hình C"}) {
		t.Errorf("after undo the rows are %q", got)
	}
	if got := js[string](tb, `document.activeElement.closest(".dong").querySelector(".ten-dong").textContent`); got != "Mô hình 2" {
		t.Errorf("after undo the focus is in %q", got)
	}
	if js[int](tb, `document.querySelectorAll(".da-xoa").length`) != 0 {
		t.Error("the undo notice stays")
	}
}

func TestBrowserFieldsFollowCellType(t *testing.T) {
	tb := newTab(t)
	want := func(when string, values map[chromedp.CSS]string) {
		t.Helper()
		for sel, v := range values {
			if got := tb.value(sel); got != v {
				t.Errorf("%s: %s shows %q, want %q", when, sel, got, v)
			}
		}
	}
	want("a new report", map[chromedp.CSS]string{
		field("ky_hieu"): "BC/CB", field("ke_hoach.ky_hieu"): "KH/CB", field("ky.quyen"): "T/M BAN CHI ỦY",
		field("noi_nhan"): "Ban Tuyên giáo ĐUK\nLưu Chi bộ", field("dia_danh"): "Yên Bái", field("ky.chuc_vu"): "BÍ THƯ",
	})
	// A value of the secretary's own stays as typed.
	tb.set(field("ke_hoach.ky_hieu"), "KH/CBYT")
	tb.choose(field("co_quan.loai"), "dang-bo")
	want("a đảng bộ", map[chromedp.CSS]string{
		field("ky_hieu"): "BC/ĐB", field("ke_hoach.ky_hieu"): "KH/CBYT", field("ky.quyen"): "T/M ĐẢNG ỦY",
		field("noi_nhan"): "Ban Tuyên giáo ĐUK\nLưu Đảng bộ",
	})
	for sel, want := range map[string]string{
		`label[for="o-co_quan-ten"]`:     "Tên đảng bộ *",
		"#gy-ky_hieu":                    "Của đảng bộ: BC/ĐB.",
		"fieldset:nth-of-type(3) legend": "3. Kế hoạch thực hiện của đảng bộ (mục 1)",
	} {
		if got := tb.text(sel); got != want {
			t.Errorf("a đảng bộ sees %q, want %q", got, want)
		}
	}
	tb.choose(field("co_quan.loai"), "chi-bo")
	want("back to a chi bộ", map[chromedp.CSS]string{
		field("ky_hieu"): "BC/CB", field("ky.quyen"): "T/M BAN CHI ỦY", field("noi_nhan"): "Ban Tuyên giáo ĐUK\nLưu Chi bộ",
	})
}

func TestBrowserShowsTextAsItWillPrint(t *testing.T) {
	tb := newTab(t)
	// TCVN3 text typed with an old keyboard driver, and a name pasted with a zero-width space.
	tb.set(field("co_quan.ten"), "Chi bé Së Tµi chÝnh")
	tb.set(field("ky.ho_ten"), "Trần\u200b Văn Bình")
	tb.waitJS(`document.querySelector('[name="co_quan.ten"]').value === "Chi bộ Sở Tài chính"`, "the name converted to Unicode")
	tb.waitJS(`document.querySelector('[name="ky.ho_ten"]').value === "Trần Văn Bình"`, "the invisible character removed")
	if w := tb.warningOf(field("co_quan.ten")); !strings.Contains(w, "TCVN3") {
		t.Errorf("the converted name's note reads %q", w)
	}
	if got := tb.text("#ket-qua"); !strings.HasPrefix(got, "Đã sửa chữ trong") {
		t.Errorf("the notice of the change reads %q", got)
	}
}

// TestBrowserPrintsTheReport prints the report's PDF, not the page with the form: "In báo cáo"
// loads the PDF in the preview frame and prints that frame.
func TestBrowserPrintsTheReport(t *testing.T) {
	tb := newTab(t)
	tb.fillValid()
	// Record what gets printed: the page itself, or the document in the frame.
	js[bool](tb, `(() => {
		window.printed = [];
		window.print = () => window.printed.push("the form");
		const f = document.getElementById("khung");
		f.addEventListener("load", () => {
			const type = f.contentDocument ? f.contentDocument.contentType : "?";
			f.contentWindow.print = () => window.printed.push(type);
		});
		return true;
	})()`)
	tb.do(chromedp.Click(chromedp.ID("in")))
	tb.waitJS(`window.printed.length > 0`, "something to print")
	if got := js[[]string](tb, `window.printed`); !slices.Equal(got, []string{"application/pdf"}) {
		t.Errorf("In báo cáo printed %q, want the PDF", got)
	}
	// Changed after printing: the preview says it is out of date.
	if js[bool](tb, `!document.getElementById("xem-cu").hidden`) {
		t.Error("a fresh preview says it is out of date")
	}
	tb.do(chromedp.SendKeys(field("so"), "7"))
	if js[bool](tb, `document.getElementById("xem-cu").hidden`) {
		t.Error("the preview does not say it is out of date after a change")
	}
}

// TestBrowserTimeoutSaysSo: a server that does not answer in time is a lost connection too.
func TestBrowserTimeoutSaysSo(t *testing.T) {
	stop := make(chan struct{})
	h := Handler(Options{Hosts: testHosts})
	tb := newTabOn(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/kiem-tra" {
			select {
			case <-r.Context().Done():
			case <-stop:
			}
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { close(stop) }) // before the server closes
	tb.fillValid()
	js[bool](tb, `(() => { requestTimeout = 300; return true; })()`)
	tb.do(chromedp.Click(chromedp.ID("tai-pdf")))
	tb.waitJS(`!document.getElementById("loi-chung").hidden`, "the message")
	if says := tb.text("#loi-chung"); !strings.HasPrefix(says, "Không kết nối được với chương trình baocao (quá 0.3 giây không trả lời). Hãy mở lại") {
		t.Errorf("after a timeout the page says %q", says)
	}
	tb.noDownloads()
}

// TestBrowserServerRefusalShown: a refusal of the server (here 413) shows its message as given.
func TestBrowserServerRefusalShown(t *testing.T) {
	tb := newTab(t)
	tb.fillValid()
	tb.set(field("can_cu.co_quan"), strings.Repeat("Đảng ủy ", MaxRequest/8))
	tb.do(chromedp.Click(chromedp.ID("tai-pdf")))
	tb.waitJS(`!document.getElementById("loi-chung").hidden`, "the message")
	if says := tb.text("#loi-chung"); says != "Dữ liệu gửi lên quá lớn (tối đa 1 MiB)." {
		t.Errorf("a request too large shows %q", says)
	}
	if got := tb.focused(); got != "#loi-chung" {
		t.Errorf("the focus is on %q, want the message", got)
	}
	tb.noDownloads()
}

// TestBrowserTwoTabsWarned: two tabs of the form keep into the same place, and say so.
func TestBrowserTwoTabsWarned(t *testing.T) {
	first := newTab(t)
	ctx, cancel := chromedp.NewContext(shared.ctx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()
	second := &tab{t: t, ctx: ctx, srv: first.srv}
	second.do(chromedp.Navigate(first.srv.URL))
	second.ready()
	second.do(chromedp.SendKeys(field("co_quan.ten"), "Chi bộ Sở Xây dựng"))
	first.waitJS(`document.getElementById("thong-bao").textContent.includes("thẻ (tab) khác")`, "the warning of another tab")
	if got := second.text("#thong-bao"); got != "" {
		t.Errorf("the tab typed in shows %q", got)
	}
}
