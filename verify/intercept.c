/* The C models in place of the real functions: see intercept.h. */
#include "verify/intercept.h"
#include "verify/vmodels.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
    intercept *ic;
    const vmodel *m;
    uint64_t entry;
    uint64_t by_model, by_real;
    const char *why_real;   /* the first reason a call went to the real function */
} armed;

struct intercept {
    machine *mc;
    armed a[32];
    int n;
    bool allocated;
};

static uint64_t no_alloc(void *ctx, uint64_t size, uint64_t align)
{
    (void)size;
    (void)align;
    ((intercept *)ctx)->allocated = true;
    return 0;
}

static void at_entry(void *ctx, uint64_t pc)
{
    (void)pc;
    armed *a = ctx;
    machine *mc = a->ic->mc;
    emu_regs in;
    uint64_t res[2] = {0, 0};
    emu_regs_get(mc->cpu, &in);
    const char *skip = a->m->skip ? a->m->skip(mc, &in) : NULL;
    if (skip || emu_journal_start(mc->cpu) != 0) {
        a->by_real++;
        a->why_real = a->why_real ? a->why_real : skip ? skip : "no journal";
        return;
    }
    mc->state = RUN_RUNNING;
    a->ic->allocated = false;
    a->m->call(mc, &in, res);
    if (a->ic->allocated || mc->state != RUN_RUNNING) {   /* the real function takes it */
        emu_journal_undo(mc->cpu);
        a->by_real++;
        if (!a->why_real)
            a->why_real = a->ic->allocated ? "the model would allocate" : "the model threw";
        mc->state = RUN_STOPPED;
        return;
    }
    emu_journal_drop(mc->cpu);
    mc->state = RUN_STOPPED;
    a->by_model++;
    static const emu_reg res_regs[2] = {R_RAX, R_RBX};
    for (int r = 0; r < a->m->nres; r++)
        emu_reg_set(mc->cpu, res_regs[r], res[r]);
    /* RET: on from the return address. */
    uint64_t sp = in.r[R_RSP];
    emu_reg_set(mc->cpu, R_RSP, sp + 8);
    emu_reg_set(mc->cpu, R_RIP, emu_read_u(mc->cpu, sp, 8));
}

intercept *intercept_arm(machine *view, const char *list, char *why, size_t len)
{
    intercept *ic = calloc(1, sizeof *ic);
    char *copy = strdup(list), *save = NULL;
    if (!ic || !copy) {
        snprintf(why, len, "out of memory");
        free(ic);
        free(copy);
        return NULL;
    }
    ic->mc = view;
    view->alloc = no_alloc;
    view->alloc_ctx = ic;
    for (char *n = strtok_r(copy, ",", &save); n; n = strtok_r(NULL, ",", &save)) {
        const vmodel *m = vmodel_find(n);
        uint64_t at = m ? image_addr_any(&view->img, m->func) : 0;
        if (!m || !at || ic->n == 32) {
            snprintf(why, len,
                     !m   ? "--model: no model of %s (sim verify --list names them)"
                     : !at ? "--model: %s is not a call in this binary (inlined?)"
                           : "--model: too many models (%s)",
                     n);
            intercept_free(ic);
            free(copy);
            return NULL;
        }
        if (m->not_replaceable) {
            snprintf(why, len, "--model: %s cannot replace the real function: %s", m->func,
                     m->not_replaceable);
            intercept_free(ic);
            free(copy);
            return NULL;
        }
        armed *a = &ic->a[ic->n++];
        *a = (armed){ic, m, at, 0, 0, NULL};
        if (emu_watch_code(view->cpu, at, at, at_entry, a) != 0) {
            snprintf(why, len, "--model: cannot watch %s", m->func);
            intercept_free(ic);
            free(copy);
            return NULL;
        }
    }
    free(copy);
    return ic;
}

void intercept_report(const intercept *ic, FILE *f)
{
    for (int i = 0; ic && i < ic->n; i++) {
        const armed *a = &ic->a[i];
        fprintf(f, "  --model %s: %llu calls by the model, %llu by the real function%s%s%s\n",
                a->m->func, (unsigned long long)a->by_model, (unsigned long long)a->by_real,
                a->why_real ? " (" : "", a->why_real ? a->why_real : "", a->why_real ? ")" : "");
    }
}

void intercept_free(intercept *ic)
{
    free(ic);   /* the watches belong to the CPU */
}
