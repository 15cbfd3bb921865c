/*
 * lru_inputs.c - what the lru engine reads from a snapshot, per scope: the
 * machine (meminfo lists, MemFree, the zones' watermarks, vm.swappiness,
 * SwapFree), a NUMA node (its meminfo and zones) or a memory cgroup
 * (memory.stat, hierarchical: what reclaim of that group reads; its limit,
 * usage, swap and, on v1, memory.swappiness).  From the previous snapshot
 * it takes the interval's workingset activations (prepare_scan_control()'s
 * "refaults changed") and an estimate of the lruvec's anon_cost and
 * file_cost, which the kernel does not publish.
 *
 * Each part records whether it is known; what is not gets its reason in the
 * result's "unavailable".
 *
 * Must not: do I/O.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lru_internal.h"
#include "util.h"

static const char *const meminfo_lists[LRU_NR_LISTS] = {
	"Inactive(anon)", "Active(anon)", "Inactive(file)", "Active(file)",
	"Unevictable",
};

/* memory.stat, hierarchical: v1 total_*, v2 plain (bytes). */
static const char *const stat_lists[LRU_NR_LISTS] = {
	"inactive_anon", "active_anon", "inactive_file", "active_file",
	"unevictable",
};

bool lru_delta(const struct kvlist *cur, const struct kvlist *prev,
               const char *name, int64_t *delta)
{
	int64_t a, b;

	if (!prev || !kvlist_get(cur, name, &a) || !kvlist_get(prev, name, &b) ||
	    a < b)
		return false;
	*delta = a - b;
	return true;
}

static const char *setting(const struct snapshot *s, const char *name)
{
	return s && (s->known & KNOWN(SEC_SYSCTL))
	       ? skvlist_get(&s->sysctl, name) : NULL;
}

/* "lru_gen/enabled" (kept with the vm settings), or why it is unknown. */
static void ctx_mglru(struct lru_ctx *ctx)
{
	const char *enabled = setting(ctx->cur, "lru_gen/enabled");
	unsigned long mask;

	if (enabled) {
		mask = strtoul(enabled, NULL, 16);
		ctx->mglru_on = (mask & 1) != 0;
		ctx->mglru = ctx->mglru_on ? xasprintf("on (%s)", enabled)
		                           : xasprintf("off (%s)", enabled);
	} else if (skvlist_get(&ctx->cur->unavailable, "sysctl.lru_gen")) {
		ctx->mglru = xstrdup("not built");
	}
}

static void ctx_swap(struct lru_ctx *ctx)
{
	const struct snapshot *s = ctx->cur;
	int64_t total, free_kb;

	if ((s->known & KNOWN(SEC_MEMINFO)) &&
	    kvlist_get(&s->meminfo, "SwapTotal", &total) &&
	    kvlist_get(&s->meminfo, "SwapFree", &free_kb) && total >= 0 &&
	    free_kb >= 0) {
		ctx->swap_known = true;
		ctx->swap_total = (uint64_t)total / ctx->page_kb;
		ctx->swap_free = (uint64_t)free_kb / ctx->page_kb;
	}
}

void lru_ctx_init(struct lru_ctx *ctx, const struct snapshot *cur,
                  const struct snapshot *prev, struct skvlist *unavailable)
{
	const char *swappiness = setting(cur, "swappiness");
	int64_t page = cur->page_size > 0 ? cur->page_size : 4096;

	memset(ctx, 0, sizeof(*ctx));
	ctx->cur = cur;
	ctx->prev = prev && prev->time < cur->time ? prev : NULL;
	ctx->rules = lru_rules_for(cur->kernel);
	ctx->page_kb = (uint64_t)page / 1024;
	if (ctx->page_kb == 0)
		ctx->page_kb = 4;
	ctx->page_shift = 10;
	while ((UINT64_C(1) << ctx->page_shift) < (uint64_t)page)
		ctx->page_shift++;
	ctx->unavailable = unavailable;
	if (swappiness && parse_int64(swappiness, NULL, &page) == 0) {
		ctx->swappiness_known = true;
		ctx->swappiness = (int)page;
	}
	ctx_swap(ctx);
	ctx_mglru(ctx);
	if (ctx->prev)
		ctx->interval = cur->time - ctx->prev->time;
}

