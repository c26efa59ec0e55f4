/* The C models sim verify can check, each beside the real function it
 * claims to model: how to call the model with the real call's arguments
 * (Go's register ABI on amd64: RAX, RBX, RCX, RDI, RSI, R8 ...), which
 * results to compare, and the fields it leaves out on purpose (each with
 * its reason in docs/models.md). */
#ifndef VERIFY_VMODELS_H
#define VERIFY_VMODELS_H
#include "runtime_model/machine.h"

typedef struct {
    const char *func;   /* the real function, "runtime.runqput" */
    int nres;           /* results compared: RAX, then RBX */
    uint8_t res_bytes[2];   /* each result's size (a bool is one byte of its register) */
    /* Result I is a time the function reads itself when its argument was
     * 0 (pidleput's now): then it cannot agree to the nanosecond, and is
     * not compared. */
    int time_result;    /* -1: none */
    int time_arg;       /* the register argument that, when 0, makes it so */
    /* Run the model on the state as it is, with the call's registers IN;
     * its results into RES. */
    void (*call)(machine *mc, const emu_regs *in, uint64_t res[2]);
    /* NULL, or why this call cannot be compared (the state at its entry
     * shows that the real call waited for another thread). */
    const char *(*skip)(machine *mc, const emu_regs *in);
    /* Type paths ("p.limiterEvent", "runtime.idlepMask") the model leaves
     * out on purpose: a difference below one of them is not counted. */
    const char *const *left_out;
    /* NULL when --model may put the model in the real function's place;
     * else why not (what it leaves out is needed by the real runtime). */
    const char *not_replaceable;
    /* A function that never returns to its caller (execute, goexit0): the
     * functions where it hands over ("runtime.gogo.abi0"), up to two; the
     * comparison is made at the first instruction of either.  NULL: at
     * the return. */
    const char *ends_at[2];
    /* The first argument is an m the runtime's lists do not hold yet
     * (mcommoninit's): named "newm" in the report. */
    bool arg0_new_m;
} vmodel;

extern const vmodel vmodels[];
extern const int nvmodels;
/* The model for FUNC (either spelling), or NULL. */
const vmodel *vmodel_find(const char *func);
/* Whether PATH (a vname's tpath) is below one of M's left-out paths. */
bool vmodel_left_out(const vmodel *m, const char *path);

#endif
