// nilderef_unrecovered: a nil pointer store that nothing recovers: the
// runtime reports the signal as a panic and exits with status 2.
package main

import "fmt"

type T struct{ a, b int }

//go:noinline
func store(p *T) { p.b = 1 }

func main() {
	fmt.Println("before the fault")
	store(nil)
}
