#!/bin/sh
# fuzz.sh - `make fuzz`: builds each harness with clang's libFuzzer and
# runs it for FUZZ_SECONDS from its seed corpus.
#
#   fuzz.sh SRCDIR HARNESS...     (from the build directory)
#
# The environment (set by Makefile.am) gives FUZZ_CC (empty: configure found
# no clang with libFuzzer), FUZZ_SECONDS, FUZZ_SOURCES (the libraries'
# source lists, relative to SRCDIR; only the .c files are built),
# FUZZ_CPPFLAGS and FUZZ_LIBS.  Objects go to fuzz-build/, libFuzzer's new
# corpus entries to fuzz-work/NAME and what crashed to fuzz-work/crashes:
# the source tree is only read.  Exits 1 when a harness crashed, naming the
# input to copy into tests/fuzz/corpus/NAME/crash-WHAT.
set -eu
srcdir=$1; shift
if [ -z "${FUZZ_CC:-}" ]; then
	echo "make fuzz: no clang with libFuzzer (-fsanitize=fuzzer) was found;" >&2
	echo "install clang and run configure again (or set FUZZ_CC)." >&2
	exit 1
fi
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
cflags="-g -O1 -std=gnu11 -fno-omit-frame-pointer $sanitize"
cppflags="-I. -I$srcdir/include ${FUZZ_CPPFLAGS:-}"
build=fuzz-build
work=fuzz-work
mkdir -p "$build/obj" "$work/crashes"

# A header newer than an object rebuilds every object: simple, and the
# libraries take well under a minute with two CPUs.
newest_header=$(ls -t "$srcdir"/include/*.h "$srcdir"/src/*/*.h | head -n 1)
objects=""
for source in $FUZZ_SOURCES; do
	case $source in *.c) ;; *) continue ;; esac
	object=$build/obj/$(echo "$source" | tr / _).o
	objects="$objects $object"
	if [ ! -f "$object" ] || [ "$srcdir/$source" -nt "$object" ] ||
	   [ "$newest_header" -nt "$object" ] || [ config.h -nt "$object" ]; then
		echo "  FUZZCC   $source"
		# shellcheck disable=SC2086
		$FUZZ_CC $cflags -fsanitize=fuzzer-no-link $cppflags \
			-c "$srcdir/$source" -o "$object"
	fi
done
rm -f "$build/libfuzzdeps.a"
# shellcheck disable=SC2086
ar rcs "$build/libfuzzdeps.a" $objects

failed=""
for name in "$@"; do
	harness=$build/fuzz_$name
	echo "  FUZZLD   $harness"
	# shellcheck disable=SC2086
	$FUZZ_CC $cflags -fsanitize=fuzzer $cppflags \
		"$srcdir/tests/fuzz/fuzz_$name.c" "$build/libfuzzdeps.a" \
		${FUZZ_LIBS:-} -o "$harness"
	mkdir -p "$work/$name"
	echo "== fuzz_$name: ${FUZZ_SECONDS:-30} s"
	if ! "$harness" -max_total_time="${FUZZ_SECONDS:-30}" -timeout=10 \
		-artifact_prefix="$work/crashes/$name-" -print_final_stats=1 \
		"$work/$name" "$srcdir/tests/fuzz/corpus/$name" \
		> "$work/$name.log" 2>&1; then
		failed="$failed $name"
		tail -n 40 "$work/$name.log"
	else
		grep -E '^(stat::number_of_executed_units|#[0-9]+.*DONE)' \
			"$work/$name.log" | tail -n 2 || true
	fi
done
if [ -n "$failed" ]; then
	echo "make fuzz: crashed:$failed; inputs in $work/crashes:" >&2
	ls "$work/crashes" >&2
	exit 1
fi
echo "make fuzz: no crash in $# harnesses"
