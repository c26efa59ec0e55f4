/* Build the program image: see program.h. */
#include "sim/program.h"
#include "runtime_model/machine.h"
#include <stdlib.h>

int program_build(const sim_config *cfg, source_set *src, image *img, FILE *diag)
{
    asm_object *objs = calloc((size_t)cfg->nsources + 1, sizeof *objs);
    int errors = 0, built = 0;
    asm_options opt = {sources_include, src, diag};
    for (int i = 0; i < cfg->nsources; i++) {
        const char *why = "";
        source_file *f = sources_open(src, cfg->sources[i], &why);
        if (!f) {
            fprintf(diag, "%s:%d:%d: cannot read source %s: %s\n", cfg->path,
                    cfg->source_pos[i].line, cfg->source_pos[i].col, cfg->sources[i], why);
            errors++;
            continue;
        }
        if (f->embedded && !src->builtin)   /* the file one might be editing is not this one */
            fprintf(diag, "%s:%d:%d: note: %s is not on disk; using sim's built-in %s\n",
                    cfg->path, cfg->source_pos[i].line, cfg->source_pos[i].col,
                    cfg->sources[i], f->path);
        errors += asm_assemble(f->path, f->text, &opt, &objs[built]);
        built++;
    }
    if (cfg->nsources == 0) {
        fprintf(diag, "%s: program.sources lists no files\n", cfg->path);
        errors++;
    }
    if (!errors) {
        size_t nmodels;
        const link_model_sym *models = models_symbols(&nmodels);
        errors = link_image(objs, (size_t)built, models, nmodels, img, diag);
        if (!errors && !image_addr_any(img, cfg->entry)) {
            config_fprint_at(diag, cfg, cfg->entry_pos);
            fprintf(diag, "program.entry: symbol %s is not defined by the sources\n", cfg->entry);
            errors++;
        }
    }
    for (int i = 0; i < built; i++)
        asm_object_free(&objs[i]);
    free(objs);
    return errors ? 2 : 0;
}
