/* The C models in place of the real functions: see intercept.h. */
#include "verify/intercept.h"
#include "runtime_model/models_internal.h"
#include "verify/vmodels.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
    intercept *ic;
    const vmodel *m;
    uint64_t entry;
    uint64_t by_model, by_real;
    uint64_t with_program_calls;   /* newproc1's: made its g with the program's malg */
    const char *why_real;   /* the first reason a call went to the real function */
} armed;

/* newproc1 in place, part way: the model has begun it, and the program's
 * own malg (STAGE 1) or allgadd (STAGE 2) runs, called so that it returns
 * to newproc1's first instruction with newproc1's SP. */
typedef struct {
    void *thread;    /* the Linux thread's identity: its FS base */
    uint64_t sp;
    int stage;
    uint64_t fn, callergp, callerpc, newg;
} staged;

struct intercept {
    machine *mc;
    armed a[32];
    int n;
    bool allocated;
    uint64_t malg, allgadd;   /* the program's own */
    staged st[64];
    int nst;
};

static uint64_t no_alloc(void *ctx, uint64_t size, uint64_t align)
{
    (void)size;
    (void)align;
    ((intercept *)ctx)->allocated = true;
    return 0;
}

/* RET from the function entered with IN, with its NRES results RES in
 * RAX, then RBX. */
static void ret_with(machine *mc, const emu_regs *in, const uint64_t *res, int nres)
{
    static const emu_reg res_regs[2] = {R_RAX, R_RBX};
    for (int r = 0; r < nres && r < 2; r++)
        emu_reg_set(mc->cpu, res_regs[r], res[r]);
    emu_reg_set(mc->cpu, R_RSP, in->r[R_RSP] + 8);
    emu_reg_set(mc->cpu, R_RIP, emu_read_u(mc->cpu, in->r[R_RSP], 8));
}

/* Below newproc1's SP, the frame a call of the program's function gets:
 * its return address, and above it the spill slots the register ABI lets
 * a callee write its arguments to (malg spills its stacksize there). */
#define CALL_FRAME 64

/* Call the program's FN(ARG) so that it returns to newproc1's entry PC,
 * with SP then CALL_FRAME - 8 below newproc1's. */
static void call_program(machine *mc, const emu_regs *in, uint64_t fn, uint64_t arg, uint64_t pc)
{
    uint64_t sp = in->r[R_RSP] - CALL_FRAME;
    emu_write_u(mc->cpu, sp, 8, pc);
    emu_reg_set(mc->cpu, R_RSP, sp);
    emu_reg_set(mc->cpu, R_RAX, arg);
    emu_reg_set(mc->cpu, R_RIP, fn);
}

/* Back at newproc1's entry from a call_program: its staged call, with SP
 * put back as newproc1 had it. */
static staged *staged_for(intercept *ic, emu_regs *in)
{
    for (int i = 0; i < ic->nst; i++)
        if (ic->st[i].thread == (void *)(uintptr_t)in->r[R_FS_BASE] &&
            ic->st[i].sp == in->r[R_RSP] + CALL_FRAME - 8) {
            in->r[R_RSP] = ic->st[i].sp;
            emu_reg_set(ic->mc->cpu, R_RSP, in->r[R_RSP]);
            return &ic->st[i];
        }
    return NULL;
}

/* newproc1 in place: the model, except that a new g is made by the
 * program's own malg and allgadd (the real allocator), each called from
 * here and returning to newproc1's first instruction, where the model goes
 * on. */
static void at_newproc1(armed *a, uint64_t pc)
{
    intercept *ic = a->ic;
    machine *mc = ic->mc;
    emu_regs in;
    emu_regs_get(mc->cpu, &in);
    staged *s = staged_for(ic, &in);
    mc->state = RUN_RUNNING;
    if (!s) {
        if (ic->nst == 64 || emu_journal_start(mc->cpu) != 0) {
            a->by_real++;
            return;
        }
        ic->allocated = false;
        uint64_t newg = newproc1_start(mc, in.r[R_RAX], in.r[R_RBX], in.r[R_RCX]);
        if (ic->allocated || mc->state != RUN_RUNNING) {   /* gfget would stackalloc */
            emu_journal_undo(mc->cpu);
            a->by_real++;
            a->why_real = a->why_real ? a->why_real : "gfget would allocate a stack";
            mc->state = RUN_STOPPED;
            return;
        }
        emu_journal_drop(mc->cpu);
        if (newg) {
            newg = newproc1_finish(mc, newg, in.r[R_RAX], in.r[R_RBX], in.r[R_RCX]);
            a->by_model++;
            mc->state = RUN_STOPPED;
            ret_with(mc, &in, &newg, 1);
            return;
        }
        s = &ic->st[ic->nst++];
        *s = (staged){(void *)(uintptr_t)in.r[R_FS_BASE], in.r[R_RSP], 1, in.r[R_RAX], in.r[R_RBX],
                      in.r[R_RCX], 0};
        mc->state = RUN_STOPPED;
        call_program(mc, &in, ic->malg, C_stackMin, pc);
        return;
    }
    if (s->stage == 1) {   /* malg returned the new g */
        s->newg = in.r[R_RAX];
        casgstatus(mc, s->newg, C__Gidle, C__Gdead);
        s->stage = 2;
        mc->state = RUN_STOPPED;
        call_program(mc, &in, ic->allgadd, s->newg, pc);
        return;
    }
    uint64_t newg = newproc1_finish(mc, s->newg, s->fn, s->callergp, s->callerpc);
    *s = ic->st[--ic->nst];
    a->by_model++;
    a->with_program_calls++;
    mc->state = RUN_STOPPED;
    ret_with(mc, &in, &newg, 1);
}

static void at_entry(void *ctx, uint64_t pc)
{
    (void)pc;
    armed *a = ctx;
    if (a->ic->malg && strcmp(a->m->func, "runtime.newproc1") == 0) {
        at_newproc1(a, pc);
        return;
    }
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
    ret_with(mc, &in, res, a->m->nres);
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
    ic->malg = image_addr(&view->img, "runtime.malg");
    ic->allgadd = image_addr(&view->img, "runtime.allgadd");
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
        *a = (armed){ic, m, at, 0, 0, 0, NULL};
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
        if (a->with_program_calls)
            fprintf(f, "    %llu of them made their g with the program's own malg and allgadd\n",
                    (unsigned long long)a->with_program_calls);
    }
}

void intercept_free(intercept *ic)
{
    free(ic);   /* the watches belong to the CPU */
}
