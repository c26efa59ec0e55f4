# A signal storm.  First 200,000 SIGUSR1s to itself, each handled (the
# handler counts them); then, with SIGUSR1 blocked, 200,000 more, which
# Linux coalesces into one pending signal, delivered once on unblocking.
# Exit status 0 when the counts are 200,000 and 200,001, else 1 or 2.
        .include "sys.inc"
        .set SIGUSR1, 10
        .set SA_RESTORER, 0x04000000
        .set N, 200000
        .globl _start
        .type _start, @function
        .text
_start:
        mov r10d, 8
        mov rdi, SIGUSR1
        lea rsi, [rip + act]
        xor edx, edx
        mov eax, SYS_rt_sigaction
        syscall
        mov eax, SYS_getpid
        syscall
        mov r13, rax
        mov r12d, N
storm:
        SYS3 SYS_kill, r13, SIGUSR1, 0
        dec r12d
        jnz storm
        cmp qword ptr [rip + count], N
        je 1f
        EXIT 1
1:
        mov r10d, 8                     # block SIGUSR1
        lea rsi, [rip + usr1]
        SYS3 SYS_rt_sigprocmask, 0, rsi, 0
        mov r12d, N
blocked:
        SYS3 SYS_kill, r13, SIGUSR1, 0
        dec r12d
        jnz blocked
        mov r10d, 8                     # unblock: one delivery
        lea rsi, [rip + usr1]
        SYS3 SYS_rt_sigprocmask, 1, rsi, 0
        cmp qword ptr [rip + count], N + 1
        je 2f
        EXIT 2
2:
        EXIT 0
handler:
        inc qword ptr [rip + count]
        ret
restorer:
        mov eax, SYS_rt_sigreturn
        syscall
        .size _start, . - _start
        .data
act:    .quad handler, SA_RESTORER, restorer, 0
usr1:   .quad 1 << (SIGUSR1 - 1)
count:  .quad 0
