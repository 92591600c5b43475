//go:build unix

package tonghop_test

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"baocao/layouts/input"
)

// TestNamedPipes: a named pipe is refused unopened where the consolidated report names it (as a
// received PDF, or as the list of cells due), and passed over in a folder of received files:
// none blocks the report.
func TestNamedPipes(t *testing.T) {
	for _, c := range []struct {
		name, report string
		pipes        []string
		refused      string // the pipe the one problem names
	}{
		{"received", "mau: tong-hop\nngay: 2021-04-19\nnguon: [nhan, ong.pdf]\nphai_bao_cao: [Chi bộ Phòng Số 1]\nky: {ho_ten: B}\n",
			[]string{"ong.pdf", "nhan/ong-2.docx"}, "ong.pdf"},
		{"due list", "mau: tong-hop\nngay: 2021-04-19\nnguon: [nhan]\nphai_bao_cao: ong.csv\nky: {ho_ten: B}\n",
			[]string{"ong.csv"}, "ong.csv"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cs := receivedCells(1)
			dir := t.TempDir()
			file := writeFiles(t, dir, map[string][]byte{"a.yaml": cs[0].yaml()}, []byte(c.report))
			for _, name := range c.pipes {
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
				if want := filepath.Join(dir, c.refused) + ": không phải tệp thường (thiết bị, ống dẫn…); không đọc"; got != want {
					t.Errorf("problems:\n%s\nwant:\n%s", got, want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the consolidated report blocked on a named pipe")
			}
		})
	}
}
