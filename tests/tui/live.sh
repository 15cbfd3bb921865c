#!/bin/sh
# The TUI on this machine (smoke test), through tmux: it starts and
# refreshes, every view key shows its view, memlens finds itself with the
# filter and opens its own mappings, pause and the interval keys say so on
# the status line, and the terminal is given back on q, Ctrl-C and
# SIGTERM.  Values vary; the tests check the shape of the screen.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux

utf8="env LANG=C.UTF-8 LC_ALL=C.UTF-8"

# The memlens running in the pane (the child of its shell).
tui_memlens_pid() {
	sh_pid=$(tui display -p -t t '#{pane_pid}')
	ps -o pid= --ppid "$sh_pid" 2> /dev/null | tr -d ' ' | head -n 1
}

restored() {
	test "$(tui display -p -t t '#{alternate_on}')" = 0 &&
		test "$(tui display -p -t t '#{cursor_flag}')" = 1 &&
		tui_wait '^tui\$ ?$'
}

# -d 0.7 marks this run's command line for the filter.
tui_start 120 40 "$utf8 '$MEMLENS' -d 0.7"
check "starts on the processes" tui_wait ' 1 procs .*Processes$'
check "the overview reads this machine" tui_wait '^Mem \[.*total'
check "the status line shows the interval" tui_wait 'every 0.7s'
check "rates appear after the first refresh" tui_wait '^PSI .*faults/s [0-9]'
check "the process table has rows" \
	test "$(tui_column PID | grep -c '^[0-9]')" -ge 1

for key in 1 2 3 4 5 6 7 8 9; do
	case $key in
	1) title=Processes ;; 2) title=Mappings ;; 3) title='Page faults' ;;
	4) title='Slab caches' ;; 5) title='NUMA nodes' ;;
	6) title='Huge pages and zswap' ;; 7) title='Zones and free lists' ;;
	8) title='LRU lists and reclaim' ;; 9) title='OOM ranking' ;;
	esac
	tui_keys "$key"
	check "key $key shows $title" tui_wait "$title\$"
done
tui_keys 1
tui_wait 'Processes$' > /dev/null

tui_keys / - d ' ' 0 . 7 Enter
check "the filter finds this memlens by its command line" \
	tui_wait '^1 of [0-9]+ processes, filter -d 0.7'
pid=$(tui_memlens_pid)
check "the row is this memlens ($pid)" grep -Eq "^ +$pid root|^ +$pid " "$tmp/screen"
tui_keys Enter
check "Enter opens its mappings" tui_wait "^pid $pid \\(memlens\\): [1-9][0-9]* mappings"
check "the binary is mapped" tui_wait 'memlens$'
tui_keys / s t a c k Enter
check "the filter finds the stack among the mappings" tui_wait '\[stack\]$'
tui_keys '\'
check "the total line" grep -Eq '^total +[0-9]' "$tmp/screen"
tui_keys Escape
check "Esc goes back" tui_wait 'Processes$'
tui_keys '\'

tui_keys p
check "p pauses" tui_wait 'PAUSED'
tui_keys p
check "p again refreshes" tui_wait 'every 0.7s'
tui_keys +
check "+ makes the interval longer" tui_wait 'refresh every 1 s'
tui_keys -
check "- makes it shorter" tui_wait 'refresh every 0.5 s'
check "the status line shows the interval again" tui_wait ' every 0.5s '

tui_keys q
check "q quits" tui_exited
check "with status 0" test "$(cat "$tmp/status")" = 0
check "and gives the terminal back" restored

tui_start 100 30 "$utf8 '$MEMLENS'"
tui_wait 'Processes$' > /dev/null
tui_keys C-c
check "Ctrl-C quits" tui_exited
check "with status 0" test "$(cat "$tmp/status")" = 0
check "and gives the terminal back" restored

tui_start 100 30 "$utf8 '$MEMLENS'"
tui_wait 'Processes$' > /dev/null
pid=$(tui_memlens_pid)
if [ -n "$pid" ] && kill -TERM "$pid"; then
	check "SIGTERM ends it" tui_exited
	check "with status 143" test "$(cat "$tmp/status")" = 143
	check "and gives the terminal back" restored
else
	not_ok "memlens is running under the shell of the pane"
fi
done_testing
