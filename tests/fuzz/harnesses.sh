#!/bin/sh
# Every fuzz harness on its seed corpus (tests/fuzz/corpus/NAME), each file
# whole and cut at several lengths (driver.c): one TAP line per harness.
# A parser that crashes, or trips ASan/UBSan in the sanitizer build, fails
# its line; so does a corpus folder with nothing in it.  make fuzz does the
# same with libFuzzer, for a while, from these seeds.
. "${top_srcdir:-.}/tests/lib/tap.sh"

# One folder of tests/fuzz/corpus per harness (Makefile.am FUZZ_HARNESSES).
for corpus in "$top_srcdir"/tests/fuzz/corpus/*/; do
	corpus=${corpus%/}
	name=${corpus##*/}
	harness=$top_builddir/tests/fuzz/fuzz_$name
	if "$harness" "$corpus" > "$tmp/$name.out" 2> "$tmp/$name.err"; then
		ok "fuzz_$name runs its corpus ($(cat "$tmp/$name.out"))"
	else
		not_ok "fuzz_$name runs its corpus"
		tail -n 20 "$tmp/$name.err" | sed 's/^/# /'
	fi
done
done_testing
