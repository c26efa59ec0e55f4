# Every Plan 9 source sim runs assembles exactly as Debian's `go tool asm`
# assembles it: same instructions, same bytes, same relocations (the
# listings are compared with file paths stripped; Go's gclocals metadata
# symbols, which sim does not produce, are left out). Against go1.19 with
# go1.19's frames (sim asm's default) and against go1.21 with go1.21's
# (--go 1.21, what the model mode runs: docs/models.md); the assembler's
# test vectors against go1.21 too (PCDATA/FUNCDATA dropped, as in their
# go1.19 goldens). Each toolchain that is missing is skipped.
. tests/e2e/lib.sh
GO119=${GO119:-/usr/lib/go-1.19/bin/go}
GO121=${GO121:-/usr/lib/go-1.21/bin/go}
"$SIM" asm --go-asm-h > "$T/go_asm.h" || fail "sim asm --go-asm-h"
cp runtime_model/asm/go_tls.h "$T/"
strip_paths() { sed 's/([^()]*:\([0-9]*\))/(\1)/' "$1" | grep -v 'gclocals\|FUNCDATA\|PCDATA'; }
# compare GO INCLUDE_DIR SIM_FLAGS FILE...
compare() {
    go=$1 inc=$2 flags=$3
    shift 3
    for f in "$@"; do
        "$go" tool asm -S -compiling-runtime -p runtime -I "$inc" -I "$(dirname "$go")/../pkg/include" \
            -o "$T/x.o" "$f" > "$T/go.lst" 2>&1 || { cat "$T/go.lst"; fail "$go tool asm $f"; }
        # shellcheck disable=SC2086
        "$SIM" asm "$f" -S $flags > "$T/sim.lst" 2>&1 || { cat "$T/sim.lst"; fail "sim asm $f"; }
        strip_paths "$T/go.lst" > "$T/go.clean"
        strip_paths "$T/sim.lst" > "$T/sim.clean"
        diff "$T/go.clean" "$T/sim.clean" > "$T/d" ||
            { head -20 "$T/d"; fail "$f: listings differ from $go's"; }
    done
}
ran=0
if [ -x "$GO119" ]; then
    compare "$GO119" "$T" "" runtime_model/asm/*.s configs/*.s
    ran=1
fi
if [ -x "$GO121" ]; then
    compare "$GO121" "$T" "--go 1.21" runtime_model/asm/*.s configs/*.s
    compare "$GO121" tests/asm_vectors "--go 1.21" tests/asm_vectors/*.s
    ran=1
fi
[ "$ran" = 1 ] || echo "skip: neither $GO119 nor $GO121"
expect_status 2 "$SIM" asm configs/main_boot.s --go 1.20
has "$T/err" '^sim asm: --go 1.20: '
exit 0
