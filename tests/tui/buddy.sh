#!/bin/sh
# The buddy view (key 7) through tmux.  On a recording of this machine
# (replayed, so the numbers hold still): every zone of /proc/zoneinfo is
# there, one zone's free blocks per order are the recording's (which are
# /proc/buddyinfo's, checked against it read right after), the watermarks
# are zoneinfo's, the physical map (m) has a legend and cells; live: the
# map as root, and its reason under an unprivileged user; the map's cells
# coloured by state and the order rows' indexes by severity, one segment
# each (NO_COLOR: attributes only, same characters); a what-if typed
# after w shows its step; the explain panel speaks of the zone under the
# cursor; 20x6 neither crashes nor hangs.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux
if ! command -v jq > /dev/null || [ ! -r /proc/zoneinfo ] ||
   [ ! -r /proc/buddyinfo ]; then
	skip "needs jq and /proc/zoneinfo, /proc/buddyinfo"
	done_testing
	exit 0
fi
utf8="env LANG=C.UTF-8 LC_ALL=C.UTF-8"
exited_ok() { tui_exited && test "$(cat "$tmp/status")" = 0; }
root=false
[ -r /proc/kpageflags ] && root=true

# ---- a recording, replayed -----------------------------------------------------
"$MEMLENS" -b -o json -v buddy --sim buddy -w "$tmp/rec.jsonl" -n 1 \
	> /dev/null 2>&1
cat /proc/buddyinfo > "$tmp/buddyinfo"
check "a recording of this machine" test -s "$tmp/rec.jsonl"

# The recording's free blocks of each zone are the kernel's: buddyinfo read
# right after, allowing what moved meanwhile (the pages of the blocks that
# differ, weighted by their order, at most a twentieth of the free pages
# and a few).
near_buddyinfo() {
	jq -r '.zones[] | select(.free_blocks != null)
		| "\(.node) \(.zone) \(.free_blocks | join(" "))"' "$tmp/rec.jsonl" |
	while read -r node zone counts; do
		live=$(awk -v n="Node $node," -v z="$zone" \
			'index($0, n) == 1 && $4 == z {
				for (i = 5; i <= NF; i++) printf "%s ", $i }' \
			"$tmp/buddyinfo")
		echo "$counts" "|" "$live" | awk '{
			for (i = 1; $i != "|"; i++) a[i] = $i
			n = i - 1
			for (j = 1; j <= n; j++) {
				d = a[j] - $(n + 1 + j); if (d < 0) d = -d
				diff += d * 2 ^ (j - 1); sum += a[j] * 2 ^ (j - 1)
			}
			exit !(NF == 2 * n + 1 && diff <= sum / 20 + 64) }' || {
			diag "node $node $zone: $counts against $live"
			return 1
		}
	done
}
check "the recording's free blocks are buddyinfo's" near_buddyinfo

tui_start 120 100 "$utf8 '$MEMLENS' -r '$tmp/rec.jsonl' -v buddy"
check "the buddy view starts" tui_wait 'Zones and free lists$'
check "its zone table has the watermark titles" \
	seen 'NODE ZONE +FREE +BOOST +MIN +LOW +HIGH'

every_zone() {
	awk '/^Node [0-9]+, +zone / { sub(",", "", $2); print $2, $4 }' \
		/proc/zoneinfo | while read -r node zone; do
		grep -Eq "^ +$node $zone +[0-9]" "$tmp/screen" || {
			diag "node $node $zone is not in the table"
			return 1
		}
	done
}
check "every zone of /proc/zoneinfo is in the table" every_zone

