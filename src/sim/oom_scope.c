/*
 * oom_scope.c - where an OOM happens, and so what totalpages is and who is
 * weighed: constrained_alloc() of mm/oom_kill.c (identical 5.15 to 6.18,
 * kernel-spec.md 1.3) and the task walks of select_bad_process().
 *
 *   global (CONSTRAINT_NONE): totalram_pages() + total_swap_pages, every
 *   process, in for_each_process() order: fork order, oldest first;
 *   memcg (--cgroup PATH, CONSTRAINT_MEMCG): mem_cgroup_get_max() of the
 *   group (memory.max, plus swap when swappiness is not 0), the processes
 *   of its subtree, in mem_cgroup_scan_tasks() order: the groups parents
 *   first, each group's processes in fork order;
 *   cpuset (cpuset:NODES, CONSTRAINT_CPUSET): total swap + the present
 *   pages of the nodes, the processes whose Mems_allowed meets them;
 *   mempolicy (mempolicy:NODES, CONSTRAINT_MEMORY_POLICY): the same
 *   totalpages, every process (a task's own mempolicy is not in /proc; only
 *   an MPOL_BIND one that misses the nodes would exclude it).
 *
 * Approximations, said in the result: siblings in the kernel's memcg walk
 * come in creation order, here in name order (the snapshot's); within a
 * group the kernel lists tasks by css_set, here by fork order.  Both matter
 * only for the tie rule between equal badness.
 *
 * Must not: do I/O.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "oom_internal.h"
#include "util.h"

int64_t oom_kb_to_pages(const struct oom_ctx *ctx, int64_t kb)
{
	return kb * 1024 / ctx->page_size;
}

bool oom_meminfo_pages(const struct oom_ctx *ctx, const char *name,
                       int64_t *pages)
{
	const struct snapshot *s = ctx->snap;
	int64_t kb;

	if (!(s->known & KNOWN(SEC_MEMINFO)) || !kvlist_get(&s->meminfo, name, &kb))
		return false;
	*pages = oom_kb_to_pages(ctx, kb);
	return true;
}

bool oom_sysctl_int(const struct snapshot *snap, const char *name,
                    int64_t *value)
{
	const char *text = skvlist_get(&snap->sysctl, name);
	char *end;

	if (!(snap->known & KNOWN(SEC_SYSCTL)) || !text)
		return false;
	*value = strtoll(text, &end, 10);
	return end != text;
}

/* ---- node sets -------------------------------------------------------- */

static void nodes_add_range(struct oom_nodes *n, long lo, long hi)
{
	for (long id = lo; id <= hi; id++)
		n->bits[id / 64] |= UINT64_C(1) << (id % 64);
}

int oom_nodes_parse(const char *text, struct oom_nodes *nodes)
{
	const char *p = text;

	memset(nodes, 0, sizeof(*nodes));
	if (!p || !*p)
		return -EINVAL;
	for (;;) {
		char *end;
		long lo = strtol(p, &end, 10), hi = lo;

		if (end == p || lo < 0 || lo >= OOM_NODES_MAX)
			return -EINVAL;
		p = end;
		if (*p == '-') {
			hi = strtol(p + 1, &end, 10);
			if (end == p + 1 || hi < lo || hi >= OOM_NODES_MAX)
				return -EINVAL;
			p = end;
		}
		nodes_add_range(nodes, lo, hi);
		if (*p == '\0' || *p == '\n')
			return 0;
		if (*p++ != ',')
			return -EINVAL;
	}
}

bool oom_nodes_intersect(const struct oom_nodes *a, const struct oom_nodes *b)
{
	for (size_t w = 0; w < OOM_NODE_WORDS; w++)
		if (a->bits[w] & b->bits[w])
			return true;
	return false;
}

static bool nodes_has(const struct oom_nodes *n, int64_t id)
{
	return id >= 0 && id < OOM_NODES_MAX &&
	       (n->bits[id / 64] >> (id % 64) & 1);
}

/* ---- totals ----------------------------------------------------------- */

