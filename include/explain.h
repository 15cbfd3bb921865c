/*
 * explain.h - `memlens --explain TOPIC` and the help screen's pointers into
 * the manual pages.  The explanations are the manual pages themselves:
 * tools/gen-explain turns the sections and entries of memlens(1),
 * memlens-json(5) and memlens-diagnostics(7) into a table at build time
 * (explain_topics.c in the build directory), so the two cannot drift.
 *
 * Topics: every option (--sim, -s, or sim), view, engine, process field
 * (pss_kb, or its column title PSS), section of memlens(1), key of
 * memlens-json(5) (processes[].pss_kb) and symptom of
 * memlens-diagnostics(7) (fragmentation, or "swap thrashing").
 *
 * Must not: read files (the pages are compiled in), use curses.
 */
#ifndef MEMLENS_EXPLAIN_H
#define MEMLENS_EXPLAIN_H

#include <stddef.h>
#include <stdio.h>

enum explain_kind {
	EXPLAIN_OPTION, EXPLAIN_VIEW, EXPLAIN_ENGINE, EXPLAIN_FIELD,
	EXPLAIN_DIAGNOSTIC, EXPLAIN_SECTION, EXPLAIN_JSON, EXPLAIN_KIND_COUNT
};

enum explain_block_kind {
	EXPLAIN_TEXT,     /* a paragraph, filled to the width */
	EXPLAIN_TAG,      /* the term of a .TP or .IP entry */
	EXPLAIN_VERBATIM, /* one line of an .EX block, kept as it is */
	EXPLAIN_HEADING,  /* a subsection title (.SS) */
};

/* One block of plain text: no roff left in it. */
struct explain_block {
	unsigned char kind;   /* enum explain_block_kind */
	unsigned char indent; /* levels of indentation (.TP body, .RS) */
	unsigned char gap;    /* an empty line before it */
	const char *text;
};

struct explain_topic {
	unsigned char kind;   /* enum explain_kind */
	const char *name;     /* the main key: "--sim", "pss_kb", "fragmentation" */
	const char *heading;  /* the entry's tag or the section's title */
	const char *page;     /* "memlens(1)" */
	const char *section;  /* "FIELDS", as the page spells it */
	const char *views;    /* diagnostics: the views it names ("buddy thp") */
	const struct explain_block *blocks;
	size_t nblocks;
};

/*
 * A name a topic is found by.  Rank 0 names are the page's own (pss_kb,
 * PSS, --sim, oom); rank 1 an option without its dashes (sim); rank 2 a
 * bare key of memlens-json(5) (free_pages): a lower rank hides a higher.
 */
struct explain_key {
	const char *key;
	unsigned char rank;
	unsigned short topic; /* index into explain_topics */
};

/* The generated table (explain_topics.c). */
extern const struct explain_topic explain_topics[];
extern const size_t explain_ntopics;
extern const struct explain_key explain_keys[];
extern const size_t explain_nkeys;

/*
 * The topics query names, at most max of them into found, in the table's
 * order; returns how many there are.  Exact names first, then the same
 * ignoring case with spaces, dashes and underscores alike, then options
 * without their dashes, then bare JSON keys.
 */
size_t explain_find(const char *query, const struct explain_topic **found,
                    size_t max);

/* The topic of this kind with this main name, or NULL. */
const struct explain_topic *explain_find_kind(enum explain_kind kind,
                                              const char *name);

/* Up to max names close to query (edit distance, prefixes), best first. */
size_t explain_suggest(const char *query, const char **names, size_t max);

/* Prints the topic as plain text wrapped to width columns, ending with
 * where it comes from ("See memlens(1), FIELDS."). */
void explain_print(FILE *f, const struct explain_topic *t, int width);

/* Prints every topic name by kind, wrapped to width. */
void explain_list(FILE *f, int width);

/* The whole of --explain: topic NULL or "list" lists; returns the exit
 * status (2 for an unknown topic, with suggestions on err). */
int explain_run(const char *topic, FILE *out, FILE *err, int width);

#endif
