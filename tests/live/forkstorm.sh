#!/bin/sh
# Processes that appear and vanish while memlens collects: forkstorm (a
# helper) forks 200 short-lived processes a second (some exit at once, some
# exec, some exit in the middle of a refresh, some stay zombies for a tick)
# while memlens -b -o json refreshes every 50 ms 20 times, then while the
# TUI refreshes every 50 ms for a few seconds.  memlens exits 0 with 20
# snapshots, and no row of a living user process (not a kernel thread, not
# a zombie) has a memory size that is known but zero: what could not be
# read is null, never an invented 0.
. "${top_srcdir:-.}/tests/lib/tap.sh"

helper="${top_builddir:-.}/tests/live/forkstorm"
storm=
trap '[ -n "$storm" ] && kill "$storm" 2> /dev/null; command -v tui_cleanup > /dev/null && tui_cleanup; rm -rf "$tmp"' EXIT
jqtrue() { jq -e "$@" > /dev/null 2>&1; }

"$helper" 4 200 > "$tmp/forks" &
storm=$!
sleep 0.2
"$MEMLENS" -b -o json -v procs -d 0.05 -n 20 > "$tmp/out.json" 2> "$tmp/err"
rc=$?
kill -0 "$storm" 2> /dev/null
running=$?
check "batch during the storm: exit 0" test $rc -eq 0
check "batch during the storm: nothing on stderr" test ! -s "$tmp/err"
[ -s "$tmp/err" ] && diag "$(head -5 "$tmp/err")"
check "the storm was still forking when memlens finished" test $running -eq 0
check "20 snapshots, each valid JSON" \
	test "$(jq -c .format "$tmp/out.json" 2> /dev/null | grep -c memlens-snapshot)" -eq 20
# PF_KTHREAD is 0x00200000 in task_flags (include/linux/sched.h).
jq -c '.processes[]
	| select((.task_flags // 0) / 2097152 | floor % 2 == 0)
	| select(.state != "Z" and .state != "X")
	| select(.rss_kb == 0 or .vsz_kb == 0 or .pgtables_kb == 0)
	| {pid, comm, state, rss_kb, vsz_kb, pgtables_kb}' "$tmp/out.json" \
	> "$tmp/zeros" 2>&1
check "no living user process with a known RSS, VSZ or page tables of 0" \
	test ! -s "$tmp/zeros"
[ -s "$tmp/zeros" ] && diag "$(head -5 "$tmp/zeros")"
check "the storm's children were seen (a process table per snapshot)" \
	jqtrue -s 'all(.[]; .processes | length > 10)' "$tmp/out.json"
wait "$storm"
diag "forks during the test: $(cat "$tmp/forks")"
check "the storm ran at about 200 a second" test "$(cat "$tmp/forks")" -ge 400

# ---- the TUI ----------------------------------------------------------------------
if ! command -v tmux > /dev/null; then
	skip "TUI during the storm (tmux is not installed)"
	done_testing
	exit 0
fi
. "${top_srcdir:-.}/tests/lib/tmux.sh"
"$helper" 4 200 > "$tmp/forks" &
storm=$!
tui_start 120 40 "env LANG=C.UTF-8 '$MEMLENS' -d 0.05"
check "TUI during the storm: draws the table" tui_wait 'PID +USER'
for key in 3 9 1 t t; do
	sleep 0.5
	tui_keys "$key"
done
sleep 1
check "TUI during the storm: still drawing after 3 s" seen 'PID +USER'
tui_keys q
check "TUI during the storm: quits with status 0" tui_exited
check "status 0" test "$(cat "$tmp/status" 2> /dev/null)" = 0
wait "$storm"
storm=
done_testing
