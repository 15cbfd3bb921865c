#!/bin/sh
# The numa view on a 64-node machine (tests/fixtures/hwloc-256ia64-64n2s2c),
# in batch text and in the TUI at 80x24 and 200x50: every node has its row
# in the meminfo and numastat tables, the distance matrix comes in blocks
# of 16 columns whose rows match each node's distance file (so the diagonal
# is 10), no screen line is wider than the pane, paging down the view
# reaches every node of every table, and nothing needs the right arrow at
# 80 columns: every line of the view fits 80 columns, on 1, 2, 8 and 64
# nodes, and the TUI shows every table line whole.
. "${top_srcdir:-.}/tests/lib/tap.sh"

root="$FIXTURES/hwloc-256ia64-64n2s2c"
nodes=$(seq 0 63 | tr '\n' ' ')

# The node ids (first field) of the rows of the table whose title line
# matches TITLE, up to the next title or blank line.
table_rows() { # file title
	awk -v title="$2" '
	$0 ~ "^" title { on = 1; next }
	on && (/^[A-Za-z]/ || /^ *$/ || /^  [a-z]/) { on = 0 }
	on { print $1 }' "$1" | sort -n -u | tr '\n' ' '
}

"$MEMLENS" -b --root "$root" -v numa > "$tmp/numa" 2> "$tmp/err"
check "batch: exit 0, quiet" test $? -eq 0 -a ! -s "$tmp/err"
check "batch: 64 nodes announced" grep -q '64 nodes' "$tmp/numa"
check "batch: a meminfo row for every node 0-63 (MemTotal table)" \
	test "$(table_rows "$tmp/numa" 'NODE MemTotal ')" = "$nodes"
check "batch: a meminfo row for every node 0-63 (Active table)" \
	test "$(table_rows "$tmp/numa" 'NODE Active ')" = "$nodes"
check "batch: a numastat row for every node 0-63 (numa_hit table)" \
	test "$(table_rows "$tmp/numa" 'NODE numa_hit ')" = "$nodes"
check "batch: a numastat row for every node 0-63 (interleave_hit table)" \
	test "$(table_rows "$tmp/numa" 'NODE interleave_hit ')" = "$nodes"
check "batch: four blocks of 16 distance columns, 0-63 in order" \
	test "$(grep '^DISTANCE' "$tmp/numa" | sed 's/^DISTANCE *//' | tr -s ' \n' '  ')" = "$nodes"
