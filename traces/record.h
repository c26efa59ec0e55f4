/* One trace record, independent of the file format.  The tracer fills these
 * and hands them to a format writer; trace readers (sim diff) parse files
 * back into them.  docs/trace-format.md specifies both formats. */
#ifndef TRACES_RECORD_H
#define TRACES_RECORD_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define REC_MAX_REGS 24
#define REC_MAX_MEM 16
#define REC_MAX_STACK 4

typedef enum {
    REC_HEADER, REC_INSN, REC_CALL, REC_STATE, REC_NOTE, REC_SCHED, REC_FAULT, REC_END,
    /* real programs */
    REC_SYSCALL, REC_SWITCH, REC_SIGNAL,
    REC__COUNT
} rec_kind;

extern const char *const rec_kind_names[REC__COUNT];   /* "header", "insn", ... */

typedef struct { const char *name; uint64_t old_v, new_v; } rec_reg;
/* A store: its address, size, the value written and the value it
 * replaced, and the Go field it hit ("g1.sched.sp"; "" or NULL: none
 * known).  FAULTED: the instruction faulted on it, so it was attempted,
 * not done (docs/trace-format.md). */
typedef struct {
    uint64_t addr;
    int size;
    uint64_t value;
    bool faulted;
    uint64_t old;
    const char *name;
} rec_mem;
#define REC_MEM_NAME 96   /* longest name a tracer keeps, NUL included */
/* A stack slot: its offset from rsp, value, and what it is ("" if unknown). */
typedef struct { int off; uint64_t value; const char *note; } rec_slot;

typedef struct {
    rec_kind kind;
    /* header */
    int version;
    const char *config, *sim, *program;
    /* insn; syscall, signal: the thread (0 in the model mode, which has one) */
    int tid;
    int from_tid;           /* switch: the thread that ran (tid: the one that runs now) */
    /* insn; call, state, note: the number of the last instruction run before it */
    uint64_t seq, pc;
    const char *sym;        /* "runtime·main+4" or "0x..." */
    const char *bytes;      /* "48 8b 3c 24" */
    const char *file;       /* base name */
    int line;
    const char *src, *disasm;
    /* Optional: the text format's rendering of pc to disasm (what
     * rec_text_insn_head writes), cached per address by the tracer. */
    const char *text_head;
    size_t text_head_len;
    rec_reg regs[REC_MAX_REGS];
    int nregs;
    rec_mem mem[REC_MAX_MEM];
    int nmem, mem_dropped;
    rec_slot stack[REC_MAX_STACK];
    int nstack;
    /* call, state, note */
    int depth;
    const char *fn, *args;          /* call */
    const char *lhs, *old_v, *new_v; /* state */
    const char *text;               /* note; sched (the schedtrace block, '\n'-separated);
                                       syscall ("write(1, \"hi\\n\", 3) = 3"); switch (why); signal */
    /* fault, end */
    const char *how;                /* end: exited, stopped, throw, fault, limit */
    const char *why;                /* fault, end */
    uint64_t instructions;          /* end */
    int status;                     /* end: exit status when how is "exited", else -1 */
} trace_rec;

/* A record whose text is made when it is written (on the writer thread
 * when there is one): the emulating thread packs what it resolved, in
 * PAYLOAD's LEN bytes, and EXPAND later fills R's strings (for a state
 * record lhs, old_v and new_v; for a sched record text) from it, into
 * BUF.  EXPAND may use only the payload and data that never changes
 * while a trace is written (the layout table, the program's symbols). */
typedef void (*rec_expand_fn)(const uint8_t *payload, size_t len, trace_rec *r, char *buf,
                              size_t cap);
/* The CAP every unpacker gives an expander. */
#define REC_EXPAND_CAP (80u << 10)

/* Writers: one record per call, in the file's format. */
void rec_write_text(FILE *out, const trace_rec *r);
void rec_write_jsonl(FILE *out, const trace_rec *r);

/* The text writer over a caller's buffer, for many records at a time:
 * records accumulate in BUF and go on when it fills or on rec_text_flush,
 * either to OUT or, when SWAP is set, to SWAP.  SWAP takes BUF's N bytes
 * and leaves an empty buffer in their place (BUF, CAP; N = 0): a sink
 * that owns the buffers (traces/file_out.h) is filled without a copy.  A
 * piece that does not fit is split, so that every buffer SWAP receives is
 * full except on rec_text_flush. */
typedef struct rec_textbuf rec_textbuf;
struct rec_textbuf {
    FILE *out;
    char *buf;
    size_t cap, n;
    void (*swap)(rec_textbuf *b);
    void *ctx;              /* SWAP's */
};
void rec_text_append(rec_textbuf *b, const trace_rec *r);
/* The part of an insn record's text line from pc to disasm (" 0x401000
 * _rt0_amd64 | 48 8b 3c 24 | rt0_amd64.s:12 ... | mov rdi, ..."), which
 * depends on the address only, into BUF (NUL-terminated); its length,
 * or 0 if CAP is too small. */
size_t rec_text_insn_head(const trace_rec *r, char *buf, size_t cap);
void rec_text_flush(rec_textbuf *b);

#endif
