/*
 * collect.c - takes a snapshot: calls the collector of each requested
 * section, and marks the others "not requested" so that output says why they
 * are missing instead of printing zeros.
 *
 * Must not: render anything, or write to /proc or /sys.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "collect.h"
#include "sources.h"
#include "util.h"

struct collector {
	struct collect_options opts;
	char *root;
	struct proc_collector *procs;
	struct pageblocks_cache *pageblocks; /* the last map read */
	struct vmas_cache *vmas; /* smaps' read buffers */
};

typedef void (*section_collector)(struct snapshot *snap, const char *root);

/* In snapshot order; processes are collected by the proc collector. */
static const struct {
	enum snapshot_section section;
	const char *name;
	section_collector collect;
} sections[] = {
	{ SEC_MEMINFO, "meminfo", collect_meminfo },
	{ SEC_VMSTAT, "vmstat", collect_vmstat },
	{ SEC_ZONES, "zones", collect_zones },
	{ SEC_SLAB, "slab", collect_slab },
	{ SEC_NUMA, "numa", collect_numa },
	{ SEC_THP, "thp", collect_thp },
	{ SEC_ZSWAP, "zswap", collect_zswap },
	{ SEC_PSI, "psi", collect_psi },
	{ SEC_CGROUP, "cgroup", collect_cgroups },
	{ SEC_SYSCTL, "sysctl", collect_sysctl },
	{ SEC_PAGEBLOCKS, "pageblocks", NULL }, /* has state: collect_section */
	{ SEC_OOM_LOG, "oom_log", collect_oom_log },
	{ SEC_LRU_GEN, "lru_gen", collect_lru_gen },
};

int collector_new(struct collector **out, const struct collect_options *opts)
{
	struct collector *c = xcalloc(1, sizeof(*c));
	int rc;

	c->opts = *opts;
	c->root = opts->root ? xstrdup(opts->root) : NULL;
	c->opts.root = c->root;
	if (opts->sections & KNOWN(SEC_PROCESSES)) {
		rc = proc_collector_new(&c->procs, &c->opts);
		if (rc < 0) {
			collector_free(c);
			return rc;
		}
	}
	*out = c;
	return 0;
}

static void mark_not_requested(struct snapshot *snap, const char *name)
{
	snapshot_set_unavailable_errno(snap, name,
	                               _("not requested (see --view)"),
	                               UNAVAILABLE_NOT_REQUESTED);
}

/* One section of the table; those with state of their own are named. */
static void collect_section(struct collector *c, struct snapshot *snap,
                            size_t i)
{
	if (sections[i].section == SEC_PAGEBLOCKS)
		collect_pageblocks(snap, c->root, &c->pageblocks);
	else
		sections[i].collect(snap, c->root);
}

struct snapshot *collector_collect(struct collector *c)
{
	struct snapshot *snap = snapshot_new();

	collect_header(snap, c->root);
	for (size_t i = 0; i < ARRAY_SIZE(sections); i++) {
		if (c->opts.sections & KNOWN(sections[i].section))
			collect_section(c, snap, i);
		else
			mark_not_requested(snap, sections[i].name);
	}
	if (c->procs && (c->opts.sections & KNOWN(SEC_PROCESSES)))
		proc_collector_collect(c->procs, snap);
	else
		mark_not_requested(snap, "processes");
	if (c->opts.sections & KNOWN(SEC_VMAS)) {
		collect_vmas(snap, c->root, c->opts.vmas_pid, &c->vmas);
	} else {
		mark_not_requested(snap, "vmas");
		vmas_cache_free(c->vmas); /* the view closed: 75 MB at 100,000 */
		c->vmas = NULL;
	}
	return snap;
}

void collector_set_vmas_pid(struct collector *c, int64_t pid)
{
	c->opts.vmas_pid = pid;
}

void collector_set_fresh_oom_inputs(struct collector *c, bool fresh)
{
	c->opts.fresh_oom_inputs = fresh;
	if (c->procs)
		proc_collector_set_fresh_oom(c->procs, fresh);
}

int collector_set_sections(struct collector *c, uint64_t wanted)
{
	int rc;

	if ((wanted & KNOWN(SEC_PROCESSES)) && !c->procs) {
		rc = proc_collector_new(&c->procs, &c->opts);
		if (rc < 0)
			return rc;
	}
	c->opts.sections = wanted;
	return 0;
}

void collector_free(struct collector *c)
{
	if (!c)
		return;
	if (c->procs)
		proc_collector_free(c->procs);
	pageblocks_cache_free(c->pageblocks);
	vmas_cache_free(c->vmas);
	free(c->root);
	free(c);
}
