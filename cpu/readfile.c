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

char *read_source_file(const char *path, size_t *len)
{
    size_t n;
    char *text = read_whole_file(path, &n);
    if (!text || strlen(text) == n) {
        if (text && len)
            *len = n;
        return text;
    }
    size_t nuls = 0;
    for (size_t i = 0; i < n; i++)
        nuls += text[i] == 0;
    char *out = malloc(n + nuls + 1), *o = out;
    if (!out) {
        free(text);
        errno = ENOMEM;
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (text[i]) {
            *o++ = text[i];
        } else {
            memcpy(o, SOURCE_NUL, 2);
            o += 2;
        }
    }
    *o = 0;
    free(text);
    if (len)
        *len = (size_t)(o - out);
    return out;
}

const char *read_file_error(int err)
{
    return err == EFBIG ? "larger than " INPUT_MAX_TEXT " (the limit for an input file)"
                        : strerror(err);
}
