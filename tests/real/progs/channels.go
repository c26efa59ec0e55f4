// channels: unbuffered and buffered channels, close and range, select with
// a default case, and select over several ready cases.  Which ready case a
// select picks is random by design, so that part prints only what does not
// depend on the choice: the values received, sorted, and their count.
package main

import (
	"fmt"
	"sort"
)

func main() {
	// Unbuffered: a goroutine sends, main receives; a reply goes back.
	ping, pong := make(chan string), make(chan string)
	go func() {
		msg := <-ping
		pong <- msg + " pong"
	}()
	ping <- "ping"
	fmt.Println(<-pong)

	// Buffered: fill without a receiver, then len/cap, then drain in order.
	buf := make(chan int, 3)
	buf <- 1
	buf <- 2
	buf <- 3
	fmt.Println("buffered len", len(buf), "cap", cap(buf))
	fmt.Println(<-buf, <-buf, <-buf)

	// Close and range: a producer goroutine closes when done.
	nums := make(chan int)
	go func() {
		for i := 1; i <= 5; i++ {
			nums <- i * i
		}
		close(nums)
	}()
	total := 0
	for v := range nums {
		total += v
	}
	v, ok := <-nums
	fmt.Println("range total", total, "after close:", v, ok)

	// Select with default: nothing is ready, so default runs.
	empty := make(chan int)
	select {
	case x := <-empty:
		fmt.Println("unexpected", x)
	default:
		fmt.Println("select: default taken")
	}
	// Select with default when a case is ready: the case runs.
	ready := make(chan int, 1)
	ready <- 7
	select {
	case x := <-ready:
		fmt.Println("select: ready case got", x)
	default:
		fmt.Println("select: unexpected default")
	}

	// Several ready cases: three buffered channels all hold values; the
	// select loop takes them in a random order, so collect and sort.
	a, b, c := make(chan string, 2), make(chan string, 2), make(chan string, 2)
	a <- "a1"
	a <- "a2"
	b <- "b1"
	b <- "b2"
	c <- "c1"
	c <- "c2"
	var got []string
	for len(got) < 6 {
		select {
		case s := <-a:
			got = append(got, s)
		case s := <-b:
			got = append(got, s)
		case s := <-c:
			got = append(got, s)
		}
	}
	sort.Strings(got)
	fmt.Println("select over ready cases:", len(got), got)

	// Select sending: one send case ready (buffered with room), one not.
	full := make(chan int) // no receiver: never ready
	room := make(chan int, 1)
	select {
	case full <- 1:
		fmt.Println("unexpected send")
	case room <- 2:
		fmt.Println("select: sent to the channel with room, now holds", <-room)
	}
}
