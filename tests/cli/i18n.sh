#!/bin/sh
# Translations: every source file with _() or N_() strings is listed in
# po/POTFILES.in (else its messages never reach translators), every listed
# file exists, and xgettext extracts the messages without error.  Each
# catalog in po/LINGUAS passes msgfmt -c and translates every message of
# today's sources (none untranslated or fuzzy).  Then memlens runs under
# German and Chinese locales generated here (localedef into $tmp, LOCPATH;
# the system is not touched) with the catalogs built from po/*.po
# (MEMLENS_LOCALEDIR): --help, batch text and the interactive view come out
# translated, laid out by display width, while JSON and OpenMetrics stay
# byte for byte what the C locale writes.
. "${top_srcdir:-.}/tests/lib/tap.sh"
. "${top_srcdir:-.}/tests/lib/tmux.sh"
cd "$top_srcdir" || exit 1

rec="$FIXTURES/recordings/tui.jsonl"

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

if ! command -v xgettext > /dev/null || ! command -v msgfmt > /dev/null; then
	skip "gettext tools are not installed (./quickstart installs them)"
	done_testing
	exit $?
fi
xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 -o "$tmp/memlens.pot" \
	--files-from=po/POTFILES.in 2> "$tmp/xgettext.err"
check "xgettext extracts the messages" test $? -eq 0
n=$(grep -c '^msgid "' "$tmp/memlens.pot")
check "more than 200 messages extracted ($n)" test "$n" -gt 200

# ---- the catalogs ----------------------------------------------------------
langs=$(grep -v '^#' po/LINGUAS)
check "po/LINGUAS names de and zh_CN" \
	test "$(echo $langs)" = "de zh_CN"

for lang in $langs; do
	mo="$tmp/mo/$lang/LC_MESSAGES"
	mkdir -p "$mo"
	check "po/$lang.po: msgfmt -c --check-format is clean" \
		msgfmt -c --check-format -o "$mo/memlens.mo" "po/$lang.po"
	msgmerge -q "po/$lang.po" "$tmp/memlens.pot" -o "$tmp/$lang.now.po"
	msgfmt --statistics -o /dev/null "$tmp/$lang.now.po" 2> "$tmp/$lang.stats"
	if grep -q 'untranslated\|fuzzy' "$tmp/$lang.stats"; then
		diag "$(cat "$tmp/$lang.stats") The first of them:"
		msgattrib --untranslated "$tmp/$lang.now.po" | grep '^msgid "..' |
			head -n 5 > "$tmp/$lang.todo"
		msgattrib --only-fuzzy "$tmp/$lang.now.po" | grep '^msgid "..' |
			head -n 5 >> "$tmp/$lang.todo"
		while IFS= read -r line; do diag "  $line"; done < "$tmp/$lang.todo"
		not_ok "po/$lang.po translates every message of the sources"
	else
		ok "po/$lang.po translates every message of the sources ($(cat "$tmp/$lang.stats"))"
	fi
done

if [ -n "${top_builddir:-}" ] && [ -f "$top_builddir/po/Makefile" ]; then
	make -s -C "$top_builddir/po" install DESTDIR="$tmp/inst" \
		> "$tmp/install.log" 2>&1
	n=$(find "$tmp/inst" -path '*/share/locale/*/LC_MESSAGES/memlens.mo' |
		wc -l)
	check "make install installs a catalog per language ($n)" \
		test "$n" -eq "$(echo $langs | wc -w)"
else
	skip "no build tree: the install of the catalogs is not tested"
fi

# ---- locales -------------------------------------------------------------
# Generated into $tmp: LOCPATH makes glibc look there.  Without the
# locales package (localedef's sources), C.UTF-8 with LANGUAGE still
# selects the catalogs; only the numeric checks need de_DE's decimal comma.
export MEMLENS_LOCALEDIR="$tmp/mo" LOCPATH="$tmp/locale"
unset LANGUAGE LANG
mkdir -p "$tmp/locale"
de="LC_ALL=de_DE.UTF-8" zh="LC_ALL=zh_CN.UTF-8" real_locales=yes
for l in de_DE zh_CN; do
	localedef -i "$l" -f UTF-8 "$tmp/locale/$l.UTF-8" > /dev/null 2>&1 ||
		real_locales=no
