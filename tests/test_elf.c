/* linux/elf.c and linux/elf_image.c: a small static executable built in
 * memory (accepted, then broken one way at a time: each refusal and its
 * reason), a fuzz of its headers, image_line_at's covering rows, and real
 * Go binaries when a Go toolchain is installed (built at test time). */
#include "linux/elf_image.h"
#include "tests/testlib.h"
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- a small executable ----
 *
 *   0x0000  ELF header, program headers (text R+X: file 0-0x200 at 0x400000;
 *           data R+W: file 0x1000-0x1010 at 0x401000, 0x2000 in memory)
 *   0x0100  code (main.main)
 *   0x1000  .data (16 bytes), then .bss in memory
 *   0x1100  .symtab, .strtab, .shstrtab, section headers */

#define MINI_SIZE 0x1800
#define TEXT_VA 0x400000ULL
#define DATA_VA 0x401000ULL
#define SHDRS 0x1600

typedef struct {
    const char *name;
    uint8_t type;
    uint64_t value;
    uint16_t shndx;
} extra_sym;

static uint8_t mini[MINI_SIZE];

static Elf64_Ehdr get_eh(const uint8_t *b) { Elf64_Ehdr e; memcpy(&e, b, sizeof e); return e; }
static void put_eh(uint8_t *b, Elf64_Ehdr e) { memcpy(b, &e, sizeof e); }

static Elf64_Phdr get_ph(const uint8_t *b, int i)
{
    Elf64_Phdr p;
    memcpy(&p, b + get_eh(b).e_phoff + (size_t)i * sizeof p, sizeof p);
    return p;
}

static void put_ph(uint8_t *b, int i, Elf64_Phdr p)
{
    memcpy(b + get_eh(b).e_phoff + (size_t)i * sizeof p, &p, sizeof p);
}

static void put_sh(uint8_t *b, int i, Elf64_Shdr s)
{
    memcpy(b + SHDRS + (size_t)i * sizeof s, &s, sizeof s);
}

/* Appends S to the string table at B+BASE (used bytes in *N); its offset. */
static uint32_t add_str(uint8_t *b, size_t base, size_t *n, const char *s)
{
    uint32_t off = (uint32_t)*n;
    memcpy(b + base + *n, s, strlen(s) + 1);
    *n += strlen(s) + 1;
    return off;
}

