/* Loading a static executable into a new process as Linux's ELF loader
 * does (fs/binfmt_elf.c), without address randomisation: its segments at
 * their addresses, the break just above them, an 8 MiB stack below
 * VM_STACK_TOP holding argc, argv, envp and the auxiliary vector, and the
 * registers at the entry point (all zero but rsp and rip; no vDSO, so no
 * AT_SYSINFO_EHDR). */
#ifndef LINUX_LOADER_H
#define LINUX_LOADER_H
#include "cpu/link.h"
#include "linux/elf.h"
#include "linux/procstack.h"
#include "linux/process.h"

#define LX_STACK_SIZE (8ULL << 20)

/* The addresses just after each RDTSC (0f 31) and RDTSCP (0f 01 f9) in
 * the executable segments, in order: the CPU rewrites what they read.
 * Found once per program (a Capstone pass over its text). */
typedef struct {
    uint64_t *at;
    bool *rdtscp;
    int n;
} lx_tsc_sites;
int lx_tsc_scan(const image *img, lx_tsc_sites *out);
void lx_tsc_free(lx_tsc_sites *t);

/* 0, or -1 with a one-line reason in WHY.  PS receives where the stack's
 * vectors went; TSC is lx_tsc_scan's answer for IMG. */
int lx_load(lx_process *pr, const elf_file *f, const image *img, const lx_tsc_sites *tsc,
            procstack *ps, char *why, size_t whylen);

#endif
