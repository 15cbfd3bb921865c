/*
 * buddy_calc.c - the numbers the kernel publishes, recomputed per zone and
 * per node: the debugfs extfrag indexes, the watermarks and protection from
 * the sysctls, the allocation checks per order, the THP fault check, the
 * compaction verdicts and the proactive-compaction score.  The formulas
 * are in buddy_index.c and buddy_wmark.c; this file applies them to the
 * snapshot's zones and says which inputs were known.
 *
 * Must not: do I/O, or set a known bit for a value computed from an
 * unknown input.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buddy_internal.h"
#include "util.h"

/* ---- min_free_kbytes and the watermarks ---------------------------------- */

/* Σ max(managed - high, 0) of the zones up to Normal, every node. */
static int64_t free_buffer_pages(const struct buddy_ctx *ctx)
{
	int64_t sum = 0;

	for (size_t i = 0; i < ctx->nzones; i++) {
		const struct zone *z = ctx->in[i].z;

		if (ctx->in[i].lowmem_zone && z->managed_pages > z->high_pages)
			sum += z->managed_pages - z->high_pages;
	}
	return sum;
}

static void wmark_inputs(const struct buddy_ctx *ctx,
                         struct buddy_wmark_in *zones)
{
	for (size_t i = 0; i < ctx->nzones; i++) {
		zones[i].managed_pages = ctx->in[i].z->managed_pages;
		zones[i].kind = ctx->in[i].kind;
	}
}

/* The boost zoneinfo's marks carry: printed from 6.1; before, inferred
 * when min, low and high all exceed the computed ones by the same amount. */
static bool zone_boost(const struct zone *z, const struct buddy_wmark_out *c,
                       int64_t *boost)
{
	if (z->known & KNOWN(ZONE_BOOST)) {
		*boost = z->boost_pages;
		return true;
	}
	*boost = z->min_pages - c->min_pages;
	return *boost >= 0 && z->low_pages - c->low_pages == *boost &&
	       z->high_pages - c->high_pages == *boost;
}

static bool zone_matches(const struct zone *z, const struct buddy_wmark_out *c)
{
	uint64_t need = KNOWN(ZONE_MIN) | KNOWN(ZONE_LOW) | KNOWN(ZONE_HIGH);
	int64_t boost;

	if ((z->known & need) != need || !zone_boost(z, c, &boost))
		return false;
	return z->min_pages == c->min_pages + boost &&
	       z->low_pages == c->low_pages + boost &&
	       z->high_pages == c->high_pages + boost;
}

/* Where the value comes from, for a known sysctl. */
static const char *min_free_source(const struct buddy_ctx *ctx,
                                   const struct buddy_result *r)
{
	if (ctx->thp_enabled != BUDDY_NO && (r->known & KNOWN(BR_MIN_FREE_THP)) &&
	    ctx->min_free_kbytes == r->min_free_kbytes_thp)
		return "thp";
	if ((r->known & KNOWN(BR_MIN_FREE_DEFAULT)) &&
	    ctx->min_free_kbytes == r->min_free_kbytes_default)
		return "default";
	return "set";
}

/* The summed differences between zoneinfo's marks and computed ones. */
static int64_t deviation(const struct buddy_ctx *ctx,
                         const struct buddy_wmark_out *c)
{
	int64_t sum = 0;

	for (size_t i = 0; i < ctx->nzones; i++) {
		const struct zone *z = ctx->in[i].z;
		int64_t boost = (z->known & KNOWN(ZONE_BOOST)) ? z->boost_pages : 0;
		const int64_t d[3] = { z->min_pages - boost - c[i].min_pages,
			               z->low_pages - boost - c[i].low_pages,
			               z->high_pages - boost - c[i].high_pages };

		for (int k = 0; k < 3; k++)
			sum += d[k] < 0 ? -d[k] : d[k];
	}
	return sum;
}

/*
 * The min marks of the zones that share min_free_kbytes are floor(pages_min
 * * managed / lowmem) each, so they sum to pages_min less under one page
 * per zone, whatever the managed pages were when the kernel computed them.
 * Sets the range pages_min lies in; false when no zone shares it.
 */
static bool pages_min_range(const struct buddy_ctx *ctx,
                            const struct buddy_rules *rules, int64_t *lo,
                            int64_t *hi)
{
	int64_t sum = 0, sharing = 0;

	for (size_t i = 0; i < ctx->nzones; i++) {
		const struct zone *z = ctx->in[i].z;
		enum buddy_zone_kind kind = ctx->in[i].kind;

		if (kind == BUDDY_ZONE_HIGHMEM ||
		    (kind == BUDDY_ZONE_MOVABLE && rules->movable_capped) ||
		    z->managed_pages == 0)
			continue;
		sum += z->min_pages -
		       ((z->known & KNOWN(ZONE_BOOST)) ? z->boost_pages : 0);
		sharing++;
	}
	*lo = sum;
	*hi = sum + sharing - 1;
	return sharing > 0;
}

/*
 * Without the sysctl: khugepaged's recommendation or the boot default,
 * whichever the zones' min marks add up to.  With an unknown release, the
 * rules are those zoneinfo's marks fit best: today's, those before
 * ZONE_MOVABLE was capped (6.5), or those before watermark_scale_factor
 * (4.6), which old captures need.
 */
static void infer_min_free(struct buddy_ctx *ctx, struct buddy_result *r,
                           const struct buddy_wmark_in *zones, int64_t scale)
{
	const char *const releases[] = { NULL, "6.4", "4.5" };
	const struct { int bit; int64_t value; const char *source; } cand[] = {
		{ BR_MIN_FREE_THP, r->min_free_kbytes_thp, "inferred:thp" },
		{ BR_MIN_FREE_DEFAULT, r->min_free_kbytes_default,
		  "inferred:default" },
	};
	struct buddy_wmark_out *out = xcalloc(ctx->nzones, sizeof(*out));
	struct buddy_rules rules, best_rules = ctx->rules;
	int64_t best_dev = -1, best_value = 0, lo, hi, dev;
	const char *best_source = NULL;

	for (size_t v = 0; v < (ctx->rules.release_known ? 1 : 3); v++) {
		rules = ctx->rules;
		if (releases[v])
			buddy_rules_for(releases[v], &rules);
		if (!pages_min_range(ctx, &rules, &lo, &hi))
			continue;
		for (size_t c = 0; c < ARRAY_SIZE(cand); c++) {
			if (!(r->known & KNOWN(cand[c].bit)) ||
			    cand[c].value / ctx->page_kb < lo ||
			    cand[c].value / ctx->page_kb > hi)
				continue;
			buddy_setup_wmarks(&rules, cand[c].value / ctx->page_kb,
			                   scale, zones,
			                   ctx->nzones, out);
			dev = deviation(ctx, out);
			if (best_dev >= 0 && dev >= best_dev)
				continue;
			best_dev = dev;
			best_rules = rules;
			best_value = cand[c].value;
			best_source = cand[c].source;
		}
	}
	free(out);
	if (!best_source)
		return;
	if (!ctx->rules.release_known) {
		ctx->rules = best_rules;
		ctx->rules.release_known = false;
		ctx->rules_inferred = true;
	}
	r->min_free_kbytes = best_value;
	r->min_free_kbytes_source = xstrdup(best_source);
	r->known |= KNOWN(BR_MIN_FREE);
	ctx->min_free_kbytes = best_value;
	buddy_setup_wmarks(&ctx->rules, best_value / ctx->page_kb, scale, zones,
	                   ctx->nzones, ctx->calc);
	ctx->calc_ok = true;
}

static void sysctl_fields(const struct buddy_ctx *ctx, struct buddy_result *r)
{
	const struct { int64_t value; int64_t *dst; int bit; } f[] = {
		{ ctx->scale_factor, &r->watermark_scale_factor, BR_SCALE },
		{ ctx->threshold, &r->extfrag_threshold, BR_THRESHOLD },
		{ ctx->proactiveness, &r->compaction_proactiveness,
		  BR_PROACTIVENESS },
		{ ctx->boost_factor, &r->watermark_boost_factor, BR_BOOST_FACTOR },
	};

	for (size_t i = 0; i < ARRAY_SIZE(f); i++)
		if (f[i].value != BUDDY_UNSET) {
			*f[i].dst = f[i].value;
			r->known |= KNOWN(f[i].bit);
		}
	r->lowmem_reserve_ratio = xcalloc(ctx->nratio ? ctx->nratio : 1,
	                                  sizeof(int64_t));
	memcpy(r->lowmem_reserve_ratio, ctx->ratio,
	       ctx->nratio * sizeof(int64_t));
	r->nratio = ctx->nratio;
	if (ctx->nratio)
		r->known |= KNOWN(BR_RATIO);
}

