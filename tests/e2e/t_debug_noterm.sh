# sim debug without a terminal says it needs one and exits 2 (issue 14: with
# stdin at /dev/null it spun at 50% CPU on getch's ERR for ever); batch mode
# needs none.
. tests/e2e/lib.sh
msg='sim debug: the debugger needs a terminal on standard input and output'
timeout 20 "$SIM" debug </dev/null >"$T/out" 2>"$T/err"
got=$?
[ "$got" -eq 2 ] || fail "sim debug </dev/null: exit status $got, want 2"
[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; fail "want one line"; }
has "$T/err" "^$msg"
expect_status 0 timeout 20 "$SIM" debug -x 'p $rip' </dev/null
has "$T/out" '^\$rip = 0x401000'

# In a terminal whose stdin is /dev/null, and with a TERM ncurses does not know.
command -v tmux >/dev/null || fail "tmux is not installed (make deps installs it)"
SOCK="sim-e2e-$$"
unset TMUX
tm() { tmux -L "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
# in_tmux SHELL-CMD: run it in an 80x24 window; its stderr and status land in $T/tm.
n=0
in_tmux() {
    # A server of its own each time: a new one on the socket of a server
    # still exiting (after kill-session) can fail to start.
    n=$((n + 1))
    SOCK="sim-e2e-$$-$n"
    rm -f "$T/tm"
    tm new-session -d -s nt -x 80 -y 24 "$1 2>\"$T/tm.err\"; echo \"rc=\$?\" >>\"$T/tm.err\"; mv \"$T/tm.err\" \"$T/tm\"; sleep 30"
    i=0
    while [ ! -f "$T/tm" ]; do
        i=$((i + 1)); [ $i -gt 200 ] && fail "no answer in 20 s from: $1"
        sleep 0.1
    done
    tm kill-session -t nt
}
in_tmux "timeout 20 $SIM debug </dev/null"
has "$T/tm" "^$msg"
has "$T/tm" '^rc=2$'
in_tmux "TERM=no-such-terminal timeout 20 $SIM debug"
has "$T/tm" '^sim debug: cannot use the terminal (TERM=no-such-terminal is unknown or unusable)$'
has "$T/tm" '^rc=2$'
exit 0
