# The same config gives byte-identical traces, in both formats, and the two
# formats hold the same records (sim diff across formats).
. tests/e2e/lib.sh
for fmt in text jsonl; do
    expect_status 0 "$SIM" run configs/spawn.yaml -q --format $fmt -o "$T/one.$fmt"
    expect_status 0 "$SIM" run configs/spawn.yaml -q --format $fmt -o "$T/two.$fmt"
    cmp "$T/one.$fmt" "$T/two.$fmt" || fail "two $fmt runs differ"
done
expect_status 0 "$SIM" diff "$T/one.text" "$T/one.jsonl"
has "$T/out" "^identical: [0-9]* records compared$"
