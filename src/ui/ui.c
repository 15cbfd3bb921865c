/*
 * ui.c - the TUI session: sets the terminal up and always restores it (on
 * q, on SIGINT, SIGTERM and SIGHUP, and before a fatal message through
 * util_set_fatal_hook), runs the main loop (wait for a key with a timeout
 * that ends at the next refresh; collect; draw), and lays the screen out:
 * the overview header, the tab bar, the view's summary lines, its table or
 * text page, the explain panel, the status line.
 *
 * Drawing goes to the curses screen and out with one doupdate(), which
 * sends only the cells that changed: no flicker, and nothing is drawn when
 * nothing changed (a timeout without a refresh draws nothing).
 *
 * Must not: read files itself (the collector does), or block on anything
 * but the terminal and the collector.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "escape.h"
#include "ui.h"
#include "ui_draw.h"
#include "ui_internal.h"
#include "util.h"

/* Below this the screen says it is too small (the 20x6). */
#define UI_MIN_W 20
#define UI_MIN_H 6
/* The longest wait for a key, so that a signal is seen soon. */
#define UI_MAX_WAIT_MS 1000
/* How long a message stays on the status line without a key. */
#define UI_MESSAGE_SECONDS 3

static volatile sig_atomic_t ui_signal;
static bool ui_curses_on;

double ui_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the terminal -------------------------------------------------------- */

static void ui_restore(void)
{
	if (!ui_curses_on)
		return;
	ui_curses_on = false;
	endwin();
	fflush(stdout);
}

static void ui_on_signal(int sig)
{
	ui_signal = sig;
}

static void ui_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the wait for a key returns, and the loop ends. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* A full-screen view needs cursor addressing (a "dumb" terminal has
 * none). */
static bool ui_terminal_can_move(void)
{
	char *cup = tigetstr("cup");

	return cup && cup != (char *)-1;
}

static int ui_terminal(struct ui *ui)
{
	if (!newterm(NULL, stdout, stdin)) {
		fprintf(stderr, "%s\n",
		        _("memlens: cannot use this terminal (check TERM); try -b "
		          "for batch output"));
		return -1;
	}
	ui_curses_on = true;
	util_set_fatal_hook(ui_restore);
	if (!ui_terminal_can_move()) {
		ui_restore();
		fprintf(stderr, "%s\n",
		        _("memlens: this terminal cannot move the cursor (check "
		          "TERM); try -b for batch output"));
		return -1;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	ui->utf8 = escape_locale_utf8();
	ui_color_init(ui->utf8);
	if (ui->opts.mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		                  | BUTTON5_PRESSED
#endif
		          , NULL);
		mouseinterval(0);
	}
	return 0;
}

/* ---- data ------------------------------------------------------------------ */

void ui_say(struct ui *ui, enum ui_style style, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof(ui->message), fmt, ap);
	va_end(ap);
	ui->message_style = style;
	ui->message_until = ui_now() + UI_MESSAGE_SECONDS;
	ui->dirty = true;
}

void ui_mark_stale(struct ui *ui)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		ui->stale[v] = true;
	ui->dirty = true;
}

enum sim_engine ui_running_engine(const struct ui *ui)
{
	const struct view_ops *ops = views_get(ui->view);
	enum sim_engine e = ops->engine;

	if ((unsigned)e >= SIM_COUNT || !ui->plans[e])
		return SIM_COUNT;
	return ui->explain || ops->engine_on_screen ? e : SIM_COUNT;
}

/* The plan of the engine running now, or NULL. */
static const struct sim_plan *ui_engine_plan(const struct ui *ui)
{
	enum sim_engine e = ui_running_engine(ui);

	return e < SIM_COUNT ? ui->plans[e] : NULL;
}

/* Runs the current view's engine (or none) on the current snapshots. */
static void ui_run_engine(struct ui *ui)
{
	enum sim_engine e = ui_running_engine(ui);
	const struct ui_what_ifs *w = e < SIM_COUNT ? &ui->what_ifs[e] : NULL;

	sim_results_free(&ui->results);
	if (ui->ctx.cur)
		sim_plan_run(ui_engine_plan(ui), ui->ctx.prev, ui->ctx.cur,
		             &ui->results);
	ui->ctx.sim = &ui->results;
	ui->ctx.what_ifs = w ? w->list : NULL;
	ui->ctx.nwhat_ifs = w ? w->n : 0;
	ui->ctx.ntui_what_ifs = w ? w->n - w->nbase : 0;
	ui->ctx.explain_open = ui->explain;
	ui->stale[ui->view] = true;
}

void ui_rerun_engine(struct ui *ui)
{
	ui_run_engine(ui);
	ui->dirty = true;
}

