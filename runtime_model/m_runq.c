/* Run queues: runqput, runqputslow, runqget, runqempty, the global queue
 * (globrunqput, globrunqget) and wakep.  go1.21.13 runtime/proc.go. */
#include "runtime_model/models_internal.h"

#define RUNQ_LEN 256

bool runqempty(machine *mc, uint64_t pp)
{
    return rd(mc, pp, F_p_runqhead) == rd(mc, pp, F_p_runqtail) && rd(mc, pp, F_p_runnext) == 0;
}

/* gQueue.pushBack on sched.runq. */
static void sched_runq_push_back(machine *mc, uint64_t gp)
{
    wr(mc, gp, F_g_schedlink, 0);
    uint64_t tail = rd2(mc, mc->sched, F_schedt_runq, F_gQueue_tail);
    if (tail)
        wr(mc, tail, F_g_schedlink, gp);
    else
        wr2(mc, mc->sched, F_schedt_runq, F_gQueue_head, gp);
    wr2(mc, mc->sched, F_schedt_runq, F_gQueue_tail, gp);
}

/* globrunqput (proc.go:5948): gp to the tail of the global queue. */
void globrunqput(machine *mc, uint64_t gp)
{
    char b[32];
    enter(mc, "runtime·globrunqput", "gp=%s", gname(mc, gp, b));
    sched_runq_push_back(mc, gp);
    wr(mc, mc->sched, F_schedt_runqsize, rd(mc, mc->sched, F_schedt_runqsize) + 1);
    leave(mc);
}

/* runqputslow (proc.go:6229): move half of a full local queue, plus gp, to
 * the global queue in one batch. */
bool runqputslow(machine *mc, uint64_t pp, uint64_t gp, uint32_t h, uint32_t t)
{
    char b[32], c[32];
    enter(mc, "runtime·runqputslow", "pp=%s, gp=%s, h=%u, t=%u", obj_name(mc, pp, c, sizeof c),
          gname(mc, gp, b), h, t);
    uint32_t n = (t - h) / 2;
    if (n != RUNQ_LEN / 2) {
        throw_(mc, "runqputslow: queue is not full");
        leave(mc);
        return false;
    }
    uint64_t batch[RUNQ_LEN / 2 + 1];
    for (uint32_t i = 0; i < n; i++)
        batch[i] = rd_var(mc, pp + go_off(F_p_runq) + 8 * ((h + i) % RUNQ_LEN), 8);
    wr(mc, pp, F_p_runqhead, h + n);
    batch[n] = gp;
    for (uint32_t i = 0; i <= n; i++)   /* globrunqputbatch: pushBackAll + runqsize += n+1 */
        sched_runq_push_back(mc, batch[i]);
    wr(mc, mc->sched, F_schedt_runqsize, rd(mc, mc->sched, F_schedt_runqsize) + n + 1);
    leave(mc);
    return true;   /* the CAS on runqhead cannot fail with one thread */
}

/* runqput (proc.go:6194).  randomizeScheduler is false outside race builds. */
void runqput(machine *mc, uint64_t pp, uint64_t gp, bool next)
{
    char b[32], c[32];
    enter(mc, "runtime·runqput", "pp=%s, gp=%s, next=%s", obj_name(mc, pp, c, sizeof c),
          gname(mc, gp, b), next ? "true" : "false");
    if (next) {
        uint64_t old = rd(mc, pp, F_p_runnext);
        wr(mc, pp, F_p_runnext, gp);
        if (old == 0) {
            leave(mc);
            return;
        }
        note(mc, "%s kicked out of runnext to the tail of the local queue", gname(mc, old, b));
        gp = old;
    }
    uint32_t h = (uint32_t)rd(mc, pp, F_p_runqhead), t = (uint32_t)rd(mc, pp, F_p_runqtail);
    if (t - h < RUNQ_LEN) {
        wr_elem(mc, pp, F_p_runq, t % RUNQ_LEN, gp);
        wr(mc, pp, F_p_runqtail, t + 1);
    } else {
        runqputslow(mc, pp, gp, h, t);
    }
    leave(mc);
}

/* runqget (proc.go:6306): runnext first (inheriting the time slice), then
 * the head of the ring. */
