# Every syscall number from 0 to 459 with five sets of arguments: all
# pointers to nowhere, all zero, all -1, the small numbers 1 to 6, and
# fd 0 with pointers into the program's read-only text.  sim must answer
# each (an errno is fine) and keep going; only rt_sigreturn, exit and
# exit_group, which would end the sweep, are skipped.  Exit status 0 once
# all 2,300 calls have returned.  (Before, brk(-1) wrapped to 0 and
# unmapped the program.)
        .include "sys.inc"
        .globl _start
        .type _start, @function
        .text
_start:
        lea r15, [rip + patterns]
        mov r14d, 5                     # patterns left
pattern:
        xor r13d, r13d                  # the syscall number
call:
        cmp r13d, SYS_rt_sigreturn
        je next
        cmp r13d, SYS_exit
        je next
        cmp r13d, SYS_exit_group
        je next
        mov rdi, [r15]
        mov rsi, [r15 + 8]
        mov rdx, [r15 + 16]
        mov r10, [r15 + 24]
        mov r8, [r15 + 32]
        mov r9, [r15 + 40]
        mov eax, r13d
        syscall
next:
        inc r13d
        cmp r13d, 460
        jb call
        add r15, 48
        dec r14d
        jnz pattern
        EXIT 0
        .size _start, . - _start
        .data
patterns:
        .quad 0xdead0000, 0xdead0000, 0xdead0000, 0xdead0000, 0xdead0000, 0xdead0000
        .quad 0, 0, 0, 0, 0, 0
        .quad -1, -1, -1, -1, -1, -1
        .quad 1, 2, 3, 4, 5, 6
        .quad 0, _start, 16, _start, _start, _start
