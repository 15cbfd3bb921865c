/*
 * buddy_inputs.c - reads what the buddy engine needs out of a snapshot
 * once: the kernel's rules, the pageblock and THP orders, the vm sysctls,
 * and per zone its index in its node, its free lists per migratetype and
 * what __zone_watermark_ok() would read of it.  Whatever is missing is left
 * unset, so that the numbers depending on it stay unknown.
 *
 * Must not: do I/O, or guess a value silently: a default that is assumed
 * is flagged (pageblock_assumed, ratio_assumed) and said in the result.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buddy_internal.h"
#include "util.h"

const char *buddy_sysctl(const struct snapshot *snap, const char *name)
{
	if (!(snap->known & KNOWN(SEC_SYSCTL)))
		return NULL;
	return skvlist_get(&snap->sysctl, name);
}

static int64_t sysctl_int(const struct snapshot *snap, const char *name)
{
	const char *text = buddy_sysctl(snap, name);
	int64_t value;
	char *end;

	if (!text || parse_int64(text, &end, &value) != 0 || value < 0)
		return BUDDY_UNSET;
	return value;
}

/* The selected word of a THP setting: "always [madvise] never". */
static const char *thp_selected(const struct snapshot *snap, const char *key,
                                size_t *len)
{
	const char *text, *open;

	if (!(snap->known & KNOWN(SEC_THP)))
		return NULL;
	text = skvlist_get(&snap->thp, key);
	open = text ? strchr(text, '[') : NULL;
	if (!open || !strchr(open, ']'))
		return NULL;
	*len = (size_t)(strchr(open, ']') - open - 1);
	return open + 1;
}

static bool word_is(const char *word, size_t len, const char *want)
{
	return word && len == strlen(want) && strncmp(word, want, len) == 0;
}

/* hugepage_pmd_enabled(): "always" or "madvise", globally or for the
 * PMD size (which may "inherit" the global setting). */
static int thp_enabled(const struct snapshot *snap)
{
	size_t glen = 0, plen = 0;
	const char *global = thp_selected(snap, "enabled", &glen);
	const char *pmd = thp_selected(snap, "hugepages-2048kB/enabled", &plen);
	bool global_on = word_is(global, glen, "always") ||
	                 word_is(global, glen, "madvise");

	if (!global)
		return BUDDY_UNKNOWN;
	if (word_is(pmd, plen, "always") || word_is(pmd, plen, "madvise"))
		return BUDDY_YES;
	if (pmd && !word_is(pmd, plen, "inherit"))
		return BUDDY_NO;
	return global_on ? BUDDY_YES : BUDDY_NO;
}

static unsigned log2_u64(uint64_t x)
{
	unsigned n = 0;

	while (x > 1) {
		x >>= 1;
		n++;
	}
	return n;
}

static size_t max_norders(const struct snapshot *snap)
{
	size_t n = 0;

	for (size_t i = 0; i < snap->nzones; i++)
		if ((snap->zones[i].known & KNOWN(ZONE_FREE_BLOCKS)) &&
		    snap->zones[i].norders > n)
			n = snap->zones[i].norders;
	return n ? n : 11;
}

/* pageblock_order: the map's, else the PMD size's, else 9 (4 KiB pages). */
static void orders_init(struct buddy_ctx *ctx)
{
	const struct snapshot *snap = ctx->snap;
	const char *pmd = (snap->known & KNOWN(SEC_THP))
	                          ? skvlist_get(&snap->thp, "hpage_pmd_size")
	                          : NULL;
	size_t norders = max_norders(snap);
	int64_t bytes = 0;
	char *end;

	if (pmd && parse_int64(pmd, &end, &bytes) == 0 && bytes > 0 &&
	    snap->page_size > 0 && bytes > snap->page_size)
		ctx->thp_order = log2_u64((uint64_t)(bytes / snap->page_size));
	if (snap->known & KNOWN(SEC_PAGEBLOCKS)) {
		ctx->pageblock_order = (unsigned)snap->pageblocks.pageblock_order;
	} else if (ctx->thp_order) {
		ctx->pageblock_order = ctx->thp_order;
	} else {
		ctx->pageblock_order = 9;
		ctx->pageblock_assumed = true;
	}
	if (ctx->pageblock_order >= norders)
		ctx->pageblock_order = (unsigned)norders - 1;
	if (!ctx->thp_order)
		ctx->thp_order = ctx->pageblock_order;
}

