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

/* 0, or -1 with a one-line reason in WHY.  PS receives where the stack's
 * vectors went. */
int lx_load(lx_process *pr, const elf_file *f, const image *img, procstack *ps, char *why,
            size_t whylen);

#endif
