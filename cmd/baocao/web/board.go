package web

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"baocao/layouts"
	"baocao/layouts/cells"
	"baocao/layouts/input"
	"baocao/layouts/kh46"
	"baocao/layouts/tonghop"
	"baocao/render"
	"baocao/render/docx"
	"baocao/render/pdf"
	"baocao/render/xlsx"
)

// The bounds of the Board's uploads. A cell's PDF is some tens of kilobytes; a thousand of them
// fit a session many times over.
const (
	// BoardMaxFile bounds one uploaded file, and one file inside a zip.
	BoardMaxFile = 16 << 20
	// BoardMaxRequest bounds one upload request; the page sends many files in several requests.
	BoardMaxRequest = 64 << 20
	// BoardMaxFiles bounds the files of one session, those inside zips counted.
	BoardMaxFiles = 2000
	// BoardMaxSession bounds the bytes a session holds; boardMaxAll those of every session.
	BoardMaxSession = 256 << 20
	boardMaxAll     = 512 << 20
	// boardMaxRatio bounds how much a zip's entry may grow when unpacked (a zip bomb grows by
	// thousands); PDFs and Word files are compressed already and grow little.
	boardMaxRatio = 100
	// boardMaxSessions bounds the sessions kept at once: pages of a Board's few staff.
	boardMaxSessions = 64
	// boardIdle is how long a session is kept after its last use.
	boardIdle = 8 * time.Hour
)

// The names inside a session's memory: the cells' files in one folder, the list of the cells due
// beside it, and the consolidated report's YAML that reads them.
const (
	boardSources = "nguon"
	boardDue     = "phai-bao-cao" // + ".xlsx" or ".csv"
	boardFile    = "tong-hop.yaml"
)

// boardBodyLimit bounds a request's body by where it goes: the Board's uploads may be larger.
func boardBodyLimit(urlPath string) int64 {
	if urlPath == "/api/tong-hop/tep" || urlPath == "/api/tong-hop/mo" {
		return BoardMaxRequest
	}
	return MaxRequest
}

// boardRoutes are the Board's page's actions, registered by Handler.
func (s *server) boardRoutes() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"POST /api/tong-hop/tep":  s.boardUpload,
		"POST /api/tong-hop/bang": s.boardTable,
		"POST /api/tong-hop/pdf":  s.boardRender(pdf.Renderer{}, ".pdf", "application/pdf"),
		"POST /api/tong-hop/docx": s.boardRender(docx.Renderer{}, ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
		"POST /api/tong-hop/xlsx": s.boardRender(xlsx.Renderer{}, ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
		"POST /api/tong-hop/luu":  s.boardSave,
		"POST /api/tong-hop/mo":   s.boardOpen,
		"POST /api/tong-hop/xoa":  s.boardForget,
	}
}

// --- Sessions ---------------------------------------------------------------------------------

// boardSession is what one Board's page uploaded: the cells' files by their cleaned names, and
// the list of the cells due when it came as a file. The files live only in memory.
type boardSession struct {
	files map[string][]byte // cleaned name (no folder) -> bytes
	due   string            // the due list's name in memory ("phai-bao-cao.xlsx"), "" for none
	dueBy string            // the due list's file as the user named it
	data  []byte            // the due list's bytes
	size  int64
	used  time.Time
	// version counts the changes of the files; last is the report read last, kept for the next
	// request with the same files and fields (a download after the table, a table asked again):
	// reading a thousand PDFs takes a second or so.
	version int
	last    *boardCache
}

// boardCache is a consolidated report read, with what it was read from.
type boardCache struct {
	version int
	yaml    []byte
	in      *layouts.Input
}

// boardStore keeps the sessions, bounded in number of bytes and in time.
type boardStore struct {
	mu       sync.Mutex
	sessions map[string]*boardSession
	now      func() time.Time
}

func newBoardStore() *boardStore {
	return &boardStore{sessions: map[string]*boardSession{}, now: time.Now}
}

// msgSessionGone is told when a page names a session the server no longer keeps.
const msgSessionGone = "Các tệp đã thả trước đây không còn trên máy chủ (quá lâu không dùng, hoặc chương trình đã khởi động lại). Hãy thả lại các tệp báo cáo."

