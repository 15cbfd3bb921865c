/*
 * buddy_model.c - a page-frame model of one zone's buddy allocator: a state
 * byte per page, free lists per order and migratetype linked through the
 * pages, and a migratetype per pageblock.  Splitting and merging are the
 * kernel's, so the free lists after a workload are the ones the kernel
 * would have (without the per-CPU lists, which batch order <= 3 and THP
 * requests in front of the buddy lists).
 *
 * Mirrors mm/page_alloc.c of 6.15-6.18: __rmqueue() (normal, CMA, claim,
 * steal), __rmqueue_smallest(), expand(), try_to_claim_block(),
 * prep_move_freepages_block(), __move_freepages_block(), boost_watermark(),
 * free_one_page() -> split_large_buddy() -> __free_one_page() with
 * buddy_merge_likely().  Older kernels reach the same lists by a different
 * route (__rmqueue_fallback/steal_suitable_fallback, 5.15-6.14); the
 * fallback order of kernel-spec.md 2.2 is the same in all of them.
 * ALLOC_NOFRAGMENT (which first tries the next zone) is not modelled: the
 * model is one zone.
 *
 * Must not: do I/O or keep globals.  Speed matters (bench/buddy-ops.c): the
 * hot paths touch the state byte and the list links only.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buddy.h"
#include "util.h"

#define NIL UINT32_MAX

/* The state byte of a page. */
#define PS_FREE 0x80    /* head of a free block; low bits: its order */
#define PS_HOLE 0x40    /* not managed: a hole or a reserved page */
#define PS_MOVABLE 0x20 /* allocated and movable (PageLRU) */
#define PS_ORDER 0x0f

struct buddy_model {
	uint64_t start_pfn;
	uint32_t npages;
	unsigned norders;
	unsigned max_order;       /* MAX_PAGE_ORDER = norders - 1 */
	unsigned pageblock_order;
	uint64_t first_block;     /* start_pfn >> pageblock_order */
	uint64_t nblocks;
	bool pcp_mergeable;
	uint8_t *state;
	/* both links of a page in one place: one cache line per list step */
	struct link { uint32_t next, prev; } *link;
	uint8_t *block_mt;
	uint32_t head[BUDDY_ORDERS_MAX][BUDDY_MT_COUNT];
	uint32_t tail[BUDDY_ORDERS_MAX][BUDDY_MT_COUNT];
	int64_t nr_free[BUDDY_ORDERS_MAX][BUDDY_MT_COUNT];
	int64_t area_free[BUDDY_ORDERS_MAX]; /* free_area[order].nr_free */
	uint64_t free_pages;      /* NR_FREE_PAGES: all but Isolate */
	uint64_t free_cma_pages;  /* NR_FREE_CMA_PAGES */
	int64_t managed_pages;
	int64_t high_base_pages;
	int64_t boost_pages;
	int64_t boost_factor;
};

/* fallbacks[] of mm/page_alloc.c: identical 5.15 to 6.18 */
static const int fallbacks[BUDDY_MT_PCPTYPES][BUDDY_MT_PCPTYPES - 1] = {
	[BUDDY_MT_UNMOVABLE] = { BUDDY_MT_RECLAIMABLE, BUDDY_MT_MOVABLE },
	[BUDDY_MT_MOVABLE] = { BUDDY_MT_RECLAIMABLE, BUDDY_MT_UNMOVABLE },
	[BUDDY_MT_RECLAIMABLE] = { BUDDY_MT_UNMOVABLE, BUDDY_MT_MOVABLE },
};

/* ---- construction ------------------------------------------------------ */

