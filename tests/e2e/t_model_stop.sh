#!/bin/sh
# --stop-at and the debugger's b on a Go function the model mode implements
# in C (runtime·schedule, runtime·execute): the run stops at the model's
# entry, inside the model call that enters it, with what the call did up
# to there done (schedule took g1 off runnext) and nothing after it (g1 is
# not running yet).
. "$(dirname "$0")/lib.sh"
for name in runtime.execute 'runtime·execute' 'runtime.execute@1'; do
    expect_status 0 "$SIM" run --stop-at "$name" -o "$T/t" --dump-state "$T/s.json"
    has "$T/out" "^sim: boot: stopped at runtime·execute's entry (a model), inside the model call of runtime·mstart1, after 111 instructions$"
done
tail -2 "$T/t" >"$T/tail"
printf '%s\n' '  call     runtime·execute(gp=g1, inheritTime=true)' 'end stopped instructions=111' |
    cmp -s - "$T/tail" || { cat "$T/tail"; fail "the trace does not end at execute's entry"; }
has "$T/s.json" '"state":"stopped","instructions":111,'
has "$T/s.json" '"allgs":\[{"goid":1,"addr":"[^"]*","status":"_Grunnable"'
has "$T/s.json" '"m0":{"id":0,"curg":null,'
expect_status 0 "$SIM" run --stop-at runtime.schedule
has "$T/out" "^sim: boot: stopped at runtime·schedule's entry (a model), inside the model call of runtime·mstart1"
expect_status 1 "$SIM" run --stop-at 'runtime.execute@2'
has "$T/err" '^sim: boot: --stop-at runtime.execute@2 was never reached$'
expect_status 2 "$SIM" run --stop-at runtime.nosuch
has "$T/err" 'no symbol runtime.nosuch'

# The debugger: both entries in one model call, forward and back; a step
# from the entry finishes the call; the replays repeat the first pass.
expect_status 0 "$SIM" debug --panes sched -x 'b runtime.schedule; b runtime.execute; c; c;
    p m0.curg; p allp[0].runnext; si; p m0.curg; R; R; R; c; info break'
grep -v '^   \|^──\|^ \|^P\|^sched\|^m0 \|^no Ps' "$T/out" >"$T/got"
cat >"$T/want" <<'WANT'
(sim) b runtime.schedule
Breakpoint 1: runtime·schedule (a model: stops at its entry, inside the model call that enters it)
(sim) b runtime.execute
Breakpoint 2: runtime·execute (a model: stops at its entry, inside the model call that enters it)
(sim) c
Breakpoint 1, runtime·schedule (a model): its entry, inside the model call of runtime·mstart1
[step 116 · insn 111 · runtime·mstart1 · g0's stack · at runtime·schedule's entry]
(sim) c
Breakpoint 2, runtime·execute (a model): its entry, inside the model call of runtime·mstart1
[step 116 · insn 111 · runtime·mstart1 · g0's stack · at runtime·execute's entry]
(sim) p m0.curg
m0.curg = nil
(sim) p allp[0].runnext
allp[0].runnext = nil
(sim) si
[step 117 · insn 111 · runtime·gogo · g0's stack · running]
=>g1 _Grunning sched.pc=runtime·main stack=[c000014800,c000015000)
(sim) p m0.curg
m0.curg = g1 (0xc000014620)
(sim) R
Breakpoint 2, runtime·execute (a model): its entry, inside the model call of runtime·mstart1
[step 116 · insn 111 · runtime·mstart1 · g0's stack · at runtime·execute's entry]
(sim) R
Breakpoint 1, runtime·schedule (a model): its entry, inside the model call of runtime·mstart1
[step 116 · insn 111 · runtime·mstart1 · g0's stack · at runtime·schedule's entry]
(sim) R
Reached the start of the run.
[step 0 · insn 0 · _rt0_amd64 · process stack, no g0 yet · running]
(sim) c
Breakpoint 1, runtime·schedule (a model): its entry, inside the model call of runtime·mstart1
[step 116 · insn 111 · runtime·mstart1 · g0's stack · at runtime·schedule's entry]
(sim) info break
Num  Type        Hits  What
1    breakpoint  3     - runtime·schedule (a model: stops at its entry, inside the model call that enters it)
2    breakpoint  2     - runtime·execute (a model: stops at its entry, inside the model call that enters it)
WANT
diff "$T/want" "$T/got" || fail "the debugger session differs"
expect_status 0 "$SIM" debug --panes sched -x 'b runtime.execute; c; si; r; si; info timeline'
has "$T/out" ', 0 differed$'
# The Log pane shows the call's records up to the entry, as its newest lines.
expect_status 0 "$SIM" debug --panes log -x 'b runtime.execute; c'
tail -3 "$T/out" >"$T/log"
printf '%s\n' '       call       runtime·runqget(pp=allp[0])' '       set          allp[0].runnext: g1 → nil' \
    '       call     runtime·execute(gp=g1, inheritTime=true)' | cmp -s - "$T/log" || { cat "$T/log"; fail "the Log pane inside the call"; }
exit 0
