# SIGTERM and SIGINT in the middle of a traced real run: sim stops at a
# record boundary, the trace ends with an `end cut` record (text and
# JSONL), sim exits 128 + the signal, and sim diff reads the file up to
# the cut and says so.  The kill comes once the trace file has grown past
# a size, so the test does not depend on timing.
. tests/e2e/lib.sh
command -v as >/dev/null && command -v ld >/dev/null || { echo "skip: no as/ld"; exit 0; }
root=$(pwd)
cd "$T"
as -I "$root/tests/hostile/progs" -o spin.o "$root/tests/hostile/progs/spin.s" && ld -o spin spin.o ||
    fail "cannot build spin"

# run_and_kill SIG FORMAT FILE: a run of spin traced to FILE, killed with
# SIG once FILE holds 2 MB; its exit status in $status, stderr in err.
run_and_kill() {
    "$SIM" run ./spin -o "$3" --format "$2" --max-instructions 10000000000 2>err &
    pid=$!
    i=0
    while [ "$(stat -c %s "$3" 2>/dev/null || echo 0)" -lt 2000000 ]; do
        i=$((i + 1))
        [ $i -lt 600 ] || { kill -KILL $pid; fail "the trace never reached 2 MB"; }
        sleep 0.05
    done
    kill -"$1" $pid
    wait $pid
    status=$?
}

run_and_kill TERM text cut.trace
[ $status -eq 143 ] || { cat err; fail "SIGTERM: exit status $status, want 143"; }
has err '^sim: spin: cut short by SIGTERM after [0-9]* instructions; the trace ends there$'
last=$(tail -n 1 cut.trace)
case $last in 'end cut instructions='*' why="SIGTERM"') ;; *) fail "last line: $last" ;; esac
[ "$(tail -c 1 cut.trace | od -An -c | tr -d ' ')" = '\n' ] || fail "the trace does not end with a newline"
n=$(echo "$last" | sed 's/.*instructions=\([0-9]*\).*/\1/')
# The record before the cut is the last instruction, number n.
tail -n 2 cut.trace | head -n 1 | grep -q "^$n t1000 " || fail "the record before the cut is not instruction $n"
# The reader takes the file whole; against itself it is identical.
expect_status 0 "$SIM" diff cut.trace cut.trace
# Against a run that went further: compared up to the cut, which is reported.
"$SIM" run ./spin -o full.trace --max-instructions $((n + 100)) 2>/dev/null
expect_status 1 "$SIM" diff cut.trace full.trace
has out "^@@ first divergence: .*: A was cut here (by SIGTERM, after $n instructions); B goes on @@"
has out '^summary: .* 1 divergence: 0 changed records, [0-9]* extra in B'

run_and_kill INT jsonl cut.jsonl
[ $status -eq 130 ] || { cat err; fail "SIGINT: exit status $status, want 130"; }
last=$(tail -n 1 cut.jsonl)
case $last in '{"kind":"end","how":"cut",'*'"why":"SIGINT"}') ;; *) fail "last JSONL line: $last" ;; esac
n=$(echo "$last" | sed 's/.*"instructions":\([0-9]*\).*/\1/')
"$SIM" run ./spin -o full.trace --max-instructions $((n + 100)) 2>/dev/null
expect_status 1 "$SIM" diff full.trace cut.jsonl
has out "B was cut here (by SIGINT, after $n instructions); A goes on @@"
exit 0
