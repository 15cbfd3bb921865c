/*
 * buddy_seed.c - lays a zone's live free lists out in the page-frame model,
 * so that the model starts with exactly the kernel's free_area counts per
 * order (and per migratetype when pagetypeinfo was read), in a layout the
 * buddy allocator could have produced: every free block aligned, and no two
 * free buddies left unmerged.
 *
 * Where the free blocks lie is known at pageblock granularity when the
 * snapshot has the kpageflags map (root): wholly free pageblocks receive the
 * pageblock-sized and larger blocks, partly free ones the smaller blocks in
 * proportion to their free pages.  Without the map a plan is made up: each
 * migratetype gets a run of pageblocks, its free blocks first.
 *
 * The small blocks are placed as chains: a free block of order t at the
 * start of an aligned region of order t + 1, whose other half holds the next
 * smaller block of the chain, and so on down to an allocated page.  Each
 * free block's buddy then holds an allocated page, so nothing merges.
 *
 * Must not: do I/O, or change the counts it was given (what does not fit is
 * reported, never merged away).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buddy.h"
#include "util.h"

/* The seeder's view of one pageblock. */
struct cell {
	int8_t mt;        /* migratetype, -1: not decided (a free block) */
	bool hole;        /* not managed */
	bool whole_free;  /* may hold a pageblock-sized or larger free block */
	bool taken;       /* holds one */
	bool buddy_used;  /* its buddy holds one: keep a page allocated */
	bool movable;     /* its allocated pages are movable */
	uint32_t target;  /* free pages wanted in it */
	uint32_t cursor;  /* pages laid out so far (from its start) */
	uint32_t placed;  /* free pages placed */
};

struct seed {
	struct buddy_model *m;
	const struct buddy_seed_in *in;
	struct cell *cells;
	uint64_t ncells;
	unsigned pbo;          /* pageblock order */
	unsigned max_order;
	uint64_t block_pages;
	uint64_t first_block;  /* start_pfn >> pbo */
	uint64_t start_pfn;
	uint64_t placed_pages;
	bool short_of_room;
	int64_t left[BUDDY_ORDERS_MAX][BUDDY_MT_COUNT]; /* still to place */
};

/* Relative pfn of a cell's first page (may be before the zone start). */
static int64_t cell_rel(const struct seed *s, uint64_t cell)
{
	return (int64_t)(((s->first_block + cell) << s->pbo) - s->start_pfn);
}

/* Whether the whole cell lies inside the zone span. */
static bool cell_inside(const struct seed *s, uint64_t cell)
{
	int64_t rel = cell_rel(s, cell);

	return rel >= 0 &&
	       (uint64_t)rel + s->block_pages <= buddy_model_spanned(s->m);
}

static int place(struct seed *s, uint64_t cell, uint32_t offset,
                 unsigned order)
{
	int rc = buddy_model_place_free(s->m, (uint64_t)cell_rel(s, cell) +
	                                              offset, order);

	if (rc == 0)
		s->placed_pages += UINT64_C(1) << order;
	return rc;
}

/* ---- plans ------------------------------------------------------------- */

/* The cell of a migratetype's blocks in the kpageflags map. */
static int8_t map_mt(int state, int *slab_reclaimable_left)
{
	switch (state) {
	case PB_MOVABLE:
	case PB_RECLAIMABLE: /* file cache is allocated movable */
	case PB_THP:
		return BUDDY_MT_MOVABLE;
	case PB_SLAB:
		/* reclaimable slab caches (dentries, inodes) get their own
		 * blocks; pagetypeinfo says how many */
		if (*slab_reclaimable_left > 0) {
			(*slab_reclaimable_left)--;
			return BUDDY_MT_RECLAIMABLE;
		}
		return BUDDY_MT_UNMOVABLE;
	case PB_FREE:
		return -1;
	default:
		return BUDDY_MT_UNMOVABLE;
	}
}

