#!/bin/sh
# test_nrn_run.sh: nrn-run end to end: CSV byte for byte against NEURON's reference
# files, stdin, -D, -r, -o (atomic: a failure leaves no file and no temporary file),
# exit statuses and error lines, --help/--version, live output into a pipe, and the
# recipes (each recipe is a test).
. "$(dirname "$0")/../lib.sh"
G="$ROOT/tests/golden"
R="$ROOT/recipes"
cd "$TMP" || exit 1

cut -d, -f1,2 "$G/hh_soma.csv" > hh_tv.csv

# ---- CSV out, byte for byte
nrn-run "$R/hh.tcl" > out.csv 2> err.txt
check_files run-hh-golden out.csv hh_tv.csv
check_eq run-hh-quiet "$(cat err.txt)" ""
nrn-run -r 'soma(0.5).m_hh' "$R/hh.tcl" > out3.csv
check_files run-record-option-golden out3.csv "$G/hh_soma.csv"
nrn-run < "$R/hh.tcl" > stdin1.csv
check_files run-stdin-implicit stdin1.csv hh_tv.csv
nrn-run - < "$R/hh.tcl" > stdin2.csv
check_files run-stdin-dash stdin2.csv hh_tv.csv

cat > amp.tcl <<'TCL'
section soma -L 10 -diam 10
insert hh soma
IClamp ic soma(0.5) -delay 2 -dur 0.1 -amp $amp
record t
record soma(0.5).v
finitialize -65
continuerun $tstop
TCL
nrn-run -D amp=1 -D tstop=10 amp.tcl > amp.csv
check_files run-define amp.csv hh_tv.csv
check_status run-define-missing 1 nrn-run -D tstop=10 amp.tcl
check_status run-define-bad 2 nrn-run -D amp amp.tcl

# No simulation command in the scripts but records: nrn-run runs `run` (v_init, tstop).
cat > build.tcl <<'TCL'
section soma -L 10 -diam 10
insert hh soma
IClamp ic soma(0.5) -delay 2 -dur 0.1 -amp 1
TCL
nrn-run -r 'soma(0.5).v' --tstop 10 build.tcl > implicit.csv
check_files run-implicit-run implicit.csv hh_tv.csv
printf 'record t\nrecord soma(0.5).v\n' > rec.tcl
nrn-run -m build.tcl --tstop 10 rec.tcl > model.csv
check_files run-model-option model.csv hh_tv.csv
nrn-run build.tcl > none.csv
check_eq run-nothing-recorded "$(wc -c < none.csv | tr -d ' ')" 0

# --precision, --every, globals before the scripts
nrn-run --precision 6 "$R/hh.tcl" | sed -n 3p > prec.txt
check_eq run-precision "$(cat prec.txt)" "0.025,-64.9993"
nrn-run --every 0.1 -r 'soma(0.5).v' --tstop 10 build.tcl > every.csv
rows=$(wc -l < every.csv | tr -d ' ')
if [ "$rows" -ge 101 ] && [ "$rows" -le 102 ]; then pass run-every-rows; else fail run-every-rows "$rows lines"; fi
check_eq run-every-t "$(sed -n 3p every.csv | cut -d, -f1)" 0.1
echo 'puts stderr [getval dt],[getval celsius],[getval v_init],[getval tstop]' > g.tcl
nrn-run --dt 0.01 --celsius 20 --v-init -70 --tstop 3 g.tcl 2> g.txt
check_eq run-globals "$(cat g.txt)" "0.01,20.0,-70.0,3.0"
echo 'setval dt 0.05; puts stderr [getval dt]' > g2.tcl
nrn-run --dt 0.01 g2.tcl 2> g2.txt
check_eq run-globals-option-wins "$(cat g2.txt)" "nrn-run: dt 0.05 ignored: --dt 0.01 wins
0.01"
check_status run-bad-dt 2 nrn-run --dt -1 g.tcl
check_grep run-bad-dt-message '^nrn-run: --dt: dt must be > 0' "$TMP/err"
check_status run-bad-precision 2 nrn-run --precision 30 g.tcl

