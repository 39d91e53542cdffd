#!/bin/sh
# Golden text outputs of nrn-plot at fixed sizes (braille, --ascii, axes options, units, colour,
# phase plots), and the same picture whatever way the data arrives (file, '-', pipe, --follow
# into a pipe). Rewrite the expected files after an intended change with: UPDATE=1 sh $0
. "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
D="$ROOT/tests/plot/data"
E="$ROOT/tests/plot/expected"

# golden NAME ARGS...: runs nrn-plot ARGS, compares stdout with expected/NAME.txt
golden() {
    n=$1; shift
    if nrn-plot "$@" >"$TMP/$n.txt" 2>"$TMP/$n.err"; then :; else
        fail "golden $n" "exit $?" "$(head -3 "$TMP/$n.err")"; return; fi
    if [ -n "$UPDATE" ]; then cp "$TMP/$n.txt" "$E/$n.txt"; fi
    check_files "golden $n" "$TMP/$n.txt" "$E/$n.txt"
}

golden hh_80x24        -W 80 -H 24 "$D/hh_soma.csv"
golden hh_ascii_72x20  --ascii -W 72 -H 20 -y 'soma(0.5).v' --title 'HH soma' "$D/hh_soma.csv"
golden hh_phase_60x16  -W 60 -H 16 -x 'soma(0.5).v' -y 'soma(0.5).m_hh' "$D/hh_soma.csv"
golden hh_zoom_60x12   -W 60 -H 12 --xlim 1:3 --ylim=-70:0 -y 2 "$D/hh_soma.csv"
golden hh_logy_60x14   -W 60 -H 14 --logy -y 3 "$D/hh_soma.csv"
golden hh_logx_60x14   -W 60 -H 14 --logx --ascii -y 2 "$D/hh_soma.csv"
golden units_70x18     -W 70 -H 18 --title 'Two traces' "$D/units.csv"
golden units_color     -W 70 -H 18 --color=always "$D/units.csv"
golden tiny_20x5       -W 20 -H 5 "$D/hh_soma.csv"

# Same frame from stdin ('-' and no argument), from a pipe, and with --follow into a pipe
# (which draws once, at the end of input).
nrn-plot -W 80 -H 24 - <"$D/hh_soma.csv" >"$TMP/a.txt"
check_files "stdin via -" "$TMP/a.txt" "$E/hh_80x24.txt"
cat "$D/hh_soma.csv" | nrn-plot -W 80 -H 24 >"$TMP/b.txt"
check_files "stdin via pipe" "$TMP/b.txt" "$E/hh_80x24.txt"
cat "$D/hh_soma.csv" | nrn-plot --follow -W 80 -H 24 >"$TMP/c.txt"
check_files "follow into a pipe draws once" "$TMP/c.txt" "$E/hh_80x24.txt"

# The size comes from COLUMNS/LINES when stdout is not a terminal (one line left for the prompt).
COLUMNS=80 LINES=25 nrn-plot "$D/hh_soma.csv" >"$TMP/d.txt"
check_files "size from COLUMNS and LINES" "$TMP/d.txt" "$E/hh_80x24.txt"
env -u COLUMNS -u LINES nrn-plot "$D/hh_soma.csv" >"$TMP/e.txt"
check_eq "default size 80x24 less one line" "$(wc -l <"$TMP/e.txt")" "23"

# Output never exceeds the size: at most width-1 columns (the last is left alone) and height lines.
ok=1
for size in "20 5" "33 9" "47 13" "101 31" "160 50"; do
    set -- $size
    for mode in "" --ascii; do
        nrn-plot $mode -W "$1" -H "$2" --title 'a title that is far too long for a narrow plot' \
            "$D/units.csv" >"$TMP/s.txt" || ok=0
        lines=$(wc -l <"$TMP/s.txt")
        widest=$(LC_ALL=C.UTF-8 wc -L <"$TMP/s.txt")
        if [ "$lines" -ne "$2" ] || [ "$widest" -gt $(($1 - 1)) ]; then
            ok=0; echo "  size $1x$2 $mode: $lines lines, widest $widest"
        fi
    done
done
[ $ok -eq 1 ] && pass "output fits the requested size" || fail "output fits the requested size"
