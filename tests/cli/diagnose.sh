#!/bin/sh
# memlens --diagnose through the binary: deterministic findings from
# captured trees (--root: one snapshot, no rates) and hand-written
# recordings (-r: the last two snapshots, with rates), their text and JSON,
# the exit statuses (0 nothing, 3 warning, 4 critical), a live run, usage
# errors, and that every rule names a section of memlens-diagnostics(7).
# Expected numbers are worked out in tests/fixtures/diag/ORIGIN and below
# from the fixtures, by the kernel's formulas.
. "${top_srcdir:-.}/tests/lib/tap.sh"
# The messages in English, with a decimal point.
LC_ALL=C
export LC_ALL

man7="$top_srcdir/man/memlens-diagnostics.7"
rules="$top_srcdir/src/diag/diag.c"

# run NAME ARGS...: output in $tmp/NAME, exit status in $tmp/NAME.rc
run() {
	name=$1
	shift
	"$MEMLENS" --diagnose "$@" > "$tmp/$name" 2> "$tmp/$name.err"
	echo $? > "$tmp/$name.rc"
}
status_is() { test "$(cat "$tmp/$1.rc")" -eq "$2"; }

# ---- a fragmented capture (--root): a warning, exit 3 ---------------------
# prometheus-node_exporter's buddyinfo, zone Normal: 7862 free blocks of
# orders 0-6 holding 32139 pages, none of order 9; 32139 >= high 31113.
# __fragmentation_index(order 9) = 1000 - (1000 + 32139 * 1000 / 512) / 7862
# = 1000 - 63771 / 7862 = 1000 - 8 = 992.
run frag --root "$FIXTURES/prometheus-node_exporter"
check "fragmented capture: exit 3 (a warning)" status_is frag 3
check "fragmented capture: the fragmentation finding" \
	grep -q '^WARNING  *fragmentation: ' "$tmp/frag"
check "fragmented capture: zone Normal's index at order 9 is 0.992" \
	grep -q 'zone Normal: free = 32139 pages, high watermark = 31113, largest free block order 6, fragmentation index at order 9 = 0.992' "$tmp/frag"
check "fragmented capture: the man page section to read" \
	grep -q 'see memlens-diagnostics(7), FRAGMENTATION' "$tmp/frag"
check "fragmented capture: unread sections are listed, not guessed" \
	grep -q 'thrashing: not checked: the snapshot lacks psi' "$tmp/frag"
check "fragmented capture: nothing on stderr" test ! -s "$tmp/frag.err"

# ---- PSI of a real machine (--root): critical, exit 4 ---------------------
# pcp-pressure-root-001: full avg10=57.59 >= 30; one snapshot, PSI alone.
run psi --root "$FIXTURES/pcp-pressure-root-001"
check "PSI capture: exit 4 (critical)" status_is psi 4
check "PSI capture: thrashing with full avg10 57.59%" \
	grep -q 'PSI memory full avg10 = 57.59%' "$tmp/psi"
check "PSI capture: says the rates need two snapshots" \
	grep -q 'thrashing: refault and major fault rates need two snapshots' "$tmp/psi"

# ---- recordings (-r): rates over the last two snapshots -------------------
run thrash -r "$FIXTURES/diag/thrashing.jsonl"
check "replayed thrashing: exit 4" status_is thrash 4
check "replayed thrashing: (15000 + 5000) refaults / 10 s = 2000 pages/s" \
	grep -q 'refaults = 2000 pages/s' "$tmp/thrash"
check "replayed thrashing: 500 major faults / 10 s = 50/s" \
	grep -q 'major faults = 50/s' "$tmp/thrash"
check "replayed thrashing: rates over 10 s" \
	grep -q 'rates over 10.00 s' "$tmp/thrash"

run swap -r "$FIXTURES/diag/swap.jsonl"
check "replayed swap: exit 3" status_is swap 3
check "replayed swap: 5000 pages / 10 s * 4 KiB = 2000 kB/s, with 40% cache" \
	grep -q '^WARNING  *swap_cache: swapping out 2000 kB/s while the file cache holds 40% of memory' "$tmp/swap"
check "replayed swap: swappiness 0 with 70000 kB in swap" \
	grep -q 'vm.swappiness = 0; SwapTotal - SwapFree = 70000 kB' "$tmp/swap"

# One snapshot: no rates, so swappiness_zero sees swap in use (50000 kB)
# but no swapping out: info only, exit 0.
head -n 1 "$FIXTURES/diag/swap.jsonl" > "$tmp/one.jsonl"
run one -r "$tmp/one.jsonl"
check "a one-snapshot recording: info only, exit 0" status_is one 0
check "a one-snapshot recording: swappiness_zero as info, 50000 kB" \
	grep -q "SwapTotal - SwapFree = 50000 kB" "$tmp/one"
check "a one-snapshot recording: the finding is info" \
	grep -q '^INFO  *swappiness_zero: swap is in use' "$tmp/one"
: > "$tmp/empty.jsonl"
run empty -r "$tmp/empty.jsonl"
check "an empty recording: a runtime error (exit 1) that says so" sh -c \
	"test \$(cat '$tmp/empty.rc') -eq 1 && grep -q 'holds no snapshot' '$tmp/empty.err'"

run calm -r "$FIXTURES/recordings/tui.jsonl"
check "an idle machine's recording: exit 0" status_is calm 0
check "an idle machine's recording: nothing found" grep -q '^Nothing found' "$tmp/calm"

