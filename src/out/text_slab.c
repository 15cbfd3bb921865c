/*
 * text_slab.c - the slab view of batch text, like slabtop -o: a summary of
 * objects and slabs and what they weigh, then the caches by the memory
 * their slabs take, largest first, empty ones left out.
 *
 * Must not: print a cache name without escaping it (slab names come from
 * the kernel, and from modules).
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"
#include "util.h"

/* A cache with the memory its slabs take, which orders the table. */
struct text_slab_entry {
	const struct slab_cache *c;
	int64_t cache_kb;
};

struct text_slab_totals {
	size_t used;
	int64_t objs, active, slabs, active_slabs;
	int64_t obj_bytes, active_bytes, cache_kb;
};

/* Columns from slab_schema, with USE (active share) after the first two
 * and CACHE (KiB of slab pages) before the name, as slabtop orders them. */
static const char *const text_slab_head[] = { "num_objs", "active_objs" };
static const char *const text_slab_tail[] = { "objsize", "num_slabs",
                                              "objperslab", "pagesperslab" };

static int text_slab_compare(const void *x, const void *y)
{
	const struct text_slab_entry *a = x, *b = y;

	if (a->cache_kb != b->cache_kb)
		return a->cache_kb < b->cache_kb ? 1 : -1;
	return strcmp(a->c->name ? a->c->name : "", b->c->name ? b->c->name : "");
}

/* The caches that parsed, by size; caller frees. */
static size_t text_slab_entries(const struct snapshot *s,
                                struct text_slab_entry **out)
{
	struct text_slab_entry *entries = xcalloc(s->nslab + 1,
	                                          sizeof(*entries));
	size_t n = 0;

	for (size_t i = 0; i < s->nslab; i++) {
		const struct slab_cache *c = &s->slab[i];

		if (!(c->known & 1))
			continue; /* a row that did not parse */
		entries[n].c = c;
		entries[n++].cache_kb =
			c->num_slabs * c->pagesperslab * s->page_size / 1024;
	}
	qsort(entries, n, sizeof(*entries), text_slab_compare);
	*out = entries;
	return n;
}

/* Like slabtop's header: objects, slabs, and what they weigh. */
static void text_slab_summary(struct text *t, const struct text_slab_entry *e,
                              size_t n)
{
	const struct snapshot *s = t->cur;
	struct text_slab_totals tot = { 0 };
	char b[6][TEXT_VALUE_LEN];

	for (size_t i = 0; i < n; i++) {
		const struct slab_cache *c = e[i].c;

		tot.used += c->active_objs > 0;
		tot.objs += c->num_objs;
		tot.active += c->active_objs;
		tot.slabs += c->num_slabs;
		tot.active_slabs += c->active_slabs;
		tot.obj_bytes += c->num_objs * c->objsize;
		tot.active_bytes += c->active_objs * c->objsize;
		tot.cache_kb += e[i].cache_kb;
	}
	text_put(t, _("  %zu caches (%zu in use); objects %" PRId64 " active "
	              "of %" PRId64 " (%.1f%%); slabs %" PRId64 " active of "
	              "%" PRId64 "\n"),
	         n, tot.used, tot.active, tot.objs,
	         tot.objs ? 100.0 * (double)tot.active / (double)tot.objs : 0.0,
	         tot.active_slabs, tot.slabs);
	text_put(t, _("  objects %s active of %s; slab pages %s; meminfo Slab "
	              "%s (SReclaimable %s, SUnreclaim %s)\n"),
	         text_value_human_kb(b[0], true, tot.active_bytes / 1024),
	         text_value_human_kb(b[1], true, tot.obj_bytes / 1024),
	         text_value_human_kb(b[2], s->page_size > 0, tot.cache_kb),
	         text_value_meminfo_human(b[3], s, "Slab"),
	         text_value_meminfo_human(b[4], s, "SReclaimable"),
	         text_value_meminfo_human(b[5], s, "SUnreclaim"));
}

static void text_slab_columns(struct text_table *tb)
{
	text_table_field_cols(tb, &slab_schema, text_slab_head,
	                      ARRAY_SIZE(text_slab_head));
	text_table_col(tb, _("USE"), false);
	text_table_field_cols(tb, &slab_schema, text_slab_tail,
	                      ARRAY_SIZE(text_slab_tail));
	text_table_col(tb, _("CACHE"), false);
	text_table_col(tb, field_title(schema_field(&slab_schema, "name")),
	               true);
}

static void text_slab_row(struct text *t, struct text_table *tb,
                          const struct text_slab_entry *e)
{
	const struct slab_cache *c = e->c;
	size_t r = text_table_row(tb), col = 0;

	text_table_field_cells(t, tb, r, &col, &slab_schema, text_slab_head,
	                       ARRAY_SIZE(text_slab_head), c);
	if (c->num_objs > 0)
		text_table_setf(tb, r, col++, "%.0f%%",
		                100.0 * (double)c->active_objs /
		                        (double)c->num_objs);
	else
		text_table_set(tb, r, col++, text_table_na());
	text_table_field_cells(t, tb, r, &col, &slab_schema, text_slab_tail,
	                       ARRAY_SIZE(text_slab_tail), c);
	text_table_setf(tb, r, col++, "%" PRId64, e->cache_kb);
	text_table_set(tb, r, col, text_value_safe(t, c->name));
}

void text_slab_view(struct text *t)
{
	struct text_slab_entry *entries;
	struct text_table tb = { 0 };
	size_t n, empty = 0;

	if (!text_put_need_section(t, SEC_SLAB))
		return;
	n = text_slab_entries(t->cur, &entries);
	text_slab_summary(t, entries, n);
	text_put(t, "%s\n", _("  by cache size; CACHE in KiB, OBJSIZE in bytes"));
	text_slab_columns(&tb);
	for (size_t i = 0; i < n; i++) {
		if (entries[i].c->num_objs == 0) {
			empty++;
			continue;
		}
		text_slab_row(t, &tb, &entries[i]);
	}
	text_table_print(t, &tb);
	if (empty)
		text_put(t, _("  (%zu empty caches not shown)\n"), empty);
	text_table_free(&tb);
	free(entries);
}
