/* Signal delivery as the kernel does it on x86-64 (arch/x86/kernel/signal.c):
 * a struct rt_sigframe is built below the interrupted stack pointer (on the
 * sigaltstack when the handler asked for SA_ONSTACK), with the siginfo, a
 * ucontext holding the registers in Linux's order and a pointer to an
 * FXSAVE image; the handler starts with rdi = signal, rsi = &siginfo,
 * rdx = &ucontext, and returns through sa_restorer into rt_sigreturn.
 *
 * Layout (bytes): pretcode +0; ucontext +8 (uc_flags, uc_link, uc_stack
 * +16, uc_mcontext +40: 23 gregs then the fpstate pointer at +184, then
 * uc_sigmask +296); siginfo +312.  The frame is 440 bytes. */
#include "linux/syscalls.h"
#include <errno.h>
#include <string.h>

#define FRAME_SIZE 440
#define UC 8
#define MC (UC + 40)
#define SIGINFO 312
enum { SA_SIGINFO = 4, SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000,
       SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000u };
enum { SS_ONSTACK = 1, SS_DISABLE = 2 };

/* The general registers of a ucontext, in Linux's order. */
static const emu_reg greg_order[] = {R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15,
                                     R_RDI, R_RSI, R_RBP, R_RBX, R_RDX, R_RAX, R_RCX, R_RSP,
                                     R_RIP, R_RFLAGS};
#define NGREGS_KEPT (int)(sizeof greg_order / sizeof greg_order[0])

static uint64_t bit(int sig) { return 1ULL << (sig - 1); }

static bool default_ignores(int sig)
{
    return sig == SIGCHLD_NR || sig == SIGURG_NR || sig == SIGWINCH_NR || sig == SIGCONT_NR;
}

static bool on_altstack(const lx_thread *t, uint64_t sp)
{
    return !(t->altstack_flags & SS_DISABLE) && sp - t->altstack_sp < t->altstack_size;
}

typedef struct { int sig, code; uint64_t addr; int trapno, err; } siginfo_src;

static void put64(uint8_t *f, size_t off, uint64_t v) { memcpy(f + off, &v, 8); }
static void put32(uint8_t *f, size_t off, uint32_t v) { memcpy(f + off, &v, 4); }

/* Build the frame for S on the current thread and enter the handler. */
static void enter_handler(lx_process *pr, const siginfo_src *s)
{
    lx_thread *t = pr->cur;
    lx_sigaction *act = &pr->sigact[s->sig];
    emu_regs r;
    emu_regs_get(pr->cpu, &r);
    uint64_t sp = r.r[R_RSP] - 128;   /* past the red zone */
    if ((act->flags & SA_ONSTACK) && !(t->altstack_flags & SS_DISABLE) && !on_altstack(t, r.r[R_RSP]))
        sp = t->altstack_sp + t->altstack_size;
    uint64_t fpstate = (sp - 512) & ~63ULL;
    uint64_t frame = ((fpstate - FRAME_SIZE) & ~15ULL) - 8;

    uint8_t f[FRAME_SIZE];
    memset(f, 0, sizeof f);
    put64(f, 0, act->restorer);
    put64(f, UC, 6);   /* UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS */
    put64(f, UC + 16, t->altstack_sp);
    put32(f, UC + 24, (uint32_t)((t->altstack_flags & SS_DISABLE) ? SS_DISABLE
                                 : on_altstack(t, r.r[R_RSP]) ? SS_ONSTACK : 0));
    put64(f, UC + 32, t->altstack_size);
    for (int i = 0; i < NGREGS_KEPT; i++)
        put64(f, MC + 8 * (size_t)i, r.r[greg_order[i]]);
    put64(f, MC + 8 * 18, 0x33 | (0x2bULL << 48));   /* csgsfs: cs and ss of user mode */
    put64(f, MC + 8 * 19, (uint64_t)s->err);
    put64(f, MC + 8 * 20, (uint64_t)s->trapno);
    put64(f, MC + 8 * 21, t->sigmask);
    put64(f, MC + 8 * 22, s->trapno == 14 ? s->addr : 0);   /* cr2 */
    put64(f, MC + 184, fpstate);
    put64(f, UC + 296, t->sigmask);
    put32(f, SIGINFO, (uint32_t)s->sig);
    put32(f, SIGINFO + 8, (uint32_t)s->code);
    if (s->code > 0)   /* a fault: si_addr */
        put64(f, SIGINFO + 16, s->addr);
    else {   /* sent by the process itself: si_pid, si_uid */
        put32(f, SIGINFO + 16, LX_PID);
        put32(f, SIGINFO + 20, 1000);
    }
    uint8_t fx[512];
    emu_fxsave(pr->cpu, fx);
    if (lx_write(pr, fpstate, fx, sizeof fx) != 0 || lx_write(pr, frame, f, sizeof f) != 0) {
        /* No room for the frame: Linux kills the process with SIGSEGV. */
        pr->state = LX_FAULT;
        snprintf(pr->why, sizeof pr->why, "no room on the stack for the %s frame at %#llx",
                 lx_signame(s->sig), (unsigned long long)frame);
        return;
    }
    t->sigmask |= act->mask | ((act->flags & SA_NODEFER) ? 0 : bit(s->sig));
    t->sigmask &= ~(bit(SIGKILL_NR) | bit(SIGSTOP_NR));
    emu_reg_set(pr->cpu, R_RDI, (uint64_t)s->sig);
    emu_reg_set(pr->cpu, R_RSI, frame + SIGINFO);
    emu_reg_set(pr->cpu, R_RDX, frame + UC);
    emu_reg_set(pr->cpu, R_RAX, 0);
    emu_reg_set(pr->cpu, R_RSP, frame);
    emu_reg_set(pr->cpu, R_RIP, act->handler);
    emu_reg_set(pr->cpu, R_RFLAGS, r.r[R_RFLAGS] & ~0x10500ULL);   /* TF, DF, RF cleared */
    if (act->flags & SA_RESETHAND)
        *act = (lx_sigaction){0};
    if (pr->obs.signal) {
        char text[160];
        snprintf(text, sizeof text, "%s {si_code=%d, si_addr=%#llx} handler %#llx frame %#llx",
                 lx_signame(s->sig), s->code, (unsigned long long)s->addr,
                 (unsigned long long)act->handler, (unsigned long long)frame);
        pr->obs.signal(pr->obs.ctx, t->tid, s->sig, text);
    }
    if (pr->obs.resync)
        pr->obs.resync(pr->obs.ctx);
}

