# A fault in the program: exit status 1, pc and symbol reported with the last
# instructions, and the trace flushed up to the fault.
. tests/e2e/lib.sh
sed "s|main_boot.s|$(pwd)/tests/e2e/fixtures/fault.s|; s|\.\./runtime_model|$(pwd)/runtime_model|" configs/boot.yaml > "$T/f.yaml"
expect_status 1 "$SIM" run "$T/f.yaml" -o "$T/f.trace"
has "$T/err" "^sim: fault: CPU fault: "
has "$T/err" "at pc 0x[0-9a-f]* main·main+[0-9]"
has "$T/err" "last instructions:"
has "$T/err" "main·main | "
has "$T/f.trace" '^end fault '
