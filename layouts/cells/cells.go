// Package cells reads the registration reports of many cells at once, for the batch command and
// the consolidated report: every report in a folder, in a roster file ("chung" + "danh_sach"), or
// in files named one by one.
package cells

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"baocao/layouts/dangky"
	"baocao/layouts/importer"
	"baocao/layouts/input"
	"baocao/layouts/workbook"
	"baocao/render"
)

// Cell is one cell's registration report, read from a file or from an item of a roster.
type Cell struct {
	File     string
	Item     int            // 1-based position in a roster; 0 for a file that is one report
	Report   *dangky.Report // nil when nothing could be read
	Problems input.Problems // this cell's errors and warnings
	Data     []byte         // the report's canonical YAML, a roster's shared values merged in; nil with input.Options.NoCellData
	// Received is whether the report was read by the importer from a PDF or Word file, whose
	// warnings say what was guessed.
	Received bool
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

// Cells are the cells of one file, Len of them, built one by one as All is ranged over: a
// roster's items are parsed and read only then (see input.Entries), so that a caller that drops
// each cell reads a roster of any size in memory that does not grow with it. Ranging again
// builds them again.
type Cells struct {
	Len int
	All iter.Seq[Cell]
}

// cellsOf are cells already built.
func cellsOf(list ...Cell) Cells {
	return Cells{Len: len(list), All: slices.Values(list)}
}

// Load reads the cells of one file: one for a report, one per item for a roster. Problems of the
// file as a whole (unreadable, a YAML error, a bad roster) come back as a single failed cell. A file
// of another kind of document gives no cell and ok false.
func Load(file string, data []byte, opts input.Options) (cells Cells, ok bool) {
	r, top := input.Parse(file, data, opts)
	return FromParsed(file, r, top, opts)
}

// FromParsed is Load of a file input.Parse has read already, r and top being what it gave.
func FromParsed(file string, r *input.Reader, top *input.Object, opts input.Options) (cells Cells, ok bool) {
	if top == nil {
		return cellsOf(Cell{File: file, Problems: r.Problems()}), true
	}
	if kind := top.String("mau", true); kind != dangky.Name {
		if kind == "" || top.IsRoster() {
			top.Errorf("mau", "phải là %q: báo cáo kết quả đăng ký của một chi bộ hoặc đảng bộ", dangky.Name)
			return cellsOf(Cell{File: file, Problems: r.Problems()}), true
		}
		return cellsOf(), false
	}
	n, entries := input.Entries(r, top, dangky.Keys)
	if r.Problems().HasErrors() {
		return cellsOf(Cell{File: file, Problems: r.Problems()}), true
	}
	return Cells{Len: n, All: func(yield func(Cell) bool) {
		for e := range entries {
			rep := dangky.Read(e.Top)
			problems := e.Top.Reader().Problems()
			if e.Item > 0 {
				problems = append(append(input.Problems(nil), r.Problems()...), problems...)
			}
			var data []byte
			if !opts.NoCellData {
				data, _ = e.Top.Canonical(dangky.Name)
			}
			if !yield(Cell{File: file, Item: e.Item, Report: rep, Problems: problems.Sorted(), Data: data}) {
				return
			}
		}
	}}, true
}

// Collect reads every cell under the paths, in order: a folder's reports by name (.yaml and .yml
// files, and the .pdf, .docx and .doc files received, read by the importer), or the files
// themselves (those, or a roster workbook .xlsx read by layouts/workbook), through opts.Files.
// Files of another kind of document (a consolidated report beside the cells) are passed over. A
// path that cannot be read gives a failed cell that says why; with no opts.Files every path does,
// and nothing is looked at. opts.Progress is told as each file's cells are handed over. Files are
// read a few at once, one for each core.
func Collect(paths []string, opts input.Options) []Cell {
	var out []Cell
	for c := range Read(paths, opts, runtime.NumCPU()) {
		out = append(out, c)
	}
	return out
}

// Read hands over the cells Collect gives, one by one and in the same order, without holding
// them: a caller that drops each cell it has used reads any number of files, and rosters of any
// size, in bounded memory. Files are read in parallel ahead of the caller, so that a slow file (a
// PDF through the importer) does not hold it up: a file's cells are handed over once the ahead
// files after it are read too, while the ahead files after those are being read; no more than
// 2×ahead+1 files are held or read at once. A roster is read ahead as a whole file is, its items
// checked; each of its cells is then built in the caller, as it is handed over (see Cells). A
// reader's panic is raised again in the caller, naming the file.
//
// With each cell comes how many cells the paths are expected to hold: those of every file read
// so far, and one for each file not read yet. It is exact once the last files are read, and,
// because a file's cells are handed over only once the ahead files after it are read, the same
// whatever the timing.
func Read(paths []string, opts input.Options, ahead int) iter.Seq2[Cell, int] {
	return func(yield func(Cell, int) bool) {
		sources := list(paths, opts)
		ahead = max(ahead, 0)
		var wg sync.WaitGroup
		defer wg.Wait() // a caller that stops early leaves no reader behind
		start := func(s source) chan read {
			ch := make(chan read, 1)
			if s.failed != nil {
				ch <- read{cells: cellsOf(*s.failed)}
				return ch
			}
			wg.Go(func() {
				defer func() {
					if p := recover(); p != nil {
						ch <- read{panicked: fmt.Sprintf("%s: %v", s.path, p)}
					}
				}()
				ch <- read{cells: readCells(s.path, opts)}
			})
			return ch
		}
		expected := len(sources) // every file not read yet counts as one cell
		var reading []chan read  // the sources started and not yet read, in order
		var window []Cells       // the sources read and not yet handed over, in order
		next := 0                // the next source to start
		for i := range sources {
			last := min(i+ahead, len(sources)-1) // read before source i is handed over
			for ; next < min(i+2*ahead+1, len(sources)); next++ {
				reading = append(reading, start(sources[next]))
			}
			for len(window) < last-i+1 {
				r := <-reading[0]
				reading = reading[1:]
				if r.panicked != "" {
					// As a plain loop would: in the caller, which a server recovers from.
					panic(r.panicked)
				}
				expected += r.cells.Len - 1
				window = append(window, r.cells)
			}
			cells := window[0]
			window[0] = Cells{}
			window = window[1:]
			if opts.Progress != nil {
				opts.Progress(i+1, len(sources))
			}
			for c := range cells.All {
				if !yield(c, expected) {
					return
				}
			}
		}
	}
}

// read is what reading one source gave: its cells, or the panic of the reader, which Read raises
// again in its caller rather than let it end the program from another goroutine.
type read struct {
	cells    Cells
	panicked string
}

// source is one file to read, or the failed cell of a path that cannot be.
type source struct {
	path   string
	failed *Cell
}

// list finds the files under the paths, in order, without reading them.
func list(paths []string, opts input.Options) []source {
	var sources []source
	fail := func(c Cell) { sources = append(sources, source{failed: &c}) }
	for _, path := range paths {
		if opts.Files == nil {
			fail(Cell{File: path, Problems: input.Problems{{File: path, Message: "ở đây không được mở tệp trên máy"}}})
			continue
		}
		st, err := fs.Stat(opts.Files, path)
		if err != nil {
			fail(failed(path, err))
			continue
		}
		switch {
		case st.IsDir():
			files, err := reportFiles(opts.Files, path)
			if err != nil {
				fail(failed(path, err))
				continue
			}
			for _, f := range files {
				sources = append(sources, source{path: f})
			}
		case !st.Mode().IsRegular():
			fail(notRegular(path))
		default:
			sources = append(sources, source{path: path})
		}
	}
	return sources
}

// notRegular is the failed cell of a device, a named pipe or a socket, refused unopened: reading
// one could block for ever.
func notRegular(path string) Cell {
	return Cell{File: path, Problems: input.Problems{{File: path, Message: "không phải tệp thường (thiết bị, ống dẫn…); không đọc"}}}
}

// received reports whether a file is a document received from a cell (PDF or Word), read by the
// importer rather than as YAML.
func received(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf", ".docx", ".doc":
		return true
	}
	return false
}

