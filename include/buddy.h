/*
 * buddy.h - the buddy engine (--sim buddy): the kernel's fragmentation
 * indexes, watermarks, watermark checks and compaction decisions recomputed
 * from a snapshot, and a page-frame model of the buddy allocator that
 * what-if workloads run on.  Its parts are one file each in src/sim/:
 *
 *   buddy_rules.c  which kernel release's formulas apply
 *   buddy_index.c  unusable_index, extfrag_index, extfrag_for_order, the
 *                  proactive-compaction score (mm/vmstat.c, mm/compaction.c)
 *   buddy_wmark.c  min_free_kbytes, __setup_per_zone_wmarks, lowmem_reserve,
 *                  __zone_watermark_ok, compaction_suitable (mm/page_alloc.c)
 *   buddy_model.c  the page-frame model: __rmqueue, expand, __free_one_page
 *   buddy_seed.c   lays the live free lists out in the model
 *   buddy_whatif.c the what-if grammar and the workloads
 *   buddy.c        the engine: reads the snapshot, assembles the result
 *
 * The functions here are exported for the engine's own files, its tests and
 * the benchmark; nothing else should need them (the result is rendered
 * through buddy_schema like every engine's).
 *
 * Must not: do I/O, use curses, or keep globals (DESIGN.md "Simulation
 * engines").  Integer arithmetic is the kernel's: uint64_t where it uses
 * unsigned long or u64, truncating divisions, int_sqrt and mult_frac.
 */
#ifndef MEMLENS_BUDDY_H
#define MEMLENS_BUDDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kvlist.h"
#include "schema.h"
#include "snapshot.h"

/* NR_PAGE_ORDERS is 11 on x86_64; other architectures have up to 14. */
#define BUDDY_ORDERS_MAX 16
#define BUDDY_COSTLY_ORDER 3 /* PAGE_ALLOC_COSTLY_ORDER */

/* Migratetypes, in the kernel's enum order (pagetypeinfo's columns). */
enum buddy_mt {
	BUDDY_MT_UNMOVABLE,
	BUDDY_MT_MOVABLE,
	BUDDY_MT_RECLAIMABLE,
	BUDDY_MT_HIGHATOMIC, /* also MIGRATE_PCPTYPES: the first non-PCP type */
	BUDDY_MT_CMA,
	BUDDY_MT_ISOLATE,
	BUDDY_MT_COUNT
};
#define BUDDY_MT_PCPTYPES BUDDY_MT_HIGHATOMIC

/* "Unmovable" (pagetypeinfo) and "unmovable" (what-ifs) are both read. */
int buddy_mt_from_name(const char *name);
const char *buddy_mt_name(int mt);

/* ---- which kernel's rules (buddy_rules.c) ------------------------------ */

struct buddy_rules {
	int major, minor;   /* the release the rules are taken from */
	bool release_known; /* false: the snapshot's release was unreadable */
	char label[32];     /* "6.18", for the result */
	bool extfrag_pad;   /* extfrag_index printed "%2d.%03d" (6.1+) */
	bool scale_factor;  /* watermark_scale_factor exists (4.6+) */
	bool movable_capped; /* ZONE_MOVABLE's min capped like highmem (6.5+) */
	bool free_highatomic; /* subtract nr_free_highatomic (6.12+), not the
	                       * reserved size */
	bool unaccepted;    /* subtract NR_UNACCEPTED (6.5 to 6.8) */
	bool pcp_mergeable; /* only PCP types merge at >= pageblock (6.1+) */
	bool promo;         /* WMARK_PROMO exists (6.1+) */
	bool alloc_harder;  /* ALLOC_HARDER/ALLOC_HIGH flags (before 6.3) */
	bool proactive;     /* proactive compaction exists (5.9+) */
	bool proactive_leeway; /* wmark_high = low + min(10, low/2) (6.13+) */
	bool suitable_success; /* compaction_suitable returns SUCCESS when the
	                        * allocation would already pass (5.15, 6.1) */
	int64_t min_free_kbytes_max; /* 262144 (5.7+), 65536 before */
};

/* Reads "6.18.44-fc" (the snapshot's kernel); NULL or garbage: newest. */
void buddy_rules_for(const char *release, struct buddy_rules *rules);

/* ---- kernel integer helpers ------------------------------------------- */

