/* The two trace formats' writers: see record.h and docs/trace-format.md. */
#include "traces/json.h"
#include "traces/record.h"
#include "traces/strbuf.h"
#include <stdio.h>
#include <string.h>

const char *const rec_kind_names[REC__COUNT] = {
    "header", "insn", "call", "state", "note", "sched", "fault", "end",
    "syscall", "switch", "signal",
};

/* The text writer formats each record into a buffer by hand and writes it
 * with one fwrite: printf's format parsing was most of the cost of a trace.
 * The tracer's writer thread formats many records into one large buffer
 * (rec_textbuf), its file's; rec_write_text uses a line buffer per record. */
typedef rec_textbuf linebuf;

static void lb_flush(linebuf *b)
{
    if (b->swap) {
        b->swap(b);
        return;
    }
    fwrite_unlocked(b->buf, 1, b->n, b->out);
    b->n = 0;
}

/* A piece that does not fit: the buffer is filled up and handed on, as
 * often as needed (a sink's buffers must go on full). */
static void lb_put_long(linebuf *b, const char *s, size_t len)
{
    for (size_t room; len > (room = b->cap - b->n); s += room, len -= room) {
        memcpy(b->buf + b->n, s, room);
        b->n = b->cap;
        lb_flush(b);
    }
    memcpy(b->buf + b->n, s, len);
    b->n += len;
}

static inline void lb_put(linebuf *b, const char *s, size_t len)
{
    if (b->n + len > b->cap) {
        lb_put_long(b, s, len);
        return;
    }
    memcpy(b->buf + b->n, s, len);
    b->n += len;
}

static void lb_str(linebuf *b, const char *s) { lb_put(b, s, strlen(s)); }
#define LB_LIT(b, lit) lb_put((b), lit, sizeof lit - 1)

static void lb_hex(linebuf *b, uint64_t v)   /* as %#llx, "0x0" for 0 */
{
    char t[NUM_MAX], *d = num_hex(t + NUM_MAX, v);
    lb_put(b, d, (size_t)(t + NUM_MAX - d));
}

static void lb_dec(linebuf *b, long long v)
{
    char t[NUM_MAX], *d = num_dec(t + NUM_MAX, v);
    lb_put(b, d, (size_t)(t + NUM_MAX - d));
}

static void lb_udec(linebuf *b, uint64_t v)
{
    char t[NUM_MAX], *d = num_udec(t + NUM_MAX, v);
    lb_put(b, d, (size_t)(t + NUM_MAX - d));
}

static void lb_spaces(linebuf *b, int n)
{
    static const char sp[] = "                                                                ";
    for (; n > 0; n -= (int)sizeof sp - 1)
        lb_put(b, sp, n < (int)sizeof sp - 1 ? (size_t)n : sizeof sp - 1);
}

/* The source column escapes '|' and '\' so that " | " only ever separates
 * fields. */
static void put_escaped_src(linebuf *b, const char *s)
{
    for (const char *run = s;; s++) {
        if (*s && *s != '|' && *s != '\\')
            continue;
        lb_put(b, run, (size_t)(s - run));
        if (!*s)
            return;
        char esc[2] = {'\\', *s};
        lb_put(b, esc, 2);
        run = s + 1;
    }
}

/* A blank before every item but the first. */
static void lb_sep(linebuf *b, bool *first)
{
    if (!*first)
        LB_LIT(b, " ");
    *first = false;
}

static void text_changes(linebuf *b, const trace_rec *r)
{
    bool first = true;
    for (int i = 0; i < r->nregs; i++) {
        lb_sep(b, &first);
        lb_str(b, r->regs[i].name);
        LB_LIT(b, "=");
        lb_hex(b, r->regs[i].old_v);
        LB_LIT(b, "→");
        lb_hex(b, r->regs[i].new_v);
    }
    for (int i = 0; i < r->nmem; i++) {
        lb_sep(b, &first);
        LB_LIT(b, "[");
        lb_hex(b, r->mem[i].addr);
        LB_LIT(b, "]/");
        lb_dec(b, r->mem[i].size);
        LB_LIT(b, " ");
        if (r->mem[i].name && r->mem[i].name[0]) {
            lb_str(b, r->mem[i].name);
            LB_LIT(b, " ");
        }
        lb_hex(b, r->mem[i].old);
        LB_LIT(b, "→");
        lb_hex(b, r->mem[i].value);
        if (r->mem[i].faulted)
            LB_LIT(b, "(faulted)");
    }
    if (r->mem_dropped) {
        lb_sep(b, &first);
        LB_LIT(b, "(+");
        lb_dec(b, r->mem_dropped);
        LB_LIT(b, " writes)");
    }
}

