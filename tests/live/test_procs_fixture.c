/*
 * test_procs_fixture.c - the process collector, libproc2 included, on
 * captured /proc trees.  libproc2 reads only the real /proc, so the test
 * enters a private user and mount namespace (as `unshare -rm` does) and
 * bind-mounts a fixture's proc/ over /proc for each test.  libproc2 needs
 * nothing beyond the PID directories (no uptime, stat or self), so the
 * fixtures are mounted as they are.  Expected values were read from the
 * fixture files with awk; each says where it comes from.  One more tree is
 * synthetic, written by the test in /tmp: real files of one fixture next to
 * garbled ones (empty, garbage, NUL bytes, out-of-range numbers).
 *
 * Must not: edit the fixtures, or leave the fixture over /proc when a test
 * ends (the teardown unmounts it even after a failed assertion).
 * Skips (a TAP plan of 1..0) where user namespaces or the bind mount are not
 * allowed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "collect.h"
#include "snapshot.h"
#include "util.h"

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -EIO;
}

static int mount_fixture(const char *folder)
{
	char *dir = xasprintf("%s/%s/proc", FIXTURES, folder);
	int rc = mount(dir, "/proc", NULL, MS_BIND, NULL);

	free(dir);
	return rc < 0 ? -errno : 0;
}

static int unmount_fixture(void **state)
{
	(void)state;
	umount2("/proc", MNT_DETACH);
	return 0;
}

/*
 * unshare -rm: root in a new user namespace, with mounts of our own; then
 * one bind mount to try.  Returns NULL, or why the tests cannot run.
 */
static const char *enter_namespace(void)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
		return "unshare(CLONE_NEWUSER|CLONE_NEWNS) is not allowed here";
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
	/* Needed before gid_map when unprivileged; absent before 3.19. */
	(void)write_file("/proc/self/setgroups", "deny");
	if (write_file("/proc/self/uid_map", map) < 0)
		return "cannot write /proc/self/uid_map";
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
	if (write_file("/proc/self/gid_map", map) < 0)
		return "cannot write /proc/self/gid_map";
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return "cannot make / a private mount";
	if (mount_fixture("jc-ubuntu-5.8-vm") < 0)
		return "cannot bind-mount a fixture over /proc";
	unmount_fixture(NULL);
	return NULL;
}

static void need_fixture(const char *folder)
{
	int rc = mount_fixture(folder);

	if (rc < 0)
		fail_msg("cannot bind-mount %s over /proc: %s", folder,
		         strerror(-rc));
}

static struct snapshot *collect_all(void)
{
	struct collect_options opts = {
		.sections = KNOWN(SEC_PROCESSES),
		.want_smaps = true,
	};
	struct collector *c;
	struct snapshot *snap;

	assert_int_equal(collector_new(&c, &opts), 0);
	snap = collector_collect(c);
	collector_free(c);
	assert_non_null(snap);
	assert_true(snap->known & KNOWN(SEC_PROCESSES));
	return snap;
}

/* What one process's files say. */
struct expect {
	int64_t pid, ppid, threads, start_ticks, minflt, majflt;
	const char *state, *comm, *cmdline;
	int64_t rss_kb, anon_kb, file_kb, shmem_kb, swap_kb, pgtables_kb,
		vsz_kb, locked_kb;
	int64_t pss_kb, uss_kb, thp_kb, swap_pss_kb;
};