# ---- -o: whole or nothing
mkdir outdir
nrn-run -o outdir/hh.csv "$R/hh.tcl" > o_stdout.txt
check_files run-output-file outdir/hh.csv hh_tv.csv
check_eq run-output-stdout-empty "$(wc -c < o_stdout.txt | tr -d ' ')" 0
check_eq run-output-no-temp "$(ls -A outdir)" "hh.csv"
printf 'section soma\nrecord soma(0.5).v\nrun\nerror boom\n' > fails.tcl
mkdir faildir
check_status run-output-fail-status 1 nrn-run -o faildir/x.csv fails.tcl
check_eq run-output-fail-nothing "$(ls -A faildir)" ""
echo old > faildir/keep.csv
nrn-run -o faildir/keep.csv fails.tcl 2>/dev/null
check_eq run-output-fail-keeps-old "$(cat faildir/keep.csv)" "old"
check_eq run-output-fail-no-temp "$(ls -A faildir)" "keep.csv"
check_status run-output-bad-dir 1 nrn-run -o /nonexistent/dir/x.csv "$R/hh.tcl"
# interrupted: SIGINT during a long run leaves no temporary file
mkdir intdir
printf 'section soma\ninsert hh soma\nrecord soma(0.5).v\nsetval tstop 1e6\nrun\n' > long.tcl
nrn-run -o intdir/long.csv long.tcl &
interrupt_run intdir $!
check_eq run-interrupt-no-temp "$(ls -A intdir)" ""

# ---- errors: one line, FILE:LINE: message, status 1; usage: status 2
cat > err1.tcl <<'TCL'
section soma
insert hh soma

foreach i {1 2} {
    set y 2
    if {$i == 2} {
        getval soma(0.5).gnabar_hx
    }
}
TCL
check_status run-error-status 1 nrn-run err1.tcl
check_eq run-error-line "$(cat "$TMP/err")" \
    'nrn-run: err1.tcl:7: unknown variable "gnabar_hx" at soma(0.5); did you mean gnabar_hh?'
printf 'section a\n\nconnect {dend[3]} a(1)\n' > err2.tcl
check_status run-error-section 1 nrn-run err2.tcl
check_eq run-error-section-line "$(cat "$TMP/err")" 'nrn-run: err2.tcl:3: no section named "dend[3]"'
printf 'proc f {} {\n    getval nosuch\n}\n\nf\n' > err3.tcl
check_status run-error-proc 1 nrn-run err3.tcl
check_grep run-error-proc-line '^nrn-run: err3.tcl:5: ' "$TMP/err"
printf 'section a\nsection b -L -5\n' > err4.tcl
nrn-run < err4.tcl 2> err4.txt
check_eq run-error-stdin "$(cat err4.txt)" 'nrn-run: stdin:2: L must be > 0, got -5'
printf 'source err2.tcl\n' > err5.tcl
check_status run-error-sourced 1 nrn-run err5.tcl
check_eq run-error-sourced-line "$(cat "$TMP/err")" 'nrn-run: err2.tcl:3: no section named "dend[3]"'
printf 'section soma\nrecord soma(0.5).v\nrun\n' > r.tcl
check_status run-record-option-bad 1 nrn-run -r 'soma(2).v' r.tcl
check_grep run-record-option-bad-msg 'soma\(2\)\.v' "$TMP/err"
check_status run-usage-unknown-option 2 nrn-run --bogus
check_grep run-usage-message '^nrn-run: unknown option --bogus' "$TMP/err"
check_status run-usage-missing-script 2 nrn-run nosuch.tcl
check_status run-usage-missing-arg 2 nrn-run "$R/hh.tcl" -o
check_status run-usage-two-stdin 2 nrn-run - -
check_status run-usage-swc-model 2 nrn-run -m cell.swc "$R/hh.tcl"

