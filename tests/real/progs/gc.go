// gc: 4 goroutines each build binary trees (garbage for the collector),
// then main forces a collection with runtime.GC.  GOGC is lowered to 10 so
// that the collector also starts cycles on its own while the goroutines
// allocate (the default would wait for a 4 MB heap, many more instructions
// to emulate).  The checksum is the node counts, which are fixed; NumGC is
// only printed as "> 0" since how many cycles the pacer starts on its own
// depends on timing.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
)

type node struct{ left, right *node }

func build(depth int) *node {
	if depth == 0 {
		return &node{}
	}
	return &node{build(depth - 1), build(depth - 1)}
}

func (n *node) count() int {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.count() + n.right.count()
}

func main() {
	const workers, rounds, depth = 4, 4, 11
	debug.SetGCPercent(10)
	sums := make([]int, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				sums[w] += build(depth).count()
			}
		}(w)
	}
	wg.Wait()
	keep := build(depth) // live across the forced collection
	runtime.GC()
	total := 0
	for _, s := range sums {
		total += s
	}
	fmt.Println("checksum", total, "live", keep.count())
	fmt.Println("NumGC > 0:", func() bool {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.NumGC > 0
	}())
}
