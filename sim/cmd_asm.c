/* `sim asm FILE.s [-S] [-o FILE]`: the assembler on its own.  Includes are
 * resolved as for `sim run`: go_asm.h comes from the layout table, other
 * files from beside FILE.s or from the embedded runtime sources.
 * `sim asm --go-asm-h` prints that go_asm.h. */
#include "cpu/asm.h"
#include "runtime_model/layout.h"
#include "sim/cli.h"
#include "sim/commands.h"
#include "sim/sources.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void asm_usage(FILE *f)
{
    fprintf(f, "usage: sim asm FILE.s [-S] [-o OUT] [--go 1.19|1.21]\n"
               "       sim asm --go-asm-h\n"
               "Assembles a Plan 9 (Go assembler) file as go tool asm does (docs/assembler.md).\n"
               "  -S          print a listing in the style of go tool asm -S\n"
               "  -o OUT      write the assembled image: each TEXT symbol's code, then each\n"
               "              DATA/GLOBL symbol's data, in source order, padded to 8 bytes\n"
               "              (relocated fields left as zero)\n"
               "  --go 1.19|1.21  the Go release whose assembler to follow (its frames and\n"
               "              prologues; default 1.19, the model mode assembles with 1.21)\n"
               "  --go-asm-h  print the go_asm.h that #include \"go_asm.h\" gets (struct offsets\n"
               "              and constants from sim's layout table)\n"
               "  -h, --help  this help\n"
               "Includes are found beside FILE.s, else among sim's built-in runtime sources.\n"
               "Exit status: 0 assembled, 2 errors (file:line: message).\n");
}

int cmd_asm(int argc, char **argv)
{
    static const char *const flags[] = {"-S", "-o", "--go", "--go-asm-h", "--help", NULL};
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            asm_usage(stdout);
            return 0;
        }
        if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--go"))
            i++;
        else if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "-S") &&
                 strcmp(argv[i], "--go-asm-h"))
            return cli_unknown(stderr, "sim asm", "option", argv[i], flags);
    }
    if (argc == 1 && strcmp(argv[0], "--go-asm-h") == 0) {   /* the generated header */
        char *h = go_asm_h_text();
        fputs(h, stdout);
        free(h);
        return 0;
    }
    const char *input = NULL;
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] != '-' && (i == 0 || argv[i - 1][0] != '-' || argv[i - 1][1] != 'o'))
            input = argv[i];
    }
    source_set src;
    sources_init(&src, input ? input : ".", false);
    const char *why;
    if (input)
        sources_open(&src, input, &why);   /* so that includes are found beside it */
    int rc = asm_cli_main(argc, argv, sources_include, &src);
    sources_free(&src);
    return rc;
}
