/*
 * test_procs.c - the process collector against this kernel.  A memhog child
 * of known size (64 MiB anonymous in 4 KiB pages, 32 MiB of a shared file
 * mapping) is collected and compared with what the test reads itself from
 * /proc/PID/status, smaps_rollup, stat, comm and oom_score; then the smaps
 * budget (carry forward, re-read on RSS change, rotating slice), which files
 * are read again after no change, growth, exec (counted by the collector
 * itself), values that must stay unknown (zombie, kernel thread, another
 * user's smaps_rollup), and --root.
 *
 * Must not: compare with values computed by the code under test, or leave
 * memhog running (it dies with its parent).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/magic.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "collect.h"
#include "snapshot.h"
#include "util.h"
/* The process collector's own interface, for its read counts. */
#include "../../src/collect/sources.h"

#define HOG_ANON_MIB 64
#define HOG_FILE_MIB 32
#define HOG_GROW_MIB 16
#define MIB_KB 1024
/* Beyond its two mappings memhog holds a few MiB: libc, stack, binary. */
#define HOG_SLACK_KB (16 * MIB_KB)
/* PSS of shared libc pages moves when other processes map or unmap them. */
#define PSS_SLACK_KB 1024
/* A comm with the bytes libproc2 would escape, and arguments with them. */
#define HOG_COMM "mh\\x\n" "\x01" "\xff" "-hog"
#define HOG_ARG "a b\tc\n" "\x01" "\xff"

struct hog {
	pid_t pid;
	int out_fd; /* memhog's stdout */
	char file[PATH_MAX];
	char cmdline[PATH_MAX * 2]; /* what the collector must report */
	bool file_is_shmem;         /* on tmpfs, file pages count as RssShmem */
};

static struct hog hog;

/* ---- reading /proc the simple way, independently of the collector ---- */

static char *slurp(const char *path, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0, used = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	for (;;) {
		ssize_t n;

		if (cap - used < 4096) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		n = read(fd, buf + used, cap - used - 1);
		if (n <= 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	buf[used] = '\0';
	if (len)
		*len = used;
	return buf;
}

/* The number after "key:" in a "key: value kB" file; fails the test when
 * the line is missing. */
static int64_t file_value(const char *path, const char *key)
{
	char *text = slurp(path, NULL);
	size_t klen = strlen(key);
	const char *line = text;
	int64_t value = -1;

	assert_non_null(text);
	while (line) {
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			value = strtoll(line + klen + 1, NULL, 10);
			break;
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	free(text);
	if (value < 0)
		fail_msg("%s: no %s line", path, key);
	return value;
}

static int64_t status_kb(pid_t pid, const char *key)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	return file_value(path, key);
}

static int64_t rollup_kb(pid_t pid, const char *key)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", (int)pid);
	return file_value(path, key);
}

/* Field n (1-based) of /proc/PID/stat, counted after the comm. */
static int64_t stat_field(pid_t pid, int n)
{
	char path[64], *text, *s;
	int64_t value = -1;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	text = slurp(path, NULL);
	assert_non_null(text);
	s = strrchr(text, ')');
	assert_non_null(s);
	s++;
	for (int field = 3; field <= n && s; field++) {
		s += strspn(s, " ");
		if (field == n)
			value = strtoll(s, NULL, 10);
		s = strchr(s, ' ');
	}
	free(text);
	return value;
}

static int64_t pid_file_int(pid_t pid, const char *name)
{
	char path[64], *text;
	int64_t value;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	text = slurp(path, NULL);
	assert_non_null(text);
	value = strtoll(text, NULL, 10);
	free(text);
	return value;
}

/* ---- memhog ------------------------------------------------------------ */

/* Reads one line from a memhog's stdout, waiting at most 60 s. */
static void expect_line(int fd, const char *want)
{
	char line[64];
	size_t used = 0;

	while (used < sizeof(line) - 1) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&pfd, 1, 60000) <= 0)
			fail_msg("memhog did not say \"%s\" within 60 s", want);
		n = read(fd, line + used, 1);
		if (n <= 0)
			fail_msg("memhog exited before saying \"%s\"", want);
		if (line[used] == '\n')
			break;
		used++;
	}
	line[used] = '\0';
	assert_string_equal(line, want);
}

static void hog_expect(const char *want)
{
	expect_line(hog.out_fd, want);
}

/* Waits until the process sleeps (memhog in sigwait): after saying something
 * it may still be runnable for a while on a busy machine. */
static void wait_sleeping(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (int i = 0; i < 10000; i++) {
		char *stat = slurp(path, NULL);
		const char *s = stat ? strrchr(stat, ')') : NULL;
		bool sleeping = s && s[1] == ' ' && s[2] == 'S';

		free(stat);
		if (sleeping)
			return;
		usleep(1000);
	}
	fail_msg("pid %d does not go to sleep", (int)pid);
}

