// A Go program that misbehaves on purpose, one way per argument; see
// tests/hostile/run.sh.  Where Linux answers the same under sim as
// natively (mmap, wild, signals, selfwrite), run.sh compares the two.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"unsafe"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: hostile mmap|wild|fork|signals|selfwrite|threads|spin")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "mmap":
		mmap()
	case "wild":
		wild()
	case "fork":
		fork()
	case "signals":
		signals()
	case "selfwrite":
		selfwrite()
	case "threads":
		threads()
	case "spin":
		for {
		}
	}
}

// A terabyte at once, then another with PROT_NONE: both refused.
func mmap() {
	for _, prot := range []int{syscall.PROT_READ | syscall.PROT_WRITE, syscall.PROT_NONE} {
		_, err := syscall.Mmap(-1, 0, 1<<40, prot, syscall.MAP_ANON|syscall.MAP_PRIVATE)
		fmt.Println("mmap 1 TiB:", err)
	}
}

// Syscalls given pointers to nowhere: EFAULT each, and the program goes on.
func wild() {
	const p = 0xdead0000
	calls := []struct {
		name        string
		nr, a, b, c uintptr
	}{
		{"write", syscall.SYS_WRITE, 1, p, 8},
		{"read", syscall.SYS_READ, 0, p, 8},
		{"clock_gettime", syscall.SYS_CLOCK_GETTIME, 1, p, 0},
		{"uname", syscall.SYS_UNAME, p, 0, 0},
		{"openat", syscall.SYS_OPENAT, ^uintptr(99), p, 0},
		{"pipe2", syscall.SYS_PIPE2, p, 0, 0},
		{"getcwd", syscall.SYS_GETCWD, p, 64, 0},
	}
	for _, c := range calls {
		_, _, e := syscall.Syscall(c.nr, c.a, c.b, c.c)
		fmt.Printf("%s: %v\n", c.name, e)
	}
}

// A new process: sim runs one, and says so with ENOSYS.
func fork() {
	_, err := syscall.ForkExec("/bin/true", []string{"true"}, nil)
	fmt.Println("forkexec:", err)
	_, _, e := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
	fmt.Println("fork:", e)
}

// A storm of SIGUSR1 to itself; Go's handler forwards them to the channel.
func signals() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGUSR1)
	for i := 0; i < 20000; i++ {
		syscall.Kill(os.Getpid(), syscall.SIGUSR1)
	}
	<-c
	fmt.Println("signals: received")
}

// Write into its own text: Go reports the fault and exits 2.
func selfwrite() {
	f := selfwrite
	code := **(**uintptr)(unsafe.Pointer(&f)) // a func value points at its code's address
	*(*byte)(unsafe.Pointer(code)) = 0xcc
	fmt.Println("selfwrite: still here")
}

// Each goroutine takes a thread of its own and blocks, so the runtime
// needs a new thread for each: until clone refuses (process.max_threads).
func threads() {
	block := make(chan int)
	for i := 0; ; i++ {
		go func() {
			runtime.LockOSThread()
			<-block
		}()
		if i%100 == 0 {
			runtime.Gosched()
		}
	}
}
