/*
 * lru.h - the lru engine's result (JSON "sim.lru"), described by lru_schema
 * so that JSON, batch text and the TUI's lru view render it with the same
 * code.  What it holds:
 *
 *   now         the scope's lists (the machine, --cgroup's group, or a node
 *               with --what-if node:N) and what reclaim would decide if it
 *               started now: inactive_is_low() per type, get_scan_count()'s
 *               branch and why, the refault-distance thresholds
 *   nodes[]     the same per NUMA node, cgroups[] per memory cgroup
 *   rates       reclaim and refault counters per second, last interval
 *   observed    the anon/file split of the reclaim the kernel did over the
 *               last interval beside the split the model predicts from the
 *               previous snapshot
 *   plans[]     --what-if need:SIZE: which lists reclaim would scan, what
 *               it would drop and swap, kswapd or direct, and why
 *   prediction  --what-if workload:FILE: the end state of the workload, and
 *               its timeline, one entry per step
 *
 * A value the engine cannot know is unknown (null), with the reason in
 * "unavailable" under the field's name.
 *
 * Must not: do I/O.
 */
#ifndef MEMLENS_LRU_H
#define MEMLENS_LRU_H

#include <stddef.h>
#include <stdint.h>

#include "kvlist.h"
#include "schema.h"

enum lru_scope_bit {
	LS_LISTS, LS_UNEVICTABLE, LS_RATIOS, LS_SWAPPINESS, LS_LIMIT,
	LS_USAGE, LS_FREE, LS_WMARKS, LS_BALANCE, LS_FRACTION, LS_WORKINGSET,
	LS_SWAP,
};

/* One lruvec as reclaim sees it: the machine, a node or a memory cgroup. */
struct lru_scope {
	uint64_t known;
	char *name; /* "machine", "node 0", or a cgroup path */
	int64_t inactive_anon_kb;
	int64_t active_anon_kb;
	int64_t inactive_file_kb;
	int64_t active_file_kb;
	int64_t unevictable_kb;
	int64_t anon_inactive_ratio; /* inactive_is_low(): int_sqrt(10 * GiB) */
	int64_t anon_inactive_low;   /* 1: inactive * ratio < active */
	int64_t file_inactive_ratio;
	int64_t file_inactive_low;
	int64_t swappiness;
	int64_t swap_free_kb;        /* what this scope may still swap */
	int64_t usage_kb;            /* cgroups */
	int64_t limit_kb;
	int64_t free_kb;             /* the machine and nodes */
	int64_t min_kb;              /* watermarks summed over the zones */
	int64_t low_kb;
	int64_t high_kb;
	char *branch;                /* get_scan_count() at DEF_PRIORITY */
	char *why;
	int64_t anon_percent;        /* the anon share of the scan, 0..100 */
	int64_t workingset_file_pages; /* refault distance that still activates */
	int64_t workingset_anon_pages;
};

/* Counters per second over the last interval (null without one). */
enum lru_rate_index {
	LR_PGSCAN_KSWAPD, LR_PGSCAN_DIRECT, LR_PGSTEAL_KSWAPD, LR_PGSTEAL_DIRECT,
	LR_PGSCAN_ANON, LR_PGSCAN_FILE, LR_PGSTEAL_ANON, LR_PGSTEAL_FILE,
	LR_PGREFILL, LR_PGACTIVATE, LR_PGDEACTIVATE,
	LR_REFAULT_ANON, LR_REFAULT_FILE, LR_ACTIVATE_ANON, LR_ACTIVATE_FILE,
	LR_RESTORE_ANON, LR_RESTORE_FILE, LR_PSWPIN, LR_PSWPOUT, LR_ZSWPIN,
	LR_ZSWPOUT, LR_RATE_COUNT,
	LR_INTERVAL = LR_RATE_COUNT, LR_AGE_RATE, LR_PROTECT
};

struct lru_rates {
	uint64_t known; /* KNOWN(LR_*) */
	double interval_s;
	double rate[LR_RATE_COUNT];
	double nonresident_age_rate; /* evictions + activations per second */
	double file_protect_s;       /* workingset_file_pages / that rate */
};

enum lru_observed_bit { LO_OBSERVED, LO_MODELLED, LO_STEAL };

struct lru_observed {
	uint64_t known;
	double interval_s;
	int64_t scan_anon_pages;   /* the kernel's, over the interval */
	int64_t scan_file_pages;
	int64_t steal_anon_pages;
	int64_t steal_file_pages;
	double anon_scan_percent;
	double anon_steal_percent;
	char *modelled_branch;     /* get_scan_count() on the previous snapshot */
	int64_t modelled_anon_percent;
	char *modelled_why;
};

enum lru_plan_bit { LP_PLAN, LP_BALANCE, LP_AFTER };

