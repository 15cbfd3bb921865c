/*
 * ui_header.c - the overview above every view: memory (used, cache,
 * available, as free(1) counts them), swap and zswap, the commit charge
 * against its limit, THP, memory pressure, the fault and reclaim rates, and
 * one line per NUMA node.  Full with bars on a roomy terminal; two lines,
 * or one, on a small one.
 *
 * Must not: read files (values come from the snapshots), or draw a kernel
 * string unescaped.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "ui_draw.h"
#include "ui_internal.h"
#include "util.h"

/* Header lines at full size before the nodes. */
#define HEADER_FULL_LINES 4
/* Nodes get a line each up to this many; more share lines. */
#define HEADER_NODE_LINES 4

struct header_mem {
	bool mem, swap, zswap, commit;
	bool zswap_on; /* the zswap module is enabled (parameters read) */
	int64_t total, avail, mfree, cache, swap_total, swap_free, swap_cached;
	int64_t zswap_kb, zswapped_kb, limit, committed, anon_thp;
};

static int64_t header_get(const struct snapshot *s, const char *name,
                          bool *all)
{
	int64_t kb = 0;

	if (!views_meminfo(s, name, &kb))
		*all = false;
	return kb;
}

static struct header_mem header_mem(const struct snapshot *s)
{
	struct header_mem m = { .mem = true, .swap = true, .zswap = true,
	                        .commit = true };
	bool thp = true;

	m.total = header_get(s, "MemTotal", &m.mem);
	m.avail = header_get(s, "MemAvailable", &m.mem);
	m.mfree = header_get(s, "MemFree", &m.mem);
	m.cache = header_get(s, "Buffers", &m.mem) + header_get(s, "Cached", &m.mem) +
	          header_get(s, "SReclaimable", &m.mem);
	m.swap_total = header_get(s, "SwapTotal", &m.swap);
	m.swap_free = header_get(s, "SwapFree", &m.swap);
	m.swap_cached = header_get(s, "SwapCached", &m.swap);
	m.zswap_kb = header_get(s, "Zswap", &m.zswap);
	m.zswapped_kb = header_get(s, "Zswapped", &m.zswap);
	m.limit = header_get(s, "CommitLimit", &m.commit);
	m.committed = header_get(s, "Committed_AS", &m.commit);
	m.anon_thp = header_get(s, "AnonHugePages", &thp);
	if (!thp)
		m.anon_thp = -1;
	if (s->known & KNOWN(SEC_ZSWAP)) {
		const char *on = skvlist_get(&s->zswap.parameters, "enabled");

		m.zswap_on = on && (on[0] == 'Y' || on[0] == '1');
	}
	return m;
}

/* The THP mode: "always [madvise] never" -> "madvise". */
static void header_thp_mode(const struct snapshot *s, char *buf, size_t len)
{
	const char *v = (s->known & KNOWN(SEC_THP)) ? skvlist_get(&s->thp, "enabled")
	                                            : NULL;
	const char *open = v ? strchr(v, '[') : NULL;
	const char *close = open ? strchr(open, ']') : NULL;

	if (close)
		snprintf(buf, len, "%.*s", (int)(close - open - 1), open + 1);
	else
		snprintf(buf, len, "%s", v ? v : "");
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
}

static void header_kb(struct ui_line *l, enum ui_style style, int64_t kb)
{
	char buf[UI_NUM_LEN];

	ui_line_add(l, style, "%s", ui_format_human(buf, kb));
}

static void header_rate(struct ui_line *l, const struct ui *ui,
                        const char *label, const char *const *names, size_t n)
{
	char buf[UI_NUM_LEN];
	double rate;
	bool known = views_vmstat_rate(&ui->ctx, names, n, &rate);

	ui_line_add(l, UI_LABEL, "%s ", label);
	ui_line_add(l, known && rate > 0 ? UI_VALUE : UI_DIM, "%s  ",
	            known ? ui_format_rate(buf, rate) : "n/a");
}

static void header_rates(struct ui_line *l, const struct ui *ui, bool brief)
{
	static const char *const pgfault[] = { "pgfault" };
	static const char *const major[] = { "pgmajfault" };
	static const char *const refault[] = { "workingset_refault_anon",
	                                       "workingset_refault_file" };
	static const char *const scan[] = { "pgscan_kswapd", "pgscan_direct" };
	static const char *const swpout[] = { "pswpout" };

	header_rate(l, ui, brief ? "flt/s" : _("faults/s"), pgfault, 1);
	header_rate(l, ui, brief ? "maj" : _("major"), major, 1);
	header_rate(l, ui, brief ? "rflt" : _("refaults"), refault, 2);
	header_rate(l, ui, brief ? "scan" : _("pgscan"), scan, 2);
	if (!brief)
		header_rate(l, ui, _("swapout"), swpout, 1);
}

