/* Threads and the rule that interleaves them, one at a time on the CPU
 * (as rr runs a recorded program's threads).  A thread runs until it
 * blocks or its quantum runs out; lx_pick then chooses the next.  The rule
 * is the only place where the interleaving is decided:
 *
 * - seed 0: round robin in tid order, starting after the thread that
 *   stopped;
 * - seed N: a draw from a splitmix64 sequence seeded with N picks among
 *   the runnable threads (in tid order).
 *
 * Either way the thread whose quantum ran out is passed over when any
 * other can run, and the same seed gives the same interleaving. */
#include "linux/process.h"
#include <stdlib.h>
#include <string.h>

/* Exited threads stay listed (reports and the debugger show them) up to
 * LX_KEEP_EXITED of them; beyond that the oldest are freed, so a program
 * whose threads come and go for ever runs in bounded memory.  The thread
 * on the CPU is kept: a switch away from it still saves its context. */
static void reap_exited(lx_process *pr)
{
    int exited = pr->nthreads - pr->live, j = 0;
    for (int i = 0; i < pr->nthreads; i++) {
        lx_thread *t = pr->threads[i];
        if (exited > LX_KEEP_EXITED && t->wait == WAIT_EXITED && t != pr->cur) {
            emu_ctx_free(t->ctx);
            free(t);
            exited--;
            continue;
        }
        pr->threads[j++] = t;
    }
    pr->nthreads = j;
}

lx_thread *lx_thread_new(lx_process *pr)
{
    if (pr->nthreads - pr->live > LX_KEEP_EXITED)
        reap_exited(pr);
    if (pr->nthreads == pr->cap_threads) {
        int cap = pr->cap_threads ? 2 * pr->cap_threads : 8;
        lx_thread **n = realloc(pr->threads, (size_t)cap * sizeof *n);
        if (!n)
            return NULL;
        pr->threads = n;
        pr->cap_threads = cap;
    }
    lx_thread *t = calloc(1, sizeof *t);
    if (!t || !(t->ctx = emu_ctx_new(pr->cpu))) {
        free(t);
        return NULL;
    }
    t->tid = pr->next_tid++;
    t->deadline = -1;
    t->altstack_flags = 2;   /* SS_DISABLE */
    pr->threads[pr->nthreads++] = t;
    pr->live++;
    pr->created++;
    return t;
}

lx_thread *lx_thread_by_tid(lx_process *pr, int tid)
{
    for (int i = 0; i < pr->nthreads; i++)
        if (pr->threads[i]->tid == tid && pr->threads[i]->wait != WAIT_EXITED)
            return pr->threads[i];
    return NULL;
}

void lx_block(lx_process *pr, lx_wait w, int64_t deadline)
{
    lx_thread *t = pr->cur;
    t->wait = w;
    t->deadline = deadline;
    t->woken = false;
    t->wait_seq = ++pr->wait_seq;
}

/* The result goes where the thread's syscall left it: in its saved
 * registers, or in the CPU's when it is the one on the CPU. */
void lx_wake(lx_process *pr, lx_thread *t, int64_t result)
{
    t->wait = WAIT_NONE;
    t->deadline = -1;
    if (t == pr->cur) {
        emu_reg_set(pr->cpu, R_RAX, (uint64_t)result);
    } else {
        emu_ctx_save(pr->cpu, pr->cur->ctx);
        emu_ctx_restore(pr->cpu, t->ctx);
        emu_reg_set(pr->cpu, R_RAX, (uint64_t)result);
        emu_ctx_save(pr->cpu, t->ctx);
        emu_ctx_restore(pr->cpu, pr->cur->ctx);
    }
    lx_syscall_finished(pr, t, result);
}

void lx_switch_to(lx_process *pr, lx_thread *t, const char *why)
{
    lx_thread *from = pr->cur;
    if (from == t)
        return;
    if (from)
        emu_ctx_save(pr->cpu, from->ctx);
    emu_ctx_restore(pr->cpu, t->ctx);
    pr->cur = t;
    pr->switches++;
    if (pr->obs.thread_switch)
        pr->obs.thread_switch(pr->obs.ctx, from ? from->tid : 0, t->tid, why);
    if (pr->obs.resync)
        pr->obs.resync(pr->obs.ctx);
}

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

lx_thread *lx_pick(lx_process *pr, lx_thread *avoid)
{
    lx_thread *ready[pr->nthreads > 0 ? pr->nthreads : 1];
    int n = 0;
    for (int i = 0; i < pr->nthreads; i++) {
        lx_thread *t = pr->threads[i];
        if (t->wait == WAIT_NONE && t != avoid)
            ready[n++] = t;
    }
    if (n == 0)
        return avoid && avoid->wait == WAIT_NONE ? avoid : NULL;
    if (pr->p.schedule_seed == 0) {
        /* The first ready thread after the current one in creation order. */
        for (int k = 0; k < n; k++)
            if (ready[k]->tid > (pr->cur ? pr->cur->tid : 0))
                return ready[k];
        return ready[0];
    }
    return ready[splitmix(&pr->rng) % (uint64_t)n];
}

void lx_thread_exit(lx_process *pr, lx_thread *t)
{
    if (t->wait == WAIT_EXITED)
        return;
    t->wait = WAIT_EXITED;
    t->deadline = -1;
    pr->live--;
    if (t->clear_tid) {   /* CLONE_CHILD_CLEARTID: zero it and wake a waiter */
        uint32_t zero = 0;
        lx_write(pr, t->clear_tid, &zero, 4);
        lx_futex_wake(pr, t->clear_tid, 1);
    }
}
