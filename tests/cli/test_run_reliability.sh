#!/bin/sh
# test_run_reliability.sh: nrn-run (and nrn-sweep's start) against misuse: outputs that
# cannot be written are refused before the simulation, a closed stdout is an error, step
# and row counts that would never end are refused, command-line values beat the files',
# and error lines name what is wrong (issues 11 and 12).
. "$(dirname "$0")/../lib.sh"
R="$ROOT/recipes"
cd "$TMP" || exit 1

# check_err NAME STATUS PATTERN CMD...: CMD exits STATUS with exactly one line on stderr,
# matching PATTERN (grep -E), and nothing on stdout.
check_err() {
    n=$1; want=$2; pat=$3; shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"; got=$?
    lines=$(wc -l < "$TMP/err" | tr -d ' ')
    if [ "$got" -ne "$want" ]; then fail "$n" "exit $got, want $want" "$(head -3 "$TMP/err")"
    elif [ "$lines" -ne 1 ]; then fail "$n" "$lines lines on stderr" "$(head -3 "$TMP/err")"
    elif ! grep -Eq -- "$pat" "$TMP/err"; then fail "$n" "no match for '$pat'" "$(cat "$TMP/err")"
    else pass "$n"; fi
}

# ---- outputs that cannot be written: refused before the simulation runs
mkdir somedir
echo 'puts stderr RAN' > ran.tcl
cat "$R/hh.tcl" >> ran.tcl
check_err run-out-dir 1 "^nrn-run: cannot write 'somedir': Is a directory$" nrn-run -o somedir ran.tcl
check_err run-out-empty 1 "^nrn-run: cannot write '': No such file" nrn-run -o '' ran.tcl
check_err run-out-slash 1 "^nrn-run: cannot write 'somedir/': Is a directory$" nrn-run -o somedir/ ran.tcl
check_err run-spikes-dir 1 "^nrn-run: cannot write 'somedir': Is a directory$" \
    nrn-run --spikes somedir -o x.csv ran.tcl
check_eq run-out-no-temp "$(ls -A somedir)$(ls -A | grep '^\.' )" ""
# The output's folder goes away during the run: the message names the file (the name was
# read after it was freed).
mkdir gone
printf 'file delete -force gone\n' > rmdir.tcl
check_err run-out-commit-name 1 "^nrn-run: cannot write gone/v.csv: No such file" \
    nrn-run -o gone/v.csv "$R/hh.tcl" rmdir.tcl
mkdir gone
check_err run-spikes-commit-name 1 "^nrn-run: cannot write gone/s.csv: No such file" \
    nrn-run -o v.csv --spikes gone/s.csv "$R/hh.tcl" rmdir.tcl

# ---- a closed standard output is an error, not rows thrown away
nrn-run "$R/hh.tcl" >&- 2>closed.txt; rc=$?
check_eq run-stdout-closed-status "$rc" 1
check_grep run-stdout-closed-msg "^nrn-run: standard output is closed" closed.txt
nrn-sweep "$R/sweep-cell.tcl" -p ic.amp=0:1:2 --measure Spikecount >&- 2>closed2.txt; rc=$?
check_eq sweep-stdout-closed-status "$rc" 1
check_grep sweep-stdout-closed-msg "^nrn-sweep: standard output is closed" closed2.txt

# ---- step counts that would never end (these hung at t = 0 at 100% CPU)
cat > cell.tcl <<'TCL'
section soma -L 10 -diam 10
insert hh soma
record soma(0.5).v
TCL
check_err run-dt-tiny 1 "dt 1e-11 ms from t = 0 to 5 ms is 5e\+11 steps, more than the limit of 1e\+09" \
    timeout 20 nrn-run --dt 1e-11 cell.tcl
printf 'setval dt 1e-11\nrun\n' > dt.tcl
check_err run-setval-dt-tiny 1 "^nrn-run: dt.tcl:2: dt 1e-11 ms .* more than the limit of 1e\+09" \
    timeout 20 nrn-run cell.tcl dt.tcl
