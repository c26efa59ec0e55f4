# `sim run configs/boot.yaml` runs to exit(0) and its trace reaches runtime·main on g1.
. tests/e2e/lib.sh
expect_status 0 "$SIM" run configs/boot.yaml -o "$T/boot.trace"
has "$T/out" "the program exited with status 0"
has "$T/boot.trace" '^#sim-trace v1 config=boot '
has "$T/boot.trace" '^1 0x401000 _rt0_amd64 | 48 8b 3c 24 | rt0_amd64.s:[0-9]* MOVQ 0(SP), DI // argc | mov rdi, qword ptr \[rsp\]'
has "$T/boot.trace" 'call runtime·newproc(fn=runtime·mainPC)'
has "$T/boot.trace" 'set  *g1.sched.pc: runtime·goexit+1 → runtime·main'
has "$T/boot.trace" '^[0-9]* 0x[0-9a-f]* runtime·main | '
has "$T/boot.trace" 'call syscall exit_group(status=0)'
has "$T/boot.trace" '^end exited instructions=[0-9]* status=0$'
# `-o -`: the same trace on standard output, the summary on stderr.
expect_status 0 "$SIM" run configs/boot.yaml -o -
cmp -s "$T/out" "$T/boot.trace" || fail "-o - wrote a different trace than -o FILE"
has "$T/err" "the program exited with status 0"
has "$T/err" "trace: standard output"
