/*
 * schema.c - the field tables of every entity, and the generic helpers that
 * walk them.  The names here are the names users and scripts see (DESIGN.md
 * "Snapshot keys"); add fields, do not rename them.
 *
 * Must not: do I/O or format output.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "util.h"


#define SRC(x) KNOWN(PROC_SRC_##x)

/* One line per field keeps the tables readable as tables. */
#define P_INT(key, bit, ttl, unt, w, fl, src, hlp) \
	{ .name = #key, .title = ttl, .unit = unt, .help = hlp, .type = FT_INT, \
	  .offset = offsetof(struct proc, key), .known_bit = bit, .cost = src, \
	  .width = w, .flags = fl }
#define P_STR(key, bit, ttl, w, fl, src, hlp) \
	{ .name = #key, .title = ttl, .unit = "", .help = hlp, .type = FT_STRING, \
	  .offset = offsetof(struct proc, key), .known_bit = bit, .cost = src, \
	  .width = w, .flags = (fl) | FF_LEFT }
#define P_RATE(key, of, ttl, w, fl, hlp) \
	{ .name = #key, .title = ttl, .unit = "/s", .help = hlp, .type = FT_RATE, \
	  .rate_of = #of, .known_bit = -1, .cost = SRC(STAT), .width = w, \
	  .flags = fl }

