/*
 * test_collect.c - the system collectors on captured trees (--root) and on
 * this machine (root NULL).
 *
 * Expected values on fixtures were read from the files with grep/awk and are
 * written here with the file and line they come from.  Live tests compare
 * against what the test reads itself from /proc and /sys, by other means
 * than the collector (getline, nftw, libnuma), and skip what this machine
 * does not have.  THP and zswap have no real captures (fixtures README,
 * "Gaps"): their tests build small trees in a temporary directory.
 *
 * Must not: write outside its temporary directories.
 */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <numa.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include "snapshot.h"
#include "sources.h"
#include "util.h"

typedef void (*collector_fn)(struct snapshot *snap, const char *root);

/* ---- helpers ------------------------------------------------------------ */

static struct snapshot *collect_on(const char *folder, collector_fn fn)
{
	char *root = fixture_root(folder);
	struct snapshot *snap = snapshot_new();

	fn(snap, root);
	free(root);
	return snap;
}

static int64_t kv(const struct kvlist *list, const char *name)
{
	int64_t value = -1;

	if (!kvlist_get(list, name, &value))
		fail_msg("%s missing", name);
	return value;
}

static const char *reason(const struct snapshot *snap, const char *source)
{
	return skvlist_get(&snap->unavailable, source);
}

static void assert_reason_has(const struct snapshot *snap, const char *source,
                              const char *text)
{
	const char *why = reason(snap, source);

	if (!why)
		fail_msg("no unavailable reason for %s", source);
	if (!strstr(why, text))
		fail_msg("reason for %s is \"%s\", wanted \"%s\" in it", source, why,
		         text);
}

static const struct zone *find_zone(const struct snapshot *snap, int64_t node,
                                    const char *name)
{
	for (size_t i = 0; i < snap->nzones; i++)
		if (snap->zones[i].node == node &&
		    strcmp(snap->zones[i].zone, name) == 0)
			return &snap->zones[i];
	fail_msg("zone %lld %s missing", (long long)node, name);
	return NULL;
}

static const struct cgroup_mem *find_group(const struct snapshot *snap,
                                           const char *path)
{
	for (size_t i = 0; i < snap->cgroup.count; i++)
		if (strcmp(snap->cgroup.groups[i].path, path) == 0)
			return &snap->cgroup.groups[i];
	fail_msg("cgroup %s missing", path);
	return NULL;
}

/* Lines of a file (as wc -l counts them), or -1 when it cannot be read. */
static long count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	long n = 0;

	if (!f)
		return -1;
	while (getline(&line, &cap, f) > 0)
		n++;
	free(line);
	fclose(f);
	return n;
}

/* The first line of a file without its newline; NULL when unreadable. */
static char *first_line(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		return NULL;
	n = getline(&line, &cap, f);
	fclose(f);
	if (n < 0) {
		free(line);
		return xstrdup("");
	}
	line[strcspn(line, "\n")] = '\0';
	return line;
}

/* ---- temporary trees ---------------------------------------------------- */

/* On tmpfs when there is one: the 4100 groups of test_cgroup_cap take
 * seconds to create and remove on a journaling disk, 50 ms on tmpfs. */
static char *make_tree(void)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	char *dir = xasprintf("%s/memlens-test-collect-XXXXXX", base);

	if (!mkdtemp(dir))
		fail_msg("mkdtemp: %s", strerror(errno));
	return dir;
}

static void make_dirs(const char *path)
{
	char *copy = xstrdup(path);

	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(copy, 0755);
		*p = '/';
	}
	mkdir(copy, 0755);
	free(copy);
}

/* Writes tree/relpath with text, creating its directories. */
static void put_file(const char *tree, const char *relpath, const char *text,
                     mode_t mode)
{
	char *path = xasprintf("%s/%s", tree, relpath);
	char *slash = strrchr(path, '/');
	FILE *f;

	*slash = '\0';
	make_dirs(path);
	*slash = '/';
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
	free(path);
}

