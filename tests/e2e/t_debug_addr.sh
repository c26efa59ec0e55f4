# sim debug: addresses of x and p &, and indexes (issue 14: spaces around +
# and - overflowed the parser's buffer; an address over 250 characters was
# cut; an index past int64 was clamped).
. tests/e2e/lib.sh
# answer CMD: what batch mode prints for the one command CMD.
answer() { expect_status "${2:-0}" "$SIM" debug -x "$1"; sed 1d "$T/out"; }

answer 'x/2gx $rsp+8' >"$T/tight"
answer 'x/2gx $rsp + 8' >"$T/spaced"
cmp -s "$T/tight" "$T/spaced" || { cat "$T/tight" "$T/spaced"; fail 'x/2gx $rsp + 8 differs from $rsp+8'; }
answer 'telescope $rsp+8 1' | grep -q 'argv\[0\]$' || fail 'telescope $rsp+8: not argv[0]'
answer 'x/1gx $rsp+8' >"$T/one"
answer 'x/1gx $rsp  -  8 +   16' >"$T/sum"
cmp -s "$T/one" "$T/sum" || { cat "$T/one" "$T/sum"; fail 'x/1gx $rsp - 8 + 16 differs from $rsp+8'; }

# 130 and 200 spaces after + (the stack overflow of issue 14).
for k in 130 200; do
    sp=$(printf "%${k}s" '')
    answer "x/1gx 8+${sp}8" 1 | grep -qx 'Cannot access memory at address 0x10' || fail "8+ $k spaces 8"
done
answer 'x/1gx $rsp +   ' 1 | grep -qx 'the expression ends with +' || fail 'address ending in +'

# An address of 400 characters: 80 terms of 0x10, then $rsp.
long=$(awk 'BEGIN { for (i = 0; i < 80; i++) printf "0x10 + "; printf "$rsp" }')
answer 'x/1gx $rsp + 0x500' 1 >"$T/want"
answer "x/1gx $long" 1 >"$T/got"
cmp -s "$T/want" "$T/got" || { cat "$T/want" "$T/got"; fail "a 400-character address was cut short"; }

# Indexes beyond int64 are errors, not clamped to its maximum; beyond int32
# (len(allp)'s type) there is no P, not allp[index mod 2^32].
answer 'p allp[99999999999999999999999].status' 1 |
    grep -qx 'allp\[99999999999999999999999\]: the index is out of range (more than an int64)' ||
    fail "allp[2^76] was not refused"
answer 'p g99999999999999999999.atomicstatus' 1 | grep -q 'the index is out of range' ||
    fail "g2^66 was not refused"
expect_status 0 "$SIM" debug -x 'b runtime.main; c; p allp[4294967296].status' --panes sched
has "$T/out" '^allp\[4294967296\].status = (no allp\[4294967296\] yet'
exit 0
