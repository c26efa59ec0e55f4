/* Packed records: see rec_pack.h.
 *
 * Text records: head, u32 depth, u64 num (call, state, note: the seq),
 * u32 inum, u8 nstr, strings.
 * Instruction records: head, u64 seq, u64 pc, u8 by-reference flag, then
 * either the insn_info pointer or its sym, bytes, file, src and disasm
 * strings and a u32 line; u32 mem_dropped; u8 nregs, nmem, nstack, u8
 * padding; the registers (u8 index, u64 old, u64 new), the writes (u8 size
 * with 0x80 for a faulted one, u64 addr, u64 value, u64 old, name), the
 * slots (u32 offset, u64 value, note).  Deferred records: head (kind |
 * DEFERRED), u32 depth, u64 seq, the expand function, u32 length, the
 * payload. */
#include "traces/rec_pack.h"
#include "cpu/emu.h"

static inline uint32_t up_u32(const uint8_t **p)
{
    uint32_t v;
    memcpy(&v, *p, 4);
    *p += 4;
    return v;
}

static inline uint64_t up_u64(const uint8_t **p)
{
    uint64_t v;
    memcpy(&v, *p, 8);
    *p += 8;
    return v;
}

static inline const char *up_str(const uint8_t **p)
{
    uint32_t n = up_u32(p);
    const char *s = (const char *)*p;
    *p += n + 1;
    return s;
}

uint8_t *rec_pack_text(uint8_t *p, rec_kind kind, int depth, uint64_t num, int inum,
                       const char *const *strs, const size_t *lens, int nstr)
{
    uint8_t *start = p;
    p = pk_u8(p + 4, (uint8_t)kind);
    p = pk_u32(p, (uint32_t)depth);
    p = pk_u64(p, num);
    p = pk_u32(p, (uint32_t)inum);
    p = pk_u8(p, (uint8_t)nstr);
    for (int i = 0; i < nstr; i++)
        p = pk_str(p, strs[i] ? strs[i] : "", strs[i] ? lens[i] : 0);
    pk_u32(start, (uint32_t)(p - start));
    return p;
}

static void unpack_text(const uint8_t *p, trace_rec *r)
{
    const char *s[3] = {"", "", ""};
    r->depth = (int)up_u32(&p);
    uint64_t num = up_u64(&p);
    int inum = (int)up_u32(&p);
    int nstr = *p++;
    for (int i = 0; i < nstr && i < 3; i++)
        s[i] = up_str(&p);
    switch (r->kind) {
    case REC_HEADER:
        r->version = inum;
        r->config = s[0], r->sim = s[1], r->program = s[2];
        break;
    case REC_CALL:
        r->seq = num;
        r->fn = s[0], r->args = s[1];
        break;
    case REC_STATE:
        r->seq = num;
        r->lhs = s[0], r->old_v = s[1], r->new_v = s[2];
        break;
    case REC_NOTE:
        r->seq = num;
        r->text = s[0];
        break;
    case REC_SCHED:
        r->text = s[0];
        break;
    case REC_FAULT:
        r->pc = num;
        r->sym = s[0], r->why = s[1];
        break;
    case REC_END:
        r->instructions = num;
        r->status = inum;
        r->how = s[0], r->why = s[1];
        break;
    case REC_SYSCALL: case REC_SIGNAL:
        r->tid = (int)num;
        r->text = s[0];
        break;
    case REC_SWITCH:
        r->tid = (int)num;
        r->from_tid = inum;
        r->text = s[0];
        break;
    default:
        break;
    }
}

size_t rec_pack_info_size(const insn_info *i)
{
    return PK_STR_SIZE(strlen(i->sym)) + PK_STR_SIZE(strlen(i->bytes)) +
           PK_STR_SIZE(strlen(i->file)) + PK_STR_SIZE(strlen(i->src)) +
           PK_STR_SIZE(strlen(i->disasm)) + 4;
}

static uint8_t *pack_info_strings(uint8_t *p, const insn_info *i)
{
    const char *s[5] = {i->sym, i->bytes, i->file, i->src, i->disasm};
    for (int k = 0; k < 5; k++)
        p = pk_str(p, s[k], strlen(s[k]));
    return pk_u32(p, (uint32_t)i->line);
}

