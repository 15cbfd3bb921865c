/*
 * textview.h - the system views shown as text (numa, thp, buddy, lru): the
 * batch renderer's block for the view (output_text_view), on a scrollable
 * page, with the line under the cursor explained from the glossary.  One
 * implementation; each view file gives its intro text and engine.
 *
 * Must not: read files, or render the block itself (src/out does).
 */
#ifndef MEMLENS_VIEW_TEXTVIEW_H
#define MEMLENS_VIEW_TEXTVIEW_H

#include "view_ops.h"

struct textview {
	struct ui_text text;
	enum view_id id;
};

void *textview_init(enum view_id id);
void textview_free(void *state);
void textview_update(void *state, const struct view_ctx *ctx);
struct ui_text *textview_text(void *state);
/* The view's intro, the cursor line's words, then the engine. */
void textview_explain(void *state, const struct view_ctx *ctx,
                      struct ui_explain *ex, const char *intro);

#endif