bool lx_signal_fault(lx_process *pr, int sig, int code, uint64_t addr)
{
    lx_sigaction *act = &pr->sigact[sig];
    if (act->handler <= 1 || (pr->cur->sigmask & bit(sig)))
        return false;   /* default, ignored or blocked: a fault kills the process */
    const emu_trap *tr = emu_trap_info(pr->cpu);
    siginfo_src s = {sig, code, addr, 0, 0};
    if (sig == SIGSEGV_NR && tr && tr->kind == TRAP_MEM) {
        s.trapno = 14;
        s.err = 4 | (tr->access == 'w' ? 2 : 0) | (tr->prot ? 1 : 0) | (tr->access == 'x' ? 16 : 0);
    } else if (tr && tr->kind == TRAP_INTR) {
        s.trapno = tr->intno;
    }
    enter_handler(pr, &s);
    return true;
}

/* Whether a waiting thread is to be interrupted (EINTR) for SIG. */
static void interrupt(lx_process *pr, lx_thread *t, int sig)
{
    if (t->wait != WAIT_NONE && t->wait != WAIT_EXITED && !(t->sigmask & bit(sig)))
        lx_wake(pr, t, -EINTR);
}

void lx_signal_send(lx_process *pr, lx_thread *t, int sig)
{
    lx_sigaction *act = &pr->sigact[sig];
    if (!(t->sigmask & bit(sig)) && (act->handler == 1 || (act->handler == 0 && default_ignores(sig))))
        return;   /* ignored: discarded at once */
    t->pending |= bit(sig);
    interrupt(pr, t, sig);
}

bool lx_signal_pending(lx_process *pr, lx_thread *t)
{
    return ((t->pending | pr->proc_pending) & ~t->sigmask) != 0;
}

void lx_signal_deliver_pending(lx_process *pr)
{
    lx_thread *t = pr->cur;
    while (pr->state == LX_RUNNING && lx_signal_pending(pr, t)) {
        uint64_t ready = (t->pending | pr->proc_pending) & ~t->sigmask;
        int sig = __builtin_ctzll(ready) + 1;
        t->pending &= ~bit(sig);
        pr->proc_pending &= ~bit(sig);
        lx_sigaction *act = &pr->sigact[sig];
        if (act->handler == 1 || (act->handler == 0 && default_ignores(sig)))
            continue;
        if (act->handler == 0) {   /* the default action: the process dies */
            pr->state = LX_KILLED;
            pr->exit_status = sig;
            snprintf(pr->why, sizeof pr->why, "killed by %s", lx_signame(sig));
            return;
        }
        siginfo_src s = {sig, -6 /* SI_TKILL */, 0, 0, 0};
        enter_handler(pr, &s);
    }
}

/* --- the syscalls --- */

int64_t sys_rt_sigaction(lx_process *pr, const uint64_t *a)
{
    int sig = (int)a[0];
    if (sig < 1 || sig >= LX_NSIG || a[3] != 8)
        return -EINVAL;
    lx_sigaction old = pr->sigact[sig], nw;
    if (a[1]) {
        if (sig == SIGKILL_NR || sig == SIGSTOP_NR)
            return -EINVAL;
        if (lx_read(pr, a[1], &nw, sizeof nw) != 0)
            return -EFAULT;
    }
    if (a[2] && lx_write(pr, a[2], &old, sizeof old) != 0)
        return -EFAULT;
    if (a[1])
        pr->sigact[sig] = nw;
    return 0;
}

