/*
 * lru_model.c - a folio-level model of one lruvec: the five lists as linked
 * folios (newest at the head), each with the flags reclaim reads
 * (PG_referenced, the PTE accessed bit, PG_workingset), anonymous pages and
 * file folios that remember their shadow entry after eviction, swap, the
 * charge against a memory cgroup's limit or the machine's watermarks, and
 * the late view of the counters that memcg stats flushing gives reclaim.
 *
 * The events mirror the kernel's paths:
 *   do_anonymous_page()    a new anon folio, inactive, PTE young (5.9+)
 *   do_swap_page()         swap-in: workingset_refault(), then the LRU;
 *                          a write fault frees the swap slot
 *   filemap_read()         readahead adds folios inactive; each read of a
 *                          folio calls folio_mark_accessed() once
 *   folio_mark_accessed()  mm/swap.c: referenced, then activated
 *   workingset_eviction(), workingset_refault(), workingset_activation()
 *                          mm/workingset.c (classic LRU)
 *   try_charge_memcg()     reclaim, up to MAX_RECLAIM_RETRIES, then OOM
 *   mem_cgroup_flush_stats_ratelimited() + the periodic flusher: reclaim
 *                          reads memcg counters flushed every 2 s
 *
 * Must not: do I/O, or grow past m->max_slots pages of workload.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lru_internal.h"
#include "util.h"

/* Modelled time of each event, microseconds a page: rough figures for a
 * virtual disk, used only to place the 2 s stats flushes. */
#define COST_ANON_FAULT_US 0.25
#define COST_TOUCH_US 0.02
#define COST_SWAPIN_US 20.0
#define COST_READ_MISS_US 1.0
#define COST_READ_HIT_US 0.05

void lru_model_init(struct lru_model *m, const struct lru_model_config *cfg)
{
	memset(m, 0, sizeof(*m));
	m->rules = cfg->rules;
	m->page_shift = cfg->page_shift ? cfg->page_shift : 12;
	m->global = cfg->global;
	m->limit_pages = cfg->limit_pages;
	m->other_pages = cfg->other_pages;
	m->free_pages = cfg->free_pages;
	m->min_pages = cfg->min_pages;
	m->low_pages = cfg->low_pages;
	m->high_pages = cfg->high_pages;
	m->swap_total = cfg->swap_total;
	m->swap_used = cfg->swap_used;
	m->swap_background = cfg->swap_used;
	m->swappiness = cfg->swappiness;
	m->folio_pages = cfg->folio_pages ? cfg->folio_pages : 1;
	m->free_node = LRU_NONE;
	m->max_slots = LRU_MAX_WORKLOAD_PAGES;
	m->max_events = cfg->max_events;
	for (int l = 0; l < LRU_NR_LISTS; l++)
		m->lists[l].head = m->lists[l].tail = LRU_NONE;
}

void lru_model_free(struct lru_model *m)
{
	for (size_t i = 0; i < m->nfiles; i++)
		free(m->files[i].name);
	free(m->files);
	free(m->fslots);
	free(m->anon);
	free(m->nodes);
	memset(m, 0, sizeof(*m));
}

/* ---- nodes and lists ---------------------------------------------------- */

uint32_t lru_node_new(struct lru_model *m)
{
	uint32_t n = m->free_node;

	if (n != LRU_NONE) {
		m->free_node = m->nodes[n].next;
	} else {
		size_t cap = m->cap_nodes;

		if (m->nnodes == m->cap_nodes) {
			xgrow((void **)&m->nodes, &cap, (size_t)m->nnodes + 1,
			      sizeof(*m->nodes));
			m->cap_nodes = (uint32_t)cap;
		}
		n = m->nnodes++;
	}
	memset(&m->nodes[n], 0, sizeof(m->nodes[n]));
	m->nodes[n].owner = LRU_NONE;
	return n;
}

void lru_node_release(struct lru_model *m, uint32_t n)
{
	m->nodes[n].next = m->free_node;
	m->free_node = n;
}

void lru_list_push_head(struct lru_model *m, int list, uint32_t n)
{
	struct lru_list *l = &m->lists[list];
	struct lru_node *node = &m->nodes[n];

	node->list = (uint8_t)list;
	node->prev = LRU_NONE;
	node->next = l->head;
	if (l->head != LRU_NONE)
		m->nodes[l->head].prev = n;
	else
		l->tail = n;
	l->head = n;
	l->pages += node->pages;
}

static void list_push_tail(struct lru_model *m, int list, uint32_t n)
{
	struct lru_list *l = &m->lists[list];
	struct lru_node *node = &m->nodes[n];

	node->list = (uint8_t)list;
	node->next = LRU_NONE;
	node->prev = l->tail;
	if (l->tail != LRU_NONE)
		m->nodes[l->tail].next = n;
	else
		l->head = n;
	l->tail = n;
	l->pages += node->pages;
}

