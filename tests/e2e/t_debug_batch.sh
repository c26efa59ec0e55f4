# `sim debug --batch/-x`: the command layer, through what batch mode prints.
. tests/e2e/lib.sh
# block FILE N: what the Nth command of a batch transcript printed.
block() { awk -v n="$2" '/^\(sim\) /{k++; next} k==n' "$1"; }
# same A B: two blocks of text are identical.
same() { cmp -s "$1" "$2" || { diff "$1" "$2" | head -20; fail "$3"; }; }

# Reverse-step over a model call brings the scheduler state back, and
# stepping forward again reproduces the same panes.
expect_status 0 "$SIM" debug -x 'b runtime.newproc; c; si; r; si; p sched.goidgen; r; p sched.goidgen; p g1.atomicstatus; info timeline'
block "$T/out" 2 >"$T/at_stub"
block "$T/out" 3 >"$T/after"
block "$T/out" 4 >"$T/back"
block "$T/out" 5 >"$T/again"
has "$T/at_stub" '^Breakpoint 1, runtime·newproc'
has "$T/at_stub" 'no goroutines yet'
has "$T/after" '^=>*g1 _Grunnable\|^  g1 _Grunnable'
has "$T/after" '^P0 _Prunning m0 runnext=g1 runq=\[\]'
has "$T/after" 'call   runtime·runqput(pp=allp\[0\], gp=g1, next=true)'
sed 1d "$T/at_stub" >"$T/at_stub_panes"
same "$T/at_stub_panes" "$T/back" "r after the model call did not restore every pane"
same "$T/after" "$T/again" "stepping the model call again gave different panes"
block "$T/out" 6 | grep -q '^sched.goidgen = 16$' || fail "goidgen after newproc"
block "$T/out" 8 | grep -q '^sched.goidgen = 0$' || fail "goidgen not restored by r"
block "$T/out" 9 | grep -q 'no g1 yet' || fail "g1 still exists after r"
block "$T/out" 10 | grep -q 'checked [1-9][0-9]* log lines, 0 differed' || fail "replay differed"

# Going back to the first instruction restores every pane.
expect_status 0 "$SIM" debug -x 'g 0; b runtime.main; c; r 133; si 133; R; R'
block "$T/out" 1 >"$T/start"
block "$T/out" 3 >"$T/main"
block "$T/out" 4 | sed 1d >"$T/back"
block "$T/out" 5 >"$T/main2"
has "$T/start" '^\[step 0 · insn 0 · _rt0_amd64 · process stack'
has "$T/main" "^\[step 133 · insn 127 · runtime·main · g1's stack · running\]"
has "$T/main" '^=>g1 _Grunning sched.pc=runtime·main'
has "$T/main" '^m0 curg=g1 p=P0$'
same "$T/start" "$T/back" "r 133 did not come back to the start with every pane as it was"
sed 1d "$T/main" >"$T/main_panes"
sed 1d "$T/main2" >"$T/main2_panes"
same "$T/main_panes" "$T/main2_panes" "si 133 after r 133 gave different panes"
block "$T/out" 6 | grep -q '^Breakpoint 1, runtime·main' && fail "R from the breakpoint stopped on itself"
block "$T/out" 7 | grep -q '^Already at the start' || fail "R twice should reach the start"

# g N, forward and back: the first position with N instructions run.
expect_status 0 "$SIM" debug -x 'g 127; g 10; g 127; g 100000' --panes regs,stack,sched
block "$T/out" 1 >"$T/g79"
block "$T/out" 3 >"$T/g79b"
has "$T/g79" "^\[step 133 · insn 127 · runtime·main"
block "$T/out" 2 | grep -q '^\[step 10 · insn 10 · runtime·rt0_go+31' || fail "g 10"
same "$T/g79" "$T/g79b" "g 127 after g 10 gave different panes"
block "$T/out" 4 | grep -q 'The run has only 138 instructions' || fail "g past the end"

# Watches stop in both directions, and say what changed.
expect_status 0 "$SIM" debug -x 'w sched.goidgen; w g1.atomicstatus; w $fs_base; c; c; c; R; R; R' --panes sched
block "$T/out" 4 | grep -q '^Watchpoint 3: \$fs_base: 0x0 (0) → 0x404228 <runtime·m0+144>$' || fail "w \$fs_base (settls)"
has "$T/out" '^Watchpoint 1: sched.goidgen: 0 → 16$'
has "$T/out" '^Watchpoint 2: g1.atomicstatus: (no g1 yet: no g in allgs has goid 1) → _Grunnable (0x1)$'
has "$T/out" '^Watchpoint 2: g1.atomicstatus: _Grunnable (0x1) → _Grunning (0x2)$'
block "$T/out" 7 | grep -q '^Watchpoint 2: g1.atomicstatus: _Grunnable (0x1) → _Grunning (0x2) in the next step$' || fail "R to the watch"
block "$T/out" 7 | grep -q '^\[step 116 ' || fail "R stops before the changing step"
block "$T/out" 8 | grep -q '^Watchpoint 1: sched.goidgen: 0 → 16 in the next step$' || fail "R to goidgen"
block "$T/out" 9 | grep -q '^Watchpoint 3: \$fs_base: 0x0 (0) → 0x404228 <runtime·m0+144> in the next step$' || fail "R to fs_base"

# next over CALLs (assembly and a model), finish out of a function.
expect_status 0 "$SIM" debug -x 'b rt0_amd64.s:76; c; n; b rt0_amd64.s:97; c; n; b runtime.settls; g 0; c; c; finish' --panes log
block "$T/out" 3 | grep -q '^\[step 42 · insn 42 · runtime·rt0_go+183 ' || fail "n over CALL settls"
block "$T/out" 6 | grep -q 'call runtime·check()' || fail "n over CALL runtime·check"
block "$T/out" 6 | grep -q '^\[step 57 · insn 56 · runtime·rt0_go+252 ' || fail "n over a model call is two steps"
block "$T/out" 10 | grep -q '^Breakpoint 3, runtime·settls at sys_linux_amd64.s:19' || fail "breakpoint by symbol"
block "$T/out" 11 | grep -q '^\[step 42 · insn 42 · runtime·rt0_go+183 ' || fail "finish from settls"

# Breakpoints by FILE:LINE, listing, deleting; p and x; errors.
expect_status 1 "$SIM" debug -x 'b proc.s:9; info break; c; d 1; info b; p $rip; x/2gx $rsp; p allp[0].runnext; p g1.sched; b nosuch; p g1.nosuch; frob'
has "$T/out" '^Breakpoint 1 at 0x[0-9a-f]*: runtime·main+[0-9]* at proc.s:9$'
has "$T/out" '^1    breakpoint  0     0x[0-9a-f]* runtime·main+[0-9]* at proc.s:9$'
has "$T/out" '^Breakpoint 1, runtime·main+[0-9]* at proc.s:9$'
has "$T/out" '^No breakpoints or watchpoints.$'
has "$T/out" '^\$rip = 0x401308 <runtime·main+8>$'
has "$T/out" "^0xc000014fc8:$(printf '\t')0x0000000000000000$(printf '\t')0x0000000000000000$"
has "$T/out" '^allp\[0\].runnext = nil$'
has "$T/out" '^  pc  *runtime·main$'
has "$T/out" 'cannot read "nosuch" as an address'
has "$T/out" '^g has no field nosuch'
has "$T/out" '^unknown command "frob"'
