#!/bin/sh
# make bench: speed and memory of sim on configs/bench-spawn.yaml (100,000
# goroutines started and finished), with the trace off, as text and as
# JSONL, and of sim diff on two identical 10^7-line traces.  Figures go to
# stdout; docs/performance.md keeps the measured ones.  The traces (a few
# GB) are written to a temporary folder (BENCH_TMP, default $TMPDIR or
# /tmp) and deleted as soon as they have been measured.
cd "$(dirname "$0")/.." || exit 2
SIM=${SIM:-bin/sim}
CFG=configs/bench-spawn.yaml
DIFF_LINES=10000000
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (Debian package time)"; exit 2; }
tmp=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/sim-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# measure LABEL CMD...: runs CMD under /usr/bin/time; sets $secs and $rss_mb.
measure() {
    label=$1; shift
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    read -r secs rss_kb < "$tmp/time"
    rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
    [ "$rc" -le 1 ] || { echo "bench: $label failed (exit $rc)"; cat "$tmp/err"; exit 1; }
}

per_sec() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.2f", (s > 0) ? n / s / 1e6 : 0 }'; }

echo "sim bench: $CFG on $(uname -m), $(nproc) CPUs, $(date -u +%Y-%m-%d)"
measure "trace off" "$SIM" run "$CFG"
insns=$(sed -n 's/.* after \([0-9]*\) instructions$/\1/p' "$tmp/out")
[ -n "$insns" ] || { echo "bench: no instruction count in:"; cat "$tmp/out"; exit 1; }
echo "instructions executed:       $insns"
printf "trace off:   %7.2f s  %6s M instructions/s  peak RSS %7s MB\n" \
    "$secs" "$(per_sec "$insns" "$secs")" "$rss_mb"

for fmt in text jsonl; do
    measure "$fmt trace" "$SIM" run "$CFG" --format $fmt -o "$tmp/bench.$fmt"
    bytes=$(wc -c < "$tmp/bench.$fmt")
    printf "%-6s trace: %7.2f s  %6s M instructions/s  peak RSS %7s MB  %s bytes/instruction (%s MB)\n" \
        "$fmt" "$secs" "$(per_sec "$insns" "$secs")" "$rss_mb" \
        "$(awk -v b="$bytes" -v n="$insns" 'BEGIN { printf "%.1f", b / n }')" \
        "$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }')"
    if [ $fmt = text ]; then
        lines=$(wc -l < "$tmp/bench.text")
        [ "$lines" -ge $DIFF_LINES ] || { echo "bench: only $lines lines, want $DIFF_LINES"; exit 1; }
        head -n $DIFF_LINES "$tmp/bench.text" > "$tmp/a.trace"
        head -n $((DIFF_LINES / 10)) "$tmp/bench.text" > "$tmp/a1.trace"
    fi
    rm -f "$tmp/bench.$fmt"
done

# The text trace formatted but thrown away: the speed without the kernel's
# cost of writing 1.8 GB to the file system (on a 2-CPU VM that alone can
# take 2-4 s: compare dd if=/dev/zero bs=1M count=1822).
measure "text trace to /dev/null" "$SIM" run "$CFG" -o /dev/null
printf "text trace to /dev/null: %7.2f s  %6s M instructions/s\n" "$secs" "$(per_sec "$insns" "$secs")"

# The text trace again with no scheduler snapshots: how much of the cost is
# the models' schedtrace formatting.
sed "s|\.\./runtime_model|$(pwd)/runtime_model|; s|main_bench_spawn.s|$(pwd)/configs/main_bench_spawn.s|; s|sched: on-change|sched: never|" \
    "$CFG" > "$tmp/nosched.yaml"
measure "text trace, sched never" "$SIM" run "$tmp/nosched.yaml" -o "$tmp/nosched.text"
printf "text trace, trace.sched never: %7.2f s  %6s M instructions/s\n" "$secs" "$(per_sec "$insns" "$secs")"
rm -f "$tmp/nosched.text"

cp "$tmp/a1.trace" "$tmp/b1.trace"
measure "sim diff 10^6" "$SIM" diff "$tmp/a1.trace" "$tmp/b1.trace"
printf "sim diff, 2 x %8d identical lines: %6.2f s  peak RSS %6s MB\n" $((DIFF_LINES / 10)) "$secs" "$rss_mb"
rm -f "$tmp/a1.trace" "$tmp/b1.trace"
cp "$tmp/a.trace" "$tmp/b.trace"
measure "sim diff 10^7" "$SIM" diff "$tmp/a.trace" "$tmp/b.trace"
printf "sim diff, 2 x %8d identical lines: %6.2f s  peak RSS %6s MB  %s M lines/s per side (%s)\n" \
    $DIFF_LINES "$secs" "$rss_mb" "$(per_sec $DIFF_LINES "$secs")" "$(cat "$tmp/out")"
