//go:build unix

package tonghop_test

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"baocao/layouts/input"
)

// TestReceivedNamedPipe: a named pipe given as a received PDF is refused unopened, and one in
// the folder is passed over: neither blocks the report.
func TestReceivedNamedPipe(t *testing.T) {
	cs := receivedCells(1)
	dir := t.TempDir()
	file := writeFiles(t, dir, map[string][]byte{"a.yaml": cs[0].yaml()}, []byte("mau: tong-hop\nngay: 2021-04-19\nnguon: [nhan, ong.pdf]\nphai_bao_cao: [Chi bộ Phòng Số 1]\nky: {ho_ten: B}\n"))
	for _, name := range []string{"ong.pdf", "nhan/ong-2.docx"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	done := make(chan string, 1)
	go func() {
		in, _ := readReport(t, file, input.Options{})
		done <- in.Problems.Error()
	}()
	select {
	case got := <-done:
		if want := filepath.Join(dir, "ong.pdf") + ": không phải tệp thường (thiết bị, ống dẫn…); không đọc"; got != want {
			t.Errorf("problems:\n%s\nwant:\n%s", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the consolidated report blocked on a named pipe")
	}
}

// TestDueListNamedPipe: a named pipe given as the list of cells due is refused unopened.
func TestDueListNamedPipe(t *testing.T) {
	cs := receivedCells(1)
	dir := t.TempDir()
	file := writeFiles(t, dir, map[string][]byte{"a.yaml": cs[0].yaml()}, []byte("mau: tong-hop\nngay: 2021-04-19\nnguon: [nhan]\nphai_bao_cao: ong.csv\nky: {ho_ten: B}\n"))
	if err := syscall.Mkfifo(filepath.Join(dir, "ong.csv"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan string, 1)
	go func() {
		in, _ := readReport(t, file, input.Options{})
		done <- in.Problems.Error()
	}()
	select {
	case got := <-done:
		if want := filepath.Join(dir, "ong.csv") + ": không phải tệp thường (thiết bị, ống dẫn…); không đọc"; got != want {
			t.Errorf("problems:\n%s\nwant:\n%s", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the list of cells due blocked on a named pipe")
	}
}
