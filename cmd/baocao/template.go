package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"baocao/layouts/workbook"
	"baocao/render/docx"
)

// templateExportOptions are the flags and arguments of "baocao template export".
type templateExportOptions struct {
	File  string // the DOCX template to write; "" with Xlsx alone
	Xlsx  string // --xlsx: the empty roster workbook to write
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
		Use:   "export [tùy chọn] [TỆP.docx] [--xlsx DANH-SACH.xlsx]",
		Short: "Xuất mẫu DOCX gốc để sửa kiểu chữ, giãn dòng trong Word, hoặc mẫu danh sách Excel",
		Long: `Xuất mẫu DOCX gốc ra một tệp. Mở tệp trong Word, sửa các kiểu (style) "Báo cáo - …" như ý,
giữ nguyên các chỗ điền {{…}}, lưu lại, rồi dùng: baocao render --template TỆP.docx …

Với --xlsx: xuất bảng tính Excel trống để các chi, đảng bộ điền (trang "Danh sách", "Mô hình",
"Gương", có một dòng mẫu và danh sách chọn), rồi dùng: baocao batch DANH-SACH.xlsx -o ra/`,
		Example: "  baocao template export mau-cua-toi.docx\n  baocao template export --xlsx danh-sach.xlsx",
		Args: func(c *cobra.Command, args []string) error {
			xlsx, _ := c.Flags().GetString("xlsx")
			switch {
			case len(args) > 1 || (len(args) == 0 && xlsx == ""):
				return usageError{"cần đúng một tên tệp .docx để ghi mẫu ra, hoặc --xlsx TỆP.xlsx"}
			case len(args) == 1 && !strings.EqualFold(filepath.Ext(args[0]), ".docx"):
				return usageError{fmt.Sprintf("tệp mẫu %q phải có đuôi .docx", args[0])}
			case xlsx != "" && !strings.EqualFold(filepath.Ext(xlsx), ".xlsx"):
				return usageError{fmt.Sprintf("tệp mẫu danh sách %q phải có đuôi .xlsx", xlsx)}
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.File = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runTemplateExport(opts)
		},
	}
	export.Flags().StringVar(&opts.Xlsx, "xlsx", "", "xuất mẫu danh sách các chi, đảng bộ ra `TEP`.xlsx (Excel) để điền rồi dùng với batch")
	export.Flags().BoolVar(&opts.Force, "force", false, "ghi đè tệp đã có")
	c.AddCommand(export)
	return c
}

// runTemplateExport writes the base DOCX template, the empty roster workbook, or both.
func runTemplateExport(opts *templateExportOptions) error {
	if opts.File != "" {
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
	}
	if opts.Xlsx != "" {
		var buf bytes.Buffer
		if err := workbook.Template(&buf); err != nil {
			return err
		}
		if err := writeFileAtomic(opts.Xlsx, buf.Bytes(), opts.Force); err != nil {
			return err
		}
		fmt.Fprintf(opts.Stdout, "đã tạo %s\n", opts.Xlsx)
	}
	return nil
}
