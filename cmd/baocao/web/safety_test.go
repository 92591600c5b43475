package web

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/layouts/input/inputtest"
	"baocao/render/pdf"
)

// actions are every request of the page that produces a document or reads a file.
var actions = []string{"/api/kiem-tra", "/api/pdf", "/api/pdf?tai=1", "/api/docx?tai=1", "/api/yaml", "/api/mo"}

// TestCrossSiteRequestsRefused posts to every action as a page on another site could make a
// browser do, and as the form's own page does: only the latter is served.
func TestCrossSiteRequestsRefused(t *testing.T) {
	h := testHandler()
	body := validForm().Encode()
	tests := []struct {
		name    string
		headers map[string]string
	}{
		{"a cross-site <form method=post>", map[string]string{"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}},
		{"a fetch from another origin", map[string]string{"Origin": "http://evil.example", FormHeader: "1"}},
		{"no Origin, Sec-Fetch-Site cross-site", map[string]string{"Sec-Fetch-Site": "cross-site", FormHeader: "1"}},
		{"another port of this machine", map[string]string{"Origin": "http://127.0.0.1:3000", "Sec-Fetch-Site": "same-site", FormHeader: "1"}},
		{"a sandboxed frame (Origin null)", map[string]string{"Origin": "null", FormHeader: "1"}},
		{"an old browser's plain form post", map[string]string{}},
		{"a page's fetch without the form's header", map[string]string{"Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-origin"}},
	}
	for _, tc := range tests {
		for _, path := range actions {
			req := httptest.NewRequest("POST", path, strings.NewReader(body))
			req.Host = "127.0.0.1:8080"
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range tc.headers {
				req.Header.Set(k, v)
			}
			rec := send(t, h, req)
			if rec.Code != http.StatusForbidden {
				t.Errorf("%s to %s: %d, want 403", tc.name, path, rec.Code)
				continue
			}
			res := decodeCheck(t, rec.Body)
			if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "không đến từ biểu mẫu của baocao") {
				t.Errorf("%s to %s: answer %+v", tc.name, path, res)
			}
		}
	}
	// The page's own request goes through.
	if rec := post(t, h, "/api/pdf", validForm()); rec.Code != 200 || !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF-")) {
		t.Errorf("the page's own request: %d", rec.Code)
	}
	// A client that is no browser (no Origin, no Sec-Fetch-Site) but sends the header is served:
	// no web page can make a browser send it unasked.
	req := httptest.NewRequest("POST", "/api/pdf", strings.NewReader(body))
	req.Host = "localhost:8080"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set(FormHeader, "1")
	if rec := send(t, h, req); rec.Code != 200 {
		t.Errorf("a request with the header and no browser headers: %d", rec.Code)
	}
}

// TestErrorAnswersAreJSON checks that every refusal is an answer the page can show.
func TestErrorAnswersAreJSON(t *testing.T) {
	h := testHandler()
	otherHost := pageRequest("POST", "/api/pdf", "application/x-www-form-urlencoded", strings.NewReader(validForm().Encode()))
	otherHost.Host = "evil.example:8080"
	big := validForm()
	big.Set("co_quan.ten", strings.Repeat("a", MaxRequest))
	tests := []struct {
		name   string
		req    *http.Request
		status int
		want   string
	}{
		{"another host", otherHost, http.StatusMisdirectedRequest, "Địa chỉ không được phép"},
		{"too large a form", pageRequest("POST", "/api/pdf", "application/x-www-form-urlencoded", strings.NewReader(big.Encode())), http.StatusRequestEntityTooLarge, "quá lớn"},
		{"too large a file", pageRequest("POST", "/api/mo", "application/octet-stream", bytes.NewReader(make([]byte, MaxRequest+1))), http.StatusRequestEntityTooLarge, "quá lớn"},
		{"cross-site", httptest.NewRequest("POST", "http://127.0.0.1:8080/api/pdf", nil), http.StatusForbidden, "bị từ chối"},
		{"an unknown action", pageRequest("POST", "/api/xoa-het", "", nil), http.StatusNotFound, "Không có chức năng này"},
		{"a GET of an action", pageRequest("GET", "/api/pdf", "", nil), http.StatusMethodNotAllowed, "chỉ nhận POST"},
		{"a POST of the page", pageRequest("POST", "/", "", nil), http.StatusMethodNotAllowed, "không đúng cách"},
	}
	for _, tc := range tests {
		rec := send(t, h, tc.req)
		if rec.Code != tc.status {
			t.Errorf("%s: %d, want %d", tc.name, rec.Code, tc.status)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", tc.name, ct)
		}
		var res checkResult
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, tc.want) {
			t.Errorf("%s: %s (%v), want a JSON error with %q", tc.name, rec.Body.String(), err, tc.want)
		}
	}
}

