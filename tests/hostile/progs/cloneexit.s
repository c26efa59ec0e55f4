# clone in a loop, each thread exiting at once: a million threads come and
# go, at most two live at a time.  sim's memory must stay flat (exited
# threads are reaped).  Exit status 0 after 1,000,000 clones.
        .include "sys.inc"
        .set FLAGS, 0x100 | 0x800 | 0x10000
        .globl _start
        .type _start, @function
        .text
_start:
        mov r12d, 1000000
again:
        mov rdi, FLAGS
        lea rsi, [rip + stack_end]
        xor edx, edx
        xor r10d, r10d
        xor r8d, r8d
        mov eax, SYS_clone
        syscall
        test rax, rax
        jz child
        js failed
        mov eax, 24                     # sched_yield: let it exit
        syscall
        dec r12d
        jnz again
        EXIT 0
failed:
        neg rax
        mov rdi, rax
        mov eax, SYS_exit_group
        syscall
child:
        xor edi, edi
        mov eax, SYS_exit
        syscall
        .size _start, . - _start
        .bss
        .zero 4096
stack_end:
