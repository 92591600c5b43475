package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
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
