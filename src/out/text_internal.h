/*
 * text_internal.h - what the files of batch text (src/out/text*.c) share:
 * the render state, the writer (text_put.c), values looked up in and
 * formatted from the snapshots (text_value.c), the column table
 * (text_table.c), and the overview and view renderers that text.c
 * dispatches to, one file each.
 *
 * Must not: be included outside src/out/text*.c (include/output.h is the
 * interface), or declare anything a single file can keep static.
 */
#ifndef MEMLENS_TEXT_INTERNAL_H
#define MEMLENS_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kvlist.h"
#include "output.h"
#include "schema.h"
#include "snapshot.h"

struct text {
	FILE *out;
	int err; /* the first write error, -errno */
	const struct snapshot *cur;
	const struct snapshot *prev; /* NULL: the first snapshot */
	const struct output_options *opts;
	double interval; /* seconds from prev to cur; 0: no rates */
	bool utf8;
	bool *reason_said; /* per cur->unavailable item: printed already */
};

static inline bool text_has_section(const struct snapshot *s,
                                    enum snapshot_section sec)
{
	return (s->known & KNOWN(sec)) != 0;
}

/* ---- text_put.c: writing, and why something is missing --------------- */

/* Writes unless an earlier write failed; remembers the first failure. */
void text_put(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void text_put_spaces(struct text *t, int n);
/* Writes len bytes as they are (a table line built in memory). */
void text_put_bytes(struct text *t, const char *bytes, size_t len);
/* Says why source is missing: the reason the first time, then "see above". */
void text_put_missing(struct text *t, const char *lead, const char *source);
/* Whether the section was read; if not, says why (indented, for views). */
bool text_put_need_section(struct text *t, enum snapshot_section sec);
/* "  vm: name=value ..." for the named sysctls that were read, if any. */
void text_put_sysctls(struct text *t, const char *const *names, size_t n);

/* ---- text_value.c: values from the snapshots -------------------------- */

/* Room for one formatted number. */
#define TEXT_VALUE_LEN 48

/* A terminal-safe copy of a kernel string (NULL: "n/a").  Caller frees. */
char *text_value_safe(const struct text *t, const char *s);
/* The same with tabs as spaces ("256\t256\t32").  Caller frees. */
char *text_value_safe_words(const struct text *t, const char *s);
/* "always [madvise] never" -> "madvise", terminal-safe.  Caller frees. */
char *text_value_choice(const struct text *t, const char *value);

/* A size in KiB, and whether it was read. */
struct text_kb {
	int64_t kb;
	bool known;
};

/* These format into buf (TEXT_VALUE_LEN bytes) and return it, or "n/a"
 * when the value is not known. */
const char *text_value_human_kb(char *buf, bool known, int64_t kb);
const char *text_value_human(char *buf, struct text_kb size);
const char *text_value_rate(char *buf, bool known, double rate);
const char *text_value_int(char *buf, bool known, int64_t value);
/* A list value in human units (KiB lists) or as an integer, n/a when the
 * list was not read or lacks the name. */
const char *text_value_kv_human(char *buf, bool list_known,
                                const struct kvlist *list, const char *name);
const char *text_value_kv_int(char *buf, bool list_known,
                              const struct kvlist *list, const char *name);
const char *text_value_meminfo_human(char *buf, const struct snapshot *s,
                                     const char *name);

/* A meminfo value: not known when meminfo or the name was not read. */
struct text_kb text_value_meminfo(const struct snapshot *s, const char *name);
/* a - b, known when both are. */
struct text_kb text_value_kb_minus(struct text_kb a, struct text_kb b);
/* Per-second change of the sum of the named vmstat counters from prev to
 * cur; false when a counter is missing or went backwards. */
bool text_value_vmstat_rate(const struct text *t, const char *const *names,
                            size_t n, double *rate);
bool text_value_vmstat_rate1(const struct text *t, const char *name,
                             double *rate);

/* ---- text_table.c: the column table ------------------------------------ */

#define TEXT_TABLE_MAX_COLS 64

struct text_table_chunk;

/* Cells are already terminal-safe; widths come from the widest cell.  Their
 * text is copied into chunks that the table frees at once (a view may have
 * 100,000 rows of a dozen cells). */
struct text_table {
	size_t ncols;
	char *titles[TEXT_TABLE_MAX_COLS];
	bool left[TEXT_TABLE_MAX_COLS];
	char **cells; /* nrows * stride, NULL prints as "" */
	size_t stride; /* cells per row: ncols at the first row, or the most */
	size_t nrows;
	size_t cap;
	struct text_table_chunk *chunks;
};

/* Adds a column (a copy of title); returns its index. */
size_t text_table_col(struct text_table *tb, const char *title, bool left);
/* The same, taking ownership of title. */
size_t text_table_col_take(struct text_table *tb, char *title, bool left);
/* A column per named field of s, with the schema's titles. */
void text_table_field_cols(struct text_table *tb, const struct schema *s,
                           const char *const *names, size_t n);
/* Adds an empty row; returns its index. */
size_t text_table_row(struct text_table *tb);
/* Takes ownership of cell. */
void text_table_set(struct text_table *tb, size_t row, size_t col,
                    char *cell);
void text_table_setf(struct text_table *tb, size_t row, size_t col,
                     const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* These copy, without a malloc of their own: cell is already safe; s is
 * escaped as text_value_safe() does; an integer as text_table_int(). */
void text_table_set_str(struct text_table *tb, size_t row, size_t col,
                        const char *cell);
void text_table_set_safe(const struct text *t, struct text_table *tb,
                         size_t row, size_t col, const char *s);
void text_table_set_int(struct text_table *tb, size_t row, size_t col,
                        bool known, int64_t value);
/* The cells of the named fields of entity, from column *col on. */
void text_table_field_cells(const struct text *t, struct text_table *tb,
                            size_t row, size_t *col, const struct schema *s,
                            const char *const *names, size_t n,
                            const void *entity);
void text_table_print(struct text *t, const struct text_table *tb);
void text_table_free(struct text_table *tb);

/* Cells (caller owns): "n/a", an integer, or an entity's FT_INT, FT_DOUBLE
 * or FT_STRING value (max_cols > 0 cuts a string there, marked '+'). */
char *text_table_na(void);
char *text_table_int(bool known, int64_t value);
char *text_table_entity(const struct text *t, const struct schema *s,
                        const struct field *f, const void *entity,
                        int max_cols);

/* COUNTER TOTAL /s for vmstat counters: the named ones present on this
 * kernel, or every counter starting with prefix. */
void text_table_counters(struct text *t, const char *const *names, size_t n,
                         const char *prefix);

/* ---- the overview and the views, one file each ----------------------- */

void text_overview(struct text *t);                /* text_overview.c */
void text_procs_view(struct text *t);              /* text_procs.c */
void text_procs_faults_view(struct text *t);
void text_procs_oom_view(struct text *t);
void text_vmas_view(struct text *t);               /* text_vmas.c */
void text_slab_view(struct text *t);               /* text_slab.c */
void text_numa_view(struct text *t);               /* text_numa.c */
void text_thp_view(struct text *t);                /* text_thp.c */
void text_buddy_view(struct text *t);              /* text_buddy.c */
void text_lru_view(struct text *t);                /* text_lru.c */
void text_sim(struct text *t);                    /* text_sim.c */
/* The buddy engine's result (text_sim_buddy.c); text_sim() calls it. */
void text_sim_buddy(struct text *t, const void *result);
/* The oom engine's result (text_sim_oom.c); text_sim() calls it. */
void text_sim_oom(struct text *t, const void *result);

#endif
