/* What the debugger's `p`, `w` and `x` name: a register ($rip), a Go field
 * reached from a runtime object (sched.goidgen, g1.atomicstatus,
 * allp[0].runnext, m0.curg, g0.stack.hi, allp[1].runq[0]), a runtime global
 * (runtime·gomaxprocs), or an address (0x401000, $rsp+8, &g1.sched).
 *
 * An expression is parsed once and evaluated at each position: objects are
 * found again every time (g1 exists only once newproc1 gave it its goid). */
#ifndef SIM_DEBUG_EXPR_H
#define SIM_DEBUG_EXPR_H
#include "runtime_model/machine.h"

/* DX_MEM: SIZE bytes at a fixed ADDR (watch *ADDR, watch -l EXPR). */
typedef enum { DX_REG, DX_FIELD, DX_GLOBAL, DX_MEM } dx_kind;

typedef struct {
    dx_kind what;
    char text[128];     /* as typed, for messages */
    int reg;            /* DX_REG: emu_reg */
    char root[16];      /* DX_FIELD: "sched", "m0", "g0", "g", "allp" */
    long index;         /* goid for "g", i for "allp" */
    const char *type;   /* the root's Go type */
    int field;          /* the last field (go_field_id), -1: the whole object */
    uint32_t off;       /* of the value inside the root object */
    uint32_t size;      /* bytes of the value */
    go_kind vkind;      /* how to show it */
    uint64_t addr;      /* DX_GLOBAL, DX_MEM */
} dexpr;

typedef struct {
    bool ok;            /* false: the object does not exist (yet) */
    uint64_t v;         /* the value (up to 8 bytes) */
    uint64_t addr;      /* where it lives (0 for registers) */
} dval;

/* Parse TEXT; 0, or -1 with a reason in ERR. */
int dexpr_parse(machine *mc, const char *text, dexpr *e, char *err, size_t errlen);
dval dexpr_eval(machine *mc, const dexpr *e);
/* The value as `p` shows it: "_Grunning (2)", "g1", "0x401000 <_rt0_amd64>". */
const char *dexpr_show(machine *mc, const dexpr *e, dval v, char *buf, size_t len);
/* `p` of a struct-valued expression (g1.sched, sched, allp[0]): one line
 * per field into OUT.  False if E is not a struct. */
bool dexpr_print_struct(machine *mc, const dexpr *e, FILE *out);

/* An address: a number, $reg, a symbol, &EXPR, or a sum/difference of those. */
int daddr_parse(machine *mc, const char *text, uint64_t *addr, char *err, size_t errlen);

/* The g whose goid is GOID, 0 if none. */
uint64_t dbg_find_g(machine *mc, uint64_t goid);

#endif
