/* Instruction encoder: picks the first matching form of the instruction
 * (optab.c) and emits prefixes, REX, opcode, ModRM/SIB/displacement and the
 * immediate, in the order the hardware requires. */
#include "cpu/asm/optab.h"
#include <string.h>

static bool fits8(int64_t v) { return v >= -128 && v <= 127; }
static bool fits32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

bool class_match(int k, const aop *o, int w)
{
    bool reg = o->k == A_REG;
    bool imm = o->k == A_IMM;
    int64_t v = o->off;
    switch (k) {
    case K_NONE: return o->k == A_NONE;
    /* Go rejects SPB as an operand, so do we. */
    case K_R: return reg && (w == 1 ? o->reg < 36 && o->reg != REG_BYTE + 4 : o->reg < 16);
    case K_ACC: return reg && (o->reg == 0 || (w == 1 && o->reg == REG_BYTE));
    case K_CL: return reg && (o->reg == 1 || o->reg == REG_BYTE + 1);
    case K_M: return o->k == A_MEM;
    case K_RM: return class_match(K_R, o, w) || o->k == A_MEM;
    case K_X: return reg && o->reg >= REG_X && o->reg < REG_X + 16;
    case K_XM: return class_match(K_X, o, w) || o->k == A_MEM;
    case K_R8: return reg && o->reg < 36;
    /* The control and debug registers go1.19 moves to and from (its
     * ymovtab): CR0 CR2 CR3 CR4 CR8; DR0 DR6 DR7 with MOVL, and DR2 DR3
     * too with MOVQ. */
    case K_CR: {
        int n = o->reg - REG_CR;
        return reg && (n == 0 || n == 2 || n == 3 || n == 4 || n == 8);
    }
    case K_DRL: return reg && (o->reg == REG_DR || o->reg == REG_DR + 6 || o->reg == REG_DR + 7);
    case K_DRQ: return class_match(K_DRL, o, w) || (reg && (o->reg == REG_DR + 2 || o->reg == REG_DR + 3));
    case K_SEG: return reg && o->reg >= REG_SEG && o->reg < REG_SEG + 6;
    case K_ES: case K_CS: case K_SS: case K_DS: case K_FS: case K_GS:
        return reg && o->reg == REG_SEG + (k - K_ES);
    case K_GDTR: case K_IDTR: case K_LDTR: case K_MSW: case K_TASK:
        return reg && o->reg == REG_GDTR + (k - K_GDTR);
    case K_TR: return reg && (o->reg == REG_TR + 6 || o->reg == REG_TR + 7);
    case K_RM8: return (reg && o->reg < 36) || o->k == A_MEM;
    case K_I1: return imm && v == 1;
    case K_I8: return imm && fits8(v);
    case K_IZ:
        if (!imm)
            return false;
        /* As Go's Yi32 class: any value that fits in 32 bits, signed or
         * not; a byte or word operand gets its low bytes (MOVB $0x1000, AL
         * is b0 00 in go1.19). */
        if (w <= 4) return v >= INT32_MIN && v <= (int64_t)UINT32_MAX;
        return fits32(v);
    case K_I32: return imm && fits32(v);
    case K_IU32: return imm && v >= 0 && v <= (int64_t)UINT32_MAX;
    case K_I64: return imm;
    case K_IU8: return imm && v >= 0 && v <= 255;
    case K_IU16: return imm && v >= 0 && v <= 65535;
    case K_BR: return o->k == A_BRANCH;
    case K_SYM:
        return o->k == A_MEM && (o->name == N_EXTERN || o->name == N_STATIC) &&
               o->index == REG_NONE && !o->tls;
    }
    return false;
}

typedef struct {
    bool seg, p66;
    uint8_t pfx;
    bool w, r, x, b, rexforce, high;
    uint8_t opc[3];
    int nopc;
    bool modrm;
    uint8_t mod, reg, rm;
    bool sib;
    uint8_t sibb;
    int dispsz;
    int64_t disp;
    bool riprel, tls;
    const char *sym;
    int64_t symoff;
    int immsz;
    int64_t imm;
} ins;

static int rnum(int r)
{
    if (r >= REG_TR)
        return r - REG_TR;
    if (r >= REG_SEG)
        return r - REG_SEG;
    if (r >= REG_DR)
        return r - REG_DR;
    if (r >= REG_CR)
        return r - REG_CR;
    if (r < 32)
        return r & 15;
    if (r < 36)
        return r - 32 + 4;
    return (r - REG_X) & 15;
}

