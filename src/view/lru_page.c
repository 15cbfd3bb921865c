/*
 * lru_page.c - the top of the lru view's page: the machine's LRU lists with
 * bars (from meminfo, exactly as the kernel counts them), swappiness, swap
 * and zswap, memory pressure, MGLRU, the reclaim and refault rates of the
 * engine's scope, then one row per NUMA node and the memory cgroups,
 * largest first, each with get_scan_count()'s verdict.
 *
 * Must not: read files, or print a cgroup path unescaped (ui_text escapes
 * every line it is given).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lru_view.h"
#include "util.h"

#define LRU_BAR_WIDTH 20
/* The widest path column of the cgroup table; longer paths push the row. */
#define LRU_PATH_MAX 56

void lru_page_scope(struct lru_state *st, enum lru_row_kind kind,
                    int64_t node, const char *path)
{
	st->row_kind = kind;
	st->row_node = node;
	st->row_path = path;
	st->row_gen = -1;
}

void lru_page_add(struct lru_state *st, enum ui_style style, const char *fmt,
                  ...)
{
	struct lru_row *row;
	va_list ap;

	va_start(ap, fmt);
	ui_text_vaddf(&st->text, style, fmt, ap);
	va_end(ap);
	if (st->nrows == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 64;
		st->rows = xrealloc(st->rows, st->cap * sizeof(*st->rows));
	}
	row = &st->rows[st->nrows++];
	row->kind = st->row_kind;
	row->node = st->row_node;
	row->path = st->row_path ? xstrdup(st->row_path) : NULL;
	row->gen = st->row_gen;
	st->row_gen = -1; /* a generation's index is for its own line */
}

/* The widest line of prose; the tables are wider and scroll sideways. */
#define LRU_PROSE_COLS 100

void lru_page_prose(struct lru_state *st, enum ui_style style,
                    const char *head, const char *text)
{
	char line[UI_LINE_BYTES];
	size_t used = (size_t)snprintf(line, sizeof(line), "%s", head);
	const char *p = text ? text : "";

	while (*p) {
		size_t word = strcspn(p, " ");

		if (used > 4 && used + 1 + word > LRU_PROSE_COLS) {
			lru_page_add(st, style, "%s", line);
			used = (size_t)snprintf(line, sizeof(line), "%s", "      ");
		}
		if (used + word + 2 < sizeof(line)) {
			memcpy(line + used, p, word);
			used += word;
			line[used++] = ' ';
			line[used] = '\0';
		}
		p += word;
		p += strspn(p, " ");
	}
	lru_page_add(st, style, "%s", line);
}

void lru_page_bar(char *buf, size_t len, double value, double total,
                  int width)
{
	const char *full = ui_glyph(UI_G_BAR_USED);
	const char *empty = ui_glyph(UI_G_BAR_EMPTY);
	int filled = total > 0 ? (int)(value / total * width + 0.5) : 0;
	size_t used = 0;

	filled = filled < 0 ? 0 : filled > width ? width : filled;
	buf[used++] = '[';
	for (int i = 0; i < width && used + 8 < len; i++) {
		const char *g = i < filled ? full : empty;
		size_t n = strlen(g);

		memcpy(buf + used, g, n);
		used += n;
	}
	buf[used++] = ']';
	buf[used] = '\0';
}

/* "123456 KiB" or "n/a". */
static const char *kb_text(char *buf, bool known, int64_t kb)
{
	if (!known)
		return "n/a";
	snprintf(buf, UI_NUM_LEN, "%lld", (long long)kb);
	return buf;
}

static void lru_page_list_lines(struct lru_state *st, const struct snapshot *s)
{
	static const char *const names[] = {
		"Active(anon)", "Inactive(anon)", "Active(file)",
		"Inactive(file)", "Unevictable",
	};
	int64_t kb[ARRAY_SIZE(names)], total = 0;
	bool known[ARRAY_SIZE(names)];

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		known[i] = views_meminfo(s, names[i], &kb[i]);
		total += known[i] ? kb[i] : 0;
	}
	lru_page_add(st, UI_BOLD, "%s", _("LRU LISTS of the machine (KiB, "
	                                   "share of all five)"));
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char num[UI_NUM_LEN], human[UI_NUM_LEN], bar[LRU_BAR_WIDTH * 4 + 4];

		lru_page_bar(bar, sizeof(bar), known[i] ? (double)kb[i] : 0,
		             (double)total, LRU_BAR_WIDTH);
		lru_page_add(st, UI_NORMAL, "  %-15s %10s %7s %s", names[i],
		             kb_text(num, known[i], kb[i]),
		             known[i] ? ui_format_human(human, kb[i]) : "",
		             known[i] ? bar : "");
	}
}

