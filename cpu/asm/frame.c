/* Frame layout as go1.19's assembler does it for amd64:
 *  - a TEXT with a frame (or a $0 frame that calls, when it is not NOSPLIT)
 *    gets 8 more bytes to save BP, unless NOFRAME;
 *  - prologue: SUBQ $n, SP; MOVQ BP, n-8(SP); LEAQ n-8(SP), BP, and before
 *    every RET the matching MOVQ n-8(SP), BP; ADDQ $n, SP;
 * or, with asm_options.go_minor 21, as go1.21's does it:
 *  - every TEXT gets the 8 bytes unless NOFRAME or a $0 frame that makes
 *    no call (NOSPLIT no longer exempts it), and one without them is
 *    marked NOFRAME;
 *  - prologue: PUSHQ BP; MOVQ SP, BP; SUBQ $n-8, SP, and before every RET
 *    ADDQ $n-8, SP; POPQ BP (BP lands in the same slot either way, so the
 *    pseudo FP/SP offsets are the same);
 *  - functions that are not NOSPLIT (and not small leaves) first compare SP
 *    with g.stackguard0 and call runtime·morestack_noctxt when short;
 *  - WRAPPER functions fix up g._panic.argp;
 *  - name+off(FP) and name-off(SP) become hardware-SP offsets, tracking
 *    PUSH/POP inside the body. */
#include "cpu/asm/internal.h"
#include <stdlib.h>
#include <string.h>

enum { STACK_SMALL = 128, STACK_BIG = 4096, G_STACKGUARD0 = 16, G_PANIC = 32 };

typedef struct {
    prog *p;
    size_t n, cap;
    apos pos;
} plist;

static aop R(int r) { return (aop){.k = A_REG, .reg = r, .base = REG_NONE, .index = REG_NONE}; }
static aop I(int64_t v) { return (aop){.k = A_IMM, .off = v, .base = REG_NONE, .index = REG_NONE}; }
static aop M(int base, int64_t off)
{
    return (aop){.k = A_MEM, .off = off, .base = base, .index = REG_NONE};
}
static aop BR(void) { return (aop){.k = A_BRANCH, .base = REG_NONE, .index = REG_NONE}; }

enum { AX = 0, SP = 4, BP = 5, R12 = 12, R13 = 13, R14 = 14 };

static int add(plist *l, int op, int n, aop a0, aop a1, apos pos)
{
    l->p = grow(l->p, &l->cap, l->n + 1, sizeof *l->p);
    prog *p = &l->p[l->n];
    memset(p, 0, sizeof *p);
    p->op = op;
    p->nops = n;
    p->a[0] = a0;
    p->a[1] = a1;
    p->pos = pos;
    p->inserted = true;
    p->target = -1;
    return (int)l->n++;
}

/* Go adjusts SP with the shorter imm8 form when the value is exactly 128. */
static void adjsp(plist *l, int64_t v, apos pos)
{
    if (v == STACK_SMALL)
        add(l, OP_ADDQ, 2, I(-v), R(SP), pos);
    else if (v == -STACK_SMALL)
        add(l, OP_SUBQ, 2, I(v), R(SP), pos);
    else if (v > 0)
        add(l, OP_SUBQ, 2, I(v), R(SP), pos);
    else
        add(l, OP_ADDQ, 2, I(-v), R(SP), pos);
}

static bool go121(const actx *c) { return c->opt && c->opt->go_minor == 21; }

static bool zero_arg_runtime_call(const prog *p)
{
    static const char *const names[] = {"runtime·panicdivide", "runtime·panicwrap",
                                        "runtime·panicshift"};
    if (p->nops != 1 || p->a[0].k != A_MEM || !p->a[0].sym)
        return false;
    for (size_t i = 0; i < 3; i++)
        if (strcmp(p->a[0].sym, names[i]) == 0)
            return true;
    return false;
}

