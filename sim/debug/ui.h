/* The debugger's front ends: batch mode (debug_batch.c), the latency
 * benchmark (debug_bench.c) and the ncurses TUI (tui.c).  Each returns the
 * process exit status. */
#ifndef SIM_DEBUG_UI_H
#define SIM_DEBUG_UI_H
#include "sim/debug/debug.h"

/* "source,regs" -> a mask of (1 << pane_id); 0 if a name is unknown. */
unsigned debug_pane_mask(const char *list);

/* Run the commands in TEXT (separated by newlines or ';'; '#' starts a
 * comment line), printing each command, its answer and, when it moved,
 * the status line and the panes in PANES (0: all).  1 if a command failed. */
int debug_batch(dbg *d, const char *text, unsigned panes, FILE *out);
/* Print every pane in MASK (0: all) as text. */
void debug_print_panes(dbg *d, unsigned mask, FILE *out);

/* Step, reverse-step and g N latencies on the session's run; 1 if one is
 * over the 50 ms budget. */
int debug_bench_latency(dbg *d, FILE *out);

/* 0 if standard input and output are terminals; otherwise 2, having said
 * on ERR that the TUI needs one and how to run without (batch mode). */
int tui_check_terminal(FILE *err);
/* The TUI until q; 2 if the terminal cannot be used (unknown TERM) or its
 * input ends. */
int tui_run(dbg *d, bool color);

#endif
