/* Symbol lookups: see debug_sym.h. */
#include "sim/debug/sym.h"
#include <string.h>

/* NAME with each middle dot read as '.': a real program's runtime.main
 * typed as runtime·main. */
static const image_sym *undotted(const image *img, const char *name)
{
    char plain[256];
    size_t n = 0;
    for (const char *p = name; *p && n + 2 < sizeof plain; p++)
        if (strncmp(p, "\xc2\xb7", 2) == 0) {
            plain[n++] = '.';
            p++;
        } else {
            plain[n++] = *p;
        }
    plain[n] = 0;
    return image_sym_named(img, plain);
}

const image_sym *dbg_sym_named(const image *img, const char *name)
{
    const image_sym *s = image_sym_named(img, name);
    if (s)
        return s;
    if (strstr(name, "\xc2\xb7"))
        return undotted(img, name);
    if (!strchr(name, '.'))
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
