/* The scheduler loop and goroutine exit: mstart1 and mexit (mstart0 is
 * assembly, in proc.s), schedule, findRunnable, execute (handing over to
 * the real gogo assembly), goexit1 and Gosched (to the real mcall
 * assembly), goexit0, gosched_m, dropg.
 * go1.21.13 runtime/proc.go. */
#include "runtime_model/models_internal.h"

/* The frame the Go scheduler functions would occupy on g0's stack below the
 * SP they are entered with; gogo's argument goes at its bottom. */
#define SCHED_FRAME 64

void dropg(machine *mc)
{
    uint64_t mp = rd(mc, getg(mc), F_g_m), curg = rd(mc, mp, F_m_curg);
    enter(mc, "runtime·dropg", "%s", "");
    if (curg)
        wr(mc, curg, F_g_m, 0);
    wr(mc, mp, F_m_curg, 0);
    leave(mc);
}

/* execute (proc.go:2842): run gp on this M by calling gogo(&gp.sched).
 * Profiling and tracing hooks are left out. */
void execute(machine *mc, uint64_t gp, bool inherit)
{
    char b[32];
    enter(mc, "runtime·execute", "gp=%s, inheritTime=%s", gname(mc, gp, b),
          inherit ? "true" : "false");
    uint64_t mp = rd(mc, getg(mc), F_g_m);
    wr(mc, mp, F_m_curg, gp);
    wr(mc, gp, F_g_m, mp);
    casgstatus(mc, gp, C__Grunnable, C__Grunning);
    wr(mc, gp, F_g_waitsince, 0);
    wr(mc, gp, F_g_preempt, 0);
    wr(mc, gp, F_g_stackguard0, rd2(mc, gp, F_g_stack, F_stack_lo) + C_stackGuard);
    if (!inherit) {
        uint64_t pp = rd(mc, mp, F_m_p);
        wr(mc, pp, F_p_schedtick, rd(mc, pp, F_p_schedtick) + 1);
    }
    if (ok(mc) && !mc->no_handoff) {
        uint64_t arg = gp + go_off(F_g_sched);
        note(mc, "gogo(&%s.sched): the assembly takes over", gname(mc, gp, b));
        call_asm(mc, mc->gogo, SCHED_FRAME, &arg, 1, stub_addr(mc, "runtime·execute", 1));
    }
    leave(mc);
}

/* Reached only if gogo returned to execute, which it never does. */
void model_execute_return(machine *mc, int resume)
{
    (void)resume;
    throw_(mc, "gogo returned to execute");
}

/* findRunnable (proc.go:2886), the single-M path: the global queue every
 * 61st schedtick, runnext and the local queue, then the global queue.
 * Timers, GC workers, netpoll and stealing are left out. */
static uint64_t findRunnable(machine *mc, bool *inherit)
{
    enter(mc, "runtime·findRunnable", "%s", "");
    uint64_t pp = rd(mc, rd(mc, getg(mc), F_g_m), F_m_p), gp = 0;
    *inherit = false;
    if (rd(mc, pp, F_p_schedtick) % 61 == 0 && rd(mc, mc->sched, F_schedt_runqsize) > 0)
        gp = globrunqget(mc, pp, 1);
    if (!gp)
        gp = runqget(mc, pp, inherit);
    if (!gp)
        gp = globrunqget(mc, pp, 0);
    leave(mc);
    return gp;
}

/* schedule (proc.go:3548): find a runnable g and execute it; never returns.
 * With one M, nothing runnable means no goroutine can ever run again. */
void schedule(machine *mc)
{
    enter(mc, "runtime·schedule", "%s", "");
    uint64_t mp = rd(mc, getg(mc), F_g_m);
    if (rd(mc, mp, F_m_locks) != 0)
        throw_(mc, "schedule: holding locks");
    uint64_t pp = rd(mc, mp, F_m_p);
    wr(mc, pp, F_p_preempt, 0);
    bool inherit;
    uint64_t gp = ok(mc) ? findRunnable(mc, &inherit) : 0;
    if (ok(mc) && !gp)
        throw_(mc, "all goroutines are asleep - deadlock! (no runnable g and no other M)");
    if (ok(mc))
        execute(mc, gp, inherit);
    leave(mc);
}

