package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"baocao/layouts"
	"baocao/layouts/cells"
	"baocao/layouts/dangky"
	"baocao/layouts/importer"
	"baocao/layouts/input"
	"baocao/layouts/kh46"
	"baocao/layouts/tonghop"
	"baocao/render"
	"baocao/render/docx"
	"baocao/render/pdf"
)

//go:embed static
var static embed.FS

// MaxRequest bounds a request's body: a report's form or YAML is a few kilobytes.
const MaxRequest = input.MaxFileSize

// renderWait bounds how long a request waits for a free renderer before the server says it is busy.
const renderWait = 20 * time.Second

// formFile is the name problems give the form's YAML.
const formFile = "bieu-mau.yaml"

// FormHeader is the header every request of the page carries. A page elsewhere cannot send it
// without the browser asking this server first (a CORS preflight), which it never allows.
const FormHeader = "X-Baocao-Bieu-Mau"

// tokenCookie and tokenParam carry the access token of a server reachable from other machines.
const (
	tokenCookie = "baocao_khoa"
	tokenParam  = "khoa"
)

// App is the name /api/thong-tin gives, by which "baocao" tells that a port holds its own form.
const App = "baocao"

// Options configure the form's server.
type Options struct {
	// Hosts are the names a request's Host may carry; nil accepts any (only with a Token).
	Hosts []string
	// Token, when set, must come with every request: in the address first (?khoa=…), then in a
	// cookie. It guards a server that other machines can reach.
	Token string
	// Version is the program's version, shown in the page's footer.
	Version string
}

// Handler serves the form and its actions. No request reaches the file system: every input is
// read with no file system at all (refuseFiles), and only a cell's own report is accepted.
func Handler(opts Options) http.Handler {
	s := &server{opts: opts, renders: make(chan struct{}, runtime.NumCPU()), wait: renderWait, cache: newRenderCache(cachedRenders), board: newBoardStore()}
	mux := http.NewServeMux()
	assets, _ := fs.Sub(static, "static")
	files := http.FileServerFS(assets)
	api := map[string]http.HandlerFunc{
		"GET /api/loai":      kinds,
		"GET /api/mac-dinh":  defaults,
		"GET /api/thong-tin": s.about,
		"POST /api/kiem-tra": s.check,
		"POST /api/pdf":      s.renderWith(pdf.Renderer{}, ".pdf", "application/pdf"),
		"POST /api/docx":     s.renderWith(docx.Renderer{}, ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
		"POST /api/yaml":     s.saveYAML,
		"POST /api/mo":       s.openYAML,
	}
	for pattern, h := range s.boardRoutes() {
		api[pattern] = h
	}
	methods := map[string]string{}
	for pattern, h := range api {
		method, path, _ := strings.Cut(pattern, " ")
		methods[path] = method
		mux.HandleFunc(pattern, h)
	}
	// Everything else: the page's files, and for any other request an answer the page can show.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		method, known := methods[r.URL.Path]
		switch {
		case known:
			w.Header().Set("Allow", method)
			fail(w, http.StatusMethodNotAllowed, "Yêu cầu không đúng cách (chỉ nhận "+method+").")
		case strings.HasPrefix(r.URL.Path, "/api/"):
			fail(w, http.StatusNotFound, "Không có chức năng này.")
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			w.Header().Set("Allow", "GET, HEAD")
			fail(w, http.StatusMethodNotAllowed, "Yêu cầu không đúng cách.")
		default:
			files.ServeHTTP(w, r)
		}
	})
	return s.secure(mux)
}

// server holds what the handlers share.
type server struct {
	opts    Options
	renders chan struct{} // one token per document being built at once: the cores
	wait    time.Duration // how long a request waits for a token
	cache   *renderCache  // the last documents made, so that a form state is rendered once
	board   *boardStore   // the files the Board's page uploaded
}

// secure adds the security headers and refuses, before any handler runs, a request addressed to
// another host, one without the access token, and a state-changing request from another site;
// then it bounds the body.
func (s *server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if s.opts.Hosts != nil && !allowedHost(r.Host, s.opts.Hosts) {
			fail(w, http.StatusMisdirectedRequest, "Địa chỉ không được phép: hãy mở biểu mẫu bằng địa chỉ mà chương trình baocao đã in ra.")
			return
		}
		if s.opts.Token != "" && !s.tokenOK(w, r) {
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if msg := crossSite(r); msg != "" {
				fail(w, http.StatusForbidden, msg)
				return
			}
		}
		r.Body = http.MaxBytesReader(w, r.Body, boardBodyLimit(r.URL.Path))
		next.ServeHTTP(w, r)
	})
}

// tokenOK checks the access token: a first visit brings it in the address, gets it as a cookie and
// is sent on to the same page without it; later requests carry the cookie. It answers the request
// itself when it returns false.
func (s *server) tokenOK(w http.ResponseWriter, r *http.Request) bool {
	same := func(v string) bool { return subtle.ConstantTimeCompare([]byte(v), []byte(s.opts.Token)) == 1 }
	if c, err := r.Cookie(tokenCookie); err == nil && same(c.Value) {
		return true
	}
	if same(r.URL.Query().Get(tokenParam)) && r.Method == http.MethodGet {
		http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.opts.Token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		q := r.URL.Query()
		q.Del(tokenParam)
		target := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		http.Redirect(w, r, target.String(), http.StatusSeeOther)
		return false
	}
	fail(w, http.StatusForbidden, "Cần mã truy cập: hãy mở đúng địa chỉ (có \"?khoa=…\") mà chương trình baocao đã in ra khi chạy.")
	return false
}

// crossSite says why a state-changing request does not come from the form's own page, or "" when
// it does: the page sends FormHeader, which a page elsewhere cannot send unasked, and browsers say
// where a request comes from in Sec-Fetch-Site and Origin.
func crossSite(r *http.Request) string {
	const refused = "Yêu cầu này không đến từ biểu mẫu của baocao nên bị từ chối. Hãy dùng chính trang biểu mẫu mà chương trình đã mở."
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return refused
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		u, err := url.Parse(origin)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, r.Host) {
			return refused
		}
	}
	if r.Header.Get(FormHeader) == "" {
		return refused
	}
	return ""
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

// about tells who answers on this port: a start of baocao that finds the port taken asks it.
func (s *server) about(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"ung_dung": App, "phien_ban": s.opts.Version})
}

// kindOption is a model kind for the form's list.
type kindOption struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Sectors are the khối the kind is meant for; empty for every khối.
	Sectors []string `json:"khoi"`
}

// kinds lists the model kinds of KH 46 and "khác", for the form's menus.
func kinds(w http.ResponseWriter, _ *http.Request) {
	out := []kindOption{}
	for _, k := range kh46.Kinds {
		opt := kindOption{Code: k.Code, Name: k.Name, Sectors: []string{}}
		for _, sector := range k.For {
			opt.Sectors = append(opt.Sectors, string(sector))
		}
		out = append(out, opt)
	}
	out = append(out, kindOption{Code: kh46.OtherKind, Name: "Mô hình khác do chi, đảng bộ lựa chọn", Sectors: []string{}})
	writeJSON(w, http.StatusOK, out)
}

// defaults answers, for each cell type, the values a report takes where the form leaves a field
// empty, so that the page shows what will print.
func defaults(w http.ResponseWriter, _ *http.Request) {
	out := map[string]*Form{}
	for _, t := range []dangky.CellType{dangky.ChiBo, dangky.DangBo} {
		d := dangky.DefaultsFor(t)
		basis := d.Basis
		out[string(t)] = &Form{
			Mau:      dangky.Name,
			CoQuan:   FormOrg{CapTren: &d.ParentOrg, Loai: string(t)},
			KyHieu:   d.Code,
			DiaDanh:  d.Place,
			GiaiDoan: d.Phase,
			CanCu:    &FormRef{So: basis.Number, Ngay: basis.Date.Describe(), CoQuan: basis.Issuer, GiaiDoan: basis.Phase},
			KeHoach:  &FormPlan{KyHieu: d.PlanCode},
			NoiNhan:  d.Recipients,
			Ky:       FormSigner{Quyen: &d.Authority, ChucVu: d.Position},
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// problemView is a problem as the page shows it: next to the field its key names.
type problemView struct {
	Key     string `json:"key"`
	Message string `json:"message"`
}

// checkResult is the answer of the check: the errors and the warnings, and the form as it will
// print (text converted from legacy encodings, invisible characters removed) when it could be read.
type checkResult struct {
	Errors   []problemView `json:"errors"`
	Warnings []problemView `json:"warnings"`
	Form     *Form         `json:"form,omitempty"`
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

// fail answers an error the page shows as it shows a form's errors.
func fail(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, checkResult{Errors: []problemView{{Message: message}}, Warnings: []problemView{}})
}

// refuseFiles is the file system every input of the web form is read with: it opens nothing.
// (Options.Files nil already opens nothing; this one also fails loudly if that ever changes.)
type refuseFiles struct{}

func (refuseFiles) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
}

// readOptions are the options every input of the web form is read with.
var readOptions = input.Options{Files: refuseFiles{}}

// filled is a form read through the loader: its problems and, when it could be read, the form as
// it will print and its canonical YAML.
type filled struct {
	in        *layouts.Input
	form      *Form  // the cleaned form; nil when the YAML could not be read back
	canonical []byte // nil when the input could not be parsed
}

// fill reads a report's YAML as the command line does, without any file system.
func fill(data []byte) filled {
	f := filled{in: layouts.Read(formFile, data, readOptions)}
	f.canonical = f.in.Canonical()
	if f.canonical != nil {
		var form Form
		if err := yaml.Unmarshal(f.canonical, &form); err == nil {
			f.form = &form
		}
	}
	return f
}

// result is the answer for a filled form.
func (f filled) result() checkResult {
	res := viewOf(f.in.Problems)
	res.Form = f.form
	return res
}

// readForm reads a posted form into its YAML, or answers the request itself on failure.
func readForm(w http.ResponseWriter, r *http.Request) ([]byte, *Form, bool) {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(w, http.StatusRequestEntityTooLarge, "Dữ liệu gửi lên quá lớn (tối đa 1 MiB).")
		} else {
			fail(w, http.StatusBadRequest, "Dữ liệu biểu mẫu không đọc được.")
		}
		return nil, nil, false
	}
	f := FromValues(r.PostForm)
	data, err := f.YAML()
	if err != nil {
		fail(w, http.StatusInternalServerError, "Không tạo được dữ liệu từ biểu mẫu.")
		return nil, nil, false
	}
	return data, f, true
}

// check answers the form's problems and the form as it will print.
func (s *server) check(w http.ResponseWriter, r *http.Request) {
	data, _, ok := readForm(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, fill(data).result())
}

// renderWith answers the document in one format, or its problems (422). At most one document per
// core is built at once; the others wait their turn, for a bounded time. A form state already
// rendered in that format is answered from the cache; requests for one being rendered wait for it.
func (s *server) renderWith(renderer render.Renderer, ext, mime string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		data, f, ok := readForm(w, r)
		if !ok {
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.wait)
		defer cancel()
		key := cacheKey(data, ext)
		var out []byte
		for out == nil {
			e, first := s.cache.get(key)
			if !first {
				select {
				case <-e.done:
				case <-ctx.Done():
					fail(w, http.StatusServiceUnavailable, "Máy đang bận tạo nhiều văn bản; hãy bấm lại sau ít phút.")
					return
				}
				out = e.out // nil when that render did not make a document: make it here
				continue
			}
			var answered bool
			out, answered = s.render(ctx, w, renderer, data)
			s.cache.finish(key, e, out)
			if answered {
				return
			}
		}
		disposition := "inline"
		if r.URL.Query().Has("tai") {
			disposition = "attachment"
		}
		w.Header().Set("Content-Type", mime)
		w.Header().Set("Content-Disposition", fmt.Sprintf("%s; filename=%q", disposition, cells.Slug(f.CoQuan.Ten)+ext))
		w.Write(out)
	}
}