// TestBusyServerAnswers: when every renderer stays busy past the wait, a request gets a 503 it can
// show, not an endless wait.
func TestBusyServerAnswers(t *testing.T) {
	s := &server{opts: Options{Hosts: testHosts}, renders: make(chan struct{}), wait: 20 * time.Millisecond, cache: newRenderCache(cachedRenders)}
	rec := httptest.NewRecorder()
	s.renderWith(pdf.Renderer{}, ".pdf", "application/pdf")(rec, pageRequest("POST", "/api/pdf", "application/x-www-form-urlencoded", strings.NewReader(validForm().Encode())))
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "Máy đang bận") {
		t.Errorf("busy: %d %s", rec.Code, rec.Body.String())
	}
}

// countingFiles fails every open and counts the attempts.
type countingFiles struct{ opens *atomic.Int64 }

func (c countingFiles) Open(string) (fs.File, error) {
	c.opens.Add(1)
	return nil, fs.ErrPermission
}

// TestNoRequestOpensAFile posts files naming paths on this machine (an existing file, a folder, a
// missing file, a named pipe that would block a reader) to every action: each is refused in
// Vietnamese, and the file system the handlers read with sees no open at all.
func TestNoRequestOpensAFile(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "bi-mat.yaml")
	if err := os.WriteFile(secret, []byte("mau: dang-ky\nco_quan: {ten: Chi bộ Bí mật, loai: chi-bo, khoi: co-quan}\nngay: 2021-04-12\nky: {ho_ten: Người Bí Mật}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pipe := filepath.Join(dir, "ong.yaml")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	var opens atomic.Int64
	saved := readOptions
	readOptions = input.Options{Files: countingFiles{&opens}}
	defer func() { readOptions = saved }()

	paths := "[" + strings.Join([]string{secret, dir, filepath.Join(dir, "khong-co.yaml"), pipe, "/etc/passwd", "../../../../etc"}, ", ") + "]"
	files := map[string]string{
		"a consolidated report": "mau: tong-hop\nngay: 2021-04-19\nnguon: " + paths + "\nphai_bao_cao: [Chi bộ Bí mật]\nky: {ho_ten: B}\n",
		"a roster":              "mau: dang-ky\nchung: {ngay: 2021-04-12}\ndanh_sach:\n  - co_quan: {ten: Chi bộ A, loai: chi-bo, khoi: co-quan}\n    ky: {ho_ten: X}\n",
		"a report with nguon":   "mau: dang-ky\nco_quan: {ten: Chi bộ A, loai: chi-bo, khoi: co-quan}\nngay: 2021-04-12\nky: {ho_ten: X}\nnguon: " + paths + "\n",
	}
	for name, text := range files {
		done := make(chan *httptest.ResponseRecorder, 1)
		go func() { done <- openFile(t, testHandler(), []byte(text)) }()
		var rec *httptest.ResponseRecorder
		select {
		case rec = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the server blocked (a path was opened)", name)
		}
		if rec.Code != http.StatusUnprocessableEntity && rec.Code != http.StatusOK {
			t.Errorf("%s: %d", name, rec.Code)
		}
		body := rec.Body.String()
		if strings.Contains(body, "Người Bí Mật") || strings.Contains(body, "Chi bộ Bí mật\"") || strings.Contains(body, "không có tệp") || strings.Contains(body, "root:") {
			t.Errorf("%s: the answer tells what is on the disk: %s", name, body)
		}
	}
	// Every document action posts a form, which is never a consolidated report; a field that
	// names a path is only text.
	form := validForm()
	form.Set("co_quan.ten", secret)
	for _, path := range actions[:5] {
		post(t, testHandler(), path, form)
	}
	if n := opens.Load(); n != 0 {
		t.Errorf("the handlers tried to open %d files", n)
	}
	// And had a consolidated report reached the loader, the file system it is given would still
	// have refused every path: nothing would have been read.
	in := layouts.Read(formFile, []byte(files["a consolidated report"]), readOptions)
	if in.Document() != nil || opens.Load() == 0 {
		t.Errorf("a consolidated report read through the refusing file system: document %v, %d opens", in.Document() != nil, opens.Load())
	}
	for _, p := range in.Problems {
		if strings.Contains(p.Message, "Người Bí Mật") {
			t.Errorf("a problem tells what the file holds: %s", p)
		}
	}
}

// TestOpenRefusalsInPlainWords: a file the form cannot open is refused with no form (the page
// keeps what it holds) and a message without YAML key names or commands.
func TestOpenRefusalsInPlainWords(t *testing.T) {
	tests := map[string]struct{ file, want string }{
		"roster":               {"mau: dang-ky\nchung: {ngay: 2021-04}\ndanh_sach:\n  - co_quan: {ten: Chi bộ A, loai: chi-bo, khoi: co-quan}\n", "danh sách báo cáo của nhiều chi bộ"},
		"consolidated report":  {"mau: tong-hop\nnguon: [a]\n", "báo cáo tổng hợp của Ban Tuyên giáo"},
		"another kind":         {"mau: ke-hoach\n", "không phải báo cáo kết quả đăng ký"},
		"no kind":              {"ten: Chi bộ A\n", "không phải báo cáo kết quả đăng ký"},
		"not YAML":             {"mau: [dang-ky\n", "dòng"},
		"a PDF":                {"%PDF-1.7\n%âãÏÓ\n1 0 obj\n", "PDF"},
		"a list, not a report": {"- a\n- b\n", "dòng 1"},
	}
	for name, tc := range tests {
		rec := openFile(t, testHandler(), []byte(tc.file))
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", name, rec.Code)
		}
		res := decodeCheck(t, bytes.NewReader(rec.Body.Bytes()))
		if res.Form != nil {
			t.Errorf("%s: a form came back: the page would replace what it holds", name)
		}
		text := rec.Body.String()
		if len(res.Errors) == 0 || !strings.Contains(text, tc.want) {
			t.Errorf("%s: %s, want %q", name, text, tc.want)
		}
		for _, jargon := range []string{"danh_sach", "baocao batch", "mau:", "tong-hop", "yaml:"} {
			if strings.Contains(text, jargon) {
				t.Errorf("%s: the message uses %q: %s", name, jargon, text)
			}
		}
	}
}

