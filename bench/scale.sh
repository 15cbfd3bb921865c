#!/bin/bash
# bench/scale.sh - memlens at scale: 10,000 sleeping processes, and one
# process of 100,000 mappings.  Not part of `make check` (it starts 10,000
# processes and takes a few minutes); run it with `make bench-scale`, or
#
#   MEMLENS=./memlens bash bench/scale.sh
#
# It prints, in one run on this machine:
#   - CPU time (user + system, from bash's `times` for the finished child)
#     per refresh of memlens -b -v procs and of top -b, with NPROCS sleeping
#     processes: the first refresh, and the steady state as the difference
#     between -n 1 and -n 1+STEADY runs, divided by STEADY (median of RUNS);
#   - the interactive view's CPU per refresh: memlens in a tmux pane at
#     -d 1 for TUI_SECONDS, from utime + stime of /proc/PID/stat (skipped
#     without tmux);
#   - CPU and wall time of memlens -b -v vmas on a process of MAPS
#     mappings (tests/live/manymaps, built by `make check`; vm.max_map_count
#     is raised for it when root, and put back).
#
# Environment: MEMLENS, NPROCS (10000), STEADY (5), RUNS (3), DELAY (2),
# TUI_SECONDS (20), MAPS (100000), MANYMAPS (the helper's path).  Run as
# root: memlens then reads every process's smaps_rollup, as a user watching
# the whole machine would, and the process limit can be raised.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
MEMLENS=${MEMLENS:-$here/../memlens}
NPROCS=${NPROCS:-10000}
STEADY=${STEADY:-5}
RUNS=${RUNS:-3}
DELAY=${DELAY:-2}
TUI_SECONDS=${TUI_SECONDS:-20}
MAPS=${MAPS:-100000}
MANYMAPS=${MANYMAPS:-$(dirname "$MEMLENS")/tests/live/manymaps}

[ -x "$MEMLENS" ] || die "no memlens binary at $MEMLENS (build first, or set MEMLENS)"
command -v top > /dev/null || die "top is missing (apt-get install procps)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/memlens-scale.XXXXXX")
sock="memlens-scale-$$"
sleepers=()
maps_pid=
old_max_map=
cleanup() {
	tmux -L "$sock" kill-server 2> /dev/null || true
	# Only the processes this script started, by pid.
	[ -n "$maps_pid" ] && kill "$maps_pid" 2> /dev/null || true
	if [ ${#sleepers[@]} -gt 0 ]; then
		kill "${sleepers[@]}" 2> /dev/null || true
		wait "${sleepers[@]}" 2> /dev/null || true
	fi
	[ -n "$old_max_map" ] && echo "$old_max_map" > /proc/sys/vm/max_map_count
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM


cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

export HOME=$tmp LC_ALL=C

# ---- 10,000 sleeping processes ------------------------------------------------
ulimit -u unlimited 2> /dev/null || ulimit -u $((NPROCS + 4096)) 2> /dev/null || true
echo "bench: starting $NPROCS sleeping processes" >&2
for ((i = 0; i < NPROCS; i++)); do
	sleep 86400 &
	sleepers+=($!)
done
sleep 2
pids=(/proc/[0-9]*)
total=${#pids[@]}

iterations=$((STEADY + 1))
echo "bench: memlens and top, $RUNS runs each of -n 1 and -n $iterations" >&2
m1=$(median_ms "$MEMLENS" -b -n 1 -d "$DELAY" -v procs)
rows=$(grep -c ' sleep$' "$tmp/out" || true)
mn=$(median_ms "$MEMLENS" -b -n "$iterations" -d "$DELAY" -v procs)
t1=$(median_ms top -b -n 1 -d "$DELAY")
tn=$(median_ms top -b -n "$iterations" -d "$DELAY")
ms=$(per_refresh "$mn" "$m1")
ts=$(per_refresh "$tn" "$t1")
[ "$rows" -ge "$NPROCS" ] ||
	echo "bench: warning: memlens showed $rows sleep processes, not $NPROCS" >&2

tui="n/a"
if command -v tmux > /dev/null; then
	echo "bench: the TUI at -d 1 for $TUI_SECONDS s" >&2
	tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 -s scale \
		"env LANG=C.UTF-8 $MEMLENS -d 1"
	pane=$(tmux -L "$sock" display -p -t scale '#{pane_pid}')
	sleep 5 # the first refresh reads every process in full
	c0=$(cpu_ticks "$pane")
	sleep "$TUI_SECONDS"
	c1=$(cpu_ticks "$pane")
	tmux -L "$sock" send-keys -t scale q
	tui=$(awk -v c="$((c1 - c0))" -v hz="$(getconf CLK_TCK)" -v s="$TUI_SECONDS" \
		'BEGIN { printf "%.1f", c / hz * 1000 / s }')
fi
kill "${sleepers[@]}" 2> /dev/null || true
wait "${sleepers[@]}" 2> /dev/null || true
sleepers=()

# ---- one process of 100,000 mappings ---------------------------------------------
vmas_cpu="n/a" vmas_wall="n/a"
max=$(cat /proc/sys/vm/max_map_count)
if [ "$max" -lt $((MAPS + 1000)) ] && [ "$(id -u)" -eq 0 ]; then
	old_max_map=$max
	echo $((MAPS + 1000)) > /proc/sys/vm/max_map_count
fi
if [ -x "$MANYMAPS" ]; then
	"$MANYMAPS" "$MAPS" > "$tmp/ready" &
	maps_pid=$!
	for _ in $(seq 100); do [ -s "$tmp/ready" ] && break; sleep 0.1; done
	if grep -q ready "$tmp/ready"; then
		t0=$(date +%s.%N)
		vmas_cpu=$(median_ms "$MEMLENS" -b -v vmas -p "$maps_pid")
		t1w=$(date +%s.%N)
		vmas_wall=$(awk -v a="$t0" -v b="$t1w" -v r="$RUNS" 'BEGIN { printf "%.0f", (b - a) * 1000 / r }')
	fi
else
	echo "bench: no $MANYMAPS (make check builds it): skipping the mappings" >&2
fi

cat << EOF
memlens at scale, $(date -u +%Y-%m-%d), $(uname -r), $(nproc) CPUs, as uid $(id -u)

| $NPROCS sleeping processes ($total in all), CPU per refresh | memlens | top | memlens/top |
|---|---|---|---|
| first refresh (every process read in full) | $m1 ms | $t1 ms | $(ratio "$m1" "$t1") |
| steady state (-n $iterations minus -n 1, per refresh, -d $DELAY) | $ms ms | $ts ms | $(ratio "$ms" "$ts") |
| the TUI, procs view, -d 1 (average over $TUI_SECONDS s) | $tui ms | | |

| one process of $MAPS mappings | CPU | wall |
|---|---|---|
| memlens -b -v vmas -p PID (median of $RUNS) | $vmas_cpu ms | $vmas_wall ms |
EOF
