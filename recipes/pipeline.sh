#!/bin/sh
# pipeline.sh: nrn-run's CSV into SQLite and back: run the HH soma, load the trace into a
# table, ask SQL for the number of samples and the spike's peak, export the samples around
# the spike, and export the whole table again (back.csv is byte for byte data.csv: the
# numbers travel as text, so nothing is rounded on the way).
# Run: sh recipes/pipeline.sh [OUTDIR]
#      (needs sqlite3; leaves data.csv, trace.db, peak.csv and back.csv in OUTDIR)
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-.}
nrn-run "$here/hh.tcl" > "$out/data.csv"
rm -f "$out/trace.db"
sqlite3 "$out/trace.db" <<SQL
.import --csv $out/data.csv trace
SQL
sqlite3 "$out/trace.db" \
    'SELECT count(*) AS samples, max(CAST("soma(0.5).v" AS REAL)) AS peak_mV FROM trace;'
sqlite3 -header -csv "$out/trace.db" \
    'SELECT t, "soma(0.5).v" FROM trace WHERE CAST(t AS REAL) BETWEEN 2.0 AND 4.0
     ORDER BY CAST(t AS REAL);' > "$out/peak.csv"
sqlite3 -header -csv "$out/trace.db" 'SELECT * FROM trace ORDER BY rowid;' > "$out/back.csv"
echo "wrote $out/data.csv, $out/trace.db, $out/peak.csv, $out/back.csv" >&2
