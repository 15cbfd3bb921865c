#!/bin/sh
# --sim lru on captured trees: the lists and inactive_is_low() ratios as
# worked by hand from the fixture's meminfo (kernel-spec.md 4.2), the
# branch get_scan_count() takes, need:SIZE plans against the zones'
# watermarks, a memory cgroup as scope, MGLRU reported, workloads played
# (their expected end states are those Linux 6.18 reached, see
# tests/live/lru_workload.sh), batch text, and the errors of workload files.
. "${top_srcdir:-.}/tests/lib/tap.sh"

jqtrue() { jq -e "$@" > /dev/null 2>&1; }
if ! command -v jq > /dev/null; then
	skip "jq is not installed"
	done_testing
	exit
fi

lru() {
	root=$1; shift
	"$MEMLENS" -b --root "$FIXTURES/$root" -o json -v lru --sim lru "$@" \
		> "$tmp/out.json" 2> "$tmp/err"
}

# pcp-meminfo-root-002: Inactive(anon) 386584 kB = 96646 pages, Active(anon)
# 2789450: 11 GiB -> int_sqrt(110) = 10, 966460 < 2789450: low.  File
# 4232244 + 3326139 pages: 28 GiB -> int_sqrt(280) = 16, not low.  Swap is
# free and 4232244 >> 12 > 0: cache_trim_mode.  A file refault activates
# within active_file + active_anon + inactive_anon = 6212235 pages.
lru pcp-meminfo-root-002 --what-if swappiness:60
check "pcp-meminfo-root-002: lists from meminfo" jqtrue \
	'.sim.lru.now | .inactive_anon_kb == 386584 and .active_file_kb ==
	 13304556 and .unevictable_kb == 149708' "$tmp/out.json"
check "pcp-meminfo-root-002: inactive_is_low ratios 10 and 16" jqtrue \
	'.sim.lru.now | .anon_inactive_ratio == 10 and .anon_inactive_low == 1
	 and .file_inactive_ratio == 16 and .file_inactive_low == 0' \
	"$tmp/out.json"
check "pcp-meminfo-root-002: cache_trim_mode, workingset 6212235" jqtrue \
	'.sim.lru.now | .branch == "cache_trim_mode" and
	 .workingset_file_pages == 6212235' "$tmp/out.json"
check "pcp-meminfo-root-002: two nodes" jqtrue \
	'.sim.lru.nodes | length == 2 and .[0].name == "node 0"' "$tmp/out.json"
check "pcp-meminfo-root-002: unknown costs say so" jqtrue \
	'.sim.lru.unavailable["now.costs"] | length > 0' "$tmp/out.json"

# MemFree 87287012 kB; the low watermarks sum to 112624 kB.
lru pcp-meminfo-root-002 --what-if swappiness:60 --what-if need:2G \
	--what-if need:88G
check "need:2G stays above the low watermark" jqtrue \
	'.sim.lru.plans[0] | .reclaimer == "none" and .reclaim_file_kb == 0' \
	"$tmp/out.json"
check "need:88G reclaims cache directly, swaps nothing" jqtrue \
	'.sim.lru.plans[1] | .reclaimer == "direct" and .branch ==
	 "cache_trim_mode" and .reclaim_file_kb > 0 and .swap_out_kb == 0' \
	"$tmp/out.json"

lru pcp-meminfo-root-002
check "without swappiness the branch is unknown, with the reason" jqtrue \
	'.sim.lru.now.branch == null and
	 (.sim.lru.unavailable["now.branch"] | length > 0)' "$tmp/out.json"

lru jc-ubuntu-5.8-vm
check "jc-ubuntu-5.8-vm: Linux 5.8 predates the cost model" jqtrue \
	'.sim.lru.kernel_rules | test("older than 5.9")' "$tmp/out.json"

# system.slice's memory.stat: inactive_file 407916544 bytes = 398356 kB
lru pcp-cgroups-root-004 --cgroup /system.slice
check "pcp-cgroups-root-004: --cgroup /system.slice is the scope" jqtrue \
	'.sim.lru.scope == "cgroup /system.slice" and
	 .sim.lru.now.inactive_file_kb == 398356' "$tmp/out.json"
check "pcp-cgroups-root-004: every group explained" jqtrue \
	'.sim.lru.cgroups | length == 17' "$tmp/out.json"