static void hog_wait_sleeping(void)
{
	wait_sleeping(hog.pid);
}

static void join_args(char *out, size_t size, char *const argv[])
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; argv[i]; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s",
		                         i ? " " : "", argv[i]);
}

static int hog_start(void **state)
{
	char anon[16], file[16], grow[16];
	/* The empty argument shows as two spaces in cmdline. */
	char *argv[] = { MEMHOG, anon, file, hog.file, grow, HOG_COMM, "",
		         HOG_ARG, NULL };
	struct statfs fs;
	int out[2], fd;

	(void)state;
	snprintf(anon, sizeof(anon), "%d", HOG_ANON_MIB);
	snprintf(file, sizeof(file), "%d", HOG_FILE_MIB);
	snprintf(grow, sizeof(grow), "%d", HOG_GROW_MIB);
	/* In the build directory, which is on a disk file system more often
	 * than /tmp is. */
	snprintf(hog.file, sizeof(hog.file), "memhog-data-XXXXXX");
	fd = mkstemp(hog.file);
	if (fd < 0 || fstatfs(fd, &fs) < 0)
		return -1;
	hog.file_is_shmem = fs.f_type == TMPFS_MAGIC;
	close(fd);
	join_args(hog.cmdline, sizeof(hog.cmdline), argv);
	if (pipe(out) < 0)
		return -1;
	hog.pid = fork();
	if (hog.pid < 0)
		return -1;
	if (hog.pid == 0) {
		dup2(out[1], STDOUT_FILENO);
		close(out[0]);
		close(out[1]);
		execv(MEMHOG, argv);
		_exit(127);
	}
	close(out[1]);
	hog.out_fd = out[0];
	hog_expect("ready");
	hog_wait_sleeping();
	return 0;
}

static int hog_stop(void **state)
{
	(void)state;
	if (hog.pid > 0) {
		kill(hog.pid, SIGKILL);
		waitpid(hog.pid, NULL, 0);
	}
	close(hog.out_fd);
	unlink(hog.file); /* memhog unlinks it itself once mapped */
	return 0;
}

static void hog_grow(void)
{
	kill(hog.pid, SIGUSR1);
	hog_expect("grown");
	hog_wait_sleeping();
}

/* ---- collecting -------------------------------------------------------- */

struct run {
	struct collect_options opts;
	int64_t pids[4];
	struct collector *collector;
};

static void run_open(struct run *r, bool smaps, double slice,
                     const int64_t *pids, size_t npids)
{
	memset(r, 0, sizeof(*r));
	r->opts.sections = KNOWN(SEC_PROCESSES);
	r->opts.want_smaps = smaps;
	r->opts.smaps_slice = slice;
	if (pids) {
		memcpy(r->pids, pids, npids * sizeof(*pids));
		r->opts.pids = r->pids;
		r->opts.npids = npids;
	}
	assert_int_equal(collector_new(&r->collector, &r->opts), 0);
}

static struct snapshot *run_collect(struct run *r)
{
	struct snapshot *snap = collector_collect(r->collector);

	assert_non_null(snap);
	return snap;
}

static void run_close(struct run *r)
{
	collector_free(r->collector);
}

/* The process, which must be in the snapshot. */
static const struct proc *must_find(const struct snapshot *snap, pid_t pid)
{
	const struct proc *p = snapshot_find_proc(snap, pid);

	if (!p)
		fail_msg("pid %d is not in the snapshot", (int)pid);
	return p;
}

static void assert_known(const struct proc *p, int bit)
{
	if (!(p->known & KNOWN(bit)))
		fail_msg("pid %lld: field %d is unknown", (long long)p->pid,
		         bit);
}

/* A slice so small that it never picks a process during a test. */
#define NO_SLICE 1e-9

/* ---- tests ------------------------------------------------------------- */

