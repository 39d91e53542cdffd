#!/bin/sh
# bench/morph.sh: morphology import timings, libnrn against NEURON 8.2.2.
#   1. import + d_lambda of purkinje.swc (1137 sections): nrn_load_swc + Ra 100, cm 1 +
#      nrn_geom_nseg(100 Hz, 0.1), against Import3d_SWC_read + Import3d_GUI.instantiate +
#      the same d_lambda loop over lambda_f in NEURON;
#   2. a 10 ms run (dt 0.025) of c91662.swc with hh everywhere and d_lambda nseg:
#      finitialize + continuerun(10) only.
# Best of BENCH_REPS (default 5) for each. NEURON runs only when /usr/bin/python3 (or
# $NRNPY) can import neuron. Morphologies come from tests/morph or ../shared/morphologies.
set -u
cd "$(dirname "$0")/.." || exit 1
O=${O:-build}
REPS=${BENCH_REPS:-5}
PY=${NRNPY:-/usr/bin/python3}
CC=${CC:-cc}
case $REPS in ''|*[!0-9]*|0) echo "morph.sh: BENCH_REPS must be a positive integer" >&2; exit 2;; esac

find_morph() {
    for d in tests/morph ../shared/morphologies; do
        [ -r "$d/$1" ] && { echo "$d/$1"; return 0; }
    done
    return 1
}
PURK=$(find_morph purkinje.swc) || { echo "morph.sh: purkinje.swc not found" >&2; exit 1; }
C916=$(find_morph c91662.swc) || { echo "morph.sh: c91662.swc not found" >&2; exit 1; }

make -s "$O/libnrn.a" || exit 1
B=$O/bench
mkdir -p "$B" || exit 1
cat > "$B/morph_bench.c" <<'EOF'
/* morph_bench.c (written by bench/morph.sh): times nrn_load_swc + nrn_geom_nseg, and a run. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "nrn.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Import + Ra/cm + d_lambda; returns the model and the elapsed seconds. */
static nrn_model *import(const char *path, double *sec, int *nseg)
{
    double t0 = now();
    nrn_model *m = nrn_model_new();
    int first, count;
    if (nrn_load_swc(m, path, NULL, &first, &count, NULL, 0)) {
        fprintf(stderr, "%s\n", nrn_errmsg(m));
        exit(1);
    }
    for (int i = 0; i < count; i++) {
        nrn_section_set(m, first + i, NRN_SEC_RA, 100);
        nrn_section_set(m, first + i, NRN_SEC_CM, 1);
    }
    if (nrn_geom_nseg(m, NULL, 0, 100, 0.1, nseg)) {
        fprintf(stderr, "%s\n", nrn_errmsg(m));
        exit(1);
    }
    *sec = now() - t0;
    return m;
}

int main(int argc, char **argv)
{
    if (argc != 4)
        return 2;
    int reps = atoi(argv[3]), nseg = 0;
    double best = 1e30, t;
    for (int r = 0; r < reps; r++) {
        nrn_model *m = import(argv[1], &t, &nseg);
        if (t < best)
            best = t;
        nrn_model_free(&m);
    }
    printf("import %.6f %d\n", best, nseg);
    best = 1e30;
    double vend = 0;
    for (int r = 0; r < reps; r++) {
        nrn_model *m = import(argv[2], &t, &nseg);
        int n = nrn_section_count(m);
        for (int i = 0; i < n; i++)
            nrn_insert(m, i, "hh");
        nrn_pp_new(m, "IClamp", "ic", nrn_section_find(m, "soma[0]"), 0.5, NULL);
        nrn_set(m, "ic.del", 1), nrn_set(m, "ic.dur", 1), nrn_set(m, "ic.amp", 2);
        double t0 = now();
        if (nrn_finitialize(m, -65) || nrn_continuerun(m, 10)) {
            fprintf(stderr, "%s\n", nrn_errmsg(m));
            return 1;
        }
        t = now() - t0;
        if (t < best)
            best = t;
        nrn_get(m, "soma[0](0.5).v", &vend);
        nrn_model_free(&m);
    }
    printf("run %.6f %d %.17g\n", best, nseg, vend);
    return 0;
}
EOF
$CC -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Isrc/engine -o "$B/morph_bench" "$B/morph_bench.c" \
    "$O/libnrn.a" -lsundials_cvode -lsundials_nvecserial -lm || exit 1
