/* Goroutine creation: newproc, newproc1, malg, gfget/gfput, allgadd and
 * casgstatus.  go1.21.13 runtime/proc.go. */
#include "runtime_model/models_internal.h"
#include <string.h>

/* casgstatus (proc.go:1044).  With one thread the CAS cannot race, so a
 * status other than OLDVAL means the model is wrong: throw where Go would
 * spin forever. */
void casgstatus(machine *mc, uint64_t gp, uint32_t oldval, uint32_t newval)
{
    char b[32];
    enter(mc, "runtime·casgstatus", "gp=%s, oldval=%s, newval=%s", gname(mc, gp, b),
          go_gstatus_name(oldval), go_gstatus_name(newval));
    uint32_t cur = (uint32_t)rd(mc, gp, F_g_atomicstatus);
    if ((oldval & C__Gscan) || (newval & C__Gscan) || oldval == newval)
        throw_(mc, "casgstatus: bad incoming values (oldval=%s newval=%s)",
               go_gstatus_name(oldval), go_gstatus_name(newval));
    else if (cur != oldval)
        throw_(mc, "casgstatus: %s has status %s, not %s (the CAS to %s would never succeed)",
               gname(mc, gp, b), go_gstatus_name(cur), go_gstatus_name(oldval),
               go_gstatus_name(newval));
    if (!ok(mc)) {
        leave(mc);
        return;
    }
    wr(mc, gp, F_g_atomicstatus, newval);
    if (oldval == C__Grunning) {
        uint8_t seq = (uint8_t)rd(mc, gp, F_g_trackingSeq);
        if (seq % C_gTrackingPeriod == 0)
            wr(mc, gp, F_g_tracking, 1);
        wr(mc, gp, F_g_trackingSeq, (uint8_t)(seq + 1));
    }
    /* go1.19 calls the stamp runnableStamp (same place, same use). */
    go_field_id stamp = go_has(F_g_trackingStamp) ? F_g_trackingStamp : F_g_runnableStamp;
    if (rd(mc, gp, F_g_tracking)) {
        if (oldval == C__Grunnable) {
            int64_t now = nanotime(mc);
            wr(mc, gp, F_g_runnableTime, rd(mc, gp, F_g_runnableTime) + (uint64_t)now -
                                             rd(mc, gp, stamp));
            wr(mc, gp, stamp, 0);
        }
        if (newval == C__Grunnable)
            wr(mc, gp, stamp, (uint64_t)nanotime(mc));
        if (newval == C__Grunning) {
            wr(mc, gp, F_g_tracking, 0);
            wr(mc, gp, F_g_runnableTime, 0);   /* recorded in sched.timeToRun (not modelled) */
        }
    }
    leave(mc);
}

/* malg (proc.go:4453): a zeroed g with a STACKSIZE stack from the arena. */
uint64_t malg(machine *mc, int32_t stacksize)
{
    enter(mc, "runtime·malg", "stacksize=%d", stacksize);
    uint64_t g = arena_alloc(mc, 416, 32);        /* new(g): size class 416 */
    if (mc->naming.how != REF_NONE)
        mc->naming_g = g;
    uint64_t lo = arena_alloc(mc, (uint64_t)stacksize, (uint64_t)stacksize);   /* stackalloc */
    if (ok(mc)) {
        wr2(mc, g, F_g_stack, F_stack_lo, lo);
        wr2(mc, g, F_g_stack, F_stack_hi, lo + (uint64_t)stacksize);
        wr(mc, g, F_g_stackguard0, lo + C_stackGuard);
        wr(mc, g, F_g_stackguard1, ~0ULL);
        emu_write_u(mc->cpu, lo, 8, 0);
    }
    leave(mc);
    return g;
}

/* The malloc size classes up to 32 KiB (sizeclasses.go, go1.19 and go1.21
 * alike); above that an allocation is rounded up to whole 8 KiB pages. */
