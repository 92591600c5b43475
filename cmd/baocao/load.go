package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render"
)

// readInput reads a file no larger than the input limit.
func readInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, describeFileError(path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: là một thư mục, không phải một tệp YAML", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, input.MaxFileSize+1))
	if err != nil {
		return nil, describeFileError(path, err)
	}
	return data, nil
}

// loadDocument reads and checks one input file, printing its problems (errors and warnings) to
// stderr. It returns nil and no error when the input is invalid.
func loadDocument(path string, stderr io.Writer, opts input.Options) (*render.Document, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, err
	}
	doc, problems := layouts.Load(path, data, opts)
	for _, p := range problems.Sorted() {
		fmt.Fprintln(stderr, p)
	}
	return doc, nil
}

// noConvertUsage is the help of --no-convert, shared by the commands that read input.
const noConvertUsage = "báo lỗi thay vì tự chuyển văn bản gõ bằng bảng mã cũ (TCVN3, VNI) sang Unicode"

// describeFileError says in Vietnamese what went wrong with a file.
func describeFileError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: không có tệp này", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: không có quyền truy cập", path)
	default:
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			err = pathErr.Err
		}
		return fmt.Errorf("%s: lỗi đọc ghi tệp (%v)", path, err)
	}
}
