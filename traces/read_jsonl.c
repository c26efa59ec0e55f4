/* One record from one JSONL line (docs/trace-format.md, JSONL).  Keys may
 * come in any order; unknown keys are skipped, so a newer writer's extra
 * fields do not break the reader. */
#include "traces/read_json.h"
#include <string.h>

static int read_regs(jscan *s, trace_rec *r)
{
    if (js_expect(s, '{') < 0)
        return -1;
    if (js_accept(s, '}'))
        return 0;
    do {
        if (r->nregs == REC_MAX_REGS)
            return js_fail(s, "too many registers");
        rec_reg *g = &r->regs[r->nregs++];
        char *name;
        if (js_string(s, &name) < 0 || js_expect(s, ':') < 0 || js_expect(s, '[') < 0 ||
            js_addr(s, &g->old_v) < 0 || js_expect(s, ',') < 0 || js_addr(s, &g->new_v) < 0 ||
            js_expect(s, ']') < 0)
            return -1;
        g->name = name;
    } while (js_accept(s, ','));
    return js_expect(s, '}');
}

/* An array of objects, each field handled by FIELD. */
static int read_objects(jscan *s, trace_rec *r, int (*field)(jscan *, trace_rec *, const char *))
{
    if (js_expect(s, '[') < 0)
        return -1;
    if (js_accept(s, ']'))
        return 0;
    do {
        if (js_expect(s, '{') < 0)
            return -1;
        if (!js_accept(s, '}')) {
            do {
                char *key;
                if (js_string(s, &key) < 0 || js_expect(s, ':') < 0 || field(s, r, key) < 0)
                    return -1;
            } while (js_accept(s, ','));
            if (js_expect(s, '}') < 0)
                return -1;
        }
    } while (js_accept(s, ','));
    return js_expect(s, ']');
}

/* Fields of the object being read are added to the last element; a new
 * element starts when its first field ("addr"/"off") arrives. */
static int mem_field(jscan *s, trace_rec *r, const char *key)
{
    long long n;
    if (strcmp(key, "addr") == 0) {
        if (r->nmem == REC_MAX_MEM)
            return js_fail(s, "too many memory writes");
        r->mem[r->nmem++] = (rec_mem){0};
        return js_addr(s, &r->mem[r->nmem - 1].addr);
    }
    if (r->nmem == 0)
        return js_fail(s, "memory write without \"addr\" first");
    if (strcmp(key, "size") == 0) {
        if (js_int(s, &n) < 0)
            return -1;
        r->mem[r->nmem - 1].size = (int)n;
        return 0;
    }
    if (strcmp(key, "value") == 0)
        return js_addr(s, &r->mem[r->nmem - 1].value);
    if (strcmp(key, "faulted") == 0)
        return js_bool(s, &r->mem[r->nmem - 1].faulted);
    if (strcmp(key, "old") == 0)
        return js_addr(s, &r->mem[r->nmem - 1].old);
    if (strcmp(key, "field") == 0)
        return js_string(s, (char **)&r->mem[r->nmem - 1].name);
    return js_skip(s, 0);
}

static int stack_field(jscan *s, trace_rec *r, const char *key)
{
    long long n;
    char *note;
    if (strcmp(key, "off") == 0) {
        if (r->nstack == REC_MAX_STACK)
            return js_fail(s, "too many stack slots");
        if (js_int(s, &n) < 0)
            return -1;
        r->stack[r->nstack++] = (rec_slot){(int)n, 0, ""};
        return 0;
    }
    if (r->nstack == 0)
        return js_fail(s, "stack slot without \"off\" first");
    if (strcmp(key, "value") == 0)
        return js_addr(s, &r->stack[r->nstack - 1].value);
    if (strcmp(key, "note") == 0) {
        if (js_string(s, &note) < 0)
            return -1;
        r->stack[r->nstack - 1].note = note;
        return 0;
    }
    return js_skip(s, 0);
}

static int int_field(jscan *s, int *out)
{
    long long n;
    if (js_int(s, &n) < 0)
        return -1;
    *out = (int)n;
    return 0;
}

static int status_field(jscan *s, trace_rec *r)
{
    js_ws(s);
    if (strncmp(s->p, "null", 4) == 0) {
        s->p += 4;
        r->status = -1;
        return 0;
    }
    return int_field(s, &r->status);
}

