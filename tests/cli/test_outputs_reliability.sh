#!/bin/sh
# test_outputs_reliability.sh: output files stay whole or absent, and keep sane modes, under
# signals and failing writes, for every writer: nrn-build -o, the Tcl layer's save_model,
# savestate write and write_csv, nrn-plot --svg and nrn-plot shape --svg.
#  - SIGINT/SIGTERM while the temporary file exists: the command dies of the signal and
#    leaves no temporary file (gdb stops it where it renames the file into place and
#    delivers the signal there, so the moment is exact; skipped without gdb);
#  - modes: a new file gets 0666 less the umask, a replaced file keeps its mode;
#  - a failing write (/dev/full) says "cannot write FILE: <reason>" on one line.
. "$(dirname "$0")/../lib.sh"
B="$ROOT/${BIN:-bin}"
cd "$TMP" || exit 1

cat > cell.tcl <<'EOF'
section soma -L 10 -diam 10
insert hh soma
EOF
cat > save.tcl <<'EOF'
source cell.tcl
save_model out/model.csv
EOF
cat > state.tcl <<'EOF'
source cell.tcl
finitialize -65
savestate save s
savestate write s out/state.dat
EOF
cat > rec.tcl <<'EOF'
source cell.tcl
record t
record soma(0.5).v
finitialize -65
continuerun 1
write_csv out/rec.csv
EOF
printf 't,v\n0,1\n1,2\n2,0\n' > trace.csv
nrn-build -o cell.csv cell.tcl

# ---- signals
# interrupted NAME SIG CMD...: runs CMD (a program of bin/, not a wrapper) under gdb from
# this directory, stops it on entering rename() (the temporary file is complete and not yet
# in place), delivers SIG there and lets it go; checks that it died of SIG and left nothing
# in out/. Standard input is $IN (default /dev/null); TMPDIR is out/.
interrupted() {
    name=$1 sig=$2
    shift 2
    rm -rf out && mkdir out
    TMPDIR=$PWD/out gdb -q -batch -nx -ex "handle SIGINT SIGTERM nostop noprint pass" \
        -ex 'set breakpoint pending on' -ex 'break rename' -ex run -ex "signal $sig" \
        --args "$@" < "${IN:-/dev/null}" > gdb.out 2>&1
    check_grep "$name-stopped-at-rename" 'Breakpoint 1[.0-9]*, .*rename' gdb.out
    check_grep "$name-died-of-$sig" "terminated with signal $sig" gdb.out
    check_eq "$name-no-temporary" "$(ls -A out)" ""
}
if command -v gdb > /dev/null 2>&1; then
    for sig in SIGINT SIGTERM; do
        interrupted build-o $sig "$B/nrn-build" -o out/m.csv cell.tcl
        interrupted build-summary $sig "$B/nrn-build" --summary -o out/s.txt cell.tcl
        IN=cell.tcl interrupted build-stdin $sig "$B/nrn-build" -o out/m.csv -
        interrupted save_model $sig "$B/nrn-run" save.tcl
        interrupted savestate-write $sig "$B/nrn-run" state.tcl
        interrupted write_csv $sig "$B/nrn-run" rec.tcl
        interrupted plot-svg $sig "$B/nrn-plot" --svg out/p.svg trace.csv
        interrupted shape-svg $sig "$B/nrn-plot" shape cell.csv --svg out/s.svg
    done
else
    echo "test_outputs_reliability: no gdb, the signal checks are skipped"
fi

# ---- modes
mode() { stat -c %a "$1"; }
# modes NAME FILE CMD...: with umask 002 a new FILE is 664 and with umask 022 644; an
# existing FILE of mode 600 or 664 keeps it when CMD replaces it.
modes() {
    name=$1 file=$2
    shift 2
    rm -rf out && mkdir out
    (umask 002 && "$@" > /dev/null 2>&1)
    check_eq "$name-new-umask-002" "$(mode "$file" 2>&1)" 664
    rm -f "$file"
    (umask 022 && "$@" > /dev/null 2>&1)
    check_eq "$name-new-umask-022" "$(mode "$file" 2>&1)" 644
    for m in 600 664; do
        echo old > "$file" && chmod $m "$file"
        (umask 077 && "$@" > /dev/null 2>&1)
        check_eq "$name-keeps-$m" "$(mode "$file")" $m
        if grep -qx old "$file"; then fail "$name-replaced-$m" "$file was not replaced"; else pass "$name-replaced-$m"; fi
    done
}
modes build-o out/m.csv nrn-build -o out/m.csv cell.tcl
modes build-summary out/s.txt nrn-build --summary -o out/s.txt cell.tcl
modes save_model out/model.csv nrn-run save.tcl
modes savestate-write out/state.dat nrn-run state.tcl
modes write_csv out/rec.csv nrn-run rec.tcl
modes run-o out/r.csv nrn-run -o out/r.csv rec.tcl
modes plot-svg out/p.svg nrn-plot --svg out/p.svg trace.csv
modes shape-svg out/s.svg nrn-plot shape cell.csv --svg out/s.svg

