/*
 * procs_internal.h - the parts of the process collector, shared by its
 * files: procs.c (the collector and libproc2's table), procs_read.c (our
 * own reads of /proc/PID files), procs_budget.c (which of them a refresh
 * reads, and carrying the last reads forward) and procs_mm.c (which
 * processes share an address space, for the OOM killer's model).
 *
 * Must not: be included outside src/collect/procs*.c.
 */
#ifndef MEMLENS_COLLECT_PROCS_INTERNAL_H
#define MEMLENS_COLLECT_PROCS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"
#include "sources.h"

/* The values of each group of our reads, carried forward together. */
#define STATUS_BITS                                                      \
	(KNOWN(PROC_RSS) | KNOWN(PROC_ANON) | KNOWN(PROC_FILE) |         \
	 KNOWN(PROC_SHMEM) | KNOWN(PROC_SWAP) | KNOWN(PROC_PGTABLES) |   \
	 KNOWN(PROC_VSZ) | KNOWN(PROC_LOCKED) | KNOWN(PROC_COMM) |       \
	 KNOWN(PROC_MEMS_ALLOWED) | KNOWN(PROC_CAP_EFF))
#define OOM_BITS (KNOWN(PROC_OOM_SCORE) | KNOWN(PROC_OOM_SCORE_ADJ))
#define IDENTITY_BITS (KNOWN(PROC_CMDLINE) | KNOWN(PROC_CGROUP))
#define SMAPS_BITS                                                       \
	(KNOWN(PROC_PSS) | KNOWN(PROC_USS) | KNOWN(PROC_THP) |           \
	 KNOWN(PROC_SWAP_PSS) | KNOWN(PROC_SMAPS_TIME))
#define CARRIED_BITS (STATUS_BITS | OOM_BITS | IDENTITY_BITS | SMAPS_BITS)

/* What a refresh reads of one process; the rest is carried forward. */
enum {
	READ_STATUS = 1 << 0,   /* status, oom_score, oom_score_adj */
	READ_SMAPS = 1 << 1,    /* smaps_rollup, when wanted */
	READ_IDENTITY = 1 << 2, /* cmdline, cgroup */
	READ_ALL = READ_STATUS | READ_SMAPS | READ_IDENTITY,
};

/* What stat says that tells whether the other files can have changed. */
struct stat_key {
	uint64_t rss_pages;   /* approximate: see procs_budget.c */
	uint64_t vsize_bytes;
	uint64_t faults;      /* minor + major: both only grow */
	uint64_t exec;        /* hash of comm, start_code and start_stack */
};

/* One process's reads, kept from one refresh to the next. */
struct proc_memo {
	int64_t pid;
	int64_t start_ticks;
	struct stat_key seen; /* stat when status was last read */
	uint64_t full_read;   /* the refresh that last read every file */
	struct proc values;   /* CARRIED_BITS members; owns comm, cmdline,
	                         cgroup; user and state are NULL */
};

/* A process of this refresh, at the same index as in snap->processes. */
struct proc_plan {
	struct stat_key key;    /* filled by procs.c from the table */
	uint64_t code_start;    /* stat start_code and start_stack: with */
	uint64_t stack_start;   /* vsize, what tells an mm apart (procs_mm.c) */
	struct proc_memo *memo; /* its last reads, or NULL when new */
	unsigned reads;         /* READ_* */
	bool gone;              /* exited before its status was read */
};

/* ---- procs_read.c: our own reads of /proc/PID files ------------------- */

struct procs_reader {
	int proc_fd;   /* /proc, for openat; -1 when not open */
	uint64_t reads[PID_FILE_COUNT];
	char *buf;     /* every file is read into this buffer */
	size_t buf_cap;
};

/* Opens /proc.  Returns 0 or -errno. */
int procs_read_open(struct procs_reader *r);
void procs_read_close(struct procs_reader *r);

/*
 * Each reads its file(s) into p: values with their known bits, and why not
 * in p->source_err.  procs_read_status returns -ESRCH when the process is
 * gone (the caller drops it), 0 otherwise.
 */
int procs_read_status(struct procs_reader *r, struct proc *p);
void procs_read_oom(struct procs_reader *r, struct proc *p);

/*
 * What the OOM killer reads, read together for fresh_oom_inputs: oom_score,
 * stat's rss, status, oom_score_adj, oom_score again; sets
 * oom_score_stable.  Returns -ESRCH when the process is gone, else 0.
 */
int procs_read_oom_inputs(struct procs_reader *r, struct proc *p);

/* The first line of /proc/PID/wchan into out (len > 0).  0 or -errno. */
int procs_read_wchan(struct procs_reader *r, int pid, char *out, size_t len);
void procs_read_cmdline(struct procs_reader *r, struct proc *p);
void procs_read_cgroup(struct procs_reader *r, struct proc *p);
void procs_read_smaps(struct procs_reader *r, struct proc *p);

/* ---- procs_budget.c: what a refresh reads, and the memo --------------- */

struct slice_candidate;

struct procs_budget {
	double smaps_slice;  /* fixed share per refresh, or 0: by time */
	bool fresh_oom;      /* collect_options.fresh_oom_inputs */
	double last_time;    /* snapshot time of the previous collect */
	double slice_credit; /* fraction of a read carried to the next refresh */
	uint64_t refresh;    /* collects so far: the clock of full_read */
	/* Reused from refresh to refresh, so that a refresh of unchanged
	 * processes allocates only the snapshot's own strings. */
	struct proc_plan *plan; /* one per process of this refresh */
	size_t plan_cap;
	struct proc_memo *memo, *next_memo; /* memo: sorted by pid */
	size_t nmemo, memo_cap, next_memo_cap;
	struct slice_candidate *candidates;
	size_t candidates_cap;
};

/* share: collect_options.smaps_slice. */
void procs_budget_init(struct procs_budget *b, double share);
void procs_budget_free(struct procs_budget *b);

/* Decides each process's reads from its plan's key and the memo. */
void procs_budget_plan(struct procs_budget *b, const struct snapshot *snap);

/* Reads what the plan says of one process, and carries the rest. */
void procs_budget_refresh(struct procs_budget *b, struct procs_reader *r,
                          bool want_smaps, struct proc *p,
                          struct proc_plan *plan);

/* Remembers this refresh's reads for the next one. */
void procs_budget_remember(struct procs_budget *b,
                           const struct snapshot *snap);

/* ---- procs_mm.c: shared address spaces and vfork children ------------- */

/*
 * Sets mm_group and in_vfork of the processes of this refresh (those whose
 * plan is not gone), asking kcmp(2) about the few that could share an mm.
 */
void procs_mm_share(struct procs_reader *r, struct snapshot *snap,
                    const struct proc_plan *plans);

#endif
