#!/bin/sh
# --svg: a well-formed standalone SVG (checked with xmllint) with axes, ticks, legend and one
# coloured path per series; written through a temporary file and renamed, so a failed run
# leaves the old file alone and no temporary files behind.
. "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
D="$ROOT/tests/plot/data"
cd "$TMP" || exit 1

nrn-plot --svg out.svg --title 'HH <soma> & friends' "$D/hh_soma.csv" >stdout.txt 2>err.txt
check_eq "svg: exit 0, nothing on stdout" "$?:$(cat stdout.txt)" "0:"
if xmllint --noout out.svg 2>xml.err; then pass "svg: well-formed (xmllint)"; else fail "svg: well-formed (xmllint)" "$(head -3 xml.err)"; fi
check_grep "svg: root element with a size" '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"' out.svg
check_grep "svg: first series path in blue" '<path stroke="#1f77b4" d="M' out.svg
check_grep "svg: second series path in red" '<path stroke="#d62728" d="M' out.svg
check_grep "svg: title escaped" 'HH &lt;soma&gt; &amp; friends' out.svg
check_grep "svg: legend names" '>soma\(0.5\)\.m_hh</text>' out.svg
check_grep "svg: x tick labels" '>10</text>' out.svg
check_grep "svg: y tick labels" '>-60</text>' out.svg
check_grep "svg: x axis name" '>t</text>' out.svg
check_eq "svg: no temporary files left" "$(ls | grep -c 'out.svg.tmp')" "0"
ls -l out.svg | grep -q '^-rw-' && pass "svg: ordinary file mode" || fail "svg: ordinary file mode" "$(ls -l out.svg)"

# units, phase plots (point-by-point paths) and log axes are well-formed too
nrn-plot --svg units.svg "$D/units.csv" && xmllint --noout units.svg && pass "svg: units" || fail "svg: units"
check_grep "svg: shared unit shown" '>\[mV\]</text>' units.svg
nrn-plot --svg phase.svg -x 'soma(0.5).v' -y 'soma(0.5).m_hh' "$D/hh_soma.csv" && xmllint --noout phase.svg \
    && pass "svg: phase plot" || fail "svg: phase plot"
nrn-plot --svg log.svg --logy --logx -y 3 "$D/hh_soma.csv" 2>/dev/null && xmllint --noout log.svg \
    && pass "svg: log axes" || fail "svg: log axes"

# to standard output with '-'
nrn-plot --svg - "$D/units.csv" >stdout.svg && xmllint --noout stdout.svg && pass "svg: to stdout" || fail "svg: to stdout"
check_files "svg: stdout and file agree" stdout.svg units.svg

# a failure keeps the previous file as it was
cp out.svg keep.svg
printf 't,v\n0,1\n1,x\n' >bad.csv
nrn-plot --svg out.svg bad.csv 2>err.txt
check_eq "svg: bad input exits 1" "$?" "1"
check_files "svg: old file kept on failure" out.svg keep.svg
nrn-plot --svg nodir/out.svg "$D/units.csv" 2>err.txt
check_eq "svg: unwritable place exits 1" "$?" "1"
check_grep "svg: says why" "^nrn-plot: cannot write nodir/out.svg: No such file or directory$" err.txt

# large input: the file stays small (one envelope column per px), spikes kept
awk 'BEGIN { print "t,v"; for (i = 0; i < 200000; i++) print i "," (i == 123456 ? 100 : 0) }' >big.csv
nrn-plot --svg big.svg big.csv && xmllint --noout big.svg && pass "svg: big input" || fail "svg: big input"
size=$(wc -c <big.svg)
[ "$size" -lt 100000 ] && pass "svg: size independent of input length" || fail "svg: size independent of input length" "$size bytes"
top=$(sed -n 's/.*<clipPath id="plotarea"><rect x="[0-9.]*" y="\([0-9.]*\)".*/\1/p' big.svg)
if [ -n "$top" ] && grep -q "L[0-9.]* $top\b" big.svg; then pass "svg: the one-sample spike reaches the top"
else fail "svg: the one-sample spike reaches the top" "plot top '$top'"; fi
