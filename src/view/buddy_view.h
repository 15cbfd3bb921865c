/*
 * buddy_view.h - the parts of the buddy view (key 7), shared by its files:
 *
 *   buddy.c        the view_ops: keys, explain panel, what it collects
 *   buddy_zones.c  the zones: watermarks, free lists per order with the
 *                  engine's indexes, and the what-if steps
 *   buddy_map.c    the physical map, one cell per pageblock (or per group
 *                  of them when the zone does not fit)
 *
 * The page is a ui_text; each line remembers the zone (index into the
 * snapshot's zones) and the order it is about, so that the explain panel
 * can speak of the zone under the cursor.
 *
 * Must not: read files (views read snapshots and the engine's result).
 */
#ifndef MEMLENS_VIEW_BUDDY_VIEW_H
#define MEMLENS_VIEW_BUDDY_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "buddy.h"
#include "view_ops.h"

struct buddy_view {
	struct ui_text text;
	bool map;          /* the physical map instead of the free lists */
	int *line_zone;    /* per line: index into cur->zones, or -1 */
	int *line_order;   /* per line: the order it is about, or -1 */
	size_t lines_cap;
	char map_scale[96]; /* "1 cell = 8 pageblocks (16M)", for the status */
	int cols, rows;    /* the screen size the page is laid out for */
};

/* Adds a line about zone (or -1) and order (or -1). */
void buddy_view_add(struct buddy_view *bv, enum ui_style style, int zone,
                    int order, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Adds a line of styled segments (map cells in their colours). */
void buddy_view_add_line(struct buddy_view *bv, int zone, int order,
                         const struct ui_line *line);
/* Adds a sentence cut into lines of the page's width (display columns),
 * indented. */
void buddy_view_add_words(struct buddy_view *bv, enum ui_style style,
                          int zone, const char *indent, const char *words);

/* The engine's result, or NULL (the engine failed or has not run). */
const struct buddy_result *buddy_view_result(const struct view_ctx *ctx);
/* The engine's zone for a snapshot zone, or NULL. */
const struct buddy_zone *buddy_view_zone(const struct buddy_result *r,
                                         const struct zone *z);

/* buddy_zones.c: the table of zones, each zone's free lists, the steps. */
void buddy_zones_render(struct buddy_view *bv, const struct view_ctx *ctx);
void buddy_steps_render(struct buddy_view *bv, const struct view_ctx *ctx);
/* The zone table alone (the map shows it too). */
void buddy_zones_table(struct buddy_view *bv, const struct view_ctx *ctx);

/* buddy_map.c: the physical map of every zone. */
void buddy_map_render(struct buddy_view *bv, const struct view_ctx *ctx);

#endif
