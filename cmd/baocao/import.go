package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"baocao/layouts/importer"
)

// importOptions are the flags and arguments of "baocao import".
type importOptions struct {
	Files  []string
	Output string // -o: a folder for the YAML files, or one .yaml file for one report
	Force  bool

	Stdout, Stderr io.Writer
}

// newImportCmd builds "baocao import". runF replaces runImport in tests of the flags alone.
func newImportCmd(stdout, stderr io.Writer, runF func(*importOptions) error) *cobra.Command {
	opts := &importOptions{Stdout: stdout, Stderr: stderr}
	c := &cobra.Command{
		Use:   "import [tùy chọn] TỆP...",
		Short: "Đọc lại báo cáo nhận được (Word .docx, PDF do baocao tạo) thành tệp YAML",
		Long: `Đọc lại mỗi báo cáo nhận được thành tệp YAML theo mẫu (mau: dang-ky), để kiểm tra,
sửa và tổng hợp. Đọc được: tệp Word (.docx) gõ tay theo mẫu của Kế hoạch 46-KH/ĐUK, tệp Word và
PDF do baocao tạo. Tệp YAML nằm cạnh tệp vào, cùng tên (hoặc trong thư mục -o). Mọi chỗ không
đọc được hoặc phải đoán (như loại mô hình) đều được in ra kèm vị trí; tệp có lỗi thì không ghi gì.
Tệp đã có không bị ghi đè nếu không có --force.`,
		Example: `  baocao import bao-cao-chi-bo.docx
  baocao import -o da-nhap/ nhan-duoc/*.docx nhan-duoc/*.pdf`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{"cần ít nhất một tệp báo cáo (.docx hoặc .pdf)"}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runImport(opts)
		},
	}
	c.Flags().StringVarP(&opts.Output, "output", "o", "", "ghi các tệp YAML vào `THU_MUC` này; với một tệp vào: có thể là một tệp .yaml")
	c.Flags().BoolVar(&opts.Force, "force", false, "ghi đè tệp đã có")
	return c
}

// runImport reads every file; a bad file does not stop the others.
func runImport(opts *importOptions) error {
	outDir, outFile, err := importTarget(opts.Output, len(opts.Files))
	if err != nil {
		return err
	}
	invalid, failed := 0, 0
	for _, file := range opts.Files {
		data, err := readReceived(file)
		if err != nil {
			fmt.Fprintln(opts.Stderr, err)
			failed++
			continue
		}
		res := importer.Import(file, data)
		for _, p := range res.Problems.Sorted() {
			fmt.Fprintln(opts.Stderr, p)
		}
		if res.Problems.HasErrors() || len(res.Reports) == 0 {
			invalid++
			continue
		}
		if outFile != "" && len(res.Reports) > 1 {
			fmt.Fprintf(opts.Stderr, "%s: tệp có %d báo cáo nên -o phải là một thư mục\n", file, len(res.Reports))
			failed++
			continue
		}
		for i, yaml := range res.Reports {
			out := outputPath(outFile, outDir, importName(file, i, len(res.Reports)))
			if err := writeFileAtomic(out, yaml, opts.Force); err != nil {
				fmt.Fprintln(opts.Stderr, err)
				failed++
				continue
			}
			fmt.Fprintf(opts.Stdout, "đã tạo %s\n", out)
		}
	}
	switch {
	case failed > 0:
		return fmt.Errorf("%d tệp không nhập được", failed+invalid)
	case invalid > 0:
		return invalidInputError{files: invalid}
	}
	return nil
}

// importName is the YAML file of report i of n read from file: the file's name with .yaml, and
// -01, -02, … when it holds several.
func importName(file string, i, n int) string {
	if n == 1 {
		return replaceExt(file, ".yaml")
	}
	width := max(2, len(fmt.Sprint(n)))
	return fmt.Sprintf("%s-%0*d.yaml", strings.TrimSuffix(file, filepath.Ext(file)), width, i+1)
}

// importTarget reads -o: an existing folder (or a path ending in a slash) is a folder to write
// in; a .yaml file takes the one report of one input.
func importTarget(output string, inputs int) (dir, file string, err error) {
	if output == "" {
		return "", "", nil
	}
	if st, err := os.Stat(output); (err == nil && st.IsDir()) || strings.HasSuffix(output, "/") {
		return output, "", nil
	}
	if inputs > 1 {
		return "", "", usageError{fmt.Sprintf("có %d tệp vào nên -o phải là một thư mục đã có, không phải %q", inputs, output)}
	}
	switch strings.ToLower(filepath.Ext(output)) {
	case ".yaml", ".yml":
		return "", output, nil
	}
	return "", "", usageError{fmt.Sprintf("tệp ra %q phải có đuôi .yaml, hoặc là một thư mục", output)}
}

// readReceived reads a received file no larger than import reads.
func readReceived(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, describeFileError(path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: là một thư mục, không phải một tệp báo cáo", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, importer.MaxFileSize+1))
	if err != nil {
		return nil, describeFileError(path, err)
	}
	if len(data) > importer.MaxFileSize {
		return nil, errors.New(path + ": " + importer.MsgTooLarge)
	}
	return data, nil
}
