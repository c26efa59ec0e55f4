/* Symbol lookups for what users type: "runtime.main" means runtime·main
 * (the middle dot is hard to type). */
#ifndef SIM_DEBUG_SYM_H
#define SIM_DEBUG_SYM_H
#include "cpu/link.h"

/* The symbol named NAME, or NAME with each '.' read as '·'; NULL if none. */
const image_sym *dbg_sym_named(const image *img, const char *name);

#endif
