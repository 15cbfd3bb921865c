/*
 * ui_menu.h - a pop-up list to choose one item from (the sort field, the
 * user filter): arrows, Enter, Esc, a click, or the item's first letter.
 * Not modal: the main loop keeps refreshing while it is open.
 *
 * Must not: know what the items mean (the caller acts on the choice).
 */
#ifndef MEMLENS_UI_MENU_H
#define MEMLENS_UI_MENU_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

enum ui_menu_result { UI_MENU_OPEN, UI_MENU_CHOSEN, UI_MENU_CANCELLED };

struct ui_menu {
	char *title;
	char **items;  /* terminal-safe */
	char **notes;  /* dim text after each item, or NULL */
	size_t count, cap, notes_cap;
	size_t cursor, top;
	int purpose;   /* the caller's tag: what the choice is for */
	int last_y, last_x, last_h, last_w; /* for clicks */
};

void ui_menu_init(struct ui_menu *m, const char *title, int purpose);
void ui_menu_free(struct ui_menu *m);
/* Adds an item (any bytes: escaped here) with an optional note. */
void ui_menu_add(struct ui_menu *m, const char *item, const char *note);
enum ui_menu_result ui_menu_key(struct ui_menu *m, int key);
enum ui_menu_result ui_menu_click(struct ui_menu *m, int y, int x);
/* Centered in the screen of h x w. */
void ui_menu_draw(struct ui_menu *m, WINDOW *win, int h, int w);

#endif
