#!/bin/sh
# test_sweep.sh: nrn-sweep end to end: CSV out, grid/zip/points, features on the HH soma,
# script-per-point mode, failures (script error, timeout) recorded while the rest go on,
# --db resume (skips what is done; a sweep killed with SIGKILL resumes with every point
# present exactly once), --retry-failed, -o atomic, provenance, shards + merge, plan + xargs,
# usage errors and exit statuses, --help/--version.
. "$(dirname "$0")/../lib.sh"
R="$ROOT/recipes"
cd "$TMP" || exit 1
q() { sqlite3 "$1" "$2"; }

# ---- CSV to stdout, replay mode (value paths only)
nrn-sweep "$R/hh.tcl" -p ic.amp=0.1:1:10 -j 2 --measure Spikecount,maximum_voltage > a.csv 2> a.err
check_eq sweep-csv-status "$?" 0
check_eq sweep-csv-header "$(head -1 a.csv)" "ic.amp,Spikecount,maximum_voltage,status,error,seconds,id"
check_eq sweep-csv-rows "$(wc -l < a.csv | tr -d ' ')" 11
check_eq sweep-csv-quiet "$(cat a.err)" ""
check_eq sweep-csv-order "$(cut -d, -f1 a.csv | tr '\n' ' ')" \
    "ic.amp 0.1 0.2 0.30000000000000004 0.4 0.5 0.6 0.7000000000000001 0.8 0.9 1.0 "
check_eq sweep-hh-spikes "$(cut -d, -f2 a.csv | tr '\n' ' ')" "Spikecount 0 0 1 1 1 1 1 1 1 1 "
check_eq sweep-all-ok "$(cut -d, -f4 a.csv | sort -u | tr '\n' ' ')" "ok status "
# the same run with -j 1 gives the same numbers (workers start from the same built model)
nrn-sweep "$R/hh.tcl" -p ic.amp=0.1:1:10 -j 1 --measure Spikecount,maximum_voltage | cut -d, -f1-3,7 > j1.csv
cut -d, -f1-3,7 a.csv > j2.csv
check_files sweep-jobs-independent j1.csv j2.csv

# ---- features on a repetitive firing cell, both modes give the same numbers
cat > cell.tcl <<'TCL'
section soma -L 20 -diam 20
insert hh soma
IClamp ic soma(0.5) -delay 10 -dur 80 -amp 0.2
record t
record soma(0.5).v
setval tstop 100
TCL
sed 's/-amp 0.2/-amp $amp/' cell.tcl > cellvar.tcl
nrn-sweep cell.tcl -p ic.amp=0.1,0.3 -j 2 | cut -d, -f2-10 > replay.csv
nrn-sweep cellvar.tcl -p amp=0.1,0.3 -j 2 | cut -d, -f2-10 > perpoint.csv
check_files sweep-modes-agree replay.csv perpoint.csv
check_eq sweep-features-header "$(head -1 replay.csv)" \
    "Spikecount,time_to_first_spike,mean_frequency,ISI_CV,AP_amplitude,AP_duration_half_width,voltage_base,minimum_voltage,maximum_voltage"
check_eq sweep-features-spikes "$(cut -d, -f1 replay.csv | tail -2 | tr '\n' ' ')" "5 8 "
# NEURON's threshold-crossing count agrees: APCount-like count from a plain nrn-run trace
# --on names the column; --threshold moves the detector (only the first spike tops 30 mV)
nrn-sweep cell.tcl -p ic.amp=0.3 --on 'soma(0.5).v' --threshold 30 --measure Spikecount | cut -d, -f2 > thr.csv
check_eq sweep-threshold "$(tail -1 thr.csv)" 1
nrn-sweep cell.tcl -p ic.amp=0.3 --threshold 45 --measure Spikecount | cut -d, -f2 > thr2.csv
check_eq sweep-threshold-high "$(tail -1 thr2.csv)" 0
nrn-sweep cell.tcl -p ic.amp=0.3 --stim 0:5 --measure maximum_voltage | cut -d, -f2 > stim.csv
v=$(tail -1 stim.csv)
case $v in -64.9*) pass sweep-stim-window ;; *) fail sweep-stim-window "max over 0-5 ms: $v" ;; esac

