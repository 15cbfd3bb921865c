# hostile.sh - processes whose names attack a terminal, for the tests of
# escaping (sourced after tap.sh, which provides $tmp).
#
#   hostile_start      starts them; $hostile_pids lists their pids, and
#                      $hostile_big the pid of the one with 1 MiB of argv
#   hostile_stop       kills them (only these pids)
#   hostile_forms      one line per process: the visible form memlens must
#                      print for its comm, in \xNN notation (src/out/escape.c)
#
# Must not: kill anything it did not start.
#
# Each name is written to /proc/PID/comm by the shell itself (writing comm
# works within the thread group only).  The shell does not exec sleep, which
# would reset comm: it waits for a sleep in the background, which it kills
# on SIGTERM, so that no process outlives the test holding its output.  The
# name is also passed as an argument: the command line has the same bytes.
hostile_pids=""
hostile_big=""

hostile_spawn() { # comm-bytes [arguments...]
	sh -c 'printf %s "$1" > /proc/$$/comm; trap "kill \$!; exit" TERM; sleep 300 & wait' \
		sh "$@" < /dev/null > /dev/null 2>&1 &
	hostile_pids="$hostile_pids $!"
}

hostile_start() {
	hostile_spawn "$(printf 'CSI\033[2J')"
	hostile_spawn "$(printf 'OSC\033]0;pwn\007')"
	hostile_spawn "$(printf 'BEL\007\007')"
	hostile_spawn "$(printf 'C1\2332J')"
	hostile_spawn "$(printf 'BAD\377\376\300')"
	hostile_spawn "$(printf 'NL\nfake 1 root')"
	# The kernel names a process after the file it executes: a link whose
	# name is an escape sequence gives that comm without any prctl.
	ln -s "$(command -v sleep)" "$tmp/$(printf 'EX\033[2J')"
	"$tmp/$(printf 'EX\033[2J')" 300 < /dev/null > /dev/null 2>&1 &
	hostile_pids="$hostile_pids $!"
	# 1 MiB of command line in nine arguments (one argument may not exceed
	# MAX_ARG_STRLEN, 128 KiB), each ending in a clear-screen sequence.
	hostile_arg=$(head -c 119990 /dev/zero | tr '\0' a)$(printf '\033[2J\007')
	hostile_spawn BIG "$hostile_arg" "$hostile_arg" "$hostile_arg" \
		"$hostile_arg" "$hostile_arg" "$hostile_arg" "$hostile_arg" \
		"$hostile_arg" "$hostile_arg"
	hostile_big=$!
	unset hostile_arg
	hostile_pids=$(echo $hostile_pids)
	# Wait until every comm is written (the shells start in parallel).
	for _i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		hostile_named && return 0
		sleep 0.1
	done
	return 1
}

# Whether every process has its name (none is still called sh).
hostile_named() {
	for _p in $hostile_pids; do
		case $(cat "/proc/$_p/comm" 2> /dev/null) in sh | "") return 1 ;; esac
	done
	[ "$(cat "/proc/$hostile_big/comm" 2> /dev/null)" = BIG ]
}

hostile_stop() {
	# shellcheck disable=SC2086
	[ -n "$hostile_pids" ] && kill $hostile_pids 2> /dev/null
	hostile_pids=""
}

hostile_forms() {
	cat << 'EOF'
CSI\x1b[2J
OSC\x1b]0;pwn\x07
BEL\x07\x07
C1\x9b2J
BAD\xff\xfe\xc0
NL\x0afake 1 root
EX\x1b[2J
EOF
}
