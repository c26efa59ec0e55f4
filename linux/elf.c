/* Parsing and validating an ELF executable: see elf.h.
 *
 * The file may be anything (a truncated download, a fuzzer's bytes), so
 * every offset and size read from it is checked against the file before it
 * is followed, in the overflow-safe form in_file() uses. */
#include "linux/elf.h"
#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define PAGE 4096ULL

/* Headers are copied into glibc's Elf64_* structs as they lie in the file,
 * which is right only on a little-endian host (elf_parse refuses big-endian
 * files). */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "sim reads ELF headers in host order");

int elf_refuse(char *why, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (why && len)
        vsnprintf(why, len, fmt, ap);
    va_end(ap);
    return -1;
}

/* N bytes at OFF lie inside a file of SIZE bytes (without OFF + N overflowing). */
static bool in_file(size_t size, uint64_t off, uint64_t n)
{
    return off <= size && n <= size - off;
}

static uint64_t page_down(uint64_t a) { return a & ~(PAGE - 1); }
static uint64_t page_up(uint64_t a) { return (a + PAGE - 1) & ~(PAGE - 1); }

bool elf_is_elf(const uint8_t *data, size_t size)
{
    return data && size >= SELFMAG && memcmp(data, ELFMAG, SELFMAG) == 0;
}

/* A name for the architectures a wrong binary is most likely built for. */
static const char *machine_name(unsigned m)
{
    switch (m) {
    case EM_386: return ": i386";
    case EM_ARM: return ": 32-bit ARM";
    case EM_AARCH64: return ": arm64";
    case EM_RISCV: return ": riscv64";
    case EM_PPC64: return ": ppc64";
    case EM_S390: return ": s390x";
    case EM_MIPS: return ": mips";
    default: return "";
    }
}

static int check_header(const uint8_t *d, size_t size, Elf64_Ehdr *eh, char *why, size_t len)
{
    if (!elf_is_elf(d, size))
        return elf_refuse(why, len, "not an ELF file");
    if (size < EI_NIDENT)
        return elf_refuse(why, len, "truncated: the ELF header needs %zu bytes, the file has %zu",
                      sizeof *eh, size);
    if (d[EI_CLASS] == ELFCLASS32)
        return elf_refuse(why, len, "a 32-bit ELF (sim runs x86-64 only)");
    if (d[EI_CLASS] != ELFCLASS64)
        return elf_refuse(why, len, "an ELF of unknown class %u", d[EI_CLASS]);
    if (d[EI_DATA] == ELFDATA2MSB)
        return elf_refuse(why, len, "a big-endian ELF (sim runs x86-64 only)");
    if (d[EI_DATA] != ELFDATA2LSB)
        return elf_refuse(why, len, "an ELF of unknown byte order %u", d[EI_DATA]);
    if (size < sizeof *eh)
        return elf_refuse(why, len, "truncated: the ELF header needs %zu bytes, the file has %zu",
                      sizeof *eh, size);
    memcpy(eh, d, sizeof *eh);
    if (eh->e_machine != EM_X86_64)
        return elf_refuse(why, len, "an ELF for another architecture (machine %u%s)", eh->e_machine,
                      machine_name(eh->e_machine));
    if (d[EI_OSABI] != ELFOSABI_NONE && d[EI_OSABI] != ELFOSABI_GNU)
        return elf_refuse(why, len, "an ELF for another operating system (OS/ABI %u; sim runs "
                      "Linux programs: build with GOOS=linux)", d[EI_OSABI]);
    if (eh->e_type == ET_REL)
        return elf_refuse(why, len, "an object file (ET_REL), not a linked executable");
    if (eh->e_type == ET_CORE)
        return elf_refuse(why, len, "a core dump (ET_CORE), not an executable");
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        return elf_refuse(why, len, "not an executable (ELF type %u)", eh->e_type);
    if (eh->e_phnum == 0)
        return elf_refuse(why, len, "no program headers (not an executable)");
    if (eh->e_phnum == PN_XNUM)
        return elf_refuse(why, len, "too many program headers (PN_XNUM)");
    if (eh->e_phentsize != sizeof(Elf64_Phdr))
        return elf_refuse(why, len, "program headers of %u bytes (x86-64 ones are %zu)",
                      eh->e_phentsize, sizeof(Elf64_Phdr));
    return 0;
}

