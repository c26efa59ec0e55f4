/* The boot fixture: see boot_fixture.h. */
#include "tests/boot_fixture.h"
#include "sim/embedded.h"
#include "tests/testlib.h"
#include <stdlib.h>
#include <string.h>

int boot_run(boot *b, const char *const *edits, const char *stop_at)
{
    const struct embedded_file *f = embedded_find("configs/boot.yaml");
    char text[8192];
    snprintf(text, sizeof text, "%s", f->data);
    for (int i = 0; edits && edits[i]; i += 2) {
        char *at = strstr(text, edits[i]), rest[8192];
        CU_ASSERT_PTR_NOT_NULL_FATAL(at);
        snprintf(rest, sizeof rest, "%s", at + strlen(edits[i]));
        snprintf(at, sizeof text - (size_t)(at - text), "%s%s", edits[i + 1], rest);
    }
    memset(b, 0, sizeof *b);
    if (config_parse("configs/boot.yaml", text, &b->cfg, stderr) != 0)
        return -1;
    free(b->cfg.trace_path);
    b->cfg.trace_path = NULL;
    sources_init(&b->src, b->cfg.path, true);
    image img = {0};
    if (program_build(&b->cfg, &b->src, &img, stderr) != 0)
        return -1;
    if (machine_open(&b->mc, &b->cfg, &img, stderr) != 0)
        return -1;
    machine_run(&b->mc, stop_at ? image_addr(&b->mc.img, stop_at) : 0);
    return 0;
}

void boot_close(boot *b)
{
    machine_close(&b->mc);
    sources_free(&b->src);
    config_free(&b->cfg);
}