static const struct field proc_fields[] = {
	/* TRANSLATORS: column titles, here and in every field table: keep
	 * them about as wide as the English (a column is as wide as its
	 * title); kernel names and units (PID, RSS, PSS, PTE, THP, OOM, ...)
	 * stay as they are. */
	P_INT(pid, PROC_PID, N_("PID"), "", 7, FF_DEFAULT, SRC(STAT),
	      N_("Process id.")),
	P_INT(ppid, PROC_PPID, N_("PPID"), "", 7, 0, SRC(STAT),
	      N_("Parent process id (/proc/PID/stat field 4).")),
	P_STR(user, PROC_USER, N_("USER"), 9, FF_DEFAULT, SRC(STAT),
	      N_("Effective user of the process.")),
	P_STR(state, PROC_STATE, N_("S"), 1, 0, SRC(STAT),
	      N_("Scheduler state: R running, S sleeping, D uninterruptible, Z zombie.")),
	P_INT(threads, PROC_THREADS, N_("THR"), "", 4, 0, SRC(STAT),
	      N_("Number of threads.")),
	P_INT(start_ticks, PROC_START_TICKS, N_("START"), "ticks", 10, FF_NO_SORT,
	      SRC(STAT), N_("Start time in clock ticks after boot (stat field 22).")),
	/* TRANSLATORS: a kernel term, keep */
	P_INT(rss_kb, PROC_RSS, N_("RSS"), "KiB", 9, FF_DEFAULT, SRC(STATUS),
	      N_("Resident set size: anon + file + shmem pages mapped (status VmRSS).")),
	P_INT(pss_kb, PROC_PSS, N_("PSS"), "KiB", 9, FF_DEFAULT, SRC(SMAPS_ROLLUP),
	      N_("Proportional set size: each resident page divided by the number of "
	         "processes mapping it (smaps_rollup Pss; costs a page-table walk).")),
	P_INT(uss_kb, PROC_USS, N_("USS"), "KiB", 9, FF_DEFAULT, SRC(SMAPS_ROLLUP),
	      N_("Unique set size: pages mapped by this process only "
	         "(smaps_rollup Private_Clean + Private_Dirty).")),
	P_INT(swap_kb, PROC_SWAP, N_("SWAP"), "KiB", 8, FF_DEFAULT, SRC(STATUS),
	      N_("Private anonymous memory swapped out (status VmSwap).")),
	P_INT(anon_kb, PROC_ANON, N_("ANON"), "KiB", 9, FF_DEFAULT, SRC(STATUS),
	      N_("Resident anonymous memory (status RssAnon).")),
	P_INT(file_kb, PROC_FILE, N_("FILE"), "KiB", 9, FF_DEFAULT, SRC(STATUS),
	      N_("Resident file-backed memory (status RssFile).")),
	P_INT(shmem_kb, PROC_SHMEM, N_("SHMEM"), "KiB", 8, FF_DEFAULT, SRC(STATUS),
	      N_("Resident shared memory: tmpfs, shared anonymous, SysV (status RssShmem).")),
	P_INT(pgtables_kb, PROC_PGTABLES, N_("PTE"), "KiB", 6, FF_DEFAULT, SRC(STATUS),
	      N_("Page tables (status VmPTE); counted by the OOM killer.")),
	P_INT(vsz_kb, PROC_VSZ, N_("VSZ"), "KiB", 10, 0, SRC(STATUS),
	      N_("Virtual size: all mappings, resident or not (status VmSize).")),
	P_INT(locked_kb, PROC_LOCKED, N_("LOCKED"), "KiB", 7, 0, SRC(STATUS),
	      N_("Memory locked with mlock (status VmLck).")),
	P_INT(thp_kb, PROC_THP, N_("THP"), "KiB", 8, 0, SRC(SMAPS_ROLLUP),
	      N_("Anonymous memory mapped by transparent huge pages "
	         "(smaps_rollup AnonHugePages).")),
	P_INT(swap_pss_kb, PROC_SWAP_PSS, N_("SWPSS"), "KiB", 8, 0, SRC(SMAPS_ROLLUP),
	      N_("Proportional share of swap (smaps_rollup SwapPss).")),
	{ .name = "smaps_time", .title = N_("AGE"), .unit = "s", .type = FT_DOUBLE,
	  .help = N_("When PSS, USS and THP were read (seconds since the epoch); "
	             "they are re-read on a budget, so they may be older than the "
	             "snapshot."),
	  .offset = offsetof(struct proc, smaps_time),
	  .known_bit = PROC_SMAPS_TIME, .cost = SRC(SMAPS_ROLLUP), .width = 4,
	  .flags = FF_NO_SORT },
	P_INT(minflt, PROC_MINFLT, N_("MINFLT"), "", 10, FF_COUNTER, SRC(STAT),
	      N_("Minor page faults since start (stat field 10).")),
	P_INT(majflt, PROC_MAJFLT, N_("MAJFLT"), "", 8, FF_COUNTER, SRC(STAT),
	      N_("Major page faults (needing I/O) since start (stat field 12).")),
	P_RATE(minflt_rate, minflt, N_("MINF/s"), 7, FF_DEFAULT,
	       N_("Minor page faults per second over the last interval.")),
	P_RATE(majflt_rate, majflt, N_("MAJF/s"), 7, FF_DEFAULT,
	       N_("Major page faults per second over the last interval.")),
	P_INT(oom_score, PROC_OOM_SCORE, N_("OOM"), "", 5, FF_DEFAULT, SRC(OOM),
	      N_("The kernel's OOM score, 0-2000 (/proc/PID/oom_score).")),
	P_INT(oom_score_adj, PROC_OOM_SCORE_ADJ, N_("ADJ"), "", 5, 0, SRC(OOM),
	      N_("OOM score adjustment, -1000 to 1000 (/proc/PID/oom_score_adj).")),
	P_INT(numa_node, PROC_NUMA_NODE, N_("NODE"), "", 4, 0, SRC(STAT),
	      N_("NUMA node of the CPU the process last ran on.")),
	P_STR(cgroup, PROC_CGROUP, N_("CGROUP"), 20, 0, SRC(STAT),
	      N_("Memory cgroup of the process (/proc/PID/cgroup).")),
	P_STR(comm, PROC_COMM, N_("COMMAND"), 15, FF_DEFAULT, SRC(STAT),
	      N_("Command name (/proc/PID/comm).")),
	P_STR(cmdline, PROC_CMDLINE, N_("CMDLINE"), 0, FF_NO_SORT, SRC(STAT),
	      N_("Command line, arguments joined by spaces.")),
	/* What the OOM killer reads, and the 2.6 heuristic (--sim oom). */
	P_INT(stat_rss_pages, PROC_STAT_RSS, N_("STATRSS"), "pages", 8, 0, SRC(STAT),
	      N_("Resident pages as stat field 24 prints them: get_mm_rss(), the "
	         "approximate read of the per-CPU counters that oom_badness() "
	         "uses too (status VmRSS is the exact sum on 6.18).")),
	P_INT(total_vm_pages, PROC_TOTAL_VM, N_("TOTALVM"), "pages", 9, 0, SRC(STAT),
	      N_("Virtual size in pages, stat field 23 (vsize) over the page "
	         "size: the kernel's mm->total_vm.")),
	P_INT(task_flags, PROC_TASK_FLAGS, N_("FLAGS"), "", 10, FF_NO_SORT,
	      SRC(STAT),
	      N_("Task flags, stat field 9 (PF_*): 0x00200000 (PF_KTHREAD) marks "
	         "a kernel thread.")),
	P_INT(nice, PROC_NICE, N_("NI"), "", 3, 0, SRC(STAT),
	      N_("Nice value, stat field 19.")),
	{ .name = "cpu_time_s", .title = N_("CPU"), .unit = "s", .type = FT_DOUBLE,
	  .help = N_("CPU time used, user + system (stat fields 14 and 15), in "
	             "seconds."),
	  .offset = offsetof(struct proc, cpu_time_s),
	  .known_bit = PROC_CPU_TIME, .cost = SRC(STAT), .width = 8 },
	{ .name = "age_s", .title = N_("AGE"), .unit = "s", .type = FT_DOUBLE,
	  .help = N_("Seconds since the process started: /proc/uptime minus stat "
	             "field 22."),
	  .offset = offsetof(struct proc, age_s),
	  .known_bit = PROC_AGE, .cost = SRC(STAT), .width = 9 },
	P_STR(mems_allowed, PROC_MEMS_ALLOWED, N_("MEMS"), 8, 0, SRC(STATUS),
	      N_("NUMA nodes the process's cpuset lets it allocate from (status "
	         "Mems_allowed_list).")),
	P_INT(cap_eff, PROC_CAP_EFF, N_("CAPEFF"), "", 16, FF_NO_SORT, SRC(STATUS),
	      N_("Effective capabilities, a bit mask (status CapEff): bit 21 "
	         "CAP_SYS_ADMIN, 24 CAP_SYS_RESOURCE, 17 CAP_SYS_RAWIO.")),
	P_INT(oom_score_stable, PROC_OOM_SCORE_STABLE, N_("STABLE"), "", 6, 0,
	      SRC(OOM),
	      N_("1 when oom_score read before and after the OOM killer's other "
	         "inputs (stat, status, oom_score_adj) gave the same number and "
	         "stat's rss had not moved since the process table was read: the "
	         "score then belongs to these inputs.  Read with --sim oom "
	         "only.")),
	P_INT(mm_group, PROC_MM_GROUP, N_("MMGRP"), "", 7, 0, SRC(OOM),
	      N_("The lowest pid of the processes that share this process's "
	         "address space (asked of kcmp(2) KCMP_VM), its own pid when it "
	         "shares it with none; the OOM killer kills such processes "
	         "together.  Read with --sim oom only, as root or for one's own "
	         "processes.")),
	P_INT(in_vfork, PROC_IN_VFORK, N_("VFORK"), "", 5, 0, SRC(OOM),
	      N_("1 for a vfork child that still shares its parent's address "
	         "space while the parent waits (the parent sleeps in "
	         "kernel_clone or wait_for_vfork_done): the OOM killer skips "
	         "it.  Read with --sim oom only.")),
};

static int compare_pid(const void *key, const void *element)
{
	const struct proc *a = key, *b = element;

	return (a->pid > b->pid) - (a->pid < b->pid);
}

static const void *proc_find_prev(const void *prev_array, size_t prev_count,
                                  const void *entity)
{
	const struct proc *p = entity;
	const struct proc *found;

	found = bsearch(p, prev_array, prev_count, sizeof(struct proc),
	                compare_pid);
	/* A pid reused by a new process is not the same process. */
	if (found && (found->known & p->known & KNOWN(PROC_START_TICKS)) &&
	    found->start_ticks != p->start_ticks)
		return NULL;
	return found;
}

