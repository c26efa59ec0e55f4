/* Ctrl-C in the debugger: SIGINT sets a flag that the long motions (c, R,
 * g N, a watch, finish, step by line) poll between steps, so a run stops at
 * the instruction it reached and the session goes on, as in gdb. */
#ifndef SIM_DEBUG_INTERRUPT_H
#define SIM_DEBUG_INTERRUPT_H
#include <stdbool.h>

/* Catch SIGINT.  BATCH: a second Ctrl-C before the first was taken ends
 * sim as SIGINT would (batch mode has no prompt to come back to); in the
 * TUI every Ctrl-C is only a request to stop. */
void interrupt_install(bool batch);
void interrupt_remove(void);
/* A Ctrl-C arrived and has not been taken yet. */
bool interrupt_pending(void);
/* Take it: true if there was one. */
bool interrupt_take(void);

#endif