# min, low and high of each zone, as zoneinfo prints them (watermarks only
# move when a sysctl is written or a boost comes and goes: the boost is
# part of zoneinfo's numbers, so read both at about the same time).
marks_match() {
	awk '/^Node [0-9]+, +zone / { sub(",", "", $2); n = $2; z = $4 }
	     $1 == "min" && NF == 2 { mi = $2 }
	     $1 == "low" && NF == 2 { lo = $2 }
	     $1 == "high" && NF == 2 { print n, z, mi, lo, $2 }' \
		/proc/zoneinfo > "$tmp/marks"
	while read -r node zone mi lo hi; do
		grep -Eq "^ +$node $zone +[0-9]+ +[0-9]+ +$mi +$lo +$hi " \
			"$tmp/screen" || {
			diag "node $node $zone: min $mi low $lo high $hi not shown"
			return 1
		}
	done < "$tmp/marks"
}
check "the watermarks are zoneinfo's" marks_match

# The order rows of Normal (node 0): "  ORD SIZE BLOCKS ..." after its
# heading, up to the next blank line.
shown_blocks() { # zone
	awk -v z="$1" '
	$0 ~ ("^node 0 " z ": ") { in_zone = 1; next }
	in_zone && /^ *$/ { exit }
	in_zone && /^ +[0-9]+ +[0-9.]+[KMG] +[0-9]+ / { printf "%s ", $3 }
	' "$tmp/screen"
}
zone=$(jq -r '[.zones[] | select(.node == 0 and .present_pages > 0)
	| .zone] | last' "$tmp/rec.jsonl")
