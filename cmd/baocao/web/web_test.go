package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render/pdf"
)

// validForm is a filled form as the page posts it: a chi bộ with two models and one exemplar.
func validForm() url.Values {
	return url.Values{
		"co_quan.cap_tren": {"Đảng uỷ Khối cơ quan và doanh nghiệp tỉnh"},
		"co_quan.ten":      {"Chi bộ Sở Tài chính"},
		"co_quan.loai":     {"chi-bo"},
		"co_quan.khoi":     {"co-quan"},
		"so":               {"5"},
		"dia_danh":         {"Yên Bái"},
		"ngay":             {"12/4/2021"},
		"ke_hoach.so":      {"3"},
		"ke_hoach.ngay":    {"8/4/2021"},
		"mo_hinh.ten":      {"Văn hóa công sở tại Văn phòng Sở", "Cải cách thủ tục hành chính"},
		"mo_hinh.loai":     {"van-hoa-cong-so", "cai-cach-hanh-chinh"},
		"mo_hinh.don_vi":   {"Văn phòng Sở", "Phòng Quản lý giá"},
		"guong.ho_ten":     {"Nguyễn Thị Hoa"},
		"guong.chuc_vu":    {"Phó Chánh Văn phòng"},
		"guong.don_vi":     {"Văn phòng Sở Tài chính"},
		"noi_nhan":         {"Ban Tuyên giáo ĐUK\nLưu Chi bộ"},
		"ky.quyen":         {"T/M BAN CHI ỦY"},
		"ky.chuc_vu":       {"BÍ THƯ"},
		"ky.ho_ten":        {"Trần Văn Bình"},
	}
}

// post sends a form to the handler as the form's own page does.
func post(t *testing.T, h http.Handler, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	return send(t, h, pageRequest("POST", path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode())))
}

// pageRequest is a request as the form's page in a browser sends it: to 127.0.0.1:8080, from the
// same origin, with the form's header.
func pageRequest(method, path, contentType string, body io.Reader) *http.Request {
	req := httptest.NewRequest(method, path, body)
	req.Host = "127.0.0.1:8080"
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Origin", "http://127.0.0.1:8080")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set(FormHeader, "1")
	return req
}

// send serves one request.
func send(t *testing.T, h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// openFile posts a file's bytes to "Mở bản đã lưu", as the page does.
func openFile(t *testing.T, h http.Handler, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	return send(t, h, pageRequest("POST", "/api/mo", "application/octet-stream", bytes.NewReader(data)))
}

var testHosts = []string{"127.0.0.1", "localhost", "::1"}

// testHandler is the handler as "baocao serve" makes it on this machine.
func testHandler() http.Handler { return Handler(Options{Hosts: testHosts, Version: "1.2.3-thu"}) }

func TestPageAndHeaders(t *testing.T) {
	h := testHandler()
	for _, path := range []string{"/", "/chung.js", "/app.js", "/app.css", "/tong-hop.html", "/tong-hop.js"} {
		req := httptest.NewRequest("GET", path, nil)
		req.Host = "localhost:8080"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		for header, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
		} {
			if got := rec.Header().Get(header); got != want {
				t.Errorf("GET %s: %s = %q", path, header, got)
			}
		}
		csp := rec.Header().Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("GET %s: Content-Security-Policy %q", path, csp)
		}
	}
	// Nothing the page loads comes from elsewhere.
	page := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Host = "127.0.0.1"
	h.ServeHTTP(page, req)
	if body := page.Body.String(); strings.Contains(body, "http://") || strings.Contains(body, "https://") || !strings.Contains(body, `lang="vi"`) {
		t.Error("the page refers to another site, or is not in Vietnamese")
	}
}

func TestOtherHostRefused(t *testing.T) {
	req := httptest.NewRequest("GET", "/", nil)
	req.Host = "evil.example:8080"
	rec := httptest.NewRecorder()
	testHandler().ServeHTTP(rec, req)
	if rec.Code != http.StatusMisdirectedRequest {
		t.Errorf("a request for another host: %d, want 421", rec.Code)
	}
}