// get finds a session by its id, or makes a new one for an empty id; ok false for an unknown id.
func (b *boardStore) get(id string) (string, *boardSession, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.expire()
	if id == "" {
		if len(b.sessions) >= boardMaxSessions { // the least recently used one goes
			oldest := ""
			for k, s := range b.sessions {
				if oldest == "" || s.used.Before(b.sessions[oldest].used) {
					oldest = k
				}
			}
			delete(b.sessions, oldest)
		}
		raw := make([]byte, 16)
		rand.Read(raw)
		id = hex.EncodeToString(raw)
		b.sessions[id] = &boardSession{files: map[string][]byte{}, used: b.now()}
	}
	s, ok := b.sessions[id]
	if ok {
		s.used = b.now()
	}
	return id, s, ok
}

// expire drops the sessions not used for boardIdle. The caller holds mu.
func (b *boardStore) expire() {
	for id, s := range b.sessions {
		if b.now().Sub(s.used) > boardIdle {
			delete(b.sessions, id)
		}
	}
}

// total is the bytes every session holds. The caller holds mu.
func (b *boardStore) total() int64 {
	var n int64
	for _, s := range b.sessions {
		n += s.size
	}
	return n
}

// add puts files into a session, within its bounds and those of the server, and says in plain
// words why each file refused was.
func (b *boardStore) add(s *boardSession, in []upload) (added []string, refused []refusal, files int, due string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer func() { files, due = len(s.files), s.dueBy }()
	all := b.total()
	for _, u := range in {
		size := int64(len(u.data))
		switch {
		case u.due:
			if s.due != "" {
				s.size -= int64(len(s.data))
				all -= int64(len(s.data))
			}
		case len(s.files) >= BoardMaxFiles:
			refused = append(refused, refusal{u.shown, fmt.Sprintf("đã có %d tệp, nhiều nhất là %d tệp một lần tổng hợp", len(s.files), BoardMaxFiles)})
			continue
		}
		if s.size+size > BoardMaxSession || all+size > boardMaxAll {
			refused = append(refused, refusal{u.shown, fmt.Sprintf("máy chủ không giữ thêm được: các tệp đã thả đã gần %d MiB", BoardMaxSession>>20)})
			continue
		}
		s.size += size
		all += size
		s.version++
		if u.due {
			s.due, s.dueBy, s.data = boardDue+path.Ext(strings.ToLower(u.name)), u.shown, u.data
			added = append(added, u.shown)
			continue
		}
		name := unique(s.files, u.name)
		s.files[name] = u.data
		added = append(added, name)
	}
	return added, refused, 0, ""
}

// copyOf is what a session holds now, for a request to read while others add to it.
func (b *boardStore) copyOf(s *boardSession) *boardSession {
	b.mu.Lock()
	defer b.mu.Unlock()
	files := make(map[string][]byte, len(s.files))
	for name, data := range s.files {
		files[name] = data
	}
	return &boardSession{files: files, due: s.due, dueBy: s.dueBy, data: s.data, size: s.size, used: s.used, version: s.version, last: s.last}
}

// keep records the report read from a copy of the session, unless the files changed meanwhile.
func (b *boardStore) keep(s *boardSession, c *boardCache) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if s.version == c.version {
		s.last = c
	}
}

// forget drops a session.
func (b *boardStore) forget(id string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.sessions, id)
}

// memOf is a session's files (a copy no other request changes) as the one file system the
// consolidated report is read with.
func memOf(s *boardSession) *memFS {
	files := make(map[string][]byte, len(s.files)+1)
	for name, data := range s.files {
		files[boardSources+"/"+name] = data
	}
	if s.due != "" {
		files[s.due] = s.data
	}
	if len(s.files) == 0 { // the folder is there, empty: "no report yet", not "no folder"
		return newMemFSWithDir(files, boardSources)
	}
	return newMemFS(files)
}

// newMemFSWithDir is newMemFS with an empty folder too.
func newMemFSWithDir(files map[string][]byte, dir string) *memFS {
	m := newMemFS(files)
	if _, ok := m.dirs[dir]; !ok {
		m.dirs[dir] = nil
		m.dirs["."] = append(m.dirs["."], dir)
		sort.Strings(m.dirs["."])
	}
	return m
}

// unique is name, or name-2, name-3… before its extension when taken.
func unique(taken map[string][]byte, name string) string {
	if _, ok := taken[name]; !ok {
		return name
	}
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for k := 2; ; k++ {
		n := fmt.Sprintf("%s-%d%s", base, k, ext)
		if _, ok := taken[n]; !ok {
			return n
		}
	}
}

