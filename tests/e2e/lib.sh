# Helpers for the end-to-end scripts: each runs from the repository root
# with $SIM set, in a scratch directory $T removed on exit.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# expect_status N CMD...: run CMD, keep stdout/stderr in $T/out, $T/err.
expect_status() {
    want=$1; shift
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    [ "$got" -eq "$want" ] || { cat "$T/out" "$T/err"; fail "exit status $got, want $want: $*"; }
}
# has FILE PATTERN: FILE contains a line matching the basic regex PATTERN.
has() { grep -q -- "$2" "$1" || { echo "--- $1:"; head -40 "$1"; fail "no line matching '$2' in $1"; }; }
