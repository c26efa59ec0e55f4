/* Comparing one call's two sets of changes (sim verify), field by field.
 * Objects the model allocated (in sim verify's scratch memory) are matched
 * with the real call's by the pointers that lead to them: a result, a
 * field of a known object, a field of an object already matched.  A
 * matched g is compared whole; another matched object (a stack, an
 * array) in the bytes either side wrote. */
#ifndef VERIFY_COMPARE_H
#define VERIFY_COMPARE_H
#include "verify/effects.h"
#include "verify/naming.h"
#include "verify/vmodels.h"

typedef struct {
    uint64_t s, size;   /* the model's object */
    uint64_t r;         /* the real call's counterpart, 0 until matched */
    bool whole;         /* a g: every field compared */
} vobject;

typedef struct {
    const effects *model, *real;
    vobject *allocs;
    int nallocs;
    emu *cpu;
    vnamer *nm;
    const vmodel *m;
    bool all_fields;    /* the model's left-out fields count too */
} vcompare;

/* Called once for each differing field, with both values as text. */
typedef void (*vdiff_fn)(void *ctx, const char *field, const char *real_v, const char *model_v);

/* The model's value V as a real address: inside a matched object, the same
 * place in its counterpart; else V itself. */
uint64_t vcompare_translate(const vcompare *c, uint64_t v);
/* Match the model object V points into with REAL_V (when it is not yet). */
void vcompare_match(vcompare *c, uint64_t v, uint64_t real_v);
/* Compare; returns how many fields differ. */
int vcompare_run(vcompare *c, vdiff_fn fn, void *ctx);

#endif
