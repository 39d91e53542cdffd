#!/bin/sh
# test_outputs_special.sh: an output that is not a regular file (a FIFO here; /dev/null,
# /dev/stdout or a terminal alike) is written directly, not replaced by a renamed
# temporary file: each command's -o (and nrn-plot's --svg, the engine's model CSV) leaves
# the FIFO a FIFO and delivers the whole output through it.
. "$(dirname "$0")/../lib.sh"
R="$ROOT/recipes"
cd "$TMP" || exit 1

# through_fifo NAME CMD...: runs CMD with the FIFO f as its output (CMD names it f),
# reading the FIFO into NAME.out; checks f is still a FIFO and the command succeeded
through_fifo() {
    name=$1
    shift
    rm -f f
    mkfifo f
    cat f > "$name.out" &
    reader=$!
    "$@" > /dev/null 2> "$name.err"
    rc=$?
    wait $reader
    check_eq "$name-status" "$rc" 0
    if [ -p f ]; then pass "$name-still-fifo"; else fail "$name-still-fifo" "f is no longer a FIFO"; fi
    if ls -A | grep -q '^\.f\.\|^f\.tmp'; then fail "$name-no-temporary" "$(ls -A)"; else pass "$name-no-temporary"; fi
}

through_fifo run nrn-run "$R/hh.tcl" -o f
check_eq run-rows "$(wc -l < run.out | tr -d ' ')" 402
through_fifo sweep nrn-sweep "$R/hh.tcl" -p ic.amp=0.1,1 --measure Spikecount -o f
check_eq sweep-rows "$(wc -l < sweep.out | tr -d ' ')" 3
through_fifo build nrn-build "$ROOT/tests/morph/c91662.swc" -o f
check_grep build-model-csv '^kind,section,index,object,name,value,x,y,z,diam' build.out
nrn-run "$R/hh.tcl" > hh.csv
through_fifo plot nrn-plot --svg f hh.csv
check_grep plot-svg '</svg>' plot.out
# the engine's own writers: save_model (the model CSV) and savestate save FILE
printf 'section soma -L 10 -diam 10\ninsert hh soma\nsave_model f\n' > save.tcl
through_fifo engine-csv nrn-run save.tcl
check_grep engine-csv-content '^section,soma' engine-csv.out
printf 'section soma\ninsert hh soma\nfinitialize -65\nsavestate save s0\nsavestate write s0 f\n' > state.tcl
through_fifo engine-state nrn-run state.tcl
check_eq engine-state-bytes "$( [ -s engine-state.out ] && echo some)" some
