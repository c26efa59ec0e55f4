#!/bin/sh
# The golden-trace check (make check-traces): runs each config given into a
# temporary folder and compares its trace with traces/golden/<name>.trace
# using sim diff, printing the diff and failing on any divergence.
#   --update   rewrite the golden traces instead (make golden)
# SIM is the sim binary (default bin/sim); GOLDEN_DIR overrides
# traces/golden (the e2e test checks against an altered copy).
# A config's run must exit 0, except those in EXPECT_FAIL, whose runs end in
# a fault or throw on purpose (the seed scenarios: docs/walkthrough.md) and
# exit 1.
cd "$(dirname "$0")/.." || exit 2
SIM=${SIM:-bin/sim}
GOLDEN_DIR=${GOLDEN_DIR:-traces/golden}
EXPECT_FAIL="seed-verbatim seed-no-stack-setup"
update=false
if [ "${1:-}" = --update ]; then update=true; shift; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$GOLDEN_DIR"
status=0
for cfg in "$@"; do
    name=$(basename "$cfg" .yaml)
    want=0
    case " $EXPECT_FAIL " in *" $name "*) want=1 ;; esac
    "$SIM" run "$cfg" -q -o "$tmp/$name.trace" >"$tmp/run.out" 2>&1
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        echo "check-traces: FAIL $name: sim run exited $rc, want $want"
        sed 's/^/    /' "$tmp/run.out"
        status=1
        continue
    fi
    if $update; then
        cp "$tmp/$name.trace" "$GOLDEN_DIR/$name.trace"
        echo "golden: wrote $GOLDEN_DIR/$name.trace ($(wc -l < "$GOLDEN_DIR/$name.trace") lines)"
        continue
    fi
    "$SIM" diff "$GOLDEN_DIR/$name.trace" "$tmp/$name.trace" >"$tmp/diff.out" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ]; then
        echo "check-traces: ok   $name"
    else
        echo "check-traces: FAIL $name (sim diff exited $rc; A is the golden, B this run)"
        sed 's/^/    /' "$tmp/diff.out"
        status=1
    fi
done
exit $status