static void header_psi(struct ui_line *l, const struct snapshot *s, bool brief)
{
	const struct psi *p = &s->psi;

	ui_line_add(l, UI_LABEL, "PSI ");
	if (!(s->known & KNOWN(SEC_PSI)) || !(p->some.known & 1)) {
		ui_line_add(l, UI_DIM, "n/a  ");
		return;
	}
	if (brief) {
		ui_line_add(l, p->some.avg10 > 0 ? UI_WARN : UI_VALUE, "%.2f  ",
		            p->some.avg10);
		return;
	}
	ui_line_add(l, UI_NORMAL, "%s ", _("some"));
	ui_line_add(l, p->some.avg10 > 0 ? UI_WARN : UI_VALUE, "%.2f%% %.2f%%",
	            p->some.avg10, p->some.avg60);
	ui_line_add(l, UI_NORMAL, " %s ", _("full"));
	if (p->full.known & 1)
		ui_line_add(l, p->full.avg10 > 0 ? UI_ERROR : UI_VALUE,
		            "%.2f%% %.2f%%  ", p->full.avg10, p->full.avg60);
	else
		ui_line_add(l, UI_DIM, "n/a  ");
}

/* ---- the full header --------------------------------------------------- */

/* "Mem ", a bar, then the text: the bar takes what the text leaves, up
 * to 40 columns, and is left out below 10. */
static void header_bar_line(WINDOW *win, int y, int w, const char *label,
                            const struct ui_bar_part *parts, size_t n,
                            double total, const struct ui_line *text)
{
	int label_w = ui_width(label) + 1, x = label_w;
	int bw = w - label_w - 1 - ui_line_width(text);

	if (bw > 40)
		bw = 40;
	ui_put(win, y, 0, label, label_w, ui_style(UI_LABEL));
	if (bw >= 10 && total > 0) {
		ui_bar(win, y, x, bw, parts, n, total);
		x += bw + 1;
	}
	ui_line_draw(text, win, y, x, w - x, UI_NORMAL);
}

static void header_mem_line(const struct ui *ui, WINDOW *win, int y, int w,
                            const struct header_mem *m)
{
	struct ui_bar_part parts[] = {
		{ (double)(m->total - m->avail), UI_BAR_USED, UI_G_BAR_USED },
		{ (double)(m->avail - m->mfree), UI_BAR_CACHE, UI_G_BAR_CACHE },
	};
	struct ui_line l;

	(void)ui;
	ui_line_init(&l);
	if (!m->mem) {
		ui_line_add(&l, UI_DIM, "%s", _("n/a (meminfo unreadable)"));
	} else {
		header_kb(&l, UI_BAR_USED, m->total - m->avail);
		ui_line_add(&l, UI_NORMAL, " %s  ", _("used"));
		header_kb(&l, UI_BAR_CACHE, m->cache);
		ui_line_add(&l, UI_NORMAL, " %s  ", _("buff/cache"));
		header_kb(&l, UI_VALUE, m->avail);
		ui_line_add(&l, UI_NORMAL, " %s  ", _("avail"));
		header_kb(&l, UI_VALUE, m->total);
		ui_line_add(&l, UI_NORMAL, " %s", _("total"));
	}
	header_bar_line(win, y, w, "Mem", parts, 2, m->mem ? (double)m->total : 0,
	                &l);
}

static void header_swap_text(struct ui_line *l, const struct header_mem *m)
{
	if (!m->swap) {
		ui_line_add(l, UI_DIM, "n/a");
		return;
	}
	if (m->swap_total == 0) {
		ui_line_add(l, UI_DIM, "%s", _("no swap"));
	} else {
		header_kb(l, UI_BAR_SWAP, m->swap_total - m->swap_free);
		ui_line_add(l, UI_NORMAL, " %s ", _("used of"));
		header_kb(l, UI_VALUE, m->swap_total);
		ui_line_add(l, UI_NORMAL, ", %s ", _("cached"));
		header_kb(l, UI_VALUE, m->swap_cached);
	}
	if (!m->zswap || (m->zswap_kb == 0 && !m->zswap_on))
		return;
	ui_line_add(l, UI_LABEL, "  zswap ");
	header_kb(l, UI_VALUE, m->zswap_kb);
	ui_line_add(l, UI_NORMAL, " %s ", _("pool for"));
	header_kb(l, UI_VALUE, m->zswapped_kb);
	if (m->zswap_kb > 0)
		ui_line_add(l, UI_NORMAL, " (%.1fx)",
		            (double)m->zswapped_kb / (double)m->zswap_kb);
}

