/* Symbol lookups: see debug_sym.h. */
#include "sim/debug/sym.h"
#include <string.h>

const image_sym *dbg_sym_named(const image *img, const char *name)
{
    const image_sym *s = image_sym_named(img, name);
    if (s || !strchr(name, '.'))
        return s;
    char dotted[256];
    size_t n = 0;
    for (const char *p = name; *p && n + 3 < sizeof dotted; p++) {
        if (*p == '.') {
            memcpy(dotted + n, "\xc2\xb7", 2);   /* U+00B7 MIDDLE DOT */
            n += 2;
        } else {
            dotted[n++] = *p;
        }
    }
    dotted[n] = 0;
    return image_sym_named(img, dotted);
}
