# The golden check passes on the committed goldens and fails, printing the
# diff, when a golden is altered (an altered copy: GOLDEN_DIR).
. tests/e2e/lib.sh
mkdir "$T/golden"
cp traces/golden/boot.trace traces/golden/spawn.trace "$T/golden/"
GOLDEN_DIR="$T/golden" expect_status 0 sh tests/check-traces.sh configs/boot.yaml configs/spawn.yaml
has "$T/out" "check-traces: ok   boot"
# One register value changed in the copy of spawn's golden.
sed 's/^1 0x401000 \(.*\) | rdi=0x0→0x1$/1 0x401000 \1 | rdi=0x0→0x7/' traces/golden/spawn.trace > "$T/golden/spawn.trace"
cmp -s traces/golden/spawn.trace "$T/golden/spawn.trace" && fail "the sed did not alter the golden"
GOLDEN_DIR="$T/golden" expect_status 1 sh tests/check-traces.sh configs/boot.yaml configs/spawn.yaml
has "$T/out" "check-traces: ok   boot"
has "$T/out" "check-traces: FAIL spawn"
has "$T/out" "first divergence: A record 2 (line 2), B record 2 (line 2), seq 1: regs.rdi"
has "$T/out" "regs.rdi: A 0x0→0x7 | B 0x0→0x1"
# A golden that is missing fails too (exit 2 from sim diff).
rm "$T/golden/boot.trace"
GOLDEN_DIR="$T/golden" expect_status 1 sh tests/check-traces.sh configs/boot.yaml
has "$T/out" "check-traces: FAIL boot (sim diff exited 2"
