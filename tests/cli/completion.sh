#!/bin/sh
# The bash completion (completion/memlens): what it offers after -v, --sim
# and -o (the views and engines DESIGN.md names, the output formats), the
# last item of a comma-separated list completed without losing the items
# before it, long options; and make install puts it where bash-completion
# looks (share/bash-completion/completions/memlens).  man.sh checks that it
# knows every option of --help and every sort field.
. "${top_srcdir:-.}/tests/lib/tap.sh"

if ! command -v bash > /dev/null; then
	skip "bash is not installed"
	done_testing
	exit $?
fi

# complete WORD...: what the completion offers for the last word.
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_memlens; echo "${COMPREPLY[*]}"' sh \
		"$top_srcdir/completion/memlens" memlens "$@"
}

# offers WORDS EXPECTED...: the completion of WORDS is exactly EXPECTED.
offers() { # description expected words...
	d=$1 want=$2
	shift 2
	got=$(complete_words "$@")
	if [ "$got" = "$want" ]; then ok "$d"; else not_ok "$d (got: $got)"; fi
}

offers "-v offers every view and all" \
	"procs vmas faults slab numa thp buddy lru oom all" -v ""
offers "--view completes a view" "buddy" --view bu
offers "-v keeps the items before the last comma" "procs,slab" -v procs,sl
offers "-v after a comma offers every view again" \
	"thp,procs thp,vmas thp,faults thp,slab thp,numa thp,thp thp,buddy thp,lru thp,oom thp,all" \
	-v thp,
offers "--sim offers the three engines" "oom buddy lru" --sim ""
offers "--sim keeps the engines before the last comma" "oom,lru" --sim oom,l
offers "-o offers the output formats" "text json openmetrics" -o ""
offers "long options complete" "--view" --vi
if [ -n "${top_builddir:-}" ] && [ -f "$top_builddir/Makefile" ]; then
	make -s -C "$top_builddir" DESTDIR="$tmp/inst" \
		install-dist_bashcompletionDATA > "$tmp/install.log" 2>&1
	check "make install puts it in share/bash-completion/completions" \
		test -n "$(find "$tmp/inst" -path '*/share/bash-completion/completions/memlens')"
else
	skip "no build tree: the install is not tested"
fi
done_testing
