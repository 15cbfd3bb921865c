#!/bin/sh
# MGLRU's generations in the lru view (key 8) through tmux: on the
# hand-made tree tests/fixtures/lru_gen (overlaid on pcp-meminfo-root-002
# for the rest of the view) the MGLRU GENERATIONS block shows the
# fixture's memcgs, nodes and generations, oldest first, and the explain
# panel says which generation the cursor is on; a recording replayed
# keeps them; MGLRU switched off is one line; and on this machine the view
# says why there are none (this 6.18 kernel is built without MGLRU).
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux
utf8="env LANG=C.UTF-8 LC_ALL=C.UTF-8"
quit_ok() {
	tui_keys q
	check "quits" tui_exited
	check "... with status 0" test "$(cat "$tmp/status" 2> /dev/null)" = 0
}

tree="$tmp/tree"
mkdir -p "$tree"
cp -r "$FIXTURES/pcp-meminfo-root-002/." "$tree"
cp -r "$FIXTURES/lru_gen/sys" "$tree"
mkdir -p "$tree/proc/sys/vm"
echo 60 > "$tree/proc/sys/vm/swappiness"

# ---- the fixture: lines of tests/fixtures/lru_gen/sys/kernel/debug/lru_gen ----
tui_start 160 90 "$utf8 '$MEMLENS' --root '$tree' -v lru -d 60"
check "the generations block is shown" tui_wait \
	'MGLRU GENERATIONS \(debugfs lru_gen; oldest first, pages\)'
check "MGLRU on (enabled 0x0007)" seen 'MGLRU on \(0x0007\)'
check "what reclaim and aging do, in one line" seen \
	'Reclaim evicts from the oldest generation; aging makes a new'
check "min_ttl_ms of the fixture" seen 'min_ttl_ms 1000'
check "memcg / node 0 (the largest memcg first)" seen \
	'^  memcg / \(id 1\), node 0:'
check "memcg /user.slice node 1" seen '^  memcg /user\.slice \(id 12\), node 1:'
# "          5      61234      10240       40960 ": 10240 pages are 40.0M
check "gen 5 of / node 0: age, anon and file pages" seen \
	'^ +5 +1\.0 min +10240 +40\.0M .* 40960 +160M '
# "          8        804        256        1024 "
check "gen 8 of / node 0: the youngest" seen '^ +8 +804 ms +256 +1\.0M .* 1024 '
# "          2      70440       2560        7168 " under /user.slice node 1
check "gen 2 of /user.slice node 1" seen '^ +2 +1\.2 min +2560 .* 7168 '
tui_screen | awk '/memcg \/ \(id 1\), node 0:/ { on = 1; next }
	on && /^ +[0-9]+ / { print $1 } on && /node 1/ { exit }' > "$tmp/seqs"
check "oldest first: 5 6 7 8" test "$(tr '\n' ' ' < "$tmp/seqs")" = "5 6 7 8 "
tui_screen | grep -n 'memcg' > "$tmp/order"
check "the root memcg (more pages) comes before /user.slice" \
	test "$(head -n 1 "$tmp/order" | grep -c 'memcg / ')" = 1

tui_keys / && sleep 0.2 && tui_keys "804 ms" Enter
tui_settle
tui_keys e
check "explain: the generation under the cursor" tui_wait \
	'Generation 8 of memcg / on node 0 holds 256 anon and 1024 file pages'
check "explain: it is the youngest" seen 'It is the youngest'
tui_keys e
quit_ok

# ---- recorded and replayed --------------------------------------------------------
"$MEMLENS" -b -o json --root "$tree" -v lru -w "$tmp/rec.jsonl" > /dev/null 2>&1
tui_start 160 90 "$utf8 '$MEMLENS' -r '$tmp/rec.jsonl' -v lru -d 60"
check "replayed: the generations are kept" tui_wait \
	'^  memcg /user\.slice \(id 12\), node 0:'
check "replayed: gen 9 of /user.slice node 0" seen '^ +9 +55\.0 s +3072 '
quit_ok

# ---- MGLRU off: one line ----------------------------------------------------------
echo 0x0000 > "$tree/sys/kernel/mm/lru_gen/enabled"
tui_start 160 60 "$utf8 '$MEMLENS' --root '$tree' -v lru -d 60"
check "MGLRU off: one line says so" tui_wait \
	'MGLRU GENERATIONS: none, MGLRU is off \(lru_gen/enabled 0x0000\)'
check "... and no generation is listed" unseen 'memcg / \(id 1\)'
quit_ok

# ---- this machine ----------------------------------------------------------------
if [ -d /sys/kernel/mm/lru_gen ]; then
	skip "this kernel has MGLRU (the check is for one built without it)"
else
	tui_start 200 60 "$utf8 '$MEMLENS' -v lru -d 60"
	check "live: MGLRU is not built, and the view says so" tui_wait \
		'MGLRU GENERATIONS: n/a \(MGLRU not built: /sys/kernel/mm/lru_gen is absent'
	quit_ok
fi
done_testing