static void text_stack(linebuf *b, const trace_rec *r)
{
    for (int i = 0; i < r->nstack; i++) {
        if (i)
            LB_LIT(b, " ");
        LB_LIT(b, "[rsp+");
        lb_dec(b, r->stack[i].off);
        LB_LIT(b, "]=");
        lb_hex(b, r->stack[i].value);
        if (r->stack[i].note && *r->stack[i].note) {
            LB_LIT(b, " (");
            lb_str(b, r->stack[i].note);
            LB_LIT(b, ")");
        }
    }
}

static void text_insn_head(linebuf *b, const trace_rec *r)
{
    LB_LIT(b, " ");
    lb_hex(b, r->pc);
    LB_LIT(b, " ");
    lb_str(b, r->sym);
    LB_LIT(b, " | ");
    lb_str(b, r->bytes);
    LB_LIT(b, " | ");
    lb_str(b, r->file);
    LB_LIT(b, ":");
    lb_dec(b, r->line);
    LB_LIT(b, " ");
    put_escaped_src(b, r->src);
    LB_LIT(b, " | ");
    lb_str(b, r->disasm);
}

static void text_insn(linebuf *b, const trace_rec *r)
{
    lb_udec(b, r->seq);
    if (r->tid) {
        LB_LIT(b, " t");
        lb_dec(b, r->tid);
    }
    if (r->text_head)
        lb_put(b, r->text_head, r->text_head_len);
    else
        text_insn_head(b, r);
    if (r->nregs || r->nmem || r->mem_dropped || r->nstack) {
        LB_LIT(b, " | ");
        text_changes(b, r);
    }
    if (r->nstack) {
        LB_LIT(b, " | ");
        text_stack(b, r);
    }
}

/* "  KEYWORD" then two spaces per level of depth. */
static void text_indent(linebuf *b, const char *keyword, int depth)
{
    lb_str(b, keyword);
    lb_spaces(b, 2 * depth);
}

static void text_sched(linebuf *b, const char *text)
{
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        LB_LIT(b, "  sched ");
        lb_put(b, p, n);
        LB_LIT(b, "\n");
        p += n + (nl ? 1 : 0);
    }
}

static void text_end(linebuf *b, const trace_rec *r)
{
    LB_LIT(b, "end ");
    lb_str(b, r->how);
    LB_LIT(b, " instructions=");
    lb_udec(b, r->instructions);
    if (r->status >= 0) {
        LB_LIT(b, " status=");
        lb_dec(b, r->status);
    }
    if (r->why && *r->why) {
        LB_LIT(b, " why=\"");
        lb_str(b, r->why);
        LB_LIT(b, "\"");
    }
}

static void text_record(linebuf *b, const trace_rec *r)
{
    switch (r->kind) {
    case REC_HEADER:
        LB_LIT(b, "#sim-trace v");
        lb_dec(b, r->version);
        LB_LIT(b, " config=");
        lb_str(b, r->config);
        LB_LIT(b, " sim=");
        lb_str(b, r->sim);
        LB_LIT(b, " program=");
        lb_str(b, r->program);
        break;
    case REC_INSN:
        text_insn(b, r);
        break;
    case REC_CALL:
        text_indent(b, "  call ", r->depth);
        lb_str(b, r->fn);
        LB_LIT(b, "(");
        lb_str(b, r->args);
        LB_LIT(b, ")");
        break;
    case REC_STATE:
        text_indent(b, "  set  ", r->depth);
        lb_str(b, r->lhs);
        LB_LIT(b, ": ");
        lb_str(b, r->old_v);
        LB_LIT(b, " → ");
        lb_str(b, r->new_v);
        break;
    case REC_NOTE:
        text_indent(b, "  note ", r->depth);
        lb_str(b, r->text);
        break;
    case REC_SCHED:   /* one line per line of the block, each with its newline */
        text_sched(b, r->text);
        return;
    case REC_FAULT:
        LB_LIT(b, "fault ");
        lb_hex(b, r->pc);
        LB_LIT(b, " ");
        lb_str(b, r->sym);
        LB_LIT(b, ": ");
        lb_str(b, r->why);
        break;
    case REC_END:
        text_end(b, r);
        break;
    case REC_SYSCALL:
    case REC_SIGNAL:
        lb_str(b, r->kind == REC_SYSCALL ? "  syscall t" : "  signal t");
        lb_dec(b, r->tid);
        LB_LIT(b, " ");
        lb_str(b, r->text);
        break;
    case REC_SWITCH:
        LB_LIT(b, "  switch t");
        lb_dec(b, r->from_tid);
        LB_LIT(b, " → t");
        lb_dec(b, r->tid);
        LB_LIT(b, " (");
        lb_str(b, r->text);
        LB_LIT(b, ")");
        break;
    default:
        return;
    }
    LB_LIT(b, "\n");
}

