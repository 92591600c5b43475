package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"baocao/layouts"
	"baocao/layouts/input"
)

// validateOptions are the arguments of "baocao validate".
type validateOptions struct {
	Files []string
	Input input.Options // --no-convert

	Stdout, Stderr io.Writer
}

// newValidateCmd builds "baocao validate". runF replaces runValidate in tests of the flags alone.
func newValidateCmd(stdout, stderr io.Writer, runF func(*validateOptions) error) *cobra.Command {
	opts := &validateOptions{Stdout: stdout, Stderr: stderr, Input: input.Options{Files: input.OSFiles, NoCellData: true}}
	c := &cobra.Command{
		Use:     "validate TỆP...",
		Short:   "Kiểm tra tệp YAML (cả tệp danh sách nhiều chi bộ), in mọi lỗi và cảnh báo, không ghi gì",
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
	c.Flags().BoolVar(&opts.Input.NoConvert, "no-convert", false, noConvertUsage)
	return c
}

// runValidate checks every file and prints what it finds.
func runValidate(opts *validateOptions) error {
	invalid, failed := 0, 0
	for _, file := range opts.Files {
		data, err := readInput(file)
		if err != nil {
			fmt.Fprintln(opts.Stderr, err)
			failed++
			continue
		}
		good, problems := layouts.Check(file, data, opts.Input)
		for _, p := range problems.Sorted() {
			fmt.Fprintln(opts.Stderr, p)
		}
		switch {
		case problems.HasErrors():
			invalid++
		case good > 1:
			fmt.Fprintf(opts.Stdout, "%s: hợp lệ (%d báo cáo)\n", file, good)
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
