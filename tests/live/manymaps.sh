#!/bin/sh
# One process of 100,000 mappings (tests/live/manymaps: one-page regions
# whose protections alternate, so the kernel cannot merge them): the batch
# vmas view lists every one (as many rows as /proc/PID/maps has lines) in
# under a second of CPU, and in the TUI, Enter on the process shows its
# mappings within a second.  vm.max_map_count (65530 by default) is raised
# for the test when root, and put back; skipped when it cannot be.
# Under the sanitizers the limits are ten times as long.
. "${top_srcdir:-.}/tests/lib/tap.sh"

count=100000
helper="${top_builddir:-.}/tests/live/manymaps"
maps_pid=
old_max=
cleanup() {
	[ -n "$maps_pid" ] && kill "$maps_pid" 2> /dev/null
	[ -n "$old_max" ] && echo "$old_max" > /proc/sys/vm/max_map_count
	command -v tui_cleanup > /dev/null && tui_cleanup
	rm -rf "$tmp"
}
trap cleanup EXIT

max=$(cat /proc/sys/vm/max_map_count 2> /dev/null || echo 0)
if [ "$max" -lt $((count + 1000)) ]; then
	if [ "$(id -u)" -eq 0 ] && echo $((count + 1000)) > /proc/sys/vm/max_map_count 2> /dev/null
	then
		old_max=$max
	else
		skip "vm.max_map_count is $max: $count mappings need root to raise it"
		done_testing
		exit 0
	fi
fi

"$helper" $count > "$tmp/ready" 2> "$tmp/helper.err" &
maps_pid=$!
n=100
while [ ! -s "$tmp/ready" ] && kill -0 "$maps_pid" 2> /dev/null && [ $n -gt 0 ]; do
	sleep 0.1
	n=$((n - 1))
done
if ! grep -q "^ready $count" "$tmp/ready"; then
	skip "could not map $count regions: $(cat "$tmp/helper.err")"
	done_testing
	exit 0
fi
lines=$(wc -l < "/proc/$maps_pid/maps")
check "the helper has at least $count mappings" test "$lines" -ge $count

limit=1
if LC_ALL=C grep -q __asan_init "$MEMLENS" 2> /dev/null; then
	limit=10
fi

# The CPU time of a command, from its parent's cutime and cstime (fields 16
# and 17 of /proc/PID/stat, after the parenthesised name), in seconds.  The
# best of three runs: a test beside other jobs must not fail on their noise.
vmas_cpu() {
	sh -c '"$@" > "$0.out" 2> "$0.err"; echo $? > "$0.rc"
		sed "s/^.*) //" /proc/$$/stat' "$tmp/vmas" "$MEMLENS" -b -v vmas \
		-p "$maps_pid" |
		awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / hz }'
}
cpu=$( (vmas_cpu; vmas_cpu; vmas_cpu) | sort -n | head -n 1)
diag "memlens -b -v vmas: $cpu s of CPU for $lines mappings (best of 3)"
check "batch vmas: exit 0, quiet" test "$(cat "$tmp/vmas.rc")" = 0 -a ! -s "$tmp/vmas.err"
rows=$(grep -c '^ *[0-9a-f]*-[0-9a-f]* ' "$tmp/vmas.out")
check "batch vmas: one row per mapping ($rows rows, $lines in maps)" \
	test "$rows" -eq "$lines"
check "batch vmas: the title counts them" \
	grep -q "pid $maps_pid (manymaps): $lines mappings" "$tmp/vmas.out"
check "batch vmas: under $limit s of CPU ($cpu s)" \
	awk -v c="$cpu" -v l="$limit" 'BEGIN { exit !(c < l) }'

# ---- the TUI: Enter on the process -------------------------------------------------
if ! command -v tmux > /dev/null; then
	skip "TUI (tmux is not installed)"
	done_testing
	exit 0
fi
. "${top_srcdir:-.}/tests/lib/tmux.sh"
trap cleanup EXIT
tui_start 160 40 "env LANG=C.UTF-8 '$MEMLENS' -p $maps_pid"
check "TUI: the process in the table" tui_wait " $maps_pid .*manymaps"
# The time from Enter to the mappings on the screen; the best of two.
open_vmas() {
	tui_settle
	t0=$(date +%s.%N)
	tui_keys Enter
	n=$((limit * 100))
	while ! tui_screen | grep -q "pid $maps_pid (manymaps): $lines mappings" &&
		[ $n -gt 0 ]; do
		sleep 0.01
		n=$((n - 1))
	done
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }'
}
first=$(open_vmas)
tui_keys Escape
tui_wait " $maps_pid .*manymaps" > /dev/null
second=$(open_vmas)
took=$(printf '%s\n%s\n' "$first" "$second" | sort -n | head -n 1)
diag "TUI: the mappings after $first s, then $second s"
check "TUI: Enter shows all $lines mappings within $limit s ($took s)" \
	awk -v t="$took" -v l="$limit" 'BEGIN { exit !(t < l) }'
check "TUI: the first mapping is the executable's" seen 'r--p .*manymaps$'
tui_keys Escape q
check "TUI: quits with status 0" tui_exited
done_testing
