# Asks for terabytes: one mapping of 1 TiB, one of 2^46 bytes with
# PROT_NONE, then 1 GiB mappings until mmap refuses, touching a page of
# each.  Every refusal must be ENOMEM (-12).  Exit status: 0, or which
# check failed.
        .include "sys.inc"
        .set PROT_RW, 3
        .set MAP_PRIVATE_ANON, 0x22
        .macro MMAP len, prot
        xor edi, edi
        mov rsi, \len
        mov edx, \prot
        mov r10d, MAP_PRIVATE_ANON
        mov r8, -1
        xor r9d, r9d
        mov eax, SYS_mmap
        syscall
        .endm
        .globl _start
        .type _start, @function
        .text
_start:
        mov rbx, 1
        shl rbx, 40
        MMAP rbx, PROT_RW
        EXPECT -12, 1
        mov rbx, 1
        shl rbx, 46
        MMAP rbx, 0
        EXPECT -12, 2
        xor r12d, r12d                  # how many GiB were given
more:
        MMAP 0x40000000, PROT_RW
        cmp rax, -4096
        ja refused
        mov byte ptr [rax + 4096], 1
        inc r12
        cmp r12, 100000
        jb more
        EXIT 3                          # never refused
refused:
        EXPECT -12, 4
        test r12, r12
        jnz 1f
        EXIT 5                          # not even one GiB
1:
        EXIT 0
        .size _start, . - _start
