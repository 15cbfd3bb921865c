/*
 * text.c - batch text output, like top -b: the overview first, then one
 * block per requested view, in the order of view.h.  This file sets up the
 * render (C numbers, the interval, the reasons said so far) and dispatches;
 * the overview and each view live in their own text_*.c file, over the
 * writer, values and table they share (text_internal.h).
 *
 * Units: tables print plain integers, with the unit in the block's note
 * line (KiB, pages, bytes) or the column title (/s); the overview and the
 * summary lines print human units (KiB, MiB, GiB with one decimal).  Numbers
 * use "." as the decimal point whatever LC_NUMERIC says, so that scripts can
 * read them.  A value that was not read prints as n/a and sorts last; why a
 * whole section is missing is said once, from snapshot.unavailable.
 *
 * Must not: read files or the clock (rates come from the two snapshots, so a
 * replay prints byte for byte what the live run printed), change the
 * snapshots, or print a string from the kernel without escape_term().
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "escape.h"
#include "output.h"
#include "text_internal.h"
#include "util.h"
#include "view.h"

/* The renderer of each view; adding a view is a file and a line here. */
static void (*const text_views[VIEW_COUNT])(struct text *t) = {
	[VIEW_PROCS] = text_procs_view,
	[VIEW_VMAS] = text_procs_vmas_view,
	[VIEW_FAULTS] = text_procs_faults_view,
	[VIEW_SLAB] = text_slab_view,
	[VIEW_NUMA] = text_numa_view,
	[VIEW_THP] = text_thp_view,
	[VIEW_BUDDY] = text_buddy_view,
	[VIEW_LRU] = text_lru_view,
	[VIEW_OOM] = text_procs_oom_view,
};

static void text_render(struct text *t)
{
	text_overview(t);
	for (int v = 0; v < VIEW_COUNT; v++) {
		if (!(t->opts->views & (1u << v)))
			continue;
		text_put(t, "\n[%s] %s\n", view_table[v].name,
		         _(view_table[v].title));
		text_views[v](t);
	}
	text_sim(t);
}

int output_text(FILE *out, const struct snapshot *prev,
                const struct snapshot *cur, const struct output_options *opts)
{
	static const struct output_options defaults = {
		.views = 1u << VIEW_PROCS,
	};
	struct text t = {
		.out = out, .cur = cur, .prev = prev,
		.opts = opts ? opts : &defaults, .utf8 = escape_locale_utf8(),
	};
	locale_t c_numeric, saved = (locale_t)0;

	if (!out || !cur)
		return -EINVAL;
	/* "." as the decimal point for scripts, whatever LC_NUMERIC says. */
	c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c_numeric)
		saved = uselocale(c_numeric);
	if (prev)
		t.interval = fmax(0, cur->time - prev->time);
	t.reason_said = xcalloc(cur->unavailable.count + 1, sizeof(bool));
	text_render(&t);
	if (!t.err && fflush(out) == EOF)
		t.err = errno ? -errno : -EIO;
	if (c_numeric) {
		uselocale(saved);
		freelocale(c_numeric);
	}
	free(t.reason_said);
	return t.err;
}
