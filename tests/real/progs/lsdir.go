// lsdir: lists a folder (os.ReadDir: openat, getdents64) and reads one of
// its files, for the Linux layer's read-only view of the host's files.
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Println("usage: lsdir DIR")
		os.Exit(2)
	}
	es, err := os.ReadDir(os.Args[1])
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	for _, e := range es {
		fmt.Println(e.Name(), e.IsDir())
	}
	if len(es) > 0 && !es[0].IsDir() {
		b, err := os.ReadFile(filepath.Join(os.Args[1], es[0].Name()))
		fmt.Println(len(b), err)
	}
}
