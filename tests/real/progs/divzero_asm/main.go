// divzero_asm: an IDIVQ by zero in assembly, three times: a hardware #DE each
// time (Go code tests for zero itself and never divides by it), which the
// runtime turns into a recovered "integer divide by zero" panic.
package main

import "fmt"

func div(a, b int64) int64

func try(b int64) {
	defer func() { fmt.Println("recovered:", recover()) }()
	fmt.Println(div(10, b))
}

func main() {
	try(0)
	try(0)
	try(0)
	try(5)
}