/* Byte registers SPB/BPB/SIB/DIB exist only with a REX prefix, and
 * AH/CH/DH/BH only without one. */
static void note_byte_reg(ins *in, int r)
{
    if ((r >= 4 && r <= 7) || (r >= REG_BYTE + 4 && r <= REG_BYTE + 7))
        in->rexforce = true;
    if (r >= REG_HIGH && r < REG_HIGH + 4)
        in->high = true;
}

static bool mem_modrm(actx *c, const prog *p, ins *in, const aop *m)
{
    in->modrm = true;
    if (m->tls) {
        /* Linked static-executable form: %fs:-8 holds g. */
        in->seg = in->tls = in->sib = true;
        in->mod = 0;
        in->rm = 4;
        in->sibb = 0x25;
        in->dispsz = 4;
        in->disp = m->off - 8;
        return true;
    }
    if (m->name == N_EXTERN || m->name == N_STATIC) {
        if (m->index != REG_NONE) {
            asm_error(c, p->pos, "invalid instruction: indexed symbol reference");
            return false;
        }
        in->mod = 0;
        in->rm = 5;
        in->dispsz = 4;
        in->riprel = true;
        in->sym = m->sym;
        in->symoff = m->off;
        return true;
    }
    int base = m->name == N_PARAM || m->name == N_AUTO ? 4 : m->base;
    if (!fits32(m->off)) {
        asm_error(c, p->pos, "offset %lld out of range", (long long)m->off);
        return false;
    }
    int ss = m->scale == 8 ? 3 : m->scale == 4 ? 2 : m->scale == 2 ? 1 : 0;
    int idx = m->index == REG_NONE ? 4 : m->index;
    in->x = idx >= 8;
    in->disp = m->off;
    if (base == REG_NONE) {
        in->mod = 0;
        in->rm = 4;
        in->sib = true;
        in->sibb = (uint8_t)(ss << 6 | (idx & 7) << 3 | 5);
        in->dispsz = 4;
        return true;
    }
    in->b = base >= 8;
    if (m->off == 0 && (base & 7) != 5) {
        in->mod = 0;
        in->dispsz = 0;
    } else if (fits8(m->off)) {
        in->mod = 1;
        in->dispsz = 1;
    } else {
        in->mod = 2;
        in->dispsz = 4;
    }
    if (m->index != REG_NONE || (base & 7) == 4) {
        in->rm = 4;
        in->sib = true;
        in->sibb = (uint8_t)(ss << 6 | (idx & 7) << 3 | (base & 7));
    } else {
        in->rm = (uint8_t)(base & 7);
    }
    return true;
}

static bool rm_operand(actx *c, const prog *p, ins *in, const aop *o, bool byte)
{
    if (o->k == A_MEM)
        return mem_modrm(c, p, in, o);
    in->modrm = true;
    in->mod = 3;
    in->rm = (uint8_t)(rnum(o->reg) & 7);
    in->b = rnum(o->reg) >= 8;
    if (byte)
        note_byte_reg(in, o->reg);
    return true;
}

static void put(aenc *e, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        e->b[e->len++] = (uint8_t)(v >> (8 * i));
}

static bool emit(actx *c, const prog *p, ins *in, aenc *e)
{
    bool rex = in->w || in->r || in->x || in->b || in->rexforce;
    /* AH..BH under a REX prefix name SPL..DIL instead; go1.19 encodes it
     * anyway (e.g. MOVBQZX AH, CX), and so do we, byte for byte. */
    (void)c;
    (void)p;
    if (in->seg)
        put(e, 0x64, 1);
    if (in->p66)
        put(e, 0x66, 1);
    if (in->pfx)
        put(e, in->pfx, 1);
    if (rex)
        put(e, (uint64_t)(0x40 | in->w << 3 | in->r << 2 | in->x << 1 | in->b), 1);
    for (int i = 0; i < in->nopc; i++)
        put(e, in->opc[i], 1);
    if (in->modrm)
        put(e, (uint64_t)(in->mod << 6 | (in->reg & 7) << 3 | in->rm), 1);
    if (in->sib)
        put(e, in->sibb, 1);
    if (in->dispsz) {
        if (in->riprel) {
            e->has_reloc = true;
            e->roff = e->len;
            e->rsize = 4;
            e->rtype = ASM_RELOC_PCREL32;
            e->rsym = in->sym;
            /* The CPU measures from the end of the instruction, which lies
             * IMMSZ bytes past the end of the field. */
            e->raddend = in->symoff - in->immsz;
        }
        if (in->tls)
            e->tlsoff = e->len;
        put(e, (uint64_t)in->disp, in->dispsz);
    }
    put(e, (uint64_t)in->imm, in->immsz);
    return true;
}