static int check_load(const Elf64_Phdr *ph, unsigned i, size_t size, char *why, size_t len)
{
    if (ph->p_filesz > ph->p_memsz)
        return elf_refuse(why, len, "segment %u: its file size 0x%llx exceeds its memory size 0x%llx",
                      i, (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
    if (!in_file(size, ph->p_offset, ph->p_filesz))
        return elf_refuse(why, len, "truncated: segment %u lies past the end of the file", i);
    if (ph->p_vaddr + ph->p_memsz < ph->p_vaddr)
        return elf_refuse(why, len, "segment %u wraps around the end of the address space", i);
    if (ph->p_vaddr + ph->p_memsz > ELF_USER_TOP)
        return elf_refuse(why, len, "segment %u (0x%llx-0x%llx) lies above the user address space "
                      "(which ends at 0x7fffffffffff)", i, (unsigned long long)ph->p_vaddr,
                      (unsigned long long)(ph->p_vaddr + ph->p_memsz));
    if (ph->p_vaddr % PAGE != ph->p_offset % PAGE)
        return elf_refuse(why, len, "segment %u is not page-congruent (address 0x%llx and file offset "
                      "0x%llx differ modulo 4096)", i, (unsigned long long)ph->p_vaddr,
                      (unsigned long long)ph->p_offset);
    return 0;
}

/* The program headers: loads into F, and the segments that make a binary
 * one sim cannot run.  PHIDX[k] is load k's program header index, for the
 * messages about pairs of loads. */
static int scan_phdrs(const uint8_t *d, size_t size, const Elf64_Ehdr *eh, elf_file *f,
                      unsigned *phidx, char *why, size_t len)
{
    bool interp = false, dynamic = false;
    /* The whole table first: a file cut inside it is reported as such, not
     * as the first segment its lost bytes would have described. */
    uint64_t fit = eh->e_phoff > size ? 0 : (size - eh->e_phoff) / sizeof(Elf64_Phdr);
    if (fit < eh->e_phnum)
        return elf_refuse(why, len, "truncated: program header %llu lies past the end of the file",
                      (unsigned long long)fit);
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        uint64_t off = eh->e_phoff + (uint64_t)i * sizeof(Elf64_Phdr);
        Elf64_Phdr ph;
        memcpy(&ph, d + off, sizeof ph);
        if (ph.p_type == PT_INTERP)
            interp = true;
        else if (ph.p_type == PT_DYNAMIC)
            dynamic = true;
        else if (ph.p_type == PT_PHDR)
            f->phdr_vaddr = ph.p_vaddr;
        if (ph.p_type != PT_LOAD)
            continue;
        if (check_load(&ph, i, size, why, len) != 0)
            return -1;
        if (ph.p_memsz == 0)
            continue;   /* maps nothing */
        if (f->nloads == ELF_MAX_LOADS)
            return elf_refuse(why, len, "more than %d loadable segments", ELF_MAX_LOADS);
        phidx[f->nloads] = i;
        f->loads[f->nloads++] = (elf_load){ph.p_vaddr, ph.p_memsz, ph.p_filesz, ph.p_offset,
                                           ph.p_flags & (PF_R | PF_W | PF_X)};
    }
    if (interp || (dynamic && eh->e_type != ET_DYN))
        return elf_refuse(why, len, "a dynamically linked executable (sim runs static ones: build "
                      "with CGO_ENABLED=0)");
    if (eh->e_type == ET_DYN)
        return elf_refuse(why, len, "a position-independent executable (ET_DYN; sim runs ones linked "
                      "at a fixed address: build without -buildmode=pie)");
    return 0;
}

/* Loads must not overlap, nor share a page: each is mapped with its own
 * protection on pages of its own, as the kernel would map them. */
static int check_layout(const elf_file *f, const Elf64_Ehdr *eh, const unsigned *phidx,
                        char *why, size_t len)
{
    if (f->nloads == 0)
        return elf_refuse(why, len, "no loadable segments");
    for (int i = 0; i < f->nloads; i++)
        for (int j = i + 1; j < f->nloads; j++) {
            const elf_load *a = &f->loads[i], *b = &f->loads[j];
            if (a->vaddr < b->vaddr + b->memsz && b->vaddr < a->vaddr + a->memsz)
                return elf_refuse(why, len, "segments %u and %u overlap", phidx[i], phidx[j]);
            if (page_down(a->vaddr) < page_up(b->vaddr + b->memsz) &&
                page_down(b->vaddr) < page_up(a->vaddr + a->memsz))
                return elf_refuse(why, len, "segments %u and %u share a page (sim maps each segment "
                              "on pages of its own)", phidx[i], phidx[j]);
        }
    const elf_load *l = elf_load_at(f, eh->e_entry, false);
    if (!l || !(l->flags & PF_X))
        return elf_refuse(why, len, "the entry point 0x%llx is not in an executable segment",
                      (unsigned long long)eh->e_entry);
    return 0;
}

/* Where the program headers are mapped when there is no PT_PHDR: inside
 * the load whose file bytes hold them, as the kernel computes AT_PHDR. */
static uint64_t phdr_address(const elf_file *f, const Elf64_Ehdr *eh)
{
    uint64_t n = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
    for (int i = 0; i < f->nloads; i++) {
        const elf_load *l = &f->loads[i];
        if (eh->e_phoff >= l->offset && eh->e_phoff - l->offset <= l->filesz &&
            n <= l->filesz - (eh->e_phoff - l->offset))
            return l->vaddr + (eh->e_phoff - l->offset);
    }
    return 0;
}

static bool raw_section(const elf_file *f, uint32_t i, Elf64_Shdr *sh)
{
    if (i >= f->shnum)
        return false;
    memcpy(sh, f->data + f->shoff + (uint64_t)i * sizeof *sh, sizeof *sh);
    return true;
}

bool elf_section_get(const elf_file *f, uint32_t i, elf_section *out)
{
    Elf64_Shdr sh, names;
    if (!raw_section(f, i, &sh))
        return false;
    *out = (elf_section){"", sh.sh_type, sh.sh_link, sh.sh_flags, sh.sh_addr, sh.sh_offset,
                         sh.sh_size, sh.sh_entsize};
    if (f->shstrndx && raw_section(f, f->shstrndx, &names) && sh.sh_name < names.sh_size) {
        const char *p = (const char *)f->data + names.sh_offset + sh.sh_name;
        if (memchr(p, 0, names.sh_size - sh.sh_name))
            out->name = p;
    }
    return true;
}

size_t elf_symbol_count(const elf_file *f)
{
    elf_section s;
    if (!f->symtab || !elf_section_get(f, f->symtab, &s))
        return 0;
    return s.size / sizeof(Elf64_Sym);
}

bool elf_symbol_get(const elf_file *f, size_t i, elf_symbol *out)
{
    elf_section symtab, strtab;
    if (i >= elf_symbol_count(f) || !elf_section_get(f, f->symtab, &symtab) ||
        !elf_section_get(f, symtab.link, &strtab))
        return false;
    Elf64_Sym s;
    memcpy(&s, f->data + symtab.offset + i * sizeof s, sizeof s);
    if (s.st_name >= strtab.size)
        return false;
    const char *name = (const char *)f->data + strtab.offset + s.st_name;
    if (!memchr(name, 0, strtab.size - s.st_name))
        return false;
    *out = (elf_symbol){name, s.st_value, s.st_size, ELF64_ST_TYPE(s.st_info),
                        ELF64_ST_BIND(s.st_info), s.st_shndx};
    return true;
}

const elf_load *elf_load_at(const elf_file *f, uint64_t addr, bool at_end)
{
    for (int i = 0; i < f->nloads; i++) {
        const elf_load *l = &f->loads[i];
        if (addr >= l->vaddr && (addr - l->vaddr < l->memsz || (at_end && addr - l->vaddr == l->memsz)))
            return l;
    }
    return NULL;
}

/* The section headers: in the file, each section's bytes in the file, and
 * the .symtab with its string table; sets has_symtab and has_dwarf. */
static int scan_sections(const Elf64_Ehdr *eh, elf_file *f, char *why, size_t len)
{
    if (eh->e_shoff == 0)
        return 0;   /* no section headers: runnable, without symbols or lines */
    if (eh->e_shentsize != sizeof(Elf64_Shdr))
        return elf_refuse(why, len, "section headers of %u bytes (x86-64 ones are %zu)",
                      eh->e_shentsize, sizeof(Elf64_Shdr));
    if (!in_file(f->size, eh->e_shoff, sizeof(Elf64_Shdr)))
        return elf_refuse(why, len, "truncated: the section headers lie past the end of the file");
    Elf64_Shdr s0;
    memcpy(&s0, f->data + eh->e_shoff, sizeof s0);
    /* Past 0xff00 sections the counts live in section 0 (extended numbering). */
    uint64_t n = eh->e_shnum ? eh->e_shnum : s0.sh_size;
    uint64_t strndx = eh->e_shstrndx == SHN_XINDEX ? s0.sh_link : eh->e_shstrndx;
    if (n > (f->size - eh->e_shoff) / sizeof(Elf64_Shdr))
        return elf_refuse(why, len, "truncated: the section headers lie past the end of the file");
    f->shoff = eh->e_shoff;
    f->shnum = (uint32_t)n;
    elf_section s;
    /* Names are read through the name table from here on: it must lie in
     * the file before it is used (the loop below reports it if not). */
    if (strndx < n && elf_section_get(f, (uint32_t)strndx, &s) && s.type == SHT_STRTAB &&
        in_file(f->size, s.offset, s.size))
        f->shstrndx = (uint32_t)strndx;
    for (uint32_t i = 1; i < f->shnum; i++) {
        elf_section_get(f, i, &s);
        if (s.type != SHT_NOBITS && !in_file(f->size, s.offset, s.size))
            return elf_refuse(why, len, "truncated: section %u (%s) lies past the end of the file", i,
                          s.name);
        if ((strcmp(s.name, ".debug_line") == 0 || strcmp(s.name, ".zdebug_line") == 0) &&
            s.type != SHT_NOBITS && s.size > 0)
            f->has_dwarf = true;
        if (s.type != SHT_SYMTAB || f->symtab)
            continue;
        elf_section str;
        if (s.entsize != sizeof(Elf64_Sym))
            return elf_refuse(why, len, "the symbol table's entries are %llu bytes (x86-64 ones are %zu)",
                          (unsigned long long)s.entsize, sizeof(Elf64_Sym));
        if (!elf_section_get(f, s.link, &str) || str.type != SHT_STRTAB || s.link == 0)
            return elf_refuse(why, len, "the symbol table's string table (section %u) is missing", s.link);
        f->symtab = i;
    }
    f->has_symtab = elf_symbol_count(f) > 1;
    return 0;
}

/* The 8 bytes at ADDR as the file initialises them, 0 where it does not. */
static uint64_t initial_word(const elf_file *f, uint64_t addr)
{
    const elf_load *l = elf_load_at(f, addr, false);
    uint64_t v = 0;
    if (l && l->filesz >= 8 && addr - l->vaddr <= l->filesz - 8)
        memcpy(&v, f->data + l->offset + (addr - l->vaddr), 8);
    return v;
}

/* A static cgo binary carries the C side of cgo: x_cgo_init and crosscall2
 * from runtime/cgo, and _cgo_init set to x_cgo_init (a pure Go binary has
 * _cgo_init too, zero in its bss).  What gives it away, or NULL. */
static const char *cgo_marker(const elf_file *f)
{
    size_t n = elf_symbol_count(f);
    elf_symbol s;
    for (size_t i = 1; i < n; i++) {
        if (!elf_symbol_get(f, i, &s) || s.shndx == SHN_UNDEF)
            continue;
        if (strcmp(s.name, "x_cgo_init") == 0)
            return "it defines x_cgo_init";
        if (strcmp(s.name, "crosscall2") == 0)
            return "it defines crosscall2";
        if (strcmp(s.name, "_cgo_init") == 0 && initial_word(f, s.value) != 0)
            return "its _cgo_init points at C code";
    }
    return NULL;
}

int elf_parse(const uint8_t *data, size_t size, elf_file *out, char *why, size_t whylen)
{
    Elf64_Ehdr eh;
    unsigned phidx[ELF_MAX_LOADS];
    memset(out, 0, sizeof *out);
    if (why && whylen)
        why[0] = 0;
    if (check_header(data, size, &eh, why, whylen) != 0)
        return -1;
    out->data = data;
    out->size = size;
    out->entry = eh.e_entry;
    out->phent = eh.e_phentsize;
    out->phnum = eh.e_phnum;
    if (scan_phdrs(data, size, &eh, out, phidx, why, whylen) != 0 ||
        check_layout(out, &eh, phidx, why, whylen) != 0 || scan_sections(&eh, out, why, whylen) != 0)
        return -1;
    if (!out->phdr_vaddr)
        out->phdr_vaddr = phdr_address(out, &eh);
    const char *cgo = cgo_marker(out);
    if (cgo)
        return elf_refuse(why, whylen, "a cgo binary (%s; sim runs pure Go: build with "
                      "CGO_ENABLED=0)", cgo);
    return 0;
}
