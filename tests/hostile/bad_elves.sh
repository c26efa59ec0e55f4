#!/bin/sh
# Makes broken copies of a small static ELF, BASE, in DIR, one per way an
# executable can be wrong: truncated, garbage, program headers out of the
# file, segments that overlap or do not fit in the address space.  Each is
# named for what is wrong with it.  Used by run.sh.
base=$1 dir=$2
mkdir -p "$dir" || exit 2
# le64 N: N's eight bytes, little-endian, as printf octal escapes (values
# above 2^63 are given negative: the shell's arithmetic is signed).
le64() {
    v=$1 i=0 s=""
    while [ $i -lt 8 ]; do
        s="$s\\$(printf %03o $((v & 255)))"
        v=$((v >> 8)) i=$((i + 1))
    done
    printf "$s"
}
# patch NAME OFFSET VALUE: a copy of BASE with a 64-bit field set.
# Program header I starts at 0x40 + 56*I: p_offset +8, p_vaddr +16,
# p_filesz +32, p_memsz +40.  The ELF header: e_entry 0x18, e_phoff 0x20.
patch() {
    [ -f "$dir/$1" ] || cp "$base" "$dir/$1"
    le64 "$3" | dd of="$dir/$1" bs=1 seek=$(($2)) conv=notrunc 2>/dev/null
}
for n in 4 16 63 64 100 4100; do
    head -c $n "$base" > "$dir/truncated-$n"
done
# Every byte after the magic with its high bit flipped.
{ head -c 4 "$base"; tail -c +5 "$base" | tr '\000-\377' '\200-\377\000-\177'; } > "$dir/garbage"
patch phoff-beyond-file 0x20 0x7fffffffffff0000
patch phnum-huge 0x20 0x40
printf '\377\377' | dd of="$dir/phnum-huge" bs=1 seek=$((0x38)) conv=notrunc 2>/dev/null
patch overlap 0x78+16 0x400000                 # segment 1 over segment 0
patch beyond-user-space 0x78+16 0x7ffffffff000
patch beyond-user-space 0x78+40 0x10000
patch kernel-address 0x78+16 -140737488351232     # 0xffff800000001000
patch wraps-around 0x78+16 -4096                # 0xfffffffffffff000
patch wraps-around 0x78+40 0x2000
patch filesz-over-memsz 0x78+32 0x2000
patch offset-beyond-file 0x78+8 0x100000
patch memsz-16TiB 0x78+40 0x100000000000
patch below-mmap-min 0x40+16 0x1000
patch entry-nowhere 0x18 0x12345678
