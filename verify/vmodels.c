/* The models sim verify checks: see vmodels.h.  Each adapter reads the
 * arguments as the Go function receives them (ABIInternal) and calls the
 * model in runtime_model/ by its Go name. */
#include "verify/vmodels.h"
#include "runtime_model/models_internal.h"
#include <string.h>

/* ABIInternal's integer argument registers, in order. */
static const emu_reg arg_regs[] = {R_RAX, R_RBX, R_RCX, R_RDI, R_RSI, R_R8, R_R9, R_R10, R_R11};
static uint64_t arg(const emu_regs *in, int i) { return in->r[arg_regs[i]]; }

static void v_casgstatus(machine *mc, const emu_regs *in, uint64_t res[2])
{
    (void)res;
    casgstatus(mc, arg(in, 0), (uint32_t)arg(in, 1), (uint32_t)arg(in, 2));
}

/* The real casgstatus spins until the status is OLDVAL: when it is not at
 * entry (the GC holds the scan bit), another thread ended the wait, and
 * a single-threaded model, which throws there, cannot follow. */
static const char *casg_waits(machine *mc, const emu_regs *in)
{
    uint32_t now = (uint32_t)rd(mc, arg(in, 0), F_g_atomicstatus), oldval = (uint32_t)arg(in, 1);
    bool bad_args = (oldval & C__Gscan) || ((uint32_t)arg(in, 2) & C__Gscan) ||
                    oldval == (uint32_t)arg(in, 2);
    return !bad_args && now != oldval ? "the real call waited for another thread to set the status"
                                      : NULL;
}

static void v_runqput(machine *mc, const emu_regs *in, uint64_t res[2])
{
    (void)res;
    runqput(mc, arg(in, 0), arg(in, 1), (uint8_t)arg(in, 2) != 0);
}

static void v_runqputslow(machine *mc, const emu_regs *in, uint64_t res[2])
{
    res[0] = runqputslow(mc, arg(in, 0), arg(in, 1), (uint32_t)arg(in, 2), (uint32_t)arg(in, 3));
}

static void v_runqget(machine *mc, const emu_regs *in, uint64_t res[2])
{
    bool inherit = false;
    res[0] = runqget(mc, arg(in, 0), &inherit);
    res[1] = inherit;
}

static void v_globrunqget(machine *mc, const emu_regs *in, uint64_t res[2])
{
    res[0] = globrunqget(mc, arg(in, 0), (int32_t)arg(in, 1));
}

static void v_pidleput(machine *mc, const emu_regs *in, uint64_t res[2])
{
    res[0] = (uint64_t)pidleput(mc, arg(in, 0), (int64_t)arg(in, 1));
}

static void v_pidleget(machine *mc, const emu_regs *in, uint64_t res[2])
{
    int64_t now = (int64_t)arg(in, 0);
    res[0] = pidleget(mc, &now);
    res[1] = (uint64_t)now;
}

static void v_gfput(machine *mc, const emu_regs *in, uint64_t res[2])
{
    (void)res;
    gfput(mc, arg(in, 0), arg(in, 1));
}

static void v_gfget(machine *mc, const emu_regs *in, uint64_t res[2])
{
    res[0] = gfget(mc, arg(in, 0));
}

static void v_malg(machine *mc, const emu_regs *in, uint64_t res[2])
{
    res[0] = malg(mc, (int32_t)arg(in, 0));
}

static void v_allgadd(machine *mc, const emu_regs *in, uint64_t res[2])
{
    (void)res;
    allgadd(mc, arg(in, 0));
}

static void v_newproc1(machine *mc, const emu_regs *in, uint64_t res[2])
{
    res[0] = newproc1(mc, arg(in, 0), arg(in, 1), arg(in, 2));
}

static void v_wakep(machine *mc, const emu_regs *in, uint64_t res[2])
{
    (void)in;
    (void)res;
    wakep(mc);
}

/* procresize's model grows allp only: a shrink (destroying Ps) is out of
 * its scope (docs/models.md). */
static const char *procresize_shrinks(machine *mc, const emu_regs *in)
{
    return (int32_t)arg(in, 0) < (int32_t)rd_var(mc, mc->gomaxprocs, 4)
               ? "a shrink of allp, which the model leaves out"
               : NULL;
}

static void v_procresize(machine *mc, const emu_regs *in, uint64_t res[2])
{
    res[0] = procresize(mc, (int32_t)arg(in, 0));
}

