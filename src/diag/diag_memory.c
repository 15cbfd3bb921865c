/*
 * diag_memory.c - the rules about memory pressure: thrashing (PSI full with
 * refaults and major faults), kswapd (zones under their min watermark,
 * kswapd scanning without freeing, direct reclaim) and low_memory
 * (MemAvailable).  Thresholds: memlens-diagnostics(7), THRASHING, KSWAPD,
 * LOW MEMORY.
 *
 * Must not: do I/O, use curses, or keep globals.
 */
#include "config.h"

#include "diag_internal.h"
#include "util.h"

#define THRASH_PSI_FULL 10.0      /* percent of the last 10 s */
#define THRASH_PSI_CRITICAL 30.0
#define THRASH_REFAULTS 1000.0    /* pages/s */
#define THRASH_MAJFLT 100.0       /* faults/s */
#define KSWAPD_SCAN 1000.0        /* pages/s */
#define KSWAPD_EFFICIENCY 10.0    /* percent of the scanned pages freed */
#define KSWAPD_ALLOCSTALL 10.0    /* direct reclaims/s */
#define LOW_AVAILABLE 5.0         /* percent of MemTotal */
#define LOW_AVAILABLE_CRITICAL 2.0

static const char *const refault_names[] = {
	"workingset_refault_anon", "workingset_refault_file", NULL
};
/* Before 5.9 one counter held both. */
static const char *const refault_names_old[] = { "workingset_refault", NULL };

static bool diag_refault_rate(const struct diag_ctx *ctx, double *rate)
{
	return diag_vmstat_sum_rate(ctx, refault_names, rate) ||
	       diag_vmstat_sum_rate(ctx, refault_names_old, rate);
}

/* ---- thrashing --------------------------------------------------------- */

void diag_check_thrashing(const struct diag_ctx *ctx, struct diag_report *out)
{
	const struct psi *psi = &ctx->cur->psi;
	double refaults = 0, majflt = 0;
	bool rates;
	struct diag_finding *f;

	if (!(psi->known & 1) || !(psi->full.known & 1)) {
		diag_note(ctx, out, "%s",
		          _("not checked: /proc/pressure/memory has no full line"));
		return;
	}
	rates = diag_refault_rate(ctx, &refaults) &&
	        diag_vmstat_rate(ctx, "pgmajfault", &majflt);
	if (!rates)
		diag_note(ctx, out, "%s",
		          _("refault and major fault rates need two snapshots: "
		            "PSI alone decided"));
	if (psi->full.avg10 < THRASH_PSI_FULL)
		return;
	/* Full stalls without reads from disk are not thrashing (memcg
	 * throttling, compaction); other rules speak of those. */
	if (rates && refaults < THRASH_REFAULTS && majflt < THRASH_MAJFLT)
		return;
	f = diag_find(ctx, out,
	              psi->full.avg10 >= THRASH_PSI_CRITICAL ? DIAG_CRITICAL
	                                                     : DIAG_WARNING,
	              _("every task stalled on memory %.1f%% of the last 10 s"),
	              psi->full.avg10);
	diag_evidence(f, _("PSI memory full avg10 = %.2f%%, avg60 = %.2f%% "
	                   "(/proc/pressure/memory; warning at %.0f%%, critical "
	                   "at %.0f%%)"), psi->full.avg10, psi->full.avg60,
	              THRASH_PSI_FULL, THRASH_PSI_CRITICAL);
	if (psi->some.known & 1)
		diag_evidence(f, _("PSI memory some avg10 = %.2f%%"),
		              psi->some.avg10);
	if (rates) {
		diag_evidence(f, _("refaults = %.0f pages/s (vmstat "
		                   "workingset_refault_*; threshold %.0f)"),
		              refaults, THRASH_REFAULTS);
		diag_evidence(f, _("major faults = %.0f/s (vmstat pgmajfault; "
		                   "threshold %.0f)"), majflt, THRASH_MAJFLT);
	}
}

/* ---- kswapd ------------------------------------------------------------ */

/* The first zone with managed pages whose free pages are under min. */
static const struct zone *diag_zone_under_min(const struct snapshot *s)
{
	const uint64_t need = KNOWN(ZONE_FREE) | KNOWN(ZONE_MIN) |
	                      KNOWN(ZONE_MANAGED);

	for (size_t i = 0; i < s->nzones; i++) {
		const struct zone *z = &s->zones[i];

		if ((z->known & need) == need && z->managed_pages > 0 &&
		    z->free_pages < z->min_pages)
			return z;
	}
	return NULL;
}