int buddy_model_new(struct buddy_model **out,
                    const struct buddy_model_params *p)
{
	struct buddy_model *m;
	uint64_t last;

	*out = NULL;
	if (p->spanned_pages == 0 || p->spanned_pages >= NIL ||
	    p->norders == 0 || p->norders > BUDDY_ORDERS_MAX ||
	    p->pageblock_order >= 32)
		return -EINVAL;
	m = xcalloc(1, sizeof(*m));
	m->start_pfn = p->start_pfn;
	m->npages = (uint32_t)p->spanned_pages;
	m->norders = p->norders;
	m->max_order = p->norders - 1;
	m->pageblock_order = p->pageblock_order;
	m->pcp_mergeable = p->pcp_mergeable;
	m->first_block = p->start_pfn >> p->pageblock_order;
	last = (p->start_pfn + p->spanned_pages - 1) >> p->pageblock_order;
	m->nblocks = last - m->first_block + 1;
	m->managed_pages = p->managed_pages;
	m->high_base_pages = p->high_base_pages;
	m->boost_pages = p->boost_pages;
	m->boost_factor = p->boost_factor;
	/* every page starts allocated and unmanaged; seeding frees */
	m->state = xcalloc(m->npages, 1);
	memset(m->state, PS_HOLE, m->npages);
	m->link = xcalloc(m->npages, sizeof(*m->link));
	m->block_mt = xcalloc(m->nblocks, 1);
	memset(m->block_mt, BUDDY_MT_MOVABLE, m->nblocks);
	memset(m->head, 0xff, sizeof(m->head));
	memset(m->tail, 0xff, sizeof(m->tail));
	*out = m;
	return 0;
}

void buddy_model_free(struct buddy_model *m)
{
	if (!m)
		return;
	free(m->state);
	free(m->link);
	free(m->block_mt);
	free(m);
}

/* ---- pageblocks --------------------------------------------------------- */

static inline uint64_t block_of(const struct buddy_model *m, uint32_t idx)
{
	return ((m->start_pfn + idx) >> m->pageblock_order) - m->first_block;
}

static inline int get_block_mt(const struct buddy_model *m, uint32_t idx)
{
	return m->block_mt[block_of(m, idx)];
}

void buddy_model_set_block_mt(struct buddy_model *m, uint64_t block, int mt)
{
	if (block < m->nblocks && mt >= 0 && mt < BUDDY_MT_COUNT)
		m->block_mt[block] = (uint8_t)mt;
}

int buddy_model_block_mt(const struct buddy_model *m, uint64_t block)
{
	return block < m->nblocks ? m->block_mt[block] : -1;
}

uint64_t buddy_model_nblocks(const struct buddy_model *m)
{
	return m->nblocks;
}

/* change_pageblock_range(): every pageblock of a block of this order. */
static void set_range_mt(struct buddy_model *m, uint32_t idx, unsigned order,
                         int mt)
{
	uint64_t first = block_of(m, idx);
	uint64_t count = order > m->pageblock_order
	                         ? UINT64_C(1) << (order - m->pageblock_order)
	                         : 1;

	for (uint64_t b = first; b < first + count && b < m->nblocks; b++)
		m->block_mt[b] = (uint8_t)mt;
}

/* ---- free lists ---------------------------------------------------------- */

/* account_freepages(): Isolate pages are not counted as free. */
static inline void account_free(struct buddy_model *m, int64_t pages, int mt)
{
	if (mt == BUDDY_MT_ISOLATE)
		return;
	m->free_pages += (uint64_t)pages;
	if (mt == BUDDY_MT_CMA)
		m->free_cma_pages += (uint64_t)pages;
}

static inline void list_add(struct buddy_model *m, uint32_t idx,
                            unsigned order, int mt, bool to_tail)
{
	uint32_t *head = &m->head[order][mt], *tail = &m->tail[order][mt];

	m->state[idx] = (uint8_t)(PS_FREE | order);
	if (*head == NIL) {
		m->link[idx].next = m->link[idx].prev = NIL;
		*head = *tail = idx;
	} else if (to_tail) {
		m->link[idx].next = NIL;
		m->link[idx].prev = *tail;
		m->link[*tail].next = idx;
		*tail = idx;
	} else {
		m->link[idx].prev = NIL;
		m->link[idx].next = *head;
		m->link[*head].prev = idx;
		*head = idx;
	}
	m->nr_free[order][mt]++;
	m->area_free[order]++;
}

static inline void list_del(struct buddy_model *m, uint32_t idx,
                            unsigned order, int mt)
{
	uint32_t next = m->link[idx].next, prev = m->link[idx].prev;

	if (prev == NIL)
		m->head[order][mt] = next;
	else
		m->link[prev].next = next;
	if (next == NIL)
		m->tail[order][mt] = prev;
	else
		m->link[next].prev = prev;
	m->state[idx] = 0;
	m->nr_free[order][mt]--;
	m->area_free[order]--;
}

