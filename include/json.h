/*
 * json.h - snapshots to and from JSON (jansson), walking the field tables of
 * schema.h.  The record file and `-o json` share this format
 * (memlens-json(5)): one object per snapshot, keys as in DESIGN.md, unknown
 * values as null, rates against the previous snapshot.
 *
 * Must not: read or write files (record.c does).
 */
#ifndef MEMLENS_JSON_H
#define MEMLENS_JSON_H

#include <jansson.h>

#include "snapshot.h"

/* The snapshot as a JSON object (new reference); prev gives rates. */
json_t *snapshot_to_json(const struct snapshot *prev,
                         const struct snapshot *cur);

/*
 * Reads a snapshot back.  Refuses another format or a newer version.
 * Returns 0, or -EINVAL with *error set to a message (caller frees).
 */
int snapshot_from_json(const json_t *root, struct snapshot **out,
                       char **error);

#endif
