/*
 * procs.c - the process collector: the process table from libproc2's pids
 * API, and what libproc2 reads badly or not at all through our own parsers
 * (procs_read.c), each file read again only when its values can have
 * changed (procs_budget.c).
 *
 * Every refresh, for every process, only libproc2's reap (measured with
 * strace against procps-ng 4.0.2): fstat of /proc/PID (user) and stat (ppid,
 * state, threads, start, faults, last CPU, and what tells a change: vsize,
 * rss, comm, start_code, start_stack; and for the OOM model flags, nice,
 * CPU time and age, with /proc/uptime read once per refresh).  That is top's pass without statm.
 * The CPU's NUMA node comes from a table asked of libnuma once.
 *
 * procps_pids_select (used for --pid) also reads status itself, to find the
 * thread group; that second read is the price of not scanning every process.
 *
 * Must not: read processes from the live system under --root (libproc2 reads
 * only the real /proc), write to /proc, or report a value it could not read
 * as 0: such values keep their known bit clear and say why in source_err.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <numa.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libproc2/pids.h>

#include "common.h"
#include "procs_internal.h"
#include "util.h"

/* procps_pids_select takes at most this many pids per call (FILL_ID_MAX). */
#define SELECT_MAX_PIDS 255

/* The libproc2 items, and their positions in a result stack.  All come
 * from stat (and the user from fstat): no other file per process. */
static enum pids_item table_items[] = {
	PIDS_ID_PID, PIDS_ID_PPID, PIDS_ID_EUSER, PIDS_STATE, PIDS_NLWP,
	PIDS_TICS_BEGAN, PIDS_FLT_MIN, PIDS_FLT_MAJ, PIDS_PROCESSOR,
	PIDS_RSS, PIDS_VSIZE_BYTES, PIDS_CMD, PIDS_ADDR_CODE_START,
	PIDS_ADDR_STACK_START, PIDS_FLAGS, PIDS_NICE, PIDS_TIME_ALL,
	PIDS_TIME_ELAPSED,
};
enum table_item {
	ITEM_PID, ITEM_PPID, ITEM_USER, ITEM_STATE, ITEM_THREADS, ITEM_START,
	ITEM_MINFLT, ITEM_MAJFLT, ITEM_CPU, ITEM_RSS, ITEM_VSIZE, ITEM_COMM,
	ITEM_CODE_START, ITEM_STACK_START, ITEM_FLAGS, ITEM_NICE,
	ITEM_CPU_TIME, ITEM_AGE, ITEM_COUNT
};
_Static_assert(ITEM_COUNT == ARRAY_SIZE(table_items),
               "table_item must follow table_items");

struct proc_collector {
	struct pids_info *info;
	char *unavailable;  /* why there is no process table at all */
	unsigned *pids;     /* --pid, sorted, without duplicates */
	size_t npids;
	bool restrict_pids; /* pids given, even if none was valid */
	bool want_smaps;
	bool fresh_oom;     /* collect_options.fresh_oom_inputs */
	int *cpu_node;      /* NUMA node of each CPU, -1 unknown */
	size_t ncpus;
	struct procs_reader reader;
	struct procs_budget budget;
};

static int compare_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return (x > y) - (x < y);
}

/* Keeps the valid pids of --pid, sorted and once each. */
static void copy_pids(struct proc_collector *pc,
                      const struct collect_options *opts)
{
	size_t n = 0;

	pc->restrict_pids = opts->pids != NULL;
	if (!opts->pids || opts->npids == 0)
		return;
	pc->pids = xcalloc(opts->npids, sizeof(*pc->pids));
	for (size_t i = 0; i < opts->npids; i++)
		if (opts->pids[i] > 0 && opts->pids[i] <= INT_MAX)
			pc->pids[n++] = (unsigned)opts->pids[i];
	qsort(pc->pids, n, sizeof(*pc->pids), compare_unsigned);
	pc->npids = 0;
	for (size_t i = 0; i < n; i++)
		if (pc->npids == 0 || pc->pids[pc->npids - 1] != pc->pids[i])
			pc->pids[pc->npids++] = pc->pids[i];
}

static char *root_reason(const char *root)
{
	return xasprintf(
		_("not read under --root %s: libproc2 reads only the real "
		  "/proc. To read a captured tree, bind-mount it over /proc in "
		  "a private mount namespace: unshare -rm sh -c "
		  "'mount --bind %s/proc /proc && memlens -b'"),
		root, root);
}

