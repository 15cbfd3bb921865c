#!/bin/sh
# Record (-w) and replay (-r) through the real binary: a recording replays to
# the very output the live run printed (JSON and text, in any locale); each
# snapshot is appended in one write of a whole line and the file is synced
# on exit, a signal's too (strace shows it); a damaged line (cut short,
# garbled, JSON that is not a snapshot) is skipped with its line number while
# the snapshots around it load; a newer format version stops the replay with
# exit 1, and keys a newer minor version adds are ignored; the keys of
# DESIGN.md are there, and JSON output to a reader that goes away ends
# quietly.  The assertions hold whatever the collectors fill in.
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

# ---- appends: one write(2) per whole line, synced on exit ----
# trace_record NAME ARGS...: memlens under strace; sets fd (the record
# file's descriptor) and writes NAME.writes (the byte count of each write
# to it) and NAME.lines (the byte count of each line of the file).
trace_record() {
	name=$1; shift
	strace -f -qq -e trace=openat,write,fsync -o "$tmp/$name.strace" \
		"$MEMLENS" "$@" > /dev/null 2>&1
	fd=$(sed -n "s/.*openat(.*$name\.jsonl\".* = \([0-9]*\)$/\1/p" "$tmp/$name.strace")
	sed -n "s/.* write($fd, .* = \([0-9]*\)$/\1/p" "$tmp/$name.strace" \
		> "$tmp/$name.writes"
	LC_ALL=C awk '{ print length($0) + 1 }' "$tmp/$name.jsonl" > "$tmp/$name.lines"
}
have_strace=no
if command -v strace > /dev/null 2>&1 &&
   strace -qq -o /dev/null true > /dev/null 2>&1; then
	have_strace=yes
	trace_record traced -b -n 3 -d 0.1 -o json -w "$tmp/traced.jsonl"
	check "each snapshot is one write(2) of one whole line" \
		eval 'test -s "$tmp/traced.writes" && test "$(wc -l < "$tmp/traced.lines")" -eq 3 &&
		cmp -s "$tmp/traced.writes" "$tmp/traced.lines"'
	check "the record file is synced on exit" \
		grep -Eq "fsync\($fd\) += 0" "$tmp/traced.strace"
else
	skip "strace is not installed (or cannot trace here): write(2) unchecked"
	skip "strace is not installed (or cannot trace here): fsync unchecked"
fi

# Ended by a signal: the file still closes (and syncs) with whole lines,
# then memlens dies of the signal as a shell expects (strace passes the
# signal death on).
set -- -b -n 1000 -d 0.05 -o json -w "$tmp/killed.jsonl"
if [ "$have_strace" = yes ]; then
	strace -qq -e trace=fsync -o "$tmp/killed.strace" "$MEMLENS" "$@" \
		> /dev/null 2>&1 &
else
	"$MEMLENS" "$@" > /dev/null 2>&1 &
fi
waited_pid=$!
for _ in $(seq 100); do
	[ -s "$tmp/killed.jsonl" ] && [ "$(wc -l < "$tmp/killed.jsonl")" -ge 2 ] && break
	sleep 0.1
done
killed_pid=$waited_pid
[ "$have_strace" = yes ] && killed_pid=$(pgrep -P "$waited_pid")
kill -TERM "$killed_pid"
wait "$waited_pid" 2> /dev/null
killed_status=$?
check "a recording ended by SIGTERM dies of it (status 143)" \
	test "$killed_status" -eq 143
check "a recording ended by SIGTERM holds whole snapshots only" \
	eval 'test "$(wc -l < "$tmp/killed.jsonl")" -ge 2 &&
	test "$(tail -c 1 "$tmp/killed.jsonl" | od -An -c | tr -d " ")" = "\\n" &&
	jq -e -s "all(.[]; .format == \"memlens-snapshot\")" "$tmp/killed.jsonl" > /dev/null'
if [ "$have_strace" = yes ]; then
	check "a recording ended by SIGTERM is synced first" \
		grep -Eq "fsync\([0-9]+\) += 0" "$tmp/killed.strace"
else
	skip "strace is not installed: the sync after SIGTERM is unchecked"
fi

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

# ---- damage of every kind is skipped, the snapshots around it load ----
# Line N of the output must be line N of the recording (a JSON replay prints
# the recorded line unchanged, checked above).
same_line() { test "$(sed -n "$1p" "$2")" = "$(sed -n "$3p" "$rec")"; }

# A last line cut short (the machine stopped mid-write), no newline after it.
{ sed -n 1,2p "$rec"; sed -n 3p "$rec" | head -c 500; } > "$tmp/cut.jsonl"
run cut -b -r "$tmp/cut.jsonl" -o json
check "a cut last line: exit 0" test "$(status cut)" -eq 0
check "a cut last line: the two before it load" \
	eval 'test "$(wc -l < "$tmp/cut.out")" -eq 2 && same_line 1 "$tmp/cut.out" 1 &&
	same_line 2 "$tmp/cut.out" 2'