void lru_list_unlink(struct lru_model *m, uint32_t n)
{
	struct lru_node *node = &m->nodes[n];
	struct lru_list *l = &m->lists[node->list];

	if (node->prev != LRU_NONE)
		m->nodes[node->prev].next = node->next;
	else
		l->head = node->next;
	if (node->next != LRU_NONE)
		m->nodes[node->next].prev = node->prev;
	else
		l->tail = node->prev;
	l->pages -= node->pages;
}

struct lru_slot *lru_node_slot(struct lru_model *m, const struct lru_node *n)
{
	if (n->owner == LRU_NONE)
		return NULL;
	if (n->owner & LRU_OWNER_FILE)
		return &m->fslots[n->owner & ~LRU_OWNER_FILE];
	return &m->anon[n->owner];
}

/* Background blocks are split at this many pages. */
#define BLOCK_MAX_PAGES (UINT32_C(1) << 30)

void lru_model_seed(struct lru_model *m, int list, uint64_t pages,
                    uint8_t flags)
{
	while (pages) {
		uint32_t n = lru_node_new(m);
		uint64_t take = pages < BLOCK_MAX_PAGES ? pages : BLOCK_MAX_PAGES;

		m->nodes[n].pages = (uint32_t)take;
		m->nodes[n].flags = flags;
		list_push_tail(m, list, n);
		pages -= take;
	}
}

uint64_t lru_model_list_pages(const struct lru_model *m, int list)
{
	return m->lists[list].pages;
}

void lru_model_lists4(const struct lru_model *m, uint64_t out[4])
{
	for (int l = 0; l < 4; l++)
		out[l] = m->lists[l].pages;
}

void lru_model_view4(const struct lru_model *m, uint64_t out[4])
{
	for (int l = 0; l < 4; l++)
		out[l] = m->view.lists[l];
}

uint64_t lru_model_usage(const struct lru_model *m)
{
	uint64_t usage = m->other_pages;

	for (int l = 0; l < LRU_NR_LISTS; l++)
		usage += m->lists[l].pages;
	return usage;
}

/* ---- the clock and the stats flush ------------------------------------ */

void lru_model_flush(struct lru_model *m)
{
	for (int l = 0; l < LRU_NR_LISTS; l++)
		m->view.lists[l] = m->lists[l].pages;
	m->view.activate[0] = m->c.activate[0];
	m->view.activate[1] = m->c.activate[1];
	m->c.flushes++;
}

void lru_model_tick(struct lru_model *m, double us)
{
	m->clock_us += us;
	while (m->clock_us - m->last_flush_us >= LRU_FLUSH_US) {
		m->last_flush_us += LRU_FLUSH_US;
		lru_model_flush(m);
	}
}

/* ---- eviction, aging, activation (mm/workingset.c, mm/swap.c) --------- */

void lru_model_age(struct lru_model *m, uint64_t pages)
{
	m->nonresident_age += pages;
}

/* The node is off its list: store its shadow and free it. */
void lru_model_evict(struct lru_model *m, uint32_t n, bool to_swap)
{
	struct lru_node *node = &m->nodes[n];
	struct lru_slot *slot = lru_node_slot(m, node);
	uint32_t pages = node->pages;

	if (slot) {
		slot->shadow_age = m->nonresident_age;
		slot->shadow_workingset = (node->flags & LF_WORKINGSET) != 0;
		slot->state = to_swap ? SLOT_SWAPPED : SLOT_EVICTED;
		slot->node = LRU_NONE;
	}
	lru_model_age(m, pages);
	if (to_swap) {
		m->swap_used += pages;
		m->c.pswpout += pages;
	}
	if (m->global)
		m->free_pages += pages;
	lru_node_release(m, n);
}

/* folio_mark_accessed() with MGLRU off. */
static void mark_accessed(struct lru_model *m, uint32_t n)
{
	struct lru_node *node = &m->nodes[n];

	if (!(node->flags & LF_REFERENCED)) {
		node->flags |= LF_REFERENCED;
		return;
	}
	if (lru_is_active(node->list) || node->list == LRU_UNEVICTABLE)
		return;
	lru_list_unlink(m, n);
	node->flags &= (uint8_t)~LF_REFERENCED;
	lru_list_push_head(m, node->list + 1, n);
	m->c.pgactivate += node->pages;
	lru_model_age(m, node->pages); /* workingset_activation() */
}

