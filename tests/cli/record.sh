#!/bin/sh
# Record (-w) and replay (-r) through the real binary: a recording replays to
# the very output the live run printed (JSON and text, in any locale), a
# damaged line is skipped with its line number, a newer format version stops
# the replay with exit 1, the keys of DESIGN.md are there, and JSON output
# to a reader that goes away ends quietly.  The assertions hold whatever the
# collectors fill in.
. "${top_srcdir:-.}/tests/lib/tap.sh"

# run NAME ARGS...: runs memlens, keeping stdout, stderr and the exit status.
run() {
	name=$1; shift
	"$MEMLENS" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
	echo $? > "$tmp/$name.rc"
}
status() { cat "$tmp/$1.rc"; }
# jqtrue FILTER FILE: jq -e, quietly.
jqtrue() { jq -e "$@" > /dev/null; }

# ---- JSON: live, recorded, replayed ----
rec=$tmp/rec.jsonl
run live -b -n 3 -d 0.2 -o json -w "$rec"
check "json recording exits 0" test "$(status live)" -eq 0
check "json recording writes nothing on stderr" test ! -s "$tmp/live.err"
check "json recording has 3 lines" test "$(wc -l < "$rec")" -eq 3
check "the recorded lines are the printed lines" cmp -s "$rec" "$tmp/live.out"

run replay -b -r "$rec" -o json
check "json replay exits 0" test "$(status replay)" -eq 0
check "json replay writes nothing on stderr" test ! -s "$tmp/replay.err"
check "json replay prints what the live run printed" \
	cmp -s "$tmp/live.out" "$tmp/replay.out"

run rerecord -b -r "$rec" -o json -w "$tmp/again.jsonl"
check "recording a replay gives the same file" cmp -s "$rec" "$tmp/again.jsonl"

# ---- text: live, recorded, replayed ----
# Every process: a name with bytes that are not UTF-8 is recorded as \xNN
# text (memlens-json(5) STRINGS), which is also how text output shows it.
# A shell whose name holds a byte that is not UTF-8 (it stays alive, so its
# comm is kept: exec would reset it).
sh -c 'printf "odd\377name" > /proc/$$/comm; sleep 30' &
odd_pid=$!
sleep 0.2
run live_text -b -n 3 -d 0.2 -o text -v all -w "$tmp/text.jsonl"
pkill -P "$odd_pid" 2>/dev/null; kill "$odd_pid" 2>/dev/null
check "the recording holds the name as \\xff text" \
	grep -q 'odd\\\\xffname' "$tmp/text.jsonl"
run replay_text -b -r "$tmp/text.jsonl" -o text -v all
check "text replay exits 0" test "$(status replay_text)" -eq 0
if cmp -s "$tmp/live_text.out" "$tmp/replay_text.out"; then
	ok "text replay prints what the live run printed"
else
	not_ok "text replay prints what the live run printed"
	diff "$tmp/live_text.out" "$tmp/replay_text.out" | head -10 | sed 's/^/# /'
fi

# ---- the keys ----
check "every line is a version 1 memlens snapshot, format first" \
	jqtrue -s 'length == 3 and all(.[]; .format == "memlens-snapshot"
		and .version == 1 and (keys_unsorted[0] == "format"))' "$rec"
check "top-level keys of DESIGN.md" jqtrue -s 'all(.[];
	["format", "version", "time", "hostname", "kernel", "page_size",
	 "meminfo", "vmstat", "processes", "zones", "slab", "numa", "thp",
	 "zswap", "psi", "cgroup", "sysctl", "unavailable", "rates"]
	- keys_unsorted == [])' "$rec"
check "process keys of DESIGN.md" jqtrue -s 'all(.[].processes // [] | .[];
	["pid", "ppid", "user", "comm", "cmdline", "rss_kb", "pss_kb", "uss_kb",
	 "swap_kb", "anon_kb", "file_kb", "shmem_kb", "pgtables_kb", "vsz_kb",
	 "thp_kb", "minflt", "majflt", "minflt_rate", "majflt_rate", "oom_score",
	 "oom_score_adj", "numa_node"] - keys_unsorted == [])' "$rec"
check "zone keys of DESIGN.md" jqtrue -s 'all(.[].zones // [] | .[];
	["node", "zone", "free_blocks", "free_pages", "min_pages", "low_pages",
	 "high_pages", "managed_pages", "present_pages"] - keys_unsorted == [])' "$rec"
check "rates: null first, then per-second vmstat rates" jqtrue -s '
	.[0].rates == null and all(.[1:][]; .rates | type == "object"
		and has("pgfault_rate") and has("workingset_refault_file_rate")
		and has("oom_kill_rate")
		and all(.[]; . == null or (type == "number" and . >= 0)))' "$rec"
check "the first snapshot has no process rates" jqtrue -s '
	all(.[0].processes // [] | .[]; .minflt_rate == null)' "$rec"
check "time grows from line to line" jqtrue -s '.[0].time < .[1].time
	and .[1].time < .[2].time' "$rec"

# ---- a damaged middle line is skipped ----
{ sed -n 1p "$rec"; echo '{"format": "memlens-snapshot", "vers'; sed -n 3p "$rec"; } \
	> "$tmp/corrupt.jsonl"
run corrupt -b -r "$tmp/corrupt.jsonl" -o json
check "a corrupt line does not stop the replay" test "$(status corrupt)" -eq 0
check "the other snapshots still load" test "$(wc -l < "$tmp/corrupt.out")" -eq 2
check "the first snapshot replays unchanged" \
	test "$(sed -n 1p "$tmp/corrupt.out")" = "$(sed -n 1p "$rec")"
check "the warning names file and line" \
	grep -q "corrupt.jsonl:2: skipped: " "$tmp/corrupt.err"

# ---- a newer format version stops the replay ----
{ sed -n 1p "$rec"; sed -n '2s/"version":1,/"version":99,/p' "$rec"; sed -n 3p "$rec"; } \
	> "$tmp/newer.jsonl"
check "the test file has a version 99 line" grep -q '"version":99,' "$tmp/newer.jsonl"
run newer -b -r "$tmp/newer.jsonl" -o json
check "a newer version exits 1" test "$(status newer)" -eq 1
check "the message says why" grep -q \
	"newer.jsonl:2: snapshot format version 99 is newer than this memlens understands (1)" \
	"$tmp/newer.err"
check "snapshots before it were printed" test "$(wc -l < "$tmp/newer.out")" -eq 1

# ---- a locale with a decimal comma ----
mkdir -p "$tmp/locale"
if localedef -i de_DE -f UTF-8 "$tmp/locale/de_DE.UTF-8" > /dev/null 2>&1; then
	LOCPATH=$tmp/locale LC_ALL=de_DE.UTF-8 "$MEMLENS" -b -r "$rec" -o json \
		> "$tmp/de.out" 2> "$tmp/de.err"
	check "a decimal comma locale replays the same JSON" \
		cmp -s "$tmp/de.out" "$tmp/live.out"
else
	skip "localedef cannot build de_DE.UTF-8 here"
fi

# ---- the reader goes away ----
{ "$MEMLENS" -b -n 3 -d 0.1 -o json 2> "$tmp/pipe.err"; echo $? > "$tmp/pipe.rc"; } \
	| head -c 100 > /dev/null
check "json to a closed pipe exits 0" test "$(cat "$tmp/pipe.rc")" -eq 0
check "json to a closed pipe says nothing" test ! -s "$tmp/pipe.err"
done_testing