static void lru_page_swap_line(struct lru_state *st, const struct snapshot *s,
                               const struct lru_result *r)
{
	const char *swappiness = skvlist_get(&s->sysctl, "swappiness");
	int64_t total, free_kb, zswap, zswapped;
	char a[UI_NUM_LEN], b[UI_NUM_LEN], c[UI_NUM_LEN], d[UI_NUM_LEN];
	bool swap_known = views_meminfo(s, "SwapTotal", &total) &&
	                  views_meminfo(s, "SwapFree", &free_kb);
	bool zswap_known = views_meminfo(s, "Zswap", &zswap) &&
	                   views_meminfo(s, "Zswapped", &zswapped);

	lru_page_add(st, UI_NORMAL, _("  swappiness %s   swap used %s of %s, "
	                              "free %s"),
	             swappiness ? swappiness : "n/a",
	             swap_known ? ui_format_human(a, total - free_kb) : "n/a",
	             swap_known ? ui_format_human(b, total) : "n/a",
	             swap_known ? ui_format_human(c, free_kb) : "n/a");
	if (zswap_known)
		lru_page_add(st, UI_NORMAL, _("  zswap pool %s holding %s of "
		                              "swapped pages"),
		             ui_format_human(a, zswap), ui_format_human(d, zswapped));
	else
		lru_page_add(st, UI_DIM, "%s", _("  zswap: n/a (no Zswap in "
		                                 "meminfo)"));
	/* a cgroup's memory.swappiness, or swappiness:N */
	if (r && (r->known & KNOWN(LRU_R_SWAPPINESS)) && r->swappiness_source &&
	    strcmp(r->swappiness_source, "vm.swappiness") != 0)
		lru_page_add(st, UI_DIM, _("  the engine takes swappiness %lld "
		                           "(%s)"),
		             (long long)r->swappiness, r->swappiness_source);
}

static void lru_page_psi_line(struct lru_state *st, const struct snapshot *s,
                              const struct lru_result *r)
{
	const struct psi *p = &s->psi;
	char some[32] = "n/a", full[32] = "n/a";

	if ((s->known & KNOWN(SEC_PSI)) && (p->known & 1)) {
		if (p->some.known & 1)
			snprintf(some, sizeof(some), "%.2f%%", p->some.avg10);
		if (p->full.known & 1)
			snprintf(full, sizeof(full), "%.2f%%", p->full.avg10);
	}
	lru_page_add(st, UI_NORMAL, _("  PSI memory avg10 some %s full %s   "
	                              "MGLRU %s"),
	             some, full, r && r->mglru ? r->mglru : "n/a");
	if (r && r->mglru && strncmp(r->mglru, "on", 2) == 0)
		lru_page_prose(st, UI_WARN, "  ",
		               _("MGLRU is on: the kernel ages generations, not "
		                 "the two lists (MGLRU GENERATIONS below); the "
		                 "plans below follow classic LRU"));
}

void lru_page_lists(struct lru_state *st, const struct view_ctx *ctx,
                    const struct lru_result *r)
{
	lru_page_scope(st, LRU_ROW_MACHINE, -1, NULL);
	lru_page_list_lines(st, ctx->cur);
	lru_page_swap_line(st, ctx->cur, r);
	lru_page_psi_line(st, ctx->cur, r);
}

/* ---- rates ---------------------------------------------------------------- */

static const char *rate_text(char *buf, const struct lru_rates *rt,
                             enum lru_rate_index i)
{
	if (!(rt->known & KNOWN(i)))
		return "n/a";
	return ui_format_rate(buf, rt->rate[i]);
}

