#!/bin/sh
# memlens --explain: the manual pages are its source.  Every option of
# --help, every view and every process field has a topic, and a topic says
# the very words man prints for the same entry (mandoc renders the page
# independently of memlens); engines, sections and the symptoms of
# memlens-diagnostics(7) are topics too; names match loosely; an unknown
# topic is a usage error with suggestions; the list lists.  The generator
# is also run on a sample page (tests/fixtures/explain), and without the
# diagnostics page.
. "${top_srcdir:-.}/tests/lib/tap.sh"

man1="$top_srcdir/man/memlens.1"
man5="$top_srcdir/man/memlens-json.5"
man7="$top_srcdir/man/memlens-diagnostics.7"
sample7="$FIXTURES/explain/memlens-diagnostics.7"
gen="${top_builddir:-.}/tools/gen-explain"

explain() { "$MEMLENS" --explain "$@"; }

# The words of a text, one a line: what both renderings must agree on
# (punctuation, line breaks and hyphenation at line ends aside).
words() { tr -cs 'A-Za-z0-9_' '\n' | sed '/^$/d'; }

# ---- options, views, engines ------------------------------------------------

"$MEMLENS" --help > "$tmp/help"
options=$(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u)
options="$options $(sed -n 's/^ *\(-[a-zA-Z]\),.*/\1/p' "$tmp/help")"
check "--help lists options" test -n "$options"
missing=""
for opt in $options; do
	explain "$opt" > "$tmp/opt" 2> /dev/null &&
		head -n 1 "$tmp/opt" | grep -q -- "$opt" &&
		grep -q 'See memlens(1), OPTIONS\.' "$tmp/opt" ||
		missing="$missing $opt"
done
check "every --help option has a topic from OPTIONS${missing:+ (missing:$missing)}" \
	test -z "$missing"

explain sim > "$tmp/sim" && explain --sim > "$tmp/dash-sim"
check "--explain sim is --explain --sim" cmp -s "$tmp/sim" "$tmp/dash-sim"
explain -s > "$tmp/s"; explain --sort > "$tmp/sort"
check "--explain -s is --explain --sort" cmp -s "$tmp/s" "$tmp/sort"

"$MEMLENS" -b -v nosuchview > /dev/null 2> "$tmp/views-err"
views=$(sed -n 's/.*(views: \([^)]*\)).*/\1/p' "$tmp/views-err" | tr -d ',' |
	sed 's/ all//')
check "the usage error lists the views" test -n "$views"
missing=""
for v in $views; do
	explain "$v" > "$tmp/view" 2> /dev/null &&
		head -n 1 "$tmp/view" | grep -q "^$v (key [1-9])" &&
		grep -q 'See memlens(1), VIEWS\.' "$tmp/view" || missing="$missing $v"
done
check "every view has a topic from VIEWS${missing:+ (missing:$missing)}" \
	test -z "$missing"

for e in oom buddy lru; do
	E=$(echo "$e" | tr a-z A-Z)
	explain "$e" > "$tmp/engine"
	check "--explain $e: the view and THE $E ENGINE" \
		sh -c 'grep -q "See memlens(1), VIEWS\." "$1" &&
		       grep -q "^THE $2 ENGINE$" "$1" &&
		       grep -q "See memlens(1), THE $2 ENGINE\." "$1"' sh "$tmp/engine" "$E"
done

# ---- the words of the manual --------------------------------------------------

# The entry NAME of section SECTION as mandoc prints it: its tag line (7
# columns in) up to the next line that is not indented further.
man_entry() { # rendered page, section, name
	awk -v sec="$2" -v name="$3" '
	/^[A-Z]/ { insec = ($0 == sec); inentry = 0; next }
	!insec { next }
	inentry && match($0, /[^ ]/) && RSTART <= 8 { exit }
	inentry { print; next }
	index($0, "       " name) == 1 &&
	    substr($0, 8 + length(name), 1) ~ /^( |,|$)/ { inentry = 1; print }
	' "$1"
}

# A whole section as mandoc prints it, its title included.
man_section() { # rendered page, title
	awk -v sec="$2" '/^[A-Z]/ { insec = ($0 == sec); if (insec) print; next }
	                 insec' "$1"
}

# The explanation without its last line (where it comes from).
explained() { explain "$1" | sed '$d'; }