static void test_memory_matches_status(void **state)
{
	int64_t pids[] = { hog.pid };
	struct snapshot *snap;
	const struct proc *p;
	struct run r;
	int64_t mapped_file_kb, page_kb = sysconf(_SC_PAGESIZE) / 1024;

	(void)state;
	run_open(&r, false, 0, pids, 1);
	snap = run_collect(&r);
	assert_true(snap->known & KNOWN(SEC_PROCESSES));
	assert_int_equal(snap->nprocesses, 1);
	p = must_find(snap, hog.pid);
	for (int bit = PROC_RSS; bit <= PROC_LOCKED; bit++)
		assert_known(p, bit);
	assert_int_equal(p->source_err[PROC_SRC_STATUS], 0);
	/* memhog is idle: its status does not change after the collect. */
	assert_int_equal(p->rss_kb, status_kb(hog.pid, "VmRSS"));
	assert_int_equal(p->anon_kb, status_kb(hog.pid, "RssAnon"));
	assert_int_equal(p->file_kb, status_kb(hog.pid, "RssFile"));
	assert_int_equal(p->shmem_kb, status_kb(hog.pid, "RssShmem"));
	assert_int_equal(p->swap_kb, status_kb(hog.pid, "VmSwap"));
	assert_int_equal(p->pgtables_kb, status_kb(hog.pid, "VmPTE"));
	assert_int_equal(p->vsz_kb, status_kb(hog.pid, "VmSize"));
	assert_int_equal(p->locked_kb, status_kb(hog.pid, "VmLck"));
	/* And with what memhog mapped. */
	assert_in_range(p->anon_kb, HOG_ANON_MIB * MIB_KB,
	                HOG_ANON_MIB * MIB_KB + HOG_SLACK_KB);
	mapped_file_kb = hog.file_is_shmem ? p->shmem_kb : p->file_kb;
	assert_in_range(mapped_file_kb, HOG_FILE_MIB * MIB_KB,
	                HOG_FILE_MIB * MIB_KB + HOG_SLACK_KB);
	assert_true(p->vsz_kb >= (HOG_ANON_MIB + HOG_FILE_MIB) * MIB_KB);
	/* One fault per base page of the anonymous mapping at least
	 * (MADV_NOHUGEPAGE), and the same count as stat field 10. */
	assert_known(p, PROC_MINFLT);
	assert_true(p->minflt >= HOG_ANON_MIB * MIB_KB / page_kb);
	assert_true(p->minflt == stat_field(hog.pid, 10));
	assert_known(p, PROC_MAJFLT);
	assert_true(p->majflt == stat_field(hog.pid, 12));
	/* smaps not asked: not read, and not 0. */
	assert_false(p->known & KNOWN(PROC_PSS));
	assert_int_equal(p->source_err[PROC_SRC_SMAPS_ROLLUP],
	                 PROC_SOURCE_NOT_READ);
	snapshot_free(snap);
	run_close(&r);
}

static void test_identity(void **state)
{
	int64_t pids[] = { hog.pid };
	struct passwd *pw = getpwuid(geteuid());
	char path[64], user[32], *comm, *cgroup_text, *line;
	struct snapshot *snap;
	const struct proc *p;
	size_t len;
	struct run r;

	(void)state;
	run_open(&r, false, 0, pids, 1);
	snap = run_collect(&r);
	p = must_find(snap, hog.pid);
	assert_known(p, PROC_PPID);
	assert_int_equal(p->ppid, getpid());
	assert_known(p, PROC_STATE);
	assert_string_equal(p->state, "S");
	assert_known(p, PROC_THREADS);
	assert_int_equal(p->threads, 1);
	assert_known(p, PROC_START_TICKS);
	assert_int_equal(p->start_ticks, stat_field(hog.pid, 22));
	/* The name, or the number when the user has none (as libproc2 does). */
	assert_known(p, PROC_USER);
	snprintf(user, sizeof(user), "%u", (unsigned)geteuid());
	assert_string_equal(p->user, pw ? pw->pw_name : user);
	/* comm and cmdline keep the bytes libproc2 would escape. */
	assert_known(p, PROC_COMM);
	assert_string_equal(p->comm, HOG_COMM);
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)hog.pid);
	comm = slurp(path, &len);
	assert_non_null(comm);
	assert_true(len > 0 && comm[len - 1] == '\n');
	comm[len - 1] = '\0';
	assert_string_equal(p->comm, comm);
	free(comm);
	assert_known(p, PROC_CMDLINE);
	assert_string_equal(p->cmdline, hog.cmdline);
	assert_known(p, PROC_OOM_SCORE);
	assert_int_equal(p->oom_score, pid_file_int(hog.pid, "oom_score"));
	assert_known(p, PROC_OOM_SCORE_ADJ);
	assert_int_equal(p->oom_score_adj,
	                 pid_file_int(hog.pid, "oom_score_adj"));
	assert_int_equal(p->source_err[PROC_SRC_OOM], 0);
	/* The memory controller's line (v1 here), or the v2 line. */
	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)hog.pid);
	cgroup_text = slurp(path, NULL);
	assert_non_null(cgroup_text);
	line = strstr(cgroup_text, ":memory:");
	line = line ? line + strlen(":memory:") : strstr(cgroup_text, "0::");
	if (line) {
		if (strncmp(line, "0::", 3) == 0)
			line += 3;
		line[strcspn(line, "\n")] = '\0';
		assert_known(p, PROC_CGROUP);
		assert_string_equal(p->cgroup, line);
	}
	free(cgroup_text);
	if (p->known & KNOWN(PROC_NUMA_NODE))
		assert_true(p->numa_node >= 0);
	snapshot_free(snap);
	run_close(&r);
}