// readCells reads the cells of one file: YAML by Load, a received PDF or Word file by the
// importer, each report it holds then by Load.
func readCells(path string, opts input.Options) Cells {
	limit := int64(input.MaxBoardFileSize) // a roster may be that large; Load judges a report's size
	if received(path) {
		limit = importer.MaxFileSize
	}
	isWorkbook := strings.EqualFold(filepath.Ext(path), ".xlsx")
	if isWorkbook {
		limit = workbook.MaxFileSize
	}
	data, err := readFile(opts.Files, path, limit)
	if err != nil {
		return cellsOf(failed(path, err))
	}
	if isWorkbook {
		return loadWorkbook(path, data, opts)
	}
	if !received(path) {
		cells, _ := Load(path, data, opts)
		return cells
	}
	res := importer.Import(path, data)
	if res.Problems.HasErrors() || len(res.Reports) == 0 {
		for _, p := range res.Problems {
			if p.Message == importer.MsgConsolidated {
				return cellsOf() // the Board's own consolidated report, beside the cells' files
			}
		}
		problems := res.Problems
		if len(problems) == 0 {
			problems = input.Problems{{File: path, Message: "tệp không có báo cáo nào"}}
		}
		return cellsOf(Cell{File: path, Problems: problems})
	}
	var out []Cell
	for i, report := range res.Reports {
		cells, _ := Load(path, report, opts)
		for c := range cells.All {
			if len(res.Reports) > 1 {
				c.Item = i + 1
			}
			c.Received = true
			// The report's YAML was written by the importer: its line numbers point at nothing
			// the user has; the key still says where.
			// The importer checked the report as Load does: a problem both found is told once.
			problems := append(input.Problems(nil), res.Problems...)
			told := map[string]bool{}
			for _, p := range res.Problems {
				told[p.Key+"\x00"+p.Message] = true
			}
			for _, p := range c.Problems {
				if p.Line = 0; !told[p.Key+"\x00"+p.Message] {
					problems = append(problems, p)
				}
			}
			c.Problems = problems.Sorted()
			out = append(out, c)
		}
	}
	return cellsOf(out...)
}

