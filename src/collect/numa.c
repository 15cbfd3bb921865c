/*
 * numa.c - NUMA nodes: which exist, their CPUs and distances (the topology),
 * and each node's meminfo, numastat and vmstat counters.
 *
 * On the live system the topology comes from libnuma (DESIGN.md), which
 * knows the nodes the kernel configured and caches the distance table; a
 * captured tree (--root) is read from its sys/devices/system/node/ files.
 * The per-node counters come from sysfs in both cases: libnuma has no API
 * for them.  Node ids may be sparse (0,1,4,5 or 0,8,250-255): nodes are
 * kept in id order and distances follow that order, as the kernel prints
 * them (for_each_online_node).
 *
 * Must not: write to /sys, or change the NUMA policy of this process.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <numa.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "parse.h"
#include "sources.h"
#include "util.h"

#define NODE_DIR "/sys/devices/system/node"

/* Which per-node files already have a reason recorded: one is enough. */
struct numa_report {
	bool told[NUMA_NODE_BIT_COUNT];
};

static const char *const numa_sources[NUMA_NODE_BIT_COUNT] = {
	[NUMA_CPULIST] = "numa.cpulist",
	[NUMA_DISTANCE] = "numa.distance",
	[NUMA_MEMINFO] = "numa.meminfo",
	[NUMA_NUMASTAT] = "numa.numastat",
	[NUMA_VMSTAT] = "numa.vmstat",
};

static void numa_tell(struct snapshot *snap, struct numa_report *report,
                      enum numa_node_bit bit, char *reason)
{
	if (!report->told[bit]) {
		snapshot_set_unavailable(snap, numa_sources[bit], reason);
		report->told[bit] = true;
	}
	free(reason);
}

static char *node_file(int64_t node, const char *name)
{
	return xasprintf(NODE_DIR "/node%lld/%s", (long long)node, name);
}

/* ---- id lists ----------------------------------------------------------- */

/* "0-3,8,10-11" from a bit per id; "" when no bit is set.  Caller frees. */
static char *format_id_ranges(const bool *bits, size_t nbits)
{
	/* Each id costs at most 20 digits and a separator. */
	char *out = xmalloc(nbits * 22 + 1);
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < nbits; i++) {
		size_t last = i;

		if (!bits[i])
			continue;
		while (last + 1 < nbits && bits[last + 1])
			last++;
		used += (size_t)sprintf(out + used, used ? ",%zu" : "%zu", i);
		if (last > i)
			used += (size_t)sprintf(out + used, "-%zu", last);
		i = last;
	}
	return out;
}

/* One 32-bit word of a cpumap: 1 to 8 hex digits. */
static int parse_hex_word(const char *text, size_t len, uint32_t *out)
{
	uint32_t value = 0;

	if (len < 1 || len > 8)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		int c = tolower((unsigned char)text[i]);

		if (!isxdigit(c))
			return -EINVAL;
		value = value * 16 + (uint32_t)(isdigit(c) ? c - '0' : c - 'a' + 10);
	}
	*out = value;
	return 0;
}

/*
 * cpumap ("00000000,000000f0": 32-bit hex words, most significant first,
 * a trimmed line) into a cpulist ("4-7").  Old kernels have no cpulist file.
 */
static int cpumap_to_cpulist(const char *text, char **cpulist)
{
	size_t end = strlen(text);
	size_t nwords = 1;
	bool *bits;

	for (size_t i = 0; i < end; i++)
		nwords += text[i] == ',';
	if (end == 0 || nwords > 4096)
		return -EINVAL;
	bits = xcalloc(nwords * 32, sizeof(*bits));
	/* Walk the words from the last (CPUs 0-31) to the first. */
	for (size_t word = 0; word < nwords; word++) {
		size_t start = end;
		uint32_t value;

		while (start > 0 && text[start - 1] != ',')
			start--;
		if (parse_hex_word(text + start, end - start, &value) < 0) {
			free(bits);
			return -EINVAL;
		}
		for (size_t bit = 0; bit < 32; bit++)
			bits[word * 32 + bit] = (value >> bit) & 1;
		end = start > 0 ? start - 1 : 0;
	}
	*cpulist = format_id_ranges(bits, nwords * 32);
	free(bits);
	return 0;
}

