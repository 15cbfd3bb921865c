#!/bin/sh
# Layouts measured in display columns, not bytes, under translations whose
# characters are wider than one column per byte (zh_CN: three bytes, two
# columns) and under German: the severity of --diagnose and of the D screen
# pads to 8 columns, the THP word of the buddy view's zone table to 7, the
# buddy view's sentences wrap at the page's width in columns (a cut by
# bytes would split a character, shown as \xNN, and leave lines short), and
# the status line decides what to warn of from data, not from English words
# in the (translated) reasons.  Locales and catalogs are made in $tmp as in
# tests/cli/i18n.sh.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
tui_need_tmux
if ! command -v jq > /dev/null || ! command -v msgfmt > /dev/null; then
	skip "needs jq and msgfmt (./quickstart installs them)"
	done_testing
	exit 0
fi
rec="$FIXTURES/recordings/tui.jsonl"

# ---- catalogs and locales ----------------------------------------------------
export MEMLENS_LOCALEDIR="$tmp/mo" LOCPATH="$tmp/locale"
unset LANGUAGE LANG
mkdir -p "$tmp/locale"
for lang in de zh_CN; do
	mkdir -p "$tmp/mo/$lang/LC_MESSAGES"
	msgfmt -o "$tmp/mo/$lang/LC_MESSAGES/memlens.mo" "$top_srcdir/po/$lang.po"
done
de="LC_ALL=de_DE.UTF-8" zh="LC_ALL=zh_CN.UTF-8"
for l in de_DE zh_CN; do
	if ! localedef -i "$l" -f UTF-8 "$tmp/locale/$l.UTF-8" > /dev/null 2>&1
	then
		de="LC_ALL=C.UTF-8 LANGUAGE=de" zh="LC_ALL=C.UTF-8 LANGUAGE=zh_CN"
	fi
done
in_zh="env $zh LOCPATH='$LOCPATH' MEMLENS_LOCALEDIR='$MEMLENS_LOCALEDIR'"
in_de="env $de LOCPATH='$LOCPATH' MEMLENS_LOCALEDIR='$MEMLENS_LOCALEDIR'"
cols() { LC_ALL=C.UTF-8 wc -L; }

# ---- --diagnose text: the rule after 8 columns of severity -------------------
# "WARNING  fragmentation: ...", "警告     fragmentation: ...": what comes
# before the rule's name is 9 columns whatever the language.
rule_at_9() { # file
	n=0
	while IFS= read -r line; do
		n=$((n + 1))
		prefix=${line%%[a-z]*}
		[ "$(printf '%s' "$prefix" | cols)" -eq 9 ] || {
			diag "the rule is not at column 10: $line"
			return 1
		}
	done < "$1"
	[ "$n" -gt 0 ]
}
for fixture in prometheus-node_exporter pcp-pressure-root-001; do
	for lang in C zh de; do
		case $lang in
		C) env LC_ALL=C.UTF-8 "$MEMLENS" --diagnose --root "$FIXTURES/$fixture" ;;
		zh) eval "$in_zh '$MEMLENS' --diagnose --root '$FIXTURES/$fixture'" ;;
		de) eval "$in_de '$MEMLENS' --diagnose --root '$FIXTURES/$fixture'" ;;
		esac > "$tmp/diag.out" 2> /dev/null
		grep -E '^[^ a-z(]+ +[a-z_]+: ' "$tmp/diag.out" > "$tmp/findings"
		check "--diagnose ($fixture, $lang): the rule after 9 columns" \
			rule_at_9 "$tmp/findings"
	done
done
eval "$in_zh '$MEMLENS' --diagnose --root '$FIXTURES/pcp-pressure-root-001'" \
	> "$tmp/diag.zh" 2> /dev/null
check "zh_CN: the severity is Chinese (the test sees a translation)" \
	grep -q '^严重 ' "$tmp/diag.zh"

# ---- the D screen ---------------------------------------------------------------
tui_start 120 40 "$in_zh '$MEMLENS' --root '$FIXTURES/pcp-pressure-root-001'"
tui_wait '回放|帮助' > /dev/null
tui_keys D
check "zh_CN D screen: a critical finding" tui_wait '^严重 +[a-z_]+: '
grep -E '^(严重|警告|提示) +[a-z_]+: ' "$tmp/screen" > "$tmp/findings"
check "zh_CN D screen: the rule after 9 columns" rule_at_9 "$tmp/findings"
tui_keys q q
tui_exited

