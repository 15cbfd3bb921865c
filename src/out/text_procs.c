/*
 * text_procs.c - the process tables of batch text: the procs view (the
 * default proc_schema columns, sorted by -s, PSS by default), the faults
 * view (fault counters, then processes by faults per second), the oom view
 * (overcommit, then processes by oom_score).
 * Rows pass the -p filter, sort with unknown values last and ties by pid,
 * and stop at max_rows.
 *
 * Must not: read files or the clock (rates come from the two snapshots),
 * or print a string from the kernel without escaping it.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"
#include "util.h"

enum text_procs_sort_kind {
	SORT_FIELD,  /* by one field of proc_schema */
	SORT_FAULTS, /* by minflt_rate + majflt_rate (faults since start on
	              * the first snapshot) */
};

struct text_procs_sort {
	enum text_procs_sort_kind kind;
	const struct field *field;
	bool descending;
};

struct text_procs_row {
	const struct proc *p;
	const struct proc *prev; /* the same process in prev, or NULL */
	const struct text_procs_sort *sort;
	double key; /* for rates and SORT_FAULTS */
	bool key_known;
};

struct text_procs_table {
	const struct field *cols[TEXT_TABLE_MAX_COLS];
	size_t ncols;
	struct text_procs_sort sort;
	bool skip_idle; /* leave out rows whose key is a known 0 */
};

static const struct field *text_procs_field(const char *name)
{
	const struct field *f = schema_field(&proc_schema, name);

	if (!f)
		fatal("text: no process field '%s'", name);
	return f;
}

static void text_procs_add(struct text_procs_table *pt, const struct field *f)
{
	for (size_t i = 0; i < pt->ncols; i++)
		if (pt->cols[i] == f)
			return;
	if (pt->ncols < TEXT_TABLE_MAX_COLS)
		pt->cols[pt->ncols++] = f;
}

static bool text_procs_pid_wanted(const struct output_options *o, int64_t pid)
{
	if (!o->pids || !o->npids)
		return true;
	for (size_t i = 0; i < o->npids; i++)
		if (o->pids[i] == pid)
			return true;
	return false;
}

static bool text_procs_rate(const struct text *t,
                            const struct text_procs_row *r, const char *name,
                            double *rate)
{
	return field_rate(&proc_schema, text_procs_field(name), r->p, r->prev,
	                  t->interval, rate);
}

static void text_procs_key(const struct text *t, struct text_procs_row *r)
{
	const struct text_procs_sort *s = r->sort;
	const struct proc *p = r->p;
	double minor, major;

	r->key_known = false;
	if (s->kind == SORT_FIELD) {
		if (s->field->type == FT_RATE)
			r->key_known = field_rate(&proc_schema, s->field, p,
			                          r->prev, t->interval, &r->key);
	} else if (t->prev) {
		r->key_known = text_procs_rate(t, r, "minflt_rate", &minor);
		r->key = r->key_known ? minor : 0;
		if (text_procs_rate(t, r, "majflt_rate", &major))
			r->key += major;
	} else if ((p->known & KNOWN(PROC_MINFLT)) &&
	           (p->known & KNOWN(PROC_MAJFLT))) {
		r->key = (double)(p->minflt + p->majflt);
		r->key_known = true;
	}
}

static int text_procs_compare_keys(const struct text_procs_row *a,
                                   const struct text_procs_row *b,
                                   bool descending)
{
	if (a->key_known != b->key_known)
		return a->key_known ? -1 : 1;
	if (!a->key_known || a->key == b->key)
		return 0;
	return (a->key < b->key) == descending ? 1 : -1;
}

/* Unknown values last in either direction; ties by pid, so the order is
 * the same every run. */
static int text_procs_compare(const void *x, const void *y)
{
	const struct text_procs_row *a = x, *b = y;
	const struct text_procs_sort *s = a->sort;
	int c;

	if (s->kind == SORT_FIELD && s->field->type != FT_RATE)
		c = schema_compare(&proc_schema, s->field, a->p, b->p,
		                   s->descending);
	else
		c = text_procs_compare_keys(a, b, s->descending);
	if (c == 0)
		c = (a->p->pid > b->p->pid) - (a->p->pid < b->p->pid);
	return c;
}

/* The rows the pid filter lets through, with their previous selves. */
static size_t text_procs_rows(const struct text *t,
                              const struct text_procs_sort *sort,
                              struct text_procs_row **out)
{
	const struct snapshot *s = t->cur, *prev = t->prev;
	struct text_procs_row *rows = xcalloc(s->nprocesses + 1, sizeof(*rows));
	size_t n = 0;

	for (size_t i = 0; i < s->nprocesses; i++) {
		struct text_procs_row *r = &rows[n];

		if (!text_procs_pid_wanted(t->opts, s->processes[i].pid))
			continue;
		r->p = &s->processes[i];
		r->sort = sort;
		if (prev && prev->processes)
			r->prev = proc_schema.find_prev(prev->processes,
			                                prev->nprocesses, r->p);
		n++;
	}
	*out = rows;
	return n;
}

