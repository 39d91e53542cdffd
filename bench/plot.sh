#!/bin/sh
# bench/plot.sh: times nrn-plot on a 1,000,000-row, 3-column CSV (an HH-like spike train plus a
# slow gate variable) at 120x40; the target is well under a second. Also times --svg and reads
# the input from a pipe, which goes through the same spool. Prints one line per case.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/bin/nrn-plot"
[ -x "$BIN" ] || { echo "bench/plot.sh: build bin/nrn-plot first (make bin/nrn-plot)" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

awk 'BEGIN {
    print "t,soma(0.5).v,soma(0.5).m_hh"
    for (i = 0; i < 1000000; i++) {
        t = i * 0.025
        p = i % 4000
        v = -65 + (p < 40 ? 105 * sin(p / 40 * 3.14159265) : 2 * exp(-(p - 40) / 800.0))
        printf "%.3f,%.15g,%.6g\n", t, v, 0.05 + 0.9 * (p < 40) + 0.0001 * (i % 7)
    }
}' >"$T/big.csv"

# now: seconds since the epoch with nanoseconds
now() { date +%s.%N; }
# run LABEL CMD...: runs CMD three times and prints the best wall-clock time
run() {
    label=$1; shift
    best=""
    for k in 1 2 3; do
        a=$(now); "$@" >/dev/null; b=$(now)
        best=$(echo "$a $b $best" | awk '{ d = $2 - $1; if ($3 == "" || d < $3) print d; else print $3 }')
    done
    printf 'nrn-plot %-38s %6.3f s\n' "$label" "$best"
}

printf 'input: %s rows, %s bytes\n' "$(($(wc -l <"$T/big.csv") - 1))" "$(wc -c <"$T/big.csv")"
run "--width 120 --height 40 FILE" "$BIN" --width 120 --height 40 "$T/big.csv"
run "--width 120 --height 40 --ascii FILE" "$BIN" --width 120 --height 40 --ascii "$T/big.csv"
run "--svg OUT FILE" "$BIN" --svg "$T/out.svg" "$T/big.csv"
run "--width 120 --height 40 < FILE (stdin)" sh -c "'$BIN' --width 120 --height 40 < '$T/big.csv'"
run "--width 120 --height 40 (from a pipe)" sh -c "cat '$T/big.csv' | '$BIN' --width 120 --height 40"
