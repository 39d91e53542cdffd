#!/bin/sh
# accuracy.sh: the scripting course's accuracy lesson: the same hh soma and current pulse
# integrated with the fixed step at dt 0.025 and 0.01 ms and with CVODE at atol 1e-5, one
# CSV with a column each (t on a 0.1 ms grid, CVODE's values interpolated), ready to plot
# together; each run's spike time goes to stderr.
# Run: sh recipes/accuracy.sh > accuracy.csv && nrn-plot -y v_dt0.025,v_dt0.01,v_cvode accuracy.csv
# (nrn-run from PATH, else ./bin).
set -e
command -v nrn-run >/dev/null 2>&1 || PATH="$(cd "$(dirname "$0")/.." && pwd)/bin:$PATH"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat > "$T/cell.tcl" <<'TCL'
section soma -L 20 -diam 20
insert hh soma
IClamp ic soma(0.5) -del 1 -dur 0.5 -amp 0.5
NetCon nc soma(0.5).v {} -threshold 10
TCL
run() { # NAME OPTIONS...: v every 0.1 ms into $T/NAME.csv, the spike time to stderr
    name=$1; shift
    nrn-run "$@" --tstop 5.05 --every 0.1 -r 'soma(0.5).v' --spikes "$T/$name.spk" "$T/cell.tcl" > "$T/$name.csv"
    echo "$name: spike at $(tail -n +2 "$T/$name.spk" | cut -d, -f2)" >&2
}
run v_dt0.025 --dt 0.025
run v_dt0.01 --dt 0.01
run v_cvode --cvode --atol 1e-5
echo "t,v_dt0.025,v_dt0.01,v_cvode"
tail -n +2 "$T/v_dt0.025.csv" | cut -d, -f1 > "$T/t"
for n in v_dt0.025 v_dt0.01 v_cvode; do tail -n +2 "$T/$n.csv" | cut -d, -f2 > "$T/$n"; done
paste -d, "$T/t" "$T/v_dt0.025" "$T/v_dt0.01" "$T/v_cvode"
