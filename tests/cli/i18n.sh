#!/bin/sh
# Translations: every source file with _() or N_() strings is listed in
# po/POTFILES.in (else its messages never reach translators), every listed
# file exists, and xgettext extracts the messages without error.
. "${top_srcdir:-.}/tests/lib/tap.sh"
cd "$top_srcdir" || exit 1

missing=""
for f in $(grep -l '_("\|N_("' src/*.c src/*/*.c); do
	grep -qx "$f" po/POTFILES.in || missing="$missing $f"
done
check "po/POTFILES.in lists every file with messages:$missing" test -z "$missing"

stale=""
for f in $(grep -v '^#' po/POTFILES.in); do
	[ -f "$f" ] || stale="$stale $f"
done
check "every file in po/POTFILES.in exists:$stale" test -z "$stale"

if command -v xgettext > /dev/null; then
	xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 -o "$tmp/memlens.pot" \
		--files-from=po/POTFILES.in 2> "$tmp/xgettext.err"
	check "xgettext extracts the messages" test $? -eq 0
	n=$(grep -c '^msgid "' "$tmp/memlens.pot")
	check "more than 200 messages extracted ($n)" test "$n" -gt 200
else
	skip "xgettext is not installed"
	skip "xgettext is not installed"
fi
done_testing
