// args_env: the program's arguments and environment as sim passes them,
// then os.Exit with a status of its own (3) that sim must pass on.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Printf("args: %d %q\n", len(os.Args)-1, os.Args[1:])
	v, ok := os.LookupEnv("SIM_REAL_VAR")
	fmt.Printf("SIM_REAL_VAR=%q set=%v\n", v, ok)
	_, ok = os.LookupEnv("SIM_REAL_UNSET")
	fmt.Println("SIM_REAL_UNSET set:", ok)
	fmt.Fprintln(os.Stderr, "exiting with status 3")
	os.Exit(3)
}
