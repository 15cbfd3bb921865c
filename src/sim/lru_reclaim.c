/*
 * lru_reclaim.c - reclaim on the model, mirroring mm/vmscan.c of Linux 6.18
 * (classic LRU; the same control flow from 5.15):
 *
 *   try_to_free_mem_cgroup_pages() / do_try_to_free_pages()
 *       priority from DEF_PRIORITY (12) down to 0 until nr_to_reclaim, then
 *       the force_deactivate retry when active lists were skipped
 *   balance_pgdat()   kswapd: reclaim until the high watermark
 *   shrink_node()     prepare_scan_control(), then shrink_lruvec()
 *   shrink_lruvec()   get_scan_count(), SWAP_CLUSTER_MAX batches, the
 *                     proportional cut-off, the final anon aging
 *   shrink_inactive_list(), shrink_folio_list(), folio_check_references()
 *   shrink_active_list()
 *
 * Simplifications, said where they matter: one lruvec (one node, one
 * memcg); swap-out completes at once (the kernel frees the folio on a later
 * scan, after writeback); file folios are clean and not mapped, anonymous
 * folios are mapped once; no VM_EXEC, mlock, or memory.low protection.
 *
 * Must not: do I/O.
 */
#include "config.h"

#include <string.h>

#include "lru_internal.h"

/* Time reclaim spends per page scanned, microseconds (for the clock). */
#define COST_SCAN_US 0.02

struct scan_control {
	uint64_t nr_to_reclaim;
	uint64_t nr_reclaimed;
	uint64_t nr_scanned;
	int priority;
	unsigned may_deactivate;
	bool force_deactivate;
	bool skipped_deactivate;
	bool cache_trim_mode;
	bool file_is_tiny;
	bool cgroup_reclaim;
	bool kswapd;
	uint64_t anon_cost;
	uint64_t file_cost;
};

/* An isolated folio: the node, or a piece split off a background block. */
#define ISOLATE_MAX LRU_SWAP_CLUSTER_MAX

static bool over_budget(const struct lru_model *m)
{
	return m->max_events && m->c.page_events > m->max_events;
}

bool lru_can_swap(const struct lru_model *m)
{
	return m->swap_used < m->swap_total;
}

static uint64_t view_lrusize(const struct lru_model *m)
{
	return m->view.lists[0] + m->view.lists[1] + m->view.lists[2] +
	       m->view.lists[3];
}

/*
 * isolate_lru_folios(): takes folios from the tail until nr_to_scan pages
 * were looked at.  A background block gives single pages.
 */
static size_t isolate(struct lru_model *m, int list, uint64_t nr_to_scan,
                      uint32_t *out, uint64_t *scanned)
{
	size_t count = 0;
	uint64_t scan = 0;

	while (scan < nr_to_scan && count < ISOLATE_MAX &&
	       m->lists[list].tail != LRU_NONE) {
		uint32_t n = m->lists[list].tail;
		struct lru_node *node = &m->nodes[n];

		if (node->owner == LRU_NONE && node->pages > nr_to_scan - scan) {
			uint32_t take = (uint32_t)(nr_to_scan - scan);
			uint32_t piece = lru_node_new(m);

			node = &m->nodes[n]; /* lru_node_new may move the array */
			node->pages -= take;
			m->lists[list].pages -= take;
			m->nodes[piece].pages = take;
			m->nodes[piece].flags = node->flags;
			m->nodes[piece].list = (uint8_t)list;
			n = piece;
		} else {
			lru_list_unlink(m, n);
		}
		scan += m->nodes[n].pages;
		out[count++] = n;
	}
	*scanned = scan;
	m->c.page_events += scan;
	lru_model_tick(m, COST_SCAN_US * (double)scan);
	return count;
}

enum folio_ref { REF_RECLAIM, REF_KEEP, REF_ACTIVATE };

/* folio_check_references() with MGLRU off. */
static enum folio_ref check_references(struct lru_node *node)
{
	bool ptes = (node->flags & LF_YOUNG) != 0;
	bool referenced = (node->flags & LF_REFERENCED) != 0;

