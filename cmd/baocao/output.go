package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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
// file is kept and errOutputExists returned.
func writeFileAtomic(path string, data []byte, force bool) (err error) {
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
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return describeWriteError(path, err)
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

// describeWriteError says in Vietnamese why an output could not be written.
func describeWriteError(path string, err error) error {
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	switch {
	case errors.As(err, &pathErr):
		err = pathErr.Err
	case errors.As(err, &linkErr):
		err = linkErr.Err
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%s: ổ đĩa đã đầy; không ghi được tệp", path)
	case errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%s: thư mục chỉ cho đọc, không ghi được", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: không có quyền ghi vào thư mục này", path)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: thư mục không tồn tại", path)
	default:
		return fmt.Errorf("%s: không ghi được tệp (%v)", path, err)
	}
}
