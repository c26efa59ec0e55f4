# clone in an endless loop: each thread waits for ever on a futex; the
# loop ends only when clone refuses (EAGAIN at process.max_threads).
# Exit status: -errno of the refusal (11 for EAGAIN).
        .include "sys.inc"
        .set FLAGS, 0x100 | 0x800 | 0x10000    # CLONE_VM|CLONE_SIGHAND|CLONE_THREAD
        .globl _start
        .type _start, @function
        .text
_start:
        lea r12, [rip + stacks_end]
again:
        sub r12, 64
        mov rdi, FLAGS
        mov rsi, r12
        xor edx, edx
        xor r10d, r10d
        xor r8d, r8d
        mov eax, SYS_clone
        syscall
        test rax, rax
        jz child
        jg again
        neg rax
        mov rdi, rax
        mov eax, SYS_exit_group
        syscall
child:
        lea rdi, [rip + word]           # futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL)
        mov esi, 128
        xor edx, edx
        xor r10d, r10d
        mov eax, SYS_futex
        syscall
        jmp child
        .size _start, . - _start
        .bss
word:   .zero 8
        .zero 64 * 100000
stacks_end:
