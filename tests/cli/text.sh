#!/bin/sh
# Batch text output of the real binary: every view once and in order, each
# view alone, the process table sorted by the -s column (n/a last), no raw
# control byte even when a process names itself with an escape sequence,
# non-ASCII escaped under LANG=C, replay printing what the live run
# printed, and write errors (a full disk fails, a closed pipe is quiet).
. "${top_srcdir:-.}/tests/lib/tap.sh"

views="procs vmas faults slab numa thp buddy lru oom"

# Whether FILE holds only newlines and printable bytes (>= 0x20, not DEL).
terminal_safe() {
	[ "$(LC_ALL=C tr -d '\n\040-\176\200-\377' < "$1" | wc -c)" -eq 0 ]
}

"$MEMLENS" -b -v all > "$tmp/all" 2> "$tmp/err"
check "-v all exits 0" test $? -eq 0
check "-v all prints nothing on stderr" test ! -s "$tmp/err"
check "-v all starts with the overview" \
	grep -q '^memlens - .*, host .*, kernel ' "$tmp/all"
check "-v all: overview before the views" \
	sh -c "head -n 2 '$tmp/all' | grep -q '^Mem:  '"
order=$(sed -n 's/^\[\([a-z]*\)\] .*/\1/p' "$tmp/all" | tr '\n' ' ')
check "-v all prints every view once, in order ($order)" \
	test "$order" = "$views "
check "-v all output is terminal-safe" terminal_safe "$tmp/all"

for v in $views; do
	"$MEMLENS" -b -v "$v" > "$tmp/one" 2>&1
	rc=$?
	titles=$(grep -c '^\[[a-z]*\] ' "$tmp/one")
	if [ $rc -eq 0 ] && [ "$titles" -eq 1 ] && grep -q "^\[$v\] " "$tmp/one"; then
		ok "-v $v prints that view alone"
	else
		not_ok "-v $v prints that view alone (exit $rc, $titles titles)"
	fi
done

