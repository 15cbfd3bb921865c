/*
 * buddy-ops.c - how fast the buddy engine's page-frame model allocates and
 * frees: a 6-million-page (24 GiB) zone, half filled, then a random mix of
 * allocations (orders 0-3 and 9, three migratetypes) and frees at a steady
 * half-full state.  The operations are drawn beforehand, so the timed loop
 * does only the model's work; the same loop with a plain LIFO stack of
 * pages in place of the model is the reference, and the ratio of the two
 * is printed with the model's operations per second.  The model's
 * invariants are checked once at the end (untimed).
 *
 *   buddy-ops [PAGES [OPS [SEED]]]    defaults 6291456 20000000 1
 *
 * Exit status 0, or 1 when the invariants fail.  `make bench-buddy` runs
 * it; the target is 10 million operations per second or more.
 *
 * Must not: read anything from the machine (the zone is made up).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buddy.h"
#include "util.h"

struct op {
	uint32_t slot;  /* free: the slot to free */
	uint8_t free;
	uint8_t order;
	uint8_t mt;
};

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * UINT64_C(2685821657736338717);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 85% order 0, 10% orders 1-3, 5% order 9 (a THP); mostly movable. */
static void draw_alloc(uint64_t r, struct op *op)
{
	unsigned pick = (unsigned)(r % 100), mtpick = (unsigned)((r >> 8) % 100);

	op->free = 0;
	op->order = pick < 85 ? 0 : pick < 95 ? (uint8_t)(1 + (r >> 16) % 3) : 9;
	op->mt = mtpick < 80 ? BUDDY_MT_MOVABLE
	         : mtpick < 95 ? BUDDY_MT_UNMOVABLE : BUDDY_MT_RECLAIMABLE;
}

/*
 * Draws ops keeping track of how many allocations are live, so that each
 * free names a slot that will be live when it runs; allocations that fail
 * at run time leave an empty slot, which the free then skips.
 */
static struct op *draw_ops(size_t n, size_t live, uint64_t seed)
{
	struct op *ops = xcalloc(n, sizeof(*ops));
	uint64_t s = seed ? seed : 1;

	for (size_t i = 0; i < n; i++) {
		uint64_t r = rng_next(&s);

		if (live > 0 && (r & 1)) {
			ops[i].free = 1;
			ops[i].slot = (uint32_t)((r >> 32) % live);
			live--;
		} else {
			draw_alloc(r >> 1, &ops[i]);
			live++;
		}
	}
	return ops;
}

#define EMPTY UINT32_MAX

struct slots {
	uint32_t *pfn;
	uint8_t *order;
	size_t live;
};

static double run_model(struct buddy_model *m, const struct op *ops,
                        size_t n, struct slots *sl, size_t *failed)
{
	struct buddy_alloc_info info;
	double t0 = now();

	for (size_t i = 0; i < n; i++) {
		const struct op *op = &ops[i];

		if (op->free) {
			uint32_t slot = op->slot;

			if (sl->pfn[slot] != EMPTY)
				buddy_model_release(m, sl->pfn[slot],
				                    sl->order[slot]);
			sl->live--;
			sl->pfn[slot] = sl->pfn[sl->live];
			sl->order[slot] = sl->order[sl->live];
		} else {
			int64_t pfn = buddy_model_alloc(m, op->order, op->mt,
			                                &info);

			*failed += pfn < 0;
			sl->pfn[sl->live] = pfn < 0 ? EMPTY : (uint32_t)pfn;
			sl->order[sl->live++] = op->order;
		}
	}
	return now() - t0;
}

/* The reference: the same ops on a LIFO stack of page numbers. */
static double run_plain(const struct op *ops, size_t n, struct slots *sl,
                        uint32_t *stack, size_t depth)
{
	double t0 = now();

	for (size_t i = 0; i < n; i++) {
		const struct op *op = &ops[i];

		if (op->free) {
			uint32_t slot = op->slot;

			if (sl->pfn[slot] != EMPTY)
				stack[depth++] = sl->pfn[slot];
			sl->live--;
			sl->pfn[slot] = sl->pfn[sl->live];
			sl->order[slot] = sl->order[sl->live];
		} else {
			sl->pfn[sl->live] = depth ? stack[--depth] : EMPTY;
			sl->order[sl->live++] = op->order;
		}
	}
	return now() - t0;
}

