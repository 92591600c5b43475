package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

// TestWriteFileAtomicNewFile writes a new file with its bytes and mode, and leaves no temporary file.
func TestWriteFileAtomicNewFile(t *testing.T) {
	for _, force := range []bool{false, true} {
		dir := t.TempDir()
		path := filepath.Join(dir, "ra.pdf")
		data := []byte("%PDF-1.4 nội dung")
		if err := writeFileAtomic(path, data, force); err != nil {
			t.Fatalf("force=%v: %v", force, err)
		}
		if got := readFile(t, path); !bytes.Equal(got, data) {
			t.Errorf("force=%v: file holds %q, want %q", force, got, data)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o644 {
			t.Errorf("force=%v: mode %v, want 0644", force, st.Mode().Perm())
		}
		assertDirHolds(t, dir, "ra.pdf")
	}
}

// TestWriteFileAtomicKeepsExisting refuses to replace a file without force, keeping its bytes.
func TestWriteFileAtomicKeepsExisting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ra.pdf")
	old := []byte("bản cũ")
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(path, []byte("bản mới"), false)
	if !errors.Is(err, errOutputExists) {
		t.Fatalf("err = %v, want errOutputExists", err)
	}
	if want := path + ": tệp đã có; thêm --force để ghi đè"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	if got := readFile(t, path); !bytes.Equal(got, old) {
		t.Errorf("file holds %q, want it unchanged %q", got, old)
	}
	assertDirHolds(t, dir, "ra.pdf")
}

// TestWriteFileAtomicForceReplaces replaces an existing file with force.
func TestWriteFileAtomicForceReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ra.pdf")
	if err := os.WriteFile(path, []byte("bản cũ"), 0o600); err != nil {
		t.Fatal(err)
	}
	data := []byte("bản mới")
	if err := writeFileAtomic(path, data, true); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); !bytes.Equal(got, data) {
		t.Errorf("file holds %q, want %q", got, data)
	}
	assertDirHolds(t, dir, "ra.pdf")
}

// TestWriteFileAtomicMissingFolder fails in a folder that does not exist, with a Vietnamese
// message, creating neither the folder nor any file.
func TestWriteFileAtomicMissingFolder(t *testing.T) {
	for _, force := range []bool{false, true} {
		dir := t.TempDir()
		path := filepath.Join(dir, "khong-co", "ra.pdf")
		err := writeFileAtomic(path, []byte("x"), force)
		if err == nil {
			t.Fatalf("force=%v: no error", force)
		}
		if want := path + ": thư mục không tồn tại"; err.Error() != want {
			t.Errorf("force=%v: err = %q, want %q", force, err, want)
		}
		assertDirHolds(t, dir)
	}
}

// TestWriteFileAtomicFailsAfterTempFile fails at the last step (the target is a folder, which a
// file cannot replace), after the temporary file was written: it must be removed.
func TestWriteFileAtomicFailsAfterTempFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ra.pdf")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "giu.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(path, []byte("x"), true); err == nil {
		t.Fatal("no error writing over a folder")
	}
	assertDirHolds(t, dir, "ra.pdf")
	assertDirHolds(t, path, "giu.txt")
}

