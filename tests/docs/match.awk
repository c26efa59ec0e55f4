# match.awk EXP GOT: exit 0 when the output GOT is what EXP shows.  In EXP,
# "..." stands for any text within a line, a line that is just "..." for
# any number of lines, and <NAME> (capitals, digits, _) for a value that
# varies (at least one character).  Everything else is literal.
function toregex(s,   out, i, c, rest) {
    out = "^"
    i = 1
    while (i <= length(s)) {
        rest = substr(s, i)
        if (substr(rest, 1, 3) == "...") { out = out ".*"; i += 3; continue }
        if (match(rest, /^<[A-Z][A-Z0-9_]*>/)) { out = out ".+"; i += RLENGTH; continue }
        c = substr(s, i, 1)
        if (index("\\^$.[]|()*+?{}", c))
            out = out "\\" c
        else
            out = out c
        i++
    }
    return out "$"
}
FILENAME == ARGV[1] { ne++; e[ne] = $0; re[ne] = toregex($0); next }
{ ng++; g[ng] = $0 }
END {
    # ok[i, j]: exp lines i.. match got lines j..
    for (j = ng + 1; j >= 1; j--) ok[ne + 1, j] = (j == ng + 1)
    for (i = ne; i >= 1; i--) {
        for (j = ng + 1; j >= 1; j--) {
            if (e[i] == "...")
                ok[i, j] = ok[i + 1, j] || (j <= ng && ok[i, j + 1])
            else
                ok[i, j] = j <= ng && (g[j] ~ re[i]) && ok[i + 1, j + 1]
        }
    }
    exit ok[1, 1] ? 0 : 1
}
