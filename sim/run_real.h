/* Running a real executable (sim/run_real.c). */
#ifndef SIM_RUN_REAL_H
#define SIM_RUN_REAL_H
#include "sim/config.h"
#include <stdbool.h>

typedef struct {
    bool quiet;
    const char *stop_at;     /* where to stop (sim/stop_spec.h; NULL: none) */
    const char *dump;        /* --dump-state: the Go view as JSON into this file (NULL: none) */
    bool strace;             /* syscalls, switches and signals on stderr */
    const char *models;      /* --model NAME,...: C models in place of the real functions */
} real_opts;

/* The config of `sim run PROG -- ARGS` (and `sim debug PROG`): the
 * defaults, with PROG and ARGS as the program's argv and sim's own
 * environment, as under qemu-user. */
void real_config(sim_config *cfg, const char *prog, char *const *args, int nargs);
/* Whether PATH starts with the ELF magic. */
bool real_is_elf(const char *path);
/* Run the executable PATH with CFG's process (argv, env, ncpu, ...);
 * returns sim's exit status. */
int run_real(const char *path, const sim_config *cfg, const real_opts *o);

#endif