static const uint32_t size_classes[] = {
    8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
    352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792,
    2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472,
    9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264,
    28672, 32768};

static uint64_t roundupsize(uint64_t size)
{
    for (size_t i = 0; i < sizeof size_classes / sizeof size_classes[0]; i++)
        if (size <= size_classes[i])
            return size_classes[i];
    return (size + 8191) / 8192 * 8192;
}

/* growslice's new capacity for a full []*g of CAP (go1.18 on): doubled
 * below 256, then growing by (cap + 768) / 4 until it fits, and rounded up
 * to what the size class holds. */
static uint64_t grown_cap(uint64_t cap)
{
    uint64_t ncap = cap;
    if (cap < 256)
        ncap = cap ? 2 * cap : 1;
    else
        while (ncap < cap + 1)
            ncap += (ncap + 3 * 256) / 4;
    return roundupsize(8 * ncap) / 8;
}

/* allgadd (proc.go:562): append to allgs, growing it as append does;
 * allgptr follows allgs' array where the program has one. */
void allgadd(machine *mc, uint64_t gp)
{
    char b[32];
    enter(mc, "runtime·allgadd", "gp=%s", gname(mc, gp, b));
    if (rd(mc, gp, F_g_atomicstatus) == C__Gidle)
        throw_(mc, "allgadd: bad status Gidle");
    uint64_t arr = rd_var(mc, mc->allgs, 8), len = rd_var(mc, mc->allgs + 8, 8);
    uint64_t cap = rd_var(mc, mc->allgs + 16, 8);
    if (len == cap) {
        uint64_t ncap = grown_cap(cap);
        uint64_t narr = arena_alloc(mc, 8 * ncap, 8);
        for (uint64_t i = 0; i < len && ok(mc); i++)
            emu_write_u(mc->cpu, narr + 8 * i, 8, rd_var(mc, arr + 8 * i, 8));
        wr_var(mc, mc->allgs, 8, KIND_UPTR, "runtime·allgs.ptr", narr);
        wr_var(mc, mc->allgs + 16, 8, KIND_U64, "runtime·allgs.cap", ncap);
        arr = narr;
    }
    emu_write_u(mc->cpu, arr + 8 * len, 8, gp);
    wr_var(mc, mc->allgs + 8, 8, KIND_U64, "runtime·allgs.len", len + 1);
    uint64_t allgptr = image_addr(&mc->img, "runtime.allgptr");   /* a real binary's */
    if (allgptr && rd_var(mc, allgptr, 8) != arr)
        wr_var(mc, allgptr, 8, KIND_UPTR, "runtime.allgptr", arr);
    wr_var(mc, mc->allglen, 8, KIND_U64, "runtime·allglen", len + 1);
    leave(mc);
}

/* runtime.startingStackSize: the binary's own when it has one (a real
 * program's adapts it to the stacks it saw), else fixedStack. */
static uint64_t starting_stack_size(machine *mc)
{
    uint64_t at = image_addr(&mc->img, "runtime.startingStackSize");
    return at ? rd_var(mc, at, 4) : C_fixedStack;
}

/* gfput (proc.go:4619): put a dead g on P's free list; past 64, move half
 * to the global list.  A stack that grew past the starting size is freed
 * (stackfree's own bookkeeping, the stack pool and the P's stack cache, is
 * left out: docs/models.md). */
