# Executables sim refuses, each with one line and exit status 2, and the
# runs sim itself stops (exit 125, with a report).
. tests/e2e/lib.sh
cd "$T"
printf '\177ELF\002\001\001' > truncated
expect_status 2 "$SIM" run ./truncated
[ "$(wc -l < err)" -eq 1 ] || fail "more than one line: $(cat err)"
has err '^sim: \./truncated: '
cp /bin/true dynamic
expect_status 2 "$SIM" run ./dynamic
has err 'dynamic\|position-independent'
expect_status 2 "$SIM" run ./missing-file
has err 'missing-file'
expect_status 2 "$SIM" run "$SIM" -- x 2>/dev/null
# A config naming something that is not an ELF: its line and column.
printf 'program:\n  elf: notelf\n' > c.yaml
echo hi > notelf
expect_status 2 "$SIM" run c.yaml
has err '^c.yaml:2:8: program.elf: '
[ -x "$OLDPWD/build/real/go1.19/hello" ] || { echo "skip: no go1.19 hello"; exit 0; }
cp "$OLDPWD/build/real/go1.19/hello" .
# The instruction limit: sim stops the run, reports every thread, exits 125.
expect_status 125 "$SIM" run ./hello --max-instructions 50000
has err '^sim: hello: stopped: the instruction limit was reached'
has err '^  thread 1000 (on the CPU): runnable, pc 0x'
has err '^  last blocks entered:'
# The syscall table in the docs is the one sim has.
"$SIM" syscalls > table.md
sed -n '/^<!-- syscalls/,/^<!-- \/syscalls/p' "$OLDPWD/docs/real-programs.md" | sed '1d;$d' > docs.md
cmp -s table.md docs.md || { diff table.md docs.md | head; fail "docs/real-programs.md's syscall table is not sim syscalls' output"; }
