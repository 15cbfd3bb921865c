/*
 * output.h - batch renderers: text (like top -b), JSON (one object per
 * snapshot) and OpenMetrics.  Each renders the current snapshot, with rates
 * taken against the previous one (NULL for the first).
 *
 * Must not: read files, or change the snapshots.
 */
#ifndef MEMLENS_OUTPUT_H
#define MEMLENS_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim.h"
#include "snapshot.h"
#include "view.h"

enum output_format { OUTPUT_TEXT, OUTPUT_JSON, OUTPUT_OPENMETRICS };

struct output_options {
	enum output_format format;
	unsigned views;          /* KNOWN(VIEW_*) to print (text) */
	const char *sort_field;  /* a proc_schema field name */
	bool sort_ascending;
	const int64_t *pids;     /* only these processes (NULL: all) */
	size_t npids;
	int max_rows;            /* text: rows per process table, 0 = all */
	const struct sim_results *sim; /* engine results to add, or NULL */
};

/* Returns 0, or -errno when writing failed (EPIPE: the reader went away). */
int output_text(FILE *out, const struct snapshot *prev,
                const struct snapshot *cur, const struct output_options *opts);
/*
 * One view's block of batch text, without the overview and the block's
 * "[name]" heading: what the TUI shows for the system views, so that the
 * two never disagree.
 */
int output_text_view(FILE *out, const struct snapshot *prev,
                     const struct snapshot *cur,
                     const struct output_options *opts, enum view_id view);
/* One engine's block of opts->sim (the TUI's explain panel). */
int output_text_engine(FILE *out, const struct snapshot *prev,
                       const struct snapshot *cur,
                       const struct output_options *opts,
                       enum sim_engine engine);
int output_json(FILE *out, const struct snapshot *prev,
                const struct snapshot *cur, const struct output_options *opts);
int output_openmetrics(FILE *out, const struct snapshot *prev,
                       const struct snapshot *cur,
                       const struct output_options *opts);

#endif
