/* The two trace formats' writers: see record.h and docs/trace-format.md. */
#include "traces/json.h"
#include "traces/record.h"
#include <string.h>

const char *const rec_kind_names[REC__COUNT] = {
    "header", "insn", "call", "state", "note", "sched", "fault", "end",
};

/* The source column escapes '|' so that " | " only ever separates fields. */
static void put_escaped_src(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '\\')
            fputc('\\', out);
        fputc(*s, out);
    }
}

static void text_changes(FILE *out, const trace_rec *r)
{
    const char *sep = "";
    for (int i = 0; i < r->nregs; i++, sep = " ")
        fprintf(out, "%s%s=0x%llx→0x%llx", sep, r->regs[i].name,
                (unsigned long long)r->regs[i].old_v, (unsigned long long)r->regs[i].new_v);
    for (int i = 0; i < r->nmem; i++, sep = " ")
        fprintf(out, "%s[0x%llx]/%d=0x%llx", sep, (unsigned long long)r->mem[i].addr,
                r->mem[i].size, (unsigned long long)r->mem[i].value);
    if (r->mem_dropped)
        fprintf(out, "%s(+%d writes)", sep, r->mem_dropped);
}

static void text_stack(FILE *out, const trace_rec *r)
{
    for (int i = 0; i < r->nstack; i++) {
        fprintf(out, "%s[rsp+%d]=0x%llx", i ? " " : "", r->stack[i].off,
                (unsigned long long)r->stack[i].value);
        if (r->stack[i].note && *r->stack[i].note)
            fprintf(out, " (%s)", r->stack[i].note);
    }
}

static void text_insn(FILE *out, const trace_rec *r)
{
    fprintf(out, "%llu 0x%llx %s | %s | %s:%d ", (unsigned long long)r->seq,
            (unsigned long long)r->pc, r->sym, r->bytes, r->file, r->line);
    put_escaped_src(out, r->src);
    fprintf(out, " | %s", r->disasm);
    if (r->nregs || r->nmem || r->mem_dropped || r->nstack) {
        fputs(" | ", out);
        text_changes(out, r);
    }
    if (r->nstack) {
        fputs(" | ", out);
        text_stack(out, r);
    }
    fputc('\n', out);
}

void rec_write_text(FILE *out, const trace_rec *r)
{
    switch (r->kind) {
    case REC_HEADER:
        fprintf(out, "#sim-trace v%d config=%s sim=%s program=%s\n", r->version, r->config,
                r->sim, r->program);
        break;
    case REC_INSN:
        text_insn(out, r);
        break;
    case REC_CALL:
        fprintf(out, "  call %*s%s(%s)\n", 2 * r->depth, "", r->fn, r->args);
        break;
    case REC_STATE:
        fprintf(out, "  set  %*s%s: %s → %s\n", 2 * r->depth, "", r->lhs, r->old_v, r->new_v);
        break;
    case REC_NOTE:
        fprintf(out, "  note %*s%s\n", 2 * r->depth, "", r->text);
        break;
    case REC_SCHED:
        for (const char *p = r->text; *p;) {
            const char *nl = strchr(p, '\n');
            int n = nl ? (int)(nl - p) : (int)strlen(p);
            fprintf(out, "  sched %.*s\n", n, p);
            p += n + (nl ? 1 : 0);
        }
        break;
    case REC_FAULT:
        fprintf(out, "fault 0x%llx %s: %s\n", (unsigned long long)r->pc, r->sym, r->why);
        break;
    case REC_END:
        fprintf(out, "end %s instructions=%llu", r->how, (unsigned long long)r->instructions);
        if (r->status >= 0)
            fprintf(out, " status=%d", r->status);
        if (r->why && *r->why)
            fprintf(out, " why=\"%s\"", r->why);
        fputc('\n', out);
        break;
    default:
        break;
    }
}

static void jsonl_insn(jw *w, const trace_rec *r)
{
    jw_uint(w, "seq", r->seq);
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
        jw_int(&w, "depth", r->depth);
        jw_str(&w, "fn", r->fn);
        jw_str(&w, "args", r->args);
        break;
    case REC_STATE:
        jw_int(&w, "depth", r->depth);
        jw_str(&w, "lhs", r->lhs);
        jw_str(&w, "old", r->old_v);
        jw_str(&w, "new", r->new_v);
        break;
    case REC_NOTE:
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
    default:
        break;
    }
    jw_obj_end(&w);
    fputc('\n', out);
}
