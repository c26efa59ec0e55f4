// waitgroup: 10 goroutines, each writes only its own slot of a slice; the
// main goroutine waits on a sync.WaitGroup and prints the slots in index
// order, so the output does not depend on the order the goroutines ran in.
package main

import (
	"fmt"
	"sync"
)

func main() {
	const n = 10
	results := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sum := 0
			for k := 1; k <= 100*(i+1); k++ {
				sum += k
			}
			results[i] = sum
		}(i)
	}
	wg.Wait()
	for i, r := range results {
		fmt.Printf("worker %d: %d\n", i, r)
	}
}
