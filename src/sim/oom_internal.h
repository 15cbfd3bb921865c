/*
 * oom_internal.h - what the oom engine's files share: the run's context
 * (the snapshot's totals, the scope, the candidates) and each file's entry
 * points.  See oom.h for the files.
 *
 * Must not: be included outside src/sim/oom*.c, tests and the benchmark.
 */
#ifndef MEMLENS_SIM_OOM_INTERNAL_H
#define MEMLENS_SIM_OOM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oom.h"
#include "sim.h"

#define OOM_NODES_MAX 1024
#define OOM_NODE_WORDS (OOM_NODES_MAX / 64)
#define OOM_KILL_ORDER_MAX 10
#define OOM_PAST_TOP 5
#define OOM_HISTORIC_RANKED 10
#define OOM_HISTORIC_HZ 1000

/* A set of NUMA nodes. */
struct oom_nodes {
	uint64_t bits[OOM_NODE_WORDS];
};

/* "0-3,8" into nodes; 0 or -EINVAL. */
int oom_nodes_parse(const char *text, struct oom_nodes *nodes);
bool oom_nodes_intersect(const struct oom_nodes *a, const struct oom_nodes *b);

/* ---- what-ifs (oom_whatif.c) ------------------------------------------ */

enum oom_whatif_kind {
	OWI_ADJ,       /* adj:PID=VALUE */
	OWI_GROW,      /* grow:PID=SIZE */
	OWI_KILL,      /* kill:PID */
	OWI_COMMIT,    /* commit:SIZE[@PID] */
	OWI_CPUSET,    /* cpuset:NODES */
	OWI_MEMPOLICY, /* mempolicy:NODES */
};

struct oom_whatif {
	enum oom_whatif_kind kind;
	char *text;          /* as given, for messages */
	int64_t pid;         /* 0: none */
	int64_t value;       /* adj, or bytes */
	struct oom_nodes nodes;
};

int oom_whatif_parse(const char *expr, void **parsed, char **error);
void oom_whatif_free(void *parsed);

/* ---- the run's context ------------------------------------------------ */

/* A place in the kernel's task walk: (group, start, pid) in order.  Only
 * ties need it, so it is compared, never sorted by. */
struct oom_walk {
	int64_t group;  /* memcg: the cgroup's position, parents first */
	int64_t start;  /* start_ticks: fork order */
	int64_t pid;
};

/* <0, 0, >0 as a comes before, with, after b in the walk. */
int oom_walk_compare(const struct oom_walk *a, const struct oom_walk *b);

enum oom_scope_kind {
	OOM_SCOPE_GLOBAL, OOM_SCOPE_MEMCG, OOM_SCOPE_CPUSET,
	OOM_SCOPE_MEMPOLICY,
};

enum oom_cand_state {
	CAND_KILLABLE, CAND_UNKNOWN, CAND_UNKILLABLE,
};

/* One process as the engine weighs it. */
struct oom_cand {
	const struct proc *proc;
	enum oom_cand_state state;
	const char *reason;      /* N_() text: unkillable, or unknown why */
	bool in_scope;           /* memcg: in the subtree; listed only then */
	bool killed;             /* by a kill: what-if */
	bool altered;            /* a what-if changed it: not compared */
	bool inputs_known;       /* rss, swap, page tables and adj */
	struct oom_badness_inputs in;
	int64_t grow_pages;      /* added by grow: what-ifs (in rss already) */
	bool badness_known;
	int64_t badness;         /* with the scope's totalpages */
	int64_t badness_global;  /* with the global one, for oom_score */
	int64_t score;           /* proc_oom_score() */
	bool score_known;        /* state is not CAND_UNKNOWN */
	struct oom_walk walk;    /* where the kernel's task walk meets it */
	int64_t mm_group;        /* -1: unknown */
	const struct oom_cand *parent; /* its parent, when in the snapshot */
	int64_t rank;            /* 0: not ranked */
	int64_t historic;        /* -1: unknown or not a candidate */
	int64_t historic_rank;
};

