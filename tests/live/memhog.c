/*
 * memhog.c - a process of known memory for the live tests of the process
 * collector: it maps and touches ANON_MIB of anonymous memory (4 KiB pages:
 * MADV_NOHUGEPAGE) and FILE_MIB of a MAP_SHARED mapping of a file it creates
 * and fills, prints "ready", then waits.  Each SIGUSR1 maps and touches
 * GROW_MIB more anonymous memory and prints "grown".  SIGTERM ends it, and
 * so does the death of its parent.
 *
 *   memhog ANON_MIB FILE_MIB FILE GROW_MIB [COMM [ARG...]]
 *
 * FILE is unlinked once mapped.  COMM, if given, becomes the process name
 * (any bytes); the ARGs are ignored: they are there to be seen in cmdline.
 *
 * Must not: be run as a test itself.  Run without arguments (as the test
 * harness does with every check program) it prints a skipped TAP plan.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#define MIB (1024L * 1024L)

static void die(const char *what)
{
	fprintf(stderr, "memhog: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long page_size(void)
{
	long size = sysconf(_SC_PAGESIZE);

	return size > 0 ? size : 4096;
}

/* Writes to every page, so that each one is resident. */
static void touch(char *mem, size_t bytes)
{
	for (size_t off = 0; off < bytes; off += (size_t)page_size())
		mem[off] = 1;
}

static void map_anon(long mib)
{
	size_t bytes = (size_t)(mib * MIB);
	char *mem;

	if (bytes == 0)
		return;
	mem = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
	           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		die("mmap anonymous");
	/* 4 KiB pages: one minor fault per page, which the tests count. */
	if (madvise(mem, bytes, MADV_NOHUGEPAGE) < 0 && errno != EINVAL)
		die("madvise");
	touch(mem, bytes);
}

/* Fills the file through write(), so its pages are in the page cache, then
 * maps it shared and touches every page. */
static void map_file(long mib, const char *path)
{
	size_t bytes = (size_t)(mib * MIB);
	static char block[65536];
	char *mem;
	int fd;

	if (bytes == 0)
		return;
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		die(path);
	memset(block, 'm', sizeof(block));
	for (size_t done = 0; done < bytes; done += sizeof(block))
		if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block))
			die("write");
	mem = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (mem == MAP_FAILED)
		die("mmap file");
	close(fd);
	unlink(path);
	touch(mem, bytes);
}

static void say(const char *line)
{
	if (write(STDOUT_FILENO, line, strlen(line)) < 0)
		exit(1);
}

int main(int argc, char **argv)
{
	sigset_t usr1;
	long grow_mib;

	if (argc < 5) {
		puts("1..0 # SKIP memhog is a helper of test_procs, not a test");
		return 0;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		return 1; /* the parent is already gone */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	grow_mib = atol(argv[4]);
	if (argc > 5)
		prctl(PR_SET_NAME, argv[5]);
	map_anon(atol(argv[1]));
	map_file(atol(argv[2]), argv[3]);
	say("ready\n");
	for (;;) {
		int sig;

		if (sigwait(&usr1, &sig) != 0)
			continue;
		map_anon(grow_mib);
		say("grown\n");
	}
}
