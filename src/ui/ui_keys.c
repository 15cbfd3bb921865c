/*
 * ui_keys.c - what a key or a click does: typing a filter first, then the
 * open menu, the help screen, the keys of every view (views, pause,
 * interval, replay, explain, menus), the current view's own keys, and last
 * the keys its table or text page share (moving, sorting).
 *
 * Must not: draw (it marks the screen dirty), or read files.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"
#include "util.h"

#define CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27

static const double ui_intervals[] = { 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 15,
                                       30, 60 };

/* ---- the filter ------------------------------------------------------------ */

static void ui_apply_filter(struct ui *ui, const char *filter)
{
	struct ui_table *t = ui_view_table(ui);
	struct ui_text *text = ui_view_text(ui);

	if (t)
		ui_table_set_filter(t, filter);
	else if (text)
		ui_text_set_filter(text, filter);
	ui->dirty = true;
}

static const char *ui_current_filter(struct ui *ui)
{
	struct ui_table *t = ui_view_table(ui);
	struct ui_text *text = ui_view_text(ui);

	return t ? t->filter : text ? text->filter : "";
}

static void ui_filter_start(struct ui *ui)
{
	ui->editing = true;
	ui->edit_purpose = UI_EDIT_FILTER;
	snprintf(ui->edit_before, sizeof(ui->edit_before), "%s",
	         ui_current_filter(ui));
	snprintf(ui->edit, sizeof(ui->edit), "%s", ui->edit_before);
	ui->dirty = true;
}

/* ---- what-ifs --------------------------------------------------------------- */

static void ui_what_if_start(struct ui *ui, const char *text)
{
	if (ui_running_engine(ui) >= SIM_COUNT) {
		ui_say(ui, UI_WARN, "%s",
		       _("this view shows no engine result to ask a what-if of"));
		return;
	}
	ui->editing = true;
	ui->edit_purpose = UI_EDIT_WHAT_IF;
	snprintf(ui->edit, sizeof(ui->edit), "%s", text);
	ui->dirty = true;
}

static void ui_what_if_submit(struct ui *ui, const char *expr)
{
	enum sim_engine e = ui_running_engine(ui);
	char *error = NULL;

	if (!expr[0])
		return;
	if (ui_what_if_add(ui, e, expr, &error) < 0) {
		ui_say(ui, UI_ERROR, "%s", error ? error : _("not a what-if"));
		free(error);
		return;
	}
	ui_rerun_engine(ui);
}

static void ui_what_if_drop(struct ui *ui)
{
	ui_what_if_clear(ui, ui_running_engine(ui));
	ui_rerun_engine(ui);
}

/* Typing a filter (every key narrows the view at once) or a what-if
 * (added on Enter). */
static void ui_filter_key(struct ui *ui, int key)
{
	bool what_if = ui->edit_purpose == UI_EDIT_WHAT_IF;
	size_t max = what_if ? sizeof(ui->edit) : UI_FILTER_LEN;
	size_t len = strlen(ui->edit);

	switch (key) {
	case '\n': case '\r': case KEY_ENTER:
		ui->editing = false;
		if (what_if)
			ui_what_if_submit(ui, ui->edit);
		return;
	case KEY_ESC:
		ui->editing = false;
		snprintf(ui->edit, sizeof(ui->edit), "%s", "");
		if (what_if)
			return;
		break;
	case KEY_BACKSPACE: case 127: case CTRL('h'):
		/* Drop a whole UTF-8 character. */
		while (len > 0 && ((unsigned char)ui->edit[--len] & 0xc0) == 0x80)
			;
		ui->edit[len] = '\0';
		break;
	case CTRL('u'):
		ui->edit[0] = '\0';
		break;
	default:
		if (key >= ' ' && key < 256 && key != 127 && len + 1 < max) {
			ui->edit[len] = (char)key;
			ui->edit[len + 1] = '\0';
		}
		break;
	}
	if (!what_if)
		ui_apply_filter(ui, ui->edit);
}

/* ---- menus ----------------------------------------------------------------- */

static void ui_menu_open(struct ui *ui, const char *title, int purpose)
{
	if (ui->menu_open)
		ui_menu_free(&ui->menu);
	ui_menu_init(&ui->menu, title, purpose);
	ui->menu_open = true;
	ui->dirty = true;
}

static void ui_sort_menu(struct ui *ui)
{
	struct ui_table *t = ui_view_table(ui);

	if (!t) {
		ui_say(ui, UI_WARN, "%s", _("this view has no columns to sort"));
		return;
	}
	ui_menu_open(ui, _("Sort by"), UI_MENU_SORT);
	for (size_t c = 0; c < t->ncols; c++) {
		const struct ui_column *col = &t->cols[c];
		char note[160];

		if (col->no_sort)
			continue;
		snprintf(note, sizeof(note), "%s%s", col->name ? col->name : "",
		         col->hidden ? _(" (hidden)") : "");
		ui_menu_add(&ui->menu, col->title, note);
		if ((int)c == t->sort_col)
			ui->menu.cursor = ui->menu.count - 1;
	}
}

