/*
 * diag_fragmentation.c - the rules about contiguous memory: fragmentation
 * (a zone with memory free but no block of the THP order, or of the costly
 * order 3, by the buddy engine's __fragmentation_index()) and thp_fallback
 * (THP faults served by small pages).  Thresholds: memlens-diagnostics(7),
 * FRAGMENTATION and THP FALLBACKS.
 *
 * Must not: do I/O, use curses, or keep globals.
 */
#include "config.h"

#include <string.h>

#include "buddy.h"
#include "diag_internal.h"
#include "util.h"

#define EXTFRAG_THRESHOLD_DEFAULT 500 /* vm.extfrag_threshold */
#define THP_FALLBACK_RATE 10.0        /* fallbacks/s */
#define THP_FALLBACK_PERCENT 10.0     /* of THP faults */
#define THP_FALLBACK_TOTAL 1000       /* one snapshot: since boot */
#define THP_FALLBACK_TOTAL_PERCENT 50.0

/* HPAGE_PMD_ORDER: a PMD maps 2 MiB on x86_64 (9 with 4 KiB pages). */
static unsigned diag_thp_order(const struct snapshot *s)
{
	int64_t pages = (2 * 1024 * 1024) / (s->page_size > 0 ? s->page_size
	                                                        : 4096);
	unsigned order = 0;

	while ((INT64_C(1) << (order + 1)) <= pages)
		order++;
	return order;
}

static int64_t diag_highest_free_order(const struct zone *z)
{
	for (size_t o = z->norders; o > 0; o--)
		if (z->free_blocks[o - 1] > 0)
			return (int64_t)o - 1;
	return -1;
}

/* ---- fragmentation ----------------------------------------------------- */

/*
 * Whether an allocation of this order in z would fail for fragmentation:
 * no free block of the order, the zone above its high watermark (so not
 * short of memory), and __fragmentation_index() above the threshold the
 * kernel itself uses to prefer compaction over reclaim.
 */
static bool zone_fragmented(const struct zone *z, unsigned order,
                            int64_t threshold, int *index, int64_t *free_pages)
{
	struct buddy_contig info;

	if (order >= z->norders)
		return false;
	buddy_fill_contig(z->free_blocks, z->norders, order, &info);
	*index = buddy_fragmentation_index(&info, order, z->norders);
	*free_pages = (int64_t)info.free_pages;
	return *index > threshold && *free_pages >= z->high_pages;
}

/* The free pages are buddyinfo's (what the index is computed from). */
static void fragmentation_evidence(struct diag_finding *f, const struct zone *z,
                                   unsigned order, int index, int64_t threshold,
                                   int64_t free_pages)
{
	diag_evidence(f, _("node %lld zone %s: free = %lld pages, high "
	                   "watermark = %lld, largest free block order %lld, "
	                   "fragmentation index at order %u = %d.%03d (threshold "
	                   "vm.extfrag_threshold %lld.%03lld; /proc/buddyinfo)"),
	              (long long)z->node, z->zone ? z->zone : "?",
	              (long long)free_pages, (long long)z->high_pages,
	              (long long)diag_highest_free_order(z), order, index / 1000,
	              index % 1000, (long long)(threshold / 1000),
	              (long long)(threshold % 1000));
}

/* Adds the zone's finding or evidence for one order; true when found. */
static bool fragmentation_zone(const struct diag_ctx *ctx,
                               struct diag_report *out, const struct zone *z,
                               int64_t threshold, struct diag_finding **f)
{
	const unsigned orders[] = { BUDDY_COSTLY_ORDER, diag_thp_order(ctx->cur) };
	int64_t free_pages;
	int index;

	for (size_t i = 0; i < ARRAY_SIZE(orders); i++) {
		if (!zone_fragmented(z, orders[i], threshold, &index, &free_pages))
			continue;
		enum diag_severity sev = orders[i] <= BUDDY_COSTLY_ORDER
		                                 ? DIAG_CRITICAL : DIAG_WARNING;
		if (!*f)
			*f = diag_find(ctx, out, sev,
			               _("memory is free but fragmented: no free "
			                 "block of order %u"), orders[i]);
		else if (sev > (*f)->severity)
			(*f)->severity = sev;
		fragmentation_evidence(*f, z, orders[i], index, threshold,
		                       free_pages);
		return true; /* order 3 failing implies order 9 failing */
	}
	return false;
}

