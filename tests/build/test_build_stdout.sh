#!/bin/sh
# test_build_stdout.sh: when nrn-build writes to standard output, standard output holds the
# model (or the summary) alone: what a script prints (puts, an exec'd program) goes to
# standard error, so `nrn-build cell.tcl > cell.csv` gives a CSV that nrn-run -m reads.
# A closed standard output is an error, not a silent exit 0.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
cat > chatty.tcl <<'TCL'
puts "building the cell"
section soma -L 10 -diam 10
insert hh soma
puts stdout "done: [exec echo from a child]"
TCL
cat > run.tcl <<'TCL'
record t
record soma(0.5).v
finitialize -65
continuerun 1
TCL

nrn-build chatty.tcl > model.csv 2> err.txt
check_eq stdout-status "$?" 0
check_eq stdout-first-line "$(head -1 model.csv | cut -c1-16)" "# nrn model csv "
check_status stdout-no-script-output 1 grep -q "building\|done:" model.csv
check_eq script-output-on-stderr "$(cat err.txt)" "building the cell
done: from a child"
check_status model-reads-back 0 nrn-run -m model.csv run.tcl
nrn-build -o - chatty.tcl > model2.csv 2> /dev/null
check_files dash-o-dash model2.csv model.csv
nrn-build --summary chatty.tcl > summary.txt 2> /dev/null
check_status summary-no-script-output 1 grep -q "building\|done:" summary.txt
# with -o FILE, standard output is the script's, as before
nrn-build -o model3.csv chatty.tcl > out.txt 2> /dev/null
check_files dash-o-file model3.csv model.csv
check_eq dash-o-file-stdout "$(cat out.txt)" "building the cell
done: from a child"
# standard output closed
nrn-build chatty.tcl >&- 2> err.txt
check_eq closed-stdout "$? $(cat err.txt)" "1 nrn-build: cannot write standard output: Bad file descriptor"

# standard input is copied to $TMPDIR first: each failure says which side failed, and why
# (not under make valgrind: valgrind itself needs a TMPDIR that exists)
if [ -z "${VALGRIND:-}" ]; then
    TMPDIR=$TMP/nonexistent nrn-build - < chatty.tcl > /dev/null 2> err.txt
    check_eq stdin-copy-no-tmpdir "$? $(cat err.txt)" \
        "1 nrn-build: cannot make a temporary file in $TMP/nonexistent: No such file or directory"
fi
nrn-build - < "$TMP" > /dev/null 2> err.txt
check_eq stdin-unreadable "$? $(cat err.txt)" "1 nrn-build: cannot read standard input: Is a directory"
