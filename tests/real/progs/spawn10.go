// spawn10: starts 10 goroutines that each send one value on a channel; main
// receives 10 values and prints how many it got and their sum (both are
// independent of the order of the sends).
package main

import "fmt"

func main() {
	ch := make(chan int)
	for i := 0; i < 10; i++ {
		go func(i int) { ch <- i }(i)
	}
	count, sum := 0, 0
	for i := 0; i < 10; i++ {
		sum += <-ch
		count++
	}
	fmt.Println("received", count, "values, sum", sum)
}
