/*
 * test_oom_live.c - the oom engine against this kernel: for every process
 * whose /proc/PID/oom_score was stable while the collector read it, the
 * model's oom_score must equal it, over a few snapshots; the count of
 * processes compared, and of those not compared (their score moved while
 * read), is reported.  Children of known shape are added: one of 32 MiB
 * with oom_score_adj 500, a vfork child still borrowing its parent's mm
 * (unkillable: the kernel shows 0), and two processes sharing one mm
 * through clone(CLONE_VM) (one mm group, killed together).
 *
 * Must not: compare with values computed by the code under test (the
 * kernel's oom_score is the reference), or leave children running.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "collect.h"
#include "oom.h"
#include "sim.h"
#include "snapshot.h"
#include "util.h"

#define ROUNDS 3
#define HOG_MIB 32

static pid_t hog, vfork_parent, clone_parent;
static pid_t vfork_child, clone_child; /* reported through pipes */

/* ---- children of known shape ------------------------------------------- */

static void sleep_forever(void)
{
	for (;;)
		syscall(SYS_pause);
}

static void say_pid(int fd, pid_t pid)
{
	if (write(fd, &pid, sizeof(pid)) != (ssize_t)sizeof(pid))
		_exit(1);
}

static pid_t read_pid(int fd)
{
	pid_t pid = 0;

	if (read(fd, &pid, sizeof(pid)) != (ssize_t)sizeof(pid))
		return 0;
	return pid;
}

/* 32 MiB anonymous, touched, and oom_score_adj 500. */
static void hog_main(int fd)
{
	size_t bytes = (size_t)HOG_MIB << 20;
	char *mem = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
	                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int adj = open("/proc/self/oom_score_adj", O_WRONLY);

	if (mem == MAP_FAILED || adj < 0 || write(adj, "500", 3) != 3)
		_exit(1);
	close(adj);
	for (size_t off = 0; off < bytes; off += 4096)
		mem[off] = 1;
	say_pid(fd, getpid());
	sleep_forever();
}

/* vfork, and the child sleeps without exec: the parent waits in
 * kernel_clone until the child exits. */
static void vfork_main(int fd)
{
	pid_t child = vfork();

	if (child == 0) {
		struct timespec ts = { 3600, 0 };

		say_pid(fd, getpid());
		syscall(SYS_nanosleep, &ts, NULL);
		_exit(0);
	}
	_exit(0);
}

static int clone_child_main(void *arg)
{
	(void)arg;
	sleep_forever();
	return 0;
}

/* A second process on this one's mm (CLONE_VM, not a thread). */
static void clone_main(int fd)
{
	size_t stack_bytes = 64 << 10;
	char *stack = mmap(NULL, stack_bytes, PROT_READ | PROT_WRITE,
	                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t child;

	if (stack == MAP_FAILED)
		_exit(1);
	child = clone(clone_child_main, stack + stack_bytes,
	              CLONE_VM | SIGCHLD, NULL);
	if (child < 0)
		_exit(1);
	say_pid(fd, child);
	sleep_forever();
}

static pid_t start(void (*fn)(int), pid_t *reported)
{
	int fds[2];
	pid_t pid;

	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(fds[0]);
		fn(fds[1]);
		_exit(0);
	}
	close(fds[1]);
	*reported = read_pid(fds[0]);
	close(fds[0]);
	return pid;
}

static int children_start(void **state)
{
	pid_t unused;

	(void)state;
	hog = start(hog_main, &unused);
	vfork_parent = start(vfork_main, &vfork_child);
	clone_parent = start(clone_main, &clone_child);
	usleep(200000); /* the vfork parent reaches its wait */
	return hog > 0 && vfork_child > 0 && clone_child > 0 ? 0 : -1;
}

static int children_stop(void **state)
{
	pid_t all[] = { hog, vfork_child, vfork_parent, clone_child,
	                clone_parent };

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(all); i++)
		if (all[i] > 0)
			kill(all[i], SIGKILL);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	return 0;
}

/* ---- the engine on a live snapshot --------------------------------------- */

struct live {
	struct collector *c;
	struct snapshot *snap;
	struct oom_result *r;
};

static void live_take(struct live *l)
{
	struct sim_input in = { 0 };
	void *result = NULL;
	char *error = NULL;

	l->snap = collector_collect(l->c);
	in.cur = l->snap;
	assert_int_equal(oom_engine.run(&in, &result, &error), 0);
	l->r = result;
}

static void live_drop(struct live *l)
{
	oom_engine.free_result(l->r);
	snapshot_free(l->snap);
	l->r = NULL;
	l->snap = NULL;
}

static void live_open(struct live *l)
{
	struct collect_options opts = {
		.sections = oom_engine.sections, .fresh_oom_inputs = true,
	};

	memset(l, 0, sizeof(*l));
	assert_int_equal(collector_new(&l->c, &opts), 0);
}

static const struct oom_rank *row_of(const struct oom_result *r, int64_t pid)
{
	for (size_t i = 0; i < r->nranking; i++)
		if (r->ranking[i].pid == pid)
			return &r->ranking[i];
	return NULL;
}

