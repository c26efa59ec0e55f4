/* Text trace writer: see trace.h and docs/trace-format.md. */
#include "traces/trace.h"
#include "cpu/disasm.h"
#include <stdlib.h>
#include <string.h>

#define MAX_WRITES 16
#define RECENT 8

typedef struct { uint64_t addr; int size; uint64_t value; } mem_write;

struct tracer {
    FILE *out;
    trace_format fmt;
    emu *cpu;
    const image *img;
    source_line_fn src;
    void *src_ctx;
    disasm *dis;
    char *iobuf;

    bool pending;
    uint64_t seq, pc;
    uint32_t size;
    emu_regs prev;
    mem_write writes[MAX_WRITES];
    int nwrites, dropped;

    char recent[RECENT][512];   /* ring of the last instruction lines */
    int nrecent, head;
};

tracer *tracer_new(FILE *out, trace_format fmt, emu *cpu, const image *img,
                   source_line_fn src, void *src_ctx)
{
    tracer *t = calloc(1, sizeof *t);
    t->out = out;
    t->fmt = fmt;
    t->cpu = cpu;
    t->img = img;
    t->src = src;
    t->src_ctx = src_ctx;
    t->dis = disasm_new();
    t->iobuf = malloc(1 << 20);
    setvbuf(out, t->iobuf, _IOFBF, 1 << 20);
    return t;
}

void tracer_free(tracer *t)
{
    if (!t)
        return;
    tracer_flush_insn(t);
    fflush(t->out);
    setvbuf(t->out, NULL, _IOFBF, BUFSIZ);
    emu_observe(t->cpu, NULL, NULL, NULL);
    disasm_free(t->dis);
    free(t->iobuf);
    free(t);
}

void tracer_header(tracer *t, const char *config_name, const char *sim_version)
{
    fprintf(t->out, "#sim-trace v%d config=%s sim=%s program=fnv1a64:%016llx\n",
            TRACE_FORMAT_VERSION, config_name, sim_version, (unsigned long long)t->img->hash);
}

/* The source line, whitespace squeezed so that the column stays readable. */
static void source_text(tracer *t, const image_line *ln, char *buf, size_t len)
{
    const char *s = ln && t->src ? t->src(t->src_ctx, ln->file, ln->line) : NULL;
    size_t n = 0;
    bool space = false;
    for (; s && *s && *s != '\n' && n + 2 < len; s++) {
        bool ws = *s == ' ' || *s == '\t' || *s == '\r';
        if (ws) {
            space = n > 0;
            continue;
        }
        if (space)
            buf[n++] = ' ';
        space = false;
        buf[n++] = *s;
    }
    buf[n] = 0;
    if (ln && ln->inserted)
        snprintf(buf, len, "(prologue/epilogue inserted by the assembler)");
}

static const char *file_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void remember(tracer *t, const char *line)
{
    size_t n = strlen(line);
    n = n < sizeof t->recent[0] - 1 ? n : sizeof t->recent[0] - 1;
    memcpy(t->recent[t->head], line, n);
    t->recent[t->head][n] = 0;
    t->head = (t->head + 1) % RECENT;
    if (t->nrecent < RECENT)
        t->nrecent++;
}

static size_t changes_text(tracer *t, const emu_regs *now, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = 0;
    for (int r = 0; r < EMU_NREGS && n < len; r++) {
        if (r == R_RIP || now->r[r] == t->prev.r[r])
            continue;
        n += (size_t)snprintf(buf + n, len - n, "%s%s=0x%llx→0x%llx", n ? " " : "",
                              emu_reg_names[r], (unsigned long long)t->prev.r[r],
                              (unsigned long long)now->r[r]);
    }
    for (int i = 0; i < t->nwrites && n < len; i++)
        n += (size_t)snprintf(buf + n, len - n, "%s[0x%llx]/%d=0x%llx", n ? " " : "",
                              (unsigned long long)t->writes[i].addr, t->writes[i].size,
                              (unsigned long long)t->writes[i].value);
    if (t->dropped && n < len)
        n += (size_t)snprintf(buf + n, len - n, " (+%d writes)", t->dropped);
    return n < len ? n : len - 1;
}

void tracer_flush_insn(tracer *t)
{
    if (!t || !t->pending)
        return;
    t->pending = false;
    emu_regs now;
    emu_regs_get(t->cpu, &now);
    uint8_t bytes[16] = {0};
    emu_read(t->cpu, t->pc, bytes, t->size);
    char sym[128], src[160], chg[768], hex[64], line[1400];
    image_symbolize(t->img, t->pc, sym, sizeof sym);
    const image_line *ln = image_line_at(t->img, t->pc);
    source_text(t, ln, src, sizeof src);
    size_t h = 0;
    for (uint32_t i = 0; i < t->size && h + 4 < sizeof hex; i++)
        h += (size_t)snprintf(hex + h, sizeof hex - h, "%s%02x", i ? " " : "", bytes[i]);
    hex[h] = 0;
    changes_text(t, &now, chg, sizeof chg);
    snprintf(line, sizeof line, "%llu 0x%llx %s | %s | %s:%d %s | %s | %s",
             (unsigned long long)t->seq, (unsigned long long)t->pc, sym, hex,
             ln ? file_base(ln->file) : "?", ln ? ln->line : 0, src,
             disasm_at(t->dis, t->pc, bytes, t->size), chg);
    fprintf(t->out, "%s\n", line);
    remember(t, line);
    t->prev = now;
}

static void on_insn(void *ctx, uint64_t pc, uint32_t size)
{
    tracer *t = ctx;
    tracer_flush_insn(t);
    t->pending = true;
    t->seq = emu_icount(t->cpu);
    t->pc = pc;
    t->size = size > 16 ? 16 : size;
    t->nwrites = t->dropped = 0;
}

static void on_write(void *ctx, uint64_t addr, int size, uint64_t value)
{
    tracer *t = ctx;
    if (t->nwrites == MAX_WRITES) {
        t->dropped++;
        return;
    }
    if (size < 8)
        value &= (1ULL << (8 * size)) - 1;
    t->writes[t->nwrites++] = (mem_write){addr, size, value};
}

void tracer_attach(tracer *t)
{
    emu_regs_get(t->cpu, &t->prev);
    emu_observe(t->cpu, on_insn, on_write, t);
}

void tracer_resync(tracer *t)
{
    if (t)
        emu_regs_get(t->cpu, &t->prev);
}

void tracer_call(tracer *t, int depth, const char *text)
{
    tracer_flush_insn(t);
    fprintf(t->out, "  call %*s%s\n", 2 * depth, "", text);
}

void tracer_state(tracer *t, int depth, const char *lhs, const char *old_v, const char *new_v)
{
    fprintf(t->out, "  set  %*s%s: %s → %s\n", 2 * depth, "", lhs, old_v, new_v);
}

void tracer_note(tracer *t, int depth, const char *text)
{
    fprintf(t->out, "  note %*s%s\n", 2 * depth, "", text);
}

void tracer_end(tracer *t, const char *how, const char *detail)
{
    tracer_flush_insn(t);
    fprintf(t->out, "end %s instructions=%llu%s%s\n", how,
            (unsigned long long)emu_icount(t->cpu), detail && *detail ? " " : "",
            detail ? detail : "");
    fflush(t->out);
}

int tracer_recent(tracer *t, const char **lines, int n)
{
    if (!t)
        return 0;
    tracer_flush_insn(t);
    int k = t->nrecent < n ? t->nrecent : n;
    for (int i = 0; i < k; i++)
        lines[i] = t->recent[(t->head + RECENT - k + i) % RECENT];
    return k;
}
