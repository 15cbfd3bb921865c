#!/bin/sh
# The lru view (key 8) through tmux: the four LRU lists equal meminfo's of
# a recording made here, swappiness equals /proc/sys/vm/swappiness, the
# reclaim rates appear with the second snapshot, a need:SIZE plan (key n)
# names get_scan_count()'s branch, a workload what-if's timeline ends where
# batch JSON's prediction ends, a memory cgroup made here is listed and
# Enter scopes the engine to it, a cgroup v2 fixture tree renders, and a
# 20x6 terminal does not crash it.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux
if ! command -v jq > /dev/null; then
	skip "jq is not installed (./quickstart installs it)"
	done_testing
	exit 0
fi
utf8="env LANG=C.UTF-8 LC_ALL=C.UTF-8"
# q, then memlens must exit with 0 (a sanitizer's report makes it fail)
quit_ok() {
	tui_keys q
	check "quits" tui_exited
	check "... with status 0" test "$(cat "$tmp/status" 2> /dev/null)" = 0
}

# ---- a recording of this machine, replayed -----------------------------------
rec="$tmp/rec.jsonl"
"$MEMLENS" -b -w "$rec" -n 2 -d 0.5 -v lru --sim lru > /dev/null 2>&1
first() { jq -r "$1" "$rec" | head -n 1; }

tui_start 200 80 "$utf8 '$MEMLENS' -r '$rec' -v lru -d 60"
check "the lru view starts" tui_wait 'LRU LISTS of the machine'
for list in 'Active(anon)' 'Inactive(anon)' 'Active(file)' 'Inactive(file)'; do
	kb=$(first ".meminfo[\"$list\"]")
	pattern=$(printf '%s' "$list" | sed 's/[()]/\\&/g')
	check "$list is meminfo's $kb KiB" seen "^ +$pattern +$kb "
done
swappiness=$(cat /proc/sys/vm/swappiness)
check "swappiness of the recording is /proc/sys/vm/swappiness" \
	test "$(first '.sysctl.swappiness')" = "$swappiness"
check "the view shows swappiness $swappiness" seen "swappiness $swappiness "
check "no rates on the first snapshot" seen 'n/a until the second snapshot'
tui_keys ']'
check "rates with the second snapshot" tui_wait \
	'RECLAIM PER SECOND \(machine, last 0\.[0-9] s\)'
check "pgscan kswapd and direct per second" seen \
	'pgscan +kswapd +[0-9.]+[kM]? +direct +[0-9.]+'
check "workingset refaults per second" seen 'workingset_refault +anon'

# n opens the editor with need:1G; Enter asks the engine
tui_keys n
check "n offers need:SIZE" seen 'need:1G'
tui_keys Enter
check "the plan for 1G is shown" tui_wait 'IF 1\.0G MORE WERE NEEDED NOW'
check "... with its reclaimer" seen 'reclaimer (none|kswapd|direct|cgroup|oom): '

# the node's row: the explain panel explains it, Enter scopes the engine
tui_keys / && sleep 0.2 && tui_keys "node 0 " Enter
tui_settle
tui_keys e
check "the explain panel explains the node under the cursor" \
	tui_wait 'Reclaim in node 0'
tui_keys e Enter '\'
check "Enter on a node scopes the engine to it" \
	tui_wait 'RECLAIM WOULD DECIDE NOW \(node 0\)'
check "... and the plan too" seen 'IF 1\.0G MORE WERE NEEDED NOW \(node 0\)'
quit_ok

# more than is free: reclaim must run, and get_scan_count() decides
need=$(( $(first '.meminfo.MemFree') + 1048576 ))
tui_start 200 80 "$utf8 '$MEMLENS' -r '$rec' -v lru -d 60 --sim lru --what-if need:${need}K"
check "a need over MemFree: reclaim runs" tui_wait 'reclaimer (kswapd|direct|oom): '
check "... and the plan names get_scan_count's branch" seen \
	'branch (no_swap|cgroup_swappiness_0|anon_only|priority_0|file_is_tiny|cache_trim_mode|fraction) '
check "... and the lists it scans" seen 'scans inactive anon [0-9]+, active anon'
quit_ok

# ---- a workload's timeline against batch JSON ---------------------------------
cat > "$tmp/w" << 'EOF'
limit 64M
swap 0
swappiness 60
anon 16M
read 96M
touch anon 16M
EOF
"$MEMLENS" -b -o json --sim lru -r "$rec" -n 1 --what-if "workload:$tmp/w" \
	> "$tmp/pred.json"
