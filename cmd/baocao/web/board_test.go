package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render"
	"baocao/render/docx"
	"baocao/render/pdf"
)

// boardCellNames are the cells of the Board's tests, in their order.
var boardCellNames = []string{
	"Chi bộ Sở Tài chính", "Chi bộ Sở Tư pháp", "Chi bộ Sở Xây dựng", "Chi bộ Báo Yên Bái",
	"Chi bộ Sở Nội vụ", "Chi bộ Sở Công Thương", "Chi bộ Sở Y tế",
	"Chi bộ Văn phòng Tỉnh ủy", "Chi bộ Sở Giáo dục", "Chi bộ Kho bạc Nhà nước tỉnh",
}

// boardCellYAML is cell i's report: (i%3)+1 models of varied kinds, i%2 exemplars; the last one
// is dated after the deadline.
func boardCellYAML(i int) []byte {
	kinds := []string{"van-hoa-cong-so", "cai-cach-hanh-chinh", "co-quan-don-vi", "to-chuc-co-so-dang", "khac"}
	var b strings.Builder
	day := 10 + i%5
	if i == len(boardCellNames)-1 {
		day = 20
	}
	fmt.Fprintf(&b, "mau: dang-ky\nco_quan:\n  ten: %s\n  loai: chi-bo\n  khoi: co-quan\nso: %d\nngay: 2021-04-%02d\n", boardCellNames[i], i+1, day)
	b.WriteString("mo_hinh:\n")
	for m := 0; m <= i%3; m++ {
		fmt.Fprintf(&b, "  - ten: Mô hình %d của %s\n    loai: %s\n    don_vi: Phòng %d\n", m+1, boardCellNames[i], kinds[(i+m)%len(kinds)], m+1)
	}
	if i%2 == 1 {
		fmt.Fprintf(&b, "guong:\n  - ho_ten: Nguyễn Văn %c\n    chuc_vu: Chuyên viên\n    don_vi: Phòng %d\n", 'A'+rune(i), i)
	} else {
		b.WriteString("guong: []\n")
	}
	b.WriteString("ky:\n  quyen: T/M BAN CHI ỦY\n  chuc_vu: BÍ THƯ\n  ho_ten: Trần Văn Bình\n")
	return []byte(b.String())
}

// boardFile is one file a cell sent the Board.
type boardFixture struct {
	name string
	data []byte
}

// boardFixtures are the twelve files of the Board's tests, made with the project's renderers:
// four PDFs, three Word files, three YAML files, a broken PDF, and the first cell's report again
// (its YAML beside its PDF).
func boardFixtures(t testing.TB) []boardFixture {
	t.Helper()
	var out []boardFixture
	for i := range boardCellNames {
		data := boardCellYAML(i)
		name := fmt.Sprintf("bao-cao-%02d", i+1)
		switch {
		case i < 4:
			out = append(out, boardFixture{name + ".pdf", renderCell(t, data, pdf.Renderer{})})
		case i < 7:
			out = append(out, boardFixture{name + ".docx", renderCell(t, data, docx.Renderer{})})
		default:
			out = append(out, boardFixture{name + ".yaml", data})
		}
	}
	out = append(out, boardFixture{"hong.pdf", []byte("%PDF-1.4\nnot a report at all\n%%EOF\n")})
	out = append(out, boardFixture{"bao-cao-11-gui-lai.yaml", boardCellYAML(0)})
	return out
}