/* Fills MINI with the executable, plus EXTRA (a symbol) if not NULL. */
static void build_mini(const extra_sym *extra)
{
    uint8_t *b = mini;
    memset(b, 0, MINI_SIZE);
    Elf64_Ehdr e = {.e_type = ET_EXEC, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
                    .e_entry = TEXT_VA + 0x100, .e_phoff = sizeof e, .e_shoff = SHDRS,
                    .e_ehsize = sizeof e, .e_phentsize = sizeof(Elf64_Phdr), .e_phnum = 2,
                    .e_shentsize = sizeof(Elf64_Shdr), .e_shnum = 7, .e_shstrndx = 6};
    memcpy(e.e_ident, ELFMAG, SELFMAG);
    e.e_ident[EI_CLASS] = ELFCLASS64;
    e.e_ident[EI_DATA] = ELFDATA2LSB;
    e.e_ident[EI_VERSION] = EV_CURRENT;
    put_eh(b, e);
    put_ph(b, 0, (Elf64_Phdr){PT_LOAD, PF_R | PF_X, 0, TEXT_VA, TEXT_VA, 0x200, 0x200, 0x1000});
    put_ph(b, 1, (Elf64_Phdr){PT_LOAD, PF_R | PF_W, 0x1000, DATA_VA, DATA_VA, 0x10, 0x2000, 0x1000});
    static const uint8_t code[] = {0xb8, 0x3c, 0, 0, 0, 0x31, 0xff, 0x0f, 0x05};   /* exit(0) */
    memcpy(b + 0x100, code, sizeof code);
    memset(b + 0x1000, 0x11, 0x10);

    /* .strtab at 0x1300, .shstrtab at 0x1500, .symtab at 0x1100. */
    size_t ns = 1, nh = 1;
    Elf64_Sym syms[8] = {{0}};
    int nsym = 1;
    syms[nsym++] = (Elf64_Sym){add_str(b, 0x1300, &ns, "main.main"),
                               ELF64_ST_INFO(STB_GLOBAL, STT_FUNC), 0, 1, TEXT_VA + 0x100, 0x20};
    syms[nsym++] = (Elf64_Sym){add_str(b, 0x1300, &ns, "runtime.text"),
                               ELF64_ST_INFO(STB_LOCAL, STT_FUNC), 0, 1, TEXT_VA + 0x100, 0};
    syms[nsym++] = (Elf64_Sym){add_str(b, 0x1300, &ns, "runtime.x"),
                               ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT), 0, 2, DATA_VA, 8};
    syms[nsym++] = (Elf64_Sym){add_str(b, 0x1300, &ns, "runtime.b"),
                               ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT), 0, 3, DATA_VA + 0x800, 8};
    syms[nsym++] = (Elf64_Sym){add_str(b, 0x1300, &ns, "abs.const"),
                               ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE), 0, SHN_ABS, 0x10, 0};
    if (extra)
        syms[nsym++] = (Elf64_Sym){add_str(b, 0x1300, &ns, extra->name),
                                   ELF64_ST_INFO(STB_GLOBAL, extra->type), 0, extra->shndx,
                                   extra->value, 8};
    memcpy(b + 0x1100, syms, (size_t)nsym * sizeof *syms);

    put_sh(b, 0, (Elf64_Shdr){0});
    put_sh(b, 1, (Elf64_Shdr){add_str(b, 0x1500, &nh, ".text"), SHT_PROGBITS,
                              SHF_ALLOC | SHF_EXECINSTR, TEXT_VA + 0x100, 0x100, 0x100, 0, 0, 16, 0});
    put_sh(b, 2, (Elf64_Shdr){add_str(b, 0x1500, &nh, ".data"), SHT_PROGBITS,
                              SHF_ALLOC | SHF_WRITE, DATA_VA, 0x1000, 0x10, 0, 0, 16, 0});
    put_sh(b, 3, (Elf64_Shdr){add_str(b, 0x1500, &nh, ".bss"), SHT_NOBITS,
                              SHF_ALLOC | SHF_WRITE, DATA_VA + 0x10, 0x1010, 0x1ff0, 0, 0, 16, 0});
    put_sh(b, 4, (Elf64_Shdr){add_str(b, 0x1500, &nh, ".symtab"), SHT_SYMTAB, 0, 0, 0x1100,
                              (uint64_t)nsym * sizeof(Elf64_Sym), 5, 1, 8, sizeof(Elf64_Sym)});
    put_sh(b, 5, (Elf64_Shdr){add_str(b, 0x1500, &nh, ".strtab"), SHT_STRTAB, 0, 0, 0x1300, ns,
                              0, 0, 1, 0});
    uint32_t self = add_str(b, 0x1500, &nh, ".shstrtab");
    put_sh(b, 6, (Elf64_Shdr){self, SHT_STRTAB, 0, 0, 0x1500, nh, 0, 0, 1, 0});
}

