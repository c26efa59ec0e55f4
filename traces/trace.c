/* The tracer: see trace.h.  Each event becomes a trace_rec (record.h),
 * written by the writer of the configured format. */
#include "traces/trace.h"
#include "cpu/disasm.h"
#include "traces/insn_cache.h"
#include "traces/rec_pack.h"
#include "traces/rec_pipe.h"
#include "traces/record.h"
#include <stdlib.h>
#include <string.h>

#define STACK_SLOTS 3

struct tracer {
    tracer_setup s;
    disasm *dis;
    insn_cache *insns;
    /* Records are packed (rec_pack.h), then either handed to the writer
     * thread or, with no pipe, unpacked from SCRATCH and written at once. */
    rec_pipe *pipe;
    uint8_t *scratch;
    size_t scratch_cap;
    char *expand;            /* no pipe: deferred records' text (REC_EXPAND_CAP) */
    char *iobuf;
    void (*write)(FILE *, const trace_rec *);

    bool pending;            /* an instruction has started and not been written */
    uint64_t seq, pc;
    uint32_t size;
    int tid;                 /* the thread now running (0: the model mode's one) */
    emu_regs prev;
    rec_mem writes[REC_MAX_MEM];
    char names[REC_MAX_MEM][REC_MEM_NAME];   /* the writes' names */
    int nwrites, dropped;
};

tracer *tracer_new(const tracer_setup *setup)
{
    tracer *t = calloc(1, sizeof *t);
    t->s = *setup;
    t->dis = disasm_new();
    t->insns = insn_cache_new();
    /* Only a real file gains from the writer thread (formatting on another
     * core, the file's writes on a third thread); a memory stream, such as
     * the debugger's log, must see each record as soon as it is written. */
    if (fileno(setup->out) >= 0)
        t->pipe = rec_pipe_open(setup->out, setup->format == TRACE_JSONL);
    if (!t->pipe && fileno(setup->out) >= 0) {
        t->iobuf = malloc(1 << 20);
        setvbuf(t->s.out, t->iobuf, _IOFBF, 1 << 20);
    }
    t->write = setup->format == TRACE_JSONL ? rec_write_jsonl : rec_write_text;
    return t;
}

int tracer_free(tracer *t)
{
    if (!t)
        return 0;
    tracer_flush_insn(t);
    int err = 0;
    if (t->pipe) {
        err = rec_pipe_close(t->pipe);
    } else {
        fflush(t->s.out);
        if (t->iobuf)   /* the caller's FILE outlives our buffer */
            setvbuf(t->s.out, NULL, _IOFBF, BUFSIZ);
    }
    emu_observe(t->s.cpu, NULL, NULL, NULL);
    disasm_free(t->dis);
    insn_cache_free(t->insns);
    free(t->scratch);
    free(t->expand);
    free(t->iobuf);
    free(t);
    return err;
}

/* Room to pack a record of at most SIZE bytes. */
static uint8_t *reserve(tracer *t, size_t size)
{
    if (t->pipe)
        return rec_pipe_reserve(t->pipe, size);
    if (t->scratch_cap < size) {
        free(t->scratch);
        t->scratch = malloc(t->scratch_cap = size);
        if (!t->scratch) {
            fprintf(stderr, "sim: out of memory for a %zu-byte trace record\n", size);
            abort();
        }
    }
    return t->scratch;
}

/* The record packed at the reserved room, ending at END, is complete. */
static void commit(tracer *t, uint8_t *end)
{
    if (t->pipe) {
        rec_pipe_commit(t->pipe, end);
        return;
    }
    trace_rec r;
    memset(&r, 0, sizeof r);
    if (!t->expand && !(t->expand = malloc(REC_EXPAND_CAP))) {
        fprintf(stderr, "sim: out of memory for trace text\n");
        abort();
    }
    rec_unpack(t->scratch, &r, t->expand);
    t->write(t->s.out, &r);
}

