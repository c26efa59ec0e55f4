# sim debug speaks gdb's and Delve's vocabulary with their meanings (issue
# 13): every command below runs in batch mode on the boot config, and what
# it prints is compared with what gdb (or Delve) users expect, whole.  The
# panes after a motion are left out (t_debug_batch.sh checks them); their
# status line stays, so each motion's arrival is compared too.
. tests/e2e/lib.sh
# session NAME CMDS [STATUS [CONFIG]]: the transcript without the panes,
# against $T/NAME.want.
session() {
    expect_status "${3:-0}" "$SIM" debug ${4:-} -x "$2" --panes regs
    awk '/^── /{skip=1} /^\(sim\) /{skip=0} !skip' "$T/out" >"$T/$1.got"
    cmp -s "$T/$1.want" "$T/$1.got" || { diff "$T/$1.want" "$T/$1.got" | head -30; fail "$1: the transcript differs"; }
}

# Looking, at runtime·main: frames, registers, p with formats and
# arithmetic, x/NFU in gdb's layout, threads and goroutines, list, disas.
cat >"$T/look.want" <<'EOF'
(sim) b runtime·main
Breakpoint 1 at 0x401300: runtime·main at proc.s:8
(sim) c
Breakpoint 1, runtime·main at proc.s:8
[step 133 · insn 127 · runtime·main · g1's stack · running]
(sim) bt
#0  0x401300 in runtime·main at proc.s:8
#1  0x401261 in runtime·goexit+1 at asm_amd64.s:77
(sim) backtrace
#0  0x401300 in runtime·main at proc.s:8
#1  0x401261 in runtime·goexit+1 at asm_amd64.s:77
(sim) info frame
Stack level 0, frame at 0xc000014fe0:
 rip = 0x401300 in runtime·main (proc.s:8); saved rip = 0x401261
 Previous frame's sp is 0xc000014fe0
 Saved registers:
  rip at 0xc000014fd8
(sim) frame 1
#1  0x401261 in runtime·goexit+1 at asm_amd64.s:77
77		BYTE	$0x90	// NOP
[step 133 · insn 127 · runtime·main · g1's stack · running]
(sim) info frame
Stack level 1, frame at an unknown address (no frame pointer):
 rip = 0x401261 in runtime·goexit+1 (asm_amd64.s:77)
 caller of frame at 0xc000014fe0
(sim) up
Initial frame selected; you cannot go up.
(sim) down
#0  0x401300 in runtime·main at proc.s:8
8	TEXT runtime·main(SB),NOSPLIT,$8-0
[step 133 · insn 127 · runtime·main · g1's stack · running]
(sim) frame 5
No frame at level 5.
(sim) info registers rip
rip            0x401300           0x401300 <runtime·main>
(sim) info r rsp eflags
rsp            0xc000014fd8       0xc000014fd8
eflags         0x6                [ PF ]
(sim) info r $pc
rip            0x401300           0x401300 <runtime·main>
(sim) info r nosuch
Invalid register `nosuch' (rax … r15, rip, eflags, fs_base)
(sim) p $rsp+8
$rsp+8 = 0xc000014fe0
(sim) p/x $rsp+8
$rsp+8 = 0xc000014fe0
(sim) p/d sched.goidgen
sched.goidgen = 16
(sim) p/x sched.goidgen
sched.goidgen = 0x10
(sim) p (sched.goidgen - 1) * 2
(sched.goidgen - 1) * 2 = 30
(sim) p/t 10
10 = 1010
(sim) p/o 8
8 = 010
(sim) p/c 65
65 = 65 'A'
(sim) p 7/0
division by zero
(sim) p &runtime·mainPC
&runtime·mainPC = 0x402000 <runtime·mainPC>
(sim) x/8xb $rsp
0xc000014fd8:	0x61	0x12	0x40	0x00	0x00	0x00	0x00	0x00
(sim) x/4gx $rsp+16
0xc000014fe8:	0x0000000000000000	0x0000000000000000
0xc000014ff8:	0x0000000000000000	0x000000c000014620
(sim) x/2wx $rsp
0xc000014fd8:	0x00401261	0x00000000
(sim) x/3dh $rsp
0xc000014fd8:	4705	64	0
(sim) x/2a $rsp
0xc000014fd8:	0x401261 <runtime·goexit+1>	0x0
(sim) x/2tb $rsp
0xc000014fd8:	01100001	00010010
(sim) x/3cb &runtime·mainPC
0x402000 <runtime·mainPC>:	0 '\000'	19 '\023'	64 '@'
(sim) x/3i $pc
=> 0x401300 <runtime·main>:	push rbp
   0x401301 <runtime·main+1>:	mov rbp, rsp
   0x401304 <runtime·main+4>:	sub rsp, 8
(sim) x
   0x401308 <runtime·main+8>:	mov byte ptr [rip + 0x3919], 1
(sim) x/2gx runtime.m0
0x404198 <runtime·m0>:	0x0000000000404000	0x0000000000000000
(sim) x/1gx 0
Cannot access memory at address 0x0
(sim) info threads
* m0  on the CPU  curg=g1  pc runtime·main
(sim) info goroutines
* g1    _Grunning    pc=runtime·main start=runtime·main m0
(sim) goroutines -t
* g1    _Grunning    pc=runtime·main start=runtime·main m0

goroutine 1: _Grunning, on the CPU
#0  0x401300 in runtime·main at proc.s:8
#1  0x401261 in runtime·goexit+1 at asm_amd64.s:77
(sim) list
3	// calls main.main and exit(0): this one keeps the three steps the bootstrap
4	// depends on. mstart0 (below) does all that the Go function does.
5	
6	#include "textflag.h"
7	
8	TEXT runtime·main(SB),NOSPLIT,$8-0
9		MOVB	$1, runtime·mainStarted(SB)	// from now on, newproc calls wakep
10		CALL	main·main(SB)
11		MOVL	$0, 0(SP)	// exit(0)
12		CALL	runtime·exit(SB)
(sim) list
13		RET	// not reached
14	
15	#include "go_asm.h"
16	#include "go_tls.h"
17	
18	// mstart0 (proc.go:1533), on g0, called by mstart. It does what the Go
19	// function does: for a thread whose stack Go did not allocate (osStack:
20	// g0.stack.lo == 0), take the stack below here (stack.hi or 16 KiB, the
21	// top at the local size, as Go's &size); set both stack guards to lo +
22	// stackGuard; mstart1(), which never returns; and mexit(osStack) when
(sim) list proc.s:10
5	
6	#include "textflag.h"
7	
8	TEXT runtime·main(SB),NOSPLIT,$8-0
9		MOVB	$1, runtime·mainStarted(SB)	// from now on, newproc calls wakep
10		CALL	main·main(SB)
11		MOVL	$0, 0(SP)	// exit(0)
12		CALL	runtime·exit(SB)
13		RET	// not reached
14	
(sim) disas runtime.settls
Dump of assembler code for function runtime·settls:
   0x00000000004012c0 <+0>:	push rbp
   0x00000000004012c1 <+1>:	mov rbp, rsp
   0x00000000004012c4 <+4>:	sub rsp, 0x20
   0x00000000004012c8 <+8>:	add rdi, 8
   0x00000000004012cc <+12>:	mov rsi, rdi
   0x00000000004012cf <+15>:	mov rdi, 0x1002
   0x00000000004012d6 <+22>:	mov rax, 0x9e
   0x00000000004012dd <+29>:	syscall
   0x00000000004012df <+31>:	cmp rax, -0xfff
   0x00000000004012e5 <+37>:	jbe 0x4012f2 <runtime·settls+50>
   0x00000000004012e7 <+39>:	mov dword ptr [0xf1], 0xf1
   0x00000000004012f2 <+50>:	add rsp, 0x20
   0x00000000004012f6 <+54>:	pop rbp
   0x00000000004012f7 <+55>:	ret
End of assembler dump.
(sim) disas runtime.newproc
runtime·newproc is modelled in C (runtime_model/, docs/models.md): its stub at 0x300040 is not executed; one step runs the whole call.
(sim) telescope 2
00:0000│ rsp 0xc000014fd8: 0x0000000000401261  → runtime·goexit+1
01:0008│ 0xc000014fe0: 0x0000000000000000
EOF
session look 'b runtime·main; c; bt; backtrace; info frame; frame 1; info frame; up; down; frame 5; info registers rip; info r rsp eflags; info r $pc; info r nosuch; p $rsp+8; p/x $rsp+8; p/d sched.goidgen; p/x sched.goidgen; p (sched.goidgen - 1) * 2; p/t 10; p/o 8; p/c 65; p 7/0; p &runtime·mainPC; x/8xb $rsp; x/4gx $rsp+16; x/2wx $rsp; x/3dh $rsp; x/2a $rsp; x/2tb $rsp; x/3cb &runtime·mainPC; x/3i $pc; x; x/2gx runtime.m0; x/1gx 0; info threads; info goroutines; goroutines -t; list; list; list proc.s:10; disas runtime.settls; disas runtime.newproc; telescope 2' 1

# Moving: si/ni with counts, step/next by source line (into and over
# calls), finish, until, advance, tbreak, display/undisplay.
cat >"$T/move.want" <<'EOF'
(sim) info threads
* m0  on the CPU  pc _rt0_amd64  (allm is empty yet: schedinit's mcommoninit adds m0)
(sim) si 3
[step 3 · insn 3 · runtime·rt0_go · process stack, no g0 yet · running]
(sim) ni
[step 4 · insn 4 · runtime·rt0_go+3 · process stack, no g0 yet · running]
(sim) stepi 2
[step 6 · insn 6 · runtime·rt0_go+10 · process stack, no g0 yet · running]
(sim) nexti 2
[step 8 · insn 8 · runtime·rt0_go+19 · process stack, no g0 yet · running]
(sim) step
28		MOVQ	$runtime·g0(SB), DI
[step 9 · insn 9 · runtime·rt0_go+24 · process stack, no g0 yet · running]
(sim) next
29		LEAQ	(-64*1024)(SP), BX
[step 10 · insn 10 · runtime·rt0_go+31 · process stack, no g0 yet · running]
(sim) s 2
31		MOVQ	BX, g_stackguard1(DI)
[step 12 · insn 12 · runtime·rt0_go+43 · process stack, no g0 yet · running]
(sim) n 2
33		MOVQ	SP, (g_stack+stack_hi)(DI)
[step 14 · insn 14 · runtime·rt0_go+50 · process stack, no g0 yet · running]
(sim) b rt0_amd64.s:76
Breakpoint 1 at 0x4010d2: runtime·rt0_go+178 at rt0_amd64.s:76
(sim) c
Breakpoint 1, runtime·rt0_go+178 at rt0_amd64.s:76
[step 28 · insn 28 · runtime·rt0_go+178 · g0's stack · running]
(sim) step
runtime·settls () at sys_linux_amd64.s:19
19	TEXT runtime·settls(SB),NOSPLIT,$32
[step 29 · insn 29 · runtime·settls · g0's stack · running]
(sim) finish
Run till exit from #0  0x4012c0 in runtime·settls at sys_linux_amd64.s:19
runtime·rt0_go+183 () at rt0_amd64.s:80
80		MOVQ	$0x123, g(BX)
[step 42 · insn 42 · runtime·rt0_go+183 · g0's stack · running]
(sim) until
81		MOVQ	runtime·m0+m_tls(SB), AX
[step 43 · insn 43 · runtime·rt0_go+196 · g0's stack · running]
(sim) advance runtime.main
runtime·main () at proc.s:8
8	TEXT runtime·main(SB),NOSPLIT,$8-0
[step 133 · insn 127 · runtime·main · g1's stack · running]
(sim) tbreak proc.s:12
Temporary breakpoint 2 at 0x40131b: runtime·main+27 at proc.s:12
(sim) info b
Num  Type        Hits  What
1    breakpoint  1     0x4010d2 runtime·rt0_go+178 at rt0_amd64.s:76
2    tbreak      0     0x40131b runtime·main+27 at proc.s:12
(sim) c
Temporary breakpoint 2, runtime·main+27 at proc.s:12
[step 140 · insn 134 · runtime·main+27 · g1's stack · running]
(sim) info b
Num  Type        Hits  What
1    breakpoint  1     0x4010d2 runtime·rt0_go+178 at rt0_amd64.s:76
(sim) display/i $pc
1: x/i $pc
=> 0x40131b <runtime·main+27>:	call 0x4012a0 <runtime·exit>
(sim) display sched.goidgen
2: sched.goidgen = 16
(sim) display/x $rsp
3: $rsp = 0xc000014fc8
(sim) info display
Auto-display expressions now in effect:
Num Enb Expression
1:   y  /i $pc
2:   y  sched.goidgen
3:   y  /x $rsp
(sim) si
1: x/i $pc
=> 0x4012a0 <runtime·exit>:	mov edi, dword ptr [rsp + 8]
2: sched.goidgen = 16
3: $rsp = 0xc000014fc0
[step 141 · insn 135 · runtime·exit · g1's stack · running]
(sim) undisplay 1 3
(sim) si
2: sched.goidgen = 16
[step 142 · insn 136 · runtime·exit+4 · g1's stack · running]
(sim) undisplay
(sim) si
[step 143 · insn 137 · runtime·exit+9 · g1's stack · running]
(sim) g 0
[step 0 · insn 0 · _rt0_amd64 · process stack, no g0 yet · running]
(sim) until runtime·main
Breakpoint 1, runtime·rt0_go+178 at rt0_amd64.s:76
[step 28 · insn 28 · runtime·rt0_go+178 · g0's stack · running]
(sim) d
Deleted all breakpoints and watches (1)
(sim) until runtime·main
runtime·main () at proc.s:8
8	TEXT runtime·main(SB),NOSPLIT,$8-0
[step 133 · insn 127 · runtime·main · g1's stack · running]
EOF
session move 'info threads; si 3; ni; stepi 2; nexti 2; step; next; s 2; n 2; b rt0_amd64.s:76; c; step; finish; until; advance runtime.main; tbreak proc.s:12; info b; c; info b; display/i $pc; display sched.goidgen; display/x $rsp; info display; si; undisplay 1 3; si; undisplay; si; g 0; until runtime·main; d; until runtime·main'

# Delve's regs; prefixes (cont) and ambiguous ones (go); errors, one line each.
cat >"$T/other.want" <<'EOF'
(sim) regs
       Rip = 0x0000000000401000	_rt0_amd64
       Rsp = 0x00007fffffffef20
       Rax = 0x0000000000000000
       Rbx = 0x0000000000000000
       Rcx = 0x0000000000000000
       Rdx = 0x0000000000000000
       Rsi = 0x0000000000000000
       Rdi = 0x0000000000000000
       Rbp = 0x0000000000000000
        R8 = 0x0000000000000000
        R9 = 0x0000000000000000
       R10 = 0x0000000000000000
       R11 = 0x0000000000000000
       R12 = 0x0000000000000000
       R13 = 0x0000000000000000
       R14 = 0x0000000000000000
       R15 = 0x0000000000000000
   Fs_base = 0x0000000000000000
    Eflags = 0x0000000000000002	[ ]
(sim) go
ambiguous command "go" (? lists the commands)
(sim) frob
unknown command "frob" (? lists the commands)
(sim) info nosuch
info breakpoints, registers [REG], frame, threads, goroutines, display, watchpoints or timeline
(sim) p nosuch
No symbol "nosuch" in current context (a register $rsp, a Go field g1.sched.pc, a symbol, a number)
(sim) p g1.nosuch
g has no field nosuch (see the layout table, runtime_model/layout.h)
(sim) si x
expected a count, not "x"
(sim) cont
The program exited with status 0 after 138 instructions (step 144).
[step 144 · insn 138 · runtime·exit+11 · g1's stack · exited, status 0]
(sim) disas nosuch
cannot read "nosuch" as an address (0x…, $reg, symbol, &field)
(sim) undisplay 9
no display number 9 (info display lists them)
EOF
session other 'regs; go; frob; info nosuch; p nosuch; p g1.nosuch; si x; cont; disas nosuch; undisplay 9' 1

# Going back as gdb does under rr, on spawn (main·main's three newproc
# calls, each through its ABI0 wrapper, which has lines, to the model, which
# has none): reverse-next and reverse-step by line (into the wrapper's last
# line), reverse-finish to the call, reverse-nexti over a call; none from a
# goroutine's first frame.
cat >"$T/back.want" <<'EOF'
(sim) b main_spawn.s:20
Breakpoint 1 at 0x4013e1: main·main+33 at main_spawn.s:20
(sim) c
Breakpoint 1, main·main+33 at main_spawn.s:20
[step 223 · insn 211 · main·main+33 · g1's stack · running]
(sim) rn
main·main+28 () at main_spawn.s:19
19		CALL	runtime·Gosched(SB)
[step 179 · insn 170 · main·main+28 · g1's stack · running]
(sim) rn
main·main+27 () at main_spawn.s:17
17		POPQ	AX
[step 178 · insn 169 · main·main+27 · g1's stack · running]
(sim) rs
runtime·newproc·abi0+31 () at <autogenerated>:34
34		RET
[step 175 · insn 166 · runtime·newproc·abi0+31 · g1's stack · running]
(sim) rs 2
runtime·newproc·abi0+17 () at <autogenerated>:32
32		MOVQ	(TLS), R14
[step 172 · insn 164 · runtime·newproc·abi0+17 · g1's stack · running]
(sim) reverse-finish
main·main+22 () at main_spawn.s:16
16		CALL	runtime·newproc(SB)	// g4 -> runnext, g3 kicked to the run queue
[step 166 · insn 158 · main·main+22 · g1's stack · running]
(sim) rni
[step 154 · insn 147 · main·main+17 · g1's stack · running]
(sim) si 3
[step 157 · insn 150 · runtime·newproc·abi0+4 · g1's stack · running]
(sim) rni
[step 156 · insn 149 · runtime·newproc·abi0+1 · g1's stack · running]
(sim) rni 2
[step 154 · insn 147 · main·main+17 · g1's stack · running]
(sim) d
Deleted all breakpoints and watches (1)
(sim) b main·worker
Breakpoint 2 at 0x401400: main·worker at main_spawn.s:26
(sim) c
Breakpoint 2, main·worker at main_spawn.s:26
[step 268 · insn 254 · main·worker · g4's stack · running]
(sim) reverse-finish
"reverse-finish" not meaningful in the outermost frame.
EOF
session back 'b main_spawn.s:20; c; rn; rn; rs; rs 2; reverse-finish; rni; si 3; rni; rni 2; d; b main·worker; c; reverse-finish' 1 configs/spawn.yaml

# A selected frame is what Source and Disassembly show, and its $pc, $sp
# and $rbp are gdb's unwound ones; a motion selects frame 0.
expect_status 0 "$SIM" debug configs/spawn.yaml -x 'b runtime.exit; c; up; p $pc; p $sp; info registers rbp; si; p $pc' --panes source,disasm
has "$T/out" '^\$pc = 0x401320 <runtime·main+32>$'
has "$T/out" '^\$sp = 0xc000014fc8 (824633806792)$'
has "$T/out" '^rbp            0xc000014fd0       0xc000014fd0$'
has "$T/out" '^\$pc = 0x4012a4 <runtime·exit+4>$'
has "$T/out" '^── Source: proc.s:12  runtime·main  (frame 1)$'
has "$T/out" '^=>   12      CALL    runtime·exit(SB)$'
has "$T/out" '^=> 401320 <+32>   add rsp, 8$'
has "$T/out" '^── Source: sys_linux_amd64.s:13  runtime·exit$'

# Both spellings of a name give the same answer everywhere.
for cmd in 'disas runtime.settls' 'list runtime.mstart' 'x/2gx runtime.m0' 'b runtime.newproc' 'x/2gx &runtime.mainPC' 'advance runtime.main' 'until runtime.main'; do
    dot=$(printf '%s' "$cmd" | sed 's/runtime\./runtime·/')
    expect_status 0 "$SIM" debug -x "$cmd"
    sed 1d "$T/out" >"$T/a"
    expect_status 0 "$SIM" debug -x "$dot"
    sed 1d "$T/out" >"$T/b"
    cmp -s "$T/a" "$T/b" || { diff "$T/a" "$T/b"; fail "$cmd and $dot differ"; }
done
exit 0
