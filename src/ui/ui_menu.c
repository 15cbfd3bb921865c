/*
 * ui_menu.c - the pop-up list (see ui_menu.h).
 *
 * Must not: act on the choice, or draw an item that was not escaped.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "ui_draw.h"
#include "ui_menu.h"
#include "util.h"

void ui_menu_init(struct ui_menu *m, const char *title, int purpose)
{
	memset(m, 0, sizeof(*m));
	m->title = xstrdup(title);
	m->purpose = purpose;
}

void ui_menu_free(struct ui_menu *m)
{
	for (size_t i = 0; i < m->count; i++) {
		free(m->items[i]);
		free(m->notes[i]);
	}
	free(m->items);
	free(m->notes);
	free(m->title);
	memset(m, 0, sizeof(*m));
}

void ui_menu_add(struct ui_menu *m, const char *item, const char *note)
{
	bool utf8 = escape_locale_utf8();

	xgrow((void **)&m->items, &m->cap, m->count + 1, sizeof(*m->items));
	xgrow((void **)&m->notes, &m->notes_cap, m->count + 1, sizeof(*m->notes));
	m->items[m->count] = escape_term(item, utf8);
	m->notes[m->count++] = note ? escape_term(note, utf8) : NULL;
}

static void ui_menu_move(struct ui_menu *m, long to)
{
	if (!m->count)
		return;
	if (to < 0)
		to = 0;
	if (to >= (long)m->count)
		to = (long)m->count - 1;
	m->cursor = (size_t)to;
}

/* The next item after the cursor that starts with c (any case). */
static void ui_menu_jump(struct ui_menu *m, int c)
{
	for (size_t k = 1; k <= m->count; k++) {
		size_t i = (m->cursor + k) % m->count;

		if (tolower((unsigned char)m->items[i][0]) == tolower(c)) {
			m->cursor = i;
			return;
		}
	}
}

enum ui_menu_result ui_menu_key(struct ui_menu *m, int key)
{
	long page = m->last_h > 3 ? m->last_h - 3 : 1;

	switch (key) {
	case KEY_UP: ui_menu_move(m, (long)m->cursor - 1); break;
	case KEY_DOWN: ui_menu_move(m, (long)m->cursor + 1); break;
	case KEY_PPAGE: ui_menu_move(m, (long)m->cursor - page); break;
	case KEY_NPAGE: ui_menu_move(m, (long)m->cursor + page); break;
	case KEY_HOME: ui_menu_move(m, 0); break;
	case KEY_END: ui_menu_move(m, (long)m->count - 1); break;
	case '\n': case '\r': case KEY_ENTER:
		return m->count ? UI_MENU_CHOSEN : UI_MENU_CANCELLED;
	case 27: case 'q': case KEY_BACKSPACE:
		return UI_MENU_CANCELLED;
	default:
		if (key > ' ' && key < 127)
			ui_menu_jump(m, key);
		break;
	}
	return UI_MENU_OPEN;
}

enum ui_menu_result ui_menu_click(struct ui_menu *m, int y, int x)
{
	int row = y - (m->last_y + 1);

	if (x < m->last_x || x >= m->last_x + m->last_w || y < m->last_y ||
	    y >= m->last_y + m->last_h)
		return UI_MENU_CANCELLED;
	if (row < 0 || row >= m->last_h - 2 || m->top + (size_t)row >= m->count)
		return UI_MENU_OPEN;
	m->cursor = m->top + (size_t)row;
	return UI_MENU_CHOSEN;
}

static int ui_menu_width(const struct ui_menu *m, int screen_w)
{
	int w = ui_width(m->title) + 4;

	for (size_t i = 0; i < m->count; i++) {
		int iw = ui_width(m->items[i]) + 4 +
		         (m->notes[i] ? ui_width(m->notes[i]) + 2 : 0);

		if (iw > w)
			w = iw;
	}
	return w > screen_w - 2 ? screen_w - 2 : w;
}

void ui_menu_draw(struct ui_menu *m, WINDOW *win, int h, int w)
{
	int mw = ui_menu_width(m, w);
	int mh = (int)m->count + 2 > h - 2 ? h - 2 : (int)m->count + 2;
	int y = (h - mh) / 2, x = (w - mw) / 2;
	size_t inner = mh > 2 ? (size_t)(mh - 2) : 1;

	m->last_y = y, m->last_x = x, m->last_h = mh, m->last_w = mw;
	if (mh < 3 || mw < 6)
		return;
	if (m->cursor < m->top)
		m->top = m->cursor;
	if (m->cursor >= m->top + inner)
		m->top = m->cursor - inner + 1;
	for (int r = 0; r < mh; r++)
		ui_blank(win, y + r, x, mw, ui_style(UI_NORMAL));
	wattrset(win, ui_style(UI_PANEL_BORDER));
	mvwaddch(win, y, x, ACS_ULCORNER);
	mvwhline(win, y, x + 1, ACS_HLINE, mw - 2);
	mvwaddch(win, y, x + mw - 1, ACS_URCORNER);
	mvwvline(win, y + 1, x, ACS_VLINE, mh - 2);
	mvwvline(win, y + 1, x + mw - 1, ACS_VLINE, mh - 2);
	mvwaddch(win, y + mh - 1, x, ACS_LLCORNER);
	mvwhline(win, y + mh - 1, x + 1, ACS_HLINE, mw - 2);
	mvwaddch(win, y + mh - 1, x + mw - 1, ACS_LRCORNER);
	wattrset(win, A_NORMAL);
	ui_put(win, y, x + 2, m->title, mw - 4, ui_style(UI_PANEL_TITLE));
	for (size_t r = 0; r < inner && m->top + r < m->count; r++) {
		size_t i = m->top + r;
		attr_t attr = ui_style(i == m->cursor ? UI_SELECTED : UI_NORMAL);
		int used;

		ui_blank(win, y + 1 + (int)r, x + 1, mw - 2, attr);
		used = ui_put(win, y + 1 + (int)r, x + 2, m->items[i], mw - 4, attr);
		if (m->notes[i])
			ui_put(win, y + 1 + (int)r, x + 4 + used, m->notes[i],
			       mw - 6 - used, i == m->cursor ? attr : ui_style(UI_DIM));
	}
}
