#!/bin/bash
# bench/tui-idle.sh - what the interactive view costs while it sits there:
# the CPU time of memlens (utime + stime from /proc/PID/stat) over a minute
# on the procs view, at the default interval (2 s), with 1,000 sleeping
# processes besides the machine's own.  The goal (issue 3): under 1% of one
# core.  Not part of `make check` (it takes over a minute); run it as
#
#   MEMLENS=./memlens bash bench/tui-idle.sh
#
# The TUI runs in a private tmux server (tmux is needed) on a 120x40 pane.
# The first refresh reads every process in full (each smaps_rollup): it is
# measured apart, as the warm-up, and left out of the idle figure.
#
# Environment: MEMLENS (the binary), NPROCS (1000), SECONDS_IDLE (60),
# WARMUP (5 s before the measure starts), DELAY (empty: the default), VIEW
# (procs).  Run as root for every process's smaps_rollup to be read, as a
# user watching the whole machine would.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
MEMLENS=${MEMLENS:-$here/../memlens}
NPROCS=${NPROCS:-1000}
SECONDS_IDLE=${SECONDS_IDLE:-60}
WARMUP=${WARMUP:-5}
DELAY=${DELAY:-}
VIEW=${VIEW:-procs}

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$MEMLENS" ] || die "no memlens binary at $MEMLENS (build first, or set MEMLENS)"
command -v tmux > /dev/null || die "tmux is missing (apt-get install tmux)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/memlens-tui-bench.XXXXXX")
sock="memlens-bench-$$"
sleepers=()
cleanup() {
	tmux -L "$sock" kill-server 2> /dev/null || true
	# Only the processes this script started, by pid.
	if [ ${#sleepers[@]} -gt 0 ]; then
		kill "${sleepers[@]}" 2> /dev/null || true
		wait "${sleepers[@]}" 2> /dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# utime + stime of a process, in clock ticks (stat fields 14 and 15, after
# the command name in parentheses, which may hold blanks).
cpu_ticks() {
	sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

echo "bench: starting $NPROCS idle processes" >&2
for ((i = 0; i < NPROCS; i++)); do
	sleep 86400 &
	sleepers+=($!)
done
sleep 1
nprocs=$(ls -d /proc/[0-9]* | wc -l)

args=(-v "$VIEW")
[ -n "$DELAY" ] && args+=(-d "$DELAY")
tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 -s bench \
	"env LANG=C.UTF-8 $MEMLENS ${args[*]}"
pane_pid=$(tmux -L "$sock" display -p -t bench '#{pane_pid}')
# The pane runs memlens itself (no shell in between).
[ "$(cat "/proc/$pane_pid/comm")" = memlens ] || die "memlens did not start in tmux"
ticks_per_s=$(getconf CLK_TCK)

sleep "$WARMUP"
warm=$(cpu_ticks "$pane_pid")
t0=$(date +%s.%N)
echo "bench: measuring memlens (pid $pane_pid) for $SECONDS_IDLE s" >&2
sleep "$SECONDS_IDLE"
idle=$(( $(cpu_ticks "$pane_pid") - warm ))
t1=$(date +%s.%N)
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pane_pid/status")
tmux -L "$sock" send-keys -t bench q

awk -v warm="$warm" -v idle="$idle" -v hz="$ticks_per_s" -v t0="$t0" \
    -v t1="$t1" -v n="$nprocs" -v view="$VIEW" -v delay="${DELAY:-2}" \
    -v rss="$rss" 'BEGIN {
	secs = t1 - t0
	printf "memlens TUI, %s view, %s s interval, %d processes\n", view, delay, n
	printf "  start-up (first %s s, every process read in full): %.2f s CPU\n",
	       ENVIRON["WARMUP"] ? ENVIRON["WARMUP"] : 5, warm / hz
	printf "  idle: %.2f s CPU in %.0f s = %.2f%% of one core\n",
	       idle / hz, secs, 100 * idle / hz / secs
	printf "  resident: %d KiB\n", rss
}'
