/* Field-by-field record comparison: see rec_compare.h. */
#include "traces/rec_compare.h"
#include <string.h>

const char *const rec_field_names[F__COUNT] = {
    "version", "config", "sim", "program",
    "seq", "pc", "sym", "bytes", "file", "line", "src", "disasm", "regs", "mem", "stack",
    "depth", "fn", "args", "lhs", "old", "new", "text", "tid", "from",
    "how", "instructions", "status", "why",
};

#define S(x) ((x) ? (x) : "")

int rec_ignore_add(rec_ignore *ig, const char *name)
{
    for (int f = 0; f < F__COUNT; f++)
        if (strcmp(name, rec_field_names[f]) == 0) {
            ig->fields |= 1u << f;
            return 0;
        }
    for (int k = 0; k < REC__COUNT; k++)
        if (strcmp(name, rec_kind_names[k]) == 0) {
            ig->kinds[k] = true;
            return 0;
        }
    if (strncmp(name, "regs.", 5) == 0 && name[5] && strlen(name + 5) < sizeof ig->regs[0] &&
        ig->nregs < IGNORE_MAX_REGS) {
        strcpy(ig->regs[ig->nregs++], name + 5);
        return 0;
    }
    return -1;
}

typedef struct {
    const rec_ignore *ig;
    char *names;
    size_t len, used;
    FILE *detail;
    int n;
} cmp;

static bool ignored(const cmp *c, rec_field f) { return c->ig && (c->ig->fields >> f & 1); }

static void differ(cmp *c, const char *name, const char *va, const char *vb)
{
    if (c->names && c->used < c->len) {
        int w = snprintf(c->names + c->used, c->len - c->used, "%s%s", c->n ? ", " : "", name);
        c->used += w > 0 ? (size_t)w : 0;
    }
    if (c->detail)
        fprintf(c->detail, "    %s: A %s | B %s\n", name, va, vb);
    c->n++;
}

static void str_field(cmp *c, rec_field f, const char *a, const char *b)
{
    if (!ignored(c, f) && strcmp(S(a), S(b)) != 0)
        differ(c, rec_field_names[f], S(a), S(b));
}

static void num_field(cmp *c, rec_field f, long long a, long long b)
{
    char va[32], vb[32];
    if (ignored(c, f) || a == b)
        return;
    snprintf(va, sizeof va, "%lld", a);
    snprintf(vb, sizeof vb, "%lld", b);
    differ(c, rec_field_names[f], va, vb);
}

static void hex_field(cmp *c, rec_field f, uint64_t a, uint64_t b)
{
    char va[24], vb[24];
    if (ignored(c, f) || a == b)
        return;
    snprintf(va, sizeof va, "0x%llx", (unsigned long long)a);
    snprintf(vb, sizeof vb, "0x%llx", (unsigned long long)b);
    differ(c, rec_field_names[f], va, vb);
}

static const rec_reg *find_reg(const trace_rec *r, const char *name)
{
    for (int i = 0; i < r->nregs; i++)
        if (strcmp(r->regs[i].name, name) == 0)
            return &r->regs[i];
    return NULL;
}

static bool reg_ignored(const cmp *c, const char *name)
{
    for (int i = 0; c->ig && i < c->ig->nregs; i++)
        if (strcmp(c->ig->regs[i], name) == 0)
            return true;
    return false;
}

static void fmt_reg(char *buf, size_t len, const rec_reg *g)
{
    if (g)
        snprintf(buf, len, "0x%llx→0x%llx", (unsigned long long)g->old_v,
                 (unsigned long long)g->new_v);
    else
        snprintf(buf, len, "(unchanged)");
}

