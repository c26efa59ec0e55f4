/* The syscall table: one row per x86-64 syscall sim knows, with its name,
 * how well it is supported, what its arguments are (for the strace-style
 * trace record) and its handler.  docs/real-programs.md's table is made
 * from it (`sim syscalls --markdown`), and a test keeps the two equal.
 * A number not in the table returns -ENOSYS, with a record. */
#ifndef LINUX_SYSCALLS_H
#define LINUX_SYSCALLS_H
#include "linux/process.h"

/* Handler results that are not a value for rax. */
#define LX_BLOCKED  (INT64_MIN + 1)   /* the thread waits; lx_wake gives the result */
#define LX_NORESULT (INT64_MIN + 2)   /* rax is already what it must be (rt_sigreturn, exit) */

typedef int64_t (*lx_sys_fn)(lx_process *pr, const uint64_t *a);

typedef enum { SUP_FULL, SUP_PARTIAL, SUP_ERROR } lx_support;

/* How an argument is shown. */
typedef enum {
    A_NONE, A_INT, A_UINT, A_HEX, A_PTR, A_FD, A_PATH, A_WBUF /* bytes, count in the next arg */,
    A_PROT, A_MAPFLAGS, A_SIG, A_SIGHOW, A_FUTEXOP, A_CLONE, A_OFLAGS, A_MADV, A_DIRFD,
    A_FCNTL, A_CLOCK, A_ARCHPRCTL, A_EPOLLOP, A_RLIMIT, A_TIMESPEC, A_STACK
} lx_argkind;

typedef struct {
    int nr;
    const char *name;
    lx_support support;
    const char *note;       /* what is left out, or why it fails */
    lx_argkind args[6];
    lx_sys_fn fn;           /* NULL with SUP_ERROR: returns -ERR */
    int err;                /* SUP_ERROR's errno */
    lx_argkind ret;             /* how the result is shown: A_INT (default), A_HEX, A_PTR */
} lx_syscall_def;

const lx_syscall_def *lx_syscall_lookup(int nr);
/* Every row, in number order (for the docs). */
const lx_syscall_def *lx_syscall_table(int *n);

/* "mmap(NULL, 65536, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)" into BUF. */
void lx_decode_call(lx_process *pr, const lx_syscall_def *d, const uint64_t *a, char *buf,
                    size_t len);
/* " = 0x7ffff7fbf000", " = -1 ENOENT (No such file or directory)". */
void lx_decode_result(const lx_syscall_def *d, int64_t r, char *buf, size_t len);
const char *lx_signame(int sig);
const char *lx_errname(int err);

/* Handlers, one file per family. */
/* sys_mem.c */
int64_t sys_mmap(lx_process *, const uint64_t *);
int64_t sys_munmap(lx_process *, const uint64_t *);
int64_t sys_mprotect(lx_process *, const uint64_t *);
int64_t sys_madvise(lx_process *, const uint64_t *);
int64_t sys_brk(lx_process *, const uint64_t *);
/* sys_file.c */
int64_t sys_read(lx_process *, const uint64_t *);
int64_t sys_write(lx_process *, const uint64_t *);
int64_t sys_pread64(lx_process *, const uint64_t *);
int64_t sys_openat(lx_process *, const uint64_t *);
int64_t sys_open(lx_process *, const uint64_t *);
int64_t sys_close(lx_process *, const uint64_t *);
int64_t sys_fstat(lx_process *, const uint64_t *);
int64_t sys_newfstatat(lx_process *, const uint64_t *);
int64_t sys_lseek(lx_process *, const uint64_t *);
int64_t sys_fcntl(lx_process *, const uint64_t *);
int64_t sys_readlinkat(lx_process *, const uint64_t *);
int64_t sys_getdents64(lx_process *, const uint64_t *);
int64_t sys_readlink(lx_process *, const uint64_t *);
int64_t sys_pipe2(lx_process *, const uint64_t *);
int64_t sys_ioctl(lx_process *, const uint64_t *);
int64_t sys_getcwd(lx_process *, const uint64_t *);
/* sys_epoll.c */
int64_t sys_epoll_create1(lx_process *, const uint64_t *);
int64_t sys_epoll_ctl(lx_process *, const uint64_t *);
int64_t sys_epoll_pwait(lx_process *, const uint64_t *);
/* sys_thread.c */
int64_t sys_clone(lx_process *, const uint64_t *);
int64_t sys_exit(lx_process *, const uint64_t *);
int64_t sys_exit_group(lx_process *, const uint64_t *);
int64_t sys_gettid(lx_process *, const uint64_t *);
int64_t sys_getpid(lx_process *, const uint64_t *);
int64_t sys_getppid(lx_process *, const uint64_t *);
int64_t sys_set_tid_address(lx_process *, const uint64_t *);
int64_t sys_sched_yield(lx_process *, const uint64_t *);
int64_t sys_sched_getaffinity(lx_process *, const uint64_t *);
int64_t sys_futex(lx_process *, const uint64_t *);
int64_t sys_arch_prctl(lx_process *, const uint64_t *);
/* sys_time.c */
int64_t sys_clock_gettime(lx_process *, const uint64_t *);
int64_t sys_gettimeofday(lx_process *, const uint64_t *);
int64_t sys_time(lx_process *, const uint64_t *);
int64_t sys_nanosleep(lx_process *, const uint64_t *);
int64_t sys_clock_nanosleep(lx_process *, const uint64_t *);
int64_t sys_clock_getres(lx_process *, const uint64_t *);
/* sys_signal.c */
int64_t sys_rt_sigaction(lx_process *, const uint64_t *);
int64_t sys_rt_sigprocmask(lx_process *, const uint64_t *);
int64_t sys_sigaltstack(lx_process *, const uint64_t *);
int64_t sys_rt_sigreturn(lx_process *, const uint64_t *);
int64_t sys_tgkill(lx_process *, const uint64_t *);
int64_t sys_tkill(lx_process *, const uint64_t *);
int64_t sys_kill(lx_process *, const uint64_t *);
/* sys_misc.c */
int64_t sys_uname(lx_process *, const uint64_t *);
int64_t sys_getrandom(lx_process *, const uint64_t *);
int64_t sys_getrlimit(lx_process *, const uint64_t *);
int64_t sys_setrlimit(lx_process *, const uint64_t *);
int64_t sys_prlimit64(lx_process *, const uint64_t *);
int64_t sys_getuid(lx_process *, const uint64_t *);

#endif
