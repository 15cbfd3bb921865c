/*
 * ui_status.c - the tab bar (the nine views, the current one lit, clickable)
 * and the status line: live or replay and where in it, the refresh
 * interval or "paused", the sort key, the filter (being typed, or set), the
 * user filter, the view's own state, and warnings about what the view
 * cannot show and why ("slab: needs root").
 *
 * Must not: read files, or draw a kernel string unescaped.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui_draw.h"
#include "ui_internal.h"
#include "util.h"

/* Section names as snapshot.unavailable calls them (a section missing
 * here gets no warning). */
static const char *const section_names[SEC_COUNT] = {
	[SEC_MEMINFO] = "meminfo", [SEC_VMSTAT] = "vmstat",
	[SEC_PROCESSES] = "processes", [SEC_ZONES] = "zones",
	[SEC_SLAB] = "slab", [SEC_NUMA] = "numa", [SEC_THP] = "thp",
	[SEC_ZSWAP] = "zswap", [SEC_PSI] = "psi", [SEC_CGROUP] = "cgroup",
	[SEC_SYSCTL] = "sysctl", [SEC_VMAS] = "vmas",
	[SEC_PAGEBLOCKS] = "pageblocks",
};

/* Tab labels are " 1 procs " when the bar is wide enough, " 1 " if not. */
static bool ui_status_wide_tabs(int w)
{
	int need = 0;

	for (int v = 0; v < VIEW_COUNT; v++)
		need += (int)strlen(view_table[v].name) + 4;
	return w >= need;
}

static int ui_status_tab_width(int v, bool wide)
{
	return wide ? (int)strlen(view_table[v].name) + 4 : 3;
}

int ui_status_tab_at(int x, int w)
{
	bool wide = ui_status_wide_tabs(w);
	int at = 0;

	for (int v = 0; v < VIEW_COUNT; v++) {
		int tw = ui_status_tab_width(v, wide);

		if (x >= at && x < at + tw)
			return v;
		at += tw;
	}
	return -1;
}

void ui_status_tabs(const struct ui *ui, WINDOW *win, int y, int w)
{
	bool wide = ui_status_wide_tabs(w);
	int x = 0;

	ui_blank(win, y, 0, w, ui_style(UI_TAB));
	for (int v = 0; v < VIEW_COUNT && x < w; v++) {
		char label[32];
		enum ui_style style = v == (int)ui->view ? UI_TAB_ACTIVE : UI_TAB;

		if (wide)
			snprintf(label, sizeof(label), " %c %s ", view_table[v].key,
			         view_table[v].name);
		else
			snprintf(label, sizeof(label), " %c ", view_table[v].key);
		x += ui_put(win, y, x, label, w - x, ui_style(style));
	}
	if (x + 3 < w) {
		const char *title = _(view_table[ui->view].title);
		int tw = ui_width(title);

		if (x + tw + 2 <= w)
			ui_put(win, y, w - tw - 1, title, tw, ui_style(UI_PANEL_TITLE));
	}
}

/* A refused read: advice to run as root only when that would help. */
static const char *ui_status_refused(void)
{
	return geteuid() != 0 ? _("needs root") : _("refused");
}

/*
 * The same decision from the reason's words, for a source with no errno:
 * a replayed snapshot (records do not carry it), or a reason that is not
 * a failed read.  The words memlens itself writes, in the catalog's
 * language and in English (records made for JSON are untranslated), never
 * a guess at other words.
 */
static const char *ui_status_short_words(const char *source,
                                         const char *reason)
{
	if (strstr(reason, _(" (run as root)")) ||
	    strstr(reason, " (run as root)"))
		return _("needs root");
	if (strstr(reason, _(" (refused even to root here)")) ||
	    strstr(reason, " (refused even to root here)"))
		return _("refused");
	if (!strcmp(reason, _("not requested (see --view)")) ||
	    !strcmp(reason, "not requested (see --view)") ||
	    strchr(source, '.'))
		return NULL;
	return _("unavailable");
}

/* A reason made short for the status line; NULL: not worth a warning
 * (not asked for, or a part of a section that this system lacks).  The
 * collector's errno decides; the words only when it left none. */
static const char *ui_status_short(const struct snapshot *s, size_t i)
{
	const char *source = s->unavailable.items[i].name;
	int64_t err;

	if (!kvlist_get(&s->unavailable_errno, source, &err))
		return ui_status_short_words(source,
		                             s->unavailable.items[i].value);
	if (err == EACCES || err == EPERM)
		return ui_status_refused();
	if (err == UNAVAILABLE_NOT_REQUESTED || strchr(source, '.'))
		return NULL;
	return _("unavailable");
}

/* Sources the view needs that could not be read: "slab: needs root". */
static void ui_status_warnings(const struct ui *ui, struct ui_line *l)
{
	const struct snapshot *s = ui->ctx.cur;
	uint64_t needed = view_table[ui->view].sections;
	int shown = 0;

	for (size_t i = 0; s && i < s->unavailable.count && shown < 2; i++) {
		const char *source = s->unavailable.items[i].name;
		const char *why = ui_status_short(s, i);
		size_t len = strcspn(source, ".");

		for (int sec = 0; sec < SEC_COUNT && why; sec++) {
			if (!(needed & KNOWN(sec)) || !section_names[sec] ||
			    strlen(section_names[sec]) != len ||
			    strncmp(section_names[sec], source, len) != 0)
				continue;
			ui_line_add(l, UI_STATUS, " ");
			ui_line_add_safe(l, UI_STATUS_KEY, source);
			ui_line_add(l, UI_STATUS_KEY, ": %s ", why);
			shown++;
			break;
		}
	}
}

