/*
 * diag_kernel.c - the rules about kernel-side memory and placement:
 * slab_growth (unreclaimable slab large or growing, with the largest
 * caches) and numa_remote (numa_miss against numa_hit per node).
 * Thresholds: memlens-diagnostics(7), KERNEL MEMORY GROWTH and REMOTE NUMA
 * ACCESS.
 *
 * Must not: do I/O, use curses, or keep globals.
 */
#include "config.h"

#include "diag_internal.h"
#include "util.h"

#define SLAB_WARN_PERCENT 10.0     /* SUnreclaim, percent of MemTotal */
#define SLAB_CRITICAL_PERCENT 25.0
#define SLAB_GROWTH_KB_S 1024.0    /* growth, kB/s ... */
#define SLAB_GROWTH_PERCENT 5.0    /* ... once it is this large */
#define SLAB_TOP 3                 /* caches named in the evidence */
#define NUMA_MISS_PERCENT 10.0     /* numa_miss of hit + miss */
#define NUMA_MISS_RATE 1000.0      /* pages/s */

/* ---- slab -------------------------------------------------------------- */

static int64_t slab_cache_kb(const struct slab_cache *c)
{
	return c->known ? c->num_objs * c->objsize / 1024 : -1;
}

/* The largest caches, by objects times object size. */
static void slab_top_evidence(const struct snapshot *s, struct diag_finding *f)
{
	size_t top[SLAB_TOP];
	size_t n = 0;

	if (!(s->known & KNOWN(SEC_SLAB)))
		return;
	for (size_t i = 0; i < s->nslab; i++) {
		int64_t kb = slab_cache_kb(&s->slab[i]);
		size_t j;

		if (kb <= 0 || (n == SLAB_TOP &&
		                kb <= slab_cache_kb(&s->slab[top[n - 1]])))
			continue;
		if (n < SLAB_TOP)
			n++;
		/* insert, dropping the smallest when full */
		for (j = n - 1; j > 0 && slab_cache_kb(&s->slab[top[j - 1]]) < kb;
		     j--)
			top[j] = top[j - 1];
		top[j] = i;
	}
	for (size_t k = 0; k < n; k++)
		diag_evidence(f, _("slab cache %s: %lld kB (/proc/slabinfo)"),
		              s->slab[top[k]].name,
		              (long long)slab_cache_kb(&s->slab[top[k]]));
}

static bool slab_growth_rate(const struct diag_ctx *ctx, double *kb_s)
{
	int64_t before, now;

	if (!ctx->prev || !(ctx->prev->known & KNOWN(SEC_MEMINFO)) ||
	    !kvlist_get(&ctx->prev->meminfo, "SUnreclaim", &before) ||
	    !kvlist_get(&ctx->cur->meminfo, "SUnreclaim", &now))
		return false;
	*kb_s = (double)(now - before) / ctx->interval_s;
	return true;
}

static enum diag_severity slab_severity(double pct, bool growing, bool *found)
{
	*found = true;
	if (pct >= SLAB_CRITICAL_PERCENT)
		return DIAG_CRITICAL;
	if (pct >= SLAB_WARN_PERCENT || growing)
		return DIAG_WARNING;
	*found = false;
	return DIAG_INFO;
}

void diag_check_slab_growth(const struct diag_ctx *ctx,
                            struct diag_report *out)
{
	int64_t total, unreclaimable;
	double pct, growth = 0;
	bool rate, found;
	enum diag_severity sev;
	struct diag_finding *f;

