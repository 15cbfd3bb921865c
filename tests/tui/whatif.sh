#!/bin/sh
# What-ifs asked on screen (w, W), live, through tmux: only where an engine
# runs, typed as for --what-if, refused with the engine's reason when
# malformed, listed on the status line while they count, changing the
# engine's result in the explain panel, and dropped with W.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux

# A process of known size that no other process outweighs, so that the
# kernel's and the model's next victim is known: adj 1000 puts it first.
# tests/tui/oom.sh starts hogs of adj 1000 too: one at a time.
exec 7> "${TMPDIR:-/tmp}/memlens-tui-oom.lock" && flock 7
sleep 300 &
child=$!
trap 'kill $child 2> /dev/null; tui_cleanup' EXIT
if ! echo 1000 > "/proc/$child/oom_score_adj" 2> /dev/null; then
	skip "cannot raise oom_score_adj of a child"
	done_testing
	exit 0
fi

tui_start 160 60 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 '$MEMLENS' -d 1"
check "starts on the procs view" tui_wait 'PID USER'

tui_keys w
check "w without an engine on screen says so" \
	seen 'no engine result to ask a what-if of'

tui_keys e
check "the explain panel runs the procs view's engine (oom)" \
	tui_wait "victim: $child \(sleep\)"
tui_keys w
check "w opens the what-if editor" seen 'What-if: _'
tui_keys 'kill:nonsense' Enter
check "a malformed what-if is refused with the engine's reason" \
	seen "expected kill:PID"
check "and it is not kept" unseen 'what-if kill:nonsense'

tui_keys w "kill:$child" Enter
check "the status line lists the what-if" seen "what-if kill:$child"
check "the engine's victim is no longer the killed process" \
	unseen "victim: $child \(sleep\)"
tui_keys W
check "W drops it: the status line no longer lists it" \
	unseen "what-if kill:$child"
check "and the victim is back" seen "victim: $child \(sleep\)"

tui_keys Escape
tui_keys w Escape
check "Esc cancels the editor" unseen 'What-if:'

tui_keys q
check "q quits" tui_exited
check "exit status 0" test "$(cat "$tmp/status")" = 0

# A workload file asked on screen is read as one on the command line is.
printf 'limit 64M\nswap 0\nanon 16M\nread 32M\n' > "$tmp/wl"
tui_start 200 60 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 '$MEMLENS' -v lru -d 60"
check "the lru view runs its engine" tui_wait 'RECLAIM WOULD DECIDE NOW'
tui_keys w "workload:$tmp/nothere" Enter
check "a workload file that is missing is refused, with the reason" \
	seen "nothere.*No such file"
tui_keys w "workload:$tmp/wl" Enter
check "a workload file typed after w plays as a timeline" \
	tui_wait 'WORKLOAD .*wl \(KiB after each step\)'
end=$("$MEMLENS" -b -o json -v lru --sim lru --what-if "workload:$tmp/wl" |
	jq -r '.sim.lru.prediction | [.anon_kb, .swap_kb, .file_kb]
		| map(tostring) | join(" +")')
tui_keys End
check "its last step is the one batch predicts from the same file ($end)" \
	seen "^ +read 32M x1 +$end "
check "the status line names the file, not its text" \
	seen "what-if workload:$tmp/wl \(W drops\)"
tui_keys q
check "q quits" tui_exited
done_testing
