# The docs cannot go stale: every command README.md and docs/*.md show runs,
# and its output is the one shown (the convention: tests/docs/README.md).
. tests/e2e/lib.sh
root=$(pwd)
GO=${DOCS_GO:-/usr/lib/go-1.19/bin/go}
mkdir "$T/path"
ln -s "$SIM" "$T/path/sim"
# go as the real-program tests build with it (tests/real/build.sh).
cat > "$T/path/go" <<GO
#!/bin/sh
exec env CGO_ENABLED=\${CGO_ENABLED:-0} GO111MODULE=off GOFLAGS=-buildvcs=false GOENV=off \\
    GOTOOLCHAIN=local GOPROXY=off HOME="$root/build/real/home" \\
    GOCACHE="$root/build/real/gocache" GOPATH="$root/build/real/gopath" "$GO" "\$@"
GO
chmod +x "$T/path/go"
mkdir -p "$root/build/real/home"
bad=0 ran=0 skipped=0
# DOCS=docs/scenarios.md runs one page.
for md in ${DOCS:-README.md docs/*.md}; do
    x=$T/x w=$T/w
    rm -rf "$x" "$w"
    mkdir "$x" "$w" "$w/bin"
    for e in configs runtime_model traces tests tools docs share cpu linux sim Makefile README.md; do
        ln -s "$root/$e" "$w/$e"
    done
    ln -s "$SIM" "$w/bin/sim"
    awk -v OUT="$x" -f tests/docs/extract.awk "$md"
    [ -f "$x/steps" ] || continue
    while read -r kind a b c; do
        case $kind in
        error)
            echo "$md:$a: $b $c"; bad=$((bad + 1)) ;;
        skip)
            echo "docs: $md:$a: not run: $b $c"; skipped=$((skipped + 1)) ;;
        file)
            case $c in /*|..*|*/../*) echo "$md:$b: file $c: not a path inside the scratch folder"
                                      bad=$((bad + 1)); continue ;; esac
            if [ -L "$w/${c%%/*}" ]; then
                echo "$md:$b: file $c would write into the repository"; bad=$((bad + 1)); continue
            fi
            mkdir -p "$w/$(dirname "$c")" && cp "$x/file.$a" "$w/$c" ;;
        cmd)
            ran=$((ran + 1))
            (cd "$w" && PATH="$T/path:$PATH" timeout 60 sh "$x/cmd.$a") > "$x/got.$a" 2>&1 < /dev/null
            if ! awk -f tests/docs/match.awk "$x/exp.$a" "$x/got.$a"; then
                bad=$((bad + 1))
                echo "FAIL $md:$b: \$ $(cat "$x/cmd.$a")"
                diff "$x/exp.$a" "$x/got.$a" | head -20 | sed 's/^/    /'
            fi ;;
        esac
    done < "$x/steps"
done
echo "docs: $ran commands run, $skipped blocks skipped, $bad failures"
[ "$bad" -eq 0 ] || fail "$bad documented commands print something else (or are malformed)"
