// gomaxprocs: the starting GOMAXPROCS (the case sets the GOMAXPROCS
// environment variable, so it does not depend on the host's CPU count),
// then the same parallel work under runtime.GOMAXPROCS 1, 2 and 4.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func work(parts int) int {
	out := make([]int, parts)
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			for k := 0; k < 1000; k++ {
				out[p] += k * (p + 1)
			}
		}(p)
	}
	wg.Wait()
	sum := 0
	for _, v := range out {
		sum += v
	}
	return sum
}

func main() {
	fmt.Println("GOMAXPROCS at start:", runtime.GOMAXPROCS(0))
	for _, n := range []int{1, 2, 4} {
		prev := runtime.GOMAXPROCS(n)
		fmt.Printf("set %d (was %d): now %d, work %d\n", n, prev, runtime.GOMAXPROCS(0), work(8))
	}
}
