#!/bin/sh
# sim debug on real programs (tests/real/build.sh's hello, each toolchain),
# in batch mode:
#  - it opens on _rt0_amd64_linux with the Go source shown;
#  - stepping is the free run: `b main.main; c` stops after as many
#    instructions as `sim run --stop-at main.main` runs;
#  - goroutines lists the five with their wait reasons, info threads the
#    four threads and their Ms (and the Threads pane; thread N shows one
#    in the panes and bt); bt and goroutine N bt unwind through the
#    pclntab, also where frame pointers do not (an epilogue); b
#    runtime·main, next by line, info frame, up and regs;
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
    grep -q '^=>t1000 m0 curg=g1 on the CPU pc main.main$' "$T/main" || no "the Threads pane does not show t1000 running g1 on m0"
    [ "$(sed -n '/^── Threads (=> on the CPU)$/,/^── /p' "$T/main" | grep -c '^..t100[0-3] m[0-3] curg=')" = 4 ] ||
        no "the Threads pane does not list the 4 threads with their Ms"
    grep -q '^  t100[1-3] m[1-3] curg=- futex wait in futex(0x[0-9a-f]*, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0) pc runtime.futex.abi0+35$' "$T/main" ||
        no "the Threads pane shows no thread blocked in futex"

    # thread N: the panes and bt show thread N's registers until the run moves.
    dbg 'b main.main; c; thread 2; bt; thread; si' >"$T/thread"
    pc=$(sed -n 's/^  t1001 m1 .* pc \([^ ]*\)$/\1/p' "$T/main" | head -1)
    grep -q '^\[Switching to thread 1001 (m1), ' "$T/thread" || no "thread 2 does not switch to thread 1001"
    grep -q "^\[step $want · insn $want · $pc · .* · running · thread 1001\]$" "$T/thread" || no "the status line after thread 2: $(grep -m2 '^\[step' "$T/thread" | tail -1)"
    grep -q '^── Registers of thread 1001$' "$T/thread" || no "the Registers pane does not show thread 1001's"
    grep -q "^── Stack rsp=0x[0-9a-f]*: m1.g0's stack$" "$T/thread" || no "the Stack pane does not show m1's g0 stack: $(grep '^── Stack' "$T/thread" | head -2)"
    grep -q '^\* t1001 m1 ' "$T/thread" || no "the Threads pane does not mark thread 1001 viewed"
    grep -q "^#0  0x[0-9a-f]* in $pc at " "$T/thread" && grep -q '^#[0-9]  0x[0-9a-f]* in runtime.mstart.abi0+5 at asm_amd64.s:' "$T/thread" ||
        no "bt on thread 1001 does not go from $pc to mstart: $(grep '^#' "$T/thread" | head -5)"
    grep -q '^\[Current thread is thread 1001 (m1), ' "$T/thread" || no "thread does not name the thread viewed"
    grep -q "^\[step $((want + 1)) · insn $((want + 1)) · main.main+4 · g1's stack · running\]$" "$T/thread" || no "after si the view is not back on the CPU's thread"
    dbg 'thread 9' | grep -q '^no thread 9 (info threads lists them)$' || no "thread 9 is not refused"
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
    # At main.main's RET its epilogue has given rbp back to runtime.main:
    # frame pointers would skip runtime.main, the pclntab's SP deltas do not.
    dbg 'b hello.go:8; c; si; si; bt; g 1; bt' >"$T/ret"
    grep -q '^#0  0x[0-9a-f]* in main.main+[0-9]* at hello.go:8$' "$T/ret" &&
        grep -q '^#1  0x[0-9a-f]* in runtime.main+[0-9]* at proc.go:[0-9]*$' "$T/ret" &&
        grep -q '^#2  0x[0-9a-f]* in runtime.goexit.abi0+1 at asm_amd64.s:[0-9]*$' "$T/ret" ||
        no "bt at main.main's ret: $(grep '^#' "$T/ret" | head -3)"
    [ "$(sed -n '/^(sim) g 1$/,$p' "$T/ret" | grep -c '^#')" = 1 ] || no "bt at the entry: more than _rt0_amd64's frame"
    # Stripped of symbols and DWARF (layout.sh builds it): the pclntab
    # still unwinds and names the frames.
    if [ -x "$dir/hello.stripped" ]; then
        env -i "$SIM" debug "$dir/hello.stripped" -x 'g 100000; bt' 2>&1 | grep '^#' >"$T/sbt"
        [ "$(wc -l <"$T/sbt")" -ge 3 ] && tail -1 "$T/sbt" | grep -q ' in runtime\.\(rt0_go\|goexit\|mstart\)+[0-9]*$' ||
            no "bt in the stripped hello: $(cat "$T/sbt")"
    fi
    dbg 'w sched.goidgen; c; c; R; R' >"$T/watch"
    grep -q 'Watchpoint 1: sched.goidgen: 0 → 16$' "$T/watch" || no "watch: no 0 → 16 forward"
    grep -q 'Watchpoint 1: sched.goidgen: 16 → 32$' "$T/watch" || no "watch: no 16 → 32 forward"
    grep -q 'Watchpoint 1: sched.goidgen: 16 → 32 in the next step' "$T/watch" || no "watch: no 16 → 32 backward"
    grep -q 'Watchpoint 1: sched.goidgen: 0 → 16 in the next step' "$T/watch" || no "watch: no 0 → 16 backward"
    # Timeless: the store that gave g2 its goid, the one after it, the
    # save of g1's stack pointer; nextexec stops at a function's entry.
    dbg 'b main.main; c; whowrote sched.goidgen; nextwrite sched.goidgen; g 0; nextwrite sched.goidgen; nextwrite sched.goidgen; whowrote g1.sched.sp; nextexec runtime.newproc1' >"$T/timeless"
    [ "$(grep -c '^sched.goidgen was written by insn [0-9]* (step [0-9]*) at runtime.newproc1+[0-9]*: lock xadd qword ptr \[[a-z0-9]*\], [a-z0-9]*$' "$T/timeless")" = 3 ] ||
        no "whowrote/nextwrite sched.goidgen: not 3 times the lock xadd in newproc1: $(grep -A1 'goidgen was' "$T/timeless" | head -6)"
    grep -q '^  \[0x[0-9a-f]*\]/8 sched.goidgen 0x10→0x20$' "$T/timeless" && grep -q '^  \[0x[0-9a-f]*\]/8 sched.goidgen 0x0→0x10$' "$T/timeless" ||
        no "whowrote sched.goidgen: the values"
    grep -q '^Nothing writes sched.goidgen after this point' "$T/timeless" || no "nextwrite past the last write"
    grep -q '^g1.sched.sp was written by insn [0-9]* ' "$T/timeless" || no "whowrote g1.sched.sp"
    grep -q '^Next execution of runtime.newproc1 (step [0-9]*, insn [0-9]*): ' "$T/timeless" || no "nextexec runtime.newproc1"
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
    [ $fail = 0 ] && echo "debug: $label: entry, main.main, goroutines, threads, R, watches, whowrote, replays: ok"
done
exit $fail
