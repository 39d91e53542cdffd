#!/bin/sh
# test_build_options.sh: nrn-build's edit options and their order (--insert, --set,
# --nseg, --d-lambda, --freq), -o (whole or nothing), -D, -v, and the errors of each:
# one line "nrn-build: ...", exit 1 for a failed edit, 2 for bad usage, no file left.
. "$(dirname "$0")/../lib.sh"
M="$ROOT/tests/morph"
D="$ROOT/tests/build/data"
BS="$M/ball_and_stick.swc"
cd "$TMP" || exit 1

# value of NAME in the summary of the build given as arguments (first match)
sumval() {
    name=$1; shift
    nrn-build --summary "$@" | sed -n "s/^ *$name = //p" | head -n 1
}

# ---- --insert
nrn-build --insert hh "$BS" > ins_all.csv
check_eq insert-all "$(grep -c '^insert,[^,]*,,,hh,' ins_all.csv)" 2
nrn-build --insert 'dend*:pas' "$BS" > ins_glob.csv
check_eq insert-glob "$(grep '^insert,' ins_glob.csv)" "insert,dend[0],,,pas,,,,,"
nrn-build --insert 'soma[0]:hh' "$BS" > ins_exact.csv
check_eq insert-exact-brackets "$(grep '^insert,' ins_exact.csv)" "insert,soma[0],,,hh,,,,,"
nrn-build --insert 'so?a*:pas' --insert hh "$BS" > ins_two.csv
check_eq insert-several "$(grep -c '^insert,' ins_two.csv)" 3
nrn-build --insert hh --insert hh "$BS" > ins_twice.csv
check_files insert-twice-same ins_twice.csv ins_all.csv
nrn-build -o ins_tcl.csv --insert 'dend:hh' "$D/cell.tcl"
check_grep insert-into-tcl-model '^insert,dend,,,hh,' ins_tcl.csv
check_grep insert-keeps-values '^range,dend,,,g_pas,0\.0002,' ins_tcl.csv

check_status insert-unknown-mech 1 nrn-build --insert hx "$BS"
check_eq insert-unknown-mech-msg "$(cat "$TMP/err")" 'nrn-build: --insert hx: unknown mechanism "hx"'
check_eq insert-unknown-no-output "$(wc -c < "$TMP/out" | tr -d ' ')" 0
check_status insert-point-process 1 nrn-build --insert IClamp "$BS"
check_eq insert-point-process-msg "$(cat "$TMP/err")" \
    'nrn-build: --insert IClamp: IClamp is not a density mechanism'
check_status insert-no-match 1 nrn-build --insert 'axn*:hh' "$BS"
check_eq insert-no-match-msg "$(cat "$TMP/err")" 'nrn-build: --insert axn*:hh: no section matches "axn*"'
check_status insert-empty 2 nrn-build --insert 'dend*:' "$BS"

# ---- --set
check_eq set-glob "$(sumval g_pas --insert pas --set 'dend*.g_pas=1e-4' "$BS")" \
    "2 distinct values (0.0001 to 0.001)"
check_eq set-all "$(sumval Ra --set '*.Ra=100' "$BS")" 100
check_eq set-exact-brackets "$(sumval Ra --set 'soma[0].Ra=123' --set 'dend[0].Ra=123' "$BS")" 123
check_eq set-dotted-form "$(sumval gnabar_hh --insert hh --set '*.hh.gnabar=0.2' "$BS")" 0.2
check_eq set-only-where-present "$(sumval gnabar_hh --insert 'soma*:hh' --set '*.gnabar_hh=0.25' "$BS")" 0.25
check_eq set-ion "$(sumval ena --insert hh --set '*.ena=55' "$BS")" 55
check_eq set-global "$(sumval celsius --set celsius=20 "$BS")" 20
check_eq set-pp-var "$(nrn-build --set ic.amp=0.7 "$D/cell.tcl" | grep '^ppvar,,,ic,amp,')" \
    "ppvar,,,ic,amp,0.7,,,,"
