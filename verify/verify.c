/* sim verify: the run, the calls and the report.  See verify.h. */
#include "verify/verify.h"
#include "linux/program.h"
#include "runtime_model/go_view.h"
#include "runtime_model/machine_real.h"
#include "verify/compare.h"
#include "verify/effects.h"
#include "verify/naming.h"
#include "verify/vmodels.h"
#include "traces/json.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_SIM_STOPPED 125
#define MAX_PENDING 64
/* Where the models' allocations go under sim verify: memory of the
 * process's own, far from what Go's heap and Linux's mmap hand out, and
 * zeroed again after each model run (the journal undoes its writes). */
#define SCRATCH_BASE 0x600000000000ULL
#define SCRATCH_SIZE (64ULL << 20)
#define MAX_ALLOCS 16

/* Where Go's register ABI returns the first two results. */
static const emu_reg res_regs[2] = {R_RAX, R_RBX};

/* A call of a checked function that has not returned yet. */
typedef struct {
    int mi;                    /* vmodels[] index */
    lx_thread *thread;
    uint64_t ret, sp_after;    /* it has returned when its thread is at RET with SP_AFTER */
    uint64_t call_no, icount;
    emu_regs in;
    effects model, real;
    effects hidden;            /* stores inside an excluded call (the allocator ...): put back
                                  for the model, not compared */
    uint64_t serial;           /* begun as the SERIALth checked call */
    uint64_t mres[2];
    char threw[300];           /* the model threw or faulted: why */
    uint64_t stacks[3][2];     /* the running g's, g0's and gsignal's stacks: locals, not state */
    vobject allocs[MAX_ALLOCS]; /* what the model allocated, in its scratch memory */
    int nallocs;
    uint64_t bump;
    uint64_t switches;         /* the process's thread switches at the entry */
    uint64_t saved_slice;      /* the outermost call of its thread: the slice it interrupted */
    int64_t clock[16];         /* what the real call's nanotime calls returned, in order */
    int nclock, clock_next;
} pending;

/* A call made inside a checked call, not yet returned: runtime.nanotime1,
 * whose result is handed to the model (which reads the same times), or an
 * excluded one (verifier.excluded), whose stores are kept aside. */
typedef struct {
    lx_thread *thread;
    uint64_t ret, sp_after;
    bool excluded;
    uint64_t serial;   /* an excluded call hides stores from the checked calls begun before it */
} inner_call;

typedef struct {
    uint64_t calls, agree, unfinished, skipped;
    const char *skip_why;   /* the first skipped call's reason */
} model_stats;

typedef struct {
    lx_program prog;
    lx_process pr;
    go_binary gb;
    machine mc;
    dwarf_types *dt;
    vnamer nm;
    const verify_opts *o;
    uint64_t entry[32];
    bool enabled[32];          /* --only's models that are a call in this binary */
    model_stats st[32];
    pending pend[MAX_PENDING];
    int npend;
    uint64_t nanotime1;        /* runtime.nanotime1's entry (an ABI0 function) */
    /* Calls inside a checked call whose own writes are not noted: the
     * allocator (mallocgc, stackalloc), whose bookkeeping is not the
     * checked function's, startm, which no model follows (it starts an
     * M: wakep's model stops where it is called), and the mcache's own
     * work (allocmcache, prepareForSweep), which procresize's leaves out. */
    uint64_t excluded[5];
    uint64_t end_pc[32][2];    /* vmodels[i].ends_at's entries */
    inner_call inner[MAX_PENDING];
    int ninner;
    pending *replaying;        /* the call whose model runs now (for its clock) */
    uint64_t lines, differ, calls;
    uint64_t serial;   /* checked calls begun so far */
    FILE *json;                /* --json's file, written through JW */
    jw jw;
} verifier;

static void stack_of(verifier *v, uint64_t g, uint64_t out[2])
{
    out[0] = out[1] = 0;
    if (g) {
        out[0] = rd2(&v->mc, g, F_g_stack, F_stack_lo);
        out[1] = rd2(&v->mc, g, F_g_stack, F_stack_hi);
    }
}