/*
 * The node of each CPU, asked of libnuma once: libproc2's PIDS_PROCESSOR_NODE
 * asks it again for every process, which cost more than a tenth of the
 * steady refresh.  No table without NUMA support: nodes are then unknown.
 */
static void map_cpu_nodes(struct proc_collector *pc)
{
	int ncpus;

	if (numa_available() < 0)
		return;
	ncpus = numa_num_configured_cpus();
	if (ncpus <= 0)
		return;
	pc->ncpus = (size_t)ncpus;
	pc->cpu_node = xcalloc(pc->ncpus, sizeof(*pc->cpu_node));
	for (int cpu = 0; cpu < ncpus; cpu++)
		pc->cpu_node[cpu] = numa_node_of_cpu(cpu);
}

void proc_collector_set_fresh_oom(struct proc_collector *pc, bool fresh)
{
	pc->fresh_oom = fresh;
	pc->budget.fresh_oom = fresh;
}

int proc_collector_new(struct proc_collector **out,
                       const struct collect_options *opts)
{
	struct proc_collector *pc = xcalloc(1, sizeof(*pc));
	int rc;

	pc->reader.proc_fd = -1;
	pc->want_smaps = opts->want_smaps;
	procs_budget_init(&pc->budget, opts->smaps_slice);
	proc_collector_set_fresh_oom(pc, opts->fresh_oom_inputs);
	copy_pids(pc, opts);
	*out = pc;
	/* Failures below are reported in every snapshot, not here: a
	 * collector without processes still collects everything else. */
	if (!collect_is_live(opts->root)) {
		pc->unavailable = root_reason(opts->root);
		return 0;
	}
	rc = procs_read_open(&pc->reader);
	if (rc < 0) {
		pc->unavailable = unreadable_reason("/proc", rc);
		return 0;
	}
	rc = procps_pids_new(&pc->info, table_items, (int)ITEM_COUNT);
	if (rc < 0) {
		pc->info = NULL;
		pc->unavailable = xasprintf(_("libproc2: cannot read /proc: %s"),
		                            strerror(-rc));
		return 0;
	}
	map_cpu_nodes(pc);
	return 0;
}

void proc_collector_free(struct proc_collector *pc)
{
	if (!pc)
		return;
	if (pc->info)
		procps_pids_unref(&pc->info);
	procs_read_close(&pc->reader);
	procs_budget_free(&pc->budget);
	free(pc->unavailable);
	free(pc->pids);
	free(pc->cpu_node);
	free(pc);
}

int proc_collector_reads(const struct proc_collector *pc,
                         uint64_t counts[PID_FILE_COUNT])
{
	memcpy(counts, pc->reader.reads, sizeof(pc->reader.reads));
	return 0;
}

/* ---- the libproc2 table ----------------------------------------------- */

/* FNV-1a, 64 bits: enough to tell one exec from the next. */
#define FNV_OFFSET UINT64_C(14695981039346656037)
#define FNV_PRIME UINT64_C(1099511628211)

static uint64_t hash_bytes(uint64_t hash, const void *data, size_t len)
{
	const unsigned char *byte = data;

	for (size_t i = 0; i < len; i++)
		hash = (hash ^ byte[i]) * FNV_PRIME;
	return hash;
}

/*
 * What stat says that tells a change.  exec gives the process a new comm
 * (usually) and, with ASLR, a new start_code and start_stack (which stat
 * shows as 0 or 1 to those who may not ptrace the process).
 */
static void fill_key(struct proc_collector *pc, const struct proc *p,
                     struct proc_plan *plan, struct pids_stack *stack)
{
	struct pids_info *info = pc->info;
	const char *comm = PIDS_VAL(ITEM_COMM, str, stack, info);
	unsigned long code = PIDS_VAL(ITEM_CODE_START, ul_int, stack, info);
	unsigned long stack_start =
		PIDS_VAL(ITEM_STACK_START, ul_int, stack, info);
	uint64_t exec = FNV_OFFSET;

	(void)info; /* used by PIDS_VAL only when built with XTRA_PROCPS_DEBUG */
	if (comm)
		exec = hash_bytes(exec, comm, strlen(comm) + 1);
	exec = hash_bytes(exec, &code, sizeof(code));
	exec = hash_bytes(exec, &stack_start, sizeof(stack_start));
	plan->key = (struct stat_key){
		.rss_pages = PIDS_VAL(ITEM_RSS, ul_int, stack, info),
		.vsize_bytes = PIDS_VAL(ITEM_VSIZE, ul_int, stack, info),
		.faults = (uint64_t)p->minflt + (uint64_t)p->majflt,
		.exec = exec,
	};
	plan->code_start = code;
	plan->stack_start = stack_start;
}

