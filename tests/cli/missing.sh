#!/bin/sh
# Missing features on captured trees (--root): an old kernel (2.6.32: no
# PSI, no slabinfo), no NUMA, no zswap, no swap, cgroup v1 and v2, and the
# 64-node machine.  Every view's batch text renders (its title line is
# there), stderr stays quiet, and each missing part says it is unavailable
# with its reason once: a second mention of the same part only points back
# ("see above"), it does not repeat the reason.
. "${top_srcdir:-.}/tests/lib/tap.sh"

views="procs vmas faults slab numa thp buddy lru oom"

# Lines "n/a (KEY): REASON" whose KEY already had a reason earlier.
repeated_reasons() { # file
	sed -n 's/.*n\/a (\([^)]*\)): \(.*\)$/\1	\2/p' "$1" |
		awk -F '\t' '$2 != "see above" { if (seen[$1]++) print }'
}

for name in pcp-procpid-2.6.32-root-001 jc-ubuntu-5.8-vm gopsutil-issue1002 \
            pcp-cgroups-root-003 pcp-cgroups-root-004 hwloc-256ia64-64n2s2c; do
	dir="$FIXTURES/$name"
	"$MEMLENS" -b --root "$dir" -v all > "$tmp/out" 2> "$tmp/err"
	check "$name: exit 0, nothing on stderr" test $? -eq 0 -a ! -s "$tmp/err"
	missing=""
	for v in $views; do
		grep -q "^\[$v\] " "$tmp/out" || missing="$missing $v"
	done
	check "$name: every view renders${missing:+ (missing:$missing)}" test -z "$missing"
	repeated_reasons "$tmp/out" > "$tmp/rep"
	check "$name: each unavailable part gives its reason once" test ! -s "$tmp/rep"
	[ -s "$tmp/rep" ] && diag "$(head -3 "$tmp/rep")"
	cp "$tmp/out" "$tmp/$name"
done

# What each capture lacks, said with the file that is missing.
check "2.6.32: no PSI, with the file it would come from" \
	grep -q 'n/a (psi): /proc/pressure/memory: No such file' "$tmp/pcp-procpid-2.6.32-root-001"
check "2.6.32: no slabinfo in the capture, said so" \
	grep -q 'n/a (slab): /proc/slabinfo: No such file' "$tmp/pcp-procpid-2.6.32-root-001"
check "no NUMA: the numa view names /sys/devices/system/node" \
	grep -q 'n/a (numa): /sys/devices/system/node: No such file' "$tmp/jc-ubuntu-5.8-vm"
check "no zswap: the thp view names /sys/module/zswap" \
	grep -q 'n/a (zswap): /sys/module/zswap: No such file' "$tmp/jc-ubuntu-5.8-vm"
check "no swap: 0 KiB of swap (the kernel's SwapTotal: 0), not n/a" \
	grep -q '^Swap: 0 KiB total' "$tmp/gopsutil-issue1002"
check "cgroup v1: found, no unavailable line" \
	sh -c "grep -q 'memory cgroups (v1 at' '$tmp/pcp-cgroups-root-003' &&
		! grep -q 'n/a (cgroup)' '$tmp/pcp-cgroups-root-003'"
check "cgroup v2: found, no unavailable line" \
	sh -c "grep -q 'memory cgroups (v2 at' '$tmp/pcp-cgroups-root-004' &&
		! grep -q 'n/a (cgroup)' '$tmp/pcp-cgroups-root-004'"
check "no memory cgroup at all: said once, with what was looked for" \
	test "$(grep -c 'n/a (cgroup): no memory cgroup controller found' "$tmp/jc-ubuntu-5.8-vm")" -eq 1
check "64 nodes: the numa view has them all, nothing unavailable about NUMA" \
	sh -c "grep -q '64 nodes' '$tmp/hwloc-256ia64-64n2s2c' &&
		! grep -q 'n/a (numa' '$tmp/hwloc-256ia64-64n2s2c'"
done_testing