void rec_write_text(FILE *out, const trace_rec *r)
{
    char buf[4096];
    linebuf b = {.out = out, .buf = buf, .cap = sizeof buf};
    text_record(&b, r);
    lb_flush(&b);
}

void rec_text_append(rec_textbuf *b, const trace_rec *r) { text_record(b, r); }

size_t rec_text_insn_head(const trace_rec *r, char *buf, size_t cap)
{
    size_t need = 64 + strlen(r->sym) + strlen(r->bytes) + strlen(r->file) +
                  2 * strlen(r->src) + strlen(r->disasm);
    if (need > cap)
        return 0;
    linebuf b = {.buf = buf, .cap = cap};   /* never flushed: NEED bounds the text */
    text_insn_head(&b, r);
    buf[b.n] = 0;
    return b.n;
}

void rec_text_flush(rec_textbuf *b) { lb_flush(b); }

static void jsonl_insn(jw *w, const trace_rec *r)
{
    jw_uint(w, "seq", r->seq);
    if (r->tid)
        jw_int(w, "tid", r->tid);
    jw_addr(w, "pc", r->pc);
    jw_str(w, "sym", r->sym);
    jw_str(w, "bytes", r->bytes);
    jw_str(w, "file", r->file);
    jw_int(w, "line", r->line);
    jw_str(w, "src", r->src);
    jw_str(w, "disasm", r->disasm);
    jw_obj(w, "regs");
    for (int i = 0; i < r->nregs; i++) {
        jw_arr(w, r->regs[i].name);
        jw_addr(w, NULL, r->regs[i].old_v);
        jw_addr(w, NULL, r->regs[i].new_v);
        jw_arr_end(w);
    }
    jw_obj_end(w);
    jw_arr(w, "mem");
    for (int i = 0; i < r->nmem; i++) {
        jw_obj(w, NULL);
        jw_addr(w, "addr", r->mem[i].addr);
        jw_int(w, "size", r->mem[i].size);
        jw_addr(w, "value", r->mem[i].value);
        jw_addr(w, "old", r->mem[i].old);
        jw_str(w, "field", r->mem[i].name ? r->mem[i].name : "");
        if (r->mem[i].faulted)
            jw_bool(w, "faulted", true);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_int(w, "mem_dropped", r->mem_dropped);
    jw_arr(w, "stack");
    for (int i = 0; i < r->nstack; i++) {
        jw_obj(w, NULL);
        jw_int(w, "off", r->stack[i].off);
        jw_addr(w, "value", r->stack[i].value);
        jw_str(w, "note", r->stack[i].note ? r->stack[i].note : "");
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

void rec_write_jsonl(FILE *out, const trace_rec *r)
{
    jw w;
    jw_init(&w, out);
    jw_obj(&w, NULL);
    jw_str(&w, "kind", rec_kind_names[r->kind]);
    switch (r->kind) {
    case REC_HEADER:
        jw_int(&w, "version", r->version);
        jw_str(&w, "config", r->config);
        jw_str(&w, "sim", r->sim);
        jw_str(&w, "program", r->program);
        break;
    case REC_INSN:
        jsonl_insn(&w, r);
        break;
    case REC_CALL:
        jw_uint(&w, "seq", r->seq);
        jw_int(&w, "depth", r->depth);
        jw_str(&w, "fn", r->fn);
        jw_str(&w, "args", r->args);
        break;
    case REC_STATE:
        jw_uint(&w, "seq", r->seq);
        jw_int(&w, "depth", r->depth);
        jw_str(&w, "lhs", r->lhs);
        jw_str(&w, "old", r->old_v);
        jw_str(&w, "new", r->new_v);
        break;
    case REC_NOTE:
        jw_uint(&w, "seq", r->seq);
        jw_int(&w, "depth", r->depth);
        jw_str(&w, "text", r->text);
        break;
    case REC_SCHED:
        jw_str(&w, "text", r->text);
        break;
    case REC_FAULT:
        jw_addr(&w, "pc", r->pc);
        jw_str(&w, "sym", r->sym);
        jw_str(&w, "why", r->why);
        break;
    case REC_END:
        jw_str(&w, "how", r->how);
        jw_uint(&w, "instructions", r->instructions);
        if (r->status >= 0)
            jw_int(&w, "status", r->status);
        else
            jw_null(&w, "status");
        jw_str(&w, "why", r->why ? r->why : "");
        break;
    case REC_SYSCALL:
    case REC_SIGNAL:
        jw_int(&w, "tid", r->tid);
        jw_str(&w, "text", r->text);
        break;
    case REC_SWITCH:
        jw_int(&w, "from", r->from_tid);
        jw_int(&w, "tid", r->tid);
        jw_str(&w, "text", r->text);
        break;
    default:
        break;
    }
    jw_obj_end(&w);
    fputc_unlocked('\n', out);
}
