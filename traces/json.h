/* A small streaming JSON writer: objects, arrays, and values, with commas
 * placed automatically.  Used by the JSONL trace and the state dump. */
#ifndef TRACES_JSON_H
#define TRACES_JSON_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    FILE *out;
    int depth;
    bool first[32];   /* no value written yet at this depth */
} jw;

void jw_init(jw *w, FILE *out);
void jw_obj(jw *w, const char *key);        /* key NULL inside arrays / at top */
void jw_obj_end(jw *w);
void jw_arr(jw *w, const char *key);
void jw_arr_end(jw *w);
void jw_str(jw *w, const char *key, const char *s);
void jw_int(jw *w, const char *key, int64_t v);
void jw_uint(jw *w, const char *key, uint64_t v);
void jw_addr(jw *w, const char *key, uint64_t v);   /* "0x..." */
void jw_bool(jw *w, const char *key, bool v);
void jw_null(jw *w, const char *key);

/* S as a JSON string literal, quotes included. */
void json_quote(FILE *out, const char *s);

#endif
