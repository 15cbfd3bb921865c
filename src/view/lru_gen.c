/*
 * lru_gen.c - the lru view's MGLRU block: with MGLRU on and its debugfs
 * lru_gen in the snapshot, the generations of each node of the largest
 * memory cgroups, oldest first, with their anon and file pages; otherwise
 * one line saying why there are none (off, not built, debugfs not mounted,
 * not root).  Also the explain panel's sentences about the generation
 * under the cursor.
 *
 * Must not: read files, or print a cgroup path unescaped (ui_text escapes
 * every line it is given).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lru_view.h"
#include "util.h"

/* The memory cgroups shown, largest first; the JSON has them all. */
#define LRU_GEN_MEMCGS 4
#define LRU_GEN_BAR_WIDTH 12

/* A memory cgroup's generations: [start, end) of the snapshot's lru_gen. */
struct lru_gen_group {
	size_t start, end;
	int64_t pages;
};

static bool same_memcg(const struct lru_gen *a, const struct lru_gen *b)
{
	return a->memcg_id == b->memcg_id &&
	       strcmp(a->memcg_path ? a->memcg_path : "",
	              b->memcg_path ? b->memcg_path : "") == 0;
}

static bool same_block(const struct lru_gen *a, const struct lru_gen *b)
{
	return same_memcg(a, b) && a->node == b->node;
}

/* The "lru_gen/enabled" mask, or -1 when it was not read. */
static long lru_gen_mask(const struct snapshot *s)
{
	const char *enabled = (s->known & KNOWN(SEC_SYSCTL))
	                      ? skvlist_get(&s->sysctl, "lru_gen/enabled")
	                      : NULL;

	return enabled ? (long)strtoul(enabled, NULL, 16) : -1;
}

/* "850 ms", "12.3 s", "4.2 min", "3.1 h". */
static const char *age_text(char *buf, size_t len, int64_t ms)
{
	if (ms < 1000)
		snprintf(buf, len, "%lld ms", (long long)ms);
	else if (ms < 60000)
		snprintf(buf, len, "%.1f s", (double)ms / 1000);
	else if (ms < 3600000)
		snprintf(buf, len, "%.1f min", (double)ms / 60000);
	else
		snprintf(buf, len, "%.1f h", (double)ms / 3600000);
	return buf;
}

/* One line saying why no generation is shown; false when some can be. */
static bool lru_gen_missing(struct lru_state *st, const struct snapshot *s)
{
	const char *why = skvlist_get(&s->unavailable, "lru_gen");
	long mask = lru_gen_mask(s);

	if (mask >= 0 && !(mask & 1)) {
		lru_page_add(st, UI_DIM, _("MGLRU GENERATIONS: none, MGLRU is "
		                           "off (lru_gen/enabled %s)"),
		             skvlist_get(&s->sysctl, "lru_gen/enabled"));
		return true;
	}
	if ((s->known & KNOWN(SEC_LRU_GEN)) && s->nlru_gen > 0)
		return false;
	lru_page_add(st, UI_DIM, _("MGLRU GENERATIONS: n/a (%s)"),
	             why ? why : _("debugfs lru_gen was not read"));
	return true;
}

static void gen_line(struct lru_state *st, const struct snapshot *s,
                     size_t i, int64_t most)
{
	const struct lru_gen *g = &s->lru_gen[i];
	int64_t kb = s->page_size > 0 ? s->page_size / 1024 : 4;
	char age[24], anon[UI_NUM_LEN], file[UI_NUM_LEN];
	char abar[LRU_GEN_BAR_WIDTH * 4 + 4], fbar[LRU_GEN_BAR_WIDTH * 4 + 4];

	lru_page_bar(abar, sizeof(abar), (double)g->anon_pages, (double)most,
	             LRU_GEN_BAR_WIDTH);
	lru_page_bar(fbar, sizeof(fbar), (double)g->file_pages, (double)most,
	             LRU_GEN_BAR_WIDTH);
	st->row_gen = (long)i;
	lru_page_add(st, UI_NORMAL, "    %6lld %10s %10lld %7s %s %10lld %7s %s",
	             (long long)g->seq, age_text(age, sizeof(age), g->age_ms),
	             (long long)g->anon_pages,
	             ui_format_human(anon, g->anon_pages * kb), abar,
	             (long long)g->file_pages,
	             ui_format_human(file, g->file_pages * kb), fbar);
}

/* The generations of one memcg on one node, [start, end), oldest first
 * (the kernel prints them so, and the parser keeps only rising seqs). */
static void node_block(struct lru_state *st, const struct snapshot *s,
                       size_t start, size_t end)
{
	const struct lru_gen *g = &s->lru_gen[start];
	bool root = g->memcg_path && strcmp(g->memcg_path, "/") == 0;
	int64_t most = 0;

	for (size_t i = start; i < end; i++) {
		most = s->lru_gen[i].anon_pages > most ? s->lru_gen[i].anon_pages
		                                       : most;
		most = s->lru_gen[i].file_pages > most ? s->lru_gen[i].file_pages
		                                       : most;
	}
	/* Enter on a line scopes the engine: the node for the root's
	 * generations, the cgroup for a child's. */
	lru_page_scope(st, root ? LRU_ROW_NODE : LRU_ROW_CGROUP, g->node,
	               root ? NULL : g->memcg_path);
	lru_page_add(st, UI_BOLD, _("  memcg %s (id %lld), node %lld:"),
	             g->memcg_path && *g->memcg_path ? g->memcg_path : "-",
	             (long long)g->memcg_id, (long long)g->node);
	lru_page_add(st, UI_DIM, "    %6s %10s %10s %7s %-*s %10s", "GEN", "AGE",
	             "ANON", "", LRU_GEN_BAR_WIDTH + 2, "", "FILE");
	for (size_t i = start; i < end; i++)
		gen_line(st, s, i, most);
}

