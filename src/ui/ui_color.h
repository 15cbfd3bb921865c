/*
 * ui_color.h - the looks of the TUI: one style per kind of thing on screen
 * (a table title, the selected row, a bar segment, a warning), as colour
 * pairs on a colour terminal and as plain attributes (bold, reverse, dim)
 * when NO_COLOR is set or the terminal is monochrome; and the glyphs for
 * bars, tree lines and sort arrows, with an ASCII fallback when the locale
 * is not UTF-8.
 *
 * Must not: draw anything, or decide what a view shows.
 */
#ifndef MEMLENS_UI_COLOR_H
#define MEMLENS_UI_COLOR_H

#include <stdbool.h>

#include <curses.h>

enum ui_style {
	UI_NORMAL,
	UI_DIM,          /* n/a, zero rates, notes */
	UI_BOLD,
	UI_TITLE,        /* table column titles */
	UI_TITLE_SORT,   /* the title of the sort column */
	UI_SELECTED,     /* the selected row */
	UI_TOTAL,        /* a total line */
	UI_LABEL,        /* "Mem", "Swp" in the header */
	UI_VALUE,
	UI_BAR_USED,
	UI_BAR_CACHE,
	UI_BAR_SWAP,
	UI_BAR_OTHER,
	UI_WARN,
	UI_ERROR,
	UI_TAB,
	UI_TAB_ACTIVE,
	UI_STATUS,
	UI_STATUS_KEY,
	UI_UNIT_M,       /* sizes shown in MiB, GiB, TiB */
	UI_UNIT_G,
	UI_UNIT_T,
	UI_PANEL_TITLE,  /* explain panel, help, menus */
	UI_PANEL_BORDER,
	UI_TREE,
	UI_MATCH,        /* the filter text where it matched */
	UI_MAP_FREE,     /* cells of the buddy view's physical map, by state */
	UI_MAP_MOVABLE,
	UI_MAP_RECLAIMABLE,
	UI_MAP_UNMOVABLE,
	UI_MAP_SLAB,
	UI_MAP_THP,
	UI_MAP_RESERVED,
	UI_STYLE_COUNT
};

enum ui_glyph {
	UI_G_BAR_USED, UI_G_BAR_CACHE, UI_G_BAR_OTHER, UI_G_BAR_EMPTY,
	UI_G_SORT_DOWN, UI_G_SORT_UP,
	UI_G_TREE_BRANCH, UI_G_TREE_LAST, UI_G_TREE_PIPE, UI_G_TREE_SPACE,
	UI_G_HLINE, UI_G_MORE,
	UI_GLYPH_COUNT
};

/*
 * Decides colour or not (NO_COLOR set and not empty, or a terminal without
 * colours, mean no colour) and UTF-8 glyphs or ASCII; call after initscr.
 */
void ui_color_init(bool utf8);

/* The attributes (colour pair included) that draw a style. */
attr_t ui_style(enum ui_style s);

/* A glyph as a string of one display column (two for tree pieces). */
const char *ui_glyph(enum ui_glyph g);

/* Whether colours are in use (tests and the help screen say so). */
bool ui_color_enabled(void);

#endif
