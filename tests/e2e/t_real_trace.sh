# A real go1.19 hello under sim run: its output and status, a trace that is
# the same bytes twice and shows the runtime's start (schedinit, newproc1,
# the clone of sysmon, futexes, main.main with source lines), the same
# instruction count traced and untraced, another schedule seed giving
# another interleaving but the same output, and sim diff over real traces.
. tests/e2e/lib.sh
sh tests/real/build.sh /usr/lib/go-1.19/bin/go >/dev/null || fail "building the go1.19 programs"
P=build/real/go1.19
[ -x $P/hello ] || { echo "skip: go1.19 is not installed"; exit 0; }
cd "$T"
cp "$OLDPWD/$P/hello" "$OLDPWD/$P/spawn10" .
expect_status 0 env -i "$SIM" run ./hello -o a.trace
has out '^hello, world$'
has err '^sim: hello: the program exited with status 0 after [0-9]* instructions'
expect_status 0 env -i "$SIM" run ./hello -q -o b.trace
cmp -s a.trace b.trace || fail "two traces of the same run differ"
[ ! -s err ] || fail "-q printed: $(cat err)"
has a.trace ' runtime\.schedinit | .* | proc\.go:[0-9]* '
has a.trace ' runtime\.newproc1 | .* | proc\.go:[0-9]* '
has a.trace '^  syscall t1000 clone(CLONE_VM|'
has a.trace '^  syscall t100[0-9] futex(0x[0-9a-f]*, FUTEX_WAKE_PRIVATE'
has a.trace '^[0-9]* t1001 0x[0-9a-f]* runtime\.sysmon | .* | proc\.go:[0-9]* '
has a.trace '^[0-9]* t1000 0x[0-9a-f]* main\.main | .* | hello\.go:6 '
has a.trace '^  switch t1000 → t1001 ('
has a.trace '^end exited instructions=[0-9]* status=0'
# Untraced, the same instructions run.
traced=$(sed -n 's/^end exited instructions=\([0-9]*\).*/\1/p' a.trace)
expect_status 0 env -i "$SIM" run ./hello
has err "after $traced instructions"
expect_status 0 "$SIM" diff a.trace b.trace
# Another seed: another interleaving, the same output.
expect_status 0 env -i "$SIM" run ./spawn10 -q -o s0.trace
cp out s0.out
expect_status 0 env -i "$SIM" run ./spawn10 -q -o s5.trace --schedule-seed 5
cmp -s out s0.out || fail "spawn10's output depends on the seed"
expect_status 1 "$SIM" diff s0.trace s5.trace
has out 'first divergence'
# JSONL of the same run compares equal to the text trace.
expect_status 0 env -i "$SIM" run ./hello -q -o a.jsonl --format jsonl
expect_status 0 "$SIM" diff a.trace a.jsonl
has a.jsonl '"kind":"syscall","tid":1000,"text":"arch_prctl(ARCH_SET_FS, '