// --- Uploads ----------------------------------------------------------------------------------

// upload is one file received, by its cleaned name.
type upload struct {
	name  string // cleaned: one level, no folder
	shown string // as the user knows it: the file's name, or zip's name and the entry's
	data  []byte
	due   bool   // the list of the cells due, not a cell's report
	inner string // inside a zip: the entry's name, its folders kept
}

// refusal is a file not taken, and why, in plain Vietnamese.
type refusal struct {
	File   string `json:"tep"`
	Reason string `json:"ly_do"`
}

// reportExt tells the extensions of the files a cell sends.
func reportExt(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf", ".docx", ".doc", ".yaml", ".yml":
		return true
	}
	return false
}

var driveLetter = regexp.MustCompile(`^[A-Za-z]:`)

// cleanName gives a received file's name as one level of the memory (its folders dropped), or
// says why the name is refused: a path that climbs out (".."), an absolute path or a drive
// letter, which no honest zip holds.
func cleanName(name string) (string, string) {
	slashed := strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(slashed, "/") || driveLetter.MatchString(slashed) {
		return "", "tên tệp là một đường dẫn tuyệt đối trên máy; tệp nén này có thể nguy hiểm nên không được nhận"
	}
	for _, part := range strings.Split(slashed, "/") {
		if part == ".." {
			return "", "tên tệp có \"..\" (trỏ ra ngoài thư mục); tệp nén này có thể nguy hiểm nên không được nhận"
		}
	}
	base := slashed[strings.LastIndexByte(slashed, '/')+1:]
	if !utf8.ValidString(base) {
		base = strings.ToValidUTF8(base, "_")
	}
	base = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == ':' || r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|' {
			return '_'
		}
		return r
	}, base)
	base = strings.TrimLeft(strings.TrimSpace(base), ".")
	if r := []rune(base); len(r) > 120 {
		ext := path.Ext(base)
		base = string(r[:120-len([]rune(ext))]) + ext
	}
	if base == "" || !fs.ValidPath(base) {
		return "", "tên tệp không dùng được"
	}
	return base, ""
}

// readUploads reads a multipart upload, file by file, into memory (never onto the disk, as
// ParseMultipartForm would for large ones): parts named "tep" are cells' files or zips of them,
// the part named "danh_sach" is the list of the cells due. Its "phien" part names the session.
func readUploads(r *http.Request) (session string, got []upload, refused []refusal, msg string) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, nil, "Không đọc được các tệp gửi lên."
	}
	count := 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return "", nil, nil, fmt.Sprintf("Gửi lên quá nhiều một lần (tối đa %d MiB); hãy thả ít tệp hơn mỗi lần.", BoardMaxRequest>>20)
			}
			return "", nil, nil, "Không đọc được các tệp gửi lên."
		}
		field := part.FormName()
		if field == "phien" {
			v, _ := io.ReadAll(io.LimitReader(part, 64))
			session = strings.TrimSpace(string(v))
			continue
		}
		if field != "tep" && field != "danh_sach" {
			continue
		}
		shown := part.FileName()
		data, err := io.ReadAll(io.LimitReader(part, BoardMaxFile+1))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return "", nil, nil, fmt.Sprintf("Gửi lên quá nhiều một lần (tối đa %d MiB); hãy thả ít tệp hơn mỗi lần.", BoardMaxRequest>>20)
			}
			return "", nil, nil, "Không đọc được các tệp gửi lên."
		}
		if count++; count > BoardMaxFiles {
			return "", nil, nil, fmt.Sprintf("Gửi lên quá nhiều tệp một lần (tối đa %d tệp).", BoardMaxFiles)
		}
		if int64(len(data)) > BoardMaxFile {
			refused = append(refused, refusal{shown, fmt.Sprintf("tệp quá lớn (tối đa %d MiB một tệp)", BoardMaxFile>>20)})
			continue
		}
		name, why := cleanName(shown)
		if why != "" {
			refused = append(refused, refusal{shown, why})
			continue
		}
		ext := strings.ToLower(path.Ext(name))
		switch {
		case field == "danh_sach":
			if ext != ".xlsx" && ext != ".csv" {
				refused = append(refused, refusal{shown, "danh sách phải báo cáo phải là tệp Excel (.xlsx) hoặc CSV (.csv)"})
				continue
			}
			got = append(got, upload{name: name, shown: shown, data: data, due: true})
		case ext == ".zip":
			inner, bad := unzip(shown, data, reportExt)
			got = append(got, inner...)
			refused = append(refused, bad...)
		case ext == ".xlsx" || ext == ".csv":
			refused = append(refused, refusal{shown, "tệp Excel hay CSV là danh sách các chi, đảng bộ phải báo cáo: hãy chọn nó ở mục 2 (\"Chọn tệp danh sách\"), không thả vào đây"})
		case !reportExt(name):
			refused = append(refused, refusal{shown, "không phải tệp báo cáo (PDF, Word hay YAML) hoặc tệp nén .zip của chúng"})
		default:
			got = append(got, upload{name: name, shown: shown, data: data})
		}
	}
	return session, got, refused, ""
}