last=$(jq -r '.sim.lru.prediction.timeline[-1]
	| [.anon_kb, .swap_kb, .file_kb] | map(tostring) | join(" +")' \
	"$tmp/pred.json")
lists=$(jq -r '.sim.lru.prediction
	| [.inactive_anon_kb, .active_anon_kb, .inactive_file_kb,
	   .active_file_kb] | map(tostring) | join(" +")' "$tmp/pred.json")
end=$(jq -r '.sim.lru.prediction | [.anon_kb, .swap_kb, .file_kb]
	| map(tostring) | join(" +")' "$tmp/pred.json")
check "batch: the last step is the prediction's end" test "$last" = "$end"
tui_start 200 80 "$utf8 '$MEMLENS' -r '$rec' -v lru -d 60 --sim lru --what-if workload:$tmp/w"
check "the timeline is shown" tui_wait 'WORKLOAD .*/w \(KiB after each step\)'
check "its last step is the prediction: resident anon, swap, file" \
	seen "^ +touch anon 16M +$end "
check "... then the four lists" seen "^ +touch anon 16M .* $lists +[0-9]+ +[0-9]+ *$"
check "it says what it started from" seen 'played from an empty memory cgroup'
# the next snapshot: the same start (an empty group), so the cached result
tui_keys ']'
check "the next snapshot reuses it, and says so" tui_wait \
	'played from an empty memory cgroup, snapshot of [0-9:]+ \(cached\)'
check "... with the same last step" seen "^ +touch anon 16M +$end "
quit_ok

# ---- a memory cgroup made here (cgroup v1, root) -------------------------------
group=memlens-tui-$$
if [ "$(id -u)" = 0 ] && mkdir "/sys/fs/cgroup/memory/$group" 2> /dev/null; then
	tui_start 200 80 "$utf8 '$MEMLENS' -v lru -d 0.5"
	check "the cgroup table lists /$group" tui_wait "^ +/$group "
	tui_keys / && sleep 0.2 && tui_keys "$group" Enter
	tui_settle
	tui_keys Enter '\'
	check "Enter scopes the engine to it" tui_wait \
		"RECLAIM WOULD DECIDE NOW \\(cgroup /$group\\)"
	check "the status line shows the what-if" seen "cgroup:/$group"
	quit_ok
	rmdir "/sys/fs/cgroup/memory/$group"
else
	skip "cannot make a memory cgroup under /sys/fs/cgroup/memory"
fi

# ---- a cgroup v2 fixture tree --------------------------------------------------
tui_start 160 60 "$utf8 '$MEMLENS' --root '$FIXTURES/pcp-cgroups-root-004' -v lru"
check "cgroup v2 fixture: the view renders" tui_wait 'MEMORY CGROUPS, largest first'
check "cgroup v2 fixture: its groups are listed" seen '^ +/system\.slice '
check "cgroup v2 fixture: lists not read are n/a" seen 'Active\(anon\) +n/a'
tui_keys h
check "the help lists the view's keys" tui_wait \
	'n +if SIZE more were needed now: edit need:SIZE'
tui_keys Escape
check "... and closes" unseen 'if SIZE more were needed now: edit'
quit_ok

# ---- MGLRU on (the recording edited as a kernel with it enabled would be) ------
jq -c '.sysctl["lru_gen/enabled"] = "0x0007"' "$rec" > "$tmp/mglru.jsonl"
tui_start 200 80 "$utf8 '$MEMLENS' -r '$tmp/mglru.jsonl' -v lru -d 60"
check "MGLRU on is shown" tui_wait 'MGLRU on \(0x0007\)'
check "... and that the classic decisions do not apply" seen \
	'MGLRU is on: the kernel ages generations'
quit_ok

# ---- cgroup:PATH, the scope Enter asks for (batch) ------------------------------
lru_scope() {
	"$MEMLENS" -b -o json --sim lru --root "$FIXTURES/pcp-cgroups-root-004" "$@" |
		jq -r '.sim.lru.scope'
}
check "cgroup:PATH scopes the engine" \
	test "$(lru_scope --what-if cgroup:/system.slice)" = "cgroup /system.slice"
check "cgroup:PATH wins over --cgroup" test "$(lru_scope --cgroup /user.slice \
	--what-if cgroup:/system.slice)" = "cgroup /system.slice"
check "the last of node:N and cgroup:PATH wins" test "$(lru_scope \
	--what-if cgroup:/system.slice --what-if node:0)" = "node 0"
check "cgroup:PATH wants a path from the root" sh -c \
	"'$MEMLENS' -b --sim lru --what-if cgroup:x 2>&1 | grep -q 'cgroup takes a path'"

# ---- a tiny terminal ------------------------------------------------------------
tui_start 20 6 "$utf8 '$MEMLENS' -r '$rec' -v lru -d 60"
sleep 1
tui_keys ']' n Escape Enter End e Down
quit_ok
done_testing
