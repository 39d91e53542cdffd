#!/bin/sh
# nrn-plot shape and nrn-plot range: golden text outputs at fixed sizes (braille, ASCII, colour,
# views, a model laid out by define_shape), the row picked by --at, SVG (xmllint), and errors:
# bad input exits 1 with one line "nrn-plot: FILE:LINE: ...", bad usage exits 2.
# Rewrite the expected files after an intended change with: UPDATE=1 sh $0
# Data: c91662.csv is tests/morph/c91662.swc through the engine (nrn_load_swc, then
# nrn_model_save_csv); c91662_v.csv is v at the centre of every section of that cell with hh
# everywhere and a 3 nA, 1 ms IClamp at soma[0](0.5) from 0.5 ms, every 0.5 ms to 6 ms
# (engine C API); layout.csv is hand-written, without 3-D points but for one section, and
# its define_shape points are checked against NEURON's in tests/unit/test_plot_morph.c.
. "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
D="$ROOT/tests/plot/data"
E="$ROOT/tests/plot/expected"
M="$D/c91662.csv"
V="$D/c91662_v.csv"
ESC=$(printf '\033')

golden() {
    n=$1; shift
    if nrn-plot "$@" >"$TMP/$n.txt" 2>"$TMP/$n.err"; then :; else
        fail "golden $n" "exit $?" "$(head -3 "$TMP/$n.err")"; return; fi
    if [ -n "$UPDATE" ]; then cp "$TMP/$n.txt" "$E/$n.txt"; fi
    check_files "golden $n" "$TMP/$n.txt" "$E/$n.txt"
}

golden shape_plain_ascii_70x24 shape --ascii -W 70 -H 24 "$M"
golden shape_plain_80x30       shape -W 80 -H 30 "$M"
golden shape_v_80x30           shape -W 80 -H 30 --values "$V" --at 3 "$M"
golden shape_v_color_80x30     shape -W 80 -H 30 --values "$V" --at 3 --color=always "$M"
golden shape_v_ascii_xz_70x24  shape -W 70 -H 24 --values "$V" --at 3 --ascii --view xz "$M"
golden shape_layout_60x20      shape -W 60 -H 20 --ascii "$D/layout.csv"
golden range_80x20             range -W 80 -H 20 --from 'dend[5](0.5)' --to 'apic[100](1)' --values "$V" --at 3 "$M"
golden range_ascii_72x18       range -W 72 -H 18 --ascii --from 'axon[0](0.5)' --to 'apic[100](1)' --values "$V" --at 3 "$M"

# the picture reads the same whatever the colour; --at picks the nearest row, no --at the last
# (but the colour bar: without colours it says so)
sed "s/$ESC\[[0-9;]*m//g" "$TMP/shape_v_color_80x30.txt" | head -29 >"$TMP/stripped.txt"
head -29 "$E/shape_v_80x30.txt" >"$TMP/plain29.txt"
check_files "shape: colours change nothing else" "$TMP/stripped.txt" "$TMP/plain29.txt"
check_grep "shape: without colours the bar says so" '\(colours off\)$' "$E/shape_v_80x30.txt"
grep -q "$ESC\[38;5;196m" "$TMP/shape_v_color_80x30.txt" && pass "shape: red segments at the spike" \
    || fail "shape: red segments at the spike"
nrn-plot shape -W 80 -H 30 --values "$V" --at 3.2 "$M" >"$TMP/near.txt"
check_files "shape: --at takes the nearest row" "$TMP/near.txt" "$E/shape_v_80x30.txt"
nrn-plot shape -W 80 -H 30 --values "$V" "$M" >"$TMP/last.txt"
check_eq "shape: without --at, the last row" "$(head -1 "$TMP/last.txt" | cut -c1-13)" "v at t = 6 ms"
nrn-plot shape -W 80 -H 30 --values "$V" --at 3 --range -70:30 --ascii "$M" >"$TMP/rng.txt"
check_grep "shape: --range sets the colour bar" 'v \[mV\] -70 012345678 30$' "$TMP/rng.txt"
nrn-plot shape -W 80 -H 30 --view auto "$M" >"$TMP/auto.txt"
check_files "shape: --view auto picks xy for this cell" "$TMP/auto.txt" "$E/shape_plain_80x30.txt"
nrn-plot shape -W 80 -H 30 --view yz "$M" >"$TMP/yz.txt"
check_grep "shape: --view yz" 'view yz$' "$TMP/yz.txt"
nrn-plot shape -W 60 -H 16 --values "$V" --at 3 --var v --title 'Cell <1>' --ascii "$M" >"$TMP/t.txt"
check_grep "shape: --title" '^Cell <1> ' "$TMP/t.txt"
nrn-plot shape - <"$M" -W 80 -H 30 | tail -n +2 >"$TMP/stdin.txt"
tail -n +2 "$E/shape_plain_80x30.txt" >"$TMP/plain_body.txt"
check_files "shape: model from standard input" "$TMP/stdin.txt" "$TMP/plain_body.txt"

