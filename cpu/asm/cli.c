/* `sim asm FILE.s [-S] [-o FILE] [--go 1.19|1.21]`: assemble a file, print
 * a Go-style listing with -S, write the assembled image with -o; --go says
 * whose frame prologues to insert (go1.19's by default).  Exit 2 on errors.
 *
 * The -o image is the code of every TEXT symbol followed by the data of
 * every DATA/GLOBL symbol, in source order, each padded to 8 bytes;
 * relocated fields are left as zero (TLS fields hold -8). */
#include "cpu/asm/run.h"
#include "cpu/readfile.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>


static int write_image(const char *path, const asm_object *obj)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "sim asm: cannot write %s: %s\n", path, strerror(errno));
        return 2;
    }
    static const uint8_t zero[8];
    for (size_t i = 0; i < obj->nsyms; i++) {
        const asm_symbol *s = &obj->syms[i];
        fwrite(s->data, 1, s->size, f);
        fwrite(zero, 1, (8 - s->size % 8) % 8, f);
    }
    /* A full disk shows at the write that fails, often only in fclose's
     * flush: both are checked, and the reason said. */
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    if (fclose(f) != 0 && !err)
        err = errno;
    if (err) {
        fprintf(stderr, "sim asm: writing %s failed: %s\n", path, strerror(err));
        return 2;
    }
    return 0;
}

static int usage(void)
{
    fputs("usage: sim asm FILE.s [-S] [-o FILE] [--go 1.19|1.21]\n", stderr);
    return 2;
}

int asm_cli_main(int argc, char **argv, asm_include_fn include, void *include_ctx)
{
    const char *in = NULL, *outpath = NULL;
    bool listing = false;
    int go_minor = 19;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-S") == 0)
            listing = true;
        else if (strcmp(argv[i], "--go") == 0 && i + 1 < argc) {
            const char *v = argv[++i];
            if (strcmp(v, "1.19") && strcmp(v, "1.21")) {
                fprintf(stderr, "sim asm: --go %s: sim inserts go1.19's or go1.21's frames "
                                "(--go 1.19 or --go 1.21)\n", v);
                return 2;
            }
            go_minor = v[3] == '9' ? 19 : 21;
        }
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            outpath = argv[++i];
        else if (argv[i][0] == '-' || in)
            return usage();
        else
            in = argv[i];
    }
    if (!in)
        return usage();
    char *text = read_source_file(in, NULL);
    if (!text) {
        fprintf(stderr, "sim asm: cannot read %s: %s\n", in, read_file_error(errno));
        return 2;
    }
    asm_object obj;
    asm_options opt = {include, include_ctx, NULL, go_minor};
    int nerr = asm_run(in, text, &opt, &obj, listing ? stdout : NULL);
    free(text);
    if (nerr)
        return 2;
    int rc = outpath ? write_image(outpath, &obj) : 0;
    asm_object_free(&obj);
    return rc;
}
