// million: make bench's program for the debugger's latency on a real run
// of about a million instructions (a hello is a third of that): the start
// of the runtime, then a small sieve and an FNV loop, and one line out.
package main

import "fmt"

func main() {
	const n = 20000
	sieve := make([]bool, n)
	count := 0
	for i := 2; i < n; i++ {
		if !sieve[i] {
			count++
			for j := i * 2; j < n; j += i {
				sieve[j] = true
			}
		}
	}
	h := uint64(1469598103934665603)
	for i := 0; i < 40000; i++ {
		h ^= uint64(i)
		h *= 1099511628211
	}
	fmt.Println(count, h)
}