# output never exceeds the size
ok=1
for size in "20 5" "33 9" "101 31" "160 50"; do
    set -- $size
    for mode in "" --ascii; do
        nrn-plot shape $mode -W "$1" -H "$2" --values "$V" --at 3 "$M" >"$TMP/s.txt" || ok=0
        lines=$(wc -l <"$TMP/s.txt")
        widest=$(LC_ALL=C.UTF-8 wc -L <"$TMP/s.txt")
        if [ "$lines" -ne "$2" ] || [ "$widest" -gt $(($1 - 1)) ]; then
            ok=0; echo "  size $1x$2 $mode: $lines lines, widest $widest"
        fi
    done
done
[ $ok -eq 1 ] && pass "shape: output fits the requested size" || fail "shape: output fits the requested size"

# SVG
cd "$TMP" || exit 1
nrn-plot shape --svg cell.svg --values "$V" --at 3 --title 'c91662 & <v>' "$M" >stdout.txt 2>err.txt
check_eq "shape svg: exit 0, nothing on stdout" "$?:$(cat stdout.txt)" "0:"
if xmllint --noout cell.svg 2>xml.err; then pass "shape svg: well-formed (xmllint)"; else fail "shape svg: well-formed (xmllint)" "$(head -3 xml.err)"; fi
check_grep "shape svg: size" '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"' cell.svg
check_grep "shape svg: title escaped" 'c91662 &amp; &lt;v&gt;' cell.svg
check_grep "shape svg: colour bar" '<linearGradient id="ramp"' cell.svg
check_grep "shape svg: red segments" 'stroke="#ff0000"' cell.svg
check_grep "shape svg: scale bar" '>[0-9]+ µm</text>' cell.svg
n=$(grep -c '<line x1=.*stroke-width' cell.svg)
[ "$n" -gt 1000 ] && pass "shape svg: one line per piece" || fail "shape svg: one line per piece" "$n lines"
nrn-plot shape --svg plain.svg "$M" && xmllint --noout plain.svg && pass "shape svg: plain morphology" || fail "shape svg: plain morphology"
if grep -q 'linearGradient' plain.svg; then fail "shape svg: no colour bar without values"; else pass "shape svg: no colour bar without values"; fi
nrn-plot shape --svg - "$D/layout.csv" >lay.svg && xmllint --noout lay.svg && pass "shape svg: to stdout" || fail "shape svg: to stdout"
nrn-plot range --svg range.svg --from 'axon[0](0.5)' --to 'apic[100](1)' --values "$V" --at 3 "$M" \
    && xmllint --noout range.svg && pass "range svg: well-formed" || fail "range svg: well-formed"
check_grep "range svg: x axis name" '>distance from axon\[0\]\(0.5\) \[µm\]</text>' range.svg
check_grep "range svg: a path" '<path stroke="#1f77b4" d="M' range.svg
check_eq "shape svg: no temporary files left" "$(ls | grep -c '\.tmp\.')" "0"

# errors: exit 1, one line, nothing drawn
bad() {
    n=$1; st=$2; msg=$3; shift 3
    nrn-plot "$@" -W 60 -H 15 >out 2>err; got=$?
    if [ "$got" -ne "$st" ]; then fail "$n" "exit $got, want $st" "$(head -3 err)"; return; fi
    if [ -s out ]; then fail "$n" "something was drawn" "$(head -3 out)"; return; fi
    if [ -n "$msg" ]; then check_eq "$n" "$(cat err)" "$msg"
    elif [ "$(wc -l <err)" -lt 1 ]; then fail "$n" "no message"
    else pass "$n"; fi
}
H='kind,section,index,object,name,value,x,y,z,diam'
printf '# m\n%s\nsection,soma,,,,,,,,\nprop,soma,,,L,abc,,,,\n' "$H" >badnum.csv
printf '# m\n%s\nsection,soma,,,,,,,,\nprop,dend,,,L,3,,,,\n' "$H" >nosec.csv
printf 't,v\n0,1\n' >notmodel.csv
printf '# m\n%s\nsection,soma,,,,,,,,\nsection,dend,,,,,,,,\nprop,dend,,,nseg,3,,,,\nconnect,dend,0,soma,,1,,,,\nsection,other,,,,,,,,\n' "$H" >small.csv
printf 't,soma(0.5).v,dend(0.5).v\n0,-65,-65\n1,-60,abc\n' >badtr.csv
printf 't,axon(0.5).v\n0,-65\n' >nomatch.csv
printf 't,soma(0.5).v,dend(0.1).v,dend(0.5).v,dend(0.9).v\n0,-65,-64,-63,-62\n' >ok.csv