/* move_to_free_list(): list_move_tail onto the new type's list. */
static void list_move(struct buddy_model *m, uint32_t idx, unsigned order,
                      int old_mt, int new_mt)
{
	list_del(m, idx, order, old_mt);
	list_add(m, idx, order, new_mt, true);
	account_free(m, -(INT64_C(1) << order), old_mt);
	account_free(m, INT64_C(1) << order, new_mt);
}

/* The state of count pages; a single page (most requests) without a call. */
static inline void set_states(struct buddy_model *m, uint64_t first,
                              uint64_t count, uint8_t state)
{
	if (count == 1)
		m->state[first] = state;
	else
		memset(m->state + first, state, count);
}

/* ---- seeding --------------------------------------------------------- */

void buddy_model_mark_used(struct buddy_model *m, uint64_t first,
                           uint64_t count, bool movable)
{
	if (first >= m->npages)
		return;
	if (count > m->npages - first)
		count = m->npages - first;
	memset(m->state + first, movable ? PS_MOVABLE : 0, count);
}

int buddy_model_place_free(struct buddy_model *m, uint64_t rel, unsigned order)
{
	uint64_t size = UINT64_C(1) << order;
	int mt;

	if (order >= m->norders || rel >= m->npages ||
	    size > m->npages - rel || ((m->start_pfn + rel) & (size - 1)) ||
	    buddy_model_page_free(m, rel))
		return -EINVAL;
	for (uint64_t i = rel; i < rel + size; i++)
		if (m->state[i] & PS_FREE)
			return -EINVAL;
	memset(m->state + rel, 0, size);
	mt = get_block_mt(m, (uint32_t)rel);
	list_add(m, (uint32_t)rel, order, mt, true);
	account_free(m, (int64_t)size, mt);
	return 0;
}

/* ---- allocation ---------------------------------------------------------- */

/*
 * expand(): each halving puts the upper half on the free list of order
 * high - 1, so one order-high block leaves a free block at each order from
 * low to high - 1.  Returns the pages put back.
 */
static inline uint64_t expand(struct buddy_model *m, uint32_t idx,
                              unsigned low, unsigned high, int mt)
{
	uint64_t added = 0;

	while (high > low) {
		uint32_t size;

		high--;
		size = UINT32_C(1) << high;
		list_add(m, idx + size, high, mt, false);
		added += size;
	}
	return added;
}

/* page_del_and_expand() */
static inline void del_and_expand(struct buddy_model *m, uint32_t idx,
                                  unsigned low, unsigned high, int mt)
{
	list_del(m, idx, high, mt);
	expand(m, idx, low, high, mt);
	account_free(m, -(INT64_C(1) << low), mt);
}

/* __rmqueue_smallest(): the first block of the type at order or above. */
static int64_t rmqueue_smallest(struct buddy_model *m, unsigned order, int mt,
                                struct buddy_alloc_info *info)
{
	for (unsigned o = order; o < m->norders; o++) {
		uint32_t idx = m->head[o][mt];

		if (idx == NIL)
			continue;
		del_and_expand(m, idx, order, o, mt);
		info->mt_used = mt;
		info->order_used = o;
		return idx;
	}
	return -ENOMEM;
}

/*
 * should_try_claim_block(): pageblock-sized and half-pageblock blocks are
 * worth claiming, and unmovable or reclaimable requests always try, since
 * their pages polluting a movable block fragment it for good.  Movable
 * pages can be migrated later, so small movable requests only steal.
 */
static bool should_try_claim(const struct buddy_model *m, unsigned order,
                             int start_mt)
{
	return order >= m->pageblock_order / 2 ||
	       start_mt == BUDDY_MT_RECLAIMABLE ||
	       start_mt == BUDDY_MT_UNMOVABLE;
}

/* find_suitable_fallback(): -1 none at this order, -2 stop claiming. */
static int suitable_fallback(const struct buddy_model *m, unsigned order,
                             int start_mt, bool claimable)
{
	if (claimable && !should_try_claim(m, order, start_mt))
		return -2;
	if (m->area_free[order] == 0)
		return -1;
	for (int i = 0; i < BUDDY_MT_PCPTYPES - 1; i++) {
		int fallback_mt = fallbacks[start_mt][i];

		if (m->head[order][fallback_mt] != NIL)
			return fallback_mt;
	}
	return -1;
}

/*
 * boost_watermark(): raise reclaim pressure so that future allocations
 * need not fall back; not on zones too small to produce results.
 */
