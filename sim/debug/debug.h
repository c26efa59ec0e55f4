/* `sim debug`: the debugger session shared by the batch mode and the TUI.
 * Layers: timeline.h moves through the run; points.c holds breakpoints
 * and watches; motion.c steps, continues and goes back (interrupt.h: Ctrl-C
 * stops it); cmd.c parses and runs commands (cmd.h: the files of the
 * others); panes.c and sched_pane.c turn the machine state into pane
 * text; tui.c draws it with ncurses; sim/cmd_debug.c is the command line. */
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
    const char *model;   /* break on a model function (model_break.c), else NULL */
    dexpr expr;          /* watch */
    dval last;           /* watch: the value at the current position */
    uint64_t hits;
    bool temp;           /* tbreak: deleted when it stops the run */
} dbg_point;

typedef struct {
    int id;
    char cmd[192];       /* the command that shows it: "p/x $rax", "x/4gx $rsp" */
} dbg_display;

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
    int frame;           /* the selected frame (frame N, up, down); 0 after a motion */
    const char *list_file;   /* where a bare list goes on (NULL: around pc) */
    int list_next;
    uint64_t x_next;     /* where a bare x goes on, in the last format and unit */
    char x_fmt, x_size;
    bool x_used;
    dbg_display *disp;   /* display EXPR: shown after every motion */
    int ndisp, next_disp;
    struct {             /* breakpoints on model functions (model_break.c) */
        bool scanning;   /* reverse continue's scan: note entries, stop at none */
        int probe;       /* stop at this entry of the next model call (its index) */
        int hit;         /* the breakpoint that stopped the run inside a model call */
        int seen, seen_entry;   /* scanning: the last entry noted, and its index */
        int below;       /* scanning: only entries before this index (0: all) */
    } mb;
    struct {             /* thread N (thread_view.c): its thread, where it was given */
        int tid;
        uint64_t pos, icount;
    } view;
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
/* TEMP: a tbreak, deleted once it has stopped the run. */
int dbg_break_add2(dbg *d, const char *spec, bool temp, FILE *out);
/* SPEC (as b takes it) -> the address; 0 or -1 with the reason on OUT. */
int dbg_resolve_loc(dbg *d, const char *spec, uint64_t *addr, FILE *out);
int dbg_watch_add(dbg *d, const char *expr, FILE *out);
int dbg_point_delete(dbg *d, int id, FILE *out);   /* OUT NULL: quietly */
void dbg_points_list(dbg *d, FILE *out);
/* Take each watch's value at the current position as its reference. */
void dbg_points_sync(dbg *d);
/* The breakpoint at ADDR, NULL if none. */
dbg_point *dbg_break_at(dbg *d, uint64_t addr);
/* After a forward step: true if a point stops the run here (a breakpoint
 * at rip, or a watch whose value changed; their messages into WHY).  A
 * tbreak that stopped it is deleted. */
bool dbg_points_hit(dbg *d, char *why, size_t len);

/* --- breakpoints on model functions (model_break.c) --- */
/* SPEC names a Go function the model mode implements in C: *MODEL is its name. */
bool dbg_model_break_spec(dbg *d, const char *spec, const char **model);
/* Let model breakpoints stop the run (ON) or not, until the next call. */
void dbg_model_breaks_arm(dbg *d, bool on);
/* The run stopped at a model's entry: the message, and the hit counted. */
dbg_point *dbg_model_break_hit(dbg *d, char *why, size_t len);
/* Scanning: the model breakpoint whose entry the last step passed (0:
 * none), with the entry's index in its model call. */
int dbg_model_break_seen(dbg *d, int *entry);
/* Reverse continue from inside a model call: to the latest model
 * breakpoint's entry before this one in the same call, if there is one. */
bool dbg_model_break_back(dbg *d, char *why, size_t len);
/* Stopped inside a model call: the records it has written so far (its
 * calls up to the entry), the last MAX of them added to P (NULL: only
 * counted), as the Log pane's newest lines.  How many. */
int dbg_inside_log(dbg *d, int max, pane *p);
/* Step into the next model call and stop at its ENTRYth entry. */
bool dbg_model_break_enter(dbg *d, int entry, char *why, size_t len);

/* What `w` watches: a Go field, a register, a global, or raw memory
 * (*ADDR, -l EXPR) (watch_mem.c).  0, or -1 with the reason in ERR. */
int dbg_watch_expr(dbg *d, const char *text, dexpr *e, char *err, size_t errlen);

/* --- timeless navigation (whowrote.c): whowrote/prevwrite, nextwrite/
 * whowrites, prevexec, nextexec.  The command's answer, or -1 when WORD is
 * none of these. --- */
int dbg_timeless_cmd(dbg *d, const char *word, const char *arg, FILE *out);

/* --- motion (debug_motion.c); each writes what happened to OUT --- */
/* Each stops at breakpoints, watch hits, the end of the run and Ctrl-C. */
void dbg_step(dbg *d, uint64_t n, FILE *out);        /* si, stepi: N steps */
void dbg_nexti(dbg *d, uint64_t n, FILE *out);       /* ni, nexti: over CALLs */
void dbg_step_line(dbg *d, uint64_t n, FILE *out);   /* s, step: N source lines, into calls */
void dbg_next_line(dbg *d, uint64_t n, FILE *out);   /* n, next: N source lines, over calls */
/* until/advance LOC: to ADDR or out of the current function; ADDR 0:
 * until without LOC, a next that does not go back (out of a loop). */
