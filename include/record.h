/*
 * record.h - record files: snapshots appended as JSON Lines (-w), and read
 * back (-r).  Appends are whole lines, flushed; closing syncs.  A corrupt or
 * truncated line is reported with its line number and skipped.
 *
 * Must not: collect or render.
 */
#ifndef MEMLENS_RECORD_H
#define MEMLENS_RECORD_H

#include <stdio.h>

#include "snapshot.h"

struct recorder;
int recorder_open(struct recorder **out, const char *path);
int recorder_append(struct recorder *r, const struct snapshot *prev,
                    const struct snapshot *cur);
/* Flushes and syncs; returns 0 or -errno. */
int recorder_close(struct recorder *r);

struct replayer;
int replayer_open(struct replayer **out, const char *path);
/*
 * The next snapshot: 1 and *out set, 0 at the end, or -errno (-EINVAL for a
 * newer format version, which stops the replay) with *error set.  Corrupt
 * lines are skipped with a warning on warn (may be NULL).
 */
int replayer_next(struct replayer *r, struct snapshot **out, char **error,
                  FILE *warn);
void replayer_close(struct replayer *r);

#endif
