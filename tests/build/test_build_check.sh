#!/bin/sh
# test_build_check.sh: nrn-build --check: every problem of a morphology with its line, in
# line order, nothing built or written; for a file with one fault, the message building
# stops with; sound files pass silently; what --check accepts.
. "$(dirname "$0")/../lib.sh"
M="$ROOT/tests/morph"
D="$ROOT/tests/build/data"
cd "$TMP" || exit 1

# ---- the malformed files of tests/morph/bad: --check says what building says
for f in "$M"/bad/*.swc; do
    b=$(basename "$f" .swc)
    nrn-build "$f" > /dev/null 2> build.err
    nrn-build --check "$f" > check.out 2> check.err; rc=$?
    if [ "$rc" -eq 1 ] && cmp -s build.err check.err && [ ! -s check.out ]; then
        pass "check-bad-$b"
    else
        fail "check-bad-$b" "exit $rc" "build: $(cat build.err)" "check: $(cat check.err)"
    fi
done

# ---- several problems in one file: all of them, in line order
cp "$D/multi_problem.swc" multi.swc
check_status check-multi-status 1 nrn-build --check multi.swc
cat > multi.want <<'TXT'
nrn-build: multi.swc:4: radius is not a number: "abc"
nrn-build: multi.swc:6: parent 99 of sample 5 does not exist
nrn-build: multi.swc:7: duplicate id 2 (also at line 3)
nrn-build: multi.swc:8: sample 6 has radius 0 (must be > 0)
nrn-build: multi.swc:9: a second root (parent -1): the file holds several trees (first root at line 2); import them from separate files
nrn-build: multi.swc:10: sample 8 is not connected to the root: its parent links form a loop
nrn-build: multi.swc:12: sample 10 is its own parent
TXT
check_files check-multi-all "$TMP/err" multi.want
check_eq check-multi-no-stdout "$(wc -c < "$TMP/out" | tr -d ' ')" 0
# building the same file stops at the first problem
check_status check-multi-build 1 nrn-build multi.swc
check_eq check-multi-build-first "$(cat "$TMP/err")" "$(head -n 1 multi.want)"
# a line that does not parse does not make orphans of its children
printf '1 1 0 0 0 5 -1\n2 3 0 10 0 1\n3 3 0 20 0 1 2\n4 3 0 30 0 1 3\n' > cascade.swc
nrn-build --check cascade.swc 2> cascade.err
check_eq check-no-cascade "$(cat cascade.err)" \
    'nrn-build: cascade.swc:2: expected 7 numbers (id type x y z radius parent), found 6'
printf '1 1 0 0 0 5\n2 3 0 10 0 1 1\n' > badroot.swc
nrn-build --check badroot.swc 2> badroot.err
check_eq check-no-cascade-root "$(wc -l < badroot.err | tr -d ' ')" 1
# two loops: one line each
printf '1 1 0 0 0 5 -1\n2 3 0 1 0 1 3\n3 3 0 2 0 1 2\n4 3 0 3 0 1 5\n5 3 0 4 0 1 4\n6 3 0 5 0 1 5\n' > loops.swc
nrn-build --check loops.swc 2> loops.err
check_eq check-two-loops "$(cut -d: -f3 loops.err | tr '\n' ' ')" "2 4 "

# ---- sound files: nothing printed, exit 0
for f in "$M"/*.swc; do
    b=$(basename "$f" .swc)
    nrn-build --check "$f" > ok.out 2> ok.err; rc=$?
    if [ "$rc" -eq 0 ] && [ ! -s ok.out ] && [ ! -s ok.err ]; then pass "check-good-$b"
    else fail "check-good-$b" "exit $rc" "$(cat ok.err)"; fi
done
check_status check-several-files 1 nrn-build --check "$M/ball_and_stick.swc" "$M/bad/loop.swc" "$M/bad/self_parent.swc"
check_eq check-several-files-lines "$(wc -l < "$TMP/err" | tr -d ' ')" 2
check_status check-stdin 1 nrn-build --check - < "$M/bad/loop.swc"
check_grep check-stdin-name '^nrn-build: stdin:3: ' "$TMP/err"

# ---- model CSVs and Neurolucida: the first problem
nrn-build -o cell.csv "$D/cell.tcl"
check_status check-csv-good 0 nrn-build --check cell.csv
sed 's/^connect,dend,0,soma,/connect,dend,0,nosuch,/' cell.csv > badcsv.csv
check_status check-csv-bad 1 nrn-build --check badcsv.csv
check_grep check-csv-bad-msg '^nrn-build: badcsv\.csv:[0-9]+: no section named "nosuch"$' "$TMP/err"
printf '(("CellBody"\n (0 0 0 1)\n' > broken.asc
check_status check-asc-bad 1 nrn-build --check broken.asc
check_eq check-asc-bad-one-line "$(wc -l < "$TMP/err" | tr -d ' ')" 1

# ---- what --check takes
check_status check-tcl-refused 2 nrn-build --check "$D/cell.tcl"
check_status check-with-edits 2 nrn-build --check --insert hh "$M/ball_and_stick.swc"
check_status check-with-output 2 nrn-build --check -o x.csv "$M/ball_and_stick.swc"
check_status check-and-summary 2 nrn-build --check --summary "$M/ball_and_stick.swc"
check_status check-missing-file 2 nrn-build --check nosuch.swc
