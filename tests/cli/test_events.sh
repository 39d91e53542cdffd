#!/bin/sh
# test_events.sh: nrn-run's --spikes (content, order, quoting, atomicity, errors) and the
# event recipes (spike-demo, network, ring, savestate, clamp), each compared with its NEURON
# 8.2.2 reference in tests/golden: byte for byte where our numbers are NEURON's to the last
# bit, else numerically (|dv| <= 1e-9 mV; VClamp's current to 1e-5 relative); spike times
# exactly.
. "$(dirname "$0")/../lib.sh"
G="$ROOT/tests/golden"
R="$ROOT/recipes"
cd "$TMP" || exit 1
grep -v '^#' "$G/spike_demo.csv" > sd_want.csv

# golden_spikes GOLDEN: its "# spike SOURCE T" lines as "SOURCE,T" CSV rows.
golden_spikes() {
    sed -n 's/^# spike \([^ ]*\) \(.*\)$/\1,\2/p' "$1"
}

# check_csv_close NAME GOT WANT: same header and rows; numbers within 1e-9 absolute in
# columns ending in ".v", and 1e-9 absolute + 1e-5 relative elsewhere.
check_csv_close() {
    if [ "$(head -n 1 "$2")" != "$(head -n 1 "$3")" ]; then
        fail "$1" "headers differ: $(head -n 1 "$2")"; return
    fi
    if [ "$(wc -l < "$2")" != "$(wc -l < "$3")" ]; then
        fail "$1" "$(wc -l < "$2") lines, want $(wc -l < "$3")"; return
    fi
    bad=$(paste -d '|' "$2" "$3" | awk -F '|' '
        NR == 1 { n = split($1, h, ","); next }
        {
            split($1, a, ","); split($2, b, ",")
            for (i = 1; i <= n; i++) {
                d = a[i] - b[i]; if (d < 0) d = -d
                m = b[i] < 0 ? -b[i] : b[i]
                tol = h[i] ~ /\.v$/ ? 1e-9 : 1e-9 + 1e-5 * m
                if (d > tol) { printf "line %d %s: %s vs %s\n", NR, h[i], a[i], b[i]; exit }
            }
        }')
    if [ -z "$bad" ]; then pass "$1"; else fail "$1" "$bad"; fi
}

# ---- --spikes
cat > det.tcl <<'TCL'
section soma -L 10 -diam 10
insert hh soma
foreach d {2 13 27 40} { IClamp ic$d soma(0.5) -delay $d -dur 0.5 -amp 0.1 }
NetCon nc soma(0.5).v {}
NetStim ns -start 1 -interval 20 -number 2
NetCon nsdet ns {}
record t
record soma(0.5).v
finitialize -65
continuerun 50
TCL
nrn-run --spikes spk.csv det.tcl > det.csv 2> det.err
check_eq spikes-status "$?" 0
printf 'source,t\nns,1.0\nsoma(0.5).v,3.225000000100012\nns,21.0\nsoma(0.5).v,28.20000000009893\nsoma(0.5).v,41.70000000010092\n' > spk_want.csv
check_files spikes-content spk.csv spk_want.csv
check_files spikes-csv-unchanged det.csv sd_want.csv
check_eq spikes-quiet "$(cat det.err)" ""
nrn-run --precision 4 --spikes spk4.csv det.tcl > /dev/null
check_eq spikes-precision "$(sed -n 3p spk4.csv)" "soma(0.5).v,3.225"
# a source without a NetCon gives no rows
printf 'section soma -L 10 -diam 10\ninsert hh soma\nIClamp ic soma(0.5) -delay 1 -dur 1 -amp 1\nrecord t\nrun\n' > nodet.tcl
nrn-run --spikes none.csv --tstop 10 nodet.tcl > /dev/null
check_eq spikes-none "$(cat none.csv)" "source,t"
# names that need CSV quoting
printf 'NetStim {a,b} -start 1 -number 1\nNetCon d {a,b} {}\nsection s\nfinitialize\ncontinuerun 2\n' > quote.tcl
nrn-run --spikes quote.csv quote.tcl
check_eq spikes-quoted "$(sed -n 2p quote.csv)" '"a,b",1.0'
# kept across reset (the callback belongs to the run, not the model)
printf 'NetStim ns -start 1 -number 1\nNetCon d ns {}\nreset\nNetStim ns2 -start 2 -number 1\nNetCon d ns2 {}\nsection s\nfinitialize\ncontinuerun 3\n' > reset.tcl
nrn-run --spikes reset.csv reset.tcl
check_eq spikes-after-reset "$(sed -n 2p reset.csv)" "ns2,2.0"
# spikes of every run, in order
printf 'NetStim ns -start 1 -number 1\nNetCon d ns {}\nsection s\nfinitialize\ncontinuerun 3\nfinitialize\ncontinuerun 3\n' > two.tcl
nrn-run --spikes two.csv two.tcl
check_eq spikes-two-runs "$(tr '\n' ' ' < two.csv)" "source,t ns,1.0 ns,1.0 "
# --spikes - writes to stdout (then -o carries the CSV)
nrn-run --spikes - -o det2.csv det.tcl > spk_stdout.csv
check_files spikes-stdout spk_stdout.csv spk_want.csv
check_files spikes-stdout-csv det2.csv sd_want.csv
check_status spikes-stdout-needs-o 2 nrn-run --spikes - det.tcl
check_grep spikes-stdout-needs-o-msg '^nrn-run: --spikes -: ' "$TMP/err"
check_status spikes-missing-arg 2 nrn-run det.tcl --spikes
# atomic: a failing script leaves no file, an old file stays, no temporary file remains
mkdir sd
printf 'source det.tcl\nerror boom\n' > fail.tcl
check_status spikes-fail-status 1 nrn-run --spikes sd/spk.csv fail.tcl
check_eq spikes-fail-nothing "$(ls -A sd)" ""
echo old > sd/keep.csv
nrn-run --spikes sd/keep.csv -o sd/out.csv fail.tcl 2>/dev/null
check_eq spikes-fail-keeps-old "$(cat sd/keep.csv)" "old"
check_eq spikes-fail-no-temp "$(ls -A sd)" "keep.csv"
printf 'source det.tcl\nexit 4\n' > exit4.tcl
check_status spikes-exit-status 4 nrn-run --spikes sd/e.csv exit4.tcl
check_eq spikes-exit-nothing "$(ls -A sd)" "keep.csv"
printf 'source det.tcl\nexit\n' > exit0.tcl
nrn-run --spikes sd/e0.csv exit0.tcl > /dev/null
check_files spikes-exit0-written sd/e0.csv spk_want.csv
check_status spikes-bad-dir 1 nrn-run --spikes /nonexistent/dir/s.csv det.tcl
check_grep spikes-bad-dir-msg '^nrn-run: cannot write /nonexistent/dir/s.csv: ' "$TMP/err"
mkdir id
printf 'NetStim ns -start 1 -number 1\nNetCon d ns {}\nsection soma\ninsert hh soma\nsetval tstop 1e6\nrun\n' > long.tcl
nrn-run --spikes id/spk.csv -o id/out.csv long.tcl &
interrupt_run id $!
check_eq spikes-interrupt-no-temp "$(ls -A id)" ""
# help, man page, completions
nrn-run --help > help.txt
check_grep spikes-help '--spikes FILE' help.txt
check_grep spikes-man 'spikes' "$ROOT/man/nrn-run.1"
check_grep spikes-bash-completion '--spikes' "$ROOT/completions/nrn-run.bash"
check_grep spikes-zsh-completion '--spikes' "$ROOT/completions/_nrn-run"
check_grep spikes-fish-completion '-l spikes' "$ROOT/completions/nrn-run.fish"

# ---- recipes
nrn-run "$R/spike-demo.tcl" > sd.csv 2> sd.err
check_files recipe-spike-demo-csv sd.csv sd_want.csv
check_files recipe-spike-demo-stderr sd.err "$G/recipe_spike_demo.txt"

nrn-run --spikes net.spk "$R/network.tcl" > net.csv 2> net.err
grep -v '^#' "$G/recipe_network.csv" > net_want.csv
check_files recipe-network-csv net.csv net_want.csv
{ echo source,t; golden_spikes "$G/recipe_network.csv"; } > net_spk_want.csv
check_files recipe-network-spikes net.spk net_spk_want.csv
check_grep recipe-network-stderr '^cell2 spikes: 6.800000000100063$' net.err

nrn-run --spikes ring.spk "$R/ring.tcl" > ring.csv 2> ring.err
grep -v '^#' "$G/recipe_ring.csv" > ring_want.csv
check_files recipe-ring-csv ring.csv ring_want.csv
{ echo source,t; golden_spikes "$G/recipe_ring.csv"; } > ring_spk_want.csv
check_files recipe-ring-spikes ring.spk ring_spk_want.csv
check_eq recipe-ring-stderr "$(wc -l < ring.err | tr -d ' ')" 5
nrn-run -D N=8 --spikes ring8.spk -o ring8.csv "$R/ring.tcl" 2> ring8.err
check_eq recipe-ring-n8-columns "$(head -n 1 ring8.csv | tr ',' '\n' | wc -l | tr -d ' ')" 9
check_eq recipe-ring-n8-cells "$(wc -l < ring8.err | tr -d ' ')" 8
check_eq recipe-ring-n8-wave "$(cut -d, -f1 ring8.spk | sed -n '3,10p' | tr '\n' ' ')" \
    "cell0.soma(0.5).v cell1.soma(0.5).v cell2.soma(0.5).v cell3.soma(0.5).v cell4.soma(0.5).v cell5.soma(0.5).v cell6.soma(0.5).v cell7.soma(0.5).v "

nrn-run "$R/savestate.tcl" > ss.csv 2> ss.err
check_files recipe-savestate ss.csv "$G/recipe_savestate.csv"
nrn-run -D statefile=steady.dat "$R/savestate.tcl" > ss2.csv 2> ss2.err
check_files recipe-savestate-statefile ss2.csv "$G/recipe_savestate.csv"
check_grep recipe-savestate-statefile-msg 'written to steady.dat' ss2.err
check_eq recipe-savestate-file-exists "$(test -s steady.dat && echo yes)" yes

nrn-run "$R/clamp.tcl" > clamp.csv 2> clamp.err
check_csv_close recipe-clamp clamp.csv "$G/recipe_clamp.csv"
check_eq recipe-clamp-se-exact "$(cut -d, -f1-3 clamp.csv | md5sum)" "$(cut -d, -f1-3 "$G/recipe_clamp.csv" | md5sum)"
check_eq recipe-clamp-quiet "$(cat clamp.err)" ""