/* ---- which nodes exist ------------------------------------------------ */

static int compare_ids(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/* "node12" -> 12; anything else (node, nodeX, possible) -> -1. */
static int64_t node_dir_id(const char *name)
{
	int64_t id = 0;

	if (strncmp(name, "node", 4) != 0 || !name[4])
		return -1;
	for (const char *p = name + 4; *p; p++) {
		if (!isdigit((unsigned char)*p) || id > INT_MAX / 10)
			return -1;
		id = id * 10 + (*p - '0');
	}
	return id;
}

static int nodes_from_sysfs(const char *root, int64_t **ids, size_t *count)
{
	struct dirent **entries;
	int n = collect_list_dir(root, NODE_DIR, NULL, &entries);
	size_t cap = 0;

	*ids = NULL;
	*count = 0;
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		int64_t id = node_dir_id(entries[i]->d_name);

		if (id < 0)
			continue;
		xgrow((void **)ids, &cap, *count + 1, sizeof(**ids));
		(*ids)[(*count)++] = id;
	}
	collect_free_entries(entries, n);
	if (*count > 1)
		qsort(*ids, *count, sizeof(**ids), compare_ids);
	return 0;
}

/* numa_nodes_ptr: every node the kernel configured, with or without CPUs. */
static int nodes_from_libnuma(int64_t **ids, size_t *count)
{
	int max_node = numa_max_node();
	size_t cap = 0;

	*ids = NULL;
	*count = 0;
	if (!numa_nodes_ptr || max_node < 0)
		return -ENODEV;
	for (int node = 0; node <= max_node; node++) {
		if (!numa_bitmask_isbitset(numa_nodes_ptr, (unsigned)node))
			continue;
		xgrow((void **)ids, &cap, *count + 1, sizeof(**ids));
		(*ids)[(*count)++] = node;
	}
	return 0;
}

/* ---- topology: CPUs and distances ------------------------------------- */

/* Kernels before 2.6.2x only have the hex cpumap. */
static void cpulist_from_cpumap(struct snapshot *snap, const char *root,
                                struct numa_node *node,
                                struct numa_report *report)
{
	char *path = node_file(node->node, "cpumap");
	int rc;
	char *text = collect_read_line(root, path, &rc);

	if (!text)
		numa_tell(snap, report, NUMA_CPULIST,
		          unreadable_reason(path, rc));
	else if (cpumap_to_cpulist(text, &node->cpulist) < 0)
		numa_tell(snap, report, NUMA_CPULIST,
		          collect_unparsable_reason(path));
	else
		node->known |= KNOWN(NUMA_CPULIST);
	free(text);
	free(path);
}

static void cpulist_from_sysfs(struct snapshot *snap, const char *root,
                               struct numa_node *node,
                               struct numa_report *report)
{
	char *path = node_file(node->node, "cpulist");

	/* A CPU-less node's cpulist is an empty line: known and empty. */
	node->cpulist = collect_read_line(root, path, NULL);
	free(path);
	if (node->cpulist)
		node->known |= KNOWN(NUMA_CPULIST);
	else
		cpulist_from_cpumap(snap, root, node, report);
}

static void distance_from_sysfs(struct snapshot *snap, const char *root,
                                struct numa_node *node, size_t nnodes,
                                struct numa_report *report)
{
	char *path = node_file(node->node, "distance");
	int rc;
	char *text = collect_read_line(root, path, &rc);

	if (!text) {
		numa_tell(snap, report, NUMA_DISTANCE,
		          unreadable_reason(path, rc));
	} else if (parse_int_list(text, &node->distance, &node->ndistance) < 0) {
		numa_tell(snap, report, NUMA_DISTANCE,
		          collect_unparsable_reason(path));
	} else if (node->ndistance != nnodes) {
		/* Then the row cannot be matched to the nodes: do not guess. */
		numa_tell(snap, report, NUMA_DISTANCE,
		          xasprintf(_("%s: %zu distances for %zu nodes"), path,
		                    node->ndistance, nnodes));
	} else {
		node->known |= KNOWN(NUMA_DISTANCE);
	}
	if (!(node->known & KNOWN(NUMA_DISTANCE))) {
		free(node->distance);
		node->distance = NULL;
		node->ndistance = 0;
	}
	free(text);
	free(path);
}

