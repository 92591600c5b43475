package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"baocao/render/pdf"
)

// renderOptions are the flags and arguments of "baocao render".
type renderOptions struct {
	Files  []string
	Output string // -o: an output file for one input, or a folder
	Force  bool

	Stdout, Stderr io.Writer
}

// newRenderCmd builds "baocao render". runF replaces runRender in tests of the flags alone.
func newRenderCmd(stdout, stderr io.Writer, runF func(*renderOptions) error) *cobra.Command {
	opts := &renderOptions{Stdout: stdout, Stderr: stderr}
	c := &cobra.Command{
		Use:   "render [tùy chọn] TỆP...",
		Short: "Tạo văn bản PDF từ tệp YAML",
		Long: `Tạo văn bản PDF từ mỗi tệp YAML. Mặc định tệp PDF nằm cạnh tệp YAML, cùng tên.
Tệp có lỗi thì không ghi gì và lỗi được in kèm số dòng. Tệp đã có không bị ghi đè nếu không có --force.`,
		Example: "  baocao render samples/chi-bo-so-tai-chinh.yaml\n  baocao render -o ra/ a.yaml b.yaml",
		Args:    requireFiles,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runRender(opts)
		},
	}
	c.Flags().StringVarP(&opts.Output, "output", "o", "", "ghi ra `TEP` PDF này; với nhiều tệp vào: một thư mục")
	c.Flags().BoolVar(&opts.Force, "force", false, "ghi đè tệp đã có")
	return c
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
	invalid, failed := 0, 0
	for _, file := range opts.Files {
		doc, err := loadDocument(file, opts.Stderr)
		if err != nil {
			fmt.Fprintln(opts.Stderr, err)
			failed++
			continue
		}
		if doc == nil {
			invalid++
			continue
		}
		var buf bytes.Buffer
		if err := (pdf.Renderer{}).Render(&buf, doc); err != nil {
			fmt.Fprintf(opts.Stderr, "%s: không tạo được PDF: %v\n", file, err)
			failed++
			continue
		}
		out := outFile
		if out == "" {
			out = replaceExt(file, ".pdf")
			if outDir != "" {
				out = filepath.Join(outDir, filepath.Base(out))
			}
		}
		if err := writeFileAtomic(out, buf.Bytes(), opts.Force); err != nil {
			fmt.Fprintln(opts.Stderr, err)
			failed++
			continue
		}
		fmt.Fprintf(opts.Stdout, "đã tạo %s\n", out)
	}
	switch {
	case failed > 0:
		return fmt.Errorf("%d tệp không tạo được", failed+invalid)
	case invalid > 0:
		return invalidInputError{files: invalid}
	}
	return nil
}

// outputTarget reads -o: an existing folder (or a path ending in a slash) is a folder to write in;
// anything else is one PDF file, which needs exactly one input.
func outputTarget(output string, inputs int) (dir, file string, err error) {
	if output == "" {
		return "", "", nil
	}
	if st, err := os.Stat(output); (err == nil && st.IsDir()) || strings.HasSuffix(output, "/") {
		return output, "", nil
	}
	if inputs > 1 {
		return "", "", usageError{fmt.Sprintf("có %d tệp vào nên -o phải là một thư mục đã có, không phải %q", inputs, output)}
	}
	if !strings.EqualFold(filepath.Ext(output), ".pdf") {
		return "", "", usageError{fmt.Sprintf("tệp ra %q phải có đuôi .pdf", output)}
	}
	return "", output, nil
}

// replaceExt swaps a file name's extension.
func replaceExt(path, ext string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ext
}
