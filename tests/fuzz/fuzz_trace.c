/* Fuzz target: the trace readers (traces/read*.c) and `sim diff`
 * (traces/diff*.c).  The input is one trace, or two separated by a NUL
 * byte: each is read record by record, then the two are diffed (a single
 * trace against itself), the files being memfds. */
#include "traces/diff.h"
#include "traces/reader.h"
#include "tests/fuzz/fuzz.h"
#include <string.h>
#include <unistd.h>

static void read_all(const uint8_t *data, size_t size)
{
    FILE *f = fmemopen((void *)data, size, "r");
    if (!f)
        return;
    char err[256];
    trace_reader *rd = reader_open_stream(f, "fuzz.trace", err, sizeof err);
    if (rd) {
        trace_rec r;
        while (reader_next(rd, &r) == 1)
            ;
        reader_close(rd);
    }
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t na = nul ? (size_t)(nul - data) : size;
    const uint8_t *b = nul ? nul + 1 : data;
    size_t nb = nul ? size - na - 1 : size;
    if (na)
        read_all(data, na);
    if (nul && nb)
        read_all(b, nb);
    char pa[64], pb[64];
    int fa = fuzz_memfd("a.trace", data, na, pa, sizeof pa);
    int fb = fuzz_memfd("b.trace", b, nb, pb, sizeof pb);
    if (fa >= 0 && fb >= 0) {
        diff_opts o;
        diff_opts_default(&o);
        trace_diff(pa, pb, &o, fuzz_sink(), fuzz_sink());
    }
    if (fa >= 0)
        close(fa);
    if (fb >= 0)
        close(fb);
    return 0;
}
