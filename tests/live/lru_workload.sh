#!/bin/sh
# The lru engine's workload predictions against the kernel: each scenario
# is a workload file that memlens plays on its model (--sim lru --what-if
# workload:FILE) and tests/live/workload runs for real in a fresh memory
# cgroup with a swap file.  The kernel's resident anon, swap and resident
# file at the end (memory.stat) must each be within 10% of the limit of the
# prediction.  The scenarios differ a lot in the kernel: at swappiness 200
# it swaps the anonymous memory out, at 60 it trims the cache, at 0 or
# without swap it never swaps.
#
# Needs root, a memory cgroup controller, swapon and a disk file system for
# the data and the swap file; skips otherwise.  swapon changes every
# process's oom_score, so the whole test holds /tmp/memlens-swap.lock
# exclusively (the oom test takes it shared), and swap is always turned off
# and removed on exit.
. "${top_srcdir:-.}/tests/lib/tap.sh"

runner="${top_builddir:-.}/tests/live/workload"
name="memlens-lru-test-$$"
limit_kb=$((300 * 1024))
tolerance_kb=$((limit_kb / 10))
cg=
data=
swapfile=

cleanup() {
	[ -n "$swapfile" ] && swapoff "$swapfile" 2> /dev/null
	[ -n "$cg" ] && [ -d "$cg" ] && rmdir "$cg" 2> /dev/null
	[ -n "$data" ] && rm -rf "$data"
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# Sets up the data directory, the lock and the swap file; on failure sets
# reason and returns 1.
setup() {
	[ "$(id -u)" -eq 0 ] || { reason="not root"; return 1; }
	command -v jq > /dev/null || { reason="jq is not installed"; return 1; }
	command -v swapon > /dev/null && command -v mkswap > /dev/null ||
		{ reason="no swapon/mkswap"; return 1; }
	[ -x "$runner" ] || { reason="$runner is not built"; return 1; }
	if [ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
		cgroot=/sys/fs/cgroup/memory
	elif grep -qw memory /sys/fs/cgroup/cgroup.subtree_control 2> /dev/null
	then
		cgroot=/sys/fs/cgroup
	else
		reason="no memory cgroup controller"; return 1
	fi
	data=$(mktemp -d "${LRU_TEST_DIR:-/var/tmp}/memlens-lru.XXXXXX") ||
		{ reason="cannot make a data directory"; return 1; }
	case $(stat -f -c %T "$data") in
	tmpfs|ramfs) reason="$data is on $(stat -f -c %T "$data")"; return 1 ;;
	esac
	exec 9> /tmp/memlens-swap.lock && flock -x 9 ||
		{ reason="cannot lock /tmp/memlens-swap.lock"; return 1; }
	swapfile=$data/swap
	if ! { fallocate -l 1G "$swapfile" && chmod 600 "$swapfile" &&
	       mkswap -q "$swapfile" > /dev/null 2>&1; }; then
		swapfile=; reason="cannot make a swap file"; return 1
	fi
}

if ! setup; then
	skip "lru workload comparisons: $reason"
	done_testing
	exit
fi

dd if=/dev/urandom of="$data/data" bs=1M count=400 status=none
sync

# The kernel's figures for one workload, "anon swap file" in KiB.
kernel() {
	cg=$cgroot/$name
	mkdir "$cg" || return 1
	"$runner" -g "$cg" "$1" > "$tmp/stat" 2> "$tmp/runner.err" || {
		cat "$tmp/runner.err" >&2; rmdir "$cg"; cg=; return 1; }
	rmdir "$cg" 2> /dev/null
	cg=
	awk '
		{ v[$1] = $2 }
		END {
			anon = v["inactive_anon"] + v["active_anon"]
			file = v["inactive_file"] + v["active_file"]
			if ("anon" in v) anon = v["anon"]
			if ("file" in v) file = v["file"]
			printf "%d %d %d\n", anon / 1024, v["swap"] / 1024, file / 1024
		}' "$tmp/stat"
}

# The prediction for it, "anon swap file" in KiB.
model() {
	"$MEMLENS" -b -o json -v lru --sim lru --what-if "workload:$1" \
		> "$tmp/pred.json" 2> "$tmp/memlens.err" || {
		cat "$tmp/memlens.err" >&2; return 1; }
	jq -r '.sim.lru.prediction | "\(.anon_kb) \(.swap_kb) \(.file_kb)"' \
		"$tmp/pred.json"
}

# error as % of the limit
pct() { echo "$1 $2" | awk -v l=$limit_kb '{ d = $1 - $2; if (d < 0) d = -d;
	printf "%.1f", 100 * d / l }'; }

# One try of a scenario: sets k (kernel) and m (model) or fails.
attempt() {
	swapoff "$swapfile" 2> /dev/null
	[ "$swap" = on ] && swapon "$swapfile"
	k=$(kernel "$wl") && m=$(model "$wl")
}

# Whether "anon swap file" pairs are within the tolerance.
within() {
	set -- $k $m
	diag "$title: kernel anon $1 swap $2 file $3 KiB;" \
	     "model anon $4 swap $5 file $6 KiB;" \
	     "error $(pct $1 $4)% $(pct $2 $5)% $(pct $3 $6)% of the limit"
	for i in 1 2 3; do
		eval "a=\$$i; b=\$$((i + 3))"
		d=$((a - b)); [ $d -lt 0 ] && d=$((-d))
		[ $d -le $tolerance_kb ] || return 1
	done
}

# scenario TITLE on|off TRIES STEP...: TRIES > 1 where the kernel's outcome
# depends on when its periodic stats flush falls (see below).
scenario() {
	title=$1; swap=$2; tries=$3; shift 3
	wl=$data/$(echo "$title" | tr -c 'a-z0-9\n' '-').wl
	printf '%s\n' "$@" > "$wl"
	while [ "$tries" -gt 0 ]; do
		tries=$((tries - 1))
		if ! attempt; then
			not_ok "$title: could not run"
			return
		fi
		if within; then
			ok "$title"
			return
		fi
		[ "$tries" -gt 0 ] && diag "again: a stats flush may have fallen" \
			"inside the swap-out"
	done
	not_ok "$title"
}

common="limit 300M
anon 200M"
scenario "swappiness 0, file read twice" on 1 "swap 1G" "swappiness 0" \
	"$common" "read data x2"
scenario "swappiness 60, file read twice" on 1 "swap 1G" "swappiness 60" \
	"$common" "read data x2"
# Reclaim reads memcg counters as of the last flush, which the kernel does
# every 2 s: right after the group filled the cache looks empty, and at
# swappiness 200 (no weight left for file) reclaim swaps the anonymous
# memory out until the next flush shows the cache.  The model flushes 2 s
# after the start; the kernel's flush falls anywhere in its 2 s period, and
# when it falls inside the swap-out (more likely on a loaded machine) the
# swap-out stops early.  So this one gets three tries.
scenario "swappiness 200, file read twice" on 3 "swap 1G" \
	"swappiness 200" "$common" "read data x2"
scenario "swappiness 60, file read once" on 1 "swap 1G" "swappiness 60" \
	"$common" "read data x1"
scenario "no swap, file read twice" off 1 "swap 0" "swappiness 60" \
	"$common" "read data x2"
# After a wait the flush has shown the cache: swappiness 200 only trims it.
scenario "swappiness 200, stats flushed before the pressure" on 1 \
	"swap 1G" "swappiness 200" "$common" "read 90M" "wait 5" "read data x1"
done_testing
