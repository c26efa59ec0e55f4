/* --model NAME,...: in a real run, the C models replace the real runtime
 * functions.  At the function's first instruction the model runs on the
 * real process's state, its results go into RAX/RBX, and the program goes
 * on from the return address, as if the function had run.  A call the
 * model cannot take (it would allocate, or throw where Go would wait for
 * another thread) is left to the real function: its writes are undone and
 * the call is counted apart. */
#ifndef VERIFY_INTERCEPT_H
#define VERIFY_INTERCEPT_H
#include "runtime_model/machine.h"
#include <stdio.h>

typedef struct intercept intercept;

/* Arm LIST's models on VIEW (a Go view over the process's CPU; it must
 * outlive the intercept), before the run.  NULL, with a one-line reason in
 * WHY, for an unknown model or one that is not a call in this binary. */
intercept *intercept_arm(machine *view, const char *list, char *why, size_t len);
/* One line per model: calls taken by the model, and left to the real. */
void intercept_report(const intercept *ic, FILE *f);
void intercept_free(intercept *ic);

#endif
