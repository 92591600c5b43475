package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"syscall"

	"baocao/layouts"
	"baocao/layouts/input"
	"baocao/render"
)

// readInput reads a file no larger than the largest input (a Board's file); input.Parse judges
// the size a file of its kind may have.
func readInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, describeFileError(path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: là một thư mục, không phải một tệp YAML", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, input.MaxBoardFileSize+1))
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

// describeFileError says in Vietnamese what went wrong with a file that was to be read.
func describeFileError(path string, err error) error {
	return fmt.Errorf("%s: %s", path, readFailure(err, runtime.GOOS))
}

// readFailure says why a file could not be read, from the system's error code on goos, never in
// the system's English.
func readFailure(err error, goos string) string {
	errno, isErrno := systemError(err)
	if goos == "windows" && isErrno && (errno == winSharingViolation || errno == winLockViolation) {
		return "tệp đang được một chương trình khác giữ; hãy đóng chương trình đó rồi chạy lại"
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "không có tệp này"
	case errors.Is(err, fs.ErrPermission):
		return "không có quyền truy cập"
	case errors.Is(err, syscall.EISDIR):
		return "là một thư mục, không phải một tệp"
	case errors.Is(err, syscall.ENOTDIR):
		return "một phần của đường dẫn là tệp chứ không phải thư mục"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "tên tệp hoặc đường dẫn quá dài"
	case isErrno:
		return fmt.Sprintf("không đọc được tệp (mã lỗi %d của hệ điều hành)", uintptr(errno))
	}
	return "không đọc được tệp"
}
