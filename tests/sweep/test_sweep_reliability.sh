#!/bin/sh
# test_sweep_reliability.sh: nrn-sweep against misuse (issues 11 and 12): usage is checked
# before a grid is made and a grid's size before its values (no minutes and gigabytes before
# exit 2); --points files with a byte order mark, comments, blank lines, NUL bytes, a bad
# header; provenance rows of killed sweeps marked interrupted; a parameter the script never
# reads refused; model CSVs, SWC and ASC files as -m MODEL.
. "$(dirname "$0")/../lib.sh"
R="$ROOT/recipes"
cd "$TMP" || exit 1

# check_usage NAME PATTERN CMD...: CMD exits 2 within 10 s with one stderr line matching
# PATTERN and nothing on stdout.
check_usage() {
    n=$1; pat=$2; shift 2
    timeout 10 "$@" >"$TMP/u.out" 2>"$TMP/u.err"; got=$?
    if [ "$got" -ne 2 ]; then fail "$n" "exit $got, want 2" "$(head -3 "$TMP/u.err")"
    elif [ "$(wc -l < "$TMP/u.err" | tr -d ' ')" != 1 ]; then fail "$n" "not one line:" "$(head -3 "$TMP/u.err")"
    elif ! grep -Eq -- "$pat" "$TMP/u.err"; then fail "$n" "no match for '$pat':" "$(cat "$TMP/u.err")"
    elif [ -s "$TMP/u.out" ]; then fail "$n" "stdout not empty:" "$(head -2 "$TMP/u.out")"
    else pass "$n"; fi
}

# ---- issue 11.11: usage before the grid, the grid's size before its values
check_usage sweep-usage-before-grid "unknown feature 'nope'" \
    nrn-sweep "$R/hh.tcl" -p amp=0:1:10000000 --measure nope
check_usage sweep-stim-before-grid "--stim: expected" \
    nrn-sweep "$R/hh.tcl" -p ic.amp=0:1:10000000 --stim 5:1
check_usage sweep-shard-before-grid "--shard: expected" \
    nrn-sweep "$R/hh.tcl" -p ic.amp=0:1:10000000 --shard 9/8
check_usage sweep-range-limit "-p ic.amp=0:1:20000000: 20000000 values, more than the 10000000" \
    nrn-sweep "$R/hh.tcl" -p ic.amp=0:1:20000000
check_usage sweep-grid-limit "the grid has 100000000 points, more than the 10000000" \
    nrn-sweep "$R/hh.tcl" -p ic.amp=0:1:10000 -p soma.gnabar_hh=0:1:10000
# a product that overflows 64 bits is still refused, never wrapped to a small grid
check_usage sweep-grid-overflow "the grid has 1e\+35 points" \
    nrn-sweep "$R/hh.tcl" -p a=0:1:10000000 -p b=0:1:10000000 -p c=0:1:10000000 \
    -p d=0:1:10000000 -p e=0:1:10000000
check_usage sweep-plan-grid-limit "the grid has" \
    nrn-sweep plan -p a=0:1:10000 -p b=0:1:10000
check_usage sweep-bad-name "'a b' is not a parameter name" nrn-sweep "$R/hh.tcl" -p 'a b=1,2'

# ---- issue 11.12: points files
printf '\357\273\277# amplitudes for the HH soma\nic.amp\n\n0.1\n  # half way\n0.3\r\n' > bom.csv
nrn-sweep "$R/hh.tcl" --points bom.csv --measure Spikecount > bom.out 2> bom.err
check_eq sweep-points-bom-status "$?" 0
check_eq sweep-points-bom-header "$(head -1 bom.out | cut -d, -f1-3)" "ic.amp,Spikecount,status"
check_eq sweep-points-comments "$(cut -d, -f1,2 bom.out | tail -n +2 | tr '\n' ' ')" "0.1,0 0.3,1 "
printf '# amp sweep\nic.amp\n0.1\n0.3\n' > comment.csv
nrn-sweep plan --points comment.csv > comment.out
check_eq sweep-points-comment-header "$(cat comment.out | tr '\n' ' ')" "-p ic.amp=0.1 -p ic.amp=0.3 "
printf 'ic.amp\n0.1\n0.3\000junk\n' > nul.csv
check_usage sweep-points-nul "^nrn-sweep: nul.csv:3: a NUL byte" \
    nrn-sweep "$R/hh.tcl" --points nul.csv
printf 'ic.amp;soma.gnabar_hh\n0.1\n' > semi.csv
check_usage sweep-points-header "semi.csv:1: 'ic.amp;soma.gnabar_hh' is not a parameter name" \
    nrn-sweep "$R/hh.tcl" --points semi.csv
printf '# nothing but comments\n\n' > empty.csv
check_usage sweep-points-empty "empty.csv: empty file" nrn-sweep "$R/hh.tcl" --points empty.csv
printf 'ic.amp\n# first\n0.1\n\n0.2,0.3\n' > fields.csv
check_usage sweep-points-line "fields.csv:5: 2 fields, the header has 1" \
    nrn-sweep "$R/hh.tcl" --points fields.csv