static void note_model_change(void *ctx, uint64_t addr, const uint8_t *before, const uint8_t *now,
                              size_t len)
{
    pending *p = ctx;
    for (size_t i = 0; i < len; i++) {
        effect_byte *b = effects_note(&p->model, addr + i, before[i]);
        if (b)
            b->after = now[i];
    }
}

/* The model's nanotime: the times the real call read, in the same order
 * (as rr replays a syscall's result), then the clock itself. */
static int64_t replay_clock(void *ctx)
{
    verifier *v = ctx;
    pending *p = v->replaying;
    if (p && p->clock_next < p->nclock)
        return p->clock[p->clock_next++];
    return lx_now(&v->pr);
}

/* A model's allocation (malg's new(g) and stack, allgadd's array ...):
 * from the scratch memory, remembered to be matched with the real call's. */
static uint64_t scratch_alloc(void *ctx, uint64_t size, uint64_t align)
{
    verifier *v = ctx;
    pending *p = v->replaying;
    if (!p || p->nallocs == MAX_ALLOCS || !align)
        return 0;
    uint64_t at = (SCRATCH_BASE + p->bump + align - 1) / align * align;
    if (at + size > SCRATCH_BASE + SCRATCH_SIZE)
        return 0;
    p->bump = at + size + 64 - SCRATCH_BASE;   /* a gap: one past an end is no other's start */
    p->allocs[p->nallocs++] = (vobject){at, size, 0, false};
    return at;
}

/* The model, on the state at the call's first instruction, then undone. */
static void run_model(verifier *v, pending *p)
{
    machine *mc = &v->mc;
    v->replaying = p;
    mc->state = RUN_RUNNING;
    mc->why[0] = 0;
    if (emu_journal_start(mc->cpu) != 0) {
        snprintf(p->threw, sizeof p->threw, "the undo journal could not start");
        return;
    }
    vmodels[p->mi].call(mc, &p->in, p->mres);
    if (mc->state != RUN_RUNNING)
        snprintf(p->threw, sizeof p->threw, "%s", mc->why[0] ? mc->why : run_state_name(mc->state));
    if (emu_journal_changes(mc->cpu, note_model_change, p) != 0)
        snprintf(p->threw, sizeof p->threw, "the undo journal ran out of memory");
    emu_journal_undo(mc->cpu);
    mc->state = RUN_STOPPED;
    v->replaying = NULL;
}

static bool thread_pending(verifier *v, lx_thread *t, const pending *except)
{
    for (int i = 0; i < v->npend; i++)
        if (v->pend[i].thread == t && &v->pend[i] != except)
            return true;
    return false;
}

/* While a checked call runs, its thread keeps the CPU (no switch at the
 * end of its quantum), so that no other thread changes the state under
 * it; if it blocks, other threads run, and the call is not compared. */
static void pin_thread(verifier *v, pending *p)
{
    p->saved_slice = v->pr.slice_end;
    v->pr.slice_end = UINT64_MAX;
    emu_set_quantum(v->pr.cpu, 0);
}

static void unpin_thread(verifier *v, pending *p)
{
    v->pr.slice_end = p->saved_slice;
    emu_set_quantum(v->pr.cpu, p->saved_slice);
}