void gfput(machine *mc, uint64_t pp, uint64_t gp)
{
    char b[32], c[32];
    enter(mc, "runtime·gfput", "pp=%s, gp=%s", obj_name(mc, pp, c, sizeof c), gname(mc, gp, b));
    if (rd(mc, gp, F_g_atomicstatus) != C__Gdead)
        throw_(mc, "gfput: bad status (not Gdead)");
    uint64_t size = rd2(mc, gp, F_g_stack, F_stack_hi) - rd2(mc, gp, F_g_stack, F_stack_lo);
    if (size != starting_stack_size(mc)) {
        note(mc, "a stack of %llu bytes, not the starting size: stackfree", (unsigned long long)size);
        wr2(mc, gp, F_g_stack, F_stack_lo, 0);
        wr2(mc, gp, F_g_stack, F_stack_hi, 0);
        wr(mc, gp, F_g_stackguard0, 0);
    }
    wr(mc, gp, F_g_schedlink, rd2(mc, pp, F_p_gFree, F_anon_p_gFree_head));
    wr2(mc, pp, F_p_gFree, F_anon_p_gFree_head, gp);
    int32_t n = (int32_t)rd2(mc, pp, F_p_gFree, F_anon_p_gFree_n) + 1;
    wr2(mc, pp, F_p_gFree, F_anon_p_gFree_n, (uint64_t)n);
    if (n >= 64) {
        int32_t inc = 0;
        while (n >= 32 && ok(mc)) {
            uint64_t g = rd2(mc, pp, F_p_gFree, F_anon_p_gFree_head);
            wr2(mc, pp, F_p_gFree, F_anon_p_gFree_head, rd(mc, g, F_g_schedlink));
            wr2(mc, pp, F_p_gFree, F_anon_p_gFree_n, (uint64_t)--n);
            wr(mc, g, F_g_schedlink, rd2(mc, mc->sched, F_schedt_gFree, F_anon_schedt_gFree_stack));
            wr2(mc, mc->sched, F_schedt_gFree, F_anon_schedt_gFree_stack, g);
            inc++;
        }
        wr2(mc, mc->sched, F_schedt_gFree, F_anon_schedt_gFree_n,
            rd2(mc, mc->sched, F_schedt_gFree, F_anon_schedt_gFree_n) + (uint64_t)inc);
    }
    leave(mc);
}

/* gfget (proc.go:4662): a dead g from P's free list, refilled from the
 * global list first when empty; nil if there is none.  The free-a-stack-of-
 * another-size branch never runs (every stack has the starting size). */
uint64_t gfget(machine *mc, uint64_t pp)
{
    char c[32];
    enter(mc, "runtime·gfget", "pp=%s", obj_name(mc, pp, c, sizeof c));
    while (rd2(mc, pp, F_p_gFree, F_anon_p_gFree_head) == 0 &&
           rd2(mc, mc->sched, F_schedt_gFree, F_anon_schedt_gFree_stack) != 0 &&
           (int32_t)rd2(mc, pp, F_p_gFree, F_anon_p_gFree_n) < 32 && ok(mc)) {
        while ((int32_t)rd2(mc, pp, F_p_gFree, F_anon_p_gFree_n) < 32) {
            uint64_t g = rd2(mc, mc->sched, F_schedt_gFree, F_anon_schedt_gFree_stack);
            if (!g)
                break;
            wr2(mc, mc->sched, F_schedt_gFree, F_anon_schedt_gFree_stack, rd(mc, g, F_g_schedlink));
            wr2(mc, mc->sched, F_schedt_gFree, F_anon_schedt_gFree_n,
                rd2(mc, mc->sched, F_schedt_gFree, F_anon_schedt_gFree_n) - 1);
            wr(mc, g, F_g_schedlink, rd2(mc, pp, F_p_gFree, F_anon_p_gFree_head));
            wr2(mc, pp, F_p_gFree, F_anon_p_gFree_head, g);
            wr2(mc, pp, F_p_gFree, F_anon_p_gFree_n, rd2(mc, pp, F_p_gFree, F_anon_p_gFree_n) + 1);
        }
    }
    uint64_t gp = rd2(mc, pp, F_p_gFree, F_anon_p_gFree_head);
    if (gp) {
        wr2(mc, pp, F_p_gFree, F_anon_p_gFree_head, rd(mc, gp, F_g_schedlink));
        wr2(mc, pp, F_p_gFree, F_anon_p_gFree_n, rd2(mc, pp, F_p_gFree, F_anon_p_gFree_n) - 1);
        /* Only a g without a stack gets one, and with it a new stackguard0;
         * a g that kept its stack keeps its stackguard0 too (execute resets
         * it before the g runs). */
        if (rd2(mc, gp, F_g_stack, F_stack_lo) == 0) {
            uint64_t lo = arena_alloc(mc, C_fixedStack, C_fixedStack);
            wr2(mc, gp, F_g_stack, F_stack_lo, lo);
            wr2(mc, gp, F_g_stack, F_stack_hi, lo + C_fixedStack);
            wr(mc, gp, F_g_stackguard0, lo + C_stackGuard);
        }
    }
    leave(mc);
    return gp;
}

