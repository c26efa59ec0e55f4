# The command line as a new user meets it (issue 13 §7): sim help CMD, every
# option of every --help explained, did-you-mean, -V, the built-in
# scenarios by name, sim config show, an honest summary, and make install's
# manual page and bash completion.
. tests/e2e/lib.sh
expect_status 0 "$SIM" -V
has "$T/out" "^sim [0-9][0-9.]*$"
expect_status 0 "$SIM" --version
expect_status 0 "$SIM" help
for c in run debug diff asm config layout syscalls verify version help; do
    has "$T/out" "^  $c "
done
# sim help CMD is sim CMD --help; every option its help names is explained
# on a line of its own ("  -o TRACE   ...", "  -q, --quiet   ...").
for c in run debug diff asm config layout syscalls verify version; do
    expect_status 0 "$SIM" help $c
    cp "$T/out" "$T/help"
    expect_status 0 "$SIM" $c --help
    cmp -s "$T/out" "$T/help" || fail "sim help $c is not sim $c --help"
    for opt in $(grep -o -- '[[ |(]--*[a-zA-Z][-a-zA-Z]*' "$T/help" | cut -c2- | sort -u); do
        grep -q -- "^  *\(-[-a-zA-Z]*[^,]*, \)*$opt\([ ,]\|$\)" "$T/help" ||
            fail "sim $c --help does not explain $opt"
    done
done
expect_status 2 "$SIM" help nosuch
has "$T/err" 'unknown command "nosuch"'
# Did you mean: subcommands, options, names.
expect_status 2 "$SIM" rnu
has "$T/err" '^sim: unknown command "rnu"; did you mean "run"?$'
expect_status 2 "$SIM" run --fromat text
has "$T/err" '^sim run: unknown option "--fromat"; did you mean "--format"?$'
expect_status 2 "$SIM" diff a b --stats
has "$T/err" 'did you mean "--stat"?'
expect_status 2 "$SIM" diff a b --ignore shced
has "$T/err" 'unknown field "shced"; did you mean "sched"?'
expect_status 2 "$SIM" debug --nocolor
has "$T/err" 'did you mean "--no-color"?'
expect_status 2 "$SIM" asm -s x.s
has "$T/err" 'did you mean "-S"?'
expect_status 2 "$SIM" config shwo
has "$T/err" 'did you mean "show"?'
expect_status 2 "$SIM" run --lst
has "$T/err" 'did you mean "--list"?'
# The built-in scenarios: each config of configs/ by its name, from any
# directory, with the trace of the config on disk.
expect_status 0 "$SIM" run --list
for f in configs/*.yaml; do
    has "$T/out" "^$(basename "$f" .yaml) "
done
cp "$T/out" "$T/list"
expect_status 0 "$SIM" config list
cmp -s "$T/out" "$T/list" || fail "sim config list differs from sim run --list"
expect_status 0 "$SIM" run configs/spawn.yaml -q -o "$T/disk.trace"
here=$(pwd)
cd "$T" && expect_status 0 "$SIM" run spawn -o named.trace
cd "$here"
has "$T/out" "^sim: spawn: the program exited with status 0 after [0-9]* instructions$"
cmp "$T/disk.trace" "$T/named.trace" || fail "sim run spawn differs from configs/spawn.yaml"
expect_status 2 "$SIM" run spwan
has "$T/err" '^spwan: cannot read: no such file, nor a built-in scenario of that name; did you mean "spawn"?'
# sim config show: the config as written, its sources named as the
# built-in copies (sim:PATH), so that a copy anywhere runs without notes.
expect_status 0 "$SIM" config show spawn
grep -v '^    - ' configs/spawn.yaml > "$T/want"
grep -v '^    - \|^# Printed by\|^# into sim' "$T/out" | cmp -s - "$T/want" ||
    fail "sim config show spawn is not configs/spawn.yaml"
has "$T/out" "^    - sim:runtime_model/asm/proc.s$"
has "$T/out" "^    - sim:configs/main_spawn.s$"
expect_status 2 "$SIM" config show nosuch
has "$T/err" 'unknown scenario "nosuch"'
# A config started from sim config show runs from elsewhere (its sources
# then come from the built-in copies).
"$SIM" config show goexit-reuse > "$T/mine.yaml"
expect_status 0 "$SIM" run "$T/mine.yaml" -q -o "$T/mine.trace"
[ -s "$T/err" ] && fail "a shown config printed notes: $(cat "$T/err")"
expect_status 0 "$SIM" run goexit-reuse -q -o "$T/builtin.trace"
"$SIM" diff -q "$T/mine.trace" "$T/builtin.trace" || fail "a shown config runs differently"
# The summary: every goroutine created counts (bench-spawn reuses one g for
# 100,000 of them), and the instruction limit is called that.
expect_status 0 "$SIM" run bench-spawn
has "$T/out" "^  goroutines created: 100001, gomaxprocs: 2$"
expect_status 0 "$SIM" run goid-batch -q -o "$T/goid.trace"
expect_status 0 "$SIM" run goid-batch -o "$T/goid.trace"
has "$T/out" "^  goroutines created: 21, gomaxprocs: 2$"
expect_status 1 "$SIM" run spawn --max-instructions 100 -o "$T/limit.trace"
has "$T/err" "^sim: spawn: reached the instruction limit (100, limits.max_instructions) at "
grep -qi "fault" "$T/err" && fail "the instruction limit is called a fault: $(cat "$T/err")"
# make install: the binary, man sim and the bash completion under DESTDIR.
make -s --no-print-directory -o "$SIM" install BIN="$(dirname "$SIM")" DESTDIR="$T/root" PREFIX=/usr \
    >"$T/out" 2>"$T/err" || { cat "$T/out" "$T/err"; fail "make install"; }
for f in bin/sim share/man/man1/sim.1 share/bash-completion/completions/sim; do
    [ -s "$T/root/usr/$f" ] || fail "make install did not install $f"
done
MANPATH="$T/root/usr/share/man" MANWIDTH=80 man sim 2>"$T/err" > "$T/man" < /dev/null ||
    fail "man sim: $(cat "$T/err")"
has "$T/man" "^SIM(1)"
for c in run debug diff asm config layout syscalls verify version help; do
    has "$T/man" "^       $c"
done
groff -man -ww -z share/man/sim.1 2>"$T/err" && [ ! -s "$T/err" ] || fail "groff warns: $(cat "$T/err")"
# The completion: subcommands, options, scenario names.
complete() {
    PATH="$(dirname "$SIM"):$PATH" bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _sim; echo "${COMPREPLY[*]}"' \
        _ "$T/root/usr/share/bash-completion/completions/sim" "$@"
}
[ "$(complete sim d)" = "debug diff" ] || fail "completing 'sim d': $(complete sim d)"
[ "$(complete sim run --for)" = "--format" ] || fail "completing 'sim run --for': $(complete sim run --for)"
[ "$(complete sim config show spa)" = "spawn" ] || fail "completing 'sim config show spa': $(complete sim config show spa)"
[ "$(complete sim run --format j)" = "jsonl" ] || fail "completing --format"