const struct schema proc_schema = {
	.name = "processes",
	.size = sizeof(struct proc),
	.known_offset = offsetof(struct proc, known),
	.fields = proc_fields,
	.nfields = ARRAY_SIZE(proc_fields),
	.find_prev = proc_find_prev,
};


static const struct field migratetype_fields[] = {
	FIELD_STR(zone_migratetype, type, -1, N_("TYPE"), 11,
	      N_("Migratetype: Unmovable, Movable, Reclaimable, HighAtomic, CMA, Isolate.")),
	FIELD_ARRAY(zone_migratetype, free_blocks, norders, 0, N_("FREE"), "blocks",
	        N_("Free blocks of this migratetype per order (pagetypeinfo).")),
	FIELD_INT(zone_migratetype, pageblocks, 1, N_("BLOCKS"), "", 7,
	      N_("Pageblocks of this migratetype (pagetypeinfo).")),
};

const struct schema migratetype_schema = {
	.name = "migratetypes",
	.size = sizeof(struct zone_migratetype),
	.known_offset = offsetof(struct zone_migratetype, known),
	.fields = migratetype_fields,
	.nfields = ARRAY_SIZE(migratetype_fields),
};

static const struct field zone_fields[] = {
	FIELD_INT(zone, node, -1, N_("NODE"), "", 4, N_("NUMA node of the zone.")),
	FIELD_STR(zone, zone, -1, N_("ZONE"), 8, N_("Zone name.")),
	FIELD_ARRAY(zone, free_blocks, norders, ZONE_FREE_BLOCKS, N_("FREE"), "blocks",
	        N_("Free blocks per order, order 0 first (/proc/buddyinfo).")),
	FIELD_INT(zone, free_pages, ZONE_FREE, N_("FREE"), "pages", 10,
	      N_("Free pages (zoneinfo \"pages free\").")),
	FIELD_INT(zone, boost_pages, ZONE_BOOST, N_("BOOST"), "pages", 7,
	      N_("Watermark boost after fragmenting fallbacks (zoneinfo).")),
	FIELD_INT(zone, min_pages, ZONE_MIN, N_("MIN"), "pages", 8,
	      N_("Min watermark: below it only atomic and reclaim allocations succeed.")),
	FIELD_INT(zone, low_pages, ZONE_LOW, N_("LOW"), "pages", 8,
	      N_("Low watermark: kswapd wakes below it.")),
	FIELD_INT(zone, high_pages, ZONE_HIGH, N_("HIGH"), "pages", 8,
	      N_("High watermark: kswapd sleeps above it.")),
	FIELD_INT(zone, spanned_pages, ZONE_SPANNED, N_("SPANNED"), "pages", 10,
	      N_("Pages the zone spans, holes included.")),
	FIELD_INT(zone, present_pages, ZONE_PRESENT, N_("PRESENT"), "pages", 10,
	      N_("Physical pages present in the zone.")),
	FIELD_INT(zone, managed_pages, ZONE_MANAGED, N_("MANAGED"), "pages", 10,
	      N_("Pages managed by the buddy allocator.")),
	FIELD_INT(zone, cma_pages, ZONE_CMA, N_("CMA"), "pages", 7,
	      N_("Pages reserved for the contiguous memory allocator.")),
	FIELD_ARRAY(zone, protection_pages, nprotection, ZONE_PROTECTION, N_("PROT"),
	        "pages", N_("lowmem_reserve: pages kept free against allocations "
	                    "that could use each higher zone (zoneinfo protection).")),
	FIELD_KV(zone, stats, ZONE_STATS, N_("The zone's counters from zoneinfo.")),
	FIELD_OBJECTS(zone, migratetypes, nmigratetypes, ZONE_MIGRATETYPES,
	          migratetype_schema,
	          N_("Free lists per migratetype (/proc/pagetypeinfo, root only).")),
};

const struct schema zone_schema = {
	.name = "zones",
	.size = sizeof(struct zone),
	.known_offset = offsetof(struct zone, known),
	.fields = zone_fields,
	.nfields = ARRAY_SIZE(zone_fields),
};

#define SLAB_INT(key, ttl, unt, w, hlp) FIELD_INT(slab_cache, key, 0, ttl, unt, w, hlp)

static const struct field slab_fields[] = {
	FIELD_STR(slab_cache, name, -1, N_("NAME"), 24, N_("Slab cache name.")),
	SLAB_INT(active_objs, N_("ACTIVE"), "", 9,
	         N_("Objects in use (SLUB counts per-CPU free objects as active).")),
	SLAB_INT(num_objs, N_("OBJS"), "", 9, N_("Objects allocated in slabs.")),
	SLAB_INT(objsize, N_("OBJSIZE"), "bytes", 7,
	         N_("Object size including metadata and alignment.")),
	SLAB_INT(objperslab, N_("OBJ/SLAB"), "", 8, N_("Objects per slab.")),
	SLAB_INT(pagesperslab, N_("PG/SLAB"), "pages", 7, N_("Pages per slab.")),
	SLAB_INT(active_slabs, N_("ASLABS"), "", 8, N_("Active slabs.")),
	SLAB_INT(num_slabs, N_("SLABS"), "", 8, N_("Slabs.")),
};

const struct schema slab_schema = {
	.name = "slab",
	.size = sizeof(struct slab_cache),
	.known_offset = offsetof(struct slab_cache, known),
	.fields = slab_fields,
	.nfields = ARRAY_SIZE(slab_fields),
};

static const struct field numa_node_fields[] = {
	FIELD_INT(numa_node, node, -1, N_("NODE"), "", 4, N_("NUMA node id.")),
	FIELD_STR(numa_node, cpulist, NUMA_CPULIST, N_("CPUS"), 12,
	      N_("CPUs of the node; empty for a memory-only node.")),
	FIELD_ARRAY(numa_node, distance, ndistance, NUMA_DISTANCE, N_("DISTANCE"), "",
	        N_("Distance to each node, in node order (10 = local).")),
	FIELD_KV(numa_node, meminfo, NUMA_MEMINFO, N_("The node's meminfo (kB).")),
	FIELD_KV(numa_node, numastat, NUMA_NUMASTAT,
	     N_("numa_hit, numa_miss, numa_foreign, interleave_hit, local_node, "
	        "other_node (pages).")),
	FIELD_KV(numa_node, vmstat, NUMA_VMSTAT, N_("The node's vmstat counters.")),
};

