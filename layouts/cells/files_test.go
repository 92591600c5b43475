package cells

import (
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"baocao/layouts/input"
)

// countingFS fails every open and counts the attempts.
type countingFS struct{ opens *atomic.Int64 }

func (c countingFS) Open(string) (fs.File, error) {
	c.opens.Add(1)
	return nil, fs.ErrPermission
}

func TestCollectReadsOnlyThroughFiles(t *testing.T) {
	files := fstest.MapFS{
		"nguon/a.yaml":        {Data: []byte(cell)},
		"nguon/b.yml":         {Data: []byte(cell)},
		"nguon/ghi-chu.txt":   {Data: []byte("not yaml")},
		"nguon/.an.yaml":      {Data: []byte(cell)},
		"nguon/con/c.yaml":    {Data: []byte(cell)},
		"mot-tep.yaml":        {Data: []byte(cell)},
		"nguon/thiet-bi.yaml": {Mode: fs.ModeNamedPipe},
	}
	got := Collect([]string{"nguon", "mot-tep.yaml", "khong-co", "nguon/thiet-bi.yaml"}, input.Options{Files: files})
	var sources []string
	for _, c := range got {
		sources = append(sources, c.Source()+" "+map[bool]string{true: "ok", false: "lỗi"}[c.OK()])
	}
	want := []string{"nguon/a.yaml ok", "nguon/b.yml ok", "mot-tep.yaml ok", "khong-co lỗi", "nguon/thiet-bi.yaml lỗi"}
	if !reflect.DeepEqual(sources, want) {
		t.Errorf("Collect = %q, want %q", sources, want)
	}
	if p := got[4].Problems; len(p) != 1 || p[0].Message != "không phải tệp thường (thiết bị, ống dẫn…); không đọc" {
		t.Errorf("a named pipe: %v", p)
	}
}

func TestCollectWithoutFilesOpensNothing(t *testing.T) {
	got := Collect([]string{"/etc/passwd", "/root", "khong-co.yaml"}, input.Options{})
	if len(got) != 3 {
		t.Fatalf("Collect gave %d cells, want one failed cell per path", len(got))
	}
	for _, c := range got {
		if c.OK() || len(c.Problems) != 1 || c.Problems[0].Message != "ở đây không được mở tệp trên máy" {
			t.Errorf("%s: %v", c.File, c.Problems)
		}
	}
	var opens atomic.Int64
	Collect([]string{"a.yaml", "thu-muc"}, input.Options{Files: countingFS{&opens}})
	if opens.Load() == 0 {
		t.Error("the counting file system saw no open: the test cannot tell a refusing FS from one never used")
	}
}

// TestCollectReceivedThroughFiles: received PDF and Word files are read through Files too, by the
// importer, whose refusals are the cells' problems; a folder's other files are passed over.
func TestCollectReceivedThroughFiles(t *testing.T) {
	files := fstest.MapFS{
		"nhan/a.yaml":      {Data: []byte(cell)},
		"nhan/b.pdf":       {Data: []byte("%PDF-1.7\n%%EOF\n")},
		"nhan/c.docx":      {Data: []byte("PK\x03\x04 hỏng")},
		"nhan/d.doc":       {Data: []byte("không phải tệp Word")},
		"nhan/e.xlsx":      {Data: []byte("không đọc trong thư mục")},
		"nhan/f.txt":       {Data: []byte("x")},
		"nhan/g.pdf":       {Mode: fs.ModeNamedPipe},
		"danh-sach.xlsx":   {Data: []byte("không phải Excel")},
		"mot-tep-lon.docx": {Data: make([]byte, 40<<20)},
	}
	got := Collect([]string{"nhan", "danh-sach.xlsx", "mot-tep-lon.docx"}, input.Options{Files: files})
	var lines []string
	for _, c := range got {
		line := c.Source() + " ok"
		if !c.OK() {
			line = c.Problems.Error()
		}
		lines = append(lines, line)
	}
	want := []string{
		"nhan/a.yaml ok",
		"nhan/b.pdf: tệp PDF bị hỏng, không đọc được",
		"nhan/c.docx: tệp bị hỏng, không đọc được; hãy mở lại bằng Word và lưu thành .docx",
		"nhan/d.doc: không phải tệp Word (.docx) hay PDF; chỉ nhập được báo cáo dạng .docx hoặc .pdf",
		"danh-sach.xlsx: không phải tệp Excel (.xlsx); hãy mở bằng Excel và lưu thành Sổ làm việc Excel (.xlsx)",
		"mot-tep-lon.docx: tệp quá lớn (giới hạn 32 MiB); một báo cáo chỉ vài chục nghìn byte",
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("Collect:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// TestCollectProgress: Progress is told after every file, failed paths included, out of all.
func TestCollectProgress(t *testing.T) {
	files := fstest.MapFS{"nhan/a.yaml": {Data: []byte(cell)}, "nhan/b.yml": {Data: []byte(cell)}, "c.yaml": {Data: []byte(cell)}}
	var seen []string
	Collect([]string{"nhan", "khong-co", "c.yaml"}, input.Options{Files: files, Progress: func(done, total int) {
		seen = append(seen, fmt.Sprintf("%d/%d", done, total))
	}})
	if want := []string{"1/4", "2/4", "3/4", "4/4"}; !reflect.DeepEqual(seen, want) {
		t.Errorf("progress %q, want %q", seen, want)
	}
}
