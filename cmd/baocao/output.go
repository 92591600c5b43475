package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// errOutputExists is returned when the output file is there already and --force was not given.
var errOutputExists = errors.New("tệp đã có; thêm --force để ghi đè")

// tempFile is what writeFileAtomic needs of a temporary file.
type tempFile interface {
	io.Writer
	Name() string
	Sync() error
	Close() error
}

// createTemp makes the temporary file of writeFileAtomic; tests replace it to simulate a full disk.
var createTemp = func(dir, pattern string) (tempFile, error) { return os.CreateTemp(dir, pattern) }

// writeFileAtomic writes data to path through a temporary file in the same folder, renamed into
// place only when complete, so that a failure leaves no partial file. Without force an existing
// file is kept and errOutputExists returned; a folder of that name is never replaced.
func writeFileAtomic(path string, data []byte, force bool) error {
	return writeAtomic(path, force, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomic is writeFileAtomic for a file written piece by piece: write writes it to the
// temporary file. An error of write that is not the file's own is said as it is, after the path.
func writeAtomic(path string, force bool, write func(io.Writer) error) (err error) {
	if statTarget(path).folder {
		return fmt.Errorf("%s: %s", path, folderInTheWay) // --force would not help
	}
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w", path, errOutputExists)
		}
	}
	tmp, err := createTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return describeWriteError(path, err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	w := &recordingWriter{w: tmp}
	if err := write(w); err != nil {
		tmp.Close()
		if w.err != nil {
			return describeWriteError(path, w.err)
		}
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return describeWriteError(path, err)
	}
	if err := tmp.Close(); err != nil {
		return describeWriteError(path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return describeWriteError(path, err)
	}
	if force {
		if err := os.Rename(tmp.Name(), path); err != nil {
			return describeWriteError(path, err)
		}
		return nil
	}
	// A hard link fails if the file appeared in the meantime, where a rename would replace it.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, errOutputExists)
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			return describeWriteError(path, err)
		}
		return nil
	}
	return os.Remove(tmp.Name())
}

// recordingWriter keeps the first error of the file it writes to, so that a write error is told
// as the file's whatever the writer above it made of it.
type recordingWriter struct {
	w   io.Writer
	err error
}

func (r *recordingWriter) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if err != nil && r.err == nil {
		r.err = err
	}
	return n, err
}

// Windows error codes (winerror.h) that an output can meet, as syscall.Errno values so that the
// classification compiles, and is tested, on every system. On other systems these numbers mean
// other things (5 is EIO on Linux), so they are read only for Windows.
const (
	winAccessDenied     = syscall.Errno(5)   // ERROR_ACCESS_DENIED
	winWriteProtect     = syscall.Errno(19)  // ERROR_WRITE_PROTECT
	winSharingViolation = syscall.Errno(32)  // ERROR_SHARING_VIOLATION
	winLockViolation    = syscall.Errno(33)  // ERROR_LOCK_VIOLATION
	winHandleDiskFull   = syscall.Errno(39)  // ERROR_HANDLE_DISK_FULL
	winDiskFull         = syscall.Errno(112) // ERROR_DISK_FULL
	winInvalidName      = syscall.Errno(123) // ERROR_INVALID_NAME
)

// target is what is known of the file an output was going to: whether it is there, whether it is
// marked read-only, and whether a folder has its name.
type target struct {
	exists, readOnly, folder bool
}

// statTarget looks at the file at path.
func statTarget(path string) target {
	st, err := os.Lstat(path)
	if err != nil {
		return target{}
	}
	return target{exists: true, readOnly: st.Mode().IsRegular() && st.Mode().Perm()&0o200 == 0, folder: st.IsDir()}
}

// describeWriteError says in Vietnamese why an output could not be written.
func describeWriteError(path string, err error) error {
	return fmt.Errorf("%s: %s", path, writeFailure(err, runtime.GOOS, statTarget(path)))
}

// writeFailure says why a write failed, from the system's error code on goos and what is known of
// the target file, in words that tell the user what to do. It never shows the system's English.
func writeFailure(err error, goos string, t target) string {
	if t.folder && (errors.Is(err, fs.ErrExist) || errors.Is(err, syscall.EISDIR)) {
		return folderInTheWay // a file cannot replace it
	}
	errno, isErrno := systemError(err)
	if goos == "windows" && isErrno {
		switch errno {
		case winSharingViolation, winLockViolation:
			return locked
		case winDiskFull, winHandleDiskFull:
			return diskFull
		case winWriteProtect:
			return readOnlyDisk
		case winAccessDenied:
			// Windows refuses to replace a file that another program holds open, or that is
			// marked read-only, with the same code as a folder the user may not write in.
			switch {
			case t.folder:
				return folderInTheWay
			case t.exists && t.readOnly:
				return readOnlyFile
			case t.exists:
				return locked
			}
			return noPermission
		case winInvalidName:
			return badName
		}
	}
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return diskFull
	case errors.Is(err, syscall.EROFS):
		return readOnlyDisk
	case errors.Is(err, syscall.ETXTBSY):
		return locked
	case errors.Is(err, fs.ErrPermission):
		return noPermission
	case errors.Is(err, fs.ErrNotExist):
		return "thư mục không tồn tại"
	case errors.Is(err, syscall.ENOTDIR):
		return "một phần của đường dẫn là tệp chứ không phải thư mục"
	case errors.Is(err, syscall.EISDIR):
		return folderInTheWay
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "tên tệp hoặc đường dẫn quá dài"
	case errors.Is(err, syscall.EINVAL):
		return badName
	case isErrno:
		return fmt.Sprintf("không ghi được tệp (mã lỗi %d của hệ điều hành)", uintptr(errno))
	}
	return "không ghi được tệp"
}

// The messages of writeFailure shared by several causes.
const (
	locked       = "tệp đang được mở trong một chương trình khác (Acrobat, Word…); hãy đóng tệp đó rồi chạy lại"
	diskFull     = "ổ đĩa đã đầy; không ghi được tệp"
	readOnlyDisk = "ổ đĩa hoặc thư mục chỉ cho đọc, không ghi được"
	readOnlyFile = "tệp đã có được đặt chỉ cho đọc; hãy bỏ thuộc tính chỉ đọc của tệp hoặc ghi ra tên khác"
	noPermission = "không có quyền ghi vào thư mục này"
	badName      = "tên tệp có ký tự không được phép (như : * ? \" < > |)"
	// folderInTheWay: a folder has the output's name.
	folderInTheWay = "đã có một thư mục trùng tên; hãy chọn tên tệp khác"
)

// systemError returns the system's error code inside err, if any.
func systemError(err error) (syscall.Errno, bool) {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno, true
	}
	return 0, false
}
