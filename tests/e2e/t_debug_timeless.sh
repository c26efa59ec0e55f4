# Timeless navigation in sim debug (docs/debugger.md): raw-memory watches
# both ways, whowrote / nextwrite on a Go field, a register and an
# address, prevexec / nextexec; exact answers, the panes left out.
. tests/e2e/lib.sh
answers() { awk '/^\(sim\) /{p=0; print; next} /^\[step /{print; p=1; next} !p' "$T/out"; }
check() {   # check NAME: the answers equal $T/want
    answers >"$T/got"
    diff "$T/want" "$T/got" >"$T/diff" || { cat "$T/diff"; fail "$1"; }
}

expect_status 1 "$SIM" debug --panes sched -x 'b runtime.main; c; whowrote g1.sched; whowrote g1.sched.sp; whowrote g1.sched.sp; whowrote $rsp; prevexec; g 0; nextwrite sched.goidgen; nextexec runtime·gogo; prevexec runtime·newproc; nextwrite *0xc000014658; whowrote 0xc000014658'
cat >"$T/want" <<'X'
(sim) b runtime.main
Breakpoint 1 at 0x401300: runtime·main at proc.s:8
(sim) c
Breakpoint 1, runtime·main at proc.s:8
[step 133 · insn 127 · runtime·main · g1's stack · running]
(sim) whowrote g1.sched
g1.sched was written by insn 125 (step 130) at gogo<>+50: mov qword ptr [rbx + 0x30], 0
  [0xc000014658]/56 g1.sched g1.sched.bp 0x0→0x0 (the same value)
[step 130 · insn 124 · gogo<>+50 · g1's stack · running]
(sim) whowrote g1.sched.sp
g1.sched.sp was written by insn 122 (step 127) at gogo<>+27: mov qword ptr [rbx], 0
  [0xc000014658]/8 g1.sched.sp 0xc000014fd8→0x0
[step 127 · insn 121 · gogo<>+27 · g1's stack · running]
(sim) whowrote g1.sched.sp
g1.sched.sp was written by the model runtime·newproc (step 94, after insn 90)
  [0xc000014658]/8 g1.sched.sp 0x0→0xc000014fd8
[step 94 · insn 90 · runtime·newproc · g0's stack · running]
(sim) whowrote $rsp
$rsp was written by insn 90 (step 93) at runtime·newproc·abi0+26: call 0x300040
  $rsp 0x7fffffffeed0→0x7fffffffeec8
[step 93 · insn 89 · runtime·newproc·abi0+26 · g0's stack · running]
(sim) prevexec
runtime·newproc·abi0+26 did not run before this point (step 93).
(sim) g 0
[step 0 · insn 0 · _rt0_amd64 · process stack, no g0 yet · running]
(sim) nextwrite sched.goidgen
sched.goidgen was written by the model runtime·newproc (step 94, after insn 90)
  [0x404588]/8 sched.goidgen 0x0→0x10
[step 94 · insn 90 · runtime·newproc · g0's stack · running]
(sim) nextexec runtime·gogo
Next execution of runtime·gogo (step 117, insn 112): mov rbx, qword ptr [rsp + 8]
[step 117 · insn 111 · runtime·gogo · g0's stack · running]
(sim) prevexec runtime·newproc
Previous call of the model runtime·newproc (step 94, after insn 90)
[step 94 · insn 90 · runtime·newproc · g0's stack · running]
(sim) nextwrite *0xc000014658
[0xc000014658] was written by insn 122 (step 127) at gogo<>+27: mov qword ptr [rbx], 0
  [0xc000014658]/8 0xc000014fd8→0x0
[step 127 · insn 121 · gogo<>+27 · g1's stack · running]
(sim) whowrote 0xc000014658
g1.sched.sp was written by the model runtime·newproc (step 94, after insn 90)
  [0xc000014658]/8 g1.sched.sp 0x0→0xc000014fd8
[step 94 · insn 90 · runtime·newproc · g0's stack · running]
X
check "whowrote, nextwrite, nextexec, prevexec"

# Raw memory: watch *ADDR and watch -l EXPR stop both ways.
expect_status 1 "$SIM" debug --panes sched -x 'w *0xc000014658; c; c; R; R; d 1; w -l g1.sched.pc; w -location sched.goidgen; w -l $rsp; w *nosuch; c; R; info break'
cat >"$T/want" <<'X'
(sim) w *0xc000014658
Watchpoint 1: *0xc000014658 (now 0)
(sim) c
Watchpoint 1: *0xc000014658: 0 → 0xc000014fd8
[step 95 · insn 90 · runtime·newproc·abi0+31 · g0's stack · running]
(sim) c
Watchpoint 1: *0xc000014658: 0xc000014fd8 → 0
[step 128 · insn 122 · gogo<>+34 · g1's stack · running]
(sim) R
Watchpoint 1: *0xc000014658: 0xc000014fd8 → 0 in the next step
[step 127 · insn 121 · gogo<>+27 · g1's stack · running]
(sim) R
Watchpoint 1: *0xc000014658: 0 → 0xc000014fd8 in the next step
[step 94 · insn 90 · runtime·newproc · g0's stack · running]
(sim) d 1
Deleted 1
(sim) w -l g1.sched.pc
g1.sched.pc has no location here: (no g1 yet: no g in allgs has goid 1)
(sim) w -location sched.goidgen
Watchpoint 2: -location sched.goidgen (now 0)
(sim) w -l $rsp
$rsp is a register: it has no location (watch $rsp watches it)
(sim) w *nosuch
cannot read "nosuch" as an address (0x…, $reg, symbol, &field)
(sim) c
Watchpoint 2: -location sched.goidgen: 0 → 16
[step 95 · insn 90 · runtime·newproc·abi0+31 · g0's stack · running]
(sim) R
Watchpoint 2: -location sched.goidgen: 0 → 16 in the next step
[step 94 · insn 90 · runtime·newproc · g0's stack · running]
(sim) info break
Num  Type        Hits  What
2    watchpoint  2     -location sched.goidgen = 0
X
check "watch *ADDR, watch -l"

# Nothing to find, and bad input: said, and the position stays.
expect_status 1 "$SIM" debug --panes sched -x 'whowrote; whowrote g7.sched.sp; whowrote $rax; whowrote sched; nextwrite 0x10; nextexec _rt0_amd64; prevexec'
cat >"$T/want" <<'X'
(sim) whowrote
needs what was written: a Go field (g1.sched.sp), a register ($rsp) or an address (*0xc000014658)
(sim) whowrote g7.sched.sp
g7.sched.sp = (no g7 yet: no g in allgs has goid 7)
(sim) whowrote $rax
At the start of the run: nothing ran before.
(sim) whowrote sched
sched is 1632 bytes: name one of its fields (p sched lists them)
(sim) nextwrite 0x10
Nothing writes [0x10] after this point: the run ends at step 144.
(sim) nextexec _rt0_amd64
_rt0_amd64 does not run again: the run ends at step 144.
(sim) prevexec
_rt0_amd64 did not run before this point (step 0).
X
check "searches that find nothing"