done
if [ "$real_locales" = no ]; then
	diag "localedef failed (no locales package?): C.UTF-8 with LANGUAGE"
	de="LC_ALL=C.UTF-8 LANGUAGE=de" zh="LC_ALL=C.UTF-8 LANGUAGE=zh_CN"
fi
in_de() { env $de "$MEMLENS" "$@"; }
in_zh() { env $zh "$MEMLENS" "$@"; }

# ---- --help and batch text -----------------------------------------------
env LC_ALL=C.UTF-8 LANGUAGE=de "$MEMLENS" --help > "$tmp/help.de" 2>&1
check "LANGUAGE=de memlens --help is German" \
	grep -q '^Aufruf: memlens \[OPTION\]' "$tmp/help.de"
check "... down to its last option" \
	grep -q 'die Version anzeigen und beenden' "$tmp/help.de"
env LC_ALL=C LANGUAGE=de "$MEMLENS" --help > "$tmp/help.c" 2>&1
check "in the C locale LANGUAGE is ignored (gettext's rule)" \
	grep -q '^Usage: memlens' "$tmp/help.c"
in_zh --help > "$tmp/help.zh" 2>&1
check "zh_CN: --help is Chinese" grep -q '^用法：memlens \[选项\]' "$tmp/help.zh"

in_de -b -r "$rec" -n 1 > "$tmp/text.de" 2>&1
check "de: the overview header is German" \
	grep -q '^Speicher: .* gesamt, .* verfügbar' "$tmp/text.de"
check "de: the view title and summary are German" \
	grep -q '^\[procs\] Prozesse$' "$tmp/text.de"
in_zh -b -r "$rec" -n 1 > "$tmp/text.zh" 2>&1
check "zh_CN: the overview header is Chinese" \
	grep -q '^内存: .* 总计，.* 可用' "$tmp/text.zh"
check "zh_CN: the view title is Chinese" grep -q '^\[procs\] 进程$' "$tmp/text.zh"
if [ "$real_locales" = yes ]; then
	# MemTotal of the recording is 24,748,xxx kB: 23.6 GiB, "." whatever
	# de_DE's LC_NUMERIC says (scripts read the text too).
	check "de: the text keeps '.' as the decimal point" \
		grep -q '^Speicher: 23\.6 GiB gesamt' "$tmp/text.de"
	# Numbers are read with the C decimal point too: a German user's
	# -d 0.5, and a workload file's "wait 0.5".
	in_de -b -r "$rec" -n 1 -d 0.5 > /dev/null 2> "$tmp/delay.de"
	check "de: -d 0.5 is half a second, not a usage error" \
		test $? -eq 0 -a ! -s "$tmp/delay.de"
	printf 'limit 64M\nanon 8M\nwait 0.5\n' > "$tmp/wait.wl"
	in_de -b -r "$rec" -n 1 -o json --sim lru \
		--what-if "workload:$tmp/wait.wl" > "$tmp/wait.de" 2>&1
	check "de: a workload's 'wait 0.5' reads as in C" \
		jq -e '.sim.lru.prediction' "$tmp/wait.de"
else
	skip "no de_DE locale: the decimal point is not tested"
	skip "no de_DE locale: reading -d 0.5 is not tested"
	skip "no de_DE locale: reading a workload is not tested"
fi

# ---- machine-readable output does not depend on the locale ---------------
same_output() { # description memlens-args...
	d=$1
	shift
	env LC_ALL=C "$MEMLENS" "$@" > "$tmp/out.c" 2>&1
	in_de "$@" > "$tmp/out.de" 2>&1
	in_zh "$@" > "$tmp/out.zh" 2>&1
	if cmp -s "$tmp/out.c" "$tmp/out.de" && cmp -s "$tmp/out.c" "$tmp/out.zh" &&
		[ -s "$tmp/out.c" ]; then
		ok "$d"
	else
		diag "$(diff "$tmp/out.c" "$tmp/out.de" | head -n 6)"
		not_ok "$d"
	fi
}
same_output "JSON is byte-identical in C, de and zh_CN (replay)" \
	-b -r "$rec" -o json