// unzip reads the cells' files inside a zip, bounded: the number of entries, each entry's size
// and how much it grew, the whole's size. A zip with an entry whose name climbs out of its
// folder is refused whole; links, folders and files of other kinds inside are passed over, each
// said.
func unzip(zipName string, data []byte, accept func(name string) bool) ([]upload, []refusal) {
	refuse := func(why string) ([]upload, []refusal) { return nil, []refusal{{zipName, why}} }
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return refuse("tệp nén .zip bị hỏng, không mở được")
	}
	if len(zr.File) > BoardMaxFiles {
		return refuse(fmt.Sprintf("tệp nén có %d tệp, nhiều nhất là %d", len(zr.File), BoardMaxFiles))
	}
	for _, f := range zr.File {
		if _, why := cleanName(f.Name); why != "" && !f.FileInfo().IsDir() {
			return refuse(fmt.Sprintf("trong tệp nén, %q: %s", f.Name, why))
		}
	}
	var got []upload
	var refused []refusal
	var total int64
	for _, f := range zr.File {
		shown := zipName + ": " + f.Name
		mode := f.FileInfo().Mode()
		switch {
		case mode.IsDir():
			continue
		case !mode.IsRegular():
			refused = append(refused, refusal{shown, "là liên kết hoặc tệp đặc biệt, không phải tệp thường; không đọc"})
			continue
		}
		name, _ := cleanName(f.Name)
		ext := strings.ToLower(path.Ext(name))
		if ext == ".zip" {
			refused = append(refused, refusal{shown, "tệp nén nằm trong tệp nén: hãy giải nén ra rồi thả từng tệp"})
			continue
		}
		if !accept(name) {
			refused = append(refused, refusal{shown, "không phải tệp báo cáo (PDF, Word hay YAML); bỏ qua"})
			continue
		}
		if f.UncompressedSize64 > BoardMaxFile {
			refused = append(refused, refusal{shown, fmt.Sprintf("tệp quá lớn (tối đa %d MiB một tệp)", BoardMaxFile>>20)})
			continue
		}
		// The sizes the zip declares may lie: the reading is bounded by them and by the ratio.
		limit := min(int64(BoardMaxFile), int64(f.CompressedSize64)*boardMaxRatio+1024)
		rc, err := f.Open()
		if err != nil {
			refused = append(refused, refusal{shown, "không giải nén được"})
			continue
		}
		content, err := io.ReadAll(io.LimitReader(rc, limit+1))
		rc.Close()
		switch {
		case int64(len(content)) > limit:
			return refuse(fmt.Sprintf("trong tệp nén, %q phình ra quá lớn khi giải nén (tệp nén kiểu \"bom\"); không nhận tệp nén này", f.Name))
		case err != nil:
			refused = append(refused, refusal{shown, "không giải nén được (tệp nén bị hỏng)"})
			continue
		}
		if total += int64(len(content)); total > BoardMaxSession {
			return refuse(fmt.Sprintf("giải nén ra quá lớn (hơn %d MiB); không nhận tệp nén này", BoardMaxSession>>20))
		}
		got = append(got, upload{name: name, shown: shown, data: content, inner: path.Clean(strings.ReplaceAll(f.Name, `\\`, "/"))})
	}
	return got, refused
}

// uploadAnswer is the answer to an upload: the session, what was taken, what was not.
type uploadAnswer struct {
	Session string    `json:"phien"`
	Added   []string  `json:"da_nhan"`
	Refused []refusal `json:"tu_choi"`
	Files   int       `json:"so_tep"`
	Due     string    `json:"danh_sach"`
}