// renderCell renders a cell's report YAML in one format.
func renderCell(t testing.TB, data []byte, r render.Renderer) []byte {
	t.Helper()
	doc, problems := layouts.Load("x.yaml", data, input.Options{})
	if doc == nil {
		t.Fatalf("fixture: %v", problems)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// boardDueList is the list of the cells due: every cell but the last, and one that never reported.
func boardDueList() string {
	return strings.Join(append(append([]string{}, boardCellNames[:len(boardCellNames)-1]...), "Chi bộ Sở Tài nguyên và Môi trường"), "\n")
}

// boardFields are the consolidated report's fields as the page posts them.
func boardFields(session string) url.Values {
	return url.Values{
		"phien": {session}, "so": {"15"}, "ngay": {"19/4/2021"}, "han_bao_cao": {"15/4/2021"},
		"ky.quyen": {"K/T TRƯỞNG BAN"}, "ky.chuc_vu": {"PHÓ TRƯỞNG BAN"}, "ky.ho_ten": {"Đinh Thị Thu Thủy"},
		"danh_gia": {"Các chi bộ đã triển khai kịp thời."}, "de_xuat": {"Đề nghị đôn đốc nơi chưa báo cáo."},
		"phai_bao_cao": {boardDueList()},
	}
}

// uploadRequest is a multipart upload as the page sends it: files under field, and the session.
func uploadRequest(t testing.TB, path, session, field string, files []boardFixture) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if session != "" {
		mw.WriteField("phien", session)
	}
	for _, f := range files {
		w, err := mw.CreateFormFile(field, f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	mw.Close()
	return pageRequest("POST", path, mw.FormDataContentType(), &body)
}

// uploadFiles sends files to the handler and decodes its answer.
func uploadFiles(t testing.TB, h http.Handler, session string, files []boardFixture) uploadAnswer {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, uploadRequest(t, "/api/tong-hop/tep", session, "tep", files))
	if rec.Code != http.StatusOK {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body)
	}
	var ans uploadAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
		t.Fatal(err)
	}
	return ans
}

// table asks the handler for the table.
func table(t testing.TB, h http.Handler, fields url.Values) boardAnswer {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, pageRequest("POST", "/api/tong-hop/bang", "application/x-www-form-urlencoded", strings.NewReader(fields.Encode())))
	if rec.Code != http.StatusOK {
		t.Fatalf("table: %d %s", rec.Code, rec.Body)
	}
	var ans boardAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
		t.Fatal(err)
	}
	return ans
}

func boardHandler() http.Handler { return Handler(Options{Hosts: testHosts}) }

// zipOf is a zip of files, each stored with the method given.
func zipOf(t testing.TB, files []boardFixture) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBoardTable uploads the twelve mixed files (some in a zip) and checks every row of the
// table and the totals, against the cells' own reports.
func TestBoardTable(t *testing.T) {
	h := boardHandler()
	files := boardFixtures(t)
	first := uploadFiles(t, h, "", files[:6])
	if first.Session == "" || len(first.Added) != 6 || len(first.Refused) != 0 {
		t.Fatalf("first upload: %+v", first)
	}
	second := uploadFiles(t, h, first.Session, []boardFixture{{"mot-so-bao-cao.zip", zipOf(t, files[6:])}})
	if second.Session != first.Session || second.Files != 12 || len(second.Refused) != 0 {
		t.Fatalf("second upload: %+v", second)
	}
	ans := table(t, h, boardFields(first.Session))
	if len(ans.Errors) != 0 {
		t.Fatalf("errors: %+v", ans.Errors)
	}
	got := map[string]boardRow{}
	for _, r := range ans.Rows {
		got[r.Name+"|"+r.Status] = r
	}
	for i, name := range boardCellNames {
		status := "da-bao-cao"
		if i == len(boardCellNames)-1 {
			status = "cham"
		}
		r, ok := got[name+"|"+status]
		if !ok {
			t.Errorf("no row %q %s in %+v", name, status, ans.Rows)
			continue
		}
		if r.Models != i%3+1 || r.Exemplars != i%2 {
			t.Errorf("%s: %d models, %d exemplars", name, r.Models, r.Exemplars)
		}
	}
	if r := got["Chi bộ Sở Tài chính|da-bao-cao"]; r.File != "bao-cao-11-gui-lai.yaml" {
		t.Errorf("the duplicate: the file kept is %q, want the one read later", r.File)
	}
	if _, ok := got["Chi bộ Sở Tài nguyên và Môi trường|chua-bao-cao"]; !ok {
		t.Errorf("the cell that did not report is not in %+v", ans.Rows)
	}
	var broken []boardRow
	for _, r := range ans.Rows {
		if r.Status == "loi" {
			broken = append(broken, r)
		}
	}
	if len(broken) != 1 || broken[0].File != "hong.pdf" || broken[0].Problem == "" {
		t.Errorf("the broken file: %+v", broken)
	}
	models, exemplars := 0, 0
	for i := range boardCellNames {
		models += i%3 + 1
		exemplars += i % 2
	}
	if ans.Due != 10 || ans.Reported != 9 || ans.Extra != 1 || ans.Late != 1 || ans.Missing != 1 || ans.Broken != 1 || ans.Models != models || ans.Exemplars != exemplars {
		t.Errorf("totals: %+v", ans)
	}
	sum := 0
	for _, k := range ans.Kinds {
		sum += k.Count
	}
	if sum != models || len(ans.Kinds) != 13 {
		t.Errorf("by kind: %d models in %d kinds", sum, len(ans.Kinds))
	}
	var warned bool
	for _, w := range ans.Warnings {
		warned = warned || strings.Contains(w.Message, "có hai báo cáo")
	}
	if !warned {
		t.Errorf("no warning of the duplicate in %+v", ans.Warnings)
	}
}

