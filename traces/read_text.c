/* One record from one line of the text format (docs/trace-format.md).
 * The line is cut up in place: fields end where a NUL is written over
 * their separator, so records cost no copying. */
#include "traces/read_internal.h"
#include <string.h>

#define ARROW "\xe2\x86\x92"   /* → */

/* The next " | " separator at or after P that is not escaped, or NULL. */
static char *find_sep(char *p)
{
    for (char *bar = strchr(p, '|'); bar; bar = strchr(bar + 1, '|'))
        if (bar > p && bar[-1] == ' ' && bar[1] == ' ')
            return bar - 1;
    return NULL;
}

/* Ends the field at P: returns the next field's start, or NULL at the end
 * of the line. */
static char *cut_field(char *p)
{
    char *sep = find_sep(p);
    if (!sep)
        return NULL;
    *sep = 0;
    return sep + 3;
}

/* The source column: '\' escapes the next character, and the column ends
 * at the first unescaped " | ".  Unescaped in place; returns what follows. */
static char *cut_src(char *p)
{
    char *w = p;
    for (char *s = p; *s; s++) {
        if (*s == '\\' && s[1]) {
            *w++ = *++s;
            continue;
        }
        if (s[0] == ' ' && s[1] == '|' && s[2] == ' ') {
            *w = 0;
            return s + 3;
        }
        *w++ = *s;
    }
    *w = 0;
    return NULL;
}

/* Depth is the indentation after the keyword column, two spaces a level. */
static char *indented(char *p, int *depth)
{
    int n = 0;
    while (p[n] == ' ')
        n++;
    *depth = n / 2;
    return p + (n & ~1);
}

/* "old→new" or "old→new(faulted)" into M; false if W is not that. */
static bool store_values(const char *w, rec_mem *m)
{
    const char *e;
    if (!read_hex(w, &e, &m->old) || strncmp(e, ARROW, 3) != 0 || !read_hex(e + 3, &e, &m->value))
        return false;
    m->faulted = strcmp(e, "(faulted)") == 0;
    return !*e || m->faulted;
}

/* A store, W being its first word: "[addr]/size [name] old→new" (the
 * name, a word of its own, is there when sim knew the Go field; a
 * faulted store ends in "(faulted)"), or version 1's first form
 * "[addr]/size=value".  *NEXT is moved past the
 * words taken.  0, or -1. */
static int parse_store(char *w, char **next, rec_mem *m)
{
    const char *e;
    uint64_t size;
    m->name = "";
    m->faulted = false;
    m->old = 0;
    if (!read_hex(w + 1, &e, &m->addr) || strncmp(e, "]/", 2) != 0 || !read_dec(e + 2, &e, &size))
        return -1;
    m->size = (int)size;
    if (*e == '=') {
        if (!read_hex(e + 1, &e, &m->value))
            return -1;
        m->faulted = strcmp(e, "(faulted)") == 0;
        return !*e || m->faulted ? 0 : -1;
    }
    for (int words = 0; !*e && *next && words < 2; words++) {
        char *v = *next, *after = strchr(v, ' ');
        if (after)
            *after++ = 0;
        *next = after;
        if (store_values(v, m))
            return 0;
        if (words)
            return -1;
        m->name = v;   /* the Go field, then the values */
    }
    return -1;
}

static int parse_changes(trace_reader *rd, char *p, trace_rec *r)
{
    while (p && *p) {
        char *next = strchr(p, ' ');
        const char *e;
        if (next)
            *next++ = 0;
        if (p[0] == '(' && p[1] == '+') {   /* "(+N writes)": two words */
            uint64_t n;
            if (!read_dec(p + 2, &e, &n) || *e || !next || strncmp(next, "writes)", 7) != 0)
                return read_fail(rd, rd->lineno, "bad dropped-writes count \"%s\"", p);
            r->mem_dropped = (int)n;
            next = next[7] == ' ' ? next + 8 : next + 7;
        } else if (p[0] == '[') {
            if (r->nmem == REC_MAX_MEM)
                return read_fail(rd, rd->lineno, "more than %d memory writes", REC_MAX_MEM);
            rec_mem *m = &r->mem[r->nmem++];
            if (parse_store(p, &next, m) != 0)
                return read_fail(rd, rd->lineno, "bad memory write \"%s\"", p);
        } else {
            char *eq = strchr(p, '=');
            if (!eq || r->nregs == REC_MAX_REGS)
                return read_fail(rd, rd->lineno, "bad register change \"%s\"", p);
            rec_reg *g = &r->regs[r->nregs++];
            *eq = 0;
            g->name = p;
            if (!read_hex(eq + 1, &e, &g->old_v) || strncmp(e, ARROW, 3) != 0 ||
                !read_hex(e + 3, &e, &g->new_v) || *e)
                return read_fail(rd, rd->lineno, "bad register change \"%s=%s\"", p, eq + 1);
        }
        p = next;
    }
    return 1;
}

/* "[rsp+0]=0x4010ff (→ runtime·rt0_go+223) [rsp+8]=0x1 ...": a note runs
 * to the ')' before the next " [rsp+" (notes may hold spaces and parens). */
