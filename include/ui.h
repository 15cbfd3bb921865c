/*
 * ui.h - the interactive full-screen view (ncursesw): the overview header
 * above one view at a time, a status line below, keys and the mouse to
 * move between views, sort, filter, open a process's mappings, and an
 * explain panel per view.  main.c calls ui_run() on a terminal without -b.
 *
 * Must not: be used when standard output is not a terminal (main.c runs
 * batch output then).
 */
#ifndef MEMLENS_UI_H
#define MEMLENS_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim.h"
#include "view.h"

struct ui_options {
	double delay;              /* seconds between live refreshes */
	enum view_id view;         /* the first view */
	const char *sort_field;    /* -s, a proc_schema field name, or NULL */
	bool sort_ascending;
	const int64_t *pids;       /* -p: collect only these (live) */
	size_t npids;
	const char *root;          /* --root, or NULL */
	const char *replay_path;   /* -r: step through a recording */
	const char *record_path;   /* -w: append what is shown */
	bool mouse;                /* false with -M */
	/* --sim (1u << SIM_*; 0: every engine this build has), --what-if
	 * (checked by the caller) and --cgroup.  Each view's engine runs
	 * while its explain panel is open, on the what-ifs it takes. */
	unsigned sims;
	const char *const *what_ifs;
	size_t nwhat_ifs;
	const char *cgroup;
};

/* Runs until the user quits or a signal ends it; restores the terminal.
 * Returns the exit status (0, or 1 when the source could not be opened
 * or the terminal could not be set up). */
int ui_run(const struct ui_options *opts);

#endif