/* A record of any kind but insn (see rec_pack_text). */
static void text_rec(tracer *t, rec_kind kind, int depth, uint64_t num, int inum, int nstr,
                     const char *s0, const char *s1, const char *s2)
{
    const char *strs[3] = {s0, s1, s2};
    size_t lens[3] = {0, 0, 0}, total = 0;
    for (int i = 0; i < nstr; i++)
        total += lens[i] = strs[i] ? strlen(strs[i]) : 0;
    uint8_t *p = reserve(t, PK_TEXT_SIZE(total));
    commit(t, rec_pack_text(p, kind, depth, num, inum, strs, lens, nstr));
}

void tracer_header(tracer *t, const char *config_name, const char *sim_version)
{
    char prog[40];
    snprintf(prog, sizeof prog, "fnv1a64:%016llx", (unsigned long long)t->s.img->hash);
    text_rec(t, REC_HEADER, 0, 0, TRACE_FORMAT_VERSION, 3, config_name, sim_version, prog);
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

/* Registers the instruction changed (rip aside: the next pc shows it):
 * only those in WRITES, the ones it can change, were read again. */
static void diff_regs(tracer *t, const emu_regs *now, uint32_t writes, insn_packer *k)
{
    writes &= ~(1u << R_RIP) & ((1u << REC_MAX_REGS) - 1);
    for (; writes; writes &= writes - 1) {   /* set bits, lowest first */
        int i = __builtin_ctz(writes);
        if (i < EMU_NREGS && now->r[i] != t->prev.r[i])
            rec_pack_reg(k, i, t->prev.r[i], now->r[i]);
    }
}

/* The top stack slots, when the instruction moved rsp or wrote near it. */
static void stack_slots(tracer *t, const emu_regs *now, insn_packer *k)
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
        char note[96] = "";
        if (t->s.annotate)
            t->s.annotate(t->s.annotate_ctx, sp + 8 * (uint64_t)i, v[i], note, sizeof note);
        rec_pack_slot(k, 8 * i, v[i], note);
    }
}

/* Room for an instruction's text while it is worked out. */
typedef struct {
    char sym[128], src[192], hex[64], head[1024];
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
                     .disasm = disasm_at(t->dis, t->pc, bytes, t->size),
                     .writes = disasm_writes(t->dis, t->pc, bytes, t->size)};
    trace_source_text(t->s.img, t->s.source, t->s.source_ctx, t->pc, tmp->src, sizeof tmp->src,
                      &n->file, &n->line);
    if (t->s.format == TRACE_TEXT) {   /* the writer then copies this part of the line */
        trace_rec r = {.kind = REC_INSN, .pc = n->pc, .sym = n->sym, .bytes = n->bytes,
                       .file = n->file, .line = n->line, .src = n->src, .disasm = n->disasm};
        n->text_head_len = rec_text_insn_head(&r, tmp->head, sizeof tmp->head);
        n->text_head = n->text_head_len ? tmp->head : NULL;
    }
    i = t->insns ? insn_cache_put(t->insns, n) : NULL;
    return i ? i : n;
}

/* The store the instruction faulted on is the last one reported at the
 * fault's address (or, where that is unknown, the last one). */
static void mark_faulted_write(tracer *t)
{
    uint64_t addr;
    int how = emu_write_fault(t->s.cpu, &addr);
    for (int w = t->nwrites - 1; how && w >= 0; w--) {
        rec_mem *m = &t->writes[w];
        if (how == 2 || (addr >= m->addr && addr - m->addr < (uint64_t)m->size)) {
            m->faulted = true;
            return;
        }
    }
}