# ---- zip, points, grid of two
nrn-sweep cell.tcl -p ic.amp=0.1,0.2,0.3 -p soma.gnabar_hh=0.1,0.12,0.14 --zip --measure Spikecount > zip.csv
check_eq sweep-zip-rows "$(wc -l < zip.csv | tr -d ' ')" 4
check_eq sweep-zip-pairs "$(sed -n 3p zip.csv | cut -d, -f1,2)" "0.2,0.12"
nrn-sweep cell.tcl -p ic.amp=0.1,0.2,0.3 -p soma.gnabar_hh=0.1,0.12 --measure Spikecount > grid.csv
check_eq sweep-grid-rows "$(wc -l < grid.csv | tr -d ' ')" 7
printf 'ic.amp,soma.gnabar_hh\n0.2,0.12\n0.3,0.1\n' > pts.csv
nrn-sweep cell.tcl --points pts.csv --measure Spikecount > pts_out.csv
check_eq sweep-points-rows "$(wc -l < pts_out.csv | tr -d ' ')" 3
check_eq sweep-points-same-id "$(grep '^0.2,0.12,' pts_out.csv | cut -d, -f7)" \
    "$(grep '^0.2,0.12,' grid.csv | cut -d, -f7)"

# ---- failures are recorded, the rest go on, exit 1
cat > fails.tcl <<'TCL'
section soma -L 20 -diam 20
insert hh soma
IClamp ic soma(0.5) -delay 1 -dur 5 -amp $amp
record t
record soma(0.5).v
if {$amp > 0.45} { error "amp $amp is too much" }
if {$amp < 0} { after 5000 }
setval tstop 10
TCL
nrn-sweep fails.tcl -p amp=0.1,0.5,0.3,-1 -j 2 --timeout 1 --measure Spikecount > f.csv 2> f.err
check_eq sweep-fail-status "$?" 1
check_eq sweep-fail-rows "$(wc -l < f.csv | tr -d ' ')" 5
check_grep sweep-fail-error '^0.5,,failed,fails.tcl:6: amp 0.5 is too much,' f.csv
check_grep sweep-fail-timeout '^-1.0,,failed,timeout: still running after 1 s,' f.csv
check_grep sweep-fail-others-ok '^0.3,[0-9]+,ok,,' f.csv
check_grep sweep-fail-summary '^nrn-sweep: 2 of 4 points failed' f.err
# a bad value makes the simulation blow up: NaN is a failure of that point
nrn-sweep cell.tcl -p soma.cm=1,-1e-9 --measure Spikecount > nan.csv 2>/dev/null
check_grep sweep-fail-nan '^-1e-09,,failed,.*(NaN|infinite|cm)' nan.csv

