#!/bin/sh
# test_tcl.sh: runs every tests/tcl/*.test (tcltest) through nrn-run, and again the ones
# that need no nrn-run (package.test, the command families) in a plain tclsh with
# TCLLIBPATH pointing at the built package. Prints PASS/FAIL per tcltest id; a file that
# dies before its summary is one FAIL.
. "$(dirname "$0")/../lib.sh"
O=${O:-build}
pkgdir="$ROOT/$O/tcl"

# run_file LABEL FILE CMD...: runs CMD FILE and turns tcltest's lines into PASS/FAIL.
run_file() {
    label=$1; file=$2; shift 2
    "$@" "$file" >"$TMP/out" 2>&1
    rc=$?
    awk -v pre="$label" '
        /^\+\+\+\+ [^ ]+ PASSED$/ { print "PASS: " pre $2; next }
        /^==== [^ ]+ FAILED$/     { print "FAIL: " pre $2; fail = 0; next }
        /^==== [^ ]+ .* FAILED$/  { fail = 1; next }
        fail                      { print "  " $0 }
    ' "$TMP/out"
    if [ "$rc" -ne 0 ] || ! grep -q "Total" "$TMP/out"; then
        fail "$label$(basename "$file")" "exit $rc" "$(tail -5 "$TMP/out")"
    fi
}

for f in "$ROOT"/tests/tcl/*.test; do
    run_file "" "$f" nrn-run
done

# tclsh + package require nrn: skipped when the extension cannot load into a plain tclsh
# (a sanitizer build: its runtime must come first in the process).
if [ -f "$pkgdir/nrn/libnrntcl.so" ] &&
   echo 'package require nrn' | TCLLIBPATH="$pkgdir" tclsh >/dev/null 2>&1; then
    for f in "$ROOT"/tests/tcl/*.test; do
        run_file "tclsh:" "$f" env TCLLIBPATH="$pkgdir" tclsh
    done
else
    echo "note: tclsh cannot load $pkgdir/nrn/libnrntcl.so here; tclsh runs skipped"
fi