static void check_process(const struct snapshot *snap, const struct expect *e)
{
	const struct proc *p = snapshot_find_proc(snap, e->pid);

	if (!p)
		fail_msg("pid %lld is missing", (long long)e->pid);
	for (int bit = 0; bit < PROC_BIT_COUNT; bit++) {
		bool from_missing_file = bit == PROC_OOM_SCORE ||
		                         bit == PROC_OOM_SCORE_ADJ ||
		                         bit == PROC_CGROUP ||
		                         (bit == PROC_CMDLINE && !e->cmdline);

		bool oom_only = bit == PROC_OOM_SCORE_STABLE ||
		                bit == PROC_MM_GROUP || bit == PROC_IN_VFORK;

		if (bit == PROC_NUMA_NODE) /* of this machine's CPU numbering */
			continue;
		if (oom_only) { /* read with fresh_oom_inputs only */
			if (p->known & KNOWN(bit))
				fail_msg("pid %lld: field %d known without "
				         "fresh_oom_inputs", (long long)e->pid, bit);
			continue;
		}
		if (from_missing_file && (p->known & KNOWN(bit)))
			fail_msg("pid %lld: field %d known without its file",
			         (long long)e->pid, bit);
		if (!from_missing_file && !(p->known & KNOWN(bit)))
			fail_msg("pid %lld: field %d unknown", (long long)e->pid,
			         bit);
	}
	assert_int_equal(p->ppid, e->ppid);
	assert_int_equal(p->threads, e->threads);
	assert_int_equal(p->start_ticks, e->start_ticks);
	assert_int_equal(p->minflt, e->minflt);
	assert_int_equal(p->majflt, e->majflt);
	assert_string_equal(p->state, e->state);
	assert_string_equal(p->comm, e->comm);
	if (e->cmdline)
		assert_string_equal(p->cmdline, e->cmdline);
	assert_int_equal(p->rss_kb, e->rss_kb);
	assert_int_equal(p->anon_kb, e->anon_kb);
	assert_int_equal(p->file_kb, e->file_kb);
	assert_int_equal(p->shmem_kb, e->shmem_kb);
	assert_int_equal(p->swap_kb, e->swap_kb);
	assert_int_equal(p->pgtables_kb, e->pgtables_kb);
	assert_int_equal(p->vsz_kb, e->vsz_kb);
	assert_int_equal(p->locked_kb, e->locked_kb);
	assert_int_equal(p->pss_kb, e->pss_kb);
	assert_int_equal(p->uss_kb, e->uss_kb);
	assert_int_equal(p->thp_kb, e->thp_kb);
	assert_int_equal(p->swap_pss_kb, e->swap_pss_kb);
	assert_int_equal(p->source_err[PROC_SRC_STAT], 0);
	assert_int_equal(p->source_err[PROC_SRC_STATUS], 0);
	assert_int_equal(p->source_err[PROC_SRC_SMAPS_ROLLUP], 0);
	/* No oom_score in the capture: unknown, with the reason. */
	assert_int_equal(p->source_err[PROC_SRC_OOM], ENOENT);
	assert_non_null(p->user);
}

/*
 * pcp-procpid-5.5.7-root-007: four processes with stat, status,
 * smaps_rollup and cmdline.  Per process: stat fields 3, 4, 10, 12, 20, 22
 * (state, ppid, minflt, majflt, threads, start); status VmRSS, RssAnon,
 * RssFile, RssShmem, VmSwap, VmPTE, VmSize, VmLck; smaps_rollup Pss,
 * Private_Clean + Private_Dirty, AnonHugePages, SwapPss; cmdline with its
 * NULs as spaces.
 */
static const struct expect pcp_procs[] = {
	{ .pid = 1, .ppid = 0, .threads = 1, .start_ticks = 24,
	  .minflt = 2010568, .majflt = 2864, .state = "S", .comm = "systemd",
	  .cmdline = "/usr/lib/systemd/systemd --switched-root --system "
	             "--deserialize 29",
	  .rss_kb = 10540, .anon_kb = 6056, .file_kb = 4484, .shmem_kb = 0,
	  .swap_kb = 2000, .pgtables_kb = 104, .vsz_kb = 174080, .locked_kb = 0,
	  .pss_kb = 7006, .uss_kb = 1128 + 5040, .thp_kb = 0,
	  .swap_pss_kb = 717 },
	{ .pid = 1309, .ppid = 1, .threads = 1, .start_ticks = 1415,
	  .minflt = 48033, .majflt = 269, .state = "S", .comm = "systemd",
	  .cmdline = "/usr/lib/systemd/systemd --user",
	  .rss_kb = 5024, .anon_kb = 1256, .file_kb = 3768, .shmem_kb = 0,
	  .swap_kb = 1168, .pgtables_kb = 76, .vsz_kb = 20468, .locked_kb = 0,
	  .pss_kb = 1958, .uss_kb = 604 + 668, .thp_kb = 0,
	  .swap_pss_kb = 1168 },
	/* Its status (VmRSS 170972) and smaps_rollup (Rss 171348) were
	 * captured at slightly different moments; each is taken as is. */
	{ .pid = 214983, .ppid = 1309, .threads = 4, .start_ticks = 24929473,
	  .minflt = 716987, .majflt = 24945, .state = "S",
	  .comm = "gnome-terminal-",
	  .cmdline = "/usr/libexec/gnome-terminal-server",
	  .rss_kb = 170972, .anon_kb = 127532, .file_kb = 14596,
	  .shmem_kb = 28844, .swap_kb = 11340, .pgtables_kb = 520,
	  .vsz_kb = 727168, .locked_kb = 0,
	  .pss_kb = 144478, .uss_kb = 8312 + 120172, .thp_kb = 0,
	  .swap_pss_kb = 11288 },
	{ .pid = 291591, .ppid = 214983, .threads = 1, .start_ticks = 31743970,
	  .minflt = 53362, .majflt = 195, .state = "S", .comm = "bash",
	  .cmdline = "bash",
	  .rss_kb = 4640, .anon_kb = 2272, .file_kb = 2368, .shmem_kb = 0,
	  .swap_kb = 2132, .pgtables_kb = 80, .vsz_kb = 228972, .locked_kb = 0,
	  .pss_kb = 2500, .uss_kb = 1248 + 1068, .thp_kb = 0,
	  .swap_pss_kb = 2132 },
};

