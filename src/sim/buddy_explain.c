/*
 * buddy_explain.c - the buddy engine's explanation sentences, in plain words
 * for the explain panel and batch text: per zone whether a huge page can be
 * allocated now and, if not, why and what the kernel would do about it;
 * where the watermarks come from; whether kcompactd would act; what each
 * what-if did; and what was assumed.
 *
 * Must not: compute anything the result does not hold (it reads the
 * result, plus the zone's inputs to say why a check failed).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buddy_internal.h"
#include "util.h"

static void say(struct buddy_result *r, const char *key, char *sentence)
{
	skvlist_add(&r->explanation, key, sentence);
	free(sentence);
}

/* An index in thousandths as the kernel prints it: 941 -> "0.941". */
static const char *index_text(int64_t index, char *buf, size_t len)
{
	buddy_index_text((int)index, false, buf, len);
	return buf;
}

/* ---- huge pages ------------------------------------------------------------ */

/* Why a huge page cannot come from the lists, and the kernel's answer. */
static char *thp_no_block(const struct buddy_ctx *ctx,
                          const struct buddy_zone *bz)
{
	const struct buddy_order *o = &bz->orders[ctx->thp_order];
	char fi[16], th[16];
	const char *largest = bz->highest_free_order >= 0
	                              ? xasprintf("%lld",
	                                          (long long)bz->highest_free_order)
	                              : NULL;
	char *s;

	index_text(o->extfrag_index, fi, sizeof(fi));
	index_text(ctx->threshold, th, sizeof(th));
	if (!largest)
		s = xasprintf(_("An order-%u allocation in %s fails now: nothing "
		                "is free."), ctx->thp_order, bz->zone);
	else if (bz->thp_compaction && !strcmp(bz->thp_compaction, "continue"))
		s = xasprintf(_("An order-%u allocation in %s fails now: the "
		                "largest free block is order %s; extfrag index %s > "
		                "threshold %s, so the kernel would compact rather "
		                "than reclaim."),
		              ctx->thp_order, bz->zone, largest, fi, th);
	else if (bz->thp_compaction && !strcmp(bz->thp_compaction,
	                                       "not_suitable"))
		s = xasprintf(_("An order-%u allocation in %s fails now: the "
		                "largest free block is order %s; extfrag index %s <= "
		                "threshold %s, so the failure is a lack of memory and "
		                "the kernel would reclaim rather than compact."),
		              ctx->thp_order, bz->zone, largest, fi, th);
	else if (bz->thp_compaction && !strcmp(bz->thp_compaction, "skipped"))
		s = xasprintf(_("An order-%u allocation in %s fails now: the "
		                "largest free block is order %s, and too little is "
		                "free for compaction to work with (the low watermark "
		                "plus %lld pages), so the kernel would reclaim "
		                "first."),
		              ctx->thp_order, bz->zone, largest,
		              (long long)(INT64_C(2) << ctx->thp_order));
	else
		s = xasprintf(_("An order-%u allocation in %s fails now: the "
		                "largest free block is order %s."),
		              ctx->thp_order, bz->zone, largest);
	free((char *)largest);
	return s;
}

/* The order-0 part of the check failed at the low mark. */
static char *thp_below_mark(const struct buddy_ctx *ctx,
                            const struct buddy_zone_in *in,
                            const struct buddy_zone *bz)
{
	const struct zone *z = in->z;
	int64_t reserve = z->protection_pages[in->movable_index];

	if (bz->thp_min)
		return xasprintf(_("An order-%u allocation in %s misses the low "
		                   "watermark now (%lld free pages, low %lld, "
		                   "protection %lld): the fast path fails and wakes "
		                   "kswapd, and the slow path serves it at the min "
		                   "watermark %lld."),
		                 ctx->thp_order, bz->zone,
		                 (long long)z->free_pages, (long long)z->low_pages,
		                 (long long)reserve, (long long)z->min_pages);
	return xasprintf(_("An order-%u allocation in %s fails now: %lld free "
	                   "pages less %lld do not stay above the min watermark "
	                   "%lld plus protection %lld, so the kernel must "
	                   "reclaim first."),
	                 ctx->thp_order, bz->zone, (long long)z->free_pages,
	                 (long long)((INT64_C(1) << ctx->thp_order) - 1),
	                 (long long)z->min_pages, (long long)reserve);
}