static int parse_stack(trace_reader *rd, char *p, trace_rec *r)
{
    while (p && *p) {
        const char *e;
        uint64_t off;
        if (r->nstack == REC_MAX_STACK)
            return read_fail(rd, rd->lineno, "more than %d stack slots", REC_MAX_STACK);
        rec_slot *s = &r->stack[r->nstack++];
        if (strncmp(p, "[rsp+", 5) != 0 || !read_dec(p + 5, &e, &off) || strncmp(e, "]=", 2) != 0 ||
            !read_hex(e + 2, &e, &s->value))
            return read_fail(rd, rd->lineno, "bad stack slot \"%s\"", p);
        s->off = (int)off;
        s->note = "";
        char *q = (char *)e, *next = NULL;
        if (q[0] == ' ' && q[1] == '(') {
            char *close = strstr(q, ") [rsp+");
            close = close ? close : q + strlen(q) - 1;
            if (*close != ')')
                return read_fail(rd, rd->lineno, "unclosed stack note \"%s\"", q + 1);
            s->note = q + 2;
            next = close[1] ? close + 2 : NULL;
            *close = 0;
        } else if (q[0] == ' ') {
            next = q + 1;
        } else if (q[0]) {
            return read_fail(rd, rd->lineno, "bad stack slot \"%s\"", p);
        }
        p = next;
    }
    return 1;
}

/* "seq pc sym | bytes | file:line src | disasm[ | changes[ | stack]]" */
static int parse_insn(trace_reader *rd, char *line, trace_rec *r)
{
    const char *e;
    char *sym, *bytes, *src, *disasm, *changes, *stack = NULL;
    if (!read_dec(line, &e, &r->seq) || *e != ' ')
        return read_fail(rd, rd->lineno, "instruction: expected \"seq 0xpc symbol\"");
    uint64_t tid = 0;
    if (e[1] == 't' && (!read_dec(e + 2, &e, &tid) || *e != ' ' || tid == 0 || tid > INT32_MAX))
        return read_fail(rd, rd->lineno, "instruction: expected \"seq tTHREAD 0xpc symbol\"");
    r->tid = (int)tid;
    if (!read_hex(e + 1, &e, &r->pc) || *e != ' ')
        return read_fail(rd, rd->lineno, "instruction: expected \"seq 0xpc symbol\"");
    sym = (char *)e + 1;
    if (!(bytes = cut_field(sym)) || !(src = cut_field(bytes)))
        return read_fail(rd, rd->lineno, "instruction: fewer than four \" | \" fields");
    char *colon = strchr(src, ':');
    uint64_t ln;
    if (!colon || !read_dec(colon + 1, &e, &ln) || *e != ' ')
        return read_fail(rd, rd->lineno, "instruction: expected \"file:line source\"");
    *colon = 0;
    r->file = src;
    r->line = (int)ln;
    r->src = e + 1;
    if (!(disasm = cut_src((char *)e + 1)))
        return read_fail(rd, rd->lineno, "instruction: no disassembly field");
    if ((changes = cut_field(disasm)))
        stack = cut_field(changes);
    if (!read_bytes_ok(bytes))
        return read_fail(rd, rd->lineno, "instruction: bad bytes \"%.48s\" (hex pairs)", bytes);
    r->sym = sym;
    r->bytes = bytes;
    r->disasm = disasm;
    if (changes && parse_changes(rd, changes, r) < 0)
        return -1;
    return stack ? parse_stack(rd, stack, r) : 1;
}

/* After "  syscall t" / "  signal t": "TID TEXT"; after "  switch t":
 * "FROM → tTO (WHY)". */
static int parse_thread_rec(trace_reader *rd, char *line, trace_rec *r)
{
    const char *e;
    uint64_t a, b;
    if (!read_dec(line, &e, &a) || a > INT32_MAX || *e != ' ')
        return read_fail(rd, rd->lineno, "thread record: expected a thread number");
    if (r->kind != REC_SWITCH) {
        r->tid = (int)a;
        r->text = e + 1;
        return 1;
    }
    static const char arrow[] = " → t";
    size_t len = strlen(e);
    if (strncmp(e, arrow, sizeof arrow - 1) != 0 || !read_dec(e + sizeof arrow - 1, &e, &b) ||
        b > INT32_MAX || strncmp(e, " (", 2) != 0 || len < 3 || line[strlen(line) - 1] != ')')
        return read_fail(rd, rd->lineno, "switch: expected \"switch tFROM → tTO (WHY)\"");
    r->from_tid = (int)a;
    r->tid = (int)b;
    line[strlen(line) - 1] = 0;
    r->text = e + 2;
    return 1;
}

/* "#sim-trace v1 config=NAME sim=VERSION program=HASH" */
static int parse_header(trace_reader *rd, char *line, trace_rec *r)
{
    const char *e;
    uint64_t v;
    char *cfg = strstr(line, " config="), *sim = strstr(line, " sim="),
         *prog = strstr(line, " program=");
    if (strncmp(line, "#sim-trace v", 12) != 0 || !read_dec(line + 12, &e, &v) ||
        e != cfg || !sim || !prog || sim < cfg || prog < sim)
        return read_fail(rd, rd->lineno, "header: expected \"#sim-trace vN config=... sim=... "
                                         "program=...\"");
    r->version = (int)v;
    *sim = *prog = 0;
    r->config = cfg + 8;
    r->sim = sim + 5;
    r->program = prog + 9;
    return 1;
}

