package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"baocao/render/docx"
)

// templateExportOptions are the flags and arguments of "baocao template export".
type templateExportOptions struct {
	File  string
	Force bool

	Stdout io.Writer
}

// newTemplateCmd builds "baocao template" and its subcommand "export".
func newTemplateCmd(stdout io.Writer, runF func(*templateExportOptions) error) *cobra.Command {
	c := &cobra.Command{
		Use:   "template",
		Short: "Làm việc với mẫu DOCX",
		Args:  cobra.NoArgs,
		RunE:  func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	opts := &templateExportOptions{Stdout: stdout}
	export := &cobra.Command{
		Use:   "export [tùy chọn] TỆP.docx",
		Short: "Xuất mẫu DOCX gốc để sửa kiểu chữ, giãn dòng trong Word",
		Long: `Xuất mẫu DOCX gốc ra một tệp. Mở tệp trong Word, sửa các kiểu (style) "Báo cáo - …" như ý,
giữ nguyên các chỗ điền {{…}}, lưu lại, rồi dùng: baocao render --template TỆP.docx …`,
		Example: "  baocao template export mau-cua-toi.docx",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{"cần đúng một tên tệp .docx để ghi mẫu ra"}
			}
			if !strings.EqualFold(filepath.Ext(args[0]), ".docx") {
				return usageError{fmt.Sprintf("tệp mẫu %q phải có đuôi .docx", args[0])}
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runTemplateExport(opts)
		},
	}
	export.Flags().BoolVar(&opts.Force, "force", false, "ghi đè tệp đã có")
	c.AddCommand(export)
	return c
}

// runTemplateExport writes the base template.
func runTemplateExport(opts *templateExportOptions) error {
	t, err := docx.Base()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := t.WriteTo(&buf); err != nil {
		return err
	}
	if err := writeFileAtomic(opts.File, buf.Bytes(), opts.Force); err != nil {
		return err
	}
	fmt.Fprintf(opts.Stdout, "đã tạo %s\n", opts.File)
	return nil
}
