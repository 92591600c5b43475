package cells

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"baocao/layouts/input"
)

// slowFS delays every file it opens by a random time, so that files read in parallel finish in
// any order, and counts the files open at once.
type slowFS struct {
	fstest.MapFS
	mu         sync.Mutex
	open, most int
	opened     atomic.Int64
	delay      time.Duration
}

func (s *slowFS) Open(name string) (fs.File, error) {
	s.mu.Lock()
	s.open++
	s.most = max(s.most, s.open)
	s.mu.Unlock()
	s.opened.Add(1)
	defer func() {
		s.mu.Lock()
		s.open--
		s.mu.Unlock()
	}()
	if s.delay > 0 {
		time.Sleep(time.Duration(rand.Int64N(int64(s.delay))))
	}
	return s.MapFS.Open(name)
}

// Stat and ReadDir look without opening, so that only the reads are counted.
func (s *slowFS) Stat(name string) (fs.FileInfo, error)      { return s.MapFS.Stat(name) }
func (s *slowFS) ReadDir(name string) ([]fs.DirEntry, error) { return s.MapFS.ReadDir(name) }

// mixed is a folder of one-cell reports, a roster of three, a consolidated report (no cell) and a
// broken file, then a missing path.
func mixed() (fstest.MapFS, []string) {
	files := fstest.MapFS{}
	for i := 1; i <= 6; i++ {
		files[fmt.Sprintf("nhan/%02d.yaml", i)] = &fstest.MapFile{Data: []byte(strings.Replace(cell, "Sở Tư pháp", fmt.Sprintf("Số %d", i), 1))}
	}
	files["nhan/03.yaml"] = &fstest.MapFile{Data: []byte("mau: dang-ky\nchung:\n  ngay: 2021-04-12\ndanh_sach:\n" +
		"  - {co_quan: {ten: Chi bộ R1, loai: chi-bo, khoi: co-quan}, ky: {ho_ten: A}}\n" +
		"  - {co_quan: {ten: Chi bộ R2, loai: chi-bo, khoi: co-quan}, ky: {ho_ten: B}}\n" +
		"  - {co_quan: {ten: Chi bộ R3, loai: chi-bo, khoi: co-quan}, ky: {ho_ten: C}}\n")}
	files["nhan/04.yaml"] = &fstest.MapFile{Data: []byte("mau: tong-hop\n")}
	files["nhan/05.yaml"] = &fstest.MapFile{Data: []byte("mau: [\n")}
	return files, []string{"nhan", "khong-co.yaml"}
}

// TestReadOrderWhateverTheTiming: files read in parallel and finishing in any order are handed
// over in Collect's order, with the same expected counts every time for the same window.
func TestReadOrderWhateverTheTiming(t *testing.T) {
	files, paths := mixed()
	want := []string{"Chi bộ Số 1", "Chi bộ Số 2", "Chi bộ R1", "Chi bộ R2", "Chi bộ R3", "nhan/05.yaml", "Chi bộ Số 6", "khong-co.yaml"}
	// Seven sources: 01 02 03(3) 04(0) 05 06 khong-co. A file's cells are handed over once the
	// ahead files after it are read; each file not read counts as one.
	wantExpected := map[int][]int{
		0: {7, 7, 9, 9, 9, 8, 8, 8},
		1: {7, 9, 8, 8, 8, 8, 8, 8},
		2: {9, 8, 8, 8, 8, 8, 8, 8},
		9: {8, 8, 8, 8, 8, 8, 8, 8},
		3: {8, 8, 8, 8, 8, 8, 8, 8},
	}
	for ahead, wantN := range wantExpected {
		for round := 0; round < 5; round++ {
			fsys := &slowFS{MapFS: files, delay: 3 * time.Millisecond}
			var got []string
			var expected []int
			for c, n := range Read(paths, input.Options{Files: fsys}, ahead) {
				got = append(got, c.Name())
				expected = append(expected, n)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("ahead %d: cells %q, want %q", ahead, got, want)
			}
			if !reflect.DeepEqual(expected, wantN) {
				t.Fatalf("ahead %d: expected counts %v, want %v", ahead, expected, wantN)
			}
		}
	}
	var collected []string
	for _, c := range Collect(paths, input.Options{Files: files}) {
		collected = append(collected, c.Name())
	}
	if !reflect.DeepEqual(collected, want) {
		t.Errorf("Collect = %q, want %q", collected, want)
	}
}

// aheadFS holds the read of file k until the read of file k+ahead has started: a reader that
// waits for file k before starting file k+ahead waits in vain (up to 2 s each, counted).
type aheadFS struct {
	fstest.MapFS
	ahead, files int
	mu           sync.Mutex
	started      map[int]bool
	open, most   int
	waitedOut    int
}