/* PSS and USS of other users' processes need root. */
static void ui_status_smaps_denied(const struct ui *ui, struct ui_line *l)
{
	const struct snapshot *s = ui->ctx.cur;
	size_t denied = 0;

	if (!s || !(view_table[ui->view].sections & KNOWN(SEC_PROCESSES)))
		return;
	for (size_t i = 0; i < s->nprocesses; i++) {
		int err = s->processes[i].source_err[PROC_SRC_SMAPS_ROLLUP];

		denied += err == EACCES || err == EPERM;
	}
	if (denied)
		ui_line_add(l, UI_STATUS_KEY, _(" PSS n/a for %zu: needs root "),
		            denied);
}

static void ui_status_mode(const struct ui *ui, struct ui_line *l)
{
	const struct snapshot *s = ui->ctx.cur;
	char when[32] = "";
	time_t secs = s ? (time_t)s->time : 0;
	struct tm tm;

	if (s && s->time > 0 && localtime_r(&secs, &tm))
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
	if (ui_source_replay(&ui->src)) {
		ui_line_add(l, UI_STATUS_KEY, " %s %zu/%zu ", _("replay"),
		            ui->src.index + 1, ui->src.count);
		ui_line_add(l, UI_STATUS, "%s ", when);
		ui_line_add(l, UI_STATUS, "%s ",
		            ui->playing ? _("playing") : _("[ ] step, p play"));
		return;
	}
	ui_line_add(l, UI_STATUS, " %s ", when);
	if (ui->paused)
		ui_line_add(l, UI_STATUS_KEY, "%s ", _("PAUSED"));
	else
		ui_line_add(l, UI_STATUS, _("every %gs "), ui->delay);
}

static void ui_status_sort_filter(const struct ui *ui, struct ui_line *l)
{
	const struct view_ops *ops = views_get(ui->view);
	void *state = ui->state[ui->view];
	struct ui_table *t = state && ops->table ? ops->table(state) : NULL;
	struct ui_text *text = state && ops->text ? ops->text(state) : NULL;
	const char *filter = t ? t->filter : text ? text->filter : "";

	if (t && t->sort_col >= 0)
		ui_line_add(l, UI_STATUS, "%s %s%s ", _("sort"),
		            t->cols[t->sort_col].title,
		            t->descending ? ui_glyph(UI_G_SORT_DOWN)
		                          : ui_glyph(UI_G_SORT_UP));
	if (ui->editing) {
		ui_line_add(l, UI_STATUS_KEY, "%s ",
		            ui->edit_purpose == UI_EDIT_WHAT_IF ? _("What-if:")
		                                                : _("Filter:"));
		ui_line_add_safe(l, UI_STATUS_KEY, ui->edit);
		ui_line_add(l, UI_STATUS_KEY, "_ ");
	} else if (*filter) {
		ui_line_add(l, UI_STATUS, "/");
		ui_line_add_safe(l, UI_STATUS_KEY, filter);
		ui_line_add(l, UI_STATUS, " ");
	}
	if (ui->user && (view_table[ui->view].sections & KNOWN(SEC_PROCESSES))) {
		ui_line_add(l, UI_STATUS, "%s ", _("user"));
		ui_line_add_safe(l, UI_STATUS_KEY, ui->user);
		ui_line_add(l, UI_STATUS, " ");
	}
	if (state && ops->status)
		ops->status(state, l);
}

/* The what-ifs added on screen, which the view's numbers now include. */
static void ui_status_what_ifs(const struct ui *ui, struct ui_line *l)
{
	const struct view_ctx *c = &ui->ctx;

	if (!c->ntui_what_ifs || ui_running_engine(ui) >= SIM_COUNT)
		return;
	ui_line_add(l, UI_STATUS_KEY, " %s", _("what-if"));
	for (size_t i = c->nwhat_ifs - c->ntui_what_ifs; i < c->nwhat_ifs; i++) {
		/* A workload:FILE carries the file's text after its first line. */
		char *first = xstrndup(c->what_ifs[i],
		                       strcspn(c->what_ifs[i], "\n"));

		ui_line_add(l, UI_STATUS_KEY, "%s", " ");
		ui_line_add_safe(l, UI_STATUS_KEY, first);
		free(first);
	}
	ui_line_add(l, UI_STATUS, " %s ", _("(W drops)"));
}

void ui_status_draw(const struct ui *ui, WINDOW *win, int y, int w)
{
	struct ui_line l, keys;
	int kw;

	ui_line_init(&l);
	if (ui->message[0]) {
		ui_line_add(&l, ui->message_style, " %s ", ui->message);
	} else {
		ui_status_mode(ui, &l);
		ui_status_sort_filter(ui, &l);
		ui_status_what_ifs(ui, &l);
		ui_status_warnings(ui, &l);
		ui_status_smaps_denied(ui, &l);
		if (ui->src.warning)
			ui_line_add(&l, UI_STATUS_KEY, _(" %zu lines skipped "),
			            ui->src.skipped);
	}
	ui_line_init(&keys);
	ui_line_add(&keys, UI_STATUS_KEY, "h");
	ui_line_add(&keys, UI_STATUS, " %s ", _("help"));
	ui_line_add(&keys, UI_STATUS_KEY, "q");
	ui_line_add(&keys, UI_STATUS, " %s ", _("quit"));
	kw = ui_line_width(&keys);
	if (ui_line_width(&l) + kw + 1 <= w) {
		ui_line_draw(&l, win, y, 0, w - kw, UI_STATUS);
		ui_line_draw(&keys, win, y, w - kw, kw, UI_STATUS);
	} else {
		ui_line_draw(&l, win, y, 0, w, UI_STATUS);
	}
}