/* The goid newproc1 will give its g, computed without side effects so the
 * trace can call the new g by that name from its first line on. */
static uint64_t next_goid(machine *mc, uint64_t pp)
{
    uint64_t cache = rd(mc, pp, F_p_goidcache), end = rd(mc, pp, F_p_goidcacheend);
    return cache == end ? rd(mc, mc->sched, F_schedt_goidgen) + 1 : cache;
}

/* isSystemGoroutine (traceback.go:1311): started in package runtime, other
 * than runtime.main. */
bool is_system_goroutine(machine *mc, uint64_t startpc)
{
    const image_sym *s = image_sym_at(&mc->img, startpc);
    if (!s)
        return false;
    const char *rest = strncmp(s->name, "runtime·", strlen("runtime·")) == 0 ? s->name + strlen("runtime·")
                       : strncmp(s->name, "runtime.", 8) == 0            ? s->name + 8
                                                                         : NULL;
    return rest && strcmp(rest, "main") != 0;
}

/* gostartcallfn/gostartcall (stack.go:1131, sys_x86.go:16): make the gobuf
 * look as if fn had been called from buf.pc and stopped at its first
 * instruction: push buf.pc as the return address. */
void gostartcallfn(machine *mc, uint64_t newg, uint64_t fv)
{
    enter(mc, "runtime·gostartcallfn", "fv=%s", val_text(mc, KIND_UPTR, fv, (char[96]){0}, 96));
    uint64_t fn = rd(mc, fv, F_funcval_fn);
    uint64_t sp = rd2(mc, newg, F_g_sched, F_gobuf_sp) - 8;
    wr_word(mc, sp, rd2(mc, newg, F_g_sched, F_gobuf_pc), "return address into goexit");
    wr2(mc, newg, F_g_sched, F_gobuf_sp, sp);
    wr2(mc, newg, F_g_sched, F_gobuf_pc, fn);
    wr2(mc, newg, F_g_sched, F_gobuf_ctxt, fv);
    leave(mc);
}

/* newproc1's frame: sched cleared, sp = stack.hi - totalSize (32 on amd64:
 * 4*PtrSize + MinFrameSize), stktopsp, pc = goexit + PCQuantum, then the
 * fake call of fn that pushes that pc as fn's return address. */
static void init_frame(machine *mc, uint64_t newg, uint64_t fn)
{
    uint64_t sp = rd2(mc, newg, F_g_stack, F_stack_hi) - 32;
    static const go_field_id gobuf[] = {F_gobuf_sp, F_gobuf_pc, F_gobuf_g, F_gobuf_ctxt,
                                        F_gobuf_ret, F_gobuf_lr, F_gobuf_bp};
    for (size_t i = 0; i < sizeof gobuf / sizeof gobuf[0]; i++)   /* memclrNoHeapPointers */
        wr2(mc, newg, F_g_sched, gobuf[i], 0);
    wr2(mc, newg, F_g_sched, F_gobuf_sp, sp);
    wr(mc, newg, F_g_stktopsp, sp);
    wr2(mc, newg, F_g_sched, F_gobuf_pc, mc->goexit + 1);
    wr2(mc, newg, F_g_sched, F_gobuf_g, newg);
    gostartcallfn(mc, newg, fn);
}