bad "shape: bad number in the model" 1 "nrn-plot: badnum.csv:4: L of soma is not a number: 'abc'" shape badnum.csv
bad "shape: unknown section in the model" 1 "nrn-plot: nosec.csv:4: no section named 'dend' (sections are created by 'section' rows first)" shape nosec.csv
bad "shape: not a model CSV" 1 "nrn-plot: notmodel.csv:1: not a model CSV: the header must be kind,section,index,object,name,value,x,y,z,diam" shape notmodel.csv
bad "shape: missing model" 1 "nrn-plot: nope.csv: cannot open: no such file or directory" shape nope.csv
bad "shape: missing traces" 1 "nrn-plot: nope.csv: cannot open: no such file or directory" shape small.csv --values nope.csv
bad "shape: text in the traces" 1 "nrn-plot: badtr.csv:3: column 'dend(0.5).v' is not a number: 'abc'" shape small.csv --values badtr.csv
bad "shape: no column for the model" 1 "nrn-plot: nomatch.csv:1: no column SEC(X).v names a segment of small.csv; columns are: t, axon(0.5).v" shape small.csv --values nomatch.csv
bad "shape: no column for --var" 1 "nrn-plot: ok.csv:1: no column SEC(X).m_hh names a segment of small.csv; columns are: t, soma(0.5).v, dend(0.1).v, dend(0.5).v, dend(0.9).v" shape small.csv --values ok.csv --var m_hh
bad "range: no such section" 1 "nrn-plot: small.csv: no section named 'axon'" range small.csv --from 'axon(0.5)' --to 'dend(1)' --values ok.csv
bad "range: bad location" 1 "nrn-plot: bad location 'soma(2)': want SEC(X) with 0 <= X <= 1" range small.csv --from 'soma(2)' --to 'dend(1)' --values ok.csv
bad "range: different cells" 1 "nrn-plot: small.csv: soma(0.5) and other(0.5) are in different cells" range small.csv --from 'soma(0.5)' --to 'other(0.5)' --values ok.csv
bad "range: no values on the path" 1 "nrn-plot: ok.csv: no column SEC(X).v for a segment between other(0) and other(1)" range small.csv --from 'other(0)' --to 'other(1)' --values ok.csv
nrn-plot range small.csv --from 'soma(0.5)' --to 'dend(1)' --values ok.csv --ascii -W 40 -H 10 >out 2>err
check_eq "range: small model works" "$?" "0"
check_grep "range: distances 0 to 150 um" '^ +0 +50 +100 +150$' out

bad "shape: no MODEL"          2 "" shape
bad "shape: two models"        2 "" shape small.csv small.csv
bad "shape: bad --view"        2 "" shape small.csv --view top
bad "shape: --at without --values" 2 "" shape small.csv --at 3
bad "shape: bad --at"          2 "" shape small.csv --values ok.csv --at x
bad "shape: bad --range"       2 "" shape small.csv --values ok.csv --range 5:1
bad "shape: --from is for range" 2 "" shape small.csv --from 'soma(0.5)'
bad "shape: unknown option"    2 "" shape small.csv --frobnicate
bad "shape: too narrow"        2 "" shape small.csv -W 5
bad "range: needs --from and --to" 2 "" range small.csv --from 'soma(0.5)' --values ok.csv
bad "range: needs --values"    2 "" range small.csv --from 'soma(0.5)' --to 'dend(1)'
bad "range: --view is for shape" 2 "" range small.csv --view xy
bad "range: --range is for shape" 2 "" range small.csv --range 1:2
nrn-plot shape --frobnicate 2>err
check_grep "usage error points at shape --help" "nrn-plot shape --help" err
nrn-plot shape small.csv --svg pic.svg --values badtr.csv 2>/dev/null
[ ! -e pic.svg ] && pass "shape: no SVG from bad input" || fail "shape: no SVG from bad input"

nrn-plot shape --help >out; check_eq "shape --help exits 0" "$?" "0"
check_grep "shape --help has examples" "^examples:" out
nrn-plot range --help >out; check_grep "range --help shows --from" "--from SEG" out
nrn-plot --help >out; check_grep "--help mentions shape" "nrn-plot shape MODEL" out
