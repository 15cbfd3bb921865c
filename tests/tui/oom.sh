#!/bin/sh
# The oom view (key 9), through tmux: the engine's ranking with each
# score's parts, the victim first and the unkillable last with their
# reason, the summary (scope, kill order, the model against the kernel,
# overcommit), the explain panel's walk through oom_badness(), the what-if
# keys (x kill, a adj, m grow) and H (the 2.6 heuristic).  First on a
# recording (tests/fixtures/recordings/oom.jsonl, see its ORIGIN), where
# every number is known and the screen is the same on every run; then live,
# against memlens -b -o json --sim oom and the kernel's /proc/PID/oom_score,
# with two memhog processes no other process outweighs.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux

utf8="env LANG=C.UTF-8 LC_ALL=C.UTF-8"
rec="$FIXTURES/recordings/oom.jsonl"

# The first table row (the line after the titles), its pid, whether it
# matches a pattern; the table's rows (titles to the first empty line).
first_row() { sed -n '/^RANK/{n;p;q}' "$tmp/screen"; }
first_pid() { first_row | awk '{print $2}'; }
first_row_is() { first_row | grep -Eq -- "$1"; }
table_rows() { sed -n '/^RANK/,/^ *$/p' "$tmp/screen"; }
last_rows_have() { table_rows | tail -n "$1" | grep -Eq -- "$2"; }
# The victim, or a process's badness, as memlens -b -o json reports them.
json_victim() { jq -r '.sim.oom.victim' "$1"; }
json_badness() { jq -r --argjson p "$2" \
	'.sim.oom.ranking[] | select(.pid == $p) | .badness' "$1"; }
first_is() { # pid: the top row is pid, soon
	tui_wait "^ +1 +$1 " 50
}

# ---- on a recording ----------------------------------------------------------
"$MEMLENS" -r "$rec" -n 1 -b -o json --sim oom > "$tmp/rec.json"
victim=$(json_victim "$tmp/rec.json")
tui_start 200 50 "$utf8 '$MEMLENS' -r '$rec' -v oom"
check "starts on the oom view" tui_wait ' 9 oom .*OOM ranking$'
check "the columns: the score's parts, the reason, the command" \
	seen 'RANK. +PID USER +SCORE +KSCORE +BADNESS +SHARE +RSS +ANON +FILE +SHMEM +SWAP +PTE +ADJ +ADJPAGES REASON +COMMAND'
check "the scope and its totalpages" \
	seen '^scope global, totalpages 6182927 \(RAM 6182927 \+ swap 0\)'
check "the kill order: victim, then the next two, with what each frees" \
	seen '^victim 4366 tagged frees 4394, then 4365 big frees 24934, then 4367 mid frees 12625 pages'
check "the counts and the model against the kernel's oom_score" \
	seen 'killable 6, unkillable 4; oom_score: 10 compared, 0 mismatches'
check "the overcommit state" seen '^overcommit_memory 0 \(heuristic\), ratio 50  commit'
check "the top row is the victim --sim oom -o json names ($victim)" \
	test "$(first_pid)" = "$victim"
check "tagged (adj 500) is rank 1, with its parts" first_row_is \
	'^ +1 +4366 root +1000 +1000 +3095394 +500 +4377 +4120 +291 +0 +0 +17 +500 +3091000 +tagged$'
tui_column RANK | grep -v n/a > "$tmp/col"
check "ranked by RANK, the victim first" \
	test "$(tr '\n' ' ' < "$tmp/col")" = "1 2 3 4 5 6 "
check "the unkillable at the bottom with their reason: init" \
	last_rows_have 5 '^ +n/a +1 .* the global init process +process_api$'
check "... and kernel threads" \
	grep -Eq '^ +n/a +2 .* a kernel thread +kthreadd$' "$tmp/screen"

# The screen is the same on another run of the same recording.
table_rows > "$tmp/table1"
tui_keys q
tui_exited > /dev/null
tui_start 200 50 "$utf8 '$MEMLENS' -r '$rec' -v oom"
tui_wait '^victim 4366' > /dev/null
tui_settle
table_rows > "$tmp/table2"
check "a replay renders the table the same on every run" \
	cmp -s "$tmp/table1" "$tmp/table2"

# ---- the explain panel ----
badness=$(json_badness "$tmp/rec.json" 4366)
tui_keys e
check "e walks the selected process through oom_badness()" \
	tui_wait 'oom_badness\(\) of 4366'
check "with its own numbers: rss = anon + file + shmem" \
	seen 'rss +4377 pages \(status: anon 4120 \+ file 291 \+ shmem 0'
check "+ adj x totalpages / 1000" seen '\+ adj 500 x 6182 = 3091000 pages'
check "= the badness of the JSON ($badness)" seen "= badness +$badness "
check "the score compared with the kernel's" \
	seen 'oom_score = \(1000 \+ 3095394 x 1000 / 6182927\) x 2 / 3 = \(1000 \+ 500\) x 2 / 3 = 1000'
tui_keys Down J J J
check "the next process: why it is not the victim" \
	tui_wait 'The victim is 4366 \(tagged\), badness 3095394: 3070460 pages more'
check "and what would make it so" \
	seen 'To be chosen first: grow by more than 3070460 pages, or adj:4365=497 '
tui_keys e Up

# ---- what-ifs on the selected process ----
tui_keys x
check "x kills the victim in the model: the status line says so" \
	tui_wait 'what-if kill:4366 \(W drops\)'
check "big is the victim now" first_is 4365
check "tagged is unkillable: killed by a what-if" \
	seen '^ +n/a +4366 .* killed by a what-if +tagged$'
