/*
 * explain.c - `memlens --explain TOPIC`: finds topics in the table that
 * tools/gen-explain made of the manual pages (explain.h), prints them as
 * plain text wrapped to the terminal, lists them, and suggests names for
 * a topic that does not exist.
 *
 * Must not: hold any explanation of its own (the pages are the source),
 * read files, or use curses.
 */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "util.h"

#define INDENT_COLS 4
#define MAX_FOUND 32
#define MAX_RANK 2

/* ---- finding ------------------------------------------------------------- */

/* Case, and spaces, dashes and underscores, do not tell names apart. */
static int fold(int c)
{
	if (c == ' ' || c == '_')
		return '-';
	return tolower((unsigned char)c);
}

static bool loose_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (fold(*a) != fold(*b))
			return false;
	return *a == *b;
}

static size_t add_found(const struct explain_topic **found, size_t n,
                        size_t max, const struct explain_topic *t)
{
	for (size_t i = 0; i < n && i < max; i++)
		if (found[i] == t)
			return n;
	if (n < max)
		found[n] = t;
	return n + 1;
}

/* The topics whose rank-rank key is query, exactly or loosely. */
static size_t find_tier(const char *query, unsigned rank, bool loose,
                        const struct explain_topic **found, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < explain_nkeys; i++) {
		const struct explain_key *k = &explain_keys[i];

		if (k->rank != rank || k->topic >= explain_ntopics)
			continue;
		if (loose ? loose_equal(k->key, query) : !strcmp(k->key, query))
			n = add_found(found, n, max, &explain_topics[k->topic]);
	}
	return n;
}

size_t explain_find(const char *query, const struct explain_topic **found,
                    size_t max)
{
	for (unsigned rank = 0; rank <= MAX_RANK; rank++) {
		size_t n = find_tier(query, rank, false, found, max);

		if (!n)
			n = find_tier(query, rank, true, found, max);
		if (n)
			return n;
	}
	return 0;
}

const struct explain_topic *explain_find_kind(enum explain_kind kind,
                                              const char *name)
{
	for (size_t i = 0; i < explain_ntopics; i++)
		if (explain_topics[i].kind == kind &&
		    strcmp(explain_topics[i].name, name) == 0)
			return &explain_topics[i];
	return NULL;
}

/* ---- suggesting ------------------------------------------------------------ */