uint64_t buddy_int_sqrt(uint64_t x);                       /* lib/math */
uint64_t buddy_mult_frac(uint64_t x, uint64_t n, uint64_t d); /* math.h */

/* ---- fragmentation indexes (buddy_index.c) ----------------------------- */

/* struct contig_page_info of mm/vmstat.c */
struct buddy_contig {
	uint64_t free_pages;
	uint64_t free_blocks_total;
	uint64_t free_blocks_suitable;
};

/* fill_contig_page_info() over a buddyinfo row of norders counts. */
void buddy_fill_contig(const int64_t *nr_free, size_t norders,
                       unsigned order, struct buddy_contig *info);
/* unusable_free_index(): thousandths, 1000 when nothing is free. */
int buddy_unusable_index(const struct buddy_contig *info, unsigned order);
/* __fragmentation_index(): thousandths; -1000 when the order would be
 * served, 0 when nothing is free. */
int buddy_fragmentation_index(const struct buddy_contig *info, unsigned order,
                              size_t norders);
/* extfrag_for_order(): percent of free pages in blocks below the order. */
unsigned buddy_extfrag_for_order(const struct buddy_contig *info,
                                 unsigned order);
/* An index as debugfs prints it: "%d.%03d", or "%2d.%03d" when pad. */
void buddy_index_text(int index, bool pad, char *buf, size_t len);

/* fragmentation_score_wmark(): kcompactd's low and high marks. */
void buddy_proactive_wmarks(const struct buddy_rules *rules,
                            int64_t proactiveness, int64_t *low,
                            int64_t *high);
/* fragmentation_score_zone_weighted(). */
uint64_t buddy_score_weighted(uint64_t score, uint64_t zone_present,
                              uint64_t node_present);

/* ---- watermarks (buddy_wmark.c) ---------------------------------------- */

enum buddy_zone_kind { BUDDY_ZONE_LOW, BUDDY_ZONE_HIGHMEM, BUDDY_ZONE_MOVABLE };

/* One zone's part in __setup_per_zone_wmarks(). */
struct buddy_wmark_in {
	int64_t managed_pages;
	enum buddy_zone_kind kind;
};

struct buddy_wmark_out {
	int64_t tmp_pages;    /* pages_min * managed / lowmem_pages */
	int64_t min_pages;
	int64_t low_pages;
	int64_t high_pages;
	int64_t promo_pages;  /* 6.1+; 0 before */
	int64_t delta_pages;  /* low - min */
	bool delta_from_scale; /* watermark_scale_factor won over tmp/4 */
};

/* Σ managed of the zones that count as lowmem for the rules. */
int64_t buddy_lowmem_pages(const struct buddy_rules *rules,
                           const struct buddy_wmark_in *zones, size_t n);
/* __setup_per_zone_wmarks() for every zone of every node (boost 0);
 * pages_min = min_free_kbytes >> (PAGE_SHIFT - 10). */
void buddy_setup_wmarks(const struct buddy_rules *rules, int64_t pages_min,
                        int64_t scale_factor,
                        const struct buddy_wmark_in *zones, size_t n,
                        struct buddy_wmark_out *out);
/*
 * setup_per_zone_lowmem_reserve() for one node: managed[] in zone index
 * order, ratio[] per zone index (missing entries read as 0).  Fills
 * reserve[i * n + j] = zone i's lowmem_reserve[j].
 */
void buddy_lowmem_reserve(const int64_t *managed, size_t n,
                          const int64_t *ratio, size_t nratio,
                          int64_t *reserve);
/* calculate_min_free_kbytes() (init_per_zone_wmark_min before 6.x). */
int64_t buddy_min_free_kbytes_default(const struct buddy_rules *rules,
                                      int64_t lowmem_kbytes);
/* set_recommended_min_free_kbytes() (khugepaged.c), in kB. */
int64_t buddy_min_free_kbytes_thp(int64_t nr_zones, int64_t pageblock_pages,
                                  int64_t free_buffer_pages,
                                  int64_t page_kb);
/* boost_watermark()'s cap: max(pageblock, mult_frac(high, factor, 10000)). */
int64_t buddy_boost_max(int64_t high_base_pages, int64_t boost_factor,
                        int64_t pageblock_pages);

/* ---- watermark checks (buddy_wmark.c) ---------------------------------- */