check_eq set-segment "$(nrn-build --insert hh --set 'soma[0](0.5).gnabar_hh=0.3' "$BS" | grep '^range,soma\[0\],,,gnabar_hh')" \
    "range,soma[0],,,gnabar_hh,0.3,,,,"
nrn-build -o two.csv "$BS" "$M/c91662.swc"
check_eq set-prefixed-name "$(sumval Ra --set 'c91662.soma[0].Ra=77' two.csv | head -n 1)" 35.4
check_grep set-prefixed-applied '^prop,c91662\.soma\[0\],,,Ra,77,' \
    "$(nrn-build --set 'c91662.soma[0].Ra=77' two.csv > two_set.csv; echo two_set.csv)"
check_eq set-prefixed-glob "$(nrn-build --set 'ball_and_stick.*.Ra=55' two.csv | grep -c '^prop,[^,]*,,,Ra,55,')" 2
# --set comes after --insert whatever the order on the command line
check_eq set-after-insert "$(sumval g_pas --set 'dend*.g_pas=3e-4' --insert 'dend*:pas' "$BS")" 0.0003

check_status set-no-equals 2 nrn-build --set 'dend*.g_pas' "$BS"
check_grep set-no-equals-msg "^nrn-build: --set dend\*\.g_pas: expected GLOB\.PATH=VALUE" "$TMP/err"
check_status set-bad-value 2 nrn-build --set 'dend*.g_pas=abc' "$BS"
check_eq set-bad-value-msg "$(cat "$TMP/err")" 'nrn-build: --set dend*.g_pas=abc: the value is not a number'
check_status set-no-match 1 nrn-build --set 'axn*.Ra=1' "$BS"
check_eq set-no-match-msg "$(cat "$TMP/err")" 'nrn-build: --set axn*.Ra=1: no section matches "axn*"'
check_status set-unknown-var 1 nrn-build --set 'dend*.g_pax=1' "$BS"
check_grep set-unknown-var-msg '^nrn-build: --set dend\*\.g_pax=1: dend\[0\]: unknown variable' "$TMP/err"
check_status set-bad-range 1 nrn-build --set '*.Ra=-1' "$BS"
check_eq set-bad-range-lines "$(wc -l < "$TMP/err" | tr -d ' ')" 1
check_status set-unknown-global 1 nrn-build --set nosuch=1 "$BS"

# ---- --nseg, --d-lambda, --freq
check_eq nseg-all "$(nrn-build --nseg 7 --summary "$BS" | sed -n 1p)" "2 sections; 14 segments"
check_eq nseg-csv "$(nrn-build --nseg 3 "$BS" | grep -c '^prop,[^,]*,,,nseg,3,')" 2
check_status nseg-zero 2 nrn-build --nseg 0 "$BS"
check_status nseg-huge 2 nrn-build --nseg 40000 "$BS"
check_status nseg-not-int 2 nrn-build --nseg 2.5 "$BS"
c=$M/c91662.swc
check_eq dlambda-default-freq "$(nrn-build --d-lambda 0.1 --summary "$c" | sed -n 1p)" \
    "$(nrn-build --d-lambda 0.1 --freq 100 --summary "$c" | sed -n 1p)"
n100=$(nrn-build --d-lambda 0.1 --summary "$c" | sed -n 's/.*; \([0-9]*\) segments/\1/p;q')
n1000=$(nrn-build --d-lambda 0.1 --freq 1000 --summary "$c" | sed -n 's/.*; \([0-9]*\) segments/\1/p;q')
if [ "$n1000" -gt "$n100" ]; then pass dlambda-freq-more-segments; else fail dlambda-freq-more-segments "$n100 vs $n1000"; fi
# order: --set Ra before d_lambda (Ra 100 gives NEURON's 1136 segments, the default 35.4 fewer)
check_eq dlambda-after-set "$(nrn-build --d-lambda 0.1 --set '*.Ra=100' --summary "$c" | sed -n 1p)" \
    "194 sections; 1136 segments"