static void set_goid(machine *mc, uint64_t pp, uint64_t newg)
{
    if (rd(mc, pp, F_p_goidcache) == rd(mc, pp, F_p_goidcacheend)) {
        uint64_t gen = rd(mc, mc->sched, F_schedt_goidgen) + C__GoidCacheBatch;
        wr(mc, mc->sched, F_schedt_goidgen, gen);
        wr(mc, pp, F_p_goidcache, gen - (C__GoidCacheBatch - 1));
        wr(mc, pp, F_p_goidcacheend, gen - (C__GoidCacheBatch - 1) + C__GoidCacheBatch);
    }
    uint64_t id = rd(mc, pp, F_p_goidcache);
    wr(mc, newg, F_g_goid, id);
    wr(mc, pp, F_p_goidcache, id + 1);
}

/* gcController.addScannableStack (mgcpacer.go): the P's delta, flushed
 * into gcController.maxStackScan once it reaches maxStackScanSlack (8 KiB)
 * either way (stacks made or gone).
 * The model mode's program has no gcController: its delta is flushed to
 * nowhere. */
void add_scannable_stack(machine *mc, uint64_t pp, int64_t amount)
{
    int64_t delta = (int64_t)rd(mc, pp, F_p_maxStackScanDelta) + amount;
    wr(mc, pp, F_p_maxStackScanDelta, (uint64_t)delta);
    if (delta < 8192 && delta > -8192)
        return;
    uint64_t gc = image_addr(&mc->img, "runtime.gcController");
    if (gc)
        wr(mc, gc, F_gcControllerState_maxStackScan,
           rd(mc, gc, F_gcControllerState_maxStackScan) + (uint64_t)delta);
    wr(mc, pp, F_p_maxStackScanDelta, 0);
}

uint64_t goroutines_created(machine *mc)
{
    /* sched.goidgen counts the goids given to Ps in batches; what a P has
     * not handed out yet is its goidcacheend - goidcache. */
    uint64_t n = rd(mc, mc->sched, F_schedt_goidgen);
    uint64_t arr = rd_var(mc, mc->allp, 8), len = rd_var(mc, mc->allp + 8, 8);
    for (uint64_t i = 0; arr && i < len && i < 1024; i++) {
        uint64_t pp = rd_var(mc, arr + 8 * i, 8);
        if (pp)
            n -= rd(mc, pp, F_p_goidcacheend) - rd(mc, pp, F_p_goidcache);
    }
    return n;
}

/* newproc1 (proc.go:4490).  Left out: ancestors (tracebackancestors), pprof
 * labels, goroutine profiles, race and execution-tracer hooks. */
/* newproc1's first part: the trace's call record, acquirem, and a g from
 * the free lists (0 when there is none: the caller then makes one with
 * malg, casgstatus(_Gidle, _Gdead) and allgadd, as newproc1 does, before
 * newproc1_finish).  The call record is closed by newproc1_finish, or here
 * when it throws. */
uint64_t newproc1_start(machine *mc, uint64_t fn, uint64_t callergp, uint64_t callerpc)
{
    char a[96], b[32], c[96];
    enter(mc, "runtime·newproc1", "fn=%s, callergp=%s, callerpc=%s", symname(mc, fn, a),
          gname(mc, callergp, b), symname(mc, callerpc, c));
    if (!fn) {
        throw_(mc, "go of nil func value");
        leave(mc);
        return 0;
    }
    uint64_t mp = rd(mc, getg(mc), F_g_m), pp = rd(mc, mp, F_m_p);
    wr(mc, mp, F_m_locks, rd(mc, mp, F_m_locks) + 1);           /* acquirem */
    mc->naming = (obj_ref){REF_G, {.num = next_goid(mc, pp)}};
    uint64_t newg = gfget(mc, pp);
    if (!ok(mc))
        leave(mc);
    return newg;
}

