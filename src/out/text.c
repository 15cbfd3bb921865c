/*
 * text.c - batch text output, like top -b: the overview first, then one
 * block per requested view, in the order of view.h.  This file sets up the
 * render (C numbers, the interval, the reasons said so far) and dispatches;
 * the overview and each view live in their own text_*.c file, over the
 * writer, values and table they share (text_internal.h).  One view's block,
 * or one engine's, can also be rendered alone: the TUI shows the system
 * views and the engines' results with this same text.
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
	[VIEW_VMAS] = text_vmas_view,
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

/* What to render: the whole text, one view's block, or one engine's. */
struct text_part {
	void (*render)(struct text *t, int which);
	int which;
};

static void text_render_all(struct text *t, int which)
{
	(void)which;
	text_render(t);
}

static void text_render_view(struct text *t, int view)
{
	text_views[view](t);
}

/* One engine's block: the results narrowed to that engine. */
static void text_render_engine(struct text *t, int engine)
{
	struct sim_results one = *t->opts->sim;
	struct output_options opts = *t->opts;
	const struct output_options *saved = t->opts;

	one.asked &= 1u << engine;
	opts.sim = &one;
	t->opts = &opts;
	text_sim(t);
	t->opts = saved;
}

/*
 * The user's locale with LC_NUMERIC "C", or 0.  newlocale() on a zero base
 * would make every other category "C" too, and uselocale() of that would
 * turn the translations off (gettext follows the thread's LC_MESSAGES).
 */
static locale_t text_numeric_c_locale(void)
{
	locale_t base = duplocale(LC_GLOBAL_LOCALE);
	locale_t numeric;

	if (!base)
		return (locale_t)0;
	numeric = newlocale(LC_NUMERIC_MASK, "C", base);
	if (!numeric)
		freelocale(base);
	return numeric;
}

static int text_run(FILE *out, const struct snapshot *prev,
                    const struct snapshot *cur,
                    const struct output_options *opts,
                    const struct text_part *part)
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
	/* "." as the decimal point for scripts, whatever LC_NUMERIC says; the
	 * other categories stay the user's (LC_MESSAGES: the translations). */
	c_numeric = text_numeric_c_locale();
	if (c_numeric)
		saved = uselocale(c_numeric);
	if (prev)
		t.interval = fmax(0, cur->time - prev->time);
	t.reason_said = xcalloc(cur->unavailable.count + 1, sizeof(bool));
	part->render(&t, part->which);
	if (!t.err && fflush(out) == EOF)
		t.err = errno ? -errno : -EIO;
	if (c_numeric) {
		uselocale(saved);
		freelocale(c_numeric);
	}
	free(t.reason_said);
	return t.err;
}

int output_text(FILE *out, const struct snapshot *prev,
                const struct snapshot *cur, const struct output_options *opts)
{
	const struct text_part all = { text_render_all, 0 };

	return text_run(out, prev, cur, opts, &all);
}

int output_text_view(FILE *out, const struct snapshot *prev,
                     const struct snapshot *cur,
                     const struct output_options *opts, enum view_id view)
{
	const struct text_part one = { text_render_view, (int)view };

	if ((unsigned)view >= VIEW_COUNT)
		return -EINVAL;
	return text_run(out, prev, cur, opts, &one);
}

int output_text_engine(FILE *out, const struct snapshot *prev,
                       const struct snapshot *cur,
                       const struct output_options *opts,
                       enum sim_engine engine)
{
	const struct text_part one = { text_render_engine, (int)engine };

	if ((unsigned)engine >= SIM_COUNT || !opts || !opts->sim)
		return -EINVAL;
	return text_run(out, prev, cur, opts, &one);
}