static void explain_thp(const struct buddy_ctx *ctx, size_t i,
                        struct buddy_result *r)
{
	const struct buddy_zone *bz = &r->zones[i];
	const struct buddy_zone_in *in = &ctx->in[i];
	const char *why = NULL;
	char key[64];

	if (!(bz->known & KNOWN(BZ_THP_LOW)) || in->z->present_pages == 0)
		return;
	snprintf(key, sizeof(key), "node%lld.%s.thp", (long long)bz->node,
	         bz->zone);
	if (bz->thp_low) {
		say(r, key, xasprintf(_("An order-%u (huge page) allocation in %s "
		                        "succeeds now: %lld blocks of that size are "
		                        "free, and %lld free pages stay above the low "
		                        "watermark %lld."),
		                      ctx->thp_order, bz->zone,
		                      (long long)bz->orders[ctx->thp_order]
		                              .suitable_blocks,
		                      (long long)in->z->free_pages,
		                      (long long)in->z->low_pages));
		return;
	}
	/* at the min mark the slow path either serves it, finds no block
	 * (compaction's business) or is below the mark (reclaim's) */
	buddy_watermark_ok(&ctx->rules, &in->wm, ctx->thp_order,
	                   in->z->min_pages,
	                   in->z->protection_pages[in->movable_index],
	                   BUDDY_ALLOC_CMA, &why);
	say(r, key, strcmp(why, "no_block") == 0 ? thp_no_block(ctx, bz)
	                                         : thp_below_mark(ctx, in, bz));
}

/* ---- watermarks -------------------------------------------------------------- */

static char *min_free_words(const struct buddy_ctx *ctx,
                            const struct buddy_result *r)
{
	const char *source = r->min_free_kbytes_source;
	bool inferred = strncmp(source, "inferred:", 9) == 0;

	if (inferred)
		source += 9;
	if (strcmp(source, "thp") == 0)
		return xasprintf(inferred ? _("not in the snapshot, but the zones' "
		                              "min watermarks add up to %lld kB, "
		                              "khugepaged's recommendation for huge "
		                              "pages (11 pageblocks per zone)")
		                          : _("%lld kB, raised by khugepaged's "
		                              "recommendation for huge pages: 11 "
		                              "pageblocks per zone"),
		                 (long long)r->min_free_kbytes);
	if (strcmp(source, "default") == 0)
		return xasprintf(inferred ? _("not in the snapshot, but the zones' "
		                              "min watermarks add up to %lld kB, the "
		                              "boot default int_sqrt(16 x lowmem "
		                              "kB)")
		                          : _("%lld kB, the boot default "
		                              "int_sqrt(16 x lowmem kB)"),
		                 (long long)r->min_free_kbytes);
	(void)ctx;
	return xasprintf(_("%lld kB, set by an administrator (the boot default "
	                   "would be %lld kB, khugepaged's %lld kB)"),
	                 (long long)r->min_free_kbytes,
	                 (long long)r->min_free_kbytes_default,
	                 (long long)r->min_free_kbytes_thp);
}

static const struct buddy_zone *first_mismatch(const struct buddy_result *r)
{
	for (size_t i = 0; i < r->nzones; i++)
		if ((r->zones[i].known & KNOWN(BZ_WMARK_MATCH)) &&
		    !r->zones[i].watermarks_match)
			return &r->zones[i];
	return NULL;
}

static void explain_watermarks(const struct buddy_ctx *ctx,
                               struct buddy_result *r)
{
	const struct buddy_zone *bad;
	char *words;

