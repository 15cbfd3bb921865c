#!/bin/sh
# memlens(1) against the tables the program prints: every column title of
# the batch text tables of procs, vmas, faults, slab, numa and thp, and
# every label of the overview's lines, is a tag of a .TP list in its view's
# entry under VIEWS (or of FIELDS, where the process fields are); so are
# the columns only the interactive view has (their titles in src/view/).
# Titles come from a recording (every section, the same on any machine)
# and from the live system (what this kernel adds).
. "${top_srcdir:-.}/tests/lib/tap.sh"

man1="$top_srcdir/man/memlens.1"
rec="$FIXTURES/recordings/tui.jsonl"
views="procs vmas faults slab numa thp"

# ---- the page: tag words per view ------------------------------------------

# The tags (the line after .TP) of the lines of the page given on stdin, as
# plain text, one word a line: fonts dropped, arguments of the alternating
# font macros (.BR, .BI, ...) joined as roff joins them.
tag_words() {
	awk '
	function plain(line,    macro, rest, out, arg, n, i, c, q, alt) {
		if (line !~ /^\./)
			return line
		macro = line; sub(/[ \t].*/, "", macro)
		rest = line; sub(/^\.[A-Za-z]+[ \t]*/, "", rest)
		alt = (length(macro) == 3)      # .BR .BI .IB .RB .IR .RI
		n = 0; arg = ""; q = 0
		for (i = 1; i <= length(rest); i++) {
			c = substr(rest, i, 1)
			if (c == "\"") { q = !q; continue }
			if (!q && (c == " " || c == "\t")) {
				if (arg != "") { a[++n] = arg; arg = "" }
				continue
			}
			arg = arg c
		}
		if (arg != "") a[++n] = arg
		out = ""
		for (i = 1; i <= n; i++)
			out = out (i > 1 && !alt ? " " : "") a[i]
		return out
	}
	tag { print plain($0); tag = 0; next }
	/^\.TP/ { tag = 1 }
	' | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\&//g' \
	        -e 's/\\(mu/x/g' |
		tr ' ,;()' '\n\n\n\n\n' | sed '/^$/d' | sort -u
}

# The lines of a view's entry: from its tag to the next view's, or the end
# of VIEWS.  "overview": the text of VIEWS before the first view.
view_entry() { # view
	sed -n '/^\.SH VIEWS/,/^\.SH /p' "$man1" | awk -v v="$1" '
		/^\.SH / && NR > 1 { exit }
		/^\.BR [a-z]+ " \(key [0-9]\)"$/ {
			name = $2
			inview = (name == v)
			seen = 1
			next
		}
		v == "overview" && !seen { print; next }
		inview { print }'
}

sed -n '/^\.SH FIELDS/,/^\.SH /p' "$man1" | tag_words > "$tmp/fields-words"
check "memlens.1 FIELDS has tagged entries" test -s "$tmp/fields-words"
for v in overview $views; do
	view_entry "$v" | tag_words > "$tmp/words-$v"
	cat "$tmp/fields-words" >> "$tmp/words-$v"
done
view_entry overview | tag_words > "$tmp/words-overview"
check "memlens.1 VIEWS has a tagged list for the overview" \
	test -s "$tmp/words-overview"

# Whether a title is a tag word of the view: N0, N1 are "N<node>"; a rate
# "numa_hit/s" is documented with its counter.
documented() { # view, title
	t=$2
	case $t in
	N[0-9]*) t=Nnode ;;
	esac
	grep -Fxq -- "$t" "$tmp/words-$1" && return 0
	case $t in
	[a-z]*/s) grep -Fxq -- "${t%/s}" "$tmp/words-$1" && return 0 ;;
	esac
	return 1
}

# ---- the program: column titles of batch text -----------------------------

# The header lines of the tables of a batch text output: a first word in
# capitals (PID, ADDRESS, COUNTER, NODE, SETTING, SIZE_KB, ...) on a line
# without ':' or ','.  Data rows start with a number or a lower-case name.
headers() {
	awk '$1 ~ /^[A-Z][A-Z0-9_\/]+$/ && !/[:,]/'
}

# The titles of a header line, less the ones that are data: node ids of
# DISTANCE, page sizes (8kB) of the per-size THP counters.
titles() {
	tr -s ' ' '\n' | sed '/^$/d' | grep -v -x -e '[0-9][0-9]*' \
		-e '[0-9][0-9]*kB'
}

