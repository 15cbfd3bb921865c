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
	 * Share of the processes seen before whose files (status, oom_score,
	 * cmdline, cgroup, smaps_rollup) are all re-read each refresh, least
	 * recently read first, whatever stat says: it bounds how stale a change
	 * that stat does not show can get.  0 (the default) sizes the share by
	 * the time since the last refresh, so that every process is read in full
	 * about once a minute at any refresh interval; 0..1 fixes the share.
	 */
	double smaps_slice;
	/*
	 * Read status, oom_score and oom_score_adj of every process at every
	 * refresh (not only when stat shows a change), oom_score twice around
	 * the others to tell whether it is stable, and which processes share
	 * an address space (kcmp) or are vfork children: what --sim oom needs
	 * to reproduce /proc/PID/oom_score exactly.  About five more small
	 * reads per process per refresh.
	 */
	bool fresh_oom_inputs;
	const int64_t *pids; /* restrict processes to these (NULL: all) */
	size_t npids;
	/* The process whose mappings SEC_VMAS reads (smaps, numa_maps), 0 for
	 * none: the section is then unavailable with the reason. */
	int64_t vmas_pid;
};

struct collector;

int collector_new(struct collector **out, const struct collect_options *opts);

/*
 * Takes a snapshot.  Never fails as a whole: what cannot be read is marked
 * unavailable in the snapshot with the reason.  The caller owns the result.
 */
struct snapshot *collector_collect(struct collector *c);

/* Switches the process whose mappings SEC_VMAS reads (0: none), from the
 * next snapshot on: the TUI follows the process the user opens. */
void collector_set_vmas_pid(struct collector *c, int64_t pid);

/* collect_options.fresh_oom_inputs from the next snapshot on: the TUI sets
 * it while the oom engine runs. */
void collector_set_fresh_oom_inputs(struct collector *c, bool fresh);

/*
 * Changes the sections to collect from the next snapshot on (the TUI reads
 * what the view on screen needs).  The process collector keeps its state
 * while processes are not asked for, and starts the first time they are.
 * Returns 0 or -errno (the sections are then unchanged).
 */
int collector_set_sections(struct collector *c, uint64_t sections);

void collector_free(struct collector *c);

/*
 * The what-ifs with each "workload:FILE" expanded for the lru engine (which
 * does no I/O): "workload:FILE\n" + the file's text + a "file NAME SIZE"
 * line for each file its read steps name (src/collect/workload.c).  Returns
 * 0 with *out (n strings; free with collect_workload_what_ifs_free), or
 * -errno with *error (caller frees) naming the file that could not be read.
 */
int collect_workload_what_ifs(const char *const *what_ifs, size_t n,
                              char ***out, char **error);
void collect_workload_what_ifs_free(char **list, size_t n);

#endif