	if (!ctx->calc_ok) {
		say(r, "watermarks",
		    xstrdup(ctx->zoneinfo_whole
		                    ? _("The watermarks cannot be recomputed: "
		                        "vm.min_free_kbytes is not in the snapshot "
		                        "and neither the boot default nor "
		                        "khugepaged's value reproduces zoneinfo.")
		                    : _("The watermarks cannot be recomputed: "
		                        "zoneinfo's managed pages or protection are "
		                        "missing for some zone.")));
		return;
	}
	words = min_free_words(ctx, r);
	bad = first_mismatch(r);
	if (!bad)
		say(r, "watermarks",
		    xasprintf(_("min_free_kbytes is %s.  Shared out by managed "
		                "pages with watermark_scale_factor %lld, it gives "
		                "zoneinfo's min, low and high in every zone."),
		              words, (long long)(ctx->scale_factor != BUDDY_UNSET
		                                         ? ctx->scale_factor
		                                         : 10)));
	else
		say(r, "watermarks",
		    xasprintf(_("min_free_kbytes is %s.  The watermarks computed "
		                "from it differ from zoneinfo's in %s of node %lld "
		                "(min %lld low %lld high %lld against %lld %lld %lld, "
		                "boost %lld).  The kernel computed zoneinfo's from "
		                "the managed pages of an earlier moment: it does so "
		                "again only when min_free_kbytes, "
		                "watermark_scale_factor or the THP setting is written "
		                "or memory is hot-plugged, and pages handed to the "
		                "allocator since (the init memory freed after boot) "
		                "have moved the shares."),
		              words, bad->zone, (long long)bad->node,
		              (long long)bad->calc_min_pages,
		              (long long)bad->calc_low_pages,
		              (long long)bad->calc_high_pages,
		              (long long)bad->min_pages, (long long)bad->low_pages,
		              (long long)bad->high_pages,
		              (long long)bad->boost_pages));
	free(words);
}

static void explain_protection(const struct buddy_ctx *ctx,
                               struct buddy_result *r)
{
	for (size_t i = 0; i < r->nzones; i++) {
		const struct buddy_zone *bz = &r->zones[i];

		if (!(bz->known & KNOWN(BZ_PROT_MATCH)) || bz->protection_match)
			continue;
		say(r, "protection",
		    xasprintf(_("The protection (lowmem_reserve) recomputed from "
		                "lowmem_reserve_ratio%s differs from zoneinfo's in "
		                "%s of node %lld: either the ratios differ, or, as "
		                "with the watermarks, the managed pages have changed "
		                "since the kernel last computed it."),
		              ctx->ratio_assumed ? _(" (the kernel's defaults: the "
		                                     "sysctl is not in the snapshot)")
		                                 : "",
		              bz->zone, (long long)bz->node));
		return;
	}
	if (r->nzones && (r->zones[0].known & KNOWN(BZ_PROT_MATCH)))
		say(r, "protection",
		    xasprintf(_("The protection (lowmem_reserve) of every zone is "
		                "the managed pages of the zones above it divided by "
		                "its lowmem_reserve_ratio%s, as zoneinfo says."),
		              ctx->ratio_assumed ? _(" (the kernel's defaults)")
		                                 : ""));
}

/* ---- nodes and what-ifs ---------------------------------------------------------- */

static void explain_node(const struct buddy_ctx *ctx,
                         const struct buddy_node *n, struct buddy_result *r)
{
	char key[48];

	if (!(n->known & KNOWN(BN_PROACTIVE)))
		return;
	snprintf(key, sizeof(key), "node%lld.compaction", (long long)n->node);
	if (!ctx->rules.proactive)
		say(r, key, xasprintf(_("Node %lld: kernels before 5.9 have no "
		                        "proactive compaction."),
		                      (long long)n->node));
	else if (ctx->proactiveness == 0)
		say(r, key, xasprintf(_("Node %lld: compaction_proactiveness is 0, "
		                        "so kcompactd never compacts proactively."),
		                      (long long)n->node));
	else
		say(r, key,
		    xasprintf(n->proactive_compaction
		                      ? _("Node %lld: fragmentation score %lld is "
		                          "above kcompactd's high mark %lld "
		                          "(compaction_proactiveness %lld), so it "
		                          "would compact proactively unless kswapd "
		                          "is running.")
		                      : _("Node %lld: fragmentation score %lld is "
		                          "not above kcompactd's high mark %lld "
		                          "(compaction_proactiveness %lld): no "
		                          "proactive compaction."),
		              (long long)n->node, (long long)n->fragmentation_score,
		              (long long)n->score_high,
		              (long long)ctx->proactiveness));
}