/* min_free_kbytes at boot and as khugepaged raises it. */
static void min_free_candidates(const struct buddy_ctx *ctx,
                                struct buddy_result *r)
{
	int64_t lowmem_kbytes = 0, zones = 0;

	for (size_t i = 0; i < ctx->nzones; i++) {
		if (!ctx->in[i].lowmem_zone)
			continue;
		/* at boot the watermarks are still 0 */
		lowmem_kbytes += ctx->in[i].z->managed_pages * ctx->page_kb;
		zones += ctx->in[i].z->present_pages > 0;
	}
	r->min_free_kbytes_default =
	        buddy_min_free_kbytes_default(&ctx->rules, lowmem_kbytes);
	r->min_free_kbytes_thp = buddy_min_free_kbytes_thp(
	        zones, INT64_C(1) << ctx->pageblock_order,
	        free_buffer_pages(ctx), ctx->page_kb);
	r->known |= KNOWN(BR_MIN_FREE_DEFAULT) | KNOWN(BR_MIN_FREE_THP);
}

/* calculate_totalreserve_pages() from zoneinfo's own numbers. */
static void totalreserve(const struct buddy_ctx *ctx, struct buddy_result *r)
{
	int64_t total = 0;

	for (size_t i = 0; i < ctx->nzones; i++) {
		const struct zone *z = ctx->in[i].z;
		int64_t max = 0;

		if (!(z->known & KNOWN(ZONE_HIGH)))
			return;
		for (size_t j = (size_t)ctx->in[i].index; j < z->nprotection; j++)
			if (z->protection_pages[j] > max)
				max = z->protection_pages[j];
		max += z->high_pages - ((z->known & KNOWN(ZONE_BOOST))
		                                ? z->boost_pages
		                                : 0);
		total += max > z->managed_pages ? z->managed_pages : max;
	}
	r->totalreserve_pages = total;
	r->known |= KNOWN(BR_TOTALRESERVE);
}

void buddy_calc_watermarks(struct buddy_ctx *ctx, struct buddy_result *r)
{
	struct buddy_wmark_in *zones;
	int64_t scale = ctx->scale_factor != BUDDY_UNSET ? ctx->scale_factor
	                                                 : 10;

	sysctl_fields(ctx, r);
	if (!ctx->zoneinfo_whole)
		return;
	zones = xcalloc(ctx->nzones, sizeof(*zones));
	ctx->calc = xcalloc(ctx->nzones, sizeof(*ctx->calc));
	wmark_inputs(ctx, zones);
	r->lowmem_pages = buddy_lowmem_pages(&ctx->rules, zones, ctx->nzones);
	r->known |= KNOWN(BR_LOWMEM);
	min_free_candidates(ctx, r);
	totalreserve(ctx, r);
	if (ctx->min_free_kbytes != BUDDY_UNSET) {
		r->min_free_kbytes = ctx->min_free_kbytes;
		r->min_free_kbytes_source = xstrdup(min_free_source(ctx, r));
		r->known |= KNOWN(BR_MIN_FREE);
		buddy_setup_wmarks(&ctx->rules, ctx->min_free_kbytes / ctx->page_kb,
		                   scale, zones, ctx->nzones, ctx->calc);
		ctx->calc_ok = true;
	} else {
		infer_min_free(ctx, r, zones, scale);
	}
	free(zones);
}

/* ---- one zone ------------------------------------------------------------- */

static int64_t *int_array(size_t n)
{
	return xcalloc(n ? n : 1, sizeof(int64_t));
}

/* The debugfs row: each index and a blank, as unusable_show_print() does. */
static char *index_row(const int64_t *index, size_t n, bool pad)
{
	char *row = xcalloc(n * 12 + 1, 1);
	size_t len = 0;

	for (size_t o = 0; o < n; o++) {
		char buf[16];

		buddy_index_text((int)index[o], pad, buf, sizeof(buf));
		len += (size_t)snprintf(row + len, 13, "%s ", buf);
	}
	return row;
}