/* vm.lowmem_reserve_ratio, or the kernel's defaults by zone name. */
static void ratio_init(struct buddy_ctx *ctx)
{
	const char *text = buddy_sysctl(ctx->snap, "lowmem_reserve_ratio");
	const struct snapshot *snap = ctx->snap;
	char *end;

	while (text && *text && ctx->nratio < ARRAY_SIZE(ctx->ratio)) {
		int64_t v;

		if (parse_int64(text, &end, &v) != 0)
			break;
		ctx->ratio[ctx->nratio++] = v;
		text = end + strspn(end, " \t\n");
	}
	if (ctx->nratio)
		return;
	ctx->ratio_assumed = true;
	for (size_t i = 0; i < snap->nzones && ctx->nratio <
	     ARRAY_SIZE(ctx->ratio) && snap->zones[i].node ==
	     snap->zones[0].node; i++) {
		const char *name = snap->zones[i].zone;

		ctx->ratio[ctx->nratio++] =
		        strcmp(name, "DMA") == 0 || strcmp(name, "DMA32") == 0
		                ? 256
		                : strcmp(name, "Normal") == 0 ? 32 : 0;
	}
}

static void sysctls_init(struct buddy_ctx *ctx)
{
	ctx->min_free_kbytes = sysctl_int(ctx->snap, "min_free_kbytes");
	ctx->scale_factor = sysctl_int(ctx->snap, "watermark_scale_factor");
	ctx->threshold = sysctl_int(ctx->snap, "extfrag_threshold");
	ctx->proactiveness = sysctl_int(ctx->snap, "compaction_proactiveness");
	ctx->boost_factor = sysctl_int(ctx->snap, "watermark_boost_factor");
	ratio_init(ctx);
	ctx->thp_enabled = thp_enabled(ctx->snap);
}

/* ---- zones ---------------------------------------------------------------- */

static int node_index_of(const struct snapshot *snap, size_t first,
                         size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(snap->zones[first + i].zone, name) == 0)
			return (int)i;
	return -1;
}

/* GFP_KERNEL's highest zone is Normal; movable requests may use Movable,
 * else the highest zone but ZONE_DEVICE (never in a zonelist). */
static void node_indexes(const struct snapshot *snap, size_t first,
                         size_t count, int *normal, int *movable)
{
	*normal = node_index_of(snap, first, count, "Normal");
	*movable = node_index_of(snap, first, count, "Movable");
	if (*movable < 0) {
		*movable = (int)count - 1;
		if (*movable > 0 &&
		    strcmp(snap->zones[first + count - 1].zone, "Device") == 0)
			(*movable)--;
	}
	if (*normal < 0)
		*normal = *movable;
}

static enum buddy_zone_kind kind_of(const char *name)
{
	if (strcmp(name, "HighMem") == 0)
		return BUDDY_ZONE_HIGHMEM;
	if (strcmp(name, "Movable") == 0)
		return BUDDY_ZONE_MOVABLE;
	return BUDDY_ZONE_LOW;
}

/* pagetypeinfo's free counts, when every row of the zone is whole. */
static void migratetypes_init(struct buddy_zone_in *in)
{
	const struct zone *z = in->z;
	bool whole = (z->known & KNOWN(ZONE_MIGRATETYPES)) && z->nmigratetypes;

	for (int mt = 0; mt < BUDDY_MT_COUNT; mt++)
		in->pageblocks[mt] = BUDDY_UNSET;
	for (size_t i = 0; whole && i < z->nmigratetypes; i++) {
		const struct zone_migratetype *row = &z->migratetypes[i];
		int mt = row->type ? buddy_mt_from_name(row->type) : -1;

		if (mt < 0 || !(row->known & KNOWN(0)) ||
		    row->norders != z->norders || z->norders > BUDDY_ORDERS_MAX) {
			whole = false;
			break;
		}
		for (size_t o = 0; o < row->norders; o++)
			in->nr_free_mt[o][mt] = row->free_blocks[o];
		if (row->known & KNOWN(1))
			in->pageblocks[mt] = row->pageblocks;
	}
	in->have_mt = whole;
}

/*
 * The highatomic term of __zone_watermark_unusable_free(): 6.12+ the free
 * pages in highatomic blocks, before that the reserved size (a pageblock
 * per reserved block).  Without pagetypeinfo it is somewhere between none
 * and the reserve's cap, about 1% of the zone (reserve_highatomic_pageblock).
 */
static void highatomic_init(const struct buddy_ctx *ctx,
                            struct buddy_zone_in *in)
{
	int64_t pageblock = INT64_C(1) << ctx->pageblock_order, pages = 0;

	if (in->have_mt && ctx->rules.free_highatomic) {
		for (size_t o = 0; o < in->z->norders; o++)
			pages += in->nr_free_mt[o][BUDDY_MT_HIGHATOMIC] << o;
		in->wm.highatomic_lo = in->wm.highatomic_hi = pages;
		return;
	}
	if (in->have_mt && in->pageblocks[BUDDY_MT_HIGHATOMIC] >= 0) {
		pages = in->pageblocks[BUDDY_MT_HIGHATOMIC] * pageblock;
		in->wm.highatomic_lo = in->wm.highatomic_hi = pages;
		return;
	}
	in->wm.highatomic_lo = 0;
	in->wm.highatomic_hi = in->z->managed_pages / 100 + 2 * pageblock;
}

