/* Breakpoints on model functions: `b runtime.schedule` in the model mode,
 * where schedule is C code inside a model call (one step), not an
 * instruction.  The run stops at the model's entry, inside the call that
 * enters it (runtime_model/machine_inside.c): the timeline stays at the
 * position before that call, the machine shows the state half way through
 * it, and the next forward step goes on from there (the whole call).
 * Reverse continue finds such an entry by replaying with the entries
 * noted, not stopped at, then steps into the latest one. */
#include "sim/debug/debug.h"
#include <string.h>

/* machine.entry_stop while the debugger runs forward or scans back.  Names
 * are compared as strings: equal literals in two files may be two copies. */
static bool entry_hit(void *ctx, const char *model)
{
    dbg *d = ctx;
    if (d->mb.probe)   /* stepping into the entry a scan found, by its index in the call */
        return d->mc.entries == d->mb.probe;
    for (int i = 0; i < d->npts; i++) {
        dbg_point *p = &d->pts[i];
        if (p->kind != PT_BREAK || !p->model || strcmp(p->model, model) != 0)
            continue;
        if (d->mb.scanning && d->mb.below && d->mc.entries >= d->mb.below)
            return false;
        if (d->mb.scanning) {
            d->mb.seen = p->id;
            d->mb.seen_entry = d->mc.entries;
            return false;
        }
        d->mb.hit = p->id;
        return true;
    }
    return false;
}

bool dbg_model_break_spec(dbg *d, const char *spec, const char **model)
{
    *model = d->mc.real ? NULL : models_entry_only(&d->mc.img, spec);
    return *model != NULL;
}

void dbg_model_breaks_arm(dbg *d, bool on)
{
    bool any = false;
    for (int i = 0; i < d->npts && !any; i++)
        any = d->pts[i].kind == PT_BREAK && d->pts[i].model;
    d->mc.entry_stop = on && any ? entry_hit : NULL;
    d->mc.entry_ctx = on && any ? d : NULL;
    d->mb.hit = d->mb.seen = 0;
}

static dbg_point *point(dbg *d, int id)
{
    for (int i = 0; i < d->npts; i++)
        if (d->pts[i].id == id)
            return &d->pts[i];
    return NULL;
}

dbg_point *dbg_model_break_hit(dbg *d, char *why, size_t len)
{
    dbg_point *p = d->mc.inside ? point(d, d->mb.hit) : NULL;
    if (!p)
        return NULL;
    p->hits++;
    snprintf(why, len, "Breakpoint %d, %s (a model): its entry, inside the model call of %s",
             p->id, d->mc.inside, d->mc.inside_call);
    return p;
}

int dbg_model_break_seen(dbg *d, int *entry)
{
    int id = d->mb.seen;
    *entry = d->mb.seen_entry;
    d->mb.seen = 0;
    return id;
}

bool dbg_model_break_enter(dbg *d, int entry, char *why, size_t len)
{
    d->mb.probe = entry;
    dbg_model_breaks_arm(d, true);
    timeline_step(&d->tl);
    d->mb.probe = 0;
    dbg_model_breaks_arm(d, false);
    const char *call = d->mc.inside_call;
    if (!d->mc.inside)
        return false;
    for (int i = 0; i < d->npts; i++)
        if (d->pts[i].model && strcmp(d->pts[i].model, d->mc.inside) == 0) {
            d->pts[i].hits++;
            snprintf(why, len, "Breakpoint %d, %s (a model): its entry, inside the model call of %s",
                     d->pts[i].id, d->mc.inside, call);
            return true;
        }
    return false;
}

bool dbg_model_break_back(dbg *d, char *why, size_t len)
{
    if (!d->mc.inside)
        return false;
    int below = d->mc.entries, entry;
    timeline_leave_inside(&d->tl, false);
    d->mb.scanning = true;   /* the entries before this one, in the same call */
    d->mb.below = below;
    dbg_model_breaks_arm(d, true);
    uint64_t pos = d->tl.pos;
    timeline_step(&d->tl);
    int id = dbg_model_break_seen(d, &entry);
    dbg_model_breaks_arm(d, false);
    d->mb.scanning = false;
    d->mb.below = 0;
    timeline_goto(&d->tl, pos);
    return id && dbg_model_break_enter(d, entry, why, len);
}

/* A record the Log pane shows: not an instruction's, not a sched block's. */
static bool shown(const char *line, size_t len)
{
    return len && !(line[0] >= '0' && line[0] <= '9') && !(len >= 8 && strncmp(line, "  sched ", 8) == 0);
}

int dbg_inside_log(dbg *d, int max, pane *p)
{
    if (!d->mc.inside)
        return 0;
    steplog *l = &d->tl.log;
    fflush(l->stream);
    int n = 0, skip;
    for (size_t i = 0; i < l->plen;) {   /* count, then add the last MAX */
        size_t len = strcspn(l->pend + i, "\n");
        n += shown(l->pend + i, len);
        i += len + 1;
    }
    if (!p)
        return n < max ? n : max;
    skip = n > max ? n - max : 0;
    bool first = true;
    for (size_t i = 0; i < l->plen;) {
        size_t len = strcspn(l->pend + i, "\n");
        const char *t = l->pend + i;
        if (shown(t, len) && skip-- <= 0) {
            int cut = strncmp(t, "  ", 2) == 0 ? 2 : 0;
            if (first)
                pane_add(p, PS_CURRENT, "%6llu %.*s", (unsigned long long)d->tl.pos,
                         (int)len - cut, t + cut);
            else
                pane_add(p, PS_CURRENT, "       %.*s", (int)len - cut, t + cut);
            first = false;
        }
        i += len + 1;
    }
    return n < max ? n : max;
}
