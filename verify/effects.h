/* What a call changed in memory, byte by byte: the model's side (from the
 * CPU's undo journal) and the real function's (from the guest's stores),
 * each as "address: byte before, byte after".  Both start from the same
 * state, the one at the call's entry. */
#ifndef VERIFY_EFFECTS_H
#define VERIFY_EFFECTS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t addr;
    uint8_t before, after;
    bool used;
} effect_byte;

typedef struct {
    effect_byte *slot;   /* open addressing, a power of two in size */
    size_t cap, n;
} effects;

void effects_init(effects *e);
void effects_free(effects *e);
/* Note byte ADDR's value before the first change (kept from the first
 * call for that byte); AFTER is set to it too. */
effect_byte *effects_note(effects *e, uint64_t addr, uint8_t before);
const effect_byte *effects_get(const effects *e, uint64_t addr);
/* The bytes noted, sorted by address, in a malloc'd array of *N. */
effect_byte *effects_sorted(const effects *e, size_t *n);

#endif