static void test_smaps_matches_rollup(void **state)
{
	int64_t pids[] = { hog.pid };
	struct snapshot *snap;
	const struct proc *p;
	struct run r;
	double before = now_seconds();
	int64_t uss_kb;

	(void)state;
	run_open(&r, true, NO_SLICE, pids, 1);
	snap = run_collect(&r);
	p = must_find(snap, hog.pid);
	assert_int_equal(p->source_err[PROC_SRC_SMAPS_ROLLUP], 0);
	for (int bit = PROC_PSS; bit <= PROC_SMAPS_TIME; bit++)
		assert_known(p, bit);
	assert_true(p->smaps_time >= before && p->smaps_time <= now_seconds());
	assert_in_range(p->pss_kb, rollup_kb(hog.pid, "Pss") - PSS_SLACK_KB,
	                rollup_kb(hog.pid, "Pss") + PSS_SLACK_KB);
	uss_kb = rollup_kb(hog.pid, "Private_Clean") +
	         rollup_kb(hog.pid, "Private_Dirty");
	assert_in_range(p->uss_kb, uss_kb - PSS_SLACK_KB, uss_kb + PSS_SLACK_KB);
	assert_int_equal(p->thp_kb, rollup_kb(hog.pid, "AnonHugePages"));
	assert_int_equal(p->swap_pss_kb, rollup_kb(hog.pid, "SwapPss"));
	/* Both mappings are memhog's alone: all of them is in its PSS and
	 * USS. */
	assert_true(p->uss_kb >= (HOG_ANON_MIB + HOG_FILE_MIB) * MIB_KB);
	assert_true(p->pss_kb >= p->uss_kb);
	snapshot_free(snap);
	run_close(&r);
}