const struct schema numa_node_schema = {
	.name = "nodes",
	.size = sizeof(struct numa_node),
	.known_offset = offsetof(struct numa_node, known),
	.fields = numa_node_fields,
	.nfields = ARRAY_SIZE(numa_node_fields),
};

static const struct field numa_fields[] = {
	FIELD_OBJECTS(numa, nodes, count, 0, numa_node_schema, N_("NUMA nodes.")),
};

const struct schema numa_schema = {
	.name = "numa",
	.size = sizeof(struct numa),
	.known_offset = offsetof(struct numa, known),
	.fields = numa_fields,
	.nfields = ARRAY_SIZE(numa_fields),
};

static const struct field zswap_fields[] = {
	FIELD_SKV(zswap, parameters, ZSWAP_PARAMETERS,
	      N_("zswap module parameters (/sys/module/zswap/parameters).")),
	FIELD_KV(zswap, stats, ZSWAP_STATS,
	     N_("zswap pool counters (debugfs zswap/, root only).")),
};

const struct schema zswap_schema = {
	.name = "zswap",
	.size = sizeof(struct zswap),
	.known_offset = offsetof(struct zswap, known),
	.fields = zswap_fields,
	.nfields = ARRAY_SIZE(zswap_fields),
};

#define PSI_AVG(key, ttl, hlp) \
	{ .name = #key, .title = ttl, .unit = "%", .help = hlp, \
	  .type = FT_DOUBLE, .offset = offsetof(struct psi_line, key), \
	  .known_bit = 0, .width = 6 }

static const struct field psi_line_fields[] = {
	PSI_AVG(avg10, N_("AVG10"), N_("Share of the last 10 s that tasks stalled on memory.")),
	PSI_AVG(avg60, N_("AVG60"), N_("Share of the last 60 s that tasks stalled on memory.")),
	PSI_AVG(avg300, N_("AVG300"), N_("Share of the last 300 s that tasks stalled on memory.")),
	{ .name = "total_us", .title = N_("TOTAL"), .unit = "us", .type = FT_INT,
	  .help = N_("Total stall time in microseconds."),
	  .offset = offsetof(struct psi_line, total_us), .known_bit = 0,
	  .width = 12, .flags = FF_COUNTER },
};

const struct schema psi_line_schema = {
	.name = "psi_line",
	.size = sizeof(struct psi_line),
	.known_offset = offsetof(struct psi_line, known),
	.fields = psi_line_fields,
	.nfields = ARRAY_SIZE(psi_line_fields),
};

static const struct field psi_fields[] = {
	FIELD_OBJECT(psi, some, -1, psi_line_schema,
	         N_("Some tasks stalled on memory (/proc/pressure/memory).")),
	FIELD_OBJECT(psi, full, -1, psi_line_schema,
	         N_("All non-idle tasks stalled on memory at once.")),
};

const struct schema psi_schema = {
	.name = "psi",
	.size = sizeof(struct psi),
	.known_offset = offsetof(struct psi, known),
	.fields = psi_fields,
	.nfields = ARRAY_SIZE(psi_fields),
};

#define CG_INT(key, bit, ttl, hlp) FIELD_INT(cgroup_mem, key, bit, ttl, "KiB", 10, hlp)
#define CG_MAXABLE(key, bit, ttl, hlp) FIELD_LIMIT(cgroup_mem, key, bit, ttl, 10, hlp)

static const struct field cgroup_mem_fields[] = {
	FIELD_STR(cgroup_mem, path, -1, N_("CGROUP"), 30, N_("Path in the hierarchy.")),
	CG_INT(usage_kb, CG_USAGE, N_("USAGE"),
	       N_("Memory charged to the group (memory.current; v1 usage_in_bytes).")),
	CG_MAXABLE(limit_kb, CG_LIMIT, N_("LIMIT"),
	       N_("Hard limit (memory.max; v1 limit_in_bytes); \"max\" when unlimited.")),
	CG_MAXABLE(high_kb, CG_HIGH, N_("HIGH"), N_("Throttling limit (v2 memory.high).")),
	CG_MAXABLE(low_kb, CG_LOW, N_("LOW"), N_("Best-effort protection (v2 memory.low).")),
	CG_MAXABLE(min_kb, CG_MIN, N_("MIN"), N_("Hard protection (v2 memory.min).")),
	CG_INT(swap_usage_kb, CG_SWAP_USAGE, N_("SWAP"),
	       N_("Swap charged to the group (v2 memory.swap.current).")),
	CG_MAXABLE(swap_limit_kb, CG_SWAP_LIMIT, N_("SWAPMAX"),
	       N_("Swap limit (v2 memory.swap.max).")),
	CG_INT(memsw_usage_kb, CG_MEMSW_USAGE, N_("MEMSW"),
	       N_("Memory plus swap charged (v1 memory.memsw.usage_in_bytes).")),
	CG_MAXABLE(memsw_limit_kb, CG_MEMSW_LIMIT, N_("MEMSWMAX"),
	       N_("Memory plus swap limit (v1 memory.memsw.limit_in_bytes).")),
	FIELD_KV(cgroup_mem, stat, CG_STAT, N_("memory.stat.")),
	FIELD_KV(cgroup_mem, events, CG_EVENTS,
	     N_("v2 memory.events (low, high, max, oom, oom_kill); v1 "
	        "memory.oom_control and failcnt.")),
	FIELD_INT(cgroup_mem, swappiness, CG_SWAPPINESS, N_("SWAPPINESS"), "", 10,
	      N_("v1 memory.swappiness (v2 groups use vm.swappiness).")),
};

const struct schema cgroup_mem_schema = {
	.name = "groups",
	.size = sizeof(struct cgroup_mem),
	.known_offset = offsetof(struct cgroup_mem, known),
	.fields = cgroup_mem_fields,
	.nfields = ARRAY_SIZE(cgroup_mem_fields),
};

