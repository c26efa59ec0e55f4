/* SIGINT and SIGTERM while sim runs a program: the first one asks the run
 * to stop (the run loop polls interrupt_signal), so that the trace is
 * flushed up to a record boundary and ends with a `cut` record; a second
 * one kills sim at once, as the signal's default action would. */
#ifndef SIM_INTERRUPT_H
#define SIM_INTERRUPT_H
#include <signal.h>

/* The signal that asked to stop (SIGINT or SIGTERM), 0 until one came. */
extern volatile sig_atomic_t interrupt_signal;

void interrupt_arm(void);
/* The default actions again. */
void interrupt_disarm(void);

#endif