/* alloc_flags of mm/internal.h that the check reads */
enum buddy_alloc_flag {
	BUDDY_ALLOC_CMA = 1 << 0,
	BUDDY_ALLOC_MIN_RESERVE = 1 << 1, /* __GFP_HIGH (ALLOC_HIGH in 5.15) */
	BUDDY_ALLOC_NON_BLOCK = 1 << 2,   /* atomic (ALLOC_HARDER in 5.15) */
	BUDDY_ALLOC_OOM = 1 << 3,
	BUDDY_ALLOC_HIGHATOMIC = 1 << 4,
};

enum buddy_tristate { BUDDY_UNKNOWN = -1, BUDDY_NO = 0, BUDDY_YES = 1 };

/*
 * What __zone_watermark_ok() reads of a zone.  Values user space cannot
 * see exactly are ranges [lo, hi]: the answer is known when both ends give
 * the same one.
 */
struct buddy_wm_zone {
	int64_t free_pages;        /* NR_FREE_PAGES (zoneinfo "pages free") */
	int64_t highatomic_lo;     /* the highatomic term of the rules */
	int64_t highatomic_hi;
	int64_t free_cma_pages;    /* NR_FREE_CMA_PAGES */
	int64_t unaccepted_pages;  /* NR_UNACCEPTED, when the rules use it */
	size_t norders;
	const int64_t *nr_free;    /* buddyinfo: blocks per order */
	/* pagetypeinfo: blocks per order and migratetype; NULL when unread */
	const int64_t (*nr_free_mt)[BUDDY_MT_COUNT];
	int64_t cma_pages;         /* zoneinfo "cma": 0 rules CMA lists out */
};

/*
 * __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
 * free_pages) with reserve = z->lowmem_reserve[highest_zoneidx].  *why
 * (may be NULL) gets a static reason code: "order0", "no_block",
 * "unknown_highatomic", "ok".
 */
int buddy_watermark_ok(const struct buddy_rules *rules,
                       const struct buddy_wm_zone *z, unsigned order,
                       int64_t mark, int64_t reserve, unsigned alloc_flags,
                       const char **why);

/* The compaction verdict for an order that the check at mark failed. */
enum buddy_compact {
	BUDDY_COMPACT_UNKNOWN = -1,
	BUDDY_COMPACT_SUCCESS,      /* the allocation passes: no compaction */
	BUDDY_COMPACT_SKIPPED,      /* too little free memory: reclaim first */
	BUDDY_COMPACT_NOT_SUITABLE, /* fragindex <= extfrag_threshold: reclaim */
	BUDDY_COMPACT_CONTINUE,     /* compaction would run */
};
const char *buddy_compact_name(enum buddy_compact c);

/*
 * compaction_suit_allocation_order() + compaction_suitable() (6.6+;
 * compaction_suitable() alone in 5.15 and 6.1) for the direct compactor
 * at the min mark: min_pages/low_pages include the boost as the kernel's
 * min_wmark_pages() does.  threshold < 0: extfrag_threshold unknown.
 */
enum buddy_compact buddy_compaction_suitable(const struct buddy_rules *rules,
                                             const struct buddy_wm_zone *z,
                                             unsigned order,
                                             int64_t min_pages,
                                             int64_t low_pages,
                                             int64_t reserve,
                                             unsigned alloc_flags,
                                             int64_t threshold,
                                             int *fragindex);

/* ---- the page-frame model (buddy_model.c) ------------------------------ */

struct buddy_model;

struct buddy_model_params {
	uint64_t start_pfn;     /* the zone's first pfn (alignment is absolute) */
	uint64_t spanned_pages; /* at most UINT32_MAX - 1 */
	unsigned norders;       /* NR_PAGE_ORDERS */
	unsigned pageblock_order;
	bool pcp_mergeable;     /* the 6.1+ merge rule (rules.pcp_mergeable) */
	/* boost_watermark(): 0 factor disables the boost */
	int64_t managed_pages;
	int64_t high_base_pages;
	int64_t boost_pages;
	int64_t boost_factor;
};

/* Every page starts allocated (unmovable, not managed); seeding frees. */
int buddy_model_new(struct buddy_model **out,
                    const struct buddy_model_params *params);
void buddy_model_free(struct buddy_model *m);

