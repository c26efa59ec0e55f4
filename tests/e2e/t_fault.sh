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
# The store that faulted is marked as attempted, not done (text and JSONL,
# which read back the same).
has "$T/f.trace" '^[0-9]* 0x[0-9a-f]* main·main+7 | .* MOVQ \$1, 0(AX) | mov qword ptr \[rax\], 1 | \[0x0\]/8 0x0→0x1(faulted)$'
expect_status 1 "$SIM" run "$T/f.yaml" -o "$T/f.jsonl" --format jsonl
has "$T/f.jsonl" '"mem":\[{"addr":"0x0","size":8,"value":"0x1","old":"0x0","field":"","faulted":true}\]'
expect_status 0 "$SIM" diff "$T/f.trace" "$T/f.jsonl"
# Falling off the end of a TEXT into the padding after it: the report
# names the function it fell out of and its last instruction.
sed "s|main_boot.s|$(pwd)/tests/e2e/fixtures/padding.s|; s|\.\./runtime_model|$(pwd)/runtime_model|" configs/boot.yaml > "$T/p.yaml"
expect_status 1 "$SIM" run "$T/p.yaml" -o "$T/p.trace"
has "$T/err" '^  at pc 0x[0-9a-f]* past the end of main·main (the last instruction in a symbol: 0x[0-9a-f]* main·main+7), rsp '
# So does the trace's fault record, which reads back.
has "$T/p.trace" '^fault 0x[0-9a-f]* 0x[0-9a-f]*: CPU fault: .*, past the end of main·main (the last instruction in a symbol: 0x[0-9a-f]* main·main+7)$'
expect_status 0 "$SIM" diff "$T/p.trace" "$T/p.trace"