/* --what-if need:SIZE */
struct lru_plan {
	uint64_t known;
	int64_t need_kb;
	int64_t modelled_kb; /* how much of it the model played (budget) */
	char *scope;
	char *reclaimer;    /* none, kswapd, direct, cgroup (limit reclaim), oom */
	char *reclaimer_why;
	char *branch;       /* get_scan_count() of the first reclaim pass */
	char *why;
	int64_t anon_fraction;  /* SCAN_FRACT's ap and fp, 0 otherwise */
	int64_t file_fraction;
	int64_t priority;       /* the lowest priority reclaim went down to */
	int64_t scan_inactive_anon_pages;
	int64_t scan_active_anon_pages;
	int64_t scan_inactive_file_pages;
	int64_t scan_active_file_pages;
	int64_t reclaim_anon_kb;
	int64_t reclaim_file_kb;
	int64_t swap_out_kb;
	int64_t deactivate_anon_kb;
	int64_t deactivate_file_kb;
	int64_t activate_kb;
	int64_t inactive_anon_kb; /* the lists after */
	int64_t active_anon_kb;
	int64_t inactive_file_kb;
	int64_t active_file_kb;
	int64_t oom;              /* 1: reclaim could not make the room */
};

enum lru_step_bit { LT_STEP };

/* The state after one workload step. */
struct lru_step {
	uint64_t known;
	int64_t line;
	char *step;
	int64_t anon_kb;
	int64_t swap_kb;
	int64_t file_kb;
	int64_t inactive_anon_kb;
	int64_t active_anon_kb;
	int64_t inactive_file_kb;
	int64_t active_file_kb;
	int64_t refault_anon;
	int64_t refault_file;
	int64_t scan_anon;
	int64_t scan_file;
	char *branch; /* the branch most reclaim passes of the step took */
	double seconds;
	int64_t oom;  /* 1: the step ran out of memory */
};

enum lru_prediction_bit { LD_PREDICTION };

/* --what-if workload:FILE, at its end. */
struct lru_prediction {
	uint64_t known;
	char *workload;
	char *start;          /* what the model started from */
	int64_t anon_kb;      /* resident */
	int64_t swap_kb;
	int64_t file_kb;      /* resident */
	int64_t inactive_anon_kb;
	int64_t active_anon_kb;
	int64_t inactive_file_kb;
	int64_t active_file_kb;
	int64_t refault_anon;   /* workingset_refault_*, pages */
	int64_t refault_file;
	int64_t activate_anon;  /* workingset_activate_* */
	int64_t activate_file;
	int64_t restore_anon;
	int64_t restore_file;
	int64_t pgscan_anon;
	int64_t pgscan_file;
	int64_t pgsteal_anon;
	int64_t pgsteal_file;
	int64_t pgrefill;
	int64_t pgactivate;
	int64_t pgdeactivate;
	int64_t pswpin;
	int64_t pswpout;
	int64_t reclaim_runs;
	int64_t passes_file;    /* shrink_node passes by get_scan_count branch */
	int64_t passes_anon;
	int64_t passes_equal;
	int64_t passes_fraction;
	int64_t stats_flushes;
	int64_t oom;
	int64_t oom_line;
	double seconds;         /* modelled time */
	int64_t page_events;
	struct lru_step *timeline;
	size_t nsteps;
};

enum lru_result_bit {
	LRU_R_RULES, LRU_R_MGLRU, LRU_R_SWAPPINESS, LRU_R_SWAP, LRU_R_NOW,
	LRU_R_NODES, LRU_R_CGROUPS, LRU_R_RATES, LRU_R_OBSERVED, LRU_R_PLANS,
	LRU_R_PREDICTION,
};

struct lru_result {
	uint64_t known;
	char *scope;            /* "machine", "node N", "cgroup PATH" */
	char *kernel_rules;     /* which kernel's rules the model follows */
	char *mglru;            /* "off", "on (0x0007)", "not built" */
	int64_t swappiness;
	char *swappiness_source;
	int64_t swap_total_kb;
	int64_t swap_free_kb;
	struct lru_scope now;
	struct lru_scope *nodes;
	size_t nnodes;
	struct lru_scope *cgroups;
	size_t ncgroups;
	struct lru_rates rates;
	struct lru_observed observed;
	struct lru_plan *plans;
	size_t nplans;
	struct lru_prediction prediction;
	char *assumptions;
	struct skvlist unavailable; /* field name -> why it is unknown */
};

extern const struct schema lru_schema;
extern const struct schema lru_scope_schema;
extern const struct schema lru_rates_schema;
extern const struct schema lru_observed_schema;
extern const struct schema lru_plan_schema;
extern const struct schema lru_prediction_schema;
extern const struct schema lru_step_schema;

#endif
