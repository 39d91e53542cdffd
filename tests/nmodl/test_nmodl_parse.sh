#!/bin/sh
# test_nmodl_parse.sh: nrn-build mod --check / --ast, the NMODL parser: the project's own
# inputs (tests/nmodl/good parse, each tests/nmodl/bad file fails with the one line its
# first line announces), the tree of a small file, usage errors, truncated files (never a
# crash), and NEURON's corpus when ../shared/nmodl is present (every file parses).
. "$(dirname "$0")/../lib.sh"
N="$ROOT/tests/nmodl"
cd "$TMP" || exit 1

# ---- sound files parse: exit 0, no message (syntax.mod uses what the generator lacks)
for f in "$N"/good/*.mod; do
    b=$(basename "$f" .mod)
    nrn-build mod --ast "$f" > /dev/null 2> err; rc=$?
    if [ "$rc" -eq 0 ] && [ ! -s err ]; then pass "good-$b"
    else fail "good-$b" "exit $rc" "$(head -2 err)"; fi
done
check_status check-leak 0 nrn-build mod --check "$N/good/leak.mod"

# ---- faulty files: exit 1 and exactly the announced line FILE:LINE:COL: message
for f in "$N"/bad/*.mod; do
    b=$(basename "$f" .mod)
    want="$f:$(sed -n '1s/^: want: //p' "$f")"
    nrn-build mod --check "$f" > out 2> err; rc=$?
    if [ "$rc" -eq 1 ] && [ "$(cat err)" = "$want" ] && [ ! -s out ]; then pass "bad-$b"
    else fail "bad-$b" "exit $rc" "got:  $(cat err)" "want: $want"; fi
done

# ---- the tree of leak.mod
nrn-build mod --ast "$N/good/leak.mod" > leak.ast
check_files ast-leak leak.ast "$N/leak.ast"

# ---- a folder stands for its .mod files; one bad file fails the run, the others are read
mkdir dir && cp "$N/good/leak.mod" dir/a.mod && cp "$N/bad/bad_char.mod" dir/b.mod
nrn-build mod --check dir > out 2> err; rc=$?
check_eq dir-status "$rc" 1
check_eq dir-message "$(cat err)" "dir/b.mod:3:11: unexpected character '\$'"

# ---- usage
check_status usage-no-file 2 nrn-build mod --check
check_status usage-bad-option 2 nrn-build mod --frobnicate x.mod
check_status usage-help 0 nrn-build mod --help
check_grep usage-help-text 'nrn-build mod' "$TMP/out"
check_status missing-file 1 nrn-build mod --check no_such.mod
check_grep missing-file-msg '^no_such.mod: No such file or directory$' "$TMP/err"

# ---- every prefix of a file that exercises the whole grammar: exit 0 or 1 with one line
trunc_ok=1
size=$(wc -c < "$N/good/syntax.mod")
i=0
while [ "$i" -lt "$size" ]; do
    head -c "$i" "$N/good/syntax.mod" > t.mod
    cp "$N/good/parts.inc" .
    nrn-build mod --check t.mod > /dev/null 2> err; rc=$?
    if [ "$rc" -gt 1 ] || [ "$(wc -l < err)" -gt 1 ]; then
        trunc_ok=0; fail truncated "prefix of $i bytes: exit $rc" "$(head -2 err)"; break
    fi
    i=$((i + 37))
done
[ "$trunc_ok" -eq 1 ] && pass truncated

# ---- NEURON's corpus (read only, skipped without it): every file parses; --check
# translates it or refuses it with one line FILE:LINE[:COL]: message, never a crash
C="$ROOT/../shared/nmodl/corpus"
if [ -d "$C" ]; then
    nbad=0 nodd=0
    for f in "$C"/*/*.mod; do
        nrn-build mod --ast "$f" > /dev/null 2>> corpus.err || nbad=$((nbad + 1))
        nrn-build mod --check "$f" > /dev/null 2> one.err; rc=$?
        if [ "$rc" -gt 1 ] || [ "$(wc -l < one.err)" -gt 1 ] ||
           { [ "$rc" -eq 1 ] && ! grep -Eq "^$f(:[0-9]+:[0-9]+)?: " one.err; }; then
            nodd=$((nodd + 1)); cat one.err >> corpus.odd; echo "$f exit $rc" >> corpus.odd
        fi
    done
    if [ "$nbad" -eq 0 ]; then pass corpus-parses; else fail corpus-parses "$(head -5 corpus.err)"; fi
    if [ "$nodd" -eq 0 ]; then pass corpus-check-one-line; else fail corpus-check-one-line "$(head -6 corpus.odd)"; fi
else
    echo "skip: corpus (no ../shared/nmodl)"
fi
