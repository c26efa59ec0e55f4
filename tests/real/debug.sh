#!/bin/sh
# sim debug on real programs (tests/real/build.sh's hello, each toolchain),
# in batch mode:
#  - it opens on _rt0_amd64_linux with the Go source shown;
#  - stepping is the free run: `b main.main; c` stops after as many
#    instructions as `sim run --stop-at main.main` runs;
#  - goroutines lists the five with their wait reasons, info threads the
#    four threads and their Ms; bt and goroutine N bt unwind by frame
#    pointers; b runtime·main, next by line, info frame, up and regs;
#  - R goes back to the first instruction with every pane as it was;
#  - a watch on sched.goidgen stops both ways; a breakpoint in
#    runtime.newproc1 stops;
#  - going back over clones, futexes and thread switches (a replay from
#    the start) arrives in the state the first pass had, panes and log,
#    and so does a reverse step.
check=debug
. "$(dirname "$0")/lib.sh"
dbg() { env -i GOMAXPROCS=2 "$SIM" debug "$prog" -x "$1" 2>&1; }

for dir in "$REAL_BUILD"/go[0-9]*/; do
    label=$(basename "$dir")
    prog=$dir/hello
    [ -x "$prog" ] || continue
    dbg 'g 0' >"$T/start"
    grep -q '^\[step 0 · insn 0 · _rt0_amd64_linux ' "$T/start" || no "does not open on _rt0_amd64_linux: $(sed -n 2p "$T/start")"
    grep -q '^── Source: rt0_linux_amd64.s:[0-9]*  _rt0_amd64_linux' "$T/start" || no "no Go source at the entry: $(grep Source "$T/start")"
    grep -q 'JMP' "$T/start" || no "the source pane has no JMP _rt0_amd64"

    want=$(env -i GOMAXPROCS=2 "$SIM" run "$prog" --stop-at main.main 2>&1 >/dev/null | sed -n 's/.* after \([0-9]*\) instructions$/\1/p')
    dbg 'b main.main; c; goroutines; info threads; R' >"$T/main"
    grep -q "^\[step $want · insn $want · main.main " "$T/main" || no "main.main not at instruction $want as in sim run: $(grep -m1 '^\[step' "$T/main")"
    for w in 'force gc (idle)' 'GC sweep wait' 'GC scavenge wait'; do
        grep -q "_Gwaiting    \[$w\]" "$T/main" || no "goroutines: nothing waits for $w"
    done
    [ "$(grep -c '^[* ] g[0-9]* *_G[a-z]* .*start=' "$T/main")" = 5 ] || no "goroutines: not 5"
    grep -q '^\* g1    _Grunning    pc=main.main start=runtime.main m0$' "$T/main" || no "goroutines: g1 is not running main.main on m0"
    [ "$(grep -c '^[* ] thread 100[0-3] m[0-3] ' "$T/main")" = 4 ] || no "info threads: not 4 threads with their Ms"
    grep -q '^=>t1000 m0 curg=g1 on the CPU$' "$T/main" || no "the Scheduler pane does not show t1000 running g1 on m0"
    grep -q 'Reached the start of the run.' "$T/main" || no "R did not reach the start"
    # R's panes at the start are the ones the session opened with.
    sed -n '/^\[step 0 /,$p' "$T/start" >"$T/a"
    sed -n '/^Reached the start/,$p' "$T/main" | sed 1d >"$T/b"
    cmp -s "$T/a" "$T/b" || { no "the panes after R differ from the first instruction's"; diff "$T/a" "$T/b" | head -5; }

    # Backtraces through the frame pointers, on the CPU and of a parked goroutine.
    dbg 'b main.main; c; bt; goroutine 2 bt' >"$T/bt"
    grep -q '^#0  0x[0-9a-f]* in main.main at hello.go:' "$T/bt" &&
        grep -q '^#1  0x[0-9a-f]* in runtime.main+[0-9]* at proc.go:' "$T/bt" &&
        grep -q '^#2  0x[0-9a-f]* in runtime.goexit.abi0+1 at asm_amd64.s:' "$T/bt" || no "bt at main.main: $(grep '^#' "$T/bt" | head -3)"
    grep -q '^goroutine 2: _Gwaiting$' "$T/bt" && grep -q '^#0  0x[0-9a-f]* in runtime.gopark+[0-9]* at proc.go:' "$T/bt" &&
        grep -q '^#1  0x[0-9a-f]* in runtime.forcegchelper+[0-9]* at proc.go:' "$T/bt" || no "goroutine 2 bt"
    # gdb's words on a real program: runtime·main in Plan 9's spelling,
    # step by source line, info frame and up through the frame pointers.
    dbg 'b runtime·main; c; b main.main; c; next; info frame; up; regs' >"$T/gdb"
    grep -q '^Breakpoint 1, runtime.main at proc.go:[0-9]*$' "$T/gdb" || no "b runtime·main did not stop at runtime.main"
    grep -q '^7		fmt.Println("hello, world")$' "$T/gdb" || no "next from main.main's first line is not hello.go:7"
    grep -q '^Stack level 0, frame at 0xc[0-9a-f]*:$' "$T/gdb" && grep -q '^ rip = 0x[0-9a-f]* in main.main+[0-9]* (hello.go:7); saved rip = 0x' "$T/gdb" ||
        no "info frame in main.main: $(grep -A1 '^Stack level' "$T/gdb" | tail -1)"
    grep -q '^#1  0x[0-9a-f]* in runtime.main+[0-9]* at proc.go:[0-9]*$' "$T/gdb" || no "up from main.main is not runtime.main"
    grep -q '^       Rip = 0x0000000000[0-9a-f]*	main.main+[0-9]*$' "$T/gdb" || no "regs: Rip"
    dbg 'w sched.goidgen; c; c; R; R' >"$T/watch"
    grep -q 'Watchpoint 1: sched.goidgen: 0 → 16$' "$T/watch" || no "watch: no 0 → 16 forward"
    grep -q 'Watchpoint 1: sched.goidgen: 16 → 32$' "$T/watch" || no "watch: no 16 → 32 forward"
    grep -q 'Watchpoint 1: sched.goidgen: 16 → 32 in the next step' "$T/watch" || no "watch: no 16 → 32 backward"
    grep -q 'Watchpoint 1: sched.goidgen: 0 → 16 in the next step' "$T/watch" || no "watch: no 0 → 16 backward"
    dbg 'b runtime.newproc1; c' | grep -q '^Breakpoint 1, runtime.newproc1 at proc.go:' || no "b runtime.newproc1; c did not stop there"

    # Past the clones and futexes to 250000, then back to 210000 by a
    # replay, and forward again: the same panes and log each time.
    dbg 'g 210000' | sed 1d >"$T/fwd"
    grep -qE 'syscall t100[0-3] futex|switch t100' "$T/fwd" || no "no futex or switch just before 210000"
    [ "$(dbg 'g 210000; info threads' | grep -c '^[* ] thread 100[0-3]')" = 4 ] || no "not 4 threads (3 clones) before 210000"
    dbg 'g 250000; g 210000' | sed -n '/^(sim) g 210000/,$p' | sed 1d >"$T/back"
    cmp -s "$T/fwd" "$T/back" || { no "210000 reached back differs from 210000 reached forward"; diff "$T/fwd" "$T/back" | head -5; }
    dbg 'g 210001; r' | sed -n '/^(sim) r/,$p' | sed 1d >"$T/rstep"
    cmp -s "$T/fwd" "$T/rstep" || { no "a reverse step to 210000 differs"; diff "$T/fwd" "$T/rstep" | head -5; }
    dbg 'info threads' | grep -q '^\* thread 1000  on the CPU  pc _rt0_amd64_linux$' || no "info threads at the start"
    [ $fail = 0 ] && echo "debug: $label: entry, main.main, goroutines, threads, R, watches, replays: ok"
done
exit $fail
