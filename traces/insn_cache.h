/* What the tracer writes about an instruction that depends only on its
 * address (symbol, bytes, source line, disassembly), worked out once per
 * address: code is never rewritten while a run lasts. */
#ifndef TRACES_INSN_CACHE_H
#define TRACES_INSN_CACHE_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t pc;
    const char *sym, *bytes, *file, *src;   /* in the cache: its own copies */
    const char *disasm;   /* owned by the tracer's disasm cache */
    int line;
    uint32_t writes;      /* the registers it can change (disasm_writes) */
    const char *text_head;   /* rec_text_insn_head's text, or NULL */
    size_t text_head_len;
} insn_info;

typedef struct insn_cache insn_cache;

insn_cache *insn_cache_new(void);
void insn_cache_free(insn_cache *c);

/* The entry for PC, or NULL. */
const insn_info *insn_cache_get(insn_cache *c, uint64_t pc);
/* Adds a copy of INFO (its strings copied); returns the stored entry (the
 * one already there, if any), or NULL when out of memory.  Entries stay
 * where they are, unchanged, until insn_cache_free. */
const insn_info *insn_cache_put(insn_cache *c, const insn_info *info);

#endif
