package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"baocao/layouts/cells"
	"baocao/layouts/input"
	"baocao/render"
	"baocao/render/pdf"
)

// batchOptions are the flags and arguments of "baocao batch".
type batchOptions struct {
	Inputs   []string
	OutDir   string // -o: the folder to write in
	Format   string // pdf, docx or all
	Template string // --template: a user's DOCX template
	Jobs     int    // -j: how many cells at once
	Combine  string // --combine: one PDF with every report, for printing
	Xlsx     string // --xlsx: the table of outcomes as an Excel workbook
	Force    bool
	Skip     bool          // --skip-existing: leave a cell whose files are all there
	Input    input.Options // --no-convert

	Stdout, Stderr io.Writer
	// Terminal is whether Stderr is a terminal: progress is a bar there, plain lines elsewhere.
	Terminal bool
	// Context interrupts the batch (Ctrl-C): no cell is started after it is done.
	Context context.Context
}

// newBatchCmd builds "baocao batch". runF replaces runBatch in tests of the flags alone.
func newBatchCmd(stdout, stderr io.Writer, runF func(*batchOptions) error) *cobra.Command {
	opts := &batchOptions{Stdout: stdout, Stderr: stderr, Terminal: isTerminal(stderr), Input: input.Options{Files: input.OSFiles}}
	c := &cobra.Command{
		Use:   "batch [tùy chọn] -o THƯ-MỤC ĐẦU-VÀO...",
		Short: "Tạo báo cáo của mọi chi, đảng bộ một lần, từ thư mục hoặc tệp danh sách",
		Long: `Tạo báo cáo của mọi chi, đảng bộ một lần. ĐẦU-VÀO là thư mục chứa tệp của từng nơi (YAML,
hoặc PDF, Word .docx nhận được), tệp danh sách (chung + danh_sach, hoặc bảng tính Excel .xlsx theo
mẫu "baocao template export --xlsx"), hoặc các tệp ấy. Mỗi nơi một tệp ra, đặt tên theo tên chi,
đảng bộ (không dấu). Nơi có lỗi không làm dừng nơi khác; cuối cùng in bảng kết quả.`,
		Example: `  baocao batch samples/danh-sach-khoi.yaml -o ra/
  baocao batch bao-cao-cac-chi-bo/ -o ra/ --format all --combine ra/tat-ca.pdf
  baocao batch danh-sach.xlsx -o ra/`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{"cần ít nhất một thư mục hoặc tệp đầu vào"}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Inputs = args
			opts.Context = c.Context()
			if opts.Skip && opts.Force {
				return usageError{"--skip-existing và --force không dùng cùng nhau"}
			}
			if opts.OutDir == "" {
				return usageError{"cần -o THƯ-MỤC để ghi các báo cáo"}
			}
			if opts.Jobs < 1 {
				return usageError{"-j phải từ 1 trở lên"}
			}
			if runF != nil {
				return runF(opts)
			}
			return runBatch(opts)
		},
	}
	c.Flags().StringVarP(&opts.OutDir, "output", "o", "", "`THU-MUC` ghi các báo cáo (tạo mới nếu chưa có)")
	c.Flags().StringVar(&opts.Format, "format", "pdf", "định dạng: pdf, docx hoặc all (cả hai)")
	c.Flags().StringVar(&opts.Template, "template", "", "tạo DOCX theo `MAU`.docx của mình")
	c.Flags().IntVarP(&opts.Jobs, "jobs", "j", runtime.NumCPU(), "số báo cáo tạo cùng lúc")
	c.Flags().StringVar(&opts.Combine, "combine", "", "ghi thêm một `TEP`.pdf gồm mọi báo cáo để in một lần")
	c.Flags().StringVar(&opts.Xlsx, "xlsx", "", "ghi thêm bảng kết quả ra `TEP`.xlsx (Excel)")
	c.Flags().BoolVar(&opts.Force, "force", false, "ghi đè tệp đã có")
	c.Flags().BoolVar(&opts.Skip, "skip-existing", false, "bỏ qua chi, đảng bộ đã có đủ tệp ra (làm tiếp một lần chạy bị dừng)")
	c.Flags().BoolVar(&opts.Input.NoConvert, "no-convert", false, noConvertUsage)
	return c
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// cellOutcome is what became of one cell: only what the table of outcomes, the problems printed
// after it and --xlsx need, so that a cell's report, data and documents are dropped once its
// files are written.
type cellOutcome struct {
	name, source string
	problems     input.Problems
	ok           bool     // the report was read without errors
	date         string   // the report's date (ISO), for --xlsx
	parentOrg    string   // the report's superior body, for --xlsx
	written      []string // output files
	// With --combine: where the cell's PDF is in the spool (pdfSize 0: not in the combined file),
	// and the superior body its letterhead prints, the combined file's author if it comes first.
	pdfAt   int64
	pdfSize int
	author  string
	skipped bool   // its files were there already (--skip-existing)
	started bool   // false when the batch was interrupted before it
	failure string // why an output could not be written
}

