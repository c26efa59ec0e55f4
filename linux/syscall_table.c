/* The syscall table (see syscalls.h), in number order: what the Go
 * runtime (go1.19, go1.21) and the standard library call in ordinary
 * programs, and the calls sim refuses on purpose. */
#include "linux/syscalls.h"
#include <errno.h>

#define OK(nr, name, fn, ...) {nr, #name, SUP_FULL, "", {__VA_ARGS__}, fn, 0, A_INT}
#define OKR(nr, name, fn, ret, ...) {nr, #name, SUP_FULL, "", {__VA_ARGS__}, fn, 0, ret}
#define PART(nr, name, fn, note, ...) {nr, #name, SUP_PARTIAL, note, {__VA_ARGS__}, fn, 0, A_INT}
#define PARTR(nr, name, fn, ret, note, ...) {nr, #name, SUP_PARTIAL, note, {__VA_ARGS__}, fn, 0, ret}
#define ERR(nr, name, err, note, ...) {nr, #name, SUP_ERROR, note, {__VA_ARGS__}, NULL, err, A_INT}

static const lx_syscall_def table[] = {
    OK(0, read, sys_read, A_FD, A_PTR, A_UINT),
    OK(1, write, sys_write, A_FD, A_WBUF, A_UINT),
    PART(2, open, sys_open, "read-only, in the files the config allows", A_PATH, A_OFLAGS, A_HEX),
    OK(3, close, sys_close, A_FD),
    ERR(4, stat, ENOSYS, "Go uses newfstatat", A_PATH, A_PTR),
    PART(5, fstat, sys_fstat, "file type and size only; times, inode and owner are zero", A_FD, A_PTR),
    ERR(6, lstat, ENOSYS, "Go uses newfstatat", A_PATH, A_PTR),
    OK(8, lseek, sys_lseek, A_FD, A_INT, A_INT),
    PARTR(9, mmap, sys_mmap, A_PTR, "anonymous mappings only; a file mapping gives ENODEV",
          A_PTR, A_UINT, A_PROT, A_MAPFLAGS, A_FD, A_HEX),
    OK(10, mprotect, sys_mprotect, A_PTR, A_UINT, A_PROT),
    OK(11, munmap, sys_munmap, A_PTR, A_UINT),
    OKR(12, brk, sys_brk, A_PTR, A_PTR),
    OK(13, rt_sigaction, sys_rt_sigaction, A_SIG, A_PTR, A_PTR, A_UINT),
    OK(14, rt_sigprocmask, sys_rt_sigprocmask, A_SIGHOW, A_PTR, A_PTR, A_UINT),
    OK(15, rt_sigreturn, sys_rt_sigreturn, A_NONE),
    PART(16, ioctl, sys_ioctl, "no device answers: ENOTTY", A_FD, A_HEX, A_HEX),
    OK(17, pread64, sys_pread64, A_FD, A_PTR, A_UINT, A_INT),
    OK(24, sched_yield, sys_sched_yield, A_NONE),
    ERR(25, mremap, ENOSYS, "not used by Go", A_PTR, A_UINT, A_UINT, A_HEX),
    ERR(27, mincore, ENOSYS, "not used by Go since 1.14", A_PTR, A_UINT, A_PTR),
    PART(28, madvise, sys_madvise, "DONTNEED and FREE zero the pages; the others are accepted and do nothing",
         A_PTR, A_UINT, A_MADV),
    OK(35, nanosleep, sys_nanosleep, A_TIMESPEC, A_PTR),
    OK(39, getpid, sys_getpid, A_NONE),
    ERR(41, socket, EACCES, "no network", A_INT, A_INT, A_INT),
    PART(56, clone, sys_clone, "threads only (CLONE_VM|CLONE_THREAD); a new process gives ENOSYS",
         A_CLONE, A_PTR, A_PTR, A_PTR, A_PTR),
    ERR(57, fork, ENOSYS, "sim runs one process", A_NONE),
    ERR(58, vfork, ENOSYS, "sim runs one process", A_NONE),
    ERR(59, execve, ENOSYS, "sim runs one program", A_PATH, A_PTR, A_PTR),
    OK(60, exit, sys_exit, A_INT),
    ERR(61, wait4, ECHILD, "there are no child processes", A_INT, A_PTR, A_HEX, A_PTR),
    PART(62, kill, sys_kill, "to its own pid only; others give ESRCH", A_INT, A_SIG),
    OK(63, uname, sys_uname, A_PTR),
    PART(72, fcntl, sys_fcntl, "F_GETFL, F_SETFL, F_GETFD, F_SETFD, F_DUPFD_CLOEXEC", A_FD, A_FCNTL, A_HEX),
    OK(79, getcwd, sys_getcwd, A_PTR, A_UINT),
    OK(89, readlink, sys_readlink, A_PATH, A_PTR, A_UINT),
    OK(96, gettimeofday, sys_gettimeofday, A_PTR, A_PTR),
    OK(97, getrlimit, sys_getrlimit, A_RLIMIT, A_PTR),
    OK(102, getuid, sys_getuid, A_NONE),
    OK(104, getgid, sys_getuid, A_NONE),
    OK(107, geteuid, sys_getuid, A_NONE),
    OK(108, getegid, sys_getuid, A_NONE),
    OK(110, getppid, sys_getppid, A_NONE),
    OK(131, sigaltstack, sys_sigaltstack, A_STACK, A_PTR),
    PART(158, arch_prctl, sys_arch_prctl, "ARCH_SET_FS and ARCH_GET_FS", A_ARCHPRCTL, A_PTR),
    OK(160, setrlimit, sys_setrlimit, A_RLIMIT, A_PTR),
    OK(186, gettid, sys_gettid, A_NONE),
    OK(200, tkill, sys_tkill, A_INT, A_SIG),
    OK(201, time, sys_time, A_PTR),
    PART(202, futex, sys_futex, "WAIT, WAKE, WAIT_BITSET and WAKE_BITSET (private or not); no PI or requeue",
         A_PTR, A_FUTEXOP, A_INT, A_TIMESPEC, A_PTR, A_HEX),
    ERR(203, sched_setaffinity, EPERM, "the cpus are fixed by --ncpu", A_INT, A_UINT, A_PTR),
    OK(204, sched_getaffinity, sys_sched_getaffinity, A_INT, A_UINT, A_PTR),
    PART(217, getdents64, sys_getdents64, "directories the config allows: sorted by name, inodes numbered 1, 2 ...",
         A_FD, A_PTR, A_UINT),
    OK(218, set_tid_address, sys_set_tid_address, A_PTR),
    OK(228, clock_gettime, sys_clock_gettime, A_CLOCK, A_PTR),
    OK(229, clock_getres, sys_clock_getres, A_CLOCK, A_PTR),
    OK(230, clock_nanosleep, sys_clock_nanosleep, A_CLOCK, A_HEX, A_TIMESPEC, A_PTR),
    OK(231, exit_group, sys_exit_group, A_INT),
    OK(232, epoll_wait, sys_epoll_pwait, A_FD, A_PTR, A_INT, A_INT),
    OK(233, epoll_ctl, sys_epoll_ctl, A_FD, A_EPOLLOP, A_FD, A_PTR),
    OK(234, tgkill, sys_tgkill, A_INT, A_INT, A_SIG),
    PART(257, openat, sys_openat, "read-only, in the files the config allows", A_DIRFD, A_PATH, A_OFLAGS, A_HEX),
    PART(262, newfstatat, sys_newfstatat, "file type and size only", A_DIRFD, A_PATH, A_PTR, A_HEX),
    OK(267, readlinkat, sys_readlinkat, A_DIRFD, A_PATH, A_PTR, A_UINT),
    ERR(273, set_robust_list, ENOSYS, "no robust futexes", A_PTR, A_UINT),
    PART(281, epoll_pwait, sys_epoll_pwait, "the signal mask argument is ignored", A_FD, A_PTR, A_INT, A_INT, A_PTR),
    ERR(290, eventfd2, ENOSYS, "Go 1.19-1.21 use a pipe", A_UINT, A_HEX),
    OK(291, epoll_create1, sys_epoll_create1, A_HEX),
    OK(293, pipe2, sys_pipe2, A_PTR, A_OFLAGS),
    PART(302, prlimit64, sys_prlimit64, "its own pid only", A_INT, A_RLIMIT, A_PTR, A_PTR),
    PART(318, getrandom, sys_getrandom, "bytes from a generator seeded by at_random: the same every run",
         A_PTR, A_UINT, A_HEX),
    ERR(332, statx, ENOSYS, "Go falls back to newfstatat", A_DIRFD, A_PATH, A_HEX, A_HEX, A_PTR),
    ERR(334, rseq, ENOSYS, "no restartable sequences", A_PTR, A_UINT, A_HEX, A_HEX),
    ERR(435, clone3, ENOSYS, "callers fall back to clone", A_PTR, A_UINT),
};

static const lx_syscall_def *by_nr[512];

const lx_syscall_def *lx_syscall_lookup(int nr)
{
    if (nr < 0 || nr >= (int)(sizeof by_nr / sizeof by_nr[0]))
        return NULL;
    if (!by_nr[0] && !by_nr[1])   /* filled on first use */
        for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
            by_nr[table[i].nr] = &table[i];
    return by_nr[nr];
}

const lx_syscall_def *lx_syscall_table(int *n)
{
    *n = (int)(sizeof table / sizeof table[0]);
    return table;
}
