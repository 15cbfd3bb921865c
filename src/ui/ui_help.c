/*
 * ui_help.c - the help screen (h, ?): every key, the current view's own
 * keys, and which sections of memlens(1) to read (for the view on screen,
 * from the table the pages are made into: explain.h).  The KEYS section of the
 * man page lists the same keys; keep the two together.
 *
 * Must not: read files.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "ui_internal.h"
#include "util.h"

static const char *const ui_help_keys[] = {
	N_("1-9\tviews: 1 procs, 2 vmas, 3 faults, 4 slab, 5 numa, 6 thp, "
	   "7 buddy, 8 lru, 9 oom"),
	N_("Tab, Shift-Tab\tnext, previous view"),
	N_("Up, Down, PgUp, PgDn, Home, End\tmove the selection (also k, j, g, G)"),
	N_("Left, Right\tthe column to explain (tables); scroll sideways (text)"),
	N_("< >\tsort by the column before, after the sort column"),
	N_("I\tturn the sort order round"),
	N_("s\tchoose the sort column from every field (shows hidden ones)"),
	N_("/\tfilter: type to narrow (command and user, names, paths), "
	   "Enter keeps it, Esc drops it"),
	N_("\\\tdrop the filter"),
	N_("u\tshow one user's processes only (choose from a list)"),
	N_("t\tprocess tree (procs view)"),
	N_("Enter\tthe mappings (smaps, numa_maps) of the selected process"),
	N_("Esc, Backspace\tback from the mappings"),
	N_("f\tfold consecutive mappings of one file (vmas view)"),
	N_("e\tthe explain panel: the field under the cursor, the engine's "
	   "result"),
	N_("J, K\tscroll the explain panel"),
	N_("w\ta what-if for this view's engine (as --what-if; Enter adds)"),
	N_("W\tdrop the what-ifs added on screen"),
	N_("p, Space\tpause (live) or play (replay)"),
	N_("+ -\trefresh interval longer, shorter (also the replay speed)"),
	N_("[ ]\treplay: the snapshot before, after ({ } first, last)"),
	N_("Ctrl-L\tredraw the screen"),
	N_("mouse\tclick a column title to sort, a row to select, a tab to "
	   "switch; the wheel scrolls (-M turns the mouse off)"),
	N_("D\tdiagnostics: what looks wrong, with its numbers "
	   "(memlens-diagnostics(7)); any key closes it"),
	N_("h, ?, F1\tthis help; any key closes it"),
	N_("q, F10\tquit"),
};

static void ui_help_key_line(struct ui_text *t, const char *entry)
{
	const char *tab = strchr(entry, '\t');
	char line[512], keys[256], padded[256];

	if (!tab) {
		ui_text_add(t, UI_NORMAL, entry);
		return;
	}
	/* The keys' names may be translated: padded to columns, not bytes. */
	snprintf(keys, sizeof(keys), "%.*s", (int)(tab - entry), entry);
	snprintf(line, sizeof(line), "  %s %s",
	         ui_pad(padded, sizeof(padded), keys, 34), tab + 1);
	ui_text_add(t, UI_NORMAL, line);
}

/* Whether word is one of the blank-separated words of list. */
static bool ui_help_has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; (p = strstr(p, word)); p++)
		if ((p == list || p[-1] == ' ') && (!p[n] || p[n] == ' '))
			return true;
	return false;
}

/* The symptoms of memlens-diagnostics(7) that name the view, a few to a
 * line: "memlens-diagnostics(7): FRAGMENTATION, ...". */
static void ui_help_diagnostics(struct ui_text *t, const char *view)
{
	char line[256];
	int len = 0;

	for (size_t i = 0; i < explain_ntopics; i++) {
		const struct explain_topic *d = &explain_topics[i];

		if (d->kind != EXPLAIN_DIAGNOSTIC || !ui_help_has_word(d->views, view))
			continue;
		if (len > 0 && (size_t)len + strlen(d->section) > 72) {
			ui_text_add(t, UI_NORMAL, line);
			len = 0;
		}
		if (len == 0)
			len = snprintf(line, sizeof(line), "  %s: %s", d->page, d->section);
		else
			len += snprintf(line + len, sizeof(line) - (size_t)len, ", %s",
			                d->section);
		if (len >= (int)sizeof(line))
			len = (int)sizeof(line) - 1;
	}
	if (len > 0)
		ui_text_add(t, UI_NORMAL, line);
}

/*
 * Where the manual explains this view: its entry under VIEWS, its engine's
 * section, the symptoms that name it.  The names come from the table made
 * of the pages (explain.h), so that they follow the pages.
 */
static void ui_help_read_more(struct ui_text *t, enum view_id view,
                              const struct view_ops *ops)
{
	const char *name = view_table[view].name;
	const struct explain_topic *v = explain_find_kind(EXPLAIN_VIEW, name);
	const struct sim_engine_info *engine =
		ops && (unsigned)ops->engine < SIM_COUNT ? sim_engine(ops->engine) : NULL;
	const struct explain_topic *e =
		engine ? explain_find_kind(EXPLAIN_ENGINE, engine->name) : NULL;
	char line[256];

	ui_text_add(t, UI_NORMAL, "");
	snprintf(line, sizeof(line), _("Read more about the %s view:"), name);
	ui_text_add(t, UI_PANEL_TITLE, line);
	if (v) {
		snprintf(line, sizeof(line), "  %s, %s: %s", v->page, v->section,
		         v->name);
		ui_text_add(t, UI_NORMAL, line);
	}
	if (e) {
		snprintf(line, sizeof(line), "  %s, %s", e->page, e->section);
		ui_text_add(t, UI_NORMAL, line);
	}
	ui_help_diagnostics(t, name);
	snprintf(line, sizeof(line), "  memlens --explain %s", name);
	ui_text_add(t, UI_DIM, line);
}

void ui_help_fill(struct ui_text *t, enum view_id view)
{
	const struct view_ops *ops = views_get(view);
	char line[256];

	ui_text_clear(t);
	ui_text_add(t, UI_PANEL_TITLE, _("memlens - keys"));
	ui_text_add(t, UI_NORMAL, "");
	for (size_t i = 0; i < ARRAY_SIZE(ui_help_keys); i++)
		ui_help_key_line(t, _(ui_help_keys[i]));
	if (ops && ops->help) {
		ui_text_add(t, UI_NORMAL, "");
		snprintf(line, sizeof(line), _("In the %s view:"), view_table[view].name);
		ui_text_add(t, UI_PANEL_TITLE, line);
		for (size_t i = 0; ops->help[i]; i++)
			ui_help_key_line(t, _(ops->help[i]));
	}
	ui_text_add(t, UI_NORMAL, "");
	ui_text_add(t, UI_PANEL_TITLE, _("Read more in memlens(1):"));
	ui_text_add(t, UI_NORMAL,
	            _("  VIEWS (what each view shows and reads), FIELDS (every "
	              "column), KEYS,"));
	ui_text_add(t, UI_NORMAL,
	            _("  PSS AND USS BUDGET (how fresh PSS is), UNAVAILABLE "
	              "VALUES (why n/a),"));
	ui_text_add(t, UI_NORMAL,
	            _("  and memlens-json(5) for the recorded snapshots."));
	ui_text_add(t, UI_DIM, _("  man memlens    memlens --explain FIELD"));
	ui_help_read_more(t, view, ops);
	ui_text_finish(t);
	t->cursor = 0;
}