# The widest line of the numa view of a fixture, in display columns, with
# two refreshes (the per-second table has values in the second).
numa_width() { # fixture
	"$MEMLENS" -b -n 2 -d 0.01 --root "$FIXTURES/$1" -v numa 2> /dev/null |
		awk '/^\[numa\]/ { on = 1 } /^memlens - / { on = 0 } on' \
		> "$tmp/width-$1"
	LC_ALL=C.UTF-8 wc -L < "$tmp/width-$1"
}
for f in hwloc-256ia64-64n2s2c:64 hwloc-256ppc-8n8s4t:8 \
	pcp-meminfo-root-002:2 pcp-meminfo-root-004:1 \
	hwloc-48amd64-4pa2n6c-sparse:1; do
	w=$(numa_width "${f%:*}")
	check "batch, ${f#*:} node(s) (${f%:*}): every line fits 80 columns (widest $w)" \
		test "$w" -le 80 -a "$(grep -c "^  ${f#*:} nodes" "$tmp/width-${f%:*}")" -eq 2
done

# Each node's row of the matrix, its four blocks joined, against its
# distance file (the kernel's node_distance() row, 10 for itself).
awk '/^DISTANCE/ { block++; next }
     block && /^ +[0-9]+( [0-9]+)+$/ { id = $1; $1 = ""; row[id] = row[id] $0 }
     /^ *$/ { block = 0 }
     END { for (id in row) print id row[id] }' "$tmp/numa" |
	sed 's/  */ /g' | sort -n > "$tmp/matrix"
: > "$tmp/expected"
for n in $(seq 0 63); do
	f="$root/sys/devices/system/node/node$n/distance"
	[ -f "$f" ] && echo "$n $(cat "$f")" >> "$tmp/expected"
done
grep -E "^($(cut -d' ' -f1 "$tmp/expected" | tr '\n' '|' | sed 's/|$//')) " \
	"$tmp/matrix" > "$tmp/matrix.known"
check "batch: distance rows equal the nodes' distance files ($(wc -l < "$tmp/expected") files)" \
	cmp -s "$tmp/expected" "$tmp/matrix.known"
check "batch: the diagonal is 10 for all 64 nodes" \
	test "$(awk '{ if ($($1 + 2) == 10) n++ } END { print n + 0 }' "$tmp/matrix")" -eq 64

# ---- the TUI ------------------------------------------------------------------------
if ! command -v tmux > /dev/null; then
	skip "TUI (tmux is not installed)"
	done_testing
	exit 0
fi
. "${top_srcdir:-.}/tests/lib/tmux.sh"

# Pages down the view to its end, keeping every screen; fails when a screen
# is wider than the pane.  PgDn scrolls a page at once; the end is where
# PgDn changes nothing (twice, so that a refresh cannot end it early).
page_through() { # width
	: > "$tmp/all"
	fits=0
	last=""
	same=0
	n=80
	while [ $n -gt 0 ] && [ $same -lt 2 ]; do
		tui_settle
		tui_fits "$1" || fits=1
		cat "$tmp/screen" >> "$tmp/all"
		cur=$(cksum < "$tmp/screen")
		if [ "$cur" = "$last" ]; then same=$((same + 1)); else same=0; fi
		last=$cur
		tui_keys NPage
		n=$((n - 1))
	done
	return $fits
}

# PgDn until pattern is on the screen, 10 pages at most.
page_to() { # pattern
	n=10
	while [ $n -gt 0 ]; do
		tui_settle
		grep -Eq -- "$1" "$tmp/screen" && return 0
		tui_keys NPage
		n=$((n - 1))
	done
	diag "/$1/ not found in 10 pages"
	return 1
}

# Whether every table line (a header, a node's row) of the screens kept is
# a whole line of the batch view with two refreshes (n/a, then rates).
table_lines_whole() {
	grep -E '^(NODE|DISTANCE) |^ +[0-9]+ +([0-9]|n/a)' "$tmp/all" |
		sed 's/ *$//' |
		sort -u > "$tmp/table-lines"
	n=$(wc -l < "$tmp/table-lines")
	bad=$(grep -c -v -x -F -f "$tmp/width-hwloc-256ia64-64n2s2c" \
		"$tmp/table-lines")
	[ "$n" -gt 64 ] && [ "$bad" -eq 0 ] && return 0
	diag "$n table lines, $bad not in the batch view:"
	grep -v -x -F -f "$tmp/width-hwloc-256ia64-64n2s2c" "$tmp/table-lines" |
		head -n 5 | while IFS= read -r l; do diag "  | $l"; done
	return 1
}

for size in 80x24 200x50; do
	w=${size%x*}
	h=${size#*x}
	tui_start "$w" "$h" "env LANG=C.UTF-8 '$MEMLENS' --root '$root' -v numa"
	check "$size: the numa view" tui_wait '64 nodes'
	check "$size: every screen fits the pane" page_through "$w"
	# A meminfo row: the node, MemTotal, MemFree, MemUsed, its CPU range.
	check "$size: paging reaches every node's meminfo row" \
		test "$(awk '/^ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ [0-9]+-[0-9]+$/ { print $1 }' "$tmp/all" |
			sort -n -u | tr '\n' ' ')" = "$nodes"
	# Clipped at the pane's edge, a table line would be a part of one.
	check "$size: every table line on screen is a whole line of the batch view" \
		table_lines_whole
	check "$size: and every distance block, to node 63" \
		test "$(grep -c 'DISTANCE 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63' "$tmp/all")" -ge 1
	check "$size: the last distance row, node 63, whole" \
		grep -q '^ *63 30 30 30 30 26 26 26 26 26 26 26 26 22 22 22 10 *$' "$tmp/all"
	# The last meminfo column (Slab), pages down from the top: on screen
	# at 80 columns too, without scrolling right.
	tui_keys g
	check "$size: the Slab column, node 0's value (node0/meminfo)" \
		page_to 'Shmem +Slab$'
	check "$size: node 0's Slab is node0/meminfo's" \
		seen " n/a +$(awk '/Slab:/ { print $4 }' "$root/sys/devices/system/node/node0/meminfo")\$"
	tui_keys q
	check "$size: quits with status 0" tui_exited
done
done_testing