/* A few ms, so that a re-read gets another time than the read before. */
static void tick(void)
{
	struct timespec ts = { 0, 3 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

static double smaps_time_of(struct run *r, int64_t *pss_kb)
{
	struct snapshot *snap = run_collect(r);
	const struct proc *p = must_find(snap, hog.pid);
	double t;

	assert_known(p, PROC_SMAPS_TIME);
	assert_known(p, PROC_PSS);
	assert_int_equal(p->source_err[PROC_SRC_SMAPS_ROLLUP], 0);
	t = p->smaps_time;
	if (pss_kb)
		*pss_kb = p->pss_kb;
	snapshot_free(snap);
	tick();
	return t;
}

static void test_budget_carries_until_rss_changes(void **state)
{
	int64_t pids[] = { hog.pid };
	int64_t pss1, pss2, pss3;
	double t1, t2, t3;
	struct run r;

	(void)state;
	run_open(&r, true, NO_SLICE, pids, 1);
	t1 = smaps_time_of(&r, &pss1);
	/* Same RSS: the values and their time are carried forward. */
	t2 = smaps_time_of(&r, &pss2);
	assert_true(t2 == t1);
	assert_int_equal(pss2, pss1);
	/* memhog maps 16 MiB more: RSS changed, so it is read again. */
	hog_grow();
	t3 = smaps_time_of(&r, &pss3);
	assert_true(t3 > t1);
	assert_true(pss3 >= pss1 + HOG_GROW_MIB * MIB_KB - PSS_SLACK_KB);
	run_close(&r);
}

static void test_budget_slice_rotates(void **state)
{
	int64_t pids[] = { hog.pid };
	double t[5];
	struct run r;

	(void)state;
	/* Half of the unchanged processes per refresh: a lone process every
	 * second refresh. */
	run_open(&r, true, 0.5, pids, 1);
	for (int i = 0; i < 5; i++)
		t[i] = smaps_time_of(&r, NULL);
	assert_true(t[1] == t[0]);
	assert_true(t[2] > t[1]);
	assert_true(t[3] == t[2]);
	assert_true(t[4] > t[3]);
	run_close(&r);
	/* All of them: every refresh. */
	run_open(&r, true, 1.0, pids, 1);
	t[0] = smaps_time_of(&r, NULL);
	t[1] = smaps_time_of(&r, NULL);
	assert_true(t[1] > t[0]);
	run_close(&r);
}

/* ---- reading only what can have changed ---------------------------------- */

/* The process collector itself, for its read counts. */
static struct proc_collector *pc_open(const int64_t *pids, size_t npids,
                                      double slice)
{
	struct collect_options opts = {
		.sections = KNOWN(SEC_PROCESSES),
		.want_smaps = true,
		.smaps_slice = slice,
		.pids = pids,
		.npids = npids,
	};
	struct proc_collector *pc;

	assert_int_equal(proc_collector_new(&pc, &opts), 0);
	return pc;
}

/* Collects once; reads[] gets how often each file was read doing it. */
static struct snapshot *pc_collect(struct proc_collector *pc,
                                   uint64_t reads[PID_FILE_COUNT])
{
	uint64_t before[PID_FILE_COUNT], after[PID_FILE_COUNT];
	struct snapshot *snap = snapshot_new();

	assert_int_equal(proc_collector_reads(pc, before), 0);
	proc_collector_collect(pc, snap);
	assert_int_equal(proc_collector_reads(pc, after), 0);
	for (int f = 0; f < PID_FILE_COUNT; f++)
		reads[f] = after[f] - before[f];
	assert_true(snap->known & KNOWN(SEC_PROCESSES));
	return snap;
}

/* Status, oom, cmdline and cgroup read n times; smaps_rollup smaps times. */
static void assert_reads(const uint64_t reads[PID_FILE_COUNT], int n,
                         int smaps)
{
	static const char *const names[PID_FILE_COUNT] = {
		"status", "oom_score", "oom_score_adj", "cmdline", "cgroup",
		"smaps_rollup", "smaps",
	};
	const int want[PID_FILE_COUNT] = {
		[PID_FILE_STATUS] = n, [PID_FILE_OOM_SCORE] = n,
		[PID_FILE_OOM_SCORE_ADJ] = n, [PID_FILE_CMDLINE] = n,
		[PID_FILE_CGROUP] = n, [PID_FILE_SMAPS_ROLLUP] = smaps,
		[PID_FILE_SMAPS] = 0,
	};

	for (int f = 0; f < PID_FILE_COUNT; f++)
		if (reads[f] != (uint64_t)want[f])
			fail_msg("%s read %llu times, not %d", names[f],
			         (unsigned long long)reads[f], want[f]);
}

static void assert_same_string(const char *a, const char *b)
{
	if (!a || !b) {
		assert_null(a);
		assert_null(b);
		return;
	}
	assert_string_equal(a, b);
	assert_ptr_not_equal(a, b); /* each snapshot owns its strings */
}

/* Without a change in stat, nothing is read again, and what is carried is
 * what was read, known bits, errors and time included. */
static void test_unchanged_reads_nothing(void **state)
{
	int64_t pids[] = { hog.pid };
	struct proc_collector *pc = pc_open(pids, 1, NO_SLICE);
	uint64_t reads[PID_FILE_COUNT];
	struct snapshot *first, *second;
	const struct proc *p1, *p2;

	(void)state;
	first = pc_collect(pc, reads);
	assert_reads(reads, 1, 1);
	second = pc_collect(pc, reads);
	assert_reads(reads, 0, 0);
	p1 = must_find(first, hog.pid);
	p2 = must_find(second, hog.pid);
	assert_true(p2->known == p1->known);
	assert_memory_equal(p2->source_err, p1->source_err,
	                    sizeof(p1->source_err));
	for (int bit = PROC_RSS; bit <= PROC_SWAP_PSS; bit++)
		assert_known(p2, bit);
	assert_int_equal(p2->rss_kb, p1->rss_kb);
	assert_int_equal(p2->anon_kb, p1->anon_kb);
	assert_int_equal(p2->swap_kb, p1->swap_kb);
	assert_int_equal(p2->vsz_kb, p1->vsz_kb);
	assert_int_equal(p2->pss_kb, p1->pss_kb);
	assert_true(p2->smaps_time == p1->smaps_time);
	assert_int_equal(p2->oom_score, p1->oom_score);
	assert_int_equal(p2->oom_score_adj, p1->oom_score_adj);
	assert_same_string(p2->comm, p1->comm);
	assert_same_string(p2->cmdline, p1->cmdline);
	assert_same_string(p2->cgroup, p1->cgroup);
	/* memhog is idle: carried is still true. */
	assert_int_equal(p2->rss_kb, status_kb(hog.pid, "VmRSS"));
	assert_int_equal(p2->oom_score, pid_file_int(hog.pid, "oom_score"));
	/* The collector keeps its own copies: a third refresh after both
	 * snapshots are gone still has them (and ASan sees any sharing). */
	snapshot_free(first);
	snapshot_free(second);
	second = pc_collect(pc, reads);
	assert_reads(reads, 0, 0);
	assert_string_equal(must_find(second, hog.pid)->cmdline, hog.cmdline);
	snapshot_free(second);
	proc_collector_free(pc);
}

/* memhog faults in 16 MiB: status, oom and smaps_rollup are read again and
 * match /proc; cmdline and cgroup, which no fault changes, are not. */
static void test_growth_rereads_memory(void **state)
{
	int64_t pids[] = { hog.pid };
	struct proc_collector *pc = pc_open(pids, 1, NO_SLICE);
	uint64_t reads[PID_FILE_COUNT];
	struct snapshot *first, *second;
	const struct proc *p1, *p2;

	(void)state;
	first = pc_collect(pc, reads);
	hog_grow();
	second = pc_collect(pc, reads);
	assert_int_equal(reads[PID_FILE_STATUS], 1);
	assert_int_equal(reads[PID_FILE_OOM_SCORE], 1);
	assert_int_equal(reads[PID_FILE_OOM_SCORE_ADJ], 1);
	assert_int_equal(reads[PID_FILE_SMAPS_ROLLUP], 1);
	assert_int_equal(reads[PID_FILE_CMDLINE], 0);
	assert_int_equal(reads[PID_FILE_CGROUP], 0);
	p1 = must_find(first, hog.pid);
	p2 = must_find(second, hog.pid);
	assert_true(p2->anon_kb >= p1->anon_kb + HOG_GROW_MIB * MIB_KB);
	assert_int_equal(p2->rss_kb, status_kb(hog.pid, "VmRSS"));
	assert_int_equal(p2->anon_kb, status_kb(hog.pid, "RssAnon"));
	assert_int_equal(p2->vsz_kb, status_kb(hog.pid, "VmSize"));
	assert_int_equal(p2->pgtables_kb, status_kb(hog.pid, "VmPTE"));
	assert_int_equal(p2->oom_score, pid_file_int(hog.pid, "oom_score"));
	assert_in_range(p2->pss_kb, rollup_kb(hog.pid, "Pss") - PSS_SLACK_KB,
	                rollup_kb(hog.pid, "Pss") + PSS_SLACK_KB);
	assert_true(p2->smaps_time > p1->smaps_time);
	assert_string_equal(p2->cmdline, hog.cmdline);
	snapshot_free(first);
	snapshot_free(second);
	proc_collector_free(pc);
}

/*
 * A child of ours is collected, then execs memhog: comm, cmdline and cgroup
 * are read again (nothing in the slice), and are memhog's.
 */
static void test_exec_rereads_identity(void **state)
{
	char *argv[] = { MEMHOG, "1", "0", "unused", "1", "exec-hog",
		         "after exec", NULL };
	char cmdline[256], *own_comm;
	uint64_t reads[PID_FILE_COUNT];
	struct proc_collector *pc;
	struct snapshot *before, *after;
	const struct proc *p;
	int go[2], out[2];
	int64_t pids[1];
	pid_t child;
	size_t len;

	(void)state;
	own_comm = slurp("/proc/self/comm", &len);
	assert_non_null(own_comm);
	own_comm[strcspn(own_comm, "\n")] = '\0';
	join_args(cmdline, sizeof(cmdline), argv);
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(out), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		char c;

		dup2(out[1], STDOUT_FILENO);
		close(out[0]);
		close(out[1]);
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(1); /* the test failed before the exec */
		execv(MEMHOG, argv);
		_exit(127);
	}
	close(go[0]);
	close(out[1]);
	wait_sleeping(child);
	pids[0] = child;
	pc = pc_open(pids, 1, NO_SLICE);
	before = pc_collect(pc, reads);
	assert_string_equal(must_find(before, child)->comm, own_comm);
	assert_int_equal(write(go[1], "x", 1), 1);
	expect_line(out[0], "ready");
	wait_sleeping(child);
	after = pc_collect(pc, reads);
	assert_reads(reads, 1, 1);
	p = must_find(after, child);
	assert_string_equal(p->comm, "exec-hog");
	assert_string_equal(p->cmdline, cmdline);
	assert_int_equal(p->start_ticks, must_find(before, child)->start_ticks);
	snapshot_free(before);
	snapshot_free(after);
	proc_collector_free(pc);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(go[1]);
	close(out[0]);
	free(own_comm);
}

/* Collects once with the snapshot clock at time; reads[] as pc_collect. */
static void pc_collect_at(struct proc_collector *pc, double time,
                          uint64_t reads[PID_FILE_COUNT])
{
	uint64_t before[PID_FILE_COUNT], after[PID_FILE_COUNT];
	struct snapshot *snap = snapshot_new();

	snap->time = time;
	assert_int_equal(proc_collector_reads(pc, before), 0);
	proc_collector_collect(pc, snap);
	assert_int_equal(proc_collector_reads(pc, after), 0);
	for (int f = 0; f < PID_FILE_COUNT; f++)
		reads[f] = after[f] - before[f];
	snapshot_free(snap);
}

/*
 * By default the slice is sized by time: an unchanged process is read in
 * full again once about a minute has passed, not after a number of
 * refreshes.
 */
static void test_time_slice_reads_once_a_minute(void **state)
{
	int64_t pids[] = { hog.pid };
	struct proc_collector *pc = pc_open(pids, 1, 0);
	uint64_t reads[PID_FILE_COUNT];

	(void)state;
	pc_collect_at(pc, 1000.0, reads);
	assert_reads(reads, 1, 1); /* new */
	for (int i = 1; i <= 10; i++) {
		pc_collect_at(pc, 1000.0 + i * 2.0, reads); /* 20 s in all */
		assert_reads(reads, 0, 0);
	}
	pc_collect_at(pc, 1061.0, reads); /* 61 s since the first read */
	assert_reads(reads, 1, 1);
	pc_collect_at(pc, 1062.0, reads);
	assert_reads(reads, 0, 0);
	proc_collector_free(pc);
}

/* A slice of 1 reads every file of every process at every refresh. */
static void test_full_slice_rereads_all(void **state)
{
	int64_t pids[] = { hog.pid };
	struct proc_collector *pc = pc_open(pids, 1, 1.0);
	uint64_t reads[PID_FILE_COUNT];

	(void)state;
	for (int i = 0; i < 3; i++) {
		snapshot_free(pc_collect(pc, reads));
		assert_reads(reads, 1, 1);
	}
	proc_collector_free(pc);
}

/* A zombie has no memory: its memory values are unknown, not 0. */
static void test_zombie_memory_unknown(void **state)
{
	pid_t child = fork();
	int64_t pids[1];
	struct snapshot *snap;
	const struct proc *p;
	struct run r;
	char path[64], *status = NULL;

	(void)state;
	assert_true(child >= 0);
	if (child == 0)
		_exit(0);
	pids[0] = child;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)child);
	/* Wait until it is a zombie, without reaping it. */
	for (int i = 0; i < 1000; i++) {
		free(status);
		status = slurp(path, NULL);
		if (status && strstr(status, "State:\tZ"))
			break;
		tick();
	}
	assert_non_null(strstr(status, "State:\tZ"));
	free(status);
	run_open(&r, true, 0, pids, 1);
	snap = run_collect(&r);
	p = must_find(snap, child);
	assert_string_equal(p->state, "Z");
	assert_int_equal(p->source_err[PROC_SRC_STATUS], 0);
	for (int bit = PROC_RSS; bit <= PROC_SMAPS_TIME; bit++)
		if (p->known & KNOWN(bit))
			fail_msg("zombie: field %d is known", bit);
	assert_int_equal(p->source_err[PROC_SRC_SMAPS_ROLLUP], ESRCH);
	assert_int_equal(p->minflt, stat_field(child, 10));
	snapshot_free(snap);
	run_close(&r);
	waitpid(child, NULL, 0);
}

