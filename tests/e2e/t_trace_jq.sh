# docs/trace-format.md's jq recipes, run as the page shows them on the
# spawn scenario's JSONL trace: each block's output must be what the page
# says (jq 1.6, Debian's, reads no hex: the recipes must not need it).
. tests/e2e/lib.sh
command -v jq >/dev/null || fail "jq is not installed (apt-get install jq)"
root=$(pwd)
expect_status 0 "$SIM" run configs/spawn.yaml --format jsonl -o "$T/spawn.jsonl"
# Each ```console block of the recipes section: "$ command", then its output.
awk -v dir="$T" '
    /^### jq recipes/ { on = 1; next }
    on && /^## / { exit }
    on && /^```console/ { n++; inb = 1; next }
    inb && /^```/ { inb = 0; next }
    inb && /^\$ / { sub(/^\$ /, ""); print > (dir "/cmd" n); next }
    inb { print > (dir "/want" n) }
    END { print n > (dir "/count") }
' docs/trace-format.md
n=$(cat "$T/count")
[ "$n" -ge 5 ] || fail "docs/trace-format.md: only $n jq recipes found"
cd "$T" || exit 1
i=1
while [ "$i" -le "$n" ]; do
    sh "cmd$i" >"got$i" 2>&1 || { cat "got$i"; fail "recipe $i failed: $(cat "cmd$i")"; }
    diff "want$i" "got$i" >"diff$i" || { cat "diff$i"; fail "recipe $i prints otherwise than the page: $(cat "cmd$i")"; }
    i=$((i + 1))
done
cd "$root" || exit 1
exit 0
