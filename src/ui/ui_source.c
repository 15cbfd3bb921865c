/*
 * ui_source.c - the TUI's snapshots, live or replayed (see ui_source.h).
 * A replay is read whole before the screen is set up, so that its
 * warnings (corrupt lines skipped) do not scribble over the screen; the
 * first one is kept for the status line.
 *
 * Must not: draw anything, or change a snapshot.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_source.h"
#include "util.h"

static int ui_source_load(struct ui_source *src, const char *path,
                          char **error)
{
	struct replayer *r;
	struct snapshot *snap;
	char *warnings = NULL;
	size_t len = 0, cap = 0;
	FILE *warn = open_memstream(&warnings, &len);
	int rc = replayer_open(&r, path);

	if (rc < 0) {
		*error = xasprintf(_("cannot read %s: %s"), path, strerror(-rc));
		if (warn)
			fclose(warn);
		free(warnings);
		return rc;
	}
	while ((rc = replayer_next(r, &snap, error, warn)) > 0) {
		xgrow((void **)&src->history, &cap, src->count + 1,
		      sizeof(*src->history));
		src->history[src->count++] = snap;
	}
	replayer_close(r);
	if (warn)
		fclose(warn);
	for (size_t i = 0; warnings && i < len; i++)
		src->skipped += warnings[i] == '\n';
	if (src->skipped)
		src->warning = xstrndup(warnings, strcspn(warnings, "\n"));
	free(warnings);
	if (rc < 0)
		return rc;
	if (!src->count) {
		*error = xasprintf(_("%s holds no snapshot"), path);
		return -ENODATA;
	}
	return 0;
}

static int ui_source_live(struct ui_source *src, const struct ui_options *opts,
                          uint64_t sections, char **error)
{
	struct collect_options copts = {
		.root = opts->root, .sections = sections, .want_smaps = true,
		.pids = opts->pids, .npids = opts->npids,
		.vmas_pid = opts->npids ? opts->pids[0] : 0,
		/* Only when asked: about five more reads per process. */
		.fresh_oom_inputs = (opts->sims & (1u << SIM_OOM)) != 0,
	};
	int rc = collector_new(&src->collector, &copts);

	if (rc < 0) {
		*error = xasprintf(_("cannot start collecting: %s"), strerror(-rc));
		return rc;
	}
	src->sections = sections;
	src->vmas_pid = copts.vmas_pid;
	src->fresh_oom = copts.fresh_oom_inputs;
	if (opts->record_path &&
	    (rc = recorder_open(&src->recorder, opts->record_path)) < 0) {
		*error = xasprintf(_("cannot open %s for appending: %s"),
		                   opts->record_path, strerror(-rc));
		return rc;
	}
	return 0;
}

int ui_source_open(struct ui_source *src, const struct ui_options *opts,
                   uint64_t sections, char **error)
{
	memset(src, 0, sizeof(*src));
	*error = NULL;
	if (opts->replay_path)
		return ui_source_load(src, opts->replay_path, error);
	return ui_source_live(src, opts, sections, error);
}

void ui_source_close(struct ui_source *src)
{
	for (size_t i = 0; i < src->count; i++)
		snapshot_free(src->history[i]);
	free(src->history);
	snapshot_free(src->prev);
	snapshot_free(src->cur);
	if (src->collector)
		collector_free(src->collector);
	if (src->recorder)
		recorder_close(src->recorder);
	free(src->warning);
	memset(src, 0, sizeof(*src));
}

bool ui_source_replay(const struct ui_source *src)
{
	return src->history != NULL;
}

const struct snapshot *ui_source_cur(const struct ui_source *src)
{
	if (src->history)
		return src->history[src->index];
	return src->cur;
}

const struct snapshot *ui_source_prev(const struct ui_source *src)
{
	if (src->history)
		return src->index > 0 ? src->history[src->index - 1] : NULL;
	return src->prev;
}

int ui_source_refresh(struct ui_source *src)
{
	struct snapshot *snap;

	if (!src->collector)
		return 0;
	snap = collector_collect(src->collector);
	snapshot_free(src->prev);
	src->prev = src->cur;
	src->cur = snap;
	src->generation++;
	if (src->recorder)
		return recorder_append(src->recorder, src->prev, src->cur);
	return 0;
}

bool ui_source_seek(struct ui_source *src, long index)
{
	size_t to;

	if (!src->history)
		return false;
	to = index < 0 ? src->count - 1 : (size_t)index;
	if (to >= src->count)
		to = src->count - 1;
	if (to == src->index)
		return false;
	src->index = to;
	src->generation++;
	return true;
}

bool ui_source_step(struct ui_source *src, long delta)
{
	long to = (long)src->index + delta;

	if (!src->history)
		return false;
	if (to < 0)
		to = 0;
	return ui_source_seek(src, to);
}

bool ui_source_want(struct ui_source *src, uint64_t sections, int64_t vmas_pid,
                    bool fresh_oom)
{
	bool newly = (sections & ~src->sections) != 0;

	if (!src->collector)
		return false;
	if (fresh_oom != src->fresh_oom) {
		collector_set_fresh_oom_inputs(src->collector, fresh_oom);
		src->fresh_oom = fresh_oom;
	}
	if (sections != src->sections &&
	    collector_set_sections(src->collector, sections) == 0)
		src->sections = sections;
	else
		newly = false;
	if ((sections & KNOWN(SEC_VMAS)) && vmas_pid != src->vmas_pid) {
		collector_set_vmas_pid(src->collector, vmas_pid > 0 ? vmas_pid : 0);
		src->vmas_pid = vmas_pid;
		newly = true;
	}
	return newly;
}
