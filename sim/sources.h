/* The Plan 9 source files of a run: found on disk (relative to the config
 * file) or among the copies embedded in bin/sim, kept in memory so the trace
 * can quote any line, and served to the assembler's #include. */
#ifndef SIM_SOURCES_H
#define SIM_SOURCES_H
#include <stdbool.h>
#include <stdio.h>

typedef struct {
    char *path;      /* as shown in messages and the trace */
    char *text;
    char **lines;    /* pointers into a copy of text, one per line */
    int nlines;
    bool embedded;   /* the copy built into sim, not a file on disk */
} source_file;

typedef struct {
    source_file *files;
    int nfiles;
    char *base_dir;  /* the config file's directory ("." for the built-in config) */
    bool builtin;    /* prefer the embedded copies */
    bool lazy;       /* a real program's: sources_line reads a file the first time it is asked for */
} source_set;

void sources_init(source_set *s, const char *config_path, bool builtin);
void sources_free(source_set *s);

/* Find and read NAME as written in the config.  NULL (with *why set) if it
 * can be found neither on disk nor embedded. */
source_file *sources_open(source_set *s, const char *name, const char **why);

/* The loaded file PATH (a lazy set reads an absolute PATH from disk the
 * first time), or NULL. */
const source_file *sources_find(source_set *s, const char *path);

/* source_line_fn for the tracer: the text of LINE in FILE, or NULL. */
const char *sources_line(void *set, const char *file, int line);

/* asm_include_fn for the assembler: go_asm.h is generated from the layout
 * table; other names are looked up beside the sources, then embedded. */
char *sources_include(void *set, const char *name, char **resolved);

#endif