/* After the source moved: the context, the engine, and a redraw. */
static void ui_data_changed(struct ui *ui)
{
	const struct snapshot *cur = ui_source_cur(&ui->src);
	const struct snapshot *prev = ui_source_prev(&ui->src);

	ui->ctx.cur = cur;
	ui->ctx.prev = prev;
	ui->ctx.interval = prev && cur ? fmax(0, cur->time - prev->time) : 0;
	ui_run_engine(ui);
	if (ui_source_replay(&ui->src) && cur && cur->vmas.pid > 0 &&
	    ui->ctx.vmas_pid <= 0)
		ui->ctx.vmas_pid = cur->vmas.pid;
	ui->dirty = true;
}

void ui_new_data(struct ui *ui)
{
	int rc = ui_source_refresh(&ui->src);

	if (rc < 0 && rc != ui->record_error)
		ui_say(ui, UI_ERROR, _("cannot append to %s: %s"),
		       ui->opts.record_path, strerror(-rc));
	ui->record_error = rc;
	ui->next_refresh = ui_now() + ui->delay;
	ui_data_changed(ui);
}

void ui_replay_seek(struct ui *ui, long index, bool relative)
{
	bool moved = relative ? ui_source_step(&ui->src, index)
	                      : ui_source_seek(&ui->src, index);

	if (moved)
		ui_data_changed(ui);
}

/* Sections no engine gets just by running: a view asks for them. */
#define UI_COSTLY_SECTIONS KNOWN(SEC_PAGEBLOCKS)

/* What to collect: the view on screen, what its engine reads while it
 * runs (but the costly sections only when the view asks: the pageblock
 * map scans every page's flags), and what the view asks for now. */
static uint64_t ui_sections(const struct ui *ui)
{
	const struct view_ops *ops = views_get(ui->view);
	uint64_t engine = sim_sections(sim_plan_engines(ui_engine_plan(ui)));
	void *state = ui->state[ui->view];
	uint64_t asked = ops->sections && state
	                         ? ops->sections(state, &ui->ctx) : 0;

	return view_sections(1u << ui->view) | (engine & ~UI_COSTLY_SECTIONS) |
	       asked;
}

/* Whether the collector reads the OOM inputs fresh: with --sim oom, and
 * while the oom engine runs (model and kernel scores from one moment). */
static bool ui_fresh_oom(const struct ui *ui)
{
	return (ui->opts.sims & (1u << SIM_OOM)) ||
	       ui_running_engine(ui) == SIM_OOM;
}

/* Tells the source what to read; true when a section is newly asked. */
static bool ui_source_update(struct ui *ui)
{
	return ui_source_want(&ui->src, ui_sections(ui), ui->ctx.vmas_pid,
	                      ui_fresh_oom(ui));
}

void ui_want(struct ui *ui)
{
	if (ui_source_update(ui))
		ui_new_data(ui);
}

void *ui_view_state(struct ui *ui)
{
	const struct view_ops *ops = views_get(ui->view);

	if (!ui->state[ui->view]) {
		ui->state[ui->view] = ops->init(&ui->ctx);
		ui->stale[ui->view] = true;
	}
	return ui->state[ui->view];
}

struct ui_table *ui_view_table(struct ui *ui)
{
	const struct view_ops *ops = views_get(ui->view);

	return ops->table ? ops->table(ui_view_state(ui)) : NULL;
}

struct ui_text *ui_view_text(struct ui *ui)
{
	const struct view_ops *ops = views_get(ui->view);

	return ops->text ? ops->text(ui_view_state(ui)) : NULL;
}

/* The process selected in a process table: the current view's, or the
 * procs view's; 0 when none is. */
static int64_t ui_selected_pid(struct ui *ui)
{
	static const enum view_id process_views[] = { VIEW_PROCS, VIEW_FAULTS,
	                                              VIEW_OOM };
	const struct ui_row *row = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(process_views) && !row; i++) {
		enum view_id v = process_views[i];

		if (v == ui->view && ui->state[v])
			row = ui_table_selected(views_get(v)->table(ui->state[v]));
	}
	if (!row && ui->state[VIEW_PROCS])
		row = ui_table_selected(
			views_get(VIEW_PROCS)->table(ui->state[VIEW_PROCS]));
	return row ? row->id : 0;
}

void ui_choose_view(struct ui *ui, enum view_id view)
{
	int64_t pid;

	/* Live, the mappings follow the selection; a replay has the
	 * mappings of the process it recorded. */
	if (view == VIEW_VMAS && ui->view != VIEW_VMAS &&
	    !ui_source_replay(&ui->src) && (pid = ui_selected_pid(ui)) > 0)
		ui->ctx.vmas_pid = pid;
	ui_switch_view(ui, view);
}