// outcomeOf starts the outcome of a cell just read.
func outcomeOf(c cells.Cell) *cellOutcome {
	o := &cellOutcome{name: c.Name(), source: c.Source(), problems: c.Problems, ok: c.OK()}
	if o.ok {
		o.date, o.parentOrg = c.Report.Date.ISO(), c.Report.ParentOrg
	}
	return o
}

// cellJob is one cell for a worker to render, with its outcome to fill and its file name.
type cellJob struct {
	cell cells.Cell
	out  *cellOutcome
	slug string
}

// runBatch renders the cells as they are read, all cores at once, each dropped once its files are
// written, then prints the table of outcomes.
func runBatch(opts *batchOptions) error {
	outputs, err := chooseOutputs(&renderOptions{Format: opts.Format, Template: opts.Template}, "")
	if err != nil {
		return err
	}
	if opts.Combine != "" && !strings.EqualFold(filepath.Ext(opts.Combine), ".pdf") {
		return usageError{fmt.Sprintf("tệp gộp %q phải có đuôi .pdf", opts.Combine)}
	}
	for _, o := range outputs {
		if o.workbook {
			return usageError{fmt.Sprintf("định dạng %s chỉ dùng cho báo cáo tổng hợp, không cho báo cáo của từng chi, đảng bộ; muốn bảng kết quả bằng Excel thì dùng --xlsx TỆP.xlsx", o.name)}
		}
	}
	if opts.Xlsx != "" && !strings.EqualFold(filepath.Ext(opts.Xlsx), ".xlsx") {
		return usageError{fmt.Sprintf("tệp bảng kết quả %q phải có đuôi .xlsx", opts.Xlsx)}
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return describeWriteError(opts.OutDir, err)
	}
	var pdfs *spool
	if opts.Combine != "" {
		// The combined file would not be written at the end: say so before rendering anything.
		if t := statTarget(opts.Combine); t.folder {
			return fmt.Errorf("%s: %s", opts.Combine, folderInTheWay)
		} else if t.exists && !opts.Force {
			return fmt.Errorf("%s: %w", opts.Combine, errOutputExists)
		}
		if pdfs, err = newSpool(opts.Combine); err != nil {
			return err
		}
		defer pdfs.remove()
	}

	// Reading and rendering go together: the bar of the cells done tells both.
	opts.Input.Progress = nil
	progress := newProgress(opts.Stderr, opts.Terminal, 0)
	jobs := make(chan cellJob)
	var wg sync.WaitGroup
	for range opts.Jobs {
		wg.Go(func() {
			for j := range jobs {
				renderCell(opts, outputs, j, pdfs, progress)
			}
		})
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	var (
		outcomes []*cellOutcome
		slugs    cells.Slugs
		expected int // how many cells the inputs hold, as far as they have been read
	)
read:
	for c, n := range cells.Read(opts.Inputs, opts.Input, opts.Jobs+1) {
		if ctx.Err() != nil {
			break
		}
		expected = n
		progress.expect(n)
		o := outcomeOf(c)
		outcomes = append(outcomes, o)
		if !o.ok {
			progress.done(o.name, "có lỗi")
			continue
		}
		job := cellJob{cell: c, out: o, slug: slugs.Next(o.name)}
		select {
		case <-ctx.Done():
			break read
		case jobs <- job:
		}
	}
	close(jobs)
	wg.Wait()
	progress.finish()
	if ctx.Err() != nil {
		printOutcomes(opts, outcomes, expected)
		if err := writeOutcomes(opts, outcomes); err != nil {
			return err
		}
		return fmt.Errorf("đã dừng theo yêu cầu; các tệp đã ghi đều trọn vẹn; chạy lại với --skip-existing để làm tiếp")
	}

	invalid, failed := printOutcomes(opts, outcomes, expected)
	tableErr := writeOutcomes(opts, outcomes)
	combineErr := combine(opts, outcomes, pdfs)
	made := 0
	for _, o := range outcomes {
		if len(o.written) > 0 {
			made++
		}
	}
	switch {
	case tableErr != nil:
		return tableErr
	case combineErr != nil:
		return combineErr
	case failed > 0:
		return fmt.Errorf("%d chi, đảng bộ không ghi được báo cáo%s", failed, madeToo(made))
	case invalid > 0:
		return invalidCellsError{invalid: invalid, made: made}
	}
	return nil
}

// renderCell writes the files of one cell, or skips it when they are all there (--skip-existing),
// and fills in its outcome. With --combine (pdfs not nil) its PDF goes to the spool too: the one
// it wrote, or one made in memory when it writes no PDF or was skipped.
func renderCell(opts *batchOptions, outputs []format, j cellJob, pdfs *spool, progress *progress) {
	o := j.out
	o.started = true
	status := "xong"
	skip := opts.Skip && allExist(opts.OutDir, j.slug, outputs)
	if skip && pdfs == nil {
		o.skipped = true
		progress.done(o.name, "đã có, bỏ qua")
		return
	}
	doc := j.cell.Document()
	var made []byte // the cell's PDF, once rendered
	if skip {
		o.skipped = true
		status = "đã có, bỏ qua"
	} else {
		for _, out := range outputs {
			path := filepath.Join(opts.OutDir, j.slug+out.ext)
			var buf bytes.Buffer
			if err := out.renderer.Render(&buf, doc); err != nil {
				o.failure = fmt.Sprintf("%s: không tạo được tệp: %v", path, err)
				continue
			}
			if err := writeFileAtomic(path, buf.Bytes(), opts.Force); err != nil {
				o.failure = err.Error()
				continue
			}
			o.written = append(o.written, filepath.Base(path))
			if out.name == "pdf" {
				made = buf.Bytes()
			}
		}
		if o.failure != "" {
			status = "không ghi được"
		}
	}
	if pdfs != nil && o.failure == "" {
		if made == nil {
			var buf bytes.Buffer
			if err := (pdf.Renderer{}).Render(&buf, doc); err != nil {
				o.failure = fmt.Sprintf("%s: không tạo được trang của %s: %v", opts.Combine, o.name, err)
				status = "không ghi được"
			}
			made = buf.Bytes()
		}
		if o.failure == "" {
			o.pdfAt, o.pdfSize = pdfs.add(made), len(made)
			o.author = doc.Header.ParentOrg
		}
	}
	progress.done(o.name, status)
}

// invalidCellsError ends a batch in which some cells had errors: it says how many, and that the
// other cells' reports were made, and exits as invalid input does.
type invalidCellsError struct{ invalid, made int }

func (e invalidCellsError) Error() string {
	return fmt.Sprintf("%d chi, đảng bộ có lỗi nên chưa tạo báo cáo%s", e.invalid, madeToo(e.made))
}

// Unwrap makes the batch exit with the status of invalid input.
func (e invalidCellsError) Unwrap() error { return invalidInputError{files: e.invalid} }

// madeToo tells, after what went wrong, how many cells' reports were made all the same.
func madeToo(made int) string {
	if made == 0 {
		return "; không có báo cáo nào được tạo"
	}
	return fmt.Sprintf("; %d chi, đảng bộ khác đã có báo cáo", made)
}

// combine writes every report that was made into one PDF, each from a new page with its own
// page numbers, in the order of the inputs: the PDFs the cells made, from the spool, assembled
// once the title (the number of reports) and the date (the latest) are known.
func combine(opts *batchOptions, outcomes []*cellOutcome, pdfs *spool) error {
	if pdfs == nil {
		return nil
	}
	meta := render.Meta{Lang: "vi"}
	n := 0
	for _, o := range outcomes {
		if o.pdfSize > 0 {
			if n++; n == 1 {
				meta.Author = o.author
			}
			meta.Date = max(meta.Date, o.date)
		}
	}
	if n == 0 {
		return fmt.Errorf("%s: không có báo cáo nào để gộp", opts.Combine)
	}
	if err := pdfs.failed(); err != nil {
		return describeWriteError(opts.Combine, err)
	}
	meta.Title = fmt.Sprintf("Báo cáo kết quả đăng ký của %d chi, đảng bộ", n)
	err := writeAtomic(opts.Combine, opts.Force, func(w io.Writer) error {
		c, err := pdf.NewCombiner(w, meta)
		if err != nil {
			return fmt.Errorf("không tạo được tệp gộp: %v", err)
		}
		var doc []byte
		for _, o := range outcomes {
			if o.pdfSize == 0 {
				continue
			}
			if doc, err = pdfs.read(o.pdfAt, o.pdfSize, doc); err != nil {
				return fmt.Errorf("không đọc lại được báo cáo của %s để gộp: %v", o.name, err)
			}
			if err := c.Add(doc); err != nil {
				return fmt.Errorf("không tạo được tệp gộp: %v", err)
			}
		}
		if err := c.Close(); err != nil {
			return fmt.Errorf("không tạo được tệp gộp: %v", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.Stdout, "đã tạo %s (%d báo cáo)\n", opts.Combine, n)
	return nil
}

// spool keeps the PDFs of a batch's cells for the combined file in a temporary file beside it, in
// the order they are made, so that none is held in memory until the end.
type spool struct {
	mu   sync.Mutex
	f    *os.File
	size int64
	err  error // the first write that failed
}

// newSpool makes the spool of the combined file target.
func newSpool(target string) (*spool, error) {
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return nil, describeWriteError(target, err)
	}
	return &spool{f: f}, nil
}

// add appends a PDF and says where it starts. A failed write is kept for failed.
func (s *spool) add(pdf []byte) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	at := s.size
	if s.err == nil {
		_, s.err = s.f.Write(pdf)
	}
	s.size += int64(len(pdf))
	return at
}

// failed is the error of the first write that failed, if any.
func (s *spool) failed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// read reads n bytes from at into buf, grown as needed.
func (s *spool) read(at int64, n int, buf []byte) ([]byte, error) {
	buf = slices.Grow(buf[:0], n)[:n]
	_, err := s.f.ReadAt(buf, at)
	return buf, err
}

// remove closes and deletes the spool.
func (s *spool) remove() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// outcomeRow is one line of the table of outcomes.
type outcomeRow struct {
	name, source, result string
	warnings             []string
	firstError           string
	invalid, failed      bool // the cell had errors; its files could not be written
}

// tabulate works out the table of outcomes, one row per cell.
func tabulate(outcomes []*cellOutcome) []outcomeRow {
	rows := make([]outcomeRow, len(outcomes))
	for i, o := range outcomes {
		var errors []string
		row := &rows[i]
		row.name, row.source = o.name, o.source
		for _, p := range o.problems {
			if p.Warning {
				row.warnings = append(row.warnings, p.String())
			} else {
				errors = append(errors, p.String())
			}
		}
		row.result = "đã tạo " + strings.Join(o.written, ", ")
		switch {
		case o.skipped:
			row.result = "đã có, bỏ qua"
		case len(errors) == 0 && !o.started:
			row.result = "chưa làm (đã dừng)"
		case len(errors) > 0:
			row.invalid = true
			row.result = "có lỗi, không tạo"
			row.firstError = errors[0]
			if len(errors) > 1 {
				row.firstError += fmt.Sprintf(" (và %d lỗi khác)", len(errors)-1)
			}
		case o.failure != "":
			row.failed = true
			row.result = "không ghi được"
			row.firstError = o.failure
		}
	}
	return rows
}

// printOutcomes prints the table of outcomes to stdout and every problem to stderr, and counts
// the cells with errors and those whose files could not be written. total is how many cells the
// inputs hold: more than the outcomes when the batch was interrupted before reading them all.
func printOutcomes(opts *batchOptions, outcomes []*cellOutcome, total int) (invalid, failed int) {
	tw := tabwriter.NewWriter(opts.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STT\tChi, đảng bộ\tKết quả\tCảnh báo\tLỗi")
	for i, row := range tabulate(outcomes) {
		if row.invalid {
			invalid++
		}
		if row.failed {
			failed++
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\n", i+1, row.name, row.result, len(row.warnings), row.firstError)
		for _, p := range outcomes[i].problems {
			fmt.Fprintln(opts.Stderr, p)
		}
	}
	tw.Flush()
	made, skipped, waiting := 0, 0, max(total-len(outcomes), 0)
	for _, o := range outcomes {
		switch {
		case o.skipped:
			skipped++
		case len(o.written) > 0 && o.failure == "":
			made++
		case o.ok && !o.started:
			waiting++
		}
	}
	summary := fmt.Sprintf("Tổng cộng: %d chi, đảng bộ; %d đã tạo, %d có lỗi, %d không ghi được", max(total, len(outcomes)), made, invalid, failed)
	if skipped > 0 {
		summary += fmt.Sprintf(", %d bỏ qua vì đã có", skipped)
	}
	if waiting > 0 {
		summary += fmt.Sprintf(", %d chưa làm", waiting)
	}
	fmt.Fprintln(opts.Stdout, summary+".")
	return invalid, failed
}

// allExist reports whether every output of a cell is in the folder already.
func allExist(dir, slug string, outputs []format) bool {
	for _, out := range outputs {
		if _, err := os.Lstat(filepath.Join(dir, slug+out.ext)); err != nil {
			return false
		}
	}
	return true
}

// progress tells how far a batch has got, on standard error.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	terminal bool
	total    int
	count    int
}

func newProgress(w io.Writer, terminal bool, total int) *progress {
	return &progress{w: w, terminal: terminal, total: total}
}

// expect sets how many cells there are in all, as far as the inputs have been read.
func (p *progress) expect(total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total = total
}

// done records one more cell finished: a redrawn bar on a terminal, a line elsewhere.
func (p *progress) done(name, status string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.count++
	if !p.terminal {
		fmt.Fprintf(p.w, "[%d/%d] %s: %s\n", p.count, p.total, name, status)
		return
	}
	const width = 30
	filled := width * p.count / max(p.total, 1)
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), p.count, p.total)
}

// finish ends the bar's line on a terminal.
func (p *progress) finish() {
	if p.terminal && p.count > 0 {
		fmt.Fprintln(p.w)
	}
}
