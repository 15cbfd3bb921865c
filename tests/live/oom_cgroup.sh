#!/bin/sh
# The oom engine against the kernel's own OOM killer, in a fresh memory
# cgroup (v1 memory controller, or v2 with memory enabled): four memhog
# processes of known size and oom_score_adj, memlens asked who the victim
# would be (--cgroup PATH --sim oom -o json), then one of them grows past
# the group's limit, and the process the kernel kills must be the one
# memlens named.  Afterwards memlens must find the kill in the kernel log
# and pick the same victim from its task dump.  Skipped where a cgroup
# cannot be created (not root, no memory controller).
#
#   small  16 MiB  adj 0      badness   4096 + pt
#   big    96 MiB  adj 0      badness  24576 + pt
#   tagged 32 MiB  adj 800    badness   8192 + 800 x (65536 / 1000) = 60192
#   grower  0 MiB, grows 160 MiB: at most ~48000 pages inside 256 MiB
# so the kernel must kill "tagged", although it is not the largest.
. "${top_srcdir:-.}/tests/lib/tap.sh"
# With swap on the group would swap instead of meeting the OOM killer;
# tests/live/lru_workload.sh holds this lock exclusively while swap is on.
exec 8> /tmp/memlens-swap.lock && flock -s 8

jqtrue() { jq -e "$@" > /dev/null 2>&1; }
memhog="${top_builddir:-.}/tests/live/memhog"
name="memlens-oom-test.$$"
cg=
pids=

cleanup() {
	for p in $pids; do kill -9 "$p" 2> /dev/null; done
	wait 2> /dev/null
	[ -n "$cg" ] && [ -d "$cg" ] && rmdir "$cg" 2> /dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# ---- a cgroup of 256 MiB -------------------------------------------------

make_group() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "not root"
		return 1
	fi
	if [ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
		cg=/sys/fs/cgroup/memory/$name
		mkdir "$cg" 2> /dev/null || { echo "cannot mkdir $cg"; cg=; return 1; }
		echo $((256 << 20)) > "$cg/memory.limit_in_bytes" || return 1
		procs=$cg/cgroup.procs
		return 0
	fi
	for root in /sys/fs/cgroup /sys/fs/cgroup/unified; do
		if grep -qw memory "$root/cgroup.subtree_control" 2> /dev/null; then
			cg=$root/$name
			mkdir "$cg" 2> /dev/null || { echo "cannot mkdir $cg"; cg=; return 1; }
			echo $((256 << 20)) > "$cg/memory.max" || return 1
			echo 0 > "$cg/memory.swap.max" 2> /dev/null
			procs=$cg/cgroup.procs
			return 0
		fi
	done
	echo "no memory cgroup controller"
	return 1
}

if ! command -v jq > /dev/null; then
	skip "memcg OOM test (jq not installed)"
	done_testing
	exit
fi
if ! make_group > "$tmp/why" 2>&1; then
	skip "memcg OOM test: cannot create a memory cgroup ($(cat "$tmp/why"))"
	done_testing
	exit
fi
ok "created $cg with a 256 MiB limit"

# wait_for SECONDS COMMAND...: polls until the command succeeds.
wait_for() {
	local tries=$(($1 * 10))
	shift
	while [ $tries -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		tries=$((tries - 1))
	done
	return 1
}

# start NAME ANON_MIB GROW_MIB ADJ: a memhog in the group; sets $pid.
start() {
	sh -c 'echo $$ > "$1" && echo "$2" > /proc/$$/oom_score_adj &&
	       exec "$3" "$4" 0 /dev/null "$5" "$6"' start \
		"$procs" "$4" "$memhog" "$2" "$3" "$1" > "$tmp/$1.out" &
	pid=$!
	pids="$pids $pid"
	wait_for 20 grep -q ready "$tmp/$1.out"
}

start oomt-small 16 0 0 && small=$pid &&
start oomt-big 96 0 0 && big=$pid &&
start oomt-tagged 32 0 800 && tagged=$pid &&
start oomt-grower 0 160 0 && grower=$pid
if [ -z "$grower" ]; then
	not_ok "four memhogs ready in the group"
	done_testing
	exit
fi
ok "four memhogs ready in the group (small $small, big $big, tagged $tagged, grower $grower)"
diag "tagged adj: $(cat /proc/"$tagged"/oom_score_adj 2> /dev/null)"

# ---- memlens names the victim ---------------------------------------------

rel=/$name
"$MEMLENS" -b -n 1 --sim oom --cgroup "$rel" -o json > "$tmp/before.json" \
	2> "$tmp/err"
check "memlens --cgroup $rel --sim oom: exit 0" test $? -eq 0
check "scope is the group, totalpages 65536 (256 MiB, no swap)" jqtrue \
	'.sim.oom.scope == "memcg '"$rel"'" and .sim.oom.totalpages == 65536
	 and .sim.oom.constraint == "CONSTRAINT_MEMCG"' "$tmp/before.json"
check "the four processes, all killable, none unknown" jqtrue \
	'.sim.oom.nkillable == 4 and .sim.oom.nunknown == 0' "$tmp/before.json"
victim=$(jq -r '.sim.oom.victim' "$tmp/before.json")
diag "memlens: victim $victim; order $(jq -c '[.sim.oom.kill_order[].pid]' "$tmp/before.json")"
check "memlens names the tagged process ($tagged) as the victim" \
	test "$victim" = "$tagged"
check "its badness: 8192 + pt + 800 x 65" jqtrue \
	'.sim.oom.ranking[0] | .adj_pages == 52000 and
	 .badness == .rss_pages + .swap_pages + .pgtables_pages + 52000' \
	"$tmp/before.json"
check "the model's oom_score of each matches the kernel's" jqtrue \
	'[.sim.oom.ranking[] | select(.score_match != null) | .score_match]
	 | length >= 1 and all(. == 1)' "$tmp/before.json"

# ---- the kernel decides ------------------------------------------------------

kill -USR1 "$grower"
gone() { ! kill -0 "$1" 2> /dev/null; }
if wait_for 30 gone "$tagged"; then
	wait "$tagged"
	status=$?
else
	status="still running"
	for p in $small $big $grower; do
		gone "$p" && diag "the kernel killed $p instead"
	done
fi
check "the kernel killed $tagged with SIGKILL (exit status $status)" \
	test "$status" = 137
for p in $small $big; do
	check "$p survived" kill -0 "$p"
done
if [ -f "$cg/memory.oom_control" ]; then
	check "memory.oom_control counts the kill" \
		grep -Eq '^oom_kill [1-9]' "$cg/memory.oom_control"
else
	check "memory.events counts the kill" \
		grep -Eq '^oom_kill [1-9]' "$cg/memory.events"
fi

# ---- the post-mortem: the kill in the kernel log ---------------------------

"$MEMLENS" -b -n 1 --sim oom -o json > "$tmp/after.json" 2> "$tmp/err"
if jqtrue '.unavailable.oom_log != null' "$tmp/after.json"; then
	skip "post-mortem: $(jq -r .unavailable.oom_log "$tmp/after.json")"
else
	check "the log's report of $tagged, with its task dump" jqtrue \
		'[.oom_log.reports[] | select(.victim_pid == '"$tagged"')][-1]
		 | .constraint == "CONSTRAINT_MEMCG" and (.tasks | length) >= 3
		 and .memcg_limit_kb == 262144' "$tmp/after.json"
	check "the model picks $tagged from that dump" jqtrue \
		'[.sim.oom.past[] | select(.victim_pid == '"$tagged"')][-1]
		 | .agrees == 1 and .totalpages == 65536' "$tmp/after.json"
fi
done_testing
