/*
 * test_vmas.c - the mappings collector against this kernel.  A child maps
 * regions the test knows (8 MiB anonymous, every page touched, in 4 KiB
 * pages; 1 MiB of a shared file mapping, read through; 64 KiB PROT_READ
 * never touched; 64 KiB mlocked), sends their addresses and waits; the
 * collector must find each with its size, resident size, permissions, path
 * and flags, and numa_maps must count the touched pages on the nodes.
 * Then what must stay unavailable: a kernel thread, a process that is gone,
 * and, as nobody, a process of root.
 *
 * Must not: compare with values computed by the code under test, or leave
 * the child running (it dies with its parent).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "collect.h"
#include "snapshot.h"
#include "util.h"

#define KIB 1024UL
#define ANON_KB 8192UL
#define FILE_KB 1024UL
#define RO_KB 64UL
#define LOCKED_KB 64UL

/* What the child mapped, and where. */
struct regions {
	uint64_t anon, file, readonly, locked;
	int locked_ok; /* mlock succeeded */
};

struct child {
	pid_t pid;
	char file[PATH_MAX];
	struct regions at;
};

static struct child child;

static void *map_or_die(size_t bytes, int prot, int flags, int fd)
{
	void *mem = mmap(NULL, bytes, prot, flags, fd, 0);

	if (mem == MAP_FAILED)
		_exit(2);
	return mem;
}

static void touch(char *mem, size_t bytes, bool write)
{
	volatile char sink = 0;

	for (size_t off = 0; off < bytes; off += 4096)
		if (write)
			mem[off] = 1;
		else
			sink += mem[off];
	(void)sink;
}