static void plan_from_map(struct seed *s)
{
	const char *cells = s->in->cells;
	int reclaimable = s->in->pageblocks[BUDDY_MT_RECLAIMABLE] > 0
	                          ? (int)s->in->pageblocks[BUDDY_MT_RECLAIMABLE]
	                          : 0;
	size_t len = strlen(cells);

	for (uint64_t b = 0; b < s->ncells; b++) {
		struct cell *c = &s->cells[b];
		int value = b < len ? pageblock_cell_value(cells[b]) : -1;
		int state = value < 0 ? PB_HOLE : value >> 3;
		unsigned free7 = value < 0 ? 0 : (unsigned)value & 7;

		c->mt = map_mt(state, &reclaimable);
		c->hole = state == PB_HOLE;
		c->whole_free = state == PB_FREE && free7 == 7 &&
		                cell_inside(s, b);
		c->movable = c->mt == BUDDY_MT_MOVABLE;
		/* free7 k says ((k-1)/7, k/7] of the block is free */
		c->target = free7 ? (uint32_t)((2 * free7 - 1) * s->block_pages /
		                               14)
		                  : 0;
		if (c->whole_free)
			c->target = (uint32_t)s->block_pages;
	}
}

/* Pages the chains of one migratetype need (see chains_place). */
static uint64_t chain_pages(const struct seed *s, int mt)
{
	int64_t left[BUDDY_ORDERS_MAX];
	uint64_t pages = 0;

	for (unsigned o = 0; o < s->pbo; o++)
		left[o] = s->left[o][mt];
	for (;;) {
		int top = -1;

		for (int o = (int)s->pbo - 1; o >= 0 && top < 0; o--)
			if (left[o] > 0)
				top = o;
		if (top < 0)
			return pages;
		pages += UINT64_C(2) << top;
		for (int o = top; o >= 0; o--)
			if (left[o] > 0)
				left[o]--;
	}
}

/* Marks count cells from *next as one migratetype's. */
static void plan_run(struct seed *s, uint64_t *next, uint64_t count, int mt,
                     bool whole_free, uint32_t target)
{
	for (uint64_t i = 0; i < count && *next < s->ncells; i++, (*next)++) {
		struct cell *c = &s->cells[*next];

		c->mt = (int8_t)mt;
		c->movable = mt == BUDDY_MT_MOVABLE;
		c->whole_free = whole_free && cell_inside(s, *next);
		c->target = whole_free ? (uint32_t)s->block_pages : target;
	}
}

/*
 * A type's pageblock-sized and larger blocks: the largest side by side
 * (nothing merges above the largest order), each smaller one beside a
 * partner group that keeps an allocated page, so that it stays unmerged.
 * Partner cells can take small blocks.  Returns the cells used.
 */
static uint64_t plan_big(struct seed *s, uint64_t *next, int mt)
{
	uint64_t first = *next;

	plan_run(s, next, (uint64_t)s->left[s->max_order][mt]
	                          << (s->max_order - s->pbo),
	         mt, true, 0);
	for (unsigned o = s->max_order; o-- > s->pbo;)
		for (int64_t b = 0; b < s->left[o][mt]; b++) {
			plan_run(s, next, UINT64_C(1) << (o - s->pbo), mt, true, 0);
			plan_run(s, next, UINT64_C(1) << (o - s->pbo), mt, false,
			         (uint32_t)s->block_pages - 1);
		}
	return *next - first;
}

/*
 * Without the map: each migratetype a run of cells (aligned for its largest
 * blocks), its big blocks first, then cells for its chains, then its
 * allocated pageblocks as pagetypeinfo counts them; unmanaged pages last.
 */
static void plan_made_up(struct seed *s)
{
	uint64_t group = UINT64_C(1) << (s->max_order - s->pbo);
	uint64_t next = 0, holes;

	for (int mt = 0; mt < BUDDY_MT_COUNT; mt++) {
		uint64_t used, small = (chain_pages(s, mt) + s->block_pages - 1) /
		                       s->block_pages;
		int64_t have = s->in->pageblocks[mt];
		bool big = false;

		for (unsigned o = s->pbo; o <= s->max_order; o++)
			big |= s->left[o][mt] > 0;
		if (!big && small == 0 && have <= 0)
			continue;
		/* align to the largest block, counting from the pfn */
		while (next < s->ncells &&
		       (((s->first_block + next) & (group - 1)) ||
		        !cell_inside(s, next)))
			plan_run(s, &next, 1, mt, false, 0);
		used = plan_big(s, &next, mt);
		plan_run(s, &next, small, mt, false,
		         (uint32_t)s->block_pages - 1);
		used += small;
		if (have > 0 && (uint64_t)have > used)
			plan_run(s, &next, (uint64_t)have - used, mt, false, 0);
	}
	holes = (buddy_model_spanned(s->m) > (uint64_t)s->in->managed_pages
	                 ? buddy_model_spanned(s->m) -
	                           (uint64_t)s->in->managed_pages
	                 : 0) / s->block_pages;
	for (uint64_t b = s->ncells; b-- > next && holes > 0; holes--)
		s->cells[b].hole = true;
}

