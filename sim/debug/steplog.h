/* The debugger's record of what each step wrote to the trace: the tracer
 * writes into a stream this log owns, and after each step the timeline
 * commits what arrived under that step's index.  A step executed for the
 * first time is stored; a step executed again (replay after going back) is
 * compared with what was stored, so that a replay which did not reproduce
 * the same records is counted, never silently shown. */
#ifndef SIM_STEPLOG_H
#define SIM_STEPLOG_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    uint64_t step;     /* the step that wrote the line (from position step to step+1) */
    size_t off;        /* into text: the line, '\0'-terminated */
} steplog_ent;

typedef struct {
    FILE *stream;        /* what the tracer writes to */
    bool keep_insn;      /* store instruction records too (else only calls, sets, notes…) */
    char *text;
    size_t len, cap;
    steplog_ent *ents;
    size_t n, ncap;
    char *pend;          /* bytes written during the step in progress */
    size_t plen, pcap;
    uint64_t compared;   /* lines checked on replay */
    uint64_t mismatched; /* of those, lines that differed (or were missing/extra) */
} steplog;

int steplog_init(steplog *l, bool keep_insn);
void steplog_free(steplog *l);

/* After step STEP: store its lines (FRESH: executed for the first time) or
 * compare them with the stored ones. */
void steplog_commit(steplog *l, uint64_t step, bool fresh);

/* Forget what the step in progress wrote (it is run again from its start). */
void steplog_discard(steplog *l);

/* Index of the first entry written by a step >= STEP (n if none). */
size_t steplog_first_at(const steplog *l, uint64_t step);
static inline const char *steplog_line(const steplog *l, size_t i) { return l->text + l->ents[i].off; }

#endif
