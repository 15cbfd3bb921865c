/*
 * workload.h - a memory workload, one step a line, as the lru engine plays it
 * (--what-if workload:FILE) and as tests/live/workload runs it for real:
 *
 *   limit SIZE          memory limit of the (new) cgroup the workload runs in
 *   swap SIZE           swap space available; 0 for none
 *   swappiness N        0..200
 *   anon SIZE           fault in SIZE of new anonymous memory (one write a page)
 *   touch anon SIZE     write the oldest SIZE of the live anonymous memory
 *   free anon SIZE      unmap the oldest SIZE of the live anonymous memory
 *   read FILE [xN]      read FILE from start to end, N times (default 1)
 *   read SIZE [xN]      the same for a new file of SIZE
 *   file FILE SIZE      FILE is SIZE long (memlens adds this for existing files)
 *   folio SIZE          page cache folio size of the files read from here on
 *   wait SECONDS        nothing happens for SECONDS (fractions allowed)
 *
 * SIZE is a number of bytes with an optional K, M, G or T suffix (powers of
 * 1024; "KiB", "KB" and "k" spell the same).  A token that reads as a SIZE is
 * one: name a file "400M" as ./400M.  '#' starts a comment.  File names hold
 * no white space.
 *
 * Must not: do I/O (the caller reads the file, and stats what it reads).
 */
#ifndef MEMLENS_WORKLOAD_H
#define MEMLENS_WORKLOAD_H

#include <stddef.h>
#include <stdint.h>

enum workload_op {
	WL_LIMIT,
	WL_SWAP,
	WL_SWAPPINESS,
	WL_ANON,
	WL_TOUCH_ANON,
	WL_FREE_ANON,
	WL_READ,
	WL_FILE,
	WL_FOLIO,
	WL_WAIT,
};

struct workload_step {
	enum workload_op op;
	unsigned line;    /* 1-based line of the text */
	uint64_t bytes;   /* SIZE (limit, swap, anon, read SIZE, file, folio) */
	int64_t count;    /* swappiness N, read xN, wait in microseconds */
	char *file;       /* read FILE and file FILE; NULL for read SIZE */
};

struct workload {
	struct workload_step *steps;
	size_t count;
};

/* The largest SIZE a step takes: 1 PiB (the model caps far below). */
#define WORKLOAD_MAX_BYTES (UINT64_C(1) << 50)
#define WORKLOAD_MAX_REPEAT 1000
#define WORKLOAD_MAX_WAIT_US (INT64_C(3600) * 1000000)

/*
 * Parses a workload's text into *out (caller frees with workload_clear).
 * Returns 0, or -EINVAL with *error (caller frees) naming the line and what
 * is wrong with it; then *out is empty.  An empty workload is an error.
 */
int parse_workload(const char *text, struct workload *out, char **error);
void workload_clear(struct workload *w);

/* The step as its line would read it, canonical ("read data x2"); caller
 * frees. */
char *workload_step_text(const struct workload_step *step);

/* "400M", "1G", "4K" (powers of 1024) into bytes: 0 or -EINVAL/-ERANGE. */
int workload_parse_size(const char *token, uint64_t *bytes);

#endif
