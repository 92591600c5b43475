//go:build unix

package cells

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"baocao/layouts/input"
)

// A named pipe among the sources would block a reader for ever: it is refused without being opened.
func TestCollectRefusesANamedPipe(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "ong.yaml")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan []Cell, 1)
	go func() { done <- Collect([]string{pipe, dir}, input.Options{Files: input.OSFiles}) }()
	select {
	case got := <-done:
		if len(got) != 1 || got[0].OK() || got[0].Problems[0].Message != "không phải tệp thường (thiết bị, ống dẫn…); không đọc" {
			t.Errorf("Collect of a named pipe and its folder = %+v", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Collect blocked on a named pipe")
	}
}