/* ---- pageblock-sized and larger blocks ------------------------------------ */

/* The aligned group of 2^(order - pbo) cells at first can take the block. */
static bool group_fits(const struct seed *s, uint64_t first, uint64_t n,
                       int mt, bool any_mt)
{
	if (first + n > s->ncells)
		return false;
	for (uint64_t b = first; b < first + n; b++) {
		const struct cell *c = &s->cells[b];

		if (!c->whole_free || c->taken || c->buddy_used ||
		    (!any_mt && c->mt != mt && c->mt != -1))
			return false;
	}
	return true;
}

static void take_group(struct seed *s, uint64_t first, uint64_t n,
                       unsigned order, int mt)
{
	/* the buddy group, aligned in absolute pageblock numbers */
	uint64_t buddy = ((s->first_block + first) ^ n) - s->first_block;

	for (uint64_t b = first; b < first + n; b++) {
		s->cells[b].taken = true;
		s->cells[b].mt = (int8_t)mt;
		s->cells[b].movable = mt == BUDDY_MT_MOVABLE;
		s->cells[b].cursor = (uint32_t)s->block_pages;
		s->cells[b].placed = (uint32_t)s->block_pages;
		buddy_model_set_block_mt(s->m, b, mt);
	}
	/* a free buddy of the same order would have merged */
	if (order < s->max_order && buddy + n <= s->ncells)
		for (uint64_t b = buddy; b < buddy + n; b++)
			s->cells[b].buddy_used = true;
}

/* Finds a group for one block; the absolute alignment is of pfns. */
static bool place_big(struct seed *s, unsigned order, int mt, bool any_mt)
{
	uint64_t n = UINT64_C(1) << (order - s->pbo);
	uint64_t skew = s->first_block & (n - 1);

	for (uint64_t first = skew ? n - skew : 0; first < s->ncells;
	     first += n) {
		if (!group_fits(s, first, n, mt, any_mt))
			continue;
		take_group(s, first, n, order, mt);
		if (place(s, first, 0, order) < 0)
			return false;
		return true;
	}
	return false;
}

static void place_big_blocks(struct seed *s)
{
	for (unsigned o = s->max_order + 1; o-- > s->pbo;)
		for (int mt = 0; mt < BUDDY_MT_COUNT; mt++)
			for (; s->left[o][mt] > 0; s->left[o][mt]--)
				if (!place_big(s, o, mt, false) &&
				    !place_big(s, o, mt, true)) {
					s->short_of_room = true;
					break;
				}
}

/* ---- chains of smaller blocks --------------------------------------------- */

/* The chain's top order, or -1 when the type has no small block left. */
static int chain_top(const struct seed *s, int mt)
{
	for (int o = (int)s->pbo - 1; o >= 0; o--)
		if (s->left[o][mt] > 0)
			return o;
	return -1;
}

static uint64_t chain_free(const struct seed *s, int mt, int top)
{
	uint64_t pages = 0;

	for (int o = top; o >= 0; o--)
		if (s->left[o][mt] > 0)
			pages += UINT64_C(1) << o;
	return pages;
}

/*
 * Lays one chain out at the cell's cursor: a region of order top + 1 whose
 * first half is the top block, the next block at the start of the second
 * half, and so on; the rest of each half stays allocated.
 */
static void chain_place(struct seed *s, uint64_t cell, int mt, int top)
{
	struct cell *c = &s->cells[cell];
	uint32_t at = c->cursor;

	for (int o = top; o >= 0; o--) {
		if (s->left[o][mt] <= 0)
			continue;
		if (place(s, cell, at, (unsigned)o) == 0)
			c->placed += UINT32_C(1) << o;
		s->left[o][mt]--;
		at += UINT32_C(1) << o;
	}
	c->cursor += UINT32_C(2) << top;
}

