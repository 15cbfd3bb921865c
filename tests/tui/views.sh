#!/bin/sh
# The TUI on a recording (tests/fixtures/recordings/tui.jsonl, see its
# ORIGIN), driven through tmux: every view and its header, the sort (its
# order on screen, by key and from the list), the filter, the user filter,
# the tree, the mappings of a process and back, folding, the explain
# panel, stepping through the replay, a hostile process name, and quitting
# with q (status 0, the terminal given back).
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux

rec="$FIXTURES/recordings/tui.jsonl"
tui_start 120 40 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 '$MEMLENS' -r '$rec'"

check "starts on the procs view of the replay" tui_wait 'replay 1/3'
check "the tab bar names the view" seen ' 1 procs .*Processes$'
check "the overview shows memory" seen '^Mem \[.*used.*total'
check "the overview shows swap" seen '^Swp no swap'
check "the overview shows commit and THP" \
	seen '^Cmt .*committed of 11.8G limit.*THP madvise'
check "the overview shows pressure and rates" seen '^PSI some .*faults/s'
check "the process table has its titles" \
	seen 'PID USER .* RSS .*PSS.* USS .*COMMAND'
check "19 processes are counted" seen '^19 of 19 processes, by PSS'

# ---- sorting -------------------------------------------------------------
tui_column PSS | grep -v n/a > "$tmp/col"
check "PSS sorts largest first" tui_sorted desc < "$tmp/col"
check "unknown PSS comes last" awk '/ process_api$/ { p = NR }
	/ memlens$/ { m = NR } END { exit !(p > m && m > 0) }' "$tmp/screen"
first=$(sed -n '/PID USER/{n;p;q}' "$tmp/screen" | awk '{print $NF}')
check "the largest PSS is memlens ($first)" test "$first" = memlens

tui_keys '<'
tui_wait 'sort RSS'
tui_column RSS | grep -v n/a > "$tmp/col"
check "< sorts by RSS, largest first" tui_sorted desc < "$tmp/col"
check "the largest RSS is process_api" \
	sh -c "sed -n '/PID USER/{n;p;q}' '$tmp/screen' | grep -q 'process_api'"
tui_keys I
tui_wait 'sort RSS.*(\^|▲)'
tui_column RSS | grep -v n/a > "$tmp/col"
check "I turns the order round" tui_sorted asc < "$tmp/col"

# From the list: PID, ascending first.
tui_keys s
check "s opens the list of fields" tui_wait 'Sort by'
check "the list shows hidden fields" seen 'ppid \(hidden\)'
tui_keys Home Enter
tui_wait 'sort PID'
tui_column PID > "$tmp/col"
check "PID from the list sorts ascending" tui_sorted asc < "$tmp/col"
check "all 19 rows are there" test "$(wc -l < "$tmp/col")" -eq 19
tui_keys '>'
tui_wait 'sort USER'
tui_keys '>'
tui_wait 'sort RSS'

# ---- hostile names ---------------------------------------------------------
check "a hostile process name is shown escaped" \
	seen 'evil\\x1b\[2J\\x07name'

# ---- filters ----------------------------------------------------------------
tui_keys / s l e e p
check "the filter narrows as it is typed" tui_wait '^4 of 19 processes, filter sleep'
check "the status line shows the filter being typed" seen 'Filter: sleep_'
check "rows that do not match are gone" unseen ' bash$'
tui_keys Enter
check "Enter keeps the filter" tui_wait '/sleep '
tui_keys '\'
check "backslash drops the filter" tui_wait '^19 of 19 processes'

tui_keys u
check "u lists the users" tui_wait 'Show the processes of'
check "the list has nobody and daemon" \
	sh -c "grep -q ' nobody ' '$tmp/screen' && grep -q ' daemon ' '$tmp/screen'"
tui_keys n Enter
check "the user filter keeps nobody's processes" tui_wait '^1 of 19 processes, user nobody'
check "the one row left is nobody's" \
	sh -c "sed -n '/PID USER/{n;p;q}' '$tmp/screen' | grep -q ' nobody '"
tui_keys u Home Enter
check "all users again" tui_wait '^19 of 19 processes'

# ---- tree ------------------------------------------------------------------
tui_keys t
check "t shows the tree" tui_wait 'as a tree'
check "children are drawn under their parent" seen '└─'
tui_keys t
tui_wait 'by RSS ▼$'

# ---- the mappings of a process -----------------------------------------------
tui_keys / 7 6 8 2
tui_keys Escape
tui_keys Home
tui_keys / s l e e p Enter
tui_wait '/sleep '
tui_keys Home
# rows by RSS: 7681 (1840), 7682 (1828), 7680, 32713; the second is root's.
tui_keys Down Enter
check "Enter opens the mappings" tui_wait ' 2 vmas .*Mappings$'
check "of the selected process" seen '^pid 7682 \(sleep\): 37 mappings, 37 rows'
check "the mappings have their titles" \
	seen 'ADDRESS.*PERM.*RSS.*PSS.*DIRTY.*SWAP.*THP.*THPEL.*LOCKED.*FLAGS.*PATH'
