/* The model table, dispatch from stubs, and the helpers every model uses:
 * ABI glue (the ABI0 wrappers' source, RET, calls into assembly), tracing
 * of model calls, the heap arena, fastrand and the virtual clock. */
#include "runtime_model/models_internal.h"
#include "traces/strbuf.h"
#include "traces/trace.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*model_fn)(machine *mc, int resume);

/* Entry points reached from assembly (each defined in a m_*.c file). */
void model_check(machine *mc, int resume);
void model_args(machine *mc, int resume);
void model_osinit(machine *mc, int resume);
void model_schedinit(machine *mc, int resume);
void model_newproc(machine *mc, int resume);
void model_mstart1(machine *mc, int resume);
void model_mexit(machine *mc, int resume);
void model_execute_return(machine *mc, int resume);
void model_goexit1(machine *mc, int resume);
void model_goexit0(machine *mc, int resume);
void model_Gosched(machine *mc, int resume);
void model_gosched_m(machine *mc, int resume);
void model_badmcall(machine *mc, int resume);
void model_badmcall2(machine *mc, int resume);

/* abi0: the function is called from assembly, so it gets an ABI0 wrapper,
 * as Go's linker puts in front of a Go function that assembly calls: its
 * arguments' sizes ('L' int32, 'Q' 8 bytes) in order, "" for none; NULL:
 * not called from assembly (reached through a funcval or as a
 * continuation).  Every model is entered ABIInternal: arguments in AX,
 * BX, ..., g in R14. */
static const struct { const char *name; model_fn fn; const char *abi0; } models[] = {
    {"runtime·check", model_check, ""},
    {"runtime·args", model_args, "LQ"},
    {"runtime·osinit", model_osinit, ""},
    {"runtime·schedinit", model_schedinit, ""},
    {"runtime·newproc", model_newproc, "Q"},
    {"runtime·mstart1", model_mstart1, ""},
    {"runtime·mexit", model_mexit, "L"},
    {"runtime·execute", model_execute_return, NULL},
    {"runtime·goexit1", model_goexit1, ""},
    {"runtime·goexit0", model_goexit0, NULL},
    {"runtime·Gosched", model_Gosched, ""},
    {"runtime·gosched_m", model_gosched_m, NULL},
    {"runtime·badmcall", model_badmcall, "Q"},
    {"runtime·badmcall2", model_badmcall2, "Q"},
};
#define NMODELS (sizeof models / sizeof models[0])

/* Globals of the runtime (and the arena's bump pointer), zeroed in bss. */
static const link_model_sym data_syms[] = {
    {"runtime·g0", false, 408, NULL, NULL},
    {"runtime·m0", false, 1008, NULL, NULL},
    {"runtime·sched", false, 1632, NULL, NULL},
    {"runtime·allp", false, 24, NULL, NULL},
    {"runtime·allgs", false, 24, NULL, NULL},
    {"runtime·allglen", false, 8, NULL, NULL},
    {"runtime·allm", false, 8, NULL, NULL},
    {"runtime·mainStarted", false, 1, NULL, NULL},
    {"runtime·ncpu", false, 4, NULL, NULL},
    {"runtime·gomaxprocs", false, 4, NULL, NULL},
    {"runtime·argc", false, 4, NULL, NULL},
    {"runtime·argv", false, 8, NULL, NULL},
    {"runtime·argslice", false, 24, NULL, NULL},
    {"runtime·envs", false, 24, NULL, NULL},
    {"runtime·physPageSize", false, 8, NULL, NULL},
    {"runtime·startupRand", false, 24, NULL, NULL},
    {"runtime·fastrandseed", false, 8, NULL, NULL},
    {"runtime·isIntel", false, 1, NULL, NULL},
    {"runtime·processorVersionInfo", false, 4, NULL, NULL},
    {"_cgo_init", false, 8, NULL, NULL},   /* nil: not a cgo program (rt0_go tests it) */
    {"runtime·goexit0·f", false, 8, "runtime·goexit0", NULL},
    {"runtime·gosched_m·f", false, 8, "runtime·gosched_m", NULL},
    {"sim·arena_next", false, 8, NULL, NULL},
};
#define NDATA (sizeof data_syms / sizeof data_syms[0])

static const char *wrapper_name(size_t i)
{
    static char names[NMODELS][96];
    if (!names[i][0])
        snprintf(names[i], sizeof names[i], "%s·abi0", models[i].name);
    return names[i];
}