static void text_procs_rows_sort(const struct text *t,
                                 struct text_procs_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		text_procs_key(t, &rows[i]);
	qsort(rows, n, sizeof(*rows), text_procs_compare);
}

static char *text_procs_cell(const struct text *t, const struct field *f,
                             const struct text_procs_row *r, bool last)
{
	double value;

	if (f->type == FT_RATE) {
		if (!field_rate(&proc_schema, f, r->p, r->prev, t->interval,
		                &value))
			return text_table_na();
		return xasprintf("%.1f", value);
	}
	/* A timestamp is no use in a table: show how old PSS/USS are. */
	if (strcmp(f->name, "smaps_time") == 0 &&
	    field_known(&proc_schema, f, r->p))
		return xasprintf("%.0f", fmax(0, t->cur->time - r->p->smaps_time));
	return text_table_entity(t, &proc_schema, f, r->p,
	                         last ? 0 : f->width);
}

static bool text_procs_idle(const struct text_procs_table *pt,
                            const struct text_procs_row *r)
{
	return pt->skip_idle && r->key_known && r->key == 0;
}

/* Prints up to max_rows rows (all when 0), then what it left out. */
static void text_procs_print(struct text *t, const struct text_procs_table *pt,
                             const struct text_procs_row *rows, size_t n)
{
	struct text_table tb = { 0 };
	size_t limit = t->opts->max_rows > 0 ? (size_t)t->opts->max_rows : n;
	size_t idle = 0, cut = 0;

	for (size_t c = 0; c < pt->ncols; c++)
		text_table_col(&tb, field_title(pt->cols[c]),
		               pt->cols[c]->flags & FF_LEFT);
	for (size_t i = 0; i < n; i++) {
		size_t r;

		if (text_procs_idle(pt, &rows[i])) {
			idle++;
			continue;
		}
		if (tb.nrows == limit) {
			cut++;
			continue;
		}
		r = text_table_row(&tb);
		for (size_t c = 0; c < pt->ncols; c++)
			text_table_set(&tb, r, c,
			               text_procs_cell(t, pt->cols[c], &rows[i],
			                               c + 1 == pt->ncols));
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
	if (cut)
		text_put(t, _("  (%zu more not shown)\n"), cut);
	if (idle)
		text_put(t, _("  (%zu without faults in the interval not "
		              "shown)\n"),
		         idle);
}

/* A table of the named columns in pt's order, under a heading line. */
static void text_procs_ranking(struct text *t, struct text_procs_table *pt,
                               const char *const *columns, size_t ncolumns,
                               const char *heading)
{
	struct text_procs_row *rows;
	size_t n;

	for (size_t i = 0; i < ncolumns; i++)
		text_procs_add(pt, text_procs_field(columns[i]));
	n = text_procs_rows(t, &pt->sort, &rows);
	text_procs_rows_sort(t, rows, n);
	text_put(t, "%s\n", heading);
	text_procs_print(t, pt, rows, n);
	free(rows);
}

/* Why values are n/a for some processes, one line per file. */
static void text_procs_source_notes(struct text *t,
                                    const struct text_procs_row *rows,
                                    size_t n)
{
	static const struct {
		enum proc_source source;
		const char *file;
	} sources[] = {
		{ PROC_SRC_STAT, "stat" },
		{ PROC_SRC_STATUS, "status" },
		{ PROC_SRC_SMAPS_ROLLUP, "smaps_rollup" },
		{ PROC_SRC_OOM, "oom_score" },
	};

	for (size_t s = 0; s < ARRAY_SIZE(sources); s++) {
		size_t count = 0;
		int err = 0;

		for (size_t i = 0; i < n; i++) {
			int e = rows[i].p->source_err[sources[s].source];

			if (e > 0) {
				count++;
				err = err ? err : e;
			}
		}
		if (!count)
			continue;
		text_put(t, _("  note: /proc/PID/%s unreadable for %zu of %zu "
		              "processes (%s)%s\n"),
		         sources[s].file, count, n, strerror(err),
		         err == EACCES || err == EPERM ? _("; run as root") : "");
	}
}

static void text_procs_missing_pids(struct text *t)
{
	const struct output_options *o = t->opts;

	for (size_t i = 0; o->pids && i < o->npids; i++)
		if (!snapshot_find_proc(t->cur, o->pids[i]))
			text_put(t, _("  pid %" PRId64 ": no such process\n"),
			         o->pids[i]);
}

static bool text_procs_any_known(const struct text_procs_row *rows, size_t n,
                                 const struct field *f)
{
	for (size_t i = 0; i < n; i++)
		if (field_known(&proc_schema, f, rows[i].p))
			return true;
	return false;
}

/* Default columns (FF_DEFAULT), plus the sort column when it is not one of
 * them, placed before the last (COMMAND). */
static void text_procs_columns(struct text_procs_table *pt,
                               const struct field *sort)
{
	const struct field *last = NULL;

	for (size_t i = 0; i < proc_schema.nfields; i++) {
		const struct field *f = &proc_schema.fields[i];

		if (f->flags & FF_DEFAULT)
			text_procs_add(pt, last = f);
	}
	if (sort->flags & FF_DEFAULT)
		return;
	if (last && pt->ncols) {
		pt->ncols--;
		text_procs_add(pt, sort);
		text_procs_add(pt, last);
	} else {
		text_procs_add(pt, sort);
	}
}

/* The -s field, else PSS, else RSS when no process has a PSS. */
static const char *text_procs_sort_field(const struct text *t,
                                         struct text_procs_table *pt,
                                         const struct text_procs_row *rows,
                                         size_t n)
{
	const struct output_options *o = t->opts;

	pt->sort.field = o->sort_field
	                         ? schema_field(&proc_schema, o->sort_field)
	                         : NULL;
	pt->sort.descending = !o->sort_ascending;
	if (pt->sort.field)
		return "";
	pt->sort.field = text_procs_field("pss_kb");
	if (text_procs_any_known(rows, n, pt->sort.field))
		return "";
	pt->sort.field = text_procs_field("rss_kb");
	return _(" (PSS unknown for all)");
}

void text_procs_view(struct text *t)
{
	struct text_procs_table pt = { .sort = { .kind = SORT_FIELD } };
	struct text_procs_row *rows;
	size_t n;
	const char *fallback;

	if (!text_put_need_section(t, SEC_PROCESSES))
		return;
	n = text_procs_rows(t, &pt.sort, &rows);
	fallback = text_procs_sort_field(t, &pt, rows, n);
	text_procs_columns(&pt, pt.sort.field);
	text_procs_rows_sort(t, rows, n);
	text_put(t, _("  %zu of %zu processes, by %s %s%s; sizes in KiB, rates "
	              "per second\n"),
	         n, t->cur->nprocesses, field_title(pt.sort.field),
	         pt.sort.descending ? _("descending") : _("ascending"),
	         fallback);
	text_procs_print(t, &pt, rows, n);
	text_procs_source_notes(t, rows, n);
	text_procs_missing_pids(t);
	free(rows);
}

void text_procs_faults_view(struct text *t)
{
	static const char *const counters[] = {
		"pgfault", "pgmajfault", "thp_fault_alloc", "thp_fault_fallback",
		"workingset_refault_anon", "workingset_refault_file",
		"workingset_refault", "pswpin", "pswpout", "zswpin",
	};
	static const char *const columns[] = {
		"pid", "user", "minflt_rate", "majflt_rate", "minflt", "majflt",
		"rss_kb", "comm",
	};
	struct text_procs_table pt = {
		.sort = { .kind = SORT_FAULTS, .descending = true },
		.skip_idle = t->prev != NULL,
	};

	if (text_put_need_section(t, SEC_VMSTAT))
		text_table_counters(t, counters, ARRAY_SIZE(counters), NULL);
	if (!text_put_need_section(t, SEC_PROCESSES))
		return;
	text_procs_ranking(t, &pt, columns, ARRAY_SIZE(columns),
	                   t->prev ? _("  processes by faults per second (idle "
	                               "ones left out)")
	                           : _("  processes by faults since they "
	                               "started (first snapshot)"));
}

static void text_procs_overcommit(struct text *t)
{
	static const char *const modes[] = {
		N_("heuristic"), N_("always overcommit"), N_("never overcommit"),
	};
	const struct snapshot *s = t->cur;
	const char *mode = skvlist_get(&s->sysctl, "overcommit_memory");
	const char *ratio = skvlist_get(&s->sysctl, "overcommit_ratio");
	char b[3][TEXT_VALUE_LEN];
	char *mode_safe = text_value_safe(t, mode);
	char *ratio_safe = text_value_safe(t, ratio);
	const char *meaning = "";

	if (mode && mode[0] >= '0' && mode[0] <= '2' && !mode[1])
		meaning = _(modes[mode[0] - '0']);
	text_put(t, _("  overcommit_memory %s (%s), overcommit_ratio %s; "
	              "CommitLimit %s, Committed_AS %s; oom_kill %s since "
	              "boot\n"),
	         mode_safe, meaning, ratio_safe,
	         text_value_meminfo_human(b[0], s, "CommitLimit"),
	         text_value_meminfo_human(b[1], s, "Committed_AS"),
	         text_value_kv_int(b[2], text_has_section(s, SEC_VMSTAT),
	                           &s->vmstat, "oom_kill"));
	free(mode_safe);
	free(ratio_safe);
}

void text_procs_oom_view(struct text *t)
{
	static const char *const columns[] = {
		"pid", "user", "oom_score", "oom_score_adj", "rss_kb", "swap_kb",
		"pgtables_kb", "comm",
	};
	struct text_procs_table pt = {
		.sort = { .kind = SORT_FIELD, .descending = true },
	};

	if (!text_has_section(t->cur, SEC_SYSCTL))
		text_put_missing(t, "  ", "sysctl");
	text_procs_overcommit(t);
	if (!text_put_need_section(t, SEC_PROCESSES))
		return;
	pt.sort.field = text_procs_field("oom_score");
	text_procs_ranking(t, &pt, columns, ARRAY_SIZE(columns),
	                   _("  processes by oom_score (the kernel's next "
	                     "victim first); sizes in KiB"));
}
