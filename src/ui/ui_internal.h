/*
 * ui_internal.h - the state of a TUI session, shared by the files of
 * src/ui/ that draw its parts: ui.c (the loop and keys), ui_header.c (the
 * overview), ui_status.c (the tab bar and the status line), ui_help.c.
 *
 * Must not: be included by views (they see struct view_ctx only).
 */
#ifndef MEMLENS_UI_INTERNAL_H
#define MEMLENS_UI_INTERNAL_H

#include <signal.h>
#include <stdbool.h>

#include <curses.h>

#include "sim.h"
#include "ui.h"
#include "ui_explain.h"
#include "ui_menu.h"
#include "ui_source.h"
#include "ui_text.h"
#include "view_ops.h"

enum ui_menu_purpose { UI_MENU_SORT = 1, UI_MENU_USER };

/* What the line editor of the status line is typing. */
enum ui_edit_purpose { UI_EDIT_FILTER, UI_EDIT_WHAT_IF };

/* An engine's what-ifs: the command line's (borrowed), then the nbase..n
 * added on screen (owned). */
struct ui_what_ifs {
	const char **list;
	size_t n, nbase;
};

struct ui {
	struct ui_options opts;
	struct ui_source src;
	struct sim_plan *plans[SIM_COUNT]; /* one per engine, NULL: none */
	struct ui_what_ifs what_ifs[SIM_COUNT]; /* what each plan was made of */
	struct sim_results results;    /* of the current view's engine */
	struct view_ctx ctx;

	enum view_id view, back;       /* back: where Esc returns from vmas */
	void *state[VIEW_COUNT];
	unsigned updated[VIEW_COUNT];  /* source generation each view saw */
	bool stale[VIEW_COUNT];        /* rebuild even at the same generation */

	bool explain, help, paused, playing;
	struct ui_explain panel;
	struct ui_text help_text;
	struct ui_menu menu;
	bool menu_open;
	char *user;                    /* the user filter */

	bool editing;                  /* typing a filter or a what-if */
	enum ui_edit_purpose edit_purpose;
	char edit[VIEW_WHAT_IF_LEN];
	char edit_before[UI_FILTER_LEN];

	double delay;
	double next_refresh;           /* monotonic seconds */
	bool dirty;                    /* something to draw */
	char message[256];             /* shown until a key, or for a while */
	double message_until;          /* monotonic seconds */
	enum ui_style message_style;
	int record_error;
	bool utf8;
	bool quit;
};

/* ui_header.c: lines the overview takes on an h x w screen, and drawing
 * it in them. */
int ui_header_height(const struct ui *ui, int h, int w);
void ui_header_draw(const struct ui *ui, WINDOW *win, int lines, int w);

/* ui_status.c: the tab bar of views and the status line. */
void ui_status_tabs(const struct ui *ui, WINDOW *win, int y, int w);
/* The view a click on the tab bar at x chose, or -1. */
int ui_status_tab_at(int x, int w);
void ui_status_draw(const struct ui *ui, WINDOW *win, int y, int w);

/* ui_help.c: fills the help page (keys, man page sections). */
void ui_help_fill(struct ui_text *t, enum view_id view);

/* ui_diag.c: the diagnostics screen (D), shown in the help screen's place. */
void ui_diag_open(struct ui *ui);

/* ui.c: the session. */
double ui_now(void);
void ui_switch_view(struct ui *ui, enum view_id view);
/* The same, chosen by a key or a click: the vmas view then shows the
 * process selected in the view before (live). */
void ui_choose_view(struct ui *ui, enum view_id view);
/* The explain panel on or off: its engine runs (and reads) only when on. */
void ui_toggle_explain(struct ui *ui);
/* Live: a new snapshot now; replay: moves by delta snapshots. */
void ui_new_data(struct ui *ui);
void ui_replay_seek(struct ui *ui, long index, bool relative);
/* The current view's state, table and text page (NULL when it has none). */
void *ui_view_state(struct ui *ui);
struct ui_table *ui_view_table(struct ui *ui);
struct ui_text *ui_view_text(struct ui *ui);
/* Every view rebuilds its rows at the next draw (a new user filter). */
void ui_mark_stale(struct ui *ui);
void ui_say(struct ui *ui, enum ui_style style, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ui_keys.c: a key or mouse event. */
void ui_key(struct ui *ui, int key);

/* The engine the current view runs now (its explain panel is open, or it
 * shows its engine's result), or SIM_COUNT for none. */
enum sim_engine ui_running_engine(const struct ui *ui);
/* Runs the current view's engine again (its what-ifs changed). */
void ui_rerun_engine(struct ui *ui);
/* Asks the collector for what the screen needs now (after a view's key);
 * takes a snapshot at once when a section is newly asked for. */
void ui_want(struct ui *ui);

/* ui_whatif.c: a plan per engine (the asked ones, or every one this build
 * has), each of the command line's what-ifs it takes and those added on
 * screen.  ui_plans_new returns -1 after printing why. */
int ui_plans_new(struct ui *ui);
void ui_plans_free(struct ui *ui);
/* Adds expr to engine e's plan; -errno with *error (caller frees) when
 * the engine rejects it (the plan is then unchanged). */
int ui_what_if_add(struct ui *ui, enum sim_engine e, const char *expr,
                   char **error);
/* Drops the what-ifs added on screen. */
void ui_what_if_clear(struct ui *ui, enum sim_engine e);

#endif