const link_model_sym *models_symbols(size_t *n)
{
    static link_model_sym all[NMODELS + NDATA];
    for (size_t i = 0; i < NMODELS; i++)
        all[i] = (link_model_sym){models[i].name, true, 0, NULL,
                                  models[i].abi0 ? wrapper_name(i) : NULL};
    memcpy(all + NMODELS, data_syms, sizeof data_syms);
    *n = NMODELS + NDATA;
    return all;
}

/* One wrapper, in go1.21's shape (the assembler inserts its frame): with no
 * arguments XORPS X15, X15; MOVQ (TLS), R14; JMP to the function; with
 * arguments a frame of one word per argument, the arguments loaded from
 * the caller's stack into AX, BX, ..., then the same two and a CALL. */
static void wrapper_text(strbuf *b, size_t i)
{
    static const char *const regs[] = {"AX", "BX", "CX", "DI", "SI", "R8", "R9", "R10", "R11"};
    const char *kinds = models[i].abi0;
    size_t n = strlen(kinds);
    char line[256];
    snprintf(line, sizeof line, "\nTEXT %s(SB),NOSPLIT|ABIWRAPPER,$%zu-%zu\n", wrapper_name(i),
             8 * n, 8 * n);
    sb_str(b, line);
    for (size_t a = 0; a < n && a < sizeof regs / sizeof regs[0]; a++) {
        snprintf(line, sizeof line, "\tMOV%c\targ%zu+%zu(FP), %s\n", kinds[a], a, 8 * a, regs[a]);
        sb_str(b, line);
    }
    sb_str(b, "\tXORPS\tX15, X15\n\tMOVQ\t(TLS), R14\n");
    snprintf(line, sizeof line, n ? "\tCALL\t%s(SB)\n\tRET\n" : "\tJMP\t%s(SB)\n",
             models[i].name);
    sb_str(b, line);
}

char *models_abi0_source(bool (*defined)(void *ctx, const char *name), void *ctx)
{
    static char text[8192];
    strbuf b = sb_on(text, sizeof text);
    sb_str(&b, "// ABI0 wrappers of the modelled Go functions that assembly calls (a Go\n"
               "// binary's <autogenerated> runtime.X.abi0): ABI0 stack arguments into\n"
               "// registers, X15 = 0, R14 = g from TLS, then the function.\n"
               "#include \"textflag.h\"\n");
    int nw = 0;
    for (size_t i = 0; i < NMODELS; i++)
        if (models[i].abi0 && !defined(ctx, models[i].name)) {
            wrapper_text(&b, i);
            nw++;
        }
    return nw ? strdup(text) : NULL;
}

bool models_stub_called(const char *name)
{
    for (size_t i = 0; i < NMODELS; i++)   /* execute's stub is only where gogo would return */
        if (strcmp(models[i].name, name) == 0)
            return models[i].fn != model_execute_return;
    return false;
}

static uint64_t need(machine *mc, const char *name, int *missing)
{
    uint64_t a = image_addr(&mc->img, name);
    if (!a) {
        fprintf(stderr, "sim: the program does not define %s, which the models need\n", name);
        (*missing)++;
    }
    return a;
}

int models_bind(machine *mc)
{
    int missing = 0;
    mc->g0 = need(mc, "runtime·g0", &missing);
    mc->m0 = need(mc, "runtime·m0", &missing);
    mc->sched = need(mc, "runtime·sched", &missing);
    mc->allp = need(mc, "runtime·allp", &missing);
    mc->allgs = need(mc, "runtime·allgs", &missing);
    mc->allglen = need(mc, "runtime·allglen", &missing);
    mc->allm = need(mc, "runtime·allm", &missing);
    mc->mainStarted = need(mc, "runtime·mainStarted", &missing);
    mc->ncpu = need(mc, "runtime·ncpu", &missing);
    mc->gomaxprocs = need(mc, "runtime·gomaxprocs", &missing);
    mc->argc = need(mc, "runtime·argc", &missing);
    mc->argv = need(mc, "runtime·argv", &missing);
    mc->envs = need(mc, "runtime·envs", &missing);
    mc->physPageSize = need(mc, "runtime·physPageSize", &missing);
    mc->startupRand = need(mc, "runtime·startupRand", &missing);
    mc->fastrandseed = need(mc, "runtime·fastrandseed", &missing);
    mc->isIntel = need(mc, "runtime·isIntel", &missing);
    mc->arena_next = need(mc, "sim·arena_next", &missing);
    mc->goexit = need(mc, "runtime·goexit", &missing);
    mc->gogo = need(mc, "runtime·gogo", &missing);
    mc->mcall = need(mc, "runtime·mcall", &missing);
    mc->goexit0_fv = need(mc, "runtime·goexit0·f", &missing);
    mc->gosched_m_fv = need(mc, "runtime·gosched_m·f", &missing);
    _Static_assert(NMODELS <= MACHINE_MAX_MODELS, "machine.model_syms is too small");
    for (size_t i = 0; i < NMODELS; i++)   /* dispatch compares symbols, not names */
        mc->model_syms[i] = image_sym_at(&mc->img, image_addr(&mc->img, models[i].name));
    if (!missing)
        emu_write_u(mc->cpu, mc->arena_next, 8, mc->cfg->heap_base);
    return missing ? -1 : 0;
}

