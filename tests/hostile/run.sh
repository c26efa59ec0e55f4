#!/bin/sh
# Hostile real programs (issue 14 §4): programs that misbehave on purpose.
# For each, sim must keep control — exit 125 with a report, or give the
# program the errno Linux gives — with its trace flushed up to the last
# instruction, and its own memory bounded (docs/real-programs.md, Limits).
#
# progs/*.s are assembled and linked with as and ld; go/hostile.go is
# built with go1.19 (as tests/real/build.sh builds: static, CGO_ENABLED=0)
# and, where Linux answers the same natively, compared with a native run.
# bad_elves.sh makes the broken executables.  Run from anywhere with
# SIM=path/to/sim; prints one line per case and exits 1 if any failed.
cd "$(dirname "$0")/../.." || exit 2
root=$(pwd)
SIM=${SIM:-bin/sim}
case $SIM in /*) ;; *) SIM=$root/$SIM ;; esac
B=$root/build/hostile
mkdir -p "$B" || exit 2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# Under SANITIZE=1, ASan keeps up to 256 MB of freed memory in quarantine,
# which a program whose threads come and go fills: a small quarantine
# keeps the RSS bounds meaningful (the release build ignores this).
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8
export ASAN_OPTIONS
pass=0 failed=0
ok() { pass=$((pass + 1)); echo "hostile ok   $1"; }
bad() { failed=$((failed + 1)); echo "hostile FAIL $1: $2"; sed 's/^/    /' "$T/err" | head -8; }

command -v as >/dev/null && command -v ld >/dev/null || { echo "hostile: skip: no as/ld"; exit 0; }
for s in tests/hostile/progs/*.s; do
    n=$(basename "$s" .s)
    as -I tests/hostile/progs -o "$B/$n.o" "$s" && ld -o "$B/$n" "$B/$n.o" || { echo "hostile: $n did not build"; exit 1; }
done
echo "stdin data" > "$T/in"

# run NAME STATUS PATTERN SIM-ARGS...: sim run with SIM-ARGS (stdin from a
# file, stdout and stderr kept), its max RSS measured; the exit status must
# be STATUS and stderr's first line match PATTERN.  Sets $rss (KB).
run() {
    name=$1 want=$2 pat=$3
    shift 3
    /usr/bin/time -f %M -o "$T/rss" "$SIM" run "$@" <"$T/in" >"$T/out" 2>"$T/err"
    got=$?
    rss=$(tail -n 1 "$T/rss")
    sed -i '/^sim run: no schedtrace records: /d' "$T/err"   # an assembly program has no Go view
    if [ "$got" -ne "$want" ]; then
        bad "$name" "exit status $got, want $want"
        return 1
    fi
    if [ -n "$pat" ] && ! head -n 1 "$T/err" | grep -q -- "$pat"; then
        bad "$name" "first line of stderr does not match '$pat'"
        return 1
    fi
    return 0
}

# need NAME PATTERN FILE: a line of FILE matches PATTERN (a basic regex).
need() {
    grep -q -- "$2" "$3" || { bad "$1" "no line matching '$2' in $(basename "$3")"; return 1; }
}

# trace_complete NAME TRACE: the trace ends with its end record, right
# after the record of the last instruction that ran (or that instruction's
# syscall, fault or signal records).
trace_complete() {
    last=$(tail -n 1 "$2")
    case $last in end\ *) ;; *) bad "$1" "the trace does not end with an end record: $last"; return 1 ;; esac
    n=$(echo "$last" | sed 's/.*instructions=\([0-9]*\).*/\1/')
    lastinsn=$(grep -E '^[0-9]+ t[0-9]+ ' "$2" | tail -n 1 | cut -d' ' -f1)
    [ "$lastinsn" = "$n" ] || { bad "$1" "the last instruction traced is $lastinsn, the end record says $n"; return 1; }
    return 0
}

# bounded NAME KB: sim's max RSS stayed under KB.
bounded() {
    [ "$rss" -lt "$2" ] || { bad "$1" "sim's max RSS was $rss KB (limit $2 KB)"; return 1; }
    return 0
}