# ---- JSON ---------------------------------------------------------------------
if command -v jq > /dev/null; then
	jqtrue() { jq -e "$@" > /dev/null 2>&1; }
	run swapjson -r "$FIXTURES/diag/swap.jsonl" -o json
	check "JSON: exit 3 as in text" status_is swapjson 3
	check "JSON: format, version, worst, interval, counts" jqtrue \
		'.format == "memlens-diagnostics" and .version == 1
		 and .worst == "warning" and .interval_s == 10
		 and .rules_checked == 5 and (.findings | length) == 2' \
		"$tmp/swapjson"
	check "JSON: each finding's rule, severity, section, evidence" jqtrue \
		'[.findings[] | .rule] == ["swap_cache", "swappiness_zero"]
		 and all(.findings[]; .severity == "warning")
		 and .findings[0].section == "SWAP WITH LARGE CACHE"
		 and .findings[0].see == "memlens-diagnostics(7)"
		 and (.findings[0].evidence[0] | test("2000 kB/s"))' \
		"$tmp/swapjson"
	check "JSON: the rules not checked, with reasons" jqtrue \
		'[.not_checked[] | select(.rule == "thrashing")][0].reason
		 | test("psi")' "$tmp/swapjson"
	run calmjson -r "$FIXTURES/recordings/tui.jsonl" -o json
	check "JSON: nothing found is worst null, exit 0" jqtrue \
		'.worst == null and .findings == []' "$tmp/calmjson"
	run livejson -d 0.2 -o json
	check "JSON: a live run is one valid object" jqtrue \
		'.format == "memlens-diagnostics" and .interval_s > 0.15' \
		"$tmp/livejson"
else
	skip "JSON output (jq not installed)"
fi

# ---- live ------------------------------------------------------------------------
run live -d 0.2
rc=$(cat "$tmp/live.rc")
check "live: runs and exits 0, 3 or 4 (exit $rc)" \
	sh -c "case $rc in 0|3|4) exit 0 ;; *) exit 1 ;; esac"
check "live: the exit status matches the worst finding" sh -c '
	rc=$1; f=$2
	if grep -q "^CRITICAL" "$f"; then test "$rc" -eq 4
	elif grep -q "^WARNING" "$f"; then test "$rc" -eq 3
	else test "$rc" -eq 0; fi' sh "$rc" "$tmp/live"
check "live: rates over two snapshots" grep -q 'rates over 0\.[2-9]' "$tmp/live"

# ---- live: an OOM kill in a memory cgroup (root, cgroup v1) -------------------------
# The kernel kills a 200 MiB memhog in a group limited to 64 MiB while
# memlens waits between its two snapshots: oom_kill of memory.oom_control
# grows by one, so cgroup_limit is critical (exit 4).
memhog="${top_builddir:-.}/tests/live/memhog"
v1=/sys/fs/cgroup/memory
group="memlens-diag-$$"
if [ "$(id -u)" -ne 0 ] || [ ! -w "$v1" ] || [ ! -x "$memhog" ]; then
	skip "an OOM kill in a memory cgroup (needs root, cgroup v1, memhog)"
elif mkdir "$v1/$group" 2> /dev/null &&
     echo $((64 * 1024 * 1024)) > "$v1/$group/memory.limit_in_bytes"; then
	# With swap on, the hog would swap instead: swappiness 0 keeps a v1
	# group's reclaim off anon (get_scan_count(), cgroup reclaim), and
	# the timeout ends the hog whatever happens.
	echo 0 > "$v1/$group/memory.swappiness"
	# tests/live/lru_workload.sh holds this lock exclusively while its
	# swap file is on.
	exec 8> /tmp/memlens-swap.lock && flock -s 8
	"$MEMLENS" --diagnose -d 1.5 > "$tmp/cg" 2> "$tmp/cg.err" &
	diagnose_pid=$!
	sleep 0.4
	timeout -s KILL 10 sh -c \
		'echo $$ > "$1/cgroup.procs" && exec "$2" 200 1 "$3" 0' sh \
		"$v1/$group" "$memhog" "$tmp/hogfile" > /dev/null 2>&1
	wait "$diagnose_pid"
	echo $? > "$tmp/cg.rc"
	exec 8>&-
	check "an OOM kill in a cgroup between the snapshots: exit 4" status_is cg 4
	check "an OOM kill in a cgroup: cgroup_limit is critical" \
		grep -q '^CRITICAL cgroup_limit: ' "$tmp/cg"
	check "an OOM kill in a cgroup: the group and its one kill" \
		grep -q "/$group: 1 OOM kills in the interval" "$tmp/cg"
	rmdir "$v1/$group"
else
	not_ok "a memory cgroup can be made under $v1"
fi

# ---- usage -------------------------------------------------------------------------
run om -o openmetrics
check "--diagnose -o openmetrics is a usage error (exit 2)" status_is om 2
"$MEMLENS" --help | grep -q -- '--diagnose'
check "--help lists --diagnose" test $? -eq 0
check "memlens.1 EXIT STATUS documents 3 and 4" sh -c '
	sed -n "/^\.SH EXIT STATUS/,/^\.SH /p" "$1" > "$2"
	grep -q "^\.B 3" "$2" && grep -q "^\.B 4" "$2"' sh \
	"$top_srcdir/man/memlens.1" "$tmp/exit"

# ---- every rule has its section in memlens-diagnostics(7) -------------------------
sed -n 's/^	{ "\([a-z_]*\)", "\([A-Z ]*\)",$/\1:\2/p' "$rules" > "$tmp/rules"
check "the rule table lists rules" test "$(wc -l < "$tmp/rules")" -ge 12
missing=""
while IFS=: read -r id section; do
	grep -q "^\.SH $section\$" "$man7" || missing="$missing $id($section)"
	grep -q "^\.BR $id :\$" "$man7" || missing="$missing $id(rule)"
done < "$tmp/rules"
check "every rule's section is in memlens-diagnostics(7) and names the rule${missing:+ (missing:$missing)}" \
	test -z "$missing"
done_testing