ours=$("$B/morph_bench" "$PURK" "$C916" "$REPS") || exit 1

theirs=""
if "$PY" -c 'import neuron' >/dev/null 2>&1; then
    cat > "$B/morph_bench.py" <<'EOF'
# morph_bench.py (written by bench/morph.sh): the same two timings in NEURON 8.2.2.
import os, sys, time
from neuron import h
h.load_file("stdrun.hoc"); h.load_file("import3d.hoc")
purk, c916, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])

def load(path):
    t0 = time.perf_counter()
    r = h.Import3d_SWC_read(); r.input(path)
    h.Import3d_GUI(r, False).instantiate(None)
    for s in h.allsec():
        s.Ra = 100; s.cm = 1
    n = 0
    for s in h.allsec():
        s.nseg = int((s.L / (0.1 * h.lambda_f(100, sec=s)) + .999) / 2) * 2 + 1
        n += s.nseg
    return time.perf_counter() - t0, n

def clear():
    for s in list(h.allsec()):
        h.delete_section(sec=s)

sys.stdout.flush()
saved = os.dup(1); os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
best = 1e30
for r in range(reps):
    t, n = load(purk); best = min(best, t); clear()
res = [f"import {best:.6f} {n}"]
best = 1e30
for r in range(reps):
    t, n = load(c916)
    for s in h.allsec():
        s.insert("hh")
    ic = h.IClamp(h.soma[0](0.5)); ic.delay = 1; ic.dur = 1; ic.amp = 2
    h.dt = 0.025
    t0 = time.perf_counter()
    h.finitialize(-65); h.continuerun(10)
    best = min(best, time.perf_counter() - t0)
    v = h.soma[0](0.5).v
    ic = None; clear()
res.append(f"run {best:.6f} {n} {v!r}")
sys.stdout.flush(); os.dup2(saved, 1)
print("\n".join(res))
EOF
    theirs=$("$PY" "$B/morph_bench.py" "$PURK" "$C916" "$REPS" 2>/dev/null) || theirs=""
fi

field() { echo "$1" | awk -v k="$2" -v f="$3" '$1 == k { print $f }'; }
printf 'morphology benchmark (best of %s)\n' "$REPS"
oi=$(field "$ours" import 2); on=$(field "$ours" import 3)
orun=$(field "$ours" run 2); orn=$(field "$ours" run 3); ov=$(field "$ours" run 4)
printf '  purkinje.swc import + d_lambda: libnrn %8.2f ms  (nseg total %s)\n' \
    "$(echo "$oi * 1000" | bc -l)" "$on"
if [ -n "$theirs" ]; then
    ti=$(field "$theirs" import 2); tn=$(field "$theirs" import 3)
    printf '                                   NEURON %8.2f ms  (nseg total %s)  ratio %.1fx\n' \
        "$(echo "$ti * 1000" | bc -l)" "$tn" "$(echo "$ti / $oi" | bc -l)"
fi
printf '  c91662.swc 10 ms run (hh, %s segs): libnrn %8.2f ms  (v end %s)\n' "$orn" \
    "$(echo "$orun * 1000" | bc -l)" "$ov"
if [ -n "$theirs" ]; then
    trun=$(field "$theirs" run 2); tv=$(field "$theirs" run 4)
    printf '                                     NEURON %8.2f ms  (v end %s)  ratio %.1fx\n' \
        "$(echo "$trun * 1000" | bc -l)" "$tv" "$(echo "$trun / $orun" | bc -l)"
else
    echo "  (NEURON not installed: $PY cannot import neuron)"
fi
