/* `sim asm FILE.s [-S] [-o FILE]`: the assembler on its own.  Includes are
 * resolved as for `sim run`: go_asm.h comes from the layout table, other
 * files from beside FILE.s or from the embedded runtime sources.
 * `sim asm --go-asm-h` prints that go_asm.h. */
#include "cpu/asm.h"
#include "runtime_model/layout.h"
#include "sim/commands.h"
#include "sim/sources.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_asm(int argc, char **argv)
{
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
