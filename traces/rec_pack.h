/* Packed records: the compact binary form in which the tracer hands its
 * records to the writer thread (traces/rec_pipe.c), which formats them.
 * Packing costs the emulating thread a few stores per record instead of
 * the formatting; the writer unpacks into a trace_rec whose strings point
 * into the packed bytes, so nothing is copied twice.
 *
 * Layout: a u32 size (of the whole record, header included), a u8 kind,
 * then per kind (see rec_pack.c).  Strings are a u32 length, the bytes and
 * a NUL.  Numbers are stored unaligned in host byte order. */
#ifndef TRACES_REC_PACK_H
#define TRACES_REC_PACK_H
#include "traces/insn_cache.h"
#include "traces/record.h"
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint8_t *pk_u8(uint8_t *p, uint8_t v) { *p = v; return p + 1; }
static inline uint8_t *pk_u32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); return p + 4; }
static inline uint8_t *pk_u64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); return p + 8; }
static inline uint8_t *pk_str(uint8_t *p, const char *s, size_t n)
{
    p = pk_u32(p, (uint32_t)n);
    memcpy(p, s, n);
    p[n] = 0;
    return p + n + 1;
}
#define PK_STR_SIZE(n) (4 + (n) + 1)
#define PK_HEAD 5   /* size and kind */

/* Room a text record (every kind but insn) needs for strings of total
 * length LEN. */
#define PK_TEXT_SIZE(len) (PK_HEAD + 4 + 8 + 4 + 1 + 3 * PK_STR_SIZE(0) + (len))

/* A record of any kind but insn: DEPTH, NUM (fault: pc; end: instructions)
 * and INT (header: version; end: status), then NSTR strings: header
 * config, sim, program; call fn, args; state lhs, old, new; note and sched
 * text; fault sym, why; end how, why (NULL packs as "").  LENS holds
 * their lengths.  Returns the end of the record. */
uint8_t *rec_pack_text(uint8_t *p, rec_kind kind, int depth, uint64_t num, int inum,
                       const char *const *strs, const size_t *lens, int nstr);

/* An instruction record, packed in steps: the head, then the changes,
 * then the stack slots; rec_pack_insn_end fills in the counts and size. */
typedef struct {
    uint8_t *start, *counts, *p;
    uint8_t nregs, nmem, nstack;
} insn_packer;

/* Room an instruction record needs at most: its static text (when not
 * packed by reference) and its stack notes (each under 96 bytes) aside. */
#define PK_INSN_FIXED (PK_HEAD + 8 + 4 + 8 + 1 + 8 + 4 + 4 + REC_MAX_REGS * 17 \
                       + REC_MAX_MEM * (25 + PK_STR_SIZE(REC_MEM_NAME)) \
                       + REC_MAX_STACK * (4 + 8 + PK_STR_SIZE(96)))
/* Room for INFO's strings packed by value. */
size_t rec_pack_info_size(const insn_info *info);

/* INFO by reference when STABLE (it outlives the writer's use of it, and is
 * never changed), else its strings by value. */
void rec_pack_insn_begin(insn_packer *k, uint8_t *p, uint64_t seq, int tid, uint64_t pc,
                         const insn_info *info, int stable, int mem_dropped);
static inline void rec_pack_reg(insn_packer *k, int reg, uint64_t old_v, uint64_t new_v)
{
    k->p = pk_u64(pk_u64(pk_u8(k->p, (uint8_t)reg), old_v), new_v);
    k->nregs++;
}
static inline void rec_pack_mem(insn_packer *k, const rec_mem *m)
{
    /* A store is at most 64 bytes: the high bit of its size is FAULTED. */
    const char *name = m->name ? m->name : "";
    k->p = pk_u64(pk_u64(pk_u8(k->p, (uint8_t)(m->size | (m->faulted ? 0x80 : 0))), m->addr),
                  m->value);
    k->p = pk_str(pk_u64(k->p, m->old), name, strlen(name));
    k->nmem++;
}
/* Slots come after all registers and writes. */
static inline void rec_pack_slot(insn_packer *k, int off, uint64_t value, const char *note)
{
    k->p = pk_str(pk_u64(pk_u32(k->p, (uint32_t)off), value), note, strlen(note));
    k->nstack++;
}
uint8_t *rec_pack_insn_end(insn_packer *k);

/* A deferred record (record.h: rec_expand_fn). */
#define PK_DEFERRED_SIZE(len) (PK_HEAD + 4 + 8 + sizeof(rec_expand_fn) + 4 + (len))
uint8_t *rec_pack_deferred(uint8_t *p, rec_kind kind, int depth, rec_expand_fn expand,
                           const void *payload, size_t len);
/* The same, with the number of the last instruction run (a state record's seq). */
uint8_t *rec_pack_deferred_at(uint8_t *p, rec_kind kind, int depth, uint64_t seq,
                              rec_expand_fn expand, const void *payload, size_t len);


/* Unpacks the record at P into R (its strings point into P's bytes, or
 * into SCRATCH, of REC_EXPAND_CAP bytes, for a deferred record); returns
 * the next record. */
const uint8_t *rec_unpack(const uint8_t *p, trace_rec *r, char *scratch);

#endif