static void report_mismatches(const struct oom_result *r)
{
	for (size_t i = 0; i < r->nranking; i++) {
		const struct oom_rank *row = &r->ranking[i];

		if ((row->known & KNOWN(ORK_MATCH)) && !row->score_match)
			printf("# mismatch: %lld (%s): model %lld, kernel %lld, rss "
			       "%lld swap %lld pte %lld adj %lld%s%s\n",
			       (long long)row->pid, row->comm ? row->comm : "?",
			       (long long)row->oom_score,
			       (long long)row->kernel_oom_score,
			       (long long)row->rss_pages, (long long)row->swap_pages,
			       (long long)row->pgtables_pages,
			       (long long)row->oom_score_adj,
			       row->reason ? ", " : "", row->reason ? row->reason : "");
	}
}

/* Every stable process, in ROUNDS snapshots: model == kernel. */
static void test_every_process_matches(void **state)
{
	struct live l;
	int64_t compared = 0, mismatches = 0, not_compared = 0, processes = 0;

	(void)state;
	live_open(&l);
	for (int round = 0; round < ROUNDS; round++) {
		live_take(&l);
		assert_true(l.r->known & KNOWN(ORS_COMPARED));
		processes += (int64_t)l.r->nranking;
		compared += l.r->compared;
		mismatches += l.r->mismatches;
		not_compared += l.r->not_compared;
		report_mismatches(l.r);
		live_drop(&l);
	}
	collector_free(l.c);
	printf("# %d snapshots, %lld process rows: %lld compared with "
	       "/proc/PID/oom_score, %lld mismatches, %lld not compared "
	       "(unstable while read, or unknown)\n", ROUNDS,
	       (long long)processes, (long long)compared, (long long)mismatches,
	       (long long)not_compared);
	assert_int_equal(mismatches, 0);
	assert_true(compared * 2 > processes); /* most are idle */
}

static void test_known_children(void **state)
{
	const struct oom_rank *row, *sibling;
	struct live l;

	(void)state;
	live_open(&l);
	live_take(&l);
	row = row_of(l.r, hog);
	assert_non_null(row);
	assert_int_equal(row->killable, 1);
	assert_int_equal(row->oom_score_adj, 500);
	assert_true(row->rss_pages >= HOG_MIB * 256);
	assert_int_equal(row->badness, row->rss_pages + row->swap_pages +
	                                row->pgtables_pages + row->adj_pages);
	if (row->known & KNOWN(ORK_MATCH))
		assert_int_equal(row->score_match, 1);
	/* the vfork child: unkillable, and the kernel agrees (0) */
	row = row_of(l.r, vfork_child);
	assert_non_null(row);
	assert_int_equal(row->killable, 0);
	assert_non_null(strstr(row->reason, "vfork"));
	assert_int_equal(row->kernel_oom_score, 0);
	row = row_of(l.r, vfork_parent);
	assert_non_null(row);
	assert_int_equal(row->killable, 1);
	/* the two on one mm */
	row = row_of(l.r, clone_parent);
	sibling = row_of(l.r, clone_child);
	assert_non_null(row);
	assert_non_null(sibling);
	assert_true(row->known & sibling->known & KNOWN(ORK_MM_GROUP));
	assert_int_equal(row->mm_group, sibling->mm_group);
	assert_int_equal(row->mm_group, clone_parent < clone_child
	                                        ? clone_parent : clone_child);
	assert_int_equal(row->rss_pages, sibling->rss_pages);
	assert_int_not_equal(row_of(l.r, hog)->mm_group, row->mm_group);
	live_drop(&l);
	collector_free(l.c);
}

/* The victim has the highest kernel oom_score of the killable. */
static void test_victim_highest_kernel_score(void **state)
{
	const struct oom_rank *victim;
	struct live l;

	(void)state;
	live_open(&l);
	live_take(&l);
	if (!(l.r->known & KNOWN(ORS_VICTIM))) {
		printf("# no victim: %s\n", l.r->victim_note);
		live_drop(&l);
		collector_free(l.c);
		skip();
	}
	victim = row_of(l.r, l.r->victim);
	assert_non_null(victim);
	assert_int_equal(victim->rank, 1);
	for (size_t i = 0; i < l.r->nranking; i++)
		if (l.r->ranking[i].known & KNOWN(ORK_MATCH))
			assert_true(l.r->ranking[i].oom_score <= victim->oom_score);
	live_drop(&l);
	collector_free(l.c);
}

/*
 * swapon changes every process's oom_score, and tests/live/lru_workload.sh
 * turns swap on while it holds this lock exclusively: comparing scores
 * waits until it is done (make check runs tests in parallel).
 */
static int swap_lock_shared(void)
{
	int fd = open("/tmp/memlens-swap.lock", O_RDONLY | O_CREAT | O_CLOEXEC,
	              0666);

	if (fd >= 0)
		flock(fd, LOCK_SH);
	return fd;
}

int main(void)
{
	int lock_fd = swap_lock_shared();
	int failed;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_process_matches),
		cmocka_unit_test(test_known_children),
		cmocka_unit_test(test_victim_highest_kernel_score),
	};

	failed = cmocka_run_group_tests(tests, children_start, children_stop);
	if (lock_fd >= 0)
		close(lock_fd);
	return failed;
}
