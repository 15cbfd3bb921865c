/*
 * slab.c - the slab view (key 4), like slabtop: the caches as a sortable
 * table, by the memory their slabs take, with the use and waste of each,
 * under a summary of all caches and the kernel's own slab totals.  Needs
 * /proc/slabinfo, which is root's; without it the view says why.  Its
 * engine is buddy (the page orders slabs are made of).
 *
 * Must not: read files, or show a cache name unescaped (the table escapes).
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "view_ops.h"

struct slab_state {
	struct ui_table table;
	int col_cache, col_use, col_waste;
	int field_col[16];
	char *empty; /* why there are no caches */
	int64_t total_objs, total_active, total_kb;
	size_t ncaches;
};

static const char *const slab_fields_shown[] = {
	"num_objs", "active_objs", "objsize", "num_slabs", "objperslab",
	"pagesperslab", "active_slabs", "name",
};

/* Columns from slab_schema, with USE after the first two and CACHE and
 * WASTE before the name, as slabtop orders them. */
static void slab_add_columns(struct slab_state *st)
{
	static const struct ui_column use = {
		.title = N_("USE"), .name = "use", .kind = UI_COL_PERCENT, .width = 6,
		.help = N_("Share of the objects in use: active_objs / num_objs."),
	};
	static const struct ui_column cache = {
		.title = N_("CACHE"), .name = "cache_kb", .kind = UI_COL_KB,
		.width = UI_KB_WIDTH,
		.help = N_("Memory of the cache's slabs in KiB: num_slabs x "
		           "pagesperslab x the page size."),
	};
	static const struct ui_column waste = {
		.title = N_("WASTE"), .name = "waste_kb", .kind = UI_COL_KB,
		.width = UI_KB_WIDTH,
		.help = N_("KiB of the cache's slabs not holding an object in use: "
		           "CACHE - active_objs x objsize.  Free objects, padding "
		           "and metadata."),
	};

	for (size_t i = 0; i < ARRAY_SIZE(slab_fields_shown); i++) {
		const struct field *f = schema_field(&slab_schema,
		                                     slab_fields_shown[i]);
		struct ui_column col = {
			.title = f->title, .name = f->name, .schema = &slab_schema,
			.field = f, .width = f->width,
			.kind = f->type == FT_STRING ? UI_COL_TEXT : UI_COL_INT,
			.left = f->type == FT_STRING, .filter = f->type == FT_STRING,
			.ascending_first = f->type == FT_STRING,
			/* slabtop's columns; the rest in the sort list. */
			.hidden = strcmp(f->name, "active_slabs") == 0 ||
			          strcmp(f->name, "pagesperslab") == 0,
		};

		if (col.kind == UI_COL_INT && col.width > 8)
			col.width = 8;

		if (i == 2)
			st->col_use = ui_table_add_col(&st->table, &use);
		st->field_col[i] = ui_table_add_col(&st->table, &col);
		if (i == 6) {
			st->col_cache = ui_table_add_col(&st->table, &cache);
			st->col_waste = ui_table_add_col(&st->table, &waste);
		}
	}
}

static void *slab_init(const struct view_ctx *ctx)
{
	struct slab_state *st = xcalloc(1, sizeof(*st));

	(void)ctx;
	ui_table_init(&st->table);
	slab_add_columns(st);
	st->table.sort_col = st->col_cache;
	st->table.cursor_col = st->col_cache;
	st->table.descending = true;
	return st;
}

static void slab_free(void *state)
{
	struct slab_state *st = state;

	ui_table_free(&st->table);
	free(st->empty);
	free(st);
}

/* A cache's identity across refreshes: its name (FNV-1a), as caches come
 * and go between two reads of slabinfo. */
static int64_t slab_id(const char *name)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (const unsigned char *p = (const unsigned char *)(name ? name : "");
	     *p; p++)
		h = (h ^ *p) * UINT64_C(1099511628211);
	return (int64_t)(h >> 1);
}

