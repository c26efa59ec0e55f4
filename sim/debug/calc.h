/* Arithmetic in debugger expressions, as gdb reads them: p $rsp+8,
 * x/4gx $rsp+16, p (sched.goidgen - 1) * 2, x/2gx *($rsp+8).
 *
 * Terms: numbers (0x…, decimal), registers ($rsp), Go fields and runtime
 * globals (their values: g1.sched.sp, runtime·ncpu), code symbols (their
 * addresses: runtime.main), &FIELD or &SYMBOL (addresses), *TERM (the 8
 * bytes there); operators + - * / % & | ^ << >> ~ and unary -, with C's
 * precedence, and parentheses. */
#ifndef SIM_DEBUG_CALC_H
#define SIM_DEBUG_CALC_H
#include "runtime_model/machine.h"

/* Registers of a selected frame other than 0 (frame N, up): those set
 * stand for the CPU's (rip, rsp, rbp: gdb's unwound ones). */
typedef struct {
    bool set[EMU_NREGS];
    uint64_t v[EMU_NREGS];
} dcalc_regs;

/* Evaluate TEXT into *V; REGS: NULL, or the selected frame's registers.  ADDRESSES: a data symbol stands for its address
 * (what x and b want) rather than its value (what p wants).  *POINTER is
 * set when the value is an address (a register, a symbol, &, or a sum with
 * one): p shows it with its symbol.  0, or -1 with a reason in ERR. */
int dcalc(machine *mc, const dcalc_regs *regs, const char *text, bool addresses, uint64_t *v,
          bool *pointer, char *err, size_t errlen);

#endif