want=$(jq -r --arg z "$zone" '.zones[] | select(.node == 0 and .zone == $z)
	| .free_blocks | join(" ")' "$tmp/rec.jsonl")
got=$(shown_blocks "$zone")
check "$zone's free blocks per order are the recording's ($want)" \
	test "$got" = "$want "
check "each order has its indexes" \
	grep -Eq '^ +9 +2\.0M +[0-9]+ .* -?[0-9]\.[0-9]{3} +-?[0-9]\.[0-9]{3}' \
	"$tmp/screen"
check "the huge-page verdict" seen 'order-9 \(THP\) now: '
check "the free pages against the marks" seen '^  free \[.*\] [0-9]+ '

tui_keys m
if $root; then
	check "m: the map has a legend" \
		tui_wait 'legend: \. free +M movable +R reclaimable +U unmovable'
	check "m: it says what a cell is" seen 'Physical map: 1 cell = [0-9]+ pageblocks? '
	check "m: a zone's boundaries" seen "^node 0 $zone: [0-9]+ pageblocks, "
	check "m: rows of cells" \
		seen '^ *[0-9.]+[KMGT] [ .MRUSH#mrush]{8,}$'
	check "m: the status line says the scale" seen 'map: 1 cell = '
else
	check "m: the map says why it is missing" tui_wait 'Physical map: n/a'
	skip "the map's cells need root"
	skip "the map's zone boundaries need root"
	skip "the map's rows need root"
	skip "the map's scale needs root"
fi
tui_keys m
check "m again: the free lists" tui_wait '^  free \['

# ---- what-ifs and the explain panel -------------------------------------------------
tui_keys a
check "a opens the what-if editor with an allocation filled in" \
	tui_wait 'What-if: alloc:[0-9]+x'
tui_keys Escape
tui_keys w
tui_wait 'What-if:' 30 > /dev/null
tui_keys a l l o c : 9 x 1 0 0 Enter
check "w alloc:9x100: the model's step" \
	tui_wait '^ +1 alloc:9x100 +100 +[0-9]+ '
check "with the free lists after it" seen 'free blocks by order: 0:[0-9]+ 1:'
check "and what it did in words" seen 'alloc:9x100: [0-9]+ of 100 allocations'
# More order-10 blocks than the zone has pages for: most fail, and the row
# says how (no free block, or refused at the min mark).
tui_keys w
tui_wait 'What-if:' 30 > /dev/null
tui_keys a l l o c : 1 0 x 1 0 0 0 0 0 Enter
tui_wait '^ +2 alloc:10x100000 ' > /dev/null
free_normal=$(jq --arg z "$zone" '.zones[] | select(.node == 0 and .zone == $z)
	| .free_pages' "$tmp/rec.jsonl")
step_failed() {
	awk -v most="$((free_normal / 1024))" '$1 == 2 && $2 == "alloc:10x100000" {
		found = 1
		exit !($3 == 100000 && $4 <= most && $6 + $7 == $3 - $4) }
		END { if (!found) exit 1 }' "$tmp/screen"
}
check "alloc:10x100000: at most free/1024 served, the rest failed" step_failed
tui_keys g
tui_keys Down
tui_keys e
check "e: the explain panel speaks of the zone under the cursor" \
	tui_wait 'Node 0, zone '
check "in the engine's words" seen 'An order-9 .*allocation in '
tui_keys e q
check "quits with status 0" exited_ok

# ---- severity, on free lists made up for the test ---------------------------------------
# All of Normal's free memory in 100000 single pages: __fragmentation_index
# for order o is 1000 - (1000 + 100000 * 1000 / 2^o) / 100000 (integer
# division): 500 for order 1 (not above extfrag_threshold 500: yellow *),
# 750 for order 2 and 999 for order 9 (above it: red !); order 0 would be
# served (-1000).
jq -c '(.zones[] | select(.node == 0 and .zone == "Normal")) |=
	(.free_blocks = [100000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
	 | .free_pages = 100000 | del(.migratetypes))' "$tmp/rec.jsonl" \
	> "$tmp/frag.jsonl"
if grep -q '"Normal"' "$tmp/frag.jsonl"; then
	tui_start 100 80 "$utf8 '$MEMLENS' -r '$tmp/frag.jsonl' -v buddy"
	tui_wait 'Zones and free lists$' > /dev/null
	check "fragmented: order 0 would be served" \
		tui_wait '^ +0 +4K +100000 .* 0\.000 +-1\.000 *$'
	check "fragmented: order 1 at the threshold is marked *" \
		seen '^ +1 +8K +0 +1\.000 +0\.500\*$'
	check "fragmented: order 2 above it is marked !" \
		seen '^ +2 +16K +0 +1\.000 +0\.750!$'
	check "fragmented: order 9 too" seen '^ +9 +2\.0M +0 +1\.000 +0\.999!$'
	# Each index in its own colour, the rest of the row plain: yellow
	# 1.000 unusable, red 0.750 extfrag above the threshold.
	tui capture-pane -e -p -t t > "$tmp/escreen"
	esc=$(printf '\033')
	grep -a ' 16K ' "$tmp/escreen" | tail -n 1 > "$tmp/order2"
	check "fragmented: order 2's extfrag index is red" \
		grep -aq "$esc\[31m *0\.750!" "$tmp/order2"
	check "fragmented: its unusable index is yellow" \
		grep -aq "$esc\[33m *1\.000" "$tmp/order2"
	check "fragmented: its order and size are not coloured" \
		test -z "$(sed "s/ 16K .*//" "$tmp/order2" | grep -a "$esc\[3[1-7]m")"
	check "fragmented: the THP fault fails, compaction would run" \
		seen 'order-9 \(THP\) now: fails at low and min; compaction continue'
	tui_keys q
	tui_exited
else
	for i in 1 2 3 4 5 6 7 8; do skip "this machine has no Normal zone"; done
fi

# ---- the map's cells, on maps made up for the test ------------------------------------
# A cell is a base64 digit worth state * 8 + free (include/snapshot.h): P
# wholly free, Q movable, T movable 3/7 free, U movable 4/7 free, g
# unmovable, o slab, w THP, Y reclaimable, 4 reserved, A hole.
jq -c '.pageblocks = { time: .time, pageblock_order: 9, zones: [
	{ node: 0, zone: "Normal", start_pfn: 1048576, spanned_pages: 12288,
	  cells: "PPPPAQQQQggggoowwYYUUTT4" } ] }' "$tmp/rec.jsonl" \
	> "$tmp/small.jsonl"
tui_start 120 40 "$utf8 '$MEMLENS' -r '$tmp/small.jsonl' -v buddy"
tui_wait 'Zones and free lists$' > /dev/null
tui_keys m
check "a small map: one cell per pageblock" \
	tui_wait 'Physical map: 1 cell = 1 pageblock \(2\.0M\)'
