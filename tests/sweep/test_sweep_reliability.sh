#!/bin/sh
# test_sweep_reliability.sh: nrn-sweep against misuse (issues 11 and 12): usage is checked
# before a grid is made and a grid's size before its values (no minutes and gigabytes before
# exit 2); --points files with a byte order mark, comments, blank lines, NUL bytes, a bad
# header; provenance rows of killed sweeps marked interrupted; a parameter the script never
# reads refused; model CSVs, SWC and ASC files as -m MODEL.
. "$(dirname "$0")/../lib.sh"
R="$ROOT/recipes"
cd "$TMP" || exit 1
# the HH soma the tests below vary (Tcl variable amp)
cat > soma.tcl <<'TCL'
section soma -L 20 -diam 20
insert hh soma
IClamp ic soma(0.5) -delay 1 -dur 5 -amp $amp
record t
record soma(0.5).v
setval tstop 10
TCL

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
check_usage sweep-range-limit "the grid has 20000000 points, more than the 10000000" \
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

# ---- issue 11.14: provenance rows of sweeps killed before they could say so
(cat soma.tcl; echo 'after 300') > slow.tcl
q() { sqlite3 s.sqlite "$1" 2>/dev/null; }
# wait_running RUN: waits (at most 30 s) until provenance row RUN is there and running
wait_running() {
    i=0
    while [ "$(q "SELECT status FROM provenance WHERE run = $1")" != running ] && [ $i -lt 300 ]; do
        sleep 0.1; i=$((i + 1))
    done
}
if command -v sqlite3 >/dev/null; then
    nrn-sweep slow.tcl -p amp=0:1:50 -j 1 --db s.sqlite --measure Spikecount 2>/dev/null &
    pid=$!
    wait_running 1
    # another sweep on the same file while the first runs: the live row stays running
    nrn-sweep "$R/hh.tcl" -p ic.amp=0.1 --db s.sqlite --table quick --measure Spikecount 2>/dev/null
    check_eq sweep-prov-live-kept "$(q 'SELECT status FROM provenance ORDER BY run' | tr '\n' ' ')" \
        "running complete "
    kill -KILL $pid
    wait $pid 2>/dev/null
    check_eq sweep-prov-killed-running "$(q 'SELECT status FROM provenance WHERE run = 1')" running
    # the next run on the file finds the killed sweep's row and says it is over
    nrn-sweep "$R/hh.tcl" -p ic.amp=0.1 --db s.sqlite --table quick --measure Spikecount 2>/dev/null
    check_eq sweep-prov-stale-marked "$(q 'SELECT status FROM provenance ORDER BY run' | tr '\n' ' ')" \
        "interrupted complete complete "
    check_eq sweep-prov-pid "$(q 'SELECT count(*) FROM provenance WHERE pid > 0')" 3
    # a row of a process that is gone (pid far above any pid_max), and one of an older
    # nrn-sweep without a pid: both stale; another host's row cannot be checked: kept
    q "INSERT INTO provenance (tbl, host, status, pid) VALUES ('x', (SELECT host FROM provenance WHERE run = 1), 'running', 99999999);
       INSERT INTO provenance (tbl, host, status) VALUES ('x', (SELECT host FROM provenance WHERE run = 1), 'running');
       INSERT INTO provenance (tbl, host, status, pid) VALUES ('x', 'elsewhere.example', 'running', 1)"
    nrn-sweep "$R/hh.tcl" -p ic.amp=0.1 --db s.sqlite --table quick --measure Spikecount 2>/dev/null
    check_eq sweep-prov-stale-kinds "$(q 'SELECT status FROM provenance WHERE run > 3 ORDER BY run' | tr '\n' ' ')" \
        "interrupted interrupted running complete "
    # SIGTERM: the sweep marks its own row before it dies
    rm -f s.sqlite*
    nrn-sweep slow.tcl -p amp=0:1:50 -j 1 --db s.sqlite --measure Spikecount 2>/dev/null &
    pid=$!
    wait_running 1
    kill -TERM $pid
    wait $pid 2>/dev/null
    check_eq sweep-prov-sigterm "$?/$(q 'SELECT status FROM provenance')" "143/interrupted"