static const struct field cgroups_fields[] = {
	FIELD_INT(cgroups, version, -1, N_("VERSION"), "", 2,
	      N_("cgroup version of the memory controller (1 or 2).")),
	FIELD_STR(cgroups, mount, -1, N_("MOUNT"), 20,
	      N_("Where the memory hierarchy is mounted.")),
	FIELD_OBJECTS(cgroups, groups, count, -1, cgroup_mem_schema,
	          N_("Memory cgroups, parents first.")),
};

const struct schema cgroups_schema = {
	.name = "cgroup",
	.size = sizeof(struct cgroups),
	.known_offset = offsetof(struct cgroups, known),
	.fields = cgroups_fields,
	.nfields = ARRAY_SIZE(cgroups_fields),
};

#define V_INT(key, bit, ttl, unt, w, hlp) FIELD_INT(vma, key, bit, ttl, unt, w, hlp)
#define V_KB(key, bit, ttl, hlp) FIELD_INT(vma, key, bit, ttl, "KiB", 8, hlp)
#define V_PAGES(key, bit, ttl, hlp) FIELD_INT(vma, key, bit, ttl, "pages", 7, hlp)
#define V_STR(key, bit, ttl, w, hlp) FIELD_STR(vma, key, bit, ttl, w, hlp)

static const struct field vma_fields[] = {
	V_INT(start, VMA_START, N_("START"), "", 16,
	      N_("First address of the mapping.  Addresses are 64-bit unsigned; "
	         "one above 2^63 (the kernel-half [vsyscall] page) is written "
	         "as its two's complement, a negative number: add 2^64.")),
	V_INT(end, VMA_END, N_("END"), "", 16,
	      N_("Address just past the mapping (same encoding as start).")),
	V_STR(perms, VMA_PERMS, N_("PERM"), 4,
	      N_("Permissions as smaps prints them: r, w, x or -, then p "
	         "(private, copy on write) or s (shared).")),
	V_INT(offset, VMA_OFFSET, N_("OFFSET"), "bytes", 10,
	      N_("Offset of the mapping in its file (0 for anonymous memory), "
	         "same encoding as start.")),
	V_STR(dev, VMA_DEV, N_("DEV"), 5,
	      N_("Device of the file, major:minor in hex (00:00 for anonymous).")),
	V_INT(inode, VMA_INODE, N_("INODE"), "", 9,
	      N_("Inode of the file (0 for anonymous).")),
	V_STR(path, VMA_PATH, N_("PATH"), 0,
	      N_("What is mapped: a file (with \" (deleted)\" when it was "
	         "removed), [heap], [stack], [vdso], [anon:name] for a named "
	         "anonymous mapping, or empty for an anonymous one.")),
	V_KB(size_kb, VMA_SIZE, N_("SIZE"), N_("Virtual size of the mapping (Size).")),
	V_KB(kernel_page_size_kb, VMA_KERNEL_PAGE_SIZE, N_("KPAGE"),
	     N_("Page size the kernel backs the mapping with (KernelPageSize).")),
	V_KB(mmu_page_size_kb, VMA_MMU_PAGE_SIZE, N_("MMUPAGE"),
	     N_("Page size of the MMU for the mapping (MMUPageSize).")),
	V_KB(rss_kb, VMA_RSS, N_("RSS"), N_("Resident pages of the mapping (Rss).")),
	V_KB(pss_kb, VMA_PSS, N_("PSS"),
	     N_("Proportional set size: each resident page divided by the number "
	        "of processes mapping it (Pss; truncated per mapping, so the sum "
	        "is up to 1 kB per mapping below smaps_rollup).")),
	V_KB(pss_dirty_kb, VMA_PSS_DIRTY, N_("PSSDIRTY"),
	     N_("The dirty part of Pss (Pss_Dirty, Linux 6.1 and later).")),
	V_KB(shared_clean_kb, VMA_SHARED_CLEAN, N_("SHCLEAN"),
	     N_("Clean resident pages also mapped elsewhere (Shared_Clean).")),
	V_KB(shared_dirty_kb, VMA_SHARED_DIRTY, N_("SHDIRTY"),
	     N_("Dirty resident pages also mapped elsewhere (Shared_Dirty).")),
	V_KB(private_clean_kb, VMA_PRIVATE_CLEAN, N_("PRCLEAN"),
	     N_("Clean resident pages mapped only here (Private_Clean).")),
	V_KB(private_dirty_kb, VMA_PRIVATE_DIRTY, N_("PRDIRTY"),
	     N_("Dirty resident pages mapped only here (Private_Dirty).")),
	V_KB(referenced_kb, VMA_REFERENCED, N_("REF"),
	     N_("Resident pages marked accessed (Referenced).")),
	V_KB(anonymous_kb, VMA_ANONYMOUS, N_("ANON"),
	     N_("Resident anonymous pages, also private copies of file pages "
	        "(Anonymous).")),
	V_KB(ksm_kb, VMA_KSM, N_("KSM"),
	     N_("Pages merged by KSM (KSM, Linux 6.6 and later).")),
	V_KB(lazyfree_kb, VMA_LAZYFREE, N_("LAZYFREE"),
	     N_("Pages given back with MADV_FREE, not yet reclaimed (LazyFree).")),
	V_KB(anon_huge_kb, VMA_ANON_HUGE, N_("THP"),
	     N_("Anonymous memory mapped by transparent huge pages "
	        "(AnonHugePages).")),
	V_KB(shmem_pmd_kb, VMA_SHMEM_PMD, N_("SHMEMPMD"),
	     N_("Shared memory mapped by huge pages (ShmemPmdMapped).")),
	V_KB(file_pmd_kb, VMA_FILE_PMD, N_("FILEPMD"),
	     N_("File pages mapped by huge pages (FilePmdMapped, Linux 4.17 and "
	        "later).")),
	V_KB(shared_hugetlb_kb, VMA_SHARED_HUGETLB, N_("SHHUGE"),
	     N_("hugetlbfs pages also mapped elsewhere (Shared_Hugetlb).")),
	V_KB(private_hugetlb_kb, VMA_PRIVATE_HUGETLB, N_("PRHUGE"),
	     N_("hugetlbfs pages mapped only here (Private_Hugetlb).")),
	V_KB(swap_kb, VMA_SWAP, N_("SWAP"),
	     N_("Anonymous pages of the mapping that are swapped out (Swap).")),
	V_KB(swap_pss_kb, VMA_SWAP_PSS, N_("SWAPPSS"),
	     N_("Proportional share of that swap (SwapPss).")),
	V_KB(locked_kb, VMA_LOCKED, N_("LOCKED"),
	     N_("Pss of the mapping when it is mlocked (Locked).")),
	V_INT(thp_eligible, VMA_THP_ELIGIBLE, N_("THPEL"), "", 5,
	      N_("1 when the mapping may get transparent huge pages "
	         "(THPeligible).")),
	V_INT(protection_key, VMA_PROTECTION_KEY, N_("PKEY"), "", 4,
	      N_("Memory protection key (ProtectionKey, on systems with pkeys).")),
	V_STR(vm_flags, VMA_VM_FLAGS, N_("FLAGS"), 20,
	      N_("The mapping's flags as two-letter codes (VmFlags): rd wr ex "
	         "sh (shared) mr mw me ms, gd (stack grows down), lo (mlocked), "
	         "io, sr, rr (read-ahead hints), dc (no copy on fork), de, ac "
	         "(accountable), nr (no swap reserve), ht (hugetlb), hg and nh "
	         "(MADV_HUGEPAGE, MADV_NOHUGEPAGE), mg (mergeable by KSM), and "
	         "others; see proc(5).")),
	V_STR(mempolicy, VMA_MEMPOLICY, N_("POLICY"), 10,
	      N_("NUMA memory policy of the mapping (numa_maps): default, "
	         "local, prefer:N, bind:NODES, interleave:NODES, ...")),
	{ .name = "node_pages", .title = N_("NODES"), .unit = "pages",
	  .help = N_("Resident pages on each NUMA node, \"N0\" -> pages, listing "
	             "only nodes that hold some (numa_maps N<node>=).  An object "
	             "keyed by the kernel's names rather than an array indexed by "
	             "node id: node ids may be sparse, numa_maps prints no node "
	             "count, and most mappings sit on one node."),
	  .type = FT_KVLIST, .offset = offsetof(struct vma, node_pages),
	  .known_bit = VMA_NODE_PAGES },
	V_PAGES(numa_anon_pages, VMA_NUMA_ANON, N_("NANON"),
	        N_("Anonymous pages (numa_maps anon=; 0 when absent).")),
	V_PAGES(numa_dirty_pages, VMA_NUMA_DIRTY, N_("NDIRTY"),
	        N_("Dirty pages (numa_maps dirty=; 0 when absent).")),
	V_PAGES(numa_mapped_pages, VMA_NUMA_MAPPED, N_("NMAPPED"),
	        N_("Resident pages numa_maps counted (mapped=, which the kernel "
	           "leaves out when it equals anon= or dirty=).")),
	V_INT(numa_mapmax, VMA_NUMA_MAPMAX, N_("MAPMAX"), "", 6,
	      N_("Most processes mapping one of the pages (numa_maps mapmax=; 1 "
	         "when absent and pages are resident).")),
	V_PAGES(numa_swapcache_pages, VMA_NUMA_SWAPCACHE, N_("NSWAPC"),
	        N_("Pages in the swap cache (numa_maps swapcache=).")),
	V_PAGES(numa_active_pages, VMA_NUMA_ACTIVE, N_("NACTIVE"),
	        N_("Pages on an active LRU list (numa_maps active=, which the "
	           "kernel leaves out when all are active; unknown for "
	           "hugetlb).")),
	V_PAGES(numa_writeback_pages, VMA_NUMA_WRITEBACK, N_("NWRITEBK"),
	        N_("Pages under writeback (numa_maps writeback=).")),
	V_KB(numa_page_size_kb, VMA_NUMA_PAGE_SIZE, N_("NPAGE"),
	     N_("Size of the pages numa_maps counts (kernelpagesize_kB; huge "
	        "pages for hugetlb mappings; printed only when pages are "
	        "resident).")),
};