if [ -r "$rec" ]; then
	for v in $views; do
		"$MEMLENS" -b -r "$rec" -n 1 -v "$v" > "$tmp/rec-$v.txt" 2> /dev/null
		headers < "$tmp/rec-$v.txt" > "$tmp/head-$v"
		check "the recording's $v view prints a table header" \
			test -s "$tmp/head-$v"
	done
else
	for v in $views; do
		: > "$tmp/head-$v"
		skip "the recording's $v view prints a table header (no $rec)"
	done
fi

# Live: what this kernel adds (per-size THP settings, zswap's pool, a NUMA
# machine's nodes); slab only as root, vmas of this shell.
for v in $views; do
	case $v in
	vmas) set -- -p $$ ;;
	*) set -- ;;
	esac
	"$MEMLENS" -b -v "$v" "$@" > "$tmp/live-$v.txt" 2> /dev/null
	headers < "$tmp/live-$v.txt" >> "$tmp/head-$v"
done

for v in $views; do
	missing=""
	for t in $(titles < "$tmp/head-$v" | sort -u); do
		documented "$v" "$t" || missing="$missing $t"
	done
	check "every column title of the $v view is documented in memlens.1${missing:+ (missing:$missing)}" \
		test -z "$missing"
done

# The overview's lines: their labels (Mem:, Swap:, ..., Node) are tags.
cat "$tmp/rec-procs.txt" "$tmp/live-procs.txt" 2> /dev/null |
	sed '/^\[/,$d' | awk '$1 ~ /:$/ || $1 == "Node" { print $1 }' |
	sort -u > "$tmp/labels"
check "the overview prints labelled lines" test -s "$tmp/labels"
missing=""
for l in $(cat "$tmp/labels"); do
	grep -Fxq -- "$l" "$tmp/words-overview" || missing="$missing $l"
done
check "every line of the overview is documented in VIEWS${missing:+ (missing:$missing)}" \
	test -z "$missing"

# ---- the interactive view's own columns ---------------------------------

# Columns the TUI adds to the fields of the tables (FLT/s, WASTE, THPEL via
# the schema, ...): the titles set in src/view/VIEW.c.
for v in vmas faults slab; do
	src="$top_srcdir/src/view/$v.c"
	sed -n 's/.*\.title = \(N_(\)\{0,1\}"\([^"]*\)".*/\2/p' "$src" |
		sort -u > "$tmp/tui-$v"
	missing=""
	for t in $(cat "$tmp/tui-$v"); do
		documented "$v" "$t" || missing="$missing $t"
	done
	check "the $v view's own columns (src/view/$v.c) are documented${missing:+ (missing:$missing)}" \
		test -s "$tmp/tui-$v" -a -z "$missing"
done
# The columns the vmas view shows by default (vmas_shown[]) and slab's
# (slab_fields_shown[]), by their field titles.
for pair in vmas:vma_fields:vmas_shown slab:slab_fields:slab_fields_shown; do
	v=${pair%%:*}; rest=${pair#*:}; table=${rest%%:*}; shown=${rest#*:}
	names=$(sed -n "/$shown\[\] = {/,/};/p" "$top_srcdir/src/view/$v.c" |
		grep -o '"[a-z_]*"' | tr -d '"')
	missing=""
	n=0
	for name in $names; do
		t=$(sed -n "/^static const struct field $table\[\]/,/^};/p" \
			"$top_srcdir/src/model/schema.c" |
			tr '\n' ' ' |
			grep -o "[( ]$name, \([^,\"]*, \)\{0,1\}\(N_(\)\{0,1\}\"[^\"]*\"" |
			head -n 1 |
			sed 's/.*"\([^"]*\)"$/\1/')
		[ -n "$t" ] || continue
		n=$((n + 1))
		documented "$v" "$t" || missing="$missing $t"
	done
	check "the $v view's default columns ($n by their field titles) are documented${missing:+ (missing:$missing)}" \
		test "$n" -gt 3 -a -z "$missing"
done

# ---- nothing stale ---------------------------------------------------------

stale=$(grep -n -i 'not part of this version\|not read by this version' "$man1" |
	tr '\n' ' ')
check "memlens.1 says no view is missing from this version${stale:+ ($stale)}" \
	test -z "$stale"

done_testing
