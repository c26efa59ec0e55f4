/* A Linux process for a real static x86-64 program, emulated
 * deterministically on one CPU: its address space (vm.h), threads and the
 * seeded rule that interleaves them (thread.h), futexes, virtual time,
 * signals and file descriptors.  Syscalls reach it through one table
 * (syscalls.h).
 *
 * This layer sits beside cpu/ and beneath the models and the trace: it
 * never calls them.  What it has to tell an observer (a syscall, a thread
 * switch, a signal) goes through lx_observer. */
#ifndef LINUX_PROCESS_H
#define LINUX_PROCESS_H
#include "cpu/emu.h"
#include "linux/vm.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define LX_NSIG 65          /* signals 1..64 */
#define LX_MAX_FDS 256
#define LX_PID 1000         /* the process's pid, and its first thread's tid */
#define LX_KEEP_EXITED 64   /* exited threads kept listed before the oldest are freed */

/* Linux's x86-64 signal numbers (the host's <signal.h> is not the guest's). */
enum { SIGILL_NR = 4, SIGTRAP_NR = 5, SIGABRT_NR = 6, SIGBUS_NR = 7, SIGFPE_NR = 8,
       SIGKILL_NR = 9, SIGSEGV_NR = 11, SIGPIPE_NR = 13, SIGCHLD_NR = 17, SIGCONT_NR = 18,
       SIGSTOP_NR = 19, SIGURG_NR = 23, SIGWINCH_NR = 28 };

/* The run's parameters, the same on every machine. */
typedef struct {
    char **argv;            /* argv[0] first */
    int argc;
    char **env;
    int nenv;
    uint8_t at_random[16];
    int ncpu;               /* sched_getaffinity's cpus */
    uint64_t quantum;       /* instructions a thread runs before another may be picked */
    uint64_t schedule_seed; /* 0: round robin by tid; else a seeded random pick */
    uint64_t max_threads;   /* clone refuses more (EAGAIN) */
    uint64_t max_memory;    /* bytes of guest mappings; mmap refuses more (ENOMEM) */
    char **files;           /* host paths (a trailing '/' allows a folder) openat may read */
    int nfiles;
    const char *stdin_path; /* NULL: sim's own stdin */
    const char *exe;        /* the program's absolute path (/proc/self/exe) */
    bool discard_output;    /* stdout and stderr go to /dev/null, not to sim's own */
} lx_params;

/* What a thread waits for. */
typedef enum {
    WAIT_NONE, WAIT_FUTEX, WAIT_SLEEP, WAIT_EPOLL, WAIT_READ, WAIT_EXITED
} lx_wait;

typedef struct lx_thread {
    int tid;
    emu_ctx *ctx;           /* its registers while it does not run */
    lx_wait wait;
    uint64_t futex_addr;    /* WAIT_FUTEX */
    uint32_t futex_bitset;
    bool woken;             /* WAIT_FUTEX: a FUTEX_WAKE chose it */
    int64_t deadline;       /* virtual ns; -1: none */
    int epfd;               /* WAIT_EPOLL */
    uint64_t ep_events;
    int ep_max;
    int rd_fd;              /* WAIT_READ: a read of an empty pipe */
    uint64_t rd_addr, rd_len;
    uint64_t sigmask;       /* bit (sig-1) blocked */
    uint64_t pending;       /* thread-directed signals */
    uint64_t altstack_sp, altstack_size;
    int altstack_flags;
    uint64_t clear_tid;     /* CLONE_CHILD_CLEARTID / set_tid_address */
    uint64_t wait_seq;      /* when it began to wait: FUTEX_WAKE wakes the longest waiting first */
    uint64_t syscalls;      /* how many it made */
    int last_sysno;         /* its last syscall, for reports */
    char call[320];         /* a blocked syscall's decoded call, for its record on waking */
} lx_thread;

typedef struct {
    uint64_t handler, flags, restorer, mask;
} lx_sigaction;

typedef enum { FD_NONE, FD_HOST, FD_PIPE_R, FD_PIPE_W, FD_EPOLL, FD_FILE } lx_fd_kind;

struct lx_pipe;
struct lx_epoll;
struct lx_dir;

typedef struct {
    lx_fd_kind kind;
    int host;               /* FD_HOST, FD_FILE: the host descriptor */
    int flags;              /* O_NONBLOCK, O_CLOEXEC as the program set them */
    struct lx_pipe *pipe;
    struct lx_epoll *ep;
    struct lx_dir *dir;     /* FD_FILE of a directory: its listing once getdents64 read it */
} lx_fd;

/* Hooks for whoever watches the process (the trace): each may be NULL. */
typedef struct {
    void *ctx;
    /* A syscall finished: its strace-style text ("mmap(NULL, 65536, ...) = 0x..."). */
    void (*syscall)(void *ctx, int tid, const char *text);
    /* The CPU now runs thread TO (FROM was running, or 0); WHY in words. */
    void (*thread_switch)(void *ctx, int from, int to, const char *why);
    /* A signal was delivered to TID's handler. */
    void (*signal)(void *ctx, int tid, int sig, const char *text);
    /* The registers changed behind the CPU's back (a syscall's result, a
     * signal frame, a switch): the trace takes them as its new base. */
    void (*resync)(void *ctx);
} lx_observer;

typedef enum {
    LX_RUNNING, LX_EXITED, LX_KILLED, LX_DEADLOCK, LX_LIMIT, LX_FAULT, LX_BREAK,
    LX_CUT      /* *interrupt became non-zero: the run was cut short from outside */
} lx_state;

