/*
 * procs_budget.c - which of our own /proc/PID files (procs_read.c) each
 * refresh reads for each process, and carrying the values of the last reads
 * forward for the rest: the memo, the change test on stat, the rotating
 * slice of full reads.
 *
 * Our own reads, remembered per process between refreshes (keyed by pid and
 * start time: a reused pid is another process):
 *   status (memory lines, and comm: libproc2 escapes comm), oom_score and
 *   oom_score_adj (libproc2 gives 0 when they cannot be read; oom_score
 *   moves with rss, swap and page tables): when the process is new, after
 *   exec (stat's comm, start_code or start_stack differ), and when stat's
 *   vsize, rss or fault counts moved since status was last read;
 *   smaps_rollup (PSS, USS, THP; it walks page tables): the same, except
 *   for a move of vsize alone (mapping without touching adds no PSS);
 *   cmdline (libproc2 splits arguments at newlines too) and cgroup: when the
 *   process is new and after exec;
 *   status and the oom files of every process at every refresh when
 *   collect_options.fresh_oom_inputs is set (--sim oom);
 *   all of them for a rotating slice of the processes seen before, the
 *   least recently read in full first, sized by the time since the last
 *   refresh so that every process is read in full about once a minute
 *   (PROC_FULL_READ_SECONDS) whatever the refresh interval; a fixed share
 *   per refresh when collect_options.smaps_slice is set.
 * Otherwise the values of the last read are carried forward, with their
 * known bits, errors and smaps_time.
 *
 * Why that is honest: every page a process faults in (itself, or through
 * mlock and MAP_POPULATE) counts in stat's fault counters, every mapping and
 * unmapping moves vsize (VmSize), and exec changes the addresses (ASLR) or
 * the comm.  Pages taken away without unmapping (reclaim, MADV_DONTNEED,
 * truncation) show only in stat's rss, which is not exact: where status
 * sums the per-CPU parts of the mm counters and stat does not (on 6.18
 * stat's rss differed from VmRSS in every process, by up to 220 KiB), such
 * a change shows once it exceeds the counters' per-CPU batch (max(32,
 * 2 x CPUs) pages on a CPU).  Nothing in stat shows a swapped-out page
 * freed without an RSS change (VmSwap), mlock of resident pages (VmLck), a
 * page moving between anon and file with the same count and no fault,
 * pages mapped in by khugepaged or another process, another process
 * unmapping shared pages (PSS), a write to oom_score_adj, swapon
 * (oom_score), a cgroup move or a cmdline rewritten in place: the slice
 * bounds how stale those can be.
 *
 * Must not: read or parse /proc files itself (procs_read.c does), or carry a
 * value forward without its known bit and error.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "procs_internal.h"
#include "util.h"

/*
 * Every process is read in full at least about this often.  A time rather
 * than a share of refreshes, so that staleness is bounded in seconds and a
 * faster refresh does not pay for more full reads than a slower one.
 */
#define PROC_FULL_READ_SECONDS 60.0

/* A process the rotating slice may pick. */
struct slice_candidate {
	uint64_t full_read;
	int64_t pid;
	size_t index;
};

void procs_budget_init(struct procs_budget *b, double share)
{
	memset(b, 0, sizeof(*b));
	b->smaps_slice = share;
	if (!(b->smaps_slice > 0)) /* 0, negative or NaN: by time */
		b->smaps_slice = 0;
	if (b->smaps_slice > 1)
		b->smaps_slice = 1;
}

/* Frees the strings a memo entry owns. */
static void memo_clear(struct proc_memo *m)
{
	free(m->values.comm);
	free(m->values.cmdline);
	free(m->values.cgroup);
	free(m->values.mems_allowed);
	m->values.comm = m->values.cmdline = m->values.cgroup = NULL;
	m->values.mems_allowed = NULL;
}

void procs_budget_free(struct procs_budget *b)
{
	for (size_t i = 0; i < b->nmemo; i++)
		memo_clear(&b->memo[i]);
	free(b->plan);
	free(b->memo);
	free(b->next_memo);
	free(b->candidates);
}

/* ---- what to read this refresh ---------------------------------------- */

static int compare_memo_pid(const void *key, const void *element)
{
	const int64_t *pid = key;
	const struct proc_memo *m = element;

	return (*pid > m->pid) - (*pid < m->pid);
}

static struct proc_memo *memo_find(const struct procs_budget *b,
                                   const struct proc *p)
{
	struct proc_memo *m;

	if (!b->memo || !(p->known & KNOWN(PROC_START_TICKS)))
		return NULL; /* without a start time, a reused pid looks alike */
	m = bsearch(&p->pid, b->memo, b->nmemo, sizeof(*m), compare_memo_pid);
	if (!m || m->start_ticks != p->start_ticks)
		return NULL;
	return m;
}

/* What stat says must be read again, against stat at the last status read. */
static unsigned reads_for_change(const struct proc_plan *plan)
{
	const struct stat_key *now = &plan->key, *then;

	if (!plan->memo || plan->memo->seen.exec != now->exec)
		return READ_ALL; /* new, or another program */
	then = &plan->memo->seen;
	if (now->rss_pages != then->rss_pages || now->faults != then->faults)
		return READ_STATUS | READ_SMAPS;
	if (now->vsize_bytes != then->vsize_bytes)
		return READ_STATUS;
	return 0;
}