check "each pageblock's state as its character" \
	seen '^ +4\.0G \.\.\.\. MMMMUUUUSSHHRRmmMM#$'
check "the zone's counts" seen 'free 4, movable 8, reclaimable 2, unmovable 4, slab 2, THP 2, reserved 1'
# Colours, as tmux keeps them (capture-pane -e; tmux is an 8-colour
# "screen" terminal here): each state's cells in a colour of their own.
tui capture-pane -e -p -t t > "$tmp/escreen"
row_sgr() { # cells: the last SGR sequence right before them in the map row
	grep -a '4\.0G ' "$tmp/escreen" | tail -n 1 |
		sed -n "s/.*\($esc\[[0-9;]*m\)$1.*/\1/p"
}
differ() { [ -n "$1" ] && [ -n "$2" ] && [ "$1" != "$2" ]; }
esc=$(printf '\033')
free_sgr=$(row_sgr '\.\.\.\.') mov_sgr=$(row_sgr MMMM)
unmov_sgr=$(row_sgr UUUU) slab_sgr=$(row_sgr SS)
check "colour: free and movable cells differ" differ "$free_sgr" "$mov_sgr"
check "colour: movable and unmovable cells differ" \
	differ "$mov_sgr" "$unmov_sgr"
check "colour: unmovable and slab cells differ" differ "$unmov_sgr" "$slab_sgr"
check "colour: movable cells are in a colour (not only an attribute)" \
	grep -aq "$esc\[3[1-7]mMMMM" "$tmp/escreen"
check "colour: the legend's characters wear the cells' colours" \
	grep -aq "legend: .*$esc\[3[1-7]mM$esc" "$tmp/escreen"
# A line of coloured segments scrolls sideways and filters as any other.
tui_keys Right
check "scrolled 8 columns right: the row without its address" \
	tui_wait '^\.\.\.\. MMMMUUUUSSHHRRmmMM#$'
tui capture-pane -e -p -t t > "$tmp/escreen"
check "scrolled: still in colour" grep -aq "$esc\[3[1-7]mMMMM" "$tmp/escreen"
tui_keys Left / M M M M U Enter
check "filter MMMMU: the row is kept (its plain text matches)" \
	tui_wait '^ +4\.0G \.\.\.\. MMMMUUUUSSHHRRmmMM#$'
check "filter MMMMU: the legend is not" unseen '^legend: '
tui_keys q
tui_exited

# NO_COLOR: the same map in attributes alone, no colour, same characters.
tui_start 120 40 "$utf8 NO_COLOR=1 '$MEMLENS' -r '$tmp/small.jsonl' -v buddy"
tui_wait 'Zones and free lists$' > /dev/null
tui_keys m
check "NO_COLOR: the cells are the same characters" \
	tui_wait '^ +4\.0G \.\.\.\. MMMMUUUUSSHHRRmmMM#$'
tui capture-pane -e -p -t t > "$tmp/escreen"
check "NO_COLOR: the map row has no colour" \
	test -z "$(grep -a '4\.0G ' "$tmp/escreen" | grep -a "$esc\[3[0-7]m")"
check "NO_COLOR: free and unmovable cells still differ (dim, bold)" \
	differ "$(row_sgr '\.\.\.\.')" "$(row_sgr UUUU)"
tui_keys q
tui_exited

# 20000 movable then 20000 unmovable pageblocks do not fit 120x40: a cell
# stands for N of them and shows the state most of them have.
jq -c '.pageblocks = { time: .time, pageblock_order: 9, zones: [
	{ node: 0, zone: "Normal", start_pfn: 1048576, spanned_pages: 20480000,
	  cells: ("Q" * 20000 + "g" * 20000) } ] }' "$tmp/rec.jsonl" \
	> "$tmp/big.jsonl"