/* Every process, sorted, with kernel threads' memory unknown. */
static void test_full_table(void **state)
{
	struct snapshot *snap;
	const struct proc *kthreadd;
	struct run r;
	char *status;

	(void)state;
	run_open(&r, true, 0, NULL, 0);
	snap = run_collect(&r);
	assert_true(snap->known & KNOWN(SEC_PROCESSES));
	assert_true(snap->nprocesses >= 3);
	for (size_t i = 1; i < snap->nprocesses; i++)
		assert_true(snap->processes[i - 1].pid < snap->processes[i].pid);
	must_find(snap, getpid());
	must_find(snap, hog.pid);
	/* pid 2 is kthreadd unless we are in a pid namespace. */
	status = slurp("/proc/2/status", NULL);
	kthreadd = snapshot_find_proc(snap, 2);
	if (status && strstr(status, "Name:\tkthreadd\n") && kthreadd) {
		assert_int_equal(kthreadd->source_err[PROC_SRC_STATUS], 0);
		assert_false(kthreadd->known & KNOWN(PROC_RSS));
		assert_false(kthreadd->known & KNOWN(PROC_PSS));
		assert_int_equal(kthreadd->source_err[PROC_SRC_SMAPS_ROLLUP],
		                 ESRCH);
		assert_string_equal(kthreadd->comm, "kthreadd");
		assert_string_equal(kthreadd->cmdline, "");
	}
	free(status);
	snapshot_free(snap);
	run_close(&r);
}