if command -v mandoc > /dev/null && command -v col > /dev/null; then
	mandoc -Tascii "$man1" 2> /dev/null | col -bx > "$tmp/man1.txt"
	fields=$(sed -n '/^\.SH FIELDS/,/^\.SH /s/^\.BR \([a-z_]*\) " (.*/\1/p' "$man1")
	check "memlens.1 FIELDS has entries" test -n "$fields"
	differ=""
	for f in $fields; do
		man_entry "$tmp/man1.txt" FIELDS "$f" | words > "$tmp/man-words"
		explained "$f" | words > "$tmp/explain-words"
		test -s "$tmp/man-words" && cmp -s "$tmp/man-words" "$tmp/explain-words" ||
			differ="$differ $f"
	done
	check "every field's explanation has the words of its FIELDS entry${differ:+ (differ:$differ)}" \
		test -z "$differ"
	[ -n "$differ" ] && diag "$(diff "$tmp/man-words" "$tmp/explain-words" | head -n 10)"

	man_entry "$tmp/man1.txt" OPTIONS "--what-if" | words > "$tmp/man-words"
	explained what-if | words > "$tmp/explain-words"
	check "--explain what-if has the words of its OPTIONS entry" \
		cmp -s "$tmp/man-words" "$tmp/explain-words"

	for section in "THE LRU ENGINE" "EXIT STATUS" "PSS AND USS BUDGET"; do
		man_section "$tmp/man1.txt" "$section" | words > "$tmp/man-words"
		explain "$section" | sed '$d' | words > "$tmp/explain-words"
		check "--explain '$section' has the words of the section (examples kept)" \
			cmp -s "$tmp/man-words" "$tmp/explain-words"
	done

	# The symptoms of memlens-diagnostics(7), once the page is written.
	if [ -f "$man7" ]; then
		mandoc -Tascii "$man7" 2> /dev/null | col -bx > "$tmp/man7.txt"
		symptoms=$(sed -n 's/^\.SH "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$man7" |
			grep -v -x -e NAME -e SYNOPSIS -e DESCRIPTION -e 'SEE ALSO' \
			-e AUTHORS -e BUGS -e COPYRIGHT)
		differ=""
		for s in $(echo "$symptoms" | tr ' ' '_'); do
			s=$(echo "$s" | tr _ ' ')
			name=$(echo "$s" | tr 'A-Z ' 'a-z-')
			man_section "$tmp/man7.txt" "$s" | words > "$tmp/man-words"
			explain "$name" | sed '$d' | words > "$tmp/explain-words"
			cmp -s "$tmp/man-words" "$tmp/explain-words" || differ="$differ $name"
		done
		check "every symptom of memlens-diagnostics(7) is a topic with its words${differ:+ (differ:$differ)}" \
			test -n "$symptoms" -a -z "$differ"
	else
		skip "memlens-diagnostics(7) symptoms (the page is not written yet)"
	fi
else
	for t in fields what-if lru-engine exit-status budget diagnostics; do
		skip "the words of the manual: $t (mandoc or col not installed)"
	done
fi

# ---- names -----------------------------------------------------------------------

explain uss_kb > "$tmp/a"; explain USS > "$tmp/b"; explain uss > "$tmp/c"
check "a field by its name, its column title, and the title in any case" \
	sh -c 'cmp -s "$1" "$2" && cmp -s "$1" "$3"' sh "$tmp/a" "$tmp/b" "$tmp/c"
explain "pss and uss budget" > "$tmp/a"; explain PSS-AND-USS-BUDGET > "$tmp/b"
check "a section by its title, with spaces or dashes" \
	sh -c 'cmp -s "$1" "$2" && grep -q "See memlens(1), PSS AND USS BUDGET\." "$1"' \
	sh "$tmp/a" "$tmp/b"
explain AGE > "$tmp/age"
check "a title two fields share explains both (smaps_time, age_s)" \
	sh -c 'grep -q "^smaps_time (AGE" "$1" && grep -q "^age_s (AGE" "$1"' sh "$tmp/age"
explain processes[].pss_kb > "$tmp/json"
check "a snapshot key of memlens-json(5)" \
	sh -c 'grep -q "^pss_kb (integer, KiB" "$1" &&
	       grep -q "See memlens-json(5), KEYS\." "$1"' sh "$tmp/json"
explain free_pages > "$tmp/json"
check "a bare key of memlens-json(5) that memlens(1) does not have" \
	grep -q "See memlens-json(5), KEYS\." "$tmp/json"
explain pid > "$tmp/pid"
check "a field hides the option of the same name (pid, not --pid)" \
	sh -c 'grep -q "See memlens(1), FIELDS\." "$1" &&
	       ! grep -q OPTIONS "$1"' sh "$tmp/pid"

explain oom > "$tmp/oom"
long=$(awk 'length > 79' "$tmp/oom" | grep -v '^        ' | head -n 1)
check "text is wrapped to 79 columns off a terminal${long:+ ($long)}" test -z "$long"

