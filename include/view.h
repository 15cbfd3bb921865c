/*
 * view.h - the names of the views (DESIGN.md), shared by the command line,
 * batch text and the TUI.
 *
 * Must not: draw anything.
 */
#ifndef MEMLENS_VIEW_H
#define MEMLENS_VIEW_H

#include <stdint.h>

enum view_id {
	VIEW_PROCS, VIEW_VMAS, VIEW_FAULTS, VIEW_SLAB, VIEW_NUMA, VIEW_THP,
	VIEW_BUDDY, VIEW_LRU, VIEW_OOM, VIEW_COUNT
};

struct view_info {
	const char *name;  /* --view name */
	char key;          /* TUI key */
	const char *title; /* N_() */
	uint64_t sections; /* KNOWN(SEC_*) the view needs collected */
};

extern const struct view_info view_table[VIEW_COUNT];

/* Parses "procs,slab" or "all" into KNOWN(VIEW_*) bits; -EINVAL with
 * *bad set to the unknown name (pointing into list). */
int view_parse_list(const char *list, unsigned *views, const char **bad,
                    size_t *bad_len);

/* Sections the given views need. */
uint64_t view_sections(unsigned views);

#endif
