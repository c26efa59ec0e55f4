# pwndbg-style context in sim debug (docs/debugger.md): registers, stack
# slots and the current instruction's operands show what a value points to,
# as a chain; the Stack pane says where its rows leave a stack.
. tests/e2e/lib.sh
check() {   # check NAME FILE: FILE equals $T/want
    diff "$T/want" "$2" >"$T/diff" || { cat "$T/diff"; fail "$1"; }
}

# At runtime·main: g1 runs on its stack, the words past stack.hi are allgs.
expect_status 0 "$SIM" debug --panes regs,stack -x 'b runtime.main; c'
sed -n '/^fs_base/,$p' "$T/out" | sed 1d >"$T/got"
cat >"$T/want" <<'X'
rbx 401300 → runtime·main
rcx c000014800 → g1's stack → 0
rdx 402000 → runtime·mainPC 401300 → runtime·main
rsi 404228 → m0.tls[1] 0
rsp c000014fd8 → g1's stack → 401261 → runtime·goexit+1
r14 c000014620 → g1 (g) → stack.lo c000014800 → g1's stack → 0
── Stack rsp=0xc000014fd8: g1's stack
=>c000014fd8 401261       → runtime·goexit+1
  c000014fe0 0            
  c000014fe8 0            
  c000014ff0 0            
  c000014ff8 0            
  ── past g1's stack.hi: allgs
  c000015000 c000014620   allgs[0] → g1 (g) → stack.lo c000014800 → g1's stack → 0
X
check "registers and stack at runtime·main" "$T/got"

# In gogo, about to clear g1.sched.sp: the store's target as a chain.
expect_status 0 "$SIM" debug --panes disasm -x 'g 121'
grep -A1 '^=>' "$T/out" >"$T/got"
cat >"$T/want" <<'X'
=> 4011db <+27>   mov qword ptr [rbx], 0
           ; [c000014658] → g1.sched (gobuf) → sp c000014fd8 → g1's stack → 401261 → runtime·goexit+1
X
check "the operand of the store in gogo" "$T/got"

# Before schedinit: the process stack, argv[0] a string; a register
# operand's chain (rax, the funcval newproc takes).
expect_status 0 "$SIM" debug --panes disasm,stack -x 'g 95; g 81'
sed -n '/^(sim) g 95/,/^(sim) g 81/p' "$T/out" | sed -n '/── Stack/,$p' | sed '$d' >"$T/got"
cat >"$T/want" <<'X'
── Stack rsp=0x7fffffffeee8: g0's stack
=>7fffffffeee8 40114f       → runtime·rt0_go+303
  ── past g0's stack.hi: the process stack
  7fffffffeef0 1            
  7fffffffeef8 7fffffffef28 → argv[0] → 7fffffffefc7 → "hello"
  7fffffffef00 0            
  7fffffffef08 1            
  7fffffffef10 7fffffffef28 → argv[0] → 7fffffffefc7 → "hello"
X
check "the process stack past g0's" "$T/got"
grep -A1 '^=> 401143' "$T/out" >"$T/got"
cat >"$T/want" <<'X'
=> 401143 <+291>  push rax
           ; rax 402000 → runtime·mainPC 401300 → runtime·main
X
check "a register operand: the funcval newproc gets" "$T/got"