check_eq dlambda-default-ra "$(nrn-build --d-lambda 0.1 --summary "$c" | sed -n 1p)" "194 sections; 740 segments"
check_status dlambda-and-nseg 2 nrn-build --nseg 3 --d-lambda 0.1 "$BS"
check_eq dlambda-and-nseg-msg "$(cat "$TMP/err")" 'nrn-build: --nseg and --d-lambda go one at a time'
check_status freq-alone 2 nrn-build --freq 50 "$BS"
check_status dlambda-negative 2 nrn-build --d-lambda -0.1 "$BS"
check_status dlambda-not-number 2 nrn-build --d-lambda x "$BS"
check_status freq-zero 2 nrn-build --d-lambda 0.1 --freq 0 "$BS"

# ---- -o: whole or nothing
mkdir outdir
nrn-build -o outdir/m.csv "$BS" > o_stdout.txt
check_eq output-file "$(sed -n 2p outdir/m.csv)" 'kind,section,index,object,name,value,x,y,z,diam'
check_eq output-stdout-empty "$(wc -c < o_stdout.txt | tr -d ' ')" 0
check_eq output-no-temp "$(ls -A outdir)" "m.csv"
nrn-build -o - "$BS" > dash.csv
check_files output-dash-stdout dash.csv outdir/m.csv
nrn-build --summary -o outdir/s.txt "$BS"
check_files output-summary-file outdir/s.txt "$(nrn-build --summary "$BS" > s.txt; echo s.txt)"
nrn-build --topology -o outdir/t.txt "$BS"
check_eq output-topology-file "$(sed -n 2p outdir/t.txt)" '|-|       soma[0](0-1)'
mkdir faildir
echo old > faildir/keep.csv
check_status output-fail-status 1 nrn-build -o faildir/keep.csv --insert nosuch "$BS"
check_eq output-fail-keeps-old "$(cat faildir/keep.csv)" old
check_status output-fail-load 1 nrn-build -o faildir/new.csv "$M/bad/loop.swc"
check_status output-fail-summary 1 nrn-build --summary -o faildir/new.txt "$M/bad/loop.swc"
check_eq output-fail-nothing-left "$(ls -A faildir)" "keep.csv"
check_status output-bad-dir 1 nrn-build -o /nonexistent/dir/m.csv "$BS"
check_grep output-bad-dir-msg '^nrn-build: .*/nonexistent/dir/m\.csv' "$TMP/err"
check_status output-bad-dir-summary 1 nrn-build --summary -o /nonexistent/dir/s.txt "$BS"

# ---- -D for the Tcl inputs, -v for the morphologies
printf 'section soma -L $len -diam 10\n' > len.tcl
check_eq define "$(nrn-build -D len=33 len.tcl | grep '^prop,soma,,,L,')" "prop,soma,,,L,33,,,,"
check_status define-missing 1 nrn-build len.tcl
check_grep define-missing-msg '^nrn-build: len\.tcl:1: can.t read "len": no such variable' "$TMP/err"
check_status define-bad 2 nrn-build -D len len.tcl
nrn-build -v "$M/c91662.swc" > /dev/null 2> v.err
check_grep verbose-sections '^nrn-build: .*c91662\.swc: 194 sections$' v.err
check_grep verbose-note '^nrn-build: .*c91662\.swc: note: soma: NeuroMorpho 3-point soma' v.err
nrn-build "$M/c91662.swc" > /dev/null 2> quiet.err
check_eq quiet-by-default "$(cat quiet.err)" ""
nrn-build -v "$BS" "$M/c91662.swc" > /dev/null 2> v2.err
check_grep verbose-prefix 'c91662\.swc: 194 sections, named c91662\.\*$' v2.err
