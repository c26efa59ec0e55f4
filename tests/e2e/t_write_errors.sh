# Output that cannot be written: one line saying why, exit status 2
# (issue 14: --dump-state /dev/full and sim asm -o /dev/full exited 2 with
# nothing on stderr; a listing or a diff to a full stdout exited 0).
. tests/e2e/lib.sh
[ -w /dev/full ] || { echo "no /dev/full here: skipped"; exit 0; }
# one_line PATTERN: stderr is exactly one line, matching PATTERN.
one_line() {
    [ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err"; fail "want one line on stderr"; }
    has "$T/err" "$1"
}
expect_status 2 "$SIM" run configs/boot.yaml -q --dump-state /dev/full
one_line '^sim run: writing /dev/full failed: No space left on device$'
expect_status 2 "$SIM" asm configs/main_boot.s -o /dev/full
one_line '^sim asm: writing /dev/full failed: No space left on device$'
expect_status 2 "$SIM" asm configs/main_boot.s -o "$T/no/such/dir/x.bin"
one_line "^sim asm: cannot write $T/no/such/dir/x.bin: No such file or directory$"
expect_status 2 sh -c '"$SIM" asm configs/main_boot.s -S >/dev/full'
one_line '^sim: writing standard output failed'
expect_status 2 sh -c '"$SIM" diff traces/golden/boot.trace traces/golden/boot.trace >/dev/full'
one_line '^sim: writing standard output failed'
expect_status 2 sh -c '"$SIM" version >/dev/full'
one_line '^sim: writing standard output failed: No space left on device$'
exit 0