/* Whether a chain of order top + 1 fits the cell (strict: its target). */
static bool chain_fits(const struct seed *s, const struct cell *c, int mt,
                       int top, uint64_t free, bool strict)
{
	if (c->taken || c->hole || c->whole_free || c->mt != mt)
		return false;
	if (c->cursor + (UINT64_C(2) << top) > s->block_pages)
		return false;
	return !strict || c->placed + free <= c->target;
}

static bool place_chain(struct seed *s, int mt, uint64_t *from, bool strict)
{
	int top = chain_top(s, mt);
	uint64_t free = chain_free(s, mt, top);

	for (; *from < s->ncells; (*from)++) {
		if (!cell_inside(s, *from) ||
		    !chain_fits(s, &s->cells[*from], mt, top, free, strict))
			continue;
		buddy_model_set_block_mt(s->m, *from, mt);
		chain_place(s, *from, mt, top);
		return true;
	}
	return false;
}

/* Wholly free cells left over become partly free cells of a type. */
static void release_unused_whole(struct seed *s, int mt)
{
	for (uint64_t b = 0; b < s->ncells; b++) {
		struct cell *c = &s->cells[b];

		if (c->whole_free && !c->taken && (c->mt == mt || c->mt == -1)) {
			c->whole_free = false;
			c->mt = (int8_t)mt;
			c->movable = mt == BUDDY_MT_MOVABLE;
			c->target = (uint32_t)s->block_pages - 1;
			buddy_model_set_block_mt(s->m, b, mt);
			buddy_model_mark_used(s->m, (uint64_t)cell_rel(s, b),
			                      s->block_pages, c->movable);
		}
	}
}

static void place_chains(struct seed *s)
{
	for (int mt = 0; mt < BUDDY_MT_COUNT; mt++) {
		uint64_t from = 0;

		/* first where the map (or plan) wants free pages ... */
		while (chain_top(s, mt) >= 0 && place_chain(s, mt, &from, true))
			;
		/* ... then any room left in the type's cells */
		release_unused_whole(s, mt);
		from = 0;
		while (chain_top(s, mt) >= 0 && place_chain(s, mt, &from, false))
			;
		if (chain_top(s, mt) >= 0)
			s->short_of_room = true;
	}
}

/* ---- the rest -------------------------------------------------------------- */

/*
 * Every page of the zone starts allocated (movable where the block is);
 * placing a free block then clears its pages.  So the pages a chain leaves
 * between its blocks stay allocated.
 */
static void mark_allocated(struct seed *s)
{
	for (uint64_t b = 0; b < s->ncells; b++) {
		struct cell *c = &s->cells[b];
		int64_t rel = cell_rel(s, b);
		uint64_t from = 0, to = s->block_pages;

		if (c->mt >= 0)
			buddy_model_set_block_mt(s->m, b, c->mt);
		if (c->hole || c->taken)
			continue;
		/* clip the block to the zone */
		if (rel < 0 && (uint64_t)-rel > from)
			from = (uint64_t)-rel;
		if (from < to)
			buddy_model_mark_used(s->m, (uint64_t)(rel + (int64_t)from),
			                      to - from, c->movable);
	}
}

int buddy_seed(struct buddy_model *m, const struct buddy_seed_in *in,
               uint64_t *placed_pages)
{
	struct seed s = {
		.m = m, .in = in,
		.pbo = buddy_model_pageblock_order(m),
		.max_order = buddy_model_norders(m) - 1,
		.ncells = buddy_model_nblocks(m),
	};
	if (s.pbo > s.max_order || in->norders != buddy_model_norders(m))
		return -EINVAL;
	s.block_pages = UINT64_C(1) << s.pbo;
	s.cells = xcalloc(s.ncells, sizeof(*s.cells));
	memcpy(s.left, in->nr_free, sizeof(s.left));
	s.start_pfn = buddy_model_start_pfn(m);
	s.first_block = s.start_pfn >> s.pbo;
	for (uint64_t b = 0; b < s.ncells; b++)
		s.cells[b].mt = BUDDY_MT_MOVABLE;
	if (in->cells)
		plan_from_map(&s);
	else
		plan_made_up(&s);
	mark_allocated(&s);
	place_big_blocks(&s);
	place_chains(&s);
	*placed_pages = s.placed_pages;
	free(s.cells);
	return s.short_of_room ? -ENOSPC : 0;
}