/* The child: maps, touches, reports and waits for its parent to die. */
static void child_main(int report_fd, const char *file)
{
	struct regions at = { 0 };
	char *anon, *mapped, *ro, *locked;
	int fd;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	anon = map_or_die(ANON_KB * KIB, PROT_READ | PROT_WRITE,
	                  MAP_PRIVATE | MAP_ANONYMOUS, -1);
	madvise(anon, ANON_KB * KIB, MADV_NOHUGEPAGE);
	touch(anon, ANON_KB * KIB, true);
	fd = open(file, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || ftruncate(fd, (off_t)(FILE_KB * KIB)) < 0)
		_exit(2);
	mapped = map_or_die(FILE_KB * KIB, PROT_READ | PROT_WRITE, MAP_SHARED,
	                    fd);
	touch(mapped, FILE_KB * KIB, true);
	ro = map_or_die(RO_KB * KIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	locked = map_or_die(LOCKED_KB * KIB, PROT_READ | PROT_WRITE,
	                    MAP_PRIVATE | MAP_ANONYMOUS, -1);
	/* The system call itself: sanitizers make mlock() a no-op. */
	at.locked_ok = syscall(SYS_mlock, locked, LOCKED_KB * KIB) == 0;
	at.anon = (uintptr_t)anon;
	at.file = (uintptr_t)mapped;
	at.readonly = (uintptr_t)ro;
	at.locked = (uintptr_t)locked;
	if (write(report_fd, &at, sizeof(at)) != (ssize_t)sizeof(at))
		_exit(2);
	for (;;)
		pause();
}

static int start_child(void **state)
{
	int fds[2];

	(void)state;
	snprintf(child.file, sizeof(child.file), "%s/memlens-vmas-%d",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	if (pipe(fds) < 0)
		return -1;
	child.pid = fork();
	if (child.pid < 0)
		return -1;
	if (child.pid == 0) {
		close(fds[0]);
		child_main(fds[1], child.file);
	}
	close(fds[1]);
	if (read(fds[0], &child.at, sizeof(child.at)) !=
	    (ssize_t)sizeof(child.at))
		return -1;
	close(fds[0]);
	return 0;
}

static int stop_child(void **state)
{
	(void)state;
	if (child.pid > 0) {
		kill(child.pid, SIGKILL);
		waitpid(child.pid, NULL, 0);
	}
	unlink(child.file);
	return 0;
}

static struct snapshot *collect_pid(int64_t pid)
{
	struct collect_options opts = {
		.sections = KNOWN(SEC_VMAS), .vmas_pid = pid,
	};
	struct collector *c;
	struct snapshot *snap;

	assert_int_equal(collector_new(&c, &opts), 0);
	snap = collector_collect(c);
	collector_free(c);
	return snap;
}

static const struct vma *find(const struct snapshot *snap, uint64_t start)
{
	for (size_t i = 0; i < snap->vmas.count; i++)
		if ((uint64_t)snap->vmas.mappings[i].start == start)
			return &snap->vmas.mappings[i];
	fail_msg("no mapping at %llx", (unsigned long long)start);
	return NULL;
}

static bool has_flag(const struct vma *v, const char *flag)
{
	const char *p = v->vm_flags;
	size_t len = strlen(flag);

	for (; p && *p; p += strcspn(p, " "), p += *p == ' ')
		if (strncmp(p, flag, len) == 0 && (p[len] == ' ' || !p[len]))
			return true;
	return false;
}

static int64_t node_pages_total(const struct vma *v)
{
	int64_t total = 0;

	for (size_t i = 0; i < v->node_pages.count; i++)
		total += v->node_pages.items[i].value;
	return total;
}

static void test_child_regions(void **state)
{
	struct snapshot *snap = collect_pid(child.pid);
	const struct vma *v;

	(void)state;
	assert_true(snap->known & KNOWN(SEC_VMAS));
	assert_int_equal(snap->vmas.pid, child.pid);
	v = find(snap, child.at.anon);
	assert_int_equal(v->end - v->start, (int64_t)(ANON_KB * KIB));
	assert_int_equal(v->size_kb, ANON_KB);
	assert_int_equal(v->rss_kb, ANON_KB);
	assert_int_equal(v->anonymous_kb, ANON_KB);
	assert_int_equal(v->private_dirty_kb, ANON_KB);
	assert_string_equal(v->perms, "rw-p");
	assert_string_equal(v->path, "");
	assert_true(has_flag(v, "wr") && has_flag(v, "nh"));
	v = find(snap, child.at.file);
	assert_int_equal(v->size_kb, FILE_KB);
	assert_int_equal(v->rss_kb, FILE_KB);
	assert_string_equal(v->perms, "rw-s");
	assert_string_equal(v->path, child.file);
	assert_true(has_flag(v, "sh"));
	v = find(snap, child.at.readonly);
	assert_int_equal(v->size_kb, RO_KB);
	assert_int_equal(v->rss_kb, 0);
	assert_string_equal(v->perms, "r--p");
	assert_false(has_flag(v, "wr"));
	if (child.at.locked_ok) {
		v = find(snap, child.at.locked);
		assert_int_equal(v->locked_kb, LOCKED_KB);
		assert_int_equal(v->rss_kb, LOCKED_KB);
		assert_true(has_flag(v, "lo"));
	}
	snapshot_free(snap);
}

/* numa_maps counts the same touched pages, on whichever nodes. */
static void test_child_numa(void **state)
{
	struct snapshot *snap;
	const struct vma *v;
	struct stat st;

	(void)state;
	if (stat("/proc/self/numa_maps", &st) < 0) {
		skip(); /* no CONFIG_NUMA */
		return;
	}
	snap = collect_pid(child.pid);
	assert_null(skvlist_get(&snap->unavailable, "vmas.numa_maps"));
	v = find(snap, child.at.anon);
	assert_true(v->known & KNOWN(VMA_NODE_PAGES));
	assert_int_equal(v->numa_page_size_kb, 4);
	assert_int_equal(node_pages_total(v) * 4, (int64_t)ANON_KB);
	assert_int_equal(v->numa_anon_pages * 4, (int64_t)ANON_KB);
	assert_int_equal(v->numa_mapped_pages * 4, (int64_t)ANON_KB);
	assert_string_equal(v->mempolicy, "default");
	v = find(snap, child.at.readonly);
	assert_int_equal(v->node_pages.count, 0);
	assert_int_equal(v->numa_mapped_pages, 0);
	snapshot_free(snap);
}

/* pid 2 is kthreadd, unless this runs in a pid namespace. */
static bool is_kthreadd(int pid)
{
	char path[64], comm[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	if (!fgets(comm, sizeof(comm), f))
		comm[0] = '\0';
	fclose(f);
	return strcmp(comm, "kthreadd\n") == 0;
}

static void test_kernel_thread_and_gone(void **state)
{
	struct snapshot *snap;
	pid_t gone = fork();

	(void)state;
	if (is_kthreadd(2)) {
		snap = collect_pid(2);
		assert_false(snap->known & KNOWN(SEC_VMAS));
		assert_non_null(strstr(skvlist_get(&snap->unavailable, "vmas"),
		                       "no address space"));
		snapshot_free(snap);
	}
	if (gone == 0)
		_exit(0);
	assert_true(gone > 0);
	waitpid(gone, NULL, 0);
	snap = collect_pid(gone);
	assert_non_null(strstr(skvlist_get(&snap->unavailable, "vmas"),
	                       "no such process"));
	snapshot_free(snap);
}

/* As nobody, root's mappings are not ours to read: said, not zero. */
static void test_permission(void **state)
{
	int status;
	pid_t pid;

	(void)state;
	if (geteuid() != 0) {
		struct snapshot *snap = collect_pid(1);

		if (snap->known & KNOWN(SEC_VMAS))
			skip(); /* pid 1 is ours (a container) */
		else
			assert_non_null(strstr(skvlist_get(&snap->unavailable,
			                                   "vmas"),
			                       "run as root"));
		snapshot_free(snap);
		return;
	}
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct snapshot *snap;
		const char *why;

		if (setgid(65534) < 0 || setuid(65534) < 0)
			_exit(3);
		snap = collect_pid(getppid());
		why = skvlist_get(&snap->unavailable, "vmas");
		_exit(!(snap->known & KNOWN(SEC_VMAS)) && why &&
		              strstr(why, "run as root")
		          ? 0
		          : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 3) {
		skip();
		return;
	}
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_child_regions),
		cmocka_unit_test(test_child_numa),
		cmocka_unit_test(test_kernel_thread_and_gone),
		cmocka_unit_test(test_permission),
	};

	return cmocka_run_group_tests(tests, start_child, stop_child);
}
