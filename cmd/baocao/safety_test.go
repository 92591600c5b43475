package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// fullDisk is a temporary file that takes limit bytes, then fails as a full disk does.
type fullDisk struct {
	*os.File
	limit int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) > f.limit {
		n, _ := f.File.Write(p[:f.limit])
		f.limit = 0
		return n, &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	f.limit -= len(p)
	return f.File.Write(p)
}

// withFullDisk makes every temporary output fail after limit bytes, for one test.
func withFullDisk(t *testing.T, limit int) {
	t.Helper()
	saved := createTemp
	createTemp = func(dir, pattern string) (tempFile, error) {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return nil, err
		}
		return &fullDisk{File: f, limit: limit}, nil
	}
	t.Cleanup(func() { createTemp = saved })
}

// TestDiskFullLeavesNoFile fills the disk half-way through the PDF: nothing is left, not even the
// temporary file, and the message names the path, in Vietnamese.
func TestDiskFullLeavesNoFile(t *testing.T) {
	withFullDisk(t, 4096)
	dir := t.TempDir()
	in := writeInput(t, dir, "bao-cao.yaml", minimalReport)
	out := filepath.Join(dir, "bao-cao.pdf")
	runMain("render", in).check(t, exitFailure, "", lines(out+": ổ đĩa đã đầy; không ghi được tệp", "baocao: 1 tệp không tạo được"))
	assertDirHolds(t, dir, "bao-cao.yaml")

	// The same with --force over an existing file: the old file stays whole.
	old := []byte("bản cũ")
	if err := os.WriteFile(out, old, 0o644); err != nil {
		t.Fatal(err)
	}
	runMain("render", "--force", in).check(t, exitFailure, "", lines(out+": ổ đĩa đã đầy; không ghi được tệp", "baocao: 1 tệp không tạo được"))
	assertDirHolds(t, dir, "bao-cao.yaml", "bao-cao.pdf")
	if got := readFile(t, out); string(got) != string(old) {
		t.Errorf("the existing file was changed: %q", got)
	}
}

// cancelAfter is a progress writer that interrupts the batch after n lines, as Ctrl-C would.
type cancelAfter struct {
	mu     sync.Mutex
	n      int
	cancel context.CancelFunc
	text   strings.Builder
}

func (c *cancelAfter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.text.Write(p)
	if strings.HasPrefix(string(p), "[") {
		if c.n--; c.n == 0 {
			c.cancel()
		}
	}
	return len(p), nil
}

// TestInterruptedBatch stops a batch of 30 cells after 5: every file written is whole, no temporary
// file is left, the rest are listed as not done; a second run with --skip-existing skips the cells
// done and makes the others.
func TestInterruptedBatch(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("mau: dang-ky\ndanh_sach:\n")
	for i := 1; i <= 30; i++ {
		rosterCell(&b, i)
	}
	in := writeInput(t, dir, "danh-sach.yaml", b.String())
	out := filepath.Join(dir, "ra")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	progress := &cancelAfter{n: 5, cancel: cancel}
	var stdout strings.Builder
	code := run(ctx, []string{"batch", in, "-o", out, "-j", "2", "--format", "all"}, &stdout, progress)
	if code != exitFailure || !strings.Contains(progress.text.String(), "đã dừng theo yêu cầu") {
		t.Fatalf("exit %d, stderr:\n%s", code, progress.text.String())
	}
	done := mustReadDir(t, out)
	if len(done) == 0 || len(done) >= 60 {
		t.Fatalf("%d files after the interruption, want some but not all 60", len(done))
	}
	for _, f := range done {
		if strings.HasSuffix(f, ".tmp") {
			t.Errorf("temporary file left: %s", f)
		}
		if strings.HasSuffix(f, ".pdf") {
			assertPDF(t, filepath.Join(out, f))
		}
	}
	// The cells not done are counted: those handed over are listed as stopped, those not read
	// yet (a roster's cells are built as they are handed over) only counted.
	if s := stdout.String(); !strings.Contains(s, "Tổng cộng: 30 chi, đảng bộ;") || !strings.Contains(s, " chưa làm.") {
		t.Errorf("the summary does not count the cells not done:\n%s", s)
	}

	// Cells with only one of their two files done are made again; whole ones are skipped.
	whole := 0
	for i := 1; i <= 30; i++ {
		name := fmt.Sprintf("chi-bo-so-so-%d", i)
		_, errPDF := os.Stat(filepath.Join(out, name+".pdf"))
		_, errDOCX := os.Stat(filepath.Join(out, name+".docx"))
		if errPDF == nil && errDOCX == nil {
			whole++
		} else {
			os.Remove(filepath.Join(out, name+".pdf"))
			os.Remove(filepath.Join(out, name+".docx"))
		}
	}
	r := runMain("batch", in, "-o", out, "--format", "all", "--skip-existing")
	if r.code != exitOK {
		t.Fatalf("second run: exit %d\n%s", r.code, r.stderr)
	}
	if n := strings.Count(r.stdout, "đã có, bỏ qua"); n != whole {
		t.Errorf("%d cells skipped, want the %d done whole", n, whole)
	}
	if got := len(mustReadDir(t, out)); got != 60 {
		t.Errorf("%d files after the second run, want 60", got)
	}
	runMain("batch", in, "-o", out, "--skip-existing", "--force").check(t, exitUsage, "", lines("baocao: --skip-existing và --force không dùng cùng nhau", usageHint))
}
