/* Fuzz target: the config loader (sim/config.c, sim/config_yaml.c), YAML
 * text in, a sim_config or a one-line error out. */
#include "sim/config.h"
#include "tests/fuzz/fuzz.h"
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    sim_config cfg;
    config_parse("fuzz.yaml", text, &cfg, fuzz_sink());
    config_free(&cfg);
    free(text);
    return 0;
}