int models_dispatch(machine *mc)
{
    uint64_t rip = emu_reg_get(mc->cpu, R_RIP);
    const image_sym *s = image_sym_at(&mc->img, rip);
    for (size_t i = 0; s && s->kind == SYM_MODEL && i < NMODELS; i++) {
        if (s != mc->model_syms[i])
            continue;
        machine_model_call(mc, models[i].name, models[i].fn, (int)(rip - s->addr));
        return 0;
    }
    return -1;
}

void throw_(machine *mc, const char *fmt, ...)
{
    if (!ok(mc))
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(mc->why, sizeof mc->why, fmt, ap);
    va_end(ap);
    mc->state = RUN_THROW;
    if (mc->tr)
        tracer_note(mc->tr, mc->depth, "throw: fatal error");
}

/* FMT with AP into BUF, for the conversions the models use (%s %d %u %lld
 * %llu %llx %zu %%) by hand: a model call is traced for every few
 * instructions, and vsnprintf's parsing showed in the profile.  Anything
 * else goes to vsnprintf. */
static void format_args(char *buf, size_t len, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    strbuf b = sb_on(buf, len);
    for (const char *f = fmt; *f; f++) {
        const char *pct = strchr(f, '%');
        if (!pct) {
            sb_str(&b, f);
            break;
        }
        sb_put(&b, f, (size_t)(pct - f));
        f = pct + 1;
        if (*f == 's')
            sb_str(&b, va_arg(ap, const char *));
        else if (*f == 'd')
            sb_dec(&b, va_arg(ap, int));
        else if (*f == 'u')
            sb_udec(&b, va_arg(ap, unsigned));
        else if (*f == '%')
            sb_put(&b, "%", 1);
        else if (f[0] == 'z' && f[1] == 'u') {
            f++;
            sb_udec(&b, va_arg(ap, size_t));
        } else if (f[0] == 'l' && f[1] == 'l' && (f[2] == 'd' || f[2] == 'u' || f[2] == 'x')) {
            f += 2;
            if (*f == 'd')
                sb_dec(&b, va_arg(ap, long long));
            else if (*f == 'u')
                sb_udec(&b, va_arg(ap, unsigned long long));
            else
                sb_hexdigits(&b, va_arg(ap, unsigned long long));
        } else {   /* a conversion not handled here: all of it by vsnprintf */
            vsnprintf(buf, len, fmt, again);
            va_end(again);
            return;
        }
    }
    va_end(again);
}

void enter_traced(machine *mc, const char *name, const char *fmt, ...)
{
    char args[400];
    va_list ap;
    va_start(ap, fmt);
    format_args(args, sizeof args, fmt, ap);
    va_end(ap);
    tracer_call(mc->tr, mc->depth, name, args);
}

void leave(machine *mc) { mc->depth--; }

void note_traced(machine *mc, const char *fmt, ...)
{
    char text[400];
    va_list ap;
    va_start(ap, fmt);
    format_args(text, sizeof text, fmt, ap);
    va_end(ap);
    tracer_note(mc->tr, mc->depth, text);
}

const char *gname(machine *mc, uint64_t g, char *buf)
{
    return val_text(mc, KIND_GPTR, g, buf, 32);
}

const char *symname(machine *mc, uint64_t pc, char *buf)
{
    return val_text(mc, KIND_UPTR, pc, buf, 96);
}

