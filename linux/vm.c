/* The address space: see vm.h. */
#include "linux/vm.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void vm_init(vm_space *vm, emu *cpu, uint64_t limit)
{
    memset(vm, 0, sizeof *vm);
    vm->cpu = cpu;
    vm->limit = limit;
}

static void host_release(uint8_t *host, uint64_t len)
{
    if (host && len)
        munmap(host, len);
}

void vm_free(vm_space *vm)
{
    for (int i = 0; i < vm->n; i++) {
        if (vm->a[i].prot)
            emu_unmap(vm->cpu, vm->a[i].start, vm->a[i].end - vm->a[i].start);
        host_release(vm->a[i].host, vm->a[i].end - vm->a[i].start);
    }
    free(vm->a);
    memset(vm, 0, sizeof *vm);
}

/* What the CPU is given: on x86 writable or executable memory is readable. */
static int cpu_prot(int prot)
{
    return prot ? prot | EMU_PROT_READ : 0;
}

/* Index of the first area ending above ADDR. */
static int first_after(const vm_space *vm, uint64_t addr)
{
    int lo = 0, hi = vm->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (vm->a[mid].end <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const vm_area *vm_area_at(const vm_space *vm, uint64_t addr)
{
    int i = first_after(vm, addr);
    return i < vm->n && vm->a[i].start <= addr ? &vm->a[i] : NULL;
}

uint8_t *vm_host(const vm_space *vm, uint64_t addr, uint64_t len)
{
    const vm_area *a = vm_area_at(vm, addr);
    return a && len <= a->end - addr ? a->host + (addr - a->start) : NULL;
}

bool vm_check(const vm_space *vm, uint64_t addr, uint64_t len, int prot)
{
    uint64_t end = addr + len;
    if (end < addr)
        return false;
    for (int i = first_after(vm, addr); addr < end; i++) {
        if (i >= vm->n || vm->a[i].start > addr || (vm->a[i].prot & prot) != prot)
            return false;
        addr = vm->a[i].end;
    }
    return true;
}

static int insert_at(vm_space *vm, int i, vm_area a)
{
    if (vm->n == vm->cap) {
        int cap = vm->cap ? 2 * vm->cap : 32;
        vm_area *n = realloc(vm->a, (size_t)cap * sizeof *n);
        if (!n)
            return -ENOMEM;
        vm->a = n;
        vm->cap = cap;
    }
    memmove(&vm->a[i + 1], &vm->a[i], (size_t)(vm->n - i) * sizeof *vm->a);
    vm->a[i] = a;
    vm->n++;
    return 0;
}

static void remove_at(vm_space *vm, int i)
{
    memmove(&vm->a[i], &vm->a[i + 1], (size_t)(vm->n - i - 1) * sizeof *vm->a);
    vm->n--;
}

/* The CPU's regions for the areas meeting [lo, hi) are taken down before
 * the set changes there and put back after (merged or split as the areas
 * now are).  Neighbours are included: they may merge. */
static void cpu_unmap_span(vm_space *vm, uint64_t lo, uint64_t hi)
{
    for (int i = first_after(vm, lo > VM_PAGE ? lo - VM_PAGE : 0); i < vm->n && vm->a[i].start <= hi; i++)
        if (vm->a[i].prot)
            emu_unmap(vm->cpu, vm->a[i].start, vm->a[i].end - vm->a[i].start);
}

static int cpu_map_span(vm_space *vm, uint64_t lo, uint64_t hi)
{
    int rc = 0;
    for (int i = first_after(vm, lo > VM_PAGE ? lo - VM_PAGE : 0); i < vm->n && vm->a[i].start <= hi; i++)
        if (vm->a[i].prot && emu_map_ptr(vm->cpu, vm->a[i].start, vm->a[i].end - vm->a[i].start,
                                         cpu_prot(vm->a[i].prot), vm->a[i].host) != 0)
            rc = -ENOMEM;
    return rc;
}

/* Split the area holding ADDR (if any) so that an area boundary falls there. */
static int split_at(vm_space *vm, uint64_t addr)
{
    int i = first_after(vm, addr);
    if (i >= vm->n || vm->a[i].start >= addr)
        return 0;
    vm_area right = vm->a[i];
    right.start = addr;
    right.host = vm->a[i].host + (addr - vm->a[i].start);
    vm->a[i].end = addr;
    return insert_at(vm, i + 1, right);
}

/* Merge areas around [lo, hi) that touch, share protection and name, and
 * are contiguous on the host. */
static void merge_span(vm_space *vm, uint64_t lo, uint64_t hi)
{
    int i = first_after(vm, lo > VM_PAGE ? lo - VM_PAGE : 0);
    if (i > 0)
        i--;
    while (i + 1 < vm->n && vm->a[i].start <= hi) {
        vm_area *x = &vm->a[i], *y = &vm->a[i + 1];
        if (x->end == y->start && x->prot == y->prot && strcmp(x->name, y->name) == 0 &&
            x->host + (x->end - x->start) == y->host) {
            x->end = y->end;
            remove_at(vm, i + 1);
        } else {
            i++;
        }
    }
}

/* Drop the areas inside [addr, end) (boundaries already split there),
 * releasing their host pages unless KEEP (the caller maps them again). */
static void drop_range(vm_space *vm, uint64_t addr, uint64_t end, bool keep)
{
    int i = first_after(vm, addr);
    while (i < vm->n && vm->a[i].start < end) {
        uint64_t len = vm->a[i].end - vm->a[i].start;
        vm->mapped -= len;
        if (!keep)
            host_release(vm->a[i].host, len);
        remove_at(vm, i);
    }
}

/* The host bytes behind [addr, end) when areas cover it without a hole in
 * one contiguous block of host memory (a reservation mapped again), else
 * NULL. */
static uint8_t *host_block(const vm_space *vm, uint64_t addr, uint64_t end)
{
    int i = first_after(vm, addr);
    if (i >= vm->n || vm->a[i].start != addr)
        return NULL;
    uint8_t *base = vm->a[i].host;
    for (uint64_t at = addr; at < end; i++) {
        if (i >= vm->n || vm->a[i].start != at || vm->a[i].host != base + (at - addr))
            return NULL;
        at = vm->a[i].end;
    }
    return base;
}

int vm_map_fixed(vm_space *vm, uint64_t addr, uint64_t len, int prot, const char *name)
{
    len = (len + VM_PAGE - 1) & ~(VM_PAGE - 1);
    uint64_t end = addr + len;
    if (len == 0 || addr & (VM_PAGE - 1) || end < addr || end > VM_USER_END || addr < VM_LOWEST)
        return -EINVAL;
    uint64_t already = 0;
    for (int i = first_after(vm, addr); i < vm->n && vm->a[i].start < end; i++)
        already += (vm->a[i].end < end ? vm->a[i].end : end) -
                   (vm->a[i].start > addr ? vm->a[i].start : addr);
    if (vm->mapped - already + len > vm->limit)
        return -ENOMEM;
    cpu_unmap_span(vm, addr, end);
    int rc = split_at(vm, addr);
    if (rc == 0)
        rc = split_at(vm, end);
    uint8_t *host = rc == 0 ? host_block(vm, addr, end) : NULL;
    if (rc == 0)
        drop_range(vm, addr, end, host != NULL);
    if (host)   /* the reservation's own pages, zero-filled again */
        madvise(host, len, MADV_DONTNEED);
    else if (rc == 0) {
        host = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                    -1, 0);
        if (host == MAP_FAILED) {
            host = NULL;
            rc = -ENOMEM;
        }
    }
    if (rc == 0) {
        vm_area a = {addr, end, prot, host, ""};
        snprintf(a.name, sizeof a.name, "%s", name ? name : "");
        rc = insert_at(vm, first_after(vm, addr), a);
        if (rc == 0)
            vm->mapped += len;
    }
    merge_span(vm, addr, end);
    int mrc = cpu_map_span(vm, addr, end);
    return rc ? rc : mrc;
}

uint64_t vm_find_free(vm_space *vm, uint64_t hint, uint64_t len)
{
    len = (len + VM_PAGE - 1) & ~(VM_PAGE - 1);
    if (len == 0 || len > VM_MMAP_BASE)
        return 0;
    hint &= ~(VM_PAGE - 1);
    if (hint >= VM_LOWEST && hint + len > hint && hint + len <= VM_USER_END) {
        int i = first_after(vm, hint);
        if (i >= vm->n || vm->a[i].start >= hint + len)
            return hint;
    }
    uint64_t top = VM_MMAP_BASE;   /* top down: the highest hole below the base */
    int i = first_after(vm, top - 1);
    if (i < vm->n && vm->a[i].start < top)
        top = vm->a[i].start;
    for (int j = i - 1; j >= 0; j--) {
        if (top - vm->a[j].end >= len)
            return top - len;
        top = vm->a[j].start;
    }
    return top >= VM_LOWEST + len ? top - len : 0;
}

int vm_unmap(vm_space *vm, uint64_t addr, uint64_t len)
{
    len = (len + VM_PAGE - 1) & ~(VM_PAGE - 1);
    uint64_t end = addr + len;
    if (len == 0 || addr & (VM_PAGE - 1) || end < addr || end > VM_USER_END)
        return -EINVAL;
    cpu_unmap_span(vm, addr, end);
    int rc = split_at(vm, addr);
    if (rc == 0)
        rc = split_at(vm, end);
    if (rc == 0)
        drop_range(vm, addr, end, false);
    int mrc = cpu_map_span(vm, addr, end);
    return rc ? rc : mrc;
}

int vm_protect(vm_space *vm, uint64_t addr, uint64_t len, int prot)
{
    len = (len + VM_PAGE - 1) & ~(VM_PAGE - 1);
    uint64_t end = addr + len;
    if (addr & (VM_PAGE - 1) || end < addr)
        return -EINVAL;
    if (!vm_check(vm, addr, len, 0))
        return -ENOMEM;
    if (len == 0)
        return 0;
    cpu_unmap_span(vm, addr, end);
    int rc = split_at(vm, addr);
    if (rc == 0)
        rc = split_at(vm, end);
    for (int i = first_after(vm, addr); rc == 0 && i < vm->n && vm->a[i].start < end; i++)
        vm->a[i].prot = prot;
    merge_span(vm, addr, end);
    int mrc = cpu_map_span(vm, addr, end);
    return rc ? rc : mrc;
}

int vm_discard(vm_space *vm, uint64_t addr, uint64_t len)
{
    len = (len + VM_PAGE - 1) & ~(VM_PAGE - 1);
    if (addr & (VM_PAGE - 1) || addr + len < addr)
        return -EINVAL;
    if (!vm_check(vm, addr, len, 0))
        return -ENOMEM;
    for (uint64_t p = addr; p < addr + len;) {
        const vm_area *a = vm_area_at(vm, p);
        uint64_t stop = a->end < addr + len ? a->end : addr + len;
        madvise(a->host + (p - a->start), stop - p, MADV_DONTNEED);
        p = stop;
    }
    return 0;
}
