#!/bin/sh
# make bench, real programs: sim on a compute-bound static Go binary
# (tests/real/bench/compute.go, built with go1.19) untraced and with a text
# trace, beside qemu-x86_64 (Debian's qemu-user) untraced and with its
# per-instruction pc log (-singlestep -d exec,nochain), each pair run side
# by side in this one script: figures, not pass/fail.
cd "$(dirname "$0")/.." || exit 2
SIM=${SIM:-bin/sim}
GO=${GO:-/usr/lib/go-1.19/bin/go}
[ -x "$GO" ] || { echo "bench-real: no $GO (make deps installs golang-1.19-go)"; exit 0; }
out=build/real/bench
mkdir -p "$out" build/real/home || exit 2
env CGO_ENABLED=0 GO111MODULE=off GOFLAGS=-buildvcs=false GOENV=off GOTOOLCHAIN=local GOPROXY=off \
    HOME="$(pwd)/build/real/home" GOCACHE="$(pwd)/build/real/gocache" GOPATH="$(pwd)/build/real/gopath" \
    "$GO" build -o "$out/compute" tests/real/bench/compute.go || exit 1
tmp=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/sim-bench-real.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# seconds CMD...: wall seconds of CMD (its output to $tmp/out, $tmp/err).
seconds() {
    /usr/bin/time -f '%e' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
    cat "$tmp/time"
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0) ? n / s / 1e6 : 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }'; }

echo "sim bench, real programs: $out/compute (go1.19), $(nproc) CPUs"
s=$(seconds env -i "$SIM" run "$out/compute" -- 10)
n=$(sed -n 's/.* after \([0-9]*\) instructions$/\1/p' "$tmp/err")
echo "compute 10: $n instructions"
printf "sim, trace off:          %6.2f s  %6s M instructions/s\n" "$s" "$(rate "$n" "$s")"
q=none
if command -v qemu-x86_64 >/dev/null; then
    q=$(seconds env -i qemu-x86_64 "$out/compute" 10)
    printf "qemu-x86_64, no log:     %6.2f s  (sim takes %sx qemu's time)\n" "$q" "$(ratio "$s" "$q")"
fi
# Traced: a smaller run (its text trace is about 110 bytes an instruction).
s=$(seconds env -i "$SIM" run "$out/compute" -q -o "$tmp/t.trace" -- 1)
n=$(sed -n 's/^end exited instructions=\([0-9]*\).*/\1/p' "$tmp/t.trace")
b=$(wc -c < "$tmp/t.trace")
rm -f "$tmp/t.trace"
printf "sim, text trace:         %6.2f s  %6s M instructions/s  (%s instructions, %s MB)\n" \
    "$s" "$(rate "$n" "$s")" "$n" "$((b / 1048576))"
if [ "$q" != none ]; then
    ql=$(seconds env -i qemu-x86_64 -singlestep -d exec,nochain -D "$tmp/q.log" "$out/compute" 1)
    printf "qemu-x86_64, pc log:     %6.2f s  %6s M instructions/s  (%s lines); sim's trace is %sx faster\n" \
        "$ql" "$(rate "$n" "$ql")" "$(wc -l < "$tmp/q.log")" "$(ratio "$ql" "$s")"
fi

# The debugger on a real run of about a million instructions
# (tests/real/bench/million.go): step, reverse step and g N, each with every
# pane computed, against the 50 ms budget (docs/debugger.md).
env CGO_ENABLED=0 GO111MODULE=off GOFLAGS=-buildvcs=false GOENV=off GOTOOLCHAIN=local GOPROXY=off \
    HOME="$(pwd)/build/real/home" GOCACHE="$(pwd)/build/real/gocache" GOPATH="$(pwd)/build/real/gopath" \
    "$GO" build -o "$out/million" tests/real/bench/million.go || exit 1
env -i "$SIM" debug "$out/million" --bench-latency
