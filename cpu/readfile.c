/* read_whole_file: see readfile.h. */
#include "cpu/readfile.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *read_whole_file_max(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = 0, cap = 8192, got;
    char *buf = malloc(cap);
    int toobig = 0;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n > max) {
            toobig = 1;
            break;
        }
        if (cap - n - 1 == 0) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    int failed = !buf || ferror(f) || toobig;
    int saved = toobig ? EFBIG : errno ? errno : EIO;
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

char *read_whole_file(const char *path, size_t *len)
{
    return read_whole_file_max(path, INPUT_MAX_BYTES, len);
}

const char *read_file_error(int err)
{
    return err == EFBIG ? "larger than " INPUT_MAX_TEXT " (the limit for an input file)"
                        : strerror(err);
}
