/*
 * text_sim.c - batch text of the simulation engines' results (--sim), one
 * block per engine, rendered from the result's field table: scalar fields as
 * "title: value" lines, arrays of objects as tables, name/value lists as
 * lines.  An engine that wants a better layout adds its own renderer here;
 * this generic one keeps every engine readable from its first day.
 *
 * Must not: run an engine, or read files.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "text_internal.h"
#include "util.h"

static bool is_scalar(const struct field *f)
{
	return f->type == FT_INT || f->type == FT_DOUBLE || f->type == FT_STRING;
}

static void text_sim_scalar(struct text *t, const struct schema *s,
                            const struct field *f, const void *entity,
                            int indent)
{
	char *value = text_table_entity(t, s, f, entity, 0);

	text_put_spaces(t, indent);
	text_put(t, "%s: %s%s%s\n", f->name, value,
	         *f->unit && field_known(s, f, entity) ? " " : "",
	         field_known(s, f, entity) ? f->unit : "");
	free(value);
}

/* An int array as space-separated numbers, or n/a. */
static char *text_sim_int_array(const struct schema *s, const struct field *f,
                                const void *entity)
{
	const int64_t *values = *(int64_t *const *)field_ptr(f, entity);
	size_t count, len = 0;
	char *out;

	memcpy(&count, (const char *)entity + f->count_offset, sizeof(count));
	if (!field_known(s, f, entity) || !values)
		return text_table_na();
	out = xcalloc(count * 21 + 1, 1);
	for (size_t i = 0; i < count; i++)
		len += (size_t)sprintf(out + len, "%s%lld", i ? " " : "",
		                       (long long)values[i]);
	return out;
}

/* Columns: the sub-schema's scalar and int-array fields, in order. */
static void text_sim_objects(struct text *t, const struct field *f,
                             const void *entity, int indent)
{
	const struct schema *sub = f->sub;
	const char *base = *(const char *const *)field_ptr(f, entity);
	struct text_table tb = { 0 };
	size_t count;

	memcpy(&count, (const char *)entity + f->count_offset, sizeof(count));
	text_put_spaces(t, indent);
	text_put(t, "%s:\n", f->name);
	for (size_t c = 0; c < sub->nfields; c++)
		if (is_scalar(&sub->fields[c]) || sub->fields[c].type == FT_INT_ARRAY)
			text_table_col(&tb, field_title(&sub->fields[c]),
			               sub->fields[c].flags & FF_LEFT);
	for (size_t r = 0; base && r < count; r++) {
		const void *row_entity = base + r * sub->size;
		size_t row = text_table_row(&tb), col = 0;

		for (size_t c = 0; c < sub->nfields; c++) {
			const struct field *cf = &sub->fields[c];

			if (is_scalar(cf))
				text_table_set(&tb, row, col++,
				               text_table_entity(t, sub, cf, row_entity, 40));
			else if (cf->type == FT_INT_ARRAY)
				text_table_set(&tb, row, col++,
				               text_sim_int_array(sub, cf, row_entity));
		}
	}
	text_table_print(t, &tb);
	text_table_free(&tb);
}

static void text_sim_entity(struct text *t, const struct schema *s,
                            const void *entity, int indent);

static void text_sim_field(struct text *t, const struct schema *s,
                           const struct field *f, const void *entity,
                           int indent)
{
	const void *ptr = field_ptr(f, entity);

	if (is_scalar(f)) {
		text_sim_scalar(t, s, f, entity, indent);
	} else if (f->type == FT_INT_ARRAY) {
		char *values = text_sim_int_array(s, f, entity);

		text_put_spaces(t, indent);
		text_put(t, "%s: %s\n", f->name, values);
		free(values);
	} else if (f->type == FT_OBJECTS) {
		text_sim_objects(t, f, entity, indent);
	} else if (f->type == FT_OBJECT) {
		text_put_spaces(t, indent);
		text_put(t, "%s:\n", f->name);
		text_sim_entity(t, f->sub, ptr, indent + 2);
	} else if (f->type == FT_SKVLIST) {
		const struct skvlist *list = ptr;

		for (size_t i = 0; i < list->count; i++) {
			char *name = text_value_safe(t, list->items[i].name);
			char *value = text_value_safe(t, list->items[i].value);

			text_put_spaces(t, indent);
			text_put(t, "%s: %s\n", name, value);
			free(name);
			free(value);
		}
	} else if (f->type == FT_KVLIST) {
		const struct kvlist *list = ptr;

		for (size_t i = 0; i < list->count; i++) {
			char *name = text_value_safe(t, list->items[i].name);

			text_put_spaces(t, indent);
			text_put(t, "%s: %lld\n", name,
			         (long long)list->items[i].value);
			free(name);
		}
	}
}

static void text_sim_entity(struct text *t, const struct schema *s,
                            const void *entity, int indent)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (s->fields[i].type != FT_RATE)
			text_sim_field(t, s, &s->fields[i], entity, indent);
}

void text_sim(struct text *t)
{
	const struct sim_results *results = t->opts->sim;

	if (!results)
		return;
	for (int e = 0; e < SIM_COUNT; e++) {
		const struct sim_engine_info *info = sim_engine(e);

		if (!(results->asked & (1u << e)) || !info)
			continue;
		text_put(t, "\n[sim %s]\n", info->name);
		if (results->result[e] && e == SIM_BUDDY)
			text_sim_buddy(t, results->result[e]);
		else if (results->result[e] && e == SIM_OOM)
			text_sim_oom(t, results->result[e]);
		else if (results->result[e])
			text_sim_entity(t, info->schema, results->result[e], 2);
		else
			text_put(t, "  %s\n", results->error[e] ? results->error[e]
			                                        : _("no result"));
	}
}