/* Seeding (buddy_seed.c and tests): pageblock types and page marks. */
void buddy_model_set_block_mt(struct buddy_model *m, uint64_t block, int mt);
int buddy_model_block_mt(const struct buddy_model *m, uint64_t block);
uint64_t buddy_model_nblocks(const struct buddy_model *m);
/* Marks [first, first + count) (relative pfns) as allocated movable
 * (PageLRU: counted by prep_move_freepages_block) or not. */
void buddy_model_mark_used(struct buddy_model *m, uint64_t first,
                           uint64_t count, bool movable);
/* Puts a free block on its pageblock's list without merging (seeding an
 * existing state).  -EINVAL when it is misaligned, out of the zone, or
 * overlaps a free block. */
int buddy_model_place_free(struct buddy_model *m, uint64_t rel_pfn,
                           unsigned order);

/* What one allocation did. */
struct buddy_alloc_info {
	int mt_used;       /* the free list it came from */
	unsigned order_used; /* the order of the block taken from the list */
	bool fallback;     /* from another migratetype's list */
	bool claimed;      /* the fallback claimed the whole pageblock */
	bool boosted;      /* boost_watermark() raised the boost */
};

/*
 * __rmqueue() for one allocation of order and migratetype (6.15+: normal,
 * CMA, claim, steal), with ALLOC_CMA for movable requests.  Returns the
 * relative pfn, or -ENOMEM when no free list can serve it.
 */
int64_t buddy_model_alloc(struct buddy_model *m, unsigned order, int mt,
                          struct buddy_alloc_info *info);
/* free_one_page(): split_large_buddy() + __free_one_page(). */
void buddy_model_release(struct buddy_model *m, uint64_t rel_pfn,
                         unsigned order);

/* Counters as the kernel keeps them. */
uint64_t buddy_model_free_pages(const struct buddy_model *m);
int64_t buddy_model_nr_free(const struct buddy_model *m, unsigned order,
                            int mt);
void buddy_model_free_blocks(const struct buddy_model *m, int64_t *nr_free);
/* The free_area counts the watermark check reads: blocks per order (all
 * lists) and per order and migratetype; valid until the next change. */
const int64_t *buddy_model_area(const struct buddy_model *m);
const int64_t (*buddy_model_area_mt(const struct buddy_model *m))[BUDDY_MT_COUNT];
uint64_t buddy_model_free_cma(const struct buddy_model *m);
int64_t buddy_model_boost(const struct buddy_model *m);
uint64_t buddy_model_blocks_of_mt(const struct buddy_model *m, int mt);
unsigned buddy_model_norders(const struct buddy_model *m);
unsigned buddy_model_pageblock_order(const struct buddy_model *m);
uint64_t buddy_model_spanned(const struct buddy_model *m);
uint64_t buddy_model_start_pfn(const struct buddy_model *m);
/* Whether the page lies in a free block (for tests). */
bool buddy_model_page_free(const struct buddy_model *m, uint64_t rel_pfn);

/*
 * Checks every invariant: free blocks aligned, inside the zone, not
 * overlapping, on the list of their pageblock's type; list counts and the
 * free page count agree with a walk; no two free buddies left unmerged.
 * 0, or -EINVAL with a static description in *what.
 */
int buddy_model_check(const struct buddy_model *m, const char **what);

/* ---- seeding (buddy_seed.c) -------------------------------------------- */

struct buddy_seed_in {
	size_t norders;
	/* free blocks per order and migratetype; from pagetypeinfo, or all
	 * of buddyinfo's on Movable when it is unread */
	int64_t nr_free[BUDDY_ORDERS_MAX][BUDDY_MT_COUNT];
	int64_t pageblocks[BUDDY_MT_COUNT]; /* -1 where unknown */
	int64_t managed_pages;
	/* kpageflags map (snapshot pageblocks): one cell per pageblock from
	 * start_pfn, or NULL */
	const char *cells;
};

/* Lays the free lists out: returns 0, or -ENOSPC when they do not fit
 * the span (the model then holds what did fit; *placed_pages says how
 * much). */
int buddy_seed(struct buddy_model *m, const struct buddy_seed_in *in,
               uint64_t *placed_pages);

/* ---- what-ifs (buddy_whatif.c) ----------------------------------------- */