static void explain_step(const struct buddy_step *s, struct buddy_result *r)
{
	char key[32];

	snprintf(key, sizeof(key), "step%lld", (long long)s->step);
	if (s->freed || strncmp(s->what_if, "free:", 5) == 0)
		say(r, key,
		    xasprintf(_("%s: %lld allocations freed; now %lld pages are "
		                "free, the largest free block is order %lld and "
		                "%lld huge pages could be allocated."),
		              s->what_if, (long long)s->freed,
		              (long long)s->free_pages,
		              (long long)s->highest_free_order,
		              (long long)s->thp_blocks));
	else
		say(r, key,
		    xasprintf(_("%s: %lld of %lld allocations served, %lld from "
		                "another migratetype's pageblocks (%lld claiming the "
		                "whole pageblock), %lld below the low watermark; "
		                "%lld refused at the min watermark and %lld found no "
		                "free block.  Now the largest free block is order "
		                "%lld and %lld huge pages could be allocated."),
		              s->what_if, (long long)s->allocated,
		              (long long)s->requested, (long long)s->fallbacks,
		              (long long)s->claimed_pageblocks,
		              (long long)s->below_low,
		              (long long)s->failed_watermark,
		              (long long)s->failed_no_block,
		              (long long)s->highest_free_order,
		              (long long)s->thp_blocks));
}

static void explain_model(const struct buddy_result *r,
                          struct buddy_result *out, const char *why_not)
{
	if (why_not && !(r->known & KNOWN(BR_MODEL))) {
		say(out, "model", xasprintf(_("The what-ifs did not run: %s."),
		                            why_not));
		return;
	}
	if (!(r->known & KNOWN(BR_MODEL)))
		return;
	say(out, "model",
	    xasprintf(_("The what-ifs ran on a page-frame model of %s (node "
	                "%lld) seeded with its free lists from %s%s%s.  Per-CPU "
	                "lists, reclaim and compaction are not modelled."),
	              r->model_zone, (long long)r->model_node, r->model_seed,
	              why_not ? "; " : "", why_not ? why_not : ""));
}

static void explain_assumptions(const struct buddy_ctx *ctx,
                                struct buddy_result *r)
{
	if (ctx->rules_inferred)
		say(r, "rules", xasprintf(_("The kernel release is not in the "
		                            "snapshot; zoneinfo's watermarks fit the "
		                            "rules of Linux %s best, so those "
		                            "apply."),
		                          ctx->rules.label));
	else if (!ctx->rules.release_known)
		say(r, "rules", xasprintf(_("The kernel release is not in the "
		                            "snapshot; the rules of Linux %s "
		                            "apply."),
		                          ctx->rules.label));
	if (ctx->pageblock_assumed)
		say(r, "pageblock", xstrdup(_("The pageblock order was not read; "
		                              "9 (2 MiB with 4 KiB pages) is "
		                              "assumed.")));
}

void buddy_explain(const struct buddy_ctx *ctx, struct buddy_result *r,
                   const char *model_why_not)
{
	explain_assumptions(ctx, r);
	for (size_t i = 0; i < r->nzones; i++)
		explain_thp(ctx, i, r);
	explain_watermarks(ctx, r);
	explain_protection(ctx, r);
	for (size_t i = 0; i < r->nnodes; i++)
		explain_node(ctx, &r->nodes[i], r);
	explain_model(r, r, model_why_not);
	for (size_t i = 0; i < r->nsteps; i++)
		explain_step(&r->steps[i], r);
}
