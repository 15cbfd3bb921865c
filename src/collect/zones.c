/*
 * zones.c - the zones of every node: free blocks per order (buddyinfo),
 * watermarks and sizes (zoneinfo), and free blocks per migratetype
 * (pagetypeinfo, 0400: root only, and costly: the kernel walks every free
 * list under the zone lock to print it).
 *
 * buddyinfo and zoneinfo are readable by everyone; either one is enough for
 * the zones to be known.  pagetypeinfo is extra: when it cannot be read the
 * zones stay known and "pagetypeinfo" says why its part is missing.
 *
 * Must not: write to /proc, or parse text itself (parse_zones.c does).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "common.h"
#include "parse.h"
#include "sources.h"
#include "util.h"

typedef int (*zone_parser)(const char *text, struct zone **zones,
                           size_t *nzones);

struct zone_source {
	const char *name; /* key in snapshot.unavailable */
	const char *path;
	zone_parser parse;
};

/* buddyinfo and zoneinfo each create the zones they list. */
static const struct zone_source zone_sources[] = {
	{ "buddyinfo", "/proc/buddyinfo", parse_buddyinfo },
	{ "zoneinfo", "/proc/zoneinfo", parse_zoneinfo },
};

/* Fills the migratetypes of zones that already exist. */
static const struct zone_source pagetype_source = {
	"pagetypeinfo", "/proc/pagetypeinfo", parse_pagetypeinfo
};

/* Reads and parses one file; on failure records why under its name. */
static int zones_read_source(struct snapshot *snap, const char *root,
                             const struct zone_source *src)
{
	char *text;
	int rc = read_text_file(root, src->path, 0, &text, NULL);

	if (rc < 0) {
		collect_mark_unreadable(snap, src->name, src->path, rc);
		return rc;
	}
	rc = src->parse(text, &snap->zones, &snap->nzones);
	free(text);
	if (rc >= 0)
		return 0;
	collect_mark_reason(snap, src->name,
	                    xasprintf(_("%s: no zones could be parsed"),
	                              src->path));
	return rc;
}

void collect_zones(struct snapshot *snap, const char *root)
{
	size_t read_ok = 0;

	for (size_t i = 0; i < ARRAY_SIZE(zone_sources); i++)
		if (zones_read_source(snap, root, &zone_sources[i]) == 0)
			read_ok++;
	if (read_ok == 0 || snap->nzones == 0) {
		snapshot_set_unavailable(snap, "zones",
		                         _("neither /proc/buddyinfo nor "
		                           "/proc/zoneinfo could be read"));
		return;
	}
	snap->known |= KNOWN(SEC_ZONES);
	zones_read_source(snap, root, &pagetype_source);
}
