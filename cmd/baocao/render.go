package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"baocao/layouts/input"
	"baocao/render"
	"baocao/render/docx"
)

// renderOptions are the flags and arguments of "baocao render".
type renderOptions struct {
	Files    []string
	Output   string // -o: an output file for one input, or a folder
	Format   string // pdf, docx, xlsx or all; empty: from -o's extension, else pdf
	Template string // --template: a user's DOCX template
	Force    bool
	Input    input.Options // --no-convert, --skip-unreadable

	Stdout, Stderr io.Writer
	// Terminal is whether Stderr is a terminal: reading many source files shows a progress line.
	Terminal bool
}

// newRenderCmd builds "baocao render". runF replaces runRender in tests of the flags alone.
func newRenderCmd(stdout, stderr io.Writer, runF func(*renderOptions) error) *cobra.Command {
	opts := &renderOptions{Stdout: stdout, Stderr: stderr, Terminal: isTerminal(stderr), Input: input.Options{Files: input.OSFiles, NoCellData: true}}
	c := &cobra.Command{
		Use:   "render [tùy chọn] TỆP...",
		Short: "Tạo văn bản PDF hoặc DOCX từ tệp YAML",
		Long: `Tạo văn bản PDF (mặc định) hoặc DOCX từ mỗi tệp YAML. Tệp ra nằm cạnh tệp YAML, cùng tên.
Tệp có lỗi thì không ghi gì và lỗi được in kèm số dòng. Tệp đã có không bị ghi đè nếu không có --force.
Báo cáo tổng hợp (mau: tong-hop) còn tạo được bảng tính Excel: --format xlsx.`,
		Example: `  baocao render samples/chi-bo-so-tai-chinh.yaml
  baocao render --format all samples/chi-bo-so-tai-chinh.yaml
  baocao render --format xlsx samples/tong-hop-ban-tuyen-giao.yaml
  baocao render -o bao-cao.docx --template mau-cua-toi.docx bao-cao.yaml
  baocao render -o ra/ a.yaml b.yaml`,
		Args: requireFiles,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runRender(opts)
		},
	}
	c.Flags().StringVarP(&opts.Output, "output", "o", "", "ghi ra `TEP` này (.pdf, .docx hoặc .xlsx); với nhiều tệp vào: một thư mục")
	c.Flags().StringVar(&opts.Format, "format", "", "định dạng: pdf, docx, xlsx (Excel, chỉ cho báo cáo tổng hợp) hoặc all (pdf và docx); mặc định theo đuôi của -o, không có thì pdf")
	c.Flags().StringVar(&opts.Template, "template", "", "tạo DOCX theo `MAU`.docx của mình (xuất mẫu gốc bằng \"baocao template export\")")
	c.Flags().BoolVar(&opts.Force, "force", false, "ghi đè tệp đã có")
	c.Flags().BoolVar(&opts.Input.NoConvert, "no-convert", false, noConvertUsage)
	c.Flags().BoolVar(&opts.Input.SkipUnreadable, "skip-unreadable", false, "báo cáo tổng hợp: bỏ qua tệp nhận được không đọc được hoặc có lỗi (và liệt kê chúng) thay vì dừng")
	return c
}

// minProgressFiles is how many source files it takes to show a progress line while reading.
const minProgressFiles = 20

// readingProgress is the progress line of reading a consolidated report's many source files
// (nguon) on a terminal, redrawn in place and ended after the last file; nil elsewhere, so that
// logs and redirected output stay as they were. (batch reads as it renders: its bar tells both.)
func readingProgress(w io.Writer, terminal bool) func(done, total int) {
	if !terminal {
		return nil
	}
	return func(done, total int) {
		if total < minProgressFiles {
			return
		}
		fmt.Fprintf(w, "\rĐang đọc các tệp báo cáo: %d/%d", done, total)
		if done == total {
			fmt.Fprintln(w)
		}
	}
}

// requireFiles is the arguments' check of commands that take input files.
func requireFiles(_ *cobra.Command, args []string) error {
	if len(args) == 0 {
		return usageError{"cần ít nhất một tệp YAML"}
	}
	return nil
}

// runRender renders every file; a bad file does not stop the others.
func runRender(opts *renderOptions) error {
	outDir, outFile, err := outputTarget(opts.Output, len(opts.Files))
	if err != nil {
		return err
	}
	outputs, err := chooseOutputs(opts, outFile)
	if err != nil {
		return err
	}
	opts.Input.Progress = readingProgress(opts.Stderr, opts.Terminal)
	invalid, failed := 0, 0
	madeDir := false // the folder of -o is made before the first file is written in it
	for _, file := range opts.Files {
		doc, err := loadDocument(file, opts.Stderr, opts.Input)
		if err != nil {
			fmt.Fprintln(opts.Stderr, err)
			failed++
			continue
		}
		if doc == nil {
			invalid++
			continue
		}
		if !slices.ContainsFunc(outputs, func(o format) bool { return o.workbook }) {
			// A consolidated report's sheets are no part of its PDF or DOCX: let them go before
			// the page formats render (6 MB of cells for 1,000 cells, held at their peak).
			doc.Workbook = nil
		}
		if outDir != "" && !madeDir {
			if err := os.MkdirAll(outDir, 0o755); err != nil {
				fmt.Fprintln(opts.Stderr, describeWriteError(outDir, err))
				return fmt.Errorf("%d tệp không tạo được", len(opts.Files))
			}
			madeDir = true
		}
		for _, o := range outputs {
			if err := o.check(file, doc); err != nil {
				fmt.Fprintln(opts.Stderr, err)
				failed++
				continue
			}
			out := outputPath(outFile, outDir, replaceExt(file, o.ext))
			if err := renderTo(out, o.renderer, doc, opts.Force); err != nil {
				fmt.Fprintln(opts.Stderr, err)
				failed++
				continue
			}
			fmt.Fprintf(opts.Stdout, "đã tạo %s\n", out)
		}
	}
	switch {
	case failed > 0:
		return fmt.Errorf("%d tệp không tạo được", failed+invalid)
	case invalid > 0:
		return invalidInputError{files: invalid}
	}
	return nil
}

