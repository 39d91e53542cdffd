#!/bin/sh
# test_man_tcl.sh: man/nrn-tcl.1 stays the complete reference of the Tcl layer: every
# command of the table in src/tcl/nrntcl.c, every subcommand of vector, savestate and of
# the object commands has its own tagged entry (".B NAME ..."), the page renders without
# warnings, and the other pages and README point to it.
. "$(dirname "$0")/../lib.sh"
man="$ROOT/man/nrn-tcl.1"

# has_entry WORDS: the page has a line ".B WORDS" or ".B WORDS <arguments>".
has_entry() {
    grep -q "^\.B $1\( \|\$\)" "$man"
}

# The names in a C table: the quoted words of the lines from the one matching $2 to the
# first "};" or "NULL };" after it (file $1); for the command table, the first word of each row.
table_names() {
    sed -n "/$2/,/}; *\$/p" "$1" | grep -o '"[A-Za-z_0-9]*"' | tr -d '"'
}

cmds=$(sed -n '/^static const struct nrntcl_cmd nrntcl_cmds\[\] = {/,/^};/p' "$ROOT/src/tcl/nrntcl.c" |
       sed -n 's/^ *{ "\([^"]*\)",.*/\1/p')
n=$(echo "$cmds" | wc -w)
[ "$n" -ge 40 ] && pass "man-tcl: the command table was read ($n commands)" ||
    fail "man-tcl: the command table was read" "only $n commands found in src/tcl/nrntcl.c"
missing=""
for c in $cmds; do has_entry "$c" || missing="$missing $c"; done
check_eq "man-tcl: every command of nrntcl_cmds has an entry" "$missing" ""

for spec in "vector:cmd_vector.c:subs\[\] = {" "savestate:cmd_savestate.c:subs\[\] = {"; do
    cmd=${spec%%:*}; rest=${spec#*:}; file=${rest%%:*}; pat=${rest#*:}
    subs=$(table_names "$ROOT/src/tcl/$file" "$pat")
    missing=""
    for s in $subs; do has_entry "$cmd $s" || missing="$missing $s"; done
    check_eq "man-tcl: every $cmd subcommand has an entry ($(echo $subs | wc -w))" "$missing" ""
done

# The object commands' subcommands (point processes and NetCon).
subs=$( (table_names "$ROOT/src/tcl/cmd_pp.c" 'rsubs\[\] = {'; table_names "$ROOT/src/tcl/cmd_netcon.c" 'subs\[\] = {') | sort -u)
missing=""
for s in $subs; do grep -q "^\.IB NAME \" $s" "$man" || missing="$missing $s"; done
check_eq "man-tcl: every object subcommand has an entry ($(echo $subs | wc -w))" "$missing" ""

# Every option of section is named.
opts=$(table_names "$ROOT/src/tcl/cmd_section.c" 'section_opts\[\] = {')
missing=""
for o in $opts; do grep "^\.B section " "$man" | grep -q -- "?\\\\$o " || missing="$missing $o"; done
check_eq "man-tcl: every option of section is in its entry" "$missing" ""

# Every option of every point-process type (its PARAMETERs, as configure lists them) and
# of NetCon is named in that command's entry.
cat >"$TMP/opts.tcl" <<'TCL'
section s
foreach type {IClamp SEClamp VClamp ExpSyn Exp2Syn AlphaSynapse APCount} {
    $type o$type s(0.5)
    puts "$type [dict keys [o$type configure]]"
}
foreach type {NetStim IntFire1 IntFire2 IntFire4} {
    $type o$type
    puts "$type [dict keys [o$type configure]]"
}
NetCon nc s(0.5).v {}
puts "NetCon [dict keys [nc configure]]"
TCL
if nrn-run "$TMP/opts.tcl" >"$TMP/opts" 2>"$TMP/err"; then
    missing=""
    while read -r type opts; do
        entry=$(grep "^\.B $type " "$man" | sed 's/\\-/-/g')
        for o in $opts; do
            case "$entry " in *"$o?"* | *"$o "*) ;; *) missing="$missing $type:$o" ;; esac
        done
    done <"$TMP/opts"
    check_eq "man-tcl: every option of every object type is in its entry" "$missing" ""
else
    fail "man-tcl: every option of every object type is in its entry" "$(cat "$TMP/err")"
fi

for topic in 'must be braced' 'section soma\\fR on an existing section' 'connect dend soma' \
             'ETOPOLOGY' 'NEURON: \\fBh.distance'; do
    check_grep "man-tcl: says '$topic'" "$topic" "$man"
done

if command -v groff >/dev/null; then
    check_eq "man-tcl: renders without warnings" "$(groff -man -Tutf8 -ww -z "$man" 2>&1)" ""
fi

# Named from README and every other page; no page points to the design document or to
# a page the checkout does not have.
check_grep "man-tcl: README names it" "man nrn-tcl" "$ROOT/README.md"
for p in "$ROOT"/man/*.1; do
    [ "$p" = "$man" ] && continue
    b=$(basename "$p")
    check_grep "man-tcl: $b names nrn-tcl(1) in SEE ALSO" '^\.BR nrn-tcl \(1\)' "$p"
    if grep -q 'design/\|tcl-api.md' "$p"; then fail "man-tcl: $b points to no design document" "$(grep -n 'design/\|tcl-api.md' "$p")"
    else pass "man-tcl: $b points to no design document"; fi
done
bad=""
for p in "$ROOT"/man/*.1; do
    for ref in $(grep -ho '^\.BR nrn-[a-z]* (1)' "$p" | sed 's/^\.BR \(nrn-[a-z]*\) (1)/\1/'); do
        [ -f "$ROOT/man/$ref.1" ] || bad="$bad $(basename "$p"):$ref"
    done
done
check_eq "man-tcl: every nrn-*(1) in SEE ALSO exists" "$bad" ""
exit 0