/* The '(' matching the ')' at CLOSE: function names may hold parentheses
 * themselves ("(*p).init(id=0)"). */
static char *matching_open(char *start, char *close)
{
    int depth = 0;
    for (char *p = close; p >= start; p--) {
        depth += *p == ')' ? 1 : *p == '(' ? -1 : 0;
        if (depth == 0)
            return p;
    }
    return NULL;
}

static int parse_call(trace_reader *rd, char *p, trace_rec *r)
{
    p = indented(p, &r->depth);
    char *close = p + strlen(p) - 1;
    char *open = close >= p && *close == ')' ? matching_open(p, close) : NULL;
    if (!open)
        return read_fail(rd, rd->lineno, "call: expected \"fn(args)\"");
    *open = *close = 0;
    r->fn = p;
    r->args = open + 1;
    return 1;
}

static int parse_state(trace_reader *rd, char *p, trace_rec *r)
{
    p = indented(p, &r->depth);
    char *colon = strstr(p, ": "), *arrow = colon ? strstr(colon + 2, " " ARROW " ") : NULL;
    if (!arrow)
        return read_fail(rd, rd->lineno, "set: expected \"lhs: old → new\"");
    *colon = *arrow = 0;
    r->lhs = p;
    r->old_v = colon + 2;
    r->new_v = arrow + 5;
    return 1;
}

/* "fault 0xPC SYMBOL: WHY" */
static int parse_fault(trace_reader *rd, char *p, trace_rec *r)
{
    const char *e;
    char *colon;
    if (!read_hex(p, &e, &r->pc) || *e != ' ' || !(colon = strstr(e, ": ")))
        return read_fail(rd, rd->lineno, "fault: expected \"fault 0xpc symbol: why\"");
    *colon = 0;
    r->sym = e + 1;
    r->why = colon + 2;
    return 1;
}

/* "end HOW instructions=N[ status=S][ why="..."]" */
static int parse_end(trace_reader *rd, char *p, trace_rec *r)
{
    const char *e;
    char *sp = strchr(p, ' ');
    long long st;
    r->why = "";
    if (!sp || strncmp(sp, " instructions=", 14) != 0 || !read_dec(sp + 14, &e, &r->instructions))
        return read_fail(rd, rd->lineno, "end: expected \"end how instructions=N\"");
    *sp = 0;
    r->how = p;
    if (strncmp(e, " status=", 8) == 0) {
        if (!read_int(e + 8, &e, &st))
            return read_fail(rd, rd->lineno, "end: bad status");
        r->status = (int)st;
    }
    if (strncmp(e, " why=\"", 6) == 0) {
        char *q = (char *)e + 6, *last = q + strlen(q) - 1;
        if (last < q || *last != '"')
            return read_fail(rd, rd->lineno, "end: unterminated why=\"...\"");
        *last = 0;
        r->why = q;
    } else if (*e) {
        return read_fail(rd, rd->lineno, "end: unexpected \"%s\"", e);
    }
    return 1;
}

int read_text_record(trace_reader *rd, char *line, trace_rec *r)
{
    read_clear(r);
    if ((unsigned)(line[0] - '0') < 10) {
        r->kind = REC_INSN;
        int rc = parse_insn(rd, line, r);
        rd->last_seq = r->seq;
        return rc;
    }
    static const struct { const char *prefix; rec_kind kind; } kinds[] = {
        {"  call ", REC_CALL}, {"  set  ", REC_STATE}, {"  note ", REC_NOTE},
        {"#sim-trace", REC_HEADER}, {"fault ", REC_FAULT}, {"end ", REC_END},
        {"  syscall t", REC_SYSCALL}, {"  signal t", REC_SIGNAL}, {"  switch t", REC_SWITCH},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t n = strlen(kinds[i].prefix);
        if (strncmp(line, kinds[i].prefix, n) != 0)
            continue;
        r->kind = kinds[i].kind;
        switch (r->kind) {
        case REC_CALL: r->seq = rd->last_seq; return parse_call(rd, line + n, r);
        case REC_STATE: r->seq = rd->last_seq; return parse_state(rd, line + n, r);
        case REC_NOTE: r->seq = rd->last_seq; r->text = indented(line + n, &r->depth); return 1;
        case REC_HEADER: return parse_header(rd, line, r);
        case REC_FAULT: return parse_fault(rd, line + n, r);
        case REC_SYSCALL: case REC_SIGNAL: case REC_SWITCH: return parse_thread_rec(rd, line + n, r);
        default: return parse_end(rd, line + n, r);
        }
    }
    return read_fail(rd, rd->lineno, "not a trace record: \"%.40s%s\"", line,
                     strlen(line) > 40 ? "..." : "");
}
