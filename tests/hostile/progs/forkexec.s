# fork, vfork, execve and a clone that would make a process: sim runs one
# process, so each is refused with ENOSYS (-38).  Exit status 0 when all
# four are, else the number of the one that was not.
        .include "sys.inc"
        .globl _start
        .type _start, @function
        .text
_start:
        mov eax, SYS_fork
        syscall
        EXPECT -38, 1
        mov eax, SYS_vfork
        syscall
        EXPECT -38, 2
        lea rdi, [rip + path]
        lea rsi, [rip + argv]
        xor edx, edx
        mov eax, SYS_execve
        syscall
        EXPECT -38, 3
        SYS3 SYS_clone, 17, 0, 0        # SIGCHLD only: what fork(2) passes
        EXPECT -38, 4
        EXIT 0
        .size _start, . - _start
        .data
path:   .asciz "/bin/true"
argv:   .quad path, 0
