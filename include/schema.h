/*
 * schema.h - one field table per entity (DESIGN.md: "one field table per
 * entity ... drives TUI columns, sort keys, text headers and JSON keys").
 *
 * A field says where a member lives in its struct (offset), how it is typed,
 * which bit of the entity's known mask says it was read, what it is called in
 * JSON and on screen, its unit and help text, and which /proc source it costs.
 * The JSON writer and reader, the text tables, OpenMetrics and the sort all
 * walk these tables, so a name is written once.
 *
 * Must not: do I/O or format output.
 */
#ifndef MEMLENS_SCHEMA_H
#define MEMLENS_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

enum field_type {
	FT_INT,       /* int64_t */
	FT_DOUBLE,    /* double */
	FT_STRING,    /* char *, raw bytes from the kernel */
	FT_INT_ARRAY, /* int64_t * with a size_t count at count_offset */
	FT_KVLIST,    /* struct kvlist */
	FT_SKVLIST,   /* struct skvlist */
	FT_OBJECTS,   /* pointer to an array of sub entities, count at count_offset */
	FT_OBJECT,    /* an embedded sub entity */
	FT_RATE,      /* derived: per second change of the FT_INT named rate_of,
	               * between the previous snapshot and this one */
};

enum field_flag {
	FF_DEFAULT = 1 << 0,  /* a column of the default text table */
	FF_LEFT = 1 << 1,     /* left-aligned column (text) */
	FF_COUNTER = 1 << 2,  /* monotonic counter (OpenMetrics counter) */
	FF_NO_SORT = 1 << 3,  /* not a sort key */
	FF_LIMIT = 1 << 4,    /* CGROUP_UNLIMITED is written "max" */
};

struct schema;

struct field {
	const char *name;  /* JSON key, --sort name */
	const char *title; /* column title: N_() text, English; lookups and
	                    * man pages use it, screens show field_title() */
	const char *unit;  /* "KiB", "pages", "/s", "" */
	const char *help;  /* N_() text: meaning and source */
	enum field_type type;
	size_t offset;
	int known_bit; /* bit in the entity's known mask; -1: always known */
	size_t count_offset;       /* FT_INT_ARRAY, FT_OBJECTS */
	const struct schema *sub;  /* FT_OBJECTS, FT_OBJECT */
	const char *rate_of;       /* FT_RATE */
	unsigned cost;             /* processes: KNOWN(PROC_SRC_*) it needs */
	int width;                 /* text column width */
	unsigned flags;            /* enum field_flag */
};

struct schema {
	const char *name;
	size_t size;         /* sizeof the entity */
	size_t known_offset; /* offset of its uint64_t known mask */
	const struct field *fields;
	size_t nfields;
	/*
	 * For FT_OBJECTS arrays whose entities have rates: finds the entity of
	 * the previous snapshot that this one continues (a process with the same
	 * pid and start time), or NULL.
	 */
	const void *(*find_prev)(const void *prev_array, size_t prev_count,
	                         const void *entity);
};

/*
 * Field-table entries, one per line of a table: T is the entity's struct
 * (without "struct"), key its member (also the JSON name), bit its known
 * bit (-1: always known), ttl the column title (in N_(), so that xgettext
 * sees it), unt the unit, w the width.
 */
#define FIELD_INT(T, key, bit, ttl, unt, w, hlp) \
	{ .name = #key, .title = ttl, .unit = unt, .help = hlp, .type = FT_INT, \
	  .offset = offsetof(struct T, key), .known_bit = bit, .width = w }
/* A limit in KiB: CGROUP_UNLIMITED is written "max". */
#define FIELD_LIMIT(T, key, bit, ttl, w, hlp) \
	{ .name = #key, .title = ttl, .unit = "KiB", .help = hlp, \
	  .type = FT_INT, .offset = offsetof(struct T, key), .known_bit = bit, \
	  .width = w, .flags = FF_LIMIT }
#define FIELD_DOUBLE(T, key, bit, ttl, unt, w, hlp) \
	{ .name = #key, .title = ttl, .unit = unt, .help = hlp, \
	  .type = FT_DOUBLE, .offset = offsetof(struct T, key), \
	  .known_bit = bit, .width = w }
