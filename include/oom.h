/*
 * oom.h - the oom engine (--sim oom): the OOM killer's ranking recomputed
 * from a snapshot (oom_badness and /proc/PID/oom_score, global or scoped to
 * a memory cgroup, a cpuset or a mempolicy), who dies first, second and
 * third, the overcommit rules, the 2.6-era heuristic as a teaching model,
 * and the kernel log's past OOM kills ranked again.  kernel-spec.md 1.
 * Its parts are one file each in src/sim/:
 *
 *   oom_badness.c   oom_badness() and proc_oom_score(), both formula eras
 *   oom_scope.c     constrained_alloc(): totalpages and who is eligible
 *   oom_rank.c      the candidates, select_bad_process(), the kill order
 *   oom_rows.c      the result's rows, and the comparison with the kernel
 *   oom_whatif.c    the what-if grammar (adj, grow, kill, commit, cpuset,
 *                   mempolicy)
 *   oom_overcommit.c __vm_enough_memory() and vm_commit_limit()
 *   oom_historic.c  the 2.6.2x-2.6.35 badness()
 *   oom_postmortem.c the task dumps of the log, ranked by the model
 *   oom_explain.c   sentences, and one process walked through the formula
 *   oom_schema.c    the result's field tables
 *   oom.c           the engine: reads the snapshot, assembles the result
 *
 * Must not: do I/O, use curses, or keep globals (DESIGN.md "Simulation
 * engines").  Arithmetic is the kernel's: 64-bit long, divisions that
 * truncate toward zero, in the kernel's order.
 */
#ifndef MEMLENS_OOM_H
#define MEMLENS_OOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kvlist.h"
#include "schema.h"
#include "snapshot.h"

#define OOM_SCORE_ADJ_MIN (-1000) /* include/uapi/linux/oom.h */
#define OOM_SCORE_ADJ_MAX 1000
#define OOM_BADNESS_UNKILLABLE INT64_MIN /* oom_badness()'s LONG_MIN */
#define OOM_PF_KTHREAD 0x00200000        /* include/linux/sched.h */

/* ---- the formulas (oom_badness.c) ------------------------------------- */

/* Which kernel's formulas apply. */
enum oom_rules {
	/* 5.9 to 6.18: oom_badness() returns a signed long, LONG_MIN for the
	 * unkillable; oom_score = (1000 + badness * 1000 / T) * 2 / 3. */
	OOM_RULES_SIGNED,
	/* 2.6.36 to 5.8: an unsigned badness, 0 for the unkillable and at
	 * least 1 for the others; oom_score = badness * 1000 / T. */
	OOM_RULES_UNSIGNED,
};

/* The rules of a kernel release ("6.18.44-fc"); signed when unreadable. */
enum oom_rules oom_rules_of_release(const char *release, bool *known);
const char *oom_rules_name(enum oom_rules rules);

/* What oom_badness() reads of one process's mm (pages). */
struct oom_badness_inputs {
	int64_t rss_pages;      /* get_mm_rss(): file + anon + shmem */
	int64_t swap_pages;     /* MM_SWAPENTS */
	int64_t pgtables_pages; /* mm_pgtables_bytes() / PAGE_SIZE */
	int64_t oom_score_adj;
};

/*
 * oom_badness() of mm/oom_kill.c for a process that is killable (the
 * caller has ruled out init, kernel threads, adj -1000, vfork children):
 * rss + swap + page tables + adj * (totalpages / 1000).  Under the unsigned
 * rules the result is at least 1.
 */
int64_t oom_badness(const struct oom_badness_inputs *in, int64_t totalpages,
                    enum oom_rules rules);

/* proc_oom_score() of fs/proc/base.c for a badness (OOM_BADNESS_UNKILLABLE:
 * 0), with the global totalpages. */
int64_t oom_proc_score(int64_t badness, int64_t totalpages,
                       enum oom_rules rules);

/* adj * (totalpages / 1000): the division first, as the kernel does. */
int64_t oom_adj_pages(int64_t oom_score_adj, int64_t totalpages);