static bool zone_stat(const struct zone *z, const char *name, int64_t *value)
{
	return (z->known & KNOWN(ZONE_STATS)) && kvlist_get(&z->stats, name, value);
}

static void wm_init(const struct buddy_ctx *ctx, struct buddy_zone_in *in)
{
	const struct zone *z = in->z;
	uint64_t need = KNOWN(ZONE_FREE) | KNOWN(ZONE_FREE_BLOCKS) |
	                KNOWN(ZONE_MIN) | KNOWN(ZONE_LOW) |
	                KNOWN(ZONE_PROTECTION) | KNOWN(ZONE_MANAGED);
	bool cma_known = true;

	in->wm.free_pages = z->free_pages;
	in->wm.norders = z->norders;
	in->wm.nr_free = z->free_blocks;
	in->wm.nr_free_mt = in->have_mt ? (const int64_t(*)[BUDDY_MT_COUNT])
	                                          in->nr_free_mt
	                                : NULL;
	in->wm.cma_pages = (z->known & KNOWN(ZONE_CMA)) ? z->cma_pages : 0;
	if (!zone_stat(z, "nr_free_cma", &in->wm.free_cma_pages)) {
		in->wm.free_cma_pages = 0;
		cma_known = (z->known & KNOWN(ZONE_CMA)) && z->cma_pages == 0;
	}
	if (!zone_stat(z, "nr_unaccepted", &in->wm.unaccepted_pages))
		in->wm.unaccepted_pages = 0;
	highatomic_init(ctx, in);
	in->wm_ok = (z->known & need) == need && cma_known &&
	            z->norders <= BUDDY_ORDERS_MAX &&
	            (size_t)in->movable_index < z->nprotection &&
	            (size_t)in->normal_index < z->nprotection;
}

static void zone_init(struct buddy_ctx *ctx, size_t i, size_t first,
                      size_t count)
{
	const struct snapshot *snap = ctx->snap;
	struct buddy_zone_in *in = &ctx->in[i];
	const char *name = snap->zones[i].zone;

	in->z = &snap->zones[i];
	in->node_first = first;
	in->node_count = count;
	in->index = (int)(i - first);
	node_indexes(snap, first, count, &in->normal_index, &in->movable_index);
	in->kind = kind_of(name);
	in->lowmem_zone = strcmp(name, "DMA") == 0 ||
	                  strcmp(name, "DMA32") == 0 ||
	                  strcmp(name, "Normal") == 0;
	migratetypes_init(in);
	wm_init(ctx, in);
	for (size_t m = 0; (snap->known & KNOWN(SEC_PAGEBLOCKS)) &&
	     m < snap->pageblocks.count; m++) {
		const struct pageblock_zone *pz = &snap->pageblocks.zones[m];

		if (pz->node == in->z->node && pz->zone && pz->cells &&
		    strcmp(pz->zone, name) == 0)
			in->map = pz;
	}
}

static void zones_init(struct buddy_ctx *ctx)
{
	const struct snapshot *snap = ctx->snap;
	uint64_t need = KNOWN(ZONE_MANAGED) | KNOWN(ZONE_PRESENT) |
	                KNOWN(ZONE_PROTECTION);

	ctx->nzones = snap->nzones;
	ctx->in = xcalloc(snap->nzones ? snap->nzones : 1, sizeof(*ctx->in));
	ctx->zoneinfo_whole = snap->nzones > 0;
	for (size_t first = 0; first < snap->nzones;) {
		size_t count = 1;

		while (first + count < snap->nzones &&
		       snap->zones[first + count].node == snap->zones[first].node)
			count++;
		for (size_t i = first; i < first + count; i++)
			zone_init(ctx, i, first, count);
		first += count;
	}
	for (size_t i = 0; i < snap->nzones; i++)
		if ((snap->zones[i].known & need) != need)
			ctx->zoneinfo_whole = false;
}

void buddy_ctx_init(struct buddy_ctx *ctx, const struct snapshot *snap)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->snap = snap;
	buddy_rules_for(snap->kernel, &ctx->rules);
	ctx->page_kb = snap->page_size >= 1024 ? snap->page_size / 1024 : 4;
	orders_init(ctx);
	sysctls_init(ctx);
	zones_init(ctx);
}

void buddy_ctx_free(struct buddy_ctx *ctx)
{
	free(ctx->in);
	free(ctx->calc);
	memset(ctx, 0, sizeof(*ctx));
}
