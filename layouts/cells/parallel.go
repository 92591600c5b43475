package cells

import (
	"fmt"
	"runtime"
)

// inOrder calls read(i) for every i in [0, n) on up to one goroutine per core, and yield(i, v)
// with each result on the calling goroutine in the order of i, as a loop would: reading many
// cells' files is work on each file alone, and the order of the cells and of their problems
// stays that of the files. At most a few results per core wait to be yielded, so memory does not
// grow with n. A panic in read is raised again in the caller, as the loop would raise it (a web
// handler recovers it there; in another goroutine it would end the program).
func inOrder[T any](n int, read func(i int) T, yield func(i int, v T)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			yield(i, read(i))
		}
		return
	}
	// result is read's value, or what it panicked with.
	type result struct {
		v     T
		panic any
		ok    bool
	}
	window := 4 * workers
	slots := make([]chan result, window) // i's result goes to slots[i%window]
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	ahead := make(chan struct{}, window) // one token per index handed out and not yet yielded
	next := make(chan int)
	stop := make(chan struct{}) // closed when the caller leaves early (a panic)
	defer close(stop)
	go func() {
		defer close(next)
		for i := range n {
			select {
			case ahead <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range next {
				r := func() (r result) {
					defer func() {
						if !r.ok {
							r.panic = recover()
						}
					}()
					return result{v: read(i), ok: true}
				}()
				slots[i%window] <- r // never blocks: i holds a token of ahead, and its slot is free
			}
		}()
	}
	for i := range n {
		r := <-slots[i%window]
		<-ahead
		if !r.ok {
			panic(fmt.Sprintf("cells: reading file %d of %d: %v", i+1, n, r.panic))
		}
		yield(i, r.v)
	}
}
