#!/bin/sh
# The Go view of real programs (tests/real/build.sh's binaries, each
# toolchain): --stop-at in its forms, and --dump-state at main.main of a
# hello, checked against what gdb shows in the native binary
# (../shared/reference/real-programs-facts.md §1):
#  - fmt's hello: 5 goroutines, g1 running and forcegchelper, bgsweep and
#    bgscavenge waiting for "force gc (idle)", "GC sweep wait" and "GC
#    scavenge wait"; runfinq exists (with a 1000-instruction quantum it has
#    run and waits for "finalizer wait", as natively); ngsys 4, 4 Ms, gomaxprocs Ps;
#  - println's hello: 4 goroutines and ngsys 3;
#  - spawn10 after its go statements: 15 goroutines;
#  - a trace's schedtrace records (SCHED, P, M and G lines) as that version
#    prints them, before the first instruction of each trace.sched_at
#    function; every-change takes more of them; an unknown name is refused.
# Which goids the background goroutines get, which P g1 runs on, nmidle and
# npidle depend on thread timing, natively and under sim alike (there on the
# schedule seed and quantum), and are not checked.
check=dump
. "$(dirname "$0")/lib.sh"
count() { grep -o "$1" "$2" | wc -l | tr -d ' '; }
has() { grep -q "$1" "$2" || no "$3: no $1"; }