// boardUpload takes the files dropped on the page into the page's session.
func (s *server) boardUpload(w http.ResponseWriter, r *http.Request) {
	id, got, refused, msg := readUploads(r)
	if msg != "" {
		fail(w, http.StatusRequestEntityTooLarge, msg)
		return
	}
	id, sess, ok := s.board.get(id)
	if !ok {
		fail(w, http.StatusGone, msgSessionGone)
		return
	}
	added, more, count, due := s.board.add(sess, got)
	refused = append(refused, more...)
	ans := uploadAnswer{Session: id, Added: added, Refused: refused, Files: count, Due: due}
	if ans.Added == nil {
		ans.Added = []string{}
	}
	if ans.Refused == nil {
		ans.Refused = []refusal{}
	}
	writeJSON(w, http.StatusOK, ans)
}

// boardForget drops the page's session: "Bỏ hết các tệp".
func (s *server) boardForget(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		fail(w, http.StatusBadRequest, "Dữ liệu gửi lên không đọc được.")
		return
	}
	if id := r.PostForm.Get("phien"); id != "" {
		s.board.forget(id)
	}
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

// --- The consolidated report ------------------------------------------------------------------

// boardForm is the consolidated report's own fields, as the page posts them and as the YAML
// the report is read from holds them.
type boardForm struct {
	Mau        string     `yaml:"mau"`
	So         Number     `yaml:"so,omitempty"`
	Ngay       string     `yaml:"ngay"`
	HanBaoCao  string     `yaml:"han_bao_cao,omitempty"`
	Nguon      []string   `yaml:"nguon"`
	PhaiBaoCao any        `yaml:"phai_bao_cao"` // the names, or the file that lists them
	DanhGia    string     `yaml:"danh_gia,omitempty"`
	DeXuat     string     `yaml:"de_xuat,omitempty"`
	Ky         FormSigner `yaml:"ky"`
}

