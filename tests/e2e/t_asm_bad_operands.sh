# Malformed operands of TEXT, DATA, GLOBL and instructions: one line
# file:line:col, exit status 2.  Under the sanitizer build (make test
# SANITIZE=1) LeakSanitizer adds its report and its own exit status when an
# operand's copied symbol name is not freed (issue 14: TEXT x+,8 leaked it).
. tests/e2e/lib.sh
# bad MSG LINE...: the lines as a file; one error line, LINE:COL: MSG.
bad() {
    msg=$1; shift
    printf '%s\n' "$@" >"$T/bad.s"
    expect_status 2 "$SIM" asm "$T/bad.s"
    [ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; fail "want one line for: $*"; }
    has "$T/err" "^$T/bad.s:$msg"
}
bad '1:7: expected expression' 'TEXT x+,8'
bad '1:9: undefined name SB in expression' 'TEXT x+(SB),$8'
bad '1:7: expected expression' 'DATA x+/8, $1'
bad '1:19: expected expression' 'DATA x+0(SB)/8, $y+'
bad '1:27: junk after operand' 'DATA x(SB)/8, $"abcdefgh" + 1'
bad '1:8: expected expression' 'GLOBL x+, $8'
bad '1:9: unknown ABI selector ABIfoo' 'GLOBL x<ABIfoo>(SB), $8'
bad '2:8: expected expression' 'TEXT x(SB),$0' '	MOVQ y+, AX'
bad '2:7: symbol y must be used with SB, FP or SP' 'TEXT x(SB),$0' '	MOVQ y(AX), BX'
exit 0
