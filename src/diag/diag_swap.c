/*
 * diag_swap.c - the rules about swap and commit: swap_cache (swapping out
 * while the file cache is large), swappiness_zero, zswap_full (the pool at
 * its limit, or rejecting pages) and commit_limit (strict overcommit near
 * its limit).  Thresholds: memlens-diagnostics(7), SWAP WITH LARGE CACHE,
 * SWAPPINESS ZERO, ZSWAP FULL, COMMIT LIMIT.
 *
 * Must not: do I/O, use curses, or keep globals.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diag_internal.h"
#include "util.h"

#define SWAP_OUT_KB_S 1024.0     /* swapped out, kB/s */
#define SWAP_CACHE_PERCENT 25.0  /* file LRU pages, percent of MemTotal */
#define ZSWAP_FULL_PERCENT 95.0  /* of the pool's limit */
#define ZSWAP_REJECTS 1.0        /* rejected stores/s */
#define COMMIT_WARN 90.0         /* Committed_AS, percent of CommitLimit */
#define COMMIT_CRITICAL 98.0

/* The rate of pswpout in kB/s. */
static bool diag_swap_out_kb(const struct diag_ctx *ctx, double *kb_s)
{
	double pages;

	if (!diag_vmstat_rate(ctx, "pswpout", &pages))
		return false;
	*kb_s = pages * (double)(ctx->cur->page_size > 0 ? ctx->cur->page_size
	                                                 : 4096) / 1024.0;
	return true;
}

/* ---- swap with a large cache ------------------------------------------- */

void diag_check_swap_cache(const struct diag_ctx *ctx, struct diag_report *out)
{
	int64_t total, active_file, inactive_file;
	double out_kb, file_pct;
	struct diag_finding *f;

	if (!diag_swap_out_kb(ctx, &out_kb)) {
		diag_note(ctx, out, "%s", _("not checked: no swap-out rate (two "
		                            "snapshots with vmstat pswpout)"));
		return;
	}
	if (!diag_meminfo(ctx, "MemTotal", &total) ||
	    !diag_meminfo(ctx, "Active(file)", &active_file) ||
	    !diag_meminfo(ctx, "Inactive(file)", &inactive_file))
		return;
	file_pct = diag_percent((double)(active_file + inactive_file),
	                        (double)total);
	if (out_kb < SWAP_OUT_KB_S || file_pct < SWAP_CACHE_PERCENT)
		return;
	f = diag_find(ctx, out, DIAG_WARNING,
	              _("swapping out %.0f kB/s while the file cache holds "
	                "%.0f%% of memory"), out_kb, file_pct);
	diag_evidence(f, _("swap out = %.0f kB/s (vmstat pswpout; threshold "
	                   "%.0f kB/s)"), out_kb, SWAP_OUT_KB_S);
	diag_evidence(f, _("Active(file) + Inactive(file) = %lld kB of MemTotal "
	                   "%lld kB (/proc/meminfo; threshold %.0f%%)"),
	              (long long)(active_file + inactive_file), (long long)total,
	              SWAP_CACHE_PERCENT);
}

/* ---- swappiness 0 ------------------------------------------------------ */

void diag_check_swappiness_zero(const struct diag_ctx *ctx,
                                struct diag_report *out)
{
	int64_t swappiness, swap_total, swap_free;
	double out_kb = 0;
	bool rate;
	struct diag_finding *f;

	if (!diag_sysctl(ctx, "swappiness", &swappiness) || swappiness != 0)
		return;
	if (!diag_meminfo(ctx, "SwapTotal", &swap_total) ||
	    !diag_meminfo(ctx, "SwapFree", &swap_free) ||
	    swap_total - swap_free <= 0)
		return;
	rate = diag_swap_out_kb(ctx, &out_kb);
	f = diag_find(ctx, out, rate && out_kb > 0 ? DIAG_WARNING : DIAG_INFO,
	              rate && out_kb > 0
	                      ? _("pages are swapped out although vm.swappiness "
	                          "is 0")
	                      : _("swap is in use although vm.swappiness is 0"));
	diag_evidence(f, _("vm.swappiness = 0; SwapTotal - SwapFree = %lld kB "
	                   "(/proc/meminfo)"), (long long)(swap_total - swap_free));
	if (rate)
		diag_evidence(f, _("swap out = %.0f kB/s (vmstat pswpout; "
		                   "warning above 0)"), out_kb);
}

/* ---- zswap ------------------------------------------------------------- */

static bool diag_zswap_enabled(const struct snapshot *s)
{
	const char *enabled = skvlist_get(&s->zswap.parameters, "enabled");

	return enabled && (strcmp(enabled, "Y") == 0 || strcmp(enabled, "1") == 0);
}

static const char *const zswap_reject_names[] = {
	"reject_compress_poor", "reject_compress_fail", "reject_alloc_fail",
	"reject_kmemcache_fail", "reject_reclaim_fail", NULL
};

