/* The built-in scenarios: the configs (configs/NAME.yaml) compiled into bin/sim (with
 * the Plan 9 sources they name), run by name from any directory:
 * `sim run spawn`, `sim run --list`, `sim config show spawn`. */
#ifndef SIM_SCENARIOS_H
#define SIM_SCENARIOS_H
#include "sim/config.h"
#include "sim/embedded.h"
#include <stdbool.h>
#include <stdio.h>

#define SCENARIO_MAX 64

/* The built-in config named NAME (configs/NAME.yaml), or NULL. */
const struct embedded_file *scenario_find(const char *name);

/* The scenarios' names, sorted, in NAMES (NULL-terminated; at most
 * SCENARIO_MAX).  Returns how many. */
int scenario_names(const char *names[SCENARIO_MAX + 1]);

/* One line per scenario: its name and what its leading comment says. */
void scenario_list(FILE *out);

/* Load ARG's config: a file when there is one of that name, else the
 * built-in scenario of that name; NULL loads the default (boot).
 * *BUILTIN tells which kind was loaded (its sources are then the embedded
 * copies).  Returns 0, or 2 after a one-line message on ERR (with a
 * did-you-mean when ARG is close to a scenario's name). */
int scenario_load(const char *arg, sim_config *cfg, bool *builtin, FILE *err);

#endif