/* mstart1 (proc.go:1575), called by mstart0 (the assembly of proc.s)
 * through runtime·mstart1·abi0: record where g0's stack starts over on
 * every mcall, from mstart0's CALL as Go's getcallerpc/getcallersp see it
 * (sched.pc = the return address in mstart0, sched.sp = mstart0's SP at
 * the CALL, stack.hi - 56 in go1.21's frame), then schedule.  minit's
 * signal mask, the m0 signal handlers (mstartm0) and mstartfn are left out. */
void model_mstart1(machine *mc, int resume)
{
    (void)resume;
    enter(mc, "runtime·mstart1", "%s", "");
    uint64_t gp = getg(mc), mp = rd(mc, gp, F_g_m), sp = emu_reg_get(mc->cpu, R_RSP);
    if (gp != rd(mc, mp, F_m_g0)) {
        throw_(mc, "bad runtime·mstart");
        leave(mc);
        return;
    }
    wr2(mc, gp, F_g_sched, F_gobuf_g, gp);
    wr2(mc, gp, F_g_sched, F_gobuf_pc, rd_var(mc, sp, 8));   /* getcallerpc */
    wr2(mc, gp, F_g_sched, F_gobuf_sp, sp + 8);              /* getcallersp */
    wr(mc, mp, F_m_procid, 1);   /* minit: gettid() of the main thread */
    schedule(mc);
    leave(mc);
}

/* mexit (proc.go:1648), reached from mstart0 when gogo(&g0.sched) sent a
 * thread that is to exit back there (goexit0 of a g that locked it).  For
 * m0 Go hands off its P and sleeps for ever; with one M nothing could run
 * again, so the model stops the run. */
void model_mexit(machine *mc, int resume)
{
    (void)resume;
    throw_(mc, "mexit on m0: the main thread would wedge (no other M runs in sim)");
}

/* mcall(fn) from a model: the ABIInternal call runs the real mcall assembly
 * with AX = the funcval and R14 = g; RET_TO is where the g resumes. */
static void mcall(machine *mc, uint64_t fv, uint64_t ret_to)
{
    char a[96];
    note(mc, "mcall(%s): the assembly switches to g0", symname(mc, fv, a));
    emu_reg_set(mc->cpu, R_RAX, fv);
    emu_reg_set(mc->cpu, R_R14, getg(mc));
    call_asm(mc, mc->mcall, 0, NULL, 0, ret_to);
}

/* goexit1 (proc.go:3845), from the CALL in goexit: mcall(goexit0). */
void model_goexit1(machine *mc, int resume)
{
    if (resume == 1) {
        throw_(mc, "goexit1: a dead goroutine was resumed");
        return;
    }
    enter(mc, "runtime·goexit1", "%s", "");
    mcall(mc, mc->goexit0_fv, stub_addr(mc, "runtime·goexit1", 1));
    leave(mc);
}

/* goexit0 (proc.go:3856), on g0 with the exiting g in AX: every field Go
 * clears is cleared, and a g that had locked its thread sends the M back
 * to mstart0 through gogo(&g0.sched) (for m0 that wedges the thread, so
 * the mexit model that mstart0 calls then throws).  Left out: the GC assist credit flush
 * (there is no GC, so gcBlackenEnabled is 0 and Go skips it too). */
void model_goexit0(machine *mc, int resume)
{
    if (resume == 1) {
        throw_(mc, "gogo returned to goexit0");
        return;
    }
    goexit0(mc, emu_reg_get(mc->cpu, R_RAX));
}

