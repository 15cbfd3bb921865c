/*
 * textview.c - the text pages of the system views (see textview.h).
 * Lines without lower-case letters are the titles of the block's tables
 * and are drawn bold.
 *
 * Must not: read files.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossary.h"
#include "output.h"
#include "textview.h"
#include "util.h"

void *textview_init(enum view_id id)
{
	struct textview *tv = xcalloc(1, sizeof(*tv));

	ui_text_init(&tv->text);
	tv->id = id;
	return tv;
}

void textview_free(void *state)
{
	struct textview *tv = state;

	ui_text_free(&tv->text);
	free(tv);
}

/* A table's title line: upper case, digits, signs; no lower case. */
static bool textview_is_title(const char *line)
{
	bool letters = false;

	for (const char *p = line; *p; p++) {
		if (islower((unsigned char)*p))
			return false;
		letters |= isupper((unsigned char)*p) != 0;
	}
	return letters;
}

static void textview_add_lines(struct ui_text *t, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = xstrndup(p, n);

		ui_text_add(t, textview_is_title(line) ? UI_BOLD : UI_NORMAL, line);
		free(line);
		p += n + (nl != NULL);
	}
}

void textview_update(void *state, const struct view_ctx *ctx)
{
	struct textview *tv = state;
	struct output_options opts = { .views = 1u << tv->id, .sim = ctx->sim };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ui_text_clear(&tv->text);
	if (f) {
		output_text_view(f, ctx->prev, ctx->cur, &opts, tv->id);
		fclose(f);
		textview_add_lines(&tv->text, text, len);
		free(text);
	}
	ui_text_finish(&tv->text);
}

struct ui_text *textview_text(void *state)
{
	return &((struct textview *)state)->text;
}

void textview_explain(void *state, const struct view_ctx *ctx,
                      struct ui_explain *ex, const char *intro)
{
	struct textview *tv = state;
	const char *line = ui_text_cursor_line(&tv->text);
	const struct view_ops *ops = views_get(tv->id);

	if (line && glossary_explain_line(line, ex, 8) == 0)
		ui_explain_add(ex, UI_EX_NOTE, "%s",
		               _("(nothing on this line is in the glossary; move "
		                 "the cursor to a counter or a setting)"));
	ui_explain_add(ex, UI_EX_TEXT, "%s", "");
	ui_explain_add(ex, UI_EX_TEXT, "%s", _(intro));
	views_explain_engine(ops, ctx, ex);
}