tui_start 120 40 "$utf8 '$MEMLENS' -r '$tmp/big.jsonl' -v buddy"
tui_wait 'Zones and free lists$' > /dev/null
tui_keys m
tui_wait 'Physical map: 1 cell = [0-9]+ pageblocks' > /dev/null
# The rows may reach the terminal after the heading (a slow, sanitized
# build): wait for a row of cells, then for the screen to stop changing.
tui_wait '^ +[0-9.]+[KMGT] [MU]{8,}' > /dev/null
tui_settle
per=$(sed -n 's/.*1 cell = \([0-9]*\) pageblocks.*/\1/p' "$tmp/screen" | head -1)
# The cells, as the rows after the zone's heading and counts show them.
awk '/^node 0 Normal: / { on = 1; getline; next }
     on && /^ +[0-9.]+[KMGT] / { sub(/^ +[0-9.]+[KMGT] /, ""); printf "%s", $0; next }
     on && !/^ +[0-9.]+[KMGT] / { exit }' "$tmp/screen" > "$tmp/cells"
cells_ok() {
	[ -n "$per" ] && [ "$per" -gt 1 ] || return 1
	total=$(( (40000 + per - 1) / per ))
	m=$(tr -cd M < "$tmp/cells" | wc -c)
	u=$(tr -cd U < "$tmp/cells" | wc -c)
	all=$(wc -c < "$tmp/cells")
	diag "1 cell = $per pageblocks: $all cells, $m M, $u U"
	[ "$all" -eq "$total" ] && [ $((m + u)) -eq "$all" ] &&
		[ "$m" -ge $((20000 / per)) ] && [ "$m" -le $((20000 / per + 1)) ]
}
check "a large map: 40000/N cells, movable then unmovable" cells_ok
check "it fits the screen" tui_fits 120
tui_keys q
tui_exited

# ---- live -------------------------------------------------------------------------
if $root; then
	tui_start 120 60 "$utf8 '$MEMLENS' -d 0.5 -v buddy"
	tui_wait 'Zones and free lists$' > /dev/null
	tui_keys m
	check "live, root: m reads the map" \
		tui_wait 'Physical map: 1 cell = [0-9]+ pageblocks?'
	check "live, root: with cells" \
		seen '^ *[0-9.]+[KMGT] [ .MRUSH#mrush]{8,}$'
	tui_keys q
	check "live, root: quits with status 0" exited_ok
	if command -v setpriv > /dev/null; then
		tui_start 120 40 "setpriv --reuid=nobody --regid=nogroup \
--clear-groups $utf8 '$MEMLENS' -d 0.5 -v buddy"
		tui_wait 'Zones and free lists$' > /dev/null
		tui_keys m
		check "unprivileged: the map says why it is missing" \
			tui_wait 'Physical map: n/a \(/proc/kpageflags: .*\)'
		tui_keys q
		check "unprivileged: quits with status 0" exited_ok
	else
		skip "setpriv is not installed"
		skip "setpriv is not installed"
	fi
else
	skip "the live map needs root"
	skip "the live map needs root"
	skip "the live map needs root"
	skip "the unprivileged run needs root to drop"
	skip "the unprivileged run needs root to drop"
fi

# ---- 80x24 ------------------------------------------------------------------------
tui_start 80 24 "$utf8 '$MEMLENS' -r '$tmp/rec.jsonl' -v buddy \
--sim buddy --what-if alloc:10x100000"
tui_wait 'Zones and free lists$' > /dev/null
fits_80() { tui_settle; tui_fits 80; }
check "80x24: the zones fit 80 columns" fits_80
tui_keys G
check "80x24: the what-if step is at the end" \
	tui_wait '^ +1 alloc:10x100000 +100000 '
check "80x24: and fits too" fits_80
tui_keys m
check "80x24: the map fits" fits_80
tui_keys q
check "80x24: quits with status 0" exited_ok

# ---- a tiny terminal ----------------------------------------------------------------
tui_start 20 6 "$utf8 '$MEMLENS' -r '$tmp/rec.jsonl' -v buddy"
sleep 0.5
tui_keys m Down Down e Down m e G g 7
tui_settle
tui_keys q
check "20x6: the view and its keys neither crash nor hang (status 0)" \
	exited_ok
done_testing