/* goexit0 (proc.go:3856) with its argument, on g0. */
void goexit0(machine *mc, uint64_t gp)
{
    char b[32];
    enter(mc, "runtime·goexit0", "gp=%s", gname(mc, gp, b));
    uint64_t mp = rd(mc, getg(mc), F_g_m), pp = rd(mc, mp, F_m_p);
    casgstatus(mc, gp, C__Grunning, C__Gdead);
    uint64_t size = rd2(mc, gp, F_g_stack, F_stack_hi) - rd2(mc, gp, F_g_stack, F_stack_lo);
    add_scannable_stack(mc, pp, -(int64_t)size);
    if (is_system_goroutine(mc, rd(mc, gp, F_g_startpc)))
        wr(mc, mc->sched, F_schedt_ngsys, rd(mc, mc->sched, F_schedt_ngsys) - 1);
    wr(mc, gp, F_g_m, 0);
    bool locked = rd(mc, gp, F_g_lockedm) != 0;
    wr(mc, gp, F_g_lockedm, 0);
    wr(mc, mp, F_m_lockedg, 0);
    wr(mc, gp, F_g_preemptStop, 0);
    wr(mc, gp, F_g_paniconfault, 0);
    wr(mc, gp, F_g__defer, 0);
    wr(mc, gp, F_g__panic, 0);
    wr_slice_nil(mc, gp, F_g_writebuf);
    wr(mc, gp, F_g_waitreason, 0);   /* waitReasonZero */
    wr(mc, gp, F_g_param, 0);
    wr(mc, gp, F_g_labels, 0);
    wr(mc, gp, F_g_timer, 0);
    dropg(mc);
    if (rd(mc, mp, F_m_lockedInt) != 0)
        throw_(mc, "internal lockOSThread error (m.lockedInt = %u in goexit0)",
               (unsigned)rd(mc, mp, F_m_lockedInt));
    if (ok(mc))
        gfput(mc, pp, gp);
    if (mc->no_handoff) {
        ;
    } else if (ok(mc) && locked) {
        uint64_t arg = rd(mc, mp, F_m_g0) + go_off(F_g_sched);
        note(mc, "the g had locked its thread: gogo(&g0.sched) back to mstart0, which exits the M");
        call_asm(mc, mc->gogo, SCHED_FRAME, &arg, 1, stub_addr(mc, "runtime·goexit0", 1));
    } else if (ok(mc)) {
        schedule(mc);
    }
    leave(mc);
}

/* Gosched (proc.go:322): mcall(gosched_m); when the g runs again, return. */
void model_Gosched(machine *mc, int resume)
{
    if (resume == 1) {
        char a[96];
        uint64_t ret = rd_var(mc, emu_reg_get(mc->cpu, R_RSP), 8);
        enter(mc, "runtime·Gosched", "%s", "");
        note(mc, "resumed by gogo: the mcall returns; back to %s", symname(mc, ret, a));
        leave(mc);
        model_return(mc);
        return;
    }
    enter(mc, "runtime·Gosched", "%s", "");
    mcall(mc, mc->gosched_m_fv, stub_addr(mc, "runtime·Gosched", 1));
    leave(mc);
}

/* gosched_m/goschedImpl (proc.go:3740, 3720), on g0 with gp in AX: gp goes
 * to the global queue and the M schedules. */
void model_gosched_m(machine *mc, int resume)
{
    (void)resume;
    gosched_m(mc, emu_reg_get(mc->cpu, R_RAX));
}

/* gosched_m with its argument, on g0. */
void gosched_m(machine *mc, uint64_t gp)
{
    char b[32];
    enter(mc, "runtime·gosched_m", "gp=%s", gname(mc, gp, b));
    uint32_t st = (uint32_t)rd(mc, gp, F_g_atomicstatus);
    if ((st & ~(uint32_t)C__Gscan) != C__Grunning)
        throw_(mc, "bad g status %s in goschedImpl", go_gstatus_name(st));
    casgstatus(mc, gp, C__Grunning, C__Grunnable);
    dropg(mc);
    globrunqput(mc, gp);
    if (rd_var(mc, mc->mainStarted, 1))
        wakep(mc);
    if (ok(mc) && !mc->no_handoff)
        schedule(mc);
    leave(mc);
}

void model_badmcall(machine *mc, int resume)
{
    (void)resume;
    throw_(mc, "runtime: mcall called on m->g0 stack");
}

void model_badmcall2(machine *mc, int resume)
{
    (void)resume;
    throw_(mc, "runtime: mcall function returned");
}