static void zone_indexes(const struct buddy_ctx *ctx,
                         const struct buddy_zone_in *in, struct buddy_zone *out)
{
	const struct zone *z = in->z;
	size_t n = z->norders;
	struct buddy_contig info;

	out->unusable_index = int_array(n);
	out->extfrag_index = int_array(n);
	out->nunusable = out->nextfrag = n;
	out->highest_free_order = -1;
	for (size_t o = 0; o < n; o++) {
		buddy_fill_contig(z->free_blocks, n, (unsigned)o, &info);
		out->unusable_index[o] = buddy_unusable_index(&info, (unsigned)o);
		out->extfrag_index[o] =
		        buddy_fragmentation_index(&info, (unsigned)o, n);
		if (z->free_blocks[o] > 0)
			out->highest_free_order = (int64_t)o;
	}
	out->free_pages = (int64_t)info.free_pages;
	out->unusable_index_text = index_row(out->unusable_index, n, false);
	out->extfrag_index_text = index_row(out->extfrag_index, n,
	                                    ctx->rules.extfrag_pad);
	out->known |= KNOWN(BZ_INDEXES) | KNOWN(BZ_HIGHEST) | KNOWN(BZ_FREE);
	if (ctx->thp_order < n) {
		buddy_fill_contig(z->free_blocks, n, ctx->thp_order, &info);
		out->fragmentation_score =
		        buddy_extfrag_for_order(&info, ctx->thp_order);
		out->known |= KNOWN(BZ_SCORE);
	}
}

static void zone_by_type(const struct buddy_zone_in *in,
                         struct buddy_zone *out)
{
	for (int mt = 0; mt < BUDDY_MT_COUNT; mt++) {
		int64_t highest = -1, total = 0;

		for (size_t o = 0; o < in->z->norders; o++) {
			total += in->nr_free_mt[o][mt];
			if (in->nr_free_mt[o][mt] > 0)
				highest = (int64_t)o;
		}
		if (mt < BUDDY_MT_PCPTYPES || total > 0)
			kvlist_add(&out->highest_free_order_by_type,
			           buddy_mt_name(mt), highest);
	}
	out->known |= KNOWN(BZ_BY_TYPE);
}

/* The node's present pages, or -1 when a zone's are unknown. */
static int64_t node_present(const struct buddy_ctx *ctx,
                            const struct buddy_zone_in *in)
{
	int64_t sum = 0;

	for (size_t i = in->node_first; i < in->node_first + in->node_count; i++) {
		if (!(ctx->in[i].z->known & KNOWN(ZONE_PRESENT)))
			return -1;
		sum += ctx->in[i].z->present_pages;
	}
	return sum;
}

/* Sets *value and the bit when the check gave an answer. */
static void put_check(int verdict, int64_t *value, uint64_t *known, int bit)
{
	if (verdict == BUDDY_UNKNOWN)
		return;
	*value = verdict;
	*known |= KNOWN(bit);
}

static void order_checks(const struct buddy_ctx *ctx,
                         const struct buddy_zone_in *in, unsigned o,
                         struct buddy_order *out)
{
	const struct zone *z = in->z;
	int64_t movable_reserve = z->protection_pages[in->movable_index];
	int64_t kernel_reserve = z->protection_pages[in->normal_index];
	int fragindex;
	enum buddy_compact verdict;

	put_check(buddy_watermark_ok(&ctx->rules, &in->wm, o, z->low_pages,
	                             movable_reserve, BUDDY_ALLOC_CMA, NULL),
	          &out->movable_low, &out->known, BO_MOVABLE_LOW);
	put_check(buddy_watermark_ok(&ctx->rules, &in->wm, o, z->min_pages,
	                             movable_reserve, BUDDY_ALLOC_CMA, NULL),
	          &out->movable_min, &out->known, BO_MOVABLE_MIN);
	if (in->index <= in->normal_index) {
		put_check(buddy_watermark_ok(&ctx->rules, &in->wm, o,
		                             z->low_pages, kernel_reserve, 0, NULL),
		          &out->kernel_low, &out->known, BO_KERNEL_LOW);
		put_check(buddy_watermark_ok(&ctx->rules, &in->wm, o,
		                             z->min_pages, kernel_reserve, 0, NULL),
		          &out->kernel_min, &out->known, BO_KERNEL_MIN);
	}
	if (o == 0)
		return;
	verdict = buddy_compaction_suitable(&ctx->rules, &in->wm, o,
	                                    z->min_pages, z->low_pages,
	                                    movable_reserve, BUDDY_ALLOC_CMA,
	                                    ctx->threshold, &fragindex);
	if (verdict != BUDDY_COMPACT_UNKNOWN) {
		out->compaction = xstrdup(buddy_compact_name(verdict));
		out->known |= KNOWN(BO_COMPACTION);
	}
}