// render makes the document of a form's YAML once a core is free. When it makes none it answers
// the request itself (the form's problems, or why not) and says so.
func (s *server) render(ctx context.Context, w http.ResponseWriter, renderer render.Renderer, data []byte) ([]byte, bool) {
	select {
	case s.renders <- struct{}{}:
		defer func() { <-s.renders }()
	case <-ctx.Done():
		fail(w, http.StatusServiceUnavailable, "Máy đang bận tạo nhiều văn bản; hãy bấm lại sau ít phút.")
		return nil, true
	}
	read := fill(data)
	doc := read.in.Document()
	if doc == nil {
		writeJSON(w, http.StatusUnprocessableEntity, read.result())
		return nil, true
	}
	var buf bytes.Buffer
	if err := renderer.Render(&buf, doc); err != nil {
		fail(w, http.StatusInternalServerError, "Không tạo được văn bản; hãy báo cho người quản trị.")
		return nil, true
	}
	return buf.Bytes(), false
}

// cachedRenders is how many documents the cache keeps: a few forms' worth of previews.
const cachedRenders = 32

// renderCache keeps the last documents rendered, by form state and format, and the ones being
// rendered, so that one form state is rendered once however many requests ask for it.
type renderCache struct {
	mu      sync.Mutex
	max     int
	entries map[[sha256.Size]byte]*cacheEntry
	order   [][sha256.Size]byte // the finished entries, least recently used first
}

// cacheEntry is one document: done is closed when its render ended, out is then the document, or
// nil if the render made none.
type cacheEntry struct {
	done chan struct{}
	out  []byte
}

func newRenderCache(max int) *renderCache {
	return &renderCache{max: max, entries: map[[sha256.Size]byte]*cacheEntry{}}
}

// cacheKey names a form state in a format: the hash of its YAML (which the same form always gives)
// and the file extension.
func cacheKey(data []byte, ext string) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(ext))
	h.Write([]byte{0})
	h.Write(data)
	return [sha256.Size]byte(h.Sum(nil))
}

// get returns the entry of key, and whether the caller is the first to ask, who must render it
// and then call finish.
func (c *renderCache) get(key [sha256.Size]byte) (*cacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok {
		if i := slices.Index(c.order, key); i >= 0 {
			c.order = append(slices.Delete(c.order, i, i+1), key)
		}
		return e, false
	}
	e := &cacheEntry{done: make(chan struct{})}
	c.entries[key] = e
	return e, true
}

// finish ends the render of key: a document is kept (the least recently used one dropped past
// max), no document is forgotten, and whoever waits for it is told.
func (c *renderCache) finish(key [sha256.Size]byte, e *cacheEntry, out []byte) {
	c.mu.Lock()
	if out == nil {
		delete(c.entries, key)
	} else {
		e.out = out
		c.order = append(c.order, key)
		if len(c.order) > c.max {
			delete(c.entries, c.order[0])
			c.order = slices.Delete(c.order, 0, 1)
		}
	}
	c.mu.Unlock()
	close(e.done)
}

