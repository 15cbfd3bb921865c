/*
 * ui_diag.c - the diagnostics screen (D): the rules of diag.h run on the
 * current and previous snapshots, their findings coloured by severity with
 * the evidence and the section of memlens-diagnostics(7) to read; the rules
 * that could not run, and why.  It is drawn like the help screen, and any
 * key closes it.
 *
 * Must not: read files (a live session is asked to collect what the rules
 * read, through ui_source), or evaluate rules itself.
 */
#include "config.h"

#include <stdio.h>

#include "diag.h"
#include "ui_internal.h"
#include "util.h"

static enum ui_style ui_diag_style(enum diag_severity s)
{
	switch (s) {
	case DIAG_CRITICAL: return UI_ERROR;
	case DIAG_WARNING: return UI_WARN;
	default: return UI_BOLD;
	}
}

static const char *ui_diag_label(enum diag_severity s)
{
	switch (s) {
	case DIAG_CRITICAL: return _("CRITICAL");
	case DIAG_WARNING: return _("WARNING");
	default: return _("INFO");
	}
}

static void ui_diag_finding(struct ui_text *t, const struct diag_finding *f)
{
	char line[1024], label[64];

	/* The label is translated: padded to columns, not bytes. */
	snprintf(line, sizeof(line), "%s %s: %s",
	         ui_pad(label, sizeof(label), ui_diag_label(f->severity), 8),
	         f->rule, f->title);
	ui_text_add(t, ui_diag_style(f->severity), line);
	for (size_t e = 0; e < f->nevidence; e++) {
		snprintf(line, sizeof(line), "         %s", f->evidence[e]);
		ui_text_add(t, UI_NORMAL, line);
	}
	snprintf(line, sizeof(line), _("         see memlens-diagnostics(7), %s"),
	         f->section);
	ui_text_add(t, UI_DIM, line);
}

static void ui_diag_notes(struct ui_text *t, const struct diag_report *r)
{
	char line[1024];

	if (!r->nnotes)
		return;
	ui_text_add(t, UI_NORMAL, "");
	ui_text_add(t, UI_PANEL_TITLE, _("Not checked, or only in part:"));
	for (size_t i = 0; i < r->nnotes; i++) {
		snprintf(line, sizeof(line), "  %s: %s", r->notes[i].rule,
		         r->notes[i].reason);
		ui_text_add(t, UI_DIM, line);
	}
}

/* Fills t with the diagnosis of cur (rates against prev, may be NULL). */
static void ui_diag_fill(struct ui_text *t, const struct snapshot *prev,
                         const struct snapshot *cur)
{
	struct diag_report r;
	char line[256];

	ui_text_clear(t);
	if (!cur) {
		ui_text_add(t, UI_WARN, _("no snapshot yet"));
		ui_text_finish(t);
		return;
	}
	diag_run(prev, cur, &r);
	snprintf(line, sizeof(line),
	         _("memlens - diagnostics: %zu rules checked, %zu found"),
	         r.nrules, r.count);
	ui_text_add(t, UI_PANEL_TITLE, line);
	ui_text_add(t, UI_NORMAL, "");
	if (!r.count)
		ui_text_add(t, UI_NORMAL, _("Nothing found."));
	for (size_t i = 0; i < r.count; i++)
		ui_diag_finding(t, &r.findings[i]);
	ui_diag_notes(t, &r);
	ui_text_add(t, UI_NORMAL, "");
	ui_text_add(t, UI_DIM, r.interval_s > 0
	                               ? _("  any key closes; D again to "
	                                   "diagnose anew   man "
	                                   "memlens-diagnostics")
	                               : _("  rates need two snapshots: press D "
	                                   "again after a refresh   man "
	                                   "memlens-diagnostics"));
	diag_report_free(&r);
	ui_text_finish(t);
	t->cursor = 0;
}

void ui_diag_open(struct ui *ui)
{
	/* A live session reads what the view on screen needs; the rules
	 * read more, so collect it now and from now on (a view switch
	 * narrows it again). */
	if (ui_source_want(&ui->src, ui->src.sections | diag_sections(),
	                   ui->ctx.vmas_pid, ui->src.fresh_oom))
		ui_new_data(ui);
	ui_diag_fill(&ui->help_text, ui_source_prev(&ui->src),
	             ui_source_cur(&ui->src));
	ui->help = true;
	ui->dirty = true;
}