// renderTo renders doc into memory, then writes it to path whole.
func renderTo(path string, r render.Renderer, doc *render.Document, force bool) error {
	var buf bytes.Buffer
	if err := r.Render(&buf, doc); err != nil {
		return fmt.Errorf("%s: không tạo được tệp: %v", path, err)
	}
	return writeFileAtomic(path, buf.Bytes(), force)
}

// chooseOutputs reads --format, -o and --template into the formats to write.
func chooseOutputs(opts *renderOptions, outFile string) ([]format, error) {
	chosen := strings.ToLower(opts.Format)
	if outFile != "" {
		ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(outFile)), ".")
		switch {
		case chosen == "all":
			return nil, usageError{"--format all ghi hai tệp nên -o phải là một thư mục"}
		case chosen != "" && chosen != ext:
			return nil, usageError{fmt.Sprintf("--format %s nhưng tệp ra %q có đuôi .%s", chosen, outFile, ext)}
		}
		chosen = ext
	}
	want := []string{chosen}
	switch chosen {
	case "":
		want = []string{"pdf"}
	case "all":
		want = allFormats
	}
	var outputs []format
	for _, name := range want {
		f, ok := formatNamed(name)
		if !ok {
			return nil, usageError{fmt.Sprintf("định dạng %q không hỗ trợ; chọn %s", opts.Format, joinOr(append(formatField(func(f format) string { return f.name }), "all")...))}
		}
		outputs = append(outputs, f)
	}
	if opts.Template == "" {
		return outputs, nil
	}
	if !slices.Contains(want, "docx") {
		return nil, usageError{"--template chỉ dùng cho DOCX; thêm --format docx hoặc --format all"}
	}
	t, err := readTemplate(opts.Template)
	if err != nil {
		return nil, err
	}
	for i := range outputs {
		if outputs[i].name == "docx" {
			outputs[i].renderer = docx.Renderer{Template: t}
		}
	}
	return outputs, nil
}

// maxTemplateSize bounds a user's template; the base template is about 5 kB.
const maxTemplateSize = 32 << 20

// readTemplate reads a user's DOCX template.
func readTemplate(path string) (*docx.Template, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, describeFileError(path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxTemplateSize+1))
	if err != nil {
		return nil, describeFileError(path, err)
	}
	if len(data) > maxTemplateSize {
		return nil, fmt.Errorf("%s: tệp mẫu quá lớn (giới hạn %d MiB)", path, maxTemplateSize>>20)
	}
	t, err := docx.ReadTemplate(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// outputTarget reads -o: an existing folder, or a path ending in a separator ("ra/", and "ra\"
// on Windows), is a folder to write in, made when missing; anything else is one output file,
// which needs exactly one input.
func outputTarget(output string, inputs int) (dir, file string, err error) {
	if output == "" {
		return "", "", nil
	}
	if st, err := os.Stat(output); (err == nil && st.IsDir()) || endsWithSeparator(output) {
		return output, "", nil
	}
	if inputs > 1 {
		return "", "", usageError{fmt.Sprintf("có %d tệp vào nên -o phải là một thư mục, không phải %q (thư mục mới thì viết thêm dấu / ở cuối, như ra-moi/)", inputs, output)}
	}
	exts := formatField(func(f format) string { return f.ext })
	if slices.Contains(exts, strings.ToLower(filepath.Ext(output))) {
		return "", output, nil
	}
	return "", "", usageError{fmt.Sprintf("tệp ra %q phải có đuôi %s", output, joinOr(exts...))}
}

// endsWithSeparator reports whether path ends with a path separator: "/", and on Windows "\"
// too, so that "ra\" names a folder there.
func endsWithSeparator(path string) bool {
	return path != "" && (path[len(path)-1] == '/' || os.IsPathSeparator(path[len(path)-1]))
}

// outputPath is where a file made from an input goes: -o's file when -o names one (outFile);
// otherwise name, the made file's own path beside its input, moved into -o's folder (outDir) when
// -o names a folder.
func outputPath(outFile, outDir, name string) string {
	switch {
	case outFile != "":
		return outFile
	case outDir != "":
		return filepath.Join(outDir, filepath.Base(name))
	}
	return name
}

// replaceExt swaps a file name's extension.
func replaceExt(path, ext string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ext
}
