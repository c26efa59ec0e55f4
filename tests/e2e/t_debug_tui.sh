# `sim debug` in a real terminal: tmux runs it at 80x24, the test types keys
# and reads the screen back.
. tests/e2e/lib.sh
command -v tmux >/dev/null || fail "tmux is not installed (make deps installs it)"
SOCK="sim-e2e-$$"
unset TMUX   # a server of our own, even when the tests run inside tmux
tm() { tmux -L "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
screen() { tm capture-pane -p -t dbg "$@"; }
# wait_for TEXT: poll the screen until it shows TEXT (5 s at most).
wait_for() {
    i=0
    while ! screen | grep -qF -- "$1"; do
        i=$((i + 1))
        [ $i -gt 50 ] && { screen; fail "the screen never showed: $1"; }
        sleep 0.1
    done
}
nstart=0
start() {   # start [ENV=…]: sim debug on the boot config (CONFIG=… another) in an 80x24 window
    # A server of its own each time: a new one on the socket of a server
    # still exiting (its last session has just quit) can fail to start.
    nstart=$((nstart + 1))
    SOCK="sim-e2e-$$-$nstart"
    tm new-session -d -s dbg -x 80 -y 24 "env LANG=C.UTF-8 $* $SIM debug ${CONFIG:-configs/boot.yaml}"
    wait_for "(sim)"
}
# status_is PATTERN: the status bar (the first line) matches the basic regex.
status_is() {
    i=0
    while ! screen | head -1 | grep -q -- "$1"; do
        i=$((i + 1))
        [ $i -gt 50 ] && { screen | head -1; fail "the status bar never matched: $1"; }
        sleep 0.1
    done
}
# quits: the session ends (5 s at most).
quits() {
    i=0
    while tm has-session -t dbg 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt 50 ] && fail "$1"
        sleep 0.1
    done
}

start
wait_for "step 0 · insn 0 · _rt0_amd64"
screen | head -22 >"$T/start"
has "$T/start" '=>   12      MOVQ    0(SP), DI   // argc'
has "$T/start" '=> 401000 <+0>    mov rdi, qword ptr \[rsp\]'
has "$T/start" '=>7fffffffef20 1            argc'
has "$T/start" 'no goroutines yet'
[ "$(awk 'NR==2 { print index($0, "│") }' "$T/start")" -eq 46 ] || fail "80 columns: the right column should start at 46"

tm send-keys -t dbg ':b runtime.main' Enter
wait_for "Breakpoint 1 at 0x"
tm send-keys -t dbg c Enter
wait_for "Breakpoint 1, runtime·main"
screen >"$T/main"
has "$T/main" "step 133 · insn 127 · runtime·main · g1's stack"
has "$T/main" '│=>g1 _Grunning pc=runtime·main'
has "$T/main" 'm0 curg=g1 p=P0'
has "$T/main" 'P0 _Prunning m0 runnext=- runq=\[\]'
has "$T/main" 'g1.atomicstatus: _Grunn'

# si steps, r steps back; R walks back to the first instruction and every pane is as it was.
tm send-keys -t dbg si Enter
wait_for "step 134 · insn 128"
tm send-keys -t dbg r Enter
wait_for "step 133 · insn 127"
tm send-keys -t dbg R Enter
wait_for "Reached the start of the run."
screen | head -22 >"$T/back"
cmp -s "$T/start" "$T/back" || { diff "$T/start" "$T/back"; fail "R to the start did not restore the screen"; }

# Help, and a multi-line answer in a box that any key closes.
tm send-keys -t dbg '?' Enter
wait_for "Moving (a step: one instruction"
tm send-keys -t dbg Escape
tm send-keys -t dbg ':p g1' Enter
wait_for "g1 = (no g1 yet"
tm send-keys -t dbg ':p sched' Enter
wait_for "Output (any key closes)"
wait_for " maxmcount              0"

