#!/bin/sh
# docs/walkthrough-real.md is what tools/walkthrough-real.sh writes from a
# fresh trace of the go1.19 hello: the page cannot drift from sim.
. "$(dirname "$0")/lib.sh"
[ -x /usr/lib/go-1.19/bin/go ] || fail "golang-1.19-go is not installed (make deps)"
SIM="$SIM" sh tools/walkthrough-real.sh "$T/w.md" || fail "tools/walkthrough-real.sh failed"
cmp -s "$T/w.md" docs/walkthrough-real.md || {
    diff docs/walkthrough-real.md "$T/w.md" | head -20
    fail "docs/walkthrough-real.md is not what tools/walkthrough-real.sh writes now (rerun it)"
}
grep -q '^| `runtime.procresize` | [0-9]* | [0-9]* | `proc.go:[0-9]*` |$' "$T/w.md" || fail "no procresize phase"
grep -q 'exit_group is the last syscall' "$T/w.md" || fail "no exit"
exit 0
