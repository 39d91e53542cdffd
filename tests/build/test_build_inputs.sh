#!/bin/sh
# test_build_inputs.sh: each kind of nrn-build input (SWC, Neurolucida, Tcl, model CSV,
# standard input of each kind), several inputs adding to one model (cell prefixes when
# several morphologies are given), and the input errors: one line "nrn-build: FILE:LINE:
# message", exit 1, nothing written; unreadable or unknown inputs are usage errors (2).
. "$(dirname "$0")/../lib.sh"
M="$ROOT/tests/morph"
D="$ROOT/tests/build/data"
G="$ROOT/tests/golden"
BS="$M/ball_and_stick.swc"
cd "$TMP" || exit 1

# ---- SWC: NEURON's names, order and connections
nrn-build --topology "$BS" > bs.topo
check_eq swc-topology "$(cat bs.topo)" "$(printf '\n|-|       soma[0](0-1)\n  `|       dend[0](0-1)\n')"
nrn-build "$M/c91662.swc" > c.csv
check_eq swc-sections "$(grep -c '^section,' c.csv)" 194
check_eq swc-first-sections "$(grep '^section,' c.csv | head -n 3 | cut -d, -f2 | tr '\n' ' ')" \
    "soma[0] axon[0] dend[0] "
nrn-build "$M/unsorted_ball_and_stick.swc" > unsorted.csv
check_files swc-unsorted-same-model unsorted.csv "$(nrn-build "$BS" > bs.csv; echo bs.csv)"
cp "$BS" UPPER.SWC
check_status swc-extension-any-case 0 nrn-build UPPER.SWC

# ---- Neurolucida
nrn-build --topology "$D/tiny.asc" > asc.topo 2> asc.err; rc=$?
if [ "$rc" -eq 0 ]; then
    check_grep asc-soma '^\|-\|       soma\[0\]' asc.topo
    check_eq asc-dendrites "$(grep -c 'dend\[' asc.topo)" 3
    nrn-build -o asc.csv "$D/tiny.asc"
    check_eq asc-roundtrip "$(nrn-build asc.csv | cmp - asc.csv && echo same)" same
    if [ -f "$ROOT/../shared/morphologies/cell1.asc" ]; then
        nrn-build --set '*.Ra=100' --d-lambda 0.1 --topology "$ROOT/../shared/morphologies/cell1.asc" > cell1.topo
        sed -n '/^topology$/,/^end topology$/p' "$G/morph_cell1.txt" | sed '1d;$d' > cell1.want
        check_files asc-cell1-neuron-topology cell1.topo cell1.want
    fi
else
    check_eq asc-error-one-line "$rc $(wc -l < asc.err | tr -d ' ')" "1 1"
    check_grep asc-error-names-file '^nrn-build: .*tiny\.asc' asc.err
fi

# ---- Tcl: the script's model; several scripts share one interpreter
nrn-build --topology "$D/cell.tcl" > tcl.topo
check_eq tcl-topology "$(sed -n 3p tcl.topo)" '   `----|       dend(0-1)'
printf 'set L 333\n' > vars.tcl
printf 'section axon -L $L\nconnect axon(0) soma(0)\n' > axon.tcl
check_eq tcl-several-scripts "$(nrn-build vars.tcl "$D/cell.tcl" axon.tcl | grep '^prop,axon,,,L,')" \
    "prop,axon,,,L,333,,,,"
# the script sees the morphology loaded before it, and the model after it
printf 'IClamp stim {soma[0](0.5)} -amp 0.3\ninsert pas {dend[0]}\n' > stim.tcl
nrn-build "$BS" stim.tcl > swc_tcl.csv
check_grep tcl-after-swc '^pp,soma\[0\],0\.5,stim,IClamp,' swc_tcl.csv
check_grep tcl-after-swc-insert '^insert,dend\[0\],,,pas,' swc_tcl.csv
nrn-build "$D/cell.tcl" "$BS" > tcl_swc.csv
check_eq tcl-then-swc "$(grep -c '^section,' tcl_swc.csv)" 4

# ---- model CSV inputs add to the model
nrn-build -o cell.csv "$D/cell.tcl"
nrn-build cell.csv "$BS" > csv_swc.csv
check_eq csv-then-swc "$(grep '^section,' csv_swc.csv | cut -d, -f2 | tr '\n' ' ')" \
    "soma dend soma[0] dend[0] "
check_status csv-twice-clash 1 nrn-build cell.csv cell.csv
check_eq csv-twice-clash-msg "$(wc -l < "$TMP/err" | tr -d ' ')" 1
check_grep csv-twice-clash-line '^nrn-build: cell\.csv:[0-9]+: ' "$TMP/err"

# ---- several morphologies: each file's sections named after it
nrn-build --topology "$BS" "$M/c91662.swc" > two.topo
check_grep prefix-first '^\|-\|       ball_and_stick\.soma\[0\]\(0-1\)$' two.topo
check_grep prefix-second '^\|-\|       c91662\.soma\[0\]\(0-1\)$' two.topo
check_eq prefix-sections "$(nrn-build "$BS" "$M/c91662.swc" | grep -c '^section,')" 196
check_eq prefix-cells "$(nrn-build --summary "$BS" "$M/c91662.swc" | sed -n 2p)" "2 real cells"
cp "$BS" cellA.swc
cp "$BS" cellB.swc
check_eq prefix-basename "$(nrn-build cellA.swc cellB.swc | grep '^section,' | cut -d, -f2 | tr '\n' ' ')" \
    "cellA.soma[0] cellA.dend[0] cellB.soma[0] cellB.dend[0] "