static void lru_page_rate_pair(struct lru_state *st, const char *label,
                               const struct lru_rates *rt,
                               enum lru_rate_index a, const char *a_name,
                               enum lru_rate_index b, const char *b_name)
{
	char x[UI_NUM_LEN], y[UI_NUM_LEN];

	lru_page_add(st, UI_NORMAL, "  %-22s %s %8s   %s %8s", label, a_name,
	             rate_text(x, rt, a), b_name, rate_text(y, rt, b));
}

void lru_page_rates(struct lru_state *st, const struct lru_result *r)
{
	const struct lru_rates *rt = &r->rates;
	char x[UI_NUM_LEN], y[UI_NUM_LEN], z[UI_NUM_LEN];

	lru_page_add(st, UI_NORMAL, "%s", "");
	if (!(rt->known & KNOWN(LR_INTERVAL))) {
		lru_page_add(st, UI_BOLD, _("RECLAIM PER SECOND (%s)"), r->scope);
		lru_page_add(st, UI_DIM, "%s", _("  n/a until the second "
		                                 "snapshot (rates need an "
		                                 "interval)"));
		return;
	}
	lru_page_add(st, UI_BOLD, _("RECLAIM PER SECOND (%s, last %.1f s)"),
	             r->scope, rt->interval_s);
	lru_page_rate_pair(st, "pgscan", rt, LR_PGSCAN_KSWAPD, "kswapd",
	                   LR_PGSCAN_DIRECT, "direct");
	lru_page_rate_pair(st, "pgsteal", rt, LR_PGSTEAL_KSWAPD, "kswapd",
	                   LR_PGSTEAL_DIRECT, "direct");
	lru_page_rate_pair(st, "pgscan", rt, LR_PGSCAN_ANON, "anon  ",
	                   LR_PGSCAN_FILE, "file  ");
	lru_page_add(st, UI_NORMAL, "  %-22s %8s   pgactivate %8s   "
	             "pgdeactivate %8s", "pgrefill", rate_text(x, rt, LR_PGREFILL),
	             rate_text(y, rt, LR_PGACTIVATE),
	             rate_text(z, rt, LR_PGDEACTIVATE));
	lru_page_rate_pair(st, "workingset_refault", rt, LR_REFAULT_ANON,
	                   "anon  ", LR_REFAULT_FILE, "file  ");
	lru_page_rate_pair(st, "workingset_activate", rt, LR_ACTIVATE_ANON,
	                   "anon  ", LR_ACTIVATE_FILE, "file  ");
	lru_page_rate_pair(st, "workingset_restore", rt, LR_RESTORE_ANON,
	                   "anon  ", LR_RESTORE_FILE, "file  ");
	lru_page_rate_pair(st, "pswpin/pswpout", rt, LR_PSWPIN, "in    ",
	                   LR_PSWPOUT, "out   ");
	lru_page_rate_pair(st, "zswpin/zswpout", rt, LR_ZSWPIN, "in    ",
	                   LR_ZSWPOUT, "out   ");
}

/* ---- nodes and cgroups ----------------------------------------------------- */

static void scope_cells(char *buf, size_t len, const struct lru_scope *sc)
{
	char a[UI_NUM_LEN], b[UI_NUM_LEN], c[UI_NUM_LEN], d[UI_NUM_LEN];
	char pct[16] = "n/a";
	bool lists = sc->known & KNOWN(LS_LISTS);

	if (sc->known & KNOWN(LS_FRACTION))
		snprintf(pct, sizeof(pct), "%lld%%", (long long)sc->anon_percent);
	snprintf(buf, len, "%9s %9s %9s %9s  %-17s %5s",
	         lists ? ui_format_kb(a, sc->inactive_anon_kb, NULL) : "n/a",
	         lists ? ui_format_kb(b, sc->active_anon_kb, NULL) : "n/a",
	         lists ? ui_format_kb(c, sc->inactive_file_kb, NULL) : "n/a",
	         lists ? ui_format_kb(d, sc->active_file_kb, NULL) : "n/a",
	         (sc->known & KNOWN(LS_BALANCE)) && sc->branch ? sc->branch
	                                                       : "n/a",
	         pct);
}

static const char table_head[] = "  %-24s %9s %9s %9s %9s  %-17s %5s";

