#!/bin/sh
# The command line contract: help, version, exit status 2 for usage errors
# with a message naming the option, 1 for runtime errors naming the file.
. "${top_srcdir:-.}/tests/lib/tap.sh"

"$MEMLENS" --help > "$tmp/help" 2>&1
check "--help exits 0" test $? -eq 0
for opt in --batch --iterations --delay --format --view --pid --sort --record \
           --replay --root --sim --what-if --cgroup --explain --help --version; do
	check "--help lists $opt" grep -q -- "$opt" "$tmp/help"
done
"$MEMLENS" --version | grep -q '^memlens [0-9]'
check "--version prints the version" test $? -eq 0

usage_case() { # description, expected text in stderr, args...
	d=$1; want=$2; shift 2
	"$MEMLENS" "$@" > /dev/null 2> "$tmp/err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q -- "$want" "$tmp/err"; then ok "$d"; else
		not_ok "$d (exit $rc: $(cat "$tmp/err"))"; fi
}
usage_case "unknown option is a usage error" "help" --no-such-option
usage_case "bad -n names --iterations" "--iterations" -b -n 0
usage_case "bad -d names --delay" "--delay" -b -d abc
usage_case "bad -o names --format" "--format" -b -o xml
usage_case "bad -v names the view" "nosuchview" -b -v procs,nosuchview
usage_case "bad -s names the field" "nosuchfield" -b -s nosuchfield
usage_case "bad -p names --pid" "--pid" -b -p 12x
usage_case "stray argument" "unexpected" -b extra
usage_case "unknown engine names it" "nosuchengine" -b --sim nosuchengine
usage_case "--what-if needs --sim" "--sim" -b --what-if kill:1
usage_case "--cgroup needs --sim" "--sim" -b --cgroup /sys/fs/cgroup/memory

"$MEMLENS" -b -r "$tmp/does-not-exist" > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "does-not-exist" "$tmp/err"; then
	ok "missing replay file: exit 1 naming the file"
else
	not_ok "missing replay file: exit 1 naming the file (exit $rc)"
fi
done_testing
