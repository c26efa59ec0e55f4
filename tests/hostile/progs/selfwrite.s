# Writes into its own text (mapped read and execute): SIGSEGV, and with
# no handler sim stops the run.
        .include "sys.inc"
        .globl _start
        .type _start, @function
        .text
_start:
        lea rdi, [rip + _start]
        mov byte ptr [rdi], 0xcc
        EXIT 0
        .size _start, . - _start
