// nilderef_recover: a load through a nil pointer faults (SIGSEGV); the
// runtime's signal handler turns it into a panic, which a deferred recover
// catches.  Prints the recovered runtime.Error's text.
package main

import (
	"fmt"
	"runtime"
)

type T struct{ x, y int }

//go:noinline
func load(p *T) int { return p.y }

func try() (err error) {
	defer func() {
		r := recover()
		if e, ok := r.(runtime.Error); ok {
			err = e
		}
	}()
	var p *T
	fmt.Println("not reached", load(p))
	return nil
}

func main() {
	err := try()
	fmt.Println("recovered:", err)
	fmt.Println("still running after the fault")
}
