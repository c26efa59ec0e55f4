/* Naming objects and values the way the trace shows them, and the state
 * records of traced writes: see names.h. */
#include "runtime_model/names.h"
#include "runtime_model/sched_view.h"
#include "traces/strbuf.h"
#include "traces/trace.h"
#include <string.h>

static int allp_index(machine *mc, uint64_t addr)
{
    uint64_t arr = emu_read_u(mc->cpu, mc->allp, 8), n = emu_read_u(mc->cpu, mc->allp + 8, 8);
    n = n < VIEW_MAX ? n : VIEW_MAX;
    const uint8_t *host = emu_host(mc->cpu, arr, 8 * n);   /* one lookup for the whole array */
    for (uint64_t i = 0; i < n; i++) {
        uint64_t p = 0;
        if (host)
            memcpy(&p, host + 8 * i, 8);
        else
            p = emu_read_u(mc->cpu, arr + 8 * i, 8);
        if (p == addr)
            return (int)i;
    }
    return -1;
}

static obj_ref fixed(const char *name) { return (obj_ref){REF_FIXED, {.fixed = name}}; }
static obj_ref numbered(ref_how how, uint64_t n) { return (obj_ref){how, {.num = n}}; }

/* How the trace names the object at ADDR.  TYPE says what it is when that
 * is known (T_g, T_p), and the checks that cannot match such an object are
 * skipped: a g is never in allp, a p never has a goid.  Any other TYPE
 * (T__COUNT: unknown) goes through every check. */
static obj_ref resolve_as(machine *mc, uint64_t addr, go_type_id type)
{
    bool any = type != T_g && type != T_p;
    bool may_g = any || type == T_g, may_p = any || type == T_p;
    int i;
    uint64_t goid;
    if (may_g && addr == mc->g0)
        return fixed("g0");
    if (any && addr == mc->m0)
        return fixed("m0");
    if (any && addr == mc->sched)
        return fixed("sched");
    if (may_g && addr && addr == mc->naming_g && mc->naming.how != REF_NONE)
        return mc->naming;
    if (may_g && addr && addr == rd(mc, mc->m0, F_m_gsignal))
        return fixed("m0.gsignal");
    if (may_p && (i = allp_index(mc, addr)) >= 0)
        return numbered(REF_ALLP, (uint64_t)i);
    if (may_g && addr >= mc->cfg->heap_base && addr < mc->cfg->heap_base + mc->cfg->heap_size &&
        (goid = rd(mc, addr, F_g_goid)) != 0)
        return numbered(REF_G, goid);
    return numbered(REF_ADDR, addr);
}

obj_ref obj_resolve(machine *mc, uint64_t addr) { return resolve_as(mc, addr, T__COUNT); }

static void ref_text(strbuf *b, const obj_ref *r)
{
    switch (r->how) {
    case REF_FIXED:
        sb_str(b, r->u.fixed);
        break;
    case REF_ALLP:
        sb_str(b, "allp[");
        sb_udec(b, r->u.num);
        sb_str(b, "]");
        break;
    case REF_G:
        sb_str(b, "g");
        sb_udec(b, r->u.num);
        break;
    case REF_NIL:
        sb_str(b, "nil");
        break;
    default:
        sb_str(b, "(");
        sb_hex(b, r->u.num);
        sb_str(b, ")");
        break;
    }
}

const char *obj_name(machine *mc, uint64_t addr, char *buf, size_t len)
{
    strbuf b = sb_on(buf, len);
    obj_ref r = obj_resolve(mc, addr);
    ref_text(&b, &r);
    return buf;
}

static bool is_pointer_kind(go_kind kind)
{
    return kind == KIND_GPTR || kind == KIND_MPTR || kind == KIND_PPTR;
}

/* A pointer value's name; other kinds need nothing resolved. */
static obj_ref value_ref(machine *mc, go_kind kind, uint64_t v)
{
    if (!is_pointer_kind(kind))
        return (obj_ref){REF_NONE, {0}};
    if (!v)
        return (obj_ref){REF_NIL, {0}};
    return resolve_as(mc, v, kind == KIND_GPTR ? T_g : kind == KIND_PPTR ? T_p : T_m);
}

