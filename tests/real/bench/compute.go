// compute: make bench's compute-bound real program.  A sieve and an FNV
// loop, scaled by the first argument (default 10), with few allocations and
// syscalls: it measures the emulator, not the Linux layer.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	scale := 10
	if len(os.Args) > 1 {
		scale, _ = strconv.Atoi(os.Args[1])
	}
	n := 200000 * scale
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
	for i := 0; i < 2000000*scale; i++ {
		h ^= uint64(i)
		h *= 1099511628211
	}
	fmt.Println(count, h)
}