	if (!diag_meminfo(ctx, "MemTotal", &total) ||
	    !diag_meminfo(ctx, "SUnreclaim", &unreclaimable) || total <= 0)
		return;
	pct = diag_percent((double)unreclaimable, (double)total);
	rate = slab_growth_rate(ctx, &growth);
	if (!rate)
		diag_note(ctx, out, "%s", _("growth needs two snapshots: the size "
		                            "alone decided"));
	sev = slab_severity(pct, rate && growth >= SLAB_GROWTH_KB_S &&
	                                 pct >= SLAB_GROWTH_PERCENT, &found);
	if (!found)
		return;
	f = diag_find(ctx, out, sev,
	              _("unreclaimable slab holds %.1f%% of memory"), pct);
	diag_evidence(f, _("SUnreclaim = %lld kB of MemTotal %lld kB "
	                   "(/proc/meminfo; warning at %.0f%%, critical at "
	                   "%.0f%%)"), (long long)unreclaimable, (long long)total,
	              SLAB_WARN_PERCENT, SLAB_CRITICAL_PERCENT);
	if (rate)
		diag_evidence(f, _("SUnreclaim grows %.0f kB/s (warning from %.0f "
		                   "kB/s once over %.0f%%)"), growth,
		              SLAB_GROWTH_KB_S, SLAB_GROWTH_PERCENT);
	slab_top_evidence(ctx->cur, f);
}

/* ---- NUMA -------------------------------------------------------------- */

static const struct numa_node *numa_node_of(const struct snapshot *s,
                                            int64_t id)
{
	for (size_t i = 0; i < s->numa.count; i++)
		if (s->numa.nodes[i].node == id &&
		    (s->numa.nodes[i].known & KNOWN(NUMA_NUMASTAT)))
			return &s->numa.nodes[i];
	return NULL;
}

/* One node: a finding or evidence when its misses pass the thresholds. */
static void numa_node_check(const struct diag_ctx *ctx, struct diag_report *out,
                            const struct numa_node *n, struct diag_finding **f)
{
	const struct numa_node *p = ctx->prev ? numa_node_of(ctx->prev, n->node)
	                                      : NULL;
	double hit, miss, foreign = 0;
	enum diag_severity sev = DIAG_WARNING;

	if (p && diag_kv_rate(ctx, &p->numastat, &n->numastat, "numa_hit", &hit) &&
	    diag_kv_rate(ctx, &p->numastat, &n->numastat, "numa_miss", &miss)) {
		diag_kv_rate(ctx, &p->numastat, &n->numastat, "numa_foreign",
		             &foreign);
		if (miss < NUMA_MISS_RATE)
			return;
	} else {
		int64_t h, m, fo = 0;

		if (!kvlist_get(&n->numastat, "numa_hit", &h) ||
		    !kvlist_get(&n->numastat, "numa_miss", &m))
			return;
		kvlist_get(&n->numastat, "numa_foreign", &fo);
		hit = (double)h;
		miss = (double)m;
		foreign = (double)fo;
		sev = DIAG_INFO;
	}
	if (diag_percent(miss, hit + miss) < NUMA_MISS_PERCENT)
		return;
	if (!*f)
		*f = diag_find(ctx, out, sev, "%s", _("allocations land on another "
		                                      "NUMA node than intended"));
	else if (sev > (*f)->severity)
		(*f)->severity = sev;
	diag_evidence(*f, _("node %lld: numa_hit %.0f, numa_miss %.0f (%.1f%%), "
	                    "numa_foreign %.0f %s (numastat; threshold %.0f%% "
	                    "and %.0f pages/s)"), (long long)n->node, hit, miss,
	              diag_percent(miss, hit + miss), foreign,
	              sev == DIAG_INFO ? _("pages since boot") : _("pages/s"),
	              NUMA_MISS_PERCENT, NUMA_MISS_RATE);
}

void diag_check_numa_remote(const struct diag_ctx *ctx,
                            struct diag_report *out)
{
	struct diag_finding *f = NULL;

	if (ctx->cur->numa.count < 2)
		return; /* one node: every access is local */
	if (!ctx->prev)
		diag_note(ctx, out, "%s", _("miss rates need two snapshots: the "
		                            "counters since boot decided"));
	for (size_t i = 0; i < ctx->cur->numa.count; i++)
		if (ctx->cur->numa.nodes[i].known & KNOWN(NUMA_NUMASTAT))
			numa_node_check(ctx, out, &ctx->cur->numa.nodes[i], &f);
}
