# nrn-run -m with model files: a model CSV gives the same numbers as the script it was
# saved from; SWC morphologies load as NEURON names them; bad model files fail cleanly.
. "$ROOT/tests/lib.sh"
M="$ROOT/tests/morph"

cat >"$TMP/cell.tcl" <<'TCL'
section soma -L 20 -diam 20
section dend -L 200 -diam 1 -nseg 9
connect dend soma(1)
insert hh soma
insert pas dend
setval dend.e_pas -65 dend(0.1).g_pas 0.0003 celsius 16.3
IClamp ic soma(0.5) -delay 1 -dur 1 -amp 0.5
TCL
printf 'record soma(0.5).v\nrecord dend(0.9).v\n' >"$TMP/protocol.tcl"
printf 'source %s\nsave_model %s\n' "$TMP/cell.tcl" "$TMP/cell.csv" >"$TMP/save.tcl"
nrn-run "$TMP/save.tcl" >/dev/null 2>&1
nrn-run "$TMP/cell.tcl" "$TMP/protocol.tcl" >"$TMP/direct.csv" 2>&1
nrn-run -m "$TMP/cell.csv" "$TMP/protocol.tcl" >"$TMP/viacsv.csv" 2>&1
check_files "-m model.csv runs bit-identical to the script it came from" "$TMP/viacsv.csv" "$TMP/direct.csv"
check_grep "the model CSV carries its header comment" '^# nrn model csv v1' "$TMP/cell.csv"

nrn-run -m "$M/c91662.swc" -r 'soma[0](0.5).v' --tstop 1 - </dev/null >"$TMP/swc.csv" 2>"$TMP/swc.err"
check_eq "-m cell.swc runs (41 rows)" "$(wc -l <"$TMP/swc.csv" | tr -d ' ')" 42
check_grep "-m cell.swc says which soma reading was used" 'load_swc: .*3-point soma' "$TMP/swc.err"

printf '1 1 0 0 0 5 -1\n2 3 oops 0 0 1 1\n' >"$TMP/bad.swc"
check_status "-m bad.swc exits 1" 1 nrn-run -m "$TMP/bad.swc" -r t - </dev/null
check_grep "-m bad.swc: one line naming FILE:LINE" "^nrn-run: .*bad.swc:2: " "$TMP/err"
check_eq "-m bad.swc: exactly one line on stderr" "$(wc -l <"$TMP/err" | tr -d ' ')" 1

printf 't,v\n0,1\n' >"$TMP/notmodel.csv"
check_status "-m a CSV that is not a model exits 1" 1 nrn-run -m "$TMP/notmodel.csv" -r t - </dev/null
check_grep "-m not a model: the message says so" "notmodel.csv:1: not a model CSV" "$TMP/err"

printf 'section soma\nrecord all.v\nsetval tstop 0.025\n' >"$TMP/all.tcl"
nrn-run "$TMP/all.tcl" >"$TMP/all.csv" 2>&1
check_eq "record all.v names every segment" "$(head -1 "$TMP/all.csv")" "t,soma(0.5).v"
nrn-run -r all.v -m "$TMP/cell.csv" --tstop 0.025 - </dev/null >"$TMP/allr.csv" 2>&1
check_eq "-r all.v: t plus 10 segment columns" "$(head -1 "$TMP/allr.csv" | tr ',' '\n' | wc -l | tr -d ' ')" 11
