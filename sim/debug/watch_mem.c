/* Watches on raw memory, as gdb has them: `watch *ADDR` (the 8 bytes at
 * ADDR) and `watch -l EXPR` / `watch -location EXPR` (the bytes EXPR
 * names now, at that address for the rest of the session, whatever EXPR
 * names elsewhere in the run: g1.sched.sp is g1's only while that g has
 * goid 1).  Both stop forward (c) and back (R) as other watches do. */
#include "sim/debug/debug.h"
#include <string.h>

static int mem_expr(dexpr *e, const char *text, uint64_t addr, uint32_t size, go_kind kind)
{
    memset(e, 0, sizeof *e);
    snprintf(e->text, sizeof e->text, "%s", text);
    e->what = DX_MEM;
    e->field = -1;
    e->addr = addr;
    e->size = size;
    e->vkind = kind;
    return 0;
}

/* The text after a -l or -location flag, NULL if TEXT has none. */
static const char *location_flag(const char *text)
{
    static const char *const flags[] = {"-location ", "-l "};
    for (size_t i = 0; i < 2; i++)
        if (strncmp(text, flags[i], strlen(flags[i])) == 0)
            return text + strlen(flags[i]) + strspn(text + strlen(flags[i]), " ");
    return NULL;
}

int dbg_watch_expr(dbg *d, const char *text, dexpr *e, char *err, size_t errlen)
{
    uint64_t addr;
    if (text[0] == '*') {
        if (daddr_parse(&d->mc, text + 1 + strspn(text + 1, " "), &addr, err, errlen) != 0)
            return -1;
        return mem_expr(e, text, addr, 8, KIND_UPTR);
    }
    const char *loc = location_flag(text);
    if (!loc)
        return dexpr_parse(&d->mc, text, e, err, errlen);
    dexpr inner;
    if (dexpr_parse(&d->mc, loc, &inner, err, errlen) != 0)
        return -1;
    dval v = dexpr_eval(&d->mc, &inner);
    if (inner.what == DX_REG) {
        snprintf(err, errlen, "%s is a register: it has no location (watch %s watches it)", loc, loc);
        return -1;
    }
    if (!v.ok) {
        char why[160];
        snprintf(err, errlen, "%s has no location here: %s", loc,
                 dexpr_show(&d->mc, &inner, v, why, sizeof why));
        return -1;
    }
    if (inner.size > 8) {
        snprintf(err, errlen, "%s is a struct; watch one of its fields (p %s lists them)", loc, loc);
        return -1;
    }
    go_kind k = inner.vkind == KIND_STRUCT || inner.vkind == KIND_ARRAY ? KIND_UPTR : inner.vkind;
    return mem_expr(e, text, v.addr, inner.size, k);
}