for dir in "$REAL_BUILD"/go[0-9]*/; do
    label=$(basename "$dir")
    [ -x "$dir/hello" ] || continue
    j=$T/$label.json
    env -i GOMAXPROCS=2 "$SIM" run "$dir/hello" -q --stop-at main.main --dump-state "$j" >/dev/null ||
        no "hello --stop-at main.main exited $?"
    has "\"go\":\"$label" "$j" hello
    has "\"layout\":\"$label\"" "$j" hello
    has '"state":"stopped"' "$j" hello
    [ "$(count '"goid":[0-9]*,"addr"' "$j")" = 5 ] || no "hello: $(count '"goid":[0-9]*,"addr"' "$j") goroutines, not 5"
    has '"goid":1,"addr":"[^"]*","status":"_Grunning"' "$j" hello
    for w in 'force gc (idle)' 'GC sweep wait' 'GC scavenge wait'; do
        has "\"status\":\"_Gwaiting\"[^}]*}[^}]*}[^}]*\"waitreason\":\"$w\"" "$j" hello
    done
    has '"ngsys":4,' "$j" hello
    has '"mnext":4,' "$j" hello
    [ "$(count '"thread":[0-9]*' "$j")" = 4 ] || no "hello: not 4 Ms in allm"
    [ "$(count '"status":"_P' "$j")" = 2 ] || no "hello: not 2 Ps at GOMAXPROCS=2"
    env -i GOMAXPROCS=2 "$SIM" run "$dir/hello" -q --quantum 1000 --stop-at main.main --dump-state "$j" >/dev/null
    has '"waitreason":"finalizer wait"' "$j" "hello --quantum 1000"

    env -i GOMAXPROCS=2 "$SIM" run "$dir/hello_println" -q --stop-at main.main --dump-state "$j" >/dev/null
    [ "$(count '"goid":[0-9]*,"addr"' "$j")" = 4 ] || no "hello_println: not 4 goroutines"
    has '"ngsys":3,' "$j" hello_println

    env -i "$SIM" run "$dir/spawn10" -q --stop-at spawn10.go:14 --dump-state "$j" >/dev/null
    [ "$(count '"goid":[0-9]*,"addr"' "$j")" = 15 ] || no "spawn10: $(count '"goid":[0-9]*,"addr"' "$j") goroutines after the go statements, not 15"

    # --stop-at's forms, and the ones it refuses.
    stop() {   # SPEC WANT-STATUS WANT-FIRST-LINE-PATTERN
        env -i "$SIM" run "$dir/hello" --stop-at "$1" >/dev/null 2>"$T/err"; st=$?
        [ "$st" = "$2" ] || no "--stop-at $1: exit $st, not $2"
        grep -q "$3" "$T/err" || no "--stop-at $1: $(head -2 "$T/err" | tr '\n' ' ')"
    }
    stop 'runtime·main' 0 'stopped at runtime.main after'
    stop 'runtime.main' 0 'stopped at runtime.main after'
    stop 'runtime.newproc1@3' 0 'stopped at runtime.newproc1 after'
    stop 'hello.go:7' 0 'stopped at main.main+[0-9]* after'
    stop 1000 0 'stopped at .* after 1000 instructions'
    stop 'runtime.main@99999' 1 'was never reached'
    stop nosuch 2 '^sim run: --stop-at nosuch: no symbol nosuch in the program$'
    stop 'hello.go:999' 2 'no code at hello.go:999'
    stop 'main.main@0' 2 'the hit after @ must be a number from 1'
    # The Nth hit is later than the first, and the same every time.
    a=$(env -i "$SIM" run "$dir/hello" --stop-at runtime.newproc1 2>&1 | grep -o 'after [0-9]*')
    b=$(env -i "$SIM" run "$dir/hello" --stop-at runtime.newproc1@3 2>&1 | grep -o 'after [0-9]*')
    c=$(env -i "$SIM" run "$dir/hello" --stop-at runtime.newproc1@3 2>&1 | grep -o 'after [0-9]*')
    [ "${a#after }" -lt "${b#after }" ] && [ "$b" = "$c" ] || no "newproc1: first $a, third $b then $c"
    # A binary without the runtime's symbols has no Go view, and says so.
    if [ -x "$dir/hello.stripped" ]; then
        "$SIM" run "$dir/hello.stripped" --dump-state "$j" >/dev/null 2>"$T/err"; st=$?
        [ "$st" = 2 ] && grep -q 'no runtime.sched' "$T/err" || no "stripped --dump-state: exit $st: $(cat "$T/err")"
    fi
    # Schedtrace records in the trace, as this Go version prints them.
    tr=$T/$label.trace
    env -i "$SIM" run "$dir/hello" -q -o "$tr" >/dev/null || no "hello -o: exit $?"
    if [ "$label" = go1.19 ]; then
        grep -q '^  sched SCHED 0ms: gomaxprocs=2 idleprocs=[0-9]* threads=[0-9]* spinningthreads=[0-9]* idlethreads=[0-9]* runqueue=0 gcwaiting=0 nmidlelocked=0 stopwait=0 sysmonwait=0$' "$tr" ||
            no "no go1.19-style SCHED line (no needspinning, 0/1 flags)"
        grep -q '^  sched   M0: p=-1 curg=-1 ' "$tr" || grep -q '^  sched   P[01]: .* m=-1 ' "$tr" || no "no -1 for an absent id"
    else
        grep -q '^  sched SCHED 0ms: gomaxprocs=2 idleprocs=[0-9]* threads=[0-9]* spinningthreads=[0-9]* needspinning=[0-9]* idlethreads=[0-9]* runqueue=0 gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false$' "$tr" ||
            no "no go1.21-style SCHED line"
        grep -q '^  sched   P[01]: .* m=nil ' "$tr" || no "no nil for an absent id"
    fi
    grep -q '^  sched   G2: status=4(force gc (idle)) ' "$tr" || no "no G line for forcegchelper"
    # A block comes just before the first instruction of the function it was taken at.
    grep -A1 '^  sched   G' "$tr" | grep -v '^  sched\|^--' | grep -qv ' runtime\.\(schedule\|execute\|newproc1\|goexit0\|park_m\|ready\|startm\) |' &&
        no "a block is not followed by a sched_at function's first instruction"
    d=$(grep -c '^  sched SCHED' "$tr")
    env -i "$SIM" run "$dir/hello" -q -o "$tr" --sched-at every-change >/dev/null
    e=$(grep -c '^  sched SCHED' "$tr")
    [ "$e" -gt "$d" ] || no "every-change: $e blocks, not more than the default's $d"
    env -i "$SIM" run "$dir/hello" -q -o "$tr" --sched-at runtime.nosuch >/dev/null 2>"$T/err"; st=$?
    [ $st = 2 ] && grep -q '^sim run: trace.sched_at: no function runtime.nosuch in the program$' "$T/err" ||
        no "--sched-at runtime.nosuch: exit $st: $(cat "$T/err")"
    [ $fail = 0 ] && echo "dump: $label: the state at main.main, --stop-at's forms, schedtrace records: ok"
done
exit $fail
