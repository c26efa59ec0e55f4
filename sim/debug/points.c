/* Breakpoints and watches: see debug.h.  They share one numbering, as
 * gdb's do, so `d N` deletes either. */
#include "sim/debug/debug.h"
#include "sim/debug/sym.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static dbg_point *new_point(dbg *d, pt_kind kind, const char *spec)
{
    d->pts = realloc(d->pts, (size_t)(d->npts + 1) * sizeof *d->pts);
    dbg_point *p = &d->pts[d->npts++];
    memset(p, 0, sizeof *p);
    p->id = d->next_id++;
    p->kind = kind;
    snprintf(p->spec, sizeof p->spec, "%s", spec);
    return p;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static bool same_file(const char *path, const char *typed)
{
    return strcmp(path, typed) == 0 || strcmp(base_name(path), typed) == 0;
}

/* FILE:LINE -> the first instruction of that line or, as gdb does, of the
 * next line below it with code (within ten lines). */
static int resolve_line(dbg *d, const char *file, int line, uint64_t *addr, int *got)
{
    const image *img = &d->mc.img;
    for (int l = line; l < line + 10; l++)
        for (size_t i = 0; i < img->nlines; i++) {
            const image_line *ln = &img->lines[i];
            if (ln->line == l && ln->len && same_file(ln->file, file)) {
                *addr = ln->addr;
                *got = l;
                return 0;
            }
        }
    return -1;
}

/* SPEC -> address; 0 or -1 with the reason on OUT. */
static int resolve_break(dbg *d, const char *spec, uint64_t *addr, FILE *out)
{
    const char *colon = strrchr(spec, ':');
    if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
        char file[256];
        snprintf(file, sizeof file, "%.*s", (int)(colon - spec), spec);
        int line = atoi(colon + 1), got;
        if (resolve_line(d, file, line, addr, &got) != 0) {
            fprintf(out, "no instruction at or below %s (files are named as in the trace: "
                    "rt0_amd64.s:12)\n", spec);
            return -1;
        }
        if (got != line)
            fprintf(out, "line %d has no instruction; using line %d\n", line, got);
        return 0;
    }
    char err[256];
    if (daddr_parse(&d->mc, spec, addr, err, sizeof err) != 0) {
        fprintf(out, "%s\n", err);
        return -1;
    }
    const image_sym *s = image_sym_at(&d->mc.img, *addr);
    if (!s || (s->kind != SYM_TEXT && s->kind != SYM_MODEL)) {
        fprintf(out, "0x%llx is not code (a TEXT symbol or a model)\n", (unsigned long long)*addr);
        return -1;
    }
    return 0;
}

int dbg_resolve_loc(dbg *d, const char *spec, uint64_t *addr, FILE *out)
{
    return resolve_break(d, spec, addr, out);
}

static void describe(dbg *d, uint64_t addr, char *buf, size_t len)
{
    char sym[128];
    const image_line *ln = image_line_at(&d->mc.img, addr);
    image_symbolize(&d->mc.img, addr, sym, sizeof sym);
    if (ln)
        snprintf(buf, len, "%s at %s:%d", sym, base_name(ln->file), ln->line);
    else
        snprintf(buf, len, "%s (a model: C code, one step)", sym);
}

int dbg_break_add(dbg *d, const char *spec, FILE *out) { return dbg_break_add2(d, spec, false, out); }

int dbg_break_add2(dbg *d, const char *spec, bool temp, FILE *out)
{
    uint64_t addr;
    if (!*spec) {
        fprintf(out, "b needs a place: a symbol (runtime·main or runtime.main), an address, "
                "or FILE:LINE\n");
        return -1;
    }
    const char *model;
    if (dbg_model_break_spec(d, spec, &model)) {
        dbg_point *p = new_point(d, PT_BREAK, spec);
        p->model = model;
        snprintf(p->where, sizeof p->where, "%s (a model: stops at its entry, inside the model "
                 "call that enters it)", model);
        fprintf(out, "Breakpoint %d: %s\n", p->id, p->where);
        return 0;
    }
    if (resolve_break(d, spec, &addr, out) != 0)
        return -1;
    dbg_point *p = new_point(d, PT_BREAK, spec);
    p->addr = addr;
    p->temp = temp;
    describe(d, addr, p->where, sizeof p->where);
    fprintf(out, "%s %d at 0x%llx: %s\n", temp ? "Temporary breakpoint" : "Breakpoint", p->id,
            (unsigned long long)addr, p->where);
    return 0;
}

