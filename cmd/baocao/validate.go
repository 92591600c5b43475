package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// validateOptions are the arguments of "baocao validate".
type validateOptions struct {
	Files []string

	Stdout, Stderr io.Writer
}

// newValidateCmd builds "baocao validate". runF replaces runValidate in tests of the flags alone.
func newValidateCmd(stdout, stderr io.Writer, runF func(*validateOptions) error) *cobra.Command {
	opts := &validateOptions{Stdout: stdout, Stderr: stderr}
	return &cobra.Command{
		Use:     "validate TỆP...",
		Short:   "Kiểm tra tệp YAML, in mọi lỗi và cảnh báo, không ghi gì",
		Example: "  baocao validate samples/*.yaml",
		Args:    requireFiles,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runValidate(opts)
		},
	}
}

// runValidate checks every file and prints what it finds.
func runValidate(opts *validateOptions) error {
	invalid, failed := 0, 0
	for _, file := range opts.Files {
		doc, err := loadDocument(file, opts.Stderr)
		switch {
		case err != nil:
			fmt.Fprintln(opts.Stderr, err)
			failed++
		case doc == nil:
			invalid++
		default:
			fmt.Fprintf(opts.Stdout, "%s: hợp lệ\n", file)
		}
	}
	switch {
	case failed > 0:
		return fmt.Errorf("%d tệp không đọc được", failed)
	case invalid > 0:
		return invalidInputError{files: invalid}
	}
	return nil
}