// boardYAML writes the consolidated report's input for the page's fields: the cells' files are
// the session's folder, the cells due the pasted lines or else the file uploaded.
func boardYAML(r *http.Request, sess *boardSession) ([]byte, error) {
	get := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	f := boardForm{
		Mau: tonghop.Name, So: Number(get("so")), Ngay: get("ngay"), HanBaoCao: get("han_bao_cao"),
		Nguon: []string{boardSources}, DanhGia: get("danh_gia"), DeXuat: get("de_xuat"),
		Ky: FormSigner{ChucVu: get("ky.chuc_vu"), HoTen: get("ky.ho_ten")},
	}
	if q := get("ky.quyen"); q != "" {
		f.Ky.Quyen = &q
	}
	var due []string
	for _, line := range strings.Split(r.PostForm.Get("phai_bao_cao"), "\n") {
		if line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "-•*")); line != "" {
			due = append(due, line)
		}
	}
	switch {
	case len(due) > 0:
		f.PhaiBaoCao = due
	case sess.due != "":
		f.PhaiBaoCao = sess.due
	default:
		f.PhaiBaoCao = []string{}
	}
	var b bytes.Buffer
	b.WriteString("# Báo cáo tổng hợp của Ban Tuyên giáo, lưu từ trang Tổng hợp của baocao.\n")
	b.WriteString("# Tạo văn bản: baocao render " + boardFile + " (các báo cáo của chi, đảng bộ ở thư mục " + boardSources + ")\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// boardFiles gives the file system the consolidated report is read with: the session's memory
// and nothing else. Tests wrap it to see every file opened.
var boardFiles = func(m *memFS) fs.FS { return m }

// boardRead reads the consolidated report of the page's fields over the session's files, or
// answers the request itself. It holds one of the renderers' tokens (at most one document per
// core at once), which the caller gives back with done.
func (s *server) boardRead(w http.ResponseWriter, r *http.Request) (sess *boardSession, yaml []byte, in *layouts.Input, done func(), ok bool) {
	if err := r.ParseForm(); err != nil {
		fail(w, http.StatusRequestEntityTooLarge, "Dữ liệu gửi lên quá lớn (tối đa 1 MiB).")
		return nil, nil, nil, nil, false
	}
	sess = &boardSession{files: map[string][]byte{}} // no file dropped yet
	var kept *boardSession
	if id := r.PostForm.Get("phien"); id != "" {
		if _, kept, ok = s.board.get(id); !ok {
			fail(w, http.StatusGone, msgSessionGone)
			return nil, nil, nil, nil, false
		}
		sess = s.board.copyOf(kept)
	}
	data, err := boardYAML(r, sess)
	if err != nil {
		fail(w, http.StatusInternalServerError, "Không tạo được dữ liệu từ các ô đã điền.")
		return nil, nil, nil, nil, false
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.wait)
	defer cancel()
	select {
	case s.renders <- struct{}{}:
	case <-ctx.Done():
		fail(w, http.StatusServiceUnavailable, "Máy đang bận tạo nhiều văn bản; hãy bấm lại sau ít phút.")
		return nil, nil, nil, nil, false
	}
	done = func() { <-s.renders }
	if c := sess.last; c != nil && c.version == sess.version && bytes.Equal(c.yaml, data) {
		return sess, data, c.in, done, true
	}
	opts := input.Options{Files: boardFiles(memOf(sess)), SkipUnreadable: true}
	in = layouts.Read(boardFile, data, opts)
	if kept != nil {
		s.board.keep(kept, &boardCache{version: sess.version, yaml: data, in: in})
	}
	return sess, data, in, done, true
}

// boardRow is one line of the page's table: a cell due or reported, or a file with problems.
type boardRow struct {
	Name      string `json:"ten"`
	Status    string `json:"trang_thai"` // da-bao-cao, cham, chua-bao-cao, ngoai-danh-sach, loi
	Shown     string `json:"hien"`       // the status in words
	File      string `json:"tep"`
	Date      string `json:"ngay"`
	Models    int    `json:"mo_hinh"`
	Exemplars int    `json:"guong"`
	Problem   string `json:"loi"`
}

// boardKind is one line of the totals by model kind.
type boardKind struct {
	Name  string `json:"ten"`
	Count int    `json:"so"`
	Quota int    `json:"chi_tieu"`
}

// boardAnswer is the table's data.
type boardAnswer struct {
	checkResult
	Rows      []boardRow  `json:"bang"`
	Kinds     []boardKind `json:"loai"`
	Due       int         `json:"phai_bao_cao"`
	Reported  int         `json:"da_bao_cao"` // of the cells due
	Extra     int         `json:"ngoai_danh_sach"`
	Late      int         `json:"cham"`
	Missing   int         `json:"chua_bao_cao"`
	Broken    int         `json:"loi_tep"`
	Models    int         `json:"mo_hinh"`
	Exemplars int         `json:"guong"`
	Files     int         `json:"so_tep"`
	DueFile   string      `json:"danh_sach"`
}

// boardTable answers the table of every cell, the totals, and the report's problems.
func (s *server) boardTable(w http.ResponseWriter, r *http.Request) {
	sess, _, in, done, ok := s.boardRead(w, r)
	if !ok {
		return
	}
	defer done()
	ans := boardAnswer{checkResult: viewOf(inMemory(in.Problems)), Rows: []boardRow{}, Kinds: []boardKind{}, Files: len(sess.files), DueFile: sess.dueBy}
	rep := in.Consolidated()
	if rep == nil {
		writeJSON(w, http.StatusOK, ans)
		return
	}
	st := rep.Count()
	for _, cs := range st.ByCell {
		row := boardRow{Name: cs.Name}
		switch {
		case cs.Cell == nil:
			row.Status, row.Shown = "chua-bao-cao", "Chưa báo cáo"
		default:
			row.File = path.Base(cs.Cell.File)
			row.Date = cs.Cell.Report.Date.Short()
			row.Models, row.Exemplars = len(cs.Cell.Report.Models), len(cs.Cell.Report.Exemplars)
			switch {
			case cs.Late:
				row.Status, row.Shown = "cham", "Báo cáo chậm"
			case !cs.Due:
				row.Status, row.Shown = "ngoai-danh-sach", "Báo cáo ngoài danh sách"
			default:
				row.Status, row.Shown = "da-bao-cao", "Đã báo cáo"
			}
			if cs.Late && !cs.Due {
				row.Shown = "Báo cáo chậm, ngoài danh sách"
			}
		}
		ans.Rows = append(ans.Rows, row)
	}
	for _, c := range rep.Skipped {
		var msgs []string
		for _, p := range c.Problems {
			if !p.Warning {
				m := p.Message
				if p.Key != "" {
					m = p.Key + ": " + m
				}
				msgs = append(msgs, m)
			}
		}
		if len(msgs) == 0 {
			msgs = []string{"không đọc được"}
		}
		name := path.Base(c.File)
		if c.Report != nil && c.Report.Org != "" {
			name = c.Report.Org
		}
		ans.Rows = append(ans.Rows, boardRow{Name: name, Status: "loi", Shown: "Tệp có lỗi", File: path.Base(c.File), Problem: strings.Join(msgs, "; ")})
	}
	for _, k := range kh46.Kinds {
		ans.Kinds = append(ans.Kinds, boardKind{k.Name, st.ByKind[k.Code], k.Quota})
	}
	ans.Kinds = append(ans.Kinds, boardKind{"Mô hình khác do chi, đảng bộ lựa chọn", st.ByKind[kh46.OtherKind], 0})
	ans.Reported, ans.Extra = len(st.Reported), len(st.Extra)
	ans.Due, ans.Late, ans.Missing, ans.Broken = len(rep.Due), len(st.Late), len(st.NotReported), len(rep.Skipped)
	ans.Models, ans.Exemplars = st.Models, st.Exemplars
	writeJSON(w, http.StatusOK, ans)
}

// inMemory are the problems as the page tells them: a file by its name alone, without the
// folder of the memory it was read from, which the user never saw.
func inMemory(ps input.Problems) input.Problems {
	out := make(input.Problems, len(ps))
	for i, p := range ps {
		p.File = strings.TrimPrefix(p.File, boardSources+"/")
		p.Message = strings.ReplaceAll(p.Message, boardSources+"/", "")
		if p.File != "" && p.File != boardFile { // a cell's file: said with the file's name
			if p.Key != "" {
				p.Message = p.Key + ": " + p.Message
			}
			p.Message, p.Key = p.File+": "+p.Message, ""
		}
		out[i] = p
	}
	return out
}

// boardRender answers the consolidated report in one format, or its problems (422).
func (s *server) boardRender(renderer render.Renderer, ext, mime string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _, in, done, ok := s.boardRead(w, r)
		if !ok {
			return
		}
		defer done()
		doc := in.Document()
		if doc == nil {
			writeJSON(w, http.StatusUnprocessableEntity, viewOf(inMemory(in.Problems)))
			return
		}
		var buf bytes.Buffer
		if err := renderer.Render(&buf, doc); err != nil {
			fail(w, http.StatusInternalServerError, "Không tạo được văn bản; hãy báo cho người quản trị.")
			return
		}
		disposition := "inline"
		if r.URL.Query().Has("tai") {
			disposition = "attachment"
		}
		w.Header().Set("Content-Type", mime)
		w.Header().Set("Content-Disposition", fmt.Sprintf("%s; filename=%q", disposition, "bao-cao-tong-hop"+ext))
		w.Write(buf.Bytes())
	}
}