static struct buddy_model *make_zone(uint64_t pages)
{
	struct buddy_model_params p = {
		.start_pfn = UINT64_C(1) << 20, .spanned_pages = pages,
		.norders = 11, .pageblock_order = 9, .pcp_mergeable = true,
		.managed_pages = (int64_t)pages, .high_base_pages = 20000,
		.boost_factor = 15000,
	};
	struct buddy_model *m;

	if (buddy_model_new(&m, &p) < 0)
		return NULL;
	for (uint64_t b = 0; b < buddy_model_nblocks(m); b++)
		buddy_model_set_block_mt(m, b, b % 16 == 0 ? BUDDY_MT_UNMOVABLE
		                               : b % 16 == 1 ? BUDDY_MT_RECLAIMABLE
		                                             : BUDDY_MT_MOVABLE);
	for (uint64_t rel = 0; rel + 1024 <= pages; rel += 1024)
		buddy_model_place_free(m, rel, 10);
	return m;
}

/* Fills half the zone with order-0 movable pages, untimed. */
static void half_fill(struct buddy_model *m, struct slots *sl, uint64_t pages)
{
	struct buddy_alloc_info info;

	while (buddy_model_free_pages(m) > pages / 2) {
		int64_t pfn = buddy_model_alloc(m, 0, BUDDY_MT_MOVABLE, &info);

		if (pfn < 0)
			break;
		sl->pfn[sl->live] = (uint32_t)pfn;
		sl->order[sl->live++] = 0;
	}
}

int main(int argc, char **argv)
{
	uint64_t pages = argc > 1 ? strtoull(argv[1], NULL, 0) : 6291456;
	size_t n = argc > 2 ? strtoull(argv[2], NULL, 0) : 20000000;
	uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 0) : 1;
	struct buddy_model *m = make_zone(pages);
	struct slots sl, plain;
	const char *what = NULL;
	size_t failed = 0, cap;
	struct op *ops;
	uint32_t *stack;
	double t_model, t_plain;

	if (!m || n == 0) {
		fprintf(stderr, "buddy-ops: bad zone size or op count\n");
		return 2;
	}
	cap = pages + n;
	sl.pfn = xcalloc(cap, sizeof(*sl.pfn));
	sl.order = xcalloc(cap, 1);
	sl.live = 0;
	half_fill(m, &sl, pages);
	ops = draw_ops(n, sl.live, seed);
	/* the reference starts from the same slots and the free pages */
	plain.pfn = xcalloc(cap, sizeof(*plain.pfn));
	plain.order = xcalloc(cap, 1);
	memcpy(plain.pfn, sl.pfn, sl.live * sizeof(*sl.pfn));
	plain.live = sl.live;
	stack = xcalloc(pages + n, sizeof(*stack));
	for (size_t i = 0; i < pages / 2; i++)
		stack[i] = (uint32_t)(pages - 1 - i);
	t_model = run_model(m, ops, n, &sl, &failed);
	t_plain = run_plain(ops, n, &plain, stack, pages / 2);
	printf("buddy-ops: %llu-page zone, %zu ops (%zu allocations failed): "
	       "model %.1f Mops/s, plain loop %.1f Mops/s, ratio %.1f\n",
	       (unsigned long long)pages, n, failed, (double)n / t_model / 1e6,
	       (double)n / t_plain / 1e6, t_model / t_plain);
	if (buddy_model_check(m, &what) < 0) {
		fprintf(stderr, "buddy-ops: invariant broken: %s\n", what);
		return 1;
	}
	free(ops);
	free(stack);
	free(sl.pfn);
	free(sl.order);
	free(plain.pfn);
	free(plain.order);
	buddy_model_free(m);
	return 0;
}
