#!/bin/sh
# Run as an unprivileged user (setpriv to nobody): root-only data is
# unavailable with a reason that says so, never a zero, and memlens still
# exits 0, quietly: every view, every engine (kpageflags, /dev/kmsg),
# another user's mappings, debugfs, and the TUI through every view.
# Skipped when not root or when nobody cannot run the binary.
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

# ---- every engine too, and each root-only source with its reason ---------------
# The mappings of root's process, the engines (buddy reads kpageflags, oom
# reads /dev/kmsg), and debugfs mounted in a private mount namespace (so
# that the machine's own mounts stay as they are): each unavailable, with
# the file and what to do.
sims="--sim oom,buddy,lru"
if unshare -m sh -c 'mount -t debugfs none /sys/kernel/debug 2> /dev/null ||
		mountpoint -q /sys/kernel/debug' 2> /dev/null; then
	unshare -m sh -c 'mountpoint -q /sys/kernel/debug ||
		mount -t debugfs none /sys/kernel/debug; exec "$@"' sh \
		setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all \
		"$MEMLENS" -b -o json -v all -p "$root_pid" $sims \
		> "$tmp/sim.json" 2> "$tmp/err"
	status=$?
	debugfs=yes
else
	as_nobody "$MEMLENS" -b -o json -v all -p "$root_pid" $sims \
		> "$tmp/sim.json" 2> "$tmp/err"
	status=$?
	debugfs=no
fi
check "every view and engine as nobody: exit 0" test $status -eq 0
check "every view and engine as nobody: nothing on stderr" test ! -s "$tmp/err"
[ -s "$tmp/err" ] && diag "$(head -5 "$tmp/err")"
check "the engines ran" jqtrue '.sim.oom and .sim.buddy and .sim.lru' "$tmp/sim.json"
check "kpageflags: unavailable, needs root" \
	jqtrue '.unavailable.pageblocks | test("kpageflags.*root")' "$tmp/sim.json"
check "/dev/kmsg: unavailable, needs root" \
	jqtrue '.unavailable.oom_log | test("kmsg.*root")' "$tmp/sim.json"
check "root's mappings: unavailable, smaps needs root" \
	jqtrue '.unavailable.vmas | test("smaps.*root")' "$tmp/sim.json"
if [ $debugfs = yes ]; then
	check "debugfs mounted: zswap stats unavailable, needs root" \
		jqtrue '.unavailable["zswap.stats"] | test("debug.*root")' "$tmp/sim.json"
else
	skip "debugfs as nobody (cannot mount it in a private namespace here)"
fi
as_nobody "$MEMLENS" -b -v all -p "$root_pid" $sims > "$tmp/sim.txt" 2> "$tmp/err"
check "text, every view and engine: exit 0, quiet" test $? -eq 0 -a ! -s "$tmp/err"
for what in 'slabinfo: Permission denied' 'pagetypeinfo: Permission denied' \
            "$root_pid/smaps: Permission denied"; do
	check "text: '$what' said once" \
		test "$(grep -c "$what" "$tmp/sim.txt")" -eq 1
done

# ---- the TUI as nobody -------------------------------------------------------------
if command -v tmux > /dev/null; then
	. "${top_srcdir:-.}/tests/lib/tmux.sh"
	trap 'kill "$root_pid" 2> /dev/null; tui_cleanup' EXIT
	tui_start 120 40 "env LANG=C.UTF-8 setpriv --reuid=nobody --regid=nogroup \
--clear-groups --inh-caps=-all '$MEMLENS' -d 0.3 2> $tmp/tui.err"
	check "TUI as nobody: the process table" tui_wait 'PID +USER'
	tui_keys 4
	check "TUI as nobody: slab says it needs root" tui_wait 'slabinfo.*root'
	for key in e 2 3 5 6 7 8 9 e 1; do
		tui_keys "$key"
		tui_settle
	done
	tui_keys q
	check "TUI as nobody: quits with status 0" tui_exited
	check "TUI as nobody: status 0" test "$(cat "$tmp/status" 2> /dev/null)" = 0
	check "TUI as nobody: nothing on stderr" test ! -s "$tmp/tui.err"
else
	skip "TUI as nobody (tmux is not installed)"
fi
kill "$root_pid" 2> /dev/null
done_testing
