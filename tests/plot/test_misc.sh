#!/bin/sh
# Details of the terminal plot: one-sample spikes survive any input length, column selection by
# name and index (nrn-run names with dots and parentheses), units on the axes, gaps, comments,
# TSV, limits and memory that does not grow with the input.
. "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
D="$ROOT/tests/plot/data"
cd "$TMP" || exit 1

# 500000 flat samples with one spike up and one down: both must show in a 60-column plot
awk 'BEGIN { print "t,v"; for (i = 0; i < 500000; i++) print i * 0.001 "," (i == 123457 ? 100 : i == 400001 ? -100 : 0) }' >spike.csv
nrn-plot -W 60 -H 12 --ascii spike.csv >spike.txt
check_grep "an upward one-sample spike reaches the top row" '^ *100 \+ *\*' spike.txt
check_grep "a downward one-sample spike reaches the bottom row" '^-100 \+ *\*' spike.txt

# columns by name (with parentheses and dots), by index, repeated -y, and the same picture
nrn-plot -W 60 -H 12 -y 'soma(0.5).v' "$D/hh_soma.csv" >byname.txt
nrn-plot -W 60 -H 12 -y 2 "$D/hh_soma.csv" >byindex.txt
check_files "-y by name equals -y by index" byname.txt byindex.txt
nrn-plot -W 60 -H 12 -x t -y 'soma(0.5).v' -y 'soma(0.5).m_hh' "$D/hh_soma.csv" >twice.txt
nrn-plot -W 60 -H 12 "$D/hh_soma.csv" >default.txt
check_files "-y twice equals the default (all other columns)" twice.txt default.txt
check_grep "legend names the series" '━━ soma\(0\.5\)\.v +━━ soma\(0\.5\)\.m_hh' default.txt

# units: a shared unit above the y axis, the x unit in the x label
nrn-plot -W 70 -H 18 "$D/units.csv" >units.txt
check_grep "shared y unit shown" '^\[mV\]' units.txt
check_grep "x unit shown" '^ +t \[ms\]$' units.txt
nrn-plot -W 70 -H 18 -y v "$D/units.csv" >v.txt
check_grep "a column named without its unit" '━━ v$' v.txt

# comments, empty cells and NA are accepted; TSV with -d tab
printf '# made by hand\nt,v\n0,1\n1,\n2,NA\n3,4\n' >gaps.csv
nrn-plot -W 40 -H 10 gaps.csv >gaps.txt && pass "comments and gaps accepted" || fail "comments and gaps accepted"
printf 't\tv\n0\t1\n1\t2\n' >tabs.tsv
printf 't,v\n0,1\n1,2\n' >commas.csv
nrn-plot -W 40 -H 10 -d tab tabs.tsv >tabs.txt
nrn-plot -W 40 -H 10 commas.csv >commas.txt
check_files "-d tab reads TSV" tabs.txt commas.txt

# limits: one side automatic
nrn-plot -W 60 -H 12 --ascii --ylim 0: -y 2 "$D/hh_soma.csv" >half.txt
check_grep "--ylim 0: keeps the automatic top" '^ *0 \+' half.txt

# memory does not grow with the input (envelopes are O(columns)): 10x the rows, about the same peak
if command -v /usr/bin/time >/dev/null 2>&1; then
    awk 'BEGIN { print "t,a,b"; for (i = 0; i < 100000; i++) print i "," sin(i / 100) "," cos(i / 50) }' >m1.csv
    awk 'BEGIN { print "t,a,b"; for (i = 0; i < 1000000; i++) print i "," sin(i / 1000) "," cos(i / 500) }' >m2.csv
    k1=$(/usr/bin/time -f %M nrn-plot -W 120 -H 40 m1.csv 2>&1 >/dev/null | tail -1)
    k2=$(/usr/bin/time -f %M nrn-plot -W 120 -H 40 m2.csv 2>&1 >/dev/null | tail -1)
    if [ "$k2" -lt $((k1 + 2048)) ]; then pass "memory independent of input length (${k1} KiB, ${k2} KiB)"
    else fail "memory independent of input length" "${k1} KiB for 1e5 rows, ${k2} KiB for 1e6"; fi
fi