// saveYAML answers the form as its canonical YAML, whatever its problems, to go on later.
func (s *server) saveYAML(w http.ResponseWriter, r *http.Request) {
	data, f, ok := readForm(w, r)
	if !ok {
		return
	}
	if canonical := fill(data).canonical; canonical != nil {
		data = canonical
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", cells.Slug(f.CoQuan.Ten)+".yaml"))
	w.Write(data)
}

// openYAML reads a saved file (the request's body, its bytes as they are on disk, in any encoding
// the command line reads) back into the form's values: the YAML "Lưu để làm tiếp" wrote, or a PDF
// or DOCX of the report, read in memory by the importer. Only a cell's own report opens; anything
// else is refused, in words a secretary understands, before anything in it is followed.
func (s *server) openYAML(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		fail(w, http.StatusRequestEntityTooLarge, "Tệp quá lớn (tối đa 1 MiB); một báo cáo thường chỉ vài nghìn byte.")
		return
	}
	var imported input.Problems // what reading a PDF or DOCX noted: guessed model kinds
	if received(data) {
		yaml, problems, msg := importReport(data)
		if msg != "" {
			fail(w, http.StatusUnprocessableEntity, msg)
			return
		}
		data, imported = yaml, problems
	}
	if msg := notACellReport(data); msg != "" {
		fail(w, http.StatusUnprocessableEntity, msg)
		return
	}
	f := fill(data)
	f.in.Problems = append(imported, f.in.Problems...)
	if f.form == nil {
		res := f.in.Problems
		if !res.HasErrors() {
			res = append(res, input.Problem{Message: "tệp không đọc được thành báo cáo"})
		}
		writeJSON(w, http.StatusUnprocessableEntity, viewOf(res))
		return
	}
	writeJSON(w, http.StatusOK, f.result())
}

// received reports whether a file opened in the form is a PDF or a Word document (by its first
// bytes: a PDF's header, a zip's), which are read by the importer, rather than saved YAML.
func received(data []byte) bool {
	return bytes.HasPrefix(data, []byte("%PDF-")) || bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

// importReport reads a PDF or DOCX made by baocao (or typed after KH 46's template) into its
// report's YAML, in memory, with the warnings of the reading; or says in plain words why it
// cannot be opened: it cannot be read, or it is a combined PDF of several reports.
func importReport(data []byte) (yaml []byte, warnings input.Problems, refusal string) {
	res := importer.Import(formFile, data)
	if res.Problems.HasErrors() || len(res.Reports) == 0 {
		var msgs []string
		for _, p := range res.Problems {
			if !p.Warning {
				msgs = append(msgs, p.Message)
			}
		}
		if len(msgs) == 0 {
			msgs = []string{"tệp không có báo cáo nào"}
		}
		return nil, nil, "Không mở được tệp này: " + strings.Join(msgs, "; ") + "."
	}
	if n := len(res.Reports); n > 1 {
		return nil, nil, fmt.Sprintf("Tệp PDF này gộp báo cáo của %d chi bộ, đảng bộ; biểu mẫu chỉ mở được báo cáo của một nơi. Hãy mở tệp PDF hoặc Word của riêng báo cáo cần sửa.", n)
	}
	return res.Reports[0], res.Problems, ""
}

// notACellReport says why a file is not a cell's registration report the form can open, or ""
// when it is. The form opens only what it saved, so a file that is not YAML at all is told in
// words without YAML's terms.
func notACellReport(data []byte) string {
	const only = " Biểu mẫu này chỉ mở báo cáo kết quả đăng ký của một chi bộ, đảng bộ đã lưu bằng nút \"Lưu để làm tiếp\"."
	r, top := input.Parse(formFile, data, input.Options{})
	if top == nil {
		p := r.Problems()[0]
		if p.Line > 0 {
			return fmt.Sprintf("Tệp này không phải bản đã lưu từ biểu mẫu, hoặc đã bị sửa hỏng (chỗ sai ở dòng %d).", p.Line) + only
		}
		return "Không mở được tệp này: " + p.Message + "." + only
	}
	switch kind := top.String("mau", false); {
	case top.IsRoster():
		return "Tệp này là danh sách báo cáo của nhiều chi bộ, đảng bộ (Ban Tuyên giáo dùng), không phải báo cáo của một nơi." + only
	case kind == tonghop.Name:
		return "Tệp này là báo cáo tổng hợp của Ban Tuyên giáo, không phải báo cáo của một chi bộ, đảng bộ." + only
	case kind != dangky.Name:
		return "Tệp này không phải báo cáo kết quả đăng ký." + only
	}
	return ""
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// Server is the HTTP server of the form with its time limits.
func Server(addr string, opts Options) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           Handler(opts),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}
