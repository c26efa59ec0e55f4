/* The debugger's commands, shared by the files that implement them: cmd.c
 * (dispatch, motions, breakpoints), cmd_info.c (info, regs, frames),
 * examine.c (p, x, display) and listing.c (list, disas).  Each command
 * takes what follows its name and returns DBG_* flags (debug.h). */
#ifndef SIM_DEBUG_CMD_H
#define SIM_DEBUG_CMD_H
#include "sim/debug/calc.h"
#include "sim/debug/debug.h"

typedef int (*cmd_fn)(dbg *d, const char *arg, FILE *out);

/* A count argument: empty means 1.  0 or -1 (message on OUT). */
int cmd_count(const char *arg, uint64_t *n, FILE *out);

/* The selected frame's rip, rsp and rbp as gdb unwinds them (none set
 * in frame 0): its pc, the stack pointer after its callee returned, its
 * frame pointer.  NULL in frame 0, else R filled. */
const dcalc_regs *cmd_frame_regs(dbg *d, dcalc_regs *r);

int cmd_info_registers(dbg *d, const char *arg, FILE *out);   /* info registers [REG…] */
int cmd_regs(dbg *d, const char *arg, FILE *out);             /* Delve's regs */
int cmd_info_frame(dbg *d, const char *arg, FILE *out);       /* info frame */
int cmd_frame(dbg *d, const char *arg, FILE *out);            /* frame [N] */
int cmd_up(dbg *d, const char *arg, FILE *out);               /* up [N] */
int cmd_down(dbg *d, const char *arg, FILE *out);             /* down [N] */

int cmd_print(dbg *d, const char *arg, FILE *out);            /* p[/F] EXPR; ARG from the / */
int cmd_examine(dbg *d, const char *arg, FILE *out);          /* x[/NFU] [ADDR]; ARG from the / */
int cmd_telescope(dbg *d, const char *arg, FILE *out);        /* pwndbg's telescope [ADDR [N]] */
int cmd_display(dbg *d, const char *arg, FILE *out);          /* display[/F] EXPR */
int cmd_undisplay(dbg *d, const char *arg, FILE *out);        /* undisplay [N…] */
int cmd_info_display(dbg *d, const char *arg, FILE *out);     /* info display */

int cmd_list(dbg *d, const char *arg, FILE *out);             /* list [LOC] */
int cmd_disas(dbg *d, const char *arg, FILE *out);            /* disas [LOC] */

#endif
