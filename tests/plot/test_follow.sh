#!/bin/sh
# --follow: on a terminal (a detached tmux pane) the plot appears while a slow producer is still
# writing, changes as rows arrive, and its final frame stays on screen with the shell's next
# output below it; only changed lines are re-sent (measured through script(1)'s pty); a bad row
# mid-stream leaves the last frame and one message below it. (Into a pipe, --follow draws once:
# see test_golden.sh.)
. "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$TMP" || exit 1
if ! command -v tmux >/dev/null 2>&1; then fail "tmux is needed for the --follow tests"; exit 0; fi
export TMUX_TMPDIR="$TMP"  # a private tmux server, whatever else runs
unset TMUX
S="nrnplot-follow-$$"
P="$ROOT/${BIN:-bin}/nrn-plot"

# producer N DELAY [BADROW]: a header then N rows, DELAY seconds apart; row BADROW is text
cat >producer.sh <<'SH'
n=$1; delay=$2; bad=${3:-0}
echo "t,v[mV]"
i=1
while [ $i -le "$n" ]; do
    if [ $i -eq "$bad" ]; then echo "$i,oops"; else echo "$i,$(( (i * 7) % 11 - 5 ))"; fi
    i=$((i + 1)); sleep "$delay"
done
SH
sh producer.sh 40 0 >all.csv
"$P" -W 70 -H 16 all.csv >final.txt

# wait_for PATTERN SECONDS: polls the pane until a line matches
wait_for() {
    i=0
    while [ $i -lt $(($2 * 20)) ]; do
        tmux capture-pane -p -t "$S" 2>/dev/null | grep -Eq -- "$1" && return 0
        sleep 0.05; i=$((i + 1))
    done
    return 1
}

tmux new-session -d -s "$S" -x 80 -y 24 \
    "sh producer.sh 40 0.1 | '$P' --follow --fps 20 -W 70 -H 16; echo \"DONE rc=\$?\"; sleep 30"
if wait_for '┤' 5; then pass "follow: a frame appears while rows arrive"; else fail "follow: a frame appears while rows arrive"; fi
tmux capture-pane -p -t "$S" >early.txt
sleep 1.2
tmux capture-pane -p -t "$S" >later.txt
if grep -q DONE later.txt; then
    fail "follow: still running after 1.2 s" "the producer should take 4 s"
elif cmp -s early.txt later.txt; then
    fail "follow: the frame updates" "$(cat later.txt)"
else
    pass "follow: the frame updates"
fi
check_eq "follow: the frame stays in place" "$(grep -c '└' later.txt)" "1"
if wait_for '^DONE' 40; then pass "follow: ends with the input"; else fail "follow: ends with the input"; fi
tmux capture-pane -p -t "$S" >end.txt
head -16 end.txt | sed 's/ *$//' >end_frame.txt
check_files "follow: final frame equals the plot of all rows" end_frame.txt final.txt
check_eq "follow: the shell continues below the frame" "$(sed -n 17p end.txt)" "DONE rc=0"

# a bad row after a few frames: last frame kept, one message below it, exit 1. A session of its
# own, started while the first still lives: killing the server's last session and starting a
# new one at once raced with the server's exit under load, and this part then found no pane.
S1=$S; S="$S1-bad"
tmux new-session -d -s "$S" -x 80 -y 24 \
    "sh producer.sh 20 0.05 12 | '$P' --follow -W 70 -H 16; echo \"DONE rc=\$?\"; sleep 30" ||
    fail "follow: tmux starts the bad-row session"
tmux kill-session -t "$S1" 2>/dev/null
wait_for '^DONE' 40 || fail "follow: the bad-row run ends" "$(tmux capture-pane -p -t "$S" 2>&1)"
tmux capture-pane -p -t "$S" >bad.txt
check_eq "follow: bad row message below the frame" "$(sed -n 17p bad.txt)" "nrn-plot: <stdin>:13: column 'v[mV]' is not a number: 'oops'"
check_eq "follow: bad row exits 1" "$(sed -n 18p bad.txt)" "DONE rc=1"
check_eq "follow: the last good frame is kept" "$(head -16 bad.txt | grep -c '└')" "1"
tmux kill-session -t "$S" 2>/dev/null
tmux kill-server 2>/dev/null || true

# Bytes on the wire: through a pty, a smooth trace arriving row by row, drawn as about a hundred
# frames, must cost far less than as many full frames; nothing clears the screen.
cat >smooth.sh <<'SH'
echo "t,v"
i=1
while [ $i -le 300 ]; do
    p=$((i % 100)); if [ $p -lt 50 ]; then v=$p; else v=$((100 - p)); fi
    echo "$i,$v"; i=$((i + 1)); sleep 0.005
done
SH
if command -v script >/dev/null 2>&1; then
    sh smooth.sh >smooth.csv
    NO_COLOR=1 "$P" -W 70 -H 16 smooth.csv >smooth.txt
    TERM=xterm NO_COLOR=1 script -qfec "sh smooth.sh | '$P' --follow --fps 50 -W 70 -H 16" pty.log >/dev/null 2>&1
    full=$(wc -c <smooth.txt)
    sent=$(wc -c <pty.log)
    frames=$(grep -o "$(printf '\033')\[[0-9]*A" pty.log | wc -l)
    if [ "$frames" -ge 10 ]; then pass "follow: redraws in place ($frames frames)"; else fail "follow: redraws in place" "$frames frames"; fi
    if [ "$sent" -lt $((frames * full / 3)) ]; then
        pass "follow: only changed lines are sent ($sent bytes for $frames frames of $full)"
    else
        fail "follow: only changed lines are sent" "$sent bytes for $frames frames, one full frame is $full"
    fi
    if grep -q "$(printf '\033')\[2J" pty.log; then fail "follow: never clears the screen"; else pass "follow: never clears the screen"; fi
fi
# --fps caps the frame rate: about two seconds of input at --fps 2 is a handful of frames
if command -v script >/dev/null 2>&1; then
    start=$(date +%s.%N)
    TERM=xterm NO_COLOR=1 script -qfec "sh smooth.sh | '$P' --follow --fps 2 -W 70 -H 16" pty2.log >/dev/null 2>&1
    secs=$(echo "$start $(date +%s.%N)" | awk '{ printf "%d", $2 - $1 + 1.5 }')
    frames=$(grep -o "$(printf '\033')\[[0-9]*A" pty2.log | wc -l)
    if [ "$frames" -ge 1 ] && [ "$frames" -le $((secs * 2 + 1)) ]; then pass "follow: --fps 2 gives $frames frames in about $secs s"
    else fail "follow: --fps caps the frame rate" "$frames frames in $secs s"; fi
fi
exit 0