const struct schema vma_schema = {
	.name = "mappings",
	.size = sizeof(struct vma),
	.known_offset = offsetof(struct vma, known),
	.fields = vma_fields,
	.nfields = ARRAY_SIZE(vma_fields),
};

static const struct field vmas_fields[] = {
	FIELD_INT(vmas, pid, -1, N_("PID"), "", 7,
	      N_("The process whose mappings these are (the first --pid).")),
	FIELD_OBJECTS(vmas, mappings, count, -1, vma_schema,
	          N_("Its mappings in address order, from /proc/PID/smaps and "
	             "/proc/PID/numa_maps.")),
};

const struct schema vmas_schema = {
	.name = "vmas",
	.size = sizeof(struct vmas),
	.known_offset = offsetof(struct vmas, known),
	.fields = vmas_fields,
	.nfields = ARRAY_SIZE(vmas_fields),
};

#define SNAP_SECTION(key, type_, bit, hlp) \
	{ .name = #key, .title = #key, .unit = "", .help = hlp, .type = type_, \
	  .offset = offsetof(struct snapshot, key), .known_bit = bit }

static const struct field pageblock_zone_fields[] = {
	FIELD_INT(pageblock_zone, node, -1, N_("NODE"), "", 4, N_("NUMA node of the zone.")),
	FIELD_STR(pageblock_zone, zone, -1, N_("ZONE"), 8, N_("Zone name.")),
	FIELD_INT(pageblock_zone, start_pfn, -1, N_("START"), "", 10,
	      N_("First page frame number of the zone (zoneinfo start_pfn).")),
	FIELD_INT(pageblock_zone, spanned_pages, -1, N_("SPANNED"), "pages", 10,
	      N_("Pages the zone spans, holes included (zoneinfo spanned).")),
	FIELD_STR(pageblock_zone, cells, 0, N_("MAP"), 0,
	      N_("One character per pageblock, from the block holding start_pfn: "
	         "a base64 digit (A-Z a-z 0-9 + /) worth state * 8 + free, where "
	         "state is what most of its pages hold (0 hole, 1 free, 2 "
	         "movable: anonymous, 3 reclaimable: file cache, 4 unmovable: "
	         "other kernel pages, 5 slab, 6 transparent huge pages, 7 "
	         "reserved) and free is 0 for no free page, else ceil(7 * free "
	         "pages / pages per block).  From /proc/kpageflags and "
	         "/proc/kpagecount (root only; read for --sim buddy).")),
};

