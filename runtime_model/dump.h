/* `sim run --dump-state FILE.json`: the scheduler state and registers as
 * JSON (format in docs/models.md, "State dump"). */
#ifndef RUNTIME_MODEL_DUMP_H
#define RUNTIME_MODEL_DUMP_H
#include "runtime_model/machine.h"
#include <stdio.h>

void dump_state_json(machine *mc, FILE *out);

#endif
