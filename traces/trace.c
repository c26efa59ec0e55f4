/* The tracer: see trace.h.  Each event becomes a trace_rec (record.h),
 * written by the writer of the configured format. */
#include "traces/trace.h"
#include "cpu/disasm.h"
#include "traces/async_out.h"
#include "traces/insn_cache.h"
#include "traces/record.h"
#include <stdlib.h>
#include <string.h>

#define STACK_SLOTS 3

struct tracer {
    tracer_setup s;
    disasm *dis;
    insn_cache *insns;
    FILE *dest;              /* the caller's file; s.out may be an async stream to it */
    async_out *async;
    char *iobuf;
    void (*write)(FILE *, const trace_rec *);

    bool pending;            /* an instruction has started and not been written */
    uint64_t seq, pc;
    uint32_t size;
    emu_regs prev;
    rec_mem writes[REC_MAX_MEM];
    int nwrites, dropped;
};

tracer *tracer_new(const tracer_setup *setup)
{
    tracer *t = calloc(1, sizeof *t);
    t->s = *setup;
    t->dis = disasm_new();
    t->insns = insn_cache_new();
    t->dest = setup->out;
    /* Only a real file gains from a writer thread (the kernel's write cost
     * then runs on another core); a memory stream, such as the debugger's
     * log, must see each record as soon as it is written. */
    FILE *async = fileno(t->dest) >= 0 ? async_open(t->dest, &t->async) : NULL;
    if (async) {
        t->s.out = async;
    } else if (fileno(t->dest) >= 0) {
        t->iobuf = malloc(1 << 20);
        setvbuf(t->s.out, t->iobuf, _IOFBF, 1 << 20);
    }
    t->write = setup->format == TRACE_JSONL ? rec_write_jsonl : rec_write_text;
    return t;
}

void tracer_free(tracer *t)
{
    if (!t)
        return;
    tracer_flush_insn(t);
    if (t->async) {
        async_close(t->async);
    } else {
        fflush(t->s.out);
        if (t->iobuf)   /* the caller's FILE outlives our buffer */
            setvbuf(t->s.out, NULL, _IOFBF, BUFSIZ);
    }
    emu_observe(t->s.cpu, NULL, NULL, NULL);
    disasm_free(t->dis);
    insn_cache_free(t->insns);
    free(t->iobuf);
    free(t);
}

void tracer_header(tracer *t, const char *config_name, const char *sim_version)
{
    char prog[40];
    snprintf(prog, sizeof prog, "fnv1a64:%016llx", (unsigned long long)t->s.img->hash);
    trace_rec r = {.kind = REC_HEADER, .version = TRACE_FORMAT_VERSION, .config = config_name,
                   .sim = sim_version, .program = prog};
    t->write(t->s.out, &r);
}

static const char *file_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

void trace_source_text(const image *img, source_line_fn src, void *ctx, uint64_t pc,
                       char *buf, size_t len, const char **file, int *line)
{
    const image_line *ln = image_line_at(img, pc);
    *file = ln ? file_base(ln->file) : "?";
    *line = ln ? ln->line : 0;
    if (ln && ln->inserted) {
        snprintf(buf, len, "(prologue/epilogue inserted by the assembler)");
        return;
    }
    const char *s = ln && src ? src(ctx, ln->file, ln->line) : NULL;
    size_t n = 0;
    bool space = false;
    for (; s && *s && *s != '\n' && n + 2 < len; s++) {   /* squeeze blanks */
        bool ws = *s == ' ' || *s == '\t' || *s == '\r';
        if (!ws && space && n > 0)
            buf[n++] = ' ';
        space = ws;
        if (!ws)
            buf[n++] = *s;
    }
    buf[n] = 0;
}

/* Registers the instruction changed (rip aside: the next pc shows it). */
static void diff_regs(tracer *t, const emu_regs *now, trace_rec *r)
{
    for (int i = 0; i < EMU_NREGS && r->nregs < REC_MAX_REGS; i++)
        if (i != R_RIP && now->r[i] != t->prev.r[i])
            r->regs[r->nregs++] = (rec_reg){emu_reg_names[i], t->prev.r[i], now->r[i]};
}

/* The top stack slots, when the instruction moved rsp or wrote near it. */
static void stack_slots(tracer *t, const emu_regs *now, trace_rec *r, char notes[][96])
{
    uint64_t sp = now->r[R_RSP];
    bool touched = sp != t->prev.r[R_RSP];
    for (int i = 0; i < t->nwrites; i++)
        touched |= t->writes[i].addr >= sp && t->writes[i].addr < sp + 8 * STACK_SLOTS;
    if (!touched)
        return;
    uint64_t v[STACK_SLOTS];
    if (emu_read(t->s.cpu, sp, v, sizeof v) != 0)
        return;
    for (int i = 0; i < STACK_SLOTS; i++) {
        notes[i][0] = 0;
        if (t->s.annotate)
            t->s.annotate(t->s.annotate_ctx, sp + 8 * (uint64_t)i, v[i], notes[i], 96);
        r->stack[r->nstack++] = (rec_slot){8 * i, v[i], notes[i]};
    }
}