const struct schema pageblock_zone_schema = {
	.name = "pageblock_zones",
	.size = sizeof(struct pageblock_zone),
	.known_offset = offsetof(struct pageblock_zone, known),
	.fields = pageblock_zone_fields,
	.nfields = ARRAY_SIZE(pageblock_zone_fields),
};

static const struct field pageblocks_fields[] = {
	{ .name = "time", .title = N_("TIME"), .unit = "s", .type = FT_DOUBLE,
	  .help = N_("When the map was read, seconds since the epoch: "
	             "/proc/kpageflags is read at most every 10 seconds, and "
	             "the snapshots in between carry the last map."),
	  .offset = offsetof(struct pageblocks, time), .known_bit = 0 },
	FIELD_INT(pageblocks, pageblock_order, -1, N_("ORDER"), "", 5,
	      N_("Pageblock order (pagetypeinfo \"Page block order\"): a "
	         "pageblock is 2^order pages.")),
	FIELD_OBJECTS(pageblocks, zones, count, 0, pageblock_zone_schema,
	          N_("The physical map of each populated zone.")),
};

const struct schema pageblocks_schema = {
	.name = "pageblocks",
	.size = sizeof(struct pageblocks),
	.known_offset = offsetof(struct pageblocks, known),
	.fields = pageblocks_fields,
	.nfields = ARRAY_SIZE(pageblocks_fields),
};

#define G_PAGES(key, ttl, hlp) FIELD_INT(lru_gen, key, -1, ttl, "pages", 10, hlp)

static const struct field lru_gen_fields[] = {
	FIELD_INT(lru_gen, memcg_id, -1, N_("MEMCG"), "", 6,
	      N_("The memory cgroup's id as lru_gen prints it (\"memcg ID "
	         "PATH\"): mem_cgroup_id(), or the cgroup's inode number on "
	         "newer kernels.")),
	FIELD_STR(lru_gen, memcg_path, -1, N_("PATH"), 24,
	      N_("The memory cgroup's path, \"/\" for the root (\"\" on a "
	         "kernel without memory cgroups).")),
	FIELD_INT(lru_gen, node, -1, N_("NODE"), "", 4, N_("NUMA node.")),
	FIELD_INT(lru_gen, seq, -1, N_("GEN"), "", 6,
	      N_("Generation number: the smallest is the oldest, which "
	         "reclaim evicts from; aging makes a new, larger one.")),
	FIELD_INT(lru_gen, age_ms, -1, N_("AGE"), "ms", 10,
	      N_("Milliseconds since the generation was made.")),
	G_PAGES(anon_pages, N_("ANON"), N_("Anonymous pages in the generation.")),
	G_PAGES(file_pages, N_("FILE"), N_("File pages in the generation.")),
};

const struct schema lru_gen_schema = {
	.name = "lru_gen",
	.size = sizeof(struct lru_gen),
	.known_offset = offsetof(struct lru_gen, known),
	.fields = lru_gen_fields,
	.nfields = ARRAY_SIZE(lru_gen_fields),
};

static const struct field snapshot_fields[] = {
	FIELD_INT(snapshot, version, -1, N_("VERSION"), "", 2,
	      N_("Snapshot format version.")),
	{ .name = "time", .title = N_("TIME"), .unit = "s", .type = FT_DOUBLE,
	  .help = N_("When the snapshot was taken, seconds since the epoch."),
	  .offset = offsetof(struct snapshot, time), .known_bit = -1 },
	FIELD_STR(snapshot, hostname, -1, N_("HOST"), 20, N_("Host name.")),
	FIELD_STR(snapshot, kernel, -1, N_("KERNEL"), 20, N_("Kernel release.")),
	FIELD_INT(snapshot, page_size, -1, N_("PAGESIZE"), "bytes", 6,
	      N_("Base page size in bytes.")),
	SNAP_SECTION(meminfo, FT_KVLIST, SEC_MEMINFO,
	             N_("/proc/meminfo, every line, in kB as the kernel prints it.")),
	SNAP_SECTION(vmstat, FT_KVLIST, SEC_VMSTAT,
	             N_("/proc/vmstat, every counter, raw names.")),
	FIELD_OBJECTS(snapshot, processes, nprocesses, SEC_PROCESSES, proc_schema,
	          N_("Processes, by pid.")),
	FIELD_OBJECTS(snapshot, zones, nzones, SEC_ZONES, zone_schema,
	          N_("Memory zones per node.")),
	FIELD_OBJECTS(snapshot, slab, nslab, SEC_SLAB, slab_schema,
	          N_("Slab caches (/proc/slabinfo, root only).")),
	{ .name = "numa", .title = "numa", .type = FT_OBJECT, .sub = &numa_schema,
	  .help = N_("NUMA nodes: topology, distances, per-node counters."),
	  .offset = offsetof(struct snapshot, numa), .known_bit = SEC_NUMA },
	SNAP_SECTION(thp, FT_SKVLIST, SEC_THP,
	             N_("Transparent huge page settings (/sys/kernel/mm/transparent_hugepage).")),
	{ .name = "zswap", .title = "zswap", .type = FT_OBJECT, .sub = &zswap_schema,
	  .help = N_("zswap parameters and pool counters."),
	  .offset = offsetof(struct snapshot, zswap), .known_bit = SEC_ZSWAP },
	{ .name = "psi", .title = "psi", .type = FT_OBJECT, .sub = &psi_schema,
	  .help = N_("Memory pressure stall information."),
	  .offset = offsetof(struct snapshot, psi), .known_bit = SEC_PSI },
	{ .name = "cgroup", .title = "cgroup", .type = FT_OBJECT,
	  .sub = &cgroups_schema, .help = N_("Memory cgroups."),
	  .offset = offsetof(struct snapshot, cgroup), .known_bit = SEC_CGROUP },
	SNAP_SECTION(sysctl, FT_SKVLIST, SEC_SYSCTL,
	             N_("/proc/sys/vm settings (swappiness, overcommit, watermarks).")),
	{ .name = "vmas", .title = "vmas", .type = FT_OBJECT, .sub = &vmas_schema,
	  .help = N_("The mappings of one process (smaps and numa_maps), read "
	             "for the first --pid only; each costs a page-table walk."),
	  .offset = offsetof(struct snapshot, vmas), .known_bit = SEC_VMAS },
	{ .name = "pageblocks", .title = "pageblocks", .type = FT_OBJECT,
	  .sub = &pageblocks_schema,
	  .help = N_("The physical memory map, one cell per pageblock, read "
	             "from /proc/kpageflags for --sim buddy (root only; costs a "
	             "read of 16 bytes per page of memory)."),
	  .offset = offsetof(struct snapshot, pageblocks),
	  .known_bit = SEC_PAGEBLOCKS },
	{ .name = "oom_log", .title = "oom_log", .type = FT_OBJECT,
	  .sub = &oom_log_schema,
	  .help = N_("Past OOM kills found in the kernel log (/dev/kmsg), read "
	             "for --sim oom."),
	  .offset = offsetof(struct snapshot, oom_log), .known_bit = SEC_OOM_LOG },
	FIELD_OBJECTS(snapshot, lru_gen, nlru_gen, SEC_LRU_GEN, lru_gen_schema,
	          N_("MGLRU's generations per memory cgroup and node, from "
	             "/sys/kernel/debug/lru_gen (root, debugfs mounted, a "
	             "kernel with CONFIG_LRU_GEN), read for the lru view.")),
	FIELD_SKV(snapshot, unavailable, -1,
	      N_("What could not be read, and why: source -> reason.")),
};

