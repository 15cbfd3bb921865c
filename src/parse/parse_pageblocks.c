/*
 * parse_pageblocks.c - the physical pageblock map: zone spans from
 * /proc/zoneinfo ("spanned", "start_pfn:"), the pageblock order from
 * /proc/pagetypeinfo, and the classification of /proc/kpageflags and
 * /proc/kpagecount entries into one cell per pageblock (snapshot.h
 * pageblock_cell()).
 *
 * kpageflags marks only the first page of a free block (KPF_BUDDY) and does
 * not give its order.  The pages after it that have no flags and a zero
 * reference count are its tail, up to the largest order the head is
 * aligned to (stable_page_flags() in fs/proc/page.c; a free block of order
 * N starts at a pfn aligned to 2^N).  What follows such a run is the tail
 * of a non-compound high-order allocation, which looks the same.
 *
 * Must not: open files (kpageflags.c does), or keep state between scans.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "util.h"

/* include/uapi/linux/kernel-page-flags.h */
#define KPF_REFERENCED 2
#define KPF_LRU 5
#define KPF_SLAB 7
#define KPF_BUDDY 10
#define KPF_MMAP 11
#define KPF_ANON 12
#define KPF_SWAPBACKED 14
#define KPF_HUGE 17
#define KPF_NOPAGE 20
#define KPF_THP 22
#define KPF_OFFLINE 23
#define KPF_IDLE 25
#define KPF_RESERVED 32
#define KPF(bit) (UINT64_C(1) << (bit))

/* Longest free run followed: above any NR_PAGE_ORDERS. */
#define FREE_RUN_MAX (UINT64_C(1) << 20)

/* ---- zoneinfo spans and the pageblock order ----------------------------- */

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* "Node 0, zone   Normal" -> node and a copy of the name; false if not. */
static bool zone_header(const char *line, int64_t *node, char **name)
{
	char *end;
	const char *p;
	size_t len;

	if (strncmp(line, "Node ", 5) != 0 ||
	    parse_int64(line + 5, &end, node) != 0 || *end != ',')
		return false;
	p = skip_blanks(end + 1);
	if (strncmp(p, "zone", 4) != 0)
		return false;
	p = skip_blanks(p + 4);
	len = strcspn(p, " \t\n");
	if (len == 0 || len > 32)
		return false;
	*name = xstrndup(p, len);
	return true;
}

/* "  key   value" with the key given with its punctuation. */
static bool line_value(const char *line, const char *key, int64_t *value)
{
	const char *p = skip_blanks(line);
	size_t len = strlen(key);
	char *end;

	if (strncmp(p, key, len) != 0 || (p[len] != ' ' && p[len] != '\t'))
		return false;
	return parse_int64(skip_blanks(p + len), &end, value) == 0;
}

static void spans_add(struct pageblock_zone **zones, size_t *count,
                      int64_t node, char *name)
{
	struct pageblock_zone *z;

	*zones = xrealloc(*zones, (*count + 1) * sizeof(**zones));
	z = &(*zones)[(*count)++];
	memset(z, 0, sizeof(*z));
	z->node = node;
	z->zone = name;
	z->start_pfn = -1;
	z->spanned_pages = -1;
}

/* Keeps the zones that span pages and whose start is known. */
static void spans_keep_spanning(struct pageblock_zone *zones, size_t *count)
{
	size_t kept = 0;

	for (size_t i = 0; i < *count; i++) {
		if (zones[i].start_pfn >= 0 && zones[i].spanned_pages > 0)
			zones[kept++] = zones[i];
		else
			free(zones[i].zone);
	}
	*count = kept;
}

int parse_zone_spans(const char *text, struct pageblock_zone **zones,
                     size_t *count)
{
	const char *line = text;
	struct pageblock_zone *z = NULL;

	*zones = NULL;
	*count = 0;
	while (line && *line) {
		int64_t node, value;
		char *name;

		if (zone_header(line, &node, &name)) {
			spans_add(zones, count, node, name);
			z = &(*zones)[*count - 1];
		} else if (z && line_value(line, "spanned", &value)) {
			z->spanned_pages = value;
		} else if (z && line_value(line, "start_pfn:", &value)) {
			z->start_pfn = value;
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	spans_keep_spanning(*zones, count);
	if (*count == 0) {
		free(*zones);
		*zones = NULL;
		return -EINVAL;
	}
	return 0;
}

int parse_pageblock_order(const char *text, int64_t *order)
{
	static const char key[] = "Page block order:";
	const char *p = strstr(text, key);
	char *end;

	if (!p || parse_int64(skip_blanks(p + strlen(key)), &end, order) != 0 ||
	    *order < 0 || *order > 30)
		return -EINVAL;
	return 0;
}

/* ---- kpageflags --------------------------------------------------------- */

/* What an allocated (or absent) page holds. */
static enum pageblock_state page_state(uint64_t flags)
{
	if (flags & (KPF(KPF_NOPAGE) | KPF(KPF_OFFLINE)))
		return PB_HOLE;
	if (flags & KPF(KPF_RESERVED))
		return PB_RESERVED;
	if (flags & KPF(KPF_SLAB))
		return PB_SLAB;
	if (flags & (KPF(KPF_THP) | KPF(KPF_HUGE)))
		return PB_THP;
	if (flags & (KPF(KPF_ANON) | KPF(KPF_SWAPBACKED)))
		return PB_MOVABLE;
	if (flags & (KPF(KPF_LRU) | KPF(KPF_MMAP)))
		return PB_RECLAIMABLE;
	return PB_UNMOVABLE;
}

/* A page that may be the tail of the free block before it. */
static bool free_tail(uint64_t flags, uint64_t count)
{
	return count == 0 &&
	       (flags & ~(KPF(KPF_IDLE) | KPF(KPF_REFERENCED))) == 0;
}

int pageblock_scan_init(struct pageblock_scan *s, uint64_t start_pfn,
                        uint64_t spanned_pages, unsigned pageblock_order)
{
	uint64_t last;

	memset(s, 0, sizeof(*s));
	if (spanned_pages == 0 || pageblock_order > 30)
		return -EINVAL;
	s->start_pfn = start_pfn;
	s->end_pfn = start_pfn + spanned_pages;
	s->pageblock_order = pageblock_order;
	s->first_block = start_pfn >> pageblock_order;
	last = (s->end_pfn - 1) >> pageblock_order;
	s->nblocks = (size_t)(last - s->first_block + 1);
	s->tally = xcalloc(s->nblocks, sizeof(*s->tally));
	return 0;
}

/* Adds count pages of a state from pfn on, block by block. */
static void tally_range(struct pageblock_scan *s, uint64_t pfn, uint64_t n,
                        enum pageblock_state state)
{
	while (n > 0) {
		uint64_t block = (pfn >> s->pageblock_order) - s->first_block;
		uint64_t block_end = ((pfn >> s->pageblock_order) + 1)
		                     << s->pageblock_order;
		uint64_t take = block_end - pfn < n ? block_end - pfn : n;

		if (block < s->nblocks)
			s->tally[block].pages[state] += (uint32_t)take;
		pfn += take;
		n -= take;
	}
}

/* Ends a free run: the largest aligned order that fits is free. */
static void end_run(struct pageblock_scan *s)
{
	uint64_t size = 1;

	if (!s->run_len)
		return;
	while (size * 2 <= s->run_len && !(s->run_head & (size * 2 - 1)))
		size *= 2;
	tally_range(s, s->run_head, size, PB_FREE);
	tally_range(s, s->run_head + size, s->run_len - size, PB_UNMOVABLE);
	s->run_len = 0;
}

void pageblock_scan_page(struct pageblock_scan *s, uint64_t pfn,
                         uint64_t flags, uint64_t count)
{
	if (pfn < s->start_pfn || pfn >= s->end_pfn)
		return;
	if (s->run_len && pfn == s->run_head + s->run_len &&
	    s->run_len < FREE_RUN_MAX && free_tail(flags, count)) {
		s->run_len++;
		return;
	}
	end_run(s);
	if (flags & KPF(KPF_BUDDY)) {
		s->run_head = pfn;
		s->run_len = 1;
		return;
	}
	tally_range(s, pfn, 1, page_state(flags));
}

/*
 * The state most of the block's allocated pages have; free when none of its
 * pages is allocated, a hole when holes (and pages outside the zone)
 * outnumber every kind of allocated page.
 */
static char block_cell(const struct pageblock_tally *t, uint64_t block_pages)
{
	uint64_t free = t->pages[PB_FREE], used = 0, seen = 0, holes, best = 0;
	unsigned state = PB_HOLE, free7 = 0;

	for (unsigned st = 0; st < PB_STATE_COUNT; st++)
		seen += t->pages[st];
	holes = t->pages[PB_HOLE] + (seen < block_pages ? block_pages - seen : 0);
	for (unsigned st = PB_MOVABLE; st < PB_STATE_COUNT; st++) {
		used += t->pages[st];
		if (t->pages[st] > best) {
			best = t->pages[st];
			state = st;
		}
	}
	if (used == 0)
		state = free ? PB_FREE : PB_HOLE;
	else if (holes > best)
		state = PB_HOLE;
	if (free)
		free7 = (unsigned)((free * 7 + block_pages - 1) / block_pages);
	return pageblock_cell(state, free7 > 7 ? 7 : free7);
}

char *pageblock_scan_finish(struct pageblock_scan *s)
{
	uint64_t block_pages = UINT64_C(1) << s->pageblock_order;
	char *cells = xmalloc(s->nblocks + 1);

	end_run(s);
	for (size_t b = 0; b < s->nblocks; b++) {
		cells[b] = block_cell(&s->tally[b], block_pages);
	}
	cells[s->nblocks] = '\0';
	free(s->tally);
	s->tally = NULL;
	return cells;
}
