package cells

import (
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestInOrderYieldsInOrder: whatever order the reads finish in, every result is yielded once, in
// the order of its index, and never more than the window ahead of the yields is read.
func TestInOrderYieldsInOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, n := range []int{0, 1, 2, 3, 17, 500} {
		var yielded, inFlight, most atomic.Int64
		next := 0
		inOrder(n, func(i int) string {
			ahead := int64(i) - yielded.Load()
			for m := most.Load(); ahead > m && !most.CompareAndSwap(m, ahead); m = most.Load() {
			}
			inFlight.Add(1)
			defer inFlight.Add(-1)
			if i%3 == 0 { // the first of every three finishes last
				time.Sleep(time.Millisecond)
			}
			return fmt.Sprint("cell ", i)
		}, func(i int, v string) {
			if i != next || v != fmt.Sprint("cell ", i) {
				t.Fatalf("n=%d: yielded %d %q, want %d", n, i, v, next)
			}
			next++
			yielded.Add(1)
		})
		if next != n {
			t.Errorf("n=%d: %d yielded", n, next)
		}
		if window := int64(4 * 4); most.Load() > window {
			t.Errorf("n=%d: read %d ahead of the yields, more than the window of %d", n, most.Load(), window)
		}
	}
}

// TestInOrderRaisesAPanicInTheCaller: a read that panics panics in the caller, as a plain loop
// does, and the reads after it stop, their goroutines ended.
func TestInOrderRaisesAPanicInTheCaller(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	before := runtime.NumGoroutine()
	var reads atomic.Int64
	var got any
	func() {
		defer func() { got = recover() }()
		inOrder(10000, func(i int) int {
			reads.Add(1)
			if i == 5 {
				panic("bad file")
			}
			return i
		}, func(int, int) {})
	}()
	if s, _ := got.(string); !strings.Contains(s, "bad file") || !strings.Contains(s, "file 6 of 10000") {
		t.Fatalf("recovered %v, want the read's panic", got)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left after the panic, %d before", n, before)
	}
	if n := reads.Load(); n > 100 {
		t.Errorf("%d reads after a panic at the 6th", n)
	}
}