/* Registers as a set: each one changed on either side is compared alone. */
static void regs_field(cmp *c, const trace_rec *a, const trace_rec *b)
{
    if (ignored(c, F_REGS))
        return;
    for (int side = 0; side < 2; side++) {
        const trace_rec *x = side ? b : a, *y = side ? a : b;
        for (int i = 0; i < x->nregs; i++) {
            const rec_reg *gx = &x->regs[i], *gy = find_reg(y, gx->name);
            if (reg_ignored(c, gx->name) || (side && gy))   /* pairs are seen from A */
                continue;
            if (gy && gx->old_v == gy->old_v && gx->new_v == gy->new_v)
                continue;
            char name[40], vx[48], vy[48];
            snprintf(name, sizeof name, "regs.%s", gx->name);
            fmt_reg(vx, sizeof vx, gx);
            fmt_reg(vy, sizeof vy, gy);
            differ(c, name, side ? vy : vx, side ? vx : vy);
        }
    }
}

static void fmt_mem(char *buf, size_t len, const trace_rec *r)
{
    size_t n = 0;
    buf[0] = 0;
    for (int i = 0; i < r->nmem && n < len; i++) {
        const char *name = r->mem[i].name ? r->mem[i].name : "";
        n += (size_t)snprintf(buf + n, len - n, "%s[0x%llx]/%d %s%s0x%llx→0x%llx%s", i ? " " : "",
                              (unsigned long long)r->mem[i].addr, r->mem[i].size, name,
                              name[0] ? " " : "", (unsigned long long)r->mem[i].old,
                              (unsigned long long)r->mem[i].value,
                              r->mem[i].faulted ? "(faulted)" : "");
    }
    if (r->mem_dropped && n < len)
        n += (size_t)snprintf(buf + n, len - n, " (+%d writes)", r->mem_dropped);
    if (n == 0)
        snprintf(buf, len, "(none)");
}

static void mem_field(cmp *c, const trace_rec *a, const trace_rec *b)
{
    bool same = a->nmem == b->nmem && a->mem_dropped == b->mem_dropped;
    for (int i = 0; same && i < a->nmem; i++)
        same = a->mem[i].addr == b->mem[i].addr && a->mem[i].size == b->mem[i].size &&
               a->mem[i].value == b->mem[i].value && a->mem[i].faulted == b->mem[i].faulted &&
               a->mem[i].old == b->mem[i].old &&
               strcmp(a->mem[i].name ? a->mem[i].name : "", b->mem[i].name ? b->mem[i].name : "") == 0;
    if (same || ignored(c, F_MEM))
        return;
    char va[1024] = "", vb[1024] = "";
    if (c->detail) {
        fmt_mem(va, sizeof va, a);
        fmt_mem(vb, sizeof vb, b);
    }
    differ(c, "mem", va, vb);
}

static void fmt_stack(char *buf, size_t len, const trace_rec *r)
{
    size_t n = 0;
    buf[0] = 0;
    for (int i = 0; i < r->nstack && n < len; i++) {
        const char *note = S(r->stack[i].note);
        n += (size_t)snprintf(buf + n, len - n, "%s[rsp+%d]=0x%llx%s%s%s", i ? " " : "",
                              r->stack[i].off, (unsigned long long)r->stack[i].value,
                              *note ? " (" : "", note, *note ? ")" : "");
    }
    if (n == 0)
        snprintf(buf, len, "(none)");
}

static void stack_field(cmp *c, const trace_rec *a, const trace_rec *b)
{
    bool same = a->nstack == b->nstack;
    for (int i = 0; same && i < a->nstack; i++)
        same = a->stack[i].off == b->stack[i].off && a->stack[i].value == b->stack[i].value &&
               strcmp(S(a->stack[i].note), S(b->stack[i].note)) == 0;
    if (same || ignored(c, F_STACK))
        return;
    char va[1024] = "", vb[1024] = "";
    if (c->detail) {
        fmt_stack(va, sizeof va, a);
        fmt_stack(vb, sizeof vb, b);
    }
    differ(c, "stack", va, vb);
}

