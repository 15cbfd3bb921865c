/*
 * buddy_whatif.c - the buddy engine's what-ifs, and the workloads they run
 * on the page-frame model:
 *
 *   alloc:ORDERxCOUNT[:MIGRATETYPE]  COUNT allocations of 2^ORDER pages
 *                                    (migratetype movable by default)
 *   fill:SIZE[:MIGRATETYPE]          order-0 allocations of SIZE bytes
 *                                    (K, M, G, T suffixes: powers of 1024)
 *   free:PERCENT                     frees PERCENT of what the what-ifs
 *                                    allocated, chosen at random
 *   seed:N                           the random seed (default 1)
 *   zone:[NODE/]NAME                 the zone the workloads run in
 *
 * Each allocation is checked as the allocator would first: below the min
 * mark (__zone_watermark_ok() of the slow path, without reclaim) it is
 * refused; between min and low it is served but the fast path would have
 * woken kswapd.  Then __rmqueue() serves it from the model or finds no
 * block.  Nothing reclaims or compacts: the step says what would have had
 * to.
 *
 * Must not: do I/O or keep globals; the random numbers come from the seed.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buddy.h"
#include "util.h"

/* ---- parsing -------------------------------------------------------------- */

static int parse_u64(const char *s, const char **end, uint64_t *out)
{
	uint64_t v = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	*end = p;
	*out = v;
	return 0;
}

/* ":movable" at p, or nothing (movable); -1 for a bad name. */
static int parse_mt_suffix(const char *p)
{
	int mt;

	if (*p == '\0')
		return BUDDY_MT_MOVABLE;
	if (*p != ':')
		return -1;
	mt = buddy_mt_from_name(p + 1);
	return mt >= 0 && mt < BUDDY_MT_PCPTYPES ? mt : -1;
}

static int parse_alloc(const char *arg, struct buddy_whatif *w)
{
	const char *p;
	uint64_t order;

	if (parse_u64(arg, &p, &order) < 0 || (*p != 'x' && *p != 'X') ||
	    order >= BUDDY_ORDERS_MAX || parse_u64(p + 1, &p, &w->count) < 0 ||
	    w->count == 0)
		return -EINVAL;
	w->order = (unsigned)order;
	w->mt = parse_mt_suffix(p);
	return w->mt < 0 ? -EINVAL : 0;
}

static int parse_fill(const char *arg, struct buddy_whatif *w)
{
	static const char units[] = "KMGT";
	const char *p, *unit;
	uint64_t bytes;
	unsigned shift = 0;

	if (parse_u64(arg, &p, &bytes) < 0)
		return -EINVAL;
	unit = *p ? strchr(units, *p >= 'a' ? *p - 'a' + 'A' : *p) : NULL;
	if (unit && *unit) {
		shift = 10 * (unsigned)(unit - units + 1);
		p++;
		if (*p == 'i' && p[1] == 'B')
			p += 2;
		else if (*p == 'B')
			p++;
	}
	if (shift && bytes > (UINT64_MAX >> shift))
		return -ERANGE;
	w->bytes = bytes << shift;
	w->order = 0;
	w->mt = parse_mt_suffix(p);
	return w->mt < 0 || w->bytes == 0 ? -EINVAL : 0;
}

static int parse_free(const char *arg, struct buddy_whatif *w)
{
	const char *p;
	uint64_t percent;

	if (parse_u64(arg, &p, &percent) < 0 || percent > 100 ||
	    (*p && strcmp(p, "%") != 0))
		return -EINVAL;
	w->percent = (unsigned)percent;
	return 0;
}

static int parse_zone(const char *arg, struct buddy_whatif *w)
{
	const char *slash = strchr(arg, '/'), *p;
	uint64_t node;

	w->node = -1;
	if (slash) {
		if (parse_u64(arg, &p, &node) < 0 || p != slash ||
		    node > INT32_MAX)
			return -EINVAL;
		w->node = (int64_t)node;
		arg = slash + 1;
	}
	if (!*arg || strlen(arg) > 32)
		return -EINVAL;
	w->zone = xstrdup(arg);
	return 0;
}

static int parse_seed(const char *arg, struct buddy_whatif *w)
{
	const char *p;

	if (parse_u64(arg, &p, &w->seed) < 0 || *p)
		return -EINVAL;
	return 0;
}

static const struct {
	const char *prefix;
	enum buddy_whatif_kind kind;
	int (*parse)(const char *arg, struct buddy_whatif *w);
	const char *form;
} whatif_forms[] = {
	{ "alloc:", BUDDY_WI_ALLOC, parse_alloc,
	  N_("alloc:ORDERxCOUNT[:MIGRATETYPE], e.g. alloc:9x100:movable") },
	{ "fill:", BUDDY_WI_FILL, parse_fill,
	  N_("fill:SIZE[:MIGRATETYPE], e.g. fill:2G") },
	{ "free:", BUDDY_WI_FREE, parse_free, N_("free:PERCENT, e.g. free:50") },
	{ "seed:", BUDDY_WI_SEED, parse_seed, N_("seed:N, e.g. seed:7") },
	{ "zone:", BUDDY_WI_ZONE, parse_zone,
	  N_("zone:[NODE/]NAME, e.g. zone:0/Normal") },
};

