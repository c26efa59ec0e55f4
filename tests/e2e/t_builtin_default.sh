# `sim run` without a config runs the embedded default from any directory,
# and its trace is byte-identical to that of configs/boot.yaml; two runs of
# the same config give identical traces.
. tests/e2e/lib.sh
expect_status 0 "$SIM" run configs/boot.yaml -o "$T/a.trace"
expect_status 0 "$SIM" run configs/boot.yaml -o "$T/b.trace"
cmp "$T/a.trace" "$T/b.trace" || fail "two runs of boot.yaml differ"
here=$(pwd)
cd "$T" && expect_status 0 "$SIM" run -o builtin.trace
cd "$here"
cmp "$T/a.trace" "$T/builtin.trace" || fail "the built-in default differs from configs/boot.yaml"