void dbg_until(dbg *d, uint64_t addr, FILE *out);
void dbg_finish(dbg *d, FILE *out);                  /* f, finish */
void dbg_continue(dbg *d, FILE *out);                /* c */
void dbg_rstep(dbg *d, uint64_t n, FILE *out);       /* r */
void dbg_rcontinue(dbg *d, FILE *out);               /* R */
void dbg_goto(dbg *d, uint64_t icount, FILE *out);   /* g N */
/* reverse.c: gdb's reverse-step (OVER false) and reverse-next by source
 * line, reverse-finish (back to the call), reverse-nexti (over a call). */
void dbg_reverse_step(dbg *d, uint64_t n, bool over, FILE *out);
bool dbg_reverse_finish(dbg *d, FILE *out);   /* false: the outermost frame */
void dbg_reverse_nexti(dbg *d, uint64_t n, FILE *out);
/* A pending Ctrl-C is taken and reported ("Interrupted (Ctrl-C) at …"):
 * true if there was one. */
bool dbg_take_interrupt(dbg *d, FILE *out);

/* --- commands (debug_cmd.c) --- */
/* DBG_VIEW: the panes show something else (frame N, up, down) though
 * the position is the same. */
enum { DBG_OK = 0, DBG_MOVED = 1, DBG_ERROR = 2, DBG_QUIT = 4, DBG_HELP = 8, DBG_VIEW = 16 };
/* Run one command line; its answer goes to OUT.  Returns DBG_* flags. */
int dbg_exec(dbg *d, const char *line, FILE *out);
void dbg_help(FILE *out);
/* After a motion: each display's value (display EXPR), into OUT. */
void dbg_show_displays(dbg *d, FILE *out);
/* "[ PF ZF ]" */
void dbg_flags_text(uint64_t flags, char *buf, size_t len);

/* --- goroutines and threads (debug_threads.c) --- */
void dbg_goroutines(dbg *d, FILE *out);   /* goroutines */
void dbg_goroutines_bt(dbg *d, FILE *out);   /* goroutines -t: each live g's frames (backtrace.c) */
void dbg_threads(dbg *d, FILE *out);      /* info threads */

/* --- the thread the panes show (thread_view.c) --- */
/* thread [N]: view thread N (a tid or its number in info threads), or say
 * which is viewed.  0, or -1 after a message on OUT. */
int dbg_thread(dbg *d, const char *arg, FILE *out);
/* The registers of the thread viewed: thread N's, else the CPU's. */
void dbg_regs(dbg *d, emu_regs *out);
uint64_t dbg_reg(dbg *d, emu_reg r);
int dbg_view_tid(dbg *d);          /* its tid (0 in the model mode) */
bool dbg_viewing_other(dbg *d);    /* a thread other than the CPU's */
/* The M whose thread is TID (m.procid), 0 if none (threads.c). */
uint64_t dbg_thread_m(dbg *d, int tid);
void dbg_threads_pane(dbg *d, int width, pane *p);   /* the Threads pane (threads.c) */

/* --- frames (backtrace.c) --- */
typedef struct {
    uint64_t pc;         /* frame 0: rip; a caller's: its return address */
    uint64_t ret_at;     /* where this frame's return address is saved */
    uint64_t bp;         /* the frame pointer: its saved rbp is at [bp] (0: none yet) */
    bool rbp_saved;      /* the caller's rbp is at ret_at - 8 */
} dbg_frame;
#define DBG_MAX_FRAMES 64
/* The frames from PC, SP, BP: through a real binary's pclntab, else by
 * frame pointers; how many (1 at least). */
int dbg_frames(dbg *d, uint64_t pc, uint64_t sp, uint64_t bp, dbg_frame *f, int max);
/* The frames of the code on the CPU (of the thread `thread N` shows). */
int dbg_cpu_frames(dbg *d, dbg_frame *f, int max);
/* The selected frame's pc (rip for frame 0): what Source and Disassembly show. */
uint64_t dbg_view_pc(dbg *d);
/* "#1  0x401201 in runtime·goexit+1 at asm_amd64.s:71" */
void dbg_frame_line(dbg *d, int i, uint64_t pc, FILE *out);

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
/* The same with a call's or jump's target named: "call 0x401300 <main·main>" (listing.c). */
void dbg_insn_symbolic(dbg *d, uint64_t pc, char *out, size_t len);
/* Its length in bytes, 0 when it does not decode. */
size_t dbg_insn_size(dbg *d, uint64_t pc);
/* What V points to, as pwndbg chains it (chain.c): " → g1.sched (gobuf)
 * → sp c000014fd8", " → runtime·mainPC → runtime·main"; "" if nothing. */
const char *dbg_chain(dbg *d, uint64_t v, char *buf, size_t len);
/* The Registers pane's chain lines, one per register pointing somewhere known. */
void dbg_reg_chains(dbg *d, const emu_regs *now, pane *p);
/* The Stack pane's ROWS words from SP: each with what it is or points to,
 * and a line where the rows leave a stack ("past g1's stack.hi: allgs"). */
void dbg_stack_rows(dbg *d, uint64_t sp, int rows, pane *p);
/* The current instruction's memory and register operands as chains. */
const char *dbg_operand_chains(dbg *d, uint64_t rip, char *buf, size_t len);
/* Whose stack holds SP: "g0", "g1", "m0.gsignal", or the process stack. */
const char *dbg_stack_owner(dbg *d, uint64_t sp, char *buf, size_t len);

#endif