void lru_page_nodes(struct lru_state *st, const struct lru_result *r)
{
	lru_page_scope(st, LRU_ROW_NONE, -1, NULL);
	lru_page_add(st, UI_NORMAL, "%s", "");
	if (!(r->known & KNOWN(LRU_R_NODES))) {
		lru_page_add(st, UI_DIM, "%s", _("NUMA NODES: n/a (the numa "
		                                 "section was not read)"));
		return;
	}
	lru_page_add(st, UI_BOLD, table_head, _("NUMA NODE"), "INACT_ANON",
	             "ACT_ANON", "INACT_FILE", "ACT_FILE", "BRANCH", "ANON%");
	for (size_t i = 0; i < r->nnodes; i++) {
		const struct lru_scope *sc = &r->nodes[i];
		char cells[160];
		long long id = -1;

		if (sc->name)
			sscanf(sc->name, "node %lld", &id);
		scope_cells(cells, sizeof(cells), sc);
		lru_page_scope(st, LRU_ROW_NODE, id, NULL);
		lru_page_add(st, UI_NORMAL, "  %-24s %s", sc->name ? sc->name : "?",
		             cells);
	}
}

static int compare_usage(const void *x, const void *y)
{
	const struct lru_scope *a = *(const struct lru_scope *const *)x;
	const struct lru_scope *b = *(const struct lru_scope *const *)y;
	int64_t ua = (a->known & KNOWN(LS_USAGE)) ? a->usage_kb : -1;
	int64_t ub = (b->known & KNOWN(LS_USAGE)) ? b->usage_kb : -1;

	if (ua != ub)
		return ua > ub ? -1 : 1;
	return strcmp(a->name ? a->name : "", b->name ? b->name : "");
}

static void cgroup_row(struct lru_state *st, const struct lru_scope *sc,
                       int width)
{
	char cells[160], usage[UI_NUM_LEN], limit[UI_NUM_LEN];
	bool unlimited = sc->limit_kb == CGROUP_UNLIMITED;

	scope_cells(cells, sizeof(cells), sc);
	lru_page_scope(st, LRU_ROW_CGROUP, -1, sc->name);
	lru_page_add(st, UI_NORMAL, "  %-*s %9s %9s %s", width,
	             sc->name ? sc->name : "?",
	             (sc->known & KNOWN(LS_USAGE))
	                     ? ui_format_kb(usage, sc->usage_kb, NULL)
	                     : "n/a",
	             !(sc->known & KNOWN(LS_LIMIT)) ? "n/a"
	             : unlimited                     ? "max"
	                         : ui_format_kb(limit, sc->limit_kb, NULL),
	             cells);
}

void lru_page_cgroups(struct lru_state *st, const struct lru_result *r)
{
	const struct lru_scope **order;
	int width = 24;

	lru_page_scope(st, LRU_ROW_NONE, -1, NULL);
	lru_page_add(st, UI_NORMAL, "%s", "");
	if (!(r->known & KNOWN(LRU_R_CGROUPS)) || r->ncgroups == 0) {
		lru_page_add(st, UI_DIM, "%s", _("MEMORY CGROUPS: none in the "
		                                 "snapshot"));
		return;
	}
	lru_page_add(st, UI_BOLD, _("MEMORY CGROUPS, largest first (Enter: "
	                            "scope the engine to one)"));
	order = xcalloc(r->ncgroups, sizeof(*order));
	for (size_t i = 0; i < r->ncgroups; i++) {
		size_t len = r->cgroups[i].name ? strlen(r->cgroups[i].name) : 1;

		order[i] = &r->cgroups[i];
		width = len > (size_t)width ? (int)len : width;
	}
	width = width > LRU_PATH_MAX ? LRU_PATH_MAX : width;
	lru_page_add(st, UI_BOLD, "  %-*s %9s %9s %s", width, "PATH", "USAGE",
	             "LIMIT", "INACT_ANON  ACT_ANON INACT_FILE  ACT_FILE  "
	             "BRANCH            ANON%");
	qsort(order, r->ncgroups, sizeof(*order), compare_usage);
	for (size_t i = 0; i < r->ncgroups; i++)
		cgroup_row(st, order[i], width);
	free(order);
}
