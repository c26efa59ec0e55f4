/* The layouts of the runtime structures sim touches, one table per Go
 * version: the one source of truth.  The models read and write fields
 * through it, the assembler's go_asm.h is generated from it, and the trace,
 * the dump and the debugger decode structures by field name with it.
 *
 * GO_FIELDS names the fields (the same in every version); each version's
 * file places them:
 *   runtime_model/layout_go121.c - go1.21, the models' version; checked
 *     against the compiler's own go_asm.h (tests/data/go_asm_go1.21.h);
 *   runtime_model/layout_go119.c - go1.19.
 * Both are checked against the DWARF of binaries built by that compiler
 * (layout_dwarf.c, tests/test_layout.c).  For another version the layout
 * is taken from the binary's DWARF.
 *
 * GO_FIELDS rows: X(type, field, kind, subtype)
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

#define GO_FIELDS(X) \
    X(stack, lo, KIND_UPTR, "") \
    X(stack, hi, KIND_UPTR, "") \
    X(gobuf, sp, KIND_UPTR, "") \
    X(gobuf, pc, KIND_UPTR, "") \
    X(gobuf, g, KIND_GPTR, "") \
    X(gobuf, ctxt, KIND_UPTR, "") \
    X(gobuf, ret, KIND_UPTR, "") \
    X(gobuf, lr, KIND_UPTR, "") \
    X(gobuf, bp, KIND_UPTR, "") \
    X(funcval, fn, KIND_UPTR, "") \
    X(gQueue, head, KIND_GPTR, "") \
    X(gQueue, tail, KIND_GPTR, "") \
    X(gList, head, KIND_GPTR, "") \
    X(gcControllerState, maxStackScan, KIND_U64, "") \
    X(g, stack, KIND_STRUCT, "stack") \
    X(g, stackguard0, KIND_UPTR, "") \
    X(g, stackguard1, KIND_UPTR, "") \
    X(g, _panic, KIND_UPTR, "") \
    X(g, _defer, KIND_UPTR, "") \
    X(g, m, KIND_MPTR, "") \
    X(g, sched, KIND_STRUCT, "gobuf") \
    X(g, syscallsp, KIND_UPTR, "") \
    X(g, syscallpc, KIND_UPTR, "") \
    X(g, stktopsp, KIND_UPTR, "") \
    X(g, param, KIND_UPTR, "") \
    X(g, atomicstatus, KIND_GSTATUS, "") \
    X(g, stackLock, KIND_U32, "") \
    X(g, goid, KIND_U64, "") \
    X(g, schedlink, KIND_GPTR, "") \
    X(g, waitsince, KIND_I64, "") \
    X(g, waitreason, KIND_U8, "") \
    X(g, preempt, KIND_BOOL, "") \
    X(g, preemptStop, KIND_BOOL, "") \
    X(g, preemptShrink, KIND_BOOL, "") \
    X(g, paniconfault, KIND_BOOL, "") \
    X(g, tracking, KIND_BOOL, "") \
    X(g, trackingSeq, KIND_U8, "") \
    X(g, trackingStamp, KIND_I64, "") \
    X(g, runnableStamp, KIND_I64, "") \
    X(g, runnableTime, KIND_I64, "") \
    X(g, lockedm, KIND_MPTR, "") \
    X(g, writebuf, KIND_OPAQUE, "") \
    X(g, parentGoid, KIND_U64, "") \
    X(g, gopc, KIND_UPTR, "") \
    X(g, ancestors, KIND_UPTR, "") \
    X(g, startpc, KIND_UPTR, "") \
    X(g, labels, KIND_UPTR, "") \
    X(g, timer, KIND_UPTR, "") \
    X(g, gcAssistBytes, KIND_I64, "") \
    X(m, g0, KIND_GPTR, "") \
    X(m, morebuf, KIND_STRUCT, "gobuf") \
    X(m, procid, KIND_U64, "") \
    X(m, gsignal, KIND_GPTR, "") \
    X(m, tls, KIND_ARRAY, "uintptr") \
    X(m, mstartfn, KIND_UPTR, "") \
    X(m, curg, KIND_GPTR, "") \
    X(m, p, KIND_PPTR, "") \
    X(m, nextp, KIND_PPTR, "") \
    X(m, oldp, KIND_PPTR, "") \
    X(m, id, KIND_I64, "") \
    X(m, mallocing, KIND_I32, "") \
    X(m, throwing, KIND_I32, "") \
    X(m, locks, KIND_I32, "") \
    X(m, dying, KIND_I32, "") \
    X(m, spinning, KIND_BOOL, "") \
    X(m, blocked, KIND_BOOL, "") \
    X(m, fastrand, KIND_U64, "") \
    X(m, alllink, KIND_MPTR, "") \
    X(m, schedlink, KIND_MPTR, "") \
    X(m, lockedg, KIND_GPTR, "") \
    X(m, lockedInt, KIND_U32, "") \
    X(p, id, KIND_I32, "") \
    X(p, status, KIND_PSTATUS, "") \
    X(p, link, KIND_PPTR, "") \
    X(p, schedtick, KIND_U32, "") \
    X(p, syscalltick, KIND_U32, "") \
    X(p, m, KIND_MPTR, "") \
    X(p, mcache, KIND_UPTR, "") \
    X(p, goidcache, KIND_U64, "") \
    X(p, goidcacheend, KIND_U64, "") \
    X(p, runqhead, KIND_U32, "") \
    X(p, runqtail, KIND_U32, "") \
    X(p, runq, KIND_ARRAY, "guintptr") \
    X(p, runnext, KIND_GPTR, "") \
    X(p, gFree, KIND_STRUCT, "anon_p_gFree") \
    X(p, timers, KIND_OPAQUE, "") \
    X(p, maxStackScanDelta, KIND_I64, "") \
    X(p, preempt, KIND_BOOL, "") \
    X(anon_p_gFree, head, KIND_GPTR, "") \
    X(anon_p_gFree, n, KIND_I32, "") \
    X(schedt, goidgen, KIND_U64, "") \
    X(schedt, lastpoll, KIND_I64, "") \
    X(schedt, pollUntil, KIND_I64, "") \
    X(schedt, lock, KIND_UPTR, "") \
    X(schedt, midle, KIND_MPTR, "") \
    X(schedt, nmidle, KIND_I32, "") \
    X(schedt, nmidlelocked, KIND_I32, "") \
    X(schedt, mnext, KIND_I64, "") \
    X(schedt, maxmcount, KIND_I32, "") \
    X(schedt, nmsys, KIND_I32, "") \
    X(schedt, nmfreed, KIND_I64, "") \
    X(schedt, ngsys, KIND_I32, "") \
    X(schedt, pidle, KIND_PPTR, "") \
    X(schedt, npidle, KIND_I32, "") \
    X(schedt, nmspinning, KIND_I32, "") \
    X(schedt, needspinning, KIND_U32, "") \
    X(schedt, runq, KIND_STRUCT, "gQueue") \
    X(schedt, runqsize, KIND_I32, "") \
    X(schedt, gFree, KIND_STRUCT, "anon_schedt_gFree") \
    X(schedt, gcwaiting, KIND_BOOL, "") \
    X(schedt, stopwait, KIND_I32, "") \
    X(schedt, sysmonwait, KIND_BOOL, "") \
    X(schedt, profilehz, KIND_I32, "") \
    X(schedt, procresizetime, KIND_I64, "") \
    X(schedt, totaltime, KIND_I64, "") \
    X(anon_schedt_gFree, lock, KIND_UPTR, "") \
    X(anon_schedt_gFree, stack, KIND_GPTR, "") \
    X(anon_schedt_gFree, noStack, KIND_GPTR, "") \
    X(anon_schedt_gFree, n, KIND_I32, "")

/* The types of the table (go_asm.h's type__size names). */
#define GO_TYPES(X) \
    X(stack) X(gobuf) X(funcval) X(gQueue) X(gList) X(gcControllerState) X(g) X(m) X(p) \
    X(schedt) \
    X(anon_p_gFree) X(anon_schedt_gFree)

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
#define X(t, f, k, sub) F_##t##_##f,
    GO_FIELDS(X)