func (a *aheadFS) Open(name string) (fs.File, error) {
	var k int
	fmt.Sscanf(name, "nhan/%d.yaml", &k)
	a.mu.Lock()
	a.started[k] = true
	a.open++
	a.most = max(a.most, a.open)
	a.mu.Unlock()
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(time.Millisecond) {
		a.mu.Lock()
		ready := k+a.ahead >= a.files || a.started[k+a.ahead]
		if !ready && time.Now().After(deadline) {
			a.waitedOut++
			ready = true
		}
		a.mu.Unlock()
		if ready {
			break
		}
	}
	a.mu.Lock()
	a.open--
	a.mu.Unlock()
	return a.MapFS.Open(name)
}

func (a *aheadFS) Stat(name string) (fs.FileInfo, error)      { return a.MapFS.Stat(name) }
func (a *aheadFS) ReadDir(name string) ([]fs.DirEntry, error) { return a.MapFS.ReadDir(name) }

// TestReadAheadInParallel: the files ahead are being read while the caller waits for one, all
// along and not only at the start, and never more than 2×ahead+1 at once.
func TestReadAheadInParallel(t *testing.T) {
	files := fstest.MapFS{}
	for i := range 30 {
		files[fmt.Sprintf("nhan/%02d.yaml", i)] = &fstest.MapFile{Data: []byte(cell)}
	}
	for _, ahead := range []int{1, 2, 3} {
		fsys := &aheadFS{MapFS: files, ahead: ahead, files: 30, started: map[int]bool{}}
		n := 0
		for range Read([]string{"nhan"}, input.Options{Files: fsys}, ahead) {
			n++
		}
		if n != 30 || fsys.most > 2*ahead+1 {
			t.Errorf("ahead %d: %d cells, %d files read at once, want 30 and at most %d", ahead, n, fsys.most, 2*ahead+1)
		}
		if fsys.waitedOut > 0 {
			t.Errorf("ahead %d: %d reads waited for the file %d after them, which was not started", ahead, fsys.waitedOut, ahead)
		}
	}
}

// TestReadStopsEarly: a caller that stops after the first cell has had only the window read, and
// no reader is left running.
func TestReadStopsEarly(t *testing.T) {
	files := fstest.MapFS{}
	for i := range 50 {
		files[fmt.Sprintf("nhan/%02d.yaml", i)] = &fstest.MapFile{Data: []byte(cell)}
	}
	fsys := &slowFS{MapFS: files, delay: 2 * time.Millisecond}
	for range Read([]string{"nhan"}, input.Options{Files: fsys}, 3) {
		break
	}
	if got := fsys.opened.Load(); got != 7 {
		t.Errorf("%d files opened, want the first and the 2×3 ahead", got)
	}
	fsys.mu.Lock()
	defer fsys.mu.Unlock()
	if fsys.open != 0 {
		t.Errorf("%d files still being read after Read returned", fsys.open)
	}
}

func TestSlugsOneByOne(t *testing.T) {
	var s Slugs
	var got []string
	for _, n := range []string{"Chi bộ A-2", "Chi bộ A", "chi bo a", "Chi bộ Á", "", "中文"} {
		got = append(got, s.Next(n))
	}
	want := []string{"chi-bo-a-2", "chi-bo-a", "chi-bo-a-3", "chi-bo-a-4", "bao-cao", "bao-cao-2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Slugs.Next gave %q, want %q", got, want)
	}
}

// panicFS panics when the file named bad is opened, as a reader's bug on a hostile file would.
type panicFS struct {
	fstest.MapFS
	bad string
}

func (p panicFS) Open(name string) (fs.File, error) {
	if name == p.bad {
		panic("bad file")
	}
	return p.MapFS.Open(name)
}

// TestReadRaisesAPanicInTheCaller: a read that panics on another goroutine panics in Read's
// caller, naming the file, as a plain loop would (a server recovers from that, not from a panic
// on a goroutine of its own), and leaves no reader behind.
func TestReadRaisesAPanicInTheCaller(t *testing.T) {
	files := fstest.MapFS{}
	var paths []string
	for i := 1; i <= 40; i++ {
		name := fmt.Sprintf("%02d.yaml", i)
		files[name] = &fstest.MapFile{Data: []byte(cell)}
		paths = append(paths, name)
	}
	before := runtime.NumGoroutine()
	var got any
	handed := 0
	func() {
		defer func() { got = recover() }()
		for range Read(paths, input.Options{Files: panicFS{files, "06.yaml"}}, 3) {
			handed++
		}
	}()
	if s, _ := got.(string); !strings.Contains(s, "bad file") || !strings.Contains(s, "06.yaml") {
		t.Fatalf("recovered %v, want the read's panic naming its file", got)
	}
	if handed > 5 {
		t.Errorf("%d cells handed over before the panic of the 6th file", handed)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left after the panic, %d before", n, before)
	}
}
