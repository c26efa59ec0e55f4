/* Memory: anonymous mmap, munmap, mprotect, madvise and brk on the
 * address space (vm.h). */
#include "linux/syscalls.h"
#include <errno.h>

enum { MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20,
       MAP_FIXED_NOREPLACE = 0x100000 };
enum { MADV_DONTNEED = 4, MADV_FREE = 8 };

static uint64_t page_up(uint64_t v) { return (v + VM_PAGE - 1) & ~(VM_PAGE - 1); }

int64_t sys_mmap(lx_process *pr, const uint64_t *a)
{
    uint64_t addr = a[0], len = a[1], flags = a[3];
    int prot = (int)(a[2] & 7);
    if (len == 0 || page_up(len) < len || !(flags & (MAP_SHARED | MAP_PRIVATE)))
        return -EINVAL;
    if (!(flags & MAP_ANONYMOUS))
        return lx_fd_get(pr, (int)a[4]) ? -ENODEV : -EBADF;
    if (a[5] & (VM_PAGE - 1))
        return -EINVAL;
    len = page_up(len);
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (addr & (VM_PAGE - 1))
            return -EINVAL;
        if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED))
            for (uint64_t p = addr; p < addr + len; p += VM_PAGE)
                if (vm_area_at(&pr->vm, p))
                    return -EEXIST;
    } else if (!(addr = vm_find_free(&pr->vm, addr, len))) {
        return -ENOMEM;
    }
    int rc = vm_map_fixed(&pr->vm, addr, len, prot, NULL);
    return rc ? rc : (int64_t)addr;
}

int64_t sys_munmap(lx_process *pr, const uint64_t *a)
{
    return vm_unmap(&pr->vm, a[0], a[1]);
}

int64_t sys_mprotect(lx_process *pr, const uint64_t *a)
{
    return vm_protect(&pr->vm, a[0], a[1], (int)(a[2] & 7));
}

int64_t sys_madvise(lx_process *pr, const uint64_t *a)
{
    if (a[0] & (VM_PAGE - 1))
        return -EINVAL;
    if (a[2] == MADV_DONTNEED || a[2] == MADV_FREE)
        return vm_discard(&pr->vm, a[0], a[1]);
    return vm_check(&pr->vm, a[0], page_up(a[1]), 0) ? 0 : -ENOMEM;
}

/* The break moves within [brk_start, ...): the heap is mapped page by
 * page above the program's bss, as "[heap]". */
int64_t sys_brk(lx_process *pr, const uint64_t *a)
{
    uint64_t want = a[0], old = page_up(pr->brk_cur), now;
    /* As Linux, a break below the start or beyond the address space is
     * refused by returning the current one (brk(-1) must not wrap to 0
     * and unmap the program). */
    if (want < pr->brk_start || want > VM_USER_END - VM_PAGE)
        return (int64_t)pr->brk_cur;
    now = page_up(want);
    if (now > old) {
        for (uint64_t p = old; p < now; p += VM_PAGE)
            if (vm_area_at(&pr->vm, p))
                return (int64_t)pr->brk_cur;   /* it would run into a mapping */
        if (vm_map_fixed(&pr->vm, old, now - old, EMU_PROT_READ | EMU_PROT_WRITE, "[heap]") != 0)
            return (int64_t)pr->brk_cur;
    } else if (now < old) {
        vm_unmap(&pr->vm, now, old - now);
    }
    pr->brk_cur = want;
    return (int64_t)want;
}