static void begin_call(verifier *v, int mi)
{
    if (v->npend == MAX_PENDING)
        return;
    bool outermost = !thread_pending(v, v->pr.cur, NULL);
    pending *p = &v->pend[v->npend++];
    memset(p, 0, sizeof *p);
    p->switches = v->pr.switches;
    p->serial = ++v->serial;
    if (outermost)
        pin_thread(v, p);
    else
        p->saved_slice = UINT64_MAX;
    p->mi = mi;
    p->thread = v->pr.cur;
    p->call_no = ++v->st[mi].calls;
    p->icount = emu_icount(v->pr.cpu);
    emu_regs_get(v->pr.cpu, &p->in);
    p->ret = emu_read_u(v->pr.cpu, p->in.r[R_RSP], 8);
    p->sp_after = p->in.r[R_RSP] + 8;
    effects_init(&p->model);
    effects_init(&p->real);
    effects_init(&p->hidden);
    uint64_t fs = p->in.r[R_FS_BASE];
    uint64_t g = fs >= 8 ? emu_read_u(v->pr.cpu, fs - 8, 8) : 0;
    uint64_t m = g ? rd(&v->mc, g, F_g_m) : 0;
    stack_of(v, g, p->stacks[0]);
    stack_of(v, m ? rd(&v->mc, m, F_m_g0) : 0, p->stacks[1]);
    stack_of(v, m ? rd(&v->mc, m, F_m_gsignal) : 0, p->stacks[2]);
}

static bool on_stack(const pending *p, uint64_t addr)
{
    for (int i = 0; i < 3; i++)
        if (addr >= p->stacks[i][0] && addr < p->stacks[i][1])
            return true;
    return false;
}

/* A store by the program: for each pending call of the storing thread,
 * the bytes' values before it (the first time each is written). */
static void on_write(void *ctx, uint64_t addr, int size, uint64_t value)
{
    (void)value;
    verifier *v = ctx;
    uint64_t hide_below = 0;   /* checked calls begun before the innermost excluded one */
    for (int i = 0; i < v->ninner; i++)
        if (v->inner[i].excluded && v->inner[i].thread == v->pr.cur &&
            v->inner[i].serial > hide_below)
            hide_below = v->inner[i].serial;
    for (int i = 0; i < v->npend; i++) {
        pending *p = &v->pend[i];
        if (p->thread != v->pr.cur || on_stack(p, addr))
            continue;
        effects *e = p->serial <= hide_below ? &p->hidden : &p->real;
        for (int b = 0; b < size; b++) {
            if (effects_get(&p->real, addr + (uint64_t)b) || effects_get(&p->hidden, addr + (uint64_t)b))
                continue;
            uint8_t old = 0;
            emu_read(v->pr.cpu, addr + (uint64_t)b, &old, 1);
            effects_note(e, addr + (uint64_t)b, old);
        }
    }
}

/* --- comparing one call --- */

static void divergence(verifier *v, const pending *p, const char *field, const char *real_v,
                       const char *model_v)
{
    const char *func = vmodels[p->mi].func;
    if (v->o->max_lines <= 0 || v->lines < (uint64_t)v->o->max_lines)
        printf("%s call %llu at instruction %llu: %s: real %s, model %s\n", func,
               (unsigned long long)p->call_no, (unsigned long long)p->icount, field, real_v,
               model_v);
    v->lines++;
    if (v->json) {
        jw_obj(&v->jw, NULL);
        jw_str(&v->jw, "model", func);
        jw_uint(&v->jw, "call", p->call_no);
        jw_uint(&v->jw, "instruction", p->icount);
        jw_str(&v->jw, "field", field);
        jw_str(&v->jw, "real_value", real_v);
        jw_str(&v->jw, "model_value", model_v);
        jw_obj_end(&v->jw);
    }
}

static void hex(char *buf, size_t len, uint64_t x)
{
    snprintf(buf, len, "%#llx", (unsigned long long)x);
}

typedef struct {
    verifier *v;
    const pending *p;
} diff_ctx;

static void on_diff(void *ctx, const char *field, const char *real_v, const char *model_v)
{
    diff_ctx *d = ctx;
    divergence(d->v, d->p, field, real_v, model_v);
}

/* The memory each side changed, field by field; how many fields differ. */
static int compare_memory(verifier *v, pending *p, vcompare *c)
{
    diff_ctx d = {v, p};
    return vcompare_run(c, on_diff, &d);
}