void rec_pack_insn_begin(insn_packer *k, uint8_t *p, uint64_t seq, int tid, uint64_t pc,
                         const insn_info *info, int stable, int mem_dropped)
{
    k->start = p;
    p = pk_u8(p + 4, REC_INSN);
    p = pk_u64(pk_u32(pk_u64(p, seq), (uint32_t)tid), pc);
    p = pk_u8(p, (uint8_t)(stable != 0));
    if (stable) {
        memcpy(p, &info, sizeof info);
        p += sizeof info;
    } else {
        p = pack_info_strings(p, info);
    }
    p = pk_u32(p, (uint32_t)mem_dropped);
    k->counts = p;
    k->p = p + 4;
    k->nregs = k->nmem = k->nstack = 0;
}

uint8_t *rec_pack_insn_end(insn_packer *k)
{
    uint8_t *c = k->counts;
    c[0] = k->nregs, c[1] = k->nmem, c[2] = k->nstack, c[3] = 0;
    pk_u32(k->start, (uint32_t)(k->p - k->start));
    return k->p;
}

static void unpack_insn(const uint8_t *p, trace_rec *r)
{
    r->seq = up_u64(&p);
    r->tid = (int)up_u32(&p);
    r->pc = up_u64(&p);
    if (*p++) {
        const insn_info *i;
        memcpy(&i, p, sizeof i);
        p += sizeof i;
        r->sym = i->sym, r->bytes = i->bytes, r->file = i->file, r->src = i->src;
        r->disasm = i->disasm, r->line = i->line;
        r->text_head = i->text_head, r->text_head_len = i->text_head_len;
    } else {
        r->text_head = NULL;
        r->sym = up_str(&p), r->bytes = up_str(&p), r->file = up_str(&p), r->src = up_str(&p);
        r->disasm = up_str(&p);
        r->line = (int)up_u32(&p);
    }
    r->mem_dropped = (int)up_u32(&p);
    r->nregs = p[0], r->nmem = p[1], r->nstack = p[2];
    p += 4;
    for (int i = 0; i < r->nregs; i++) {
        r->regs[i].name = emu_reg_names[*p++];
        r->regs[i].old_v = up_u64(&p);
        r->regs[i].new_v = up_u64(&p);
    }
    for (int i = 0; i < r->nmem; i++) {
        r->mem[i].faulted = *p & 0x80;
        r->mem[i].size = *p++ & 0x7f;
        r->mem[i].addr = up_u64(&p);
        r->mem[i].value = up_u64(&p);
        r->mem[i].old = up_u64(&p);
        r->mem[i].name = up_str(&p);
    }
    for (int i = 0; i < r->nstack; i++) {
        r->stack[i].off = (int)up_u32(&p);
        r->stack[i].value = up_u64(&p);
        r->stack[i].note = up_str(&p);
    }
}

#define DEFERRED 0x80   /* flag in the kind byte */

uint8_t *rec_pack_deferred(uint8_t *p, rec_kind kind, int depth, rec_expand_fn expand,
                           const void *payload, size_t len)
{
    return rec_pack_deferred_at(p, kind, depth, 0, expand, payload, len);
}

uint8_t *rec_pack_deferred_at(uint8_t *p, rec_kind kind, int depth, uint64_t seq,
                              rec_expand_fn expand, const void *payload, size_t len)
{
    uint8_t *start = p;
    p = pk_u8(p + 4, (uint8_t)(kind | DEFERRED));
    p = pk_u32(p, (uint32_t)depth);
    p = pk_u64(p, seq);
    memcpy(p, &expand, sizeof expand);
    p = pk_u32(p + sizeof expand, (uint32_t)len);
    memcpy(p, payload, len);
    p += len;
    pk_u32(start, (uint32_t)(p - start));
    return p;
}

static void unpack_deferred(const uint8_t *p, trace_rec *r, char *scratch)
{
    rec_expand_fn expand;
    r->depth = (int)up_u32(&p);
    uint64_t seq = up_u64(&p);
    if (r->kind == REC_STATE)
        r->seq = seq;
    memcpy(&expand, p, sizeof expand);
    p += sizeof expand;
    uint32_t len = up_u32(&p);
    expand(p, len, r, scratch, REC_EXPAND_CAP);
}

const uint8_t *rec_unpack(const uint8_t *p, trace_rec *r, char *scratch)
{
    const uint8_t *next = p + up_u32(&p);
    r->kind = (rec_kind)(*p & ~DEFERRED);
    if (*p++ & DEFERRED)
        unpack_deferred(p, r, scratch);
    else if (r->kind == REC_INSN)
        unpack_insn(p, r);
    else
        unpack_text(p, r);
    return next;
}
