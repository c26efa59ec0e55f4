/* A machine running the built-in boot config, for tests that drive the
 * models and the CPU directly. */
#ifndef TESTS_BOOT_FIXTURE_H
#define TESTS_BOOT_FIXTURE_H
#include "runtime_model/machine.h"
#include "runtime_model/sched_view.h"
#include "sim/program.h"

typedef struct {
    sim_config cfg;
    source_set src;
    machine mc;
} boot;

/* The built-in boot config, with the text FROM replaced by TO (each pair in
 * EDITS, NULL-terminated; EDITS may be NULL), run up to STOP_AT (NULL: to
 * the end).  0 on success. */
int boot_run(boot *b, const char *const *edits, const char *stop_at);
void boot_close(boot *b);

#endif
