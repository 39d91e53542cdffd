#!/bin/sh
# bench/morph_scale.sh: the import sizes that were quadratic before issue 11 (a long
# Neurolucida line, many pt3dadd calls, a long chain of connects), timed at two sizes each:
# linear code takes about 4 times as long for 4 times the size, quadratic code 16 times.
# Usage: sh bench/morph_scale.sh [BIN]   (BIN: the folder of nrn-build and nrn-run, bin/)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/bin}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# secs CMD...: wall-clock seconds of CMD (output discarded)
secs() {
    s=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || echo "bench: $* failed" >&2
    e=$(date +%s.%N)
    echo "$s $e" | awk '{printf "%.2f", $2 - $1}'
}

for n in 50000 200000; do
    awk -v n="$n" 'BEGIN { printf "((Dendrite) (0 0 0 2)"; for (i = 1; i < n; i++) printf " (%d.5 %d 0 1.5)", i, i % 7; print " Normal)" }' > "$T/line.asc"
    printf 'asc line of %6d points:   %s s\n' "$n" "$(secs "$BIN/nrn-build" -o "$T/out.csv" "$T/line.asc")"
done
for n in 50000 200000; do
    printf 'section a\nfor {set i 0} {$i < %d} {incr i} { pt3dadd a $i [expr {$i %% 7}] 0 1 }\n' "$n" > "$T/pts.tcl"
    printf 'pt3dadd x %6d:             %s s\n' "$n" "$(secs "$BIN/nrn-run" "$T/pts.tcl")"
done
for n in 25000 100000; do
    printf 'for {set i 0} {$i < %d} {incr i} { section s$i }\nfor {set i 1} {$i < %d} {incr i} { connect s$i 0 "s[expr {$i-1}](1)" }\n' "$n" "$n" > "$T/chain.tcl"
    printf 'chain of %6d connects:    %s s\n' "$n" "$(secs "$BIN/nrn-run" "$T/chain.tcl")"
done
