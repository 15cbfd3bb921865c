#!/bin/sh
# The TUI's screen on the recording, through tmux: resizing (40x10, 200x60,
# below 20x6, and a storm of sizes that must end on the same screen as
# before), colour and its absence (NO_COLOR, a monochrome terminal), the
# ASCII fallback outside UTF-8, and the mouse (-M leaves it alone; a click
# on a column title sorts).
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux

rec="$FIXTURES/recordings/tui.jsonl"
utf8="env LANG=C.UTF-8 LC_ALL=C.UTF-8"

# SGR colour codes (30-37, 40-47, 38;5, 48;5) in the screen with escapes.
has_colour() {
	tui capture-pane -p -e -t t > "$tmp/escapes"
	grep -Eq "$(printf '\033')\\[([0-9]*;)*(3[0-8]|4[0-8])(;[0-9]*)*m" "$tmp/escapes"
}

# ---- sizes -----------------------------------------------------------------
tui_start 120 40 "$utf8 '$MEMLENS' -r '$rec'"
tui_wait 'replay 1/3' > /dev/null
tui_settle
cp "$tmp/screen" "$tmp/before"

tui resize-window -t t -x 40 -y 10
check "40x10: a compact header" tui_wait '^Mem [0-9.]+[KMG]/23.6G'
check "40x10: the tab bar" seen '^ 1  2  3  4  5  6  7  8  9 '
check "40x10: the summary" seen '^19 of 19 processes'
check "40x10: the sort column and the command" seen 'PSS.* COMMAND'
check "40x10: rows" seen 'memlens$|memlens |root'
check "40x10: nothing wider than the pane" tui_fits 40
check "40x10: the status line" seen '^ replay 1/3'

tui resize-window -t t -x 200 -y 60
check "200x60: the full header" tui_wait '^Swp no swap'
check "200x60: the table up to COMMAND" seen 'PID USER .*OOM COMMAND'
check "200x60: every row fits" test "$(grep -c ' root \| nobody \| daemon ' "$tmp/screen")" -ge 19
check "200x60: the status line with the keys" seen 'h help q quit$'

tui resize-window -t t -x 19 -y 5
check "19x5: says the terminal is too small" tui_wait 'terminal too small'
tui resize-window -t t -x 20 -y 6
check "20x6: draws the view again" tui_wait '^19 of 19 proc'
check "20x6: with its status line" seen '^ replay 1/3'
check "20x6: nothing wider than the pane" tui_fits 20

for size in 30x7 121x41 10x3 80x24 1x1 250x80 40x10 119x39; do
	tui resize-window -t t -x "${size%x*}" -y "${size#*x}"
done
tui resize-window -t t -x 120 -y 40
tui_settle
if cmp -s "$tmp/before" "$tmp/screen"; then
	ok "after a storm of resizes, the screen is the same as before"
else
	diag "$(diff "$tmp/before" "$tmp/screen" | head -n 20)"
	not_ok "after a storm of resizes, the screen is the same as before"
fi

# ---- colour --------------------------------------------------------------------
check "colours by default" has_colour
check "the mouse is on by default" \
	test "$(tui display -p -t t '#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}')" != 000
# A click (X10 encoding: ESC [ M, button, column + 33, line + 33) on the
# title of USER sorts by it.
user_x=$(awk '/ PID +USER/ { print index($0, "USER") - 1; exit }' "$tmp/screen")
user_y=$(awk '/ PID +USER/ { print NR - 1; exit }' "$tmp/screen")
if [ -n "$user_x" ]; then
	tui send-keys -t t -l "$(printf '\033[M %b%b' \
		"\\$(printf %03o $((user_x + 33)))" "\\$(printf %03o $((user_y + 33)))")"
	tui send-keys -t t -l "$(printf '\033[M#%b%b' \
		"\\$(printf %03o $((user_x + 33)))" "\\$(printf %03o $((user_y + 33)))")"
	check "a click on a column title sorts by it" tui_wait 'by USER'
else
	not_ok "a click on a column title sorts by it (no title line)"
fi
tui_keys q
tui_exited

tui_start 120 40 "NO_COLOR=1 $utf8 '$MEMLENS' -r '$rec' -M"
tui_wait 'replay 1/3' > /dev/null
tui_settle
if has_colour; then not_ok "NO_COLOR: no colour codes"; else ok "NO_COLOR: no colour codes"; fi
check "NO_COLOR: the titles in reverse video" grep -q "$(printf '\033')\\[7m" "$tmp/escapes"
check "-M: the mouse is left to the terminal" \
	test "$(tui display -p -t t '#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}')" = 000
tui_keys q
tui_exited

tui_start 120 40 "TERM=vt100 $utf8 '$MEMLENS' -r '$rec'"
tui_wait 'replay 1/3' > /dev/null
tui_settle
if has_colour; then not_ok "a monochrome terminal: no colour codes"
else ok "a monochrome terminal: no colour codes"; fi
check "a monochrome terminal: the table is drawn" seen 'PID USER'
tui_keys q
tui_exited

tui_start 80 24 "TERM=dumb '$MEMLENS' -r '$rec'"
check "a terminal without cursor addressing: memlens ends" tui_exited
check "with status 1" test "$(cat "$tmp/status")" = 1
check "and says why" seen 'cannot move the cursor'

# ---- ASCII ----------------------------------------------------------------------
tui_start 120 40 "env LANG=C LC_ALL=C '$MEMLENS' -r '$rec'"
tui_wait 'replay 1/3' > /dev/null
tui_settle
check "C locale: bars in ASCII" seen '^Mem \[#'
check "C locale: the sort arrow in ASCII" seen 'PSSv '
check "C locale: no character outside ASCII" sh -c "! LC_ALL=C grep -q '[^ -~]' '$tmp/screen'"
check "C locale: the hostile name is still escaped" seen 'evil\\x1b\[2J\\x07name'
tui_keys q
check "quits with status 0" tui_exited
check "status 0" test "$(cat "$tmp/status")" = 0
done_testing
