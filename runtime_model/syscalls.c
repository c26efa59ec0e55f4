/* The kernel's side of the SYSCALL instructions the runtime's assembly
 * executes: arch_prctl(ARCH_SET_FS), exit/exit_group, write, gettid.  Any
 * other call gets -ENOSYS, as from a kernel without it, and a note. */
#include "runtime_model/models_internal.h"
#include <stdio.h>
#include <string.h>

enum { SYS_write = 1, SYS_exit = 60, SYS_arch_prctl = 158, SYS_gettid = 186,
       SYS_exit_group = 231 };
enum { ARCH_SET_FS = 0x1002, ENOSYS = 38, EINVAL = 22, EFAULT = 14 };

static uint64_t sys_write(machine *mc, uint64_t fd, uint64_t buf, uint64_t n)
{
    char text[4096];
    if (n > sizeof text - 1)
        n = sizeof text - 1;
    if (emu_read(mc->cpu, buf, text, n) != 0)
        return (uint64_t)-EFAULT;
    text[n] = 0;
    if (fd == 1 || fd == 2) {
        fputs(text, fd == 1 ? stdout : stderr);
        note(mc, "program output on fd %llu: %zu bytes", (unsigned long long)fd, (size_t)n);
    }
    return n;
}

void syscall_handle(machine *mc)
{
    uint64_t nr = emu_reg_get(mc->cpu, R_RAX), a0 = emu_reg_get(mc->cpu, R_RDI);
    uint64_t a1 = emu_reg_get(mc->cpu, R_RSI), a2 = emu_reg_get(mc->cpu, R_RDX), ret = 0;
    mc->depth = 0;
    switch (nr) {
    case SYS_arch_prctl:
        enter(mc, "syscall arch_prctl", "code=0x%llx, addr=0x%llx", (unsigned long long)a0,
              (unsigned long long)a1);
        if (a0 == ARCH_SET_FS) {
            uint64_t old = emu_reg_get(mc->cpu, R_FS_BASE);
            emu_reg_set(mc->cpu, R_FS_BASE, a1);
            if (mc->tr && old != a1) {
                char buf[64];
                snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)a1);
                note(mc, "fs_base = %s (g lives at %%fs:-8 = 0x%llx)", buf,
                     (unsigned long long)(a1 - 8));
            }
        } else {
            ret = (uint64_t)-EINVAL;
        }
        break;
    case SYS_exit:
    case SYS_exit_group:
        enter(mc, nr == SYS_exit ? "syscall exit" : "syscall exit_group", "status=%d", (int)a0);
        mc->state = RUN_EXITED;
        mc->exit_code = (int)(a0 & 0xff);
        break;
    case SYS_write:
        enter(mc, "syscall write", "fd=%llu, n=%llu", (unsigned long long)a0,
              (unsigned long long)a2);
        ret = sys_write(mc, a0, a1, a2);
        break;
    case SYS_gettid:
        enter(mc, "syscall gettid", "%s", "");
        ret = 1;
        break;
    default:
        enter(mc, "syscall", "nr=%llu", (unsigned long long)nr);
        note(mc, "not modelled: returns -ENOSYS");
        ret = (uint64_t)-ENOSYS;
    }
    leave(mc);
    /* The kernel clobbers rcx (return rip) and r11 (rflags). */
    emu_reg_set(mc->cpu, R_RCX, emu_reg_get(mc->cpu, R_RIP));
    emu_reg_set(mc->cpu, R_R11, emu_reg_get(mc->cpu, R_RFLAGS));
    if (mc->state == RUN_RUNNING)
        emu_reg_set(mc->cpu, R_RAX, ret);
}
