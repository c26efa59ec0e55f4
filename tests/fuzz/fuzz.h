/* What the fuzz targets share (tests/fuzz/README.md): each defines
 * LLVMFuzzerTestOneInput (and, where it needs a set-up done once,
 * LLVMFuzzerInitialize).  Built two ways: with clang's libFuzzer
 * (`make fuzz`), and with replay.c's main under gcc's sanitizers, which
 * runs the corpora once (`make test`). */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* DATA as a NUL-terminated string, malloc'd; a NUL inside ends it early,
 * as it ends the text a C reader sees. */
char *fuzz_text(const uint8_t *data, size_t size);

/* Where the targets' messages go: /dev/null, opened once. */
FILE *fuzz_sink(void);

/* A memfd holding DATA, and a path that opens it (/proc/self/fd/N) in
 * PATH; the fd, or -1.  The caller closes it. */
int fuzz_memfd(const char *name, const uint8_t *data, size_t size, char *path, size_t len);

/* An ELF whose loads need more than FUZZ_IMAGE_MAX bytes of host memory
 * for their image (elf_image_build callocs each load whole, bss included;
 * the loader reads it all to skip the zero pages).  The targets skip it:
 * inputs with bss of tens or hundreds of megabytes slowed the ELF target from
 * 4,000 to 50 runs a second, and libFuzzer counts a calloc of gigabytes as
 * out of memory though its pages are never written.  sim's limits on such
 * programs are tests/hostile's to check (a 16 TiB bss). */
#define FUZZ_IMAGE_MAX (16ULL << 20)
#include "linux/elf.h"
bool fuzz_elf_too_big(const elf_file *f);

#endif