printf 'setval steps_per_ms 1e-300\nrun\n' > spm.tcl
check_err run-steps-per-ms-tiny 1 "steps_per_ms 1e-300 with dt 0.025 ms is 4e\+301 steps" \
    timeout 20 nrn-run cell.tcl spm.tcl
printf 'setval steps_per_ms 1e300\nrun\n' > spm2.tcl
check_err run-steps-per-ms-huge 1 "steps_per_ms 1e\+300 makes dt 1e-300 ms" \
    timeout 20 nrn-run cell.tcl spm2.tcl
printf 'finitialize\ncontinuerun 1e12\n' > cr.tcl
check_err run-continuerun-far 1 "^nrn-run: cr.tcl:2: dt 0.025 ms from t = 0 to 1e\+12 ms is 4e\+13 steps" \
    timeout 20 nrn-run cell.tcl cr.tcl
check_err run-every-tiny 1 "record interval 1e-320 ms|record interval 9.99989e-321 ms is under half of dt" \
    timeout 20 nrn-run --every 1e-320 cell.tcl
check_err run-every-small 1 "record interval 1e-06 ms is under half of dt 0.025 ms" \
    timeout 20 nrn-run --every 1e-6 cell.tcl
check_err run-dt-inf 2 "^nrn-run: --dt: expected a number" nrn-run --dt inf cell.tcl
printf 'setval dt Inf\n' > dtinf.tcl
check_err run-setval-dt-inf 1 "dtinf.tcl:1: dt must be finite, got inf" nrn-run cell.tcl dtinf.tcl
nrn-build -o m.csv cell.tcl
sed 's/^global,,,,dt,0.025,/global,,,,dt,1e-320,/' m.csv > tiny.csv
check_eq run-model-dt-edited "$(grep -c 'dt,1e-320' tiny.csv)" 1
check_err run-model-dt-tiny 1 "an endless number of steps, more than the limit" \
    timeout 20 nrn-run -m tiny.csv -r 'soma(0.5).v'
# the limits leave ordinary runs alone: --every equal to dt, a long tstop
nrn-run --every 0.025 --tstop 1 cell.tcl > ev.csv 2> ev.txt
rows=$(wc -l < ev.csv | tr -d ' ')
if [ "$rows" -ge 41 ] && [ "$rows" -le 42 ] && [ ! -s ev.txt ]; then pass run-every-dt-rows
else fail run-every-dt-rows "$rows lines" "$(cat ev.txt)"; fi

# ---- run changing dt says so, once, with the value used (NEURON's "Changed dt")
nrn-run --dt 0.01 -r 'soma(0.5).v' cell.tcl > dt01.csv 2> dt01.txt
check_eq run-dt-notice "$(cat dt01.txt)" \
    "nrn-run: dt 0.01 ms changed to 0.0125 ms: run takes an integer number of steps per 1/steps_per_ms = 0.025 ms"
check_eq run-dt-notice-used "$(sed -n 3p dt01.csv | cut -d, -f1)" 0.0125
printf 'run\nsetval dt 0.01\nrun\n' > twice.tcl
nrn-run --dt 0.01 cell.tcl twice.tcl > /dev/null 2> twice.txt
check_eq run-dt-notice-once "$(wc -l < twice.txt | tr -d ' ')" 1
nrn-run --dt 0.0125 cell.tcl > /dev/null 2> dt0125.txt
check_eq run-dt-no-notice "$(cat dt0125.txt)" ""

# ---- command-line values win over model files and scripts (PRECEDENCE in man nrn-run)
nrn-build --insert hh -o cell.csv cell.tcl 2>/dev/null
check_eq run-model-csv-has-tstop "$(grep -c '^global,,,,tstop,5,' cell.csv)" 1
nrn-run -m cell.csv -r 'soma(0.5).v' --tstop 20 --dt 0.0125 --celsius 20 --v-init -70 \
    > prec.csv 2> prec.txt
