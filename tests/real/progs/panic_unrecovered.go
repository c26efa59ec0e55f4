// panic_unrecovered: an unrecovered panic.  The runtime prints
// "panic: ..." and the goroutine traceback on stderr and exits with status 2.
package main

import "fmt"

//go:noinline
func fail(n int) {
	panic(fmt.Sprintf("boom %d", n))
}

func main() {
	fmt.Println("before the panic")
	fail(7)
}
