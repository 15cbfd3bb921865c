/*
 * ui_whatif.c - the engines' plans of a TUI session.  Each engine has its
 * own plan, so that a view runs its engine alone: the command line's
 * --what-if expressions that engine takes, then those added on screen (w,
 * or a view's keys such as k on a process of the oom view).  Adding or
 * dropping one rebuilds that engine's plan; an expression the engine
 * rejects is not kept.
 *
 * Must not: draw, or read files (the engines read snapshots only).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "ui_internal.h"
#include "util.h"

/* Whether engine e takes expr (main.c checked each against the engines
 * asked for, not which one takes it). */
static bool ui_engine_takes(const struct ui_options *o, enum sim_engine e,
                            const char *expr)
{
	struct sim_plan *probe = NULL;
	char *error = NULL;
	int rc = sim_plan_new(&probe, 1u << e, &expr, 1, o->cgroup, &error);

	sim_plan_free(probe);
	free(error);
	return rc == 0;
}

/* A new plan for engine e from its what-ifs; the old one stays on error. */
static int ui_replan(struct ui *ui, enum sim_engine e, char **error)
{
	struct ui_what_ifs *w = &ui->what_ifs[e];
	struct sim_plan *plan = NULL;
	int rc = sim_plan_new(&plan, 1u << e, w->list, w->n, ui->opts.cgroup,
	                      error);

	if (rc < 0)
		return rc;
	sim_plan_free(ui->plans[e]);
	ui->plans[e] = plan;
	return 0;
}

int ui_plans_new(struct ui *ui)
{
	const struct ui_options *o = &ui->opts;

	for (int e = 0; e < SIM_COUNT; e++) {
		struct ui_what_ifs *w = &ui->what_ifs[e];
		char *error = NULL;

		if (!sim_engine(e) || (o->sims && !(o->sims & (1u << e))))
			continue;
		w->list = xcalloc(o->nwhat_ifs + 1, sizeof(*w->list));
		for (size_t i = 0; i < o->nwhat_ifs; i++)
			if (ui_engine_takes(o, e, o->what_ifs[i]))
				w->list[w->n++] = o->what_ifs[i];
		w->nbase = w->n;
		if (ui_replan(ui, e, &error) < 0) {
			fprintf(stderr, "memlens: %s\n", error ? error : "");
			free(error);
			return -1;
		}
	}
	return 0;
}

/* Frees the what-ifs added on screen (the command line's are borrowed). */
static void ui_drop_added(struct ui_what_ifs *w)
{
	for (size_t i = w->nbase; i < w->n; i++)
		free((char *)w->list[i]);
	w->n = w->nbase;
}

void ui_plans_free(struct ui *ui)
{
	for (int e = 0; e < SIM_COUNT; e++) {
		ui_drop_added(&ui->what_ifs[e]);
		free(ui->what_ifs[e].list);
		sim_plan_free(ui->plans[e]);
		ui->plans[e] = NULL;
	}
	memset(ui->what_ifs, 0, sizeof(ui->what_ifs));
}

int ui_what_if_add(struct ui *ui, enum sim_engine e, const char *expr,
                   char **error)
{
	struct ui_what_ifs *w;
	char **read = NULL;
	int rc;

	*error = NULL;
	if ((unsigned)e >= SIM_COUNT || !ui->plans[e]) {
		*error = xstrdup(_("this view's engine is not running"));
		return -ENOSYS;
	}
	/* A workload:FILE carries the file's text, read by the collector's
	 * code as for the command line's (engines do no I/O). */
	rc = collect_workload_what_ifs(&expr, 1, &read, error);
	if (rc < 0)
		return rc;
	w = &ui->what_ifs[e];
	w->list = xrealloc(w->list, (w->n + 2) * sizeof(*w->list));
	w->list[w->n++] = xstrdup(read[0]);
	collect_workload_what_ifs_free(read, 1);
	rc = ui_replan(ui, e, error);
	if (rc < 0)
		free((char *)w->list[--w->n]);
	return rc;
}

void ui_what_if_clear(struct ui *ui, enum sim_engine e)
{
	char *error = NULL;

	if ((unsigned)e >= SIM_COUNT || !ui->plans[e])
		return;
	ui_drop_added(&ui->what_ifs[e]);
	/* The command line's alone were accepted at start. */
	if (ui_replan(ui, e, &error) < 0)
		free(error);
}