static int ui_compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Users of the current snapshot's processes, sorted, each once. */
static size_t ui_users(const struct snapshot *s, char ***out)
{
	char **users = xcalloc(s->nprocesses + 1, sizeof(*users));
	size_t n = 0, unique = 0;

	for (size_t i = 0; i < s->nprocesses; i++)
		if ((s->processes[i].known & KNOWN(PROC_USER)) &&
		    s->processes[i].user)
			users[n++] = s->processes[i].user;
	qsort(users, n, sizeof(*users), ui_compare_names);
	for (size_t i = 0; i < n; i++)
		if (!unique || strcmp(users[unique - 1], users[i]) != 0)
			users[unique++] = users[i];
	*out = users;
	return unique;
}

static void ui_user_menu(struct ui *ui)
{
	char **users;
	size_t n;

	if (!ui->ctx.cur || !(ui->ctx.cur->known & KNOWN(SEC_PROCESSES))) {
		ui_say(ui, UI_WARN, "%s", _("no processes in this snapshot"));
		return;
	}
	n = ui_users(ui->ctx.cur, &users);
	ui_menu_open(ui, _("Show the processes of"), UI_MENU_USER);
	ui_menu_add(&ui->menu, _("(all users)"), NULL);
	for (size_t i = 0; i < n; i++) {
		ui_menu_add(&ui->menu, users[i], NULL);
		if (ui->user && strcmp(ui->user, users[i]) == 0)
			ui->menu.cursor = i + 1;
	}
	free(users);
}

/* Acts on the item under the menu's cursor: the user, or the column (the
 * sort menu lists the sortable columns in the table's order). */
static void ui_menu_chosen(struct ui *ui)
{
	struct ui_table *t = ui_view_table(ui);
	const char *item = ui->menu.items[ui->menu.cursor];
	size_t k = 0;

	if (ui->menu.purpose == UI_MENU_USER) {
		free(ui->user);
		ui->user = ui->menu.cursor ? xstrdup(item) : NULL;
		ui->ctx.user = ui->user;
		ui_mark_stale(ui);
		return;
	}
	for (size_t c = 0; t && c < t->ncols; c++) {
		if (t->cols[c].no_sort)
			continue;
		if (k++ == ui->menu.cursor) {
			ui_table_show_col(t, (int)c);
			ui_table_set_sort(t, (int)c, !t->cols[c].ascending_first);
			break;
		}
	}
}

static void ui_menu_event(struct ui *ui, enum ui_menu_result r)
{
	if (r == UI_MENU_CHOSEN)
		ui_menu_chosen(ui);
	if (r != UI_MENU_OPEN) {
		ui_menu_free(&ui->menu);
		ui->menu_open = false;
	}
	ui->dirty = true;
}

/* ---- the mouse --------------------------------------------------------------- */

static void ui_mouse_wheel(struct ui *ui, int delta)
{
	struct ui_table *t = ui_view_table(ui);
	struct ui_text *text = ui->help ? &ui->help_text : ui_view_text(ui);

	if (!ui->help && t)
		ui_table_scroll(t, delta);
	else if (text)
		ui_text_scroll(text, delta);
}

static void ui_mouse_click(struct ui *ui, int y, int x)
{
	struct ui_table *t = ui_view_table(ui);
	struct ui_text *text = ui_view_text(ui);
	int tab;

	if (t && ui_table_click(t, y, x) != UI_TABLE_MISS)
		return;
	if (text && ui_text_click(text, y))
		return;
	tab = ui_status_tab_at(x, COLS);
	if (tab >= 0 && y == ui_header_height(ui, LINES, COLS))
		ui_choose_view(ui, (enum view_id)tab);
}

static void ui_mouse(struct ui *ui)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	ui->dirty = true;
	if (ui->menu_open) {
		if (ev.bstate & BUTTON1_PRESSED)
			ui_menu_event(ui, ui_menu_click(&ui->menu, ev.y, ev.x));
		return;
	}
	if (ev.bstate & BUTTON4_PRESSED)
		ui_mouse_wheel(ui, -3);
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		ui_mouse_wheel(ui, 3);
#endif
	else if ((ev.bstate & BUTTON1_PRESSED) && !ui->help)
		ui_mouse_click(ui, ev.y, ev.x);
}

/* ---- keys of every view ------------------------------------------------------ */

static void ui_interval(struct ui *ui, int step)
{
	size_t n = ARRAY_SIZE(ui_intervals), i;
	double before = ui->delay;

	if (step > 0) {
		for (i = 0; i < n && ui_intervals[i] <= ui->delay; i++)
			;
		ui->delay = i < n ? ui_intervals[i] : ui_intervals[n - 1];
	} else {
		for (i = n; i > 0 && ui_intervals[i - 1] >= ui->delay; i--)
			;
		ui->delay = i > 0 ? ui_intervals[i - 1] : ui_intervals[0];
	}
	ui->next_refresh += ui->delay - before;
	ui_say(ui, UI_STATUS_KEY, _("refresh every %g s"), ui->delay);
}

