/*
 * lru_internal.h - the lru engine's parts, shared by its files and its unit
 * tests: the kernel's reclaim rules as pure functions (lru_rules.c), the
 * folio-level model of one lruvec (lru_model.c, lru_reclaim.c), workloads
 * (lru_workload.c), and the explanation of a snapshot (lru_inputs.c,
 * lru_explain.c).
 *
 * Classic (two-list) LRU only, as in mm/vmscan.c, mm/workingset.c and
 * mm/swap.c of Linux 5.15 to 6.18; MGLRU is reported, not modelled.
 *
 * Must not: do I/O or keep globals.
 */
#ifndef MEMLENS_LRU_INTERNAL_H
#define MEMLENS_LRU_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lru.h"
#include "lru_whatif.h"
#include "snapshot.h"
#include "workload.h"

#define LRU_NONE UINT32_MAX
#define LRU_DEF_PRIORITY 12
#define LRU_SWAP_CLUSTER_MAX 32
#define LRU_MAX_SWAPPINESS 200
#define LRU_MAX_RECLAIM_RETRIES 16
#define LRU_FLUSH_US 2000000.0 /* FLUSH_TIME: memcg stats flushed every 2 s */

enum lru_list_id {
	LRU_INACTIVE_ANON, LRU_ACTIVE_ANON, LRU_INACTIVE_FILE, LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE, LRU_NR_LISTS
};

static inline bool lru_is_file(int list)
{
	return list == LRU_INACTIVE_FILE || list == LRU_ACTIVE_FILE;
}

static inline bool lru_is_active(int list)
{
	return list == LRU_ACTIVE_ANON || list == LRU_ACTIVE_FILE;
}

/* get_scan_count()'s decision, in the order it tests them. */
enum lru_branch {
	LB_NO_SWAP, LB_CGROUP_SWAPPINESS_0, LB_ANON_ONLY, LB_PRIORITY_0,
	LB_FILE_IS_TINY, LB_CACHE_TRIM, LB_FRACTION, LB_COUNT
};

enum lru_balance { LRU_SCAN_EQUAL, LRU_SCAN_FRACT, LRU_SCAN_ANON,
	           LRU_SCAN_FILE };

const char *lru_branch_name(enum lru_branch b);

/* ---- the rules of a kernel release ------------------------------------ */

struct lru_rules {
	const char *label;
	bool cost_6_6; /* lru_note_cost(): 6.6+ counts nr_io*32 + rotations;
	                * 5.15 and 6.1 count nr_pageout and refaults only */
};

/* The rules of a release string ("6.18.2-..."); unknown: the newest. */
const struct lru_rules *lru_rules_for(const char *release);

/* ---- pure kernel functions (lru_rules.c) ------------------------------ */

/* inactive_is_low(): *ratio is int_sqrt(10 * GiB) or 1. */
bool lru_inactive_is_low(uint64_t inactive, uint64_t active,
                         unsigned page_shift, uint64_t *ratio);

#define LRU_DEACTIVATE_ANON 1u
#define LRU_DEACTIVATE_FILE 2u

/* prepare_scan_control(): the target lruvec as reclaim reads it. */
struct lru_prepare_in {
	uint64_t lists[4];        /* the (flushed) list sizes, pages */
	bool refaults_changed[2]; /* workingset_activate_{anon,file} moved */
	bool force_deactivate;
	int priority;
	unsigned page_shift;
	bool cgroup_reclaim;
	/* global reclaim only: the node's file, free and high watermarks */
	uint64_t node_file;
	uint64_t node_free;
	uint64_t node_high_wmark;
	uint64_t node_inactive_anon;
};

struct lru_prepare_out {
	unsigned may_deactivate;
	bool cache_trim_mode;
	bool file_is_tiny;
	bool low[2];        /* inactive_is_low(anon), (file) */
	uint64_t ratio[2];
};

void lru_prepare_scan(const struct lru_prepare_in *in,
                      struct lru_prepare_out *out);

/* get_scan_count()'s choice of balance. */
struct lru_balance_in {
	bool can_swap;  /* sc->may_swap and can_reclaim_anon_pages() */
	bool cgroup_reclaim;
	int swappiness;
	int priority;
	bool file_is_tiny;
	bool cache_trim_mode;
	uint64_t anon_cost;
	uint64_t file_cost;
};

struct lru_balance_out {
	enum lru_branch branch;
	enum lru_balance balance;
	uint64_t fraction[2]; /* ap, fp (SCAN_FRACT) */
	uint64_t denominator;
};

void lru_scan_balance(const struct lru_balance_in *in,
                      struct lru_balance_out *out);