void lru_ctx_free(struct lru_ctx *ctx)
{
	free(ctx->mglru);
	ctx->mglru = NULL;
}

void lru_scope_in_free(struct lru_scope_in *in)
{
	free(in->name);
	memset(in, 0, sizeof(*in));
}

/* kB values of a list of names into pages; false unless all are there. */
static bool kb_lists(const struct kvlist *list, const char *const *names,
                     uint64_t page_kb, uint64_t *pages, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		int64_t kb;

		if (!kvlist_get(list, names[i], &kb) || kb < 0)
			return false;
		pages[i] = (uint64_t)kb / page_kb;
	}
	return true;
}

/* The zones' watermarks summed (node < 0: all nodes). */
static void zone_marks(const struct snapshot *s, int64_t node,
                       struct lru_scope_in *in)
{
	uint64_t need = KNOWN(ZONE_MIN) | KNOWN(ZONE_LOW) | KNOWN(ZONE_HIGH);
	size_t used = 0;

	if (!(s->known & KNOWN(SEC_ZONES)))
		return;
	for (size_t i = 0; i < s->nzones; i++) {
		const struct zone *z = &s->zones[i];

		if (node >= 0 && z->node != node)
			continue;
		if ((z->known & need) != need)
			continue;
		in->min += (uint64_t)z->min_pages;
		in->low += (uint64_t)z->low_pages;
		in->high += (uint64_t)z->high_pages;
		used++;
	}
	in->wmarks_known = used > 0;
}

/* The kernel's costs are not published: estimate them from the interval. */
static void estimate_costs(const struct lru_ctx *ctx, const struct kvlist *cur,
                           const struct kvlist *prev, struct lru_scope_in *in)
{
	int64_t scan[2], steal[2], pswpout = 0, restore[2] = { 0, 0 };
	uint64_t lrusize = in->lists[0] + in->lists[1] + in->lists[2] +
	                   in->lists[3];

	if (!lru_delta(cur, prev, "pgscan_anon", &scan[0]) ||
	    !lru_delta(cur, prev, "pgscan_file", &scan[1]) ||
	    !lru_delta(cur, prev, "pgsteal_anon", &steal[0]) ||
	    !lru_delta(cur, prev, "pgsteal_file", &steal[1]))
		return;
	lru_delta(cur, prev, "pswpout", &pswpout);
	lru_delta(cur, prev, "workingset_restore_anon", &restore[0]);
	lru_delta(cur, prev, "workingset_restore_file", &restore[1]);
	in->costs_known = true;
	in->anon_cost = in->file_cost = 0;
	lru_note_cost(ctx->rules, &in->anon_cost, &in->file_cost, false,
	              (uint64_t)(pswpout + restore[0]),
	              (uint64_t)(scan[0] > steal[0] ? scan[0] - steal[0] : 0),
	              UINT64_MAX);
	lru_note_cost(ctx->rules, &in->anon_cost, &in->file_cost, true,
	              (uint64_t)restore[1],
	              (uint64_t)(scan[1] > steal[1] ? scan[1] - steal[1] : 0),
	              UINT64_MAX);
	while (in->anon_cost + in->file_cost > lrusize / 4 &&
	       in->anon_cost + in->file_cost > 0) {
		in->anon_cost /= 2;
		in->file_cost /= 2;
	}
}

static void refaults(const struct kvlist *cur, const struct kvlist *prev,
                     struct lru_scope_in *in)
{
	int64_t d[2];

	if (lru_delta(cur, prev, "workingset_activate_anon", &d[0]) &&
	    lru_delta(cur, prev, "workingset_activate_file", &d[1])) {
		in->refaults_known = true;
		in->refaults_changed[0] = d[0] > 0;
		in->refaults_changed[1] = d[1] > 0;
	}
}

