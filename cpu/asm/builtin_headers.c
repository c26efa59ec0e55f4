/* Headers the assembler provides itself.  textflag.h is always built in
 * (flag values as in Go's runtime/textflag.h); funcdata.h and go_tls.h are
 * fallbacks used when the include callback or the file system lacks them. */
#include "cpu/asm/builtin_headers.h"
#include <string.h>

static const char textflag_h[] =
    "#define NOPROF 1\n"
    "#define DUPOK 2\n"
    "#define NOSPLIT 4\n"
    "#define RODATA 8\n"
    "#define NOPTR 16\n"
    "#define WRAPPER 32\n"
    "#define NEEDCTXT 64\n"
    "#define TLSBSS 256\n"
    "#define NOFRAME 512\n"
    "#define REFLECTMETHOD 1024\n"
    "#define TOPFRAME 2048\n"
    "#define ABIWRAPPER 4096\n";

static const char funcdata_h[] =
    "#define PCDATA_UnsafePoint 0\n"
    "#define PCDATA_StackMapIndex 1\n"
    "#define PCDATA_InlTreeIndex 2\n"
    "#define PCDATA_ArgLiveIndex 3\n"
    "#define FUNCDATA_ArgsPointerMaps 0\n"
    "#define FUNCDATA_LocalsPointerMaps 1\n"
    "#define FUNCDATA_StackObjects 2\n"
    "#define FUNCDATA_InlTree 3\n"
    "#define FUNCDATA_OpenCodedDeferInfo 4\n"
    "#define FUNCDATA_ArgInfo 5\n"
    "#define FUNCDATA_ArgLiveInfo 6\n"
    "#define FUNCDATA_WrapInfo 7\n"
    "#define GO_ARGS FUNCDATA $FUNCDATA_ArgsPointerMaps, go_args_stackmap(SB)\n"
    "#define GO_RESULTS_INITIALIZED PCDATA $PCDATA_StackMapIndex, $1\n"
    "#define NO_LOCAL_POINTERS FUNCDATA $FUNCDATA_LocalsPointerMaps, no_pointers_stackmap(SB)\n";

static const char go_tls_h[] =
    "#define get_tls(r) MOVQ TLS, r\n"
    "#define g(r) 0(r)(TLS*1)\n";

const char *builtin_header(const char *name, bool always)
{
    if (strcmp(name, "textflag.h") == 0)
        return textflag_h;
    if (always)
        return NULL;
    if (strcmp(name, "funcdata.h") == 0)
        return funcdata_h;
    if (strcmp(name, "go_tls.h") == 0)
        return go_tls_h;
    return NULL;
}