/* What procresize's model leaves out (docs/models.md, procresize): the
 * mcaches, the P masks, the steal order, the CPU limiter, and (*p).init's
 * other fields (the sudog and defer caches, the timers' lock, the write
 * barrier's buffer), and what pidleput leaves out for the idle Ps. */
static const char *const procresize_left_out[] = {
    "p.mcache", "p.sudogcache", "p.deferpool", "p.timersLock", "p.timers", "runtime.idlepMask",
    "runtime.timerpMask", "runtime.stealOrder", "runtime.gcCPULimiter", "runtime.mcache0",
    "runtime.mheap_", "p.limiterEvent", "schedt.idleTime", NULL};

static void v_mcommoninit(machine *mc, const emu_regs *in, uint64_t res[2])
{
    (void)res;
    mcommoninit(mc, arg(in, 0), (int64_t)arg(in, 1));
}

/* The M's fastrand seed: the model derives it otherwise (docs/models.md). */
static const char *const mcommon_left_out[] = {"m.fastrand", NULL};

static void v_execute(machine *mc, const emu_regs *in, uint64_t res[2])
{
    (void)res;
    execute(mc, arg(in, 0), (uint8_t)arg(in, 1) != 0);
}

static void v_goexit0(machine *mc, const emu_regs *in, uint64_t res[2])
{
    (void)res;
    goexit0(mc, arg(in, 0));
}

static void v_gosched_m(machine *mc, const emu_regs *in, uint64_t res[2])
{
    (void)res;
    gosched_m(mc, arg(in, 0));
}

/* Go passes &newg.sched; the model takes the g around it. */
static void v_gostartcallfn(machine *mc, const emu_regs *in, uint64_t res[2])
{
    (void)res;
    gostartcallfn(mc, arg(in, 0) - go_off(F_g_sched), arg(in, 1));
}

/* The idle and timer P masks, and the GC CPU limiter's idle event, are
 * not modelled (docs/models.md, pidleput). */
static const char *const pidle_left_out[] = {"p.limiterEvent", "runtime.idlepMask",
                                              "runtime.timerpMask", "schedt.idleTime",
                                              "runtime.gcCPULimiter", NULL};
/* stackfree's bookkeeping: the freed stack's memory, the P's stack cache
 * and the global pools (docs/models.md, gfput). */
static const char *const stackfree_left_out[] = {"stack memory", "mcache.stackcache",
                                                 "runtime.stackpool", "runtime.stackLarge", NULL};
/* The runnable-time histogram (sched.timeToRun.record) is not modelled;
 * execute's casgstatus records into it. */
static const char *const casg_left_out[] = {"schedt.timeToRun", NULL};
static const char *const none[] = {NULL};
#define ALLOC_NOT_REPLACEABLE                                                            \
    "it allocates, and in place it would need the program's own allocator (calling "   \
    "mallocgc and stackalloc from a model is not built)"
#define WAKEP_NOT_REPLACEABLE \
    "its model stops where startm is called; in place it would have to call the program's startm"
#define HANDOFF_NOT_REPLACEABLE \
    "it never returns: in place it would have to run schedule or gogo too"
#define PIDLE_NOT_REPLACEABLE                                                                   \
    "it leaves out the P masks and the GC CPU limiter's idle event, which the real runtime " \
    "then finds wrong (limiterEvent.stop throws)"