# --- assembly ---
# A tight endless loop: only the instruction limit stops it.
run spin 125 '^sim: spin: stopped: the instruction limit was reached$' \
    "$B/spin" --max-instructions 200000 -o "$T/t" &&
    need spin '^  thread 1000 at pc 0x40100[26] _start+[26], after 200000 instructions$' "$T/err" &&
    trace_complete spin "$T/t" && need spin '^fault 0x40100[26] _start+[26]: the instruction limit was reached$' "$T/t" &&
    ok spin

# Writing into its own text: SIGSEGV with no handler; the store is traced
# as faulted, not done.
run selfwrite 125 '^sim: selfwrite: fault: SIGSEGV: write of 0x401000 (protection), and the program has no handler$' \
    "$B/selfwrite" -o "$T/t" && trace_complete selfwrite "$T/t" &&
    need selfwrite '^2 t1000 0x401007 _start+7 | c6 07 cc | .* | \[0x401000\]/1 0x[0-9a-f]*→0xcc(faulted)$' "$T/t" &&
    ok selfwrite

# fork, vfork, execve, clone for a process: ENOSYS each (exit status 0).
run forkexec 0 '^sim: forkexec: the program exited with status 0' "$B/forkexec" -o "$T/t" &&
    trace_complete forkexec "$T/t" && need forkexec '^  syscall t1000 execve("/bin/true", ' "$T/t" &&
    ok forkexec

# Syscalls with wild pointers: EFAULT each, as natively.
run wildptr 0 '^sim: wildptr: the program exited with status 0' "$B/wildptr" -o "$T/t" &&
    trace_complete wildptr "$T/t" && ok wildptr

# clone for ever, each thread blocked: clone answers EAGAIN at
# process.max_threads (1000; the program exits with that errno, 11).
run cloneloop 11 '^sim: cloneloop: the program exited with status 11' "$B/cloneloop" -o "$T/t" &&
    need cloneloop '^  threads: 1000,' "$T/err" && trace_complete cloneloop "$T/t" &&
    need cloneloop '^  syscall t1000 clone(.*) = -1 EAGAIN' "$T/t" && bounded cloneloop 400000 &&
    ok cloneloop

# A million threads made and exited one after another: sim's memory stays
# flat (exited threads are freed).
run cloneexit 0 '^sim: cloneexit: the program exited with status 0' "$B/cloneexit" &&
    need cloneexit '^  threads: 1000001,' "$T/err" && bounded cloneexit 100000 && ok cloneexit

# Terabyte mappings refused with ENOMEM; then 1 GiB mappings, one page of
# each touched, until limits.max_memory (8 GiB here) refuses.
printf 'program:\n  elf: %s\nlimits:\n  max_memory: 8589934592\n' "$B/mmapbig" > "$T/mmapbig.yaml"
run mmapbig 0 '^sim: mmapbig: the program exited with status 0' "$T/mmapbig.yaml" &&
    bounded mmapbig 100000 && ok mmapbig

# 200,000 signals handled, then 200,000 blocked ones coalesced into one.
run sigstorm 0 '^sim: sigstorm: the program exited with status 0' "$B/sigstorm" &&
    bounded sigstorm 100000 && ok sigstorm

# A handler that raises its own signal again, with SA_NODEFER, until the
# stack is full: sim stops the run when the frame does not fit.
run sigrecurse 125 '^sim: sigrecurse: fault: no room on the stack for the SIGUSR1 frame at 0x' \
    "$B/sigrecurse" -o "$T/t" && trace_complete sigrecurse "$T/t" && ok sigrecurse

# Every syscall number with wild, zero, -1, small and read-only-text
# arguments: each answered, none fatal to sim (nor, under SANITIZE=1, an
# ASan or UBSan report).
run syssweep 0 '^sim: syssweep: the program exited with status 0' "$B/syssweep" -o "$T/t" &&
    trace_complete syssweep "$T/t" && need syssweep '^  syscall t1000 brk(0xffffffffffffffff) = ' "$T/t" &&
    ok syssweep