static void header_swap_line(WINDOW *win, int y, int w,
                             const struct header_mem *m)
{
	struct ui_bar_part parts[] = {
		{ (double)(m->swap_total - m->swap_free), UI_BAR_SWAP, UI_G_BAR_USED },
	};
	struct ui_line l;

	ui_line_init(&l);
	header_swap_text(&l, m);
	header_bar_line(win, y, w, "Swp", parts, 1,
	                m->swap ? (double)m->swap_total : 0, &l);
}

static void header_commit_line(const struct ui *ui, WINDOW *win, int y, int w,
                               const struct header_mem *m)
{
	struct ui_bar_part parts[] = {
		{ (double)m->committed, m->committed > m->limit ? UI_BAR_SWAP
		                                                : UI_BAR_OTHER,
		  UI_G_BAR_OTHER },
	};
	struct ui_line l;
	char mode[32];

	ui_line_init(&l);
	if (m->commit) {
		header_kb(&l, UI_VALUE, m->committed);
		ui_line_add(&l, UI_NORMAL, " %s ", _("committed of"));
		header_kb(&l, UI_VALUE, m->limit);
		ui_line_add(&l, UI_NORMAL, " %s", _("limit"));
		if (m->limit > 0)
			ui_line_add(&l, m->committed > m->limit ? UI_WARN : UI_NORMAL,
			            " (%.0f%%)",
			            100.0 * (double)m->committed / (double)m->limit);
	} else {
		ui_line_add(&l, UI_DIM, "n/a");
	}
	header_thp_mode(ui->ctx.cur, mode, sizeof(mode));
	ui_line_add(&l, UI_LABEL, "  THP ");
	if (*mode)
		ui_line_add(&l, UI_VALUE, "%s ", mode);
	if (m->anon_thp >= 0) {
		header_kb(&l, UI_VALUE, m->anon_thp);
		ui_line_add(&l, UI_NORMAL, " %s", _("anon"));
	} else if (!*mode) {
		ui_line_add(&l, UI_DIM, "n/a");
	}
	header_bar_line(win, y, w, "Cmt", parts, 1,
	                m->commit ? (double)m->limit : 0, &l);
}

static void header_pressure_line(const struct ui *ui, WINDOW *win, int y, int w)
{
	struct ui_line l;

	ui_line_init(&l);
	header_psi(&l, ui->ctx.cur, false);
	header_rates(&l, ui, false);
	ui_line_draw(&l, win, y, 0, w, UI_NORMAL);
}

/* ---- nodes --------------------------------------------------------------- */

static size_t header_nodes(const struct snapshot *s)
{
	return (s->known & KNOWN(SEC_NUMA)) && s->numa.count > 1 ? s->numa.count
	                                                         : 0;
}

static void header_node_entry(struct ui_line *l, const struct numa_node *n)
{
	int64_t total = 0, nfree = 0;
	bool mem = (n->known & KNOWN(NUMA_MEMINFO)) &&
	           kvlist_get(&n->meminfo, "MemTotal", &total) &&
	           kvlist_get(&n->meminfo, "MemFree", &nfree);

	ui_line_add(l, UI_LABEL, "N%" PRId64 " ", n->node);
	if (!mem) {
		ui_line_add(l, UI_DIM, "n/a  ");
		return;
	}
	header_kb(l, UI_VALUE, nfree);
	ui_line_add(l, UI_NORMAL, "/");
	header_kb(l, UI_NORMAL, total);
	ui_line_add(l, UI_NORMAL, " %s  ", _("free"));
}

static void header_node_line(WINDOW *win, int y, int w,
                             const struct numa_node *n)
{
	int64_t total = 0, nfree = 0, miss = 0, foreign = 0;
	bool mem = (n->known & KNOWN(NUMA_MEMINFO)) &&
	           kvlist_get(&n->meminfo, "MemTotal", &total) &&
	           kvlist_get(&n->meminfo, "MemFree", &nfree);
	struct ui_bar_part parts[] = {
		{ (double)(total - nfree), UI_BAR_USED, UI_G_BAR_USED },
	};
	struct ui_line l;
	char label[16];

	snprintf(label, sizeof(label), "N%" PRId64, n->node);
	ui_line_init(&l);
	header_node_entry(&l, n);
	if ((n->known & KNOWN(NUMA_NUMASTAT)) &&
	    kvlist_get(&n->numastat, "numa_miss", &miss) &&
	    kvlist_get(&n->numastat, "numa_foreign", &foreign))
		ui_line_add(&l, miss || foreign ? UI_NORMAL : UI_DIM,
		            "numa_miss %" PRId64 "  numa_foreign %" PRId64, miss,
		            foreign);
	header_bar_line(win, y, w, label, parts, 1, mem ? (double)total : 0, &l);
}

