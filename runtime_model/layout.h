/* The go1.21 amd64 layouts of the runtime structures sim touches: the one
 * source of truth.  The models read and write fields through it, the
 * assembler's go_asm.h is generated from it, and the trace decodes
 * structures by field name with it.  Offsets follow the compiler's own
 * go_asm.h (tests/data/go_asm_go1.21.h); a unit test checks every entry.
 *
 * Each row: X(type, field, offset, size, kind, subtype)
 *   type    - Go type name ("g", "m", "p", "schedt", "gobuf", "stack", ...);
 *             types whose name starts with "anon_" are Go's anonymous
 *             sub-structs (p.gFree, schedt.gFree) and have no go_asm.h names.
 *   field   - Go field name; a C-safe spelling of it is the enum suffix.
 *   kind    - how to print the value (see go_kind).
 *   subtype - for KIND_STRUCT/KIND_ARRAY, the element type's name, else "". */
#ifndef RUNTIME_MODEL_LAYOUT_H
#define RUNTIME_MODEL_LAYOUT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    KIND_UPTR,      /* uintptr shown in hex, symbolised when it is a code address */
    KIND_U64, KIND_I64, KIND_U32, KIND_I32, KIND_U8, KIND_BOOL,
    KIND_GPTR,      /* *g or guintptr: shown as gN (goid) or g0 */
    KIND_MPTR,      /* *m or muintptr: shown as mN */
    KIND_PPTR,      /* *p or puintptr: shown as pN */
    KIND_GSTATUS,   /* g.atomicstatus: _Grunnable ... */
    KIND_PSTATUS,   /* p.status: _Pidle ... */
    KIND_STRUCT,    /* embedded struct of type subtype */
    KIND_ARRAY,     /* array of subtype-sized elements (size = total bytes) */
    KIND_OPAQUE,    /* bytes we carry but do not decode */
} go_kind;

