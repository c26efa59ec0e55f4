/* Stack slot annotations for the trace and the debugger: what a word on the
 * stack is, from where it lies (the process stack's argc/argv/envp/auxv) or
 * what it points at (code, a symbol, a funcval, a g or its gobuf). */
#include "runtime_model/machine.h"
#include "runtime_model/sched_view.h"
#include "traces/strbuf.h"
#include <stdio.h>

static const char *auxv_name(uint64_t tag)
{
    switch (tag) {
    case AT_NULL: return "AT_NULL";
    case AT_PAGESZ: return "AT_PAGESZ";
    case AT_CLKTCK: return "AT_CLKTCK";
    case AT_PLATFORM: return "AT_PLATFORM";
    case AT_RANDOM: return "AT_RANDOM";
    case AT_EXECFN: return "AT_EXECFN";
    default: return "AT_?";
    }
}

/* By position in the initial process stack. */
static bool by_position(machine *mc, uint64_t addr, char *buf, size_t len)
{
    const procstack *ps = &mc->ps;
    if (addr == ps->sp)
        snprintf(buf, len, "argc");
    else if (addr >= ps->argv && addr < ps->argv + 8 * (uint64_t)ps->argc)
        snprintf(buf, len, "argv[%llu]", (unsigned long long)((addr - ps->argv) / 8));
    else if (addr == ps->argv + 8 * (uint64_t)ps->argc || addr == ps->envp + 8 * (uint64_t)ps->nenv)
        snprintf(buf, len, "%s terminator", addr < ps->envp ? "argv" : "envp");
    else if (addr >= ps->envp && addr < ps->envp + 8 * (uint64_t)ps->nenv)
        snprintf(buf, len, "envp[%llu]", (unsigned long long)((addr - ps->envp) / 8));
    else if (addr >= ps->auxv && addr < ps->auxv + 16 * (uint64_t)ps->nauxv) {
        uint64_t pair = ps->auxv + (addr - ps->auxv) / 16 * 16;
        uint64_t tag = rd_var(mc, pair, 8);
        snprintf(buf, len, "auxv %s %s", auxv_name(tag), addr == pair ? "tag" : "value");
    } else
        return false;
    return true;
}

/* "name" or "name+off", as image_symbolize (formatted by hand: a stack
 * slot holding a code address is annotated after most calls and pushes). */
static void sym_off(strbuf *b, const image_sym *s, uint64_t v)
{
    sb_str(b, s->name);
    if (v != s->addr) {
        sb_str(b, "+");
        sb_udec(b, v - s->addr);
    }
}

/* By what the value points at. */
static bool by_value(machine *mc, uint64_t v, char *buf, size_t len)
{
    strbuf b = sb_on(buf, len);
    const image_sym *s = v ? image_sym_at(&mc->img, v) : NULL;
    if (s && (s->kind == SYM_TEXT || s->kind == SYM_MODEL)) {
        sb_str(&b, "→ ");
        sym_off(&b, s, v);
        return true;
    }
    if (s && v == s->addr) {
        uint64_t w = rd_var(mc, v, 8);
        const image_sym *fn = w ? image_sym_at(&mc->img, w) : NULL;
        sb_str(&b, "&");
        sb_str(&b, s->name);
        if (s->size == 8 && fn && (fn->kind == SYM_TEXT || fn->kind == SYM_MODEL)) {
            sb_str(&b, ", a funcval → ");
            sym_off(&b, fn, w);
        }
        return true;
    }
    if (v < mc->cfg->heap_base || v >= mc->cfg->heap_base + mc->cfg->heap_size)
        return false;
    for (int i = 0; i < view_nallg(mc) && i < 256; i++) {
        uint64_t g = view_allg(mc, i);
        const char *field = v == g ? "" : v == g + go_off(F_g_sched) ? ".sched" : NULL;
        if (field) {
            sb_str(&b, "&g");
            sb_udec(&b, rd(mc, g, F_g_goid));
            sb_str(&b, field);
            return true;
        }
    }
    return false;
}

void annotate_slot(void *ctx, uint64_t addr, uint64_t value, char *buf, size_t len)
{
    machine *mc = ctx;
    buf[0] = 0;
    if (!by_position(mc, addr, buf, len))
        by_value(mc, value, buf, len);
}
