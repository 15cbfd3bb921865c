/*
 * kpageflags.c - the physical pageblock map: for every zone of
 * /proc/zoneinfo, one cell per pageblock saying what its pages hold and how
 * much of it is free, from /proc/kpageflags and /proc/kpagecount (0400: root
 * only).  Read only when asked (--sim buddy in batch; in the TUI, the
 * buddy view while its map or explain panel is shown): the two files cost
 * 16 bytes of reading per page of memory, about 0.4 s of system time per
 * 24 GiB (the kernel builds each entry).  So the map is read at
 * most once per PAGEBLOCKS_MIN_AGE_S, and the snapshots in between carry a
 * copy of the last one, whose own time (pageblocks.time) says how old it
 * is.
 *
 * Must not: write anything, or classify pages itself (parse_pageblocks.c
 * does); a failure leaves the section unknown with the reason under
 * "pageblocks".
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "parse.h"
#include "schema.h"
#include "sources.h"
#include "util.h"

#define PFNS_PER_READ 65536

/* The shortest time between two reads of the map (a refresh interval
 * longer than this reads it on every refresh). */
#define PAGEBLOCKS_MIN_AGE_S 10.0

/* The last map read, carried into the snapshots of the next
 * PAGEBLOCKS_MIN_AGE_S (a collector has one; see sources.h). */
struct pageblocks_cache {
	double read_at;       /* CLOCK_MONOTONIC seconds */
	struct pageblocks map;
};

static const char kpageflags_path[] = "/proc/kpageflags";
static const char kpagecount_path[] = "/proc/kpagecount";

struct kpf_files {
	int flags_fd;
	int count_fd; /* -1: counts read as 0 */
	uint64_t *flags;
	uint64_t *counts;
};