else
    echo "SKIP: sweep-prov-* (no sqlite3)"
fi

# ---- issue 12: -m takes model CSVs, SWC and ASC files as nrn-run does
M="$ROOT/tests/morph"
nrn-build --insert hh -o cell.csv "$M/c91662.swc"
cat > stim.tcl <<'TCL'
IClamp ic {soma[0](0.5)} -delay 1 -dur 3 -amp 0.5
record t
record {soma[0](0.5).v}
TCL
nrn-sweep -m cell.csv stim.tcl -p ic.amp=0.5,2 --measure Spikecount,maximum_voltage > mcsv.out 2> mcsv.err
check_eq sweep-model-csv-status "$?/$(cat mcsv.err)" "0/"
check_eq sweep-model-csv-spikes "$(cut -d, -f2 mcsv.out | tr '\n' ' ')" "Spikecount 0 1 "
# the point ic.amp=2 is the run nrn-run makes with the same files, to the last bit
sed 's/-amp 0.5/-amp 2/' stim.tcl > stim2.tcl
nrn-run -m cell.csv stim2.tcl | tail -n +2 | cut -d, -f2 | sort -g | tail -1 > run.max
check_eq sweep-model-csv-equals-run "$(sed -n 3p mcsv.out | cut -d, -f3)" "$(cat run.max)"
# batches on threads and points one at a time in forked workers: the same numbers
nrn-sweep -m cell.csv stim.tcl -p ic.amp=0.5:2:4 --measure maximum_voltage,AP_amplitude --batch 1 \
    | cut -d, -f1-5,7 > forked.out
nrn-sweep -m cell.csv stim.tcl -p ic.amp=0.5:2:4 --measure maximum_voltage,AP_amplitude --batch 4 \
    | cut -d, -f1-5,7 > batch.out
check_files sweep-model-csv-modes forked.out batch.out
# the command line's --tstop wins over the model CSV's (nrn-build writes tstop 5)
nrn-sweep -m cell.csv stim.tcl -p ic.amp=2 --measure Spikecount --tstop 7 --db t.sqlite > /dev/null
if command -v sqlite3 >/dev/null; then
    check_eq sweep-model-csv-tstop "$(sqlite3 t.sqlite 'SELECT tstop FROM provenance')" 7.0
fi
cat > morph.tcl <<'TCL'
insert hh
IClamp ic {soma[0](0.5)} -delay 1 -dur 3 -amp $amp
record t
record {soma[0](0.5).v}
TCL
# (the importers' notes on how they drew the soma go to stderr, as with nrn-run)
nrn-sweep -m "$M/ball_and_stick.swc" morph.tcl -p amp=0,3 --measure Spikecount > swc.out 2> swc.err
check_eq sweep-model-swc "$?/$(cut -d, -f2 swc.out | tr '\n' ' ')" "0/Spikecount 0 1 "
nrn-sweep -m "$M/asc_branches.asc" morph.tcl -p amp=0,3 --measure Spikecount > asc.out 2> asc.err
check_eq sweep-model-asc "$?/$(cut -d, -f2 asc.out | tr '\n' ' ')" "0/Spikecount 0 1 "
printf 'kind,section\nbogus,soma\n' > bad.csv
nrn-sweep -m bad.csv stim.tcl -p ic.amp=1 > /dev/null 2> bad.err
check_eq sweep-model-csv-bad "$?/$(wc -l < bad.err | tr -d ' ')" "1/1"
check_grep sweep-model-csv-bad-line '^nrn-sweep: bad.csv:[0-9]+: ' bad.err

# ---- issue 12: a parameter that is neither a value of the model nor read by the scripts
cp soma.tcl var.tcl
check_usage sweep-var-unread "^nrn-sweep: -p ampp: the scripts never read Tcl variable ampp" \
    nrn-sweep var.tcl -p amp=0.1,0.5 -p ampp=1,2