// loadWorkbook reads the cells of a roster workbook, each problem pointed at its sheet and cell:
// each cell with the problems of its rows; the workbook's own warnings go with its first cell,
// and its own errors (rows that belong to no cell) make one more failed cell, for the file.
func loadWorkbook(path string, data []byte, opts input.Options) Cells {
	roster, problems := workbook.ReadRoster(path, data)
	if roster == nil {
		return cellsOf(Cell{File: path, Problems: problems})
	}
	cells, _ := Load(path, roster.YAML, opts)
	n := cells.Len
	if problems.HasErrors() {
		n++
	}
	return Cells{Len: n, All: func(yield func(Cell) bool) {
		first := true
		for c := range cells.All {
			c.Problems = roster.CellProblems(c.Item, c.Problems)
			if first && !problems.HasErrors() {
				c.Problems = append(append(input.Problems(nil), problems...), c.Problems...)
			}
			first = false
			if !yield(c) {
				return
			}
		}
		if problems.HasErrors() {
			yield(Cell{File: path, Problems: problems})
		}
	}}
}

// ReadSource reads a file an input names inside itself (a consolidated report's list of the
// cells due, in Excel), through files: a regular file only, no larger than limit, or the
// problem that says why not, in Vietnamese.
func ReadSource(files fs.FS, path string, limit int64) ([]byte, input.Problems) {
	if files == nil {
		return nil, input.Problems{{File: path, Message: "ở đây không được mở tệp trên máy"}}
	}
	st, err := fs.Stat(files, path)
	switch {
	case err != nil:
		return nil, failed(path, err).Problems
	case st.IsDir():
		return nil, input.Problems{{File: path, Message: "là một thư mục, không phải một tệp"}}
	case !st.Mode().IsRegular():
		return nil, notRegular(path).Problems
	}
	data, err := readFile(files, path, limit)
	if err != nil {
		return nil, failed(path, err).Problems
	}
	return data, nil
}

// reportFiles lists a folder's regular report files (.yaml, .yml, .pdf, .docx, .doc), sorted by
// name.
func reportFiles(files fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(files, dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if (ext != ".yaml" && ext != ".yml" && !received(e.Name())) || strings.HasPrefix(e.Name(), ".") {
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

// readFile reads a file no larger than limit: one byte more, so that its reader tells it is too
// large. Collect opens only what it found to be a regular file.
func readFile(files fs.FS, path string, limit int64) ([]byte, error) {
	f, err := files.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit+1))
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
	var slugs Slugs
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = slugs.Next(n)
	}
	return out
}

// Slugs gives names their slugs one by one, as they come, adding -2, -3, … to a slug already
// taken: the same slugs UniqueSlugs gives the names as a list. The zero value is ready to use.
type Slugs struct{ taken map[string]bool }

// Next is the slug of the next name.
func (s *Slugs) Next(name string) string {
	if s.taken == nil {
		s.taken = map[string]bool{}
	}
	base := Slug(name)
	slug := base
	for k := 2; s.taken[slug]; k++ {
		slug = fmt.Sprintf("%s-%d", base, k)
	}
	s.taken[slug] = true
	return slug
}
