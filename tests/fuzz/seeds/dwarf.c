/* A tiny static executable for the ELF and DWARF fuzz targets' seeds
 * (tests/fuzz/seeds/gen.sh): two loads, a .symtab, DWARF with a struct
 * that embeds another (as Go's promoted fields are found), and an RDTSC
 * for the loader's scan. */
struct fuzz_inner { long a, b; };
struct fuzz_outer { struct fuzz_inner; int x; char pad[3]; };
struct fuzz_outer fuzz_data = {{1, 2}, 3, {0}};
long fuzz_bss[64];

void _start(void)
{
    unsigned lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    fuzz_bss[0] = fuzz_data.b + lo + hi;
    __asm__ volatile("mov $60, %eax; xor %edi, %edi; syscall");
}
