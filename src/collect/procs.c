/*
 * procs.c - the process collector: the process table from libproc2's pids
 * API, and what libproc2 reads badly or not at all through our own parsers,
 * each file read again only when its values can have changed.
 *
 * Every refresh, for every process, only libproc2's reap (measured with
 * strace against procps-ng 4.0.2): fstat of /proc/PID (user) and stat (ppid,
 * state, threads, start, faults, last CPU, and what tells a change: vsize,
 * rss, comm, start_code, start_stack).  That is top's pass without statm.
 * The CPU's NUMA node comes from a table asked of libnuma once.
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
 * procps_pids_select (used for --pid) also reads status itself, to find the
 * thread group; that second read is the price of not scanning every process.
 *
 * Must not: read processes from the live system under --root (libproc2 reads
 * only the real /proc), write to /proc, or report a value it could not read
 * as 0: such values keep their known bit clear and say why in source_err.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <numa.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libproc2/pids.h>

#include "parse.h"
#include "sources.h"
#include "util.h"

/* Share of the processes seen before that are re-read in full per refresh. */
/*
 * Every process is read in full at least about this often.  A time rather
 * than a share of refreshes, so that staleness is bounded in seconds and a
 * faster refresh does not pay for more full reads than a slower one.
 */
#define PROC_FULL_READ_SECONDS 60.0
/* procps_pids_select takes at most this many pids per call (FILL_ID_MAX). */
#define SELECT_MAX_PIDS 255
/* No /proc file we read is larger; cmdline is bounded by ARG_MAX. */
#define PID_FILE_MAX_BYTES (16u << 20)

/* The libproc2 items, and their positions in a result stack.  All come
 * from stat (and the user from fstat): no other file per process. */
static enum pids_item table_items[] = {
	PIDS_ID_PID, PIDS_ID_PPID, PIDS_ID_EUSER, PIDS_STATE, PIDS_NLWP,
	PIDS_TICS_BEGAN, PIDS_FLT_MIN, PIDS_FLT_MAJ, PIDS_PROCESSOR,
	PIDS_RSS, PIDS_VSIZE_BYTES, PIDS_CMD, PIDS_ADDR_CODE_START,
	PIDS_ADDR_STACK_START,
};
enum table_item {
	ITEM_PID, ITEM_PPID, ITEM_USER, ITEM_STATE, ITEM_THREADS, ITEM_START,
	ITEM_MINFLT, ITEM_MAJFLT, ITEM_CPU, ITEM_RSS, ITEM_VSIZE, ITEM_COMM,
	ITEM_CODE_START, ITEM_STACK_START, ITEM_COUNT
};
_Static_assert(ITEM_COUNT == ARRAY_SIZE(table_items),
               "table_item must follow table_items");

static const char *const pid_file_names[PID_FILE_COUNT] = {
	[PID_FILE_STATUS] = "status",
	[PID_FILE_OOM_SCORE] = "oom_score",
	[PID_FILE_OOM_SCORE_ADJ] = "oom_score_adj",
	[PID_FILE_CMDLINE] = "cmdline",
	[PID_FILE_CGROUP] = "cgroup",
	[PID_FILE_SMAPS_ROLLUP] = "smaps_rollup",
	[PID_FILE_SMAPS] = "smaps",
};

/* The values of each group of our reads, carried forward together. */
#define STATUS_BITS                                                      \
	(KNOWN(PROC_RSS) | KNOWN(PROC_ANON) | KNOWN(PROC_FILE) |         \
	 KNOWN(PROC_SHMEM) | KNOWN(PROC_SWAP) | KNOWN(PROC_PGTABLES) |   \
	 KNOWN(PROC_VSZ) | KNOWN(PROC_LOCKED) | KNOWN(PROC_COMM))
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
	uint64_t rss_pages;   /* approximate: see the header */
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
	struct stat_key key;
	struct proc_memo *memo; /* its last reads, or NULL when new */
	unsigned reads;         /* READ_* */
	bool gone;              /* exited before its status was read */
};

/* A process the rotating slice may pick. */
struct slice_candidate {
	uint64_t full_read;
	int64_t pid;
	size_t index;
};