enum buddy_whatif_kind {
	BUDDY_WI_ALLOC, /* alloc:ORDERxCOUNT[:MIGRATETYPE] */
	BUDDY_WI_FREE,  /* free:PERCENT */
	BUDDY_WI_FILL,  /* fill:SIZE[:MIGRATETYPE] */
	BUDDY_WI_SEED,  /* seed:N */
	BUDDY_WI_ZONE,  /* zone:[NODE/]NAME */
};

struct buddy_whatif {
	enum buddy_whatif_kind kind;
	char *text;       /* as given */
	unsigned order;
	uint64_t count;   /* alloc: blocks */
	uint64_t bytes;   /* fill */
	int mt;
	unsigned percent;
	uint64_t seed;
	int64_t node;     /* zone: -1 for any node */
	char *zone;
};

int buddy_whatif_parse(const char *expr, void **parsed, char **error);
void buddy_whatif_free(void *parsed);

struct buddy_step;

/* The model zone the what-ifs run on, and what its checks compare with. */
struct buddy_run {
	struct buddy_model *m;
	const struct buddy_rules *rules;
	int64_t min_base_pages;  /* watermarks without the boost */
	int64_t low_base_pages;
	int64_t reserve_movable; /* lowmem_reserve at the class's zone */
	int64_t reserve_kernel;
	int64_t highatomic_pages;
	unsigned thp_order;
	int64_t page_size;       /* bytes, for fill */
	bool check_marks;        /* false: the zone's marks are unknown */
	uint64_t rng;            /* xorshift64* state, never 0 */
	struct buddy_alloc_rec { uint32_t rel_pfn; uint8_t order; } *allocs;
	size_t nallocs, allocs_cap;
};

/* Runs one what-if (alloc, free, fill) and describes the model after it. */
void buddy_run_step(struct buddy_run *run, const struct buddy_whatif *w,
                    struct buddy_step *out);
void buddy_run_free(struct buddy_run *run);

/* ---- the result --------------------------------------------------------- */

/* One order of one zone. */
enum buddy_order_bit {
	BO_COUNTS, BO_MOVABLE_LOW, BO_MOVABLE_MIN, BO_KERNEL_LOW, BO_KERNEL_MIN,
	BO_COMPACTION, BO_BIT_COUNT
};

struct buddy_order {
	uint64_t known;
	int64_t order;
	int64_t free_blocks;
	int64_t suitable_blocks; /* free_blocks_suitable: blocks of this order
	                          * the free lists could hand out */
	int64_t unusable_index;  /* thousandths */
	int64_t extfrag_index;   /* thousandths, -1000: would succeed */
	int64_t movable_low;     /* 1/0: GFP_HIGHUSER_MOVABLE at the low mark */
	int64_t movable_min;
	int64_t kernel_low;      /* GFP_KERNEL at the low mark */
	int64_t kernel_min;
	char *compaction;        /* movable request at min: success, skipped,
	                          * not_suitable, continue */
};

enum buddy_zone_bit {
	BZ_INDEXES, BZ_HIGHEST, BZ_BY_TYPE, BZ_SCORE, BZ_SCORE_WEIGHTED,
	BZ_THP_LOW, BZ_THP_MIN, BZ_THP_COMPACTION, BZ_WMARK_ZONEINFO,
	BZ_WMARK_CALC, BZ_WMARK_MATCH, BZ_PROT_CALC, BZ_PROT_MATCH,
	BZ_BOOST_MAX, BZ_ORDERS, BZ_MAP, BZ_FREE, BZ_BIT_COUNT
};