func TestValidFormGivesPDFAndDOCX(t *testing.T) {
	h := testHandler()
	rec := post(t, h, "/api/pdf?tai=1", validForm())
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF-")) {
		t.Fatalf("PDF: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if got := rec.Header().Get("Content-Disposition"); got != `attachment; filename="chi-bo-so-tai-chinh.pdf"` {
		t.Errorf("Content-Disposition %q", got)
	}
	rec = post(t, h, "/api/docx", validForm())
	if rec.Code != 200 || !bytes.HasPrefix(rec.Body.Bytes(), []byte("PK")) || !strings.HasPrefix(rec.Header().Get("Content-Disposition"), "inline") {
		t.Fatalf("DOCX: %d %s", rec.Code, rec.Header().Get("Content-Disposition"))
	}
}

// decodeCheck reads a check's answer.
func decodeCheck(t *testing.T, body io.Reader) checkResult {
	t.Helper()
	var res checkResult
	if err := json.NewDecoder(body).Decode(&res); err != nil {
		t.Fatal(err)
	}
	return res
}

func TestInvalidFormGivesFieldErrors(t *testing.T) {
	form := validForm()
	form.Set("co_quan.ten", "")
	form.Set("ngay", "31/02/2021")
	form["mo_hinh.don_vi"] = []string{"Văn phòng Sở", ""}
	form["mo_hinh.loai"] = []string{"y-te", "cai-cach-hanh-chinh"}
	rec := post(t, testHandler(), "/api/pdf", form)
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", rec.Code)
	}
	res := decodeCheck(t, rec.Body)
	want := []problemView{
		{"co_quan.ten", "không được để trống"},
		{"ngay", `"31/02/2021" không phải là ngày hợp lệ: tháng 2/2021 chỉ có 28 ngày`},
		{"mo_hinh[2].don_vi", "không được để trống"},
	}
	if len(res.Errors) != len(want) {
		t.Fatalf("errors %+v, want %+v", res.Errors, want)
	}
	for i := range want {
		if res.Errors[i] != want[i] {
			t.Errorf("error %d: %+v, want %+v", i, res.Errors[i], want[i])
		}
	}
	if len(res.Warnings) != 1 || res.Warnings[0].Key != "mo_hinh[1].loai" {
		t.Errorf("warnings %+v, want the kind not meant for agencies", res.Warnings)
	}
	// The check alone answers 200 with the same problems.
	rec = post(t, testHandler(), "/api/kiem-tra", form)
	if rec.Code != 200 || len(decodeCheck(t, rec.Body).Errors) != 3 {
		t.Errorf("check: %d", rec.Code)
	}
}

func TestOversizedRequestRefused(t *testing.T) {
	form := validForm()
	form.Set("co_quan.ten", strings.Repeat("a", MaxRequest))
	rec := post(t, testHandler(), "/api/pdf", form)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", rec.Code)
	}
	rec = openFile(t, testHandler(), make([]byte, MaxRequest+10))
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("open: status %d, want 413", rec.Code)
	}
}