/*
 * What the OOM killer and the 2.6 heuristic read that stat has: rss (the
 * approximate get_mm_rss(), which oom_badness() reads too), total_vm, the
 * task flags (PF_KTHREAD), nice, CPU time and age.
 */
static void fill_oom_stat(struct proc_collector *pc, struct proc *p,
                          int64_t page_size, struct pids_stack *stack)
{
	struct pids_info *info = pc->info;

	(void)info;
	p->stat_rss_pages = (int64_t)PIDS_VAL(ITEM_RSS, ul_int, stack, info);
	p->task_flags = (int64_t)PIDS_VAL(ITEM_FLAGS, ul_int, stack, info);
	p->nice = PIDS_VAL(ITEM_NICE, s_int, stack, info);
	p->cpu_time_s = PIDS_VAL(ITEM_CPU_TIME, real, stack, info);
	p->age_s = PIDS_VAL(ITEM_AGE, real, stack, info);
	p->known |= KNOWN(PROC_STAT_RSS) | KNOWN(PROC_TASK_FLAGS) |
	            KNOWN(PROC_NICE) | KNOWN(PROC_CPU_TIME) | KNOWN(PROC_AGE);
	if (page_size > 0) {
		p->total_vm_pages =
			(int64_t)(PIDS_VAL(ITEM_VSIZE, ul_int, stack, info) /
			          (unsigned long)page_size);
		p->known |= KNOWN(PROC_TOTAL_VM);
	}
}

/*
 * The fields of stat.  libproc2 skips a task whose stat it cannot read, but
 * fills zeros for the fields a garbled stat lacks.  No state letter means it
 * did not even get past the comm: then nothing from stat is known (and with
 * no start time, nothing is carried forward).  (A stat cut after the state
 * still reads as zeros: libproc2 does not tell.)
 */
static void fill_stat(struct proc_collector *pc, struct proc *p,
                      int64_t page_size, struct proc_plan *plan,
                      struct pids_stack *stack)
{
	struct pids_info *info = pc->info;
	char state = (char)PIDS_VAL(ITEM_STATE, s_ch, stack, info);
	int cpu = PIDS_VAL(ITEM_CPU, s_int, stack, info);
	/* R, S, D, Z, T, t (traced), X, x, I, P, K, W by kernel version */
	bool letter = (state >= 'A' && state <= 'Z') ||
	              (state >= 'a' && state <= 'z');

	(void)info;
	if (!letter) {
		p->source_err[PROC_SRC_STAT] = EINVAL;
		return;
	}
	p->source_err[PROC_SRC_STAT] = 0;
	p->ppid = PIDS_VAL(ITEM_PPID, s_int, stack, info);
	p->threads = PIDS_VAL(ITEM_THREADS, s_int, stack, info);
	p->start_ticks = (int64_t)PIDS_VAL(ITEM_START, ull_int, stack, info);
	p->minflt = (int64_t)PIDS_VAL(ITEM_MINFLT, ul_int, stack, info);
	p->majflt = (int64_t)PIDS_VAL(ITEM_MAJFLT, ul_int, stack, info);
	p->state = xstrndup(&state, 1);
	p->known |= KNOWN(PROC_PPID) | KNOWN(PROC_STATE) | KNOWN(PROC_THREADS) |
	            KNOWN(PROC_START_TICKS) | KNOWN(PROC_MINFLT) |
	            KNOWN(PROC_MAJFLT);
	if (cpu >= 0 && (size_t)cpu < pc->ncpus && pc->cpu_node[cpu] >= 0) {
		p->numa_node = pc->cpu_node[cpu];
		p->known |= KNOWN(PROC_NUMA_NODE);
	}
	fill_key(pc, p, plan, stack);
	fill_oom_stat(pc, p, page_size, stack);
}