static void cpulist_from_libnuma(struct numa_node *node)
{
	struct bitmask *cpus = numa_allocate_cpumask();

	if (numa_node_to_cpus((int)node->node, cpus) == 0) {
		bool *bits = xcalloc(cpus->size, sizeof(*bits));

		for (unsigned cpu = 0; cpu < cpus->size; cpu++)
			bits[cpu] = numa_bitmask_isbitset(cpus, cpu);
		node->cpulist = format_id_ranges(bits, cpus->size);
		node->known |= KNOWN(NUMA_CPULIST);
		free(bits);
	}
	numa_free_cpumask(cpus);
}

/* numa_distance() returns 0 when the kernel gave no distance. */
static void distance_from_libnuma(struct numa *numa, struct numa_node *node)
{
	node->distance = xcalloc(numa->count, sizeof(*node->distance));
	node->ndistance = numa->count;
	for (size_t i = 0; i < numa->count; i++) {
		node->distance[i] = numa_distance((int)node->node,
		                                  (int)numa->nodes[i].node);
		if (node->distance[i] <= 0) {
			free(node->distance);
			node->distance = NULL;
			node->ndistance = 0;
			return;
		}
	}
	node->known |= KNOWN(NUMA_DISTANCE);
}

/* ---- per-node counters ------------------------------------------------ */

static void node_kv_file(struct snapshot *snap, const char *root,
                         struct numa_node *node, const char *name,
                         enum numa_node_bit bit, collect_kv_parser parse,
                         struct kvlist *list, struct numa_report *report)
{
	char *path = node_file(node->node, name);
	char *reason = collect_kv_file(root, path, parse, list);

	if (reason)
		numa_tell(snap, report, bit, reason);
	else
		node->known |= KNOWN(bit);
	free(path);
}

static void node_counters(struct snapshot *snap, const char *root,
                          struct numa_node *node, struct numa_report *report)
{
	/* parse_meminfo drops the "Node N " prefix of every line. */
	node_kv_file(snap, root, node, "meminfo", NUMA_MEMINFO, parse_meminfo,
	             &node->meminfo, report);
	node_kv_file(snap, root, node, "numastat", NUMA_NUMASTAT,
	             parse_name_value, &node->numastat, report);
	node_kv_file(snap, root, node, "vmstat", NUMA_VMSTAT, parse_name_value,
	             &node->vmstat, report);
}

/* ---- the section ------------------------------------------------------ */

static void numa_fill_nodes(struct snapshot *snap, const char *root,
                            bool use_libnuma, const int64_t *ids,
                            size_t count)
{
	struct numa *numa = &snap->numa;
	struct numa_report report = { 0 };

	numa->nodes = xcalloc(count, sizeof(*numa->nodes));
	numa->count = count;
	for (size_t i = 0; i < count; i++)
		numa->nodes[i].node = ids[i];
	for (size_t i = 0; i < count; i++) {
		struct numa_node *node = &numa->nodes[i];

		if (use_libnuma) {
			cpulist_from_libnuma(node);
			distance_from_libnuma(numa, node);
		} else {
			cpulist_from_sysfs(snap, root, node, &report);
			distance_from_sysfs(snap, root, node, count, &report);
		}
		node_counters(snap, root, node, &report);
	}
}

void collect_numa(struct snapshot *snap, const char *root)
{
	/* numa_available() < 0: a kernel without NUMA; sysfs then says why. */
	bool use_libnuma = collect_is_live(root) && numa_available() >= 0;
	int64_t *ids;
	size_t count;
	int rc = use_libnuma ? nodes_from_libnuma(&ids, &count)
	                     : nodes_from_sysfs(root, &ids, &count);

	if (rc < 0) {
		collect_mark_unreadable(snap, "numa", NODE_DIR, rc);
		return;
	}
	if (count == 0) {
		collect_mark_reason(snap, "numa",
		                    xasprintf(_("%s: no nodes listed"), NODE_DIR));
		free(ids);
		return;
	}
	numa_fill_nodes(snap, root, use_libnuma, ids, count);
	free(ids);
	snap->numa.known |= 1;
	snap->known |= KNOWN(SEC_NUMA);
}