static void insn_fields(cmp *c, const trace_rec *a, const trace_rec *b, seq_shift shift)
{
    if (!ignored(c, F_SEQ) && (int64_t)(b->seq - a->seq) != shift) {
        char va[24], vb[48];
        snprintf(va, sizeof va, "%llu", (unsigned long long)a->seq);
        snprintf(vb, sizeof vb, "%llu (A%+lld)", (unsigned long long)b->seq,
                 (long long)(b->seq - a->seq));
        differ(c, "seq", va, vb);
    }
    num_field(c, F_TID, a->tid, b->tid);
    hex_field(c, F_PC, a->pc, b->pc);
    str_field(c, F_SYM, a->sym, b->sym);
    str_field(c, F_BYTES, a->bytes, b->bytes);
    str_field(c, F_FILE, a->file, b->file);
    num_field(c, F_LINE, a->line, b->line);
    str_field(c, F_SRC, a->src, b->src);
    str_field(c, F_DISASM, a->disasm, b->disasm);
    regs_field(c, a, b);
    mem_field(c, a, b);
    stack_field(c, a, b);
}

static void kind_fields(cmp *c, const trace_rec *a, const trace_rec *b, seq_shift shift)
{
    switch (a->kind) {
    case REC_HEADER:   /* sim= alone is not a divergence: a new sim may run the same */
        num_field(c, F_VERSION, a->version, b->version);
        str_field(c, F_CONFIG, a->config, b->config);
        str_field(c, F_PROGRAM, a->program, b->program);
        break;
    case REC_INSN:
        insn_fields(c, a, b, shift);
        break;
    case REC_CALL:
        num_field(c, F_DEPTH, a->depth, b->depth);
        str_field(c, F_FN, a->fn, b->fn);
        str_field(c, F_ARGS, a->args, b->args);
        break;
    case REC_STATE:
        num_field(c, F_DEPTH, a->depth, b->depth);
        str_field(c, F_LHS, a->lhs, b->lhs);
        str_field(c, F_OLD, a->old_v, b->old_v);
        str_field(c, F_NEW, a->new_v, b->new_v);
        break;
    case REC_NOTE:
        num_field(c, F_DEPTH, a->depth, b->depth);
        /* fall through */
    case REC_SCHED:
        str_field(c, F_TEXT, a->text, b->text);
        break;
    case REC_FAULT:
        hex_field(c, F_PC, a->pc, b->pc);
        str_field(c, F_SYM, a->sym, b->sym);
        str_field(c, F_WHY, a->why, b->why);
        break;
    case REC_END:
        str_field(c, F_HOW, a->how, b->how);
        num_field(c, F_INSTRUCTIONS, (long long)a->instructions, (long long)b->instructions);
        num_field(c, F_STATUS, a->status, b->status);
        str_field(c, F_WHY, a->why, b->why);
        break;
    case REC_SWITCH:
        num_field(c, F_FROM, a->from_tid, b->from_tid);
        /* fall through */
    case REC_SYSCALL:
    case REC_SIGNAL:
        num_field(c, F_TID, a->tid, b->tid);
        str_field(c, F_TEXT, a->text, b->text);
        break;
    default:
        break;
    }
}

int rec_compare(const trace_rec *a, const trace_rec *b, const rec_ignore *ig, seq_shift shift,
                char *names, size_t names_len, FILE *detail)
{
    cmp c = {ig, names, names_len, 0, detail, 0};
    if (names && names_len)
        names[0] = 0;
    if (a->kind != b->kind)
        differ(&c, "kind", rec_kind_names[a->kind], rec_kind_names[b->kind]);
    else
        kind_fields(&c, a, b, shift);
    return c.n;
}

bool rec_same_key(const trace_rec *a, const trace_rec *b)
{
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case REC_INSN: return a->pc == b->pc && strcmp(S(a->bytes), S(b->bytes)) == 0;
    case REC_CALL: return strcmp(S(a->fn), S(b->fn)) == 0;
    case REC_STATE: return strcmp(S(a->lhs), S(b->lhs)) == 0;
    case REC_NOTE: return strcmp(S(a->text), S(b->text)) == 0;
    case REC_SYSCALL: case REC_SIGNAL: case REC_SWITCH: return a->tid == b->tid;
    default: return true;
    }
}
