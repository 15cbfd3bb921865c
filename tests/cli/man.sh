#!/bin/sh
# The manual pages against the program: both pages lint clean (groff and
# mandoc), memlens-json(5) is what tools/gen-json-man makes of the field
# tables today, memlens(1) documents every option of --help and nothing
# else, every process field and every view, the bash completion knows every
# option and sort key, and `make install` installs the program and both
# pages.
. "${top_srcdir:-.}/tests/lib/tap.sh"

man1="$top_srcdir/man/memlens.1"
man5="$top_srcdir/man/memlens-json.5"
gen="${top_builddir:-.}/tools/gen-json-man"
completion="$top_srcdir/completion/memlens"

# ---- lint ---------------------------------------------------------------

# groff prints nothing on a clean page, whatever its exit status.
lint_groff() { # page
	if ! command -v groff > /dev/null; then
		skip "groff lints $(basename "$1") (groff not installed)"
		return
	fi
	groff -man -ww -z "$1" > "$tmp/groff" 2>&1
	if [ -s "$tmp/groff" ]; then
		diag "$(cat "$tmp/groff")"
		not_ok "groff -man -ww -z: $(basename "$1") is clean"
	else
		ok "groff -man -ww -z: $(basename "$1") is clean"
	fi
}

# mandoc: warnings and errors fail; style notes (line length, wording) are
# shown as diagnostics only, so that a cosmetic note never breaks CI.
lint_mandoc() { # page
	if ! command -v mandoc > /dev/null; then
		skip "mandoc lints $(basename "$1") (mandoc not installed)"
		return
	fi
	mandoc -Tlint -W style "$1" > "$tmp/style" 2>&1
	[ -s "$tmp/style" ] && diag "$(cat "$tmp/style")"
	mandoc -Tlint -W warning "$1" > "$tmp/mandoc" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$tmp/mandoc" ]; then
		ok "mandoc -Tlint -W warning: $(basename "$1") is clean"
	else
		diag "$(cat "$tmp/mandoc")"
		not_ok "mandoc -Tlint -W warning: $(basename "$1") is clean (exit $rc)"
	fi
}

for page in "$man1" "$man5" "$top_srcdir/man/memlens-diagnostics.7"; do
	lint_groff "$page"
	lint_mandoc "$page"
done

# ---- memlens-json(5) is generated ----------------------------------------

if [ -x "$gen" ]; then
	"$gen" > "$tmp/memlens-json.5"
	if cmp -s "$tmp/memlens-json.5" "$man5"; then
		ok "man/memlens-json.5 matches the field tables"
	else
		diag "$(diff -u "$man5" "$tmp/memlens-json.5" | head -n 40)"
		not_ok "man/memlens-json.5 is stale: run make update-man"
	fi
else
	not_ok "tools/gen-json-man is built (run make)"
fi

# ---- options: --help, memlens(1), completion ----------------------------

"$MEMLENS" --help > "$tmp/help"
grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u > "$tmp/help-long"
sed -n 's/^ *\(-[a-zA-Z]\),.*/\1/p' "$tmp/help" | sort -u > "$tmp/help-short"
check "--help lists long options" test -s "$tmp/help-long"
check "--help lists short options" test -s "$tmp/help-short"

# Long options in the tag lines (after .TP) of memlens(1)'s OPTIONS.
sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$man1" |
	awk '/^\.TP/ { if (getline > 0) print }' | sed 's/\\-/-/g' |
	grep -o -- '--[a-z][a-z-]*' | sort -u > "$tmp/man-long"
check "memlens.1 OPTIONS documents options" test -s "$tmp/man-long"

missing=$(comm -23 "$tmp/help-long" "$tmp/man-long" | tr '\n' ' ')
check "every --help option is in memlens.1 OPTIONS${missing:+ (missing: $missing)}" \
	test -z "$missing"
extra=$(comm -13 "$tmp/help-long" "$tmp/man-long" | tr '\n' ' ')
check "every memlens.1 option is in --help${extra:+ (not in --help: $extra)}" \
	test -z "$extra"

# The word list completed for an option name (the last compgen -W).
words=" $(sed -n "s/.*compgen -W '\(-[^']*\)' -- .*/\1/p" "$completion" | tail -n 1) "
missing=""
for opt in $(cat "$tmp/help-short" "$tmp/help-long"); do
	case $words in *" $opt "*) ;; *) missing="$missing $opt" ;; esac
done
check "completion/memlens completes every --help option${missing:+ (missing:$missing)}" \
	test -z "$missing"

# ---- fields and views ----------------------------------------------------