// TestBoardRefusals: a file over the limit, a zip bomb, a zip with a path that climbs out, an
// absolute path, a link, a file of another kind: each refused with its message, the rest taken.
func TestBoardRefusals(t *testing.T) {
	h := boardHandler()
	big := boardFixture{"lon.pdf", append([]byte("%PDF-1.4\n"), make([]byte, BoardMaxFile)...)}

	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("bom.yaml")
	w.Write(bytes.Repeat([]byte("a"), 8<<20)) // 8 MiB of one letter packs to some kilobytes
	zw.Close()

	traversal := zipOf(t, []boardFixture{{"tot.yaml", boardCellYAML(1)}, {"../../etc/cron.d/x.yaml", boardCellYAML(2)}})
	absolute := zipOf(t, []boardFixture{{"/etc/passwd.yaml", boardCellYAML(2)}})
	drive := zipOf(t, []boardFixture{{`C:\Windows\x.yaml`, boardCellYAML(2)}})

	var link bytes.Buffer
	zw = zip.NewWriter(&link)
	hdr := &zip.FileHeader{Name: "lien-ket.yaml"}
	hdr.SetMode(fs.ModeSymlink | 0o777)
	lw, _ := zw.CreateHeader(hdr)
	lw.Write([]byte("/etc/passwd"))
	w, _ = zw.Create("thu-muc/bao-cao.yaml")
	w.Write(boardCellYAML(3))
	zw.Close()

	ans := uploadFiles(t, h, "", []boardFixture{
		big, {"bom.zip", bomb.Bytes()}, {"leo.zip", traversal}, {"tuyet-doi.zip", absolute}, {"o-dia.zip", drive},
		{"lien-ket.zip", link.Bytes()}, {"bang.xlsx", []byte("PK")}, {"anh.png", []byte("x")},
		{"../../tot.yaml", boardCellYAML(0)},
	})
	want := map[string]string{
		"lon.pdf":                     "tệp quá lớn (tối đa 16 MiB một tệp)",
		"bom.zip":                     `phình ra quá lớn khi giải nén`,
		"leo.zip":                     `"../../etc/cron.d/x.yaml": tên tệp có ".." (trỏ ra ngoài thư mục)`,
		"tuyet-doi.zip":               "đường dẫn tuyệt đối",
		"o-dia.zip":                   "đường dẫn tuyệt đối",
		"lien-ket.zip: lien-ket.yaml": "là liên kết hoặc tệp đặc biệt",
		"bang.xlsx":                   "hãy chọn nó ở mục 2",
		"anh.png":                     "không phải tệp báo cáo",
	}
	got := map[string]string{}
	for _, r := range ans.Refused {
		got[r.File] = r.Reason
	}
	for file, msg := range want {
		if !strings.Contains(got[file], msg) {
			t.Errorf("%s: refused with %q, want %q", file, got[file], msg)
		}
	}
	if len(ans.Refused) != len(want) {
		t.Errorf("refused %+v", ans.Refused)
	}
	// The zip with a link gave its regular file, one level deep; an upload named with a path
	// comes as its last part (mime/multipart keeps only that); nothing else was taken.
	if fmt.Sprint(ans.Added) != "[bao-cao.yaml tot.yaml]" {
		t.Errorf("taken: %v", ans.Added)
	}

	// A request over the bound is refused whole.
	huge := []boardFixture{}
	for i := range 5 {
		huge = append(huge, boardFixture{fmt.Sprintf("%d.pdf", i), make([]byte, 15<<20)})
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, uploadRequest(t, "/api/tong-hop/tep", "", "tep", huge))
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "Gửi lên quá nhiều một lần (tối đa 64 MiB)") {
		t.Errorf("a 75 MiB request: %d %s", rec.Code, rec.Body)
	}
	// Another endpoint keeps the form's bound.
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, pageRequest("POST", "/api/tong-hop/bang", "application/x-www-form-urlencoded", strings.NewReader("danh_gia="+strings.Repeat("a", 2<<20))))
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2 MiB table request: %d", rec.Code)
	}
}