check "a cut last line: reported as cut, with its line number" \
	grep -q "cut.jsonl:3: skipped: line cut short" "$tmp/cut.err"

# Recording onto it ends the cut line first: the new snapshot is a whole line.
"$MEMLENS" -b -n 1 -o json -w "$tmp/cut.jsonl" > /dev/null 2>&1
run cut_append -b -r "$tmp/cut.jsonl" -o json
check "appending after a cut line: 4 lines, the cut one alone on its line" \
	eval 'test "$(wc -l < "$tmp/cut.jsonl")" -eq 4 &&
	test "$(sed -n 3p "$tmp/cut.jsonl")" = "$(sed -n 3p "$rec" | head -c 500)"'
check "appending after a cut line: 3 snapshots load, line 3 skipped" \
	eval 'test "$(status cut_append)" -eq 0 &&
	test "$(wc -l < "$tmp/cut_append.out")" -eq 3 &&
	grep -q "cut.jsonl:3: skipped: " "$tmp/cut_append.err"'

# Blank lines, garbage, JSON that is not a snapshot, a value of the wrong
# type and bad JSON in the middle; the line numbers count the blank lines.
{
	sed -n 1p "$rec"                                     # 1
	echo                                                 # 2 blank
	echo '[1,2,3]'                                       # 3 not an object
	echo '{"hello":"world"}'                             # 4 not a snapshot
	sed -n 2p "$rec" | sed 's/"page_size":[0-9]*/"page_size":"big"/' # 5
	sed -n 2p "$rec" | sed 's/"meminfo":{/"meminfo":{{/' # 6 garbled
	printf '\001\377garbage\n'                           # 7 not JSON
	printf ' \t\r\n'                                     # 8 blank
	sed -n 2p "$rec"                                     # 9
	sed -n 3p "$rec"                                     # 10
} > "$tmp/mixed.jsonl"
run mixed -b -r "$tmp/mixed.jsonl" -o json
check "damaged lines: exit 0" test "$(status mixed)" -eq 0
check "damaged lines: the three snapshots around them load, in order" \
	eval 'test "$(wc -l < "$tmp/mixed.out")" -eq 3 && same_line 1 "$tmp/mixed.out" 1 &&
	same_line 2 "$tmp/mixed.out" 2 && same_line 3 "$tmp/mixed.out" 3'
check "damaged lines: blank lines are no warning" \
	eval '! grep -q -e "jsonl:2:" -e "jsonl:8:" "$tmp/mixed.err"'
check "damaged lines: one warning per damaged line" \
	test "$(grep -c "mixed.jsonl:[3-7]: skipped: " "$tmp/mixed.err")" -eq 5
check "damaged lines: JSON that is not a snapshot says so" \
	grep -q 'mixed.jsonl:4: skipped: not a memlens snapshot' "$tmp/mixed.err"
check "damaged lines: a wrong type names the key" \
	grep -q 'mixed.jsonl:5: skipped: page_size: expected an integer' "$tmp/mixed.err"
check "damaged lines: bad JSON names the column" \
	grep -q 'mixed.jsonl:6: skipped: not JSON at column ' "$tmp/mixed.err"
check "damaged lines: the text replay shows the same three snapshots" \
	eval '"$MEMLENS" -b -r "$tmp/mixed.jsonl" -o text 2> /dev/null |
	grep -c "^memlens " | grep -qx 3'

# ---- sizes no machine has (a damaged or made-up record) ----
# MemTotal of INT64_MAX kB is more bytes than int64 holds: OpenMetrics shows
# the largest value it can (found by tests/fuzz/fuzz_record; under UBSan the
# overflow aborted).
sed -n 1p "$rec" | sed 's/"MemTotal":[0-9]*/"MemTotal":9223372036854775807/' \
	> "$tmp/huge.jsonl"
run huge -b -r "$tmp/huge.jsonl" -o openmetrics
check "a size beyond int64 bytes: exit 0" test "$(status huge)" -eq 0
check "a size beyond int64 bytes: held at the int64 limit" \
	grep -qx "memlens_meminfo_mem_total_bytes 9223372036854775807" "$tmp/huge.out"

# ---- a newer minor version: same major, keys this memlens does not know ----
# memlens-json(5): adding keys keeps the version, and readers ignore them.
sed 's/^{"format":"memlens-snapshot","version":1,/&"future_section":{"a":[1,{"b":null}]},"x_note":"from 1.1",/
	s/"pid":/"future_field":12,&/g' "$rec" > "$tmp/minor.jsonl"
check "the test file has unknown keys on every line" \
	test "$(grep -c '"future_section".*"future_field":12' "$tmp/minor.jsonl")" -eq 3
run minor -b -r "$tmp/minor.jsonl" -o json
check "a newer minor version: exit 0, no warning" \
	eval 'test "$(status minor)" -eq 0 && test ! -s "$tmp/minor.err"'
check "a newer minor version: replays to what was recorded" \
	cmp -s "$tmp/minor.out" "$rec"

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
