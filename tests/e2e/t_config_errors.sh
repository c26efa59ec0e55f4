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
