# sim debug: addresses of x and p & (issue 14: spaces around + and -
# overflowed the parser's buffer; an address over 250 characters was cut).
. tests/e2e/lib.sh
# answer CMD: what batch mode prints for the one command CMD.
answer() { expect_status "${2:-0}" "$SIM" debug -x "$1"; sed 1d "$T/out"; }

answer 'x/2gx $rsp+8' >"$T/tight"
answer 'x/2gx $rsp + 8' >"$T/spaced"
cmp -s "$T/tight" "$T/spaced" || { cat "$T/tight" "$T/spaced"; fail 'x/2gx $rsp + 8 differs from $rsp+8'; }
has "$T/spaced" 'argv\[0\]$'
answer 'x/1gx $rsp  -  8 +   16' | grep -q 'argv\[0\]$' || fail 'x/1gx $rsp - 8 + 16'

# 130 and 200 spaces after + (the stack overflow of issue 14).
for k in 130 200; do
    sp=$(printf "%${k}s" '')
    answer "x/1gx 8+${sp}8" 1 | grep -qx '0x10: cannot access memory' || fail "8+ $k spaces 8"
done
answer 'x/1gx $rsp +   ' 1 | grep -qx 'address ends with +' || fail 'address ending in +'

# An address of 400 characters: 80 terms of 0x10, then $rsp.
long=$(awk 'BEGIN { for (i = 0; i < 80; i++) printf "0x10 + "; printf "$rsp" }')
answer 'x/1gx $rsp + 0x500' 1 >"$T/want"
answer "x/1gx $long" 1 >"$T/got"
cmp -s "$T/want" "$T/got" || { cat "$T/want" "$T/got"; fail "a 400-character address was cut short"; }
exit 0