/* workingset_refault(): true when the refaulting folio is activated. */
static bool refault(struct lru_model *m, const struct lru_slot *slot,
                    bool file, uint32_t pages)
{
	uint64_t view[4], distance;

	m->c.refault[file] += pages;
	lru_model_view4(m, view);
	distance = m->nonresident_age - slot->shadow_age;
	if (distance > lru_workingset_size(file, view, lru_can_swap(m)))
		return false;
	lru_model_age(m, pages);
	m->c.activate[file] += pages;
	if (slot->shadow_workingset) {
		uint64_t lrusize = view[0] + view[1] + view[2] + view[3];

		m->c.restore[file] += pages;
		lru_note_cost(m->rules, &m->anon_cost, &m->file_cost, file, pages,
		              0, lrusize);
	}
	return true;
}

/* ---- charging ----------------------------------------------------------- */

/* The memcg charge: try_charge_memcg() reclaims up to 16 times. */
static int charge_memcg(struct lru_model *m, uint64_t pages)
{
	int retries = LRU_MAX_RECLAIM_RETRIES;

	while (m->limit_pages != UINT64_MAX &&
	       lru_model_usage(m) + pages > m->limit_pages) {
		if (retries-- == 0) {
			m->oom = true;
			return -ENOMEM;
		}
		lru_reclaim_memcg(m, pages);
	}
	return 0;
}

/* The page allocator: kswapd below the low mark, direct reclaim below min. */
static int charge_global(struct lru_model *m, uint64_t pages)
{
	int retries = LRU_MAX_RECLAIM_RETRIES;

	if (m->free_pages < m->low_pages + pages)
		lru_reclaim_kswapd(m);
	while (m->free_pages < m->min_pages + pages) {
		if (retries-- == 0) {
			m->oom = true;
			return -ENOMEM;
		}
		lru_reclaim_memcg(m, pages); /* do_try_to_free_pages() */
	}
	m->free_pages -= pages;
	return 0;
}

int lru_model_charge(struct lru_model *m, uint64_t pages)
{
	if (m->max_events && m->c.page_events > m->max_events)
		return -ETIME;
	return m->global ? charge_global(m, pages) : charge_memcg(m, pages);
}

/* ---- anonymous memory --------------------------------------------------- */

static int anon_grow(struct lru_model *m)
{
	size_t cap = m->cap_anon;

	if (m->anon_hi + 1 > m->max_slots)
		return -E2BIG;
	if (m->anon_hi == m->cap_anon) {
		xgrow((void **)&m->anon, &cap, (size_t)m->anon_hi + 1,
		      sizeof(*m->anon));
		m->cap_anon = cap;
	}
	return 0;
}

static uint32_t new_folio(struct lru_model *m, uint32_t owner, uint32_t pages,
                          uint8_t flags)
{
	uint32_t n = lru_node_new(m);

	m->nodes[n].pages = pages;
	m->nodes[n].owner = owner;
	m->nodes[n].flags = flags;
	return n;
}

int lru_model_anon_fault(struct lru_model *m)
{
	uint64_t index = m->anon_hi;
	int rc = anon_grow(m);

	if (rc < 0)
		return rc;
	rc = lru_model_charge(m, 1);
	if (rc < 0)
		return rc;
	m->anon[index] = (struct lru_slot){ .state = SLOT_RESIDENT };
	m->anon[index].node = new_folio(m, (uint32_t)index, 1, LF_YOUNG);
	lru_list_push_head(m, LRU_INACTIVE_ANON, m->anon[index].node);
	m->anon_hi++;
	m->c.page_events++;
	lru_model_tick(m, COST_ANON_FAULT_US);
	return 0;
}

/* A write fault on a swapped-out page (do_swap_page()). */
static int swap_in(struct lru_model *m, uint64_t index)
{
	struct lru_slot *slot;
	bool active;
	uint8_t flags = LF_YOUNG;
	int rc = lru_model_charge(m, 1);

	if (rc < 0)
		return rc;
	slot = &m->anon[index];
	active = refault(m, slot, false, 1);
	if (active && slot->shadow_workingset)
		flags |= LF_WORKINGSET;
	slot->state = SLOT_RESIDENT;
	slot->node = new_folio(m, (uint32_t)index, 1, flags);
	lru_list_push_head(m, active ? LRU_ACTIVE_ANON : LRU_INACTIVE_ANON,
	                   slot->node);
	m->swap_used--;
	m->c.pswpin++;
	lru_model_tick(m, COST_SWAPIN_US);
	return 0;
}

int lru_model_touch_anon(struct lru_model *m, uint64_t index)
{
	struct lru_slot *slot = &m->anon[index];

	m->c.page_events++;
	if (slot->state == SLOT_SWAPPED)
		return swap_in(m, index);
	if (slot->state == SLOT_RESIDENT)
		m->nodes[slot->node].flags |= LF_YOUNG;
	lru_model_tick(m, COST_TOUCH_US);
	return 0;
}