mkdir d1 d2
cp "$BS" d1/cell.swc
cp "$BS" d2/cell.swc
check_status prefix-clash 1 nrn-build d1/cell.swc d2/cell.swc
check_grep prefix-clash-msg 'already exists' "$TMP/err"
check_eq prefix-one-morph-with-csv "$(nrn-build cell.csv "$BS" | grep -c '^section,soma\[0\]')" 1

# ---- standard input, of each kind
nrn-build - < "$D/cell.tcl" > stdin_tcl.csv
check_files stdin-tcl stdin_tcl.csv cell.csv
nrn-build < "$D/cell.tcl" > stdin_implicit.csv
check_files stdin-implicit stdin_implicit.csv cell.csv
nrn-build - < cell.csv > stdin_csv.csv
check_files stdin-csv stdin_csv.csv cell.csv
nrn-build - < "$BS" > stdin_swc.csv
check_files stdin-swc stdin_swc.csv bs.csv
sed 1d cell.csv | nrn-build > stdin_csv_nocomment.csv
check_files stdin-csv-header-only stdin_csv_nocomment.csv cell.csv
nrn-build --topology - < "$D/tiny.asc" > stdin_asc.topo 2>/dev/null
check_eq stdin-asc "$?" "$rc"
nrn-build "$BS" - < "$M/c91662.swc" > stdin_two.csv
check_grep stdin-prefix '^section,stdin\.soma\[0\],' stdin_two.csv
nrn-build - < "$M/bad/loop.swc" > /dev/null 2> stdin_err.txt
check_eq stdin-error-name "$(cat stdin_err.txt)" \
    'nrn-build: stdin:3: sample 3 is not connected to the root: its parent links form a loop'
printf 'section a\n\nsetval a.L -5\n' | nrn-build > /dev/null 2> stdin_tcl_err.txt
check_eq stdin-tcl-error "$(cat stdin_tcl_err.txt)" 'nrn-build: stdin:3: L must be > 0, got -5'
mkdir tmpd
TMPDIR="$TMP/tmpd" nrn-build - < cell.csv > /dev/null
TMPDIR="$TMP/tmpd" nrn-build --summary - < cell.csv > /dev/null
TMPDIR="$TMP/tmpd" nrn-build - < "$M/bad/loop.swc" 2> /dev/null
TMPDIR="$TMP/tmpd" nrn-build - < "$M/c91662.swc" | head -c 10 > /dev/null
check_eq stdin-no-temp-left "$(ls -A tmpd)" ""
check_status stdin-twice 2 nrn-build - -

# ---- input errors: one line with FILE:LINE, exit 1, nothing on stdout, no output file
for f in "$M"/bad/*.swc; do
    b=$(basename "$f" .swc)
    nrn-build -o "bad_$b.csv" "$f" > bad.out 2> bad.err; rc=$?
    lines=$(wc -l < bad.err | tr -d ' ')
    if [ "$rc" -eq 1 ] && [ "$lines" -eq 1 ] && grep -Eq "^nrn-build: $f:[0-9]+: " bad.err &&
        [ ! -s bad.out ] && [ ! -e "bad_$b.csv" ]; then
        pass "error-bad-swc-$b"
    else
        fail "error-bad-swc-$b" "exit $rc, $lines lines" "$(cat bad.err)"
    fi
done
check_eq error-no-temp-files "$(ls -A | grep -c '^\.bad_')" 0
printf 'section soma\nsection dend\n\nconnect dend(0) {axon(1)}\n' > err.tcl
check_status error-tcl 1 nrn-build err.tcl
check_eq error-tcl-msg "$(cat "$TMP/err")" 'nrn-build: err.tcl:4: no section named "axon"'
printf 'proc mk {} {\n    section x -L -1\n}\nmk\n' > errproc.tcl
check_status error-tcl-proc 1 nrn-build errproc.tcl
check_grep error-tcl-proc-msg '^nrn-build: errproc\.tcl:4: ' "$TMP/err"
printf 'source err.tcl\n' > errsrc.tcl
check_status error-tcl-sourced 1 nrn-build errsrc.tcl
check_eq error-tcl-sourced-msg "$(cat "$TMP/err")" 'nrn-build: err.tcl:4: no section named "axon"'
sed 's/^range,dend,,,g_pas,.*/range,dend,,,g_pas,abc,,,,/' cell.csv > badval.csv
check_status error-csv-value 1 nrn-build badval.csv
line=$(grep -n '^range,dend,,,g_pas' badval.csv | cut -d: -f1)
check_eq error-csv-value-msg "$(cat "$TMP/err")" "nrn-build: badval.csv:$line: value \"abc\" is not a number"
printf 'a,b\n1,2\n' > notmodel.csv
check_status error-csv-not-model 1 nrn-build notmodel.csv
check_grep error-csv-not-model-msg '^nrn-build: notmodel\.csv:1: not a model CSV' "$TMP/err"
check_status error-later-input-no-output 1 nrn-build -o later.csv "$BS" err.tcl
check_eq error-later-input-no-file "$(ls later.csv 2>/dev/null | wc -l | tr -d ' ')" 0

# ---- usage errors (2)
check_status usage-missing-file 2 nrn-build nosuch.swc
check_eq usage-missing-file-msg "$(cat "$TMP/err")" 'nrn-build: cannot read nosuch.swc: No such file or directory'
touch model.txt
check_status usage-unknown-kind 2 nrn-build model.txt
check_eq usage-unknown-kind-msg "$(cat "$TMP/err")" \
    'nrn-build: model.txt: unknown kind of input (expected .swc, .asc, .tcl or .csv)'
