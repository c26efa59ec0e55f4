/* A process's address space, kept as Linux keeps it: a sorted set of
 * areas (start, end, protection), split and merged by mmap, munmap,
 * mprotect and brk.  The CPU's mappings follow it: every accessible area
 * is one region of the CPU, backed by host memory that is committed only
 * as pages are touched.
 *
 * Host memory is taken per mapping call and reused when a later mapping
 * lands on pages already reserved (Go reserves with PROT_NONE, then maps
 * parts of the reservation with MAP_FIXED): areas carved out of one
 * reservation stay contiguous on the host and merge back into one CPU
 * region, as the kernel merges its VMAs. */
#ifndef LINUX_VM_H
#define LINUX_VM_H
#include "cpu/emu.h"
#include <stdbool.h>
#include <stdint.h>

#define VM_PAGE 4096ULL
/* Where mmap(NULL, ...) allocates from, top down: the kernel's mmap_base
 * for an 8 MiB stack limit without address randomisation. */
#define VM_MMAP_BASE 0x7ffff7fff000ULL
#define VM_STACK_TOP 0x7ffffffff000ULL
#define VM_LOWEST 0x10000ULL            /* vm.mmap_min_addr */
#define VM_USER_END 0x800000000000ULL

typedef struct {
    uint64_t start, end;
    int prot;               /* EMU_PROT_* bits; 0 is PROT_NONE */
    uint8_t *host;          /* the host bytes of START */
    char name[24];          /* "[heap]", "[stack]", "text" ...; "" for anonymous */
} vm_area;

typedef struct {
    emu *cpu;
    vm_area *a;
    int n, cap;
    uint64_t mapped;        /* bytes in all areas */
    uint64_t limit;         /* the most MAPPED may grow to */
} vm_space;

void vm_init(vm_space *vm, emu *cpu, uint64_t limit);
void vm_free(vm_space *vm);

/* Map [addr, addr+len) with PROT, replacing whatever was there (MAP_FIXED
 * semantics), zero-filled.  0, or a negative errno. */
int vm_map_fixed(vm_space *vm, uint64_t addr, uint64_t len, int prot, const char *name);
/* A free range of LEN bytes: HINT if it is free, else the highest one
 * below VM_MMAP_BASE.  0 if none. */
uint64_t vm_find_free(vm_space *vm, uint64_t hint, uint64_t len);
int vm_unmap(vm_space *vm, uint64_t addr, uint64_t len);
/* -ENOMEM if part of the range is not mapped, as Linux answers. */
int vm_protect(vm_space *vm, uint64_t addr, uint64_t len, int prot);
/* Release the pages' contents (MADV_DONTNEED): they read as zeros after. */
int vm_discard(vm_space *vm, uint64_t addr, uint64_t len);
const vm_area *vm_area_at(const vm_space *vm, uint64_t addr);
/* The host bytes of [addr, addr+len) when one area holds it all (whatever
 * its protection: the loader fills read-only text through it), else NULL. */
uint8_t *vm_host(const vm_space *vm, uint64_t addr, uint64_t len);
/* Whether [addr, addr+len) is mapped with every bit of PROT. */
bool vm_check(const vm_space *vm, uint64_t addr, uint64_t len, int prot);

#endif