uint64_t getg(machine *mc)
{
    uint64_t fs = emu_reg_get(mc->cpu, R_FS_BASE);
    if (fs < 8 || !emu_mapped(mc->cpu, fs - 8, 8)) {
        snprintf(mc->why, sizeof mc->why,
                 "SIGSEGV: reading g at %%fs:-8 (fs_base=0x%llx): thread-local storage "
                 "was never set up (settls)", (unsigned long long)fs);
        mc->state = RUN_FAULT;
        return 0;
    }
    return emu_read_u(mc->cpu, fs - 8, 8);
}

uint64_t arg_abi0(machine *mc, int i)
{
    return emu_read_u(mc->cpu, emu_reg_get(mc->cpu, R_RSP) + 8 + 8 * (uint64_t)i, 8);
}

void model_return(machine *mc)
{
    uint64_t sp = emu_reg_get(mc->cpu, R_RSP);
    emu_reg_set(mc->cpu, R_RIP, emu_read_u(mc->cpu, sp, 8));
    emu_reg_set(mc->cpu, R_RSP, sp + 8);
}

uint64_t stub_addr(machine *mc, const char *name, int resume)
{
    return image_addr(&mc->img, name) + (uint64_t)resume;
}

void call_asm(machine *mc, uint64_t target, uint64_t frame, const uint64_t *args, int nargs,
              uint64_t ret_to)
{
    uint64_t sp = emu_reg_get(mc->cpu, R_RSP) - frame;
    for (int i = 0; i < nargs; i++)
        wr_word(mc, sp + 8 * (uint64_t)i, args[i], "argument");
    sp -= 8;
    wr_word(mc, sp, ret_to, "return address");
    emu_reg_set(mc->cpu, R_RSP, sp);
    emu_reg_set(mc->cpu, R_RIP, target);
}

void wr_var(machine *mc, uint64_t addr, int size, go_kind kind, const char *name, uint64_t v)
{
    uint64_t old = emu_read_u(mc->cpu, addr, size);
    uint64_t mask = size >= 8 ? ~0ULL : (1ULL << (8 * size)) - 1;
    emu_write_u(mc->cpu, addr, size, v);
    if (mc->tr && old != (v & mask)) {
        char a[96], b[96];
        uint64_t nv = v & mask;
        if (kind == KIND_I32) {   /* show int32 globals signed */
            old = (uint64_t)(int64_t)(int32_t)old;
            nv = (uint64_t)(int64_t)(int32_t)nv;
        }
        tracer_state(mc->tr, mc->depth, name, val_text(mc, kind, old, a, sizeof a),
                     val_text(mc, kind, nv, b, sizeof b));
    }
}

uint64_t rd_var(machine *mc, uint64_t addr, int size) { return emu_read_u(mc->cpu, addr, size); }

int64_t nanotime(machine *mc)
{
    if (mc->clock)   /* a real program's virtual time (linux/vtime.c) */
        return mc->clock(mc->clock_ctx);
    /* One nanosecond per instruction from a fixed origin: deterministic. */
    return 1000000000LL + (int64_t)emu_icount(mc->cpu);
}

uint64_t arena_alloc(machine *mc, uint64_t size, uint64_t align)
{
    if (mc->alloc)
        return mc->alloc(mc->alloc_ctx, size, align);
    uint64_t next = rd_var(mc, mc->arena_next, 8);
    uint64_t p = (next + align - 1) / align * align;
    if (p + size > mc->cfg->heap_base + mc->cfg->heap_size) {
        throw_(mc, "out of memory: heap arena of %llu bytes is full (memory.heap_size)",
               (unsigned long long)mc->cfg->heap_size);
        return 0;
    }
    emu_write_u(mc->cpu, mc->arena_next, 8, p + size);
    static const uint8_t zero[4096];
    for (uint64_t off = 0; off < size; off += sizeof zero)
        emu_write(mc->cpu, p + off, zero, size - off < sizeof zero ? size - off : sizeof zero);
    return p;
}

/* go1.21's fastrand on 64-bit platforms: wyrand over m.fastrand. */
uint32_t fastrand(machine *mc)
{
    uint64_t mp = rd(mc, getg(mc), F_g_m);
    uint64_t s = rd(mc, mp, F_m_fastrand) + 0xa0761d6478bd642fULL;
    wr(mc, mp, F_m_fastrand, s);
    unsigned __int128 prod = (unsigned __int128)s * (s ^ 0xe7037ed1a0b428dbULL);
    return (uint32_t)((uint64_t)(prod >> 64) ^ (uint64_t)prod);
}
