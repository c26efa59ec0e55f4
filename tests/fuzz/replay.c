/* The corpora without libFuzzer: each argument is a file or a folder of
 * files, fed once to the target's LLVMFuzzerTestOneInput in name order.
 * Linked with a target under gcc's ASan/UBSan, this is the corpus replay
 * that make test runs; a finding is the sanitizer's report and a nonzero
 * exit status, as under libFuzzer. */
#include "tests/fuzz/fuzz.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static long replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;)
        if ((n += got) == cap)
            buf = realloc(buf, cap *= 2);
    if (!buf || ferror(f)) {
        fprintf(stderr, "%s: cannot read\n", path);
        exit(1);
    }
    fclose(f);
    /* A copy of exactly N bytes, so that ASan sees a read past the end. */
    uint8_t *exact = malloc(n ? n : 1);
    memcpy(exact, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    return 1;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static long replay(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        exit(1);
    }
    if (!S_ISDIR(st.st_mode))
        return replay_file(path);
    struct dirent **names;
    int n = scandir(path, &names, NULL, by_name);
    if (n < 0) {
        perror(path);
        exit(1);
    }
    long count = 0;
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.') {
            char *sub = malloc(strlen(path) + strlen(names[i]->d_name) + 2);
            sprintf(sub, "%s/%s", path, names[i]->d_name);
            count += replay(sub);
            free(sub);
        }
        free(names[i]);
    }
    free(names);
    return count;
}

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    long n = 0;
    for (int i = 1; i < argc; i++)
        n += replay(argv[i]);
    printf("%s: %ld inputs replayed\n", argv[0], n);
    return 0;
}