#define GO_LAYOUT(X) \
    X(stack, lo, 0, 8, KIND_UPTR, "") \
    X(stack, hi, 8, 8, KIND_UPTR, "") \
    X(gobuf, sp, 0, 8, KIND_UPTR, "") \
    X(gobuf, pc, 8, 8, KIND_UPTR, "") \
    X(gobuf, g, 16, 8, KIND_GPTR, "") \
    X(gobuf, ctxt, 24, 8, KIND_UPTR, "") \
    X(gobuf, ret, 32, 8, KIND_UPTR, "") \
    X(gobuf, lr, 40, 8, KIND_UPTR, "") \
    X(gobuf, bp, 48, 8, KIND_UPTR, "") \
    X(funcval, fn, 0, 8, KIND_UPTR, "") \
    X(gQueue, head, 0, 8, KIND_GPTR, "") \
    X(gQueue, tail, 8, 8, KIND_GPTR, "") \
    X(gList, head, 0, 8, KIND_GPTR, "") \
    X(g, stack, 0, 16, KIND_STRUCT, "stack") \
    X(g, stackguard0, 16, 8, KIND_UPTR, "") \
    X(g, stackguard1, 24, 8, KIND_UPTR, "") \
    X(g, _panic, 32, 8, KIND_UPTR, "") \
    X(g, _defer, 40, 8, KIND_UPTR, "") \
    X(g, m, 48, 8, KIND_MPTR, "") \
    X(g, sched, 56, 56, KIND_STRUCT, "gobuf") \
    X(g, syscallsp, 112, 8, KIND_UPTR, "") \
    X(g, syscallpc, 120, 8, KIND_UPTR, "") \
    X(g, stktopsp, 128, 8, KIND_UPTR, "") \
    X(g, param, 136, 8, KIND_UPTR, "") \
    X(g, atomicstatus, 144, 4, KIND_GSTATUS, "") \
    X(g, stackLock, 148, 4, KIND_U32, "") \
    X(g, goid, 152, 8, KIND_U64, "") \
    X(g, schedlink, 160, 8, KIND_GPTR, "") \
    X(g, waitsince, 168, 8, KIND_I64, "") \
    X(g, waitreason, 176, 1, KIND_U8, "") \
    X(g, preempt, 177, 1, KIND_BOOL, "") \
    X(g, preemptStop, 178, 1, KIND_BOOL, "") \
    X(g, preemptShrink, 179, 1, KIND_BOOL, "") \
    X(g, paniconfault, 181, 1, KIND_BOOL, "") \
    X(g, tracking, 187, 1, KIND_BOOL, "") \
    X(g, trackingSeq, 188, 1, KIND_U8, "") \
    X(g, trackingStamp, 192, 8, KIND_I64, "") \
    X(g, runnableTime, 200, 8, KIND_I64, "") \
    X(g, lockedm, 208, 8, KIND_MPTR, "") \
    X(g, writebuf, 224, 24, KIND_OPAQUE, "") \
    X(g, parentGoid, 272, 8, KIND_U64, "") \
    X(g, gopc, 280, 8, KIND_UPTR, "") \
    X(g, ancestors, 288, 8, KIND_UPTR, "") \
    X(g, startpc, 296, 8, KIND_UPTR, "") \
    X(g, labels, 344, 8, KIND_UPTR, "") \
    X(g, timer, 352, 8, KIND_UPTR, "") \
    X(g, gcAssistBytes, 400, 8, KIND_I64, "") \
    X(m, g0, 0, 8, KIND_GPTR, "") \
    X(m, morebuf, 8, 56, KIND_STRUCT, "gobuf") \
    X(m, procid, 72, 8, KIND_U64, "") \
    X(m, gsignal, 80, 8, KIND_GPTR, "") \
    X(m, tls, 136, 48, KIND_ARRAY, "uintptr") \
    X(m, mstartfn, 184, 8, KIND_UPTR, "") \
    X(m, curg, 192, 8, KIND_GPTR, "") \
    X(m, p, 208, 8, KIND_PPTR, "") \
    X(m, nextp, 216, 8, KIND_PPTR, "") \
    X(m, oldp, 224, 8, KIND_PPTR, "") \
    X(m, id, 232, 8, KIND_I64, "") \
    X(m, mallocing, 240, 4, KIND_I32, "") \
    X(m, throwing, 244, 4, KIND_I32, "") \
    X(m, locks, 264, 4, KIND_I32, "") \
    X(m, dying, 268, 4, KIND_I32, "") \
    X(m, spinning, 276, 1, KIND_BOOL, "") \
    X(m, blocked, 277, 1, KIND_BOOL, "") \
    X(m, fastrand, 288, 8, KIND_U64, "") \
    X(m, alllink, 336, 8, KIND_MPTR, "") \
    X(m, schedlink, 344, 8, KIND_MPTR, "") \
    X(m, lockedg, 352, 8, KIND_GPTR, "") \
    X(m, lockedInt, 620, 4, KIND_U32, "") \
    X(p, id, 0, 4, KIND_I32, "") \
    X(p, status, 4, 4, KIND_PSTATUS, "") \
    X(p, link, 8, 8, KIND_PPTR, "") \
    X(p, schedtick, 16, 4, KIND_U32, "") \
    X(p, syscalltick, 20, 4, KIND_U32, "") \
    X(p, m, 56, 8, KIND_MPTR, "") \
    X(p, mcache, 64, 8, KIND_UPTR, "") \
    X(p, goidcache, 384, 8, KIND_U64, "") \
    X(p, goidcacheend, 392, 8, KIND_U64, "") \
    X(p, runqhead, 400, 4, KIND_U32, "") \
    X(p, runqtail, 404, 4, KIND_U32, "") \
    X(p, runq, 408, 2048, KIND_ARRAY, "guintptr") \
    X(p, runnext, 2456, 8, KIND_GPTR, "") \
    X(p, gFree, 2464, 16, KIND_STRUCT, "anon_p_gFree") \
    X(p, timers, 8840, 24, KIND_OPAQUE, "") \
    X(p, maxStackScanDelta, 8880, 8, KIND_I64, "") \
    X(p, preempt, 8904, 1, KIND_BOOL, "") \
    X(anon_p_gFree, head, 0, 8, KIND_GPTR, "") \
    X(anon_p_gFree, n, 8, 4, KIND_I32, "") \
    X(schedt, goidgen, 0, 8, KIND_U64, "") \
    X(schedt, lastpoll, 8, 8, KIND_I64, "") \
    X(schedt, pollUntil, 16, 8, KIND_I64, "") \
    X(schedt, lock, 24, 8, KIND_UPTR, "") \
    X(schedt, midle, 32, 8, KIND_MPTR, "") \
    X(schedt, nmidle, 40, 4, KIND_I32, "") \
    X(schedt, nmidlelocked, 44, 4, KIND_I32, "") \
    X(schedt, mnext, 48, 8, KIND_I64, "") \
    X(schedt, maxmcount, 56, 4, KIND_I32, "") \
    X(schedt, nmsys, 60, 4, KIND_I32, "") \
    X(schedt, nmfreed, 64, 8, KIND_I64, "") \
    X(schedt, ngsys, 72, 4, KIND_I32, "") \
    X(schedt, pidle, 80, 8, KIND_PPTR, "") \
    X(schedt, npidle, 88, 4, KIND_I32, "") \
    X(schedt, nmspinning, 92, 4, KIND_I32, "") \
    X(schedt, needspinning, 96, 4, KIND_U32, "") \
    X(schedt, runq, 104, 16, KIND_STRUCT, "gQueue") \
    X(schedt, runqsize, 120, 4, KIND_I32, "") \
    X(schedt, gFree, 160, 32, KIND_STRUCT, "anon_schedt_gFree") \
    X(schedt, gcwaiting, 232, 1, KIND_BOOL, "") \
    X(schedt, stopwait, 236, 4, KIND_I32, "") \
    X(schedt, sysmonwait, 248, 1, KIND_BOOL, "") \
    X(schedt, profilehz, 288, 4, KIND_I32, "") \
    X(schedt, procresizetime, 296, 8, KIND_I64, "") \
    X(schedt, totaltime, 304, 8, KIND_I64, "") \
    X(anon_schedt_gFree, lock, 0, 8, KIND_UPTR, "") \
    X(anon_schedt_gFree, stack, 8, 8, KIND_GPTR, "") \
    X(anon_schedt_gFree, noStack, 16, 8, KIND_GPTR, "") \
    X(anon_schedt_gFree, n, 24, 4, KIND_I32, "")

