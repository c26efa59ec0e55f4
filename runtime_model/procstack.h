/* The initial process stack, laid out as Linux's ELF loader lays it out for a
 * new process (fs/binfmt_elf.c create_elf_tables), from the stack pointer up:
 *
 *   sp ->  argc
 *          argv[0] .. argv[argc-1], NULL
 *          envp[0] .. envp[n-1], NULL
 *          auxv pairs: AT_PAGESZ, AT_CLKTCK, AT_PLATFORM, AT_RANDOM, AT_EXECFN, AT_NULL
 *          (padding to 16)
 *          the 16 AT_RANDOM bytes, the platform string "x86_64"
 *          argv strings, then env strings
 *          the exec file name (argv[0] again), then 8 zero bytes at the top
 *
 * sp is 16-byte aligned, as the ABI requires at process entry. */
#ifndef RUNTIME_MODEL_PROCSTACK_H
#define RUNTIME_MODEL_PROCSTACK_H
#include "sim/config.h"
#include <stddef.h>
#include <stdint.h>

enum { AT_NULL = 0, AT_PAGESZ = 6, AT_CLKTCK = 17, AT_PLATFORM = 15, AT_RANDOM = 25,
       AT_EXECFN = 31 };

#define PROCSTACK_MAX_AUXV 6

typedef struct {
    uint64_t sp;             /* &argc */
    uint64_t argv, envp, auxv;   /* addresses of the three vectors */
    int argc, nenv, nauxv;   /* nauxv counts AT_NULL */
    uint64_t random;         /* AT_RANDOM's 16 bytes */
    uint64_t platform, execfn;
    uint64_t strings_lo;     /* lowest address of the string area */
    uint64_t top;            /* stack_top */
} procstack;

/* Write the image of the top of the stack into BUF, which stands for
 * [top - len, top).  Returns 0, or -1 if it does not fit. */
int procstack_layout(const sim_config *cfg, uint64_t top, uint8_t *buf, size_t len,
                     procstack *out);

#endif
