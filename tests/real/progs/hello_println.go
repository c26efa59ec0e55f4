// hello_println: builtin println only, no fmt and no os: the runtime writes
// straight to fd 2 through write(2), so this is the shortest path from
// rt0_go to a visible result.
package main

func main() {
	println("hello from println", 42, true)
}
