/* Syscall arguments and results as strace shows them: flags by name,
 * NULL for zero pointers, strings and written bytes quoted, errnos by
 * name. */
#include "linux/syscalls.h"
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct { uint64_t bit; const char *name; } flag_name;

static const flag_name prot_names[] = {{1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"}, {0, NULL}};
static const flag_name map_names[] = {
    {0x01, "MAP_SHARED"}, {0x02, "MAP_PRIVATE"}, {0x10, "MAP_FIXED"}, {0x20, "MAP_ANONYMOUS"},
    {0x100, "MAP_GROWSDOWN"}, {0x4000, "MAP_NORESERVE"}, {0x8000, "MAP_POPULATE"},
    {0x20000, "MAP_STACK"}, {0x100000, "MAP_FIXED_NOREPLACE"}, {0, NULL}};
static const flag_name clone_names[] = {
    {0x100, "CLONE_VM"}, {0x200, "CLONE_FS"}, {0x400, "CLONE_FILES"}, {0x800, "CLONE_SIGHAND"},
    {0x2000, "CLONE_PTRACE"}, {0x4000, "CLONE_VFORK"}, {0x8000, "CLONE_PARENT"},
    {0x10000, "CLONE_THREAD"}, {0x40000, "CLONE_SYSVSEM"}, {0x80000, "CLONE_SETTLS"},
    {0x100000, "CLONE_PARENT_SETTID"}, {0x200000, "CLONE_CHILD_CLEARTID"},
    {0x1000000, "CLONE_CHILD_SETTID"}, {0, NULL}};
static const flag_name open_names[] = {
    {01, "O_WRONLY"}, {02, "O_RDWR"}, {0100, "O_CREAT"}, {01000, "O_TRUNC"}, {02000, "O_APPEND"},
    {04000, "O_NONBLOCK"}, {0200000, "O_DIRECTORY"}, {0400000, "O_NOFOLLOW"},
    {02000000, "O_CLOEXEC"}, {0, NULL}};

static size_t put(char *buf, size_t len, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static size_t put(char *buf, size_t len, size_t n, const char *fmt, ...)
{
    if (n >= len)
        return n;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + n, len - n, fmt, ap);
    va_end(ap);
    return k < 0 ? n : n + (size_t)k;
}

static size_t flags(char *buf, size_t len, size_t n, uint64_t v, const flag_name *names, const char *zero)
{
    if (v == 0)
        return put(buf, len, n, "%s", zero);
    bool any = false;
    for (const flag_name *f = names; f->name; f++)
        if ((v & f->bit) == f->bit) {
            n = put(buf, len, n, "%s%s", any ? "|" : "", f->name);
            v &= ~f->bit;
            any = true;
        }
    if (v)
        n = put(buf, len, n, "%s%#" PRIx64, any ? "|" : "", v);
    return n;
}

static const char *const sig_names[LX_NSIG] = {
    NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
};

const char *lx_signame(int sig)
{
    static char rt[LX_NSIG][12];
    if (sig <= 0 || sig >= LX_NSIG)
        return "SIG?";
    if (sig_names[sig])
        return sig_names[sig];
    if (!rt[sig][0])
        snprintf(rt[sig], sizeof rt[sig], "SIGRT_%d", sig - 32);
    return rt[sig];
}

const char *lx_errname(int err)
{
    switch (err) {
    case EPERM: return "EPERM";   case ENOENT: return "ENOENT"; case ESRCH: return "ESRCH";
    case EINTR: return "EINTR";   case EIO: return "EIO";       case EBADF: return "EBADF";
    case ECHILD: return "ECHILD"; case EAGAIN: return "EAGAIN"; case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES"; case EFAULT: return "EFAULT"; case EEXIST: return "EEXIST";
    case ENOTDIR: return "ENOTDIR"; case EISDIR: return "EISDIR"; case EINVAL: return "EINVAL";
    case EMFILE: return "EMFILE"; case ENOTTY: return "ENOTTY"; case ESPIPE: return "ESPIPE";
    case EPIPE: return "EPIPE";   case ERANGE: return "ERANGE"; case ENOSYS: return "ENOSYS";
    case ETIMEDOUT: return "ETIMEDOUT"; case ENODEV: return "ENODEV"; case EROFS: return "EROFS";
    case ENAMETOOLONG: return "ENAMETOOLONG"; case ELOOP: return "ELOOP";
    default: return "E?";
    }
}

/* A quoted, escaped excerpt of guest memory: a path whole (up to 128
 * bytes), at most 32 bytes of a buffer. */
static size_t quoted(lx_process *pr, char *buf, size_t len, size_t n, uint64_t addr, uint64_t count,
                     bool nul_ends)
{
    uint8_t b[129];
    uint64_t max = nul_ends ? 128 : 32, want = count > max ? max : count;
    size_t got = 0;
    for (; got < want && lx_read(pr, addr + got, &b[got], 1) == 0; got++)
        if (nul_ends && b[got] == 0)
            break;
    if (got == 0 && want && !(nul_ends && lx_read(pr, addr, b, 1) == 0))
        return put(buf, len, n, "%#" PRIx64, addr);
    n = put(buf, len, n, "\"");
    for (size_t i = 0; i < got; i++) {
        uint8_t c = b[i];
        if (c == '\n') n = put(buf, len, n, "\\n");
        else if (c == '\t') n = put(buf, len, n, "\\t");
        else if (c == '"' || c == '\\') n = put(buf, len, n, "\\%c", c);
        else if (c < 32 || c >= 127) n = put(buf, len, n, "\\x%02x", c);
        else n = put(buf, len, n, "%c", c);
    }
    n = put(buf, len, n, "\"");
    return count > want && !nul_ends ? put(buf, len, n, "...") : n;
}

static const char *name_of(uint64_t v, const char *const *names, size_t count)
{
    return v < count && names[v] ? names[v] : NULL;
}

#define NAMED(v, arr) name_of((v), (arr), sizeof(arr) / sizeof(arr)[0])

static size_t arg(lx_process *pr, char *buf, size_t len, size_t n, lx_argkind k, const uint64_t *a, int i)
{
    static const char *const sighow[] = {"SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK"};
    static const char *const futex_ops[] = {"FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE",
        "FUTEX_CMP_REQUEUE", "FUTEX_WAKE_OP", "FUTEX_LOCK_PI", "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI",
        "FUTEX_WAIT_BITSET", "FUTEX_WAKE_BITSET"};
    static const char *const clocks[] = {"CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
        "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE",
        "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME"};
    static const char *const madv[] = {"MADV_NORMAL", "MADV_RANDOM", "MADV_SEQUENTIAL",
        "MADV_WILLNEED", "MADV_DONTNEED", NULL, NULL, NULL, "MADV_FREE"};
    static const char *const fcntls[] = {"F_DUPFD", "F_GETFD", "F_SETFD", "F_GETFL", "F_SETFL"};
    static const char *const epoll_ops[] = {NULL, "EPOLL_CTL_ADD", "EPOLL_CTL_DEL", "EPOLL_CTL_MOD"};
    static const char *const rlimits[] = {"RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK",
        "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE"};
    uint64_t v = a[i];
    const char *s;
    switch (k) {
    case A_NONE: return n;
    case A_INT: case A_FD: return put(buf, len, n, "%d", (int)v);   /* C ints: the low 32 bits */
    case A_UINT: return put(buf, len, n, "%" PRIu64, v);
    case A_HEX: return put(buf, len, n, "%#" PRIx64, v);
    case A_PTR: case A_TIMESPEC: case A_STACK:
        if (k == A_TIMESPEC && v) {
            int64_t ts[2];
            if (lx_read(pr, v, ts, sizeof ts) == 0)
                return put(buf, len, n, "{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", ts[0], ts[1]);
        }
        return v ? put(buf, len, n, "%#" PRIx64, v) : put(buf, len, n, "NULL");
    case A_PATH: return v ? quoted(pr, buf, len, n, v, 256, true) : put(buf, len, n, "NULL");
    case A_WBUF: return quoted(pr, buf, len, n, v, i < 5 ? a[i + 1] : 0, false);
    case A_PROT: return flags(buf, len, n, v, prot_names, "PROT_NONE");
    case A_MAPFLAGS: return flags(buf, len, n, v, map_names, "0");
    case A_CLONE: {
        n = flags(buf, len, n, v & ~0xffULL, clone_names, "0");
        return (v & 0xff) ? put(buf, len, n, "|%s", lx_signame((int)(v & 0xff))) : n;
    }
    case A_OFLAGS: return flags(buf, len, n, v, open_names, "O_RDONLY");
    case A_SIG: return put(buf, len, n, "%s", lx_signame((int)v));
    case A_SIGHOW: return (s = NAMED(v, sighow)) ? put(buf, len, n, "%s", s) : put(buf, len, n, "%" PRIu64, v);
    case A_FUTEXOP:
        if ((s = NAMED(v & 0x7f, futex_ops)))
            return put(buf, len, n, "%s%s%s", s, v & 128 ? "_PRIVATE" : "", v & 256 ? "|FUTEX_CLOCK_REALTIME" : "");
        return put(buf, len, n, "%" PRIu64, v);
    case A_CLOCK: return (s = NAMED(v, clocks)) ? put(buf, len, n, "%s", s) : put(buf, len, n, "%" PRIu64, v);
    case A_MADV:
        if (v == 14) return put(buf, len, n, "MADV_HUGEPAGE");
        if (v == 15) return put(buf, len, n, "MADV_NOHUGEPAGE");
        return (s = NAMED(v, madv)) ? put(buf, len, n, "%s", s) : put(buf, len, n, "%" PRIu64, v);
    case A_DIRFD: return (int)v == -100 ? put(buf, len, n, "AT_FDCWD") : put(buf, len, n, "%d", (int)v);
    case A_FCNTL:
        if (v == 1030) return put(buf, len, n, "F_DUPFD_CLOEXEC");
        return (s = NAMED(v, fcntls)) ? put(buf, len, n, "%s", s) : put(buf, len, n, "%" PRIu64, v);
    case A_ARCHPRCTL:
        return put(buf, len, n, "%s", v == 0x1002 ? "ARCH_SET_FS" : v == 0x1003 ? "ARCH_GET_FS" : "ARCH_?");
    case A_EPOLLOP: return (s = NAMED(v, epoll_ops)) ? put(buf, len, n, "%s", s) : put(buf, len, n, "%" PRIu64, v);
    case A_RLIMIT: return (s = NAMED(v, rlimits)) ? put(buf, len, n, "%s", s) : put(buf, len, n, "%" PRIu64, v);
    }
    return n;
}

void lx_decode_call(lx_process *pr, const lx_syscall_def *d, const uint64_t *a, char *buf, size_t len)
{
    size_t n = put(buf, len, 0, "%s(", d->name);
    for (int i = 0; i < 6 && d->args[i] != A_NONE; i++) {
        if (i)
            n = put(buf, len, n, ", ");
        n = arg(pr, buf, len, n, d->args[i], a, i);
    }
    put(buf, len, n, ")");
}

void lx_decode_result(const lx_syscall_def *d, int64_t r, char *buf, size_t len)
{
    if (r < 0 && r >= -4095)
        snprintf(buf, len, " = -1 %s (%s)", lx_errname((int)-r), strerror((int)-r));
    else if (d && (d->ret == A_PTR || d->ret == A_HEX))
        snprintf(buf, len, " = %#" PRIx64, (uint64_t)r);
    else
        snprintf(buf, len, " = %" PRId64, r);
}