// TestWriteFailure classifies injected system errors, Windows and Unix ones, as the message that
// tells the user what to do; the system's English never shows.
func TestWriteFailure(t *testing.T) {
	wrap := func(err error) error { return &os.PathError{Op: "rename", Path: "x.pdf", Err: err} }
	link := func(err error) error { return &os.LinkError{Op: "link", Old: "a", New: "b", Err: err} }
	open, readOnly := target{exists: true}, target{exists: true, readOnly: true}
	tests := []struct {
		name string
		err  error
		goos string
		t    target
		want string
	}{
		// Windows: a file held open by Acrobat or Word.
		{"sharing violation", wrap(syscall.Errno(32)), "windows", open, locked},
		{"lock violation", wrap(syscall.Errno(33)), "windows", open, locked},
		{"access denied on a file that is there", wrap(syscall.Errno(5)), "windows", open, locked},
		// Windows: disk full, read-only.
		{"disk full", wrap(syscall.Errno(112)), "windows", target{}, diskFull},
		{"handle disk full", wrap(syscall.Errno(39)), "windows", target{}, diskFull},
		{"write-protected disk", wrap(syscall.Errno(19)), "windows", target{}, readOnlyDisk},
		{"access denied on a read-only file", wrap(syscall.Errno(5)), "windows", readOnly, readOnlyFile},
		{"access denied on a new file", wrap(syscall.Errno(5)), "windows", target{}, noPermission},
		{"invalid name", wrap(syscall.Errno(123)), "windows", target{}, badName},
		// The same numbers mean other things elsewhere: 5 is EIO on Linux, never "locked".
		{"code 5 on linux", wrap(syscall.Errno(5)), "linux", open, "không ghi được tệp (mã lỗi 5 của hệ điều hành)"},
		{"code 112 on linux", wrap(syscall.Errno(112)), "linux", target{}, "không ghi được tệp (mã lỗi 112 của hệ điều hành)"},
		// Unix.
		{"ENOSPC", wrap(syscall.ENOSPC), "linux", target{}, diskFull},
		{"EDQUOT", link(syscall.EDQUOT), "linux", target{}, diskFull},
		{"EROFS", wrap(syscall.EROFS), "linux", open, readOnlyDisk},
		{"EACCES", wrap(syscall.EACCES), "linux", target{}, noPermission},
		{"EPERM", link(syscall.EPERM), "darwin", target{}, noPermission},
		{"ETXTBSY", wrap(syscall.ETXTBSY), "linux", open, locked},
		{"ENOENT", wrap(syscall.ENOENT), "linux", target{}, "thư mục không tồn tại"},
		{"ENOTDIR", wrap(syscall.ENOTDIR), "linux", target{}, "một phần của đường dẫn là tệp chứ không phải thư mục"},
		{"EISDIR", wrap(syscall.EISDIR), "linux", open, "đã có một thư mục trùng tên; hãy chọn tên tệp khác"},
		{"ENAMETOOLONG", wrap(syscall.ENAMETOOLONG), "linux", target{}, "tên tệp hoặc đường dẫn quá dài"},
		{"not a system error", errors.New("short write"), "linux", target{}, "không ghi được tệp"},
		// A folder with the output's name, which a file cannot replace.
		{"rename over a folder", wrap(syscall.EEXIST), "linux", target{exists: true, folder: true}, folderInTheWay},
		{"rename over a full folder", wrap(syscall.ENOTEMPTY), "linux", target{exists: true, folder: true}, folderInTheWay},
		{"rename over a folder on Windows", wrap(syscall.Errno(5)), "windows", target{exists: true, folder: true}, folderInTheWay},
	}
	for _, tc := range tests {
		if got := writeFailure(tc.err, tc.goos, tc.t); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestReadFailure classifies injected errors of reading an input.
func TestReadFailure(t *testing.T) {
	wrap := func(err error) error { return &os.PathError{Op: "open", Path: "a.yaml", Err: err} }
	tests := []struct {
		err  error
		goos string
		want string
	}{
		{wrap(syscall.Errno(32)), "windows", "tệp đang được một chương trình khác giữ; hãy đóng chương trình đó rồi chạy lại"},
		{wrap(syscall.Errno(32)), "linux", "không đọc được tệp (mã lỗi 32 của hệ điều hành)"},
		{wrap(syscall.ENOENT), "linux", "không có tệp này"},
		{wrap(syscall.EACCES), "linux", "không có quyền truy cập"},
		{wrap(syscall.EISDIR), "linux", "là một thư mục, không phải một tệp"},
		{wrap(syscall.ENOTDIR), "linux", "một phần của đường dẫn là tệp chứ không phải thư mục"},
		{wrap(syscall.EIO), "linux", "không đọc được tệp (mã lỗi 5 của hệ điều hành)"},
		{errors.New("unexpected EOF"), "linux", "không đọc được tệp"},
	}
	for _, tc := range tests {
		if got := readFailure(tc.err, tc.goos); got != tc.want {
			t.Errorf("readFailure(%v, %s) = %q, want %q", tc.err, tc.goos, got, tc.want)
		}
	}
}

// TestWriteFileAtomicOverAFolder says so in Vietnamese when the output's name is taken by a folder.
func TestWriteFileAtomicOverAFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ra.pdf")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(path, []byte("x"), true)
	if want := path + ": đã có một thư mục trùng tên; hãy chọn tên tệp khác"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// TestEndsWithSeparator: "ra/" names a folder everywhere, "ra\" on Windows only (elsewhere a
// backslash may be part of a file name).
func TestEndsWithSeparator(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"ra/", true}, {"ra-moi/", true}, {"a/b/", true}, {"ra", false}, {"ra.pdf", false}, {"", false},
		{`ra\`, runtime.GOOS == "windows"}, {`C:\bao-cao\ra\`, runtime.GOOS == "windows"},
	}
	for _, tc := range tests {
		if got := endsWithSeparator(tc.path); got != tc.want {
			t.Errorf("endsWithSeparator(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}
