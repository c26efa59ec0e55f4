/* The machine over a real program (machine_real.c): what the debugger
 * steps, watches and takes back through, as it does the model mode's. */
#ifndef RUNTIME_MODEL_MACHINE_REAL_H
#define RUNTIME_MODEL_MACHINE_REAL_H
#include "linux/process.h"
#include "runtime_model/machine.h"

/* The Linux process's parameters from CFG's process settings; EXE is the
 * program's absolute path (both must outlive the process). */
lx_params machine_real_params(const sim_config *cfg, const char *exe);

/* Open MC on the executable PATH with CFG's process (argv, env, ncpu,
 * quantum, seed ...; CFG must outlive MC), at its entry point, with the Go
 * view bound when the binary has one.  0, or -1 after a message on DIAG. */
int machine_open_real(machine *mc, const sim_config *cfg, const char *path, FILE *diag);

/* machine_step, machine_run and machine_close for a real program. */
run_state machine_real_step(machine *mc);
run_state machine_real_run(machine *mc, uint64_t stop_at);
void machine_real_close(machine *mc);
/* Back to the state after ICOUNT instructions, by a replay from the entry
 * point.  0, or -1 when the run has fewer. */
int machine_real_restore(machine *mc, uint64_t icount);

/* The Linux process (threads, their waits), NULL in the model mode. */
struct lx_process *machine_real_process(machine *mc);

#endif
