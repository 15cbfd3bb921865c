#!/bin/sh
# The diagnostics screen (D) through tmux: on a replayed recording with
# known findings (tests/fixtures/diag/swap.jsonl: two warnings once the
# second snapshot gives rates), their severity colour, the man page section,
# any key closing it, the help screen listing D, and a live session.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux

utf8="env LANG=C.UTF-8 LC_ALL=C.UTF-8"

# ---- a replay with findings ---------------------------------------------------
tui_start 160 40 "$utf8 '$MEMLENS' -r '$FIXTURES/diag/swap.jsonl'"
tui_wait 'replay 1/2' > /dev/null
# The first snapshot has no previous one: no rates, so swap_cache is not
# checked, and swappiness_zero sees swap in use but no swapping: info.
tui_keys D
check "D on the first snapshot: the diagnostics screen" \
	tui_wait 'memlens - diagnostics: [0-9]+ rules checked'
check "D on the first snapshot: swappiness_zero as info" \
	seen '^INFO +swappiness_zero: swap is in use although vm.swappiness is 0'
check "D on the first snapshot: swap_cache needs two snapshots" \
	seen 'swap_cache: not checked: no swap-out rate'
tui_keys x
check "any key closes it" unseen 'memlens - diagnostics'
# The last snapshot: 500 pages/s swapped out with 40% file cache.
tui_keys '}'
tui_wait 'replay 2/2' > /dev/null
tui_keys D
check "D on the last snapshot: swap_cache, a warning" \
	tui_wait '^WARNING +swap_cache: swapping out 2000 kB/s'
check "D on the last snapshot: swappiness_zero, now a warning" \
	seen '^WARNING +swappiness_zero: pages are swapped out'
check "the section to read" \
	seen 'see memlens-diagnostics\(7\), SWAP WITH LARGE CACHE'
check "the evidence with its numbers" \
	seen 'SwapTotal - SwapFree = 70000 kB'
tui capture-pane -p -e -t t > "$tmp/escapes"
check "warnings are coloured" sh -c \
	"grep 'WARNING' '$tmp/escapes' | grep -q \"\$(printf '\\033')\\[\""
tui_keys q
check "q closes the screen, and does not quit" unseen 'memlens - diagnostics'
tui_keys h
check "the help screen lists D" tui_wait '^  D +diagnostics'
tui_keys q
tui_keys q
check "memlens quits" tui_exited

# ---- live ----------------------------------------------------------------------
tui_start 160 40 "$utf8 '$MEMLENS'"
tui_wait 'h help' > /dev/null
tui_keys D
check "live: D diagnoses the machine" \
	tui_wait 'memlens - diagnostics: 1[0-9] rules checked'
check "live: found something or nothing, and says which" \
	seen '^(Nothing found|INFO|WARNING|CRITICAL)'
tui_keys x
tui_keys q
check "live: memlens quits" tui_exited
done_testing