static const aform *find_form(const aopdef *d, const prog *p)
{
    static const aop none = {.k = A_NONE};
    for (int i = 0; i < d->nforms; i++) {
        const aform *f = &d->forms[i];
        bool ok = true;
        for (int j = 0; j < 3 && ok; j++)
            ok = class_match(f->c[j], j < p->nops ? &p->a[j] : &none, d->width);
        if (ok)
            return f;
    }
    return NULL;
}

static bool encode_branch(const aopdef *d, const prog *p, int64_t tpc, aenc *e)
{
    bool isjmp = d->flags & OPF_JMP, iscall = d->flags & OPF_CALL;
    if (!p->longbr && !iscall) {
        put(e, isjmp ? 0xeb : (uint64_t)(0x70 + d->cc), 1);
        put(e, (uint64_t)(tpc - (p->pc + 2)), 1);
        return true;
    }
    if (isjmp || iscall)
        put(e, iscall ? 0xe8 : 0xe9, 1);
    else {
        put(e, 0x0f, 1);
        put(e, (uint64_t)(0x80 + d->cc), 1);
    }
    put(e, (uint64_t)(tpc - (p->pc + e->len + 4)), 4);
    return true;
}

bool encode_prog(actx *c, const prog *p, int64_t tpc, aenc *e)
{
    const aopdef *d = op_def(p->op);
    memset(e, 0, sizeof *e);
    e->tlsoff = -1;
    if (p->op == OP_NOP)
        return true;
    const aform *f = find_form(d, p);
    if (!f) {
        asm_error(c, p->pos, "invalid operand combination for %s", d->name);
        return false;
    }
    if (f->enc == E_BR)
        return encode_branch(d, p, tpc, e);
    if (f->enc == E_RAW) {
        put(e, (uint64_t)p->a[0].off, f->immsz);
        return true;
    }
    ins in = {0};
    in.nopc = f->nopc;
    memcpy(in.opc, f->opc, 3);
    in.pfx = f->pfx;
    in.p66 = d->width == 2 && !(f->flags & F_NO66);
    in.w = (d->width == 8 && !(f->flags & F_NOW)) || (f->flags & F_W);
    bool bytew = d->width == 1;
    if (f->immop >= 0) {
        in.immsz = f->immsz == IMM_Z ? (d->width == 1 ? 1 : d->width == 2 ? 2 : 4) : f->immsz;
        in.imm = p->a[f->immop].off;
    }
    if (f->enc == E_ZO) /* implicit operand size: the opcode says it all */
        in.w = in.p66 = false;
    switch (f->enc) {
    case E_ZO:
    case E_I:
        break;
    case E_OR: {
        int r = p->a[f->regop].reg;
        in.opc[in.nopc - 1] = (uint8_t)(in.opc[in.nopc - 1] + (rnum(r) & 7));
        in.b = rnum(r) >= 8;
        if (bytew)
            note_byte_reg(&in, r);
        break;
    }
    case E_RM: {
        const aop *ro = &p->a[f->regop];
        in.reg = (uint8_t)rnum(ro->reg);
        in.r = in.reg >= 8;
        if (bytew)
            note_byte_reg(&in, ro->reg);
        if (!rm_operand(c, p, &in, &p->a[f->rmop], bytew || (f->flags & F_BYTERM)))
            return false;
        break;
    }
    case E_DIG:
        in.reg = f->digit;
        if (!rm_operand(c, p, &in, &p->a[f->rmop], bytew))
            return false;
        break;
    case E_SYM: {
        const aop *m = &p->a[0];
        put(e, f->opc[0], 1);
        e->has_reloc = true;
        e->roff = e->len;
        e->rsize = 4;
        e->rtype = ASM_RELOC_CALL32;
        e->rsym = m->sym;
        /* go1.19 keeps the offset of CALL sym+off(SB) but drops it for JMP. */
        e->raddend = (d->flags & OPF_JMP) ? 0 : m->off;
        put(e, 0, 4);
        return true;
    }
    }
    return emit(c, p, &in, e);
}