#undef X
    F__COUNT
} go_field_id;

typedef enum {
#define X(name, v) C_##name = v,
    GO_CONSTS(X)
#undef X
} go_const;

typedef enum {
#define X(t) T_##t,
    GO_TYPES(X)
#undef X
    T__COUNT
} go_type_id;

typedef struct {
    const char *type, *name;
    uint32_t off, size;   /* size 0: the field does not exist in this version */
    go_kind kind;
    const char *subtype;
    go_type_id owner;   /* the type the field belongs to (TYPE as an id) */
} go_field;

/* One Go version's layout. */
typedef struct go_layout {
    char version[32];   /* "go1.21"; a layout taken from DWARF has the binary's version */
    go_field fields[F__COUNT];
    uint32_t sizes[T__COUNT];
} go_layout;

extern const go_layout go_layout_go121, go_layout_go119;

/* The layout in use: go1.21 (the models') unless go_layout_use chose
 * another for a real binary.  go_fields[F] is a field of it. */
extern const go_layout *go_layout_current;
#define go_fields (go_layout_current->fields)
void go_layout_use(const go_layout *l);
/* The table for a version string ("go1.19.8", "go1.21.13", "go1.21rc2"),
 * NULL when sim has none. */
const go_layout *go_layout_for_version(const char *version);