/* After the view or the panel changed: what to read, and the engine. */
static void ui_view_changed(struct ui *ui)
{
	if (ui_source_update(ui))
		ui_new_data(ui);
	else
		ui_run_engine(ui);
}

void ui_switch_view(struct ui *ui, enum view_id view)
{
	if ((unsigned)view >= VIEW_COUNT)
		return;
	if (view == VIEW_VMAS && ui->view != VIEW_VMAS)
		ui->back = ui->view;
	ui->view = view;
	ui_view_state(ui);
	ui->stale[view] = true;
	ui->dirty = true;
	ui_view_changed(ui);
}

void ui_toggle_explain(struct ui *ui)
{
	ui->explain = !ui->explain;
	ui->ctx.explain_open = ui->explain;
	ui->panel.scroll = 0;
	ui->dirty = true;
	ui_view_changed(ui);
}

/* ---- drawing ---------------------------------------------------------------- */

static void ui_draw_too_small(int h, int w)
{
	const char *msg = _("terminal too small");

	for (int y = 0; y < h; y++)
		ui_blank(stdscr, y, 0, w, ui_style(UI_NORMAL));
	ui_put(stdscr, h / 2, w > ui_width(msg) ? (w - ui_width(msg)) / 2 : 0,
	       msg, w, ui_style(UI_WARN));
}

static void ui_update_view(struct ui *ui)
{
	const struct view_ops *ops = views_get(ui->view);
	void *state = ui_view_state(ui);

	if (!ui->ctx.cur)
		return;
	if (ui->stale[ui->view] || ui->updated[ui->view] != ui->src.generation) {
		ops->update(state, &ui->ctx);
		ui->updated[ui->view] = ui->src.generation;
		ui->stale[ui->view] = false;
	}
}

static int ui_draw_summary(struct ui *ui, int y, int max, int w)
{
	const struct view_ops *ops = views_get(ui->view);
	struct ui_line lines[VIEW_SUMMARY_LINES];
	int n;

	if (!ops->summary || max < 1)
		return 0;
	for (int i = 0; i < VIEW_SUMMARY_LINES; i++)
		ui_line_init(&lines[i]);
	n = ops->summary(ui->state[ui->view], &ui->ctx, lines,
	                 max < VIEW_SUMMARY_LINES ? max : VIEW_SUMMARY_LINES);
	for (int i = 0; i < n; i++)
		ui_line_draw(&lines[i], stdscr, y + i, 0, w, UI_NORMAL);
	return n;
}

static void ui_draw_explain(struct ui *ui, int y, int h, int w)
{
	const struct view_ops *ops = views_get(ui->view);
	struct ui_table *t = ui_view_table(ui);

	ui_explain_clear(&ui->panel, true);
	if (ops->explain)
		ops->explain(ui->state[ui->view], &ui->ctx, &ui->panel);
	else if (t)
		views_explain_column(t, &ui->ctx, &ui->panel);
	ui_explain_draw(&ui->panel, stdscr, y, 0, h, w);
}

/* The view's body: its table or text page. */
static void ui_draw_body(struct ui *ui, int y, int h, int w)
{
	struct ui_table *t = ui_view_table(ui);
	struct ui_text *text = ui_view_text(ui);

	if (t)
		ui_table_draw(t, stdscr, y, 0, h, w, ui->utf8);
	else if (text)
		ui_text_draw(text, stdscr, y, 0, h, w);
}

/* Explain panel height: a third of the screen, leaving the table room. */
static int ui_explain_height(int free_lines)
{
	int h = free_lines / 2;

	if (h > 14)
		h = 14;
	return h >= 3 ? h : 0;
}

static void ui_draw_view(struct ui *ui, int h, int w)
{
	int y = ui_header_height(ui, h, w), body, eh = 0;

	ui_header_draw(ui, stdscr, y, w);
	ui_status_tabs(ui, stdscr, y++, w);
	ui_update_view(ui);
	if (!ui->ctx.cur) {
		ui_put(stdscr, y + 1, 1, _("reading the first snapshot..."), w - 1,
		       ui_style(UI_DIM));
		return;
	}
	y += ui_draw_summary(ui, y, (h - y - 1) / 4, w);
	body = h - y - 1;
	if (ui->explain)
		eh = ui_explain_height(body);
	ui_draw_body(ui, y, body - eh, w);
	if (eh)
		ui_draw_explain(ui, y + body - eh, eh, w);
}

static void ui_draw_help(struct ui *ui, int h, int w)
{
	ui_text_draw(&ui->help_text, stdscr, 0, 0, h - 1, w);
}

