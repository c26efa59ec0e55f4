/* Files compiled into bin/sim (the Plan 9 sources and the default config),
 * so that `sim run` works from any directory.  Paths are repository-relative. */
#ifndef SIM_EMBEDDED_H
#define SIM_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
    const char *path;
    const char *data;   /* NUL-terminated */
    int size;
};

extern const struct embedded_file embedded_files[];

/* The embedded file whose path is PATH or ends in "/" PATH; NULL if none. */
const struct embedded_file *embedded_find(const char *path);

#endif
