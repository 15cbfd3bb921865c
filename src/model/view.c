/*
 * view.c - the view table: names, keys, titles, and which sections each view
 * needs collected (so a batch run for `-v slab` reads no process files).
 *
 * Must not: draw anything.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "snapshot.h"
#include "util.h"
#include "view.h"

#define S(x) KNOWN(SEC_##x)

const struct view_info view_table[VIEW_COUNT] = {
	[VIEW_PROCS] = { "procs", '1', N_("Processes"),
	                 S(MEMINFO) | S(VMSTAT) | S(PROCESSES) },
	[VIEW_VMAS] = { "vmas", '2', N_("Mappings"),
	                S(MEMINFO) | S(PROCESSES) | S(VMAS) },
	[VIEW_FAULTS] = { "faults", '3', N_("Page faults"),
	                  S(VMSTAT) | S(PROCESSES) },
	[VIEW_SLAB] = { "slab", '4', N_("Slab caches"), S(MEMINFO) | S(SLAB) },
	[VIEW_NUMA] = { "numa", '5', N_("NUMA nodes"), S(MEMINFO) | S(NUMA) },
	[VIEW_THP] = { "thp", '6', N_("Huge pages and zswap"),
	               S(MEMINFO) | S(VMSTAT) | S(THP) | S(ZSWAP) },
	[VIEW_BUDDY] = { "buddy", '7', N_("Zones and free lists"),
	                 S(ZONES) | S(SYSCTL) },
	[VIEW_LRU] = { "lru", '8', N_("LRU lists and reclaim"),
	               S(MEMINFO) | S(VMSTAT) | S(PSI) | S(CGROUP) | S(SYSCTL) |
	               S(LRU_GEN) },
	[VIEW_OOM] = { "oom", '9', N_("OOM ranking"),
	               S(MEMINFO) | S(PROCESSES) | S(CGROUP) | S(SYSCTL) },
};

/* The overview header (printed above every view) needs these. */
#define OVERVIEW_SECTIONS (S(MEMINFO) | S(VMSTAT) | S(PSI) | S(NUMA))

static int view_lookup(const char *name, size_t len)
{
	for (int i = 0; i < VIEW_COUNT; i++)
		if (strlen(view_table[i].name) == len &&
		    strncmp(view_table[i].name, name, len) == 0)
			return i;
	return -1;
}

int view_parse_list(const char *list, unsigned *views, const char **bad,
                    size_t *bad_len)
{
	const char *p = list;

	*views = 0;
	while (*p) {
		size_t len = strcspn(p, ",");
		int id;

		if (len == 3 && strncmp(p, "all", 3) == 0)
			*views |= (1u << VIEW_COUNT) - 1;
		else if ((id = view_lookup(p, len)) >= 0)
			*views |= 1u << id;
		else {
			*bad = p;
			*bad_len = len;
			return -EINVAL;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	if (!*views) {
		*bad = list;
		*bad_len = 0;
		return -EINVAL;
	}
	return 0;
}

uint64_t view_sections(unsigned views)
{
	uint64_t sections = OVERVIEW_SECTIONS;

	for (int i = 0; i < VIEW_COUNT; i++)
		if (views & (1u << i))
			sections |= view_table[i].sections;
	return sections;
}
