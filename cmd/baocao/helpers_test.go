package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// minimalReport is a valid "dang-ky" report that the tests break one line at a time. The line
// numbers in the expected messages refer to it: 1 mau; 2-5 co_quan (3 ten, 4 loai, 5 khoi); 6 so;
// 7 dia_danh; 8 ngay; 9 giai_doan; 10-12 ke_hoach; 13-16 mo_hinh (14 ten, 15 loai, 16 don_vi);
// 17-20 guong (18 ho_ten); 21-23 noi_nhan; 24-28 ky (25 quyen, 26 chuc_vu, 27 ho_ten, 28 da_ky).
const minimalReport = `mau: dang-ky
co_quan:
  ten: Chi bộ Sở Tài chính
  loai: chi-bo
  khoi: co-quan
so: 5
dia_danh: Yên Bái
ngay: 2021-04-12
giai_doan: 2021-2023
ke_hoach:
  so: 3
  ngay: 2021-04-08
mo_hinh:
  - ten: Văn hóa công sở tại Văn phòng Sở
    loai: van-hoa-cong-so
    don_vi: Văn phòng Sở Tài chính
guong:
  - ho_ten: Nguyễn Thị Hoa
    chuc_vu: Phó Chánh Văn phòng
    don_vi: Văn phòng Sở Tài chính
noi_nhan:
  - Ban Tuyên giáo ĐUK
  - Lưu Chi bộ
ky:
  quyen: T/M BAN CHI ỦY
  chuc_vu: BÍ THƯ
  ho_ten: Trần Văn Bình
  da_ky: false
`

// The last line Main prints when input files had errors, and the hint after a usage error.
const (
	invalidOneFile = "baocao: 1 tệp có lỗi; chưa ghi gì cho các tệp đó"
	usageHint      = `Xem "baocao --help" để biết cách dùng.`
)

// result is what one run of Main returned and printed.
type result struct {
	code           exitCode
	stdout, stderr string
}

// runMain runs the program with args, capturing its output.
func runMain(args ...string) result {
	var stdout, stderr bytes.Buffer
	code := Main(args, &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// check fails the test unless the run gave the exit code and exactly the given stdout and stderr.
func (r result) check(t *testing.T, code exitCode, stdout, stderr string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit code = %d, want %d\nstderr:\n%s", r.code, code, r.stderr)
	}
	if r.stdout != stdout {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, stdout)
	}
	if r.stderr != stderr {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, stderr)
	}
}

// writeInput writes content to a file named name in dir and returns its path.
func writeInput(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// edit returns s with old replaced by new, failing the test unless old occurs exactly once, so
// that a case cannot silently stop breaking what it means to break.
func edit(t *testing.T, s, old, new string) string {
	t.Helper()
	if n := strings.Count(s, old); n != 1 {
		t.Fatalf("edit: %q occurs %d times, want once", old, n)
	}
	return strings.Replace(s, old, new, 1)
}

// lines joins output lines, each ended by a newline, as the program prints them.
func lines(ls ...string) string {
	if len(ls) == 0 {
		return ""
	}
	return strings.Join(ls, "\n") + "\n"
}

// assertDirHolds fails unless dir holds exactly the named entries (hidden ones included), so that
// no output, temporary or partial file goes unnoticed.
func assertDirHolds(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := slices.Clone(names)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s holds %q, want %q", dir, got, want)
	}
}

// readFile returns the bytes of a file, failing the test if it cannot be read.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// assertPDF fails unless the file at path is there and looks like a PDF.
func assertPDF(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no PDF written: %v", err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data, []byte("%%EOF")) {
		t.Errorf("%s is not a complete PDF (%d bytes)", path, len(data))
	}
}

// TestMinimalReportIsValid guards the base of the bad-input cases: unbroken, it renders without
// a single problem.
func TestMinimalReportIsValid(t *testing.T) {
	dir := t.TempDir()
	in := writeInput(t, dir, "bao-cao.yaml", minimalReport)
	out := filepath.Join(dir, "bao-cao.pdf")
	runMain("render", in).check(t, exitOK, lines("đã tạo "+out), "")
	assertPDF(t, out)
	assertDirHolds(t, dir, "bao-cao.yaml", "bao-cao.pdf")
}
