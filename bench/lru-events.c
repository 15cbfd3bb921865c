/*
 * lru-events.c - how fast the lru engine's page-level model plays page
 * events (faults, reads, scans), at 4 KiB folios so that every event is one
 * page: a memory cgroup of 256 MiB with swap, 200 MiB of anonymous memory
 * written twice and a 2 GiB file read twice, at swappiness 100 so that both
 * lists are scanned and swapped.  Prints events per second; the goal is at
 * least 5 million.
 *
 *   bench/lru-events [ROUNDS]
 *
 * Must not: do I/O beyond printing (the model is pure).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../src/sim/lru_internal.h"
#include "util.h"
#include "workload.h"

static const char text[] =
	"limit 256M\n"
	"swap 1G\n"
	"swappiness 100\n"
	"folio 4K\n"
	"anon 200M\n"
	"read 2G x2\n"
	"touch anon 200M\n"
	"anon 100M\n"
	"touch anon 300M\n";

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void clear_prediction(struct lru_prediction *p)
{
	schema_free_entity(&lru_prediction_schema, p);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 3;
	struct workload w;
	struct lru_start start = {
		.label = "an empty memory cgroup",
		.cfg = { .rules = lru_rules_for("6.18.0"), .page_shift = 12,
		         .limit_pages = UINT64_MAX, .swappiness = 60,
		         .folio_pages = 512 },
		.has_limit = true,
	};
	char *error = NULL;
	double best = 0;

	if (parse_workload(text, &w, &error) < 0) {
		fprintf(stderr, "lru-events: %s\n", error);
		return 1;
	}
	for (int r = 0; r < (rounds > 0 ? rounds : 1); r++) {
		struct lru_prediction p = { 0 };
		double t0 = seconds_now(), rate;

		if (lru_workload_run(&start, "bench", &w, &p, &error) < 0) {
			fprintf(stderr, "lru-events: %s\n", error);
			return 1;
		}
		rate = (double)p.page_events / (seconds_now() - t0);
		printf("round %d: %lld page events in %.3f s: %.2f million/s "
		       "(swap %lld KiB, refaults %lld)\n", r + 1,
		       (long long)p.page_events, seconds_now() - t0, rate / 1e6,
		       (long long)p.swap_kb,
		       (long long)(p.refault_anon + p.refault_file));
		if (rate > best)
			best = rate;
		clear_prediction(&p);
	}
	printf("best: %.2f million page events/s (goal: 5)\n", best / 1e6);
	workload_clear(&w);
	return best >= 5e6 ? 0 : 1;
}