/* The kernel's x of oom_score: badness * 1000 / totalpages, truncated. */
int64_t oom_share_permille(int64_t badness, int64_t totalpages);

/* ---- the result -------------------------------------------------------- */

enum oom_rank_bit {
	ORK_COMM, ORK_RANK, ORK_KILLABLE, ORK_REASON,
	ORK_RSS, ORK_PARTS, ORK_SWAP, ORK_PGTABLES, ORK_ADJ, ORK_ADJ_PAGES,
	ORK_BADNESS,
	ORK_SHARE, ORK_SCORE, ORK_KERNEL_SCORE, ORK_MATCH, ORK_MM_GROUP,
	ORK_HISTORIC, ORK_HISTORIC_RANK, ORK_BIT_COUNT
};

/* One process, as the OOM killer would weigh it (its user, cgroup and the
 * rest are in the snapshot, by pid). */
struct oom_rank {
	uint64_t known;
	int64_t pid;
	char *comm;
	int64_t rank;           /* 1: the victim; 2: next if the OOM repeated */
	int64_t killable;       /* 1, or 0 with the reason */
	char *reason;           /* why unkillable, or why something is unknown */
	int64_t rss_pages;      /* stat field 24: what oom_badness reads */
	int64_t anon_pages;     /* status RssAnon, RssFile, RssShmem: the parts */
	int64_t file_pages;
	int64_t shmem_pages;
	int64_t swap_pages;
	int64_t pgtables_pages;
	int64_t oom_score_adj;
	int64_t adj_pages;      /* adj * (totalpages / 1000) */
	int64_t badness;        /* oom_badness() with the scope's totalpages */
	int64_t share_permille; /* badness * 1000 / totalpages */
	int64_t oom_score;      /* the model of /proc/PID/oom_score */
	int64_t kernel_oom_score; /* /proc/PID/oom_score, when stable */
	int64_t score_match;    /* 1 when both are known and equal */
	int64_t mm_group;       /* lowest pid sharing the mm: they die together */
	int64_t historic_points; /* the 2.6 badness() */
	int64_t historic_rank;
};

enum oom_kill_bit { OKL_WITH, OKL_FREED };

/* One kill of the kill order: who dies if the OOM happens again. */
struct oom_kill {
	uint64_t known;
	int64_t order;          /* 1, 2, 3, ... */
	int64_t pid;
	char *comm;
	int64_t badness;
	int64_t *with_pids;     /* others sharing its mm, killed with it */
	size_t nwith;
	int64_t freed_pages;    /* rss + swap + page tables of the mm */
	int64_t freed_total_pages; /* by this kill and those before it */
};

enum oom_overcommit_bit {
	OOC_MODE, OOC_RATIO, OOC_KBYTES, OOC_LIMIT, OOC_MODEL_LIMIT,
	OOC_COMMITTED, OOC_RESERVES, OOC_HEADROOM, OOC_ASK, OOC_ASK_TOTAL_VM,
	OOC_ANSWERS, OOC_BIT_COUNT
};

/* The overcommit state, and the answer for --what-if commit:SIZE. */
struct oom_overcommit {
	uint64_t known;
	int64_t mode;              /* vm.overcommit_memory 0, 1, 2 */
	int64_t ratio;             /* vm.overcommit_ratio (percent) */
	int64_t kbytes;            /* vm.overcommit_kbytes, 0: the ratio rules */
	int64_t commit_limit_kb;   /* meminfo CommitLimit */
	int64_t model_commit_limit_kb; /* vm_commit_limit() from its inputs */
	int64_t committed_as_kb;   /* meminfo Committed_AS */
	int64_t admin_reserve_kb;
	int64_t user_reserve_kb;
	int64_t headroom_admin_kb; /* mode 2: what root could still commit */
	int64_t headroom_user_kb;  /* mode 2: what a user (no mm) could */
	int64_t ask_kb;            /* commit:SIZE, rounded up to pages */
	int64_t ask_pid;           /* commit:SIZE@PID, 0: none */
	int64_t ask_total_vm_pages;
	int64_t ok_mode0;          /* 1: succeeds under each mode, 0: fails */
	int64_t ok_mode1;
	int64_t ok_mode2_admin;    /* with CAP_SYS_ADMIN */
	int64_t ok_mode2_user;
	int64_t ok_now;            /* under the current mode, as a user */
};

