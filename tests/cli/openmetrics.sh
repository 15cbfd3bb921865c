#!/bin/sh
# OpenMetrics output of the real binary, live and on a captured tree:
# promtool accepts it, every sample belongs to a family declared before it
# with one type, "# EOF" ends it, no per-process series, values converted
# to bytes as the names say, and unreadable sources listed.
. "${top_srcdir:-.}/tests/lib/tap.sh"

# Every sample's family has a # TYPE line before it (counter families are
# declared with their _total name), no family is declared twice, and the
# last line is "# EOF".
well_formed() {
	awk '
		/^# TYPE / { if (declared[$3]++) bad = "declared twice: " $3; next }
		/^#/ { next }
		{
			name = $1; sub(/\{.*/, "", name)
			if (!(name in declared)) bad = "undeclared: " name
			if (name !~ /^memlens_/) bad = "no memlens_ prefix: " name
		}
		END {
			if ($0 != "# EOF") bad = "last line is not # EOF"
			if (bad != "") { print bad; exit 1 }
		}
	' "$1"
}

promtool_check() { # description, file
	if command -v promtool > /dev/null 2>&1; then
		if promtool check metrics < "$2" > "$tmp/lint" 2>&1; then
			ok "$1"
		else
			not_ok "$1"
			diag "$(head -n 10 "$tmp/lint")"
		fi
	else
		skip "$1 (promtool not installed)"
	fi
}

checks() { # label, file
	check "$1: well formed, ends with # EOF" well_formed "$2"
	promtool_check "$1: promtool check metrics accepts it" "$2"
	if grep -q 'pid=' "$2"; then
		not_ok "$1: no per-process series"
	else
		ok "$1: no per-process series"
	fi
	check "$1: no raw control bytes" \
		test "$(LC_ALL=C tr -d '\n\040-\176\200-\377' < "$2" | wc -c)" -eq 0
}

"$MEMLENS" -b -o openmetrics > "$tmp/live" 2> "$tmp/err"
check "live: exits 0" test $? -eq 0
checks live "$tmp/live"
check "live: meminfo in bytes" \
	grep -q '^memlens_meminfo_mem_total_bytes [0-9][0-9]*$' "$tmp/live"
check "live: vmstat events are counters named _total" \
	grep -q '^# TYPE memlens_vmstat_pgfault_total counter$' "$tmp/live"
check "live: psi stall time as a seconds counter" \
	grep -q '^# TYPE memlens_psi_memory_stall_seconds_total counter$' "$tmp/live"

fixture=$FIXTURES/pcp-meminfo-root-002
if [ -d "$fixture" ]; then
	"$MEMLENS" -b -o openmetrics --root "$fixture" > "$tmp/root" 2> "$tmp/err"
	check "--root fixture: exits 0" test $? -eq 0
	checks "--root fixture" "$tmp/root"
	want=$(awk '$1 == "MemTotal:" { printf "%.0f\n", $2 * 1024 }' "$fixture/proc/meminfo")
	check "--root fixture: MemTotal kB x 1024 ($want)" \
		grep -q "^memlens_meminfo_mem_total_bytes $want\$" "$tmp/root"
	if [ -e "$fixture/proc/pressure/memory" ]; then
		skip "--root fixture: missing psi listed (the fixture has it)"
	else
		check "--root fixture: missing psi listed as unavailable" \
			grep -q '^memlens_unavailable{source="psi"} 1$' "$tmp/root"
	fi
else
	skip "--root fixture (tests/fixtures/pcp-meminfo-root-002 not there yet)"
fi

if [ -w /dev/full ]; then
	"$MEMLENS" -b -o openmetrics > /dev/full 2> /dev/null
	check "writing to a full disk fails with status 1" test $? -eq 1
else
	skip "writing to a full disk (/dev/full missing)"
fi
done_testing