struct buddy_zone {
	uint64_t known;
	int64_t node;
	char *zone;
	int64_t zone_index;       /* position in the node (ZONE_DMA = 0) */
	int64_t free_pages;       /* Σ buddyinfo blocks << order */
	int64_t *unusable_index;  /* per order, thousandths */
	size_t nunusable;
	int64_t *extfrag_index;
	size_t nextfrag;
	char *unusable_index_text; /* the debugfs row, as printed */
	char *extfrag_index_text;
	int64_t highest_free_order; /* -1: no free block */
	struct kvlist highest_free_order_by_type; /* pagetypeinfo */
	int64_t fragmentation_score;          /* extfrag_for_order(thp order) */
	int64_t fragmentation_score_weighted; /* its share of the node's */
	int64_t thp_low;          /* 1/0: an order-9 THP fault at the low mark */
	int64_t thp_min;
	char *thp_compaction;
	/* watermarks: as zoneinfo prints them (boost included) ... */
	int64_t boost_pages;
	int64_t min_pages;
	int64_t low_pages;
	int64_t high_pages;
	/* ... and as __setup_per_zone_wmarks() computes them (no boost) */
	int64_t calc_tmp_pages;
	int64_t calc_min_pages;
	int64_t calc_low_pages;
	int64_t calc_high_pages;
	int64_t calc_promo_pages;
	int64_t calc_delta_pages;
	char *calc_delta_source;  /* "min/4" or "watermark_scale_factor" */
	int64_t watermarks_match; /* 1 when calc + boost == zoneinfo */
	int64_t *calc_protection_pages;
	size_t ncalc_protection;
	int64_t protection_match;
	int64_t boost_max_pages;
	struct buddy_order *orders;
	size_t norders;
	char *pageblock_map;      /* snapshot pageblocks cells, when read */
};

enum buddy_node_bit { BN_SCORE, BN_WMARKS, BN_PROACTIVE, BN_BIT_COUNT };

struct buddy_node {
	uint64_t known;
	int64_t node;
	int64_t present_pages;
	int64_t fragmentation_score; /* fragmentation_score_node() */
	int64_t score_low;           /* fragmentation_score_wmark(true) */
	int64_t score_high;
	int64_t proactive_compaction; /* 1: kcompactd would compact now */
};

enum buddy_step_bit { BS_COUNTS, BS_INDEXES, BS_THP, BS_BIT_COUNT };

/* The model after one what-if. */
struct buddy_step {
	uint64_t known;
	int64_t step;
	char *what_if;
	int64_t requested;       /* blocks asked for (alloc, fill), or freed */
	int64_t allocated;
	int64_t failed_watermark; /* refused: below the min mark */
	int64_t failed_no_block;  /* no free list could serve it */
	int64_t below_low;        /* served, but the fast path would have
	                           * woken kswapd (below the low mark) */
	int64_t fallbacks;        /* served from another migratetype */
	int64_t claimed_pageblocks;
	int64_t freed;
	int64_t free_pages;
	int64_t *free_blocks;
	size_t norders;
	int64_t *unusable_index;
	size_t nunusable;
	int64_t *extfrag_index;
	size_t nextfrag;
	int64_t highest_free_order;
	int64_t thp_blocks;       /* free blocks of the THP order or more, in
	                           * THP-sized units */
	int64_t thp_low;
	int64_t boost_pages;
	struct kvlist pageblocks; /* pageblocks per migratetype */
};

enum buddy_result_bit {
	BR_PAGEBLOCK, BR_THP_ORDER, BR_MIN_FREE, BR_MIN_FREE_DEFAULT,
	BR_MIN_FREE_THP, BR_SCALE, BR_LOWMEM, BR_THRESHOLD, BR_PROACTIVENESS,
	BR_BOOST_FACTOR, BR_TOTALRESERVE, BR_RATIO, BR_MODEL, BR_BIT_COUNT
};

struct buddy_result {
	uint64_t known;
	char *kernel_rules;        /* "6.18" */
	int64_t pageblock_order;
	int64_t thp_order;
	int64_t min_free_kbytes;
	char *min_free_kbytes_source;
	int64_t min_free_kbytes_default;
	int64_t min_free_kbytes_thp;
	int64_t watermark_scale_factor;
	int64_t lowmem_pages;
	int64_t extfrag_threshold;
	int64_t compaction_proactiveness;
	int64_t watermark_boost_factor;
	int64_t totalreserve_pages;
	int64_t *lowmem_reserve_ratio;
	size_t nratio;
	struct buddy_zone *zones;
	size_t nzones;
	struct buddy_node *nodes;
	size_t nnodes;
	int64_t model_node;
	char *model_zone;
	char *model_seed;          /* "buddyinfo", "pagetypeinfo", "kpageflags" */
	int64_t model_random_seed;
	struct buddy_step *steps;
	size_t nsteps;
	struct skvlist explanation; /* topic -> a sentence in plain words */
};

extern const struct schema buddy_order_schema;
extern const struct schema buddy_zone_schema;
extern const struct schema buddy_node_schema;
extern const struct schema buddy_step_schema;
extern const struct schema buddy_schema;

#endif
