/* From config to program image: read the sources, assemble each, link them
 * with the models' symbols. */
#ifndef SIM_PROGRAM_H
#define SIM_PROGRAM_H
#include "cpu/link.h"
#include "sim/config.h"
#include "sim/sources.h"
#include <stdio.h>

/* 0 on success; otherwise the errors went to DIAG (file:line:col) and the
 * result is 2, the exit status for bad input. */
int program_build(const sim_config *cfg, source_set *src, image *img, FILE *diag);

#endif