# ---- unknown topics, the list -------------------------------------------------------

explain pss_kv > "$tmp/out" 2> "$tmp/err"
check "an unknown topic exits 2" test $? -eq 2
check "an unknown topic prints nothing on stdout" test ! -s "$tmp/out"
check "an unknown topic suggests the close one (pss_kb)" \
	grep -q "did you mean.*pss_kb" "$tmp/err"
explain budget > /dev/null 2> "$tmp/err"
check "no suggestion is a stretch: budget gets none, and the hint to list" \
	sh -c '! grep -q "did you mean" "$1" && grep -q "memlens --explain list" "$1"' \
	sh "$tmp/err"
explain frag > /dev/null 2> "$tmp/err"
check "a prefix is a suggestion (frag: fragmentation_score...)" \
	grep -q "did you mean.*frag" "$tmp/err"

explain list > "$tmp/list"
check "--explain list exits 0" test $? -eq 0
"$MEMLENS" --explain > "$tmp/bare"
check "--explain with no topic is the list" cmp -s "$tmp/list" "$tmp/bare"
grep '^  ' "$tmp/list" | tr ',' '\n' | sed -n 's/^ *\([^ ].*\)/\1/p' > "$tmp/names"
missing=""
for name in $views oom buddy lru pss_kb --sim --what-if pss-and-uss-budget \
            'processes[].pss_kb'; do
	grep -Fxq -- "$name" "$tmp/names" || missing="$missing $name"
done
check "the list has views, engines, fields, options, sections, keys${missing:+ (missing:$missing)}" \
	test -z "$missing"
n=$(wc -l < "$tmp/names")
bad=0
for name in $(awk 'NR % 25 == 1' "$tmp/names"); do
	explain "$name" > /dev/null 2>&1 || bad=$((bad + 1))
done
check "every 25th listed name ($n listed) is a topic" test "$bad" -eq 0

# bash completes topics from the list (a section only the list has).
if command -v bash > /dev/null; then
	got=$(bash -c '. "$1"; COMP_WORDS=("$2" --explain pss-a); COMP_CWORD=2
	               _memlens; echo "${COMPREPLY[*]}"' sh \
	      "$top_srcdir/completion/memlens" "$MEMLENS")
	check "completion/memlens completes topics of the list ($got)" \
		test "$got" = pss-and-uss-budget
else
	skip "completion of topics (bash not installed)"
fi

# ---- the generator ------------------------------------------------------------------

"$gen" --topics "$man1" "$tmp/no-such-page.7" > "$tmp/topics" 2> "$tmp/gen-err"
check "gen-explain skips a page that does not exist" \
	sh -c 'test $? -eq 0 && grep -q "no-such-page.7: not there" "$1" &&
	       grep -q "^FIELD	pss_kb	memlens(1)	FIELDS	 pss_kb PSS	" "$2"' \
	sh "$tmp/gen-err" "$tmp/topics"
"$gen" --topics "$man1" "$sample7" > "$tmp/topics"
check "a symptom by its lower-case name, with the views it names (buddy)" \
	grep -q "^DIAGNOSTIC	fragmentation	memlens-diagnostics(7)	FRAGMENTATION	 fragmentation	buddy$" "$tmp/topics"
check "a symptom of two words (-v faults, the lru view)" \
	grep -q "^DIAGNOSTIC	swap-thrashing	memlens-diagnostics(7)	SWAP THRASHING	 swap-thrashing	faults lru$" "$tmp/topics"
check "NAME and SEE ALSO are no symptoms" \
	sh -c '! grep -q "^DIAGNOSTIC	\(name\|see-also\)	" "$1"' sh "$tmp/topics"
"$gen" "$man1" "$sample7" > "$tmp/topics.c"
check "roff reduced: \\(em as --, a .TP tag as a term, .EX kept" \
	sh -c 'grep -q "\"Near 1: the failure is fragmentation -- compaction helps.\"" "$1" &&
	       grep -q "{ 1, 0, 1, \"extfrag_index\" }" "$1" &&
	       grep -q "{ 2, 2, 1, \"memlens -b -v buddy --sim buddy\" }" "$1"' \
	sh "$tmp/topics.c"
"$gen" "$man1" "$man5" "$man7" > "$tmp/again.c" 2> /dev/null
"$gen" "$man1" "$man5" "$man7" > "$tmp/again2.c" 2> /dev/null
check "the generated table does not depend on the run" cmp -s "$tmp/again.c" "$tmp/again2.c"
done_testing