# exit in a script: 0 ends normally (output written), another status fails without output
printf 'section soma\nrecord t\nfinitialize\nfadvance\nexit\nerror never\n' > exit0.tcl
nrn-run -o exit0.csv exit0.tcl
check_eq run-exit-0 "$(cat exit0.csv | tr '\n' ' ')" "t 0.0 0.025 "
printf 'section soma\nrecord t\nrun\nexit 3\n' > exit3.tcl
check_status run-exit-3 3 nrn-run -o exit3.csv exit3.tcl
check_eq run-exit-3-no-file "$(ls -A | grep -c exit3.csv)" 0

# ---- help and version
check_status run-help 0 nrn-run --help
check_grep run-help-usage '^Usage: nrn-run ' "$TMP/out"
check_grep run-help-examples '^Examples:' "$TMP/out"
check_grep run-help-every-option '--precision N' "$TMP/out"
check_status run-help-short 0 nrn-run -h
check_status run-version 0 nrn-run --version
check_grep run-version-nrn '^nrn-run [0-9]+\.[0-9]+\.[0-9]+' "$TMP/out"
check_grep run-version-tcl '^Tcl 8\.' "$TMP/out"
check_grep run-version-csv '^libcsv [0-9]' "$TMP/out"

# ---- live output into a pipe: the first rows arrive while the script still runs
printf 'source %s\nafter 1500\n' "$R/hh.tcl" > live.tcl
nrn-run live.tcl | { head -n 3 > live_head.txt; date +%s%N > live_t1; cat > /dev/null; }
date +%s%N > live_t2
check_eq run-live-rows "$(cat live_head.txt | tr '\n' ' ')" "t,soma(0.5).v 0.0,-65.0 0.025,-64.99925452909274 "
gap=$(( ($(cat live_t2) - $(cat live_t1)) / 1000000 ))
if [ "$gap" -ge 1000 ]; then pass run-live-early; else fail run-live-early "rows came ${gap} ms before the end"; fi
nrn-run "$R/hh.tcl" | cat > piped.csv
check_files run-pipe-same piped.csv hh_tv.csv
nrn-run "$R/hh.tcl" | head -n 1 > /dev/null
check_eq run-pipe-closed-early "$?" 0

# ---- recipes
nrn-run "$R/topology.tcl" > topo.txt
check_files recipe-topology topo.txt "$G/topology_course.txt"
nrn-run "$R/cell-class.tcl" > cells.csv 2> cells.err
check_eq recipe-cell-class-header "$(head -n 1 cells.csv)" "t,soma_v"
check_eq recipe-cell-class-rows "$(wc -l < cells.csv | tr -d ' ')" 1002
check_grep recipe-cell-class-built 'built 1000 cells, 2000 sections' cells.err
nrn-run -D ncells=8 "$R/cell-class.tcl" > cells8.csv 2>/dev/null
check_files recipe-cell-class-independent cells8.csv cells.csv
peak=$(cut -d, -f2 cells.csv | sed 1d | sort -g | tail -n 1)
check_eq recipe-cell-class-spikes "$(awk -v p="$peak" 'BEGIN { print (p > 0) }')" 1
nrn-run "$R/nonuniform.tcl" > nonuni.csv 2> nonuni.err
check_eq recipe-nonuniform-header "$(head -n 1 nonuni.csv)" "t,soma(0.5).v,ap(0.5).v,ap(0.9).v"
check_eq recipe-nonuniform-rows "$(wc -l < nonuni.csv | tr -d ' ')" 402
check_eq recipe-nonuniform-densities "$(wc -l < nonuni.err | tr -d ' ')" 21
check_grep recipe-nonuniform-first 'ap\(0.0238095\) +d= +9.5 um +gnabar_hh=0.117143' nonuni.err
mkdir pipe
sh "$R/pipeline.sh" pipe > pipe.out 2> pipe.err
check_eq recipe-pipeline-status "$?" 0
check_files recipe-pipeline-data pipe/data.csv hh_tv.csv
check_files recipe-pipeline-roundtrip pipe/back.csv pipe/data.csv
check_grep recipe-pipeline-summary '^401\|' pipe.out
check_eq recipe-pipeline-peak-header "$(head -n 1 pipe/peak.csv)" "t,soma(0.5).v"