void lru_model_free_anon(struct lru_model *m, uint64_t index)
{
	struct lru_slot *slot = &m->anon[index];

	m->c.page_events++;
	if (slot->state == SLOT_RESIDENT) {
		lru_list_unlink(m, slot->node);
		lru_node_release(m, slot->node);
		if (m->global)
			m->free_pages++;
	} else if (slot->state == SLOT_SWAPPED) {
		m->swap_used--;
	}
	slot->state = SLOT_NONE;
	slot->node = LRU_NONE;
}

/* ---- files -------------------------------------------------------------- */

int lru_model_add_file(struct lru_model *m, const char *name, uint64_t bytes,
                       size_t *index)
{
	uint64_t page = UINT64_C(1) << m->page_shift;
	uint64_t pages = (bytes + page - 1) / page;
	uint64_t folios = (pages + m->folio_pages - 1) / m->folio_pages;
	size_t cap = m->cap_fslots;
	struct lru_file *f;

	if (pages + m->anon_hi > m->max_slots ||
	    (uint64_t)m->nfslots + folios >= LRU_OWNER_FILE)
		return -E2BIG;
	m->files = xrealloc(m->files, (m->nfiles + 1) * sizeof(*m->files));
	f = &m->files[m->nfiles];
	*f = (struct lru_file){ .name = name ? xstrdup(name) : NULL,
	                        .pages = pages, .folio_pages = m->folio_pages,
	                        .first = m->nfslots, .folios = (uint32_t)folios };
	xgrow((void **)&m->fslots, &cap, (size_t)m->nfslots + folios,
	      sizeof(*m->fslots));
	m->cap_fslots = (uint32_t)cap;
	for (uint64_t i = 0; i < folios; i++)
		m->fslots[m->nfslots + i] = (struct lru_slot){ .node = LRU_NONE };
	m->nfslots += (uint32_t)folios;
	*index = m->nfiles++;
	return 0;
}

static uint32_t folio_size(const struct lru_file *f, uint32_t folio)
{
	uint64_t start = (uint64_t)folio * f->folio_pages;
	uint64_t left = f->pages - start;

	return left < f->folio_pages ? (uint32_t)left : f->folio_pages;
}

/* A read miss: readahead allocates, charges and adds the folio. */
static int read_miss(struct lru_model *m, uint32_t slot_index,
                     uint32_t pages)
{
	struct lru_slot *slot;
	bool active = false;
	uint8_t flags = 0;
	int rc = lru_model_charge(m, pages);

	if (rc < 0)
		return rc;
	slot = &m->fslots[slot_index];
	if (slot->state == SLOT_EVICTED) {
		active = refault(m, slot, true, pages);
		if (active && slot->shadow_workingset)
			flags |= LF_WORKINGSET;
	}
	slot->state = SLOT_RESIDENT;
	slot->node = new_folio(m, slot_index | LRU_OWNER_FILE, pages, flags);
	lru_list_push_head(m, active ? LRU_ACTIVE_FILE : LRU_INACTIVE_FILE,
	                   slot->node);
	lru_model_tick(m, COST_READ_MISS_US * pages);
	return 0;
}

int lru_model_read_folio(struct lru_model *m, size_t file, uint32_t folio)
{
	const struct lru_file *f = &m->files[file];
	uint32_t slot_index = f->first + folio;
	uint32_t pages = folio_size(f, folio);

	m->c.page_events += pages;
	if (m->fslots[slot_index].state != SLOT_RESIDENT) {
		int rc = read_miss(m, slot_index, pages);

		if (rc < 0)
			return rc;
	} else {
		lru_model_tick(m, COST_READ_HIT_US * pages);
	}
	mark_accessed(m, m->fslots[slot_index].node);
	return 0;
}

/* ---- anonymous memory nobody names again (need:SIZE) ----------------- */

int lru_model_alloc_anon_block(struct lru_model *m, uint64_t pages,
                               uint64_t *done)
{
	uint32_t block = LRU_NONE;

	for (*done = 0; *done < pages; (*done)++) {
		int rc = lru_model_charge(m, 1);
		uint32_t head = m->lists[LRU_INACTIVE_ANON].head;

		if (rc < 0)
			return rc;
		if (block != LRU_NONE && head == block &&
		    m->nodes[block].owner == LRU_NONE &&
		    m->nodes[block].flags == LF_YOUNG &&
		    m->nodes[block].pages < UINT32_MAX) {
			m->nodes[block].pages++;
			m->lists[LRU_INACTIVE_ANON].pages++;
		} else {
			block = new_folio(m, LRU_NONE, 1, LF_YOUNG);
			lru_list_push_head(m, LRU_INACTIVE_ANON, block);
		}
		m->c.page_events++;
		lru_model_tick(m, COST_ANON_FAULT_US);
	}
	return 0;
}