static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static void test_minimal_executable(void)
{
    build_mini(NULL);
    elf_file f;
    char why[256] = "";
    int rc = elf_parse(mini, MINI_SIZE, &f, why, sizeof why);
    if (rc != 0)
        fprintf(stderr, "\n  refused: %s", why);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    CU_ASSERT(elf_is_elf(mini, MINI_SIZE));
    CU_ASSERT_EQUAL(f.nloads, 2);
    CU_ASSERT_EQUAL(f.entry, TEXT_VA + 0x100);
    CU_ASSERT_EQUAL(f.phdr_vaddr, TEXT_VA + 0x40);   /* no PT_PHDR: found in the text load */
    CU_ASSERT_EQUAL(f.phnum, 2);
    CU_ASSERT(f.has_symtab);
    CU_ASSERT(!f.has_dwarf);
    CU_ASSERT_EQUAL(f.loads[1].flags, (uint32_t)(PF_R | PF_W));

    image img;
    CU_ASSERT_EQUAL_FATAL(elf_image_build(NULL, &f, &img, why, sizeof why), 0);
    CU_ASSERT_EQUAL_FATAL(img.nsegs, 2);
    CU_ASSERT_STRING_EQUAL(img.segs[0].name, "text");
    CU_ASSERT(img.segs[0].exec && !img.segs[0].write);
    CU_ASSERT_EQUAL(img.segs[0].addr, TEXT_VA);
    CU_ASSERT_EQUAL(img.segs[0].size, 0x1000u);
    CU_ASSERT(memcmp(img.segs[0].bytes, mini, 0x200) == 0);
    CU_ASSERT_EQUAL(img.segs[0].bytes[0x200], 0);   /* zeros past the file bytes */
    CU_ASSERT_STRING_EQUAL(img.segs[1].name, "data");
    CU_ASSERT(img.segs[1].write && !img.segs[1].exec);
    CU_ASSERT_EQUAL(img.segs[1].size, 0x2000u);
    CU_ASSERT_EQUAL(img.segs[1].bytes[0xf], 0x11);
    CU_ASSERT_EQUAL(img.segs[1].bytes[0x10], 0);
    CU_ASSERT_EQUAL(img.segs[1].bytes[0x1fff], 0);
    uint64_t h = fnv(fnv(0xcbf29ce484222325ULL, mini, 0x200), mini + 0x1000, 0x10);
    CU_ASSERT_EQUAL(img.hash, h);

    /* abs.const lies outside the program: left out. */
    CU_ASSERT_EQUAL(img.nsyms, 4u);
    CU_ASSERT_PTR_NULL(image_sym_named(&img, "abs.const"));
    const image_sym *m = image_sym_named(&img, "main.main");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->kind, SYM_TEXT);
    CU_ASSERT_EQUAL(m->size, 0x20u);
    CU_ASSERT_EQUAL(image_sym_named(&img, "runtime.x")->kind, SYM_DATA);
    CU_ASSERT_EQUAL(image_sym_named(&img, "runtime.b")->kind, SYM_BSS);
    CU_ASSERT_EQUAL(image_sym_named(&img, "runtime.text")->kind, SYM_TEXT);
    CU_ASSERT_EQUAL(image_addr(&img, "runtime.b"), DATA_VA + 0x800);
    /* The function, not the zero-sized marker at its address. */
    CU_ASSERT_PTR_EQUAL(image_sym_at(&img, TEXT_VA + 0x100), m);
    char buf[64];
    CU_ASSERT_STRING_EQUAL(image_symbolize(&img, TEXT_VA + 0x104, buf, sizeof buf), "main.main+4");
    for (size_t i = 1; i < img.nsyms; i++)
        CU_ASSERT(img.syms[i - 1].addr <= img.syms[i].addr);
    CU_ASSERT_EQUAL(img.nlines, 0u);
    image_free(&img);
}

static void test_without_section_headers(void)
{
    build_mini(NULL);
    Elf64_Ehdr e = get_eh(mini);
    e.e_shoff = 0;
    e.e_shnum = 0;
    e.e_shstrndx = 0;
    put_eh(mini, e);
    elf_file f;
    image img;
    char why[256];
    CU_ASSERT_EQUAL_FATAL(elf_parse(mini, MINI_SIZE, &f, why, sizeof why), 0);
    CU_ASSERT(!f.has_symtab && !f.has_dwarf);
    CU_ASSERT_EQUAL_FATAL(elf_image_build(NULL, &f, &img, why, sizeof why), 0);
    CU_ASSERT_EQUAL(img.nsyms, 0u);
    CU_ASSERT_EQUAL(img.nsegs, 2);
    CU_ASSERT_PTR_NULL(image_sym_at(&img, TEXT_VA + 0x100));
    image_free(&img);
}

/* ---- refusals ---- */