static void zone_orders(const struct buddy_ctx *ctx,
                        const struct buddy_zone_in *in, struct buddy_zone *out)
{
	size_t n = in->z->norders;

	out->orders = xcalloc(n ? n : 1, sizeof(*out->orders));
	out->norders = n;
	for (size_t o = 0; o < n; o++) {
		struct buddy_order *bo = &out->orders[o];
		struct buddy_contig info;

		buddy_fill_contig(in->z->free_blocks, n, (unsigned)o, &info);
		bo->order = (int64_t)o;
		bo->free_blocks = in->z->free_blocks[o];
		bo->suitable_blocks = (int64_t)info.free_blocks_suitable;
		bo->unusable_index = out->unusable_index[o];
		bo->extfrag_index = out->extfrag_index[o];
		bo->known |= KNOWN(BO_COUNTS);
		if (in->wm_ok)
			order_checks(ctx, in, (unsigned)o, bo);
	}
	out->known |= KNOWN(BZ_ORDERS);
}

/* The THP fault: the per-order answers at the THP order. */
static void zone_thp(const struct buddy_ctx *ctx, struct buddy_zone *out)
{
	const struct buddy_order *o;

	if (!(out->known & KNOWN(BZ_ORDERS)) || ctx->thp_order >= out->norders)
		return;
	o = &out->orders[ctx->thp_order];
	put_check(o->known & KNOWN(BO_MOVABLE_LOW) ? (int)o->movable_low
	                                           : BUDDY_UNKNOWN,
	          &out->thp_low, &out->known, BZ_THP_LOW);
	put_check(o->known & KNOWN(BO_MOVABLE_MIN) ? (int)o->movable_min
	                                           : BUDDY_UNKNOWN,
	          &out->thp_min, &out->known, BZ_THP_MIN);
	if (o->known & KNOWN(BO_COMPACTION)) {
		out->thp_compaction = xstrdup(o->compaction);
		out->known |= KNOWN(BZ_THP_COMPACTION);
	}
}

static void zone_wmarks(const struct buddy_ctx *ctx, size_t i,
                        struct buddy_zone *out)
{
	const struct zone *z = ctx->in[i].z;
	const struct buddy_wmark_out *c = &ctx->calc[i];
	uint64_t need = KNOWN(ZONE_MIN) | KNOWN(ZONE_LOW) | KNOWN(ZONE_HIGH);

	if ((z->known & need) == need) {
		out->boost_pages = (z->known & KNOWN(ZONE_BOOST)) ? z->boost_pages
		                                                  : 0;
		out->min_pages = z->min_pages;
		out->low_pages = z->low_pages;
		out->high_pages = z->high_pages;
		out->known |= KNOWN(BZ_WMARK_ZONEINFO);
		if (ctx->boost_factor != BUDDY_UNSET) {
			out->boost_max_pages = buddy_boost_max(
			        z->high_pages - out->boost_pages,
			        ctx->boost_factor,
			        INT64_C(1) << ctx->pageblock_order);
			out->known |= KNOWN(BZ_BOOST_MAX);
		}
	}
	if (!ctx->calc_ok)
		return;
	out->calc_tmp_pages = c->tmp_pages;
	out->calc_min_pages = c->min_pages;
	out->calc_low_pages = c->low_pages;
	out->calc_high_pages = c->high_pages;
	out->calc_promo_pages = c->promo_pages;
	out->calc_delta_pages = c->delta_pages;
	out->calc_delta_source = xstrdup(c->delta_from_scale
	                                         ? "watermark_scale_factor"
	                                         : "min/4");
	out->known |= KNOWN(BZ_WMARK_CALC);
	if (out->known & KNOWN(BZ_WMARK_ZONEINFO)) {
		out->watermarks_match = zone_matches(z, c);
		out->known |= KNOWN(BZ_WMARK_MATCH);
	}
}

/*
 * zoneinfo prints MAX_NR_ZONES entries even where it lists fewer zones
 * (old kernels leave out ZONE_MOVABLE): the zones it does not list have no
 * managed pages.
 */
static void zone_protection(const struct buddy_ctx *ctx,
                            const struct buddy_zone_in *in,
                            struct buddy_zone *out)
{
	size_t n = in->node_count > in->z->nprotection ? in->node_count
	                                               : in->z->nprotection;
	int64_t *managed, *reserve;