static void scope_totals(struct oom_ctx *ctx)
{
	const struct snapshot *s = ctx->snap;

	ctx->page_size = s->page_size > 0 ? s->page_size : 4096;
	ctx->totals_known = oom_meminfo_pages(ctx, "MemTotal", &ctx->ram_pages) &&
	                    oom_meminfo_pages(ctx, "SwapTotal", &ctx->swap_pages);
	ctx->totalpages_global = ctx->ram_pages + ctx->swap_pages;
	if (ctx->totals_known && ctx->totalpages_global <= 0)
		ctx->totals_known = false;
}

/* node_present_pages(nid) of every memory node in nodes; false when the
 * zones are unknown. */
static bool nodes_present_pages(const struct oom_ctx *ctx,
                                const struct oom_nodes *nodes,
                                int64_t *pages, bool *covers_all)
{
	const struct snapshot *s = ctx->snap;

	*pages = 0;
	*covers_all = true;
	if (!(s->known & KNOWN(SEC_ZONES)) || s->nzones == 0)
		return false;
	for (size_t i = 0; i < s->nzones; i++) {
		const struct zone *z = &s->zones[i];

		if (!(z->known & KNOWN(ZONE_PRESENT)))
			return false;
		if (nodes_has(nodes, z->node))
			*pages += z->present_pages;
		else if (z->present_pages > 0)
			*covers_all = false; /* a memory node left out */
	}
	return true;
}

/* ---- memcg ------------------------------------------------------------ */

/* "/sys/fs/cgroup/memory/a/b" and "a/b" both name "/a/b". */
static const struct cgroup_mem *find_memcg(const struct snapshot *s,
                                           const char *path)
{
	const char *mount = s->cgroup.mount;
	size_t mlen = mount ? strlen(mount) : 0;
	char *want;
	const struct cgroup_mem *found = NULL;

	if (mlen && strncmp(path, mount, mlen) == 0 &&
	    (path[mlen] == '/' || path[mlen] == '\0'))
		path += mlen;
	want = xasprintf("%s%s", path[0] == '/' ? "" : "/", path);
	while (strlen(want) > 1 && want[strlen(want) - 1] == '/')
		want[strlen(want) - 1] = '\0';
	for (size_t i = 0; i < s->cgroup.count && !found; i++)
		if (s->cgroup.groups[i].path &&
		    strcmp(s->cgroup.groups[i].path, want) == 0)
			found = &s->cgroup.groups[i];
	free(want);
	return found;
}

static int64_t limit_pages(const struct oom_ctx *ctx, int64_t kb)
{
	if (kb == CGROUP_UNLIMITED) /* PAGE_COUNTER_MAX */
		return INT64_MAX / ctx->page_size;
	return oom_kb_to_pages(ctx, kb);
}

/* mem_cgroup_swappiness(): v1 the group's own (the root group uses the
 * global one), v2 always vm.swappiness. */
static bool memcg_swappiness(const struct oom_ctx *ctx, int64_t *value)
{
	const struct cgroup_mem *cg = ctx->memcg;

	if (ctx->snap->cgroup.version == 1 && strcmp(cg->path, "/") != 0) {
		*value = cg->swappiness;
		return cg->known & KNOWN(CG_SWAPPINESS);
	}
	return oom_sysctl_int(ctx->snap, "swappiness", value);
}

/* The swap that mem_cgroup_get_max() adds; false when unknown. */
static bool memcg_swap_term(struct oom_ctx *ctx, int64_t max, int64_t *swap)
{
	const struct cgroup_mem *cg = ctx->memcg;
	int64_t swappiness, room;

	*swap = 0;
	if (ctx->swap_pages == 0)
		return true; /* min(anything, 0) */
	if (!memcg_swappiness(ctx, &swappiness))
		return false;
	if (swappiness == 0)
		return true;
	if (ctx->snap->cgroup.version == 1) {
		if (!(cg->known & KNOWN(CG_MEMSW_LIMIT)))
			return false;
		/* unsigned long swap = memsw.max - max: may wrap */
		room = (int64_t)((uint64_t)limit_pages(ctx, cg->memsw_limit_kb) -
		                 (uint64_t)max);
		*swap = (uint64_t)room < (uint64_t)ctx->swap_pages ? room
		                                                   : ctx->swap_pages;
		return true;
	}
	if (!(cg->known & KNOWN(CG_SWAP_LIMIT)))
		return false;
	room = limit_pages(ctx, cg->swap_limit_kb);
	*swap = room < ctx->swap_pages ? room : ctx->swap_pages;
	return true;
}

