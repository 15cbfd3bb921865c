/*
 * slab.c - the slab caches of /proc/slabinfo.  The file is 0400 under SLUB
 * (root only) and absent without CONFIG_SLUB_DEBUG; either way the reason is
 * recorded under "slab", never an empty table.
 *
 * Must not: write to /proc, or parse text itself (parse_slab.c does).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "common.h"
#include "parse.h"
#include "schema.h"
#include "sources.h"
#include "util.h"

static void slab_discard(struct snapshot *snap)
{
	for (size_t i = 0; i < snap->nslab; i++)
		schema_free_entity(&slab_schema, &snap->slab[i]);
	free(snap->slab);
	snap->slab = NULL;
	snap->nslab = 0;
}

void collect_slab(struct snapshot *snap, const char *root)
{
	static const char path[] = "/proc/slabinfo";
	char *text, *reason;
	int rc = read_text_file(root, path, 0, &text, NULL);

	if (rc < 0) {
		collect_mark_unreadable(snap, "slab", path, rc);
		return;
	}
	rc = parse_slabinfo(text, &snap->slab, &snap->nslab);
	free(text);
	if (rc >= 0 && snap->nslab > 0) {
		snap->known |= KNOWN(SEC_SLAB);
		return;
	}
	slab_discard(snap);
	if (rc == -ENOTSUP)
		reason = xasprintf(_("%s: unsupported format version "
		                     "(memlens reads version 2.x)"), path);
	else
		reason = xasprintf(_("%s: no slab caches could be parsed"), path);
	collect_mark_reason(snap, "slab", reason);
}
