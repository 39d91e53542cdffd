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