typedef struct lx_process {
    emu *cpu;
    lx_params p;
    vm_space vm;
    lx_observer obs;

    lx_thread **threads;    /* by creation order; exited ones stay, with WAIT_EXITED,
                               up to LX_KEEP_EXITED of them (thread.c) */
    int nthreads, cap_threads, live;
    uint64_t created;       /* threads ever made */
    lx_thread *cur;         /* the thread on the CPU */
    int next_tid;
    uint64_t rng;           /* the scheduler's seeded state */
    uint64_t wait_seq;
    uint64_t switches;
    bool yield;             /* sched_yield: pick another thread if one can run */
    uint64_t slice_end;     /* the running thread's quantum ends at this instruction count */

    lx_sigaction sigact[LX_NSIG];
    uint64_t proc_pending;  /* process-directed signals */

    lx_fd fds[LX_MAX_FDS];
    uint64_t rlimit_nofile[2];

    int64_t time_skipped;   /* ns added when every thread slept */
    uint64_t random_state;  /* getrandom's bytes */

    uint64_t brk_start, brk_cur;
    uint64_t entry;

    /* When set and non-zero (a host signal handler's flag, which sim
     * sets on SIGINT or SIGTERM), lx_run stops between two stretches of
     * emulation, at most a quantum later, with LX_CUT. */
    const volatile int *interrupt;   /* a sig_atomic_t: an int on Linux */

    lx_state state;
    int exit_status;        /* LX_EXITED: status; LX_KILLED: the signal */
    char why[256];          /* LX_DEADLOCK, LX_FAULT, LX_LIMIT: in words */
    FILE *diag;
} lx_process;

/* --- process.c --- */
/* An empty process on CPU with parameters P (copied; the strings must
 * outlive it).  0, or -1 with a message on DIAG. */
int lx_open(lx_process *pr, emu *cpu, const lx_params *p, FILE *diag);
void lx_close(lx_process *pr);
/* Run until the process ends, a breakpoint (emu_set_break) is reached, or
 * MAX_INSNS instructions in all have run (UINT64_MAX: no limit). */
lx_state lx_run(lx_process *pr, uint64_t max_insns);
const char *lx_state_name(lx_state s);
/* Thread T's registers, wherever they are (the CPU's or its saved ones). */
void lx_thread_regs(lx_process *pr, lx_thread *t, emu_regs *out);
/* What thread T waits for, in words ("futex wait on 0x...", "runnable"). */
const char *lx_wait_name(lx_wait w);

/* --- vtime.c: virtual time --- */
/* Nanoseconds since boot: one per instruction executed, plus what was
 * skipped while every thread slept. */
int64_t lx_now(lx_process *pr);
/* The virtual TSC, an emu_tsc_fn (ctx = the process). */
uint64_t lx_tsc(void *pr, uint64_t icount);

/* --- thread.c --- */
lx_thread *lx_thread_new(lx_process *pr);
lx_thread *lx_thread_by_tid(lx_process *pr, int tid);
/* Block the current thread: the scheduler picks another at the next
 * opportunity. */
void lx_block(lx_process *pr, lx_wait w, int64_t deadline);
/* The thread woke: its syscall returns RESULT. */
void lx_wake(lx_process *pr, lx_thread *t, int64_t result);
/* Put thread T on the CPU (saving the one there). */
void lx_switch_to(lx_process *pr, lx_thread *t, const char *why);
/* The scheduler's rule: the next thread to run among the runnable ones,
 * or NULL.  AVOID (may be NULL) is passed over when another can run. */
lx_thread *lx_pick(lx_process *pr, lx_thread *avoid);
void lx_thread_exit(lx_process *pr, lx_thread *t);

/* --- futex.c --- */
/* Wake up to N threads waiting on the futex at ADDR; how many woke. */
int lx_futex_wake(lx_process *pr, uint64_t addr, int n);
/* The same, for waiters whose bitset meets BITS. */
int lx_futex_wake_bits(lx_process *pr, uint64_t addr, int n, uint32_t bits);

/* --- syscall.c --- */
/* The kernel side of the SYSCALL the current thread just executed. */
void lx_syscall(lx_process *pr);
/* Thread T's blocked syscall finished with RESULT: its trace record. */
void lx_syscall_finished(lx_process *pr, lx_thread *t, int64_t result);

/* --- signal.c --- */
/* Deliver a synchronous fault SIG to the current thread (code and addr
 * for its siginfo).  false when the program has no handler: the process
 * is then killed. */
bool lx_signal_fault(lx_process *pr, int sig, int code, uint64_t addr);
void lx_signal_send(lx_process *pr, lx_thread *t, int sig);
/* Deliver what is pending and not blocked for the current thread. */
void lx_signal_deliver_pending(lx_process *pr);
bool lx_signal_pending(lx_process *pr, lx_thread *t);

/* --- fd.c --- */
lx_fd *lx_fd_get(lx_process *pr, int fd);     /* NULL if not open */
int lx_fd_alloc(lx_process *pr, int from);    /* the lowest free fd >= FROM, or -EMFILE */
void lx_fd_release(lx_process *pr, int fd);
void lx_fds_close_all(lx_process *pr);

/* --- guest memory helpers (process.c) --- */
int lx_read(lx_process *pr, uint64_t addr, void *buf, size_t len);    /* 0 or -EFAULT */
int lx_write(lx_process *pr, uint64_t addr, const void *buf, size_t len);
uint64_t lx_arg(lx_process *pr, int i);    /* syscall argument i (0..5) */
void lx_set_result(lx_process *pr, int64_t v);

#endif
