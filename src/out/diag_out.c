/*
 * diag_out.c - memlens --diagnose's output: the findings of a diagnostic
 * report as text (one block per finding: severity, rule, title, evidence,
 * the man page section) or as one JSON object (memlens-diagnostics(7),
 * OUTPUT).  Process and cgroup names in the evidence go through escape.h
 * in text; jansson escapes them in JSON.
 *
 * Must not: read files, or evaluate rules (src/diag/ does).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "diag.h"
#include "escape.h"
#include "util.h"

#define DIAG_FORMAT "memlens-diagnostics"
#define DIAG_VERSION 1

static const char *diag_severity_label(enum diag_severity s)
{
	switch (s) {
	case DIAG_CRITICAL: return _("CRITICAL");
	case DIAG_WARNING: return _("WARNING");
	default: return _("INFO");
	}
}

/* The severity, padded to 8 display columns: translations ("严重") are
 * narrower in columns than in bytes, so "%-8s" would not line up. */
static void diag_put_label(FILE *out, enum diag_severity s)
{
	const char *label = diag_severity_label(s);
	int pad = 8 - escape_width(label);

	fprintf(out, "%s%*s", label, pad > 0 ? pad : 0, "");
}

static void diag_put_safe(FILE *out, const char *prefix, const char *text,
                          bool utf8)
{
	char *safe = escape_term(text, utf8);

	fprintf(out, "%s%s\n", prefix, safe);
	free(safe);
}

static void diag_text_heading(FILE *out, const struct snapshot *cur,
                              const struct diag_report *r, bool utf8)
{
	char when[64] = "?";
	char *host = escape_term(cur->hostname && *cur->hostname
	                                 ? cur->hostname : _("(unknown host)"),
	                         utf8);
	time_t secs = (time_t)cur->time;
	struct tm tm;

	if (cur->time > 0 && localtime_r(&secs, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
	fprintf(out, _("memlens diagnostics: %s at %s, %zu rules checked"), host,
	        when, r->nrules);
	if (r->interval_s > 0)
		fprintf(out, _(", rates over %.2f s"), r->interval_s);
	fputs("\n\n", out);
	free(host);
}

static void diag_text_finding(FILE *out, const struct diag_finding *f,
                              bool utf8)
{
	char *title = escape_term(f->title, utf8);

	diag_put_label(out, f->severity);
	fprintf(out, " %s: %s\n", f->rule, title);
	free(title);
	for (size_t e = 0; e < f->nevidence; e++)
		diag_put_safe(out, "         ", f->evidence[e], utf8);
	fprintf(out, _("         see memlens-diagnostics(7), %s\n"), f->section);
}

int diag_output_text(FILE *out, const struct snapshot *cur,
                     const struct diag_report *r)
{
	bool utf8 = escape_locale_utf8();

	diag_text_heading(out, cur, r, utf8);
	if (!r->count)
		fprintf(out, "%s\n", _("Nothing found."));
	for (size_t i = 0; i < r->count; i++)
		diag_text_finding(out, &r->findings[i], utf8);
	if (r->nnotes)
		fprintf(out, "\n%s\n", _("Not checked, or only in part:"));
	for (size_t i = 0; i < r->nnotes; i++) {
		char *reason = escape_term(r->notes[i].reason, utf8);

		fprintf(out, "  %s: %s\n", r->notes[i].rule, reason);
		free(reason);
	}
	return ferror(out) ? -(errno ? errno : EIO) : 0;
}

/* ---- JSON -------------------------------------------------------------- */

/* A JSON string; text that is not UTF-8 (a process name) as \xNN, the way
 * the snapshot records write such bytes. */
static json_t *diag_json_string(const char *s)
{
	json_t *j = json_string(s);
	char *safe;

	if (j)
		return j;
	safe = escape_term(s, true);
	j = json_string(safe);
	free(safe);
	return j ? j : json_string("?");
}

static json_t *diag_json_finding(const struct diag_finding *f)
{
	json_t *evidence = json_array();

	for (size_t e = 0; e < f->nevidence; e++)
		json_array_append_new(evidence, diag_json_string(f->evidence[e]));
	return json_pack("{s:s, s:s, s:o, s:o, s:s, s:s}", "rule", f->rule,
	                 "severity", diag_severity_name(f->severity), "title",
	                 diag_json_string(f->title), "evidence", evidence,
	                 "section", f->section,
	                 "see", "memlens-diagnostics(7)");
}

static json_t *diag_json(const struct snapshot *cur,
                         const struct diag_report *r)
{
	json_t *findings = json_array(), *notes = json_array();
	int worst = diag_worst(r);

	for (size_t i = 0; i < r->count; i++)
		json_array_append_new(findings, diag_json_finding(&r->findings[i]));
	for (size_t i = 0; i < r->nnotes; i++)
		json_array_append_new(notes,
		                      json_pack("{s:s, s:o}", "rule",
		                                r->notes[i].rule, "reason",
		                                diag_json_string(
		                                        r->notes[i].reason)));
	return json_pack("{s:s, s:i, s:f, s:s?, s:o, s:I, s:o, s:o, s:o}",
	                 "format", DIAG_FORMAT, "version", DIAG_VERSION, "time",
	                 cur->time, "hostname", cur->hostname, "interval_s",
	                 r->interval_s > 0 ? json_real(r->interval_s)
	                                   : json_null(),
	                 "rules_checked", (json_int_t)r->nrules, "worst",
	                 worst < 0 ? json_null()
	                           : json_string(diag_severity_name(
	                                     (enum diag_severity)worst)),
	                 "findings", findings, "not_checked", notes);
}

int diag_output_json(FILE *out, const struct snapshot *cur,
                     const struct diag_report *r)
{
	json_t *root = diag_json(cur, r);
	char *line = root ? json_dumps(root, JSON_COMPACT) : NULL;
	int rc = 0;

	if (!line)
		fatal("%s", _("out of memory"));
	if (fprintf(out, "%s\n", line) < 0)
		rc = -(errno ? errno : EIO);
	free(line);
	json_decref(root);
	return rc;
}
