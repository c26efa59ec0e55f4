# A tight endless loop: only the instruction limit stops it.
        .include "sys.inc"
        .globl _start
        .type _start, @function
        .text
_start:
        xor eax, eax
spin:
        add rax, 1
        jmp spin
        .size _start, . - _start