/* Levenshtein distance over folded characters, capped at 99. */
static unsigned distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	unsigned row[64];

	if (na >= 64 || nb >= 64)
		return 99;
	for (size_t j = 0; j <= nb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= na; i++) {
		unsigned diag = row[0];

		row[0] = (unsigned)i;
		for (size_t j = 1; j <= nb; j++) {
			unsigned up = row[j];
			unsigned cost = fold(a[i - 1]) != fold(b[j - 1]);
			unsigned best = diag + cost;

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

/* How close key is to query, lower is closer; 99: not a suggestion. */
static unsigned closeness(const char *query, const char *key)
{
	size_t nq = strlen(query);
	unsigned d = distance(query, key);
	unsigned limit = nq <= 4 ? 1 : nq < 8 ? 2 : (unsigned)nq / 4;

	if (d <= limit)
		return d;
	/* "frag" for "fragmentation", "pss" for "pss_kb" */
	if (nq >= 3 && strlen(key) > nq) {
		bool prefix = true;

		for (size_t i = 0; i < nq && prefix; i++)
			prefix = fold(query[i]) == fold(key[i]);
		if (prefix)
			return limit + 1;
	}
	return 99;
}

static bool listed(const char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

size_t explain_suggest(const char *query, const char **names, size_t max)
{
	size_t n = 0;

	/* Closest first; among equals, the pages' own names before bare keys. */
	for (unsigned d = 0; d < 99 && n < max; d++)
		for (unsigned rank = 0; rank <= MAX_RANK && n < max; rank++)
			for (size_t i = 0; i < explain_nkeys && n < max; i++) {
				const struct explain_key *k = &explain_keys[i];

				if (k->rank == rank && !listed(names, n, k->key) &&
				    closeness(query, k->key) == d)
					names[n++] = k->key;
			}
	return n;
}

/* ---- printing ---------------------------------------------------------------- */

/* Prints text from column indent, filled to width. */
static void print_filled(FILE *f, const char *text, int indent, int width)
{
	int col = 0;

	for (const char *p = text; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		int len = (int)strcspn(p, " ");

		if (col > indent && col + 1 + len > width) {
			fputc('\n', f);
			col = 0;
		}
		if (col == 0) {
			fprintf(f, "%*s", indent, "");
			col = indent;
		} else {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, (size_t)len, f);
		col += len;
		p += len;
	}
	fputc('\n', f);
}

static void print_blocks(FILE *f, const struct explain_topic *t, int base,
                         int width)
{
	for (size_t i = 0; i < t->nblocks; i++) {
		const struct explain_block *b = &t->blocks[i];
		int indent = (base + b->indent) * INDENT_COLS;

		if (b->gap && i > 0)
			fputc('\n', f);
		if (b->kind == EXPLAIN_VERBATIM)
			fprintf(f, "%*s%s\n", indent, "", b->text);
		else
			print_filled(f, b->text, indent, width);
	}
}

/* Entries (an option, a field) start with their own tag; sections get
 * their title, and their text indented below it, as man prints them. */
static bool is_entry(const struct explain_topic *t)
{
	return t->kind == EXPLAIN_OPTION || t->kind == EXPLAIN_VIEW ||
	       t->kind == EXPLAIN_FIELD || t->kind == EXPLAIN_JSON;
}

void explain_print(FILE *f, const struct explain_topic *t, int width)
{
	if (is_entry(t)) {
		print_blocks(f, t, 0, width);
	} else {
		fprintf(f, "%s\n", t->heading);
		print_blocks(f, t, 1, width);
	}
	fputc('\n', f);
	fprintf(f, _("See %s, %s.\n"), t->page, t->section);
}

static const char *const kind_titles[EXPLAIN_KIND_COUNT] = {
	[EXPLAIN_OPTION] = N_("Options (memlens(1), OPTIONS):"),
	[EXPLAIN_VIEW] = N_("Views (memlens(1), VIEWS):"),
	[EXPLAIN_ENGINE] = N_("Engines (memlens(1), THE ... ENGINE):"),
	[EXPLAIN_FIELD] = N_("Process fields, by name or column title "
	                     "(memlens(1), FIELDS):"),
	[EXPLAIN_DIAGNOSTIC] = N_("Symptoms (memlens-diagnostics(7)):"),
	[EXPLAIN_SECTION] = N_("Sections of the pages:"),
	[EXPLAIN_JSON] = N_("Snapshot keys (memlens-json(5)):"),
};

/* Appends name to the list being filled, wrapping before width. */
static void list_name(FILE *f, const char *name, int *col, int width)
{
	int len = (int)strlen(name);

	if (*col > 2 && *col + 2 + len > width) {
		fputs(",\n", f);
		*col = 0;
	} else if (*col > 2) {
		fputs(", ", f);
		*col += 2;
	}
	if (*col == 0) {
		fputs("  ", f);
		*col = 2;
	}
	fputs(name, f);
	*col += len;
}

void explain_list(FILE *f, int width)
{
	for (int kind = 0; kind < EXPLAIN_KIND_COUNT; kind++) {
		int col = 0;

		for (size_t i = 0; i < explain_ntopics; i++) {
			if (explain_topics[i].kind != kind)
				continue;
			if (col == 0)
				fprintf(f, "%s\n", _(kind_titles[kind]));
			list_name(f, explain_topics[i].name, &col, width);
		}
		if (col)
			fputs("\n\n", f);
	}
	fputs(_("Names are matched ignoring case; spaces and dashes are alike.\n"),
	      f);
}

static void unknown_topic(const char *topic, FILE *err)
{
	const char *names[5];
	size_t n = explain_suggest(topic, names, ARRAY_SIZE(names));

	fprintf(err, _("memlens: --explain: nothing is called '%s'"), topic);
	for (size_t i = 0; i < n; i++)
		fprintf(err, "%s%s", i ? ", " : _("; did you mean "), names[i]);
	fputs(n ? "?\n" : "\n", err);
	fputs(_("Try 'memlens --explain list' for the topics.\n"), err);
}

int explain_run(const char *topic, FILE *out, FILE *err, int width)
{
	const struct explain_topic *found[MAX_FOUND];
	size_t n;

	/* The last column stays free: a full line would wrap on terminals
	 * that wrap at the margin, and leave an empty line. */
	width = width < 21 ? 20 : width - 1;
	if (!topic || strcmp(topic, "list") == 0) {
		explain_list(out, width);
		return 0;
	}
	n = explain_find(topic, found, MAX_FOUND);
	if (!n) {
		unknown_topic(topic, err);
		return 2;
	}
	for (size_t i = 0; i < n && i < MAX_FOUND; i++) {
		if (i)
			fputc('\n', out);
		explain_print(out, found[i], width);
	}
	return 0;
}