# ---- failing writes: one line, the file and the reason
# full NAME WANT CMD...: CMD fails (exit 1) with the single line WANT on stderr.
full() {
    name=$1 want=$2
    shift 2
    "$@" > /dev/null 2> err
    check_eq "$name" "$? $(cat err)" "1 $want"
}
ENOSPC="No space left on device"
full build-o-full "nrn-build: cannot write /dev/full: $ENOSPC" nrn-build -o /dev/full cell.tcl
full build-summary-full "nrn-build: cannot write /dev/full: $ENOSPC" \
    nrn-build --summary -o /dev/full cell.tcl
nrn-build cell.tcl > /dev/full 2> err
check_eq build-stdout-full "$? $(cat err)" "1 nrn-build: cannot write standard output: $ENOSPC"
full plot-svg-full "nrn-plot: cannot write /dev/full: $ENOSPC" nrn-plot --svg /dev/full trace.csv
full shape-svg-full "nrn-plot: cannot write /dev/full: $ENOSPC" \
    nrn-plot shape cell.csv --svg /dev/full
nrn-plot -W 40 -H 10 trace.csv > /dev/full 2> err
check_eq plot-stdout-full "$? $(cat err)" "1 nrn-plot: cannot write standard output: $ENOSPC"
nrn-plot --svg - trace.csv > /dev/full 2> err
check_eq plot-svg-stdout-full "$? $(cat err)" "1 nrn-plot: cannot write standard output: $ENOSPC"
# the Tcl layer: the error names the file and the reason
for cmd in "save_model /dev/full" "savestate save s; savestate write s /dev/full"; do
    printf 'source cell.tcl\nfinitialize -65\n%s\n' "$cmd" > full.tcl
    nrn-run full.tcl > /dev/null 2> err
    check_grep "tcl-full-${cmd%% *}" "cannot write /dev/full: $ENOSPC" err
    check_eq "tcl-full-${cmd%% *}-one-line" "$(wc -l < err | tr -d ' ')" 1
done
printf 'source cell.tcl\nsave_model -\n' > full.tcl
nrn-run full.tcl > /dev/full 2> err
check_grep tcl-full-save_model-stdout "cannot write standard output: $ENOSPC" err
# a directory that cannot be written: the reason is given, nothing is left
mkdir ro && chmod 555 ro
if [ ! -w ro ]; then
    full build-o-readonly "nrn-build: cannot write ro/m.csv: Permission denied" \
        nrn-build -o ro/m.csv cell.tcl
    full plot-svg-readonly "nrn-plot: cannot write ro/p.svg: Permission denied" \
        nrn-plot --svg ro/p.svg trace.csv
fi
chmod 755 ro

# ---- nrn-plot -W/-H: one line that says what is wanted
for opt in "-W 5" "-W 20000" "-W x" "-H 2" "-H 99999"; do
    nrn-plot $opt trace.csv > /dev/null 2> err
    check_eq "plot-size${opt% *}-status-${opt#* }" "$?" 2
    check_eq "plot-size${opt% *}-one-line-${opt#* }" "$(wc -l < err | tr -d ' ')" 1
    nrn-plot shape cell.csv $opt > /dev/null 2> err
    check_eq "shape-size${opt% *}-one-line-${opt#* }" "$(wc -l < err | tr -d ' ')" 1
done
nrn-plot -W 5 trace.csv 2> err
check_eq plot-size-message "$(cat err)" \
    "nrn-plot: bad -W '5': want a whole number of columns from 20 to 10000 (try 'nrn-plot --help')"
nrn-plot shape cell.csv -H 20000 2> err
check_eq shape-size-message "$(cat err)" \
    "nrn-plot: bad -H '20000': want a whole number of lines from 5 to 10000 (try 'nrn-plot shape --help')"