void lru_scope_machine(const struct lru_ctx *ctx, const struct snapshot *s,
                       const struct snapshot *prev, struct lru_scope_in *in)
{
	int64_t free_kb;

	memset(in, 0, sizeof(*in));
	in->name = xstrdup("machine");
	in->limit = UINT64_MAX;
	if (s->known & KNOWN(SEC_MEMINFO)) {
		in->lists_known = kb_lists(&s->meminfo, meminfo_lists, ctx->page_kb,
		                           in->lists, 4);
		in->unevictable_known =
			kb_lists(&s->meminfo, meminfo_lists + 4, ctx->page_kb,
			         in->lists + 4, 1);
		if (kvlist_get(&s->meminfo, "MemFree", &free_kb) && free_kb >= 0) {
			in->free_known = true;
			in->free = (uint64_t)free_kb / ctx->page_kb;
		}
	}
	zone_marks(s, -1, in);
	in->swappiness_known = ctx->swappiness_known;
	in->swappiness = ctx->swappiness;
	in->swap_known = ctx->swap_known;
	in->swap_free = ctx->swap_free;
	in->swap_used = ctx->swap_total - ctx->swap_free;
	if (prev && (s->known & KNOWN(SEC_VMSTAT)) &&
	    (prev->known & KNOWN(SEC_VMSTAT))) {
		refaults(&s->vmstat, &prev->vmstat, in);
		estimate_costs(ctx, &s->vmstat, &prev->vmstat, in);
	}
}

void lru_scope_node(const struct lru_ctx *ctx, const struct snapshot *s,
                    size_t index, struct lru_scope_in *in)
{
	const struct numa_node *n = &s->numa.nodes[index];
	int64_t free_kb;

	memset(in, 0, sizeof(*in));
	in->name = xasprintf("node %lld", (long long)n->node);
	in->limit = UINT64_MAX;
	if (n->known & KNOWN(NUMA_MEMINFO)) {
		in->lists_known = kb_lists(&n->meminfo, meminfo_lists, ctx->page_kb,
		                           in->lists, 4);
		in->unevictable_known =
			kb_lists(&n->meminfo, meminfo_lists + 4, ctx->page_kb,
			         in->lists + 4, 1);
		if (kvlist_get(&n->meminfo, "MemFree", &free_kb) && free_kb >= 0) {
			in->free_known = true;
			in->free = (uint64_t)free_kb / ctx->page_kb;
		}
	}
	zone_marks(s, n->node, in);
	in->swappiness_known = ctx->swappiness_known;
	in->swappiness = ctx->swappiness;
	in->swap_known = ctx->swap_known;
	in->swap_free = ctx->swap_free;
}

/* A memory.stat value in bytes, hierarchical where v1 has the total. */
static bool stat_pages(const struct lru_ctx *ctx, const struct cgroup_mem *g,
                       int version, const char *name, uint64_t *pages)
{
	char total[64];
	int64_t bytes;

	snprintf(total, sizeof(total), "total_%s", name);
	if (!((version == 1 && kvlist_get(&g->stat, total, &bytes)) ||
	      kvlist_get(&g->stat, name, &bytes)) || bytes < 0)
		return false;
	*pages = (uint64_t)bytes / (ctx->page_kb * 1024);
	return true;
}

static void cgroup_lists(const struct lru_ctx *ctx, const struct cgroup_mem *g,
                         int version, struct lru_scope_in *in)
{
	in->lists_known = true;
	for (int l = 0; l < 4; l++)
		in->lists_known &= stat_pages(ctx, g, version, stat_lists[l],
		                              &in->lists[l]);
	in->unevictable_known = stat_pages(ctx, g, version, stat_lists[4],
	                                   &in->lists[4]);
}

static void cgroup_limits(const struct lru_ctx *ctx, const struct cgroup_mem *g,
                          struct lru_scope_in *in)
{
	if (g->known & KNOWN(CG_LIMIT)) {
		in->limit_known = true;
		in->limit = g->limit_kb == CGROUP_UNLIMITED
		            ? UINT64_MAX : (uint64_t)g->limit_kb / ctx->page_kb;
	}
	if (g->known & KNOWN(CG_USAGE)) {
		in->usage_known = true;
		in->usage = (uint64_t)g->usage_kb / ctx->page_kb;
	}
}