# --- broken executables: one line, exit status 2, never a crash ---
sh tests/hostile/bad_elves.sh "$B/mmapbig" "$B/bad" || exit 2
for f in "$B"/bad/*; do
    n=$(basename "$f")
    case $n in
    entry-nowhere) pat='the entry point 0x12345678 is not in an executable segment' ;;
    overlap) pat='segments 0 and 1 overlap' ;;
    beyond-user-space|kernel-address) pat='lies above the user address space' ;;
    below-mmap-min) pat='it lies below 0x10000, the lowest address Linux maps' ;;
    wraps-around) pat='wraps around the end of the address space' ;;
    memsz-16TiB) pat='sim maps at most' ;;
    truncated-*|phoff-beyond-file|offset-beyond-file) pat='truncated: ' ;;
    *) pat='.' ;;
    esac
    run "bad-elf/$n" 2 "^sim: .*$n: .*$pat" "$f" || continue
    [ "$(wc -l < "$T/err")" -eq 1 ] || { bad "bad-elf/$n" "more than one line"; continue; }
    ok "bad-elf/$n"
done

# --- Go (go1.19) ---
go=/usr/lib/go-1.19/bin/go
if ! [ -x $go ]; then
    echo "hostile: skip the Go cases: no $go"
else
    env CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GO111MODULE=off GOFLAGS=-buildvcs=false GOENV=off \
        GOTOOLCHAIN=local GOPROXY=off HOME="$B/home" GOCACHE="$B/gocache" GOPATH="$B/gopath" \
        $go build -o "$B/hostile" tests/hostile/go/hostile.go || { echo "hostile: hostile.go did not build"; exit 1; }
    # (go/spin, below, also checks that a traced run of 3,000,000 instructions
# has every instruction record, numbered 1 to 3,000,000.)
# Native and sim agree: stdout, the exit status and stderr's first
    # three lines (a fault's report: address, pc).
    for m in mmap wild signals selfwrite; do
        "$B/hostile" $m <"$T/in" >"$T/nout" 2>"$T/nerr"
        nst=$?
        [ $m = mmap ] && {   # natively, a PROT_NONE terabyte fits unless the address space is limited
            (ulimit -v $((64 * 1024 * 1024)); "$B/hostile" $m <"$T/in" >"$T/nout" 2>"$T/nerr"); nst=$?; }
        run "go/$m" $nst '' "$B/hostile" -q -- $m || continue
        cmp -s "$T/out" "$T/nout" || { bad "go/$m" "stdout differs from the native run's"; diff "$T/nout" "$T/out" | head -5; continue; }
        [ "$(head -n 3 "$T/err")" = "$(head -n 3 "$T/nerr")" ] || { bad "go/$m" "stderr differs from the native run's"; continue; }
        ok "go/$m"
    done
    printf 'forkexec: function not implemented\nfork: function not implemented\n' > "$T/want"
    run go/fork 0 '' "$B/hostile" -q -- fork &&
        { cmp -s "$T/out" "$T/want" || { bad go/fork "stdout: $(cat "$T/out")"; false; }; } && ok go/fork
    run go/threads 2 '^runtime: failed to create new OS thread (have [0-9]* already; errno=11)$' \
        "$B/hostile" -- threads && need go/threads '^fatal error: newosproc$' "$T/err" &&
        bounded go/threads 400000 && ok go/threads
    run go/spin 125 '^sim: hostile: stopped: the instruction limit was reached$' \
        "$B/hostile" --max-instructions 3000000 -o "$T/t" -- spin &&
        trace_complete go/spin "$T/t" && need go/spin '^  thread [0-9]* at pc 0x[0-9a-f]* main\.main' "$T/err" &&
        { awk '/^[0-9]+ t[0-9]+ / { if ($1 != ++n) { print "record " n " is numbered " $1; exit 1 } }
               END { if (n != 3000000) { print n " instruction records"; exit 1 } }' "$T/t" > "$T/gap" ||
          { bad go/spin "instruction records lost: $(cat "$T/gap")"; false; }; } &&
        ok go/spin
fi
echo "hostile: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