static bool boost_watermark(struct buddy_model *m)
{
	int64_t pageblock = INT64_C(1) << m->pageblock_order;
	int64_t max_boost = buddy_boost_max(m->high_base_pages, m->boost_factor,
	                                    pageblock);

	if (!m->boost_factor || pageblock * 4 > m->managed_pages || !max_boost)
		return false;
	m->boost_pages = m->boost_pages + pageblock < max_boost
	                         ? m->boost_pages + pageblock
	                         : max_boost;
	return true;
}

/* prep_move_freepages_block(): free and movable pages of the pageblock. */
static bool prep_move_block(const struct buddy_model *m, uint32_t idx,
                            uint64_t *start, int64_t *free_pages,
                            int64_t *movable_pages)
{
	uint64_t size = UINT64_C(1) << m->pageblock_order;
	uint64_t pfn = ((m->start_pfn + idx) >> m->pageblock_order)
	               << m->pageblock_order;

	/* don't touch ranges that straddle into other zones */
	if (pfn < m->start_pfn || pfn + size > m->start_pfn + m->npages)
		return false;
	*start = pfn - m->start_pfn;
	*free_pages = 0;
	*movable_pages = 0;
	for (uint64_t i = *start; i < *start + size;) {
		uint8_t s = m->state[i];

		if (s & PS_FREE) {
			*free_pages += INT64_C(1) << (s & PS_ORDER);
			i += UINT64_C(1) << (s & PS_ORDER);
			continue;
		}
		if (s & PS_MOVABLE)
			(*movable_pages)++;
		i++;
	}
	return true;
}

/* __move_freepages_block(): every free block of the pageblock. */
static void move_block_free(struct buddy_model *m, uint64_t start, int old_mt,
                            int new_mt)
{
	uint64_t end = start + (UINT64_C(1) << m->pageblock_order);

	for (uint64_t i = start; i < end;) {
		uint8_t s = m->state[i];

		if (!(s & PS_FREE)) {
			i++;
			continue;
		}
		list_move(m, (uint32_t)i, s & PS_ORDER, old_mt, new_mt);
		i += UINT64_C(1) << (s & PS_ORDER);
	}
}

/* try_to_claim_block() */
static int64_t try_claim(struct buddy_model *m, uint32_t idx,
                         unsigned current_order, unsigned order,
                         int start_mt, int block_mt,
                         struct buddy_alloc_info *info)
{
	int64_t free_pages, movable_pages, alike_pages, pfn;
	uint64_t start;

	/* Take ownership for orders >= pageblock_order */
	if (current_order >= m->pageblock_order) {
		list_del(m, idx, current_order, block_mt);
		account_free(m, -(INT64_C(1) << current_order), block_mt);
		set_range_mt(m, idx, current_order, start_mt);
		account_free(m, (int64_t)expand(m, idx, order, current_order,
		                                start_mt), start_mt);
		info->mt_used = block_mt;
		info->order_used = current_order;
		info->claimed = true;
		return idx;
	}
	info->boosted |= boost_watermark(m);
	if (!prep_move_block(m, idx, &start, &free_pages, &movable_pages))
		return -ENOMEM;
	/*
	 * How many pages are compatible with the allocation: movable pages
	 * for a movable one; for unmovable or reclaimable ones falling back
	 * to a movable block, every non-movable page; between unmovable and
	 * reclaimable the kernel cannot tell, so none.
	 */
	if (start_mt == BUDDY_MT_MOVABLE)
		alike_pages = movable_pages;
	else if (block_mt == BUDDY_MT_MOVABLE)
		alike_pages = (INT64_C(1) << m->pageblock_order) -
		              (free_pages + movable_pages);
	else
		alike_pages = 0;
	if (free_pages + alike_pages < INT64_C(1) << (m->pageblock_order - 1))
		return -ENOMEM;
	move_block_free(m, start, block_mt, start_mt);
	m->block_mt[block_of(m, (uint32_t)start)] = (uint8_t)start_mt;
	info->claimed = true;
	pfn = rmqueue_smallest(m, order, start_mt, info);
	/* report the list the pages were taken from before the claim */
	info->mt_used = block_mt;
	return pfn;
}

/*
 * __rmqueue_claim(): the largest block of a fallback type, as a cheap guess
 * at the pageblock with the most free pages, whose whole pageblock the
 * request may then take over.
 */
