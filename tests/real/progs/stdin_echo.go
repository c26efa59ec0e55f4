// stdin_echo: reads stdin to EOF with bufio.Scanner, then prints the line
// count and each line upper-cased.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	var lines []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "read error:", err)
		os.Exit(1)
	}
	fmt.Println("lines:", len(lines))
	for _, l := range lines {
		fmt.Println(strings.ToUpper(l))
	}
}