static int compare_results(verifier *v, pending *p, vcompare *c)
{
    const vmodel *m = &vmodels[p->mi];
    int bad = 0;
    for (int r = 0; r < m->nres; r++) {
        if (r == m->time_result && p->in.r[(m->time_arg == 0) ? R_RAX : R_RBX] == 0)
            continue;
        uint64_t mask = m->res_bytes[r] >= 8 ? ~0ULL : (1ULL << (8 * m->res_bytes[r])) - 1;
        uint64_t real = emu_reg_get(v->pr.cpu, res_regs[r]) & mask;
        uint64_t model = vcompare_translate(c, p->mres[r]) & mask;
        if (real == model)
            continue;
        char what[24], rv[32], mv[32];
        snprintf(what, sizeof what, "result %d", r + 1);
        hex(rv, sizeof rv, real);
        hex(mv, sizeof mv, model);
        divergence(v, p, what, rv, mv);
        bad++;
    }
    return bad;
}

static void put_bytes(verifier *v, effects *e, bool after)
{
    for (size_t i = 0; i < e->cap; i++)
        if (e->slot[i].used)
            emu_write(v->pr.cpu, e->slot[i].addr, after ? &e->slot[i].after : &e->slot[i].before, 1);
}

static void read_after(verifier *v, effects *e)
{
    for (size_t i = 0; i < e->cap; i++)
        if (e->slot[i].used)
            emu_read(v->pr.cpu, e->slot[i].addr, &e->slot[i].after, 1);
}

/* The real call's bytes, the hidden ones too, back to BEFORE (or on to
 * AFTER). */
static void put_real(verifier *v, pending *p, bool after)
{
    put_bytes(v, &p->real, after);
    put_bytes(v, &p->hidden, after);
}

/* At the return: the real call's changes are read, taken back so that the
 * model runs on the state the call began with (and the times the call
 * read), and put again once the model's are undone. */
static void finish_call(verifier *v, pending *p)
{
    read_after(v, &p->real);   /* the real side's bytes as they are now */
    read_after(v, &p->hidden);
    if (p->saved_slice != UINT64_MAX && !thread_pending(v, p->thread, p))
        unpin_thread(v, p);
    put_real(v, p, false);
    const vmodel *m = &vmodels[p->mi];
    const char *skip = m->skip ? m->skip(&v->mc, &p->in) : NULL;
    if (!skip && v->pr.switches != p->switches)
        skip = "the real call blocked and other threads ran";
    if (skip) {   /* not comparable: counted apart, with the reason */
        put_real(v, p, true);
        v->st[p->mi].skipped++;
        if (!v->st[p->mi].skip_why)
            v->st[p->mi].skip_why = skip;
        effects_free(&p->model);
        effects_free(&p->real);
        effects_free(&p->hidden);
        return;
    }
    vnamer_scan(&v->nm, 0);   /* the objects as the call found them */
    if (m->arg0_new_m)
        vnamer_add_m(&v->nm, p->in.r[R_RAX]);
    run_model(v, p);
    put_real(v, p, true);
    vcompare c = {&p->model, &p->real, p->allocs, p->nallocs, v->pr.cpu, &v->nm, m, v->o->all_fields};
    /* A g the model returns is matched with the one the real call returns,
     * and compared whole, named as the new g it is. */
    uint64_t new_g = 0;
    for (int r = 0; r < m->nres; r++) {
        uint64_t real = emu_reg_get(v->pr.cpu, res_regs[r]);
        for (int k = 0; k < p->nallocs; k++)
            if (p->mres[r] == p->allocs[k].s && m->res_bytes[r] == 8) {
                p->allocs[k].whole = true;
                p->allocs[k].size = go_size(T_g);
                new_g = real;
            }
        vcompare_match(&c, p->mres[r], real);
    }
    if (new_g)
        vnamer_scan(&v->nm, new_g);
    int bad = 0;
    if (p->threw[0]) {
        divergence(v, p, "(the model threw)", "returned", p->threw);
        bad++;
    } else {
        bad += compare_memory(v, p, &c);
        bad += compare_results(v, p, &c);
    }
    v->calls++;
    if (bad)
        v->differ++;
    else
        v->st[p->mi].agree++;
    effects_free(&p->model);
    effects_free(&p->real);
    effects_free(&p->hidden);
}