/* Entries of one file from pfn on; past the last pfn there are none. */
static size_t read_entries(int fd, uint64_t pfn, uint64_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n * sizeof(*buf)) {
		ssize_t r = pread(fd, (char *)buf + got, n * sizeof(*buf) - got,
		                  (off_t)(pfn * sizeof(*buf) + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got / sizeof(*buf);
}

/* Feeds one zone's pfns to the scan, a read at a time. */
static void scan_zone(struct kpf_files *f, struct pageblock_scan *s)
{
	for (uint64_t pfn = s->start_pfn; pfn < s->end_pfn;) {
		size_t want = s->end_pfn - pfn < PFNS_PER_READ
		                      ? (size_t)(s->end_pfn - pfn)
		                      : PFNS_PER_READ;
		size_t nflags = read_entries(f->flags_fd, pfn, f->flags, want);
		size_t ncounts = f->count_fd >= 0
		                         ? read_entries(f->count_fd, pfn, f->counts,
		                                        want)
		                         : 0;

		for (size_t i = 0; i < want; i++)
			pageblock_scan_page(s, pfn + i,
			                    i < nflags ? f->flags[i]
			                               : UINT64_C(1) << 20,
			                    i < ncounts ? f->counts[i] : 0);
		pfn += want;
	}
}

static int zone_cells(struct kpf_files *f, struct pageblock_zone *z,
                      unsigned pageblock_order)
{
	struct pageblock_scan scan;
	int rc = pageblock_scan_init(&scan, (uint64_t)z->start_pfn,
	                             (uint64_t)z->spanned_pages,
	                             pageblock_order);

	if (rc < 0)
		return rc;
	scan_zone(f, &scan);
	z->cells = pageblock_scan_finish(&scan);
	z->known |= KNOWN(0);
	return 0;
}

/* A file that could not be read: why, and the errno in *err. */
static char *unreadable(const char *path, int rc, int *err)
{
	*err = -rc;
	return unreadable_reason(path, rc);
}

/* The spans and the pageblock order; NULL, or why not (caller frees; *err
 * the errno when a file could not be read). */
static char *read_layout(const char *root, struct pageblocks *pb, int *err)
{
	char *text;
	int rc = read_text_file(root, "/proc/zoneinfo", 0, &text, NULL);

	if (rc < 0)
		return unreadable("/proc/zoneinfo", rc, err);
	rc = parse_zone_spans(text, &pb->zones, &pb->count);
	free(text);
	if (rc < 0)
		return xasprintf(_("%s: no zone spans start_pfn and spanned "
		                   "pages"), "/proc/zoneinfo");
	rc = read_text_file(root, "/proc/pagetypeinfo", 0, &text, NULL);
	if (rc < 0)
		return unreadable("/proc/pagetypeinfo", rc, err);
	rc = parse_pageblock_order(text, &pb->pageblock_order);
	free(text);
	if (rc < 0)
		return collect_unparsable_reason("/proc/pagetypeinfo");
	return NULL;
}

static char *open_files(const char *root, struct kpf_files *f, int *err)
{
	char *path = root_path(root, kpageflags_path);
	int open_errno;

	f->flags_fd = open(path, O_RDONLY | O_CLOEXEC);
	open_errno = errno;
	free(path);
	if (f->flags_fd < 0)
		return unreadable(kpageflags_path, -open_errno, err);
	path = root_path(root, kpagecount_path);
	f->count_fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	f->flags = xmalloc(PFNS_PER_READ * sizeof(*f->flags));
	f->counts = xmalloc(PFNS_PER_READ * sizeof(*f->counts));
	return NULL;
}

static void close_files(struct kpf_files *f)
{
	if (f->flags_fd >= 0)
		close(f->flags_fd);
	if (f->count_fd >= 0)
		close(f->count_fd);
	free(f->flags);
	free(f->counts);
}

static void discard(struct pageblocks *pb)
{
	schema_free_entity(&pageblocks_schema, pb);
	memset(pb, 0, sizeof(*pb));
}

/* Monotonic seconds: the wall clock may jump, the age must not. */
static double monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void copy_map(struct pageblocks *dst, const struct pageblocks *src)
{
	*dst = *src;
	dst->zones = xcalloc(src->count ? src->count : 1, sizeof(*dst->zones));
	for (size_t i = 0; i < src->count; i++) {
		dst->zones[i] = src->zones[i];
		dst->zones[i].zone = src->zones[i].zone
		                             ? xstrdup(src->zones[i].zone)
		                             : NULL;
		dst->zones[i].cells = src->zones[i].cells
		                              ? xstrdup(src->zones[i].cells)
		                              : NULL;
	}
}

/* The last map when it is recent enough: copied into snap. */
static bool carry_last_map(struct snapshot *snap,
                           const struct pageblocks_cache *last, double now)
{
	if (!last || now - last->read_at >= PAGEBLOCKS_MIN_AGE_S ||
	    now < last->read_at)
		return false;
	copy_map(&snap->pageblocks, &last->map);
	snap->known |= KNOWN(SEC_PAGEBLOCKS);
	return true;
}

static void keep_last_map(struct pageblocks_cache **cache,
                          const struct pageblocks *pb, double now)
{
	pageblocks_cache_free(*cache);
	*cache = xcalloc(1, sizeof(**cache));
	(*cache)->read_at = now;
	copy_map(&(*cache)->map, pb);
}

void pageblocks_cache_free(struct pageblocks_cache *cache)
{
	if (!cache)
		return;
	discard(&cache->map);
	free(cache);
}

static void read_pageblocks(struct snapshot *snap, const char *root)
{
	struct pageblocks *pb = &snap->pageblocks;
	struct kpf_files files = { .flags_fd = -1, .count_fd = -1 };
	int err = 0;
	/* kpageflags first: it is what needs root */
	char *reason = open_files(root, &files, &err);

	if (!reason)
		reason = read_layout(root, pb, &err);
	for (size_t i = 0; !reason && i < pb->count; i++)
		if (zone_cells(&files, &pb->zones[i],
		               (unsigned)pb->pageblock_order) < 0)
			reason = xasprintf(_("%s: the span of zone %s is not "
			                     "usable"), "/proc/zoneinfo",
			                   pb->zones[i].zone);
	close_files(&files);
	if (reason) {
		discard(pb);
		collect_mark_reason_errno(snap, "pageblocks", reason, err);
		return;
	}
	pb->time = snap->time;
	pb->known |= KNOWN(0);
	snap->known |= KNOWN(SEC_PAGEBLOCKS);
}

void collect_pageblocks(struct snapshot *snap, const char *root,
                        struct pageblocks_cache **cache)
{
	double now = monotonic_seconds();

	if (carry_last_map(snap, *cache, now))
		return;
	read_pageblocks(snap, root);
	if (snap->known & KNOWN(SEC_PAGEBLOCKS))
		keep_last_map(cache, &snap->pageblocks, now);
}