# The process fields --sort accepts, as the completion offers them.
if [ -x "$gen" ]; then
	"$gen" --sort-keys | sort > "$tmp/sort-keys"
	sed -n '/-s|--sort)/,/return/p' "$completion" |
		sed -n "s/.*compgen -W '\([^']*\)'.*/\1/p" | tr ' ' '\n' |
		sed '/^$/d' | sort > "$tmp/completion-sort"
	if cmp -s "$tmp/sort-keys" "$tmp/completion-sort"; then
		ok "completion/memlens offers exactly the sort keys"
	else
		diag "$(diff "$tmp/sort-keys" "$tmp/completion-sort")"
		not_ok "completion/memlens offers exactly the sort keys"
	fi

	# --explain completes every process field.
	explain=" $(sed -n '/--explain)/,/return/p' "$completion" |
		sed -n "s/.*compgen -W '\([^']*\)'.*/\1/p") "
	missing=""
	for key in $("$gen" --keys | sed -n 's/^processes\[\]\.//p'); do
		case $explain in *" $key "*) ;; *) missing="$missing $key" ;; esac
	done
	check "completion/memlens completes every field after --explain${missing:+ (missing:$missing)}" \
		test -z "$missing"

	# Every process field (processes[].NAME) has an entry (.BR NAME ...)
	# under FIELDS.
	sed -n '/^\.SH FIELDS/,/^\.SH /p' "$man1" > "$tmp/fields"
	missing=""
	for key in $("$gen" --keys | sed -n 's/^processes\[\]\.//p'); do
		grep -q -- "^\.B[RI]* $key\( \|$\)" "$tmp/fields" ||
			missing="$missing $key"
	done
	check "memlens.1 FIELDS describes every process field${missing:+ (missing:$missing)}" \
		test -z "$missing"
else
	skip "field checks (tools/gen-json-man not built)"
fi

# The page against the JSON writer: the top-level keys of a real snapshot,
# and the keys of its "rates" object, are the ones memlens-json(5) lists.
if ! command -v jq > /dev/null; then
	skip "JSON keys against memlens-json(5) (jq not installed)"
elif [ -x "$gen" ] &&
     "$MEMLENS" -b -o json -n 2 -d 0.05 -v all > "$tmp/two.jsonl" 2> /dev/null; then
	tail -n 1 "$tmp/two.jsonl" | jq -r 'keys[]' > "$tmp/json-top"
	"$gen" --keys | grep -v '[].]' | sort > "$tmp/doc-top"
	if cmp -s "$tmp/json-top" "$tmp/doc-top"; then
		ok "memlens-json(5) lists exactly the top-level keys memlens writes"
	else
		diag "$(diff "$tmp/doc-top" "$tmp/json-top")"
		not_ok "memlens-json(5) lists exactly the top-level keys memlens writes"
	fi
	tail -n 1 "$tmp/two.jsonl" | jq -r '.rates | keys[]' > "$tmp/json-rates"
	sed -n '/^\.SH RATES/,/^\.SH /s/^\.B \\%\([a-z_]*_rate\),\{0,1\}$/\1/p' "$man5" |
		sort > "$tmp/doc-rates"
	if test -s "$tmp/doc-rates" && cmp -s "$tmp/json-rates" "$tmp/doc-rates"; then
		ok "memlens-json(5) lists exactly the rates memlens writes"
	else
		diag "$(diff "$tmp/doc-rates" "$tmp/json-rates")"
		not_ok "memlens-json(5) lists exactly the rates memlens writes"
	fi
else
	not_ok "memlens -b -o json -n 2 runs (for the key checks)"
fi

# Every view, as the usage error lists them, has its entry under VIEWS.
"$MEMLENS" -b -v nosuchview > /dev/null 2> "$tmp/views-err"
views=$(sed -n 's/.*(views: \([^)]*\)).*/\1/p' "$tmp/views-err" | tr -d ',')
check "the usage error lists the views" test -n "$views"
sed -n '/^\.SH VIEWS/,/^\.SH /p' "$man1" > "$tmp/views"
missing=""
for v in $views; do
	[ "$v" = all ] && continue
	grep -q -- "^\.B[RI]* $v\( \|$\)" "$tmp/views" || missing="$missing $v"
done
check "memlens.1 VIEWS has an entry for every view${missing:+ (missing:$missing)}" \
	test -z "$missing"

for section in SYNOPSIS DESCRIPTION OPTIONS VIEWS FIELDS ENVIRONMENT FILES \
               "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	check "memlens.1 has the section $section" \
		grep -q "^\.SH \"\{0,1\}$section\"\{0,1\}$" "$man1"
done

# ---- make install ---------------------------------------------------------

# A clean environment: the make running the tests must not pass its job
# server or variables to this one.
(
	unset MAKEFLAGS MFLAGS MAKELEVEL
	make -C "${top_builddir:-.}" install DESTDIR="$tmp/inst"
) > "$tmp/install.log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	diag "$(tail -n 20 "$tmp/install.log")"
	not_ok "make install DESTDIR=... succeeds (exit $rc)"
else
	ok "make install DESTDIR=... succeeds"
fi
installed() { # description, path pattern below DESTDIR
	found=$(find "$tmp/inst" -path "$tmp/inst/$2" 2> /dev/null | head -n 1)
	check "make install installs $1${found:+ (${found#"$tmp/inst"})}" test -n "$found"
}
installed "bin/memlens" "*/bin/memlens"
installed "memlens.1" "*/man/man1/memlens.1"
installed "memlens-json.5" "*/man/man5/memlens-json.5"
installed "memlens-diagnostics.7" "*/man/man7/memlens-diagnostics.7"
installed "the bash completion" "*/bash-completion/completions/memlens"
bin=$(find "$tmp/inst" -path "*/bin/memlens" 2> /dev/null | head -n 1)
if [ -n "$bin" ]; then
	check "the installed memlens runs" sh -c "\"\$1\" --version > /dev/null" sh "$bin"
fi
done_testing