// TestRemoteAccessNeedsToken: a server other machines reach answers only with its access token,
// first in the address, then in the cookie it sets.
func TestRemoteAccessNeedsToken(t *testing.T) {
	const token = "0123456789abcdef0123456789abcdef"
	h := Handler(Options{Token: token})
	get := func(target string, cookie *http.Cookie) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", target, nil)
		req.Host = "192.168.1.20:8080"
		if cookie != nil {
			req.AddCookie(cookie)
		}
		return send(t, h, req)
	}
	if rec := get("/", nil); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "mã truy cập") {
		t.Errorf("no token: %d %s", rec.Code, rec.Body.String())
	}
	if rec := get("/?khoa=sai", nil); rec.Code != http.StatusForbidden {
		t.Errorf("a wrong token: %d", rec.Code)
	}
	first := get("/?khoa="+token, nil)
	if first.Code != http.StatusSeeOther || first.Header().Get("Location") != "/" {
		t.Fatalf("the printed address: %d, Location %q", first.Code, first.Header().Get("Location"))
	}
	cookies := first.Result().Cookies()
	if len(cookies) != 1 || cookies[0].Value != token || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("cookie %+v", cookies)
	}
	if rec := get("/", cookies[0]); rec.Code != 200 {
		t.Errorf("with the cookie: %d", rec.Code)
	}
	if rec := get("/", &http.Cookie{Name: tokenCookie, Value: "sai"}); rec.Code != http.StatusForbidden {
		t.Errorf("a wrong cookie: %d", rec.Code)
	}
	postWith := func(target string, cookie *http.Cookie) int {
		req := pageRequest("POST", target, "application/x-www-form-urlencoded", strings.NewReader(validForm().Encode()))
		req.Host = "192.168.1.20:8080"
		req.Header.Set("Origin", "http://192.168.1.20:8080")
		if cookie != nil {
			req.AddCookie(cookie)
		}
		return send(t, h, req).Code
	}
	if code := postWith("/api/pdf", cookies[0]); code != 200 {
		t.Errorf("a document with the cookie: %d", code)
	}
	if code := postWith("/api/pdf?khoa="+token, nil); code != http.StatusForbidden {
		t.Errorf("a POST with the token in its address but no cookie: %d, want 403", code)
	}
}