static void test_missing_pid_is_an_empty_table(void **state)
{
	int64_t pids[] = { INT_MAX, -5 };
	struct snapshot *snap;
	struct run r;

	(void)state;
	run_open(&r, true, 0, pids, 2);
	snap = run_collect(&r);
	assert_true(snap->known & KNOWN(SEC_PROCESSES));
	assert_int_equal(snap->nprocesses, 0);
	snapshot_free(snap);
	run_close(&r);
}

static void test_root_is_not_read_from_live(void **state)
{
	struct collect_options opts = {
		.root = "/nonexistent-capture",
		.sections = KNOWN(SEC_PROCESSES),
	};
	struct collector *c;
	struct snapshot *snap;
	const char *reason;

	(void)state;
	assert_int_equal(collector_new(&c, &opts), 0);
	snap = collector_collect(c);
	assert_false(snap->known & KNOWN(SEC_PROCESSES));
	assert_int_equal(snap->nprocesses, 0);
	reason = skvlist_get(&snap->unavailable, "processes");
	assert_non_null(reason);
	assert_non_null(strstr(reason, "unshare -rm"));
	assert_non_null(strstr(reason, "/nonexistent-capture/proc"));
	snapshot_free(snap);
	collector_free(c);
	/* "/" is the live system. */
	opts.root = "/";
	assert_int_equal(collector_new(&c, &opts), 0);
	snap = collector_collect(c);
	assert_true(snap->known & KNOWN(SEC_PROCESSES));
	assert_true(snap->nprocesses > 0);
	snapshot_free(snap);
	collector_free(c);
}