/* mem_cgroup_get_max() of mm/memcontrol.c, "?: 1" as constrained_alloc. */
static void memcg_totalpages(struct oom_ctx *ctx)
{
	const struct cgroup_mem *cg = ctx->memcg;
	int64_t max, swap;

	if (!(cg->known & KNOWN(CG_LIMIT)))
		return;
	max = limit_pages(ctx, cg->limit_kb);
	if (!memcg_swap_term(ctx, max, &swap))
		return;
	ctx->memcg_max_pages = max;
	ctx->memcg_swap_pages = swap;
	ctx->totalpages = max + swap ? max + swap : 1;
	ctx->totalpages_known = true;
	if (cg->limit_kb == CGROUP_UNLIMITED)
		ctx->scope_note = xasprintf(
			_("%s has no memory limit of its own: an OOM in it comes "
			  "from an ancestor's limit, which would rank every process "
			  "under that ancestor"), cg->path);
}

static int scope_memcg(struct oom_ctx *ctx, const char *path, char **error)
{
	const struct snapshot *s = ctx->snap;

	if (!(s->known & KNOWN(SEC_CGROUP))) {
		const char *why = skvlist_get(&s->unavailable, "cgroup");

		*error = xasprintf(_("--cgroup %s: no memory cgroups in the "
		                     "snapshot (%s)"), path,
		                   why ? why : _("not read"));
		return -ENODATA;
	}
	ctx->memcg = find_memcg(s, path);
	if (!ctx->memcg) {
		*error = xasprintf(_("--cgroup %s: no such memory cgroup under "
		                     "%s"), path,
		                   s->cgroup.mount ? s->cgroup.mount : "?");
		return -ENOENT;
	}
	ctx->scope = OOM_SCOPE_MEMCG;
	ctx->constraint = "CONSTRAINT_MEMCG";
	ctx->scope_name = xasprintf("memcg %s", ctx->memcg->path);
	memcg_totalpages(ctx);
	return 0;
}

/* ---- cpuset and mempolicy --------------------------------------------- */

static void scope_nodes(struct oom_ctx *ctx, const struct oom_whatif *w)
{
	int64_t present;
	bool covers_all;

	ctx->nodes = w->nodes;
	if (!nodes_present_pages(ctx, &w->nodes, &present, &covers_all)) {
		ctx->scope = w->kind == OWI_CPUSET ? OOM_SCOPE_CPUSET
		                                   : OOM_SCOPE_MEMPOLICY;
		ctx->constraint = w->kind == OWI_CPUSET ? "CONSTRAINT_CPUSET"
		                                        : "CONSTRAINT_MEMORY_POLICY";
		ctx->scope_name = xasprintf("%s", w->text);
		ctx->scope_note = xstrdup(_("the zones (present pages per node) "
		                            "are not in the snapshot"));
		return;
	}
	if (covers_all) {
		ctx->scope_note = xasprintf(_("%s allows every memory node: the "
		                              "kernel sees no constraint, so the "
		                              "OOM is global"), w->text);
		return;
	}
	ctx->scope = w->kind == OWI_CPUSET ? OOM_SCOPE_CPUSET
	                                   : OOM_SCOPE_MEMPOLICY;
	ctx->constraint = w->kind == OWI_CPUSET ? "CONSTRAINT_CPUSET"
	                                        : "CONSTRAINT_MEMORY_POLICY";
	ctx->scope_name = xstrdup(w->text);
	if (ctx->totals_known) {
		ctx->totalpages = ctx->swap_pages + present;
		ctx->totalpages_known = true;
	}
}

/* The last cpuset: or mempolicy: what-if, or NULL. */
static const struct oom_whatif *node_whatif(const struct sim_input *in)
{
	const struct oom_whatif *found = NULL;

	for (size_t i = 0; i < in->nwhat_ifs; i++) {
		const struct oom_whatif *w = in->what_ifs[i];

		if (w->kind == OWI_CPUSET || w->kind == OWI_MEMPOLICY)
			found = w;
	}
	return found;
}