/* Lines the nodes take at full size. */
static int header_node_lines(size_t nodes, int w)
{
	int per_line = w / 24 > 0 ? w / 24 : 1;

	if (!nodes)
		return 0;
	if (nodes <= HEADER_NODE_LINES)
		return (int)nodes;
	return (int)((nodes + (size_t)per_line - 1) / (size_t)per_line);
}

static void header_draw_nodes(const struct snapshot *s, WINDOW *win, int y,
                              int lines, int w)
{
	size_t nodes = header_nodes(s);
	int per_line = w / 24 > 0 ? w / 24 : 1;

	if (nodes <= HEADER_NODE_LINES) {
		for (size_t i = 0; i < nodes && (int)i < lines; i++)
			header_node_line(win, y + (int)i, w, &s->numa.nodes[i]);
		return;
	}
	for (int line = 0; line < lines; line++) {
		struct ui_line l;

		ui_line_init(&l);
		for (int k = 0; k < per_line; k++) {
			size_t i = (size_t)line * (size_t)per_line + (size_t)k;

			if (i < nodes)
				header_node_entry(&l, &s->numa.nodes[i]);
		}
		ui_line_draw(&l, win, y + line, 0, w, UI_NORMAL);
	}
}

/* ---- compact ------------------------------------------------------------- */

static void header_compact_mem(struct ui_line *l, const struct header_mem *m)
{
	ui_line_add(l, UI_LABEL, "Mem ");
	if (m->mem) {
		header_kb(l, UI_BAR_USED, m->total - m->avail);
		ui_line_add(l, UI_NORMAL, "/");
		header_kb(l, UI_VALUE, m->total);
		ui_line_add(l, UI_NORMAL, " %s ", _("avail"));
		header_kb(l, UI_VALUE, m->avail);
	} else {
		ui_line_add(l, UI_DIM, "n/a");
	}
	ui_line_add(l, UI_LABEL, "  Swp ");
	if (m->swap && m->swap_total == 0) {
		ui_line_add(l, UI_DIM, "%s", _("none"));
	} else if (m->swap) {
		header_kb(l, UI_BAR_SWAP, m->swap_total - m->swap_free);
		ui_line_add(l, UI_NORMAL, "/");
		header_kb(l, UI_VALUE, m->swap_total);
	} else {
		ui_line_add(l, UI_DIM, "n/a");
	}
	if (m->zswap && m->zswap_kb > 0) {
		ui_line_add(l, UI_LABEL, "  zsw ");
		header_kb(l, UI_VALUE, m->zswap_kb);
	}
	if (m->commit && m->limit > 0) {
		ui_line_add(l, UI_LABEL, "  Cmt ");
		ui_line_add(l, m->committed > m->limit ? UI_WARN : UI_VALUE, "%.0f%%",
		            100.0 * (double)m->committed / (double)m->limit);
	}
	if (m->anon_thp > 0) {
		ui_line_add(l, UI_LABEL, "  THP ");
		header_kb(l, UI_VALUE, m->anon_thp);
	}
}

static void header_draw_compact(const struct ui *ui, WINDOW *win, int lines,
                                int w, const struct header_mem *m)
{
	struct ui_line l;

	ui_line_init(&l);
	header_compact_mem(&l, m);
	if (lines == 1) {
		ui_line_add(&l, UI_NORMAL, "  ");
		header_psi(&l, ui->ctx.cur, true);
		header_rates(&l, ui, true);
	}
	ui_line_draw(&l, win, 0, 0, w, UI_NORMAL);
	if (lines < 2)
		return;
	ui_line_init(&l);
	header_psi(&l, ui->ctx.cur, true);
	header_rates(&l, ui, true);
	ui_line_draw(&l, win, 1, 0, w, UI_NORMAL);
}

int ui_header_height(const struct ui *ui, int h, int w)
{
	const struct snapshot *s = ui->ctx.cur;
	int full = HEADER_FULL_LINES + (s ? header_node_lines(header_nodes(s), w) : 0);

	if (h >= full + 16 && w >= 80)
		return full;
	if (h >= 14)
		return 2;
	return h >= 8 ? 1 : 0;
}

void ui_header_draw(const struct ui *ui, WINDOW *win, int lines, int w)
{
	const struct snapshot *s = ui->ctx.cur;
	struct header_mem m;

	if (!s || lines < 1)
		return;
	m = header_mem(s);
	if (lines < HEADER_FULL_LINES) {
		header_draw_compact(ui, win, lines, w, &m);
		return;
	}
	header_mem_line(ui, win, 0, w, &m);
	header_swap_line(win, 1, w, &m);
	header_commit_line(ui, win, 2, w, &m);
	header_pressure_line(ui, win, 3, w);
	header_draw_nodes(s, win, HEADER_FULL_LINES, lines - HEADER_FULL_LINES, w);
}