struct oom_ctx {
	const struct snapshot *snap;
	enum oom_rules rules;
	bool rules_known;
	int64_t page_size;
	bool totals_known;
	int64_t ram_pages, swap_pages, totalpages_global;
	/* the scope (oom_scope.c) */
	enum oom_scope_kind scope;
	const char *cgroup;          /* --cgroup as given */
	const struct cgroup_mem *memcg;
	struct oom_nodes nodes;      /* cpuset or mempolicy nodes */
	bool totalpages_known;
	int64_t totalpages;
	int64_t memcg_max_pages, memcg_swap_pages;
	const char *constraint;
	char *scope_name;
	char *scope_note;            /* why the scope is not what was asked */
	/* the candidates, in snapshot (pid) order */
	struct oom_cand *cands;
	uint32_t *pid_slots;         /* oom_cand_find()'s hash table */
	size_t npid_slots;
	size_t ncands;
	size_t *ranked;              /* indexes into cands, ranking order */
	size_t nranked;
	const struct oom_whatif *commit; /* the last commit: what-if */
	struct skvlist notes;        /* explanation sentences */
};

/* ---- oom_scope.c ------------------------------------------------------ */

/* The totals and the scope (--cgroup, cpuset:, mempolicy:).  0, or -errno
 * with *error set (an unknown cgroup). */
int oom_scope_init(struct oom_ctx *ctx, const struct sim_input *in,
                   char **error);
/* Whether a candidate is in the scope: sets in_scope, and for a cpuset or
 * mempolicy scope rules the ineligible out. */
void oom_scope_filter(struct oom_ctx *ctx);
/* The kernel's task walk: each candidate's place in it. */
void oom_scope_walk(struct oom_ctx *ctx);

/* ---- oom_rank.c ------------------------------------------------------- */

/* A candidate to sort by a value, highest first. */
struct oom_key {
	int64_t value;
	size_t index; /* into ctx->cands */
};

/*
 * Sorts keys by value, highest first; of equal values, the later in the
 * kernel's walk first when later_wins (today's select_bad_process), else
 * the earlier (the 2.6 rule).  A merge sort with the comparison inline:
 * qsort's callback doubled the time of a 10,000-process run.
 */
void oom_sort_keys(struct oom_key *keys, size_t n,
                   const struct oom_cand *cands, bool later_wins);

/* The candidates from the snapshot's processes, with their inputs. */
void oom_cands_build(struct oom_ctx *ctx);
/* adj:, grow:, kill: on the candidates (and their mm groups); commit: is
 * kept for oom_overcommit.c. */
void oom_whatifs_apply(struct oom_ctx *ctx, void *const *what_ifs,
                       size_t n);
/* Killable, unkillable (and why) or unknown (and why). */
void oom_cands_classify(struct oom_ctx *ctx);
/* badness with the scope's and the global totalpages, and oom_score. */
void oom_cands_weigh(struct oom_ctx *ctx);
/* The candidate with this pid, or NULL. */
struct oom_cand *oom_cand_find(const struct oom_ctx *ctx, int64_t pid);
void oom_rank_select(struct oom_ctx *ctx, struct oom_result *r);
void oom_rank_kill_order(struct oom_ctx *ctx, struct oom_result *r);
void oom_rank_rows(struct oom_ctx *ctx, struct oom_result *r);

/* ---- the other parts -------------------------------------------------- */

void oom_historic_rank(struct oom_ctx *ctx, struct oom_result *r);
void oom_overcommit_calc(struct oom_ctx *ctx, struct oom_result *r);
void oom_postmortem(struct oom_ctx *ctx, struct oom_result *r);
void oom_explain_result(struct oom_ctx *ctx, struct oom_result *r);

/* Helpers on the snapshot. */
bool oom_meminfo_pages(const struct oom_ctx *ctx, const char *name,
                       int64_t *pages);
bool oom_sysctl_int(const struct snapshot *snap, const char *name,
                    int64_t *value);
int64_t oom_kb_to_pages(const struct oom_ctx *ctx, int64_t kb);

#endif
