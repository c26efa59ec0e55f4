/* The loader: see loader.h. */
#include "linux/loader.h"
#include <capstone/capstone.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int segment_prot(const image_segment *s)
{
    return EMU_PROT_READ | (s->write ? EMU_PROT_WRITE : 0) | (s->exec ? EMU_PROT_EXEC : 0);
}

static bool all_zero(const uint8_t *p, uint64_t n)
{
    return n == 0 || (p[0] == 0 && memcmp(p, p + 1, n - 1) == 0);
}

static int map_segments(lx_process *pr, const image *img, char *why, size_t whylen)
{
    uint64_t mapped_to = 0;
    for (int i = 0; i < img->nsegs; i++) {
        const image_segment *s = &img->segs[i];
        uint64_t start = s->addr < mapped_to ? mapped_to : s->addr;   /* a page two segments share */
        int rc = s->addr + s->size > start
                     ? vm_map_fixed(&pr->vm, start, s->addr + s->size - start, segment_prot(s), s->name)
                     : 0;
        if (rc != 0) {
            snprintf(why, whylen, "cannot map the %s segment at %#llx: %s", s->name,
                     (unsigned long long)s->addr,
                     s->addr < VM_LOWEST ? "it lies below 0x10000, the lowest address Linux maps (vm.mmap_min_addr)"
                     : rc == -ENOMEM     ? "the program's mappings would pass limits.max_memory"
                                         : "not a valid address range");
            return -1;
        }
        for (uint64_t off = 0; off < s->size; off += VM_PAGE) {   /* page by page: areas may differ */
            uint64_t n = s->size - off < VM_PAGE ? s->size - off : VM_PAGE;
            if (all_zero(s->bytes + off, n))
                continue;   /* a new mapping is zeros already: its page is not touched (the bss) */
            uint8_t *h = vm_host(&pr->vm, s->addr + off, VM_PAGE);
            if (h)
                memcpy(h, s->bytes + off, n);
        }
        if (s->addr + s->size > mapped_to)
            mapped_to = s->addr + s->size;
    }
    pr->brk_start = pr->brk_cur = mapped_to;
    return 0;
}

static int build_stack(lx_process *pr, const elf_file *f, procstack *ps, char *why, size_t whylen)
{
    const uint64_t auxv[][2] = {
        {AT_HWCAP, 0x178bfbff}, {AT_PAGESZ, 4096}, {AT_CLKTCK, 100}, {AT_PHDR, f->phdr_vaddr},
        {AT_PHENT, f->phent}, {AT_PHNUM, f->phnum}, {AT_BASE, 0}, {AT_FLAGS, 0},
        {AT_ENTRY, f->entry}, {AT_UID, 1000}, {AT_EUID, 1000}, {AT_GID, 1000}, {AT_EGID, 1000},
        {AT_SECURE, 0}, {AT_RANDOM, 0}, {AT_EXECFN, 0}, {AT_PLATFORM, 0},
    };
    procstack_args a = {pr->p.argv, pr->p.argc, pr->p.env, pr->p.nenv, pr->p.at_random, auxv,
                        (int)(sizeof auxv / sizeof auxv[0])};
    if (vm_map_fixed(&pr->vm, VM_STACK_TOP - LX_STACK_SIZE, LX_STACK_SIZE,
                     EMU_PROT_READ | EMU_PROT_WRITE, "[stack]") != 0) {
        snprintf(why, whylen, "cannot map the stack");
        return -1;
    }
    /* argv and env may use the top MiB, as ARG_MAX allows far more; the
     * layout zeroes what it is given, so the top 64 KiB are tried first
     * (a restart in the debugger then touches 16 pages, not 256). */
    int rc = -1;
    for (size_t len = 64 << 10; rc != 0 && len <= 1 << 20; len *= 16) {
        uint8_t *top = vm_host(&pr->vm, VM_STACK_TOP - len, len);
        rc = top ? procstack_layout(&a, VM_STACK_TOP, top, len, ps) : -1;
    }
    if (rc != 0) {
        snprintf(why, whylen, "argv and env do not fit in the top MiB of the stack");
        return -1;
    }
    return 0;
}

static int tsc_sites(const image *img, uint64_t **sites, bool **rdtscp)
{
    csh cs;
    int n = 0, cap = 16;
    *sites = malloc((size_t)cap * sizeof **sites);
    *rdtscp = malloc((size_t)cap * sizeof **rdtscp);
    if (!*sites || !*rdtscp || cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
        return -1;
    cs_option(cs, CS_OPT_SKIPDATA, CS_OPT_ON);
    cs_insn *in = cs_malloc(cs);
    for (int i = 0; i < img->nsegs; i++) {
        const image_segment *s = &img->segs[i];
        if (!s->exec)
            continue;
        /* From the first function on: the segment starts with the ELF headers. */
        uint64_t from = s->addr;
        for (size_t k = 0; k < img->nsyms; k++)
            if (img->syms[k].kind == SYM_TEXT && img->syms[k].addr >= s->addr &&
                img->syms[k].addr < s->addr + s->size) {
                from = img->syms[k].addr;
                break;
            }
        const uint8_t *code = s->bytes + (from - s->addr);
        size_t left = s->size - (from - s->addr);
        /* Not into the zeros at the end (the bss of a text segment, which a
         * hostile ELF makes gigabytes long): neither instruction ends in
         * a zero byte, so no site is lost. */
        while (left && code[left - 1] == 0)
            left--;
        uint64_t pc = from;
        while (left && cs_disasm_iter(cs, &code, &left, &pc, in)) {
            bool t = in->id == X86_INS_RDTSC, tp = in->id == X86_INS_RDTSCP;
            if (!t && !tp)
                continue;
            if (n == cap) {
                cap *= 2;
                *sites = realloc(*sites, (size_t)cap * sizeof **sites);
                *rdtscp = realloc(*rdtscp, (size_t)cap * sizeof **rdtscp);
                if (!*sites || !*rdtscp)
                    return -1;
            }
            (*sites)[n] = pc;   /* PC is already past the instruction */
            (*rdtscp)[n++] = tp;
        }
    }
    cs_free(in, 1);
    cs_close(&cs);
    return n;
}

int lx_tsc_scan(const image *img, lx_tsc_sites *out)
{
    memset(out, 0, sizeof *out);
    out->n = tsc_sites(img, &out->at, &out->rdtscp);
    if (out->n >= 0)
        return 0;
    lx_tsc_free(out);
    return -1;
}

void lx_tsc_free(lx_tsc_sites *t)
{
    free(t->at);
    free(t->rdtscp);
    memset(t, 0, sizeof *t);
}

int lx_load(lx_process *pr, const elf_file *f, const image *img, const lx_tsc_sites *tsc,
            procstack *ps, char *why, size_t whylen)
{
    if (map_segments(pr, img, why, whylen) != 0 || build_stack(pr, f, ps, why, whylen) != 0)
        return -1;
    if (emu_set_tsc_sites(pr->cpu, tsc->at, tsc->rdtscp, tsc->n, lx_tsc, pr) != 0) {
        snprintf(why, whylen, "cannot watch the program's RDTSC instructions");
        return -1;
    }
    for (int r = 0; r < EMU_NREGS; r++)
        emu_reg_set(pr->cpu, (emu_reg)r, 0);
    emu_reg_set(pr->cpu, R_RSP, ps->sp);
    emu_reg_set(pr->cpu, R_RIP, f->entry);
    emu_reg_set(pr->cpu, R_RFLAGS, 0x202);
    pr->entry = f->entry;
    return 0;
}