static const char *const allocstall_names[] = {
	"allocstall_dma", "allocstall_dma32", "allocstall_normal",
	"allocstall_movable", "allocstall_device", "allocstall", NULL
};

struct kswapd_state {
	const struct zone *under_min;
	double scan, steal, stalls;
	bool rates;
	bool inefficient;   /* scanning much, freeing little */
	bool stalling;      /* allocations reclaim themselves */
};

static void kswapd_read(const struct diag_ctx *ctx, struct kswapd_state *k)
{
	k->under_min = diag_zone_under_min(ctx->cur);
	k->rates = diag_vmstat_rate(ctx, "pgscan_kswapd", &k->scan) &&
	           diag_vmstat_rate(ctx, "pgsteal_kswapd", &k->steal);
	if (k->rates) {
		k->inefficient = k->scan >= KSWAPD_SCAN &&
		                 diag_percent(k->steal, k->scan) < KSWAPD_EFFICIENCY;
		k->stalling = diag_vmstat_sum_rate(ctx, allocstall_names,
		                                   &k->stalls) &&
		              k->stalls >= KSWAPD_ALLOCSTALL;
	}
}

void diag_check_kswapd(const struct diag_ctx *ctx, struct diag_report *out)
{
	struct kswapd_state k = { 0 };
	struct diag_finding *f;
	const struct zone *z;

	kswapd_read(ctx, &k);
	if (!k.rates)
		diag_note(ctx, out, "%s", _("scan, steal and stall rates need two "
		                            "snapshots: watermarks alone decided"));
	if (!k.under_min && !k.inefficient && !k.stalling)
		return;
	if ((z = k.under_min)) {
		f = diag_find(ctx, out, DIAG_CRITICAL,
		              _("zone %s of node %lld is under its min watermark"),
		              z->zone ? z->zone : "?", (long long)z->node);
		diag_evidence(f, _("free = %lld pages, min = %lld, low = %lld, "
		                   "high = %lld (/proc/zoneinfo)"),
		              (long long)z->free_pages, (long long)z->min_pages,
		              (long long)z->low_pages, (long long)z->high_pages);
	} else {
		f = diag_find(ctx, out, DIAG_WARNING, "%s",
		              k.inefficient ? _("kswapd scans much and frees little")
		                            : _("allocations reclaim memory "
		                                "themselves (direct reclaim)"));
	}
	if (k.rates) {
		diag_evidence(f, _("kswapd scanned %.0f pages/s and freed %.0f "
		                   "(%.1f%%; vmstat pgscan_kswapd, pgsteal_kswapd; "
		                   "warning under %.0f%% at %.0f pages/s or more)"),
		              k.scan, k.steal, diag_percent(k.steal, k.scan),
		              KSWAPD_EFFICIENCY, KSWAPD_SCAN);
		diag_evidence(f, _("direct reclaim stalls = %.1f/s (vmstat "
		                   "allocstall_*; threshold %.0f)"), k.stalls,
		              KSWAPD_ALLOCSTALL);
	}
}

/* ---- low memory -------------------------------------------------------- */

void diag_check_low_memory(const struct diag_ctx *ctx, struct diag_report *out)
{
	int64_t total, available, swap_free = 0;
	double pct;
	struct diag_finding *f;

	if (!diag_meminfo(ctx, "MemTotal", &total) ||
	    !diag_meminfo(ctx, "MemAvailable", &available) || total <= 0) {
		diag_note(ctx, out, "%s", _("not checked: meminfo lacks MemTotal "
		                            "or MemAvailable"));
		return;
	}
	pct = diag_percent((double)available, (double)total);
	if (pct >= LOW_AVAILABLE)
		return;
	f = diag_find(ctx, out,
	              pct < LOW_AVAILABLE_CRITICAL ? DIAG_CRITICAL : DIAG_WARNING,
	              _("only %.1f%% of memory is available"), pct);
	diag_evidence(f, _("MemAvailable = %lld kB of MemTotal = %lld kB "
	                   "(/proc/meminfo; warning under %.0f%%, critical under "
	                   "%.0f%%)"), (long long)available, (long long)total,
	              LOW_AVAILABLE, LOW_AVAILABLE_CRITICAL);
	if (diag_meminfo(ctx, "SwapFree", &swap_free))
		diag_evidence(f, _("SwapFree = %lld kB"), (long long)swap_free);
}
