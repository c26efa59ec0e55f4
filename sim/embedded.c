#include "sim/embedded.h"
#include <string.h>

const struct embedded_file *embedded_find(const char *path)
{
    size_t n = strlen(path);
    for (const struct embedded_file *f = embedded_files; f->path; f++) {
        size_t m = strlen(f->path);
        if (strcmp(f->path, path) == 0)
            return f;
        if (m > n && f->path[m - n - 1] == '/' && strcmp(f->path + m - n, path) == 0)
            return f;
    }
    return NULL;
}
