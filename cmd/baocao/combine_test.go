package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// combineRoster writes a roster of n generated cells, cell bad with an impossible date.
func combineRoster(t *testing.T, dir string, n, bad int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("mau: dang-ky\nchung:\n  dia_danh: Yên Bái\ndanh_sach:\n")
	for i := 1; i <= n; i++ {
		var c strings.Builder
		rosterCell(&c, i)
		text := c.String()
		if i == bad {
			text = regexp.MustCompile(`ngay: 2021-04-\d\d`).ReplaceAllString(text, "ngay: 2021-02-30")
		}
		b.WriteString(text)
	}
	return writeInput(t, dir, "danh-sach.yaml", b.String())
}

// TestBatchCombineSameBytes: the combined file has the same bytes whatever the number of
// workers, whether the cells' PDFs were written or made for it alone (--format docx), or the
// cells were skipped as done (--skip-existing); its reports come in the order of the roster, the
// bad cell left out, and its title counts them.
func TestBatchCombineSameBytes(t *testing.T) {
	dir := t.TempDir()
	in := combineRoster(t, dir, 14, 5)
	runs := [][]string{
		{"-j", "1"},
		{"-j", "4"},
		{"-j", "3", "--format", "docx"},
		{"-j", "2", "--format", "all"},
	}
	var first []byte
	for k, extra := range runs {
		target := filepath.Join(dir, fmt.Sprintf("tat-ca-%d.pdf", k))
		r := runMain(append([]string{"batch", in, "-o", filepath.Join(dir, fmt.Sprint("ra", k)), "--combine", target}, extra...)...)
		if r.code != exitInvalid || !strings.Contains(r.stdout, "(13 báo cáo)") {
			t.Fatalf("%v: exit %d\n%s\n%s", extra, r.code, r.stdout, r.stderr)
		}
		got := readFile(t, target)
		if k == 0 {
			first = got
			continue
		}
		if !bytes.Equal(got, first) {
			t.Errorf("%v: the combined file differs from the one of -j 1", extra)
		}
	}
	// Again over the first folder: every cell is skipped, and the combined file is the same.
	target := filepath.Join(dir, "lai.pdf")
	r := runMain("batch", in, "-o", filepath.Join(dir, "ra0"), "--skip-existing", "--combine", target)
	if strings.Count(r.stdout, "đã có, bỏ qua") != 13 || !bytes.Equal(readFile(t, target), first) {
		t.Errorf("skipping every cell: exit %d, the combined file differs or cells were made again\n%s", r.code, r.stdout)
	}
	assertPDF(t, target)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed: the order of the reports is not checked")
	}
	text, err := exec.Command("pdftotext", target, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var order []int
	for _, m := range regexp.MustCompile(`Trần Thị (\d+)`).FindAllStringSubmatch(string(text), -1) {
		n, _ := strconv.Atoi(m[1])
		order = append(order, n)
	}
	want := []int{1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14}
	if fmt.Sprint(order) != fmt.Sprint(want) {
		t.Errorf("signers in the combined file: %v, want %v", order, want)
	}
	info, err := exec.Command("pdfinfo", target).Output()
	if err == nil && !strings.Contains(string(info), "Báo cáo kết quả đăng ký của 13 chi, đảng bộ") {
		t.Errorf("the title does not count the reports:\n%s", info)
	}
}

// createOnFirstLine is a progress writer that creates a file at the first progress line, as a user
// could while the batch runs.
type createOnFirstLine struct {
	mu   sync.Mutex
	path string
	done bool
	text strings.Builder
}

func (c *createOnFirstLine) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.done && strings.HasPrefix(string(p), "[") {
		c.done = true
		os.WriteFile(c.path, []byte("của người dùng"), 0o644)
	}
	c.text.Write(p)
	return len(p), nil
}

// TestBatchCombineNeverOverwrites: a combined file that is there already is refused before any
// report is made, and one that appears while the batch runs is kept; --force replaces it.
func TestBatchCombineNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	in := combineRoster(t, dir, 3, 0)
	target := filepath.Join(dir, "tat-ca.pdf")
	os.WriteFile(target, []byte("cũ"), 0o644)
	out := filepath.Join(dir, "ra")
	r := runMain("batch", in, "-o", out, "--combine", target)
	if r.code != exitFailure || !strings.Contains(r.stderr, target+": tệp đã có; thêm --force để ghi đè") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if got := mustReadDir(t, out); len(got) != 0 {
		t.Errorf("reports made before the refusal: %q", got)
	}
	if string(readFile(t, target)) != "cũ" {
		t.Error("the existing combined file was changed")
	}

	os.Remove(target)
	stderr := &createOnFirstLine{path: target}
	var stdout bytes.Buffer
	code := Main([]string{"batch", in, "-o", filepath.Join(dir, "ra2"), "-j", "1", "--combine", target}, &stdout, stderr)
	if code != exitFailure || !strings.Contains(stderr.text.String(), target+": tệp đã có; thêm --force để ghi đè") {
		t.Errorf("a file made during the batch: exit %d\n%s", code, stderr.text.String())
	}
	if string(readFile(t, target)) != "của người dùng" {
		t.Error("the file made during the batch was overwritten")
	}
	for _, f := range mustReadDir(t, dir) {
		if strings.HasSuffix(f, ".tmp") {
			t.Errorf("temporary file left: %s", f)
		}
	}

	r = runMain("batch", in, "-o", filepath.Join(dir, "ra3"), "--combine", target, "--force")
	if r.code != exitOK {
		t.Fatalf("--force: exit %d\n%s", r.code, r.stderr)
	}
	assertPDF(t, target)
}
