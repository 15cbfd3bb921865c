/*
 * ui_help.c - the help screen (h, ?): every key, the current view's own
 * keys, and which sections of memlens(1) to read.  The KEYS section of the
 * man page lists the same keys; keep the two together.
 *
 * Must not: read files.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

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
	N_("h, ?, F1\tthis help; any key closes it"),
	N_("q, F10\tquit"),
};

static void ui_help_key_line(struct ui_text *t, const char *entry)
{
	const char *tab = strchr(entry, '\t');
	char line[512];

	if (!tab) {
		ui_text_add(t, UI_NORMAL, entry);
		return;
	}
	snprintf(line, sizeof(line), "  %-34.*s %s", (int)(tab - entry), entry,
	         tab + 1);
	ui_text_add(t, UI_NORMAL, line);
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
	ui_text_finish(t);
	t->cursor = 0;
}