# ---- the buddy view's zone table: THP word then state, by columns -----------
# Normal's free memory in single pages: its THP fault fails ("失败", 6
# bytes in 4 columns) while Device's is "n/a": the state after them starts
# in the same column on every row.
jq -c '(.zones[] | select(.node == 0 and .zone == "Normal")) |=
	(.free_blocks = [100000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
	 | .free_pages = 100000 | del(.migratetypes))' "$rec" \
	> "$tmp/frag.jsonl"
# The columns before the state: the row without its text from the 10th
# field on (fields 1-9: node, zone, six numbers, the THP word).
state_columns() {
	grep -E '^ +[0-9]+ (DMA|DMA32|Normal|Movable|HighMem|Device) ' "$tmp/screen" | while IFS= read -r row; do
		rest=$(printf '%s\n' "$row" | awk '{ r = $0
			for (i = 1; i <= 9; i++) r = substr(r, index(r, $i) + length($i))
			sub(/^ +/, "", r); print r }')
		printf '%s\n' "${row%"$rest"}" | cols
	done | sort -u
}
tui_start 120 50 "$in_zh '$MEMLENS' -r '$tmp/frag.jsonl' -v buddy"
tui_wait '失败' > /dev/null
check "zh_CN buddy: Normal's THP fault fails (失败)" seen '^ +0 Normal .* 失败 '
check "zh_CN buddy: a zone's THP word is ASCII (n/a)" seen '^ +[0-9]+ Device .* n/a '
check "zh_CN buddy: the state starts in one column on every row ($(state_columns | tr '\n' ' '))" \
	test "$(state_columns | wc -l)" -eq 1
tui_keys q
tui_exited

# ---- the buddy view's sentences: wrapped by columns ---------------------------
# The map's legend in Chinese is wider than 80 columns: its first line
# takes nearly the page (78 columns at most); cut at 78 bytes it would
# hold about 50 columns, and a cut inside a character shows as \xNN.
jq -c '.pageblocks = { time: .time, pageblock_order: 9, zones: [
	{ node: 0, zone: "Normal", start_pfn: 1048576, spanned_pages: 12288,
	  cells: "PPPPAQQQQggggoowwYYUUTT4" } ] }' "$rec" > "$tmp/small.jsonl"
tui_start 80 40 "$in_zh '$MEMLENS' -r '$tmp/small.jsonl' -v buddy"
tui_wait '失败|ok@' > /dev/null
tui_keys m
check "zh_CN map: the legend" tui_wait '^图例'
legend=$(grep '^图例' "$tmp/screen" | cols)
check "zh_CN map: its first line fills the page in columns ($legend of 78)" \
	test "$legend" -gt 66 -a "$legend" -le 78
check "zh_CN map: the legend goes on on the next line" \
	grep -A1 '^图例' "$tmp/screen" | tail -n 1 | grep -q '[^ ]'
check "zh_CN map: no character cut in two (no \\x escapes)" \
	test -z "$(grep -F '\x' "$tmp/screen")"
tui_settle
check "zh_CN map: nothing wider than 80 columns" tui_fits 80
tui_keys q
tui_exited

# ---- the status line decides from data, in German ------------------------------
# Reasons in German, as a German session records them: a section not
# requested is no warning ("nicht angefordert" holds none of the English
# words the status line used to look for), a refused one needs root, and
# one missing for another reason is unavailable.
jq -c '.unavailable.slab = "nicht angefordert (siehe --view)"' "$rec" \
	> "$tmp/slab-notreq.jsonl"
jq -c 'del(.slab) | .unavailable.slab =
	"/proc/slabinfo: Keine Berechtigung (als root ausführen)"' "$rec" \
	> "$tmp/slab-denied.jsonl"
jq -c 'del(.slab) | .unavailable.slab = "/proc/slabinfo: kaputt"' "$rec" \
	> "$tmp/slab-broken.jsonl"
tui_start 120 40 "$in_de '$MEMLENS' -r '$tmp/slab-notreq.jsonl' -v slab"
check "de, not requested: the German status line" tui_wait 'Wiedergabe 1/3'
check "de, not requested: no warning about slab" unseen 'slab: '
tui_keys q
tui_exited
tui_start 120 40 "$in_de '$MEMLENS' -r '$tmp/slab-denied.jsonl' -v slab"
check "de, refused: slab braucht root" tui_wait 'slab: braucht root'
tui_keys q
tui_exited
tui_start 120 40 "$in_de '$MEMLENS' -r '$tmp/slab-broken.jsonl' -v slab"
check "de, other: slab nicht verfügbar" tui_wait 'slab: nicht verfügbar'
tui_keys q
tui_exited

# Live, from the collector's errno: as nobody the slab caches are refused
# (EACCES), whatever the words say.  (-d 1: de_DE reads "0.5" as no
# number, its decimal point being a comma.)
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
	chmod -R a+rX "$tmp" # nobody reads the locales and catalogs
	tui_start 120 40 "setpriv --reuid=nobody --regid=nogroup --clear-groups \
$in_de '$MEMLENS' -d 1 -v slab"
	check "de, live as nobody: slab braucht root (errno EACCES)" \
		tui_wait 'slab: braucht root'
	status_says() { tui_screen | tail -n 1 | grep -q -- "$1"; }
	check "de, live as nobody: no section is called unavailable on the status line" \
		eval '! status_says "nicht verfügbar"'
	tui_keys q
	tui_exited
	tui_start 120 40 "$in_de '$MEMLENS' -d 1 -v buddy"
	check "de, live as root: the buddy view starts" tui_wait 'h Hilfe'
	tui_settle
	check "de, live as root: no warning (the map's pageblocks are not requested)" \
		unseen 'pageblocks: '
	tui_keys q
	tui_exited
else
	for i in 1 2 3 4; do skip "the live runs need root and setpriv"; done
fi
done_testing
