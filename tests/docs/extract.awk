# Reads one Markdown file and writes, into the folder OUT, what
# tests/e2e/t_docs.sh runs (the convention is in tests/docs/README.md):
#   OUT/steps       one line per step, in the file's order:
#                   "cmd N LINE", "file N LINE PATH", "skip LINE REASON",
#                   "error LINE MESSAGE"
#   OUT/cmd.N       a command (the text after "$ ")
#   OUT/exp.N       the output shown under it
#   OUT/file.N      the content of a file block
function step(s) { print s >> (OUT "/steps") }
function flush_cmd() { if (cmd) close(OUT "/exp." n); cmd = 0 }
BEGIN { n = 0; infence = 0; marker = ""; cmd = 0 }
{
    line = $0
    if (!infence) {
        if (line ~ /^ *```/) {
            indent = match(line, /```/) - 1
            info = substr(line, indent + 4)
            sub(/[ \t]+$/, "", info)
            infence = 1; kind = "plain"; mline = NR
            if (marker ~ /^skip/) {
                kind = "skip"; reason = marker; sub(/^skip:? */, "", reason)
                if (info == "console") step("skip " NR " " reason)
            } else if (marker ~ /^file /) {
                kind = "file"; path = marker; sub(/^file +/, "", path)
                n++; step("file " n " " NR " " path)
                printf "" > (OUT "/file." n)
            } else if (marker != "") {
                step("error " NR " unknown doc-test marker \"" marker "\"")
            } else if (info == "console") {
                kind = "console"
            }
            marker = ""
            next
        }
        if (match(line, /^<!-- doc-test: .* -->$/)) {
            marker = substr(line, 16, length(line) - 19)
            next
        }
        if (line !~ /^[ \t]*$/)
            marker = ""
        next
    }
    if (line ~ /^ *```[ \t]*$/) {
        infence = 0
        flush_cmd()
        if (kind == "file")
            close(OUT "/file." n)
        next
    }
    if (indent > 0 && substr(line, 1, indent) ~ /^ *$/)
        line = substr(line, indent + 1)
    if (kind == "file") {
        print line >> (OUT "/file." n)
    } else if (kind == "console") {
        if (line ~ /^\$ /) {
            flush_cmd()
            n++; cmd = 1
            step("cmd " n " " NR)
            print substr(line, 3) > (OUT "/cmd." n); close(OUT "/cmd." n)
            printf "" > (OUT "/exp." n)
        } else if (!cmd) {
            step("error " NR " output before any command in a console block")
        } else {
            print line >> (OUT "/exp." n)
        }
    } else if (kind == "plain" && line ~ /^\$ /) {
        step("error " NR " a command in a block that is not a console block (see tests/docs/README.md)")
    }
}
END { if (infence) step("error " mline " unclosed code block") }
