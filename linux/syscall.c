/* The SYSCALL instruction's kernel side: look the number up in the table,
 * run its handler, put the result in rax (rcx and r11 as SYSCALL leaves
 * them), and give the observer its strace-style record. */
#include "linux/syscalls.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

static void record(lx_process *pr, lx_thread *t, const char *call, int64_t r,
                   const lx_syscall_def *d)
{
    if (!pr->obs.syscall)
        return;
    char res[96], text[448];
    lx_decode_result(d, r, res, sizeof res);
    snprintf(text, sizeof text, "%s%s", call, res);
    pr->obs.syscall(pr->obs.ctx, t->tid, text);
}

void lx_syscall(lx_process *pr)
{
    lx_thread *t = pr->cur;
    emu *cpu = pr->cpu;
    int nr = (int)emu_reg_get(cpu, R_RAX);
    uint64_t a[6];
    for (int i = 0; i < 6; i++)
        a[i] = lx_arg(pr, i);
    /* SYSCALL itself puts the return address in rcx and rflags in r11;
     * Unicorn's hooked SYSCALL does not. */
    emu_reg_set(cpu, R_RCX, emu_reg_get(cpu, R_RIP));
    emu_reg_set(cpu, R_R11, emu_reg_get(cpu, R_RFLAGS));
    t->syscalls++;
    t->last_sysno = nr;
    const lx_syscall_def *d = lx_syscall_lookup(nr);
    char call[320];
    if (d)
        lx_decode_call(pr, d, a, call, sizeof call);
    else
        snprintf(call, sizeof call, "syscall_%d(%#llx, %#llx, %#llx, %#llx, %#llx, %#llx)", nr,
                 (unsigned long long)a[0], (unsigned long long)a[1], (unsigned long long)a[2],
                 (unsigned long long)a[3], (unsigned long long)a[4], (unsigned long long)a[5]);
    int64_t r = !d ? -ENOSYS : d->fn ? d->fn(pr, a) : -(int64_t)d->err;
    if (r == LX_BLOCKED) {   /* its record is written when it wakes */
        snprintf(t->call, sizeof t->call, "%s", call);
        return;
    }
    if (r != LX_NORESULT)
        emu_reg_set(cpu, R_RAX, (uint64_t)r);
    record(pr, t, call, r == LX_NORESULT ? 0 : r, d);
    if (pr->obs.resync)
        pr->obs.resync(pr->obs.ctx);
}

void lx_syscall_finished(lx_process *pr, lx_thread *t, int64_t result)
{
    record(pr, t, t->call, result, lx_syscall_lookup(t->last_sysno));
    t->call[0] = 0;
}