/* Decides BP saving and whether the stack check is needed. */
static int64_t plan_frame(actx *c, atext *t, int *bpsize)
{
    bool hascall = false, zeroarg = false, leaf = true;
    for (size_t i = 0; i < t->np; i++)
        if (t->p[i].op == OP_CALL) {
            hascall = true;
            if (zero_arg_runtime_call(&t->p[i]))
                zeroarg = true;
            else
                leaf = false;
        }
    if (t->frame < -8)
        asm_error(c, t->pos, "bad frame size %lld", (long long)t->frame);
    int64_t aut = t->frame < 0 ? 0 : t->frame;
    bool nosplit = t->flags & ASM_NOSPLIT;
    *bpsize = 0;
    if (!(t->flags & ASM_NOFRAME) && !(aut == 0 && nosplit && !go121(c)) &&
        !(aut == 0 && !hascall))
        *bpsize = 8;
    else if (go121(c))
        t->flags |= ASM_NOFRAME;
    aut += *bpsize;
    if (aut % 8)
        asm_error(c, t->pos, "bad frame: unaligned stack size %lld", (long long)aut);
    if (!nosplit) {
        if (zeroarg && aut >= STACK_SMALL - 8)
            leaf = false;
        if (leaf && aut < STACK_SMALL)
            nosplit = true;
    }
    t->split = !nosplit;
    return aut;
}

/* Compare SP (less the frame) with g.stackguard0; returns the indexes of
 * the branches to patch towards the morestack call. */
static int split_check(plist *l, int64_t aut, int *jcs)
{
    apos pos = l->pos;
    *jcs = -1;
    if (aut <= STACK_SMALL) {
        add(l, OP_CMPQ, 2, R(SP), M(R14, G_STACKGUARD0), pos);
    } else if (aut <= STACK_BIG) {
        add(l, OP_LEAQ, 2, M(SP, -(aut - STACK_SMALL)), R(R12), pos);
        add(l, OP_CMPQ, 2, R(R12), M(R14, G_STACKGUARD0), pos);
    } else {
        add(l, OP_MOVQ, 2, R(SP), R(R12), pos);
        add(l, OP_SUBQ, 2, I(aut - STACK_SMALL), R(R12), pos);
        *jcs = add(l, OP_JCS, 1, BR(), (aop){0}, pos);
        add(l, OP_CMPQ, 2, R(R12), M(R14, G_STACKGUARD0), pos);
    }
    return add(l, OP_JLS, 1, BR(), (aop){0}, pos);
}

static void rewrite_pseudo(aop *o, int64_t deltasp, int bpsize)
{
    if (o->k != A_MEM && o->k != A_ADDR)
        return;
    if (o->name == N_PARAM)
        o->off += deltasp + 8;
    else if (o->name == N_AUTO)
        o->off += deltasp - bpsize;
}

static int64_t sp_change(const prog *p)
{
    const aopdef *d = op_def(p->op);
    if (d->flags & OPF_PUSH)
        return d->width;
    if (d->flags & OPF_POP)
        return -d->width;
    return 0;
}

/* Before a RET: restore BP and free the frame. */
static void epilogue(plist *l, bool g121, int64_t aut, int bpsize, apos pos)
{
    if (g121) {
        if (aut - bpsize)
            adjsp(l, -(aut - bpsize), pos);
        if (bpsize)
            add(l, op_lookup("POPQ"), 1, R(BP), (aop){0}, pos);
        return;
    }
    if (bpsize)
        add(l, OP_MOVQ, 2, M(SP, aut - 8), R(BP), pos);
    if (aut)
        adjsp(l, -aut, pos);
}

static void body(plist *l, atext *t, int64_t aut, int bpsize, bool g121, int *map)
{
    int64_t deltasp = aut;
    for (size_t i = 0; i < t->np; i++) {
        prog *src = &t->p[i];
        map[i] = (int)l->n;
        if (src->op == OP_RET)
            epilogue(l, g121, aut, bpsize, src->pos);
        if (op_def(src->op)->flags & OPF_ADJSP) {
            /* ADJSP $n becomes SUBQ/ADDQ on SP and moves the pseudo
             * registers like a PUSH of n bytes. */
            int64_t v = src->nops == 1 && src->a[0].k == A_IMM ? src->a[0].off : 0;
            if (v) {
                adjsp(l, v, src->pos);
                l->p[l->n - 1].inserted = false;
            }
            deltasp += v;
            for (int j = 0; j < src->nops; j++)   /* dropped: all its operands go */
                aop_free(&src->a[j]);
            continue;
        }
        for (int j = 0; j < src->nops; j++)
            rewrite_pseudo(&src->a[j], deltasp, bpsize);
        deltasp += sp_change(src);
        l->p = grow(l->p, &l->cap, l->n + 1, sizeof *l->p);
        l->p[l->n++] = *src;
    }
    map[t->np] = (int)l->n;
}