static int64_t rmqueue_claim(struct buddy_model *m, unsigned order,
                             int start_mt, struct buddy_alloc_info *info)
{
	for (int o = (int)m->max_order; o >= (int)order; o--) {
		int fallback_mt = suitable_fallback(m, (unsigned)o, start_mt, true);
		int64_t pfn;

		if (fallback_mt == -1)
			continue;
		/* advanced into orders too low to claim */
		if (fallback_mt == -2)
			break;
		pfn = try_claim(m, m->head[o][fallback_mt], (unsigned)o, order,
		                start_mt, fallback_mt, info);
		if (pfn >= 0) {
			info->fallback = true;
			return pfn;
		}
	}
	return -ENOMEM;
}

/* __rmqueue_steal(): the smallest block of a fallback type, left in it. */
static int64_t rmqueue_steal(struct buddy_model *m, unsigned order,
                             int start_mt, struct buddy_alloc_info *info)
{
	for (unsigned o = order; o < m->norders; o++) {
		int fallback_mt = suitable_fallback(m, o, start_mt, false);
		uint32_t idx;

		if (fallback_mt < 0)
			continue;
		idx = m->head[o][fallback_mt];
		del_and_expand(m, idx, order, o, fallback_mt);
		info->mt_used = fallback_mt;
		info->order_used = o;
		info->fallback = true;
		return idx;
	}
	return -ENOMEM;
}

int64_t buddy_model_alloc(struct buddy_model *m, unsigned order, int mt,
                          struct buddy_alloc_info *info)
{
	/* gfp_to_alloc_flags_cma(): movable requests may use CMA */
	bool alloc_cma = mt == BUDDY_MT_MOVABLE;
	int64_t pfn = -ENOMEM;

	memset(info, 0, sizeof(*info));
	if (order >= m->norders || mt < 0 || mt >= BUDDY_MT_PCPTYPES)
		return -EINVAL;
	/* Balance movable allocations between regular and CMA areas by
	 * allocating from CMA when over half of the free memory is there. */
	if (alloc_cma && m->free_cma_pages > m->free_pages / 2)
		pfn = rmqueue_smallest(m, order, BUDDY_MT_CMA, info);
	if (pfn < 0)
		pfn = rmqueue_smallest(m, order, mt, info);
	if (pfn < 0 && alloc_cma)
		pfn = rmqueue_smallest(m, order, BUDDY_MT_CMA, info);
	if (pfn < 0)
		pfn = rmqueue_claim(m, order, mt, info);
	if (pfn < 0)
		pfn = rmqueue_steal(m, order, mt, info);
	if (pfn >= 0 && mt == BUDDY_MT_MOVABLE)
		set_states(m, (uint64_t)pfn, UINT64_C(1) << order, PS_MOVABLE);
	return pfn;
}

/* ---- freeing ------------------------------------------------------------- */

/*
 * At pageblock order and above, blocks of different types merge only when
 * both can fall back to each other (6.1+: the PCP types), so that HighAtomic,
 * CMA and Isolate accounting stays right; 5.15 only kept Isolate apart.
 */
static bool mergeable(const struct buddy_model *m, int mt, int buddy_mt)
{
	if (mt == buddy_mt)
		return true;
	if (m->pcp_mergeable)
		return mt < BUDDY_MT_PCPTYPES && buddy_mt < BUDDY_MT_PCPTYPES;
	return mt != BUDDY_MT_ISOLATE && buddy_mt != BUDDY_MT_ISOLATE;
}

/* The relative index of a free head of this order at pfn, or NIL. */
static inline uint32_t free_buddy(const struct buddy_model *m, uint64_t pfn,
                                  unsigned order)
{
	uint64_t rel = pfn - m->start_pfn;

	/* pfn below start_pfn wraps to a huge rel */
	if (rel >= m->npages || m->state[rel] != (PS_FREE | order))
		return NIL;
	return (uint32_t)rel;
}

/*
 * buddy_merge_likely(): if the block's buddy is not free but the buddy of
 * the next order up is, a merge is likely once the buddy is freed; putting
 * the block at the tail keeps it from being allocated before then.
 */