static void compaction_evidence(const struct diag_ctx *ctx,
                                struct diag_finding *f)
{
	double stall, fail;

	if (diag_vmstat_rate(ctx, "compact_stall", &stall) &&
	    diag_vmstat_rate(ctx, "compact_fail", &fail))
		diag_evidence(f, _("compaction: %.1f stalls/s, %.1f failures/s "
		                   "(vmstat compact_stall, compact_fail)"), stall,
		              fail);
}

void diag_check_fragmentation(const struct diag_ctx *ctx,
                              struct diag_report *out)
{
	const uint64_t need = KNOWN(ZONE_FREE_BLOCKS) | KNOWN(ZONE_HIGH) |
	                      KNOWN(ZONE_MANAGED);
	int64_t threshold = EXTFRAG_THRESHOLD_DEFAULT;
	struct diag_finding *f = NULL;

	diag_sysctl(ctx, "extfrag_threshold", &threshold);
	for (size_t i = 0; i < ctx->cur->nzones; i++) {
		const struct zone *z = &ctx->cur->zones[i];

		if ((z->known & need) == need && z->managed_pages > 0)
			fragmentation_zone(ctx, out, z, threshold, &f);
	}
	if (f)
		compaction_evidence(ctx, f);
}

/* ---- THP fallbacks ----------------------------------------------------- */

static bool diag_thp_never(const struct snapshot *s)
{
	const char *enabled = skvlist_get(&s->thp, "enabled");

	return enabled && strstr(enabled, "[never]");
}

/* One snapshot: the counters since boot, a weaker sign (info). */
static void thp_fallback_total(const struct diag_ctx *ctx,
                               struct diag_report *out)
{
	int64_t alloc, fallback;
	double pct;
	struct diag_finding *f;

	diag_note(ctx, out, "%s", _("fallback rates need two snapshots: the "
	                            "counters since boot decided"));
	if (!diag_vmstat(ctx, "thp_fault_alloc", &alloc) ||
	    !diag_vmstat(ctx, "thp_fault_fallback", &fallback))
		return;
	pct = diag_percent((double)fallback, (double)(alloc + fallback));
	if (fallback < THP_FALLBACK_TOTAL || pct < THP_FALLBACK_TOTAL_PERCENT)
		return;
	f = diag_find(ctx, out, DIAG_INFO,
	              _("%.0f%% of THP faults since boot fell back to small "
	                "pages"), pct);
	diag_evidence(f, _("thp_fault_fallback = %lld, thp_fault_alloc = %lld "
	                   "(vmstat; info from %d fallbacks and %.0f%%)"),
	              (long long)fallback, (long long)alloc, THP_FALLBACK_TOTAL,
	              THP_FALLBACK_TOTAL_PERCENT);
}

void diag_check_thp_fallback(const struct diag_ctx *ctx,
                             struct diag_report *out)
{
	double alloc, fallback, charge = 0, pct;
	struct diag_finding *f;

	if (diag_thp_never(ctx->cur))
		return;
	if (!diag_vmstat_rate(ctx, "thp_fault_alloc", &alloc) ||
	    !diag_vmstat_rate(ctx, "thp_fault_fallback", &fallback)) {
		thp_fallback_total(ctx, out);
		return;
	}
	pct = diag_percent(fallback, alloc + fallback);
	if (fallback < THP_FALLBACK_RATE || pct < THP_FALLBACK_PERCENT)
		return;
	f = diag_find(ctx, out, DIAG_WARNING,
	              _("%.0f%% of THP faults fall back to small pages"), pct);
	diag_evidence(f, _("thp_fault_fallback = %.1f/s, thp_fault_alloc = "
	                   "%.1f/s (vmstat; warning from %.0f/s and %.0f%%)"),
	              fallback, alloc, THP_FALLBACK_RATE, THP_FALLBACK_PERCENT);
	if (diag_vmstat_rate(ctx, "thp_fault_fallback_charge", &charge))
		diag_evidence(f, _("of which a memory cgroup's limit refused "
		                   "%.1f/s (thp_fault_fallback_charge)"), charge);
}
