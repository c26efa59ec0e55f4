/* The process and its run loop: see process.h.
 *
 * lx_run gives the CPU to one thread at a time.  Each stretch ends at a
 * syscall (handled here, through the table), a trap (turned into a
 * signal), the end of the thread's quantum, the instruction limit or a
 * breakpoint.  When the running thread blocks, exits or used up its
 * quantum, lx_pick chooses the next; when none can run, virtual time jumps
 * to the earliest deadline, and with no deadline the run is a deadlock. */
#include "linux/process.h"
#include "linux/syscalls.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int lx_open(lx_process *pr, emu *cpu, const lx_params *p, FILE *diag)
{
    memset(pr, 0, sizeof *pr);
    pr->cpu = cpu;
    pr->p = *p;
    pr->diag = diag;
    pr->next_tid = LX_PID;
    pr->rng = p->schedule_seed;
    pr->rlimit_nofile[0] = 1024;
    pr->rlimit_nofile[1] = 4096;
    for (int i = 0; i < 16; i++)
        pr->random_state = (pr->random_state << 8 | p->at_random[i]) ^ (pr->random_state >> 56);
    vm_init(&pr->vm, cpu, p->max_memory);
    for (int fd = 0; fd < 3; fd++)
        pr->fds[fd] = (lx_fd){.kind = FD_HOST, .host = fd};
    if (p->discard_output) {
        int h = open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (h < 0) {
            fprintf(diag, "sim: cannot open /dev/null: %s\n", strerror(errno));
            return -1;
        }
        pr->fds[1] = (lx_fd){.kind = FD_HOST, .host = h};   /* closed with the process */
        pr->fds[2] = (lx_fd){.kind = FD_HOST, .host = dup(h)};
    }
    if (p->stdin_path) {
        int h = open(p->stdin_path, O_RDONLY | O_CLOEXEC);
        if (h < 0) {
            fprintf(diag, "sim: process.stdin: cannot read %s: %s\n", p->stdin_path, strerror(errno));
            return -1;
        }
        pr->fds[0] = (lx_fd){.kind = FD_FILE, .host = h};
    }
    if (!lx_thread_new(pr)) {
        fprintf(diag, "sim: out of memory for the first thread\n");
        return -1;
    }
    pr->cur = pr->threads[0];
    return 0;
}

void lx_close(lx_process *pr)
{
    pr->obs = (lx_observer){0};   /* the watcher may be gone; closing pipes wakes nobody it sees */
    lx_fds_close_all(pr);
    for (int i = 0; i < pr->nthreads; i++) {
        emu_ctx_free(pr->threads[i]->ctx);
        free(pr->threads[i]);
    }
    free(pr->threads);
    vm_free(&pr->vm);
    memset(pr, 0, sizeof *pr);
}

const char *lx_state_name(lx_state s)
{
    static const char *const names[] = {"running", "exited", "killed", "deadlock", "limit",
                                        "fault", "stopped", "cut"};
    return names[s];
}

int lx_read(lx_process *pr, uint64_t addr, void *buf, size_t len)
{
    if (len == 0)
        return 0;
    if (!vm_check(&pr->vm, addr, len, EMU_PROT_READ) || emu_read(pr->cpu, addr, buf, len) != 0)
        return -EFAULT;
    return 0;
}

int lx_write(lx_process *pr, uint64_t addr, const void *buf, size_t len)
{
    if (len == 0)
        return 0;
    if (!vm_check(&pr->vm, addr, len, EMU_PROT_WRITE) || emu_write(pr->cpu, addr, buf, len) != 0)
        return -EFAULT;
    return 0;
}

uint64_t lx_arg(lx_process *pr, int i)
{
    static const emu_reg regs[6] = {R_RDI, R_RSI, R_RDX, R_R10, R_R8, R_R9};
    return emu_reg_get(pr->cpu, regs[i]);
}

void lx_set_result(lx_process *pr, int64_t v) { emu_reg_set(pr->cpu, R_RAX, (uint64_t)v); }

const char *lx_wait_name(lx_wait w)
{
    static const char *const names[] = {"runnable", "futex wait", "sleeping", "epoll wait",
                                        "reading", "exited"};
    return names[w];
}

void lx_thread_regs(lx_process *pr, lx_thread *t, emu_regs *out)
{
    if (t == pr->cur) {
        emu_regs_get(pr->cpu, out);
        return;
    }
    emu_ctx_save(pr->cpu, pr->cur->ctx);
    emu_ctx_restore(pr->cpu, t->ctx);
    emu_regs_get(pr->cpu, out);
    emu_ctx_restore(pr->cpu, pr->cur->ctx);
}

/* Wake every thread whose deadline has passed (its syscall timed out). */
static void expire(lx_process *pr)
{
    int64_t now = lx_now(pr);
    for (int i = 0; i < pr->nthreads; i++) {
        lx_thread *t = pr->threads[i];
        if (t->wait != WAIT_NONE && t->wait != WAIT_EXITED && t->deadline >= 0 && t->deadline <= now)
            lx_wake(pr, t, t->wait == WAIT_FUTEX ? -ETIMEDOUT : 0);
    }
}