/*
 * Checks, as an unprivileged user, that another user's smaps_rollup gives
 * PSS unknown with EACCES while its status values stay known, and that its
 * own smaps_rollup is read.  Returns 0 or the number of the failed check.
 */
static int check_unprivileged(pid_t other)
{
	int64_t pids[] = { other, getpid() };
	struct collect_options opts = {
		.sections = KNOWN(SEC_PROCESSES),
		.want_smaps = true,
		.pids = pids,
		.npids = 2,
	};
	const struct proc *p, *self;
	struct collector *c;
	struct snapshot *snap;
	int failed = 0;

	if (collector_new(&c, &opts) != 0)
		return 1;
	snap = collector_collect(c);
	p = snapshot_find_proc(snap, other);
	self = snapshot_find_proc(snap, getpid());
	if (!p || !self)
		failed = 2;
	else if (p->known & KNOWN(PROC_PSS))
		failed = 3;
	else if (p->source_err[PROC_SRC_SMAPS_ROLLUP] != EACCES)
		failed = 4;
	else if (!(p->known & KNOWN(PROC_RSS)))
		failed = 5;
	else if (!(self->known & KNOWN(PROC_PSS)))
		failed = 6;
	snapshot_free(snap);
	collector_free(c);
	return failed;
}

/* The overflow user: "nobody" on most systems, with or without a name. */
#define UNPRIVILEGED_ID 65534

static void test_unprivileged_pss_unknown(void **state)
{
	pid_t child;
	int status;

	(void)state;
	if (geteuid() != 0) {
		/* Already unprivileged: pid 1 belongs to someone else, unless
		 * this is a container of our own user, where nothing does (a
		 * pass then, as cmocka 1.1.5's skip() reads as a failure). */
		struct stat st;

		if (stat("/proc/1", &st) < 0 || st.st_uid == geteuid()) {
			printf("# no process of another user to check\n");
			return;
		}
		assert_int_equal(check_unprivileged(1), 0);
		return;
	}
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		if (setgroups(0, NULL) < 0 || setgid(UNPRIVILEGED_ID) < 0 ||
		    setuid(UNPRIVILEGED_ID) < 0)
			_exit(100);
		/* memhog runs as root, the test's user before setuid. */
		_exit(check_unprivileged(hog.pid));
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) != 0)
		fail_msg("unprivileged check %d failed", WEXITSTATUS(status));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory_matches_status),
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_smaps_matches_rollup),
		cmocka_unit_test(test_budget_slice_rotates),
		cmocka_unit_test(test_budget_carries_until_rss_changes),
		cmocka_unit_test(test_unchanged_reads_nothing),
		cmocka_unit_test(test_growth_rereads_memory),
		cmocka_unit_test(test_exec_rereads_identity),
		cmocka_unit_test(test_full_slice_rereads_all),
		cmocka_unit_test(test_time_slice_reads_once_a_minute),
		cmocka_unit_test(test_zombie_memory_unknown),
		cmocka_unit_test(test_full_table),
		cmocka_unit_test(test_missing_pid_is_an_empty_table),
		cmocka_unit_test(test_root_is_not_read_from_live),
		cmocka_unit_test(test_unprivileged_pss_unknown),
	};

	return cmocka_run_group_tests(tests, hog_start, hog_stop);
}