same_output "JSON with the engines' sentences too" \
	-b -r "$rec" -n 1 -o json --sim oom,buddy,lru
same_output "OpenMetrics is byte-identical in C, de and zh_CN" \
	-b -r "$rec" -n 1 -o openmetrics
in_de -b -o json > "$tmp/live.json" 2> /dev/null
check "de: live JSON keeps the reasons untranslated" \
	grep -q '"not requested (see --view)"' "$tmp/live.json"

# ---- column titles: batch text ---------------------------------------------
# Titles are translated where tables are printed (German as top has them,
# BENUTZER and BEFEHL), kernel names such as PSS stay; -s and the field
# names stay English.  Cells must line up under titles of double-width
# characters: positions are display columns (wc -L), not bytes.
procs_header() { grep -m 1 '^ *PID ' "$1"; }
first_row() { grep -A 1 -m 1 '^ *PID ' "$1" | tail -n 1; }
width() { printf '%s\n' "$1" | LC_ALL=C.UTF-8 wc -L; }
# The display column where word starts on the header line of file.
title_at() { # file word
	h=$(procs_header "$1")
	width "${h%%"$2"*}"
}
# Left-aligned USER and COMMAND start where their titles start; PSS, the
# fourth column, right-aligned, ends where its title ends.  The first row
# of the recording is memlens (one word, so its COMMAND is the last word).
lined_up() { # file user-title command-title
	r=$(first_row "$1")
	h=$(procs_header "$1")
	[ "$(title_at "$1" "$2")" -eq \
		"$(width "$(printf '%s\n' "$r" | sed 's/^\( *[0-9]* \).*/\1/')")" ] &&
	[ "$(title_at "$1" "$3")" -eq "$(width "${r% *} ")" ] &&
	[ "$(width "${h%%PSS*}PSS")" -eq "$(width "$(printf '%s\n' "$r" |
		sed 's/^\( *[^ ]* *[^ ]* *[^ ]* *[^ ]*\).*/\1/')")" ]
}
env LC_ALL=C "$MEMLENS" -b -r "$rec" -n 1 > "$tmp/titles.c" 2>&1
check "C: the procs titles are English" \
	grep -q '^ *PID USER .* PSS .* COMMAND$' "$tmp/titles.c"
check "de: the procs titles are German (BENUTZER, DATEI, BEFEHL), PSS kept" \
	grep -q '^ *PID BENUTZER .* PSS .* DATEI .* BEFEHL$' "$tmp/text.de"
check "zh_CN: the procs titles are Chinese (用户, 命令), PSS kept" \
	grep -q '^ *PID 用户 .* PSS .* 命令$' "$tmp/text.zh"
check "C: the first row lines up under the titles" \
	lined_up "$tmp/titles.c" USER COMMAND
check "de: the first row lines up under the German titles" \
	lined_up "$tmp/text.de" BENUTZER BEFEHL
check "zh_CN: the first row lines up under the double-width titles" \
	lined_up "$tmp/text.zh" 用户 命令
# The check can fail: in bytes, 用户 is 6 wide where it shows 4.
h=$(procs_header "$tmp/text.zh")
p=${h%%命令*}
check "zh_CN: display columns are not bytes (${#p} bytes before 命令)" \
	test "$(width "$p")" -lt "$(printf '%s' "$p" | wc -c)"
in_de -b -r "$rec" -n 1 -s user > "$tmp/sort.de" 2> /dev/null
check "de: -s user sorts by the user column, named in German" \
	grep -q 'nach BENUTZER' "$tmp/sort.de"
in_de -b -r "$rec" -n 1 -s benutzer > "$tmp/sort2.de" 2> /dev/null
# stdout only: a sanitizer build may report glibc's own leaks on stderr.
check "de: -s takes the German title too (any case)" \
	cmp -s "$tmp/sort.de" "$tmp/sort2.de"
