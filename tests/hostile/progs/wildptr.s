# Syscalls with pointers to nowhere: each must return EFAULT (-14) as
# Linux does, and the program goes on.  Exit status 0, or the number of
# the first call that did not.
        .include "sys.inc"
        .set WILD, 0xdead0000
        .globl _start
        .type _start, @function
        .text
        .macro CHECK n, nr, a, b, c, d=0
        mov rdi, \a
        mov rsi, \b
        mov rdx, \c
        mov r10, \d
        mov eax, \nr
        syscall
        EXPECT -14, \n
        .endm
_start:
        CHECK 1, 1, 1, WILD, 8                  # write(1, wild, 8)
        CHECK 2, 0, 0, WILD, 8                  # read(0, wild, 8): stdin is /dev/null
        CHECK 3, 228, 1, WILD, 0                # clock_gettime(MONOTONIC, wild)
        CHECK 4, 63, WILD, 0, 0                 # uname(wild)
        CHECK 5, 257, -100, WILD, 0             # openat(AT_FDCWD, wild, O_RDONLY)
        CHECK 6, 13, 10, WILD, 0, 8             # rt_sigaction(SIGUSR1, wild, NULL, 8)
        CHECK 7, 14, 0, WILD, 0, 8              # rt_sigprocmask(SIG_BLOCK, wild, NULL, 8)
        CHECK 8, 35, WILD, 0, 0                 # nanosleep(wild, NULL)
        CHECK 9, 202, WILD, 0, 1                # futex(wild, FUTEX_WAIT, 1)
        CHECK 10, 293, WILD, 0, 0               # pipe2(wild, 0)
        CHECK 11, 318, WILD, 16, 0              # getrandom(wild, 16, 0)
        CHECK 12, 204, 0, 128, WILD             # sched_getaffinity(0, 128, wild)
        CHECK 13, 131, WILD, 0, 0               # sigaltstack(wild, NULL)
        CHECK 14, 97, 7, WILD, 0                # getrlimit(RLIMIT_NOFILE, wild)
        CHECK 15, 1, 1, -4096, 4096             # write(1, the last page, 4096)
        CHECK 16, 89, WILD, WILD, 16            # readlink(wild, wild, 16)
        CHECK 17, 79, WILD, 64, 0               # getcwd(wild, 64)
        CHECK 18, 96, WILD, 0, 0                # gettimeofday(wild, NULL)
        CHECK 19, 5, 1, WILD, 0                 # fstat(1, wild)
        CHECK 20, 262, -100, WILD, WILD         # newfstatat(AT_FDCWD, wild, wild, 0)
        EXIT 0
        .size _start, . - _start