static bool merge_likely(const struct buddy_model *m, uint64_t pfn,
                         unsigned order)
{
	uint64_t higher;

	if (order + 1 >= m->max_order)
		return false;
	higher = pfn & (pfn ^ (UINT64_C(1) << order));
	return free_buddy(m, higher ^ (UINT64_C(1) << (order + 1)),
	                  order + 1) != NIL;
}

/* __free_one_page() */
static void free_one(struct buddy_model *m, uint64_t pfn, unsigned order,
                     int mt)
{
	account_free(m, INT64_C(1) << order, mt);
	while (order < m->max_order) {
		uint64_t buddy_pfn = pfn ^ (UINT64_C(1) << order);
		uint32_t buddy = free_buddy(m, buddy_pfn, order);
		int buddy_mt = mt;

		if (buddy == NIL)
			break;
		if (order >= m->pageblock_order) {
			buddy_mt = get_block_mt(m, buddy);
			if (!mergeable(m, mt, buddy_mt))
				break;
		}
		list_del(m, buddy, order, buddy_mt);
		if (buddy_mt != mt) {
			/* match the buddy's type, so that a later expand()
			 * puts the halves on the right lists */
			set_range_mt(m, buddy, order, mt);
			account_free(m, -(INT64_C(1) << order), buddy_mt);
			account_free(m, INT64_C(1) << order, mt);
		}
		pfn &= buddy_pfn;
		order++;
	}
	list_add(m, (uint32_t)(pfn - m->start_pfn), order, mt,
	         merge_likely(m, pfn, order));
}

/* free_one_page(): a block larger than a pageblock is freed a pageblock
 * at a time, each with its own type (split_large_buddy(), 6.10+). */
void buddy_model_release(struct buddy_model *m, uint64_t rel, unsigned order)
{
	uint64_t size = UINT64_C(1) << order;
	unsigned chunk = order > m->pageblock_order ? m->pageblock_order : order;

	if (rel >= m->npages || size > m->npages - rel)
		return;
	/* the buddy's links are next to the page's: start loading them */
	__builtin_prefetch(&m->link[rel ^ 1], 1);
	set_states(m, rel, size, 0);
	for (uint64_t i = rel; i < rel + size; i += UINT64_C(1) << chunk)
		free_one(m, m->start_pfn + i, chunk, get_block_mt(m, (uint32_t)i));
}

/* ---- counters ------------------------------------------------------------ */

uint64_t buddy_model_free_pages(const struct buddy_model *m)
{
	return m->free_pages;
}

int64_t buddy_model_nr_free(const struct buddy_model *m, unsigned order,
                            int mt)
{
	if (order >= m->norders || mt < 0 || mt >= BUDDY_MT_COUNT)
		return 0;
	return m->nr_free[order][mt];
}

void buddy_model_free_blocks(const struct buddy_model *m, int64_t *nr_free)
{
	for (unsigned o = 0; o < m->norders; o++)
		nr_free[o] = m->area_free[o];
}

const int64_t *buddy_model_area(const struct buddy_model *m)
{
	return m->area_free;
}

const int64_t (*buddy_model_area_mt(const struct buddy_model *m))[BUDDY_MT_COUNT]
{
	return (const int64_t(*)[BUDDY_MT_COUNT])m->nr_free;
}

uint64_t buddy_model_free_cma(const struct buddy_model *m)
{
	return m->free_cma_pages;
}

int64_t buddy_model_boost(const struct buddy_model *m)
{
	return m->boost_pages;
}

uint64_t buddy_model_blocks_of_mt(const struct buddy_model *m, int mt)
{
	uint64_t n = 0;

	for (uint64_t b = 0; b < m->nblocks; b++)
		n += m->block_mt[b] == mt;
	return n;
}

unsigned buddy_model_norders(const struct buddy_model *m)
{
	return m->norders;
}

unsigned buddy_model_pageblock_order(const struct buddy_model *m)
{
	return m->pageblock_order;
}

uint64_t buddy_model_spanned(const struct buddy_model *m)
{
	return m->npages;
}

uint64_t buddy_model_start_pfn(const struct buddy_model *m)
{
	return m->start_pfn;
}

bool buddy_model_page_free(const struct buddy_model *m, uint64_t rel)
{
	uint64_t pfn = m->start_pfn + rel;

	if (rel >= m->npages)
		return false;
	for (unsigned o = 0; o < m->norders; o++) {
		uint64_t head = pfn & ~((UINT64_C(1) << o) - 1);
		uint64_t hrel = head - m->start_pfn;

		if (head < m->start_pfn)
			break;
		if ((m->state[hrel] & PS_FREE) && (m->state[hrel] & PS_ORDER) >= o)
			return true;
	}
	return false;
}

