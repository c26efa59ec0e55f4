#!/bin/sh
# Rebuilds the ELF and DWARF targets' committed seeds from dwarf.c (gcc,
# static, no libc: a few kilobytes each), run by hand when dwarf.c changes:
#   sh tests/fuzz/seeds/gen.sh
set -e
cd "$(dirname "$0")"
cc="${CC:-gcc} -static -nostdlib -fno-pie -no-pie -O1 -fms-extensions -Wl,--build-id=none -Wl,-z,noseparate-code"
$cc -g dwarf.c -o ../corpus/dwarf/small-dwarf
cp ../corpus/dwarf/small-dwarf ../corpus/elf/small-dwarf
$cc dwarf.c -o ../corpus/elf/small-symtab
$cc -s dwarf.c -o ../corpus/elf/small-stripped
# The first kilobyte only: its section headers are past the end.
head -c 1024 ../corpus/elf/small-symtab > ../corpus/elf/small-truncated