static void slab_row(struct slab_state *st, const struct slab_cache *c,
                     int64_t page_size)
{
	size_t r = ui_table_add_row(&st->table, slab_id(c->name));
	bool known = (c->known & 1) != 0;
	int64_t cache_kb = c->num_slabs * c->pagesperslab * page_size / 1024;
	int64_t used_kb = c->active_objs * c->objsize / 1024;

	ui_table_row(&st->table, r)->entity = c;
	for (size_t i = 0; i < ARRAY_SIZE(slab_fields_shown); i++) {
		const struct field *f = schema_field(&slab_schema,
		                                     slab_fields_shown[i]);
		int64_t value;

		if (f->type == FT_STRING) {
			ui_table_set_text(&st->table, r, st->field_col[i], c->name);
			continue;
		}
		memcpy(&value, field_ptr(f, c), sizeof(value));
		ui_table_set_int(&st->table, r, st->field_col[i], known, value);
	}
	ui_table_set_double(&st->table, r, st->col_use,
	                    known && c->num_objs > 0,
	                    c->num_objs > 0 ? 100.0 * (double)c->active_objs /
	                                              (double)c->num_objs
	                                    : 0);
	ui_table_set_int(&st->table, r, st->col_cache, known, cache_kb);
	ui_table_set_int(&st->table, r, st->col_waste, known,
	                 cache_kb > used_kb ? cache_kb - used_kb : 0);
	if (known && c->active_objs == 0)
		ui_table_row(&st->table, r)->style = UI_DIM;
	if (known) {
		st->total_objs += c->num_objs;
		st->total_active += c->active_objs;
		st->total_kb += cache_kb;
	}
}

static void slab_update(void *state, const struct view_ctx *ctx)
{
	struct slab_state *st = state;
	const struct snapshot *s = ctx->cur;
	const char *why = views_unavailable(ctx, "slab");

	ui_table_clear_rows(&st->table);
	st->total_objs = st->total_active = st->total_kb = 0;
	st->ncaches = 0;
	free(st->empty);
	st->empty = why ? xasprintf(_("slab caches unavailable: %s"), why) : NULL;
	st->table.empty_text = st->empty;
	if (s->known & KNOWN(SEC_SLAB)) {
		for (size_t i = 0; i < s->nslab; i++)
			slab_row(st, &s->slab[i], s->page_size > 0 ? s->page_size : 4096);
		st->ncaches = s->nslab;
	}
	ui_table_finish(&st->table);
}

static int slab_summary(void *state, const struct view_ctx *ctx,
                        struct ui_line *lines, int max)
{
	struct slab_state *st = state;
	int64_t slab, reclaimable, unreclaimable;
	char b[3][UI_NUM_LEN];

	if (max < 1)
		return 0;
	ui_line_add(&lines[0], UI_VALUE, "%zu", st->table.nshown);
	ui_line_add(&lines[0], UI_NORMAL, _(" of %zu caches; objects "), st->ncaches);
	ui_line_add(&lines[0], UI_VALUE, "%" PRId64, st->total_active);
	ui_line_add(&lines[0], UI_NORMAL, " / %" PRId64, st->total_objs);
	ui_line_add(&lines[0], UI_NORMAL, _(" active; slabs "));
	ui_line_add(&lines[0], UI_VALUE, "%s", ui_format_human(b[0], st->total_kb));
	if (views_meminfo(ctx->cur, "Slab", &slab) &&
	    views_meminfo(ctx->cur, "SReclaimable", &reclaimable) &&
	    views_meminfo(ctx->cur, "SUnreclaim", &unreclaimable)) {
		ui_line_add(&lines[0], UI_NORMAL, _("; meminfo Slab %s ("),
		            ui_format_human(b[0], slab));
		ui_line_add(&lines[0], UI_VALUE, "%s",
		            ui_format_human(b[1], reclaimable));
		ui_line_add(&lines[0], UI_NORMAL, _(" reclaimable, "));
		ui_line_add(&lines[0], UI_VALUE, "%s",
		            ui_format_human(b[2], unreclaimable));
		ui_line_add(&lines[0], UI_NORMAL, _(" not)"));
	}
	if (st->table.filter[0]) {
		ui_line_add(&lines[0], UI_NORMAL, ", %s ", _("filter"));
		ui_line_add_safe(&lines[0], UI_WARN, st->table.filter);
	}
	return 1;
}

static struct ui_table *slab_table(void *state)
{
	return &((struct slab_state *)state)->table;
}

static void slab_explain(void *state, const struct view_ctx *ctx,
                         struct ui_explain *ex)
{
	struct slab_state *st = state;

	views_explain_column(&st->table, ctx, ex);
	ui_explain_add(ex, UI_EX_NOTE, "%s",
	               _("From /proc/slabinfo (root only).  SLUB counts the "
	                 "objects on per-CPU free lists as active, so USE is an "
	                 "upper bound; caches of one object size are often "
	                 "merged under one name (slabinfo shows the first)."));
	views_explain_engine(&slab_view, ctx, ex);
}

const struct view_ops slab_view = {
	.id = VIEW_SLAB,
	.engine = SIM_BUDDY,
	.init = slab_init,
	.free = slab_free,
	.update = slab_update,
	.summary = slab_summary,
	.table = slab_table,
	.explain = slab_explain,
};
