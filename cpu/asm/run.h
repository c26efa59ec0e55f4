/* Internal entry points shared by object.c, listing.c and cli.c. */
#ifndef CPU_ASM_RUN_H
#define CPU_ASM_RUN_H
#include "cpu/asm/internal.h"

/* asm_assemble, plus a `go tool asm -S` style listing to LST when it is
 * not NULL and there were no errors. */
int asm_run(const char *filename, const char *text, const asm_options *opt,
            asm_object *out, FILE *lst);

void listing_print(actx *c, const asm_object *obj, FILE *f);

#endif
