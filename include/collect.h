/*
 * collect.h - turns the live machine, or a captured tree under --root, into
 * snapshots.  Collectors are the only code that touches /proc and /sys.
 *
 * Must not: render anything, or write to /proc or /sys.
 */
#ifndef MEMLENS_COLLECT_H
#define MEMLENS_COLLECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

struct collect_options {
	const char *root;  /* NULL or "/" for the live system */
	uint64_t sections; /* KNOWN(SEC_*) to collect; others are "not requested" */
	/* Read smaps_rollup (PSS, USS, THP) for processes, on the budget. */
	bool want_smaps;
	/*
	 * Share of the processes whose smaps_rollup is re-read each refresh
	 * even though their RSS did not change (0..1; 0 means the default).
	 */
	double smaps_slice;
	const int64_t *pids; /* restrict processes to these (NULL: all) */
	size_t npids;
};

struct collector;

int collector_new(struct collector **out, const struct collect_options *opts);

/*
 * Takes a snapshot.  Never fails as a whole: what cannot be read is marked
 * unavailable in the snapshot with the reason.  The caller owns the result.
 */
struct snapshot *collector_collect(struct collector *c);

void collector_free(struct collector *c);

#endif