check "a mapping shows its range, permissions and file" \
	seen '^564ad1d9c000-564ad1d9e000 r--p .*/usr/bin/sleep'
check "the total line sums RSS" grep -Eq '^total +1828 ' "$tmp/screen"
tui_keys f
check "f folds the mappings of one file" tui_wait '37 mappings, 25 rows, files folded'
check "a folded row counts its mappings" seen '^564ad1d9c000-564ad1da7000 x5 '
check "the total is the same folded" grep -Eq '^total +1828 ' "$tmp/screen"
tui_keys f
tui_wait '37 rows'
tui_keys Escape
check "Esc goes back to the processes" tui_wait ' 1 procs .*Processes$'
check "the filter is still there" seen 'filter sleep'
tui_keys '\'

# ---- every view ---------------------------------------------------------------
view_check() { # key title header-pattern
	tui_keys "$1"
	if tui_wait "$2\$" && grep -Eq -- "$3" "$tmp/screen"; then
		ok "key $1: $2, with /$3/"
	else
		not_ok "key $1: $2, with /$3/"
	fi
}
view_check 2 Mappings 'ADDRESS.*PATH'
view_check 3 'Page faults' 'PID USER +FLT/s.*MINF/s.*MAJF/s.*COMMAND'
view_check 4 'Slab caches' 'OBJS +ACTIVE +USE.*CACHE.*NAME'
check "slab: 30 caches" seen '^30 of 30 caches'
tui_column CACHE > "$tmp/col"
check "slab: sorted by CACHE, largest first" tui_sorted desc < "$tmp/col"
view_check 5 'NUMA nodes' 'NODE +MemTotal +MemFree +MemUsed +CPUS$'
view_check 6 'Huge pages and zswap' 'enabled +always \[madvise\] never'
view_check 7 'Zones and free lists' 'NODE ZONE +FREE +BOOST +MIN +LOW +HIGH'
view_check 8 'LRU lists and reclaim' 'Active\(anon\)'
view_check 9 'OOM ranking' 'overcommit_memory 0 \(heuristic\)'
check "oom: the engine's ranking, the kernel's score beside the model's" \
	seen 'RANK. +PID USER +SCORE +KSCORE +BADNESS'
check "oom: no victim where stat's rss was not recorded, and why" \
	seen '^victim n/a: 18 processes cannot be weighed'
view_check 1 Processes 'PID USER'

# ---- explain --------------------------------------------------------------------
tui_keys e
check "e opens the explain panel" tui_wait 'Explain \(e closes'
check "it explains the sort column" seen ' RSS - rss_kb, KiB'
check "with the kernel's source" seen 'status VmRSS'
check "and the selected value" seen 'Selected: .* KiB'
tui_keys Right
check "Right explains the next column" tui_wait ' PSS - pss_kb, KiB'
check "with what it costs" seen 'smaps_rollup'
tui_keys 8
check "the text views explain their line" tui_wait 'Reclaim takes pages'
tui_keys Down
check "the cursor line's counter is explained" \
	tui_wait 'Anonymous and shmem pages on the active list'
tui_keys e
explain_gone() { tui_settle; ! grep -q 'Explain (e closes' "$tmp/screen"; }
check "e closes the panel" explain_gone
tui_keys 1

# ---- the replay -------------------------------------------------------------------
tui_keys ']'
check "] steps to the next snapshot" tui_wait 'replay 2/3'
check "rates appear with a previous snapshot" seen 'faults/s [0-9]'
tui_keys '}'
check "} goes to the last" tui_wait 'replay 3/3'
tui_keys '['
check "[ steps back" tui_wait 'replay 2/3'
tui_keys '{'
check "{ goes to the first" tui_wait 'replay 1/3'

# ---- help -------------------------------------------------------------------------
tui_keys h
check "h shows the keys" tui_wait 'memlens - keys'
check "and the man page sections to read" seen 'PSS AND USS BUDGET'
tui_keys x
check "a key closes the help" tui_wait 'Processes$'

# ---- quit ---------------------------------------------------------------------------
tui_keys q
check "q quits" tui_exited
check "with status 0" test "$(cat "$tmp/status" 2> /dev/null)" = 0
check "the shell prompt is back" tui_wait '^tui\$ ?$'
check "the terminal left the alternate screen" \
	test "$(tui display -p -t t '#{alternate_on}')" = 0
check "the cursor is visible again" test "$(tui display -p -t t '#{cursor_flag}')" = 1
done_testing