int dbg_watch_add(dbg *d, const char *text, FILE *out)
{
    dexpr e;
    char err[256], val[160];
    if (!*text) {
        fprintf(out, "w needs a Go field (sched.goidgen, g1.atomicstatus), a register ($rsp) or "
                "memory (*0xc000014658, -l g1.sched.sp)\n");
        return -1;
    }
    if (dbg_watch_expr(d, text, &e, err, sizeof err) != 0) {
        fprintf(out, "%s\n", err);
        return -1;
    }
    if (e.size > 8) {
        fprintf(out, "%s is a struct; watch one of its fields (p %s lists them)\n", text, text);
        return -1;
    }
    dbg_point *p = new_point(d, PT_WATCH, text);
    p->expr = e;
    p->last = dexpr_eval(&d->mc, &e);
    fprintf(out, "Watchpoint %d: %s (now %s)\n", p->id, text,
            dexpr_show(&d->mc, &e, p->last, val, sizeof val));
    return 0;
}

int dbg_point_delete(dbg *d, int id, FILE *out)
{
    for (int i = 0; i < d->npts; i++)
        if (d->pts[i].id == id) {
            memmove(&d->pts[i], &d->pts[i + 1], (size_t)(d->npts - i - 1) * sizeof *d->pts);
            d->npts--;
            if (out)
                fprintf(out, "Deleted %d\n", id);
            return 0;
        }
    if (out)
        fprintf(out, "no breakpoint or watch number %d (info break lists them)\n", id);
    return -1;
}

void dbg_points_list(dbg *d, FILE *out)
{
    if (!d->npts) {
        fprintf(out, "No breakpoints or watchpoints.\n");
        return;
    }
    fprintf(out, "Num  Type        Hits  What\n");
    for (int i = 0; i < d->npts; i++) {
        dbg_point *p = &d->pts[i];
        char val[160];
        if (p->kind == PT_BREAK && p->model)
            fprintf(out, "%-4d %-11s %-5llu - %s\n", p->id, "breakpoint",
                    (unsigned long long)p->hits, p->where);
        else if (p->kind == PT_BREAK)
            fprintf(out, "%-4d %-11s %-5llu 0x%llx %s\n", p->id,
                    p->temp ? "tbreak" : "breakpoint", (unsigned long long)p->hits,
                    (unsigned long long)p->addr, p->where);
        else
            fprintf(out, "%-4d watchpoint  %-5llu %s = %s\n", p->id, (unsigned long long)p->hits,
                    p->spec, dexpr_show(&d->mc, &p->expr, dexpr_eval(&d->mc, &p->expr), val,
                                        sizeof val));
    }
}

void dbg_points_sync(dbg *d)
{
    for (int i = 0; i < d->npts; i++)
        if (d->pts[i].kind == PT_WATCH)
            d->pts[i].last = dexpr_eval(&d->mc, &d->pts[i].expr);
}

dbg_point *dbg_break_at(dbg *d, uint64_t addr)
{
    for (int i = 0; i < d->npts; i++)
        if (d->pts[i].kind == PT_BREAK && !d->pts[i].model && d->pts[i].addr == addr)
            return &d->pts[i];
    return NULL;
}

static bool changed(dval a, dval b)
{
    return a.ok != b.ok || (a.ok && a.v != b.v);
}

/* Appends "\n"-separated: every point that stops here is reported. */
static void add_why(char *why, size_t len, const char *fmt, const char *a, const char *b,
                    const char *c, int id)
{
    size_t n = strlen(why);
    if (n && n + 1 < len)
        why[n++] = '\n', why[n] = 0;
    snprintf(why + n, len - n, fmt, id, a, b, c);
}

bool dbg_points_hit(dbg *d, char *why, size_t len)
{
    why[0] = 0;
    if (dbg_model_break_hit(d, why, len))   /* inside a model call: watches wait for its end */
        return true;
    dbg_point *hit = dbg_break_at(d, emu_reg_get(d->mc.cpu, R_RIP));
    int temp = hit && hit->temp ? hit->id : 0;
    if (hit)
        add_why(why, len, temp ? "Temporary breakpoint %d, %s%s%s" : "Breakpoint %d, %s%s%s",
                hit->where, "", "", hit->id);
    for (int i = 0; i < d->npts; i++) {
        dbg_point *p = &d->pts[i];
        if (p->kind != PT_WATCH)
            continue;
        dval now = dexpr_eval(&d->mc, &p->expr);
        if (changed(p->last, now)) {
            char a[160], b[160];
            add_why(why, len, "Watchpoint %d: %s: %s → %s", p->spec,
                    dexpr_show(&d->mc, &p->expr, p->last, a, sizeof a),
                    dexpr_show(&d->mc, &p->expr, now, b, sizeof b), p->id);
            p->hits++;
            hit = hit ? hit : p;
        }
        p->last = now;
    }
    if (hit && hit->kind == PT_BREAK)
        hit->hits++;
    if (temp)   /* a tbreak goes once it has stopped the run */
        dbg_point_delete(d, temp, NULL);
    return hit != NULL;
}
