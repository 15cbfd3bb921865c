#!/bin/sh
# Processes named to attack a terminal (CSI, OSC with BEL, bare BEL, the C1
# CSI byte 0x9b, invalid UTF-8, an embedded newline, an exec'd file named
# with an escape, a 1 MiB command line): batch text never writes their raw
# bytes, every view that names a process shows the \xNN form of
# src/out/escape.c, JSON escapes them so that jq gives the bytes back, and
# OpenMetrics stays clean.  The bytes are inspected, not the look.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/hostile.sh"
trap 'hostile_stop; rm -rf "$tmp"' EXIT

utf8="env LANG=C.UTF-8 LC_ALL=C.UTF-8"

# No C0 control byte but newline, no DEL, well-formed UTF-8, and no C1
# control encoded in it (U+0080..U+009F are C2 80..C2 9F).
bytes_safe() {
	[ "$(LC_ALL=C tr -d '\n\040-\176\200-\377' < "$1" | wc -c)" -eq 0 ] &&
		iconv -f UTF-8 -t UTF-8 < "$1" > /dev/null 2>&1 &&
		! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1"
}

# Every visible form in FILE; diag the missing ones.
forms_in() {
	missing=0
	hostile_forms > "$tmp/forms"
	while IFS= read -r form; do
		if ! grep -qF -- "$form" "$1"; then
			diag "missing: $form"
			missing=1
		fi
	done < "$tmp/forms"
	return $missing
}

if ! hostile_start; then
	skip "cannot name processes here (writing /proc/PID/comm failed)"
	done_testing
	exit 0
fi
pids=$(echo $hostile_pids | tr ' ' ,)

# ---- batch text: every view that names processes ---------------------------
for view in procs faults oom; do
	$utf8 "$MEMLENS" -b -v "$view" -p "$pids" > "$tmp/$view" 2> "$tmp/err"
	rc=$?
	check "$view: exit 0, nothing on stderr" test $rc -eq 0 -a ! -s "$tmp/err"
	check "$view: no raw control byte, valid UTF-8" bytes_safe "$tmp/$view"
	check "$view: every name in its escaped form" forms_in "$tmp/$view"
	check "$view: the newline did not start a line of its own" \
		sh -c "! grep -q '^fake 1 root' '$tmp/$view'"
done
: > "$tmp/vmas"
for pid in $hostile_pids; do
	[ "$pid" = "$hostile_big" ] && continue
	$utf8 "$MEMLENS" -b -v vmas -p "$pid" >> "$tmp/vmas" 2>&1
done
check "vmas: no raw control byte in the titles" bytes_safe "$tmp/vmas"
check "vmas: every title names its process escaped" forms_in "$tmp/vmas"
LC_ALL=C "$MEMLENS" -b -v procs -p "$pids" > "$tmp/c-locale" 2>&1
check "C locale: no byte outside printable ASCII" \
	test "$(LC_ALL=C tr -d '\n\040-\176' < "$tmp/c-locale" | wc -c)" -eq 0
check "C locale: the same escaped forms" forms_in "$tmp/c-locale"

# ---- JSON: escaped by the encoder, the bytes come back -------------------------
$utf8 "$MEMLENS" -b -o json -v all -p "$pids" > "$tmp/out.json" 2> "$tmp/err"
check "json: exit 0, quiet" test $? -eq 0 -a ! -s "$tmp/err"
jqtrue() { jq -e "$@" > /dev/null 2>&1; }
check "json: parses" jqtrue .processes "$tmp/out.json"
check "json: no raw control byte, valid UTF-8" bytes_safe "$tmp/out.json"
comm_of() { # pid -> the comm's bytes as jq decodes them
	jq -j --argjson pid "$1" '.processes[] | select(.pid == $pid) | .comm' \
		"$tmp/out.json"
}
# The order of hostile_start: CSI OSC BEL C1 BAD NL EX BIG.
set -- $hostile_pids
round_trip() { # label pid printf-format
	printf "$3" > "$tmp/want"
	comm_of "$2" > "$tmp/got"
	check "json: comm $1 round-trips through \\u escapes" cmp -s "$tmp/want" "$tmp/got"
}
round_trip "CSI (ESC [ 2 J)" "$1" 'CSI\033[2J'
round_trip "OSC (ESC ] 0 ; BEL)" "$2" 'OSC\033]0;pwn\007'
round_trip "BEL BEL" "$3" 'BEL\007\007'
round_trip "with a newline" "$6" 'NL\nfake 1 root'
round_trip "of an exec'd file named ESC [ 2 J" "$7" 'EX\033[2J'
# Bytes that are not UTF-8 cannot be a JSON string: the \xNN text of the
# other outputs stands for them.
comm_of "$4" > "$tmp/got"
check "json: the lone C1 byte as the text \\x9b" test "$(cat "$tmp/got")" = 'C1\x9b2J'
comm_of "$5" > "$tmp/got"
check "json: invalid UTF-8 as the text \\xff\\xfe\\xc0" \
	test "$(cat "$tmp/got")" = 'BAD\xff\xfe\xc0'
check "json: the 1 MiB command line whole, its escapes decoded" \
	jqtrue --argjson pid "$hostile_big" '.processes[] | select(.pid == $pid) |
		(.cmdline | length) > 1080000 and
		([.cmdline | scan("\u001b\\[2J\u0007")] | length) == 9' "$tmp/out.json"

# ---- OpenMetrics ----------------------------------------------------------------
$utf8 "$MEMLENS" -b -o openmetrics -v all -p "$pids" > "$tmp/out.prom" 2> "$tmp/err"
check "openmetrics: exit 0, quiet" test $? -eq 0 -a ! -s "$tmp/err"
check "openmetrics: no raw control byte, valid UTF-8" bytes_safe "$tmp/out.prom"
done_testing
