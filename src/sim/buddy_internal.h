/*
 * buddy_internal.h - what the buddy engine's files share while one run
 * assembles its result: the snapshot's inputs, read once and checked, and
 * the per-zone facts the analysis, the model and the sentences all need.
 *
 * Must not: be included outside src/sim/buddy*.c.
 */
#ifndef MEMLENS_BUDDY_INTERNAL_H
#define MEMLENS_BUDDY_INTERNAL_H

#include "buddy.h"

#define BUDDY_UNSET (-1)

/* One zone of the snapshot, as the engine reads it. */
struct buddy_zone_in {
	const struct zone *z;
	size_t node_first;   /* snapshot index of its node's first zone */
	size_t node_count;   /* zones of its node */
	int index;           /* position in its node: the zone index */
	int normal_index;    /* its node's ZONE_NORMAL (GFP_KERNEL's highest) */
	int movable_index;   /* its node's highest zone for movable requests */
	enum buddy_zone_kind kind;
	bool lowmem_zone;    /* at or below Normal (nr_free_buffer_pages) */
	bool have_mt;        /* pagetypeinfo's free counts are usable */
	int64_t nr_free_mt[BUDDY_ORDERS_MAX][BUDDY_MT_COUNT];
	int64_t pageblocks[BUDDY_MT_COUNT]; /* -1 where unknown */
	const struct pageblock_zone *map;   /* kpageflags cells, or NULL */
	struct buddy_wm_zone wm;            /* what the checks read */
	bool wm_ok;          /* wm, marks and protection are known */
};

struct buddy_ctx {
	const struct snapshot *snap;
	struct buddy_rules rules;
	bool rules_inferred;    /* no release: the rules zoneinfo fits best */
	unsigned pageblock_order;
	bool pageblock_assumed; /* not read: 9 for 4 KiB pages */
	unsigned thp_order;
	int64_t page_kb;
	/* sysctls; BUDDY_UNSET where the snapshot lacks them */
	int64_t min_free_kbytes;
	int64_t scale_factor;
	int64_t threshold;
	int64_t proactiveness;
	int64_t boost_factor;
	int64_t ratio[16];
	size_t nratio;
	bool ratio_assumed;  /* the kernel's defaults, the sysctl was absent */
	int thp_enabled;     /* BUDDY_YES/NO/UNKNOWN: PMD THP can be used */
	struct buddy_zone_in *in;
	size_t nzones;
	bool zoneinfo_whole; /* every zone has managed pages and protection */
	/* __setup_per_zone_wmarks() for every zone, when zoneinfo_whole and
	 * min_free_kbytes is known or inferred */
	struct buddy_wmark_out *calc;
	bool calc_ok;
};

/* buddy_inputs.c */
void buddy_ctx_init(struct buddy_ctx *ctx, const struct snapshot *snap);
void buddy_ctx_free(struct buddy_ctx *ctx);
const char *buddy_sysctl(const struct snapshot *snap, const char *name);

/* buddy_calc.c: the whole-machine numbers and each zone's */
void buddy_calc_watermarks(struct buddy_ctx *ctx, struct buddy_result *r);
void buddy_calc_zone(const struct buddy_ctx *ctx, size_t i,
                     struct buddy_zone *out);
void buddy_calc_nodes(const struct buddy_ctx *ctx, struct buddy_result *r);

/* buddy_sim.c: the what-ifs on the model */
int buddy_sim_run(const struct buddy_ctx *ctx, void *const *what_ifs,
                  size_t n, struct buddy_result *r, char **why_not);

/* buddy_explain.c */
void buddy_explain(const struct buddy_ctx *ctx, struct buddy_result *r,
                   const char *model_why_not);

#endif