/* Whether the current thread, about to run PC, is back from a call made
 * by THREAD: at its return address RET with the caller's SP. */
static bool returned(verifier *v, uint64_t pc, const lx_thread *thread, uint64_t ret,
                     uint64_t sp_after)
{
    return pc == ret && thread == v->pr.cur && emu_reg_get(v->pr.cpu, R_RSP) == sp_after;
}

static bool is_excluded(const verifier *v, uint64_t pc)
{
    for (size_t i = 0; i < sizeof v->excluded / sizeof v->excluded[0]; i++)
        if (pc && pc == v->excluded[i])
            return true;
    return false;
}

/* Calls inside checked calls: one beginning (nanotime1, or an excluded
 * call), or one returning.  nanotime1's result (ABI0: on the stack, at
 * 8(SP) as it was at entry) goes to each pending call of its thread. */
static void inner_calls(verifier *v, uint64_t pc)
{
    bool excluded = is_excluded(v, pc);
    if ((pc == v->nanotime1 || excluded) && v->ninner < MAX_PENDING &&
        thread_pending(v, v->pr.cur, NULL)) {
        uint64_t sp = emu_reg_get(v->pr.cpu, R_RSP);
        v->inner[v->ninner++] =
            (inner_call){v->pr.cur, emu_read_u(v->pr.cpu, sp, 8), sp + 8, excluded, v->serial};
        return;
    }
    for (int i = v->ninner - 1; i >= 0; i--) {
        inner_call *c = &v->inner[i];
        if (!returned(v, pc, c->thread, c->ret, c->sp_after))
            continue;
        int64_t t = (int64_t)emu_read_u(v->pr.cpu, c->sp_after, 8);
        for (int k = 0; k < v->npend && !c->excluded; k++) {
            pending *p = &v->pend[k];
            if (p->thread == c->thread && p->nclock < (int)(sizeof p->clock / sizeof p->clock[0]))
                p->clock[p->nclock++] = t;
        }
        memmove(c, c + 1, (size_t)(v->ninner - i - 1) * sizeof *c);
        v->ninner--;
        break;
    }
}

/* Before each instruction: a checked call returning, or one beginning. */
static void on_insn(void *ctx, uint64_t pc, uint32_t size)
{
    (void)size;
    verifier *v = ctx;
    if (v->npend)
        inner_calls(v, pc);
    for (int i = v->npend - 1; i >= 0; i--) {
        pending *p = &v->pend[i];
        const uint64_t *end = v->end_pc[p->mi];   /* a function that hands over ends there */
        bool done = end[0] ? p->thread == v->pr.cur && (pc == end[0] || pc == end[1])
                           : returned(v, pc, p->thread, p->ret, p->sp_after);
        if (!done)
            continue;
        finish_call(v, p);
        memmove(p, p + 1, (size_t)(v->npend - i - 1) * sizeof *p);
        v->npend--;
        break;
    }
    for (int i = 0; i < nvmodels; i++)
        if (v->enabled[i] && pc == v->entry[i])
            begin_call(v, i);
}

/* --- the run --- */

/* --only's models into WANT (every model without it).  0, or 2 after a
 * message for a name that is no model's. */
static int parse_only(const char *only, bool want[])
{
    for (int i = 0; i < nvmodels; i++)
        want[i] = only == NULL;
    char *copy = only ? strdup(only) : NULL, *save = NULL;
    int rc = 0;
    for (char *n = copy ? strtok_r(copy, ",", &save) : NULL; n && rc == 0;
         n = strtok_r(NULL, ",", &save)) {
        const vmodel *m = vmodel_find(n);
        if (m)
            want[m - vmodels] = true;
        else {
            fprintf(stderr, "sim verify: --only: no model of %s (sim verify --list names them)\n", n);
            rc = 2;
        }
    }
    free(copy);
    return rc;
}

