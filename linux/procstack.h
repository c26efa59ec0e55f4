/* The initial process stack, laid out as Linux's ELF loader lays it out for a
 * new process (fs/binfmt_elf.c create_elf_tables), from the stack pointer up:
 *
 *   sp ->  argc
 *          argv[0] .. argv[argc-1], NULL
 *          envp[0] .. envp[n-1], NULL
 *          auxv pairs, in the caller's order, ending with AT_NULL
 *          (padding to 16)
 *          the 16 AT_RANDOM bytes, the platform string "x86_64"
 *          argv strings, then env strings
 *          the exec file name (argv[0] again), then 8 zero bytes at the top
 *
 * sp is 16-byte aligned, as the ABI requires at process entry. */
#ifndef LINUX_PROCSTACK_H
#define LINUX_PROCSTACK_H
#include <stddef.h>
#include <stdint.h>

enum { AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
       AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14,
       AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25,
       AT_HWCAP2 = 26, AT_EXECFN = 31, AT_MINSIGSTKSZ = 51 };

#define PROCSTACK_MAX_AUXV 24

/* What goes on the stack.  AUXV lists the auxiliary vector's keys and
 * values in order, AT_NULL excluded; the values of AT_PLATFORM, AT_RANDOM
 * and AT_EXECFN are filled in with the addresses of what they point at. */
typedef struct {
    char **argv;             /* argv[0] first; at least one entry */
    int argc;
    char **env;              /* "KEY=value" */
    int nenv;
    const uint8_t *at_random;    /* 16 bytes */
    const uint64_t (*auxv)[2];
    int nauxv;
} procstack_args;

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
int procstack_layout(const procstack_args *a, uint64_t top, uint8_t *buf, size_t len,
                     procstack *out);

#endif