// TestBoardCrossSite: the Board's actions refuse a request from another site, as the form's do.
func TestBoardCrossSite(t *testing.T) {
	h := boardHandler()
	for _, path := range []string{"/api/tong-hop/tep", "/api/tong-hop/bang", "/api/tong-hop/pdf", "/api/tong-hop/xlsx", "/api/tong-hop/luu", "/api/tong-hop/mo", "/api/tong-hop/xoa"} {
		for name, spoil := range map[string]func(*http.Request){
			"no header":      func(r *http.Request) { r.Header.Del(FormHeader) },
			"cross-site":     func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") },
			"another origin": func(r *http.Request) { r.Header.Set("Origin", "http://evil.example") },
			"another host":   func(r *http.Request) { r.Host = "evil.example" },
		} {
			req := uploadRequest(t, path, "", "tep", boardFixtures(t)[7:8])
			spoil(req)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusForbidden && rec.Code != http.StatusMisdirectedRequest {
				t.Errorf("%s %s: %d %s", path, name, rec.Code, rec.Body)
			}
		}
	}
}

// countingFS records every name opened through it.
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened []string
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opened = append(c.opened, name)
	c.mu.Unlock()
	return c.FS.Open(name)
}

// TestBoardOpensNoFile: every file the consolidated report reads goes through the session's
// memory, and only names it holds are opened, even for uploads named after the server's files.
func TestBoardOpensNoFile(t *testing.T) {
	var seen []*countingFS
	old := boardFiles
	boardFiles = func(m *memFS) fs.FS {
		c := &countingFS{FS: m}
		seen = append(seen, c)
		return c
	}
	t.Cleanup(func() { boardFiles = old })
	h := boardHandler()
	files := append(boardFixtures(t), boardFixture{"/etc/hostname.yaml", []byte("mau: dang-ky\n")})
	ans := uploadFiles(t, h, "", files)
	fields := boardFields(ans.Session)
	fields.Set("phai_bao_cao", "")
	// A due list uploaded as a file is read from the memory too.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, uploadRequest(t, "/api/tong-hop/tep", ans.Session, "danh_sach", []boardFixture{{"ds.csv", []byte("Tên chi bộ\n" + boardDueList() + "\n")}}))
	if rec.Code != http.StatusOK {
		t.Fatal(rec.Body)
	}
	res := table(t, h, fields)
	if res.Due != 10 || res.DueFile != "ds.csv" {
		t.Errorf("the due list from a file: %d cells from %q; %+v", res.Due, res.DueFile, res.Errors)
	}
	if len(seen) != 1 {
		t.Fatalf("%d file systems", len(seen))
	}
	opened := map[string]bool{}
	for _, name := range seen[0].opened {
		opened[name] = true
		if _, err := fs.Stat(seen[0].FS, name); err != nil {
			t.Errorf("opened %q, which the memory does not hold", name)
		}
	}
	if !opened["nguon/hong.pdf"] || !opened["nguon/hostname.yaml"] || !opened["phai-bao-cao.csv"] || len(opened) != len(files)+2 {
		t.Errorf("opened %v", seen[0].opened)
	}
}