/* V of KIND as text; REF is value_ref's answer for it.  Reads nothing but
 * IMG's symbols, so that it can run on the writer thread. */
static void val_format(strbuf *b, const image *img, go_kind kind, uint64_t v, const obj_ref *ref)
{
    const image_sym *s;
    if (is_pointer_kind(kind)) {
        ref_text(b, ref);
        return;
    }
    switch (kind) {
    case KIND_UPTR:
        if ((s = v ? image_sym_at(img, v) : NULL)) {   /* as image_symbolize */
            sb_str(b, s->name);
            if (v != s->addr) {
                sb_str(b, "+");
                sb_udec(b, v - s->addr);
            }
        } else if (v)
            sb_hex(b, v);
        else
            sb_str(b, "0");
        break;
    case KIND_GSTATUS:
        sb_str(b, go_gstatus_name((uint32_t)v));
        break;
    case KIND_PSTATUS:
        sb_str(b, go_pstatus_name((uint32_t)v));
        break;
    case KIND_BOOL:
        sb_str(b, v ? "true" : "false");
        break;
    case KIND_I64: case KIND_I32:
        sb_dec(b, (long long)v);
        break;
    default:
        sb_udec(b, v);
        break;
    }
}

const char *val_text(machine *mc, go_kind kind, uint64_t v, char *buf, size_t len)
{
    strbuf b = sb_on(buf, len);
    obj_ref r = value_ref(mc, kind, v);
    val_format(&b, &mc->img, kind, v, &r);
    return buf;
}

/* --- state records, resolved now and formatted by the writer --- */

typedef struct {
    const image *img;
    lhs_spec lhs;
    obj_ref obj, old_ref, new_ref;
    uint64_t old_v, new_v;
    go_kind kind;
} state_payload;

static void lhs_format(strbuf *b, const state_payload *s)
{
    const lhs_spec *l = &s->lhs;
    if (l->raw) {
        sb_str(b, "[");
        sb_hex(b, l->base);
        sb_str(b, "] (");
        sb_str(b, l->raw);
        sb_str(b, ")");
        return;
    }
    ref_text(b, &s->obj);
    sb_str(b, ".");
    sb_str(b, l->f1);
    if (l->f2) {
        sb_str(b, ".");
        sb_str(b, l->f2);
    }
    if (l->index >= 0) {
        sb_str(b, "[");
        sb_dec(b, l->index);
        sb_str(b, "]");
    }
}

/* rec_expand_fn: the three strings one after another in BUF. */
static void expand_state(const uint8_t *payload, size_t len, trace_rec *r, char *buf, size_t cap)
{
    state_payload s;
    r->lhs = r->old_v = r->new_v = "?";
    if (len != sizeof s || cap < 3 * 256)
        return;
    memcpy(&s, payload, sizeof s);
    strbuf b = sb_on(buf, 256);
    lhs_format(&b, &s);
    r->lhs = buf;
    b = sb_on(buf + 256, 256);
    val_format(&b, s.img, s.kind, s.old_v, &s.old_ref);
    r->old_v = buf + 256;
    b = sb_on(buf + 512, 256);
    val_format(&b, s.img, s.kind, s.new_v, &s.new_ref);
    r->new_v = buf + 512;
}

void trace_state(machine *mc, const lhs_spec *l, go_kind kind, uint64_t old_v, uint64_t new_v)
{
    state_payload s;
    memset(&s, 0, sizeof s);   /* padding too: the payload is copied whole */
    s.img = &mc->img;
    s.lhs = *l;
    if (!l->raw)
        s.obj = resolve_as(mc, l->base, l->type);
    s.old_ref = value_ref(mc, kind, old_v);
    s.new_ref = value_ref(mc, kind, new_v);
    s.old_v = old_v;
    s.new_v = new_v;
    s.kind = kind;
    tracer_deferred(mc->tr, REC_STATE, mc->depth, expand_state, &s, sizeof s);
}
