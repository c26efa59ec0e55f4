/* Reading a whole file into memory: the one helper every reader of source,
 * config and include files uses. */
#ifndef CPU_READFILE_H
#define CPU_READFILE_H
#include <stddef.h>

/* The contents of PATH, NUL-terminated, malloc'd; *LEN (if not NULL) gets
 * the byte count.  NULL on failure, with errno set. */
char *read_whole_file(const char *path, size_t *len);
/* The same, failing with EFBIG past MAX bytes (an endless file such as
 * /dev/zero stops there). */
char *read_whole_file_max(const char *path, size_t max, size_t *len);

#endif