	node->flags &= (uint8_t)~(LF_YOUNG | LF_REFERENCED);
	if (ptes) {
		node->flags |= LF_REFERENCED;
		return referenced ? REF_ACTIVATE : REF_KEEP;
	}
	/* FOLIOREF_RECLAIM_CLEAN and FOLIOREF_RECLAIM: clean folios go */
	return REF_RECLAIM;
}

/* Puts an isolated folio back at the head of a list (move_folios_to_lru). */
static void putback(struct lru_model *m, uint32_t n, int list)
{
	lru_list_push_head(m, list, n);
	if (lru_is_active(list))
		lru_model_age(m, m->nodes[n].pages);
}

struct inactive_stat {
	uint64_t reclaimed;
	uint64_t pageout;
};

/* shrink_folio_list() for one folio. */
static void shrink_folio(struct lru_model *m, uint32_t n, int list,
                         struct inactive_stat *st)
{
	struct lru_node *node = &m->nodes[n];
	uint32_t pages = node->pages;
	bool file = lru_is_file(list);

	switch (check_references(node)) {
	case REF_KEEP:
		putback(m, n, list);
		return;
	case REF_ACTIVATE:
		break;
	case REF_RECLAIM:
		if (file) {
			lru_model_evict(m, n, false);
			st->reclaimed += pages;
			return;
		}
		if (m->swap_used + pages <= m->swap_total) {
			lru_model_evict(m, n, true); /* pageout() to swap */
			st->pageout += pages;
			st->reclaimed += pages;
			return;
		}
		break; /* folio_alloc_swap() failed: activate_locked */
	}
	m->c.pgactivate += pages;
	m->c.reclaim_activate += pages;
	putback(m, n, list + 1);
}

/* shrink_inactive_list(). */
static uint64_t shrink_inactive(struct lru_model *m, struct scan_control *sc,
                                int list, uint64_t nr_to_scan)
{
	uint32_t isolated[ISOLATE_MAX];
	struct inactive_stat st = { 0 };
	uint64_t scanned;
	size_t count = isolate(m, list, nr_to_scan, isolated, &scanned);
	bool file = lru_is_file(list);

	m->c.pgscan[file] += scanned;
	sc->nr_scanned += scanned;
	if (m->record_first && m->first.set)
		m->first.scan[list] += scanned;
	if (count == 0)
		return 0;
	for (size_t i = 0; i < count; i++)
		shrink_folio(m, isolated[i], list, &st);
	m->c.pgsteal[file] += st.reclaimed;
	lru_note_cost(m->rules, &m->anon_cost, &m->file_cost, file, st.pageout,
	              scanned - st.reclaimed, view_lrusize(m));
	return st.reclaimed;
}

/* shrink_active_list(): every folio is deactivated (no VM_EXEC files). */
static void shrink_active(struct lru_model *m, int list, uint64_t nr_to_scan)
{
	uint32_t isolated[ISOLATE_MAX];
	uint64_t scanned, moved = 0;
	size_t count = isolate(m, list, nr_to_scan, isolated, &scanned);

	m->c.pgrefill += scanned;
	if (m->record_first && m->first.set)
		m->first.scan[list] += scanned;
	for (size_t i = 0; i < count; i++) {
		struct lru_node *node = &m->nodes[isolated[i]];

		node->flags &= (uint8_t)~LF_YOUNG; /* folio_referenced() */
		node->flags |= LF_WORKINGSET;
		moved += node->pages;
		putback(m, isolated[i], list - 1);
	}
	m->c.pgdeactivate += moved;
	m->c.deactivate[lru_is_file(list)] += moved;
}

/* shrink_list(). */
static uint64_t shrink_list(struct lru_model *m, struct scan_control *sc,
                            int list, uint64_t nr_to_scan)
{
	if (lru_is_active(list)) {
		unsigned bit = lru_is_file(list) ? LRU_DEACTIVATE_FILE
		                                 : LRU_DEACTIVATE_ANON;

		if (sc->may_deactivate & bit)
			shrink_active(m, list, nr_to_scan);
		else
			sc->skipped_deactivate = true;
		return 0;
	}
	return shrink_inactive(m, sc, list, nr_to_scan);
}

/* prepare_scan_control() on the model's late view of its counters. */
static void prepare(struct lru_model *m, struct scan_control *sc,
                    struct lru_prepare_out *out)
{
	struct lru_prepare_in in = {
		.force_deactivate = sc->force_deactivate,
		.priority = sc->priority,
		.page_shift = m->page_shift,
		.cgroup_reclaim = sc->cgroup_reclaim,
		.node_file = m->lists[LRU_INACTIVE_FILE].pages +
		             m->lists[LRU_ACTIVE_FILE].pages,
		.node_free = m->free_pages,
		.node_high_wmark = m->high_pages,
		.node_inactive_anon = m->lists[LRU_INACTIVE_ANON].pages,
	};

	lru_model_view4(m, in.lists);
	for (int t = 0; t < 2; t++)
		in.refaults_changed[t] = m->view.activate[t] !=
		                         m->refaults_snapshot[t];
	sc->anon_cost = m->anon_cost;
	sc->file_cost = m->file_cost;
	lru_prepare_scan(&in, out);
	sc->may_deactivate = out->may_deactivate;
	sc->cache_trim_mode = out->cache_trim_mode;
	sc->file_is_tiny = out->file_is_tiny;
}

/* get_scan_count(). */
static void get_scan_count(struct lru_model *m, const struct scan_control *sc,
                           uint64_t nr[4], struct lru_balance_out *b)
{
	struct lru_balance_in in = {
		.can_swap = lru_can_swap(m),
		.cgroup_reclaim = sc->cgroup_reclaim,
		.swappiness = m->swappiness,
		.priority = sc->priority,
		.file_is_tiny = sc->file_is_tiny,
		.cache_trim_mode = sc->cache_trim_mode,
		.anon_cost = sc->anon_cost,
		.file_cost = sc->file_cost,
	};

	lru_scan_balance(&in, b);
	for (int l = 0; l < 4; l++)
		nr[l] = lru_scan_target(m->lists[l].pages, sc->priority, b,
		                        lru_is_file(l));
	m->c.passes[b->branch]++;
}

/* The proportional cut-off of shrink_lruvec() once the goal is met. */
static bool proportional_cut(uint64_t nr[4], const uint64_t targets[4])
{
	uint64_t nr_file = nr[LRU_INACTIVE_FILE] + nr[LRU_ACTIVE_FILE];
	uint64_t nr_anon = nr[LRU_INACTIVE_ANON] + nr[LRU_ACTIVE_ANON];
	uint64_t percentage, scan_target, scanned;
	int lru;

	if (!nr_file || !nr_anon)
		return false;
	if (nr_file > nr_anon) {
		scan_target = targets[0] + targets[1] + 1;
		lru = LRU_INACTIVE_ANON;
		percentage = nr_anon * 100 / scan_target;
	} else {
		scan_target = targets[2] + targets[3] + 1;
		lru = LRU_INACTIVE_FILE;
		percentage = nr_file * 100 / scan_target;
	}
	nr[lru] = 0;
	nr[lru + 1] = 0;
	lru = lru == LRU_INACTIVE_FILE ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE;
	for (int a = 0; a < 2; a++, lru++) {
		scanned = targets[lru] - nr[lru];
		nr[lru] = targets[lru] * (100 - percentage) / 100;
		nr[lru] -= nr[lru] < scanned ? nr[lru] : scanned;
	}
	return true;
}

/*
 * An empty inactive list that its active list cannot refill scans nothing
 * for the rest of the loop: the kernel spins through its batches, the
 * model skips them.
 */
static bool dry(const struct lru_model *m, const struct scan_control *sc,
                const uint64_t nr[4], int l)
{
	unsigned bit = lru_is_file(l) ? LRU_DEACTIVATE_FILE : LRU_DEACTIVATE_ANON;

	return !lru_is_active(l) && m->lists[l].pages == 0 &&
	       (nr[l + 1] == 0 || !(sc->may_deactivate & bit) ||
	        m->lists[l + 1].pages == 0);
}

static void record_first(struct lru_model *m, const struct scan_control *sc,
                         const struct lru_prepare_out *prep,
                         const struct lru_balance_out *b)
{
	if (!m->record_first)
		return;
	if (!m->first.set) {
		m->first.set = true;
		m->first.branch = b->branch;
		m->first.balance = *b;
		m->first.prepare = *prep;
	}
	m->first.lowest_priority = sc->priority;
}

