# Ctrl-C (SIGINT) in sim debug's batch mode: it stops a running c, g N or
# R where it has got to, says where, and the commands after it still run,
# as in gdb (the TUI's Ctrl-C is in t_debug_tui.sh).  bench-spawn's run
# is millions of steps: long enough to be interrupted on any machine.
. tests/e2e/lib.sh
# start CMDS: sim debug on bench-spawn in the background.
start() {
    "$SIM" debug configs/bench-spawn.yaml -x "$1" --panes regs >"$T/out" 2>"$T/err" &
    pid=$!
}
# running CMD: wait (60 s at most) until batch mode has started CMD.
running() {
    i=0
    while ! grep -qxF "(sim) $1" "$T/out"; do
        i=$((i + 1))
        [ $i -gt 600 ] && { kill "$pid"; fail "never started: $1"; }
        sleep 0.1
    done
    sleep 0.5
}
# finish: SIGINT, then the exit status must be 0.
interrupt() {
    kill -INT "$pid"
    wait "$pid"
    rc=$?
    [ "$rc" -eq 0 ] || { cat "$T/out" "$T/err"; fail "exit status $rc after Ctrl-C"; }
}

start 'c; p $rip; info timeline'
running c
interrupt
has "$T/out" '^Interrupted (Ctrl-C) at step [1-9][0-9]* · insn [1-9][0-9]*: [^ ]'
grep -q 'exited' "$T/out" && fail "c ran to the end despite Ctrl-C"
at=$(sed -n 's/^Interrupted (Ctrl-C) at step \([0-9]*\) .*/\1/p' "$T/out")
has "$T/out" "^\[step $at · insn [0-9]* · .* · running\]$"
has "$T/out" '^(sim) p \$rip$'
has "$T/out" '^\$rip = 0x[0-9a-f]* <[^ ]*>'
has "$T/out" "^position $at, furthest $at, "

start 'g 8000000; info timeline'
running 'g 8000000'
interrupt
has "$T/out" '^Interrupted (Ctrl-C) at step [1-9][0-9]* · insn [1-9][0-9]*: '
grep -q 'insn 8000000 ·' "$T/out" && fail "g 8000000 arrived despite Ctrl-C"
has "$T/out" '^position [1-9][0-9]*, furthest '

# R from far on, no breakpoint to find: interrupted, it stays at the
# start of the part it had searched, and says so.
start 'g 2000000; R; info timeline'
running R
interrupt
has "$T/out" '^Interrupted (Ctrl-C)'
grep -q '^Reached the start of the run' "$T/out" && fail "R reached the start despite Ctrl-C"
has "$T/out" '^(sim) info timeline$'
exit 0
