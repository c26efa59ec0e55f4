/* Reading a whole file into memory: the one helper every reader of source,
 * config and include files uses. */
#ifndef CPU_READFILE_H
#define CPU_READFILE_H
#include <stddef.h>

/* The most a config, an assembly source, an include file or a debugger
 * batch file may hold (docs/config.md, docs/assembler.md).  The largest
 * real input is a few hundred kilobytes; the limit is there so that
 * /dev/zero or a huge file stops with an error instead of eating memory. */
#define INPUT_MAX_BYTES (16u << 20)
#define INPUT_MAX_TEXT "16 MiB"

/* The contents of PATH, NUL-terminated, malloc'd; *LEN (if not NULL) gets
 * the byte count.  NULL on failure, with errno set: EFBIG past
 * INPUT_MAX_BYTES. */
char *read_whole_file(const char *path, size_t *len);
/* The same, failing with EFBIG past MAX bytes (an endless file such as
 * /dev/zero stops there). */
char *read_whole_file_max(const char *path, size_t max, size_t *len);
/* read_whole_file for a source the assembler reads: text handed on as a C
 * string, where a NUL byte would silently end the file.  Each NUL byte is
 * given as SOURCE_NUL ("\xc0\x80", never in UTF-8 text), which the lexer
 * reports as Go's assembler does ("invalid character NUL") at its line and
 * column. */
#define SOURCE_NUL "\xc0\x80"
char *read_source_file(const char *path, size_t *len);
/* Why a read failed, for a message: strerror(ERR), or for EFBIG the
 * input limit. */
const char *read_file_error(int err);

#endif
