#!/bin/sh
# test_man_refs.sh: every reference to a project page in the man pages (nrn-NAME(N), in SEE
# ALSO or in the text) names a page that exists in man/, so that `man nrn-plot` never sends
# the reader to a page the checkout does not have. Other references (sqlite3(1), tclsh(1))
# are the system's pages and are not checked.
# PENDING: named pending_*.sh so that tests/run.sh does not run it yet: on the branch where it
# was written, man/nrn-tui.1 was still being written elsewhere. Rename it to
# test_man_refs.sh once man/nrn-tui.1 and man/nrn-tcl.1 are in.
. "$(dirname "$0")/../lib.sh"
n=0
for page in "$ROOT"/man/*.[1-9]; do
    # roff font changes out, then every nrn-NAME followed by (N)
    sed -e 's/\\f[BIRP]//g' -e 's/^\.[BI]R* //' "$page" |
        grep -o 'nrn-[a-z0-9-]* *([1-9])' | tr -d ' ' | sort -u > "$TMP/refs"
    while IFS= read -r ref; do
        name=${ref%%(*}
        sec=$(printf '%s' "$ref" | tr -dc '0-9')
        n=$((n + 1))
        if [ -f "$ROOT/man/$name.$sec" ]; then
            pass "$(basename "$page"): $ref"
        else
            fail "$(basename "$page"): $ref" "man/$name.$sec does not exist"
        fi
    done < "$TMP/refs"
done
[ "$n" -gt 0 ] || fail "man-refs-found" "no nrn-NAME(N) reference found: the pattern is wrong"
