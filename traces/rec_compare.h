/* Comparing two trace records field by field, for sim diff.  Fields have
 * the names of the JSONL keys (docs/trace-format.md, sim diff), and any of
 * them can be ignored. */
#ifndef TRACES_REC_COMPARE_H
#define TRACES_REC_COMPARE_H
#include "traces/record.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef enum {
    F_VERSION, F_CONFIG, F_SIM, F_PROGRAM,
    F_SEQ, F_PC, F_SYM, F_BYTES, F_FILE, F_LINE, F_SRC, F_DISASM, F_REGS, F_MEM, F_STACK,
    F_DEPTH, F_FN, F_ARGS, F_LHS, F_OLD, F_NEW, F_TEXT, F_TID, F_FROM,
    F_HOW, F_INSTRUCTIONS, F_STATUS, F_WHY,
    F__COUNT
} rec_field;

extern const char *const rec_field_names[F__COUNT];

#define IGNORE_MAX_REGS 32

typedef struct {
    uint32_t fields;                        /* bit (1 << F_x) per ignored field */
    char regs[IGNORE_MAX_REGS][16];         /* "regs.NAME": that register only */
    int nregs;
    bool kinds[REC__COUNT];                 /* records of these kinds are skipped */
} rec_ignore;

/* Adds a field name, "regs.NAME" or a record kind ("sched", "note", ...)
 * to IG; -1 if the name is unknown. */
int rec_ignore_add(rec_ignore *ig, const char *name);

/* How B's instruction numbers run relative to A's: b.seq == a.seq + shift
 * once one side has had extra instructions. */
typedef int64_t seq_shift;

/* The number of fields in which A and B differ (0: equal), both being of
 * the same kind or not (then 1).  NAMES, if not NULL, gets the differing
 * fields' names, comma-separated; DETAIL, if not NULL, one line per field
 * with both values. */
int rec_compare(const trace_rec *a, const trace_rec *b, const rec_ignore *ig, seq_shift shift,
                char *names, size_t names_len, FILE *detail);

/* A and B are the same event, whatever their details: the same kind and
 * the same instruction address (and bytes), function, left-hand side or
 * text.  Used to find where two traces line up again. */
bool rec_same_key(const trace_rec *a, const trace_rec *b);

#endif