check "the summary names the what-if" seen '^scope global.*what-if kill:4366'
tui_keys W
check "W drops it: tagged is the victim again" first_is 4366
tui_keys g Down
tui_keys a
check "a asks for the selected process's new adj" tui_wait 'What-if: adj:4365=_'
tui_keys 1000 Enter
check "adj 1000 makes big the victim" first_is 4365
check "with 1000 x 6182 pages of adj" \
	seen '^ +1 +4365 .* 1000 +6182000 +big$'
tui_keys W
first_is 4366 > /dev/null
tui_keys g Down m
check "m asks how much the selected process grows" \
	tui_wait 'What-if: grow:4365=_'
tui_keys 16G Enter
check "growing by 16 GiB makes big the victim" first_is 4365
tui_keys W
first_is 4366 > /dev/null

# ---- the 2.6 heuristic ----
tui_keys H
check "H shows the 2.6 heuristic's ranking beside today's" \
	tui_wait 'RANK. +HRANK +HIST +PID USER'
check "and whom it would kill first" seen '; 2.6 heuristic 4366 tagged'
check "the status line says so" seen ' 2.6 heuristic '
check "sh ranks 6th today, 2nd in 2.6" \
	grep -Eq '^ +6 +2 +[0-9]+ +4363 ' "$tmp/screen"
tui_keys H
check "H again hides it" unseen 'HRANK'
tui_keys q
check "quits with status 0" tui_exited

# ---- scoped to a memory cgroup, and a commit ----
cg=/process_api/1b77ed25889ce8dc5c3623eeeac25a0c
tui_start 200 50 "$utf8 '$MEMLENS' -r '$rec' -v oom --sim oom --cgroup $cg \
	--what-if commit:64G"
check "--cgroup: the scope is the group, with its totalpages" \
	tui_wait "^scope memcg $cg, totalpages 2251799813685247 \\(limit 2251799813685247 \\+ swap 0\\)"
check "--cgroup: only its six processes are ranked" \
	seen '^6 of 6 processes, by RANK .; killable 6, unkillable 0'
check "commit:64G: whether it would succeed under each mode" \
	seen '  commit 64.0G: mode 0 fails, 1 ok, 2 fails as root, fails as a user; now fails'
tui_keys q
tui_exited > /dev/null

# ---- live --------------------------------------------------------------------
memhog="${top_builddir:-.}/tests/live/memhog"
if [ ! -x "$memhog" ]; then
	skip "tests/live/memhog is not built (make check builds it)"
	done_testing
	exit
fi
# Two processes of known size; adj 1000 puts them first whatever else runs
# (other tests raise theirs to 500, 800, or 1000 for a small sleep), the
# larger first.  Another run of this file would tie with them: one at a
# time.  Swap turned on or off would change totalpages, and so the
# badness, between two reads: tests/live/lru_workload.sh holds this lock
# exclusively while swap is on.
exec 7> "${TMPDIR:-/tmp}/memlens-tui-oom.lock" && flock 7
exec 8> /tmp/memlens-swap.lock && flock -s 8
hogs=
start_hog() { # name MiB adj
	"$memhog" "$2" 0 "$tmp/file.$1" 0 "$1" > "$tmp/out.$1" &
	hogs="$hogs $!"
	eval "$1=$!"
}
trap 'for p in $hogs; do kill $p 2> /dev/null; done; tui_cleanup' EXIT
start_hog hog1 64
start_hog hog2 32
for n in 50 49 48 47 46 45 44 43 42 41 40 39 38 37 36 35 34 33 32 31 30; do
	grep -qs ready "$tmp/out.hog1" && grep -qs ready "$tmp/out.hog2" && break
	sleep 0.1
done
if ! echo 1000 > "/proc/$hog1/oom_score_adj" 2> /dev/null ||
   ! echo 1000 > "/proc/$hog2/oom_score_adj" 2> /dev/null; then
	skip "cannot raise oom_score_adj of a child"
	done_testing
	exit
fi

tui_start 200 50 "$utf8 '$MEMLENS' -v oom -d 1"
check "live: the larger hog of adj 1000 is rank 1 ($hog1)" first_is "$hog1"
"$MEMLENS" -b -o json --sim oom > "$tmp/live.json"
check "live: --sim oom -o json names it the victim" \
	test "$(json_victim "$tmp/live.json")" = "$hog1"
# The highest /proc/PID/oom_score of all (the unkillable score 0).
max_score() {
	for f in /proc/[0-9]*/oom_score; do cat "$f" 2> /dev/null; done |
		sort -n | tail -n 1
}
score=$(cat "/proc/$hog1/oom_score")
check "live: it has the highest /proc/PID/oom_score ($score)" \
	test "$(max_score)" = "$score"
check "live: its KSCORE is the kernel's" \
	first_row_is "^ +1 +$hog1 +[a-z0-9_-]+ +$score +$score "

badness=$(json_badness "$tmp/live.json" "$hog1")
tui_keys e
check "live: the explain panel walks it through oom_badness()" \
	tui_wait "oom_badness\\(\\) of $hog1"
check "live: its badness is the JSON's ($badness)" seen "= badness +$badness "
tui_keys e

tui_keys x
check "live: x on it: the status line shows the what-if" \
	tui_wait "what-if kill:$hog1 \\(W drops\\)"
check "live: the next victim is rank 1 ($hog2)" first_is "$hog2"
tui_keys W
check "live: W: the first hog again" first_is "$hog1"
tui_keys g a
tui_keys -- -1000
tui_keys Enter
check "live: a -1000: the first is unkillable, and says why" \
	tui_wait "^ +n/a +$hog1 .* oom_score_adj is -1000 +hog1\$"
tui_keys g
check "live: ... and the second hog is first" first_is "$hog2"
tui_keys q
check "live: quits with status 0" tui_exited
done_testing
