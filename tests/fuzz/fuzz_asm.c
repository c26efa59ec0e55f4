/* Fuzz target: the assembler, source → object → listing (cpu/asm/).  An
 * #include is served from the files embedded in sim (go_asm.h, go_tls.h,
 * the runtime's sources), as `sim run` serves it. */
#include "cpu/asm/run.h"
#include "runtime_model/layout.h"
#include "sim/embedded.h"
#include "tests/fuzz/fuzz.h"
#include <stdlib.h>
#include <string.h>

static char *include_embedded(void *ctx, const char *name, char **resolved)
{
    (void)ctx;
    if (strcmp(name, "go_asm.h") == 0) {
        *resolved = strdup(name);
        return go_asm_h_text();
    }
    const struct embedded_file *f = embedded_find(name);
    if (!f)
        return NULL;
    *resolved = strdup(f->path);
    return strdup(f->data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    asm_options opt = {include_embedded, NULL, fuzz_sink()};
    asm_object obj;
    if (asm_run("fuzz.s", text, &opt, &obj, fuzz_sink()) == 0)
        asm_object_free(&obj);
    free(text);
    return 0;
}
