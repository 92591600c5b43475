package cells

import (
	"io/fs"
	"reflect"
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
