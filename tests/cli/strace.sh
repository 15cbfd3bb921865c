#!/bin/sh
# memlens never opens anything under /proc or /sys for writing: every view
# and every engine in batch (text and JSON), and a TUI session through all
# nine views, the explain panel and the mappings of a process, run under
# strace; no open, openat, openat2, creat, truncate or mknod may name a path
# under /proc or /sys (absolute, or relative to a directory descriptor that
# is one, as strace -y shows it) with O_WRONLY, O_RDWR, O_CREAT or O_TRUNC.
# Skipped without strace, or where ptrace is not allowed.
. "${top_srcdir:-.}/tests/lib/tap.sh"

if ! command -v strace > /dev/null; then
	skip "strace is not installed (./quickstart installs it)"
	done_testing
	exit 0
fi
calls=open,openat,openat2,creat,truncate,mknod
if ! strace -f -o /dev/null -e trace=$calls true 2> /dev/null; then
	skip "strace cannot trace here (ptrace not permitted)"
	done_testing
	exit 0
fi

# The offending lines of a strace -y log: a call on a /proc or /sys path
# that writes, creates or truncates (creat, truncate and mknod always do).
writes_to_kernel_fs() { # log
	awk '
	/(openat2?|open|creat|truncate|mknod)\(/ {
		# An absolute path, or a path relative to a directory fd.
		kernel = $0 ~ /"\/(proc|sys)(\/|")/ || $0 ~ /\([0-9]+<\/(proc|sys)[\/>]/
		writes = $0 ~ /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/ || $0 ~ /(creat|truncate|mknod)\(/
		if (kernel && writes) print
	}' "$1"
}

# The check itself must be able to fail: feed it lines it must catch.
cat > "$tmp/bad.log" << 'EOF'
100 openat(AT_FDCWD</root>, "/proc/sys/vm/drop_caches", O_WRONLY|O_CLOEXEC) = 3</proc/sys/vm/drop_caches>
100 openat(3</proc>, "100/comm", O_RDWR) = 4</proc/100/comm>
100 open("/sys/kernel/mm/transparent_hugepage/enabled", O_WRONLY|O_TRUNC) = 5
100 openat(AT_FDCWD</root>, "/proc/meminfo", O_RDONLY|O_CLOEXEC) = 3</proc/meminfo>
100 openat(AT_FDCWD</root>, "/tmp/out", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3</tmp/out>
EOF
check "the checker catches a write to /proc, /sys and through a /proc dirfd" \
	test "$(writes_to_kernel_fs "$tmp/bad.log" | wc -l)" -eq 3

# LeakSanitizer cannot run under ptrace: in a sanitizer build, the leak
# check is left to the other tests (the variable means nothing otherwise).
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

traced() { # log memlens-arguments...
	log=$1
	shift
	strace -f -y -qq -e trace=$calls -o "$log" "$MEMLENS" "$@"
}

traced "$tmp/text.log" -b -v all --sim oom,buddy,lru -n 2 -d 0.1 \
	> "$tmp/out" 2> "$tmp/err"
check "batch text, every view and engine, under strace: exit 0" test $? -eq 0
check "batch text: it did open files under /proc and /sys (the trace works)" \
	sh -c "grep -q '\"/proc/meminfo\"' '$tmp/text.log' && grep -q '\"/sys/' '$tmp/text.log'"
writes_to_kernel_fs "$tmp/text.log" > "$tmp/bad"
check "batch text: no open of /proc or /sys for writing" test ! -s "$tmp/bad"
[ -s "$tmp/bad" ] && diag "$(head -5 "$tmp/bad")"

traced "$tmp/json.log" -b -o json -v all --sim oom,buddy,lru > /dev/null 2>&1
check "batch JSON under strace: exit 0" test $? -eq 0
writes_to_kernel_fs "$tmp/json.log" > "$tmp/bad"
check "batch JSON: no open of /proc or /sys for writing" test ! -s "$tmp/bad"
[ -s "$tmp/bad" ] && diag "$(head -5 "$tmp/bad")"

# ---- the TUI ------------------------------------------------------------------------
if ! command -v tmux > /dev/null; then
	skip "TUI under strace (tmux is not installed)"
	done_testing
	exit 0
fi
. "${top_srcdir:-.}/tests/lib/tmux.sh"
trap 'tui_cleanup' EXIT
tui_start 120 40 "env LANG=C.UTF-8 strace -f -y -qq -e trace=$calls \
-o '$tmp/tui.log' '$MEMLENS' -d 0.2"
tui_wait 'PID +USER' > /dev/null
for key in e 2 3 4 5 6 7 8 9 1 e; do
	tui_keys "$key"
	tui_settle
done
tui_keys Enter
tui_wait 'ADDRESS' > /dev/null
tui_keys Escape q
check "TUI under strace: every view, explain panel, mappings; then quits" \
	tui_exited
check "TUI: status 0" test "$(cat "$tmp/status" 2> /dev/null)" = 0
writes_to_kernel_fs "$tmp/tui.log" > "$tmp/bad"
check "TUI: it did read smaps of a process (the trace works)" \
	grep -q '/smaps"\|/smaps>' "$tmp/tui.log"
check "TUI: no open of /proc or /sys for writing" test ! -s "$tmp/bad"
[ -s "$tmp/bad" ] && diag "$(head -5 "$tmp/bad")"
done_testing
