# A handler that raises its own signal again (SA_NODEFER): frames pile up
# until the stack runs out.  Linux then cannot write the frame and kills
# the process with SIGSEGV.
        .include "sys.inc"
        .set SIGUSR1, 10
        .set SA_RESTORER, 0x04000000
        .set SA_NODEFER, 0x40000000
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
        lea rsp, [rip + stack_end]      # a small stack of its own
handler:
        mov eax, SYS_getpid
        syscall
        SYS3 SYS_kill, rax, SIGUSR1, 0
        jmp handler
restorer:
        mov eax, SYS_rt_sigreturn
        syscall
        .size _start, . - _start
        .data
act:    .quad handler, SA_RESTORER | SA_NODEFER, restorer, 0
        .bss
        .zero 65536
stack_end:
