/*
 * lru_plan.c - the lower half of the lru view's page, all from the lru
 * engine's result: what reclaim would decide now in the engine's scope
 * (get_scan_count()'s branch, inactive_is_low(), the refault distance that
 * still activates), the need:SIZE plans (lists scanned, anon and file
 * reclaimed, swap, kswapd or direct, and why), the kernel's reclaim split
 * of the last interval beside the model's, and a workload what-if's
 * timeline.  The explain panel's sentences about the same come from here
 * too.
 *
 * Must not: read files, or compute reclaim itself (the engine does).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lru_view.h"
#include "util.h"

#define TIMELINE_BAR 12

static const char *kb(char *buf, int64_t value)
{
	return ui_format_human(buf, value);
}

static const char *low_text(int64_t low)
{
	return low ? _("low: active is deactivated") : _("not low");
}

static void lru_page_now_inputs(struct lru_state *st,
                                const struct lru_result *r);

void lru_page_now(struct lru_state *st, const struct lru_result *r)
{
	const struct lru_scope *n = &r->now;

	lru_page_add(st, UI_NORMAL, "%s", "");
	lru_page_add(st, UI_BOLD, _("RECLAIM WOULD DECIDE NOW (%s)"), r->scope);
	if (!(r->known & KNOWN(LRU_R_NOW))) {
		lru_page_add(st, UI_WARN, "  %s",
		             skvlist_get(&r->unavailable, "now")
		                     ? skvlist_get(&r->unavailable, "now")
		                     : _("n/a"));
		return;
	}
	if (n->known & KNOWN(LS_BALANCE)) {
		char head[96];

		snprintf(head, sizeof(head), _("  get_scan_count: %s: "),
		         n->branch ? n->branch : "?");
		lru_page_prose(st, UI_NORMAL, head, n->why);
	}
	if (n->known & KNOWN(LS_FRACTION))
		lru_page_add(st, UI_NORMAL, _("  anon share of the scan %lld%%"),
		             (long long)n->anon_percent);
	lru_page_now_inputs(st, r);
}

/* What the decision rests on: list ratios, refault distance, watermarks. */
static void lru_page_now_inputs(struct lru_state *st,
                                const struct lru_result *r)
{
	const struct lru_scope *n = &r->now;

	if (n->known & KNOWN(LS_RATIOS)) {
		lru_page_add(st, UI_NORMAL, _("  inactive_is_low anon: ratio %lld, "
		                              "%s"),
		             (long long)n->anon_inactive_ratio,
		             low_text(n->anon_inactive_low));
		lru_page_add(st, UI_NORMAL, _("  inactive_is_low file: ratio %lld, "
		                              "%s"),
		             (long long)n->file_inactive_ratio,
		             low_text(n->file_inactive_low));
	}
	if (n->known & KNOWN(LS_WORKINGSET))
		lru_page_add(st, UI_NORMAL, _("  refault distance that still "
		                              "activates (the workingset size): "
		                              "file %lld pages, anon %lld pages"),
		             (long long)n->workingset_file_pages,
		             (long long)n->workingset_anon_pages);
	if (r->rates.known & KNOWN(LR_PROTECT))
		lru_page_add(st, UI_NORMAL, _("  at %.0f evictions and activations "
		                              "a second, a file page evicted now "
		                              "is activated if it comes back "
		                              "within %.1f s"),
		             r->rates.nonresident_age_rate,
		             r->rates.file_protect_s);
	if (n->known & KNOWN(LS_WMARKS) && n->known & KNOWN(LS_FREE)) {
		char a[UI_NUM_LEN], b[UI_NUM_LEN], c[UI_NUM_LEN], d[UI_NUM_LEN];

		lru_page_add(st, UI_NORMAL, _("  free %s; watermarks min %s low %s "
		                              "high %s"),
		             kb(a, n->free_kb), kb(b, n->min_kb), kb(c, n->low_kb),
		             kb(d, n->high_kb));
	}
}

/* ---- need:SIZE ------------------------------------------------------------ */

static void lru_page_plan(struct lru_state *st, const struct lru_plan *p)
{
	char a[UI_NUM_LEN], b[UI_NUM_LEN], c[UI_NUM_LEN], d[UI_NUM_LEN];
	char head[160];

	lru_page_add(st, UI_BOLD, _("IF %s MORE WERE NEEDED NOW (%s)"),
	             kb(a, p->need_kb), p->scope ? p->scope : "?");
	if (!(p->known & KNOWN(LP_PLAN))) {
		lru_page_add(st, UI_WARN, "  %s", p->why ? p->why : _("n/a"));
		return;
	}
	snprintf(head, sizeof(head), _("  reclaimer %s: "),
	         p->reclaimer ? p->reclaimer : "?");
	lru_page_prose(st, p->oom ? UI_ERROR : UI_NORMAL, head,
	               p->reclaimer_why);
	if (p->known & KNOWN(LP_BALANCE)) {
		snprintf(head, sizeof(head), _("  branch %s (anon:file %lld:%lld, "
		                               "priority down to %lld): "),
		         p->branch ? p->branch : "?", (long long)p->anon_fraction,
		         (long long)p->file_fraction, (long long)p->priority);
		lru_page_prose(st, UI_NORMAL, head, p->why);
	}
	if (!(p->known & KNOWN(LP_AFTER)))
		return;
	lru_page_add(st, UI_NORMAL, _("  scans inactive anon %lld, active anon "
	                              "%lld, inactive file %lld, active file "
	                              "%lld pages"),
	             (long long)p->scan_inactive_anon_pages,
	             (long long)p->scan_active_anon_pages,
	             (long long)p->scan_inactive_file_pages,
	             (long long)p->scan_active_file_pages);
	lru_page_add(st, UI_NORMAL, _("  reclaims anon %s and file %s; swaps "
	                              "out %s; deactivates %s anon"),
	             kb(a, p->reclaim_anon_kb), kb(b, p->reclaim_file_kb),
	             kb(c, p->swap_out_kb), kb(d, p->deactivate_anon_kb));
	if (p->modelled_kb < p->need_kb)
		lru_page_add(st, UI_DIM, _("  (the model played %s of it: its "
		                           "budget)"),
		             kb(a, p->modelled_kb));
	if (p->oom)
		lru_page_add(st, UI_ERROR, "%s", _("  reclaim could not make the "
		                                   "room: the OOM killer would "
		                                   "run"));
}

void lru_page_plans(struct lru_state *st, const struct lru_result *r)
{
	lru_page_add(st, UI_NORMAL, "%s", "");
	if (!(r->known & KNOWN(LRU_R_PLANS)) || r->nplans == 0) {
		lru_page_add(st, UI_DIM, "%s", _("IF SIZE MORE WERE NEEDED NOW: "
		                                 "press n to give a SIZE "
		                                 "(need:SIZE)"));
		return;
	}
	/* The newest first: the one just asked for with n. */
	for (size_t i = r->nplans; i-- > 0;)
		lru_page_plan(st, &r->plans[i]);
}

/* ---- observed against modelled -------------------------------------------- */

void lru_page_observed(struct lru_state *st, const struct lru_result *r)
{
	const struct lru_observed *o = &r->observed;

	lru_page_add(st, UI_NORMAL, "%s", "");
	lru_page_add(st, UI_BOLD, _("OBSERVED AGAINST MODELLED (last "
	                            "interval)"));
	if (!(o->known & KNOWN(LO_OBSERVED))) {
		const char *why = skvlist_get(&r->unavailable, "observed");

		lru_page_add(st, UI_DIM, "  %s",
		             why ? why : _("n/a until the second snapshot"));
	} else {
		lru_page_add(st, UI_NORMAL, _("  the kernel scanned anon %lld, file "
		                              "%lld pages: anon %.0f%%"),
		             (long long)o->scan_anon_pages,
		             (long long)o->scan_file_pages, o->anon_scan_percent);
		if (o->known & KNOWN(LO_STEAL))
			lru_page_add(st, UI_NORMAL, _("  and reclaimed anon %lld, file "
			                              "%lld pages: anon %.0f%%"),
			             (long long)o->steal_anon_pages,
			             (long long)o->steal_file_pages,
			             o->anon_steal_percent);
	}
	if (o->known & KNOWN(LO_MODELLED)) {
		char head[128];

		snprintf(head, sizeof(head), _("  the model, from the previous "
		                               "snapshot: %s, anon %lld%%: "),
		         o->modelled_branch ? o->modelled_branch : "?",
		         (long long)o->modelled_anon_percent);
		lru_page_prose(st, UI_NORMAL, head, o->modelled_why);
	}
}

/* ---- the workload's timeline ---------------------------------------------- */

/* Notes when the prediction on screen changed, and from which snapshot. */
static void mark_prediction(struct lru_state *st, const struct view_ctx *ctx,
                            const struct lru_prediction *p)
{
	struct lru_prediction_mark m = {
		.set = true, .anon_kb = p->anon_kb, .swap_kb = p->swap_kb,
		.file_kb = p->file_kb, .page_events = p->page_events,
		.refaults = p->refault_anon + p->refault_file,
		.nsteps = p->nsteps,
	};

	if (st->mark.set && st->mark.anon_kb == m.anon_kb &&
	    st->mark.swap_kb == m.swap_kb && st->mark.file_kb == m.file_kb &&
	    st->mark.page_events == m.page_events &&
	    st->mark.refaults == m.refaults && st->mark.nsteps == m.nsteps)
		return;
	m.start_time = ctx->cur->time;
	st->mark = m;
}

static void timeline_head(struct lru_state *st, const struct view_ctx *ctx,
                          const struct lru_prediction *p)
{
	char when[32] = "?";
	time_t t = (time_t)st->mark.start_time;
	struct tm tm;

	if (localtime_r(&t, &tm))
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
	lru_page_add(st, UI_BOLD, _("WORKLOAD %s (KiB after each step)"),
	             p->workload ? p->workload : "?");
	lru_page_add(st, UI_DIM, _("  played from %s, snapshot of %s%s; played "
	                           "again only when that start changes"),
	             p->start ? p->start : "?", when,
	             st->mark.start_time == ctx->cur->time ? "" : _(" (cached)"));
	lru_page_add(st, UI_BOLD, "  %-22s %9s %9s %9s %-*s %9s %9s %9s %9s "
	             "%7s %7s", "STEP", "ANON", "SWAP", "FILE", TIMELINE_BAR + 2,
	             "", "INACT_ANON", "ACT_ANON", "INACT_FILE", "ACT_FILE",
	             "RF_ANON", "RF_FILE");
}

static int64_t timeline_max(const struct lru_prediction *p)
{
	int64_t max = 1;

	for (size_t i = 0; i < p->nsteps; i++) {
		const struct lru_step *s = &p->timeline[i];
		int64_t sum = s->anon_kb + s->swap_kb + s->file_kb;

		max = sum > max ? sum : max;
	}
	return max;
}

void lru_page_timeline(struct lru_state *st, const struct view_ctx *ctx,
                       const struct lru_result *r)
{
	const struct lru_prediction *p = &r->prediction;
	const char *why = skvlist_get(&r->unavailable, "prediction");
	int64_t max;

	if (!(r->known & KNOWN(LRU_R_PREDICTION))) {
		if (why) {
			lru_page_add(st, UI_NORMAL, "%s", "");
			lru_page_add(st, UI_WARN, _("WORKLOAD: %s"), why);
		}
		st->mark.set = false;
		return;
	}
	mark_prediction(st, ctx, p);
	lru_page_add(st, UI_NORMAL, "%s", "");
	timeline_head(st, ctx, p);
	max = timeline_max(p);
	for (size_t i = 0; i < p->nsteps; i++) {
		const struct lru_step *s = &p->timeline[i];
		char bar[TIMELINE_BAR * 4 + 4];

		lru_page_bar(bar, sizeof(bar), (double)(s->anon_kb + s->file_kb),
		             (double)max, TIMELINE_BAR);
		lru_page_add(st, s->oom ? UI_ERROR : UI_NORMAL,
		             "  %-22.22s %9lld %9lld %9lld %s %9lld %9lld %9lld "
		             "%9lld %7lld %7lld",
		             s->step ? s->step : "?", (long long)s->anon_kb,
		             (long long)s->swap_kb, (long long)s->file_kb, bar,
		             (long long)s->inactive_anon_kb,
		             (long long)s->active_anon_kb,
		             (long long)s->inactive_file_kb,
		             (long long)s->active_file_kb,
		             (long long)s->refault_anon, (long long)s->refault_file);
	}
	if (p->oom)
		lru_page_add(st, UI_ERROR, _("  out of memory at line %lld"),
		             (long long)p->oom_line);
}

/* ---- the explain panel ---------------------------------------------------- */

/* One scope's decision now, in sentences. */
static void explain_scope(const struct lru_scope *sc, struct ui_explain *ex)
{
	char a[UI_NUM_LEN], b[UI_NUM_LEN];

	ui_explain_add(ex, UI_EX_TITLE, _("Reclaim in %s"),
	               sc->name ? sc->name : "?");
	if (sc->known & KNOWN(LS_BALANCE))
		ui_explain_add(ex, UI_EX_TEXT,
		               _("If reclaim started now, get_scan_count() would "
		                 "take the %s branch: %s"),
		               sc->branch ? sc->branch : "?",
		               sc->why ? sc->why : "");
	if (sc->known & KNOWN(LS_RATIOS))
		ui_explain_add(ex, UI_EX_TEXT,
		               _("inactive_is_low() compares inactive x ratio with "
		                 "active: anon ratio %lld (%s), file ratio %lld "
		                 "(%s).  A low list has its active pages "
		                 "deactivated before reclaim takes from it."),
		               (long long)sc->anon_inactive_ratio,
		               low_text(sc->anon_inactive_low),
		               (long long)sc->file_inactive_ratio,
		               low_text(sc->file_inactive_low));
	if (sc->known & KNOWN(LS_WORKINGSET))
		ui_explain_add(ex, UI_EX_TEXT,
		               _("A page evicted now and faulted back within %lld "
		                 "evictions and activations (file; %lld for anon) "
		                 "is activated at once: its refault distance is "
		                 "within the workingset size."),
		               (long long)sc->workingset_file_pages,
		               (long long)sc->workingset_anon_pages);
	if ((sc->known & KNOWN(LS_USAGE)) && (sc->known & KNOWN(LS_LIMIT)) &&
	    sc->limit_kb != CGROUP_UNLIMITED)
		ui_explain_add(ex, UI_EX_TEXT,
		               _("It uses %s of its %s limit: charging past it "
		                 "makes the charging task reclaim in the group."),
		               ui_format_human(a, sc->usage_kb),
		               ui_format_human(b, sc->limit_kb));
}

static void explain_plan(const struct lru_plan *p, struct ui_explain *ex)
{
	char a[UI_NUM_LEN], b[UI_NUM_LEN], c[UI_NUM_LEN], d[UI_NUM_LEN];
	const char *scope = p->scope ? p->scope : "?";

	kb(a, p->need_kb);
	if (!(p->known & KNOWN(LP_PLAN))) {
		ui_explain_add(ex, UI_EX_WARN, _("If %s more were needed in %s: "
		                                 "%s"),
		               a, scope, p->why ? p->why : _("n/a"));
		return;
	}
	ui_explain_add(ex, UI_EX_TEXT, _("If %s more were needed in %s: %s."),
	               a, scope, p->reclaimer_why ? p->reclaimer_why : "");
	if (p->known & KNOWN(LP_BALANCE))
		ui_explain_add(ex, UI_EX_TEXT,
		               _("Reclaim (%s) would take the %s branch (%s); it "
		                 "would reclaim %s of anonymous memory and %s of "
		                 "page cache, and write %s to swap."),
		               p->reclaimer ? p->reclaimer : "?",
		               p->branch ? p->branch : "?", p->why ? p->why : "",
		               kb(b, p->reclaim_anon_kb), kb(c, p->reclaim_file_kb),
		               kb(d, p->swap_out_kb));
	if (p->oom)
		ui_explain_add(ex, UI_EX_WARN, "%s",
		               _("Reclaim could not make the room: the OOM killer "
		                 "would run."));
}

void lru_explain_plans(const struct lru_result *r, const struct lru_row *row,
                       struct ui_explain *ex)
{
	const struct lru_scope *sc = NULL;

	for (size_t i = 0; row && row->kind == LRU_ROW_NODE && i < r->nnodes;
	     i++) {
		long long id = -1;

		if (r->nodes[i].name &&
		    sscanf(r->nodes[i].name, "node %lld", &id) == 1 &&
		    id == row->node)
			sc = &r->nodes[i];
	}
	if (row && row->kind == LRU_ROW_CGROUP && row->path)
		for (size_t i = 0; i < r->ncgroups; i++)
			if (r->cgroups[i].name &&
			    strcmp(r->cgroups[i].name, row->path) == 0)
				sc = &r->cgroups[i];
	if (sc) {
		explain_scope(sc, ex);
		ui_explain_add(ex, UI_EX_NOTE, _("Enter scopes the engine, and "
		                                 "its need:SIZE plans, to %s."),
		               sc->name);
		ui_explain_add(ex, UI_EX_TEXT, "%s", "");
	}
	if (!(r->known & KNOWN(LRU_R_NOW)))
		return;
	explain_scope(&r->now, ex);
	for (size_t i = r->nplans; i-- > 0;)
		explain_plan(&r->plans[i], ex);
}