void frame_apply(actx *c, atext *t)
{
    int bpsize;
    int64_t aut = plan_frame(c, t, &bpsize);
    t->autoffset = aut;
    plist l = {.pos = t->pos};
    bool wrapper = t->flags & ASM_WRAPPER;
    int jls = -1, jcs = -1, jne = -1, back = -1;
    if ((t->split || wrapper) && !t->abiinternal)
        add(&l, OP_MOVQ, 2, M(REG_NONE, 0), R(R14), t->pos), l.p[l.n - 1].a[0].tls = true;
    if (t->split)
        jls = split_check(&l, aut, &jcs);
    if (go121(c)) {
        if (bpsize) {
            add(&l, op_lookup("PUSHQ"), 1, R(BP), (aop){0}, t->pos);
            add(&l, OP_MOVQ, 2, R(SP), R(BP), t->pos);
        }
        if (aut - bpsize)
            adjsp(&l, aut - bpsize, t->pos);
    } else {
        if (aut)
            adjsp(&l, aut, t->pos);
        if (bpsize) {
            add(&l, OP_MOVQ, 2, R(BP), M(SP, aut - 8), t->pos);
            add(&l, OP_LEAQ, 2, M(SP, aut - 8), R(BP), t->pos);
        }
    }
    if (wrapper) {
        add(&l, OP_MOVQ, 2, M(R14, G_PANIC), R(R12), t->pos);
        add(&l, OP_TESTQ, 2, R(R12), R(R12), t->pos);
        jne = add(&l, OP_JNE, 1, BR(), (aop){0}, t->pos);
        back = add(&l, OP_NOP, 0, (aop){0}, (aop){0}, t->pos);
    }
    int *map = xcalloc(t->np + 1, sizeof *map);
    size_t first_body = l.n;
    body(&l, t, aut, bpsize, go121(c), map);
    for (size_t i = first_body; i < l.n; i++)
        if (l.p[i].target >= 0)
            l.p[i].target = map[l.p[i].target];
    free(map);
    if (t->split) {
        /* Go marks the start of the out-of-line block with a NOP. */
        add(&l, OP_NOP, 0, (aop){0}, (aop){0}, l.n ? l.p[l.n - 1].pos : t->pos);
        aop ms = M(REG_NONE, 0);
        ms.name = N_EXTERN;
        ms.sym = xstrdup(t->flags & ASM_NEEDCTXT ? "runtime·morestack"
                                                  : "runtime·morestack_noctxt");
        int call = add(&l, OP_CALL, 1, ms, (aop){0}, t->pos);
        l.p[jls].target = call - 1;
        if (jcs >= 0)
            l.p[jcs].target = call - 1;
        int j = add(&l, OP_JMP, 1, BR(), (aop){0}, t->pos);
        l.p[j].target = 0;
    }
    if (wrapper) {
        apos wp = l.p[l.n - 1].pos; /* Go lists this block at the last line */
        int lea = add(&l, OP_LEAQ, 2, M(SP, aut + 8), R(R13), wp);
        l.p[jne].target = lea;
        add(&l, OP_CMPQ, 2, M(R12, 0), R(R13), wp);
        int j1 = add(&l, OP_JNE, 1, BR(), (aop){0}, wp);
        l.p[j1].target = back;
        add(&l, OP_MOVQ, 2, R(SP), M(R12, 0), wp);
        int j2 = add(&l, OP_JMP, 1, BR(), (aop){0}, wp);
        l.p[j2].target = back;
    }
    free(t->p);
    t->p = l.p;
    t->np = l.n;
    t->pcap = l.cap;
}
