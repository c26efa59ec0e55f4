// spawn300: main starts 300 goroutines without blocking, more than a P's
// local run queue holds (256, and runnext), so that runqput overflows into
// runqputslow and the global queue, which schedule then drains through
// globrunqget.  Each goroutine adds its number; main waits for all and
// prints the sum (independent of the order they run in).
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

func main() {
	runtime.GOMAXPROCS(1)
	var wg sync.WaitGroup
	var sum int64
	for i := 0; i < 300; i++ {
		wg.Add(1)
		go func(i int) {
			atomic.AddInt64(&sum, int64(i))
			wg.Done()
		}(i)
	}
	wg.Wait()
	fmt.Println("300 goroutines, sum", sum)
}