struct proc_collector {
	struct pids_info *info;
	char *unavailable;  /* why there is no process table at all */
	int proc_fd;        /* /proc, for openat */
	unsigned *pids;     /* --pid, sorted, without duplicates */
	size_t npids;
	bool restrict_pids; /* pids given, even if none was valid */
	bool want_smaps;
	int *cpu_node;      /* NUMA node of each CPU, -1 unknown */
	size_t ncpus;
	double smaps_slice;  /* fixed share per refresh, or 0: by time */
	double last_time;    /* snapshot time of the previous collect */
	double slice_credit; /* fraction of a read carried to the next refresh */
	uint64_t refresh;    /* collects so far: the clock of full_read */
	uint64_t reads[PID_FILE_COUNT];
	char *buf;           /* every file is read into this buffer */
	size_t buf_cap;
	/* Reused from refresh to refresh, so that a refresh of unchanged
	 * processes allocates only the snapshot's own strings. */
	struct proc_plan *plan;
	size_t plan_cap;
	struct proc_memo *memo, *next_memo; /* memo: sorted by pid */
	size_t nmemo, memo_cap, next_memo_cap;
	struct slice_candidate *candidates;
	size_t candidates_cap;
};

static bool is_live(const char *root)
{
	return !root || !*root || strcmp(root, "/") == 0;
}

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