/* Adds the process of one libproc2 stack; our own files are read later. */
static void add_process(struct proc_collector *pc, struct snapshot *snap,
                        size_t *cap, struct pids_stack *stack)
{
	struct pids_info *info = pc->info;
	const char *user = PIDS_VAL(ITEM_USER, str, stack, info);
	size_t i = snap->nprocesses;
	struct proc *p;

	(void)info;
	xgrow((void **)&snap->processes, cap, i + 1, sizeof(*snap->processes));
	xgrow((void **)&pc->budget.plan, &pc->budget.plan_cap, i + 1,
	      sizeof(*pc->budget.plan));
	p = &snap->processes[i];
	memset(p, 0, sizeof(*p));
	pc->budget.plan[i] = (struct proc_plan){ 0 };
	for (int s = 0; s < PROC_SOURCE_COUNT; s++)
		p->source_err[s] = PROC_SOURCE_NOT_READ;
	p->pid = PIDS_VAL(ITEM_PID, s_int, stack, info);
	p->known |= KNOWN(PROC_PID);
	fill_stat(pc, p, snap->page_size, &pc->budget.plan[i], stack);
	/* The owner of /proc/PID: the effective user, except for a
	 * non-dumpable process, which the kernel shows as root. */
	if (user && *user) {
		p->user = xstrdup(user);
		p->known |= KNOWN(PROC_USER);
	}
	snap->nprocesses++;
}

static int add_fetch(struct proc_collector *pc, struct snapshot *snap,
                     size_t *cap, struct pids_fetch *fetch)
{
	if (!fetch)
		return -(errno ? errno : EIO);
	for (int i = 0; i < fetch->counts->total; i++)
		add_process(pc, snap, cap, fetch->stacks[i]);
	return 0;
}

/*
 * Every process, or those of --pid (libproc2 selects 255 at a time), in
 * the order of /proc, which is by pid.
 */
static int read_table(struct proc_collector *pc, struct snapshot *snap)
{
	size_t cap = 0;
	int rc = 0;

	/* About as many as last time: one allocation, not a doubling run. */
	xgrow((void **)&snap->processes, &cap, pc->budget.nmemo + 1,
	      sizeof(*snap->processes));
	if (!pc->restrict_pids) {
		errno = 0;
		return add_fetch(pc, snap, &cap,
		                 procps_pids_reap(pc->info,
		                                  PIDS_FETCH_TASKS_ONLY));
	}
	for (size_t done = 0; done < pc->npids && rc == 0;) {
		size_t n = pc->npids - done;

		if (n > SELECT_MAX_PIDS)
			n = SELECT_MAX_PIDS;
		errno = 0;
		rc = add_fetch(pc, snap, &cap,
		               procps_pids_select(pc->info, pc->pids + done,
		                                  (int)n, PIDS_SELECT_PID));
		done += n;
	}
	return rc;
}

/* Drops the processes that exited before their status was read. */
static void drop_gone(struct proc_collector *pc, struct snapshot *snap)
{
	size_t n = 0;

	for (size_t i = 0; i < snap->nprocesses; i++) {
		if (pc->budget.plan[i].gone)
			proc_clear(&snap->processes[i]);
		else
			snap->processes[n++] = snap->processes[i];
	}
	snap->nprocesses = n;
}

/* ---- the collector ---------------------------------------------------- */

static void table_failed(struct snapshot *snap, int rc)
{
	char *reason = xasprintf(_("libproc2: cannot read the process table "
	                           "from /proc: %s"),
	                         strerror(-rc));

	for (size_t i = 0; i < snap->nprocesses; i++)
		proc_clear(&snap->processes[i]);
	free(snap->processes);
	snap->processes = NULL;
	snap->nprocesses = 0;
	collect_mark_reason(snap, "processes", reason);
}

void proc_collector_collect(struct proc_collector *pc, struct snapshot *snap)
{
	int rc;

	if (pc->unavailable) {
		snapshot_set_unavailable(snap, "processes", pc->unavailable);
		return;
	}
	rc = read_table(pc, snap);
	if (rc < 0) {
		table_failed(snap, rc);
		return;
	}
	procs_budget_plan(&pc->budget, snap);
	for (size_t i = 0; i < snap->nprocesses; i++)
		procs_budget_refresh(&pc->budget, &pc->reader, pc->want_smaps,
		                     &snap->processes[i], &pc->budget.plan[i]);
	if (pc->fresh_oom)
		procs_mm_share(&pc->reader, snap, pc->budget.plan);
	procs_budget_remember(&pc->budget, snap);
	drop_gone(pc, snap);
	snapshot_sort_processes(snap);
	snap->known |= KNOWN(SEC_PROCESSES);
}
