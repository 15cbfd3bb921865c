#!/bin/sh
# The TUI and processes named to attack a terminal (tests/lib/hostile.sh):
# the bytes memlens writes to the terminal, recorded by script(1), never
# hold a hostile sequence raw (ESC [ 2 J after a name, OSC, BEL, a lone
# 0x9b or other invalid UTF-8, a C1 control, a newline inside a name), on
# every screen that names a process: procs, faults, oom, the mappings of
# one, and the explain panel with its command line; the escaped form is
# what the screen shows.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
. "${top_srcdir:-.}/tests/lib/hostile.sh"
tui_need_tmux
trap 'hostile_stop; tui_cleanup' EXIT

if ! command -v script > /dev/null; then
	skip "script(1) is missing (util-linux)"
	done_testing
	exit 0
fi
if ! hostile_start; then
	skip "cannot name processes here (writing /proc/PID/comm failed)"
	done_testing
	exit 0
fi
pids=$(echo $hostile_pids | tr ' ' ,)
set -- $hostile_pids # CSI OSC BEL C1 BAD NL EX BIG

# Ascending pids: the first row is the first process started (CSI).
tui_start 160 50 "script -q -e -c \"env LANG=C.UTF-8 LC_ALL=C.UTF-8 \
'$MEMLENS' -s +pid -p $pids\" '$tmp/raw'"
check "procs: the CSI name escaped" tui_wait 'CSI\\x1b\[2J$'
check "procs: OSC and BEL escaped" seen 'OSC\\x1b\]0;pwn\\x07$'
check "procs: the C1 byte escaped" seen 'C1\\x9b2J$'
check "procs: invalid UTF-8 escaped" seen 'BAD\\xff\\xfe\\xc0$'
check "procs: the newline escaped, in one row" seen 'NL\\x0afake 1 root$'
check "procs: the exec'd name escaped" seen 'EX\\x1b\[2J$'
check "procs: no row starts with what followed the newline" unseen '^fake 1 root'
tui_keys e
check "explain panel: the process and its command line, escaped" \
	tui_wait "Process $1 \\(CSI\\\\x1b\\[2J\\).*sh CSI\\\\x1b\\[2J"
tui_keys e
tui_keys 3
check "faults: names escaped" tui_wait 'FLT/s.*COMMAND'
check "faults: OSC escaped" seen 'OSC\\x1b\]0;pwn\\x07$'
tui_keys 9
# The oom view's table is wide: a long name may end in an ellipsis.
check "oom: names escaped" tui_wait 'OOM ranking'
check "oom: the victim line escaped" seen 'victim .*then [0-9]+ [A-Z1]+\\x'
check "oom: invalid UTF-8 escaped" seen ' BAD\\xff\\xfe'
check "oom: OSC escaped" seen ' OSC\\x1b\]0;pwn'
tui_keys 1
tui_wait 'PSS|RSS' > /dev/null
tui_keys Enter
check "vmas: the title names the process escaped" \
	tui_wait "pid $1 \\(CSI\\\\x1b\\[2J\\)"
tui_keys Escape
tui_keys q
check "quits with status 0" tui_exited
check "status 0" test "$(cat "$tmp/status" 2> /dev/null)" = 0

# ---- the raw bytes --------------------------------------------------------------
raw="$tmp/raw"
# Newlines become 0x01 first: grep cannot match across lines.
has() { LC_ALL=C tr '\n' '\001' < "$raw" | LC_ALL=C grep -q "$(printf "$1")"; }
check "the terminal got the session (script recorded it)" \
	grep -q 'CSI\\x1b\[2J' "$raw"
# label, then the bytes (printf format, a grep pattern).  A label is
# printed by echo, which in dash would turn a backslash sequence into the
# byte itself.  A name's whole payload is looked for: curses writes its own
# escapes right after any text, so "EX" then ESC alone can be a column
# title ending in EX followed by a colour change.
while read -r label seq; do
	if has "$seq"; then
		not_ok "no raw $label in what memlens wrote"
	else
		ok "no raw $label in what memlens wrote"
	fi
done << 'EOF'
ESC-[2J-after-a-name CSI\033\[2J
ESC-[2J-after-the-exec'd-name EX\033\[2J
OSC-after-a-name OSC\033]0;pwn
OSC-at-all \033]
BEL-at-all \007
newline-inside-a-name NL\001fake
clear-screen-of-the-1MiB-cmdline a\033\[2J
C1-control-as-UTF-8 \302[\200-\237]
EOF
check "what memlens wrote is valid UTF-8 (no lone 0x9b, 0xff, 0xfe, 0xc0)" \
	sh -c "iconv -f UTF-8 -t UTF-8 < '$raw' > /dev/null 2>&1"
done_testing
