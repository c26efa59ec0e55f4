/* The model table, dispatch from stubs, and the helpers every model uses:
 * ABI glue (stack arguments, RET, calls into assembly), tracing of model
 * calls, the heap arena, fastrand and the virtual clock. */
#include "runtime_model/models_internal.h"
#include "traces/strbuf.h"
#include "traces/trace.h"
#include <stdio.h>
#include <string.h>

typedef void (*model_fn)(machine *mc, int resume);

/* Entry points reached from assembly (each defined in a m_*.c file). */
void model_check(machine *mc, int resume);
void model_args(machine *mc, int resume);
void model_osinit(machine *mc, int resume);
void model_schedinit(machine *mc, int resume);
void model_newproc(machine *mc, int resume);
void model_mstart0(machine *mc, int resume);
void model_execute_return(machine *mc, int resume);
void model_goexit1(machine *mc, int resume);
void model_goexit0(machine *mc, int resume);
void model_Gosched(machine *mc, int resume);
void model_gosched_m(machine *mc, int resume);
void model_badmcall(machine *mc, int resume);
void model_badmcall2(machine *mc, int resume);

/* abi0: reached by an ABI0 CALL, through the wrapper Go's linker puts in
 * front of a Go function (which loads g into R14 from %fs:-8). */
static const struct { const char *name; model_fn fn; bool abi0; } models[] = {
    {"runtime·check", model_check, true},
    {"runtime·args", model_args, true},
    {"runtime·osinit", model_osinit, true},
    {"runtime·schedinit", model_schedinit, true},
    {"runtime·newproc", model_newproc, true},
    {"runtime·mstart0", model_mstart0, true},
    {"runtime·execute", model_execute_return, false},
    {"runtime·goexit1", model_goexit1, true},
    {"runtime·goexit0", model_goexit0, false},
    {"runtime·Gosched", model_Gosched, true},
    {"runtime·gosched_m", model_gosched_m, false},
    {"runtime·badmcall", model_badmcall, true},
    {"runtime·badmcall2", model_badmcall2, true},
};
#define NMODELS (sizeof models / sizeof models[0])

/* Globals of the runtime (and the arena's bump pointer), zeroed in bss. */
static const link_model_sym data_syms[] = {
    {"runtime·g0", false, 408, NULL},
    {"runtime·m0", false, 1008, NULL},
    {"runtime·sched", false, 1632, NULL},
    {"runtime·allp", false, 24, NULL},
    {"runtime·allgs", false, 24, NULL},
    {"runtime·allglen", false, 8, NULL},
    {"runtime·allm", false, 8, NULL},
    {"runtime·mainStarted", false, 1, NULL},
    {"runtime·ncpu", false, 4, NULL},
    {"runtime·gomaxprocs", false, 4, NULL},
    {"runtime·argc", false, 4, NULL},
    {"runtime·argv", false, 8, NULL},
    {"runtime·argslice", false, 24, NULL},
    {"runtime·envs", false, 24, NULL},
    {"runtime·physPageSize", false, 8, NULL},
    {"runtime·startupRand", false, 24, NULL},
    {"runtime·fastrandseed", false, 8, NULL},
    {"runtime·isIntel", false, 1, NULL},
    {"runtime·processorVersionInfo", false, 4, NULL},
    {"_cgo_init", false, 8, NULL},   /* nil: not a cgo program (rt0_go tests it) */
    {"runtime·goexit0·f", false, 8, "runtime·goexit0"},
    {"runtime·gosched_m·f", false, 8, "runtime·gosched_m"},
    {"sim·arena_next", false, 8, NULL},
};
#define NDATA (sizeof data_syms / sizeof data_syms[0])

const link_model_sym *models_symbols(size_t *n)
{
    static link_model_sym all[NMODELS + NDATA];
    for (size_t i = 0; i < NMODELS; i++)
        all[i] = (link_model_sym){models[i].name, true, 0, NULL};
    memcpy(all + NMODELS, data_syms, sizeof data_syms);
    *n = NMODELS + NDATA;
    return all;
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
        int resume = (int)(rip - s->addr);
        if (models[i].abi0 && resume == 0) {
            uint64_t g = getg(mc);   /* the ABI0→ABIInternal wrapper's MOVQ FS:-8, R14 */
            if (!ok(mc))
                return 0;
            emu_reg_set(mc->cpu, R_R14, g);
        }
        mc->depth = 0;
        models[i].fn(mc, resume);
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