# The values of the column titled $2 in the procs table of file $1, one a
# line, in printed order.
column_values() {
	awk -v title="$2" '
		/^\[procs\]/ { in_procs = 1; next }
		/^\[/ { in_procs = 0 }
		in_procs && col == 0 && $1 == "PID" {
			for (i = 1; i <= NF; i++) if ($i == title) col = i
			next
		}
		in_procs && col > 0 && $1 ~ /^[0-9]+$/ { print $col; next }
		in_procs && col > 0 { exit }
	' "$1"
}

# Whether the values (one a line) are ordered: known numbers first in the
# direction given (desc or asc), n/a only after them.
ordered() {
	awk -v dir="$1" '
		$1 == "n/a" { seen_na = 1; next }
		seen_na { bad = 1 }
		n++ > 0 && dir == "desc" && $1 + 0 > last + 0 { bad = 1 }
		n > 1 && dir == "asc" && $1 + 0 < last + 0 { bad = 1 }
		{ last = $1 }
		END { exit bad || n == 0 }
	'
}

for spec in rss_kb:RSS:desc pss_kb:PSS:desc oom_score:OOM:desc \
            vsz_kb:VSZ:desc +rss_kb:RSS:asc pid:PID:desc +pid:PID:asc \
            swap_kb:SWAP:desc; do
	field=${spec%%:*}; rest=${spec#*:}; title=${rest%%:*}; dir=${rest#*:}
	"$MEMLENS" -b -v procs -s "$field" > "$tmp/sorted" 2>&1
	column_values "$tmp/sorted" "$title" > "$tmp/col"
	rows=$(wc -l < "$tmp/col")
	if [ "$rows" -gt 1 ] && ordered "$dir" < "$tmp/col"; then
		ok "-s $field: $rows rows ordered by $title ($dir, n/a last)"
	else
		not_ok "-s $field: column $title not ordered $dir ($rows rows)"
		diag "$(head -n 20 "$tmp/sorted")"
	fi
done
grep -q '^\[procs\] ' "$tmp/sorted" && \
	grep -q "by SWAP descending" "$tmp/sorted"
check "-s names the sort column in the procs title line" test $? -eq 0

# A process whose comm is an escape sequence (clear screen), set by the
# shell itself (writing /proc/PID/comm works inside the thread group only;
# the trailing ':' keeps sh from exec'ing sleep, which would reset comm).
sh -c 'printf "evil\033[2J" > /proc/$$/comm; sleep 30; :' &
evil=$!
sh -c 'printf "caf\303\251" > /proc/$$/comm; sleep 30; :' &
cafe=$!
trap 'kill $evil $cafe 2>/dev/null; rm -rf "$tmp"' EXIT
sleep 0.3
if ! grep -q "evil" "/proc/$evil/comm" 2>/dev/null; then
	skip "process with an escape sequence in comm (cannot set comm here)"
	skip "comm escaped as \\x1b"
	skip "non-ASCII comm under LANG=C"
	skip "non-ASCII comm under C.UTF-8"
else
	"$MEMLENS" -b -v procs,faults,oom -p "$evil,$cafe" > "$tmp/evil" 2>&1
	if terminal_safe "$tmp/evil" && ! LC_ALL=C grep -q "$(printf '\033')" "$tmp/evil"; then
		ok "no 0x1b or other control byte in the output for an evil comm"
	else
		not_ok "raw control bytes in the output for an evil comm"
	fi
	check "comm escaped as \\x1b" grep -q 'evil\\x1b\[2J' "$tmp/evil"
	LC_ALL=C "$MEMLENS" -b -v procs -p "$cafe" > "$tmp/cafe-c" 2>&1
	check "non-ASCII comm escaped under LC_ALL=C" \
		grep -q 'caf\\xc3\\xa9$' "$tmp/cafe-c"
	if locale -a 2>/dev/null | grep -qi '^c\.utf-*8$'; then
		LC_ALL=C.UTF-8 "$MEMLENS" -b -v procs -p "$cafe" > "$tmp/cafe-u" 2>&1
		check "non-ASCII comm passes under C.UTF-8" \
			grep -q "$(printf 'caf\303\251')\$" "$tmp/cafe-u"
	else
		skip "non-ASCII comm under C.UTF-8 (locale not installed)"
	fi
fi

# -p shows only the asked processes; an absent pid is said, not an error.
"$MEMLENS" -b -v procs -p "$$,999999999" > "$tmp/pid" 2>&1
rc=$?
rows=$(column_values "$tmp/pid" PID | tr '\n' ' ')
if [ $rc -eq 0 ] && [ "$rows" = "$$ " ] && grep -q 'pid 999999999: no such process' "$tmp/pid"; then
	ok "-p filters the table and names a missing pid"
else
	not_ok "-p filters the table and names a missing pid (exit $rc, rows '$rows')"
fi

# Two snapshots: the second has rates; replaying the recording prints the
# same bytes (rendering reads only the snapshots, never the clock).
"$MEMLENS" -b -v all -n 2 -d 0.2 -w "$tmp/rec" > "$tmp/live" 2>&1
check "two snapshots: the first says it has no rates" \
	grep -q 'first snapshot: no rates yet' "$tmp/live"
check "two snapshots: the second has an interval and a fault rate" \
	grep -q '^Rates/s: faults [0-9][0-9.]*,' "$tmp/live"
if [ -s "$tmp/rec" ]; then
	"$MEMLENS" -b -v all -r "$tmp/rec" > "$tmp/replay" 2>&1
	check "replayed text equals the live text byte for byte" \
		cmp -s "$tmp/live" "$tmp/replay"
else
	skip "replay equals live (nothing recorded)"
fi

# Write errors: a full disk is an error naming the cause; a reader that
# went away (EPIPE) ends memlens quietly with status 0.
if [ -w /dev/full ]; then
	"$MEMLENS" -b -v all > /dev/full 2> "$tmp/err"
	rc=$?
	if [ $rc -eq 1 ] && grep -q "No space left" "$tmp/err"; then
		ok "writing to a full disk fails with status 1 and says why"
	else
		not_ok "writing to a full disk fails with status 1 (exit $rc)"
	fi
else
	skip "writing to a full disk (/dev/full missing)"
fi
{ "$MEMLENS" -b -v all -n 3 -d 0.2 2> "$tmp/err"; echo $? > "$tmp/rc"; } | head -n 1 > /dev/null
if [ "$(cat "$tmp/rc")" -eq 0 ] && [ ! -s "$tmp/err" ]; then
	ok "a closed pipe ends memlens quietly with status 0"
else
	not_ok "a closed pipe ends memlens quietly (exit $(cat "$tmp/rc"): $(cat "$tmp/err"))"
fi
done_testing
