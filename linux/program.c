/* Programs and their processes: see program.h. */
#include "linux/program.h"
#include "cpu/readfile.h"
#include "linux/elf_image.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ELF_SIZE (1ULL << 30)

int lx_program_read(lx_program *prog, const char *path, char *why, size_t len)
{
    memset(prog, 0, sizeof *prog);
    size_t size = 0;
    prog->data = (uint8_t *)read_whole_file_max(path, MAX_ELF_SIZE, &size);
    if (!prog->data)
        return elf_refuse(why, len, "cannot read: %s", strerror(errno));
    if (elf_parse(prog->data, size, &prog->elf, why, len) != 0 ||
        elf_image_build(path, &prog->elf, &prog->img, why, len) != 0) {
        lx_program_free(prog);
        return -1;
    }
    if (lx_tsc_scan(&prog->img, &prog->tsc) != 0) {
        lx_program_free(prog);
        return elf_refuse(why, len, "out of memory while looking for its RDTSC instructions");
    }
    return 0;
}

void lx_program_free(lx_program *prog)
{
    lx_tsc_free(&prog->tsc);
    image_free(&prog->img);
    free(prog->data);
    memset(prog, 0, sizeof *prog);
}

int lx_start(lx_process *pr, emu *cpu, const lx_program *prog, const lx_params *p, FILE *diag)
{
    char why[256];
    procstack ps;
    emu_set_icount(cpu, 0);
    if (lx_open(pr, cpu, p, diag) != 0)
        return -1;
    if (lx_load(pr, &prog->elf, &prog->img, &prog->tsc, &ps, why, sizeof why) != 0) {
        fprintf(diag, "sim: %s: %s\n", p->exe, why);
        return -1;
    }
    return 0;
}
