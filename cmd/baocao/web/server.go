package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"baocao/layouts"
	"baocao/layouts/cells"
	"baocao/layouts/input"
	"baocao/layouts/kh46"
	"baocao/render"
	"baocao/render/docx"
	"baocao/render/pdf"
)

//go:embed static
var static embed.FS

// MaxRequest bounds a request's body: a report's form or YAML is a few kilobytes.
const MaxRequest = input.MaxFileSize

// formFile is the name problems give the form's YAML.
const formFile = "bieu-mau.yaml"

// Handler serves the form and its actions. Only requests addressed to one of hosts are answered
// (nil answers all), which keeps a page elsewhere from reaching a server on 127.0.0.1 through DNS.
func Handler(hosts []string) http.Handler {
	mux := http.NewServeMux()
	assets, _ := fs.Sub(static, "static")
	mux.Handle("GET /", http.FileServerFS(assets))
	mux.HandleFunc("GET /api/loai", kinds)
	mux.HandleFunc("POST /api/kiem-tra", check)
	mux.HandleFunc("POST /api/pdf", renderWith(pdf.Renderer{}, ".pdf", "application/pdf"))
	mux.HandleFunc("POST /api/docx", renderWith(docx.Renderer{}, ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
	mux.HandleFunc("POST /api/yaml", saveYAML)
	mux.HandleFunc("POST /api/mo", openYAML)
	return secure(hosts, mux)
}

// secure adds the security headers, checks the Host and bounds every body.
func secure(hosts []string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		if hosts != nil && !allowedHost(r.Host, hosts) {
			http.Error(w, "Địa chỉ không được phép.", http.StatusMisdirectedRequest)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxRequest)
		next.ServeHTTP(w, r)
	})
}

// allowedHost reports whether a request's Host header names one of hosts.
func allowedHost(host string, hosts []string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	for _, h := range hosts {
		if strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}

// kindOption is a model kind for the form's list.
type kindOption struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// kinds lists the model kinds of KH 46 and "khác", for the form's menus.
func kinds(w http.ResponseWriter, _ *http.Request) {
	var out []kindOption
	for _, k := range kh46.Kinds {
		out = append(out, kindOption{k.Code, k.Name})
	}
	out = append(out, kindOption{kh46.OtherKind, "Mô hình khác do chi, đảng bộ lựa chọn"})
	writeJSON(w, http.StatusOK, out)
}

// problemView is a problem as the page shows it: next to the field its key names.
type problemView struct {
	Key     string `json:"key"`
	Message string `json:"message"`
}

// checkResult is the answer of the check: the errors and the warnings.
type checkResult struct {
	Errors   []problemView `json:"errors"`
	Warnings []problemView `json:"warnings"`
}

func viewOf(ps input.Problems) checkResult {
	res := checkResult{Errors: []problemView{}, Warnings: []problemView{}}
	for _, p := range ps.Sorted() {
		v := problemView{Key: p.Key, Message: p.Message}
		if p.Warning {
			res.Warnings = append(res.Warnings, v)
		} else {
			res.Errors = append(res.Errors, v)
		}
	}
	return res
}

// readForm reads a posted form into its YAML, or answers the request itself on failure.
func readForm(w http.ResponseWriter, r *http.Request) ([]byte, *Form, bool) {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "Dữ liệu gửi lên quá lớn.", http.StatusRequestEntityTooLarge)
		} else {
			http.Error(w, "Dữ liệu biểu mẫu không đọc được.", http.StatusBadRequest)
		}
		return nil, nil, false
	}
	f := FromValues(r.PostForm)
	data, err := f.YAML()
	if err != nil {
		http.Error(w, "Không tạo được YAML từ biểu mẫu.", http.StatusInternalServerError)
		return nil, nil, false
	}
	return data, f, true
}

// check answers the form's problems, errors and warnings.
func check(w http.ResponseWriter, r *http.Request) {
	data, _, ok := readForm(w, r)
	if !ok {
		return
	}
	_, problems := layouts.Load(formFile, data, input.Options{})
	writeJSON(w, http.StatusOK, viewOf(problems))
}

// renderWith answers the document in one format, or its problems (422).
func renderWith(renderer render.Renderer, ext, mime string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		data, f, ok := readForm(w, r)
		if !ok {
			return
		}
		doc, problems := layouts.Load(formFile, data, input.Options{})
		if doc == nil {
			writeJSON(w, http.StatusUnprocessableEntity, viewOf(problems))
			return
		}
		var buf bytes.Buffer
		if err := renderer.Render(&buf, doc); err != nil {
			http.Error(w, "Không tạo được văn bản.", http.StatusInternalServerError)
			return
		}
		disposition := "inline"
		if r.URL.Query().Has("tai") {
			disposition = "attachment"
		}
		w.Header().Set("Content-Type", mime)
		w.Header().Set("Content-Disposition", fmt.Sprintf("%s; filename=%q", disposition, cells.Slug(f.CoQuan.Ten)+ext))
		w.Write(buf.Bytes())
	}
}

// saveYAML answers the form as the input contract's YAML, whatever its problems, to go on later.
func saveYAML(w http.ResponseWriter, r *http.Request) {
	data, f, ok := readForm(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", cells.Slug(f.CoQuan.Ten)+".yaml"))
	w.Write(data)
}

// openResult is an opened YAML: the form's values and the file's problems.
type openResult struct {
	Form *Form `json:"form"`
	checkResult
}

// openYAML reads a saved YAML (the request's body) back into the form's values.
func openYAML(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "Tệp quá lớn.", http.StatusRequestEntityTooLarge)
		return
	}
	_, problems := layouts.Load(formFile, data, input.Options{})
	var f Form
	if err := yaml.Unmarshal(data, &f); err != nil || f.Mau != "dang-ky" {
		res := viewOf(problems)
		if len(res.Errors) == 0 {
			res.Errors = append(res.Errors, problemView{Message: "tệp không phải báo cáo kết quả đăng ký (mau: dang-ky) mà biểu mẫu mở được"})
		}
		writeJSON(w, http.StatusUnprocessableEntity, openResult{checkResult: res})
		return
	}
	writeJSON(w, http.StatusOK, openResult{Form: &f, checkResult: viewOf(problems)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// Server is the HTTP server of the form with its time limits.
func Server(addr string, hosts []string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           Handler(hosts),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}