/* shrink_node() + shrink_lruvec() for the model's one lruvec. */
static void shrink_node(struct lru_model *m, struct scan_control *sc)
{
	uint64_t nr[4], targets[4], reclaimed = 0;
	struct lru_prepare_out prep;
	struct lru_balance_out b;
	bool proportional = !sc->cgroup_reclaim && !sc->kswapd &&
	                    sc->priority == LRU_DEF_PRIORITY;

	prepare(m, sc, &prep);
	get_scan_count(m, sc, nr, &b);
	record_first(m, sc, &prep, &b);
	memcpy(targets, nr, sizeof(nr));
	while ((nr[LRU_INACTIVE_ANON] || nr[LRU_ACTIVE_FILE] ||
	        nr[LRU_INACTIVE_FILE]) && !over_budget(m)) {
		m->c.page_events++; /* the loop's own cost, for the budget */
		for (int l = 0; l < 4; l++) {
			uint64_t batch;

			if (dry(m, sc, nr, l))
				nr[l] = 0;
			if (!nr[l])
				continue;
			batch = nr[l] < LRU_SWAP_CLUSTER_MAX ? nr[l]
			                                     : LRU_SWAP_CLUSTER_MAX;
			nr[l] -= batch;
			reclaimed += shrink_list(m, sc, l, batch);
		}
		if (reclaimed < sc->nr_to_reclaim || proportional)
			continue;
		if (!proportional_cut(nr, targets))
			break;
	}
	sc->nr_reclaimed += reclaimed;
	if (m->swap_total > 0 &&
	    lru_inactive_is_low(m->view.lists[0], m->view.lists[1],
	                        m->page_shift, NULL))
		shrink_active(m, LRU_ACTIVE_ANON, LRU_SWAP_CLUSTER_MAX);
}

static void snapshot_refaults(struct lru_model *m)
{
	m->refaults_snapshot[0] = m->view.activate[0];
	m->refaults_snapshot[1] = m->view.activate[1];
}

/* do_try_to_free_pages() for memcg limit reclaim (and direct reclaim). */
uint64_t lru_reclaim_memcg(struct lru_model *m, uint64_t nr_pages)
{
	struct scan_control sc = {
		.nr_to_reclaim = nr_pages > LRU_SWAP_CLUSTER_MAX
		                 ? nr_pages : LRU_SWAP_CLUSTER_MAX,
		.priority = LRU_DEF_PRIORITY,
		.cgroup_reclaim = !m->global,
	};

	m->c.reclaim_runs++;
	for (;;) {
		do {
			sc.nr_scanned = 0;
			shrink_node(m, &sc);
			if (sc.nr_reclaimed >= sc.nr_to_reclaim || over_budget(m))
				break;
		} while (--sc.priority >= 0);
		snapshot_refaults(m);
		if (sc.nr_reclaimed || !sc.skipped_deactivate || over_budget(m))
			return sc.nr_reclaimed;
		sc.priority = LRU_DEF_PRIORITY;
		sc.force_deactivate = true;
		sc.skipped_deactivate = false;
	}
}

/* balance_pgdat(): kswapd reclaims towards the high watermark. */
uint64_t lru_reclaim_kswapd(struct lru_model *m)
{
	struct scan_control sc = { .priority = LRU_DEF_PRIORITY, .kswapd = true };
	uint64_t total = 0;

	m->c.reclaim_runs++;
	while (m->free_pages < m->high_pages && sc.priority >= 1 &&
	       !over_budget(m)) {
		uint64_t before = sc.nr_reclaimed;

		sc.nr_to_reclaim = m->high_pages > LRU_SWAP_CLUSTER_MAX
		                   ? m->high_pages : LRU_SWAP_CLUSTER_MAX;
		sc.nr_scanned = 0;
		shrink_node(m, &sc);
		/* raise_priority unless the scan would meet the goal */
		if (sc.nr_scanned < sc.nr_to_reclaim ||
		    sc.nr_reclaimed == before)
			sc.priority--;
	}
	total = sc.nr_reclaimed;
	snapshot_refaults(m);
	return total;
}
