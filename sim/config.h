/* Reading a run's configuration from YAML (libyaml) or from a built-in
 * scenario (the configs folder, embedded in the binary).  docs/config.md
 * documents every key; the structure itself, sim_config, is the models'
 * (runtime_model/run_config.h), which the layers below sim/ use. */
#ifndef SIM_CONFIG_H
#define SIM_CONFIG_H
#include "runtime_model/run_config.h"
#include <stdio.h>

/* Fill CFG with the defaults documented in docs/config.md (no sources). */
void config_defaults(sim_config *cfg);

/* Parse YAML TEXT (named PATH in messages) on top of the defaults.  On bad
 * input writes one line "path:line:col: message" to ERR and returns 2;
 * returns 0 on success. */
int config_parse(const char *path, const char *text, sim_config *cfg, FILE *err);

/* Read and parse the file PATH ("path: cannot read: reason" when unreadable). */
int config_load(const char *path, sim_config *cfg, FILE *err);

/* Replace the process's argv and env with copies of these (no longer from
 * the config: their positions become 0). */
void config_set_process(sim_config *cfg, const char *const *argv, int argc,
                        const char *const *env, int nenv);

void config_free(sim_config *cfg);

#endif