const vmodel vmodels[] = {
    {.func = "runtime.casgstatus", .call = v_casgstatus, .time_result = -1, .time_arg = -1,
     .skip = casg_waits, .left_out = casg_left_out},
    {.func = "runtime.runqput", .call = v_runqput, .time_result = -1, .time_arg = -1,
     .left_out = none},
    {.func = "runtime.runqputslow", .call = v_runqputslow, .nres = 1, .res_bytes = {1, 0},
     .time_result = -1, .time_arg = -1, .left_out = none},
    {.func = "runtime.runqget", .call = v_runqget, .nres = 2, .res_bytes = {8, 1},
     .time_result = -1, .time_arg = -1, .left_out = none},
    {.func = "runtime.globrunqget", .call = v_globrunqget, .nres = 1, .res_bytes = {8, 0},
     .time_result = -1, .time_arg = -1, .left_out = none},
    {.func = "runtime.pidleput", .call = v_pidleput, .nres = 1, .res_bytes = {8, 0},
     .time_result = 0, .time_arg = 1, .left_out = pidle_left_out,
     .not_replaceable = PIDLE_NOT_REPLACEABLE},
    {.func = "runtime.pidleget", .call = v_pidleget, .nres = 2, .res_bytes = {8, 8},
     .time_result = 1, .time_arg = 0, .left_out = pidle_left_out,
     .not_replaceable = PIDLE_NOT_REPLACEABLE},
    {.func = "runtime.gfput", .call = v_gfput, .time_result = -1, .time_arg = -1,
     .left_out = stackfree_left_out},
    {.func = "runtime.gfget", .call = v_gfget, .nres = 1, .res_bytes = {8, 0}, .time_result = -1,
     .time_arg = -1, .left_out = none},
    {.func = "runtime.gostartcallfn", .call = v_gostartcallfn, .time_result = -1, .time_arg = -1,
     .left_out = none},
    {.func = "runtime.malg", .call = v_malg, .nres = 1, .res_bytes = {8, 0}, .time_result = -1,
     .time_arg = -1, .left_out = none, .not_replaceable = ALLOC_NOT_REPLACEABLE},
    {.func = "runtime.allgadd", .call = v_allgadd, .time_result = -1, .time_arg = -1,
     .left_out = none, .not_replaceable = ALLOC_NOT_REPLACEABLE},
    /* In place, newproc1 has the program's own malg and allgadd make a new
     * g (verify/intercept.c). */
    {.func = "runtime.newproc1", .call = v_newproc1, .nres = 1, .res_bytes = {8, 0},
     .time_result = -1, .time_arg = -1, .left_out = none},
    {.func = "runtime.execute", .call = v_execute, .time_result = -1, .time_arg = -1,
     .left_out = casg_left_out, .not_replaceable = HANDOFF_NOT_REPLACEABLE,
     .ends_at = {"runtime.gogo.abi0", NULL}},
    {.func = "runtime.goexit0", .call = v_goexit0, .time_result = -1, .time_arg = -1,
     .left_out = stackfree_left_out, .not_replaceable = HANDOFF_NOT_REPLACEABLE,
     .ends_at = {"runtime.schedule", "runtime.gogo.abi0"}},
    {.func = "runtime.gosched_m", .call = v_gosched_m, .time_result = -1, .time_arg = -1,
     .left_out = none, .not_replaceable = HANDOFF_NOT_REPLACEABLE,
     .ends_at = {"runtime.schedule", NULL}},
    {.func = "runtime.wakep", .call = v_wakep, .time_result = -1, .time_arg = -1,
     .left_out = pidle_left_out, .not_replaceable = WAKEP_NOT_REPLACEABLE},
    {.func = "runtime.procresize", .call = v_procresize, .nres = 1, .res_bytes = {8, 0},
     .time_result = -1, .time_arg = -1, .skip = procresize_shrinks, .left_out = procresize_left_out,
     .not_replaceable = ALLOC_NOT_REPLACEABLE},
    {.func = "runtime.mcommoninit", .call = v_mcommoninit, .time_result = -1, .time_arg = -1,
     .left_out = mcommon_left_out, .not_replaceable = ALLOC_NOT_REPLACEABLE,
     .arg0_new_m = true},
};
const int nvmodels = sizeof vmodels / sizeof vmodels[0];

const vmodel *vmodel_find(const char *func)
{
    char dotted[128];
    size_t j = 0;
    for (const char *s = func; *s && j + 1 < sizeof dotted; s++) {
        if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xb7) {   /* "·" */
            dotted[j++] = '.';
            s++;
        } else {
            dotted[j++] = *s;
        }
    }
    dotted[j] = 0;
    const char *name = strchr(dotted, '.') ? dotted : NULL;
    char full[140];
    if (!name) {   /* a bare model name: runqput */
        snprintf(full, sizeof full, "runtime.%s", dotted);
        name = full;
    }
    for (int i = 0; i < nvmodels; i++)
        if (strcmp(vmodels[i].func, name) == 0)
            return &vmodels[i];
    return NULL;
}

/* Left out by every model: the GC's write barrier, which buffers the
 * pointers the real code stores while the GC marks (p.wbBuf). */
static const char *const all_left_out[] = {"p.wbBuf", NULL};

static bool below(const char *const *list, const char *path)
{
    for (const char *const *l = list; *l; l++) {
        size_t n = strlen(*l);
        if (strncmp(path, *l, n) == 0 && (path[n] == 0 || path[n] == '.' || path[n] == '['))
            return true;
    }
    return false;
}

bool vmodel_left_out(const vmodel *m, const char *path)
{
    return below(all_left_out, path) || below(m->left_out, path);
}