/* v2: min(swap.max - swap.current, free swap); v1: memsw margin. */
static void cgroup_swap(const struct lru_ctx *ctx, const struct cgroup_mem *g,
                        int version, struct lru_scope_in *in)
{
	uint64_t room = UINT64_MAX, used = 0;

	if (!ctx->swap_known)
		return;
	if (version == 2 && (g->known & KNOWN(CG_SWAP_USAGE))) {
		used = (uint64_t)g->swap_usage_kb / ctx->page_kb;
		if ((g->known & KNOWN(CG_SWAP_LIMIT)) &&
		    g->swap_limit_kb != CGROUP_UNLIMITED)
			room = g->swap_limit_kb > g->swap_usage_kb
			       ? (uint64_t)(g->swap_limit_kb - g->swap_usage_kb) /
			         ctx->page_kb : 0;
	} else if (version == 1) {
		stat_pages(ctx, g, 1, "swap", &used);
		uint64_t memsw = KNOWN(CG_MEMSW_LIMIT) | KNOWN(CG_MEMSW_USAGE);

		if ((g->known & memsw) == memsw &&
		    g->memsw_limit_kb != CGROUP_UNLIMITED)
			room = g->memsw_limit_kb > g->memsw_usage_kb
			       ? (uint64_t)(g->memsw_limit_kb - g->memsw_usage_kb) /
			         ctx->page_kb : 0;
	}
	in->swap_known = true;
	in->swap_used = used;
	in->swap_free = room < ctx->swap_free ? room : ctx->swap_free;
}

static void cgroup_swappiness(const struct lru_ctx *ctx,
                              const struct cgroup_mem *g, int version,
                              struct lru_scope_in *in)
{
	if (version == 2 || !in->is_cgroup) {
		in->swappiness_known = ctx->swappiness_known;
		in->swappiness = ctx->swappiness;
	} else if (g->known & KNOWN(CG_SWAPPINESS)) {
		in->swappiness_known = true;
		in->swappiness = (int)g->swappiness;
	}
}

void lru_scope_cgroup(const struct lru_ctx *ctx, const struct snapshot *s,
                      const struct snapshot *prev,
                      const struct cgroup_mem *g, struct lru_scope_in *in)
{
	int version = (int)s->cgroup.version;
	const struct cgroup_mem *pg = prev ? lru_find_cgroup(prev, g->path)
	                                   : NULL;

	memset(in, 0, sizeof(*in));
	in->name = xstrdup(g->path ? g->path : "?");
	in->is_cgroup = g->path && strcmp(g->path, "/") != 0;
	in->limit = UINT64_MAX;
	if (g->known & KNOWN(CG_STAT))
		cgroup_lists(ctx, g, version, in);
	cgroup_limits(ctx, g, in);
	cgroup_swap(ctx, g, version, in);
	cgroup_swappiness(ctx, g, version, in);
	if (pg && (pg->known & KNOWN(CG_STAT)) && (g->known & KNOWN(CG_STAT)))
		refaults(&g->stat, &pg->stat, in);
}

const struct cgroup_mem *lru_find_cgroup(const struct snapshot *s,
                                         const char *path)
{
	size_t len;

	if (!s || !(s->known & KNOWN(SEC_CGROUP)) || !path)
		return NULL;
	len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	for (size_t i = 0; i < s->cgroup.count; i++) {
		const char *p = s->cgroup.groups[i].path;

		if (p && strlen(p) == len && strncmp(p, path, len) == 0)
			return &s->cgroup.groups[i];
	}
	return NULL;
}

uint32_t lru_default_folio_pages(const char *release, unsigned page_shift)
{
	long major = 0, minor = 0;
	char *end;

	if (release) {
		major = strtol(release, &end, 10);
		if (*end == '.')
			minor = strtol(end + 1, NULL, 10);
	}
	/* ext4 caches regular files in large folios from Linux 6.16; large
	 * sequential reads then reach PMD-sized (2 MiB) folios. */
	if (major > 6 || (major == 6 && minor >= 16))
		return (uint32_t)((UINT64_C(2) << 20) >> page_shift);
	return 1;
}
