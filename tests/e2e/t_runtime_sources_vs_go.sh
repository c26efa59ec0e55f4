# Every Plan 9 source sim runs assembles exactly as Debian's go1.19 `go tool
# asm` assembles it: same instructions, same bytes, same relocations (the
# listings are compared with file paths stripped; Go's gclocals metadata
# symbols, which sim does not produce, are left out). Skipped without go1.19.
. tests/e2e/lib.sh
GO=${GO119:-/usr/lib/go-1.19/bin/go}
[ -x "$GO" ] || { echo "skip: no go1.19 at $GO"; exit 0; }
"$SIM" asm --go-asm-h > "$T/go_asm.h" || fail "sim asm --go-asm-h"
cp runtime_model/asm/go_tls.h "$T/"
strip_paths() { sed 's/([^()]*:\([0-9]*\))/(\1)/' "$1" | grep -v gclocals; }
for f in runtime_model/asm/*.s configs/*.s; do
    "$GO" tool asm -S -compiling-runtime -p runtime -I "$T" -I "$(dirname "$GO")/../pkg/include" \
        -o "$T/x.o" "$f" > "$T/go.lst" 2>&1 || { cat "$T/go.lst"; fail "go tool asm $f"; }
    "$SIM" asm "$f" -S > "$T/sim.lst" 2>&1 || { cat "$T/sim.lst"; fail "sim asm $f"; }
    strip_paths "$T/go.lst" > "$T/go.clean"
    strip_paths "$T/sim.lst" > "$T/sim.clean"
    diff "$T/go.clean" "$T/sim.clean" > "$T/d" || { head -20 "$T/d"; fail "$f: listings differ"; }
done
