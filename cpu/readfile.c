/* read_whole_file: see readfile.h. */
#include "cpu/readfile.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

char *read_whole_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = 0, cap = 8192, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    int failed = !buf || ferror(f);
    int saved = errno ? errno : EIO;
    fclose(f);
    if (failed) {
        free(buf);
        errno = saved;
        return NULL;
    }
    buf[n] = 0;
    if (len)
        *len = n;
    return buf;
}
