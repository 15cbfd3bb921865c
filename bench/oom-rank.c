/*
 * oom-rank.c - how long the oom engine takes to rank 10,000 processes: a
 * made-up snapshot (sizes, adj, users, cgroups, a few kernel threads and
 * processes sharing an mm) goes through the whole engine run (badness and
 * oom_score of each, the ranking and tie rule, the kill order, the 2.6
 * heuristic, the rows of the result) RUNS times; the median is printed and
 * must be under 5 ms.
 *
 *   oom-rank [PROCESSES [RUNS]]    defaults 10000 51
 *
 * Exit status 0, or 1 when the median is 5 ms or more.  `make bench-oom`
 * runs it (not make check: a timing under a loaded or sanitized build says
 * nothing).
 *
 * Must not: read anything from the machine (the processes are made up).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oom.h"
#include "sim.h"
#include "util.h"

#define LIMIT_MS 5.0

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * UINT64_C(2685821657736338717);
}

static void fill_proc(struct proc *p, int64_t pid, uint64_t *rng)
{
	uint64_t r = rng_next(rng);

	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->ppid = pid > 10 ? (int64_t)(r % (uint64_t)pid) + 1 : 1;
	p->start_ticks = pid * 3;
	p->stat_rss_pages = (int64_t)(r % 200000);
	p->anon_kb = p->stat_rss_pages * 3;
	p->file_kb = p->stat_rss_pages;
	p->swap_kb = (int64_t)(r >> 20) % 4000 * 4;
	p->pgtables_kb = 4 + (int64_t)(r >> 32) % 400 * 4;
	p->oom_score_adj = (r >> 40) % 8 == 0 ? 500 : (r >> 40) % 16 == 1 ? -1000 : 0;
	p->total_vm_pages = p->stat_rss_pages * 3 + 5000;
	p->task_flags = pid % 97 == 0 ? OOM_PF_KTHREAD : 0;
	p->cpu_time_s = (double)(r % 10000);
	p->age_s = (double)(r % 1000000);
	p->cap_eff = pid % 3 == 0 ? INT64_C(0x1ffffffffff) : 0;
	p->mm_group = pid % 500 == 1 ? pid - 1 : pid;
	p->comm = xasprintf("proc-%lld", (long long)pid);
	p->user = xstrdup(pid % 3 == 0 ? "root" : "user");
	p->state = xstrdup("S");
	p->cgroup = xasprintf("/slice-%lld", (long long)(pid % 50));
	p->known = ~UINT64_C(0) & ~KNOWN(PROC_OOM_SCORE_STABLE);
	for (int s = 0; s < PROC_SOURCE_COUNT; s++)
		p->source_err[s] = 0;
}

static struct snapshot *made_up(size_t n)
{
	struct snapshot *s = snapshot_new();
	uint64_t rng = 42;

	s->kernel = xstrdup("6.18.0");
	s->page_size = 4096;
	s->known = KNOWN(SEC_MEMINFO) | KNOWN(SEC_PROCESSES) | KNOWN(SEC_SYSCTL);
	kvlist_add(&s->meminfo, "MemTotal", INT64_C(256) << 20);
	kvlist_add(&s->meminfo, "SwapTotal", INT64_C(8) << 20);
	skvlist_add(&s->sysctl, "overcommit_memory", "0");
	s->processes = xcalloc(n, sizeof(*s->processes));
	for (size_t i = 0; i < n; i++)
		fill_proc(&s->processes[i], (int64_t)i + 1, &rng);
	s->nprocesses = n;
	return s;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000;
	int runs = argc > 2 ? atoi(argv[2]) : 51;
	struct snapshot *s;
	double *ms, median;
	struct sim_input in = { 0 };

	if (n == 0 || runs <= 0)
		return 2;
	s = made_up(n);
	in.cur = s;
	ms = xcalloc((size_t)runs, sizeof(*ms));
	for (int i = 0; i < runs; i++) {
		void *result = NULL;
		char *error = NULL;
		double t0 = now_ms();

		if (oom_engine.run(&in, &result, &error) < 0) {
			fprintf(stderr, "oom-rank: %s\n", error);
			return 1;
		}
		ms[i] = now_ms() - t0;
		if (i == 0)
			printf("victim %lld, %lld killable of %zu\n",
			       (long long)((struct oom_result *)result)->victim,
			       (long long)((struct oom_result *)result)->nkillable, n);
		oom_engine.free_result(result);
	}
	qsort(ms, (size_t)runs, sizeof(*ms), compare_double);
	median = ms[runs / 2];
	printf("oom engine, %zu processes: median %.2f ms, best %.2f ms, "
	       "worst %.2f ms over %d runs (limit %.0f ms)\n", n, median, ms[0],
	       ms[runs - 1], runs, LIMIT_MS);
	free(ms);
	snapshot_free(s);
	return median < LIMIT_MS ? 0 : 1;
}
