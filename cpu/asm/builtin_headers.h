/* Built-in header texts (builtin_headers.c). */
#ifndef CPU_ASM_BUILTIN_HEADERS_H
#define CPU_ASM_BUILTIN_HEADERS_H
#include <stdbool.h>

/* ALWAYS: only headers that take precedence over any file (textflag.h);
 * otherwise also the fallbacks (funcdata.h, go_tls.h).  NULL if none. */
const char *builtin_header(const char *name, bool always);

#endif