/* Sizes of the types (go_asm.h's type__size). */
#define GO_TYPES(X) \
    X(stack, 16) X(gobuf, 56) X(funcval, 8) X(gQueue, 16) X(gList, 8) \
    X(g, 408) X(m, 1008) X(p, 8912) X(schedt, 1632) \
    X(anon_p_gFree, 16) X(anon_schedt_gFree, 32)

/* Constants the models and the assembly share (go_asm.h's const_ names). */
#define GO_CONSTS(X) \
    X(_Gidle, 0) X(_Grunnable, 1) X(_Grunning, 2) X(_Gsyscall, 3) \
    X(_Gwaiting, 4) X(_Gmoribund_unused, 5) X(_Gdead, 6) \
    X(_Genqueue_unused, 7) X(_Gcopystack, 8) X(_Gpreempted, 9) X(_Gscan, 4096) \
    X(_Pidle, 0) X(_Prunning, 1) X(_Psyscall, 2) X(_Pgcstop, 3) X(_Pdead, 4) \
    X(stackMin, 2048) X(stackSystem, 0) X(fixedStack, 2048) \
    X(stackNosplit, 800) X(stackGuard, 928) X(_GoidCacheBatch, 16) \
    X(gTrackingPeriod, 8) X(tlsSlots, 6)

typedef enum {
#define X(t, f, off, sz, k, sub) F_##t##_##f,
    GO_LAYOUT(X)
#undef X
    F__COUNT
} go_field_id;

typedef enum {
#define X(name, v) C_##name = v,
    GO_CONSTS(X)
#undef X
} go_const;

typedef enum {
#define X(t, sz) T_##t,
    GO_TYPES(X)
#undef X
    T__COUNT
} go_type_id;

typedef struct {
    const char *type, *name;
    uint32_t off, size;
    go_kind kind;
    const char *subtype;
    go_type_id owner;   /* the type the field belongs to (TYPE as an id) */
} go_field;

extern const go_field go_fields[F__COUNT];

static inline uint32_t go_off(go_field_id f) { return go_fields[f].off; }

/* A field's RAW little-endian bytes as its value: int32 fields
 * sign-extended (int64 ones need nothing), others as they are. */
static inline uint64_t go_field_value(const go_field *fd, uint64_t raw)
{
    return fd->kind == KIND_I32 && fd->size == 4 ? (uint64_t)(int64_t)(int32_t)raw : raw;
}

/* Size of a type of the table. */
static inline uint32_t go_size(go_type_id t)
{
    static const uint32_t sizes[T__COUNT] = {
#define X(t, sz) [T_##t] = sz,
        GO_TYPES(X)
#undef X
    };
    return sizes[t];
}

/* Size of the named type, 0 if unknown. */
uint32_t go_type_size(const char *type);
/* The field of TYPE named NAME (a single component), or -1. */
int go_field_lookup(const char *type, const char *name);
/* Resolve a dotted path below TYPE ("sched.pc", "stack.hi", "runq.head")
 * to a byte offset and the last field; -1 if any component is unknown.
 * An array component may carry an index: "runq[3]". */
int go_path_resolve(const char *type, const char *path, uint32_t *off);

/* Name of a g status (_Grunnable, _Gscanwaiting, ...) or p status. */
const char *go_gstatus_name(uint32_t st);
const char *go_pstatus_name(uint32_t st);

/* go_asm.h as the compiler would write it for the rows above: type__size,
 * type_field and const_name defines.  Returns a malloc'd string. */
char *go_asm_h_text(void);

#endif