// --- Saving and reopening ---------------------------------------------------------------------

// boardSave answers one zip to go on with the next day: the consolidated report's YAML
// (tong-hop.yaml), every cell's report read as its canonical YAML in the folder nguon, the files
// that could not be read as they came (so that the table still lists them), and the list of
// the cells due when it came as a file. `baocao render tong-hop.yaml` reads the unpacked zip too.
func (s *server) boardSave(w http.ResponseWriter, r *http.Request) {
	sess, data, in, done, ok := s.boardRead(w, r)
	if !ok {
		return
	}
	defer done()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, content []byte) error {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		_, err = fw.Write(content)
		return err
	}
	err := put(boardFile, data)
	if sess.due != "" && err == nil {
		err = put(sess.due, sess.data)
	}
	if rep := in.Consolidated(); rep != nil && err == nil {
		names := make([]string, len(rep.Cells))
		for i, c := range rep.Cells {
			names[i] = c.Report.Org
		}
		for i, slug := range cells.UniqueSlugs(names) {
			if err == nil {
				err = put(boardSources+"/"+slug+".yaml", rep.Cells[i].Data)
			}
		}
		seen := map[string]bool{}
		for _, c := range rep.Skipped {
			name := path.Base(c.File)
			if content, ok := sess.files[name]; ok && !seen[name] && err == nil {
				seen[name] = true
				err = put(boardSources+"/"+name, content)
			}
		}
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		fail(w, http.StatusInternalServerError, "Không lưu được; hãy báo cho người quản trị.")
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="tong-hop-de-lam-tiep.zip"`)
	w.Write(buf.Bytes())
}

// openAnswer is a saved file reopened: a new session holding its cells' files, and the fields.
type openAnswer struct {
	uploadAnswer
	Fields map[string]string `json:"o"`
}

// boardOpen reopens what "Lưu để làm tiếp" saved (the part "ban_luu" of the upload): its
// tong-hop.yaml gives the fields, its folder nguon the cells' files of a new session, and its
// list of the cells due, when it was a file, comes back too. Read as every upload is: in memory,
// bounded, names cleaned.
func (s *server) boardOpen(w http.ResponseWriter, r *http.Request) {
	const notSaved = "Tệp này không phải bản đã lưu bằng nút \"Lưu để làm tiếp\" của trang Tổng hợp (tệp .zip có tong-hop.yaml)."
	mr, err := r.MultipartReader()
	if err != nil {
		fail(w, http.StatusBadRequest, "Không đọc được tệp gửi lên.")
		return
	}
	var zipName string
	var data []byte
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("Tệp quá lớn (tối đa %d MiB).", BoardMaxRequest>>20))
			return
		}
		if part.FormName() == "ban_luu" {
			zipName = part.FileName()
			if data, err = io.ReadAll(part); err != nil {
				fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("Tệp quá lớn (tối đa %d MiB).", BoardMaxRequest>>20))
				return
			}
		}
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		fail(w, http.StatusUnprocessableEntity, notSaved)
		return
	}
	entries, refused := unzip(zipName, data, func(string) bool { return true })
	var top []byte
	var files, due []upload
	for _, u := range entries {
		switch dir := path.Dir(u.inner); {
		case dir == "." && u.name == boardFile:
			top = u.data
		case dir == "." && strings.HasPrefix(u.name, boardDue+"."):
			u.due = true
			due = append(due, u)
		case dir == boardSources && reportExt(u.name):
			files = append(files, u)
		}
	}
	if len(refused) > 0 && len(entries) == 0 {
		fail(w, http.StatusUnprocessableEntity, "Không mở được tệp: "+refused[0].Reason+".")
		return
	}
	var saved boardSaved
	if top == nil || yaml.Unmarshal(top, &saved) != nil || saved.Mau != tonghop.Name {
		fail(w, http.StatusUnprocessableEntity, notSaved)
		return
	}
	id, sess, _ := s.board.get("")
	added, more, count, dueBy := s.board.add(sess, append(files, due...))
	ans := openAnswer{
		uploadAnswer: uploadAnswer{Session: id, Added: added, Refused: append(refused, more...), Files: count, Due: dueBy},
		Fields:       saved.fields(),
	}
	if ans.Added == nil {
		ans.Added = []string{}
	}
	if ans.Refused == nil {
		ans.Refused = []refusal{}
	}
	writeJSON(w, http.StatusOK, ans)
}

// boardSaved is the saved tong-hop.yaml, read back into the page's fields.
type boardSaved struct {
	Mau        string    `yaml:"mau"`
	So         yaml.Node `yaml:"so"`
	Ngay       string    `yaml:"ngay"`
	HanBaoCao  string    `yaml:"han_bao_cao"`
	PhaiBaoCao yaml.Node `yaml:"phai_bao_cao"`
	DanhGia    string    `yaml:"danh_gia"`
	DeXuat     string    `yaml:"de_xuat"`
	Ky         struct {
		Quyen  string `yaml:"quyen"`
		ChucVu string `yaml:"chuc_vu"`
		HoTen  string `yaml:"ho_ten"`
	} `yaml:"ky"`
}

// fields are the page's fields by their names.
func (b boardSaved) fields() map[string]string {
	var due []string
	if b.PhaiBaoCao.Kind == yaml.SequenceNode {
		for _, n := range b.PhaiBaoCao.Content {
			due = append(due, n.Value)
		}
	}
	return map[string]string{
		"so": b.So.Value, "ngay": b.Ngay, "han_bao_cao": b.HanBaoCao, "danh_gia": b.DanhGia, "de_xuat": b.DeXuat,
		"ky.quyen": b.Ky.Quyen, "ky.chuc_vu": b.Ky.ChucVu, "ky.ho_ten": b.Ky.HoTen, "phai_bao_cao": strings.Join(due, "\n"),
	}
}
