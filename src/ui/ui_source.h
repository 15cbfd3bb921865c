/*
 * ui_source.h - where the TUI's snapshots come from: the live system (or
 * --root) through a collector that reads only what the view on screen
 * needs, refreshed by the main loop; or a recording (-r) loaded whole, so
 * that keys can step forward and back.  Live snapshots can be recorded
 * (-w) as they come.
 *
 * Must not: draw anything.
 */
#ifndef MEMLENS_UI_SOURCE_H
#define MEMLENS_UI_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collect.h"
#include "record.h"
#include "snapshot.h"
#include "ui.h"

struct ui_source {
	struct collector *collector;
	struct recorder *recorder;
	struct snapshot *prev, *cur;  /* live: the last two */
	struct snapshot **history;    /* replay: every snapshot */
	size_t count, index;
	uint64_t sections;            /* live: what the collector reads */
	int64_t vmas_pid;
	bool fresh_oom;               /* live: OOM inputs read every refresh */
	unsigned generation;          /* bumped on each new current snapshot */
	char *warning;                /* replay: the first skipped line */
	size_t skipped;
};

/* 0, or -errno with *error set (caller frees). */
int ui_source_open(struct ui_source *src, const struct ui_options *opts,
                   uint64_t sections, char **error);
void ui_source_close(struct ui_source *src);

bool ui_source_replay(const struct ui_source *src);
const struct snapshot *ui_source_cur(const struct ui_source *src);
const struct snapshot *ui_source_prev(const struct ui_source *src);

/* Live: takes a new snapshot (and records it).  0, or -errno when
 * recording failed (the snapshot is taken anyway). */
int ui_source_refresh(struct ui_source *src);
/* Replay: moves by delta snapshots (clamped); true when it moved. */
bool ui_source_step(struct ui_source *src, long delta);
/* Replay: to the first (0) or last (-1) snapshot. */
bool ui_source_seek(struct ui_source *src, long index);

/* Live: what to read from the next refresh on (fresh_oom: the OOM inputs
 * of every process each refresh, while the oom engine runs).  Returns
 * whether the current snapshot lacks a section now asked for (refresh at
 * once). */
bool ui_source_want(struct ui_source *src, uint64_t sections, int64_t vmas_pid,
                    bool fresh_oom);

#endif
