#!/usr/bin/env bash
# share/bench/profile.sh — instruction counts of dist programs under callgrind, which stay
# the same however loaded the machine is (times do not).
#
#   share/bench/profile.sh [--dist PATH] [--top N] FILE.dist [ARGS...]
#       profiles the code inside the program's @elapsed blocks only (start-up and set-up are
#       left out): prints the instructions counted and the top N functions, exclusive and
#       inclusive, demangled; keeps the callgrind file as FILE.callgrind in the current folder.
#   share/bench/profile.sh [--dist PATH] --op NAME...
#       the instructions one operation of share/bench/micro/ops.dist costs: one loop of N
#       operations less the loop it is measured against, over N.
#
# The default binary is .build-prof/release/dist when it exists, else .build/release/dist.
# Valgrind 3.19 (Debian 12) cannot read the DWARF 5 that clang writes for the C targets, so
# profile a build made with
#   swift build -c release -Xswiftc -g -Xcc -gdwarf-4 --scratch-path .build-prof
# (or an `objcopy --strip-debug` copy of the release binary, for function names only).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
dist=$root/.build-prof/release/dist
[ -x "$dist" ] || dist=$root/.build/release/dist
top=25
op_mode=0
while [ $# -gt 0 ]; do
    case $1 in
        --dist) dist=$2; shift 2 ;;
        --top) top=$2; shift 2 ;;
        --op) op_mode=1; shift ;;
        *) break ;;
    esac
done
[ $# -gt 0 ] || { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
command -v valgrind >/dev/null || { echo "error: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
demangle() { if command -v swift-demangle >/dev/null; then swift-demangle --simplified; else cat; fi; }

# TimedNode.eval is what @elapsed runs: collect only inside it.
timed=$(nm "$dist" | awk '/ t .*9TimedNodeC4evalyAA5ValueOAA3CtxCKF$/ && !found { print $3; found = 1 }')
[ -n "$timed" ] || { echo "error: no TimedNode.eval symbol in $dist" >&2; exit 1; }

# Runs one program under callgrind; prints the instructions collected.
count() {
    local out=$1; shift
    valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="$timed" "$dist" "$@" \
        2>"$out.log" >/dev/null || { tail -5 "$out.log" >&2; return 1; }
    awk '/Collected :/ { print $NF }' "$out.log"
}

if [ $op_mode = 1 ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    for name in "$@"; do
        for which in op base; do
            # ops.dist, plus one run of the entry's loop (or its baseline) under @elapsed; the
            # argument "none" skips the table's own measurements
            { cat "$here/micro/ops.dist"; printf '\nfor (nm, n, op, base, args) in ops\n'
              printf '    if nm == "%s"\n        f = %s\n        t = @elapsed f(n, args...)\n' "$name" "$which"
              printf '        println("n ", n)\n    end\nend\n'; } >"$tmp/$which.dist"
            eval "$which=\$(count \"\$tmp/\$which.cg\" \"\$tmp/\$which.dist\" none)"
        done
        n=$("$dist" "$tmp/op.dist" none | awk '/^n / { print $2 }')
        [ -n "$n" ] || { echo "error: no operation named $name in ops.dist" >&2; exit 1; }
        awk -v name="$name" -v op="$op" -v base="$base" -v n="$n" \
            'BEGIN { printf "%-18s %10.1f instructions per operation\n", name, (op - base) / n }'
    done
    exit 0
fi

file=$1
out=$(basename "${file%.dist}").callgrind
total=$(count "$out" "$@")
echo "$file: $total instructions inside @elapsed ($dist)"
# The listings stop early (head): no pipefail for them. Frames that contain the whole run
# (≥ 99.5 % inclusive, or more than 100 % through recursion) are left out.
set +o pipefail
tidy() { sed -E "s/\( +/(/; s/ \[[^]]*\]\$//; s|$root/Sources/||; s|//<compiler-generated>:||; s|\?\?\?:||" | demangle | cut -c1-160; }
echo "-- exclusive"
callgrind_annotate "$out" 2>/dev/null | sed -n '/file:function/,$p' | sed '1,2d' \
    | grep -E '^ *[0-9]' | head -n "$top" | tidy
echo "-- inclusive"
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | sed -n '/file:function/,$p' | sed '1,2d' \
    | grep -E '^ *[0-9]' | awk '{ p = $2; gsub(/[(%)]/, "", p); if (p + 0 < 99.5) print }' \
    | head -n "$top" | tidy
