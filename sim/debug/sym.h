/* Symbol lookups for what users type: runtime.main and runtime·main name
 * one function, in the model mode and in real programs. */
#ifndef SIM_DEBUG_SYM_H
#define SIM_DEBUG_SYM_H
#include "cpu/link.h"

/* The symbol named NAME, or NAME with each '.' read as '·' (Plan 9's
 * spelling, the model mode's names), or each '·' as '.' (Go's, a real
 * program's); NULL if none. */
const image_sym *dbg_sym_named(const image *img, const char *name);

#endif