check_eq run-precedence-model-tstop "$(tail -1 prec.csv | awk -F, '{ print ($1 > 19.99 && $1 < 20.01) }')" 1
check_eq run-precedence-model-vinit "$(sed -n 2p prec.csv | cut -d, -f2)" -70.0
check_eq run-precedence-model-quiet "$(cat prec.txt)" ""
printf 'puts stderr [format %%g,%%g,%%g,%%g [getval tstop] [getval dt] [getval celsius] [getval v_init]]\n' > show.tcl
nrn-run -m cell.csv --tstop 20 --dt 0.0125 --celsius 20 --v-init -70 show.tcl 2> show.txt >/dev/null
check_eq run-precedence-model-values "$(cat show.txt)" "20,0.0125,20,-70"
printf 'setval tstop 100\nsetval celsius 30\nputs stderr [format %%g,%%g [getval tstop] [getval celsius]]\n' > sets.tcl
nrn-run --tstop 2 --celsius 25 cell.tcl sets.tcl 2> sets.txt >/dev/null
check_eq run-precedence-script "$(tail -1 sets.txt)" "2,25"
check_grep run-precedence-script-notice "^nrn-run: tstop 100 ignored: --tstop 2 wins$" sets.txt
check_eq run-precedence-script-lines "$(wc -l < sets.txt | tr -d ' ')" 3
printf 'reset\nputs stderr [format %%g [getval tstop]]\n' > reset.tcl
nrn-run --tstop 7 reset.tcl 2> reset.txt
check_eq run-precedence-reset "$(cat reset.txt)" 7
# without the options, the files' values are used
nrn-run -m cell.csv sets.tcl 2> nosets.txt >/dev/null
check_eq run-precedence-none "$(cat nosets.txt)" "100,30"

# ---- errors that blame the right thing
check_err run-record-option-blamed 1 '^nrn-run: -r soma\(0.5\).vv: unknown variable "vv" at soma\(0.5\); did you mean v\?$' \
    nrn-run -r 'soma(0.5).vv' "$R/hh.tcl"
check_err run-record-option-implicit 1 '^nrn-run: -r soma\(0.5\).vv: unknown variable' \
    nrn-run -r 'soma(0.5).vv' cell.tcl
printf 'from neuron import h\nh.load_file("stdrun.hoc")\n' > cell.py
check_err run-python-file 1 '^nrn-run: cell.py:1: invalid command name "from" \(a Python script\? nrn-run reads Tcl: see man nrn-tcl\)$' \
    nrn-run cell.py
cp cell.py cellpy.tcl
check_err run-python-keyword 1 'cellpy.tcl:1: .*\(a Python script\? nrn-run reads Tcl' nrn-run cellpy.tcl
printf 'create soma\naccess soma\n' > cell.hoc
check_err run-hoc-file 1 '^nrn-run: cell.hoc:1: invalid command name "create" \(a HOC script\? nrn-run reads Tcl: see man nrn-tcl\)$' \
    nrn-run cell.hoc
printf 'section soma\nIClamp ic soma[0](0.5)\n' > br.tcl
check_err run-bracket-hint 1 '^nrn-run: br.tcl:2: invalid command name "0" \(a section name with \[ \] must be braced: \{soma\[0\]\(0.5\)\}\)$' \
    nrn-run br.tcl
printf 'section soma\nputs [getval dend[12].L]\n' > br2.tcl
check_err run-bracket-hint-value 1 'must be braced: \{dend\[12\].L\}\)$' nrn-run br2.tcl
printf 'section soma\nsetval x [expr {1+}]\n' > expr.tcl
check_err run-error-one-line 1 '^nrn-run: expr.tcl:2: missing operand' nrn-run expr.tcl
printf 'x,Spikecount\n' > /dev/null
nrn-sweep cell.py -p x=1:2:2 --measure Spikecount > sw.csv 2>/dev/null
check_grep sweep-python-file 'a Python script\? nrn-sweep reads Tcl' sw.csv

# ---- numerical guards: the message names the segment and the variable, and a cause that
# fits (not "dt too large?" for a temperature or a zero diameter)
cat > hot.tcl <<'TCL'
section soma -L 10 -diam 10
section dend -L 100 -diam 1 -nseg 5
connect dend(0) soma(1)
insert hh soma
setval celsius 1e6
record soma(0.5).v
run
TCL
check_err run-nan-celsius 1 '^nrn-run: hot.tcl:7: soma\(0.5\).v became nan at t = [0-9.]+ ms; [a-z]+_hh is not finite there \(celsius is 1e\+06\)$' \
    nrn-run hot.tcl
