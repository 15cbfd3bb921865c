# tmux.sh - drive the real memlens in a private tmux server, for the TUI
# tests (sourced after tap.sh).  Each test file gets its own server
# (tmux -L memlens-test-PID, no user configuration), killed on exit.
#
#   tui_start W H CMD   a session of W x H running sh; CMD is typed into it,
#                       followed by "echo $? > $tmp/status"
#   tui_keys KEY...     tmux send-keys (names like Enter, Escape, Down)
#   tui_wait PATTERN    until the screen matches (grep -E), 10 s at most
#   seen PATTERN        the same, 3 s at most
#   tui_screen          the screen as text (also in $tmp/screen)
#   tui_exited          until the command's exit status is written
tui_base="memlens-test-$$"
tui_n=0
tui_sock="$tui_base-0"
tui() { tmux -L "$tui_sock" -f /dev/null "$@"; }
tui_prompt='tui$ '

tui_cleanup() {
	tui kill-server 2> /dev/null
	rm -rf "$tmp"
}
trap tui_cleanup EXIT

# Skips the whole file (one SKIP line) when tmux is missing.
tui_need_tmux() {
	if ! command -v tmux > /dev/null; then
		skip "tmux is not installed (./quickstart installs it)"
		done_testing
		exit 0
	fi
}

# Each start gets a server of its own: a new server on the socket of one
# that is still exiting can fail.
tui_start() { # width height command
	rm -f "$tmp/status"
	tui kill-server 2> /dev/null
	tui_n=$((tui_n + 1))
	tui_sock="$tui_base-$tui_n"
	tui new-session -d -x "$1" -y "$2" -s t \
		"env PS1='$tui_prompt' ENV=/dev/null sh" || return 1
	tui set-option -g status off > /dev/null
	tui send-keys -t t "$3; echo \$? > $tmp/status" Enter
}

tui_keys() { tui send-keys -t t "$@"; }

tui_screen() {
	tui capture-pane -p -t t > "$tmp/screen" 2> /dev/null
	cat "$tmp/screen"
}

tui_wait() { # pattern [tenths of a second]
	n=${2:-100}
	while [ "$n" -gt 0 ]; do
		tui_screen | grep -Eq -- "$1" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	diag "timed out waiting for /$1/; the screen was:"
	sed 's/^/  | /' "$tmp/screen" | while IFS= read -r line; do diag "$line"; done
	return 1
}

# A pattern on the screen, soon (3 s): a line drawn with the one waited
# for may reach tmux a moment later.
seen() { tui_wait "$1" 30; }

# A pattern gone from the screen, soon (3 s): the line that showed it may
# be redrawn a moment after the one a test waited for.
unseen() {
	n=30
	while [ "$n" -gt 0 ]; do
		tui_screen | grep -Eq -- "$1" || return 0
		sleep 0.1
		n=$((n - 1))
	done
	diag "/$1/ is still on the screen"
	return 1
}

# Waits until the screen stops changing (a key was handled and drawn).
tui_settle() {
	prev=""
	n=30
	while [ "$n" -gt 0 ]; do
		sleep 0.15
		cur=$(tui_screen | cksum)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		n=$((n - 1))
	done
}

tui_exited() {
	n=100
	while [ "$n" -gt 0 ]; do
		[ -s "$tmp/status" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# The values of the column titled TITLE, one per table row, as numbers
# (sizes with an M, G or T suffix in KiB).  Rows are the lines after the
# title line up to the first empty, total or status line.  Columns are
# split at blanks: only columns left of any text with blanks can be read.
tui_column() { # title
	awk -v title="$1" '
	function kib(v) {
		if (v ~ /M$/) return substr(v, 1, length(v) - 1) * 1024
		if (v ~ /G$/) return substr(v, 1, length(v) - 1) * 1048576
		if (v ~ /T$/) return substr(v, 1, length(v) - 1) * 1073741824
		return v
	}
	!intable {
		# The title line starts with a title in capitals (the summary
		# line above starts with a number); a title may carry the sort
		# arrow (v, ^ or a triangle).
		if ($0 ~ /^ *[A-Z][^ a-z]* / &&
		    match($0, "(^| )" title "([^A-Za-z/]|$)")) {
			col = 0
			for (i = 1; i <= NF; i++)
				if ($i ~ ("^" title "([^A-Za-z/]|$)")) col = i
			intable = col > 0
		}
		next
	}
	/^ *$/ || /^total/ || / h help/ { exit }
	{ print kib($col) }
	' "$tmp/screen"
}

# Whether no line of the screen is wider than width display columns.
tui_fits() { # width
	[ "$(LC_ALL=C.UTF-8 wc -L < "$tmp/screen")" -le "$1" ]
}

# Whether the numbers on stdin are in order: desc or asc.
tui_sorted() { # desc|asc
	if [ "$1" = desc ]; then sort -g -r -c 2> /dev/null; else sort -g -c 2> /dev/null; fi
}