const struct schema snapshot_schema = {
	.name = "snapshot",
	.size = sizeof(struct snapshot),
	.known_offset = offsetof(struct snapshot, known),
	.fields = snapshot_fields,
	.nfields = ARRAY_SIZE(snapshot_fields),
};

const struct field *schema_field(const struct schema *s, const char *name)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (strcmp(s->fields[i].name, name) == 0)
			return &s->fields[i];
	return NULL;
}

/* gettext("") would return the catalog's header, hence the check. */
const char *field_title(const struct field *f)
{
	return *f->title ? _(f->title) : f->title;
}

uint64_t schema_known(const struct schema *s, const void *entity)
{
	uint64_t known;

	memcpy(&known, (const char *)entity + s->known_offset, sizeof(known));
	return known;
}

void schema_set_known(const struct schema *s, void *entity, uint64_t known)
{
	memcpy((char *)entity + s->known_offset, &known, sizeof(known));
}

bool field_known(const struct schema *s, const struct field *f,
                 const void *entity)
{
	if (f->type == FT_RATE) {
		const struct field *counter = schema_field(s, f->rate_of);

		return counter && field_known(s, counter, entity);
	}
	if (f->known_bit < 0)
		return true;
	return (schema_known(s, entity) & KNOWN(f->known_bit)) != 0;
}

static int64_t field_int(const struct field *f, const void *entity)
{
	int64_t value;

	memcpy(&value, field_ptr(f, entity), sizeof(value));
	return value;
}

bool field_rate(const struct schema *s, const struct field *f,
                const void *entity, const void *prev, double interval,
                double *rate)
{
	const struct field *counter = schema_field(s, f->rate_of);
	int64_t now, before;

	if (!counter || !prev || !(interval > 0))
		return false;
	if (!field_known(s, counter, entity) || !field_known(s, counter, prev))
		return false;
	now = field_int(counter, entity);
	before = field_int(counter, prev);
	if (now < before)
		return false;
	*rate = (double)(now - before) / interval;
	return true;
}

static void free_objects(const struct field *f, void *entity)
{
	void **array = field_ptr_mut(f, entity);
	size_t *count = (size_t *)((char *)entity + f->count_offset);
	char *base = *array;

	for (size_t i = 0; base && i < *count; i++)
		schema_free_entity(f->sub, base + i * f->sub->size);
	free(base);
	*array = NULL;
	*count = 0;
}

void schema_free_entity(const struct schema *s, void *entity)
{
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		void *ptr = field_ptr_mut(f, entity);

		switch (f->type) {
		case FT_STRING:
		case FT_INT_ARRAY:
			free(*(void **)ptr);
			*(void **)ptr = NULL;
			break;
		case FT_KVLIST:
			kvlist_free(ptr);
			break;
		case FT_SKVLIST:
			skvlist_free(ptr);
			break;
		case FT_OBJECTS:
			free_objects(f, entity);
			break;
		case FT_OBJECT:
			schema_free_entity(f->sub, ptr);
			break;
		case FT_INT:
		case FT_DOUBLE:
		case FT_RATE:
			break;
		}
	}
}

static int compare_values(const struct field *f, const void *a, const void *b)
{
	switch (f->type) {
	case FT_INT: {
		int64_t x = field_int(f, a), y = field_int(f, b);

		return (x > y) - (x < y);
	}
	case FT_DOUBLE: {
		double x, y;

		memcpy(&x, field_ptr(f, a), sizeof(x));
		memcpy(&y, field_ptr(f, b), sizeof(y));
		return (x > y) - (x < y);
	}
	case FT_STRING: {
		const char *x = *(char *const *)field_ptr(f, a);
		const char *y = *(char *const *)field_ptr(f, b);

		return strcmp(x ? x : "", y ? y : "");
	}
	default:
		return 0;
	}
}

int schema_compare(const struct schema *s, const struct field *f,
                   const void *a, const void *b, bool descending)
{
	bool known_a = field_known(s, f, a), known_b = field_known(s, f, b);

	if (known_a != known_b)
		return known_a ? -1 : 1;
	if (!known_a)
		return 0;
	return descending ? compare_values(f, b, a) : compare_values(f, a, b);
}
