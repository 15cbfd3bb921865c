#!/bin/sh
# Text pages (the numa view on the 64-node fixture, at 80x24) page like
# less(1): the first PgDn shows the lines that were below the page, PgUp
# brings them back, and the cursor line (what the explain panel reads)
# keeps its place on the screen.  Up and Down move the cursor and the page
# follows it; Home, End, the mouse wheel and a filter page too.  The page
# is compared with the view's batch text, line for line.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux

root="$FIXTURES/hwloc-256ia64-64n2s2c"
height=24

# The page's lines: the block of the numa view, without its [numa] title.
"$MEMLENS" -b --root "$root" -v numa 2> /dev/null |
	sed -n '/^\[numa\]/,$p' | sed 1d > "$tmp/text"
lines=$(wc -l < "$tmp/text")
check "batch: the numa text is longer than three pages ($lines lines)" \
	test "$lines" -gt 66

tui_start 80 "$height" "env LANG=C.UTF-8 '$MEMLENS' --root '$root' -v numa"
check "the numa view" tui_wait '^  64 nodes'
tui_settle
# The page: from the row of its first line to the one above the status line.
first=$(grep -n '^  64 nodes' "$tmp/screen" | cut -d: -f1)
page=$((height - first))
check "a page of at least 10 lines (rows $first-$((height - 1)))" \
	test "$page" -ge 10

# The row the cursor line is on: the one that starts in the style the
# first line had at the start (the cursor's); resets before it do not count.
lead() {
	awk '{ lead = ""
	       if (match($0, /^(\033\[[0-9;]*m)+/)) lead = substr($0, 1, RLENGTH)
	       gsub(/\033\[0?m/, "", lead); print NR "\t" lead }'
}
tui capture-pane -e -p -t t | lead | awk -F '\t' -v r="$first" 'NR == r { print $2 }' > "$tmp/sel"
check "the cursor line is drawn in a style of its own" test -s "$tmp/sel"
cursor_row() {
	tui capture-pane -e -p -t t | lead |
		awk -F '\t' 'NR == FNR { sel = $0; next } $2 == sel { print $1 }' \
			"$tmp/sel" -
}

# Whether the screen shows the lines of file (default: the page's) from
# line n on, and the cursor on row r.
shows() { # n r [file]
	tui_settle
	sed -n "${first},$((height - 1))p" "$tmp/screen" > "$tmp/got"
	sed -n "${1},$(($1 + page - 1))p" "${3:-$tmp/text}" > "$tmp/want"
	while [ "$(wc -l < "$tmp/want")" -lt "$page" ]; do echo >> "$tmp/want"; done
	if ! cmp -s "$tmp/want" "$tmp/got"; then
		diag "want lines $1- of ${3:-the text}, got:"
		diff "$tmp/want" "$tmp/got" | sed 's/^/  | /' |
			while IFS= read -r l; do diag "$l"; done
		return 1
	fi
	row=$(cursor_row)
	[ "$row" = "$2" ] && return 0
	diag "the cursor is on row '$row', not $2"
	return 1
}

last=$((height - 1))
check "at first: lines 1-$page, the cursor on the first" shows 1 "$first"
tui_keys NPage
check "the first PgDn shows the next page (line $((page + 1)) on top), cursor in place" \
	shows $((page + 1)) "$first"
tui_keys NPage
check "a second PgDn the page after" shows $((2 * page + 1)) "$first"
tui_keys PPage
check "PgUp goes back a page" shows $((page + 1)) "$first"
tui_keys PPage
check "and a second PgUp to the first page" shows 1 "$first"
tui_keys PPage
check "PgUp on the first page stays there" shows 1 "$first"

tui_keys Down Down Down
check "Down moves the cursor, not the page" shows 1 $((first + 3))
tui_keys NPage
check "PgDn keeps the cursor's row" shows $((page + 1)) $((first + 3))
tui_keys PPage
check "so does PgUp" shows 1 $((first + 3))
n=$((page - 4))
while [ "$n" -gt 0 ]; do tui_keys Down; n=$((n - 1)); done
check "Down to the last row of the page" shows 1 "$last"
tui_keys Down
check "one more Down scrolls the page by a line" shows 2 "$last"
tui_keys Up
check "Up moves the cursor back, not the page" shows 2 $((last - 1))

tui_keys End
check "End: the last page, ending with the last line, the cursor on it" \
	shows $((lines - page + 1)) "$last"
tui_keys NPage
check "PgDn at the end changes nothing" shows $((lines - page + 1)) "$last"
tui_keys PPage
check "PgUp from the end: a page back" shows $((lines - 2 * page + 1)) "$last"
tui_keys Home
check "Home: the first page, the cursor on the first line" shows 1 "$first"

# The wheel (an X10 mouse report on row 10): three lines at a time.
tui_keys -l "$(printf '\033[Ma!+')"
check "the wheel scrolls the page down 3 lines, the cursor along" \
	shows 4 "$first"
tui_keys -l "$(printf '\033[M`!+')"
check "and back up" shows 1 "$first"

# A filter: the 64 meminfo rows with a CPU range, and pages of them.
grep -i -F -e '-' "$tmp/text" > "$tmp/filtered"
tui_keys / -
tui_keys Enter
check "filter '-': its first page ($(wc -l < "$tmp/filtered") lines match)" \
	shows 1 "$first" "$tmp/filtered"
tui_keys NPage
check "filtered: PgDn shows the next page of matches" \
	shows $((page + 1)) "$first" "$tmp/filtered"
tui_keys PPage
check "filtered: PgUp returns" shows 1 "$first" "$tmp/filtered"

tui_keys q
check "quits with status 0" tui_exited
check "status 0" test "$(cat "$tmp/status")" = 0
done_testing
