// hello: the smallest program that goes through fmt and os.Stdout.
package main

import "fmt"

func main() {
	fmt.Println("hello, world")
}