	if (!ctx->zoneinfo_whole || !ctx->nratio)
		return;
	managed = int_array(n);
	reserve = int_array(n * n);
	for (size_t j = 0; j < in->node_count; j++)
		managed[j] = ctx->in[in->node_first + j].z->managed_pages;
	buddy_lowmem_reserve(managed, n, ctx->ratio, ctx->nratio, reserve);
	out->calc_protection_pages = int_array(n);
	memcpy(out->calc_protection_pages, reserve + (size_t)in->index * n,
	       n * sizeof(int64_t));
	out->ncalc_protection = n;
	out->known |= KNOWN(BZ_PROT_CALC) | KNOWN(BZ_PROT_MATCH);
	out->protection_match = in->z->nprotection == n &&
	                        memcmp(in->z->protection_pages,
	                               out->calc_protection_pages,
	                               n * sizeof(int64_t)) == 0;
	free(managed);
	free(reserve);
}

void buddy_calc_zone(const struct buddy_ctx *ctx, size_t i,
                     struct buddy_zone *out)
{
	const struct buddy_zone_in *in = &ctx->in[i];
	const struct zone *z = in->z;
	int64_t present = node_present(ctx, in);

	out->node = z->node;
	out->zone = xstrdup(z->zone ? z->zone : "");
	out->zone_index = in->index;
	if ((z->known & KNOWN(ZONE_FREE_BLOCKS)) &&
	    z->norders <= BUDDY_ORDERS_MAX && z->norders > 0) {
		zone_indexes(ctx, in, out);
		if (in->have_mt)
			zone_by_type(in, out);
		zone_orders(ctx, in, out);
		zone_thp(ctx, out);
		if ((out->known & KNOWN(BZ_SCORE)) && present >= 0 &&
		    (z->known & KNOWN(ZONE_PRESENT))) {
			out->fragmentation_score_weighted = (int64_t)
			        buddy_score_weighted((uint64_t)out->fragmentation_score,
			                             (uint64_t)z->present_pages,
			                             (uint64_t)present);
			out->known |= KNOWN(BZ_SCORE_WEIGHTED);
		}
	}
	zone_wmarks(ctx, i, out);
	zone_protection(ctx, in, out);
	if (in->map) {
		out->pageblock_map = xstrdup(in->map->cells);
		out->known |= KNOWN(BZ_MAP);
	}
}

/* ---- nodes ------------------------------------------------------------------ */

/*
 * should_proactive_compact_node(): kcompactd, woken every 500 ms, compacts
 * a node whose score (the zones' extfrag_for_order at the THP order,
 * weighted by size) is above the high mark.  Zones without buddyinfo make
 * the score unknown, unpopulated ones add nothing.
 */
static void node_score(const struct buddy_ctx *ctx, const struct buddy_result *r,
                       size_t first, size_t count, struct buddy_node *out)
{
	int64_t score = 0, present = 0;

	for (size_t i = first; i < first + count; i++) {
		const struct buddy_zone *bz = &r->zones[i];
		const struct zone *z = ctx->in[i].z;

		if (!(z->known & KNOWN(ZONE_PRESENT)))
			return;
		present += z->present_pages;
		if (z->present_pages == 0)
			continue;
		if (!(bz->known & KNOWN(BZ_SCORE_WEIGHTED)))
			return;
		score += bz->fragmentation_score_weighted;
	}
	out->present_pages = present;
	out->fragmentation_score = score;
	out->known |= KNOWN(BN_SCORE);
}

static void node_proactive(const struct buddy_ctx *ctx, struct buddy_node *out)
{
	if (ctx->proactiveness == BUDDY_UNSET)
		return;
	buddy_proactive_wmarks(&ctx->rules, ctx->proactiveness, &out->score_low,
	                       &out->score_high);
	out->known |= KNOWN(BN_WMARKS);
	if (!(out->known & KNOWN(BN_SCORE)))
		return;
	out->proactive_compaction = ctx->rules.proactive &&
	                            ctx->proactiveness != 0 &&
	                            out->fragmentation_score > out->score_high;
	out->known |= KNOWN(BN_PROACTIVE);
}

void buddy_calc_nodes(const struct buddy_ctx *ctx, struct buddy_result *r)
{
	r->nodes = xcalloc(ctx->nzones ? ctx->nzones : 1, sizeof(*r->nodes));
	for (size_t first = 0; first < ctx->nzones;
	     first += ctx->in[first].node_count) {
		struct buddy_node *out = &r->nodes[r->nnodes++];

		out->node = ctx->in[first].z->node;
		node_score(ctx, r, first, ctx->in[first].node_count, out);
		node_proactive(ctx, out);
	}
}