static void ui_pause(struct ui *ui)
{
	if (ui_source_replay(&ui->src)) {
		ui->playing = !ui->playing;
		ui->next_refresh = ui_now() + ui->delay;
	} else {
		ui->paused = !ui->paused;
		if (!ui->paused && ui_now() >= ui->next_refresh)
			ui_new_data(ui);
	}
	ui->dirty = true;
}

static void ui_help_open(struct ui *ui)
{
	ui_help_fill(&ui->help_text, ui->view);
	ui->help = true;
	ui->dirty = true;
}

/* The view after (+1) or before (-1) the current one. */
static void ui_next_view(struct ui *ui, int step)
{
	ui_choose_view(ui, (enum view_id)((ui->view + VIEW_COUNT + step) %
	                                  VIEW_COUNT));
}

static bool ui_replay_key(struct ui *ui, int key)
{
	if (!ui_source_replay(&ui->src))
		return false;
	switch (key) {
	case '[': case KEY_SLEFT: ui_replay_seek(ui, -1, true); return true;
	case ']': case KEY_SRIGHT: ui_replay_seek(ui, 1, true); return true;
	case '{': ui_replay_seek(ui, 0, false); return true;
	case '}': ui_replay_seek(ui, -1, false); return true;
	default: return false;
	}
}

static bool ui_global_key(struct ui *ui, int key)
{
	if (key >= '1' && key <= '9') {
		ui_choose_view(ui, (enum view_id)(key - '1'));
		return true;
	}
	switch (key) {
	case 'q': case KEY_F(10): ui->quit = true; return true;
	case 'h': case '?': case KEY_F(1): ui_help_open(ui); return true;
	case 'D': ui_diag_open(ui); return true;
	case 'e': ui_toggle_explain(ui); return true;
	case 'J': ui_explain_scroll(&ui->panel, 3); return true;
	case 'K': ui_explain_scroll(&ui->panel, -3); return true;
	case '\t': ui_next_view(ui, 1); return true;
	case KEY_BTAB: ui_next_view(ui, -1); return true;
	case 'p': case ' ': ui_pause(ui); return true;
	case '+': case '=': ui_interval(ui, 1); return true;
	case '-': case '_': ui_interval(ui, -1); return true;
	case '/': ui_filter_start(ui); return true;
	case '\\': ui_apply_filter(ui, ""); return true;
	case 'u': ui_user_menu(ui); return true;
	case 's': ui_sort_menu(ui); return true;
	case 'w': ui_what_if_start(ui, ""); return true;
	case 'W': ui_what_if_drop(ui); return true;
	case CTRL('l'): clearok(curscr, TRUE); return true;
	default: return ui_replay_key(ui, key);
	}
}

/* ---- the view's keys, and what it asks for ----------------------------------- */

static void ui_request(struct ui *ui)
{
	enum view_request req = ui->ctx.request;

	ui->ctx.request = VIEW_REQ_NONE;
	if (req == VIEW_REQ_OPEN_VMAS) {
		ui->ctx.vmas_pid = ui->ctx.request_pid;
		ui_switch_view(ui, VIEW_VMAS);
	} else if (req == VIEW_REQ_BACK) {
		ui_switch_view(ui, ui->back != VIEW_VMAS ? ui->back : VIEW_PROCS);
	} else if (req == VIEW_REQ_WHAT_IF) {
		ui_what_if_submit(ui, ui->ctx.request_what_if);
	} else if (req == VIEW_REQ_WHAT_IF_EDIT) {
		ui_what_if_start(ui, ui->ctx.request_what_if);
	} else if (req == VIEW_REQ_WHAT_IF_CLEAR) {
		ui_what_if_drop(ui);
	}
}

static bool ui_view_key(struct ui *ui, int key)
{
	const struct view_ops *ops = views_get(ui->view);
	void *state = ui_view_state(ui);
	struct ui_table *t;
	struct ui_text *text;

	if (ops->key && ops->key(state, &ui->ctx, key)) {
		ui_request(ui);
		ui_want(ui); /* the view may ask for more now (a map) */
		return true;
	}
	t = ui_view_table(ui);
	text = ui_view_text(ui);
	if (t)
		return ui_table_key(t, key);
	return text && ui_text_key(text, key);
}

static void ui_help_key(struct ui *ui, int key)
{
	if (ui_text_key(&ui->help_text, key) && key != KEY_LEFT &&
	    key != KEY_RIGHT)
		return;
	ui->help = false;
}

void ui_key(struct ui *ui, int key)
{
	ui->dirty = true;
	if (key != KEY_RESIZE && key != KEY_MOUSE)
		ui->message[0] = '\0';
	if (key == KEY_RESIZE)
		return;
	if (key == KEY_MOUSE) {
		ui_mouse(ui);
		return;
	}
	if (ui->editing) {
		ui_filter_key(ui, key);
		return;
	}
	if (ui->menu_open) {
		ui_menu_event(ui, ui_menu_key(&ui->menu, key));
		return;
	}
	if (ui->help) {
		ui_help_key(ui, key);
		return;
	}
	if (!ui_global_key(ui, key))
		ui_view_key(ui, key);
}