static inline uint32_t go_off(go_field_id f) { return go_fields[f].off; }
static inline bool go_has(go_field_id f) { return go_fields[f].size != 0; }

/* A field's RAW little-endian bytes as its value: int32 fields
 * sign-extended (int64 ones need nothing), others as they are. */
static inline uint64_t go_field_value(const go_field *fd, uint64_t raw)
{
    return fd->kind == KIND_I32 && fd->size == 4 ? (uint64_t)(int64_t)(int32_t)raw : raw;
}

/* Size of a type of the table. */
static inline uint32_t go_size(go_type_id t) { return go_layout_current->sizes[t]; }

/* How a version's file builds its go_layout from its own P(type, field,
 * off, size) and A(type, field) (absent) rows and S(type, size) sizes: the
 * rows become enum constants O_type_field / Z_type_field / Z_type, so a
 * field the version's file forgets is a compile error. */
#define GO_PLACE_ENUM(t, f, off, sz) O_##t##_##f = off, Z_##t##_##f = sz,
#define GO_ABSENT_ENUM(t, f) O_##t##_##f = 0, Z_##t##_##f = 0,
#define GO_SIZE_ENUM(t, sz) Z_##t = sz,
#define GO_FIELD_INIT(t, f, k, sub) [F_##t##_##f] = {#t, #f, O_##t##_##f, Z_##t##_##f, k, sub, T_##t},
#define GO_SIZE_INIT(t) [T_##t] = Z_##t,

/* The name of a type of the table ("g", "anon_p_gFree"). */
const char *go_type_name(go_type_id t);
/* The id of the named type, T__COUNT if it is not one of the table's. */
go_type_id go_type_id_of(const char *type);
/* Size of the named type, 0 if unknown. */
uint32_t go_type_size(const char *type);
/* The field of TYPE named NAME (a single component), or -1 (also when the
 * layout in use has no such field). */
int go_field_lookup(const char *type, const char *name);
/* Resolve a dotted path below TYPE ("sched.pc", "stack.hi", "runq.head")
 * to a byte offset and the last field; -1 if any component is unknown.
 * An array component may carry an index: "runq[3]". */
int go_path_resolve(const char *type, const char *path, uint32_t *off);

/* Name of a g status (_Grunnable, _Gscanwaiting, ...) or p status. */
const char *go_gstatus_name(uint32_t st);
const char *go_pstatus_name(uint32_t st);

/* go_asm.h as go1.21's compiler would write it for go1.21's table:
 * type__size, type_field and const_name defines.  Returns a malloc'd string. */
char *go_asm_h_text(void);

#endif
