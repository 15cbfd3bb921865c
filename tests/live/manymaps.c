/*
 * manymaps.c - a helper for tests/live/manymaps.sh and bench/scale.sh (not
 * a test): a process of N one-page anonymous mappings that the kernel
 * cannot merge (their protections alternate: read-only, read-write), so
 * that /proc/PID/maps, smaps and numa_maps have N lines each.  One mapping
 * in ten is touched, so that some are resident (40 MiB for 100,000).  Prints
 * "ready N" once they exist, then waits for a signal.
 *
 *   manymaps N          (vm.max_map_count must allow N plus the usual ~30)
 *
 * Exit status 2, with the count reached, when the kernel refuses a mapping.
 * Must not: do anything but map, touch and wait.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long count = argc > 1 ? atol(argv[1]) : 100000;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	for (long i = 0; i < count; i++) {
		int prot = i % 2 ? PROT_READ | PROT_WRITE : PROT_READ;
		char *p = mmap(NULL, page, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			fprintf(stderr, "manymaps: mapping %ld of %ld: %s\n", i + 1,
			        count, strerror(errno));
			return 2;
		}
		if (i % 10 == 1)
			p[0] = 1;
	}
	printf("ready %ld\n", count);
	fflush(stdout);
	for (;;)
		pause();
}
