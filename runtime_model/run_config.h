/* A run's parameters, as a config gives them (sim/config.h reads them from
 * YAML, docs/config.md documents each key): what the models, the Linux
 * layer and the tracer are run with.  Here, below sim/, so that no lower
 * layer includes the command line's headers. */
#ifndef RUNTIME_MODEL_RUN_CONFIG_H
#define RUNTIME_MODEL_RUN_CONFIG_H
#include "traces/trace_format.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef enum { SCHED_ON_CHANGE, SCHED_EVERY_CALL, SCHED_NEVER } sched_mode;

/* Where a value was written, for errors found after parsing. */
typedef struct {
    int line, col;       /* 1-based; 0 when the value came from a default */
} config_pos;

typedef struct {
    char *path;                  /* the config file as given; configs/NAME.yaml for a built-in one */
    char *name;                  /* `name:`, else the file's base name without .yaml */

    /* program: */
    char **sources;              /* Plan 9 files as written in the config */
    config_pos *source_pos;
    int nsources;
    char *entry;                 /* entry symbol, default "_rt0_amd64" */
    config_pos entry_pos;
    char *elf;                   /* program.elf: a real executable to run instead (NULL: none) */
    config_pos elf_pos;

    /* process: */
    char **argv;                 /* argv[0] first; at least one entry */
    int argc;
    char **env;                  /* "KEY=value" strings */
    int nenv;
    config_pos argv_pos, env_pos;   /* the lists' values; 0: not from the config */
    int ncpu;                    /* what osinit reports, 1..1024 */
    uint8_t at_random[16];       /* the 16 bytes AT_RANDOM points at */
    /* real programs only: */
    uint64_t quantum;            /* instructions before another thread may run */
    uint64_t schedule_seed;      /* 0: round robin; else seeded random picks */
    int max_threads;
    char *stdin_path;            /* NULL: sim's own stdin */
    char **files;                /* host paths the program may open (read-only) */
    int nfiles;

    /* memory: */
    uint64_t stack_top;          /* highest address of the initial process stack (exclusive) */
    uint64_t stack_size;         /* bytes mapped below stack_top */
    uint64_t heap_base;          /* start of the heap arena (g structs and goroutine stacks) */
    uint64_t heap_size;          /* bytes of heap arena */

    /* trace: */
    char *trace_path;            /* NULL: no trace file */
    trace_format format;
    sched_mode sched;
    /* Real programs: where the trace takes a schedtrace block, a
     * comma-separated list of functions or "every-change"; NULL: the
     * default list (docs/config.md, trace.sched_at). */
    char *sched_at;
    config_pos sched_at_pos;

    /* limits: */
    uint64_t max_instructions;
    bool max_instructions_given; /* written in the config (or on the command line) */
    uint64_t max_memory;         /* real programs: bytes of mappings */
} sim_config;

/* The start of a message about a value at P: "path:line:col: ", or
 * "path: " for a value that came from a default. */
static inline void config_fprint_at(FILE *f, const sim_config *cfg, config_pos p)
{
    if (p.line)
        fprintf(f, "%s:%d:%d: ", cfg->path, p.line, p.col);
    else
        fprintf(f, "%s: ", cfg->path);
}

#endif
