/*
 * ui_color.c - colour pairs and their monochrome stand-ins, and the glyphs
 * with their ASCII fallback (see ui_color.h).  Colours sit on the
 * terminal's own background (use_default_colors), like htop's default
 * scheme, so that light and dark terminals both read well.
 *
 * Must not: draw anything.
 */
#include "config.h"

#include <stdlib.h>

#include "ui_color.h"

static attr_t styles[UI_STYLE_COUNT];
static bool colors_on;
static bool glyphs_utf8;

/* Without colour: attributes alone tell the kinds apart. */
static const attr_t mono[UI_STYLE_COUNT] = {
	[UI_NORMAL] = A_NORMAL,
	[UI_DIM] = A_DIM,
	[UI_BOLD] = A_BOLD,
	[UI_TITLE] = A_REVERSE,
	[UI_TITLE_SORT] = A_REVERSE | A_BOLD | A_UNDERLINE,
	[UI_SELECTED] = A_REVERSE | A_BOLD,
	[UI_TOTAL] = A_BOLD | A_UNDERLINE,
	[UI_LABEL] = A_BOLD,
	[UI_VALUE] = A_BOLD,
	[UI_BAR_USED] = A_BOLD,
	[UI_BAR_CACHE] = A_NORMAL,
	[UI_BAR_SWAP] = A_BOLD,
	[UI_BAR_OTHER] = A_DIM,
	[UI_WARN] = A_BOLD,
	[UI_ERROR] = A_BOLD | A_REVERSE,
	[UI_TAB] = A_NORMAL,
	[UI_TAB_ACTIVE] = A_REVERSE,
	[UI_STATUS] = A_NORMAL,
	[UI_STATUS_KEY] = A_BOLD,
	[UI_UNIT_M] = A_NORMAL,
	[UI_UNIT_G] = A_BOLD,
	[UI_UNIT_T] = A_BOLD | A_UNDERLINE,
	[UI_PANEL_TITLE] = A_BOLD,
	[UI_PANEL_BORDER] = A_NORMAL,
	[UI_TREE] = A_DIM,
	[UI_MATCH] = A_UNDERLINE,
	/* The map's characters say the state; these only help the eye. */
	[UI_MAP_FREE] = A_DIM,
	[UI_MAP_MOVABLE] = A_NORMAL,
	[UI_MAP_RECLAIMABLE] = A_NORMAL,
	[UI_MAP_UNMOVABLE] = A_BOLD,
	[UI_MAP_SLAB] = A_BOLD,
	[UI_MAP_THP] = A_UNDERLINE,
	[UI_MAP_RESERVED] = A_REVERSE,
};

/* Foreground, background (-1: the terminal's) and extra attributes. */
static const struct {
	short fg, bg;
	attr_t extra;
} palette[UI_STYLE_COUNT] = {
	[UI_NORMAL] = { -1, -1, A_NORMAL },
	[UI_DIM] = { -1, -1, A_DIM },
	[UI_BOLD] = { -1, -1, A_BOLD },
	[UI_TITLE] = { COLOR_BLACK, COLOR_GREEN, A_NORMAL },
	[UI_TITLE_SORT] = { COLOR_BLACK, COLOR_CYAN, A_BOLD },
	[UI_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL },
	[UI_TOTAL] = { COLOR_YELLOW, -1, A_BOLD },
	[UI_LABEL] = { COLOR_CYAN, -1, A_BOLD },
	[UI_VALUE] = { -1, -1, A_BOLD },
	[UI_BAR_USED] = { COLOR_GREEN, -1, A_BOLD },
	[UI_BAR_CACHE] = { COLOR_YELLOW, -1, A_NORMAL },
	[UI_BAR_SWAP] = { COLOR_RED, -1, A_BOLD },
	[UI_BAR_OTHER] = { COLOR_BLUE, -1, A_BOLD },
	[UI_WARN] = { COLOR_YELLOW, -1, A_BOLD },
	[UI_ERROR] = { COLOR_RED, -1, A_BOLD },
	[UI_TAB] = { -1, -1, A_NORMAL },
	[UI_TAB_ACTIVE] = { COLOR_BLACK, COLOR_CYAN, A_BOLD },
	[UI_STATUS] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL },
	[UI_STATUS_KEY] = { COLOR_YELLOW, COLOR_BLUE, A_BOLD },
	[UI_UNIT_M] = { COLOR_CYAN, -1, A_NORMAL },
	[UI_UNIT_G] = { COLOR_GREEN, -1, A_BOLD },
	[UI_UNIT_T] = { COLOR_RED, -1, A_BOLD },
	[UI_PANEL_TITLE] = { COLOR_YELLOW, -1, A_BOLD },
	[UI_PANEL_BORDER] = { COLOR_BLUE, -1, A_BOLD },
	[UI_TREE] = { COLOR_BLUE, -1, A_BOLD },
	[UI_MATCH] = { COLOR_YELLOW, -1, A_BOLD | A_UNDERLINE },
	/* One of the eight base colours per state, so that 8-colour
	 * terminals tell them apart: free recedes, what compaction can move
	 * is green, what it cannot (unmovable, slab) is red and magenta. */
	[UI_MAP_FREE] = { -1, -1, A_DIM },
	[UI_MAP_MOVABLE] = { COLOR_GREEN, -1, A_NORMAL },
	[UI_MAP_RECLAIMABLE] = { COLOR_CYAN, -1, A_NORMAL },
	[UI_MAP_UNMOVABLE] = { COLOR_RED, -1, A_BOLD },
	[UI_MAP_SLAB] = { COLOR_MAGENTA, -1, A_BOLD },
	[UI_MAP_THP] = { COLOR_BLUE, -1, A_BOLD },
	[UI_MAP_RESERVED] = { COLOR_YELLOW, -1, A_NORMAL },
};