static int compare_candidate(const void *a, const void *b)
{
	const struct slice_candidate *x = a, *y = b;

	if (x->full_read != y->full_read)
		return x->full_read < y->full_read ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/*
 * The share of processes to read in full this refresh: the fixed share if
 * one was set, else the time since the previous refresh over
 * PROC_FULL_READ_SECONDS.
 */
static double slice_share(struct procs_budget *b, double now)
{
	double elapsed = now - b->last_time;

	if (b->smaps_slice > 0)
		return b->smaps_slice;
	if (!(b->last_time > 0) || !(elapsed > 0)) /* first, or clock went back */
		return 0;
	return elapsed >= PROC_FULL_READ_SECONDS ? 1
	                                         : elapsed / PROC_FULL_READ_SECONDS;
}

/*
 * How many candidates to re-read in full this refresh: share of them, with
 * the fraction carried over, so that a share of 0.1 re-reads a lone process
 * every tenth refresh rather than every time.
 */
static size_t slice_count(struct procs_budget *b, size_t ncandidates,
                          double share)
{
	double want = b->slice_credit + share * (double)ncandidates;
	size_t whole;

	if (want >= (double)ncandidates) {
		b->slice_credit = 0;
		return ncandidates;
	}
	whole = (size_t)want; /* want >= 0: truncation is floor */
	b->slice_credit = want - (double)whole;
	return whole;
}

/*
 * Decides each process's reads: what its stat asks for, plus a full read
 * for the slice.  The slice draws from every process seen before, changed
 * or not, the least recently read in full first: a process whose memory
 * moves at every refresh still gets its cmdline and cgroup read again.
 */
void procs_budget_plan(struct procs_budget *b, const struct snapshot *snap)
{
	size_t ncandidates = 0, nread;

	b->refresh++;
	xgrow((void **)&b->candidates, &b->candidates_cap, snap->nprocesses,
	      sizeof(*b->candidates));
	for (size_t i = 0; i < snap->nprocesses; i++) {
		struct proc_plan *plan = &b->plan[i];

		plan->memo = memo_find(b, &snap->processes[i]);
		plan->reads = reads_for_change(plan);
		if (b->fresh_oom) /* the OOM model wants this refresh's values */
			plan->reads |= READ_STATUS;
		if (plan->reads != READ_ALL)
			b->candidates[ncandidates++] = (struct slice_candidate){
				.full_read = plan->memo->full_read,
				.pid = plan->memo->pid,
				.index = i,
			};
	}
	nread = slice_count(b, ncandidates, slice_share(b, snap->time));
	b->last_time = snap->time;
	if (nread > 0 && nread < ncandidates)
		qsort(b->candidates, ncandidates, sizeof(*b->candidates),
		      compare_candidate);
	for (size_t j = 0; j < nread; j++)
		b->plan[b->candidates[j].index].reads = READ_ALL;
}

/* ---- carrying the last reads forward ---------------------------------- */

static void carry_known(struct proc *p, const struct proc *from, uint64_t bits)
{
	p->known = (p->known & ~bits) | (from->known & bits);
}

/* The snapshot owns its strings: a carried one is a copy. */
static char *copy_string(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void carry_status(struct proc *p, const struct proc *from)
{
	p->rss_kb = from->rss_kb;
	p->anon_kb = from->anon_kb;
	p->file_kb = from->file_kb;
	p->shmem_kb = from->shmem_kb;
	p->swap_kb = from->swap_kb;
	p->pgtables_kb = from->pgtables_kb;
	p->vsz_kb = from->vsz_kb;
	p->locked_kb = from->locked_kb;
	p->comm = copy_string(from->comm);
	p->mems_allowed = copy_string(from->mems_allowed);
	p->cap_eff = from->cap_eff;
	p->source_err[PROC_SRC_STATUS] = from->source_err[PROC_SRC_STATUS];
	carry_known(p, from, STATUS_BITS);
}

static void carry_oom(struct proc *p, const struct proc *from)
{
	p->oom_score = from->oom_score;
	p->oom_score_adj = from->oom_score_adj;
	p->source_err[PROC_SRC_OOM] = from->source_err[PROC_SRC_OOM];
	carry_known(p, from, OOM_BITS);
}

static void carry_identity(struct proc *p, const struct proc *from)
{
	p->cmdline = copy_string(from->cmdline);
	p->cgroup = copy_string(from->cgroup);
	carry_known(p, from, IDENTITY_BITS);
}

/* The values of the last smaps_rollup read, with their old time. */
static void carry_smaps(struct proc *p, const struct proc *from)
{
	p->pss_kb = from->pss_kb;
	p->uss_kb = from->uss_kb;
	p->thp_kb = from->thp_kb;
	p->swap_pss_kb = from->swap_pss_kb;
	p->smaps_time = from->smaps_time;
	p->source_err[PROC_SRC_SMAPS_ROLLUP] =
		from->source_err[PROC_SRC_SMAPS_ROLLUP];
	carry_known(p, from, SMAPS_BITS);
}

/* ---- reading what the plan says ---------------------------------------- */

/*
 * smaps_rollup, when its values can have changed or were never read for
 * this address space.  No address space (kernel thread, zombie: the kernel
 * answers ESRCH), or status unreadable: nothing to read.
 */
static void refresh_smaps(struct procs_reader *r, struct proc *p,
                          const struct proc_plan *plan)
{
	const struct proc_memo *m = plan->memo;

	if (!(p->known & KNOWN(PROC_RSS))) {
		if (p->source_err[PROC_SRC_STATUS] == 0)
			p->source_err[PROC_SRC_SMAPS_ROLLUP] = ESRCH;
		return;
	}
	if ((plan->reads & READ_SMAPS) || !(m->values.known & KNOWN(PROC_RSS)))
		procs_read_smaps(r, p);
	else
		carry_smaps(p, &m->values);
}

/* Reads what the plan says, and carries the rest from the memo. */
void procs_budget_refresh(struct procs_budget *b, struct procs_reader *r,
                          bool want_smaps, struct proc *p,
                          struct proc_plan *plan)
{
	const struct proc_memo *m = plan->memo; /* set unless READ_ALL */

	if ((plan->reads & READ_STATUS) && b->fresh_oom) {
		if (procs_read_oom_inputs(r, p) < 0) {
			plan->gone = true;
			return;
		}
	} else if (plan->reads & READ_STATUS) {
		if (procs_read_status(r, p) < 0) {
			plan->gone = true;
			return;
		}
		procs_read_oom(r, p);
	} else {
		carry_status(p, &m->values);
		carry_oom(p, &m->values);
	}
	if (plan->reads & READ_IDENTITY) {
		procs_read_cmdline(r, p);
		procs_read_cgroup(r, p);
	} else {
		carry_identity(p, &m->values);
	}
	if (want_smaps)
		refresh_smaps(r, p, plan);
}

/* ---- the memo ---------------------------------------------------------- */

/* A string for the memo: the one it had when the value was carried (moved,
 * not copied), a copy of the snapshot's when it was read. */
static char *memo_string(const char *read, char **carried, bool was_read)
{
	char *s;

	if (was_read || !carried)
		return copy_string(read);
	s = *carried;
	*carried = NULL;
	return s;
}

static void memo_store(struct procs_budget *b, struct proc_memo *to,
                       const struct proc *p, const struct proc_plan *plan)
{
	struct proc_memo *old = plan->memo;
	bool status_read = !old || (plan->reads & READ_STATUS);
	bool identity_read = !old || (plan->reads & READ_IDENTITY);

	to->pid = p->pid;
	to->start_ticks = p->start_ticks;
	to->seen = status_read ? plan->key : old->seen;
	to->full_read = plan->reads == READ_ALL ? b->refresh : old->full_read;
	to->values = *p;
	to->values.known &= CARRIED_BITS;
	to->values.user = NULL;
	to->values.state = NULL;
	to->values.comm = memo_string(p->comm, old ? &old->values.comm : NULL,
	                              status_read);
	to->values.mems_allowed = memo_string(
		p->mems_allowed, old ? &old->values.mems_allowed : NULL,
		status_read);
	to->values.cmdline = memo_string(
		p->cmdline, old ? &old->values.cmdline : NULL, identity_read);
	to->values.cgroup = memo_string(
		p->cgroup, old ? &old->values.cgroup : NULL, identity_read);
}

static int compare_memo(const void *a, const void *b)
{
	return compare_memo_pid(&((const struct proc_memo *)a)->pid, b);
}

/*
 * Remembers this refresh's reads for the next one.  Processes that are gone
 * leave the memo; so do those without a start time, which cannot be told
 * from a successor with the same pid.
 */
void procs_budget_remember(struct procs_budget *b,
                           const struct snapshot *snap)
{
	struct proc_memo *swap;
	size_t n = 0, cap;
	bool sorted = true;

	xgrow((void **)&b->next_memo, &b->next_memo_cap, snap->nprocesses,
	      sizeof(*b->next_memo));
	for (size_t i = 0; i < snap->nprocesses; i++) {
		const struct proc *p = &snap->processes[i];

		if (b->plan[i].gone || !(p->known & KNOWN(PROC_START_TICKS)))
			continue;
		memo_store(b, &b->next_memo[n], p, &b->plan[i]);
		if (n > 0 && b->next_memo[n - 1].pid >= p->pid)
			sorted = false;
		n++;
	}
	for (size_t i = 0; i < b->nmemo; i++)
		memo_clear(&b->memo[i]); /* what was not carried: gone, re-read */
	swap = b->memo;
	cap = b->memo_cap;
	b->memo = b->next_memo;
	b->memo_cap = b->next_memo_cap;
	b->nmemo = n;
	b->next_memo = swap;
	b->next_memo_cap = cap;
	if (!sorted) /* /proc lists by pid; a capture might not */
		qsort(b->memo, n, sizeof(*b->memo), compare_memo);
}

