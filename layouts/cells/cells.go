// Package cells reads the registration reports of many cells at once, for the batch command and
// the consolidated report: every report in a folder, in a roster file ("chung" + "danh_sach"), or
// in files named one by one.
package cells

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"baocao/layouts/dangky"
	"baocao/layouts/input"
	"baocao/render"
)

// Cell is one cell's registration report, read from a file or from an item of a roster.
type Cell struct {
	File     string
	Item     int            // 1-based position in a roster; 0 for a file that is one report
	Report   *dangky.Report // nil when nothing could be read
	Problems input.Problems // this cell's errors and warnings
	Data     []byte         // the report's canonical YAML, a roster's shared values merged in
}

// OK reports whether the cell's report was read without errors.
func (c Cell) OK() bool { return c.Report != nil && !c.Problems.HasErrors() }

// Name is the cell's name as its report gives it, or where it comes from when it has none.
func (c Cell) Name() string {
	if c.Report != nil && c.Report.Org != "" {
		return c.Report.Org
	}
	return c.Source()
}

// Source says where the cell comes from: its file, and its item in a roster.
func (c Cell) Source() string {
	if c.Item > 0 {
		return fmt.Sprintf("%s (mục %d)", c.File, c.Item)
	}
	return c.File
}

// Document builds the cell's document, carrying its data; only for a cell that is OK.
func (c Cell) Document() *render.Document {
	doc := dangky.Build(c.Report)
	doc.Data = c.Data
	return doc
}

// Load reads the cells of one file: one for a report, one per item for a roster. Problems of the
// file as a whole (unreadable, a YAML error, a bad roster) come back as a single failed cell. A file
// of another kind of document gives no cell and ok false.
func Load(file string, data []byte, opts input.Options) (cells []Cell, ok bool) {
	r, top := input.Parse(file, data, opts)
	if top == nil {
		return []Cell{{File: file, Problems: r.Problems()}}, true
	}
	if kind := top.String("mau", true); kind != dangky.Name {
		if kind == "" || top.IsRoster() {
			top.Errorf("mau", "phải là %q: báo cáo kết quả đăng ký của một chi bộ hoặc đảng bộ", dangky.Name)
			return []Cell{{File: file, Problems: r.Problems()}}, true
		}
		return nil, false
	}
	entries := input.Entries(r, top, dangky.Keys)
	if r.Problems().HasErrors() {
		return []Cell{{File: file, Problems: r.Problems()}}, true
	}
	for _, e := range entries {
		rep := dangky.Read(e.Top)
		problems := e.Top.Reader().Problems()
		if e.Item > 0 {
			problems = append(append(input.Problems(nil), r.Problems()...), problems...)
		}
		data, _ := e.Top.Canonical(dangky.Name)
		cells = append(cells, Cell{File: file, Item: e.Item, Report: rep, Problems: problems.Sorted(), Data: data})
	}
	return cells, true
}

// Collect reads every cell under the paths, in order: a folder's .yaml and .yml files by name, or
// the files themselves, through opts.Files. Files of another kind of document (a consolidated
// report beside the cells) are passed over. A path that cannot be read gives a failed cell that
// says why; with no opts.Files every path does, and nothing is looked at.
func Collect(paths []string, opts input.Options) []Cell {
	var out []Cell
	for _, path := range paths {
		if opts.Files == nil {
			out = append(out, Cell{File: path, Problems: input.Problems{{File: path, Message: "ở đây không được mở tệp trên máy"}}})
			continue
		}
		st, err := fs.Stat(opts.Files, path)
		if err != nil {
			out = append(out, failed(path, err))
			continue
		}
		files := []string{path}
		switch {
		case st.IsDir():
			files, err = yamlFiles(opts.Files, path)
			if err != nil {
				out = append(out, failed(path, err))
				continue
			}
		case !st.Mode().IsRegular():
			out = append(out, Cell{File: path, Problems: input.Problems{{File: path, Message: "không phải tệp thường (thiết bị, ống dẫn…); không đọc"}}})
			continue
		}
		for _, f := range files {
			data, err := readFile(opts.Files, f)
			if err != nil {
				out = append(out, failed(f, err))
				continue
			}
			cells, _ := Load(f, data, opts)
			out = append(out, cells...)
		}
	}
	return out
}

// yamlFiles lists a folder's regular .yaml and .yml files, sorted by name.
func yamlFiles(files fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(files, dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if (ext != ".yaml" && ext != ".yml") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		regular := e.Type().IsRegular()
		if e.Type()&fs.ModeSymlink != 0 { // a link the user made in the folder: what it points at
			st, err := fs.Stat(files, path)
			regular = err == nil && st.Mode().IsRegular()
		}
		if regular {
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out, nil
}

// readFile reads a file no larger than the input limit (one byte more tells it is too large).
func readFile(files fs.FS, path string) ([]byte, error) {
	f, err := files.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, input.MaxFileSize+1))
}

// failed is a cell for a path that could not be read.
func failed(path string, err error) Cell {
	msg := "không đọc được"
	switch {
	case errors.Is(err, fs.ErrNotExist):
		msg = "không có tệp hoặc thư mục này"
	case errors.Is(err, fs.ErrPermission):
		msg = "không có quyền đọc"
	}
	return Cell{File: path, Problems: input.Problems{{File: path, Message: msg}}}
}

// Slug is an ASCII file name for a cell's name: letters without their marks, đ as d, lower case,
// every run of other characters one hyphen. "Chi bộ Sở Tài chính" gives "chi-bo-so-tai-chinh".
func Slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		r = unicode.ToLower(r)
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
			continue
		}
		hyphen = true
	}
	s := b.String()
	if len(s) > 80 {
		s = strings.TrimRight(s[:80], "-")
	}
	if s == "" {
		s = "bao-cao"
	}
	return s
}

// UniqueSlugs gives each name its slug, adding -2, -3, … in order to a slug already taken.
func UniqueSlugs(names []string) []string {
	taken := map[string]bool{}
	out := make([]string, len(names))
	for i, n := range names {
		base := Slug(n)
		s := base
		for k := 2; taken[s]; k++ {
			s = fmt.Sprintf("%s-%d", base, k)
		}
		taken[s] = true
		out[i] = s
	}
	return out
}