uint64_t runqget(machine *mc, uint64_t pp, bool *inherit)
{
    char c[32];
    enter(mc, "runtime·runqget", "pp=%s", obj_name(mc, pp, c, sizeof c));
    uint64_t gp = rd(mc, pp, F_p_runnext);
    *inherit = gp != 0;
    if (gp) {
        wr(mc, pp, F_p_runnext, 0);
    } else {
        uint32_t h = (uint32_t)rd(mc, pp, F_p_runqhead), t = (uint32_t)rd(mc, pp, F_p_runqtail);
        if (t != h) {
            gp = rd_var(mc, pp + go_off(F_p_runq) + 8 * (h % RUNQ_LEN), 8);
            wr(mc, pp, F_p_runqhead, h + 1);
        }
    }
    leave(mc);
    return gp;
}

/* globrunqget (proc.go:5987): take a share of the global queue, keep the
 * first and put the rest on the local queue. */
uint64_t globrunqget(machine *mc, uint64_t pp, int32_t max)
{
    char c[32];
    int32_t size = (int32_t)rd(mc, mc->sched, F_schedt_runqsize);
    if (size == 0)
        return 0;
    enter(mc, "runtime·globrunqget", "pp=%s, max=%d", obj_name(mc, pp, c, sizeof c), max);
    int32_t n = size / (int32_t)rd_var(mc, mc->gomaxprocs, 4) + 1;
    if (n > size)
        n = size;
    if (max > 0 && n > max)
        n = max;
    if (n > RUNQ_LEN / 2)
        n = RUNQ_LEN / 2;
    wr(mc, mc->sched, F_schedt_runqsize, (uint64_t)(size - n));
    uint64_t first = 0;
    for (int32_t i = 0; i < n && ok(mc); i++) {   /* sched.runq.pop() */
        uint64_t gp = rd2(mc, mc->sched, F_schedt_runq, F_gQueue_head);
        uint64_t next = rd(mc, gp, F_g_schedlink);
        wr2(mc, mc->sched, F_schedt_runq, F_gQueue_head, next);
        if (!next)
            wr2(mc, mc->sched, F_schedt_runq, F_gQueue_tail, 0);
        if (i == 0)
            first = gp;
        else
            runqput(mc, pp, gp, false);
    }
    leave(mc);
    return first;
}

/* wakep's state changes up to startm, as the binary's version makes them
 * (go1.21: proc.go:2724; go1.19: 2422), for a real program whose own
 * startm then runs (machine.startm_by_program).  Returns the P handed to
 * startm (go1.19's startm finds its own: then 1), or 0 when wakep stops
 * short of startm. */
static uint64_t wakep_until_startm(machine *mc)
{
    uint64_t s = mc->sched;
    bool go121 = go_has(F_schedt_needspinning);
    if (!go121 && rd(mc, s, F_schedt_npidle) == 0)
        return 0;
    if (rd(mc, s, F_schedt_nmspinning) != 0)
        return 0;
    wr(mc, s, F_schedt_nmspinning, 1);   /* the CAS from 0 */
    if (!go121)
        return 1;   /* startm(nil, true) */
    int64_t now = 0;
    uint64_t pp = pidleget(mc, &now);     /* pidlegetSpinning */
    if (!pp) {
        wr(mc, s, F_schedt_needspinning, 1);
        wr(mc, s, F_schedt_nmspinning, 0);
    }
    return pp;   /* acquirem/releasem and the lock leave nothing changed */
}

/* wakep (proc.go:2724, the go1.21 version).  In the model mode, where sim
 * runs m0 alone and no M can be started, its decision is recorded and
 * nothing changes; over a real program it makes Go's changes up to startm,
 * which the program's own code then does. */
void wakep(machine *mc)
{
    if (mc->startm_by_program) {
        wakep_until_startm(mc);
        return;
    }
    enter(mc, "runtime·wakep", "%s", "");
    int32_t spinning = (int32_t)rd(mc, mc->sched, F_schedt_nmspinning);
    uint64_t idle = rd(mc, mc->sched, F_schedt_pidle);
    char b[32];
    if (spinning != 0)
        note(mc, "nmspinning=%d: a spinning M already looks for work; nothing to do", spinning);
    else if (!idle)
        note(mc, "no idle P (sched.pidle=nil): Go would set needspinning and return");
    else
        note(mc, "idle P %s: Go would startm(%s, spinning) on a new M; sim runs m0 only",
             obj_name(mc, idle, b, sizeof b), b);
    leave(mc);
}