/* The pages get_scan_count() asks shrink_lruvec() to scan on one list. */
uint64_t lru_scan_target(uint64_t lru_size, int priority,
                         const struct lru_balance_out *b, bool file);

/* workingset_test_recent(): the refault distance that still activates. */
uint64_t lru_workingset_size(bool file, const uint64_t lists[4],
                             bool can_swap);

/* lru_note_cost(): adds the cost, halves both when over lrusize / 4. */
void lru_note_cost(const struct lru_rules *rules, uint64_t *anon_cost,
                   uint64_t *file_cost, bool file, uint64_t nr_io,
                   uint64_t nr_rotated, uint64_t lrusize);

uint64_t lru_int_sqrt(uint64_t x);

/* ---- the folio-level model of one lruvec (lru_model.c) ---------------- */

enum lru_flag {
	LF_REFERENCED = 1, /* PG_referenced */
	LF_YOUNG = 2,      /* a PTE has the accessed bit (mapped anon) */
	LF_WORKINGSET = 4, /* PG_workingset */
};

/*
 * One folio on a list, or a block of identical background pages (owner
 * LRU_NONE): pages that were on the lists when the model started, whose
 * history the snapshot does not tell.
 */
struct lru_node {
	uint32_t prev; /* towards the head (newest) */
	uint32_t next; /* towards the tail (oldest) */
	uint32_t pages;
	uint32_t owner; /* slot index; LRU_OWNER_FILE bit for file folios */
	uint8_t list;
	uint8_t flags;
};

#define LRU_OWNER_FILE 0x80000000u

struct lru_list {
	uint32_t head;
	uint32_t tail;
	uint64_t pages;
};

enum lru_slot_state { SLOT_NONE, SLOT_RESIDENT, SLOT_EVICTED, SLOT_SWAPPED };

/* A page of anonymous memory or a folio of a file, resident or not. */
struct lru_slot {
	uint64_t shadow_age; /* nonresident_age at eviction */
	uint32_t node;
	uint8_t state;
	uint8_t shadow_workingset;
};

struct lru_file {
	char *name;      /* NULL for "read SIZE" */
	uint64_t pages;
	uint32_t folio_pages;
	uint32_t first;  /* first slot in fslots */
	uint32_t folios;
};

/* Counters, as the kernel names them (pages). */
struct lru_counters {
	uint64_t pgscan[2];
	uint64_t pgsteal[2];
	uint64_t pgrefill;
	uint64_t pgactivate;
	uint64_t pgdeactivate;
	uint64_t pswpin;
	uint64_t pswpout;
	uint64_t refault[2];
	uint64_t activate[2];
	uint64_t restore[2];
	uint64_t reclaim_runs;
	uint64_t passes[LB_COUNT];
	uint64_t flushes;
	uint64_t page_events;
	uint64_t deactivate[2];
	uint64_t reclaim_activate;
};

/* What the first pass of a reclaim run decided (for need:SIZE plans). */
struct lru_first_pass {
	bool set;
	enum lru_branch branch;
	struct lru_balance_out balance;
	struct lru_prepare_out prepare;
	int lowest_priority;
	uint64_t scan[4];
};

/* The counters memcg stats flushing makes reclaim see late. */
struct lru_view {
	uint64_t lists[LRU_NR_LISTS];
	uint64_t activate[2];
};

struct lru_model {
	const struct lru_rules *rules;
	unsigned page_shift;
	/* the folios and blocks on the lists */
	struct lru_node *nodes;
	uint32_t nnodes;
	uint32_t cap_nodes;
	uint32_t free_node;
	struct lru_list lists[LRU_NR_LISTS];
	/* anonymous pages [anon_lo, anon_hi) are live */
	struct lru_slot *anon;
	uint64_t anon_lo;
	uint64_t anon_hi;
	uint64_t cap_anon;
	struct lru_slot *fslots;
	uint32_t nfslots;
	uint32_t cap_fslots;
	struct lru_file *files;
	size_t nfiles;
	uint32_t folio_pages; /* for files read from now on */
	/* the limit: a memory cgroup, or the machine's free pages */
	bool global;
	uint64_t limit_pages;  /* UINT64_MAX: none */
	uint64_t other_pages;  /* charged or used, not on the lists */
	uint64_t free_pages;   /* global */
	uint64_t min_pages;
	uint64_t low_pages;
	uint64_t high_pages;
	uint64_t swap_total;
	uint64_t swap_used;
	uint64_t swap_background; /* swap the start state already used */
	int swappiness;
	/* reclaim state */
	uint64_t anon_cost;
	uint64_t file_cost;
	uint64_t nonresident_age;
	uint64_t refaults_snapshot[2];
	struct lru_view view;
	double clock_us;
	double last_flush_us;
	bool oom;
	struct lru_counters c;
	struct lru_first_pass first; /* recorded while record_first is set */
	bool record_first;
	uint64_t max_slots; /* the model refuses workloads larger than this */
	uint64_t max_events; /* charges fail with -ETIME past this; 0: none */
};