# The layout follows the terminal's size.
tm resize-window -t dbg -x 120 -y 36
tm send-keys -t dbg Escape
wait_for "step 0 · insn 0"
i=0
while [ "$(screen | wc -l)" -ne 36 ] || screen | grep -q "Output (any key closes)"; do
    i=$((i + 1))
    [ $i -gt 50 ] && { screen; fail "the screen did not grow to 120x36"; }
    sleep 0.1
done
[ "$(screen | awk 'NR==2 { print index($0, "│") }')" -eq 72 ] || { screen; fail "120 columns: the right column should start at 72"; }

# Colours by default; none with NO_COLOR (reverse video stays).
screen -e | grep -q "$(printf '\033')\[[0-9;]*4[0-7]m" || fail "no colours on a colour terminal"
# q with a breakpoint set asks first; n keeps the session, y quits.
tm send-keys -t dbg q Enter
wait_for "Quit anyway? 1 breakpoint or watch will be lost. (y or n)"
tm send-keys -t dbg n
wait_for "Not confirmed."
tm has-session -t dbg 2>/dev/null || fail "n to the quit question ended the session"
tm send-keys -t dbg q Enter
wait_for "(y or n)"
tm send-keys -t dbg y
quits "q, y did not quit"
start NO_COLOR=1
screen -e | grep -q "$(printf '\033')\[[0-9;]*[34][0-7]m" && fail "colours despite NO_COLOR"
screen -e | grep -q "$(printf '\033')\[[0-9;]*7m" || fail "no reverse video without colours"

# Typed commands run as typed, counts included (one-letter keys used to
# fire while a command was typed: si stepped, then opened info break).
tm send-keys -t dbg 'si 3' Enter
status_is "step 3 · insn 3 · "
tm send-keys -t dbg 'r 2' Enter
status_is "step 1 · insn 1 · "
tm send-keys -t dbg Enter             # an empty line repeats the last motion
status_is "step 0 · insn 0 · "
tm send-keys -t dbg Up Up Enter       # the history: si 3 again
status_is "step 3 · insn 3 · "
tm send-keys -t dbg 's 2' Home Right i Enter   # editing: "s 2" becomes "si 2"
status_is "step 5 · insn 5 · "
tm send-keys -t dbg 'x/2xb $rsp' Enter
wait_for "0x7fffffffef20: 0x01    0x00"
tm send-keys -t dbg Enter             # after x, Enter goes on from the next address, as in gdb
wait_for "0x7fffffffef22: 0x00    0x00"
tm send-keys -t dbg Escape
# gdb's single-key mode: letters are motions; another key starts a command line; q leaves.
tm send-keys -t dbg C-x s
wait_for "[single-key: s n i o f c r R u d w z"
tm send-keys -t dbg i
status_is "step 6 · insn 6 · "
tm send-keys -t dbg g ' 2' Enter      # g is no single key: it types "g 2"
status_is "step 2 · insn 2 · "
tm send-keys -t dbg i
status_is "step 3 · insn 3 · "
tm send-keys -t dbg q 'continue' Enter
wait_for "The program exited with status 0 after 138 instructions"
tm send-keys -t dbg q Enter
quits "q without breakpoints did not quit at once"

# Ctrl-C stops a long c on bench-spawn where it is, and the session goes on.
CONFIG=configs/bench-spawn.yaml start
tm send-keys -t dbg c Enter
wait_for "M insn/s · Ctrl-C stops"
tm send-keys -t dbg C-c
wait_for "Interrupted (Ctrl-C) at step "
at=$(screen | head -1 | sed -n 's/.* step \([0-9]*\) · .*/\1/p')
[ -n "$at" ] && [ "$at" -gt 0 ] || { screen | head -1; fail "Ctrl-C: no position"; }
screen | grep -q "exited" && fail "Ctrl-C did not stop the run before its end"
tm send-keys -t dbg si Enter
status_is " step $((at + 1)) · "
tm send-keys -t dbg q Enter
quits "q after Ctrl-C did not quit"
exit 0
