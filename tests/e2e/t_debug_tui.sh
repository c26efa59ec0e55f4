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
start() {   # start [ENV=…]: sim debug on the boot config in an 80x24 window
    tm new-session -d -s dbg -x 80 -y 24 "env LANG=C.UTF-8 $* $SIM debug configs/boot.yaml"
    wait_for "(sim)"
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
tm send-keys -t dbg c
wait_for "Breakpoint 1, runtime·main"
screen >"$T/main"
has "$T/main" "step 88 · insn 82 · runtime·main · g1's stack"
has "$T/main" '│=>g1 _Grunning pc=runtime·main'
has "$T/main" 'm0 curg=g1 p=P0'
has "$T/main" 'P0 _Prunning m0 runnext=- runq=\[\]'
has "$T/main" 'g1.atomicstatus: _Grunn'

# s steps, r steps back; R walks back to the first instruction and every pane is as it was.
tm send-keys -t dbg s
wait_for "step 89 · insn 83"
tm send-keys -t dbg r
wait_for "step 88 · insn 82"
tm send-keys -t dbg R
wait_for "Reached the start of the run."
screen | head -22 >"$T/back"
cmp -s "$T/start" "$T/back" || { diff "$T/start" "$T/back"; fail "R to the start did not restore the screen"; }

# Help, and a multi-line answer in a box that any key closes.
tm send-keys -t dbg '?'
wait_for "Moving (a step is one instruction"
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
tm send-keys -t dbg q
i=0
while tm has-session -t dbg 2>/dev/null; do
    i=$((i + 1))
    [ $i -gt 50 ] && fail "q did not quit"
    sleep 0.1
done
start NO_COLOR=1
screen -e | grep -q "$(printf '\033')\[[0-9;]*[34][0-7]m" && fail "colours despite NO_COLOR"
screen -e | grep -q "$(printf '\033')\[[0-9;]*7m" || fail "no reverse video without colours"
tm send-keys -t dbg q
exit 0