check_usage sweep-var-nopath "^nrn-sweep: -p ic.ampp: .*did you mean amp" \
    nrn-sweep var.tcl -p amp=0.1,0.5 -p ic.ampp=1,2
(echo 'set amp 0.3'; cat var.tcl) > shadow.tcl
check_usage sweep-var-overwritten "^nrn-sweep: -p amp: the scripts set amp before reading it" \
    nrn-sweep shadow.tcl -p amp=0.1,0.5
printf 'amp,gain\n0.1,1\n0.5,2\n' > vpts.csv
check_usage sweep-var-points "^nrn-sweep: -p gain: the scripts never read" \
    nrn-sweep var.tcl --points vpts.csv
# read through the sweep array, or kept when given from outside: fine
sed 's/-amp \$amp/-amp $sweep(amp)/' var.tcl > arr.tcl
nrn-sweep arr.tcl -p amp=0.1,0.5 --measure Spikecount 2> arr.err | cut -d, -f1-4,6 > arr.out
check_eq sweep-var-array "$(cat arr.err)/$(cut -d, -f3 arr.out | tr '\n' ' ')" "/status ok ok "
(echo 'if {![info exists amp]} {set amp 0.3}'; cat var.tcl) > kept.tcl
nrn-sweep kept.tcl -p amp=0.1,0.5 --measure Spikecount 2> kept.err | cut -d, -f1-4,6 > kept.out
check_eq sweep-var-default "$(cat kept.err)/$(cut -d, -f3 kept.out | tr '\n' ' ')" "/status ok ok "
check_files sweep-var-same-numbers arr.out kept.out
# a first point that fails for its own reasons does not hide the check, nor is it bad usage
(echo 'if {$amp < 0} { error "negative amp" }'; cat soma.tcl) > firstfail.tcl
nrn-sweep firstfail.tcl -p amp=-1,0.5 -j 1 --measure Spikecount > ff.out 2> ff.err
check_eq sweep-var-first-fails "$?/$(cut -d, -f3 ff.out | tr '\n' ' ')" "1/status failed ok "
check_usage sweep-var-after-fail "-p other: the scripts never read" \
    nrn-sweep firstfail.tcl -p amp=-1,0.5 -p other=1 -j 1
if command -v sqlite3 >/dev/null; then
    nrn-sweep var.tcl -p amp=0.1,0.5 -p ampp=1,2 --db r.sqlite 2>/dev/null
    check_eq sweep-var-refused-db "$?/$(sqlite3 r.sqlite 'SELECT status FROM provenance')/$(sqlite3 r.sqlite 'SELECT count(*) FROM sweep')" \
        "2/refused/0"
fi

# ---- outputs are checked before any point runs (a directory, a missing folder, an empty
# name: SQLite would take "" or :memory: for a database that vanishes with the results)
mkdir -p outdir
sed 's/\$amp/0.3/' soma.tcl > count.tcl
check_usage sweep-output-dir "^nrn-sweep: -o outdir: is a directory$" nrn-sweep count.tcl -p ic.amp=0.1 -o outdir
check_usage sweep-output-nofolder "^nrn-sweep: -o no/such/x.csv: cannot write in no/such: " \
    nrn-sweep count.tcl -p ic.amp=0.1 -o no/such/x.csv
check_usage sweep-output-empty "^nrn-sweep: -o: empty file name$" nrn-sweep count.tcl -p ic.amp=0.1 -o ''
check_usage sweep-db-empty "^nrn-sweep: --db: empty file name$" nrn-sweep count.tcl -p ic.amp=0.1 --db ''
check_usage sweep-db-memory "^nrn-sweep: --db: ':memory:' keeps nothing" nrn-sweep count.tcl -p ic.amp=0.1 --db :memory:
check_usage sweep-db-dir "^nrn-sweep: --db outdir: is a directory$" nrn-sweep count.tcl -p ic.amp=0.1 --db outdir