// TestBoardSaveAndOpen: "Lưu để làm tiếp" gives a zip that reopens into the same table, and that
// the command line reads as it is.
func TestBoardSaveAndOpen(t *testing.T) {
	h := boardHandler()
	ans := uploadFiles(t, h, "", boardFixtures(t))
	fields := boardFields(ans.Session)
	before := table(t, h, fields)
	rec := send(t, h, pageRequest("POST", "/api/tong-hop/luu", "application/x-www-form-urlencoded", strings.NewReader(fields.Encode())))
	if rec.Code != http.StatusOK {
		t.Fatal(rec.Body)
	}
	saved := rec.Body.Bytes()

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, uploadRequest(t, "/api/tong-hop/mo", "", "ban_luu", []boardFixture{{"tong-hop-de-lam-tiep.zip", saved}}))
	if rec.Code != http.StatusOK {
		t.Fatal(rec.Body)
	}
	var opened openAnswer
	json.Unmarshal(rec.Body.Bytes(), &opened)
	for _, k := range []string{"so", "ngay", "han_bao_cao", "danh_gia", "de_xuat", "ky.quyen", "ky.chuc_vu", "ky.ho_ten", "phai_bao_cao"} {
		if opened.Fields[k] != fields.Get(k) {
			t.Errorf("%s reopened as %q, saved %q", k, opened.Fields[k], fields.Get(k))
		}
	}
	again := boardFields(opened.Session)
	after := table(t, h, again)
	key := func(a boardAnswer) string {
		var rows []string
		for _, r := range a.Rows {
			rows = append(rows, fmt.Sprintf("%s|%s|%d|%d", r.Name, r.Status, r.Models, r.Exemplars))
		}
		sort.Strings(rows)
		return fmt.Sprint(rows, a.Due, a.Reported, a.Extra, a.Late, a.Missing, a.Broken, a.Models, a.Exemplars)
	}
	if key(before) != key(after) {
		t.Errorf("reopened table differs:\n%s\n%s", key(before), key(after))
	}

	// The command line reads the unpacked zip as it is.
	zr, _ := zip.NewReader(bytes.NewReader(saved), int64(len(saved)))
	mem := fstest.MapFS{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		mem[f.Name] = &fstest.MapFile{Data: data}
	}
	doc, problems := layouts.Load("tong-hop.yaml", mem["tong-hop.yaml"].Data, input.Options{Files: mem, SkipUnreadable: true})
	if doc == nil {
		t.Fatalf("the saved zip does not build: %v", problems)
	}

	// A file that is not a saved zip is refused in words.
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, uploadRequest(t, "/api/tong-hop/mo", "", "ban_luu", []boardFixture{{"x.zip", zipOf(t, boardFixtures(t)[7:8])}}))
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "không phải bản đã lưu") {
		t.Errorf("a zip of reports opened: %d %s", rec.Code, rec.Body)
	}
}

// TestMemFS checks the in-memory file system against the standard library's rules of fs.FS.
func TestMemFS(t *testing.T) {
	m := newMemFS(map[string][]byte{"nguon/a.pdf": []byte("a"), "nguon/b.yaml": []byte("bb"), "phai-bao-cao.csv": []byte("x")})
	if err := fstest.TestFS(m, "nguon/a.pdf", "nguon/b.yaml", "phai-bao-cao.csv"); err != nil {
		t.Fatal(err)
	}
	empty := newMemFSWithDir(map[string][]byte{}, "nguon")
	if entries, err := fs.ReadDir(empty, "nguon"); err != nil || len(entries) != 0 {
		t.Errorf("an empty folder: %v, %v", entries, err)
	}
	for _, bad := range []string{"../x", "/etc/passwd", "nguon/../../x", ""} {
		if _, err := m.Open(bad); err == nil {
			t.Errorf("opened %q", bad)
		}
	}
}