int64_t sys_rt_sigprocmask(lx_process *pr, const uint64_t *a)
{
    lx_thread *t = pr->cur;
    if (a[3] != 8)
        return -EINVAL;
    uint64_t old = t->sigmask, set;
    if (a[1]) {
        if (lx_read(pr, a[1], &set, 8) != 0)
            return -EFAULT;
        switch (a[0]) {
        case 0: t->sigmask |= set; break;
        case 1: t->sigmask &= ~set; break;
        case 2: t->sigmask = set; break;
        default: return -EINVAL;
        }
        t->sigmask &= ~(bit(SIGKILL_NR) | bit(SIGSTOP_NR));
    }
    if (a[2] && lx_write(pr, a[2], &old, 8) != 0)
        return -EFAULT;
    return 0;
}

int64_t sys_sigaltstack(lx_process *pr, const uint64_t *a)
{
    lx_thread *t = pr->cur;
    uint64_t sp = emu_reg_get(pr->cpu, R_RSP);
    if (a[1]) {
        uint8_t o[24] = {0};
        put64(o, 0, t->altstack_sp);
        put32(o, 8, (uint32_t)((t->altstack_flags & SS_DISABLE) ? SS_DISABLE
                               : on_altstack(t, sp) ? SS_ONSTACK : 0));
        put64(o, 16, t->altstack_size);
        if (lx_write(pr, a[1], o, sizeof o) != 0)
            return -EFAULT;
    }
    if (a[0]) {
        uint8_t n[24];
        if (lx_read(pr, a[0], n, sizeof n) != 0)
            return -EFAULT;
        if (on_altstack(t, sp))
            return -EPERM;
        uint64_t ss_sp, ss_size;
        uint32_t flags;
        memcpy(&ss_sp, n, 8);
        memcpy(&flags, n + 8, 4);
        memcpy(&ss_size, n + 16, 8);
        if (flags & ~(uint32_t)(SS_DISABLE | (1u << 31)))
            return -EINVAL;
        if (flags & SS_DISABLE) {
            t->altstack_flags = SS_DISABLE;
            t->altstack_sp = t->altstack_size = 0;
        } else {
            if (ss_size < 2048)
                return -ENOMEM;
            t->altstack_flags = 0;
            t->altstack_sp = ss_sp;
            t->altstack_size = ss_size;
        }
    }
    return 0;
}

int64_t sys_rt_sigreturn(lx_process *pr, const uint64_t *a)
{
    (void)a;
    uint64_t uc = emu_reg_get(pr->cpu, R_RSP);   /* the handler's RET took pretcode */
    uint8_t f[FRAME_SIZE - UC];
    if (lx_read(pr, uc, f, sizeof f) != 0) {
        pr->state = LX_FAULT;
        snprintf(pr->why, sizeof pr->why, "rt_sigreturn with no signal frame at %#llx",
                 (unsigned long long)uc);
        return LX_NORESULT;
    }
    uint64_t v, flags_now = emu_reg_get(pr->cpu, R_RFLAGS);
    for (int i = 0; i < NGREGS_KEPT; i++) {
        memcpy(&v, f + 40 + 8 * (size_t)i, 8);
        if (greg_order[i] == R_RFLAGS)   /* only the flags a program may change */
            v = (flags_now & ~0x50dd5ULL) | (v & 0x50dd5ULL);
        emu_reg_set(pr->cpu, greg_order[i], v);
    }
    uint64_t fpstate, mask;
    memcpy(&fpstate, f + 40 + 184, 8);
    memcpy(&mask, f + 296, 8);
    uint8_t fx[512];
    if (fpstate && lx_read(pr, fpstate, fx, sizeof fx) == 0)
        emu_fxrstor(pr->cpu, fx);
    pr->cur->sigmask = mask & ~(bit(SIGKILL_NR) | bit(SIGSTOP_NR));
    return LX_NORESULT;
}

static int64_t send_to(lx_process *pr, int tid, int sig)
{
    lx_thread *t = lx_thread_by_tid(pr, tid);
    if (!t)
        return -ESRCH;
    if (sig < 0 || sig >= LX_NSIG)
        return -EINVAL;
    if (sig)
        lx_signal_send(pr, t, sig);
    return 0;
}

int64_t sys_tgkill(lx_process *pr, const uint64_t *a)
{
    if ((int)a[0] != LX_PID)
        return -ESRCH;
    return send_to(pr, (int)a[1], (int)a[2]);
}

int64_t sys_tkill(lx_process *pr, const uint64_t *a)
{
    return send_to(pr, (int)a[0], (int)a[1]);
}

int64_t sys_kill(lx_process *pr, const uint64_t *a)
{
    int pid = (int)a[0], sig = (int)a[1];
    if (pid != LX_PID && pid != 0 && pid != -1)
        return -ESRCH;
    if (sig < 0 || sig >= LX_NSIG)
        return -EINVAL;
    if (sig == 0)
        return 0;
    /* To the process: the first thread (in tid order) not blocking it. */
    for (int i = 0; i < pr->nthreads; i++) {
        lx_thread *t = pr->threads[i];
        if (t->wait != WAIT_EXITED && !(t->sigmask & bit(sig))) {
            lx_signal_send(pr, t, sig);
            return 0;
        }
    }
    pr->proc_pending |= bit(sig);
    return 0;
}
