// timers: time.Sleep, a Ticker for 3 ticks, time.AfterFunc and time.After in
// a select.  Every line printed is fixed text or a count; durations are only
// compared with lower bounds (a timer never fires early), never printed.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(2 * time.Millisecond)
	fmt.Println("slept at least 2ms:", time.Since(start) >= 2*time.Millisecond)

	t := time.NewTicker(time.Millisecond)
	ticks := 0
	for range t.C {
		ticks++
		if ticks == 3 {
			break
		}
	}
	t.Stop()
	fmt.Println("ticks:", ticks)

	done := make(chan string)
	time.AfterFunc(time.Millisecond, func() { done <- "AfterFunc ran" })
	fmt.Println(<-done)

	never := make(chan int)
	select {
	case <-never:
		fmt.Println("unexpected")
	case <-time.After(3 * time.Millisecond):
		fmt.Println("time.After fired")
	}

	// A timer stopped before it fires never runs its function.
	fired := false
	stop := time.AfterFunc(time.Hour, func() { fired = true })
	fmt.Println("stopped before firing:", stop.Stop(), "fired:", fired)
	fmt.Println("elapsed at least 6ms:", time.Since(start) >= 6*time.Millisecond)
}