# MGLRU on: reported, the classic branch not claimed
mkdir -p "$tmp/mglru"
cp -r "$FIXTURES/pcp-meminfo-root-002/." "$tmp/mglru"
mkdir -p "$tmp/mglru/proc/sys/vm" "$tmp/mglru/sys/kernel/mm/lru_gen"
echo 60 > "$tmp/mglru/proc/sys/vm/swappiness"
echo 0x0007 > "$tmp/mglru/sys/kernel/mm/lru_gen/enabled"
"$MEMLENS" -b --root "$tmp/mglru" -o json -v lru --sim lru \
	> "$tmp/out.json" 2> "$tmp/err"
check "MGLRU on is reported, the branch left unknown" jqtrue \
	'.sim.lru.mglru == "on (0x0007)" and .sim.lru.now.branch == null' \
	"$tmp/out.json"
rm -r "$tmp/mglru/sys/kernel/mm/lru_gen"
"$MEMLENS" -b --root "$tmp/mglru" -o json -v lru --sim lru \
	> "$tmp/out.json" 2> "$tmp/err"
check "no lru_gen under /sys/kernel/mm: not built" jqtrue \
	'.sim.lru.mglru == "not built"' "$tmp/out.json"

# ---- workloads (end states of Linux 6.18, tests/live/lru_workload.sh) -----
truncate -s 400M "$tmp/data"
workload() {
	printf '%s\n' "$@" > "$tmp/w"
	lru pcp-meminfo-root-002 --what-if "workload:$tmp/w"
}
workload "limit 300M" "swap 1G" "swappiness 60" "folio 2M" "anon 200M" \
	"read data x2"
check "swappiness 60 trims the cache" jqtrue \
	'.sim.lru.prediction | .anon_kb == 204800 and .swap_kb == 0 and
	 .file_kb == 102400 and .refault_file == 102400' "$tmp/out.json"
check "the timeline has a row a step" jqtrue \
	'.sim.lru.prediction.timeline | length == 6 and .[5].step ==
	 "read data x2"' "$tmp/out.json"
workload "limit 300M" "swap 1G" "swappiness 200" "folio 2M" "anon 200M" \
	"read data x2"
check "swappiness 200 swaps the anonymous memory out" jqtrue \
	'.sim.lru.prediction | .anon_kb == 0 and .swap_kb == 204800 and
	 .file_kb == 307200' "$tmp/out.json"
workload "limit 300M" "swap 1G" "swappiness 200" "folio 2M" "anon 200M" \
	"read 90M" "wait 5" "read data"
check "after a stats flush swappiness 200 trims the cache instead" jqtrue \
	'.sim.lru.prediction | .swap_kb == 0 and .stats_flushes >= 2' \
	"$tmp/out.json"
workload "limit 100M" "swap 0" "swappiness 60" "anon 150M"
check "anonymous memory past the limit without swap: OOM at line 4" jqtrue \
	'.sim.lru.prediction | .oom == 1 and .oom_line == 4' "$tmp/out.json"

"$MEMLENS" -b --root "$FIXTURES/pcp-meminfo-root-002" -v lru --sim lru \
	--what-if "workload:$tmp/w" > "$tmp/out.txt" 2>&1
check "batch text: the prediction and its timeline" \
	grep -q "^    timeline:" "$tmp/out.txt"

# ---- errors ----------------------------------------------------------------
printf 'limit 300M\nread nothere\n' > "$tmp/w"
"$MEMLENS" -b --sim lru --what-if "workload:$tmp/w" > /dev/null 2> "$tmp/err"
check "an unreadable file to read: says how to declare it" \
	grep -q "file nothere SIZE" "$tmp/err"
printf 'limit 300M\nanon lots\n' > "$tmp/w"
"$MEMLENS" -b --sim lru --what-if "workload:$tmp/w" > /dev/null 2> "$tmp/err"
status=$?
check "a bad step: usage error naming the line" \
	test $status -eq 2 -a -n "$(grep 'line 2' "$tmp/err")"
"$MEMLENS" -b --sim lru --what-if "workload:$tmp/none" > /dev/null \
	2> "$tmp/err"
check "a missing workload file: says so" grep -q "cannot read" "$tmp/err"
done_testing