static void test_pcp_5_5_7(void **state)
{
	struct snapshot *snap;

	(void)state;
	need_fixture("pcp-procpid-5.5.7-root-007");
	snap = collect_all();
	/* libproc2 lists them in directory order; the snapshot is sorted. */
	assert_int_equal(snap->nprocesses, ARRAY_SIZE(pcp_procs));
	for (size_t i = 0; i < ARRAY_SIZE(pcp_procs); i++) {
		assert_int_equal(snap->processes[i].pid, pcp_procs[i].pid);
		check_process(snap, &pcp_procs[i]);
	}
	snapshot_free(snap);
}

/*
 * jc-ubuntu-5.8-vm: systemd with stat, status and a whole smaps, but no
 * smaps_rollup (as on kernels before 4.14) and no cmdline.  stat: state S,
 * ppid 0, minflt 23478, majflt 99, threads 1, start 128.  smaps, summed over
 * its 214 mappings with awk: Pss 5594, Private_Clean + Private_Dirty 3612,
 * AnonHugePages 0, SwapPss 0.
 */
static void test_jc_smaps_without_rollup(void **state)
{
	static const struct expect jc_systemd = {
		.pid = 1, .ppid = 0, .threads = 1, .start_ticks = 128,
		.minflt = 23478, .majflt = 99, .state = "S", .comm = "systemd",
		.cmdline = NULL,
		.rss_kb = 13252, .anon_kb = 4576, .file_kb = 8676, .shmem_kb = 0,
		.swap_kb = 0, .pgtables_kb = 96, .vsz_kb = 169984,
		.locked_kb = 0,
		.pss_kb = 5594, .uss_kb = 3612, .thp_kb = 0, .swap_pss_kb = 0,
	};
	struct snapshot *snap;

	(void)state;
	need_fixture("jc-ubuntu-5.8-vm");
	snap = collect_all();
	assert_int_equal(snap->nprocesses, 1);
	check_process(snap, &jc_systemd);
	snapshot_free(snap);
}

/* ---- garbled files (synthetic, built by the test) --------------------- */

static char *tree;

/* Writes DIR/PID/NAME with these bytes (which may hold NULs). */
static void put(int pid, const char *name, const char *bytes, size_t len)
{
	char *dir = xasprintf("%s/%d", tree, pid);
	char *path = xasprintf("%s/%s", dir, name);
	int fd;

	(void)mkdir(dir, 0755);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bytes, len), (ssize_t)len);
	close(fd);
	free(path);
	free(dir);
}

#define PUT(pid, name, literal) put(pid, name, literal, sizeof(literal) - 1)

/* Copies a real file of pcp-procpid-5.5.7-root-007's pid 1. */
static void put_real(int pid, const char *name)
{
	char *root = xasprintf("%s/pcp-procpid-5.5.7-root-007", FIXTURES);
	char *path = xasprintf("/proc/1/%s", name);
	char *text;
	size_t len;

	assert_int_equal(read_text_file(root, path, 0, &text, &len), 0);
	put(pid, name, text, len);
	free(text);
	free(path);
	free(root);
}

static int remove_tree(void **state)
{
	char *cmd;

	unmount_fixture(state);
	if (!tree)
		return 0;
	cmd = xasprintf("rm -rf '%s'", tree);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tree);
	free(cmd);
	free(tree);
	tree = NULL;
	return 0;
}

