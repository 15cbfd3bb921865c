/*
 * parse_lru_gen.c - parser for MGLRU's /sys/kernel/debug/lru_gen, as
 * lru_gen_seq_show() in mm/vmscan.c (6.1-6.18) prints it and
 * Documentation/admin-guide/mm/multigen_lru.rst describes it:
 *
 *   memcg    ID PATH          once per memory cgroup ("%5hu" or "%llu")
 *    node    N                once per node of that cgroup
 *    SEQ AGE_MS NR_ANON NR_FILE   one line per generation, oldest first
 *
 * The page counts are printed "%10lu%c", the character a blank or, in
 * lru_gen_full, 'x' for a generation of that type already evicted; an
 * early series printed "-0" there.  lru_gen_full's extra lines (per-tier
 * and mm-walk counters) do not have that shape, or repeat a seq, so they
 * are skipped: this is a parser for lru_gen, not for lru_gen_full.
 *
 * Must not: do I/O, allocate anything schema_free_entity(&lru_gen_schema)
 * and free() do not release.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "scan.h"
#include "schema.h"
#include "util.h"

/* Where the parser is: the memcg and node the next generations belong to. */
struct lru_gen_parse {
	bool in_memcg;
	bool in_node;
	int64_t memcg_id;
	char *memcg_path; /* owned until copied into each generation */
	int64_t node;
	int64_t last_seq; /* of the node block; -1 before its first */
	struct lru_gen *gens;
	size_t count, cap;
};

/* The next word of line, or false at its end. */
static bool next_word(struct scan_span *line, struct scan_span *word)
{
	const char *p = scan_skip_blanks(line->pos, line->end);
	const char *q = p;

	while (q < line->end && !scan_is_blank(*q))
		q++;
	word->pos = p;
	word->end = q;
	line->pos = q;
	return q > p;
}

static bool word_is(const struct scan_span *word, const char *text)
{
	size_t len = strlen(text);

	return (size_t)(word->end - word->pos) == len &&
	       memcmp(word->pos, text, len) == 0;
}

/* A whole word of digits (suffix: one more character it may end in). */
static bool word_count(const struct scan_span *word, char suffix,
                       int64_t *out)
{
	const char *p = word->pos;

	if (suffix && word->end - word->pos == 2 && p[0] == '-' && p[1] == '0') {
		*out = 0; /* the early series' "-0" of an evicted type */
		return true;
	}
	if (scan_count(&p, word->end, out) < 0)
		return false;
	return p == word->end || (suffix && p + 1 == word->end && *p == suffix);
}

/* "memcg ID PATH": the path is the rest of the line, blanks and all. */
static void memcg_line(struct lru_gen_parse *ps, struct scan_span line)
{
	struct scan_span word;
	const char *path, *end = line.end;

	ps->in_memcg = false;
	ps->in_node = false;
	free(ps->memcg_path);
	ps->memcg_path = NULL;
	if (!next_word(&line, &word) ||
	    !word_count(&word, '\0', &ps->memcg_id))
		return;
	path = scan_skip_blanks(line.pos, end);
	while (end > path && scan_is_blank(end[-1]))
		end--;
	ps->memcg_path = xstrndup(path, (size_t)(end - path));
	ps->in_memcg = true;
}

/* " node N": a node of the current memcg. */
static void node_line(struct lru_gen_parse *ps, struct scan_span line)
{
	struct scan_span word;

	ps->in_node = ps->in_memcg && next_word(&line, &word) &&
	              word_count(&word, '\0', &ps->node) &&
	              !next_word(&line, &word);
	ps->last_seq = -1;
}

static void add_gen(struct lru_gen_parse *ps, const int64_t v[4])
{
	struct lru_gen *g;

	xgrow((void **)&ps->gens, &ps->cap, ps->count + 1, sizeof(*ps->gens));
	g = &ps->gens[ps->count++];
	memset(g, 0, sizeof(*g));
	g->memcg_id = ps->memcg_id;
	g->memcg_path = xstrdup(ps->memcg_path);
	g->node = ps->node;
	g->seq = v[0];
	g->age_ms = v[1];
	g->anon_pages = v[2];
	g->file_pages = v[3];
	ps->last_seq = v[0];
}

/* " SEQ AGE_MS NR_ANON NR_FILE", exactly four numbers. */
static void gen_line(struct lru_gen_parse *ps, struct scan_span line)
{
	struct scan_span word;
	int64_t v[4];

	if (!ps->in_node)
		return;
	for (int i = 0; i < 4; i++)
		if (!next_word(&line, &word) ||
		    !word_count(&word, i >= 2 ? 'x' : '\0', &v[i]))
			return;
	if (next_word(&line, &word) || v[0] <= ps->last_seq)
		return;
	add_gen(ps, v);
}

static void parse_line(struct lru_gen_parse *ps, struct scan_span line)
{
	struct scan_span rest = line, word;

	if (!next_word(&rest, &word))
		return;
	if (word_is(&word, "memcg"))
		memcg_line(ps, rest);
	else if (word_is(&word, "node"))
		node_line(ps, rest);
	else
		gen_line(ps, line);
}

int parse_lru_gen(const char *text, struct lru_gen **gens, size_t *count)
{
	struct lru_gen_parse ps = { .last_seq = -1 };
	struct scan_span all = scan_text(text), line;

	while (scan_next_line(&all, &line)) {
		/* The kernel ends every line: one without its newline was cut,
		 * maybe inside a number. */
		if (line.end == all.end)
			break;
		parse_line(&ps, line);
	}
	free(ps.memcg_path);
	*gens = ps.gens;
	*count = ps.count;
	return ps.count ? 0 : -EINVAL;
}
