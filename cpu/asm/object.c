/* asm_assemble: runs the stages in order and turns TEXT and DATA/GLOBL
 * symbols into an asm_object.  Every stage keeps going after an error so
 * that one run reports every error in the file. */
#include "cpu/asm/run.h"
#include <stdlib.h>
#include <string.h>

static void free_ctx(actx *c)
{
    for (size_t i = 0; i < c->ntexts; i++) {
        atext *t = &c->texts[i];
        for (size_t j = 0; j < t->np; j++)
            for (int k = 0; k < 3; k++)
                aop_free(&t->p[j].a[k]);
        for (size_t j = 0; j < t->nlabels; j++)
            free(t->labels[j].label);
        free(t->labels);
        free(t->p);
        free(t->name);
    }
    free(c->texts);
    for (size_t i = 0; i < c->ndatas; i++) {
        adata *d = &c->datas[i];
        for (size_t j = 0; j < d->nrelocs; j++)
            free(d->relocs[j].target);
        free(d->relocs);
        free(d->init);
        free(d->name);
    }
    free(c->datas);
    for (size_t i = 0; i < c->nfiles; i++)
        free(c->files[i]);
    free(c->files);
    pp_free(c);
}

static void data_symbol(adata *d, asm_symbol *s)
{
    memset(s, 0, sizeof *s);
    s->name = xstrdup(d->name);
    s->kind = ASM_SYM_DATA;
    s->flags = d->flags;
    s->local = d->local;
    s->args = -1;
    s->size = (size_t)d->size;
    s->data = xcalloc(s->size + 1, 1);
    if (d->init && d->initlen <= s->size)
        memcpy(s->data, d->init, d->initlen);
    s->relocs = d->relocs;
    s->nrelocs = d->nrelocs;
    d->relocs = NULL;
    d->nrelocs = 0;
    s->file = d->pos.file;
    s->line = d->pos.line;
    s->col = d->sympos.col;
}

int asm_run(const char *filename, const char *text, const asm_options *opt,
            asm_object *out, FILE *lst)
{
    actx c = {0};
    c.opt = opt;
    c.diag = opt && opt->diag ? opt->diag : stderr;
    tokvec toks = {0};
    pp_run(&c, filename, text, &toks);
    parse_tokens(&c, &toks);
    tokvec_free(&toks);
    asm_object obj = {0};
    obj.syms = xcalloc(c.ntexts + c.ndatas, sizeof *obj.syms);
    for (size_t i = 0; i < c.ntexts; i++) {
        frame_apply(&c, &c.texts[i]);
        layout_text(&c, &c.texts[i], &obj.syms[obj.nsyms++]);
    }
    for (size_t i = 0; i < c.ndatas; i++)
        data_symbol(&c.datas[i], &obj.syms[obj.nsyms++]);
    asm_flush_errors(&c);
    obj.files = c.files;
    obj.nfiles = c.nfiles;
    if (lst && c.nerrors == 0)
        listing_print(&c, &obj, lst);
    c.files = NULL;
    c.nfiles = 0;
    int n = c.nerrors;
    free_ctx(&c);
    if (n || !out)
        asm_object_free(&obj);
    else
        *out = obj;
    return n;
}

int asm_assemble(const char *filename, const char *text, const asm_options *opt,
                 asm_object *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    return asm_run(filename, text, opt, out, NULL);
}

void asm_object_free(asm_object *obj)
{
    for (size_t i = 0; i < obj->nsyms; i++) {
        asm_symbol *s = &obj->syms[i];
        for (size_t j = 0; j < s->nrelocs; j++)
            free(s->relocs[j].target);
        free(s->relocs);
        free(s->insns);
        free(s->data);
        free(s->name);
    }
    free(obj->syms);
    for (size_t i = 0; i < obj->nfiles; i++)
        free(obj->files[i]);
    free(obj->files);
    memset(obj, 0, sizeof *obj);
}