struct lru_model_config {
	const struct lru_rules *rules;
	unsigned page_shift;
	bool global;
	uint64_t limit_pages;
	uint64_t other_pages;
	uint64_t free_pages;
	uint64_t min_pages;
	uint64_t low_pages;
	uint64_t high_pages;
	uint64_t swap_total;
	uint64_t swap_used;
	int swappiness;
	uint32_t folio_pages;
	uint64_t max_events; /* 0: no budget */
};

void lru_model_init(struct lru_model *m, const struct lru_model_config *cfg);
void lru_model_free(struct lru_model *m);

/* Puts pages of background (start state) on a list, at its tail. */
void lru_model_seed(struct lru_model *m, int list, uint64_t pages,
                    uint8_t flags);
/* Takes the stats reclaim reads as they are now (a flush). */
void lru_model_flush(struct lru_model *m);
/* Advances the modelled clock; flushes every LRU_FLUSH_US. */
void lru_model_tick(struct lru_model *m, double us);

uint64_t lru_model_usage(const struct lru_model *m);
uint64_t lru_model_list_pages(const struct lru_model *m, int list);
void lru_model_lists4(const struct lru_model *m, uint64_t out[4]);
void lru_model_view4(const struct lru_model *m, uint64_t out[4]);

/* Workload events; -ENOMEM when reclaim cannot make room (OOM), -E2BIG
 * past max_slots, -ETIME past the budget of page events. */
int lru_model_anon_fault(struct lru_model *m);
int lru_model_touch_anon(struct lru_model *m, uint64_t index);
void lru_model_free_anon(struct lru_model *m, uint64_t index);
int lru_model_add_file(struct lru_model *m, const char *name, uint64_t bytes,
                       size_t *index);
int lru_model_read_folio(struct lru_model *m, size_t file, uint32_t folio);
/* Charges n pages (may reclaim); -ENOMEM for OOM. */
int lru_model_charge(struct lru_model *m, uint64_t pages);

/* list operations for lru_reclaim.c */
uint32_t lru_node_new(struct lru_model *m);
void lru_node_release(struct lru_model *m, uint32_t n);
void lru_list_push_head(struct lru_model *m, int list, uint32_t n);
void lru_list_unlink(struct lru_model *m, uint32_t n);
struct lru_slot *lru_node_slot(struct lru_model *m, const struct lru_node *n);
/* workingset_eviction() + freeing of a reclaimed folio */
void lru_model_evict(struct lru_model *m, uint32_t n, bool to_swap);
/* workingset_age_nonresident() */
void lru_model_age(struct lru_model *m, uint64_t pages);

/* ---- reclaim (lru_reclaim.c), mirroring mm/vmscan.c ------------------- */

/* try_to_free_mem_cgroup_pages(): returns the pages reclaimed. */
uint64_t lru_reclaim_memcg(struct lru_model *m, uint64_t nr_pages);
/* kswapd's balance_pgdat(): reclaims until free reaches the high mark. */
uint64_t lru_reclaim_kswapd(struct lru_model *m);
/* Whether the model may swap now (swap left and swappiness allows). */
bool lru_can_swap(const struct lru_model *m);

/* ---- workloads (lru_workload.c) --------------------------------------- */

struct lru_start {
	const char *label;   /* what the model starts from */
	struct lru_model_config cfg;
	uint64_t lists[LRU_NR_LISTS];  /* background pages */
	bool has_limit;
};

int lru_workload_run(const struct lru_start *start, const char *name,
                     const struct workload *w, struct lru_prediction *out,
                     char **why_not);

/*
 * The cache of one workload what-if (lru_cache.c).  Playing a workload may
 * take seconds, and the TUI runs the engine on every refresh: a run whose
 * start state equals the cached one copies the cached prediction (or
 * failure) instead of playing again.  The model is deterministic, so this
 * changes no answer.  A parsed what-if with a cache must not be run by two
 * threads at once.
 */
/* true with *out (or *why_not, caller frees) filled from the cache. */
bool lru_cache_get(struct lru_workload_cache *cache,
                   const struct lru_start *start, struct lru_prediction *out,
                   char **why_not);
/* Remembers the result of playing from start (why_not: it failed). */
void lru_cache_put(struct lru_workload_cache **cache,
                   const struct lru_start *start,
                   const struct lru_prediction *result, const char *why_not);