static int setup(verifier *v, const char *path, const sim_config *cfg, char *exe)
{
    char why[300];
    if (lx_program_read(&v->prog, path, why, sizeof why) != 0) {
        fprintf(stderr, "sim verify: %s: %s\n", path, why);
        return 2;
    }
    emu *cpu = emu_new_real();
    if (!cpu) {
        fprintf(stderr, "sim verify: cannot start the emulator\n");
        return 2;
    }
    lx_params lp = machine_real_params(cfg, exe);
    lp.discard_output = !v->o->program_output;
    if (lx_start(&v->pr, cpu, &v->prog, &lp, stderr) != 0)
        return 2;
    go_binary_inspect(path, &v->prog.elf, &v->prog.img, &v->gb);
    if (go_view_open(&v->mc, cpu, &v->prog.img, &v->gb, why, sizeof why) != 0) {
        fprintf(stderr, "sim verify: %s: the models need the Go view: %s\n", path, why);
        return 2;
    }
    v->mc.cfg = cfg;
    v->mc.clock = replay_clock;
    v->mc.clock_ctx = v;
    v->mc.alloc = scratch_alloc;
    v->mc.alloc_ctx = v;
    if (vm_map_fixed(&v->pr.vm, SCRATCH_BASE, SCRATCH_SIZE, EMU_PROT_READ | EMU_PROT_WRITE,
                     "[sim verify]") != 0) {
        fprintf(stderr, "sim verify: cannot map the models' scratch memory\n");
        return 2;
    }
    v->excluded[0] = image_addr(&v->prog.img, "runtime.mallocgc");
    v->excluded[1] = image_addr(&v->prog.img, "runtime.stackalloc");
    v->excluded[2] = image_addr(&v->prog.img, "runtime.startm");
    v->excluded[3] = image_addr(&v->prog.img, "runtime.allocmcache");
    v->excluded[4] = image_addr(&v->prog.img, "runtime.(*mcache).prepareForSweep");
    v->mc.no_handoff = true;
    v->mc.startm_by_program = true;
    v->nanotime1 = image_addr(&v->prog.img, "runtime.nanotime1.abi0");
    v->dt = dwarf_types_open(path, NULL, why, sizeof why);
    vnamer_open(&v->nm, &v->mc, v->dt);
    for (int i = 0; i < nvmodels; i++) {
        v->entry[i] = image_addr_any(&v->prog.img, vmodels[i].func);
        v->enabled[i] = v->entry[i] && v->enabled[i];   /* --only's, and a call here */
        for (int k = 0; k < 2; k++) {
            const char *e = vmodels[i].ends_at[k];
            v->end_pc[i][k] = e ? image_addr_any(&v->prog.img, e) : 0;
        }
        if (vmodels[i].ends_at[0] && !v->end_pc[i][0])
            v->enabled[i] = false;
    }
    if (emu_observe(cpu, on_insn, on_write, v) != 0) {
        fprintf(stderr, "sim verify: Unicorn refused the memory-write hook\n");
        return 2;
    }
    return 0;
}

/* The calls of a model that were compared (not cut short, not skipped). */
static uint64_t compared(const model_stats *s)
{
    return s->calls - s->unfinished - s->skipped;
}