# ---- batches: points run together as replicas of the model give exactly the numbers of
# points run one at a time (every column but seconds), failures included
rows() { q "$1" "SELECT id, status, ifnull(error, ''), ifnull(Spikecount, ''), ifnull(maximum_voltage, ''),
                 ifnull(time_to_first_spike, '') FROM sweep ORDER BY id"; }
G="-p ic.amp=0.1,0.5,1,1e308,2 -p soma.gnabar_hh=0.1,0.12,-1 -p soma.diam=10,0"
for b in 1 3 auto; do
    opt="--batch $b"; [ $b = auto ] && opt=""
    nrn-sweep "$R/hh.tcl" $G -j 2 $opt --db b$b.sqlite --measure Spikecount,maximum_voltage,time_to_first_spike 2>/dev/null
    rows b$b.sqlite > b$b.txt
done
check_eq sweep-batch-rows "$(wc -l < b1.txt | tr -d ' ')" 30
check_files sweep-batch-3-equals-alone b1.txt b3.txt
check_files sweep-batch-auto-equals-alone b1.txt bauto.txt
check_grep sweep-batch-nan-message '\|failed\|::nrn::continuerun 10: soma\(0.5\).v became inf at t = 2.025 ms' bauto.txt
check_grep sweep-batch-apply-error '\|failed\|-p soma.diam: diam must be > 0, got 0\|' bauto.txt
# a network: a noisy NetStim through an ExpSyn (events, random streams in every replica)
cat > net.tcl <<'TCL'
section soma -L 20 -diam 20
insert hh soma
NetStim ns -start 1 -interval 3 -number 30 -noise 0.8
ExpSyn syn soma(0.5) -tau 2 -e 0
NetCon nc ns syn -delay 1 -weight 0.01
record t
record soma(0.5).v
setval tstop 60
TCL
nrn-sweep net.tcl -p nc.weight=0.002:0.02:12 -p syn.tau=1,3 -j 2 --db n1.sqlite --batch 1 \
    --measure Spikecount,maximum_voltage,time_to_first_spike 2>/dev/null
nrn-sweep net.tcl -p nc.weight=0.002:0.02:12 -p syn.tau=1,3 -j 2 --db n8.sqlite --batch 8 \
    --measure Spikecount,maximum_voltage,time_to_first_spike 2>/dev/null
rows n1.sqlite > n1.txt
rows n8.sqlite > n8.txt
check_files sweep-batch-network-equals-alone n1.txt n8.txt
check_eq sweep-batch-network-spikes "$(cut -d'|' -f4 n1.txt | sort -u | wc -l | tr -d ' ')" \
    "$(cut -d'|' -f4 n8.txt | sort -u | wc -l | tr -d ' ')"
# a model-wide parameter (celsius) cannot differ between replicas: points run alone, right
nrn-sweep "$R/hh.tcl" -p celsius=6.3,20,30 -p ic.amp=0.5,1 --db c.sqlite --measure Spikecount,maximum_voltage,time_to_first_spike 2>/dev/null
nrn-sweep "$R/hh.tcl" -p celsius=6.3,20,30 -p ic.amp=0.5,1 --db c1.sqlite --batch 1 --measure Spikecount,maximum_voltage,time_to_first_spike 2>/dev/null
rows c.sqlite > c.txt
rows c1.sqlite > c1.txt
check_files sweep-batch-global-param c1.txt c.txt
# --batch asked for and refused: one line says why (nothing when --batch was not given, above)
nrn-sweep "$R/hh.tcl" -p celsius=6.3,20 --batch 4 --measure Spikecount > /dev/null 2> bw.err
check_eq sweep-batch-refused-global "$(cat bw.err)" \
    "nrn-sweep: --batch 4: celsius is a GLOBAL, which replicas share: running the points one at a time"
nrn-sweep "$R/hh.tcl" -p ic.amp=0.5,1 --cvode --batch 4 --measure Spikecount > /dev/null 2> bw.err
check_eq sweep-batch-refused-cvode "$(cat bw.err)" \
    "nrn-sweep: --batch 4: replicas run on the fixed step only, and CVODE is active: running the points one at a time"
printf 'section soma -L 20 -diam 20\ninsert hh soma\nIClamp ic soma(0.5) -del 1 -dur 5 -amp $amp\nrecord soma(0.5).v\nsetval tstop 10\n' > tv.tcl
nrn-sweep tv.tcl -p amp=0.5,1 --batch 4 --measure Spikecount > /dev/null 2> bw.err
check_eq sweep-batch-refused-tcl-variable "$(cat bw.err)" \
    "nrn-sweep: --batch 4: a swept NAME is a Tcl variable, so the scripts run again for each point: running the points one at a time"
# a batch that outlives --timeout is handed back point by point: only the slow point fails
cat > slow.tcl <<'TCL'
section soma -L 20 -diam 20
insert pas soma
NetStim ns -start 0 -interval 1 -number 1e9
ExpSyn syn soma(0.5)
NetCon nc ns syn -delay 0 -weight 0.0001
record t
record soma(0.5).v
setval tstop 10
TCL
nrn-sweep slow.tcl -p ns.interval=1,2,1e-8,3,4,5 -j 2 --batch 3 --timeout 1 --measure Spikecount > slow.csv 2> slow.err
check_eq sweep-batch-timeout-status "$?" 1
check_grep sweep-batch-timeout-point '^1e-08,,failed,timeout: still running after 1 s,' slow.csv
check_eq sweep-batch-timeout-others "$(grep -c ',ok,' slow.csv)" 5
check_status sweep-batch-usage 2 nrn-sweep cell.tcl -p ic.amp=1 --batch 0

# ---- --db: resume, skip, retry, provenance, -o
nrn-sweep fails.tcl -p amp=0.1,0.5,0.3 --db r.sqlite --measure Spikecount 2>/dev/null
check_eq sweep-db-rows "$(q r.sqlite 'select count(*) from sweep')" 3
check_eq sweep-db-wal "$(q r.sqlite 'pragma journal_mode')" wal
s1=$(q r.sqlite "select seconds from sweep where amp=0.1")
nrn-sweep fails.tcl -p amp=0.1,0.5,0.3,0.2 --db r.sqlite --measure Spikecount -o all.csv 2>/dev/null
check_eq sweep-db-resume-keeps "$(q r.sqlite "select seconds from sweep where amp=0.1")" "$s1"
check_eq sweep-db-resume-adds "$(q r.sqlite 'select count(*) from sweep')" 4
check_eq sweep-db-resume-ran "$(q r.sqlite 'select points_run from provenance order by run desc limit 1')" 1.0
check_eq sweep-output-whole-table "$(wc -l < all.csv | tr -d ' ')" 5
check_eq sweep-output-plan-order "$(cut -d, -f1 all.csv | tr '\n' ' ')" "amp 0.1 0.5 0.3 0.2 "
check_eq sweep-db-failed-kept "$(q r.sqlite "select status from sweep where amp=0.5")" failed
sed -i 's/0.45/0.6/' fails.tcl
nrn-sweep fails.tcl -p amp=0.1,0.5,0.3,0.2 --db r.sqlite --measure Spikecount --retry-failed 2> retry.err
check_eq sweep-retry-status "$?" 0
check_eq sweep-retry-ok "$(q r.sqlite "select status from sweep where amp=0.5")" ok
check_grep sweep-script-changed-warning 'script changed' retry.err
check_eq sweep-prov-digest "$(q r.sqlite 'select script_sha256 from provenance order by run desc limit 1')" \
    "$(sha256sum fails.tcl | cut -d' ' -f1)"
check_eq sweep-prov-fields "$(q r.sqlite 'select tool, mode, dt, solver, status from provenance order by run desc limit 1')" \
    "nrn-sweep|script per point|0.025|fixed step, backward Euler|complete"
mkdir od
check_status sweep-output-fail 2 nrn-sweep fails.tcl -p amp=0.1 --measure Bogus -o od/x.csv
check_eq sweep-output-nothing "$(ls -A od)" ""

# ---- resume after SIGKILL: every point present exactly once
N=400
sed '/setval tstop/d' cell.tcl > long.tcl
# the script's absolute path (in this test's own folder) tells its processes from others'
nrn-sweep "$PWD/long.tcl" -p ic.amp=0:1:$N --tstop 1000 -j 2 --db k.sqlite --measure Spikecount 2>/dev/null &
pid=$!
n=0  # kill it once some points are committed (waiting at most 20 s)
while [ "$n" -lt 200 ] && [ "$(q k.sqlite 'select count(*) from sweep' 2>/dev/null || echo 0)" -lt 5 ]; do
    sleep 0.1; n=$((n + 1))
done
kill -9 $pid
wait $pid 2>/dev/null
sleep 0.2
done1=$(q k.sqlite 'select count(*) from sweep' 2>/dev/null || echo 0)
if [ "$done1" -gt 0 ] && [ "$done1" -lt "$N" ]; then pass sweep-kill-partial; else fail sweep-kill-partial "$done1 of $N done at the kill"; fi
# the workers notice their parent's death and go; under load that can take a moment
n=0
while [ "$n" -lt 50 ] && pgrep -f "nrn-sweep $PWD/long.tcl -p ic.amp=0:1:400" >/dev/null; do
    sleep 0.1; n=$((n + 1))
done
check_eq sweep-kill-no-orphans "$(pgrep -f "nrn-sweep $PWD/long.tcl -p ic.amp=0:1:400" | wc -l | tr -d ' ')" 0
nrn-sweep "$PWD/long.tcl" -p ic.amp=0:1:$N --tstop 1000 -j 2 --db k.sqlite --measure Spikecount 2>/dev/null
check_eq sweep-kill-resume-status "$?" 0
check_eq sweep-kill-all-once "$(q k.sqlite 'select count(*), count(distinct id), sum(status="ok") from sweep')" "$N|$N|$N"
check_eq sweep-kill-ran-rest "$(q k.sqlite 'select cast(points_run as int) from provenance order by run desc limit 1')" "$((N - done1))"
# the resumed table equals a sweep that was never interrupted
nrn-sweep long.tcl -p ic.amp=0:1:$N --tstop 1000 -j 2 --measure Spikecount | sed 1d | cut -d, -f2,6 | sort > straight.csv
sqlite3 -csv k.sqlite 'select Spikecount, id from sweep' | sort > resumed.csv
check_files sweep-kill-same-results resumed.csv straight.csv

# ---- SIGINT while batches run on threads: the sweep stops, says so, keeps what it stored
nrn-sweep long.tcl -p ic.amp=0:1:$N --tstop 1000 -j 2 --db i.sqlite --measure Spikecount 2> int.err &
pid=$!
n=0
while [ "$n" -lt 200 ] && [ "$(q i.sqlite 'select count(*) from sweep' 2>/dev/null || echo 0)" -lt 5 ]; do
    sleep 0.1; n=$((n + 1))
done
kill -INT $pid
wait $pid
check_eq sweep-int-status "$?" 130
check_grep sweep-int-message '^nrn-sweep: interrupted: [0-9]+ points stored; run the same command again to resume' int.err
done1=$(q i.sqlite 'select count(*) from sweep')
if [ "$done1" -gt 0 ] && [ "$done1" -lt "$N" ]; then pass sweep-int-partial; else fail sweep-int-partial "$done1 of $N"; fi

# ---- shards and merge
for i in 1 2 3; do
    nrn-sweep cell.tcl -p ic.amp=0:1:20 -p soma.gnabar_hh=0.1,0.12 --shard $i/3 --db s$i.sqlite --measure Spikecount 2>/dev/null
done
check_eq sweep-shard-sizes "$(for i in 1 2 3; do q s$i.sqlite 'select count(*) from sweep'; done | tr '\n' ' ')" "14 13 13 "
nrn-sweep merge m.sqlite s1.sqlite s2.sqlite s3.sqlite
check_eq sweep-merge-status "$?" 0
check_eq sweep-merge-rows "$(q m.sqlite 'select count(*), count(distinct id) from sweep')" "40|40"
check_eq sweep-merge-provenance "$(q m.sqlite 'select count(*) from provenance')" 3
nrn-sweep merge m.sqlite s1.sqlite
check_eq sweep-merge-idempotent "$(q m.sqlite 'select count(*) from sweep')" 40
nrn-sweep cell.tcl -p ic.amp=0:1:20 -p soma.gnabar_hh=0.1,0.12 --measure Spikecount | sed 1d | cut -d, -f3,7 | sort > whole.csv
sqlite3 -csv m.sqlite 'select Spikecount, id from sweep' | sort > merged.csv
check_files sweep-merge-equals-whole merged.csv whole.csv
check_status sweep-merge-missing 2 nrn-sweep merge m.sqlite nosuch.sqlite

# ---- plan: one point per line, run with xargs -P as GNU parallel or SLURM would
nrn-sweep plan cell.tcl -p ic.amp=0:1:6 -p soma.gnabar_hh=0.1,0.12 > plan.txt
check_eq sweep-plan-lines "$(wc -l < plan.txt | tr -d ' ')" 12
check_eq sweep-plan-line "$(sed -n 2p plan.txt)" "-p ic.amp=0.0 -p soma.gnabar_hh=0.12"
check_eq sweep-plan-shard "$(nrn-sweep plan -p a=1:10:10 --shard 2/3 | tr '\n' ' ')" "-p a=2.0 -p a=5.0 -p a=8.0 "
xargs -P 3 -L 1 nrn-sweep cell.tcl --db x.sqlite --measure Spikecount -j 1 < plan.txt 2>/dev/null
check_eq sweep-plan-xargs "$(q x.sqlite 'select count(*), count(distinct id) from sweep')" "12|12"
nrn-sweep cell.tcl -p ic.amp=0:1:6 -p soma.gnabar_hh=0.1,0.12 --db x.sqlite --measure Spikecount 2>/dev/null
check_eq sweep-plan-xargs-complete "$(q x.sqlite 'select cast(points_run as int) from provenance order by run desc limit 1')" 0

# ---- usage errors (2) and work failures (1)
check_status sweep-usage-noparams 2 nrn-sweep cell.tcl
check_status sweep-usage-badspec 2 nrn-sweep cell.tcl -p ic.amp=1:2
check_grep sweep-usage-badspec-msg '^nrn-sweep: -p ic.amp=1:2: a range is a:b:n' "$TMP/err"
check_status sweep-usage-feature 2 nrn-sweep cell.tcl -p ic.amp=1 --measure Spikes
check_status sweep-usage-path 2 nrn-sweep cell.tcl -p soma.gnabar_hx=1
check_grep sweep-usage-path-msg '^nrn-sweep: -p soma.gnabar_hx: .*gnabar_hh' "$TMP/err"
check_status sweep-usage-shard 2 nrn-sweep cell.tcl -p ic.amp=1 --shard 4/3
check_status sweep-usage-option 2 nrn-sweep cell.tcl -p ic.amp=1 --bogus
check_status sweep-usage-missing-script 2 nrn-sweep nosuch.tcl -p ic.amp=1
printf 'section soma\nrecord soma(0.5).v\nfoo bar\n' > broken.tcl
check_status sweep-build-error 1 nrn-sweep broken.tcl -p soma.L=1,2
check_grep sweep-build-error-line '^nrn-sweep: broken.tcl:3: invalid command name "foo"' "$TMP/err"
check_status sweep-help 0 nrn-sweep --help
check_grep sweep-help-examples '^Examples:' "$TMP/out"
check_status sweep-version 0 nrn-sweep --version
check_grep sweep-version-sqlite '^SQLite ' "$TMP/out"