void tracer_flush_insn(tracer *t)
{
    if (!t || !t->pending)
        return;
    t->pending = false;
    insn_scratch tmp;
    const insn_info *i = insn_text(t, &tmp);
    /* Only what the instruction can change is read again (a models' or
     * the kernel's changes are taken up by tracer_resync). */
    emu_regs now = t->prev;
    emu_regs_get_some(t->s.cpu, &now, i->writes);
    /* The writer thread may read a cache entry later; TMP it may not. */
    bool stable = i != &tmp.info || !t->pipe;
    insn_packer k;
    rec_pack_insn_begin(&k, reserve(t, PK_INSN_FIXED + (stable ? 0 : rec_pack_info_size(i))),
                        t->seq, t->tid, t->pc, i, stable, t->dropped);
    diff_regs(t, &now, i->writes, &k);
    mark_faulted_write(t);
    for (int w = 0; w < t->nwrites; w++)
        rec_pack_mem(&k, &t->writes[w]);
    stack_slots(t, &now, &k);
    commit(t, rec_pack_insn_end(&k));
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
    /* The hook runs before the store: memory still holds the old value. */
    uint64_t old = 0;
    int n = size > 8 ? 8 : size;
    const uint8_t *host = emu_host(t->s.cpu, addr, (size_t)n);
    if (host)
        memcpy(&old, host, (size_t)n);
    else
        emu_read(t->s.cpu, addr, &old, (size_t)n);
    char *name = t->names[t->nwrites];
    name[0] = 0;
    if (t->s.mem_name)
        t->s.mem_name(t->s.mem_name_ctx, addr, size, name, REC_MEM_NAME);
    t->writes[t->nwrites++] = (rec_mem){addr, size, value, false, old, name};
}

int tracer_attach(tracer *t)
{
    emu_regs_get(t->s.cpu, &t->prev);
    if (emu_observe(t->s.cpu, on_insn, on_write, t) == 0)
        return 0;
    fprintf(stderr, "sim: the emulator would not report memory writes: the trace lacks them\n");
    return -1;
}

void tracer_resync(tracer *t)
{
    if (t)
        emu_regs_get(t->s.cpu, &t->prev);
}

void tracer_call(tracer *t, int depth, const char *fn, const char *args)
{
    tracer_flush_insn(t);
    text_rec(t, REC_CALL, depth, emu_icount(t->s.cpu), 0, 2, fn, args, NULL);
}

void tracer_state(tracer *t, int depth, const char *lhs, const char *old_v, const char *new_v)
{
    text_rec(t, REC_STATE, depth, emu_icount(t->s.cpu), 0, 3, lhs, old_v, new_v);
}

void tracer_note(tracer *t, int depth, const char *text)
{
    text_rec(t, REC_NOTE, depth, emu_icount(t->s.cpu), 0, 1, text, NULL, NULL);
}

void tracer_deferred(tracer *t, rec_kind kind, int depth, rec_expand_fn expand,
                     const void *payload, size_t len)
{
    if (kind == REC_SCHED)
        tracer_flush_insn(t);
    uint8_t *p = reserve(t, PK_DEFERRED_SIZE(len));
    commit(t, rec_pack_deferred_at(p, kind, depth, emu_icount(t->s.cpu), expand, payload, len));
}

void tracer_syscall(tracer *t, int tid, const char *text)
{
    tracer_flush_insn(t);
    text_rec(t, REC_SYSCALL, 0, (uint64_t)tid, 0, 1, text, NULL, NULL);
}

void tracer_switch(tracer *t, int from, int to, const char *why)
{
    tracer_flush_insn(t);
    t->tid = to;
    text_rec(t, REC_SWITCH, 0, (uint64_t)to, from, 1, why, NULL, NULL);
}

void tracer_signal(tracer *t, int tid, const char *text)
{
    tracer_flush_insn(t);
    text_rec(t, REC_SIGNAL, 0, (uint64_t)tid, 0, 1, text, NULL, NULL);
}

void tracer_set_thread(tracer *t, int tid)
{
    tracer_flush_insn(t);
    t->tid = tid;
}

void tracer_fault(tracer *t, uint64_t pc, const char *why)
{
    tracer_flush_insn(t);
    char sym[128];
    text_rec(t, REC_FAULT, 0, pc, 0, 2, image_symbolize(t->s.img, pc, sym, sizeof sym), why, NULL);
}

void tracer_end(tracer *t, const char *how, int status, const char *why)
{
    tracer_flush_insn(t);
    text_rec(t, REC_END, 0, emu_icount(t->s.cpu), status, 2, how, why, NULL);
    if (t->pipe)
        rec_pipe_sync(t->pipe);   /* a failed write is reported by tracer_free */
    else
        fflush(t->s.out);
}
