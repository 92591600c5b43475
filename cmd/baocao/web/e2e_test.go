package web

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
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

// TestFormInABrowser fills the form in headless Chromium as a secretary would: the cell, the date,
// two models and one exemplar, the signer; downloads the PDF and reads its text; keeps a
// screenshot of the filled form.
func TestFormInABrowser(t *testing.T) {
	chromium := needTool(t, "chromium")
	pdftotext := needTool(t, "pdftotext")
	srv := httptest.NewServer(Handler(Options{}))
	defer srv.Close()

	downloads := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1000, 1400),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	field := func(name string) chromedp.CSS { return chromedp.CSS(`[name="` + name + `"]`) }
	row := func(list string, n int, name string) chromedp.CSS {
		return chromedp.CSS(fmt.Sprintf(`#%s .dong:nth-child(%d) [name="%s.%s"]`, list, n, list, name))
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
	}); err != nil {
		t.Fatalf("browser: %v", err)
	}
	// Downloading an empty form shows its errors next to their fields, and downloads nothing.
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL),
		chromedp.WaitVisible(field("co_quan.ten")),
		chromedp.Click(chromedp.ID("tai-pdf")),
		chromedp.WaitVisible(chromedp.CSS(`[name="co_quan.ten"] + .loi`)),
	)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	nameError, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[name="co_quan.ten"] + .loi`)))
	if err != nil || nameError != "không được để trống" {
		t.Errorf("the error beside the cell's name reads %q (%v)", nameError, err)
	}
	if entries, _ := os.ReadDir(downloads); len(entries) != 0 {
		t.Errorf("an invalid form downloaded %d files", len(entries))
	}

	err = chromedp.Do(ctx,
		chromedp.SendKeys(field("co_quan.ten"), "Chi bộ Sở Tư pháp"),
		chromedp.SetValue(field("co_quan.khoi"), "co-quan"),
		chromedp.SendKeys(field("so"), "4"),
		chromedp.SendKeys(field("ngay"), "13/4/2021"),
		chromedp.SendKeys(field("ke_hoach.so"), "2"),
		chromedp.SendKeys(field("ke_hoach.ngay"), "7/4/2021"),
		chromedp.Click(chromedp.CSS(`[data-them="mo_hinh"]`)),
		chromedp.Click(chromedp.CSS(`[data-them="mo_hinh"]`)),
		chromedp.SendKeys(row("mo_hinh", 1, "ten"), "Cải cách thủ tục hành chính trong lĩnh vực hộ tịch"),
		chromedp.SetValue(row("mo_hinh", 1, "loai"), "cai-cach-hanh-chinh"),
		chromedp.SendKeys(row("mo_hinh", 1, "don_vi"), "Phòng Hành chính tư pháp"),
		chromedp.SendKeys(row("mo_hinh", 2, "ten"), "Thực hiện 5 không trong tiếp công dân"),
		chromedp.SetValue(row("mo_hinh", 2, "loai"), "nam-khong"),
		chromedp.SendKeys(row("mo_hinh", 2, "don_vi"), "Văn phòng Sở Tư pháp"),
		chromedp.Click(chromedp.CSS(`[data-them="guong"]`)),
		chromedp.SendKeys(row("guong", 1, "ho_ten"), "Đỗ Thị Minh Nguyệt"),
		chromedp.SendKeys(row("guong", 1, "chuc_vu"), "Trưởng phòng"),
		chromedp.SendKeys(row("guong", 1, "don_vi"), "Phòng Hành chính tư pháp"),
		chromedp.SendKeys(field("ky.ho_ten"), "Lương Văn Hải"),
	)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	screenshot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	// The preview shows the PDF in the page.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("xem")), chromedp.WaitVisible(chromedp.ID("khung"))); err != nil {
		t.Fatalf("preview: %v", err)
	}
	src, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.ID("khung"), "src"))
	if err != nil || !strings.HasPrefix(src.Value, "blob:") {
		t.Errorf("the preview frame shows %q (%v), want the PDF as a blob", src.Value, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("tai-pdf"))); err != nil {
		t.Fatalf("browser: %v", err)
	}
	if err := os.WriteFile(filepath.Join(os.TempDir(), "baocao-form.png"), screenshot, 0o644); err == nil {
		t.Logf("screenshot of the filled form: %s", filepath.Join(os.TempDir(), "baocao-form.png"))
	}
	if *updateScreenshot {
		if err := os.WriteFile("form.png", screenshot, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	pdfPath := filepath.Join(downloads, "chi-bo-so-tu-phap.pdf")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if data, err := os.ReadFile(pdfPath); err == nil && strings.Contains(string(data), "%%EOF") {
			break
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(downloads)
			t.Fatalf("no PDF downloaded; the folder holds %v", entries)
		}
		time.Sleep(100 * time.Millisecond)
	}
	out, err := exec.Command(pdftotext, "-layout", pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
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
}