static const char *const glyphs_utf8_table[UI_GLYPH_COUNT] = {
	[UI_G_BAR_USED] = "\u2588",   /* full block */
	[UI_G_BAR_CACHE] = "\u2593",  /* dark shade */
	[UI_G_BAR_OTHER] = "\u2592",  /* medium shade */
	[UI_G_BAR_EMPTY] = "\u00b7",  /* middle dot */
	[UI_G_SORT_DOWN] = "\u25bc",
	[UI_G_SORT_UP] = "\u25b2",
	[UI_G_TREE_BRANCH] = "\u251c\u2500",
	[UI_G_TREE_LAST] = "\u2514\u2500",
	[UI_G_TREE_PIPE] = "\u2502 ",
	[UI_G_TREE_SPACE] = "  ",
	[UI_G_HLINE] = "\u2500",
	[UI_G_MORE] = "\u2026",
};

static const char *const glyphs_ascii_table[UI_GLYPH_COUNT] = {
	[UI_G_BAR_USED] = "#",
	[UI_G_BAR_CACHE] = "=",
	[UI_G_BAR_OTHER] = "-",
	[UI_G_BAR_EMPTY] = " ",
	[UI_G_SORT_DOWN] = "v",
	[UI_G_SORT_UP] = "^",
	[UI_G_TREE_BRANCH] = "|-",
	[UI_G_TREE_LAST] = "`-",
	[UI_G_TREE_PIPE] = "| ",
	[UI_G_TREE_SPACE] = "  ",
	[UI_G_HLINE] = "-",
	[UI_G_MORE] = "+",
};

static bool no_color_asked(void)
{
	const char *v = getenv("NO_COLOR");

	return v && *v;
}

void ui_color_init(bool utf8)
{
	glyphs_utf8 = utf8;
	colors_on = !no_color_asked() && has_colors() && start_color() == OK;
	if (colors_on)
		use_default_colors();
	for (int s = 0; s < UI_STYLE_COUNT; s++) {
		styles[s] = mono[s];
		if (!colors_on || s + 1 >= COLOR_PAIRS)
			continue;
		/* Pair 0 is the terminal's own; each style gets pair s + 1. */
		if (init_pair((short)(s + 1), palette[s].fg, palette[s].bg) == OK)
			styles[s] = COLOR_PAIR(s + 1) | palette[s].extra;
	}
}

attr_t ui_style(enum ui_style s)
{
	return (unsigned)s < UI_STYLE_COUNT ? styles[s] : A_NORMAL;
}

const char *ui_glyph(enum ui_glyph g)
{
	if ((unsigned)g >= UI_GLYPH_COUNT)
		return "?";
	return glyphs_utf8 ? glyphs_utf8_table[g] : glyphs_ascii_table[g];
}

bool ui_color_enabled(void)
{
	return colors_on;
}