// TestBoardSessionBounds: the file count of a session, its bytes, names taken twice, expiry.
func TestBoardSessionBounds(t *testing.T) {
	h := boardHandler()
	var many []boardFixture
	for i := range BoardMaxFiles {
		many = append(many, boardFixture{fmt.Sprintf("%d.yaml", i), []byte("x")})
	}
	ans := uploadFiles(t, h, "", many)
	if ans.Files != BoardMaxFiles || len(ans.Refused) != 0 {
		t.Fatalf("%d files, refused %v", ans.Files, len(ans.Refused))
	}
	more := uploadFiles(t, h, ans.Session, []boardFixture{{"0.yaml", []byte("y")}})
	if len(more.Refused) != 1 || !strings.Contains(more.Refused[0].Reason, "nhiều nhất là 2000 tệp") {
		t.Errorf("the 2001st file: %+v", more.Refused)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, uploadRequest(t, "/api/tong-hop/tep", "", "tep", append(many, many[0])))
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "tối đa 2000 tệp") {
		t.Errorf("2001 files in one request: %d %s", rec.Code, rec.Body)
	}

	store := newBoardStore()
	now := time.Date(2021, 4, 19, 8, 0, 0, 0, time.UTC)
	store.now = func() time.Time { return now }
	id, sess, _ := store.get("")
	added, _, _, _ := store.add(sess, []upload{{name: "a.pdf", data: []byte("1")}, {name: "a.pdf", data: []byte("2")}, {name: "a.pdf", data: []byte("3")}})
	if fmt.Sprint(added) != "[a.pdf a-2.pdf a-3.pdf]" {
		t.Errorf("names taken twice: %v", added)
	}
	_, refused, _, _ := store.add(sess, []upload{{name: "lon.pdf", shown: "lon.pdf", data: make([]byte, BoardMaxSession)}})
	if len(refused) != 1 || !strings.Contains(refused[0].Reason, "không giữ thêm được") {
		t.Errorf("over the session's bytes: %+v", refused)
	}
	now = now.Add(boardIdle + time.Minute)
	if _, _, ok := store.get(id); ok {
		t.Error("a session unused for longer than boardIdle is still kept")
	}
	for range boardMaxSessions + 5 {
		store.get("")
	}
	if n := len(store.sessions); n != boardMaxSessions {
		t.Errorf("%d sessions kept", n)
	}

	// A page naming a session the server forgot is told to drop its files again.
	fields := boardFields("khong-con")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, pageRequest("POST", "/api/tong-hop/bang", "application/x-www-form-urlencoded", strings.NewReader(fields.Encode())))
	if rec.Code != http.StatusGone || !strings.Contains(rec.Body.String(), "Hãy thả lại các tệp báo cáo") {
		t.Errorf("a forgotten session: %d %s", rec.Code, rec.Body)
	}
}

// TestBoardDownloads: each format of the consolidated report, and its problems when it has errors.
func TestBoardDownloads(t *testing.T) {
	h := boardHandler()
	ans := uploadFiles(t, h, "", boardFixtures(t))
	fields := boardFields(ans.Session)
	for path, magic := range map[string]string{"/api/tong-hop/pdf?tai=1": "%PDF-", "/api/tong-hop/docx?tai=1": "PK\x03\x04", "/api/tong-hop/xlsx?tai=1": "PK\x03\x04"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, pageRequest("POST", path, "application/x-www-form-urlencoded", strings.NewReader(fields.Encode())))
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Body.String(), magic) || !strings.HasPrefix(rec.Header().Get("Content-Disposition"), `attachment; filename="bao-cao-tong-hop.`) {
			t.Errorf("%s: %d %q", path, rec.Code, rec.Header())
		}
	}
	fields.Set("ngay", "")
	fields.Set("so", "mười lăm")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, pageRequest("POST", "/api/tong-hop/pdf", "application/x-www-form-urlencoded", strings.NewReader(fields.Encode())))
	var res checkResult
	json.Unmarshal(rec.Body.Bytes(), &res)
	keys := map[string]bool{}
	for _, p := range res.Errors {
		keys[p.Key] = true
	}
	if rec.Code != http.StatusUnprocessableEntity || !keys["ngay"] || !keys["so"] {
		t.Errorf("a report with errors: %d %+v", rec.Code, res.Errors)
	}
}

// TestBoardCache: the same files and fields are read once (a download after the table reads no
// file again); a new file or a changed field reads again.
func TestBoardCache(t *testing.T) {
	reads := 0
	old := boardFiles
	boardFiles = func(m *memFS) fs.FS { reads++; return m }
	t.Cleanup(func() { boardFiles = old })
	h := boardHandler()
	ans := uploadFiles(t, h, "", boardFixtures(t)[:4])
	fields := boardFields(ans.Session)
	table(t, h, fields)
	table(t, h, fields)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, pageRequest("POST", "/api/tong-hop/pdf", "application/x-www-form-urlencoded", strings.NewReader(fields.Encode())))
	if rec.Code != http.StatusOK || reads != 1 {
		t.Errorf("a table twice and a PDF: %d reads (%d)", reads, rec.Code)
	}
	fields.Set("so", "16")
	if table(t, h, fields); reads != 2 {
		t.Errorf("a changed field: %d reads", reads)
	}
	uploadFiles(t, h, ans.Session, boardFixtures(t)[4:5])
	if got := table(t, h, fields); reads != 3 || got.Files != 5 {
		t.Errorf("a new file: %d reads, %d files", reads, got.Files)
	}
}
