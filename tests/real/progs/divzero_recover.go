// divzero_recover: an integer division by a zero variable.  On amd64 the
// compiler emits a check before IDIV and panics with a runtime error; the
// panic is recovered and its text printed.
package main

import "fmt"

//go:noinline
func div(a, b int) int { return a / b }

func main() {
	zero := 0
	func() {
		defer func() {
			fmt.Println("recovered:", recover())
		}()
		fmt.Println("not reached", div(10, zero))
	}()
	fmt.Println("10/5 =", div(10, 5))
}