#define FIELD_STR(T, key, bit, ttl, w, hlp) \
	{ .name = #key, .title = ttl, .unit = "", .help = hlp, \
	  .type = FT_STRING, .offset = offsetof(struct T, key), \
	  .known_bit = bit, .width = w, .flags = FF_LEFT }
#define FIELD_ARRAY(T, key, count, bit, ttl, unt, hlp) \
	{ .name = #key, .title = ttl, .unit = unt, .help = hlp, \
	  .type = FT_INT_ARRAY, .offset = offsetof(struct T, key), \
	  .count_offset = offsetof(struct T, count), .known_bit = bit }
#define FIELD_KV(T, key, bit, hlp) \
	{ .name = #key, .title = #key, .unit = "", .help = hlp, \
	  .type = FT_KVLIST, .offset = offsetof(struct T, key), \
	  .known_bit = bit }
#define FIELD_SKV(T, key, bit, hlp) \
	{ .name = #key, .title = #key, .unit = "", .help = hlp, \
	  .type = FT_SKVLIST, .offset = offsetof(struct T, key), \
	  .known_bit = bit }
#define FIELD_OBJECT(T, key, bit, schema, hlp) \
	{ .name = #key, .title = #key, .unit = "", .help = hlp, \
	  .type = FT_OBJECT, .offset = offsetof(struct T, key), .sub = &schema, \
	  .known_bit = bit }
#define FIELD_OBJECTS(T, key, count, bit, schema, hlp) \
	{ .name = #key, .title = #key, .unit = "", .help = hlp, \
	  .type = FT_OBJECTS, .offset = offsetof(struct T, key), \
	  .count_offset = offsetof(struct T, count), .sub = &schema, \
	  .known_bit = bit }

extern const struct schema proc_schema;
extern const struct schema zone_schema;
extern const struct schema migratetype_schema;
extern const struct schema slab_schema;
extern const struct schema numa_node_schema;
extern const struct schema numa_schema;
extern const struct schema zswap_schema;
extern const struct schema psi_line_schema;
extern const struct schema psi_schema;
extern const struct schema cgroup_mem_schema;
extern const struct schema cgroups_schema;
extern const struct schema vma_schema;
extern const struct schema vmas_schema;
extern const struct schema pageblock_zone_schema;
extern const struct schema pageblocks_schema;
extern const struct schema oom_task_schema;
extern const struct schema oom_report_schema;
extern const struct schema oom_log_schema;
extern const struct schema lru_gen_schema;
extern const struct schema snapshot_schema;

const struct field *schema_field(const struct schema *s, const char *name);
/* The column title as tables show it, in the user's language. */
const char *field_title(const struct field *f);

static inline const void *field_ptr(const struct field *f, const void *entity)
{
	return (const char *)entity + f->offset;
}

static inline void *field_ptr_mut(const struct field *f, void *entity)
{
	return (char *)entity + f->offset;
}

uint64_t schema_known(const struct schema *s, const void *entity);
void schema_set_known(const struct schema *s, void *entity, uint64_t known);

/* Whether the field was read (FT_RATE: whether its counter was). */
bool field_known(const struct schema *s, const struct field *f,
                 const void *entity);

/*
 * The rate of an FT_RATE field, per second, from the previous entity.
 * Returns false (no rate) when there is no previous entity, either counter
 * is unknown, the interval is not positive, or the counter went backwards.
 */
bool field_rate(const struct schema *s, const struct field *f,
                const void *entity, const void *prev, double interval,
                double *rate);

/* Frees every member the schema describes, recursively, not the entity. */
void schema_free_entity(const struct schema *s, void *entity);

/*
 * Compares two entities by a field, for sorting, ascending or descending;
 * unknown values sort after known ones whatever the direction.  FT_RATE
 * fields compare as equal here (the caller that has the previous snapshot
 * sorts rates itself).
 */
int schema_compare(const struct schema *s, const struct field *f,
                   const void *a, const void *b, bool descending);

#endif
