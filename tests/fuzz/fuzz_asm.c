/* Fuzz target: the assembler, source → object → listing (cpu/asm/).  An
 * #include is served from the files embedded in sim (go_asm.h, go_tls.h,
 * the runtime's sources), as `sim run` serves it. */
#include "cpu/asm/run.h"
#include "runtime_model/layout.h"
#include "sim/embedded.h"
#include "tests/fuzz/fuzz.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* go_asm.h as sim makes it from the layout table has some 2,500 #defines,
 * and lexing them for every input that includes it was most of this
 * target's time.  It gets the lines that the embedded sources (the
 * runtime's and the configs') or the assembler vectors use: the same
 * macros the seeds use, a hundredth of the text. */
static char *go_asm_used(void)
{
    static const char *const vectors[] = {"gobuf_", "g_sched", "g_stack", "g_m", "m_g0", "m_tls",
                                          "stack_lo", "stack_hi"};
    char *full = go_asm_h_text(), *out = malloc(strlen(full) + 1), *o = out;
    if (!full || !out)
        abort();
    for (char *line = full, *next; *line; line = next) {
        next = line + strcspn(line, "\n");
        next += *next == '\n';
        char name[128];
        bool keep = sscanf(line, "#define %127s", name) != 1;
        for (size_t i = 0; !keep && i < sizeof vectors / sizeof vectors[0]; i++)
            keep = strncmp(name, vectors[i], strlen(vectors[i])) == 0;
        for (const struct embedded_file *e = embedded_files; !keep && e->path; e++)
            keep = strstr(e->data, name) != NULL;
        if (keep) {
            memcpy(o, line, (size_t)(next - line));
            o += next - line;
        }
    }
    *o = 0;
    free(full);
    return out;
}

static char *include_embedded(void *ctx, const char *name, char **resolved)
{
    (void)ctx;
    if (strcmp(name, "go_asm.h") == 0) {
        static char *go_asm;
        if (!go_asm)
            go_asm = go_asm_used();
        *resolved = strdup(name);
        return strdup(go_asm);
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
    /* Both frame conventions, by the input's length: go1.19's and go1.21's. */
    asm_options opt = {include_embedded, NULL, fuzz_sink(), size % 2 ? 21 : 19};
    asm_object obj;
    if (asm_run("fuzz.s", text, &opt, &obj, fuzz_sink()) == 0)
        asm_object_free(&obj);
    free(text);
    return 0;
}
