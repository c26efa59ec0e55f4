/* Fuzz target: the ELF loader — elf_parse (linux/elf.c), the image it
 * gives (linux/elf_image.c: segments, .symtab, the DWARF line table read
 * by libdw from a copy of the bytes), the RDTSC scan, the Go version
 * lookup and the loader proper (linux/loader.c: segments mapped, the
 * stack built) on an emulator made once. */
#include "linux/elf_image.h"
#include "linux/loader.h"
#include "runtime_model/go_binary.h"
#include "tests/fuzz/fuzz.h"
#include <stdlib.h>

static emu *cpu;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!(cpu = emu_new_real()))
        abort();
    return 0;
}

/* What elf_parse accepted is read without further checks: walk it all. */
static void walk_headers(const elf_file *f)
{
    elf_section s;
    for (uint32_t i = 0; i < f->shnum; i++)
        elf_section_get(f, i, &s);
    elf_symbol sym;
    size_t n = elf_symbol_count(f);
    for (size_t i = 0; i < n; i++)
        elf_symbol_get(f, i, &sym);
    elf_load_at(f, f->entry, false);
    elf_load_at(f, f->entry, true);
}

static void load(const elf_file *f, const image *img, const lx_tsc_sites *tsc)
{
    char *argv[] = {"/fuzz"}, *env[] = {"A=1"};
    lx_params p = {.argv = argv, .argc = 1, .env = env, .nenv = 1, .ncpu = 1, .quantum = 1000,
                   .max_threads = 8, .max_memory = 1ULL << 30, .exe = "/fuzz"};
    lx_process pr;
    procstack ps;
    char why[256];
    if (lx_open(&pr, cpu, &p, fuzz_sink()) == 0)
        lx_load(&pr, f, img, tsc, &ps, why, sizeof why);
    lx_close(&pr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    elf_file f;
    char why[256];
    elf_is_elf(data, size);
    if (elf_parse(data, size, &f, why, sizeof why) != 0 || fuzz_elf_too_big(&f))
        return 0;
    walk_headers(&f);
    image img = {0};
    if (elf_image_build(NULL, &f, &img, why, sizeof why) != 0)
        return 0;
    char version[32];
    go_binary_version(&f, &img, version, sizeof version);
    lx_tsc_sites tsc;
    if (lx_tsc_scan(&img, &tsc) == 0) {
        load(&f, &img, &tsc);
        lx_tsc_free(&tsc);
    }
    image_free(&img);
    return 0;
}
