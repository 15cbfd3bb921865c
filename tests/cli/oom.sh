#!/bin/sh
# --sim oom through the binary: the JSON keys DESIGN.md names (scope,
# totalpages, ranking[] of pid, comm, rss_pages, swap_pages,
# pgtables_pages, oom_score_adj, badness, oom_score, killable; victim) with
# kernel_oom_score and the mismatch count, batch text, the what-if grammar
# (a malformed one is a usage error), an unknown --cgroup (the engine's
# error, exit 0), a what-if in the model only, and a replayed recording.
. "${top_srcdir:-.}/tests/lib/tap.sh"

jqtrue() { jq -e "$@" > /dev/null 2>&1; }

if ! command -v jq > /dev/null; then
	skip "--sim oom (jq not installed)"
	done_testing
	exit
fi

"$MEMLENS" -b --sim oom -o json > "$tmp/live.json" 2> "$tmp/err"
check "--sim oom -o json: exit 0, quiet" test $? -eq 0 -a ! -s "$tmp/err"
check "sim.oom has the keys of DESIGN.md" jqtrue \
	'.sim.oom | has("scope") and has("totalpages") and has("victim")
	 and (.ranking[0] | has("pid") and has("comm") and has("rss_pages")
	      and has("swap_pages") and has("pgtables_pages")
	      and has("oom_score_adj") and has("badness") and has("oom_score")
	      and has("killable") and has("kernel_oom_score"))' "$tmp/live.json"
check "global scope: totalpages = MemTotal + SwapTotal in pages" jqtrue \
	'.sim.oom.scope == "global" and .sim.oom.totalpages ==
	 ((.meminfo.MemTotal + .meminfo.SwapTotal) * 1024 / .page_size | floor)' \
	"$tmp/live.json"
check "mismatches counted, and none" jqtrue \
	'.sim.oom.compared > 0 and .sim.oom.mismatches == 0' "$tmp/live.json"
diag "$(jq -c '.sim.oom | {victim, victim_comm, compared, mismatches, not_compared}' "$tmp/live.json")"
check "pid 1 and kernel threads are unkillable, score 0" jqtrue \
	'[.sim.oom.ranking[] | select(.pid == 1 or .pid == 2)]
	 | length == 2 and all(.killable == 0 and .oom_score == 0)' \
	"$tmp/live.json"

"$MEMLENS" -b --sim oom -v procs > "$tmp/text" 2> "$tmp/err"
check "batch text: the oom block with the victim and the kill order" \
	grep -q 'kill order if the OOM repeated' "$tmp/text"

"$MEMLENS" -b --sim oom --what-if adj:1=1001 > /dev/null 2> "$tmp/err"
check "adj:1=1001 is a usage error (exit 2)" test $? -eq 2
check "the message names the what-if" grep -q "adj:1=1001" "$tmp/err"
"$MEMLENS" -b --sim oom --what-if commit:oops > /dev/null 2>&1
check "commit:oops is a usage error" test $? -eq 2

"$MEMLENS" -b --sim oom --cgroup /no/such/group -o json > "$tmp/cg.json" 2>&1
check "an unknown --cgroup: exit 0, the error in sim.oom" jqtrue \
	'.sim.oom.error | test("no/such/group")' "$tmp/cg.json"

# This shell is a stable process to ask about.
me=$$
"$MEMLENS" -b --sim oom --what-if "adj:$me=1000" -o json > "$tmp/adj.json"
check "adj:SHELL=1000 makes the shell the victim, in the model only" jqtrue \
	'.sim.oom.victim == '"$me"' and .sim.oom.ranking[0].oom_score_adj == 1000
	 and .sim.oom.ranking[0].score_match == null' "$tmp/adj.json"
check "... /proc/$me/oom_score_adj is untouched" \
	test "$(cat /proc/$me/oom_score_adj)" != 1000
"$MEMLENS" -b --sim oom --what-if "adj:$me=1000" --what-if "kill:$me" \
	-o json > "$tmp/kill.json"
check "then kill:SHELL: someone else is next" jqtrue \
	'.sim.oom.victim != '"$me"' and
	 [.sim.oom.ranking[] | select(.pid == '"$me"')][0].killable == 0' \
	"$tmp/kill.json"
"$MEMLENS" -b --sim oom --what-if "commit:1G@$me" -o json > "$tmp/c.json"
check "commit:1G@PID answers for every mode" jqtrue \
	'.sim.oom.overcommit | .ask_kb == 1048576 and .ok_mode1 == 1
	 and (.ok_mode0 | type) == "number"' "$tmp/c.json"

"$MEMLENS" -b -n 1 -o json -w "$tmp/rec.jsonl" --sim oom > /dev/null 2>&1
"$MEMLENS" -b --replay "$tmp/rec.jsonl" --sim oom -o json > "$tmp/replay.json" \
	2> "$tmp/err"
check "a replayed snapshot ranks the same processes" jqtrue \
	'.sim.oom.ranking | length > 10' "$tmp/replay.json"
done_testing
