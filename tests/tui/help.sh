#!/bin/sh
# The help screen (h) points to the manual for the view on screen: its
# entry under VIEWS of memlens(1), its engine's section, the symptoms of
# memlens-diagnostics(7) that name it, and `memlens --explain VIEW`; for
# two views, on the recording.  The names must be the pages' own sections.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux

rec="$FIXTURES/recordings/tui.jsonl"
man1="$top_srcdir/man/memlens.1"
man7="$top_srcdir/man/memlens-diagnostics.7"

# The help of the view on screen; then any key closes it.
help_of() { # view engine-in-capitals
	tui_keys h
	check "$1: h shows where to read more about the view" \
		tui_wait "^Read more about the $1 view:"
	check "$1: its entry under VIEWS" seen "^  memlens\\(1\\), VIEWS: $1\$"
	check "$1: its engine's section, THE $2 ENGINE" \
		seen "^  memlens\\(1\\), THE $2 ENGINE\$"
	check "$1: memlens --explain $1" seen "^  memlens --explain $1\$"
	check "memlens.1 has the section THE $2 ENGINE and the entry $1" \
		sh -c 'grep -q "^\.SH THE $2 ENGINE$" "$1" &&
		       sed -n "/^\.SH VIEWS/,/^\.SH /p" "$1" | grep -q "^\.BR $3 "' \
		sh "$man1" "$2" "$1"
	# Each symptom named is a section of memlens-diagnostics(7).
	bad=""
	for s in $(sed -n 's/^  memlens-diagnostics(7): //p' "$tmp/screen" |
	           tr ' ' '_' | tr ',' ' '); do
		s=$(echo "$s" | tr _ ' ' | sed 's/^ *//')
		grep -q "^\.SH \"\{0,1\}$s\"\{0,1\}$" "$man7" 2> /dev/null ||
			bad="$bad $s"
	done
	check "$1: the symptoms named are sections of memlens-diagnostics(7)${bad:+ (not:$bad)}" \
		test -z "$bad"
	tui_keys Escape
	unseen "^Read more about the $1 view:" > /dev/null
}

tui_start 120 70 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 '$MEMLENS' -r '$rec'"
tui_wait 'replay 1/3' > /dev/null
help_of procs OOM

tui_keys 7
tui_wait ' 7 buddy ' > /dev/null
tui_settle
help_of buddy BUDDY

tui_keys q
check "q quits" tui_exited
done_testing