cat > thin.tcl <<'TCL'
section soma -L 10 -diam 10
section dend
connect dend(0) soma(1)
pt3dadd dend 0 0 0 0
pt3dadd dend 10 0 0 0
insert hh dend
record soma(0.5).v
run
TCL
check_err run-nan-zero-diam 1 '^nrn-run: thin.tcl:8: dend\(0.5\).v became nan at t = [0-9.]+ ms; [a-z]+_hh is not finite there \(its area is 0 um2: a zero or bad diameter\?\)$' \
    nrn-run thin.tcl
# values no float holds are refused by pt3dadd and by the model CSV reader
printf 'section soma\npt3dadd soma 0 0 0 1\npt3dadd soma 1e39 0 0 1\n' > big.tcl
check_err run-pt3d-too-large 1 '^nrn-run: big.tcl:3: pt3dadd: 1e\+39 is too large: 3-D points are floats, at most 3.40282e\+38$' \
    nrn-run big.tcl
printf 'section soma\npt3dadd soma 0 0 0 1\npt3dadd soma 10 0 0 1\n' > pts.tcl
nrn-build -o pts.csv pts.tcl
awk -F, 'BEGIN { OFS = "," } $1 == "pt3d" && $3 == 1 { $7 = "1e39" } { print }' pts.csv > big.csv
check_eq run-model-big-edited "$(grep -c '^pt3d,soma,1,,,,1e39,' big.csv)" 1
check_err run-model-pt3d-too-large 1 '^nrn-run: big.csv:[0-9]+: pt3dadd: 1e\+39 is too large' \
    nrn-run -m big.csv -r 'soma(0.5).v' -
awk -F, 'BEGIN { OFS = "," } $1 == "prop" && $5 == "Ra" { $6 = "inf" } { print }' pts.csv > inf.csv
check_err run-model-inf 1 '^nrn-run: inf.csv:[0-9]+: value "inf" is not a finite number$' \
    nrn-run -m inf.csv -r 'soma(0.5).v' -
# a record of an object deleted before the run is an error, not a column of NaN
printf 'section soma -L 10 -diam 10\nIClamp ic soma(0.5) -amp 1 -dur 1\nrecord ic.i\nic delete\nrun\n' > del.tcl
check_err run-record-deleted 1 '^nrn-run: del.tcl:5: record ic.i: its object was deleted after the record was made' \
    nrn-run -o del.csv del.tcl
check_eq run-record-deleted-no-file "$(ls del.csv 2>/dev/null)" ""
# vector play refuses times that go back
printf 'section soma -L 10 -diam 10\nIClamp ic soma(0.5)\nvector set tt {0 2 1}\nvector set aa {0 1 2}\nvector play aa ic.amp tt\n' > play.tcl
check_err run-play-unsorted 1 '^nrn-run: play.tcl:5: play: times must not decrease: tt\[2\] = 1 after 2$' nrn-run play.tcl
printf 'section soma -L 10 -diam 10\nIClamp ic soma(0.5)\nvector set tt {0 1 1 2}\nvector set aa {0 1 2 3}\nvector play aa ic.amp tt\n' > play2.tcl
check_status run-play-equal-times 0 nrn-run play2.tcl

# ---- savestate read checks the length field against the file before allocating
printf 'section soma\ninsert hh soma\nfinitialize -65\nsavestate save s0\nsavestate write s0 st.dat\n' > sw.tcl
nrn-run sw.tcl
printf '\000\000\000\000\200\000\000\000' | dd of=st.dat bs=1 seek=20 conv=notrunc 2>/dev/null
printf 'section soma\ninsert hh soma\nsavestate read s1 st.dat\n' > sr.tcl
check_err run-savestate-length 1 "^nrn-run: sr.tcl:3: st.dat: damaged saved state \(its length field does not match the file\)$" \
    nrn-run sr.tcl
