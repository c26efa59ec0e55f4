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
[ -s "$T/err" ] && fail "the built-in default printed on stderr: $(cat "$T/err")"
cmp "$T/a.trace" "$T/builtin.trace" || fail "the built-in default differs from configs/boot.yaml"
# An absolute config path works, and so does a copy of a config elsewhere:
# the sources it names are then taken from the embedded copies.
expect_status 0 "$SIM" run "$(pwd)/configs/boot.yaml" -o "$T/abs.trace"
cmp "$T/a.trace" "$T/abs.trace" || fail "an absolute config path gives a different trace"
cp configs/boot.yaml "$T/copy.yaml"
expect_status 0 "$SIM" run "$T/copy.yaml" -o "$T/copy.trace"
has "$T/err" "copy.yaml:[0-9]*:[0-9]*: note: ../runtime_model/asm/rt0_amd64.s is not on disk; using sim's built-in runtime_model/asm/rt0_amd64.s"
"$SIM" diff "$T/a.trace" "$T/copy.trace" >/dev/null || fail "a copied config runs a different program"