// valuesOf turns an opened form back into what the page posts, as app.js's fill and FormData do.
func valuesOf(f *Form) url.Values {
	v := url.Values{}
	set := func(k, s string) { v.Set(k, s) }
	if f.CoQuan.CapTren != nil {
		set("co_quan.cap_tren", *f.CoQuan.CapTren)
	}
	set("co_quan.ten", f.CoQuan.Ten)
	set("co_quan.loai", f.CoQuan.Loai)
	set("co_quan.khoi", f.CoQuan.Khoi)
	set("so", string(f.So))
	set("ky_hieu", f.KyHieu)
	set("dia_danh", f.DiaDanh)
	set("ngay", f.Ngay)
	set("giai_doan", f.GiaiDoan)
	if f.CanCu != nil {
		set("can_cu.so", f.CanCu.So)
		set("can_cu.ngay", f.CanCu.Ngay)
		set("can_cu.co_quan", f.CanCu.CoQuan)
		set("can_cu.giai_doan", f.CanCu.GiaiDoan)
	}
	if f.KeHoach != nil {
		set("ke_hoach.so", string(f.KeHoach.So))
		set("ke_hoach.ky_hieu", f.KeHoach.KyHieu)
		set("ke_hoach.ngay", f.KeHoach.Ngay)
	}
	for _, m := range f.MoHinh {
		v.Add("mo_hinh.ten", m.Ten)
		v.Add("mo_hinh.loai", m.Loai)
		v.Add("mo_hinh.don_vi", m.DonVi)
	}
	for _, g := range f.Guong {
		v.Add("guong.ho_ten", g.HoTen)
		v.Add("guong.chuc_vu", g.ChucVu)
		v.Add("guong.don_vi", g.DonVi)
	}
	set("noi_nhan", strings.Join(f.NoiNhan, "\n"))
	if f.Ky.Quyen != nil {
		set("ky.quyen", *f.Ky.Quyen)
	}
	set("ky.chuc_vu", f.Ky.ChucVu)
	set("ky.ho_ten", f.Ky.HoTen)
	if f.Ky.DaKy {
		set("ky.da_ky", "1")
	}
	return v
}

// TestYAMLRoundTrip saves the form as YAML, renders that YAML as the command line does, opens it
// in the form again: the same PDF bytes every way.
func TestYAMLRoundTrip(t *testing.T) {
	h := testHandler()
	want := post(t, h, "/api/pdf", validForm()).Body.Bytes()

	saved := post(t, h, "/api/yaml", validForm())
	if saved.Code != 200 || !strings.Contains(saved.Header().Get("Content-Disposition"), "chi-bo-so-tai-chinh.yaml") {
		t.Fatalf("save: %d %s", saved.Code, saved.Header().Get("Content-Disposition"))
	}
	yamlText := saved.Body.Bytes()
	doc, problems := layouts.Load("bao-cao.yaml", yamlText, input.Options{})
	if doc == nil {
		t.Fatalf("the saved YAML does not load:\n%s\n%s", problems.Error(), yamlText)
	}
	var fromCLI bytes.Buffer
	if err := (pdf.Renderer{}).Render(&fromCLI, doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fromCLI.Bytes(), want) {
		t.Error("baocao render of the saved YAML gives other bytes than the form")
	}

	rec := openFile(t, h, yamlText)
	var opened checkResult
	if err := json.NewDecoder(rec.Body).Decode(&opened); err != nil || rec.Code != 200 || opened.Form == nil {
		t.Fatalf("open: %d %v", rec.Code, err)
	}
	if again := post(t, h, "/api/pdf", valuesOf(opened.Form)).Body.Bytes(); !bytes.Equal(again, want) {
		t.Error("the reopened form gives other bytes")
	}
}

func TestOpenRefusesOtherDocuments(t *testing.T) {
	rec := openFile(t, testHandler(), []byte("mau: tong-hop\n"))
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "errors") {
		t.Errorf("open of a consolidated report: %d %s", rec.Code, rec.Body.String())
	}
}

// TestPlanCodeAloneIsNoPlan: the plan's code, which the page shows as its default, makes no plan
// without a number or a date; an empty report date is said to be empty.
func TestPlanCodeAloneIsNoPlan(t *testing.T) {
	form := validForm()
	form.Set("ke_hoach.so", "")
	form.Set("ke_hoach.ngay", "")
	form.Set("ke_hoach.ky_hieu", "KH/CB")
	form.Set("ngay", "")
	if f := FromValues(form); f.KeHoach != nil {
		t.Errorf("a plan code alone gave a plan: %+v", f.KeHoach)
	}
	res := decodeCheck(t, post(t, testHandler(), "/api/kiem-tra", form).Body)
	if len(res.Errors) != 1 || res.Errors[0] != (problemView{"ngay", "không được để trống"}) {
		t.Errorf("errors %+v, want only the empty date", res.Errors)
	}
}
