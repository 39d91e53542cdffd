#!/bin/sh
# test_nmodl_modeldb.sh: the project's own .mod files written in the styles of published ModelDB
# sets (tests/nmodl/modeldb, README there) against NEURON 8.2.2 running the same files
# (tests/golden/nmodl_modeldb_*.py): cortical, hippocampal and L5-style channel sets under a
# current step, kinetic synapses reading a release mechanism through POINTERs, an STDP-style
# double-exponential synapse, an event-driven point neuron with WATCH and net_event, and odd
# language forms (MUTEXLOCK, while, FROM loops, LOCAL arrays, exp guards), exp of arguments
# beyond +-700, bit for bit with the
# fixed step; under CVODE NEURON's steps up to the first spike and its spike times.
. "$(dirname "$0")/../lib.sh"
M="$ROOT/tests/nmodl/modeldb"
G="$ROOT/tests/golden"
cd "$TMP" || exit 1
nrn-build mod -o modeldb.so "$M" 2> err || fail modeldb-build "$(cat err)"
[ -s err ] && fail modeldb-build-quiet "$(cat err)"

# ---- fixed step: every 4th row (the goldens' t = 0, 0.1, ...), bit for bit; izh every row
for m in cortical hippocampal l5 synapses izh; do
    every=4; [ $m = izh ] && every=1
    nrn-run -D lib=./modeldb.so -D model=$m "$M/modeldb.tcl" 2> $m.err |
        awk -v e=$every 'NR == 1 || (NR - 2) % e == 0' > $m.csv
    check_files modeldb-$m-golden $m.csv "$G/nmodl_modeldb_$m.csv"
done
# exp beyond +-700 as NEURON's mechanisms have it (hoc_Exp: 0 below -700, exp(700) above)
nrn-run -D lib=./modeldb.so -D model=steep -D tstop=30 "$M/modeldb.tcl" > steep.csv 2> steep.err
check_files modeldb-steep-exp-range steep.csv "$G/nmodl_modeldb_steep.csv"
# the models did something: spikes in each cell model, a synaptic current, a reset of izh07
spikes() { awk -F, -v c="$2" 'NR > 2 && $c > 0 && p <= 0 { n++ } NR > 1 { p = $c } END { print n + 0 }' "$1"; }
check_eq modeldb-spikes "$(spikes cortical.csv 2) $(spikes hippocampal.csv 2) $(spikes l5.csv 2) $(spikes synapses.csv 2)" "8 10 8 4"
if awk -F, 'NR > 1 && $5 > 0.01 { o = 1 } NR > 1 && $11 > 30 { w = 1 } NR > 1 && $13 > 0 { s = 1 }
            END { exit !(o && w && s) }' synapses.csv; then pass modeldb-synapses-acted
else fail modeldb-synapses-acted "$(sed -n 2p synapses.csv)"; fi

# ---- CVODE (atol 1e-5, rtol 0, 40 ms): NEURON's steps through the first spike (t within
# 2e-6 ms, v 1e-4 mV), v within 1 mV of NEURON's interpolated at our t, the spike times within
# 0.005 ms, the step count within 5%
cvode_check() { # MODEL ROWS
    g="$G/nmodl_modeldb_$1_cvode.csv"
    nrn-run -D lib=./modeldb.so -D model=$1 -D cvode=1 -D tstop=40 "$M/modeldb.tcl" > $1_cv.csv 2> $1_cv.err
    check_eq "modeldb-$1-cvode-steps" "$(paste -d, $1_cv.csv "$g" | awk -F, -v rows="$2" -v nc="$(head -1 "$g" | awk -F, '{ print NF }')" \
        'function ab(x) { return x < 0 ? -x : x }
        NR > 1 && NR <= rows + 1 { if (ab($1 - $(nc + 1)) > 2e-6 || ab($2 - $(nc + 2)) > 1e-4) { print NR ": " $1 "," $2; exit } }
        END { if (NR < rows + 1) print "only " NR " rows" }')" ""
    check_eq "modeldb-$1-cvode-trace" "$(awk -F, 'function ab(x) { return x < 0 ? -x : x }
        FNR == 1 { next }
        NR == FNR { n++; T[n] = $1; V[n] = $2; next }
        { while (j < n - 1 && T[j + 1] <= $1) j++; if (j < 1 || T[j + 1] == T[j] || $1 > T[n]) next
          a = ($1 - T[j]) / (T[j + 1] - T[j]); dv = ab($2 - V[j] - a * (V[j + 1] - V[j]))
          if (dv > 1) { print "t " $1 ": dv " dv; exit } }' "$g" $1_cv.csv)" ""
    st() { awk -F, 'NR > 2 && $2 > 0 && pv <= 0 { printf "%.9f\n", pt + (0 - pv)*($1 - pt)/($2 - pv) } { pt = $1; pv = $2 }' "$1"; }
    st "$g" > want.st; st $1_cv.csv > got.st
    check_eq "modeldb-$1-cvode-spikes" "$(paste want.st got.st | awk -v n="$(wc -l < want.st)" \
        'function ab(x) { return x < 0 ? -x : x } ab($1 - $2) > 0.005 || $2 == "" { print "spike " NR ": " $1 " " $2 }
         END { if (NR != n || n < 3) print NR " spikes, NEURON " n }')" ""
    check_eq "modeldb-$1-cvode-step-count" "$(awk -v n="$(wc -l < "$g")" \
        'END { d = NR - n; print (d <= .05 * n && d >= -.05 * n) ? "ok" : NR " rows, NEURON " n }' $1_cv.csv)" "ok"
}
cvode_check hippocampal 290
cvode_check l5 290