static void ui_draw(struct ui *ui)
{
	int h = LINES, w = COLS;

	werase(stdscr);
	if (h < UI_MIN_H || w < UI_MIN_W) {
		ui_draw_too_small(h, w);
	} else {
		if (ui->help)
			ui_draw_help(ui, h, w);
		else
			ui_draw_view(ui, h, w);
		ui_status_draw(ui, stdscr, h - 1, w);
		if (ui->menu_open)
			ui_menu_draw(&ui->menu, stdscr, h, w);
	}
	wnoutrefresh(stdscr);
	doupdate();
	ui->dirty = false;
}

/* ---- the loop ------------------------------------------------------------- */

/* Milliseconds to wait for a key before something is due. */
static int ui_wait_ms(const struct ui *ui)
{
	double due;

	if (ui_source_replay(&ui->src) ? !ui->playing : ui->paused)
		return UI_MAX_WAIT_MS;
	due = (ui->next_refresh - ui_now()) * 1000;
	if (due < 0)
		return 0;
	return due > UI_MAX_WAIT_MS ? UI_MAX_WAIT_MS : (int)ceil(due);
}

static void ui_tick(struct ui *ui)
{
	if (ui->message[0] && ui_now() >= ui->message_until) {
		ui->message[0] = '\0';
		ui->dirty = true;
	}
	if (ui_now() < ui->next_refresh)
		return;
	if (!ui_source_replay(&ui->src)) {
		if (!ui->paused)
			ui_new_data(ui);
		return;
	}
	if (!ui->playing)
		return;
	ui->next_refresh = ui_now() + ui->delay;
	if (ui->src.index + 1 >= ui->src.count)
		ui->playing = false;
	else
		ui_replay_seek(ui, 1, true);
	ui->dirty = true;
}

static void ui_loop(struct ui *ui)
{
	while (!ui->quit && !ui_signal) {
		int key;

		if (ui->dirty)
			ui_draw(ui);
		timeout(ui_wait_ms(ui));
		key = getch();
		if (ui_signal)
			break;
		if (key == ERR)
			ui_tick(ui);
		else
			ui_key(ui, key);
	}
}

/* ---- the session ------------------------------------------------------------ */

static int ui_start(struct ui *ui, const struct ui_options *opts)
{
	char *error = NULL;

	memset(ui, 0, sizeof(*ui));
	ui->opts = *opts;
	ui->view = opts->view < VIEW_COUNT ? opts->view : VIEW_PROCS;
	ui->back = VIEW_PROCS;
	ui->delay = opts->delay > 0 ? opts->delay : 2.0;
	ui->ctx.sort_field = opts->sort_field;
	ui->ctx.sort_ascending = opts->sort_ascending;
	ui->ctx.vmas_pid = opts->npids ? opts->pids[0] : 0;
	ui_explain_init(&ui->panel);
	ui_text_init(&ui->help_text);
	if (ui_plans_new(ui) < 0)
		return -1;
	if (ui_source_open(&ui->src, opts, ui_sections(ui), &error) < 0) {
		fprintf(stderr, "memlens: %s\n", error ? error : "");
		free(error);
		return -1;
	}
	ui_source_update(ui);
	ui->ctx.replay = ui_source_replay(&ui->src);
	ui->ctx.utf8 = escape_locale_utf8();
	return 0;
}

static void ui_stop(struct ui *ui)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		if (ui->state[v])
			views_get(v)->free(ui->state[v]);
	if (ui->menu_open)
		ui_menu_free(&ui->menu);
	ui_explain_free(&ui->panel);
	ui_text_free(&ui->help_text);
	sim_results_free(&ui->results);
	ui_plans_free(ui);
	ui_source_close(&ui->src);
	free(ui->user);
}

/* The first snapshot: a replay has it; live, it is read with a note on
 * screen, and the second comes soon so that rates appear quickly. */
static void ui_first_data(struct ui *ui)
{
	if (ui_source_replay(&ui->src)) {
		ui_data_changed(ui);
		return;
	}
	ui_draw(ui);
	ui_new_data(ui);
	ui->next_refresh = ui_now() + fmin(ui->delay, 1.0);
}

int ui_run(const struct ui_options *opts)
{
	struct ui ui;
	int status = 0;

	if (ui_start(&ui, opts) < 0) {
		ui_stop(&ui);
		return 1;
	}
	ui_signals();
	if (ui_terminal(&ui) < 0) {
		ui_stop(&ui);
		return 1;
	}
	ui_view_state(&ui);
	ui_first_data(&ui);
	ui_loop(&ui);
	ui_restore();
	util_set_fatal_hook(NULL);
	if (ui_signal && ui_signal != SIGINT)
		status = 128 + ui_signal;
	ui_stop(&ui);
	return status;
}
