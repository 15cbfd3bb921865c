#!/bin/sh
# The TUI when data is missing, through tmux, on recordings made from the
# fixture with jq: slab caches unreadable without root (the status line
# warns, the view says why), and snapshots that hold nothing but their
# header (every view draws, and says n/a or why, and nothing crashes).
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux
if ! command -v jq > /dev/null; then
	skip "jq is not installed (./quickstart installs it)"
	done_testing
	exit 0
fi

rec="$FIXTURES/recordings/tui.jsonl"
utf8="env LANG=C.UTF-8 LC_ALL=C.UTF-8"

# ---- slab needs root ---------------------------------------------------------
jq -c 'del(.slab)
	| .unavailable.slab = "/proc/slabinfo: Permission denied (run as root)"' \
	"$rec" > "$tmp/noslab.jsonl"
tui_start 120 40 "$utf8 '$MEMLENS' -r '$tmp/noslab.jsonl' -v slab"
check "the slab view starts" tui_wait 'Slab caches$'
check "the status line says slab needs root" seen 'slab: needs root'
check "the view says why it is empty" \
	grep -q 'slab caches unavailable: /proc/slabinfo: Permission denied (run as root)' \
	"$tmp/screen"
check "0 caches are counted" seen '^0 of 0 caches'
tui_keys e
check "the explain panel opens on an empty table" tui_wait 'Explain \(e closes'
tui_keys 1
check "the procs view has no such warning" tui_wait 'Processes$'
check "... on its status line" unseen 'slab: needs root'
tui_keys q
check "quits with status 0" tui_exited
check "status 0" test "$(cat "$tmp/status")" = 0

# ---- snapshots with nothing in them --------------------------------------------
jq -c '{format, version, time}' "$rec" > "$tmp/empty.jsonl"
tui_start 100 30 "$utf8 '$MEMLENS' -r '$tmp/empty.jsonl'"
check "an empty snapshot: the procs view draws" tui_wait 'replay 1/3'
check "an empty snapshot: the header says n/a" seen '^Mem .*n/a'
check "an empty snapshot: no process" seen '0 of 0 processes'
for key in 2 3 4 5 6 7 8 9; do
	tui_keys "$key" e Down Right e
done
tui_keys ']' ']' 1 t e s Enter / x Enter u Escape h x
check "an empty snapshot: every view and key, and it still runs" \
	tui_wait 'replay 3/3'
tui_keys q
check "an empty snapshot: quits with status 0" tui_exited
check "status 0" test "$(cat "$tmp/status")" = 0
done_testing