static int report(verifier *v, const char *path)
{
    int nmodels = 0;
    printf("\n%-24s %8s %8s\n", "model", "calls", "agree");
    for (int i = 0; i < nvmodels; i++) {
        const model_stats *s = &v->st[i];
        if (!v->entry[i]) {
            printf("%-24s %17s\n", vmodels[i].func, "not a call here (inlined)");
            continue;
        }
        if (!v->enabled[i])
            continue;
        uint64_t n = compared(s);
        printf("%-24s %8llu %8llu", vmodels[i].func, (unsigned long long)n,
               (unsigned long long)s->agree);
        if (s->unfinished)
            printf("  (%llu did not return)", (unsigned long long)s->unfinished);
        if (s->skipped)
            printf("  (%llu not compared: %s)", (unsigned long long)s->skipped, s->skip_why);
        printf("\n");
        nmodels += n > 0;
    }
    if (v->o->max_lines > 0 && v->lines > (uint64_t)v->o->max_lines)
        printf("(%llu more divergence lines not shown; --json has them all)\n",
               (unsigned long long)(v->lines - (uint64_t)v->o->max_lines));
    lx_process *pr = &v->pr;
    if (pr->state != LX_EXITED)
        printf("verify: %s did not run to its end: %s\n", path, pr->why);
    printf("verify: %llu calls of %d models compared, %llu differ\n", (unsigned long long)v->calls,
           nmodels, (unsigned long long)v->differ);
    if (v->json) {
        jw_arr_end(&v->jw);
        jw_arr(&v->jw, "models");
        for (int i = 0; i < nvmodels; i++) {
            if (!v->enabled[i])
                continue;
            jw_obj(&v->jw, NULL);
            jw_str(&v->jw, "name", vmodels[i].func);
            jw_uint(&v->jw, "calls", compared(&v->st[i]));
            jw_uint(&v->jw, "agree", v->st[i].agree);
            jw_obj_end(&v->jw);
        }
        jw_arr_end(&v->jw);
        jw_uint(&v->jw, "calls", v->calls);
        jw_int(&v->jw, "models_compared", nmodels);
        jw_uint(&v->jw, "differ", v->differ);
        jw_obj(&v->jw, "run");
        jw_str(&v->jw, "state", lx_state_name(pr->state));
        jw_int(&v->jw, "status", pr->state == LX_EXITED ? pr->exit_status : -1);
        jw_obj_end(&v->jw);
        jw_obj_end(&v->jw);
        fputc('\n', v->json);
    }
    if (pr->state != LX_EXITED && pr->state != LX_KILLED)
        return EXIT_SIM_STOPPED;
    return v->differ ? 1 : 0;
}

static void teardown(verifier *v)
{
    for (int i = 0; i < v->npend; i++) {
        effects_free(&v->pend[i].model);
        effects_free(&v->pend[i].real);
        effects_free(&v->pend[i].hidden);
    }
    emu *cpu = v->pr.cpu;
    if (cpu) {
        lx_close(&v->pr);
        emu_free(cpu);
    }
    vnamer_close(&v->nm);
    dwarf_types_close(v->dt);
    lx_program_free(&v->prog);
}

int verify_run(const char *path, const sim_config *cfg, const verify_opts *o)
{
    static verifier v;   /* large (the pending calls): not on the stack */
    memset(&v, 0, sizeof v);
    v.o = o;
    char exe[PATH_MAX];
    if (!realpath(path, exe))
        snprintf(exe, sizeof exe, "%s", path);
    int rc = parse_only(o->only, v.enabled);
    if (rc == 0 && o->json && !(v.json = fopen(o->json, "w"))) {
        fprintf(stderr, "sim verify: cannot write %s: %s\n", o->json, strerror(errno));
        rc = 2;
    }
    if (rc == 0)
        rc = setup(&v, path, cfg, exe);
    if (rc == 0) {
        if (v.json) {
            jw_init(&v.jw, v.json);
            jw_obj(&v.jw, NULL);
            jw_str(&v.jw, "program", path);
            jw_str(&v.jw, "go", v.mc.go_version);
            jw_arr(&v.jw, "divergences");
        }
        lx_run(&v.pr, cfg->max_instructions_given ? cfg->max_instructions : 100000000000ULL);
        for (int i = 0; i < v.npend; i++)
            v.st[v.pend[i].mi].unfinished++;
        rc = report(&v, path);
    }
    if (v.json && fclose(v.json) != 0 && rc != 2) {
        fprintf(stderr, "sim verify: writing %s failed: %s\n", o->json, strerror(errno));
        rc = 2;
    }
    teardown(&v);
    return rc;
}
