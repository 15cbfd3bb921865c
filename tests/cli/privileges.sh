#!/bin/sh
# Run as an unprivileged user (setpriv to nobody): root-only data is
# unavailable with a reason that says so, never a zero, and memlens still
# exits 0.  Skipped when not root or when nobody cannot run the binary.
. "${top_srcdir:-.}/tests/lib/tap.sh"

as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all \
		"$@"
}
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv > /dev/null; then
	skip "needs root and setpriv"
	done_testing
	exit 0
fi
if ! as_nobody test -x "$MEMLENS" 2> /dev/null; then
	skip "nobody cannot run $MEMLENS (a private build directory)"
	done_testing
	exit 0
fi

# A process of root's that nobody may not look into.
sleep 30 &
root_pid=$!
as_nobody "$MEMLENS" -b -o json -v all > "$tmp/out.json" 2> "$tmp/err"
status=$?
check "exit status 0 as nobody" test $status -eq 0
check "nothing on stderr" test ! -s "$tmp/err"
[ -s "$tmp/err" ] && diag "$(head -5 "$tmp/err")"

jqtrue() { jq -e "$@" > /dev/null 2>&1; }
check "slab is null, with a reason naming slabinfo and root" \
	jqtrue '.slab == null and (.unavailable.slab | test("slabinfo.*root"))' \
	"$tmp/out.json"
check "pagetypeinfo says it needs root" \
	jqtrue '.unavailable.pagetypeinfo | test("root")' "$tmp/out.json"
check "the process table is there" \
	jqtrue '.processes | length > 1' "$tmp/out.json"
check "root's sleep: PSS null, not 0, and the reason is permission" \
	jqtrue --argjson pid "$root_pid" '.processes[] | select(.pid == $pid) |
		.pss_kb == null and .uss_kb == null and
		(.unavailable.smaps_rollup | test("ermission"))' "$tmp/out.json"
check "root's sleep: RSS is still known (status is world-readable)" \
	jqtrue --argjson pid "$root_pid" '.processes[] | select(.pid == $pid) |
		.rss_kb > 0' "$tmp/out.json"
check "nobody's own memlens process has its PSS" \
	jqtrue '[.processes[] | select(.user == "nobody" and .pss_kb != null)]
		| length >= 1' "$tmp/out.json"

as_nobody "$MEMLENS" -b -v all > "$tmp/out.txt" 2> "$tmp/err"
check "text as nobody exits 0" test $? -eq 0
check "text says slab needs root" grep -q 'slabinfo.*root' "$tmp/out.txt"
kill "$root_pid" 2> /dev/null
done_testing
