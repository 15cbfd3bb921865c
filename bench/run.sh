#!/bin/bash
# bench/run.sh - what memlens costs, against top and smem, on 1,000 idle
# processes.  Not part of `make check` (it takes about a minute, starts
# processes, and may install smem); run it with `make bench`, or directly:
#
#   MEMLENS=./memlens bash bench/run.sh
#
# It measures CPU time (user + system, from getrusage of the finished child
# through bash's `times`, so sleeping between refreshes costs nothing):
#   - memlens -b -v procs and top -b, per refresh: the first refresh (every
#     process read from scratch; for memlens that includes every
#     smaps_rollup) apart from the steady state, taken as the difference
#     between a run of 1 refresh and a run of 1 + STEADY refreshes;
#   - one all-process PSS/USS table: memlens -b -n 1 -v procs -s pss against
#     smem -c "pid pss uss" (smem reads every /proc/PID/smaps in Python).
# Each figure is the median of RUNS runs.  Results are printed as a table
# with the ratios memlens/top and smem/memlens.
#
# Environment: MEMLENS (the binary), NPROCS (1000), STEADY (5), RUNS (3),
# DELAY (2 s between refreshes: the default interval, at which memlens re-reads
# about 1/30 of the processes in full per refresh).  Run as root so that memlens and smem read
# every process's smaps (without root both skip other users' processes).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
MEMLENS=${MEMLENS:-$here/../memlens}
NPROCS=${NPROCS:-1000}
STEADY=${STEADY:-5}
RUNS=${RUNS:-3}
DELAY=${DELAY:-2}


[ -x "$MEMLENS" ] || die "no memlens binary at $MEMLENS (build first, or set MEMLENS)"
command -v top > /dev/null || die "top is missing (apt-get install procps)"

# ---- smem (Debian package; a Python 3 program) ---------------------------

ensure_smem() {
	command -v smem > /dev/null && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "bench: smem is missing; as root this script installs it" >&2
		return 1
	fi
	echo "bench: installing smem (and python3 if needed) with apt-get" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends smem python3 > /dev/null 2>&1 ||
		{ apt-get update -q > /dev/null 2>&1 &&
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends smem python3 > /dev/null 2>&1; } ||
		{ echo "bench: could not install smem" >&2; return 1; }
}

# ---- the idle processes ----------------------------------------------------

tmp=$(mktemp -d "${TMPDIR:-/tmp}/memlens-bench.XXXXXX")
sleepers=()
cleanup() {
	# Only the processes this script started, by pid.
	if [ ${#sleepers[@]} -gt 0 ]; then
		kill "${sleepers[@]}" 2> /dev/null || true
		wait "${sleepers[@]}" 2> /dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_sleepers() {
	for ((i = 0; i < NPROCS; i++)); do
		sleep 86400 &
		sleepers+=($!)
	done
	# Let every child reach exec and sleep, so the first refresh sees them idle.
	sleep 1
}

count_processes() {
	local pids=(/proc/[0-9]*)
	echo "${#pids[@]}"
}

# ---- measuring -------------------------------------------------------------


# ---- the runs ----------------------------------------------------------------

# top and memlens with their default settings, not the user's.
export HOME=$tmp
export LC_ALL=C

have_smem=yes
ensure_smem || have_smem=no

echo "bench: starting $NPROCS idle processes" >&2
start_sleepers
total=$(count_processes)

# A sanity check: memlens sees the processes (and reads their PSS).
"$MEMLENS" -b -n 1 -v procs > "$tmp/check" 2> "$tmp/check.err" ||
	die "memlens failed: $(head -n 3 "$tmp/check.err")"
rows=$(grep -c ' sleep' "$tmp/check" || true)
[ "$rows" -ge "$NPROCS" ] ||
	echo "bench: warning: memlens -b -v procs shows $rows sleep processes, not $NPROCS" >&2

iterations=$((STEADY + 1))
echo "bench: memlens, $RUNS runs each of -n 1 and -n $iterations" >&2
m1=$(median_ms "$MEMLENS" -b -n 1 -d "$DELAY" -v procs)
mn=$(median_ms "$MEMLENS" -b -n "$iterations" -d "$DELAY" -v procs)
echo "bench: top, $RUNS runs each of -n 1 and -n $iterations" >&2
t1=$(median_ms top -b -n 1 -d "$DELAY")
tn=$(median_ms top -b -n "$iterations" -d "$DELAY")
ms=$(per_refresh "$mn" "$m1")
ts=$(per_refresh "$tn" "$t1")

echo "bench: one-shot PSS/USS, $RUNS runs each" >&2
pss_memlens=$(median_ms "$MEMLENS" -b -n 1 -v procs -s pss)
if [ "$have_smem" = yes ]; then
	pss_smem=$(median_ms smem -c "pid pss uss")
	smem_rows=$(($(wc -l < "$tmp/out") - 1))
else
	pss_smem="n/a"
	smem_rows=0
fi

# ---- the table ---------------------------------------------------------------

ncpu=$(nproc)
mem=$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
cat <<EOF

memlens $("$MEMLENS" --version | awk '{ print $2 }') against top and smem: $NPROCS idle processes
($total processes in all), kernel $(uname -r), $ncpu CPUs, $mem, user $(id -un).
CPU time (user + system), median of $RUNS runs; refresh delay $DELAY s.

Per refresh                          memlens        top   memlens/top
  first refresh (-n 1)            $(printf '%8s ms %8s ms %10s' "$m1" "$t1" "$(ratio "$m1" "$t1")")
  steady state (-n $iterations - -n 1)/$STEADY  $(printf '%8s ms %8s ms %10s' "$ms" "$ts" "$(ratio "$ms" "$ts")")

All-process PSS/USS, one shot        memlens       smem  smem/memlens
  memlens -b -n 1 -v procs -s pss $(printf '%8s ms %8s ms %10s' "$pss_memlens" "$pss_smem" "$(ratio "$pss_smem" "$pss_memlens")")
  (smem -c "pid pss uss" listed $smem_rows processes)
EOF