int proc_collector_new(struct proc_collector **out,
                       const struct collect_options *opts)
{
	struct proc_collector *pc = xcalloc(1, sizeof(*pc));
	int rc;

	pc->proc_fd = -1;
	pc->want_smaps = opts->want_smaps;
	pc->smaps_slice = opts->smaps_slice;
	if (!(pc->smaps_slice > 0)) /* 0, negative or NaN: by time */
		pc->smaps_slice = 0;
	if (pc->smaps_slice > 1)
		pc->smaps_slice = 1;
	copy_pids(pc, opts);
	*out = pc;
	/* Failures below are reported in every snapshot, not here: a
	 * collector without processes still collects everything else. */
	if (!is_live(opts->root)) {
		pc->unavailable = root_reason(opts->root);
		return 0;
	}
	pc->proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pc->proc_fd < 0) {
		pc->unavailable = unreadable_reason("/proc", -errno);
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

/* Frees the strings a memo entry owns. */
static void memo_clear(struct proc_memo *m)
{
	free(m->values.comm);
	free(m->values.cmdline);
	free(m->values.cgroup);
	m->values.comm = m->values.cmdline = m->values.cgroup = NULL;
}

void proc_collector_free(struct proc_collector *pc)
{
	if (!pc)
		return;
	if (pc->info)
		procps_pids_unref(&pc->info);
	if (pc->proc_fd >= 0)
		close(pc->proc_fd);
	for (size_t i = 0; i < pc->nmemo; i++)
		memo_clear(&pc->memo[i]);
	free(pc->unavailable);
	free(pc->pids);
	free(pc->cpu_node);
	free(pc->buf);
	free(pc->plan);
	free(pc->memo);
	free(pc->next_memo);
	free(pc->candidates);
	free(pc);
}

int proc_collector_reads(const struct proc_collector *pc,
                         uint64_t counts[PID_FILE_COUNT])
{
	memcpy(counts, pc->reads, sizeof(pc->reads));
	return 0;
}

/* ---- reading /proc/PID files ------------------------------------------ */

static void buf_reserve(struct proc_collector *pc, size_t need)
{
	xgrow((void **)&pc->buf, &pc->buf_cap, need, 1);
}

/*
 * Reads /proc/PID/FILE whole into pc->buf (NUL-terminated; the file itself
 * may contain NULs, as cmdline does).  Returns the length or -errno.
 */
static ssize_t read_pid_file(struct proc_collector *pc, int pid,
                             enum pid_file file)
{
	char path[64];
	size_t used = 0;
	int fd;

	pc->reads[file]++;
	snprintf(path, sizeof(path), "%d/%s", pid, pid_file_names[file]);
	fd = openat(pc->proc_fd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	buf_reserve(pc, 4096);
	for (;;) {
		ssize_t n;

		if (pc->buf_cap - used < 2) {
			if (pc->buf_cap >= PID_FILE_MAX_BYTES)
				break;
			buf_reserve(pc, pc->buf_cap * 2);
		}
		n = read(fd, pc->buf + used, pc->buf_cap - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			close(fd);
			return -err;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	pc->buf[used] = '\0';
	return (ssize_t)used;
}

/*
 * The Name line of status, unescaped.  The kernel prints comm there with only
 * '\\' and '\n' escaped (proc_task_name), so this gives back its exact bytes,
 * which libproc2's PIDS_CMD does not (it turns non-printable bytes into '.').
 */
static char *status_comm(const char *status)
{
	const char *s = status, *end;
	char *out, *o;

	while (strncmp(s, "Name:", 5) != 0) {
		s = strchr(s, '\n');
		if (!s)
			return NULL;
		s++;
	}
	s += 5;
	if (*s == '\t')
		s++; /* the kernel's separator; a comm may start with blanks */
	else
		s += strspn(s, " \t"); /* hand-edited captures */
	end = strchrnul(s, '\n');
	out = o = xmalloc((size_t)(end - s) + 1);
	for (; s < end; s++) {
		if (*s == '\\' && s + 1 < end && (s[1] == '\\' || s[1] == 'n')) {
			*o++ = s[1] == 'n' ? '\n' : '\\';
			s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* Whether /proc/PID is still there (a capture may just lack a file). */
static bool pid_dir_exists(const struct proc_collector *pc, int pid)
{
	char name[16];

	snprintf(name, sizeof(name), "%d", pid);
	return faccessat(pc->proc_fd, name, F_OK, 0) == 0;
}

/*
 * status: memory lines and comm.  Returns -ESRCH when the process is gone
 * (the caller drops it), 0 otherwise.
 */
static int read_status(struct proc_collector *pc, struct proc *p)
{
	ssize_t len = read_pid_file(pc, (int)p->pid, PID_FILE_STATUS);

	if ((len == -ENOENT || len == -ESRCH) &&
	    !pid_dir_exists(pc, (int)p->pid))
		return -ESRCH;
	if (len < 0) {
		p->source_err[PROC_SRC_STATUS] = (int)-len;
		return 0;
	}
	p->source_err[PROC_SRC_STATUS] = 0;
	/* -EINVAL: no VmRSS line, as for kernel threads and zombies, whose
	 * memory is then unknown (they have none to show). */
	(void)parse_status_memory(pc->buf, p);
	p->comm = status_comm(pc->buf);
	if (p->comm)
		p->known |= KNOWN(PROC_COMM);
	return 0;
}

/* cmdline: the arguments joined by spaces, bytes as the kernel has them. */
static void read_cmdline(struct proc_collector *pc, struct proc *p)
{
	ssize_t len = read_pid_file(pc, (int)p->pid, PID_FILE_CMDLINE);

	if (len < 0)
		return; /* unknown: gone, or not in a capture */
	while (len > 0 && pc->buf[len - 1] == '\0')
		len--;
	for (ssize_t i = 0; i < len; i++)
		if (pc->buf[i] == '\0')
			pc->buf[i] = ' ';
	p->cmdline = xstrndup(pc->buf, (size_t)len);
	p->known |= KNOWN(PROC_CMDLINE);
}

/* cgroup: the memory controller's path; unknown when the file is missing
 * or names none. */
static void read_cgroup(struct proc_collector *pc, struct proc *p)
{
	if (read_pid_file(pc, (int)p->pid, PID_FILE_CGROUP) < 0)
		return;
	p->cgroup = parse_cgroup_memory_path(pc->buf);
	if (p->cgroup)
		p->known |= KNOWN(PROC_CGROUP);
}

/* A file holding one decimal integer. Returns 0 or -errno. */
static int read_pid_int(struct proc_collector *pc, int pid,
                        enum pid_file file, int64_t *value)
{
	ssize_t len = read_pid_file(pc, pid, file);
	char *end;
	int rc;

	if (len < 0)
		return (int)len;
	rc = parse_int64(pc->buf, &end, value);
	if (rc < 0)
		return rc;
	if (end[strspn(end, " \t\n")] != '\0')
		return -EINVAL;
	return 0;
}

static void read_oom(struct proc_collector *pc, struct proc *p)
{
	int rc_score, rc_adj;

	rc_score = read_pid_int(pc, (int)p->pid, PID_FILE_OOM_SCORE,
	                        &p->oom_score);
	if (rc_score == 0)
		p->known |= KNOWN(PROC_OOM_SCORE);
	rc_adj = read_pid_int(pc, (int)p->pid, PID_FILE_OOM_SCORE_ADJ,
	                      &p->oom_score_adj);
	if (rc_adj == 0)
		p->known |= KNOWN(PROC_OOM_SCORE_ADJ);
	p->source_err[PROC_SRC_OOM] = rc_score < 0 ? -rc_score : -rc_adj;
}

/*
 * Reads smaps_rollup (smaps, summed, on kernels before 4.14 that lack it).
 * A process that exits meanwhile keeps what was read before, with the
 * smaps values unknown.
 */
static void read_smaps(struct proc_collector *pc, struct proc *p)
{
	ssize_t len = read_pid_file(pc, (int)p->pid, PID_FILE_SMAPS_ROLLUP);
	int rc;

	if (len == -ENOENT)
		len = read_pid_file(pc, (int)p->pid, PID_FILE_SMAPS);
	p->smaps_time = now_seconds(); /* the attempt; known only on success */
	if (len < 0) {
		p->source_err[PROC_SRC_SMAPS_ROLLUP] = (int)-len;
		return;
	}
	rc = parse_smaps_rollup(pc->buf, p);
	if (rc < 0) {
		p->known &= ~SMAPS_BITS;
		p->source_err[PROC_SRC_SMAPS_ROLLUP] = -rc;
		return;
	}
	p->known |= KNOWN(PROC_SMAPS_TIME);
	p->source_err[PROC_SRC_SMAPS_ROLLUP] = 0;
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
}

/*
 * The fields of stat.  libproc2 skips a task whose stat it cannot read, but
 * fills zeros for the fields a garbled stat lacks.  No state letter means it
 * did not even get past the comm: then nothing from stat is known (and with
 * no start time, nothing is carried forward).  (A stat cut after the state
 * still reads as zeros: libproc2 does not tell.)
 */
static void fill_stat(struct proc_collector *pc, struct proc *p,
                      struct proc_plan *plan, struct pids_stack *stack)
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
	xgrow((void **)&pc->plan, &pc->plan_cap, i + 1, sizeof(*pc->plan));
	p = &snap->processes[i];
	memset(p, 0, sizeof(*p));
	pc->plan[i] = (struct proc_plan){ 0 };
	for (int s = 0; s < PROC_SOURCE_COUNT; s++)
		p->source_err[s] = PROC_SOURCE_NOT_READ;
	p->pid = PIDS_VAL(ITEM_PID, s_int, stack, info);
	p->known |= KNOWN(PROC_PID);
	fill_stat(pc, p, &pc->plan[i], stack);
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
	xgrow((void **)&snap->processes, &cap, pc->nmemo + 1,
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

/* ---- what to read this refresh ---------------------------------------- */

static int compare_memo_pid(const void *key, const void *element)
{
	const int64_t *pid = key;
	const struct proc_memo *m = element;

	return (*pid > m->pid) - (*pid < m->pid);
}

static struct proc_memo *memo_find(const struct proc_collector *pc,
                                   const struct proc *p)
{
	struct proc_memo *m;

	if (!pc->memo || !(p->known & KNOWN(PROC_START_TICKS)))
		return NULL; /* without a start time, a reused pid looks alike */
	m = bsearch(&p->pid, pc->memo, pc->nmemo, sizeof(*m), compare_memo_pid);
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
static double slice_share(struct proc_collector *pc, double now)
{
	double elapsed = now - pc->last_time;

	if (pc->smaps_slice > 0)
		return pc->smaps_slice;
	if (!(pc->last_time > 0) || !(elapsed > 0)) /* first, or clock went back */
		return 0;
	return elapsed >= PROC_FULL_READ_SECONDS ? 1
	                                         : elapsed / PROC_FULL_READ_SECONDS;
}

/*
 * How many candidates to re-read in full this refresh: share of them, with
 * the fraction carried over, so that a share of 0.1 re-reads a lone process
 * every tenth refresh rather than every time.
 */
static size_t slice_count(struct proc_collector *pc, size_t ncandidates,
                          double share)
{
	double want = pc->slice_credit + share * (double)ncandidates;
	size_t whole;

	if (want >= (double)ncandidates) {
		pc->slice_credit = 0;
		return ncandidates;
	}
	whole = (size_t)want; /* want >= 0: truncation is floor */
	pc->slice_credit = want - (double)whole;
	return whole;
}

/*
 * Decides each process's reads: what its stat asks for, plus a full read
 * for the slice.  The slice draws from every process seen before, changed
 * or not, the least recently read in full first: a process whose memory
 * moves at every refresh still gets its cmdline and cgroup read again.
 */
static void plan_reads(struct proc_collector *pc, const struct snapshot *snap)
{
	size_t ncandidates = 0, nread;

	xgrow((void **)&pc->candidates, &pc->candidates_cap, snap->nprocesses,
	      sizeof(*pc->candidates));
	for (size_t i = 0; i < snap->nprocesses; i++) {
		struct proc_plan *plan = &pc->plan[i];

		plan->memo = memo_find(pc, &snap->processes[i]);
		plan->reads = reads_for_change(plan);
		if (plan->reads != READ_ALL)
			pc->candidates[ncandidates++] = (struct slice_candidate){
				.full_read = plan->memo->full_read,
				.pid = plan->memo->pid,
				.index = i,
			};
	}
	nread = slice_count(pc, ncandidates, slice_share(pc, snap->time));
	pc->last_time = snap->time;
	if (nread > 0 && nread < ncandidates)
		qsort(pc->candidates, ncandidates, sizeof(*pc->candidates),
		      compare_candidate);
	for (size_t j = 0; j < nread; j++)
		pc->plan[pc->candidates[j].index].reads = READ_ALL;
}

/* ---- reading ----------------------------------------------------------- */

/*
 * smaps_rollup, when its values can have changed or were never read for
 * this address space.  No address space (kernel thread, zombie: the kernel
 * answers ESRCH), or status unreadable: nothing to read.
 */
static void refresh_smaps(struct proc_collector *pc, struct proc *p,
                          const struct proc_plan *plan)
{
	const struct proc_memo *m = plan->memo;

	if (!(p->known & KNOWN(PROC_RSS))) {
		if (p->source_err[PROC_SRC_STATUS] == 0)
			p->source_err[PROC_SRC_SMAPS_ROLLUP] = ESRCH;
		return;
	}
	if ((plan->reads & READ_SMAPS) || !(m->values.known & KNOWN(PROC_RSS)))
		read_smaps(pc, p);
	else
		carry_smaps(p, &m->values);
}

/* Reads what the plan says, and carries the rest from the memo. */
static void refresh_process(struct proc_collector *pc, struct proc *p,
                            struct proc_plan *plan)
{
	const struct proc_memo *m = plan->memo; /* set unless READ_ALL */

	if (plan->reads & READ_STATUS) {
		if (read_status(pc, p) < 0) {
			plan->gone = true;
			return;
		}
		read_oom(pc, p);
	} else {
		carry_status(p, &m->values);
		carry_oom(p, &m->values);
	}
	if (plan->reads & READ_IDENTITY) {
		read_cmdline(pc, p);
		read_cgroup(pc, p);
	} else {
		carry_identity(p, &m->values);
	}
	if (pc->want_smaps)
		refresh_smaps(pc, p, plan);
}

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

static void memo_store(struct proc_collector *pc, struct proc_memo *to,
                       const struct proc *p, const struct proc_plan *plan)
{
	struct proc_memo *old = plan->memo;
	bool status_read = !old || (plan->reads & READ_STATUS);
	bool identity_read = !old || (plan->reads & READ_IDENTITY);

	to->pid = p->pid;
	to->start_ticks = p->start_ticks;
	to->seen = status_read ? plan->key : old->seen;
	to->full_read = plan->reads == READ_ALL ? pc->refresh : old->full_read;
	to->values = *p;
	to->values.known &= CARRIED_BITS;
	to->values.user = NULL;
	to->values.state = NULL;
	to->values.comm = memo_string(p->comm, old ? &old->values.comm : NULL,
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
static void memo_rebuild(struct proc_collector *pc, const struct snapshot *snap)
{
	struct proc_memo *swap;
	size_t n = 0, cap;
	bool sorted = true;

	xgrow((void **)&pc->next_memo, &pc->next_memo_cap, snap->nprocesses,
	      sizeof(*pc->next_memo));
	for (size_t i = 0; i < snap->nprocesses; i++) {
		const struct proc *p = &snap->processes[i];

		if (pc->plan[i].gone || !(p->known & KNOWN(PROC_START_TICKS)))
			continue;
		memo_store(pc, &pc->next_memo[n], p, &pc->plan[i]);
		if (n > 0 && pc->next_memo[n - 1].pid >= p->pid)
			sorted = false;
		n++;
	}
	for (size_t i = 0; i < pc->nmemo; i++)
		memo_clear(&pc->memo[i]); /* what was not carried: gone, re-read */
	swap = pc->memo;
	cap = pc->memo_cap;
	pc->memo = pc->next_memo;
	pc->memo_cap = pc->next_memo_cap;
	pc->nmemo = n;
	pc->next_memo = swap;
	pc->next_memo_cap = cap;
	if (!sorted) /* /proc lists by pid; a capture might not */
		qsort(pc->memo, n, sizeof(*pc->memo), compare_memo);
}

/* Drops the processes that exited before their status was read. */
static void drop_gone(struct proc_collector *pc, struct snapshot *snap)
{
	size_t n = 0;

	for (size_t i = 0; i < snap->nprocesses; i++) {
		if (pc->plan[i].gone)
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
	snapshot_set_unavailable(snap, "processes", reason);
	free(reason);
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
	pc->refresh++;
	plan_reads(pc, snap);
	for (size_t i = 0; i < snap->nprocesses; i++)
		refresh_process(pc, &snap->processes[i], &pc->plan[i]);
	memo_rebuild(pc, snap);
	drop_gone(pc, snap);
	snapshot_sort_processes(snap);
	snap->known |= KNOWN(SEC_PROCESSES);
}
