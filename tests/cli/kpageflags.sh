#!/bin/sh
# The physical pageblock map is read sparingly (src/collect/kpageflags.c):
# snapshots less than 10 s apart carry the map of the first, with the time
# it was read (pageblocks.time); a snapshot 10 s or more later reads it
# again.  Root only (/proc/kpageflags is 0400).
. "${top_srcdir:-.}/tests/lib/tap.sh"

if ! command -v jq > /dev/null || [ ! -r /proc/kpageflags ]; then
	skip "needs jq and a readable /proc/kpageflags (root)"
	done_testing
	exit 0
fi

jqtrue() { jq -e "$@" > /dev/null 2>&1; }

# Two snapshots 1 s apart: one read of the map.
"$MEMLENS" -b -o json -v buddy --sim buddy -n 2 -d 1 > "$tmp/near.json" \
	2> "$tmp/err.txt"
check "two snapshots 1 s apart, exit 0" test $? -eq 0
check "the first snapshot reads the map, with its own time" jqtrue -s \
	'.[0].pageblocks.time == .[0].time and
	 (.[0].pageblocks.zones | length) > 0' "$tmp/near.json"
check "the second carries it: the map's time stays the first's" jqtrue -s \
	'.[1].time - .[0].time >= 0.9 and
	 .[1].pageblocks.time == .[0].pageblocks.time and
	 .[1].pageblocks.zones == .[0].pageblocks.zones' "$tmp/near.json"

# 10.5 s apart: read again.
"$MEMLENS" -b -o json -v buddy --sim buddy -n 2 -d 10.5 > "$tmp/far.json" \
	2> /dev/null
check "10.5 s later the map is read again" jqtrue -s \
	'.[1].pageblocks.time == .[1].time and
	 .[1].pageblocks.time > .[0].pageblocks.time' "$tmp/far.json"
done_testing