/* The earliest deadline of a waiting thread, or -1. */
static int64_t next_deadline(lx_process *pr)
{
    int64_t best = -1;
    for (int i = 0; i < pr->nthreads; i++) {
        lx_thread *t = pr->threads[i];
        if (t->wait != WAIT_NONE && t->wait != WAIT_EXITED && t->deadline >= 0 &&
            (best < 0 || t->deadline < best))
            best = t->deadline;
    }
    return best;
}

/* Put a runnable thread on the CPU, letting time pass when all sleep;
 * false (with the state set) when none will ever run again. */
static bool schedule(lx_process *pr, bool quantum_over, const char *why)
{
    expire(pr);
    lx_thread *t = lx_pick(pr, quantum_over ? pr->cur : NULL);
    while (!t) {
        int64_t d = next_deadline(pr);
        if (d < 0) {
            pr->state = LX_DEADLOCK;
            snprintf(pr->why, sizeof pr->why, "every thread is blocked and no timer is pending");
            return false;
        }
        pr->time_skipped += d - lx_now(pr);
        expire(pr);
        t = lx_pick(pr, NULL);
        why = "its timeout passed";
    }
    lx_switch_to(pr, t, why);
    pr->slice_end = emu_icount(pr->cpu) + pr->p.quantum;   /* a new slice, even for the same thread */
    return true;
}

static void on_trap(lx_process *pr)
{
    const emu_trap *tr = emu_trap_info(pr->cpu);
    int sig = 0, code = 0;
    uint64_t addr = 0;
    if (tr->kind == TRAP_MEM) {
        sig = SIGSEGV_NR;
        code = tr->prot ? 2 : 1;   /* SEGV_ACCERR, SEGV_MAPERR */
        addr = tr->addr;
    } else if (tr->intno == 0) {
        sig = SIGFPE_NR;
        code = 1;   /* FPE_INTDIV */
        addr = tr->pc;
    } else if (tr->intno == 3) {
        sig = SIGTRAP_NR;
        emu_reg_set(pr->cpu, R_RIP, tr->pc + 1);   /* as the kernel reports INT3: after it */
    } else if (tr->intno == 6) {
        sig = SIGILL_NR;
        code = 2;   /* ILL_ILLOPN */
        addr = tr->pc;
    } else {
        sig = SIGSEGV_NR;
        code = 128;   /* SI_KERNEL, as for a #GP */
    }
    if (!lx_signal_fault(pr, sig, code, addr)) {
        pr->state = LX_FAULT;
        if (tr->kind == TRAP_MEM)
            snprintf(pr->why, sizeof pr->why, "%s: %s of %#llx%s, and the program has no handler",
                     lx_signame(sig), tr->access == 'w' ? "write" : tr->access == 'x' ? "execution" : "read",
                     (unsigned long long)tr->addr, tr->prot ? " (protection)" : "");
        else
            snprintf(pr->why, sizeof pr->why, "%s (CPU exception %d), and the program has no handler",
                     lx_signame(sig), tr->intno);
    }
}

lx_state lx_run(lx_process *pr, uint64_t max_insns)
{
    uint64_t end = max_insns == UINT64_MAX ? UINT64_MAX : emu_icount(pr->cpu) + max_insns;
    pr->state = LX_RUNNING;
    if (pr->cur->wait != WAIT_NONE && !schedule(pr, false, "the last one blocked"))
        return pr->state;
    if (!pr->slice_end)
        pr->slice_end = emu_icount(pr->cpu) + pr->p.quantum;
    while (pr->state == LX_RUNNING) {
        if (pr->interrupt && *pr->interrupt) {
            pr->state = LX_CUT;
            break;
        }
        lx_signal_deliver_pending(pr);
        if (pr->state != LX_RUNNING)
            break;
        uint64_t now = emu_icount(pr->cpu);
        if (now >= end) {
            pr->state = LX_LIMIT;
            break;
        }
        /* The slice runs across syscalls: a thread that makes many (as
         * one spinning on clock_gettime does) still gives way. */
        emu_set_quantum(pr->cpu, pr->slice_end);
        emu_stop stop = emu_run(pr->cpu, end - now);
        bool quantum_over = false;
        const char *why = NULL;
        switch (stop) {
        case STOP_SYSCALL:
            lx_syscall(pr);
            why = pr->cur->wait == WAIT_EXITED ? "the last one exited" : "the last one blocked";
            break;
        case STOP_QUANTUM:
            quantum_over = true;
            why = "quantum";
            break;
        case STOP_TRAP:
            on_trap(pr);
            break;
        case STOP_LIMIT:
            pr->state = LX_LIMIT;
            break;
        case STOP_BREAK:
            pr->state = LX_BREAK;
            break;
        case STOP_STUB:
        case STOP_FAULT:
            pr->state = LX_FAULT;
            snprintf(pr->why, sizeof pr->why, "%s", emu_fault_text(pr->cpu));
            break;
        }
        if (pr->state != LX_RUNNING)
            break;
        if (pr->yield) {
            pr->yield = false;
            quantum_over = true;
            why = "the last one yielded";
        }
        if ((quantum_over || pr->cur->wait != WAIT_NONE) && !schedule(pr, quantum_over, why))
            break;
    }
    if (pr->state == LX_LIMIT)
        snprintf(pr->why, sizeof pr->why, "the instruction limit was reached");
    return pr->state;
}
