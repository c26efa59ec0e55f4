/* `sim debug`: the debugger session shared by the batch mode and the TUI.
 * Layers: timeline.h moves through the run; debug_points.c holds
 * breakpoints and watches; debug_motion.c steps, continues and goes back;
 * debug_cmd.c parses and runs commands; debug_panes.c and
 * debug_sched_pane.c turn the machine state into pane text; tui.c draws it
 * with ncurses; cmd_debug.c is the command line. */
#ifndef SIM_DEBUG_H
#define SIM_DEBUG_H
#include "cpu/disasm.h"
#include "runtime_model/machine.h"
#include "sim/debug/expr.h"
#include "sim/debug/pane.h"
#include "sim/sources.h"
#include "sim/debug/timeline.h"
#include <stdio.h>

typedef enum { PT_BREAK, PT_WATCH } pt_kind;

typedef struct {
    int id;
    pt_kind kind;
    char spec[128];      /* as typed */
    char where[192];     /* break: "runtime·main at proc.s:9" */
    uint64_t addr;       /* break */
    dexpr expr;          /* watch */
    dval last;           /* watch: the value at the current position */
    uint64_t hits;
} dbg_point;

typedef struct dbg {
    sim_config cfg;
    source_set src;
    machine mc;
    bool mc_open;
    timeline tl;
    disasm *dis;
    dbg_point *pts;
    int npts, next_id;
    char last_cmd[256];  /* what an empty line repeats */
} dbg;

typedef struct {
    const char *config;      /* NULL: the built-in boot config (or PROG) */
    uint64_t interval;       /* snapshot interval, 0: default */
    bool full_trace;         /* keep instruction records in the step log */
    const char *prog;        /* a real program instead of a config (NULL: none) */
    char **args;             /* its arguments (after --) */
    int nargs;
} dbg_options;

/* --- session (debug_session.c) --- */
/* Load the config, build the program and open the machine at its entry.
 * 0, or the exit status (2) after a message on DIAG. */
int dbg_open(dbg *d, const dbg_options *o, FILE *diag);
void dbg_close(dbg *d);

/* --- breakpoints and watches (debug_points.c) --- */
/* b SPEC: SYMBOL, SYMBOL+OFF, ADDR or FILE:LINE; w EXPR. 0 or -1 (message on OUT). */
int dbg_break_add(dbg *d, const char *spec, FILE *out);
int dbg_watch_add(dbg *d, const char *expr, FILE *out);
int dbg_point_delete(dbg *d, int id, FILE *out);
void dbg_points_list(dbg *d, FILE *out);
/* Take each watch's value at the current position as its reference. */
void dbg_points_sync(dbg *d);
/* The breakpoint at ADDR, NULL if none. */
dbg_point *dbg_break_at(dbg *d, uint64_t addr);
/* After a forward step: the point that stops the run here (a breakpoint at
 * rip, or a watch whose value changed; its message into WHY), or NULL. */
dbg_point *dbg_points_hit(dbg *d, char *why, size_t len);

/* --- motion (debug_motion.c); each writes what happened to OUT --- */
void dbg_step(dbg *d, uint64_t n, FILE *out);        /* s, si */
bool dbg_next(dbg *d, FILE *out);                    /* n; true if a point or the end stopped it */
void dbg_finish(dbg *d, FILE *out);                  /* f, finish */
void dbg_continue(dbg *d, FILE *out);                /* c */
void dbg_rstep(dbg *d, uint64_t n, FILE *out);       /* r */
void dbg_rcontinue(dbg *d, FILE *out);               /* R */
void dbg_goto(dbg *d, uint64_t icount, FILE *out);   /* g N */

/* --- commands (debug_cmd.c) --- */
enum { DBG_OK = 0, DBG_MOVED = 1, DBG_ERROR = 2, DBG_QUIT = 4, DBG_HELP = 8 };
/* Run one command line; its answer goes to OUT.  Returns DBG_* flags. */
int dbg_exec(dbg *d, const char *line, FILE *out);
void dbg_help(FILE *out);

/* --- goroutines and threads (debug_threads.c) --- */
void dbg_goroutines(dbg *d, FILE *out);   /* goroutines */
void dbg_threads(dbg *d, FILE *out);      /* info threads */
/* A real program's threads as Scheduler pane lines: M, curg, what each waits for. */
void dbg_thread_lines(dbg *d, pane *p);

/* --- backtraces (debug_backtrace.c) --- */
/* bt: the frames of the code on the CPU; goroutine N bt: of goroutine N
 * (the CPU's registers when it is the one running there, else its saved
 * sched.pc/sp/bp).  0, or -1 when there is no goroutine N. */
void dbg_backtrace(dbg *d, FILE *out);
int dbg_goroutine(dbg *d, uint64_t goid, bool bt, FILE *out);

/* --- where we are (debug_panes.c) --- */
/* "step 57 · insn 52 · runtime·rt0_go+218 · g0's stack · running" */
void dbg_status(dbg *d, char *buf, size_t len);
/* Fill P with pane WHICH at the current position.  ROWS: how many lines
 * the windowed panes (source, disassembly, stack, log) show around the
 * current point; WIDTH: the columns the registers pane lays out in. */
void dbg_pane(dbg *d, pane_id which, int rows, int width, pane *p);
void dbg_sched_pane(dbg *d, int width, pane *p);   /* debug_sched_pane.c */
/* Capstone's text of the instruction at PC ("" if unreadable). */
const char *dbg_insn_text(dbg *d, uint64_t pc);
/* Its length in bytes, 0 when it does not decode. */
size_t dbg_insn_size(dbg *d, uint64_t pc);
/* Whose stack holds SP: "g0", "g1", "m0.gsignal", or the process stack. */
const char *dbg_stack_owner(dbg *d, uint64_t sp, char *buf, size_t len);

#endif