static int kind_field(jscan *s, trace_rec *r)
{
    char *kind;
    if (js_string(s, &kind) < 0)
        return -1;
    for (int k = 0; k < REC__COUNT; k++)
        if (strcmp(kind, rec_kind_names[k]) == 0) {
            r->kind = (rec_kind)k;
            return 1;
        }
    return js_fail(s, "unknown record kind");
}

/* One key's value into R; returns 1 for "kind", 0 for others, -1 on error. */
static int field(jscan *s, trace_rec *r, const char *key)
{
    static const struct { const char *key; size_t off; } strs[] = {
        {"sym", offsetof(trace_rec, sym)}, {"bytes", offsetof(trace_rec, bytes)},
        {"file", offsetof(trace_rec, file)}, {"src", offsetof(trace_rec, src)},
        {"disasm", offsetof(trace_rec, disasm)}, {"fn", offsetof(trace_rec, fn)},
        {"args", offsetof(trace_rec, args)}, {"lhs", offsetof(trace_rec, lhs)},
        {"old", offsetof(trace_rec, old_v)}, {"new", offsetof(trace_rec, new_v)},
        {"text", offsetof(trace_rec, text)}, {"how", offsetof(trace_rec, how)},
        {"why", offsetof(trace_rec, why)}, {"config", offsetof(trace_rec, config)},
        {"sim", offsetof(trace_rec, sim)}, {"program", offsetof(trace_rec, program)},
    };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        if (strcmp(key, strs[i].key) == 0)
            return js_string(s, (char **)((char *)r + strs[i].off));
    if (strcmp(key, "kind") == 0) return kind_field(s, r);
    if (strcmp(key, "seq") == 0) return js_uint(s, &r->seq);
    if (strcmp(key, "pc") == 0) return js_addr(s, &r->pc);
    if (strcmp(key, "line") == 0) return int_field(s, &r->line);
    if (strcmp(key, "regs") == 0) return read_regs(s, r);
    if (strcmp(key, "mem") == 0) return read_objects(s, r, mem_field);
    if (strcmp(key, "mem_dropped") == 0) return int_field(s, &r->mem_dropped);
    if (strcmp(key, "stack") == 0) return read_objects(s, r, stack_field);
    if (strcmp(key, "depth") == 0) return int_field(s, &r->depth);
    if (strcmp(key, "tid") == 0) return int_field(s, &r->tid);
    if (strcmp(key, "from") == 0) return int_field(s, &r->from_tid);
    if (strcmp(key, "version") == 0) return int_field(s, &r->version);
    if (strcmp(key, "instructions") == 0) return js_uint(s, &r->instructions);
    if (strcmp(key, "status") == 0) return status_field(s, r);
    return js_skip(s, 0);
}

/* Absent strings read as "", as a writer given "" would have written. */
static void fill_absent(trace_rec *r)
{
    const char **strs[] = {&r->config, &r->sim, &r->program, &r->sym, &r->bytes, &r->file,
                           &r->src, &r->disasm, &r->fn, &r->args, &r->lhs, &r->old_v,
                           &r->new_v, &r->text, &r->how, &r->why};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        if (!*strs[i])
            *strs[i] = "";
}

int read_jsonl_record(trace_reader *rd, char *line, trace_rec *r)
{
    jscan s = {line, line, rd};
    bool have_kind = false;
    read_clear(r);
    if (js_expect(&s, '{') < 0)
        return -1;
    if (!js_accept(&s, '}')) {
        do {
            char *key;
            int rc;
            if (js_string(&s, &key) < 0 || js_expect(&s, ':') < 0 || (rc = field(&s, r, key)) < 0)
                return -1;
            have_kind |= rc == 1;
        } while (js_accept(&s, ','));
        if (js_expect(&s, '}') < 0)
            return -1;
    }
    js_ws(&s);
    if (*s.p)
        return js_fail(&s, "text after the object");
    if (!have_kind)
        return read_fail(rd, rd->lineno, "JSON record without \"kind\"");
    if (r->kind == REC_INSN && r->bytes && !read_bytes_ok(r->bytes))
        return read_fail(rd, rd->lineno, "instruction: bad bytes \"%.48s\" (hex pairs)", r->bytes);
    fill_absent(r);
    return 1;
}