/* A process of a past report's task dump, ranked by the model. */
struct oom_past_rank {
	uint64_t known;
	int64_t rank;
	int64_t pid;
	char *name;
	int64_t rss_pages;
	int64_t swap_pages;
	int64_t pgtables_pages;
	int64_t oom_score_adj;
	int64_t badness;
};

enum oom_past_bit {
	OPS_TIME, OPS_VICTIM, OPS_TOTALPAGES, OPS_MODEL, OPS_VICTIM_RANK,
	OPS_BIT_COUNT
};

/* A past OOM kill of the kernel log, and what the model makes of it. */
struct oom_past {
	uint64_t known;
	double time_s;          /* seconds since boot */
	char *constraint;
	char *invoker;
	char *oom_memcg;
	int64_t victim_pid;
	char *victim_comm;
	int64_t ntasks;         /* lines of the task dump */
	int64_t totalpages;     /* what the model used */
	char *totalpages_source;
	int64_t model_victim_pid;
	char *model_victim_comm;
	int64_t victim_model_rank; /* where the model ranks the real victim */
	int64_t agrees;         /* 1: the model picks the kernel's victim */
	struct oom_past_rank *top; /* the model's first few */
	size_t ntop;
};

enum oom_result_bit {
	ORS_RULES, ORS_SCOPE, ORS_TOTALPAGES, ORS_GLOBAL_TOTALPAGES,
	ORS_MEMCG, ORS_VICTIM, ORS_COUNTS, ORS_COMPARED, ORS_HISTORIC_VICTIM,
	ORS_PANIC, ORS_PAST, ORS_BIT_COUNT
};

struct oom_result {
	uint64_t known;
	char *kernel_rules;        /* "5.9-6.18", "2.6.36-5.8" */
	char *scope;               /* "global", "memcg /a/b", "cpuset 0", ... */
	char *constraint;          /* CONSTRAINT_NONE, _MEMCG, _CPUSET, ... */
	int64_t totalpages;        /* the scope's: what badness is scaled by */
	int64_t totalpages_global; /* totalram + total swap: oom_score's */
	int64_t ram_pages;
	int64_t swap_pages;
	int64_t memcg_max_pages;   /* memcg: memory.max (or limit_in_bytes) */
	int64_t memcg_swap_pages;  /* memcg: the swap that totalpages adds */
	int64_t victim;            /* pid, or unknown */
	char *victim_comm;
	char *victim_note;         /* why no victim, or what overrides it */
	int64_t panic;             /* 1: vm.panic_on_oom panics instead */
	int64_t nkillable;
	int64_t nunkillable;
	int64_t nunknown;
	int64_t compared;          /* processes whose kernel oom_score was
	                            * stable and whose model score is known */
	int64_t mismatches;        /* of those, how many differ */
	int64_t not_compared;
	struct oom_rank *ranking;  /* victim first; unknown, unkillable last */
	size_t nranking;
	struct oom_kill *kill_order;
	size_t nkill_order;
	int64_t historic_victim;
	char *historic_victim_comm;
	int64_t historic_hz;       /* the HZ the teaching model assumes */
	struct oom_overcommit overcommit;
	struct oom_past *past;     /* the log's OOM kills, oldest first */
	size_t npast;
	struct skvlist explanation; /* topic -> a sentence in plain words */
};

extern const struct schema oom_rank_schema;
extern const struct schema oom_kill_schema;
extern const struct schema oom_overcommit_schema;
extern const struct schema oom_past_rank_schema;
extern const struct schema oom_past_schema;
extern const struct schema oom_schema;

/*
 * The selected process walked through the formula with its own numbers,
 * for the explain panel: lines separated by '\n' (caller frees), or NULL
 * when pid is not in the ranking.
 */
char *oom_explain_process(const struct oom_result *r, int64_t pid);

#endif