/* Room for an instruction's text while it is worked out. */
typedef struct {
    char sym[128], src[192], hex[64];
    insn_info info;
} insn_scratch;

/* The instruction at t->pc as text, from the cache or worked out now (in
 * TMP if the cache cannot keep it). */
static const insn_info *insn_text(tracer *t, insn_scratch *tmp)
{
    const insn_info *i = t->insns ? insn_cache_get(t->insns, t->pc) : NULL;
    if (i)
        return i;
    uint8_t bytes[16] = {0};
    emu_read(t->s.cpu, t->pc, bytes, t->size);
    size_t h = 0;
    for (uint32_t k = 0; k < t->size && h + 4 < sizeof tmp->hex; k++)
        h += (size_t)snprintf(tmp->hex + h, sizeof tmp->hex - h, "%s%02x", k ? " " : "", bytes[k]);
    tmp->hex[h] = 0;
    insn_info *n = &tmp->info;
    *n = (insn_info){.pc = t->pc, .bytes = tmp->hex, .src = tmp->src,
                     .sym = image_symbolize(t->s.img, t->pc, tmp->sym, sizeof tmp->sym),
                     .disasm = disasm_at(t->dis, t->pc, bytes, t->size)};
    trace_source_text(t->s.img, t->s.source, t->s.source_ctx, t->pc, tmp->src, sizeof tmp->src,
                      &n->file, &n->line);
    i = t->insns ? insn_cache_put(t->insns, n) : NULL;
    return i ? i : n;
}

void tracer_flush_insn(tracer *t)
{
    if (!t || !t->pending)
        return;
    t->pending = false;
    emu_regs now;
    emu_regs_get(t->s.cpu, &now);
    char notes[STACK_SLOTS][96];
    insn_scratch tmp;
    const insn_info *i = insn_text(t, &tmp);
    trace_rec r = {.kind = REC_INSN, .seq = t->seq, .pc = t->pc, .bytes = i->bytes, .src = i->src,
                   .sym = i->sym, .disasm = i->disasm, .file = i->file, .line = i->line,
                   .nmem = t->nwrites, .mem_dropped = t->dropped};
    diff_regs(t, &now, &r);
    memcpy(r.mem, t->writes, sizeof r.mem[0] * (size_t)t->nwrites);
    stack_slots(t, &now, &r, notes);
    t->write(t->s.out, &r);
    t->prev = now;
}

static void on_insn(void *ctx, uint64_t pc, uint32_t size)
{
    tracer *t = ctx;
    tracer_flush_insn(t);
    t->pending = true;
    t->seq = emu_icount(t->s.cpu);
    t->pc = pc;
    t->size = size > 16 ? 16 : size;
    t->nwrites = t->dropped = 0;
}

static void on_write(void *ctx, uint64_t addr, int size, uint64_t value)
{
    tracer *t = ctx;
    if (t->nwrites == REC_MAX_MEM) {
        t->dropped++;
        return;
    }
    if (size < 8)
        value &= (1ULL << (8 * size)) - 1;
    t->writes[t->nwrites++] = (rec_mem){addr, size, value};
}

void tracer_attach(tracer *t)
{
    emu_regs_get(t->s.cpu, &t->prev);
    emu_observe(t->s.cpu, on_insn, on_write, t);
}

void tracer_resync(tracer *t)
{
    if (t)
        emu_regs_get(t->s.cpu, &t->prev);
}

void tracer_call(tracer *t, int depth, const char *fn, const char *args)
{
    tracer_flush_insn(t);
    trace_rec r = {.kind = REC_CALL, .depth = depth, .fn = fn, .args = args};
    t->write(t->s.out, &r);
}

void tracer_state(tracer *t, int depth, const char *lhs, const char *old_v, const char *new_v)
{
    trace_rec r = {.kind = REC_STATE, .depth = depth, .lhs = lhs, .old_v = old_v, .new_v = new_v};
    t->write(t->s.out, &r);
}

void tracer_note(tracer *t, int depth, const char *text)
{
    trace_rec r = {.kind = REC_NOTE, .depth = depth, .text = text};
    t->write(t->s.out, &r);
}

void tracer_sched(tracer *t, const char *block)
{
    tracer_flush_insn(t);
    trace_rec r = {.kind = REC_SCHED, .text = block};
    t->write(t->s.out, &r);
}

void tracer_fault(tracer *t, uint64_t pc, const char *why)
{
    tracer_flush_insn(t);
    char sym[128];
    trace_rec r = {.kind = REC_FAULT, .pc = pc, .why = why,
                   .sym = image_symbolize(t->s.img, pc, sym, sizeof sym)};
    t->write(t->s.out, &r);
}

void tracer_end(tracer *t, const char *how, int status, const char *why)
{
    tracer_flush_insn(t);
    trace_rec r = {.kind = REC_END, .how = how, .status = status, .why = why,
                   .instructions = emu_icount(t->s.cpu)};
    t->write(t->s.out, &r);
    if (t->async)
        async_sync(t->async);
    else
        fflush(t->s.out);
}