int buddy_whatif_parse(const char *expr, void **parsed, char **error)
{
	for (size_t i = 0; i < ARRAY_SIZE(whatif_forms); i++) {
		size_t len = strlen(whatif_forms[i].prefix);
		struct buddy_whatif *w;

		if (strncmp(expr, whatif_forms[i].prefix, len) != 0)
			continue;
		w = xcalloc(1, sizeof(*w));
		w->kind = whatif_forms[i].kind;
		w->text = xstrdup(expr);
		w->seed = 1;
		if (whatif_forms[i].parse(expr + len, w) < 0) {
			*error = xasprintf(_("--what-if '%s': expected %s "
			                     "(migratetypes: unmovable, movable, "
			                     "reclaimable)"),
			                   expr, _(whatif_forms[i].form));
			buddy_whatif_free(w);
			return -EINVAL;
		}
		*parsed = w;
		return 1;
	}
	return 0;
}

void buddy_whatif_free(void *parsed)
{
	struct buddy_whatif *w = parsed;

	if (!w)
		return;
	free(w->text);
	free(w->zone);
	free(w);
}

/* ---- running ------------------------------------------------------------- */

/* xorshift64*: small, fast and the same on every machine. */
static uint64_t next_random(struct buddy_run *run)
{
	run->rng ^= run->rng >> 12;
	run->rng ^= run->rng << 25;
	run->rng ^= run->rng >> 27;
	return run->rng * UINT64_C(2685821657736338717);
}

static void model_wm_zone(const struct buddy_run *run,
                          struct buddy_wm_zone *z)
{
	const struct buddy_model *m = run->m;

	memset(z, 0, sizeof(*z));
	z->free_pages = (int64_t)buddy_model_free_pages(m);
	z->highatomic_lo = z->highatomic_hi = run->highatomic_pages;
	if (run->rules->free_highatomic) {
		z->highatomic_lo = 0;
		for (unsigned o = 0; o < buddy_model_norders(m); o++)
			z->highatomic_lo += buddy_model_nr_free(
			        m, o, BUDDY_MT_HIGHATOMIC) << o;
		z->highatomic_hi = z->highatomic_lo;
	}
	z->free_cma_pages = (int64_t)buddy_model_free_cma(m);
	z->norders = buddy_model_norders(m);
	z->nr_free = buddy_model_area(m);
	z->nr_free_mt = buddy_model_area_mt(m);
}

/* The class a migratetype's allocations are checked as. */
static void class_of(const struct buddy_run *run, int mt, int64_t *reserve,
                     unsigned *flags)
{
	*reserve = mt == BUDDY_MT_MOVABLE ? run->reserve_movable
	                                  : run->reserve_kernel;
	*flags = mt == BUDDY_MT_MOVABLE ? BUDDY_ALLOC_CMA : 0;
}

static void record_alloc(struct buddy_run *run, int64_t rel, unsigned order)
{
	if (run->nallocs == run->allocs_cap) {
		run->allocs_cap = run->allocs_cap ? 2 * run->allocs_cap : 1024;
		run->allocs = xrealloc(run->allocs,
		                       run->allocs_cap * sizeof(*run->allocs));
	}
	run->allocs[run->nallocs].rel_pfn = (uint32_t)rel;
	run->allocs[run->nallocs].order = (uint8_t)order;
	run->nallocs++;
}

/* What the watermark checks make of one allocation. */
enum marks_verdict {
	MARKS_NO_BLOCK,  /* no list has a block: compaction's business */
	MARKS_REFUSED,   /* below the min mark: reclaim's business */
	MARKS_BELOW_LOW, /* the fast path fails, the slow path serves it */
	MARKS_OK,
};

static enum marks_verdict marks_allow(const struct buddy_run *run,
                                      unsigned order, int mt)
{
	struct buddy_wm_zone z;
	int64_t boost = buddy_model_boost(run->m), reserve;
	const char *why;
	unsigned flags;

	if (!run->check_marks)
		return MARKS_OK;
	model_wm_zone(run, &z);
	class_of(run, mt, &reserve, &flags);
	if (buddy_watermark_ok(run->rules, &z, order, run->low_base_pages + boost,
	                       reserve, flags, &why) == BUDDY_YES)
		return MARKS_OK;
	if (strcmp(why, "no_block") == 0)
		return MARKS_NO_BLOCK;
	if (buddy_watermark_ok(run->rules, &z, order,
	                       run->min_base_pages + boost, reserve, flags,
	                       &why) == BUDDY_YES)
		return MARKS_BELOW_LOW;
	return strcmp(why, "no_block") == 0 ? MARKS_NO_BLOCK : MARKS_REFUSED;
}