/* Allocates pages of anonymous memory that no step names again (need:SIZE):
 * one block at the head of the inactive anon list, PTEs young. */
int lru_model_alloc_anon_block(struct lru_model *m, uint64_t pages,
                               uint64_t *done);

/* ---- the snapshot as the engine reads it (lru_inputs.c) --------------- */

/* One scope's inputs, in pages; each part with whether it is known. */
struct lru_scope_in {
	char *name;
	bool is_cgroup;       /* a non-root memory cgroup: cgroup reclaim */
	bool lists_known;
	bool unevictable_known;
	uint64_t lists[LRU_NR_LISTS];
	bool swappiness_known;
	int swappiness;
	bool swap_known;
	uint64_t swap_free;   /* what the scope may still swap */
	uint64_t swap_used;   /* swap the scope holds now */
	bool limit_known;
	uint64_t limit;       /* UINT64_MAX: none */
	bool usage_known;
	uint64_t usage;
	bool free_known;
	uint64_t free;
	bool wmarks_known;
	uint64_t min;
	uint64_t low;
	uint64_t high;
	bool refaults_known;  /* workingset_activate_* over the last interval */
	bool refaults_changed[2];
	bool costs_known;     /* anon_cost and file_cost estimated from it */
	uint64_t anon_cost;
	uint64_t file_cost;
};

struct lru_ctx {
	const struct snapshot *cur;
	const struct snapshot *prev;
	const struct lru_rules *rules;
	unsigned page_shift;
	uint64_t page_kb;
	bool swappiness_known;
	int swappiness;       /* vm.swappiness */
	bool swap_known;
	uint64_t swap_total;  /* pages */
	uint64_t swap_free;
	char *mglru;          /* "off", "on (0x0007)", "not built", NULL */
	bool mglru_on;
	double interval;      /* seconds since prev, 0 without it */
	struct skvlist *unavailable;
};

void lru_ctx_init(struct lru_ctx *ctx, const struct snapshot *cur,
                  const struct snapshot *prev, struct skvlist *unavailable);
void lru_ctx_free(struct lru_ctx *ctx);

/* The scope from a snapshot (prev gives the interval counters, or NULL). */
void lru_scope_machine(const struct lru_ctx *ctx, const struct snapshot *s,
                       const struct snapshot *prev, struct lru_scope_in *in);
void lru_scope_node(const struct lru_ctx *ctx, const struct snapshot *s,
                    size_t index, struct lru_scope_in *in);
void lru_scope_cgroup(const struct lru_ctx *ctx, const struct snapshot *s,
                      const struct snapshot *prev,
                      const struct cgroup_mem *g, struct lru_scope_in *in);
const struct cgroup_mem *lru_find_cgroup(const struct snapshot *s,
                                         const char *path);
void lru_scope_in_free(struct lru_scope_in *in);
/* A counter's growth over the interval; false when either is missing. */
bool lru_delta(const struct kvlist *cur, const struct kvlist *prev,
               const char *name, int64_t *delta);

/* ---- explanations (lru_explain.c) ------------------------------------- */

void lru_explain_scope(const struct lru_ctx *ctx,
                       const struct lru_scope_in *in, struct lru_scope *out);
/* Rates and the observed split of the machine, or of the group cgroup. */
void lru_explain_rates(const struct lru_ctx *ctx, struct lru_result *r,
                       const char *cgroup);
void lru_explain_observed(const struct lru_ctx *ctx, struct lru_result *r,
                          const char *cgroup);
char *lru_branch_why(const struct lru_prepare_out *prep,
                     const struct lru_balance_out *bal,
                     const struct lru_scope_in *in);
void lru_plan_need(const struct lru_ctx *ctx, const struct lru_scope_in *in,
                   uint64_t need_pages, struct lru_plan *out);
/* The start state of a workload; -ENODATA with *why when it is unknown. */
int lru_workload_start(const struct lru_ctx *ctx,
                       const struct lru_scope_in *cgroup,
                       const struct workload *w, struct lru_start *out,
                       char **why);
/* The page cache folio size reads get on this kernel, in pages. */
uint32_t lru_default_folio_pages(const char *release, unsigned page_shift);

/* The pages a workload may touch at most (slots), to keep the model small. */
#define LRU_MAX_WORKLOAD_PAGES (UINT64_C(16) << 20)
/* Page events a workload or a need:SIZE plan may cost (a few seconds and a
 * fraction of one): past them the answer is partial or unknown. */
#define LRU_WORKLOAD_MAX_EVENTS (UINT64_C(400) << 20)
#define LRU_PLAN_MAX_EVENTS (UINT64_C(8) << 20)

#endif
