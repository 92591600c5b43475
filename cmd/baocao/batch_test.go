package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/metrics"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// rosterCell writes one item of a generated roster: cell i with i%4 models and i%3 exemplars.
func rosterCell(b *strings.Builder, i int) {
	kinds := []string{"van-hoa-cong-so", "cai-cach-hanh-chinh", "nam-khong", "khac"}
	fmt.Fprintf(b, "  - co_quan: {ten: Chi bộ Sở Số %d, loai: chi-bo, khoi: co-quan}\n", i)
	fmt.Fprintf(b, "    so: %d\n    ngay: 2021-04-%02d\n", i, 1+i%14)
	b.WriteString("    mo_hinh:\n")
	for m := 0; m < i%4; m++ {
		fmt.Fprintf(b, "      - {ten: Mô hình %d của chi bộ %d, loai: %s, don_vi: Phòng %d}\n", m+1, i, kinds[m], m+1)
	}
	if i%4 == 0 {
		b.WriteString("      []\n")
	}
	b.WriteString("    guong:\n")
	for g := 0; g < i%3; g++ {
		fmt.Fprintf(b, "      - {ho_ten: Nguyễn Văn %d-%d, chuc_vu: Chuyên viên, don_vi: Phòng %d}\n", i, g+1, g+1)
	}
	if i%3 == 0 {
		b.WriteString("      []\n")
	}
	fmt.Fprintf(b, "    ky: {ho_ten: Trần Thị %d}\n", i)
}

// lineOf returns the 1-based line of the first occurrence of s in text.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in the roster", s)
	}
	return strings.Count(text[:i], "\n") + 1
}

// pdfPages counts the pages of a PDF written by fpdf.
func pdfPages(t *testing.T, path string) int {
	t.Helper()
	return len(regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(readFile(t, path), -1))
}

