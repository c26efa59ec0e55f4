# Bad configs: one line file:line:col, exit status 2.
. tests/e2e/lib.sh
sed 's/^process:/proces:/' configs/boot.yaml > "$T/typo.yaml"
expect_status 2 "$SIM" run "$T/typo.yaml"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "want exactly one line of error"
has "$T/err" "^$T/typo.yaml:[0-9]*:1: .*proces.*did you mean \"process\""
sed 's/ncpu: 2/ncpu: two/' configs/boot.yaml > "$T/type.yaml"
expect_status 2 "$SIM" run "$T/type.yaml"
has "$T/err" "^$T/type.yaml:[0-9]*:[0-9]*: .*process.ncpu"
expect_status 2 "$SIM" run "$T/missing.yaml"
has "$T/err" "missing.yaml: cannot read"
expect_status 2 "$SIM" run configs/boot.yaml --bogus
expect_status 2 "$SIM" frobnicate
# Errors found after parsing point at the config line of the value (issue
# 14: an undefined program.entry and an argv or env too large gave the file
# alone).
sed 's/entry: _rt0_amd64/entry: nosuch/' configs/boot.yaml > "$T/entry.yaml"
sed -i "s#\.\./runtime_model#$(pwd)/runtime_model#; s#main_boot.s#$(pwd)/configs/main_boot.s#" "$T/entry.yaml"
line=$(grep -n 'entry:' "$T/entry.yaml" | cut -d: -f1)
expect_status 2 "$SIM" run "$T/entry.yaml"
has "$T/err" "^$T/entry.yaml:$line:10: program.entry: symbol nosuch is not defined by the sources$"
big=$(head -c 70000 /dev/zero | tr '\0' x)
sed "s/entry: nosuch/entry: _rt0_amd64/; s/argv: \[hello\]/argv: [hello, $big]/" "$T/entry.yaml" > "$T/argv.yaml"
line=$(grep -n 'argv:' "$T/argv.yaml" | cut -d: -f1)
expect_status 2 "$SIM" run "$T/argv.yaml"
has "$T/err" "^$T/argv.yaml:$line:9: process.argv and process.env do not fit in the top 64 KiB of the stack$"
sed "s/entry: nosuch/entry: _rt0_amd64/; s/env: \[HOME/env: [BIG=$big, HOME/" "$T/entry.yaml" > "$T/env.yaml"
line=$(grep -n 'env:' "$T/env.yaml" | cut -d: -f1)
expect_status 2 "$SIM" run "$T/env.yaml"
has "$T/err" "^$T/env.yaml:$line:8: process.argv and process.env do not fit"
exit 0