uint64_t newproc1(machine *mc, uint64_t fn, uint64_t callergp, uint64_t callerpc)
{
    uint64_t newg = newproc1_start(mc, fn, callergp, callerpc);
    if (!ok(mc))
        return 0;
    if (!newg) {
        newg = malg(mc, C_stackMin);
        casgstatus(mc, newg, C__Gidle, C__Gdead);
        allgadd(mc, newg);
    }
    return newproc1_finish(mc, newg, fn, callergp, callerpc);
}

/* newproc1 from its g on: the frame, the g's fields, its status and goid. */
uint64_t newproc1_finish(machine *mc, uint64_t newg, uint64_t fn, uint64_t callergp,
                         uint64_t callerpc)
{
    uint64_t mp = rd(mc, getg(mc), F_g_m), pp = rd(mc, mp, F_m_p);
    mc->naming_g = newg;
    if (ok(mc) && rd2(mc, newg, F_g_stack, F_stack_hi) == 0)
        throw_(mc, "newproc1: newg missing stack");
    if (ok(mc) && rd(mc, newg, F_g_atomicstatus) != C__Gdead)
        throw_(mc, "newproc1: new g is not Gdead");
    if (!ok(mc)) {
        mc->naming.how = REF_NONE;
        leave(mc);
        return 0;
    }
    init_frame(mc, newg, fn);
    wr(mc, newg, F_g_parentGoid, rd(mc, callergp, F_g_goid));
    wr(mc, newg, F_g_gopc, callerpc);
    wr(mc, newg, F_g_startpc, rd(mc, fn, F_funcval_fn));
    if (is_system_goroutine(mc, rd(mc, fn, F_funcval_fn)))
        wr(mc, mc->sched, F_schedt_ngsys, rd(mc, mc->sched, F_schedt_ngsys) + 1);
    uint8_t seq = (uint8_t)fastrand(mc);
    wr(mc, newg, F_g_trackingSeq, seq);
    if (seq % C_gTrackingPeriod == 0)
        wr(mc, newg, F_g_tracking, 1);
    casgstatus(mc, newg, C__Gdead, C__Grunnable);
    uint64_t size = rd2(mc, newg, F_g_stack, F_stack_hi) - rd2(mc, newg, F_g_stack, F_stack_lo);
    add_scannable_stack(mc, pp, (int64_t)size);
    set_goid(mc, pp, newg);
    mc->naming_g = 0;
    mc->naming.how = REF_NONE;
    wr(mc, mp, F_m_locks, rd(mc, mp, F_m_locks) - 1);           /* releasem */
    leave(mc);
    return newg;
}

/* newproc (proc.go:4472), reached from assembly through the ABI0 wrapper
 * runtime·newproc·abi0, which loads the *funcval into AX.  callerpc is the
 * return address of the wrapper's CALL (runtime·newproc·abi0+31, as in a
 * Go binary).  systemstack is not emulated: on g0 it is a plain call, and
 * on a user g the model runs newproc1 without switching stacks. */
void model_newproc(machine *mc, int resume)
{
    (void)resume;
    uint64_t fn = emu_reg_get(mc->cpu, R_RAX), gp = getg(mc);
    uint64_t pc = emu_read_u(mc->cpu, emu_reg_get(mc->cpu, R_RSP), 8);
    char a[96];
    enter(mc, "runtime·newproc", "fn=%s", symname(mc, fn, a));
    uint64_t newg = newproc1(mc, fn, gp, pc);
    if (ok(mc)) {
        uint64_t pp = rd(mc, rd(mc, getg(mc), F_g_m), F_m_p);
        runqput(mc, pp, newg, true);
        if (rd_var(mc, mc->mainStarted, 1))
            wakep(mc);
    }
    leave(mc);
    if (ok(mc))
        model_return(mc);
}
