#!/bin/sh
# memlens -b under valgrind memcheck for 200 refreshes: the collectors, an
# engine (lru, with a what-if) and JSON output, every refresh freeing what
# the one before made.  No memory error, nothing definitely or indirectly
# lost.  The process restriction and the views keep it under half a minute
# (a recording would not: it holds every process; the record reader and
# writer are fuzzed instead, tests/fuzz).  Skipped without valgrind, and in the sanitizer build
# (ASan and valgrind cannot run one process together).
. "${top_srcdir:-.}/tests/lib/tap.sh"

if ! command -v valgrind > /dev/null 2>&1; then
	skip "valgrind is not installed (quickstart installs it)"
	done_testing
	exit
fi
if nm "$MEMLENS" 2> /dev/null | grep -q __asan_init; then
	skip "memlens is built with AddressSanitizer, which valgrind cannot run"
	done_testing
	exit
fi

refreshes=200
valgrind --log-file="$tmp/valgrind.log" --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	"$MEMLENS" -b -n $refreshes -d 0.01 -o json -v procs,vmas,slab,numa,lru \
	-p "1,$$" --sim lru --what-if need:64M > "$tmp/out.jsonl" 2> "$tmp/err"
status=$?
check "memlens under valgrind exits 0 (99: valgrind found errors)" \
	test "$status" -eq 0
check "valgrind: no memory error" \
	grep -q "ERROR SUMMARY: 0 errors from 0 contexts" "$tmp/valgrind.log"
# The leak summary says 0 bytes lost, or that every block was freed.
check "valgrind: nothing definitely or indirectly lost" eval '
	! grep -Eq "(definitely|indirectly) lost: [1-9]" "$tmp/valgrind.log" &&
	grep -Eq "definitely lost: 0 bytes|All heap blocks were freed" "$tmp/valgrind.log"'
check "all $refreshes refreshes were printed" \
	test "$(wc -l < "$tmp/out.jsonl")" -eq $refreshes
check "the engine ran on each refresh" eval '
	test "$(jq -c "select(.sim.lru != null and .sim.lru.error == null)" \
		"$tmp/out.jsonl" | wc -l)" -eq $refreshes'
if [ "$status" -ne 0 ]; then
	grep -A 12 -E "Invalid|uninitialised|definitely lost in|indirectly lost in" \
		"$tmp/valgrind.log" | head -n 40 | sed 's/^/# /'
fi
done_testing