/* The pool's size against its limit (max_pool_percent of MemTotal). */
static void zswap_pool(const struct diag_ctx *ctx, struct diag_report *out,
                       struct diag_finding **f)
{
	const char *pct_text = skvlist_get(&ctx->cur->zswap.parameters,
	                                   "max_pool_percent");
	int64_t total, pool;
	double limit;

	if (!pct_text || !diag_meminfo(ctx, "MemTotal", &total) ||
	    !diag_meminfo(ctx, "Zswap", &pool))
		return;
	/* zswap_max_pages(): totalram_pages() * max_pool_percent / 100 */
	limit = (double)total * atof(pct_text) / 100.0;
	if (limit <= 0 || diag_percent((double)pool, limit) < ZSWAP_FULL_PERCENT)
		return;
	*f = diag_find(ctx, out, DIAG_WARNING,
	               _("the zswap pool is at %.0f%% of its limit"),
	               diag_percent((double)pool, limit));
	diag_evidence(*f, _("Zswap = %lld kB (/proc/meminfo), limit = %.0f kB "
	                    "(max_pool_percent %s of MemTotal; warning at "
	                    "%.0f%%)"), (long long)pool, limit, pct_text,
	              ZSWAP_FULL_PERCENT);
}

/* The debugfs counters: limit hits and rejections per second. */
static void zswap_counters(const struct diag_ctx *ctx, struct diag_report *out,
                           struct diag_finding **f)
{
	const struct snapshot *p = ctx->prev;
	double hits = 0, rejects = 0, r;

	if (!p || !(p->zswap.known & KNOWN(ZSWAP_STATS))) {
		diag_note(ctx, out, "%s", _("limit hits and rejections need two "
		                            "snapshots with the debugfs counters"));
		return;
	}
	diag_kv_rate(ctx, &p->zswap.stats, &ctx->cur->zswap.stats,
	             "pool_limit_hit", &hits);
	for (size_t i = 0; zswap_reject_names[i]; i++)
		if (diag_kv_rate(ctx, &p->zswap.stats, &ctx->cur->zswap.stats,
		                 zswap_reject_names[i], &r))
			rejects += r;
	if (hits <= 0 && rejects < ZSWAP_REJECTS)
		return;
	if (!*f)
		*f = diag_find(ctx, out, hits > 0 ? DIAG_WARNING : DIAG_INFO,
		               "%s", hits > 0 ? _("zswap hits its pool limit")
		                              : _("zswap rejects pages"));
	diag_evidence(*f, _("pool_limit_hit = %.1f/s, rejections = %.1f/s "
	                    "(debugfs zswap/; warning above 0, info from %.0f)"),
	              hits, rejects, ZSWAP_REJECTS);
}

void diag_check_zswap_full(const struct diag_ctx *ctx, struct diag_report *out)
{
	struct diag_finding *f = NULL;

	if (!diag_zswap_enabled(ctx->cur))
		return;
	zswap_pool(ctx, out, &f);
	if (!(ctx->cur->zswap.known & KNOWN(ZSWAP_STATS))) {
		diag_note(ctx, out, "%s", _("the zswap counters need root and "
		                            "debugfs (mount -t debugfs none "
		                            "/sys/kernel/debug)"));
		return;
	}
	zswap_counters(ctx, out, &f);
}

/* ---- commit limit ------------------------------------------------------ */

void diag_check_commit_limit(const struct diag_ctx *ctx,
                             struct diag_report *out)
{
	int64_t mode, limit, committed;
	double pct;
	struct diag_finding *f;

	/* Modes 0 and 1 do not refuse by CommitLimit: nothing to say. */
	if (!diag_sysctl(ctx, "overcommit_memory", &mode) || mode != 2)
		return;
	if (!diag_meminfo(ctx, "CommitLimit", &limit) ||
	    !diag_meminfo(ctx, "Committed_AS", &committed) || limit <= 0)
		return;
	pct = diag_percent((double)committed, (double)limit);
	if (pct < COMMIT_WARN)
		return;
	f = diag_find(ctx, out, pct >= COMMIT_CRITICAL ? DIAG_CRITICAL
	                                               : DIAG_WARNING,
	              _("Committed_AS is %.1f%% of CommitLimit in strict "
	                "overcommit mode"), pct);
	diag_evidence(f, _("Committed_AS = %lld kB, CommitLimit = %lld kB "
	                   "(/proc/meminfo; warning at %.0f%%, critical at "
	                   "%.0f%%)"), (long long)committed, (long long)limit,
	              COMMIT_WARN, COMMIT_CRITICAL);
	diag_evidence(f, "%s", _("vm.overcommit_memory = 2: mmap, brk and fork "
	                         "fail with ENOMEM past the limit"));
}