int oom_scope_init(struct oom_ctx *ctx, const struct sim_input *in,
                   char **error)
{
	const struct oom_whatif *w = node_whatif(in);

	scope_totals(ctx);
	ctx->scope = OOM_SCOPE_GLOBAL;
	ctx->constraint = "CONSTRAINT_NONE";
	if (in->cgroup) {
		int rc = scope_memcg(ctx, in->cgroup, error);

		if (rc == 0 && w)
			ctx->scope_note = xasprintf(
				_("%s is ignored: a memory cgroup OOM is decided "
				  "before cpusets and mempolicies"), w->text);
		return rc;
	}
	if (w)
		scope_nodes(ctx, w);
	if (ctx->scope == OOM_SCOPE_GLOBAL) {
		free(ctx->scope_name);
		ctx->scope_name = xstrdup("global");
		ctx->totalpages = ctx->totalpages_global;
		ctx->totalpages_known = ctx->totals_known;
	}
	return 0;
}

/* ---- who is in the scope ---------------------------------------------- */

/* Whether cgroup path is group or below it. */
static bool path_under(const char *path, const char *group)
{
	size_t n = strlen(group);

	if (strcmp(group, "/") == 0)
		return true;
	return strncmp(path, group, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static void filter_one(struct oom_ctx *ctx, struct oom_cand *c)
{
	const struct proc *p = c->proc;
	struct oom_nodes mems;

	c->in_scope = true;
	if (ctx->scope == OOM_SCOPE_MEMCG) {
		c->in_scope = (p->known & KNOWN(PROC_CGROUP)) &&
		              path_under(p->cgroup, ctx->memcg->path);
		return;
	}
	if (ctx->scope != OOM_SCOPE_CPUSET || c->state != CAND_KILLABLE)
		return;
	/* oom_cpuset_eligible(): cpuset_mems_allowed_intersects() */
	if (!(p->known & KNOWN(PROC_MEMS_ALLOWED)) ||
	    oom_nodes_parse(p->mems_allowed, &mems) < 0) {
		c->state = CAND_UNKNOWN;
		c->reason = N_("its cpuset's nodes (Mems_allowed_list) are unknown");
	} else if (!oom_nodes_intersect(&mems, &ctx->nodes)) {
		c->state = CAND_UNKILLABLE;
		c->reason = N_("not eligible: its cpuset's nodes do not meet the "
		               "constraint's");
	}
}

void oom_scope_filter(struct oom_ctx *ctx)
{
	for (size_t i = 0; i < ctx->ncands; i++)
		filter_one(ctx, &ctx->cands[i]);
}

/* ---- the kernel's walk ------------------------------------------------ */

int oom_walk_compare(const struct oom_walk *a, const struct oom_walk *b)
{
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->pid > b->pid) - (a->pid < b->pid);
}

/* The position of a process's cgroup in the snapshot's pre-order list. */
static int64_t group_position(const struct oom_ctx *ctx, const struct proc *p)
{
	const struct cgroups *cg = &ctx->snap->cgroup;

	if (!(p->known & KNOWN(PROC_CGROUP)))
		return INT64_MAX;
	for (size_t i = 0; i < cg->count; i++)
		if (cg->groups[i].path && strcmp(cg->groups[i].path, p->cgroup) == 0)
			return (int64_t)i;
	return INT64_MAX;
}

void oom_scope_walk(struct oom_ctx *ctx)
{
	for (size_t i = 0; i < ctx->ncands; i++) {
		struct oom_cand *c = &ctx->cands[i];
		const struct proc *p = c->proc;

		c->walk = (struct oom_walk){
			.group = ctx->scope == OOM_SCOPE_MEMCG && c->in_scope
			                 ? group_position(ctx, p) : 0,
			.start = (p->known & KNOWN(PROC_START_TICKS)) ? p->start_ticks
			                                              : INT64_MAX,
			.pid = p->pid,
		};
	}
}