static void memcg_blocks(struct lru_state *st, const struct snapshot *s,
                         const struct lru_gen_group *grp)
{
	size_t start = grp->start;

	for (size_t i = grp->start + 1; i <= grp->end; i++)
		if (i == grp->end ||
		    !same_block(&s->lru_gen[i], &s->lru_gen[start])) {
			node_block(st, s, start, i);
			start = i;
		}
}

static int compare_pages(const void *x, const void *y)
{
	const struct lru_gen_group *a = x, *b = y;

	if (a->pages != b->pages)
		return a->pages > b->pages ? -1 : 1;
	return (a->start > b->start) - (a->start < b->start);
}

/* The memcgs of the file, each a run of lines, largest first. */
static struct lru_gen_group *lru_gen_groups(const struct snapshot *s,
                                            size_t *count)
{
	struct lru_gen_group *groups = xcalloc(s->nlru_gen, sizeof(*groups));
	size_t n = 0;

	for (size_t i = 0; i < s->nlru_gen; i++) {
		const struct lru_gen *g = &s->lru_gen[i];

		if (n == 0 || !same_memcg(g, &s->lru_gen[groups[n - 1].start]))
			groups[n++] = (struct lru_gen_group){ .start = i };
		groups[n - 1].end = i + 1;
		groups[n - 1].pages += g->anon_pages + g->file_pages;
	}
	qsort(groups, n, sizeof(*groups), compare_pages);
	*count = n;
	return groups;
}

void lru_page_generations(struct lru_state *st, const struct snapshot *s)
{
	const char *ttl = skvlist_get(&s->sysctl, "lru_gen/min_ttl_ms");
	struct lru_gen_group *groups;
	size_t n;

	lru_page_scope(st, LRU_ROW_NONE, -1, NULL);
	lru_page_add(st, UI_NORMAL, "%s", "");
	if (lru_gen_missing(st, s))
		return;
	lru_page_add(st, UI_BOLD, "%s", _("MGLRU GENERATIONS (debugfs lru_gen; "
	                                  "oldest first, pages)"));
	lru_page_prose(st, UI_DIM, "  ",
	               _("Reclaim evicts from the oldest generation; aging "
	                 "makes a new, youngest one; min_ttl_ms keeps "
	                 "generations younger than it from eviction."));
	if (ttl)
		lru_page_add(st, UI_DIM, "  min_ttl_ms %s", ttl);
	groups = lru_gen_groups(s, &n);
	for (size_t i = 0; i < n && i < LRU_GEN_MEMCGS; i++)
		memcg_blocks(st, s, &groups[i]);
	lru_page_scope(st, LRU_ROW_NONE, -1, NULL);
	if (n > LRU_GEN_MEMCGS)
		lru_page_add(st, UI_DIM, _("  %zu smaller memory cgroups not "
		                           "shown (all are in the JSON)"),
		             n - LRU_GEN_MEMCGS);
	free(groups);
}

/* Where generation i stands in its block: older and younger ones. */
static void gen_rank(const struct snapshot *s, size_t i, size_t *older,
                     size_t *younger)
{
	const struct lru_gen *g = &s->lru_gen[i];

	*older = *younger = 0;
	for (size_t j = i; j-- > 0 && same_block(&s->lru_gen[j], g);)
		(*older)++;
	for (size_t j = i + 1; j < s->nlru_gen && same_block(&s->lru_gen[j], g);
	     j++)
		(*younger)++;
}

void lru_explain_generation(const struct snapshot *s, const struct lru_row *row,
                            struct ui_explain *ex)
{
	const struct lru_gen *g;
	size_t older, younger;
	char age[24];

	if (!row || row->gen < 0 || (size_t)row->gen >= s->nlru_gen)
		return;
	g = &s->lru_gen[row->gen];
	gen_rank(s, (size_t)row->gen, &older, &younger);
	ui_explain_add(ex, UI_EX_TEXT,
	               _("Generation %lld of memcg %s on node %lld holds %lld "
	                 "anon and %lld file pages; aging made it %s ago."),
	               (long long)g->seq, g->memcg_path, (long long)g->node,
	               (long long)g->anon_pages, (long long)g->file_pages,
	               age_text(age, sizeof(age), g->age_ms));
	if (older == 0)
		ui_explain_add(ex, UI_EX_TEXT, "%s",
		               _("It is the oldest: reclaim evicts from it next, "
		                 "unless it is younger than min_ttl_ms."));
	else if (younger == 0)
		ui_explain_add(ex, UI_EX_TEXT, "%s",
		               _("It is the youngest: pages found accessed are "
		                 "moved here, until aging makes a newer one."));
	else
		ui_explain_add(ex, UI_EX_TEXT,
		               _("Reclaim reaches it after the %zu older "
		                 "generations are evicted."), older);
	ui_explain_add(ex, UI_EX_TEXT, "%s", "");
}
