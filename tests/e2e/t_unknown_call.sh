# A call to a function nobody defines is reported with its name and where it is.
. tests/e2e/lib.sh
sed "s|main_boot.s|$(pwd)/tests/e2e/fixtures/unknown_call.s|; s|\.\./runtime_model|$(pwd)/runtime_model|" configs/boot.yaml > "$T/u.yaml"
expect_status 2 "$SIM" run "$T/u.yaml" -o "$T/u.trace"
has "$T/err" "unknown_call.s:5: undefined: runtime·nosuchfunc (referenced at main·main+5, pc 0x"
