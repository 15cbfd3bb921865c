# bench/lib.sh - what the benchmarks share (sourced by run.sh and
# scale.sh, after they set $tmp, RUNS and STEADY): CPU time of a command,
# the median of RUNS of them, per-refresh cost and ratios.

die() { echo "bench: $*" >&2; exit 1; }

# cpu_ms CMD...: CPU time (user + system) of CMD in milliseconds.  `times`
# in the subshell prints the subshell's own line, then its children's, which
# is CMD alone.  The output of CMD goes to $tmp/out.
cpu_ms() {
	local line
	rm -f "$tmp/failed"
	line=$( { "$@" > "$tmp/out" 2> "$tmp/err" || : > "$tmp/failed"; times; } |
		tail -n 1)
	[ -e "$tmp/failed" ] && die "'$*' failed: $(head -n 3 "$tmp/err")"
	# "0m0.123s 0m0.045s"
	awk '{
		total = 0
		for (i = 1; i <= 2; i++) {
			split($i, part, "m"); sub("s", "", part[2])
			total += part[1] * 60 + part[2]
		}
		printf "%.1f\n", total * 1000
	}' <<< "$line"
}

# median_ms CMD...: the median of RUNS runs of cpu_ms.
median_ms() {
	local r
	for ((r = 0; r < RUNS; r++)); do cpu_ms "$@"; done |
		sort -n | awk '{ v[NR] = $1 } END {
			if (NR % 2) print v[(NR + 1) / 2]
			else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ratio A B: A / B to two places, or n/a.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b
		else print "n/a" }'
}

# per_refresh MANY ONE: the cost of one of STEADY more refreshes.
per_refresh() { awk -v many="$1" -v one="$2" -v n="$STEADY" 'BEGIN { printf "%.1f", (many - one) / n }'; }