static void put_link(const char *tree, const char *relpath, const char *target)
{
	char *path = xasprintf("%s/%s", tree, relpath);

	assert_int_equal(symlink(target, path), 0);
	free(path);
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void remove_tree(char *tree)
{
	nftw(tree, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(tree);
}

/* ---- header, meminfo, vmstat, psi, sysctl on fixtures ------------------- */

static void test_header_root(void **state)
{
	struct snapshot *snap = collect_on("jc-ubuntu-5.8-vm", collect_header);

	(void)state;
	/* jc-ubuntu-5.8-vm/proc/version line 1: "Linux version 5.8.0-63-generic" */
	assert_string_equal(snap->kernel, "5.8.0-63-generic");
	/* The capture has no proc/sys/kernel/hostname: unknown, and said why. */
	assert_null(snap->hostname);
	assert_reason_has(snap, "hostname", "/proc/sys/kernel/hostname");
	/* No smaps in this copy: the documented 4096 assumption. */
	assert_int_equal(snap->page_size, 4096);
	assert_true(snap->time > 1e9);
	snapshot_free(snap);
}

static void test_header_tree(void **state)
{
	char *tree = make_tree();
	struct snapshot *snap = snapshot_new();

	(void)state;
	put_file(tree, "proc/sys/kernel/hostname", "capture-host\n", 0644);
	put_file(tree, "proc/sys/kernel/osrelease", "6.1.0-13-arm64\n", 0644);
	put_file(tree, "proc/self/smaps",
	         "aaaab000-aaaac000 r-xp 00000000 00:00 0\nSize:  64 kB\n"
	         "KernelPageSize:       64 kB\nMMUPageSize:  64 kB\n", 0644);
	collect_header(snap, tree);
	assert_string_equal(snap->hostname, "capture-host");
	assert_string_equal(snap->kernel, "6.1.0-13-arm64");
	assert_int_equal(snap->page_size, 65536);
	assert_int_equal(snap->unavailable.count, 0);
	snapshot_free(snap);
	remove_tree(tree);
}

static void test_meminfo_vmstat_root(void **state)
{
	struct snapshot *snap = snapshot_new();
	char *root = fixture_root("pcp-meminfo-root-004");

	(void)state;
	collect_meminfo(snap, root);
	collect_vmstat(snap, root);
	assert_true(snap->known & KNOWN(SEC_MEMINFO));
	assert_true(snap->known & KNOWN(SEC_VMSTAT));
	/* pcp-meminfo-root-004/proc/meminfo: 47 lines; line 1, line 41 */
	assert_int_equal(snap->meminfo.count, 47);
	assert_int_equal(kv(&snap->meminfo, "MemTotal"), 4020980);
	assert_int_equal(kv(&snap->meminfo, "HugePages_Total"), 0);
	/* pcp-meminfo-root-004/proc/vmstat: 125 lines; line 1, line 69 */
	assert_int_equal(snap->vmstat.count, 125);
	assert_int_equal(kv(&snap->vmstat, "nr_free_pages"), 816140);
	assert_int_equal(kv(&snap->vmstat, "pgfault"), 986124);
	assert_int_equal(snap->unavailable.count, 0);
	free(root);
	snapshot_free(snap);
}

static void test_psi_root(void **state)
{
	struct snapshot *snap = collect_on("pcp-pressure-root-001", collect_psi);

	(void)state;
	assert_true(snap->known & KNOWN(SEC_PSI));
	/* pcp-pressure-root-001/proc/pressure/memory lines 1 and 2 */
	assert_true(snap->psi.some.known & 1);
	assert_true(snap->psi.full.known & 1);
	assert_float_equal(snap->psi.some.avg10, 70.24, 1e-9);
	assert_float_equal(snap->psi.full.avg10, 57.59, 1e-9);
	snapshot_free(snap);
}

static void test_sysctl_root(void **state)
{
	struct snapshot *snap = collect_on("prometheus-procfs", collect_sysctl);

	(void)state;
	assert_true(snap->known & KNOWN(SEC_SYSCTL));
	/* prometheus-procfs/proc/sys/vm/: 43 files, all readable */
	assert_int_equal(snap->sysctl.count, 43);
	assert_string_equal(skvlist_get(&snap->sysctl, "laptop_mode"), "5");
	assert_string_equal(skvlist_get(&snap->sysctl, "swappiness"), "60");
	assert_string_equal(skvlist_get(&snap->sysctl, "numa_zonelist_order"),
	                    "Node");
	/* Several numbers stay one text, tabs and all. */
	assert_string_equal(skvlist_get(&snap->sysctl, "lowmem_reserve_ratio"),
	                    "256\t256\t32\t0\t0");
	snapshot_free(snap);
}

static void test_sysctl_skips_write_only(void **state)
{
	char *tree = make_tree();
	struct snapshot *snap = snapshot_new();

	(void)state;
	put_file(tree, "proc/sys/vm/swappiness", "60\n", 0644);
	put_file(tree, "proc/sys/vm/drop_caches", "", 0200);
	put_file(tree, "proc/sys/vm/stat_refresh", "", 0600);
	put_file(tree, "proc/sys/vm/empty_setting", "\n", 0644);
	collect_sysctl(snap, tree);
	assert_true(snap->known & KNOWN(SEC_SYSCTL));
	assert_int_equal(snap->sysctl.count, 2);
	assert_string_equal(skvlist_get(&snap->sysctl, "empty_setting"), "");
	assert_null(skvlist_get(&snap->sysctl, "drop_caches"));
	assert_null(skvlist_get(&snap->sysctl, "stat_refresh"));
	assert_int_equal(snap->unavailable.count, 0);
	snapshot_free(snap);
	remove_tree(tree);
}

/* A tree without /proc and /sys/kernel: every section says why. */
static void test_missing_files(void **state)
{
	static const struct {
		collector_fn fn;
		enum snapshot_section section;
		const char *source;
		const char *path;
	} cases[] = {
		{ collect_meminfo, SEC_MEMINFO, "meminfo", "/proc/meminfo" },
		{ collect_vmstat, SEC_VMSTAT, "vmstat", "/proc/vmstat" },
		{ collect_psi, SEC_PSI, "psi", "/proc/pressure/memory" },
		{ collect_zones, SEC_ZONES, "zones", "/proc/zoneinfo" },
		{ collect_slab, SEC_SLAB, "slab", "/proc/slabinfo" },
		{ collect_numa, SEC_NUMA, "numa", "/sys/devices/system/node" },
		{ collect_thp, SEC_THP, "thp", "/sys/kernel/mm/transparent_hugepage" },
		{ collect_zswap, SEC_ZSWAP, "zswap", "/sys/module/zswap" },
		{ collect_sysctl, SEC_SYSCTL, "sysctl", "/proc/sys/vm" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		/* pcp-cgroups-root-003 holds only sys/fs/cgroup/memory. */
		struct snapshot *snap = collect_on("pcp-cgroups-root-003",
		                                   cases[i].fn);

		assert_false(snap->known & KNOWN(cases[i].section));
		assert_reason_has(snap, cases[i].source, cases[i].path);
		snapshot_free(snap);
	}
}

/* No NUMA sysfs: one reason, not one per node file. */
static void test_numa_missing_is_one_reason(void **state)
{
	struct snapshot *snap = collect_on("pcp-cgroups-root-003", collect_numa);

	(void)state;
	assert_int_equal(snap->unavailable.count, 1);
	assert_reason_has(snap, "numa", "No such file");
	assert_int_equal(snap->numa.count, 0);
	assert_int_equal(snap->numa.known, 0);
	snapshot_free(snap);
}

/* ---- zones and slab ----------------------------------------------------- */

static void test_zones_zoneinfo_only(void **state)
{
	struct snapshot *snap = collect_on("pcp-meminfo-root-002", collect_zones);
	const struct zone *normal1;

	(void)state;
	/* zoneinfo is enough; buddyinfo and pagetypeinfo are not in the capture */
	assert_true(snap->known & KNOWN(SEC_ZONES));
	assert_reason_has(snap, "buddyinfo", "/proc/buddyinfo");
	assert_reason_has(snap, "pagetypeinfo", "/proc/pagetypeinfo");
	assert_null(reason(snap, "zones"));
	/* pcp-meminfo-root-002/proc/zoneinfo: lines 1, 213, 425, 637 */
	assert_int_equal(snap->nzones, 4);
	normal1 = find_zone(snap, 1, "Normal");
	/* same file, lines 639 and 645 */
	assert_int_equal(normal1->min_pages, 11288);
	assert_int_equal(normal1->managed_pages, 16514387);
	assert_false(normal1->known & KNOWN(ZONE_FREE_BLOCKS));
	assert_int_equal(normal1->nmigratetypes, 0);
	snapshot_free(snap);
}

static void test_zones_with_pagetypeinfo(void **state)
{
	struct snapshot *snap = collect_on("jc-ubuntu-5.8-vm", collect_zones);
	const struct zone *dma32, *normal;
	const struct zone_migratetype *movable = NULL;

	(void)state;
	assert_true(snap->known & KNOWN(SEC_ZONES));
	assert_int_equal(snap->unavailable.count, 0);
	/* jc-ubuntu-5.8-vm/proc/zoneinfo: 5 zones (lines 1, 76, 117, 158, 167) */
	assert_int_equal(snap->nzones, 5);
	dma32 = find_zone(snap, 0, "DMA32");
	/* buddyinfo line 2, order 10: 629; zoneinfo line 83: managed 758708 */
	assert_true(dma32->known & KNOWN(ZONE_FREE_BLOCKS));
	assert_int_equal(dma32->norders, 11);
	assert_int_equal(dma32->free_blocks[10], 629);
	assert_int_equal(dma32->managed_pages, 758708);
	normal = find_zone(snap, 0, "Normal");
	assert_int_equal(normal->nmigratetypes, 5);
	for (size_t i = 0; i < normal->nmigratetypes; i++)
		if (strcmp(normal->migratetypes[i].type, "Movable") == 0)
			movable = &normal->migratetypes[i];
	assert_non_null(movable);
	/* pagetypeinfo line 16 (Normal Movable), order 8: 13;
	 * line 24 (Normal pageblocks), Movable: 345 */
	assert_int_equal(movable->free_blocks[8], 13);
	assert_int_equal(movable->pageblocks, 345);
	snapshot_free(snap);
}

static void test_slab_root(void **state)
{
	struct snapshot *snap = collect_on("pcp-meminfo-root-004", collect_slab);
	const struct slab_cache *dentry = NULL;

	(void)state;
	assert_true(snap->known & KNOWN(SEC_SLAB));
	/* pcp-meminfo-root-004/proc/slabinfo: 122 lines, 2 of them headers */
	assert_int_equal(snap->nslab, 120);
	for (size_t i = 0; i < snap->nslab; i++)
		if (strcmp(snap->slab[i].name, "dentry") == 0)
			dentry = &snap->slab[i];
	assert_non_null(dentry);
	/* line 71: dentry 30141 30325 320 25 2 : ... : slabdata 1213 1213 0 */
	assert_int_equal(dentry->active_objs, 30141);
	assert_int_equal(dentry->num_objs, 30325);
	assert_int_equal(dentry->objsize, 320);
	assert_int_equal(dentry->num_slabs, 1213);
	snapshot_free(snap);
}

/* ---- NUMA on fixtures ----------------------------------------------------- */

static void test_numa_64_nodes(void **state)
{
	/* hwloc-256ia64-64n2s2c/sys/devices/system/node/node63/distance */
	static const int64_t node63_distance[64] = {
		34, 34, 34, 34, 30, 30, 30, 30, 34, 34, 34, 34, 30, 30, 30, 30,
		34, 34, 34, 34, 30, 30, 30, 30, 34, 34, 34, 34, 30, 30, 30, 30,
		34, 34, 34, 34, 30, 30, 30, 30, 34, 34, 34, 34, 30, 30, 30, 30,
		30, 30, 30, 30, 26, 26, 26, 26, 26, 26, 26, 26, 22, 22, 22, 10,
	};
	struct snapshot *snap = collect_on("hwloc-256ia64-64n2s2c", collect_numa);
	const struct numa_node *node63, *node1;

	(void)state;
	assert_true(snap->known & KNOWN(SEC_NUMA));
	assert_int_equal(snap->numa.count, 64);
	for (size_t i = 0; i < 64; i++)
		assert_int_equal(snap->numa.nodes[i].node, (int64_t)i);
	node63 = &snap->numa.nodes[63];
	assert_true(node63->known & KNOWN(NUMA_DISTANCE));
	assert_int_equal(node63->ndistance, 64);
	assert_memory_equal(node63->distance, node63_distance,
	                    sizeof(node63_distance));
	/* node1/cpumap: 31 zero words then 000000f0, no cpulist file */
	node1 = &snap->numa.nodes[1];
	assert_true(node1->known & KNOWN(NUMA_CPULIST));
	assert_string_equal(node1->cpulist, "4-7");
	/* node63/meminfo: a blank line, then 16 "Node 63 ..." lines; line 2 */
	assert_true(node63->known & KNOWN(NUMA_MEMINFO));
	assert_int_equal(node63->meminfo.count, 16);
	assert_int_equal(kv(&node63->meminfo, "MemTotal"), 8054560);
	/* node63/numastat line 1 */
	assert_int_equal(kv(&node63->numastat, "numa_hit"), 7427953);
	/* The capture has no node vmstat: one reason for all 64 nodes. */
	assert_false(node63->known & KNOWN(NUMA_VMSTAT));
	assert_reason_has(snap, "numa.vmstat", "node0/vmstat");
	assert_int_equal(snap->unavailable.count, 1);
	snapshot_free(snap);
}

static void test_numa_sparse_ids(void **state)
{
	/* hwloc-256ppc-8n8s4t: directories node0,1,4,5,8,9,12,13 */
	static const int64_t ids[] = { 0, 1, 4, 5, 8, 9, 12, 13 };
	/* node4/distance */
	static const int64_t node4_distance[] = { 40, 40, 10, 20, 40, 40, 40, 40 };
	struct snapshot *snap = collect_on("hwloc-256ppc-8n8s4t", collect_numa);

	(void)state;
	assert_int_equal(snap->numa.count, ARRAY_SIZE(ids));
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++)
		assert_int_equal(snap->numa.nodes[i].node, ids[i]);
	assert_int_equal(snap->numa.nodes[2].ndistance, 8);
	assert_memory_equal(snap->numa.nodes[2].distance, node4_distance,
	                    sizeof(node4_distance));
	/* node12/cpumap: word 6 (CPUs 192-223) is ffffffff */
	assert_string_equal(snap->numa.nodes[6].cpulist, "192-223");
	/* node12/meminfo line 2 */
	assert_int_equal(kv(&snap->numa.nodes[6].meminfo, "MemTotal"), 66846720);
	snapshot_free(snap);
}

static void test_numa_cpuless_nodes(void **state)
{
	static const int64_t ids[] = { 0, 8, 250, 251, 252, 253, 254, 255 };
	/* hwloc-nvidiagpunumanodes node250/distance */
	static const int64_t node250_distance[] = { 80, 80, 10, 80, 80, 80, 80, 80 };
	struct snapshot *snap = collect_on("hwloc-nvidiagpunumanodes",
	                                   collect_numa);
	const struct numa_node *gpu;

	(void)state;
	assert_int_equal(snap->numa.count, ARRAY_SIZE(ids));
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++)
		assert_int_equal(snap->numa.nodes[i].node, ids[i]);
	/* node0/cpulist "0-87", node8/cpulist "88-175" */
	assert_string_equal(snap->numa.nodes[0].cpulist, "0-87");
	assert_string_equal(snap->numa.nodes[1].cpulist, "88-175");
	/* node250/cpulist is "\n\0": known, and empty */
	gpu = &snap->numa.nodes[2];
	assert_true(gpu->known & KNOWN(NUMA_CPULIST));
	assert_string_equal(gpu->cpulist, "");
	assert_memory_equal(gpu->distance, node250_distance,
	                    sizeof(node250_distance));
	/* node250/meminfo line 1 */
	assert_int_equal(kv(&gpu->meminfo, "MemTotal"), 15728640);
	assert_true(gpu->known & KNOWN(NUMA_VMSTAT));
	assert_int_equal(snap->unavailable.count, 0);
	snapshot_free(snap);
}

static void test_numa_nul_padded(void **state)
{
	struct snapshot *snap = collect_on("pcp-meminfo-root-004", collect_numa);
	const struct numa_node *node0;

	(void)state;
	assert_int_equal(snap->numa.count, 1);
	node0 = &snap->numa.nodes[0];
	/* node0/{meminfo,numastat,vmstat}: 4096 bytes each, text then NULs;
	 * 31, 6 and 47 lines of text */
	assert_int_equal(node0->meminfo.count, 31);
	assert_int_equal(node0->numastat.count, 6);
	assert_int_equal(node0->vmstat.count, 47);
	/* meminfo line 1, line 31 (last before the padding) */
	assert_int_equal(kv(&node0->meminfo, "MemTotal"), 4020980);
	assert_int_equal(kv(&node0->meminfo, "HugePages_Surp"), 0);
	/* numastat line 4; vmstat line 47 */
	assert_int_equal(kv(&node0->numastat, "interleave_hit"), 19088);
	assert_int_equal(kv(&node0->vmstat, "nr_written"), 6100);
	/* No distance or cpulist in this capture: said once each. */
	assert_false(node0->known & KNOWN(NUMA_DISTANCE));
	assert_reason_has(snap, "numa.distance", "node0/distance");
	assert_reason_has(snap, "numa.cpulist", "node0/cpumap");
	snapshot_free(snap);
}

/* Garbled node files: unknown with a reason, other names ignored. */
static void test_numa_garbage(void **state)
{
	char *tree = make_tree();
	struct snapshot *snap = snapshot_new();
	const struct numa_node *node;

	(void)state;
	put_file(tree, "sys/devices/system/node/node3/cpumap", "0000zz00\n", 0444);
	put_file(tree, "sys/devices/system/node/node3/distance", "10 x 20\n", 0444);
	put_file(tree, "sys/devices/system/node/node3/meminfo", "\x01\x02\xff", 0444);
	put_file(tree, "sys/devices/system/node/node3/numastat", "", 0444);
	put_file(tree, "sys/devices/system/node/nodeX/meminfo", "", 0444);
	put_file(tree, "sys/devices/system/node/node99999999999/meminfo", "", 0444);
	put_file(tree, "sys/devices/system/node/possible", "3\n", 0444);
	collect_numa(snap, tree);
	assert_true(snap->known & KNOWN(SEC_NUMA));
	assert_int_equal(snap->numa.count, 1);
	node = &snap->numa.nodes[0];
	assert_int_equal(node->node, 3);
	assert_int_equal(node->known, 0);
	assert_null(node->distance);
	assert_reason_has(snap, "numa.cpulist", "node3/cpumap");
	assert_non_null(reason(snap, "numa.distance"));
	assert_reason_has(snap, "numa.meminfo", "node3/meminfo");
	assert_reason_has(snap, "numa.numastat", "node3/numastat");
	assert_reason_has(snap, "numa.vmstat", "node3/vmstat");
	snapshot_free(snap);
	remove_tree(tree);
}

/* ---- cgroups on fixtures ------------------------------------------------ */

static void test_cgroup_v1(void **state)
{
	struct snapshot *snap = collect_on("pcp-cgroups-root-003",
	                                   collect_cgroups);
	const struct cgroup_mem *top, *docker;

	(void)state;
	assert_true(snap->known & KNOWN(SEC_CGROUP));
	assert_int_equal(snap->cgroup.version, 1);
	assert_string_equal(snap->cgroup.mount, "/sys/fs/cgroup/memory");
	/* root, system.slice, system.slice/docker-f4d3...scope: parents first */
	assert_int_equal(snap->cgroup.count, 3);
	top = &snap->cgroup.groups[0];
	assert_string_equal(top->path, "/");
	assert_string_equal(snap->cgroup.groups[1].path, "/system.slice");
	docker = &snap->cgroup.groups[2];
	assert_non_null(strstr(docker->path, "/system.slice/docker-f4d3b90b"));
	/* memory.usage_in_bytes 2437607424 = 2380476 KiB;
	 * memory.memsw.usage_in_bytes 2466852864 = 2409036 KiB */
	assert_int_equal(top->usage_kb, 2380476);
	assert_int_equal(top->memsw_usage_kb, 2409036);
	/* memory.limit_in_bytes 18446744073709551615: no limit */
	assert_true(top->known & KNOWN(CG_LIMIT));
	assert_true(top->limit_kb == CGROUP_UNLIMITED);
	assert_true(top->memsw_limit_kb == CGROUP_UNLIMITED);
	/* v1 has no high/low/min */
	assert_false(top->known & (KNOWN(CG_HIGH) | KNOWN(CG_LOW) | KNOWN(CG_MIN)));
	/* memory.stat: 36 lines, of which hierarchical_memory_limit and
	 * hierarchical_memsw_limit are 18446744073709551615: beyond int64, so
	 * the parser leaves them out rather than wrap.  oom_control: 2 lines,
	 * plus failcnt. */
	assert_int_equal(top->stat.count, 34);
	assert_int_equal(kv(&top->stat, "cache"), 1830477824);
	assert_null(kvlist_find(&top->stat, "hierarchical_memory_limit"));
	assert_int_equal(top->events.count, 3);
	assert_int_equal(kv(&top->events, "under_oom"), 0);
	assert_int_equal(kv(&top->events, "failcnt"), 0);
	/* docker scope memory.usage_in_bytes 7364608 = 7192 KiB */
	assert_int_equal(docker->usage_kb, 7192);
	snapshot_free(snap);
}

static void test_cgroup_v2(void **state)
{
	/* pcp-cgroups-root-004: every directory, in name order, parents first */
	static const char *const paths[] = {
		"/", "/init.scope", "/machine.slice", "/system.slice",
		"/system.slice/grafana-server.service",
		"/system.slice/mssql-server.service", "/system.slice/pmcd.service",
		"/system.slice/pmproxy.service", "/system.slice/redis.service",
		"/system.slice/systemd-journald.service",
		"/system.slice/systemd-udevd.service", "/user.slice",
		"/user.slice/user-1000.slice",
		"/user.slice/user-1000.slice/user@1000.service",
		"/user.slice/user-1000.slice/user@1000.service/"
		"evolution-calendar-factory.service",
		"/user.slice/user-1000.slice/user@1000.service/"
		"gnome-shell-wayland.service",
		"/user.slice/user-1000.slice/user@1000.service/"
		"gnome-terminal-server.service",
	};
	struct snapshot *snap = collect_on("pcp-cgroups-root-004",
	                                   collect_cgroups);
	const struct cgroup_mem *system, *mssql;

	(void)state;
	/* No cgroup.controllers nor mount table in the capture: the v2 files at
	 * the top of sys/fs/cgroup (memory.pressure) tell. */
	assert_true(snap->known & KNOWN(SEC_CGROUP));
	assert_int_equal(snap->cgroup.version, 2);
	assert_string_equal(snap->cgroup.mount, "/sys/fs/cgroup");
	assert_int_equal(snap->cgroup.count, ARRAY_SIZE(paths));
	for (size_t i = 0; i < ARRAY_SIZE(paths); i++)
		assert_string_equal(snap->cgroup.groups[i].path, paths[i]);
	/* The root group has no memory.current in v2. */
	assert_false(snap->cgroup.groups[0].known & KNOWN(CG_USAGE));
	system = find_group(snap, "/system.slice");
	/* system.slice/memory.current 2831458304 = 2765096 KiB;
	 * memory.swap.current 843128832 = 823368 KiB; memory.max "max" */
	assert_int_equal(system->usage_kb, 2765096);
	assert_int_equal(system->swap_usage_kb, 823368);
	assert_true(system->limit_kb == CGROUP_UNLIMITED);
	assert_true(system->high_kb == CGROUP_UNLIMITED);
	assert_true(system->known & KNOWN(CG_LOW));
	assert_int_equal(system->low_kb, 0);
	/* memory.stat 31 lines; memory.events line 5 "oom_kill 5" */
	assert_int_equal(system->stat.count, 31);
	assert_int_equal(kv(&system->events, "oom_kill"), 5);
	assert_false(system->known & KNOWN(CG_MEMSW_USAGE));
	/* mssql-server.service/memory.current 310890496 = 303604 KiB */
	mssql = find_group(snap, "/system.slice/mssql-server.service");
	assert_int_equal(mssql->usage_kb, 303604);
	snapshot_free(snap);
}

/* Symlinks are not followed; "max" and the v1 sentinel mean no limit. */
static void test_cgroup_tree_rules(void **state)
{
	char *tree = make_tree();
	struct snapshot *snap = snapshot_new();
	const struct cgroup_mem *a;

	(void)state;
	put_file(tree, "sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n",
	         0444);
	put_file(tree, "sys/fs/cgroup/a/memory.current", "4096\n", 0444);
	put_file(tree, "sys/fs/cgroup/a/memory.max", "9223372036854771712\n", 0444);
	put_file(tree, "sys/fs/cgroup/a/memory.high", "garbage\n", 0444);
	put_file(tree, "sys/fs/cgroup/a/memory.swap.max", "max\n", 0444);
	put_link(tree, "sys/fs/cgroup/a/loop", "..");
	collect_cgroups(snap, tree);
	assert_int_equal(snap->cgroup.version, 2);
	assert_int_equal(snap->cgroup.count, 2);
	a = find_group(snap, "/a");
	assert_int_equal(a->usage_kb, 4);
	assert_true(a->limit_kb == CGROUP_UNLIMITED);
	assert_true(a->swap_limit_kb == CGROUP_UNLIMITED);
	assert_false(a->known & KNOWN(CG_HIGH));
	snapshot_free(snap);
	remove_tree(tree);
}

/* A cgroup2 mount found through the mount table, its path unescaped. */
static void test_cgroup_mount_table(void **state)
{
	char *tree = make_tree();
	struct snapshot *snap = snapshot_new();

	(void)state;
	put_file(tree, "proc/self/mounts",
	         "proc /proc proc rw 0 0\n"
	         "cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n"
	         "cgroup2 /my\\040cgroups cgroup2 rw,nosuid 0 0\n", 0444);
	put_file(tree, "sys/fs/cgroup/unified/cgroup.controllers", "hugetlb\n", 0444);
	put_file(tree, "my cgroups/cgroup.controllers", "memory\n", 0444);
	put_file(tree, "my cgroups/job/memory.current", "8192\n", 0444);
	collect_cgroups(snap, tree);
	assert_true(snap->known & KNOWN(SEC_CGROUP));
	assert_int_equal(snap->cgroup.version, 2);
	assert_string_equal(snap->cgroup.mount, "/my cgroups");
	assert_int_equal(find_group(snap, "/job")->usage_kb, 8);
	snapshot_free(snap);
	remove_tree(tree);
}

static void test_cgroup_cap(void **state)
{
	char *tree = make_tree();
	struct snapshot *snap = snapshot_new();
	char *many = xasprintf("%s/sys/fs/cgroup/memory/many", tree);

	(void)state;
	put_file(tree, "sys/fs/cgroup/memory/memory.usage_in_bytes", "0\n", 0444);
	make_dirs(many);
	for (int i = 0; i < 4100; i++) {
		char *dir = xasprintf("%s/g%d", many, i);

		mkdir(dir, 0755);
		free(dir);
	}
	collect_cgroups(snap, tree);
	assert_int_equal(snap->cgroup.version, 1);
	assert_int_equal(snap->cgroup.count, 4096);
	assert_string_equal(snap->cgroup.groups[0].path, "/");
	assert_string_equal(snap->cgroup.groups[1].path, "/many");
	assert_reason_has(snap, "cgroup.groups", "4096");
	snapshot_free(snap);
	free(many);
	remove_tree(tree);
}

/* ---- THP and zswap on made trees --------------------------------------- */

static void test_thp_tree(void **state)
{
	static const char *const keys[] = {
		"enabled", "hugepages-64kB/enabled",
		"hugepages-64kB/stats/anon_fault_alloc", "hugepages-2048kB/enabled",
		"khugepaged/pages_to_scan",
	};
	char *tree = make_tree();
	struct snapshot *snap = snapshot_new();

	(void)state;
	put_file(tree, "sys/kernel/mm/transparent_hugepage/enabled",
	         "always [madvise] never\n", 0644);
	put_file(tree, "sys/kernel/mm/transparent_hugepage/khugepaged/pages_to_scan",
	         "4096\n", 0644);
	put_file(tree, "sys/kernel/mm/transparent_hugepage/hugepages-2048kB/enabled",
	         "always inherit madvise [never]\n", 0644);
	put_file(tree, "sys/kernel/mm/transparent_hugepage/hugepages-64kB/enabled",
	         "[inherit]\n", 0644);
	put_file(tree,
	         "sys/kernel/mm/transparent_hugepage/hugepages-64kB/stats/anon_fault_alloc",
	         "17\n", 0444);
	put_file(tree, "sys/kernel/mm/transparent_hugepage/write_only", "1\n", 0200);
	put_link(tree, "sys/kernel/mm/transparent_hugepage/link", "khugepaged");
	collect_thp(snap, tree);
	assert_true(snap->known & KNOWN(SEC_THP));
	/* natural order, links and write-only files left out */
	assert_int_equal(snap->thp.count, ARRAY_SIZE(keys));
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		assert_string_equal(snap->thp.items[i].name, keys[i]);
	assert_string_equal(skvlist_get(&snap->thp, "enabled"),
	                    "always [madvise] never");
	assert_string_equal(skvlist_get(&snap->thp, "khugepaged/pages_to_scan"),
	                    "4096");
	snapshot_free(snap);
	remove_tree(tree);
}

static void test_zswap_tree(void **state)
{
	char *tree = make_tree();
	struct snapshot *snap = snapshot_new();

	(void)state;
	put_file(tree, "sys/module/zswap/parameters/enabled", "Y\n", 0644);
	put_file(tree, "sys/module/zswap/parameters/compressor", "lzo\n", 0644);
	put_file(tree, "sys/module/zswap/parameters/max_pool_percent", "20\n", 0644);
	put_file(tree, "sys/kernel/debug/zswap/stored_pages", "1234\n", 0444);
	put_file(tree, "sys/kernel/debug/zswap/pool_total_size", "2048000\n", 0444);
	put_file(tree, "sys/kernel/debug/zswap/not_a_number", "abc\n", 0444);
	collect_zswap(snap, tree);
	assert_true(snap->known & KNOWN(SEC_ZSWAP));
	assert_true(snap->zswap.known & KNOWN(ZSWAP_PARAMETERS));
	assert_true(snap->zswap.known & KNOWN(ZSWAP_STATS));
	assert_int_equal(snap->zswap.parameters.count, 3);
	assert_string_equal(skvlist_get(&snap->zswap.parameters, "compressor"),
	                    "lzo");
	assert_int_equal(snap->zswap.stats.count, 2);
	assert_int_equal(kv(&snap->zswap.stats, "stored_pages"), 1234);
	assert_int_equal(kv(&snap->zswap.stats, "pool_total_size"), 2048000);
	snapshot_free(snap);
	remove_tree(tree);
}

static void test_zswap_no_debugfs(void **state)
{
	char *tree = make_tree();
	char *debug = xasprintf("%s/sys/kernel/debug", tree);
	struct snapshot *snap = snapshot_new();

	(void)state;
	put_file(tree, "sys/module/zswap/parameters/enabled", "N\n", 0644);
	make_dirs(debug); /* an empty mount point */
	collect_zswap(snap, tree);
	assert_true(snap->known & KNOWN(SEC_ZSWAP));
	assert_true(snap->zswap.known & KNOWN(ZSWAP_PARAMETERS));
	assert_false(snap->zswap.known & KNOWN(ZSWAP_STATS));
	assert_reason_has(snap, "zswap.stats", "debugfs not mounted");
	snapshot_free(snap);

	/* debugfs mounted, zswap never enabled: no zswap/ directory */
	put_file(tree, "sys/kernel/debug/slab/some_file", "", 0444);
	snap = snapshot_new();
	collect_zswap(snap, tree);
	assert_false(snap->zswap.known & KNOWN(ZSWAP_STATS));
	assert_reason_has(snap, "zswap.stats", "not been enabled");
	snapshot_free(snap);
	free(debug);
	remove_tree(tree);
}

/* ---- live ---------------------------------------------------------------- */

static void test_live_header(void **state)
{
	struct snapshot *snap = snapshot_new();
	struct utsname uts;
	char *hostname = first_line("/proc/sys/kernel/hostname");

	(void)state;
	collect_header(snap, NULL);
	assert_int_equal(uname(&uts), 0);
	assert_string_equal(snap->kernel, uts.release);
	if (hostname)
		assert_string_equal(snap->hostname, hostname);
	assert_int_equal(snap->page_size, getpagesize());
	free(hostname);
	snapshot_free(snap);
}

static void test_live_counters(void **state)
{
	struct snapshot *snap = snapshot_new();

	(void)state;
	collect_meminfo(snap, NULL);
	collect_vmstat(snap, NULL);
	assert_true(snap->known & KNOWN(SEC_MEMINFO));
	assert_true(snap->known & KNOWN(SEC_VMSTAT));
	/* every line is a value: wc -l /proc/vmstat, /proc/meminfo */
	assert_int_equal(snap->vmstat.count, count_lines("/proc/vmstat"));
	assert_int_equal(snap->meminfo.count, count_lines("/proc/meminfo"));
	snapshot_free(snap);
}

static void test_live_psi(void **state)
{
	struct snapshot *snap = snapshot_new();

	(void)state;
	collect_psi(snap, NULL);
	if (access("/proc/pressure/memory", R_OK) == 0) {
		assert_true(snap->known & KNOWN(SEC_PSI));
		assert_true(snap->psi.some.known & 1);
	} else {
		assert_false(snap->known & KNOWN(SEC_PSI));
		assert_reason_has(snap, "psi", "/proc/pressure/memory");
	}
	snapshot_free(snap);
}

static void test_live_sysctl(void **state)
{
	struct snapshot *snap = snapshot_new();
	char *swappiness = first_line("/proc/sys/vm/swappiness");
	char *ratio = first_line("/proc/sys/vm/lowmem_reserve_ratio");

	(void)state;
	collect_sysctl(snap, NULL);
	assert_true(snap->known & KNOWN(SEC_SYSCTL));
	assert_non_null(swappiness);
	assert_string_equal(skvlist_get(&snap->sysctl, "swappiness"), swappiness);
	if (ratio)
		assert_string_equal(skvlist_get(&snap->sysctl, "lowmem_reserve_ratio"),
		                    ratio);
	/* write-only, and read-with-a-side-effect */
	assert_null(skvlist_get(&snap->sysctl, "drop_caches"));
	assert_null(skvlist_get(&snap->sysctl, "compact_memory"));
	assert_null(skvlist_get(&snap->sysctl, "stat_refresh"));
	free(swappiness);
	free(ratio);
	snapshot_free(snap);
}

static void test_live_zones_slab(void **state)
{
	struct snapshot *snap = snapshot_new();
	long slab_lines = count_lines("/proc/slabinfo");
	FILE *zoneinfo = fopen("/proc/zoneinfo", "r");
	char *line = NULL;
	size_t cap = 0;
	size_t zones = 0;

	(void)state;
	assert_non_null(zoneinfo);
	while (getline(&line, &cap, zoneinfo) > 0)
		zones += strncmp(line, "Node ", 5) == 0;
	free(line);
	fclose(zoneinfo);
	collect_zones(snap, NULL);
	collect_slab(snap, NULL);
	assert_true(snap->known & KNOWN(SEC_ZONES));
	assert_int_equal(snap->nzones, zones);
	if (geteuid() == 0) {
		assert_null(reason(snap, "pagetypeinfo"));
		assert_true(snap->zones[0].nmigratetypes > 0);
	} else {
		assert_reason_has(snap, "pagetypeinfo", "run as root");
	}
	if (slab_lines > 2) {
		assert_true(snap->known & KNOWN(SEC_SLAB));
		/* caches come and go rarely; two header lines */
		assert_int_equal(snap->nslab, slab_lines - 2);
	} else {
		assert_false(snap->known & KNOWN(SEC_SLAB));
		assert_non_null(reason(snap, "slab"));
	}
	snapshot_free(snap);
}

static int thp_files;

static int count_readable_file(const char *path, const struct stat *st,
                               int flag, struct FTW *ftw)
{
	(void)path;
	(void)ftw;
	if (flag == FTW_F && S_ISREG(st->st_mode) &&
	    (st->st_mode & (S_IRUSR | S_IRGRP | S_IROTH)))
		thp_files++;
	return 0;
}

static void test_live_thp(void **state)
{
	static const char dir[] = "/sys/kernel/mm/transparent_hugepage";
	struct snapshot *snap = snapshot_new();
	char *enabled = first_line("/sys/kernel/mm/transparent_hugepage/enabled");

	(void)state;
	collect_thp(snap, NULL);
	if (!enabled) {
		assert_reason_has(snap, "thp", dir);
		snapshot_free(snap);
		skip();
	}
	assert_true(snap->known & KNOWN(SEC_THP));
	assert_string_equal(skvlist_get(&snap->thp, "enabled"), enabled);
	thp_files = 0;
	assert_int_equal(nftw(dir, count_readable_file, 16, FTW_PHYS), 0);
	assert_int_equal(snap->thp.count, thp_files);
	free(enabled);
	snapshot_free(snap);
}

static void test_live_zswap(void **state)
{
	struct snapshot *snap = snapshot_new();
	char *enabled = first_line("/sys/module/zswap/parameters/enabled");

	(void)state;
	collect_zswap(snap, NULL);
	if (!enabled) {
		assert_false(snap->known & KNOWN(SEC_ZSWAP));
		assert_reason_has(snap, "zswap", "/sys/module/zswap");
		snapshot_free(snap);
		skip();
	}
	assert_true(snap->known & KNOWN(SEC_ZSWAP));
	assert_string_equal(skvlist_get(&snap->zswap.parameters, "enabled"),
	                    enabled);
	if (access("/sys/kernel/debug/zswap/stored_pages", R_OK) == 0)
		assert_true(snap->zswap.known & KNOWN(ZSWAP_STATS));
	else
		assert_non_null(reason(snap, "zswap.stats"));
	free(enabled);
	snapshot_free(snap);
}

static void test_live_cgroup(void **state)
{
	struct snapshot *snap = snapshot_new();
	char *controllers = first_line("/sys/fs/cgroup/cgroup.controllers");
	int64_t version = 0;
	const char *mount = NULL;
	char *stat_path;

	(void)state;
	if (controllers && strstr(controllers, "memory")) {
		version = 2;
		mount = "/sys/fs/cgroup";
	} else if (access("/sys/fs/cgroup/memory/memory.usage_in_bytes", R_OK) == 0) {
		version = 1; /* this machine */
		mount = "/sys/fs/cgroup/memory";
	}
	free(controllers);
	if (!version)
		skip();
	collect_cgroups(snap, NULL);
	assert_true(snap->known & KNOWN(SEC_CGROUP));
	assert_int_equal(snap->cgroup.version, version);
	assert_string_equal(snap->cgroup.mount, mount);
	assert_true(snap->cgroup.count >= 1);
	assert_string_equal(snap->cgroup.groups[0].path, "/");
	stat_path = xasprintf("%s/memory.stat", mount);
	assert_int_equal(snap->cgroup.groups[0].stat.count,
	                 count_lines(stat_path));
	if (version == 1) /* the v1 root has no limit */
		assert_true(snap->cgroup.groups[0].limit_kb == CGROUP_UNLIMITED);
	free(stat_path);
	snapshot_free(snap);
}

/* libnuma (root NULL) and the sysfs reader (root "/.", same files) agree. */
static void test_live_numa_paths_agree(void **state)
{
	struct snapshot *by_libnuma = snapshot_new();
	struct snapshot *by_sysfs = snapshot_new();
	char *cpulist0 = first_line("/sys/devices/system/node/node0/cpulist");

	(void)state;
	if (numa_available() < 0 || !cpulist0) {
		free(cpulist0);
		snapshot_free(by_libnuma);
		snapshot_free(by_sysfs);
		skip();
	}
	collect_numa(by_libnuma, NULL);
	collect_numa(by_sysfs, "/.");
	assert_true(by_libnuma->known & KNOWN(SEC_NUMA));
	assert_true(by_sysfs->known & KNOWN(SEC_NUMA));
	assert_int_equal(by_libnuma->numa.count, by_sysfs->numa.count);
	assert_string_equal(by_libnuma->numa.nodes[0].cpulist, cpulist0);
	for (size_t i = 0; i < by_sysfs->numa.count; i++) {
		const struct numa_node *a = &by_libnuma->numa.nodes[i];
		const struct numa_node *b = &by_sysfs->numa.nodes[i];

		assert_int_equal(a->node, b->node);
		assert_true(a->known & KNOWN(NUMA_CPULIST));
		assert_string_equal(a->cpulist, b->cpulist);
		assert_true(a->known & KNOWN(NUMA_DISTANCE));
		assert_int_equal(a->ndistance, b->ndistance);
		assert_memory_equal(a->distance, b->distance,
		                    a->ndistance * sizeof(*a->distance));
		assert_true(a->known & KNOWN(NUMA_MEMINFO));
		assert_true(a->known & KNOWN(NUMA_NUMASTAT));
	}
	free(cpulist0);
	snapshot_free(by_libnuma);
	snapshot_free(by_sysfs);
}

/* ---- the errno behind a refused read ------------------------------------ */

/* As nobody in a child (root reads a mode-0 file anyway): the pageblock
 * map and zswap's debugfs counters, refused, keep EACCES beside their
 * reason, which the TUI's status line decides from.  0: as expected, 1:
 * not, 2: no user to become. */
static int refused_child(const char *root)
{
	struct pageblocks_cache *cache = NULL;
	struct snapshot *snap;
	int64_t map_err = 0, zswap_err = 0;
	bool ok;

	if (setgid(65534) < 0 || setuid(65534) < 0)
		return 2;
	snap = snapshot_new();
	collect_pageblocks(snap, root, &cache);
	collect_zswap(snap, root);
	ok = kvlist_get(&snap->unavailable_errno, "pageblocks", &map_err) &&
	     kvlist_get(&snap->unavailable_errno, "zswap.stats", &zswap_err);
	if (!ok || map_err != EACCES || zswap_err != EACCES)
		fprintf(stderr, "pageblocks %lld, zswap.stats %lld\n",
		        (long long)map_err, (long long)zswap_err);
	snapshot_free(snap);
	pageblocks_cache_free(cache);
	return ok && map_err == EACCES && zswap_err == EACCES ? 0 : 1;
}

static void test_refused_reads_keep_errno(void **state)
{
	char root[] = "/tmp/memlens-refused.XXXXXX";
	char *path;
	int status = -1;
	pid_t pid;
	FILE *f;

	(void)state;
	if (geteuid() != 0)
		skip(); /* needs a user to become, and files it cannot read */
	assert_non_null(mkdtemp(root));
	assert_int_equal(chmod(root, 0755), 0);
	path = xasprintf("mkdir -p %s/proc %s/sys/kernel/debug/zswap "
	                 "%s/sys/module/zswap/parameters", root, root, root);
	assert_int_equal(system(path), 0);
	free(path);
	path = xasprintf("%s/proc/kpageflags", root);
	assert_non_null(f = fopen(path, "w"));
	fclose(f);
	assert_int_equal(chmod(path, 0), 0);
	free(path);
	path = xasprintf("%s/sys/kernel/debug/zswap", root);
	assert_int_equal(chmod(path, 0), 0);
	free(path);
	pid = fork();
	if (pid == 0)
		_exit(refused_child(root));
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	path = xasprintf("rm -rf %s", root);
	assert_int_equal(system(path), 0);
	free(path);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
		skip();
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_root),
		cmocka_unit_test(test_header_tree),
		cmocka_unit_test(test_meminfo_vmstat_root),
		cmocka_unit_test(test_psi_root),
		cmocka_unit_test(test_sysctl_root),
		cmocka_unit_test(test_sysctl_skips_write_only),
		cmocka_unit_test(test_missing_files),
		cmocka_unit_test(test_numa_missing_is_one_reason),
		cmocka_unit_test(test_zones_zoneinfo_only),
		cmocka_unit_test(test_zones_with_pagetypeinfo),
		cmocka_unit_test(test_slab_root),
		cmocka_unit_test(test_numa_64_nodes),
		cmocka_unit_test(test_numa_sparse_ids),
		cmocka_unit_test(test_numa_cpuless_nodes),
		cmocka_unit_test(test_numa_nul_padded),
		cmocka_unit_test(test_numa_garbage),
		cmocka_unit_test(test_cgroup_v1),
		cmocka_unit_test(test_cgroup_v2),
		cmocka_unit_test(test_cgroup_tree_rules),
		cmocka_unit_test(test_cgroup_mount_table),
		cmocka_unit_test(test_cgroup_cap),
		cmocka_unit_test(test_thp_tree),
		cmocka_unit_test(test_zswap_tree),
		cmocka_unit_test(test_zswap_no_debugfs),
		cmocka_unit_test(test_live_header),
		cmocka_unit_test(test_live_counters),
		cmocka_unit_test(test_live_psi),
		cmocka_unit_test(test_live_sysctl),
		cmocka_unit_test(test_live_zones_slab),
		cmocka_unit_test(test_live_thp),
		cmocka_unit_test(test_live_zswap),
		cmocka_unit_test(test_live_cgroup),
		cmocka_unit_test(test_live_numa_paths_agree),
		cmocka_unit_test(test_refused_reads_keep_errno),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
