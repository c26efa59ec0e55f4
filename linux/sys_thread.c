/* Threads and the process: clone (threads only), exit, ids, yielding,
 * affinity and the FS base. */
#include "linux/syscalls.h"
#include <errno.h>
#include <string.h>

enum {
    CLONE_VM = 0x100, CLONE_SIGHAND = 0x800, CLONE_VFORK = 0x4000, CLONE_THREAD = 0x10000,
    CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000,
    CLONE_CHILD_SETTID = 0x1000000,
};

/* clone(flags, stack, parent_tid, child_tid, tls): the child starts where
 * the parent returns, with rax 0, on STACK, with TLS as its FS base. */
int64_t sys_clone(lx_process *pr, const uint64_t *a)
{
    uint64_t flags = a[0];
    if ((flags & (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND)) != (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND) ||
        (flags & CLONE_VFORK))
        return -ENOSYS;   /* a new process: sim runs one */
    if ((uint64_t)pr->live >= pr->p.max_threads)
        return -EAGAIN;
    lx_thread *parent = pr->cur, *c = lx_thread_new(pr);
    if (!c)
        return -ENOMEM;
    int tid = c->tid;
    if ((flags & CLONE_PARENT_SETTID) && lx_write(pr, a[2], &tid, 4) != 0)
        return -EFAULT;
    if ((flags & CLONE_CHILD_SETTID) && lx_write(pr, a[3], &tid, 4) != 0)
        return -EFAULT;
    if (flags & CLONE_CHILD_CLEARTID)
        c->clear_tid = a[3];
    c->sigmask = parent->sigmask;   /* inherited; the alternate signal stack is not */
    emu_ctx_save(pr->cpu, parent->ctx);
    emu_reg_set(pr->cpu, R_RAX, 0);
    if (a[1])
        emu_reg_set(pr->cpu, R_RSP, a[1]);
    if (flags & CLONE_SETTLS)
        emu_reg_set(pr->cpu, R_FS_BASE, a[4]);
    emu_ctx_save(pr->cpu, c->ctx);
    emu_ctx_restore(pr->cpu, parent->ctx);
    return tid;
}

int64_t sys_exit(lx_process *pr, const uint64_t *a)
{
    lx_thread *t = pr->cur;
    lx_thread_exit(pr, t);
    if (pr->live == 0) {   /* the last thread: the process ends with its status */
        pr->state = LX_EXITED;
        pr->exit_status = (int)(a[0] & 0xff);
    }
    return LX_NORESULT;
}

int64_t sys_exit_group(lx_process *pr, const uint64_t *a)
{
    pr->state = LX_EXITED;
    pr->exit_status = (int)(a[0] & 0xff);
    return LX_NORESULT;
}

int64_t sys_gettid(lx_process *pr, const uint64_t *a)
{
    (void)a;
    return pr->cur->tid;
}

int64_t sys_getpid(lx_process *pr, const uint64_t *a)
{
    (void)pr;
    (void)a;
    return LX_PID;
}

int64_t sys_getppid(lx_process *pr, const uint64_t *a)
{
    (void)pr;
    (void)a;
    return LX_PID - 1;   /* a parent that is not there to see */
}

int64_t sys_set_tid_address(lx_process *pr, const uint64_t *a)
{
    pr->cur->clear_tid = a[0];
    return pr->cur->tid;
}

int64_t sys_sched_yield(lx_process *pr, const uint64_t *a)
{
    (void)a;
    pr->yield = true;   /* lx_run picks another thread if one can run */
    return 0;
}

int64_t sys_sched_getaffinity(lx_process *pr, const uint64_t *a)
{
    uint8_t mask[128] = {0};
    size_t bytes = (((size_t)pr->p.ncpu + 63) / 64) * 8;
    if (bytes > sizeof mask)
        bytes = sizeof mask;
    if (a[1] < bytes || a[1] & 7)
        return -EINVAL;
    for (int c = 0; c < pr->p.ncpu && c < 8 * (int)sizeof mask; c++)
        mask[c / 8] |= (uint8_t)(1u << (c % 8));
    return lx_write(pr, a[2], mask, bytes) ? -EFAULT : (int64_t)bytes;
}

int64_t sys_arch_prctl(lx_process *pr, const uint64_t *a)
{
    switch (a[0]) {
    case 0x1002:   /* ARCH_SET_FS */
        if (a[1] >= VM_USER_END)
            return -EPERM;
        emu_reg_set(pr->cpu, R_FS_BASE, a[1]);
        return 0;
    case 0x1003: {   /* ARCH_GET_FS */
        uint64_t fs = emu_reg_get(pr->cpu, R_FS_BASE);
        return lx_write(pr, a[1], &fs, 8);
    }
    default:
        return -EINVAL;
    }
}