/* ---- invariants ---------------------------------------------------------- */

/* A free head's pages: aligned, inside the zone, tails clear. */
static int check_block(const struct buddy_model *m, uint32_t idx,
                       const char **what)
{
	unsigned order = m->state[idx] & PS_ORDER;
	uint64_t size = UINT64_C(1) << order;

	if (order >= m->norders) {
		*what = "a free block has an order above the largest";
		return -EINVAL;
	}
	if ((m->start_pfn + idx) & (size - 1)) {
		*what = "a free block is not aligned to its order";
		return -EINVAL;
	}
	if (size > m->npages - idx) {
		*what = "a free block runs past the end of the zone";
		return -EINVAL;
	}
	for (uint64_t i = idx + 1; i < idx + size; i++)
		if (m->state[i] != 0) {
			*what = "free blocks overlap, or a free block holds an "
			        "allocated page";
			return -EINVAL;
		}
	return 0;
}

/* No free block has a free buddy of the same order it should merge with. */
static int check_merged(const struct buddy_model *m, uint32_t idx,
                        const char **what)
{
	unsigned order = m->state[idx] & PS_ORDER;
	uint64_t pfn = m->start_pfn + idx;
	uint32_t buddy;

	if (order >= m->max_order)
		return 0;
	buddy = free_buddy(m, pfn ^ (UINT64_C(1) << order), order);
	if (buddy == NIL)
		return 0;
	if (order >= m->pageblock_order &&
	    !mergeable(m, get_block_mt(m, idx), get_block_mt(m, buddy)))
		return 0;
	*what = "two free buddies were left unmerged";
	return -EINVAL;
}

/* Each list: linked both ways, heads of its order, in pageblocks of its
 * type; counts as recorded.  Adds the listed pages to *pages. */
static int check_list(const struct buddy_model *m, unsigned order, int mt,
                      uint64_t *pages, const char **what)
{
	int64_t count = 0;
	uint32_t prev = NIL;

	for (uint32_t idx = m->head[order][mt]; idx != NIL;
	     prev = idx, idx = m->link[idx].next) {
		if (idx >= m->npages || m->link[idx].prev != prev ||
		    m->state[idx] != (PS_FREE | order)) {
			*what = "a free list is corrupt";
			return -EINVAL;
		}
		if (get_block_mt(m, idx) != mt) {
			*what = "a free block is on another type's list than "
			        "its pageblock";
			return -EINVAL;
		}
		if (++count > m->nr_free[order][mt]) {
			*what = "a free list is longer than its count";
			return -EINVAL;
		}
	}
	if (m->tail[order][mt] != prev || count != m->nr_free[order][mt]) {
		*what = "a free list's count or tail is wrong";
		return -EINVAL;
	}
	if (mt != BUDDY_MT_ISOLATE)
		*pages += (uint64_t)count << order;
	return 0;
}

int buddy_model_check(const struct buddy_model *m, const char **what)
{
	uint64_t walked = 0, listed = 0;
	int rc;

	for (uint32_t idx = 0; idx < m->npages;) {
		if (!(m->state[idx] & PS_FREE)) {
			idx++;
			continue;
		}
		rc = check_block(m, idx, what);
		if (rc == 0)
			rc = check_merged(m, idx, what);
		if (rc < 0)
			return rc;
		if (get_block_mt(m, idx) != BUDDY_MT_ISOLATE)
			walked += UINT64_C(1) << (m->state[idx] & PS_ORDER);
		idx += UINT32_C(1) << (m->state[idx] & PS_ORDER);
	}
	for (unsigned o = 0; o < m->norders; o++) {
		int64_t area = 0;

		for (int mt = 0; mt < BUDDY_MT_COUNT; mt++) {
			rc = check_list(m, o, mt, &listed, what);
			if (rc < 0)
				return rc;
			area += m->nr_free[o][mt];
		}
		if (area != m->area_free[o]) {
			*what = "free_area counts disagree with the lists";
			return -EINVAL;
		}
	}
	if (walked != listed || listed != m->free_pages) {
		*what = "free pages are not conserved";
		return -EINVAL;
	}
	return 0;
}