// TestOpenKeepsEveryKey opens a file that uses every key of the contract, as UTF-8, Windows-1258
// and UTF-16: the form gets every value, and posting it back gives the file's own PDF, as does
// rendering the file that "Lưu để làm tiếp" saves.
func TestOpenKeepsEveryKey(t *testing.T) {
	data, err := os.ReadFile("testdata/moi-khoa.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, problems := layouts.Load("moi-khoa.yaml", data, input.Options{})
	if doc == nil {
		t.Fatal(problems.Error())
	}
	var want bytes.Buffer
	if err := (pdf.Renderer{}).Render(&want, doc); err != nil {
		t.Fatal(err)
	}
	h := testHandler()
	cp1258, err := inputtest.Windows1258(string(data))
	if err != nil {
		t.Fatal(err)
	}
	encodings := map[string][]byte{
		"UTF-8":        data,
		"Windows-1258": cp1258,
		"UTF-16":       inputtest.UTF16LE(string(data)),
	}
	for name, file := range encodings {
		rec := openFile(t, h, file)
		res := decodeCheck(t, bytes.NewReader(rec.Body.Bytes()))
		if rec.Code != 200 || res.Form == nil || len(res.Errors) != 0 {
			t.Fatalf("%s: open %d %s", name, rec.Code, rec.Body.String())
		}
		f := res.Form
		if f.KeHoach == nil || f.KeHoach.KyHieu != "KH/CBYT" || f.KyHieu != "BC/CBYT" || f.CoQuan.Ten != "Chi bộ Sở Y tế" || f.Ky.ChucVu != "PHÓ BÍ THƯ" || !f.Ky.DaKy {
			t.Errorf("%s: the opened form lost values: %+v", name, f)
		}
		if got := post(t, h, "/api/pdf", valuesOf(f)).Body.Bytes(); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s: the opened form gives another PDF than the file", name)
		}
		saved := post(t, h, "/api/yaml", valuesOf(f)).Body.Bytes()
		doc, problems := layouts.Load("luu.yaml", saved, input.Options{})
		if doc == nil {
			t.Fatalf("%s: the saved file does not load: %s\n%s", name, problems.Error(), saved)
		}
		var again bytes.Buffer
		if err := (pdf.Renderer{}).Render(&again, doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.Bytes(), want.Bytes()) {
			t.Errorf("%s: the saved file renders another PDF:\n%s", name, saved)
		}
	}
}

// TestCheckAnswersTheCleanedForm: text that the program cleans comes back cleaned, so that the
// page shows what will print.
func TestCheckAnswersTheCleanedForm(t *testing.T) {
	form := validForm()
	form.Set("co_quan.ten", "Chi bộ Sở\u200b Tài chính")
	form.Set("ky.ho_ten", "TrÇn V¨n B×nh") // TCVN3
	res := decodeCheck(t, post(t, testHandler(), "/api/kiem-tra", form).Body)
	if res.Form == nil || res.Form.CoQuan.Ten != "Chi bộ Sở Tài chính" || res.Form.Ky.HoTen != "Trần Văn Bình" {
		t.Errorf("cleaned form %+v", res.Form)
	}
	if len(res.Warnings) < 2 {
		t.Errorf("warnings %+v, want one for each value changed", res.Warnings)
	}
}

// TestDefaultsAndAbout: the values the page shows for empty fields, and who answers on the port.
func TestDefaultsAndAbout(t *testing.T) {
	h := testHandler()
	var defaults map[string]Form
	if err := json.Unmarshal(send(t, h, pageRequest("GET", "/api/mac-dinh", "", nil)).Body.Bytes(), &defaults); err != nil {
		t.Fatal(err)
	}
	db := defaults["dang-bo"]
	if db.KyHieu != "BC/ĐB" || db.KeHoach == nil || db.KeHoach.KyHieu != "KH/ĐB" || db.Ky.Quyen == nil || *db.Ky.Quyen != "T/M ĐẢNG ỦY" || strings.Join(db.NoiNhan, "|") != "Ban Tuyên giáo ĐUK|Lưu Đảng bộ" {
		t.Errorf("đảng bộ defaults %+v", db)
	}
	if cb := defaults["chi-bo"]; cb.KyHieu != "BC/CB" || cb.CanCu == nil || cb.CanCu.So != "46-KH/ĐUK" || cb.CanCu.Ngay != "2/4/2021" || cb.GiaiDoan != "2021-2023" {
		t.Errorf("chi bộ defaults %+v", cb)
	}
	var about map[string]string
	if err := json.Unmarshal(send(t, h, pageRequest("GET", "/api/thong-tin", "", nil)).Body.Bytes(), &about); err != nil {
		t.Fatal(err)
	}
	if about["ung_dung"] != App || about["phien_ban"] != "1.2.3-thu" {
		t.Errorf("about %v", about)
	}
}
