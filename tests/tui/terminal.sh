#!/bin/sh
# The terminal given back in every way memlens can end, in a private tmux
# server: a terminal it cannot use (TERM unknown, TERM=dumb) gets one line
# that suggests -b, a non-zero status and no change to the tty; SIGINT,
# SIGTERM and SIGHUP each leave the pane as the shell had it (no alternate
# screen, the cursor shown, no mouse or keypad mode, and `stty -a` as
# before: echo, icanon); a storm of 50 resizes down to 20x6 does not
# crash; and a batch run whose reader goes away (`memlens -b | head -1`)
# stays quiet.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux

utf8="env LANG=C.UTF-8 LC_ALL=C.UTF-8"

# The pane's modes as tmux sees them: alternate screen, cursor, keypad,
# mouse; "0 1 0 000" is how a shell leaves it.
pane_modes() {
	tui display -p -t t '#{alternate_on} #{cursor_flag} #{keypad_flag} #{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}'
}

# Runs `stty -a` in the pane (memlens has ended) into FILE.
pane_stty() { # file
	rm -f "$1"
	tui_keys "stty -a > $1.tmp; mv $1.tmp $1" Enter
	n=50
	while [ ! -s "$1" ] && [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
	[ -s "$1" ]
}

# A session that records the tty before memlens starts, runs CMD, and
# waits for its first screen (PATTERN) when one is given.
start_with_stty() { # cmd [pattern]
	tui_start 100 30 "stty -a > $tmp/stty.before; $1"
	[ -z "$2" ] || tui_wait "$2" > /dev/null
}

stty_same() {
	pane_stty "$tmp/stty.after" && cmp -s "$tmp/stty.before" "$tmp/stty.after" &&
		grep -q ' echo ' "$tmp/stty.after" && grep -q ' icanon ' "$tmp/stty.after"
}

# ---- a terminal memlens cannot use -----------------------------------------------
# When newterm() fails, ncurses keeps the screen it began to set up
# (new_prescr in libtinfo), which no caller can free: tests/lib/lsan.supp
# (LSAN_OPTIONS from make check) keeps a sanitizer build from reporting
# that leak of the library's as the program's.
for term in no-such-term dumb; do
	start_with_stty "TERM=$term $utf8 '$MEMLENS' 2> $tmp/err"
	check "TERM=$term: memlens ends" tui_exited
	check "TERM=$term: with a non-zero status" test "$(cat "$tmp/status")" != 0
	check "TERM=$term: one line on stderr, naming TERM and suggesting -b" \
		sh -c "test \$(wc -l < '$tmp/err') -eq 1 && grep -q 'TERM.*-b' '$tmp/err'"
	[ -s "$tmp/err" ] && diag "$(cat "$tmp/err")"
	check "TERM=$term: the pane's modes untouched" test "$(pane_modes)" = "0 1 0 000"
	check "TERM=$term: the tty settings untouched" stty_same
done

# ---- signals ------------------------------------------------------------------------
memlens_pid() {
	pgrep -x -P "$(tui display -p -t t '#{pane_pid}')" memlens
}
for sig in INT TERM HUP; do
	start_with_stty "$utf8 '$MEMLENS' -d 0.5" 'PID +USER'
	check "SIG$sig: memlens is drawing (alternate screen on)" \
		test "$(pane_modes | cut -c1)" = 1
	pid=$(memlens_pid)
	if [ -n "$pid" ] && kill -s "$sig" "$pid"; then
		check "SIG$sig: memlens ends" tui_exited
	else
		not_ok "SIG$sig: memlens ends (no memlens process found)"
	fi
	check "SIG$sig: back at the shell prompt, main screen" tui_wait '^tui\$ *$'
	check "SIG$sig: no alternate screen, cursor shown, no keypad or mouse mode" \
		test "$(pane_modes)" = "0 1 0 000"
	check "SIG$sig: stty -a as before (echo, icanon)" stty_same
	check "SIG$sig: nothing on the screen after the prompt but the prompt" \
		sh -c "! grep -q 'memlens:' '$tmp/screen'"
done

# ---- a resize storm ------------------------------------------------------------------
start_with_stty "$utf8 '$MEMLENS' -d 0.05" 'PID +USER'
i=0
while [ $i -lt 50 ]; do
	case $((i % 5)) in
	0) tui resize-window -t t -x 20 -y 6 ;;
	1) tui resize-window -t t -x 200 -y 60 ;;
	2) tui resize-window -t t -x 80 -y 24 ;;
	3) tui resize-window -t t -x 7 -y 3 ;;
	4) tui resize-window -t t -x 133 -y 41 ;;
	esac
	i=$((i + 1))
done
tui resize-window -t t -x 100 -y 30
check "after 50 resizes, memlens still draws" tui_wait 'PID +USER'
check "and still runs" test -n "$(memlens_pid)"
tui_keys q
check "then quits with status 0" tui_exited
check "status 0" test "$(cat "$tmp/status")" = 0
check "the tty as before" stty_same

# ---- batch into a reader that goes away ---------------------------------------------
for args in "-b" "-b -v all" "-b -n 3 -d 0.05 -o json"; do
	# shellcheck disable=SC2086
	( "$MEMLENS" $args 2> "$tmp/err"; echo $? > "$tmp/rc" ) | head -n 1 > /dev/null
	check "memlens $args | head -1: nothing on stderr" test ! -s "$tmp/err"
	check "memlens $args | head -1: exit 0" test "$(cat "$tmp/rc")" = 0
	[ -s "$tmp/err" ] && diag "$(head -3 "$tmp/err")"
done
done_testing