env LC_ALL=C "$MEMLENS" -b -r "$rec" -n 1 -s benutzer > /dev/null 2>&1
check "C: the German title is no sort key there" test $? -ne 0
in_de -b -r "$rec" -n 1 --view slab > "$tmp/slab.de" 2>&1
env LC_ALL=C "$MEMLENS" -b -r "$rec" -n 1 --view slab > "$tmp/slab.c" 2>&1
if grep -q 'OBJSIZE' "$tmp/slab.c"; then
	check "de: other tables' titles are German too (slab: OBJGRÖSSE, NAME)" \
		grep -q 'OBJGRÖSSE .*NAME$' "$tmp/slab.de"
else
	skip "the recording has no slab table"
fi

# ---- the interactive view --------------------------------------------------
if ! command -v tmux > /dev/null; then
	skip "tmux is not installed: the translated TUI is not tested"
	done_testing
	exit $?
fi
loc="env $de LOCPATH='$LOCPATH' MEMLENS_LOCALEDIR='$MEMLENS_LOCALEDIR'"
tui_start 120 40 "$loc '$MEMLENS' -r '$rec'"
check "de TUI: the status line is German" tui_wait '^ Wiedergabe 1/3 .*h Hilfe q Ende'
check "de TUI: the header is German" seen 'belegt .*Puffer/Cache .*verfügbar'
check "de TUI: the summary line is German" seen 'von 19 Prozessen'
tui_keys q
tui_exited

loc="env $zh LOCPATH='$LOCPATH' MEMLENS_LOCALEDIR='$MEMLENS_LOCALEDIR'"
tui_start 120 40 "$loc '$MEMLENS' -r '$rec'"
check "zh_CN TUI: the status line is Chinese" tui_wait '^ 回放 1/3 .*h 帮助 q 退出'
tui_settle
check "zh_CN TUI: nothing wider than the pane" tui_fits 120
# The keys are drawn flush right, measured in columns: "q 退出 " ends in
# the last column, so the trimmed line is one short of the pane.  Counted
# in bytes, the keys would start 4 columns further left.
status_width=$(tail -n 1 "$tmp/screen" | LC_ALL=C.UTF-8 wc -L)
check "zh_CN TUI: the status keys end at the right edge ($status_width)" \
	test "$status_width" -eq 119
tui_keys q
tui_exited

# ---- column titles: the interactive view -----------------------------------
# The table header, the sort menu and the explain panel show the titles
# translated; RSS and PSS, kernel names, stay.  The replay sorts by PSS.
loc="env $de LOCPATH='$LOCPATH' MEMLENS_LOCALEDIR='$MEMLENS_LOCALEDIR'"
tui_start 120 40 "$loc '$MEMLENS' -r '$rec'"
check "de TUI: the table header is German" \
	tui_wait '^ *PID BENUTZER +RSS +PSS.* BEFEHL *$'
tui_keys s
check "de TUI: the sort menu lists BENUTZER (field user)" \
	tui_wait 'BENUTZER +user'
tui_keys Escape
tui_keys e
check "de TUI: the explain panel opens on the sort column, PSS kept" \
	tui_wait ' PSS - pss_kb, KiB'
tui_keys Left Left
check "de TUI: ... and heads the user column BENUTZER" \
	tui_wait ' BENUTZER - user'
# The numa page is batch text, titles translated: its second line is the
# KNOTEN MemTotal ... title line, which the glossary explains.
tui_keys 5 Down
check "de TUI: the text views' glossary knows the German titles" \
	tui_wait '^ KNOTEN$'
check "... with the field's help" seen 'NUMA-Knoten'
tui_keys q
tui_exited

loc="env $zh LOCPATH='$LOCPATH' MEMLENS_LOCALEDIR='$MEMLENS_LOCALEDIR'"
tui_start 120 40 "$loc '$MEMLENS' -r '$rec'"
check "zh_CN TUI: the table header is Chinese" \
	tui_wait '^ *PID 用户 +RSS +PSS.* 命令 *$'
tui_settle
check "zh_CN TUI: the table with its titles fits the pane" tui_fits 120
tui_keys q
tui_exited
done_testing