static void test_garbled_files(void **state)
{
	char tmpl[] = "/tmp/memlens-procs-XXXXXX";
	const struct proc *p;
	struct snapshot *snap;

	(void)state;
	assert_non_null(mkdtemp(tmpl));
	tree = xstrdup(tmpl);
	/* 7: empty stat.  libproc2 drops the task. */
	PUT(7, "stat", "");
	put_real(7, "status");
	/* 8: garbage stat: pid and status known, nothing from stat. */
	PUT(8, "stat", "garbage ((( x");
	put_real(8, "status");
	/* 10: oom files that are not numbers, and no smaps_rollup. */
	put_real(10, "stat");
	put_real(10, "status");
	PUT(10, "oom_score", "abc\n");
	PUT(10, "oom_score_adj", "99999999999999999999999\n");
	/* 11: a cmdline of NULs only (a kernel thread has an empty one). */
	put_real(11, "stat");
	put_real(11, "status");
	PUT(11, "cmdline", "\0\0\0");
	/* 12: a comm with the two escapes of status; no memory lines. */
	put_real(12, "stat");
	PUT(12, "status", "Name:\tx\\\\y\\n\nState:\tS (sleeping)\n");
	/* 13: an empty smaps_rollup, and a status with NULs before VmRSS. */
	put_real(13, "stat");
	PUT(13, "status", "Name:\tsystemd\n\0VmRSS:\t10540 kB\n");
	PUT(13, "smaps_rollup", "");
	/* 14: stat only, as some captures have: kept, memory unknown. */
	put_real(14, "stat");
	assert_int_equal(mount(tree, "/proc", NULL, MS_BIND, NULL), 0);
	snap = collect_all();
	assert_int_equal(snap->nprocesses, 6);
	assert_null(snapshot_find_proc(snap, 7));

	p = snapshot_find_proc(snap, 8);
	assert_non_null(p);
	assert_true(p->known & KNOWN(PROC_PID));
	assert_int_equal(p->source_err[PROC_SRC_STAT], EINVAL);
	for (int bit = PROC_PPID; bit <= PROC_START_TICKS; bit++)
		if (bit != PROC_USER && bit != PROC_COMM && bit != PROC_CMDLINE)
			assert_false(p->known & KNOWN(bit));
	assert_false(p->known & KNOWN(PROC_MINFLT));
	assert_true(p->known & KNOWN(PROC_RSS));
	assert_int_equal(p->rss_kb, 10540); /* pid 1 status VmRSS */

	p = snapshot_find_proc(snap, 10);
	assert_non_null(p);
	assert_false(p->known & KNOWN(PROC_OOM_SCORE));
	assert_false(p->known & KNOWN(PROC_OOM_SCORE_ADJ));
	assert_int_equal(p->source_err[PROC_SRC_OOM], EINVAL);
	assert_false(p->known & KNOWN(PROC_PSS));
	assert_int_equal(p->source_err[PROC_SRC_SMAPS_ROLLUP], ENOENT);

	p = snapshot_find_proc(snap, 11);
	assert_non_null(p);
	assert_true(p->known & KNOWN(PROC_CMDLINE));
	assert_string_equal(p->cmdline, "");

	p = snapshot_find_proc(snap, 12);
	assert_non_null(p);
	assert_string_equal(p->comm, "x\\y\n");
	assert_false(p->known & KNOWN(PROC_RSS));
	assert_int_equal(p->source_err[PROC_SRC_STATUS], 0);

	p = snapshot_find_proc(snap, 13);
	assert_non_null(p);
	assert_string_equal(p->comm, "systemd");
	assert_false(p->known & KNOWN(PROC_RSS)); /* after the NUL */
	assert_false(p->known & KNOWN(PROC_PSS));

	p = snapshot_find_proc(snap, 14);
	assert_non_null(p);
	assert_int_equal(p->source_err[PROC_SRC_STATUS], ENOENT);
	assert_false(p->known & KNOWN(PROC_RSS));
	assert_int_equal(p->minflt, 2010568); /* pid 1 stat field 10 */
	assert_int_equal(p->source_err[PROC_SRC_SMAPS_ROLLUP],
	                 PROC_SOURCE_NOT_READ);
	snapshot_free(snap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_pcp_5_5_7, unmount_fixture),
		cmocka_unit_test_teardown(test_jc_smaps_without_rollup,
		                          unmount_fixture),
		cmocka_unit_test_teardown(test_garbled_files, remove_tree),
	};
	const char *why_not = enter_namespace();

	/* cmocka 1.1.5 prints skip() as "not ok # SKIP", which automake's TAP
	 * driver counts as a failure: skip the whole program by its plan. */
	if (why_not) {
		printf("1..0 # SKIP %s\n", why_not);
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
