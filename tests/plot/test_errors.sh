#!/bin/sh
# Bad input exits 1 with exactly one line "nrn-plot: FILE:LINE: ..." on stderr and nothing on
# stdout (nothing is drawn half); bad usage exits 2; --help and --version exit 0.
. "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
D="$ROOT/tests/plot/data"
cd "$TMP" || exit 1

# bad NAME WANT_STATUS WANT_MESSAGE ARGS...: exit status, one-line stderr equal to the message,
# empty stdout.
bad() {
    n=$1; st=$2; msg=$3; shift 3
    nrn-plot -W 60 -H 15 "$@" >out 2>err; got=$?
    if [ "$got" -ne "$st" ]; then fail "$n" "exit $got, want $st" "$(head -3 err)"; return; fi
    if [ -s out ]; then fail "$n" "something was drawn" "$(head -3 out)"; return; fi
    if [ -n "$msg" ]; then
        check_eq "$n" "$(cat err)" "$msg"
    elif [ "$(wc -l <err)" -lt 1 ]; then
        fail "$n" "no message"
    else
        pass "$n"
    fi
}

printf 't,v\n0,1\n1,2,3\n2,3\n' >ragged.csv
printf 't,v\n0,1\n1,2\n1,2\n1,abc\n' >text.csv
printf 't,v\n' >norows.csv
: >empty.csv
printf '# a comment\n\n' >comments.csv
printf 't,v\n0,1\n' >ok.csv
printf 't\n0\n1\n' >onecol.csv
printf 't,v\n0,"1\n' >quote.csv
printf 't,v\n-1,0\n0,1\n' >nonpos.csv

bad "ragged row"        1 "nrn-plot: ragged.csv:3: row has 3 fields, the header has 2" ragged.csv
bad "text for a number" 1 "nrn-plot: text.csv:5: column 'v' is not a number: 'abc'" text.csv
bad "no rows"           1 "nrn-plot: norows.csv:1: no data rows after the header" norows.csv
bad "empty file"        1 "nrn-plot: empty.csv:1: empty input: no header line" empty.csv
bad "only comments"     1 "nrn-plot: comments.csv:1: empty input: no header line" comments.csv
bad "unknown y column"  1 "nrn-plot: ok.csv:1: no column 'w' (columns: t, v)" -y w ok.csv
bad "unknown x column"  1 "nrn-plot: ok.csv:1: no column 'time' (columns: t, v)" -x time ok.csv
bad "index too large"   1 "nrn-plot: ok.csv:1: no column '3' (columns: t, v)" -y 3 ok.csv
bad "nothing to plot"   1 "nrn-plot: onecol.csv:1: nothing to plot: the only column is 't'" -x t onecol.csv
bad "unterminated quote" 1 "nrn-plot: quote.csv:2: malformed CSV: unterminated quoted field" quote.csv
bad "missing file"      1 "nrn-plot: nope.csv: cannot open: no such file or directory" nope.csv

# standard input is called <stdin>
nrn-plot -W 60 -H 15 <ragged.csv >out 2>err
check_eq "stdin is named in messages" "$(cat err)" "nrn-plot: <stdin>:3: row has 3 fields, the header has 2"

printf 't,v\n-1,-1\n0,0\n' >neg.csv
bad "log y with no positive values" 1 "nrn-plot: neg.csv: no positive values to draw on a log y axis" --logy neg.csv
bad "log x with no positive values" 1 "nrn-plot: neg.csv: column 't' has no positive values" --logx neg.csv

# a bad input never leaves an SVG behind
nrn-plot --svg pic.svg text.csv >out 2>err
if [ $? -eq 1 ] && [ ! -e pic.svg ] && [ -z "$(ls | grep 'pic.svg')" ]; then pass "no SVG from bad input"
else fail "no SVG from bad input" "$(ls)"; fi

# usage errors: exit 2, a message and a hint
bad "unknown option"    2 "" --frobnicate ok.csv
bad "missing value"     2 "" ok.csv -y
bad "inverted --xlim"   2 "" --xlim 5:1 ok.csv
bad "malformed --ylim"  2 "" --ylim abc ok.csv
bad "too narrow"        2 "" --width 5 ok.csv
bad "too short"         2 "" --height 2 ok.csv
bad "bad --color"       2 "" --color=sometimes ok.csv
bad "bad --fps"         2 "" --fps 0 ok.csv
bad "two inputs"        2 "" ok.csv ok.csv
bad "log axis, limit <= 0" 2 "" --logx --xlim 0:1 ok.csv
bad "bad delimiter"     2 "" -d ab ok.csv
nrn-plot --frobnicate ok.csv 2>err
check_grep "usage error names the option" "^nrn-plot: unknown option '--frobnicate'" err
check_grep "usage error gives a hint" "nrn-plot --help" err

# too small a terminal: a clear message, exit 1
COLUMNS=12 LINES=4 nrn-plot ok.csv >out 2>err; st=$?
check_eq "terminal too small" "$st $(cat err)" "1 nrn-plot: too small to plot: 12x3 cells (a plot needs at least 20x5)"

# help and version
nrn-plot --help >out 2>err; st=$?
check_eq "--help exits 0" "$st" "0"
check_grep "--help has examples" "^examples:" out
check_grep "--help shows -y" "-y COL" out
nrn-plot -h >out2
check_files "-h is --help" out out2
nrn-plot --version >out; st=$?
check_eq "--version exits 0" "$st" "0"
check_grep "--version prints a version" "^nrn-plot [0-9]" out