static void run_alloc(struct buddy_run *run, unsigned order, uint64_t count,
                      int mt, struct buddy_step *out)
{
	struct buddy_alloc_info info;

	out->requested = (int64_t)count;
	for (uint64_t i = 0; i < count; i++) {
		enum marks_verdict allow = marks_allow(run, order, mt);
		int64_t rel = -ENOMEM;

		/* nothing changes after a failure: the rest fail alike */
		if (allow == MARKS_REFUSED) {
			out->failed_watermark += (int64_t)(count - i);
			return;
		}
		if (allow != MARKS_NO_BLOCK)
			rel = buddy_model_alloc(run->m, order, mt, &info);
		if (rel < 0) {
			out->failed_no_block += (int64_t)(count - i);
			return;
		}
		record_alloc(run, rel, order);
		out->allocated++;
		out->below_low += allow == MARKS_BELOW_LOW;
		out->fallbacks += info.fallback;
		out->claimed_pageblocks += info.claimed;
	}
}

/* Frees a random share of the recorded allocations. */
static void run_free(struct buddy_run *run, unsigned percent,
                     struct buddy_step *out)
{
	size_t n = (size_t)((uint64_t)run->nallocs * percent / 100);

	out->requested = (int64_t)n;
	for (size_t i = 0; i < n; i++) {
		size_t last = run->nallocs - 1;
		size_t pick = (size_t)(next_random(run) % run->nallocs);
		struct buddy_alloc_rec rec = run->allocs[pick];

		run->allocs[pick] = run->allocs[last];
		run->nallocs = last;
		buddy_model_release(run->m, rec.rel_pfn, rec.order);
		out->freed++;
	}
}

static int64_t *copy_ints(const int64_t *values, size_t n)
{
	int64_t *copy = xcalloc(n ? n : 1, sizeof(*copy));

	memcpy(copy, values, n * sizeof(*copy));
	return copy;
}

/* The free lists, indexes and THP availability after the step. */
static void describe(const struct buddy_run *run, struct buddy_step *out)
{
	const struct buddy_model *m = run->m;
	unsigned norders = buddy_model_norders(m);
	const int64_t *area = buddy_model_area(m);
	struct buddy_wm_zone z;
	int64_t reserve;
	unsigned flags;

	out->free_pages = (int64_t)buddy_model_free_pages(m);
	out->free_blocks = copy_ints(area, norders);
	out->norders = norders;
	out->unusable_index = xcalloc(norders, sizeof(int64_t));
	out->extfrag_index = xcalloc(norders, sizeof(int64_t));
	out->nunusable = out->nextfrag = norders;
	out->highest_free_order = -1;
	for (unsigned o = 0; o < norders; o++) {
		struct buddy_contig info;

		buddy_fill_contig(area, norders, o, &info);
		out->unusable_index[o] = buddy_unusable_index(&info, o);
		out->extfrag_index[o] = buddy_fragmentation_index(&info, o,
		                                                  norders);
		if (area[o] > 0)
			out->highest_free_order = o;
		if (o >= run->thp_order)
			out->thp_blocks += area[o] << (o - run->thp_order);
	}
	out->boost_pages = buddy_model_boost(m);
	for (int mt = 0; mt < BUDDY_MT_COUNT; mt++) {
		uint64_t blocks = buddy_model_blocks_of_mt(m, mt);

		if (blocks || mt < BUDDY_MT_PCPTYPES)
			kvlist_add(&out->pageblocks, buddy_mt_name(mt),
			           (int64_t)blocks);
	}
	out->known |= KNOWN(BS_COUNTS) | KNOWN(BS_INDEXES);
	if (!run->check_marks || run->thp_order >= norders)
		return;
	model_wm_zone(run, &z);
	class_of(run, BUDDY_MT_MOVABLE, &reserve, &flags);
	out->thp_low = buddy_watermark_ok(run->rules, &z, run->thp_order,
	                                  run->low_base_pages + out->boost_pages,
	                                  reserve, flags, NULL) == BUDDY_YES;
	out->known |= KNOWN(BS_THP);
}

void buddy_run_step(struct buddy_run *run, const struct buddy_whatif *w,
                    struct buddy_step *out)
{
	out->what_if = xstrdup(w->text);
	if (w->kind == BUDDY_WI_ALLOC)
		run_alloc(run, w->order, w->count, w->mt, out);
	else if (w->kind == BUDDY_WI_FILL)
		run_alloc(run, 0, w->bytes / (uint64_t)run->page_size, w->mt,
		          out);
	else if (w->kind == BUDDY_WI_FREE)
		run_free(run, w->percent, out);
	describe(run, out);
}

void buddy_run_free(struct buddy_run *run)
{
	buddy_model_free(run->m);
	free(run->allocs);
	memset(run, 0, sizeof(*run));
}
