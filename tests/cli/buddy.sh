#!/bin/sh
# --sim buddy through the whole program: on every captured tree (text and
# JSON, exit 0, quiet; a zone's indexes known iff its buddyinfo was), with
# what-ifs, on a replay, live, and the usage errors of its what-ifs.
. "${top_srcdir:-.}/tests/lib/tap.sh"

jqtrue() { jq -e "$@" > /dev/null 2>&1; }

for dir in "$FIXTURES"/*/; do
	name=$(basename "$dir")
	[ -f "$dir/proc/buddyinfo" ] || [ -f "$dir/proc/zoneinfo" ] || continue
	"$MEMLENS" -b --root "$dir" -v buddy --sim buddy \
		--what-if fill:16M --what-if free:50 > "$tmp/out.txt" 2> "$tmp/err.txt"
	rc=$?
	"$MEMLENS" -b --root "$dir" -o json -v buddy --sim buddy \
		--what-if fill:16M > "$tmp/out.json" 2>> "$tmp/err.txt"
	rc=$((rc + $?))
	if [ $rc -eq 0 ] && [ ! -s "$tmp/err.txt" ] &&
	   grep -q '^\[sim buddy\]' "$tmp/out.txt"; then
		ok "$name: --sim buddy text and JSON, exit 0, quiet"
	else
		not_ok "$name: --sim buddy text and JSON (exit sum $rc)"
		sed 's/^/# /' "$tmp/err.txt" | head -5
	fi
	if [ -f "$dir/proc/buddyinfo" ]; then
		want='[.sim.buddy.zones[] | select(.unusable_index_text != null)]
		      | length > 0'
	else
		want='all(.sim.buddy.zones[]; .unusable_index == null)'
	fi
	check "$name: indexes known iff buddyinfo was captured" \
		jqtrue "$want" "$tmp/out.json"
	check "$name: the explanation has sentences" \
		jqtrue '.sim.buddy.explanation | length > 0' "$tmp/out.json"
done

# The old kernel's capture: 5.8 prints extfrag_index without padding.
"$MEMLENS" -b --root "$FIXTURES/jc-ubuntu-5.8-vm" -o json --sim buddy \
	> "$tmp/jc.json" 2> /dev/null
check "jc-ubuntu-5.8-vm: extfrag row as Linux 5.8 prints it" jqtrue \
	'.sim.buddy.zones[] | select(.zone == "Normal")
	 | .extfrag_index_text | endswith("-1.000 0.840 0.913 ")' "$tmp/jc.json"
check "jc-ubuntu-5.8-vm: the THP fault in Normal fails" jqtrue \
	'.sim.buddy.zones[] | select(.zone == "Normal") | .thp_low == 0' \
	"$tmp/jc.json"

# Live, recorded and replayed.
if "$MEMLENS" -b -o json -v buddy --sim buddy --what-if alloc:0x64 \
	-w "$tmp/rec.jsonl" > "$tmp/live.json" 2> "$tmp/err.txt" &&
   jq -e '.sim.buddy.steps[0].requested == 64' "$tmp/live.json" > /dev/null
then
	ok "live: --sim buddy with a what-if"
else
	not_ok "live: --sim buddy with a what-if"
	sed 's/^/# /' "$tmp/err.txt" | head -5
fi
"$MEMLENS" -b -o json -r "$tmp/rec.jsonl" --sim buddy > "$tmp/replay.json" \
	2> /dev/null
check "replay: the engine runs again on the recording" jqtrue \
	'.sim.buddy.zones | length > 0' "$tmp/replay.json"

# Usage errors: status 2 and the what-if named.
for bad in alloc:9 alloc:9x0 free:200 fill:2Q zone: seed:x; do
	"$MEMLENS" -b --sim buddy --what-if "$bad" > /dev/null 2> "$tmp/err.txt"
	rc=$?
	if [ $rc -eq 2 ] && grep -qF "'$bad'" "$tmp/err.txt"; then
		ok "--what-if $bad: usage error naming it"
	else
		not_ok "--what-if $bad: usage error naming it (exit $rc)"
	fi
done
"$MEMLENS" -b --sim buddy --what-if zone:7/Nowhere -o json > "$tmp/nz.json" \
	2> /dev/null
check "a zone the snapshot lacks: the reason, no steps" jqtrue \
	'.sim.buddy.explanation.model | test("not in the snapshot")' "$tmp/nz.json"
done_testing
