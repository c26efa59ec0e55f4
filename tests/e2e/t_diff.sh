# sim diff on traces made to differ: exit 1 with the first divergence and
# its fields, resynchronisation after inserted records, exit 2 with
# file:line for bad input.
. tests/e2e/lib.sh
G=traces/golden/spawn.trace
expect_status 0 "$SIM" diff $G $G
# One record per JSONL line: the count sim diff reports for the text golden.
"$SIM" run configs/spawn.yaml -q --format jsonl -o "$T/spawn.jsonl" || fail "jsonl run"
has "$T/out" "^identical: $(wc -l < "$T/spawn.jsonl") records compared$"
# A state field's new value changed.
sed 's/^\(  set  *allp\[0\]\.runnext: nil → \)g1$/\1g7/' $G > "$T/state.trace"
expect_status 1 "$SIM" diff $G "$T/state.trace"
has "$T/out" "first divergence: .*: new @@"
has "$T/out" "^-   set      allp\[0\].runnext: nil → g1$"
has "$T/out" "^+   set      allp\[0\].runnext: nil → g7$"
has "$T/out" "new: A g1 | B g7"
has "$T/out" "1 divergence: 1 changed record, 0 extra in B, 0 extra in A"
# Two records inserted in B (a model call and a state change) after the
# first gfget: one divergence, not a cascade.
awk '{ print }
     /^  call     runtime·gfget\(pp=allp\[0\]\)$/ && !done {
         print "  call     runtime·extra(x=1)"; print "  set        g9.extra: 0 → 1"; done = 1 }' \
    $G > "$T/extra.trace"
expect_status 1 "$SIM" diff $G "$T/extra.trace"
has "$T/out" "2 extra records in B @@"
has "$T/out" "^+   call     runtime·extra(x=1)$"
has "$T/out" "resynchronised: "
has "$T/out" "1 divergence: 0 changed records, 2 extra in B, 0 extra in A"
grep -q "^@@ divergence" "$T/out" && fail "a cascade after the inserted records"
# The same, the other way round: records missing from B.
expect_status 1 "$SIM" diff "$T/extra.trace" $G
has "$T/out" "2 extra records in A @@"
# --ignore: the changed field is not compared; unknown names are refused.
expect_status 0 "$SIM" diff $G "$T/state.trace" --ignore new
expect_status 2 "$SIM" diff $G "$T/state.trace" --ignore nosuchfield
has "$T/err" 'unknown field "nosuchfield"'
# Cut at a line boundary: B ends early.
head -n 300 $G > "$T/short.trace"
expect_status 1 "$SIM" diff $G "$T/short.trace"
has "$T/out" "B ends here without an end record (cut short?); A goes on"
has "$T/out" "extra records at the end of A"
# Cut in the middle of a line: malformed, exit 2 with file:line.
head -c 30000 $G > "$T/cut.trace"
expect_status 2 "$SIM" diff $G "$T/cut.trace"
has "$T/err" "cut.trace:[0-9]*: last line has no newline"
# A malformed line.
sed '77s/.*/this is not a record/' $G > "$T/bad.trace"
expect_status 2 "$SIM" diff $G "$T/bad.trace"
has "$T/err" "bad.trace:77: not a trace record"
expect_status 2 "$SIM" diff $G "$T/missing.trace"
has "$T/err" "missing.trace: No such file or directory"
echo '{"kind":"header","version":1,"config":"x","sim":"0","program":"p"' > "$T/bad.jsonl"
expect_status 2 "$SIM" diff $G "$T/bad.jsonl"
has "$T/err" "bad.jsonl:1: JSON: expected '}' at column"
# Without its header, a JSONL trace is malformed as a text one is (issue 14:
# it was read, and sim diff exited 1 with a divergence).
sed 1d "$T/spawn.jsonl" > "$T/nohdr.jsonl"
expect_status 2 "$SIM" diff "$T/spawn.jsonl" "$T/nohdr.jsonl"
has "$T/err" "^sim diff: $T/nohdr.jsonl:1: not a sim trace: a JSONL trace starts with its header record"
expect_status 2 "$SIM" diff "$T/nohdr.jsonl" "$T/nohdr.jsonl"
sed 1d $G > "$T/nohdr.trace"
expect_status 2 "$SIM" diff $G "$T/nohdr.trace"
# --max stops early; a different sim version alone is no divergence.
expect_status 1 "$SIM" diff $G traces/golden/boot.trace --max 1
has "$T/out" "stopped after 1 divergences (--max)"
sed '1s/sim=[^ ]*/sim=9.9.9/' $G > "$T/version.trace"
expect_status 0 "$SIM" diff $G "$T/version.trace"
has "$T/out" "note: written by sim 0.1.0 and sim 9.9.9 (not a divergence)"
# Headers (config, program) that differ: a line of their own, not the run's
# first divergence; later divergences show both values; -q prints nothing.
expect_status 1 "$SIM" diff $G traces/golden/boot.trace
has "$T/out" "^header: config: A spawn | B boot; program: A fnv1a64:[0-9a-f]* | B fnv1a64:[0-9a-f]* (not a divergence of the run)$"
has "$T/out" "^@@ first divergence: A record [0-9]* (line [0-9]*), B record [0-9]* (line [0-9]*), seq [0-9]*: bytes, "
has "$T/out" "^@@ divergence: .* seq [0-9]*: pc, "
has "$T/out" "^    pc: A 0x[0-9a-f]* | B 0x[0-9a-f]*$"
has "$T/out" "^  headers differ: config, program$"
sed '1s/config=spawn/config=renamed/' $G > "$T/renamed.trace"
expect_status 1 "$SIM" diff $G "$T/renamed.trace"
has "$T/out" "^records identical: [0-9]* compared; the headers differ (config)$"
expect_status 0 "$SIM" diff $G "$T/renamed.trace" --ignore config
for args in "$G $T/renamed.trace" "$G traces/golden/boot.trace" "$G $T/state.trace"; do
    expect_status 1 "$SIM" diff -q $args
    [ -s "$T/out" ] || [ -s "$T/err" ] && fail "sim diff -q $args printed something"
done
expect_status 0 "$SIM" diff --quiet $G $G
[ -s "$T/out" ] && fail "sim diff -q printed on identical traces"
expect_status 2 "$SIM" diff -q $G "$T/missing.trace"
has "$T/err" "missing.trace: No such file or directory"
# --stat: a count per field, then the summary; no divergence listed.
expect_status 1 "$SIM" diff --stat $G traces/golden/boot.trace
has "$T/out" "^changed records, by field that differs:$"
has "$T/out" "^  pc  *[1-9][0-9]*$"
has "$T/out" "^  regs.rsp  *[1-9][0-9]*$"
grep -q "^@@" "$T/out" && fail "--stat listed divergences"
# The counts are those of the changed records the plain report lists.
changed=$(sed -n 's/^summary: .*: \([0-9]*\) changed records.*/\1/p' "$T/out")
pc=$(sed -n 's/^  pc  *//p' "$T/out")
expect_status 1 "$SIM" diff $G traces/golden/boot.trace
[ "$(grep -c '^@@ ' "$T/out")" -ge 2 ] || fail "no later divergences listed"
[ "$pc" -le "$changed" ] || fail "--stat: pc $pc in more than the $changed changed records"