// TestBatchRoster renders a roster of 45 cells, three of them bad: every good cell gets its PDF,
// every bad one is reported with its file and line, the exit status is 3, and the combined PDF
// has as many pages as the reports together.
func TestBatchRoster(t *testing.T) {
	const n = 45
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("mau: dang-ky\nchung:\n  dia_danh: Yên Bái\n  noi_nhan: [Ban Tuyên giáo ĐUK, Lưu Chi bộ]\ndanh_sach:\n")
	for i := 1; i <= n; i++ {
		rosterCell(&b, i)
	}
	text := b.String()
	// Three bad cells: a date that does not exist, an unknown model kind, no signer's name.
	text = strings.Replace(text, "ngay: 2021-04-08\n    mo_hinh:\n      - {ten: Mô hình 1 của chi bộ 7,", "ngay: 2021-02-30\n    mo_hinh:\n      - {ten: Mô hình 1 của chi bộ 7,", 1)
	text = strings.Replace(text, "{ten: Mô hình 1 của chi bộ 21, loai: van-hoa-cong-so", "{ten: Mô hình 1 của chi bộ 21, loai: van-hoa", 1)
	text = strings.Replace(text, "    ky: {ho_ten: Trần Thị 33}\n", "    ky: {chuc_vu: BÍ THƯ}\n", 1)
	in := writeInput(t, dir, "danh-sach.yaml", text)
	out := filepath.Join(dir, "ra")
	combined := filepath.Join(dir, "tat-ca.pdf")
	r := runMain("batch", in, "-o", out, "-j", "2", "--combine", combined)
	if r.code != exitInvalid {
		t.Fatalf("exit code %d, want %d\nstderr:\n%s", r.code, exitInvalid, r.stderr)
	}
	wantErrors := []string{
		fmt.Sprintf(`%s:%d: danh_sach[7].ngay: "2021-02-30" không phải là ngày hợp lệ: tháng 2/2021 chỉ có 28 ngày`, in, lineOf(t, text, "2021-02-30")),
		fmt.Sprintf(`%s:%d: danh_sach[21].mo_hinh[1].loai: "van-hoa" không hợp lệ; chọn một trong:`, in, lineOf(t, text, "loai: van-hoa,")),
		fmt.Sprintf(`%s:%d: danh_sach[33].ky.ho_ten: thiếu khóa bắt buộc`, in, lineOf(t, text, "ky: {chuc_vu: BÍ THƯ}")),
	}
	for _, w := range wantErrors {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q", w)
		}
	}
	// The last line never says nothing was written when the good cells were (issue 11).
	if want := "baocao: 3 chi, đảng bộ có lỗi nên chưa tạo báo cáo; 42 chi, đảng bộ khác đã có báo cáo\n"; !strings.HasSuffix(r.stderr, want) {
		t.Errorf("stderr does not end with %q:\n%s", want, r.stderr)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	var want []string
	for i := 1; i <= n; i++ {
		if i != 7 && i != 21 && i != 33 {
			want = append(want, fmt.Sprintf("chi-bo-so-so-%d.pdf", i))
		}
	}
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outputs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, bad := range []int{7, 21, 33} {
		row := regexp.MustCompile(fmt.Sprintf(`(?m)^%d +Chi bộ Sở Số %d +có lỗi, không tạo +0 +%s:\d+: `, bad, bad, regexp.QuoteMeta(in)))
		if !row.MatchString(r.stdout) {
			t.Errorf("the table has no error row for cell %d:\n%s", bad, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, "Tổng cộng: 45 chi, đảng bộ; 42 đã tạo, 3 có lỗi, 0 không ghi được.") {
		t.Errorf("no totals line:\n%s", r.stdout)
	}
	sum := 0
	for _, f := range want {
		sum += pdfPages(t, filepath.Join(out, f))
	}
	if got := pdfPages(t, combined); got != sum || sum < len(want) {
		t.Errorf("combined PDF has %d pages, the reports %d together", got, sum)
	}
	for _, f := range []string{out, dir} {
		for _, e := range mustReadDir(t, f) {
			if strings.HasSuffix(e, ".tmp") {
				t.Errorf("temporary file left: %s", e)
			}
		}
	}
}

func mustReadDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestBatchFolderAndClashes reads a folder of cell files: two cells of the same name get two
// files, a consolidated report beside them is passed over, progress is plain lines off a terminal.
func TestBatchFolderAndClashes(t *testing.T) {
	dir := t.TempDir()
	cells := filepath.Join(dir, "cac-chi-bo")
	if err := os.Mkdir(cells, 0o755); err != nil {
		t.Fatal(err)
	}
	writeInput(t, cells, "a.yaml", minimalReport)
	writeInput(t, cells, "b.yml", strings.Replace(minimalReport, "Chi bộ Sở Tài chính", "Chi bộ Sở Tài Chính!", 1))
	writeInput(t, cells, "tong-hop.yaml", "mau: tong-hop\n")
	out := filepath.Join(dir, "ra")
	r := runMain("batch", cells, "-o", out, "--format", "all")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	assertDirHolds(t, out, "chi-bo-so-tai-chinh.pdf", "chi-bo-so-tai-chinh.docx", "chi-bo-so-tai-chinh-2.pdf", "chi-bo-so-tai-chinh-2.docx")
	progress := regexp.MustCompile(`(?m)^\[[12]/2\] Chi bộ Sở Tài [Cc]hính!?: xong$`)
	if n := len(progress.FindAllString(r.stderr, -1)); n != 2 {
		t.Errorf("want two progress lines, stderr:\n%s", r.stderr)
	}
	// Again without --force: nothing is overwritten, and the table says so.
	before := readFile(t, filepath.Join(out, "chi-bo-so-tai-chinh.pdf"))
	r = runMain("batch", cells, "-o", out)
	if r.code != exitFailure || !strings.Contains(r.stdout, "không ghi được") || !strings.Contains(r.stdout, "tệp đã có; thêm --force để ghi đè") {
		t.Errorf("second run: exit %d\n%s", r.code, r.stdout)
	}
	if !bytes.Equal(before, readFile(t, filepath.Join(out, "chi-bo-so-tai-chinh.pdf"))) {
		t.Error("a file was overwritten without --force")
	}
}

func TestBatchUsage(t *testing.T) {
	runMain("batch", "x.yaml").check(t, exitUsage, "", lines("baocao: cần -o THƯ-MỤC để ghi các báo cáo", usageHint))
	runMain("batch", "-o", "ra").check(t, exitUsage, "", lines("baocao: cần ít nhất một thư mục hoặc tệp đầu vào", usageHint))
	runMain("batch", "x.yaml", "-o", "ra", "-j", "0").check(t, exitUsage, "", lines("baocao: -j phải từ 1 trở lên", usageHint))
}

// BenchmarkBatch1000 renders a roster of 1,000 generated cells to PDF and DOCX on every core and
// reports the time per document. Run it with -benchtime=1x; measure peak memory on the command
// (see the README).
func BenchmarkBatch1000(b *testing.B) {
	var roster strings.Builder
	roster.WriteString("mau: dang-ky\nchung:\n  dia_danh: Yên Bái\ndanh_sach:\n")
	for i := 1; i <= 1000; i++ {
		rosterCell(&roster, i)
	}
	dir := b.TempDir()
	in := filepath.Join(dir, "danh-sach.yaml")
	if err := os.WriteFile(in, []byte(roster.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		out := filepath.Join(b.TempDir(), "ra")
		var stdout, stderr bytes.Buffer
		if code := Main([]string{"batch", in, "-o", out, "--format", "all"}, &stdout, &stderr); code != exitOK {
			b.Fatalf("exit %d\n%s", code, stderr.String())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/2000, "ns/document")
}

// TestProgressOnATerminal redraws one bar in place, and ends its line when done.
func TestProgressOnATerminal(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, true, 3)
	p.done("A", "xong")
	p.done("B", "có lỗi")
	p.done("C", "xong")
	p.finish()
	want := "\r[==========                    ] 1/3" + "\r[====================          ] 2/3" + "\r[==============================] 3/3\n"
	if buf.String() != want {
		t.Errorf("progress %q, want %q", buf.String(), want)
	}
}

// TestBatchEveryCellBad says that no report was made, and exits 3.
func TestBatchEveryCellBad(t *testing.T) {
	dir := t.TempDir()
	writeInput(t, dir, "a.yaml", edit(t, minimalReport, "so: 5", "so: năm"))
	writeInput(t, dir, "b.yaml", edit(t, minimalReport, "ngay: 2021-04-12", "ngay: hôm qua"))
	out := filepath.Join(dir, "ra")
	r := runMain("batch", dir, "-o", out)
	if r.code != exitInvalid {
		t.Fatalf("exit code %d, want %d\n%s", r.code, exitInvalid, r.stderr)
	}
	if want := "baocao: 2 chi, đảng bộ có lỗi nên chưa tạo báo cáo; không có báo cáo nào được tạo\n"; !strings.HasSuffix(r.stderr, want) {
		t.Errorf("stderr does not end with %q:\n%s", want, r.stderr)
	}
}

// TestBatchOneCellUnwritable: when one cell's file cannot be written, the message counts the cells
// whose reports were written all the same.
func TestBatchOneCellUnwritable(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "vao")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	writeInput(t, in, "a.yaml", minimalReport)
	writeInput(t, in, "b.yaml", edit(t, minimalReport, "ten: Chi bộ Sở Tài chính", "ten: Chi bộ Sở Xây dựng"))
	out := filepath.Join(dir, "ra")
	// A folder where the second cell's PDF should go: that file cannot be written.
	if err := os.MkdirAll(filepath.Join(out, "chi-bo-so-xay-dung.pdf", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := runMain("batch", in, "-o", out, "--force")
	if r.code != exitFailure {
		t.Fatalf("exit code %d, want %d\n%s", r.code, exitFailure, r.stderr)
	}
	if want := "baocao: 1 chi, đảng bộ không ghi được báo cáo; 1 chi, đảng bộ khác đã có báo cáo\n"; !strings.HasSuffix(r.stderr, want) {
		t.Errorf("stderr does not end with %q:\n%s", want, r.stderr)
	}
	if !strings.Contains(r.stdout, "đã có một thư mục trùng tên; hãy chọn tên tệp khác") {
		t.Errorf("stdout lacks why the file could not be written:\n%s", r.stdout)
	}
}

// BenchmarkBatchMemory runs batch to PDF over N and 16N generated cells, as one roster and as a
// folder of one file per cell, and reports the peaks of the heap in use and of the live heap
// (sampled every 5 ms). Memory flat in the number of cells: 16N peaks about as N does (a roster's
// items are parsed one at a time). Run it with -benchtime=1x.
func BenchmarkBatchMemory(b *testing.B) {
	const n = 250
	for _, shape := range []string{"roster", "folder"} {
		for _, cells := range []int{n, 16 * n} {
			b.Run(fmt.Sprintf("%s-%d", shape, cells), func(b *testing.B) {
				in := generatedCells(b, shape, cells)
				for b.Loop() {
					out := filepath.Join(b.TempDir(), "ra")
					var stdout, stderr bytes.Buffer
					inuse, live := sampleHeap(func() {
						if code := Main([]string{"batch", in, "-o", out}, &stdout, &stderr); code != exitOK {
							b.Fatalf("exit %d\n%s", code, stderr.String())
						}
					})
					b.ReportMetric(float64(inuse)/(1<<20), "peak-heap-inuse-MB")
					b.ReportMetric(float64(live)/(1<<20), "peak-live-heap-MB")
				}
			})
		}
	}
}

// generatedCells writes n generated cells as a roster file or a folder of reports, and returns
// the path to give batch.
func generatedCells(b *testing.B, shape string, n int) string {
	b.Helper()
	dir := b.TempDir()
	if shape == "roster" {
		var roster strings.Builder
		roster.WriteString("mau: dang-ky\nchung:\n  dia_danh: Yên Bái\ndanh_sach:\n")
		for i := 1; i <= n; i++ {
			rosterCell(&roster, i)
		}
		path := filepath.Join(dir, "danh-sach.yaml")
		if err := os.WriteFile(path, []byte(roster.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		return path
	}
	for i := 1; i <= n; i++ {
		var item strings.Builder
		rosterCell(&item, i)
		// An item of the roster, four spaces in, made a report of its own.
		report := "mau: dang-ky\ndia_danh: Yên Bái\n" + strings.ReplaceAll(strings.Replace(item.String(), "  - ", "    ", 1), "\n    ", "\n")[4:]
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.yaml", i)), []byte(report), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// sampleHeap runs f and returns the highest HeapInuse seen while it ran, garbage not yet swept
// included, and the highest live heap (what the last collection kept), sampled every 5 ms.
func sampleHeap(f func()) (inuse, live uint64) {
	runtime.GC()
	var peakInuse, peakLive atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			runtime.ReadMemStats(&m)
			metrics.Read(sample)
			peakInuse.Store(max(peakInuse.Load(), m.HeapInuse))
			peakLive.Store(max(peakLive.Load(), sample[0].Value.Uint64()))
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	})
	f()
	close(stop)
	wg.Wait()
	return peakInuse.Load(), peakLive.Load()
}
