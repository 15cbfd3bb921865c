#!/bin/sh
# --root on every captured tree in tests/fixtures: every view as text and as
# JSON exits 0 with nothing on stderr, the JSON is one valid snapshot, and
# what a capture holds is known while what it lacks says why.
. "${top_srcdir:-.}/tests/lib/tap.sh"

jqtrue() { jq -e "$@" > /dev/null 2>&1; }

for dir in "$FIXTURES"/*/; do
	name=$(basename "$dir")
	"$MEMLENS" -b --root "$dir" -v all > "$tmp/out.txt" 2> "$tmp/err.txt"
	rc=$?
	"$MEMLENS" -b --root "$dir" -o json -v all > "$tmp/out.json" 2>> "$tmp/err.txt"
	rc=$((rc + $?))
	if [ $rc -eq 0 ] && [ ! -s "$tmp/err.txt" ] &&
	   jq -e '.format == "memlens-snapshot"' "$tmp/out.json" > /dev/null; then
		ok "$name: text and JSON, exit 0, quiet"
	else
		not_ok "$name: text and JSON, exit 0, quiet (exit sum $rc)"
		sed 's/^/# /' "$tmp/err.txt" | head -5
	fi
	# meminfo is known exactly when the capture has it.
	if [ -f "$dir/proc/meminfo" ]; then
		want='.meminfo != null'
	else
		want='.meminfo == null and (.unavailable.meminfo | length > 0)'
	fi
	check "$name: meminfo known iff captured" jqtrue "$want" "$tmp/out.json"
	check "$name: the process table says why it is not read from a capture" \
		jqtrue '.processes == null and (.unavailable.processes | test("unshare"))' \
		"$tmp/out.json"
done
done_testing