static void expect_refusal(const uint8_t *b, size_t size, const char *want, const char *what)
{
    elf_file f;
    char why[256] = "";
    int rc = elf_parse(b, size, &f, why, sizeof why);
    bool ok = rc == -1 && strstr(why, want) != NULL && !strchr(why, '\n');
    if (!ok)
        fprintf(stderr, "\n  %s: rc %d, reason \"%s\", wanted \"%s\"", what, rc, why, want);
    CU_ASSERT(ok);
}

static void test_header_refusals(void)
{
    build_mini(NULL);
    expect_refusal(mini, 3, "not an ELF file", "3 bytes");
    mini[1] = 'X';
    expect_refusal(mini, MINI_SIZE, "not an ELF file", "bad magic");
    CU_ASSERT(!elf_is_elf(mini, MINI_SIZE));

    build_mini(NULL);
    expect_refusal(mini, 40, "truncated: the ELF header", "40 bytes");
    mini[EI_CLASS] = ELFCLASS32;
    expect_refusal(mini, MINI_SIZE, "a 32-bit ELF (sim runs x86-64 only)", "32-bit");
    build_mini(NULL);
    mini[EI_DATA] = ELFDATA2MSB;
    expect_refusal(mini, MINI_SIZE, "big-endian", "big-endian");
    build_mini(NULL);
    mini[EI_OSABI] = ELFOSABI_FREEBSD;
    expect_refusal(mini, MINI_SIZE, "another operating system (OS/ABI 9", "FreeBSD");

    struct { uint16_t type, machine, phentsize, phnum; const char *want; } cases[] = {
        {ET_EXEC, EM_AARCH64, 56, 2, "an ELF for another architecture (machine 183"},
        {ET_DYN, EM_X86_64, 56, 2, "a position-independent executable (ET_DYN"},
        {ET_REL, EM_X86_64, 56, 2, "an object file (ET_REL)"},
        {ET_CORE, EM_X86_64, 56, 2, "a core dump"},
        {ET_EXEC, EM_X86_64, 32, 2, "program headers of 32 bytes"},
        {ET_EXEC, EM_X86_64, 56, 0, "no program headers"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        build_mini(NULL);
        Elf64_Ehdr e = get_eh(mini);
        e.e_type = cases[i].type;
        e.e_machine = cases[i].machine;
        e.e_phentsize = cases[i].phentsize;
        e.e_phnum = cases[i].phnum;
        put_eh(mini, e);
        expect_refusal(mini, MINI_SIZE, cases[i].want, cases[i].want);
    }
    build_mini(NULL);
    expect_refusal(mini, 64 + 56 + 10, "truncated: program header 1 lies past the end of the file",
                   "cut in the program headers");
    /* The two headers moved to the end of the file, and a third claimed. */
    build_mini(NULL);
    Elf64_Ehdr e = get_eh(mini);
    memcpy(mini + MINI_SIZE - 2 * sizeof(Elf64_Phdr), mini + e.e_phoff, 2 * sizeof(Elf64_Phdr));
    e.e_phoff = MINI_SIZE - 2 * sizeof(Elf64_Phdr);
    e.e_phnum = 3;
    put_eh(mini, e);
    expect_refusal(mini, MINI_SIZE, "truncated: program header 2 lies past the end of the file",
                   "phnum past the end");
    e.e_phoff = ~0ULL - 8;
    put_eh(mini, e);
    expect_refusal(mini, MINI_SIZE, "truncated: program header 0", "phoff near 2^64");
}

/* The executable with program header 1 (the data load) replaced by P. */
static void expect_data_load_refusal(Elf64_Phdr p, const char *want)
{
    build_mini(NULL);
    put_ph(mini, 1, p);
    expect_refusal(mini, MINI_SIZE, want, want);
}

static void test_segment_refusals(void)
{
    build_mini(NULL);
    Elf64_Phdr d = get_ph(mini, 1), p;
    p = d, p.p_filesz = 0x3000;
    expect_data_load_refusal(p, "segment 1: its file size 0x3000 exceeds its memory size 0x2000");
    p = d, p.p_filesz = p.p_memsz = 0x100000;
    expect_data_load_refusal(p, "truncated: segment 1 lies past the end of the file");
    p = d, p.p_offset = 0x1100;
    expect_data_load_refusal(p, "segment 1 is not page-congruent");
    p = d, p.p_vaddr = TEXT_VA + 0x100, p.p_offset = 0x1100;
    expect_data_load_refusal(p, "segments 0 and 1 overlap");
    p = d, p.p_vaddr = TEXT_VA + 0x800, p.p_offset = 0x800, p.p_filesz = 0, p.p_memsz = 0x100;
    expect_data_load_refusal(p, "segments 0 and 1 share a page");
    p = d, p.p_vaddr = 0x7ffffffff000ULL;
    expect_data_load_refusal(p, "lies above the user address space");
    p = d, p.p_vaddr = 0xfffffffffffff000ULL;
    expect_data_load_refusal(p, "segment 1 wraps around");
    p = d, p.p_type = PT_INTERP;
    expect_data_load_refusal(p, "a dynamically linked executable (sim runs static ones: build "
                                "with CGO_ENABLED=0)");
    p = d, p.p_type = PT_DYNAMIC;
    expect_data_load_refusal(p, "a dynamically linked executable");
    build_mini(NULL);
    Elf64_Phdr t = get_ph(mini, 0);
    t.p_type = PT_NOTE;
    put_ph(mini, 0, t);
    expect_refusal(mini, MINI_SIZE, "the entry point 0x400100 is not in an executable segment",
                   "entry outside");
    t = get_ph(mini, 1), t.p_type = PT_NOTE;
    put_ph(mini, 1, t);
    expect_refusal(mini, MINI_SIZE, "no loadable segments", "no loads");

    /* 17 loads, one page each, from a program header table at 0x1000. */
    build_mini(NULL);
    Elf64_Ehdr e = get_eh(mini);
    e.e_phoff = 0x1000;
    e.e_phnum = 17;
    e.e_shoff = 0;
    e.e_shnum = 0;
    put_eh(mini, e);
    for (int i = 0; i < 17; i++)
        put_ph(mini, i, (Elf64_Phdr){PT_LOAD, PF_R | PF_X, 0, TEXT_VA + 0x1000ULL * (uint64_t)i,
                                     0, 0x100, 0x100, 0x1000});
    expect_refusal(mini, MINI_SIZE, "more than 16 loadable segments", "17 loads");
}

static void test_section_refusals(void)
{
    build_mini(NULL);
    Elf64_Ehdr e = get_eh(mini);
    e.e_shoff = MINI_SIZE - 10;
    put_eh(mini, e);
    expect_refusal(mini, MINI_SIZE, "truncated: the section headers lie past the end", "shoff");
    build_mini(NULL);
    expect_refusal(mini, SHDRS + 3 * sizeof(Elf64_Shdr), "truncated: the section headers",
                   "cut in the section headers");
    build_mini(NULL);
    Elf64_Shdr s;
    memcpy(&s, mini + SHDRS + 4 * sizeof s, sizeof s);
    s.sh_entsize = 16;
    memcpy(mini + SHDRS + 4 * sizeof s, &s, sizeof s);
    expect_refusal(mini, MINI_SIZE, "the symbol table's entries are 16 bytes", "entsize");
    s.sh_entsize = sizeof(Elf64_Sym);
    s.sh_offset = MINI_SIZE - 8;
    memcpy(mini + SHDRS + 4 * sizeof s, &s, sizeof s);
    expect_refusal(mini, MINI_SIZE, "truncated: section 4 (.symtab) lies past the end", "symtab");
}

static void test_cgo_refusals(void)
{
    extra_sym x = {"x_cgo_init", STT_FUNC, TEXT_VA + 0x120, 1};
    build_mini(&x);
    expect_refusal(mini, MINI_SIZE, "a cgo binary (it defines x_cgo_init; sim runs pure Go: build "
                   "with CGO_ENABLED=0)", "x_cgo_init");
    extra_sym c2 = {"crosscall2", STT_FUNC, TEXT_VA + 0x120, 1};
    build_mini(&c2);
    expect_refusal(mini, MINI_SIZE, "a cgo binary (it defines crosscall2", "crosscall2");
    /* _cgo_init: a cgo binary's points at x_cgo_init; a pure Go one's is zero. */
    extra_sym set = {"_cgo_init", STT_OBJECT, DATA_VA + 8, 2};
    build_mini(&set);
    expect_refusal(mini, MINI_SIZE, "its _cgo_init points at C code", "_cgo_init set");
    extra_sym zero = {"_cgo_init", STT_OBJECT, DATA_VA + 0x900, 3};
    build_mini(&zero);
    elf_file f;
    char why[256];
    CU_ASSERT_EQUAL(elf_parse(mini, MINI_SIZE, &f, why, sizeof why), 0);
}

/* Random corruption of the headers and tables: refused or accepted, never
 * a read outside the buffer (run it under ASan: make SANITIZE=1). */
static void test_fuzzed_headers(void)
{
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    uint8_t *b = malloc(MINI_SIZE);
    int accepted = 0;
    for (int iter = 0; iter < 20000; iter++) {
        build_mini(NULL);
        memcpy(b, mini, MINI_SIZE);
        int flips = 1 + iter % 4;
        for (int k = 0; k < flips; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            uint32_t r = (uint32_t)(seed >> 33);
            /* Mostly the ELF and program headers, else the tables. */
            size_t at = (r & 1) ? (r >> 1) % 0x100 : 0x1100 + (r >> 1) % 0x700;
            b[at] = (uint8_t)(seed >> 20);
        }
        size_t size = iter % 7 == 0 ? (size_t)(seed >> 40) % MINI_SIZE : MINI_SIZE;
        elf_file f;
        image img;
        char why[256];
        if (elf_parse(b, size, &f, why, sizeof why) != 0)
            continue;
        accepted++;
        /* The image allocates each load whole: corrupted sizes of up to
         * 4 GiB are valid, but would make this loop minutes long under ASan. */
        uint64_t mem = 0;
        for (int i = 0; i < f.nloads; i++)
            mem += f.loads[i].memsz;
        if (mem < (16u << 20) && elf_image_build(NULL, &f, &img, why, sizeof why) == 0)
            image_free(&img);
    }
    free(b);
    CU_ASSERT(accepted > 0);
}

/* ---- image_line_at over rows that span several instructions ---- */

static void test_line_at_covering_rows(void)
{
    image_line lines[] = {
        {0x1000, 0x10, "a.go", 3, false},
        {0x1010, 0, "a.s", 9, false},      /* a zero-length pseudo-op ... */
        {0x1010, 4, "a.s", 10, false},     /* ... before the instruction at its address */
        {0x1020, 8, "b.go", 7, false},
    };
    image img = {.lines = lines, .nlines = 4};
    CU_ASSERT_PTR_EQUAL(image_line_at(&img, 0x1000), &lines[0]);
    CU_ASSERT_PTR_EQUAL(image_line_at(&img, 0x1007), &lines[0]);
    CU_ASSERT_PTR_EQUAL(image_line_at(&img, 0x100f), &lines[0]);
    CU_ASSERT_PTR_EQUAL(image_line_at(&img, 0x1010), &lines[2]);
    CU_ASSERT_PTR_EQUAL(image_line_at(&img, 0x1013), &lines[2]);
    CU_ASSERT_PTR_NULL(image_line_at(&img, 0x1014));   /* a gap (padding) */
    CU_ASSERT_PTR_NULL(image_line_at(&img, 0xfff));
    CU_ASSERT_PTR_EQUAL(image_line_at(&img, 0x1027), &lines[3]);
    CU_ASSERT_PTR_NULL(image_line_at(&img, 0x1028));
    image none = {0};
    CU_ASSERT_PTR_NULL(image_line_at(&none, 0x1000));
}

/* ---- real Go binaries ---- */

static uint8_t *read_whole(const char *path, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    rewind(fp);
    uint8_t *d = n > 0 ? malloc((size_t)n) : NULL;
    if (d && fread(d, 1, (size_t)n, fp) != (size_t)n) {
        free(d);
        d = NULL;
    }
    fclose(fp);
    *size = (size_t)n;
    return d;
}

static const char hello_go[] =
    "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n";
static const char cgo_go[] =
    "package main\n\n// int twice(int x) { return 2 * x; }\nimport \"C\"\nimport \"fmt\"\n\n"
    "func main() { fmt.Println(C.twice(21)) }\n";

/* Builds SRC with GO into DIR/OUT (a cache of its own under DIR, no
 * network, no VCS stamping); 0 if it built. */
static int go_build(const char *go, const char *dir, const char *src, const char *out,
                    const char *cgo, const char *ldflags)
{
    char path[512], cmd[2048];
    snprintf(path, sizeof path, "%s/%s.go", dir, out);
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    fputs(src, fp);
    fclose(fp);
    snprintf(cmd, sizeof cmd,
             "cd '%s' && HOME='%s' GOCACHE='%s/cache' GOPATH='%s/gopath' GOENV=off GOFLAGS=-buildvcs=false "
             "GOTOOLCHAIN=local GOPROXY=off CGO_ENABLED=%s '%s' build -ldflags='%s' -o '%s' '%s.go' "
             ">>build.log 2>&1", dir, dir, dir, dir, cgo, go, ldflags, out, out);
    return system(cmd) == 0 ? 0 : -1;
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

static void check_hello(const char *path, const char *version)
{
    size_t size;
    uint8_t *d = read_whole(path, &size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    elf_file f;
    image img;
    char why[256] = "";
    int rc = elf_parse(d, size, &f, why, sizeof why);
    if (rc != 0)
        fprintf(stderr, "\n  %s hello refused: %s", version, why);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    CU_ASSERT_EQUAL(f.nloads, 3);
    CU_ASSERT(f.has_symtab && f.has_dwarf);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = elf_image_build(path, &f, &img, why, sizeof why);
    double ms = ms_since(&t0);
    if (rc != 0)
        fprintf(stderr, "\n  %s hello: %s", version, why);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    printf("\n    %s hello: image in %.1f ms, %zu symbols, %zu lines, %zu files ", version, ms,
           img.nsyms, img.nlines, img.nfiles);
    /* The target is well under 100 ms; the bound leaves room for a loaded
     * machine and sanitizers. */
    CU_ASSERT(ms < 1000);
    CU_ASSERT(img.nsyms > 1000);
    CU_ASSERT(img.nlines > 10000);
    CU_ASSERT_EQUAL(img.nsegs, 3);
    CU_ASSERT(img.segs[0].exec && !img.segs[1].exec && !img.segs[1].write && img.segs[2].write);

    CU_ASSERT_EQUAL(f.entry, image_addr(&img, "_rt0_amd64_linux"));
    const image_sym *mm = image_sym_named(&img, "main.main");
    const image_sym *rm = image_sym_named(&img, "runtime.main");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mm);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rm);
    CU_ASSERT_EQUAL(rm->kind, SYM_TEXT);
    CU_ASSERT(rm->size > 100);
    CU_ASSERT_PTR_NOT_NULL(image_sym_named(&img, "runtime.rt0_go.abi0"));
    /* A pure Go binary's _cgo_init: present, zero, in the bss. */
    const image_sym *ci = image_sym_named(&img, "_cgo_init");
    CU_ASSERT(ci && ci->kind == SYM_BSS);
    CU_ASSERT_PTR_NULL(image_sym_named(&img, "x_cgo_init"));

    const image_line *ln = image_line_at(&img, rm->addr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ln);
    CU_ASSERT(ends_with(ln->file, "runtime/proc.go"));
    CU_ASSERT(ln->line > 100);
    const image_line *in = image_line_at(&img, rm->addr + 1);   /* inside the first row */
    CU_ASSERT_PTR_NOT_NULL(in);
    CU_ASSERT(in && ends_with(in->file, "runtime/proc.go"));
    const image_line *ml = image_line_at(&img, mm->addr);
    CU_ASSERT(ml && ends_with(ml->file, "/main.go") && ml->line >= 5 && ml->line <= 7);
    char buf[128];
    CU_ASSERT_STRING_EQUAL(image_symbolize(&img, rm->addr, buf, sizeof buf), "runtime.main");
    CU_ASSERT_STRING_EQUAL(image_symbolize(&img, rm->addr + 5, buf, sizeof buf), "runtime.main+5");
    for (size_t i = 1; i < img.nlines; i++)
        CU_ASSERT(img.lines[i - 1].addr + img.lines[i - 1].len <= img.lines[i].addr);
    image_free(&img);

    /* Cut anywhere, the file is refused (its tables run to the end) or
     * read whole, never read past the end. */
    for (size_t cut = 0; cut < size; cut += 4093) {
        if (elf_parse(d, cut, &f, why, sizeof why) == 0 &&
            elf_image_build(NULL, &f, &img, why, sizeof why) == 0)
            image_free(&img);
    }
    free(d);
}

static void check_stripped(const char *path, const char *version)
{
    size_t size;
    uint8_t *d = read_whole(path, &size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    elf_file f;
    image img;
    char why[256];
    CU_ASSERT_EQUAL_FATAL(elf_parse(d, size, &f, why, sizeof why), 0);
    CU_ASSERT(!f.has_symtab && !f.has_dwarf);
    CU_ASSERT_EQUAL_FATAL(elf_image_build(path, &f, &img, why, sizeof why), 0);
    CU_ASSERT_EQUAL(img.nsyms, 0u);
    CU_ASSERT_EQUAL(img.nlines, 0u);
    CU_ASSERT_EQUAL(img.nsegs, 3);
    printf("\n    %s hello -s -w: %d segments, no symbols or lines ", version, img.nsegs);
    image_free(&img);
    free(d);
}

/* Only the C compiler decides whether a static cgo build is possible here. */
static void check_cgo(const char *go, const char *dir)
{
    if (system("command -v gcc >/dev/null 2>&1") != 0 ||
        go_build(go, dir, cgo_go, "cgo", "1", "-linkmode external -extldflags -static") != 0) {
        printf("\n    (no static cgo build here: gcc or a static libc is missing) ");
        return;
    }
    char path[512];
    snprintf(path, sizeof path, "%s/cgo", dir);
    size_t size;
    uint8_t *d = read_whole(path, &size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    expect_refusal(d, size, "a cgo binary", "static cgo");
    printf("\n    a static cgo build is refused ");
    free(d);
}

static void go_tests(const char *go, const char *version, bool cgo)
{
    if (access(go, X_OK) != 0) {
        printf("\n    skipped: %s is not installed ", go);
        CU_PASS("no Go toolchain");
        return;
    }
    char dir[] = "/tmp/sim-test-elf-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char path[512];
    if (go_build(go, dir, hello_go, "main", "0", "") == 0) {
        snprintf(path, sizeof path, "%s/main", dir);
        check_hello(path, version);
    } else {
        fprintf(stderr, "\n  %s build failed (see %s/build.log)", go, dir);
        CU_FAIL("go build");
        return;
    }
    if (go_build(go, dir, hello_go, "stripped", "0", "-s -w") == 0) {
        snprintf(path, sizeof path, "%s/stripped", dir);
        check_stripped(path, version);
    } else {
        CU_FAIL("go build -ldflags='-s -w'");
    }
    if (cgo)
        check_cgo(go, dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "chmod -R u+w '%s' && rm -rf '%s'", dir, dir);
    if (system(cmd) != 0)
        fprintf(stderr, "\n  could not remove %s", dir);
}

static void test_go119_hello(void) { go_tests("/usr/lib/go-1.19/bin/go", "go1.19", true); }
static void test_go121_hello(void) { go_tests("/usr/lib/go-1.21/bin/go", "go1.21", false); }

TEST_SUITE(elf)
{
    TEST_CASE(test_minimal_executable);
    TEST_CASE(test_without_section_headers);
    TEST_CASE(test_header_refusals);
    TEST_CASE(test_segment_refusals);
    TEST_CASE(test_section_refusals);
    TEST_CASE(test_cgo_refusals);
    TEST_CASE(test_fuzzed_headers);
    TEST_CASE(test_line_at_covering_rows);
    TEST_CASE(test_go119_hello);
    TEST_CASE(test_go121_hello);
}
