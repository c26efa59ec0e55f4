/* Opening an executable's DWARF: see dwarf_file.h. */
#include "linux/dwarf_file.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int dwarf_file_open(const char *path, const elf_file *f, dwarf_file *d, char *why, size_t len)
{
    *d = (dwarf_file){.fd = -1};
    elf_version(EV_CURRENT);
    if (path) {
        d->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (d->fd < 0)
            return elf_refuse(why, len, "cannot open %s to read its DWARF: %s", path, strerror(errno));
        d->elf = elf_begin(d->fd, ELF_C_READ_MMAP, NULL);
    } else {
        d->copy = malloc(f->size ? f->size : 1);
        if (!d->copy)
            return elf_refuse(why, len, "out of memory for a copy of the file");
        memcpy(d->copy, f->data, f->size);
        d->elf = elf_memory(d->copy, f->size);
    }
    d->dw = d->elf ? dwarf_begin_elf(d->elf, DWARF_C_READ, NULL) : NULL;
    if (!d->dw)
        return elf_refuse(why, len, "cannot read its DWARF (%s; -ldflags=-w leaves DWARF out)",
                          d->elf ? dwarf_errmsg(-1) : elf_errmsg(-1));
    return 0;
}

void dwarf_file_close(dwarf_file *d)
{
    if (d->dw)
        dwarf_end(d->dw);
    if (d->elf)
        elf_end(d->elf);
    if (d->fd >= 0)
        close(d->fd);
    free(d->copy);
    *d = (dwarf_file){.fd = -1};
}
