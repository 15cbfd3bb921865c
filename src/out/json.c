/*
 * json.c - snapshots to and from JSON (memlens-json(5)), and `-o json`.
 *
 * Both directions walk the field tables of schema.h, from snapshot_schema
 * down through FT_OBJECT and FT_OBJECTS sub-tables, so a field added to a
 * table is written, read back and round-trips with no change here.  The only
 * keys not in the tables are "format" (first), "rates" (last, vmstat counters
 * per second) and a process's "unavailable" (its source_err).
 *
 * The format, as a reader sees it:
 *  - one object per snapshot, keys in table order; unknown values (known bit
 *    clear) are null, a section that was not read is null and the top-level
 *    "unavailable" says why; FT_RATE fields and "rates" are derived from the
 *    previous snapshot (null when there is none) and ignored when reading;
 *  - kernel strings are raw bytes: see raw_to_utf8();
 *  - doubles carry 17 significant digits: see JSON_LINE_FLAGS.
 * Reading refuses another format or a newer version, reads a missing key as
 * unknown, and names the key path of a value of the wrong type.
 *
 * Must not: open, read or write files (record.c does); output_json() writes
 * only to the stream it is given.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "output.h"
#include "schema.h"
#include "sim.h"
#include "util.h"

/*
 * 17 significant digits read back as the very same double, so a replayed
 * snapshot holds the bits that were collected, and every renderer (rates
 * included, which divide by the time difference) prints from it what it
 * printed live.  Shorter precision would look nicer (0.1 instead of
 * 0.10000000000000001) but time needs 16 digits for microseconds and would
 * not be exact.  jansson writes and reads reals in the C convention whatever
 * LC_NUMERIC says (it swaps the locale's decimal point).
 */
#define JSON_LINE_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(17))

/* Counters of the top-level "rates" object (key: name + "_rate"). */
static const char *const vmstat_rate_counters[] = {
	"pgfault", "pgmajfault", "pgscan_kswapd", "pgscan_direct",
	"pgsteal_kswapd", "pgsteal_direct", "pgrefill", "pgactivate",
	"pgdeactivate", "workingset_refault_anon", "workingset_refault_file",
	"workingset_activate_anon", "workingset_activate_file",
	"workingset_restore_anon", "workingset_restore_file", "pswpin", "pswpout",
	"zswpin", "zswpout", "thp_fault_alloc", "thp_fault_fallback",
	"compact_stall", "oom_kill",
};

/* Keys of a process's "unavailable" object, by enum proc_source. */
static const char *const proc_source_names[PROC_SOURCE_COUNT] = {
	[PROC_SRC_STAT] = "stat",
	[PROC_SRC_STATUS] = "status",
	[PROC_SRC_SMAPS_ROLLUP] = "smaps_rollup",
	[PROC_SRC_OOM] = "oom",
};

#define NOT_REQUESTED_TEXT "not requested"
/* A limit of CGROUP_UNLIMITED, as cgroup v2 writes it. */
#define UNLIMITED_TEXT "max"
#define MAX_ERRNO 4095

/* ---- raw kernel strings ----------------------------------------------- */

/*
 * Length of the well-formed UTF-8 sequence at s, or 0 when the byte there
 * starts none.  As strict as jansson's check (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF).  s is NUL-terminated and NUL is no
 * continuation byte, so this never reads past the end.
 */
static size_t utf8_sequence_length(const unsigned char *s)
{
	unsigned char lead = s[0], lo = 0x80, hi = 0xBF; /* second byte bounds */
	size_t len;

	if (lead < 0x80)
		return 1;
	if (lead < 0xC2 || lead > 0xF4)
		return 0;
	len = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
	if (lead == 0xE0)
		lo = 0xA0; /* overlong */
	else if (lead == 0xED)
		hi = 0x9F; /* UTF-16 surrogates */
	else if (lead == 0xF0)
		lo = 0x90; /* overlong */
	else if (lead == 0xF4)
		hi = 0x8F; /* above U+10FFFF */
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

static bool utf8_valid(const char *raw)
{
	const unsigned char *s = (const unsigned char *)raw;
	size_t len;

	for (; *s; s += len)
		if (!(len = utf8_sequence_length(s)))
			return false;
	return true;
}

/*
 * Kernel strings (comm, cmdline, kvlist names) are raw bytes and may hold
 * invalid UTF-8, which JSON cannot carry and jansson refuses.  Valid UTF-8 is
 * kept as is (jansson escapes control characters as \u00XX); each byte that
 * starts no valid sequence becomes the four characters \xNN (a backslash,
 * 'x', two lower-case hex digits; "\\xNN" in the JSON text).  Reading does
 * not undo this: the value read is valid text that writes back byte for byte
 * the same, and is how such a byte is shown anyway.  Caller frees.
 */
static char *raw_to_utf8(const char *raw)
{
	const unsigned char *s = (const unsigned char *)raw;
	char *out = xmalloc(4 * strlen(raw) + 1), *p = out;

	while (*s) {
		size_t len = utf8_sequence_length(s);

		if (len) {
			memcpy(p, s, len);
			p += len;
			s += len;
		} else {
			p += sprintf(p, "\\x%02x", *s++);
		}
	}
	*p = '\0';
	return out;
}

/* ---- building JSON ---------------------------------------------------- */

/* jansson returns NULL or -1 only when out of memory (keys are valid). */
static void put(json_t *obj, const char *key, json_t *value)
{
	if (!value || json_object_set_new(obj, key, value) < 0)
		fatal("%s", _("out of memory"));
}

static void put_raw_key(json_t *obj, const char *raw_key, json_t *value)
{
	if (utf8_valid(raw_key)) {
		put(obj, raw_key, value);
	} else {
		char *key = raw_to_utf8(raw_key);

		put(obj, key, value);
		free(key);
	}
}

static void append(json_t *array, json_t *value)
{
	if (!value || json_array_append_new(array, value) < 0)
		fatal("%s", _("out of memory"));
}

static json_t *new_object(void)
{
	json_t *obj = json_object();

	if (!obj)
		fatal("%s", _("out of memory"));
	return obj;
}

static json_t *new_array(void)
{
	json_t *array = json_array();

	if (!array)
		fatal("%s", _("out of memory"));
	return array;
}

static json_t *raw_string_json(const char *raw)
{
	json_t *value;
	char *text;

	if (!raw)
		return json_null();
	if (utf8_valid(raw))
		return json_string(raw);
	text = raw_to_utf8(raw);
	value = json_string(text);
	free(text);
	return value;
}

/* JSON has no NaN or infinity: such a value is as good as unknown. */
static json_t *real_json(double value)
{
	return isfinite(value) ? json_real(value) : json_null();
}

/* ---- errno text ------------------------------------------------------- */

/*
 * A process's "unavailable" reasons are strerror texts in the C locale, so a
 * recording reads back the same under any LANG.  The locale object lives as
 * long as the program.
 */
static const char *errno_text(int err)
{
	static locale_t c_locale;

	if (!c_locale)
		c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return c_locale ? strerror_l(err, c_locale) : strerror(err);
}

/* The errno whose text this is (C or current locale); EIO when none is. */
static int errno_from_text(const char *text)
{
	for (int err = 1; err <= MAX_ERRNO; err++)
		if (strcmp(errno_text(err), text) == 0 ||
		    strcmp(strerror(err), text) == 0)
			return err;
	return EIO;
}

/* ---- writing ---------------------------------------------------------- */

struct write_ctx {
	double interval; /* seconds since the previous snapshot; 0: none */
};

static void fields_to_json(json_t *obj, const struct schema *s,
                           const void *entity, const void *prev,
                           const struct write_ctx *ctx);

static size_t field_count(const struct field *f, const void *entity)
{
	size_t count;

	memcpy(&count, (const char *)entity + f->count_offset, sizeof(count));
	return count;
}

static const void *field_pointer(const struct field *f, const void *entity)
{
	const void *pointer;

	memcpy(&pointer, field_ptr(f, entity), sizeof(pointer));
	return pointer;
}

static json_t *int_array_json(const struct field *f, const void *entity)
{
	const int64_t *values = field_pointer(f, entity);
	size_t count = field_count(f, entity);
	json_t *array = new_array();

	for (size_t i = 0; values && i < count; i++)
		append(array, json_integer(values[i]));
	return array;
}

static json_t *kvlist_json(const struct kvlist *list)
{
	json_t *obj = new_object();

	for (size_t i = 0; i < list->count; i++)
		put_raw_key(obj, list->items[i].name,
		            json_integer(list->items[i].value));
	return obj;
}

static json_t *skvlist_json(const struct skvlist *list)
{
	json_t *obj = new_object();

	for (size_t i = 0; i < list->count; i++)
		put_raw_key(obj, list->items[i].name,
		            raw_string_json(list->items[i].value));
	return obj;
}

static json_t *entity_json(const struct schema *s, const void *entity,
                           const void *prev, const struct write_ctx *ctx)
{
	json_t *obj = new_object();

	fields_to_json(obj, s, entity, prev, ctx);
	return obj;
}

/*
 * An array of entities; prev_parent (may be NULL) holds the previous
 * snapshot's array, where the sub-table's find_prev looks up each entity's
 * previous self for its rates.
 */
static json_t *objects_json(const struct field *f, const void *entity,
                            const void *prev_parent,
                            const struct write_ctx *ctx)
{
	const struct schema *sub = f->sub;
	const char *base = field_pointer(f, entity);
	size_t count = field_count(f, entity);
	const char *prev_base = NULL;
	size_t prev_count = 0;
	json_t *array = new_array();

	if (prev_parent && sub->find_prev) {
		prev_base = field_pointer(f, prev_parent);
		prev_count = field_count(f, prev_parent);
	}
	for (size_t i = 0; base && i < count; i++) {
		const void *element = base + i * sub->size;
		const void *prev = prev_base ? sub->find_prev(prev_base, prev_count,
		                                              element)
		                             : NULL;

		append(array, entity_json(sub, element, prev, ctx));
	}
	return array;
}

static json_t *rate_json(const struct schema *s, const struct field *f,
                         const void *entity, const void *prev,
                         const struct write_ctx *ctx)
{
	double rate;

	if (!field_rate(s, f, entity, prev, ctx->interval, &rate))
		return json_null();
	return real_json(rate);
}

static json_t *field_json(const struct schema *s, const struct field *f,
                          const void *entity, const void *prev,
                          const struct write_ctx *ctx)
{
	const void *ptr = field_ptr(f, entity);
	double real;
	int64_t integer;

	if (f->type == FT_RATE)
		return rate_json(s, f, entity, prev, ctx);
	if (!field_known(s, f, entity))
		return json_null();
	/* A section the previous snapshot lacks gives no rates. */
	if (prev && !field_known(s, f, prev))
		prev = NULL;
	switch (f->type) {
	case FT_INT:
		memcpy(&integer, ptr, sizeof(integer));
		if ((f->flags & FF_LIMIT) && integer == CGROUP_UNLIMITED)
			return json_string(UNLIMITED_TEXT);
		return json_integer(integer);
	case FT_DOUBLE:
		memcpy(&real, ptr, sizeof(real));
		return real_json(real);
	case FT_STRING:
		return raw_string_json(field_pointer(f, entity));
	case FT_INT_ARRAY:
		return int_array_json(f, entity);
	case FT_KVLIST:
		return kvlist_json(ptr);
	case FT_SKVLIST:
		return skvlist_json(ptr);
	case FT_OBJECTS:
		return objects_json(f, entity, prev, ctx);
	case FT_OBJECT:
		return entity_json(f->sub, ptr, prev ? field_ptr(f, prev) : NULL,
		                   ctx);
	case FT_RATE:
		break;
	}
	return json_null();
}

/* Only the sources that failed, so a healthy process carries no key. */
static void proc_unavailable_json(json_t *obj, const struct proc *p)
{
	json_t *reasons = NULL;

	for (int i = 0; i < PROC_SOURCE_COUNT; i++) {
		int err = p->source_err[i];

		if (err == 0)
			continue;
		if (!reasons)
			reasons = new_object();
		put(reasons, proc_source_names[i],
		    json_string(err == PROC_SOURCE_NOT_READ ? NOT_REQUESTED_TEXT
		                                            : errno_text(err)));
	}
	if (reasons)
		put(obj, "unavailable", reasons);
}

static void fields_to_json(json_t *obj, const struct schema *s,
                           const void *entity, const void *prev,
                           const struct write_ctx *ctx)
{
	for (size_t i = 0; i < s->nfields; i++)
		put(obj, s->fields[i].name,
		    field_json(s, &s->fields[i], entity, prev, ctx));
	/* source_err is not a field: it says why fields are unknown. */
	if (s == &proc_schema)
		proc_unavailable_json(obj, entity);
}

/* Same rule as field_rate(): both known, interval positive, no wrap. */
static json_t *vmstat_rate_json(const struct snapshot *prev,
                                const struct snapshot *cur, const char *name,
                                double interval)
{
	int64_t now, before;

	if (!kvlist_get(&cur->vmstat, name, &now) ||
	    !kvlist_get(&prev->vmstat, name, &before) || now < before ||
	    !(interval > 0))
		return json_null();
	return real_json((double)(now - before) / interval);
}

static json_t *vmstat_rates_json(const struct snapshot *prev,
                                 const struct snapshot *cur, double interval)
{
	uint64_t both = prev ? prev->known & cur->known : 0;
	json_t *rates;

	if (!prev)
		return json_null();
	rates = new_object();
	for (size_t i = 0; i < ARRAY_SIZE(vmstat_rate_counters); i++) {
		const char *name = vmstat_rate_counters[i];
		char *key = xasprintf("%s_rate", name);

		put(rates, key, both & KNOWN(SEC_VMSTAT)
		                    ? vmstat_rate_json(prev, cur, name, interval)
		                    : json_null());
		free(key);
	}
	return rates;
}

json_t *snapshot_to_json(const struct snapshot *prev,
                         const struct snapshot *cur)
{
	struct write_ctx ctx = { .interval = prev ? cur->time - prev->time : 0 };
	json_t *root = new_object();

	put(root, "format", json_string(SNAPSHOT_FORMAT));
	fields_to_json(root, &snapshot_schema, cur, prev, &ctx);
	/* What is written is this version's format, whatever the snapshot was
	 * read from; replacing the value keeps the key in table order. */
	put(root, "version", json_integer(SNAPSHOT_VERSION));
	put(root, "rates", vmstat_rates_json(prev, cur, ctx.interval));
	return root;
}

/* ---- reading ---------------------------------------------------------- */

/* Where the reader is, for messages: "processes[3].rss_kb". */
struct read_ctx {
	char path[512];
	size_t len;
	char *error;
};

/* After snprintf wrote n characters at the end: a long path is cut. */
static void path_advance(struct read_ctx *c, int n)
{
	if (n > 0)
		c->len += (size_t)n;
	if (c->len >= sizeof(c->path))
		c->len = sizeof(c->path) - 1;
}

/* Both return the length to give path_pop() afterwards. */
static size_t path_push_key(struct read_ctx *c, const char *key)
{
	size_t saved = c->len;

	path_advance(c, snprintf(c->path + c->len, sizeof(c->path) - c->len,
	                         "%s%s", c->len ? "." : "", key));
	return saved;
}

static size_t path_push_index(struct read_ctx *c, size_t index)
{
	size_t saved = c->len;

	path_advance(c, snprintf(c->path + c->len, sizeof(c->path) - c->len,
	                         "[%zu]", index));
	return saved;
}

static void path_pop(struct read_ctx *c, size_t saved)
{
	c->len = saved;
	c->path[saved] = '\0';
}

/* Returns -EINVAL with the message "PATH: what" (the first one wins). */
static int read_error(struct read_ctx *c, const char *what)
{
	if (!c->error)
		c->error = c->len ? xasprintf("%s: %s", c->path, what)
		                  : xstrdup(what);
	return -EINVAL;
}

static int read_entity(const struct schema *s, const json_t *obj,
                       void *entity, struct read_ctx *c);

static int read_int(const json_t *value, int64_t *out, struct read_ctx *c)
{
	if (!json_is_integer(value))
		return read_error(c, _("expected an integer"));
	*out = json_integer_value(value);
	return 0;
}

static int read_double(const json_t *value, double *out, struct read_ctx *c)
{
	if (!json_is_number(value))
		return read_error(c, _("expected a number"));
	*out = json_number_value(value);
	return 0;
}

static int read_string(const json_t *value, char **out, struct read_ctx *c)
{
	if (!json_is_string(value))
		return read_error(c, _("expected a string"));
	free(*out);
	*out = xstrdup(json_string_value(value));
	return 0;
}

/* The array and its count are set before the items are read, so that a
 * failure halfway leaves the entity whole for schema_free_entity(). */
static int read_int_array(const struct field *f, const json_t *value,
                          void *entity, struct read_ctx *c)
{
	int64_t **values = field_ptr_mut(f, entity);
	size_t *count = (size_t *)((char *)entity + f->count_offset);
	size_t n = json_array_size(value);

	if (!json_is_array(value))
		return read_error(c, _("expected an array"));
	*values = n ? xcalloc(n, sizeof(**values)) : NULL;
	*count = n;
	for (size_t i = 0; i < n; i++) {
		size_t saved = path_push_index(c, i);
		int rc = read_int(json_array_get(value, i), &(*values)[i], c);

		if (rc < 0)
			return rc;
		path_pop(c, saved);
	}
	return 0;
}

static int read_kvlist(const json_t *value, struct kvlist *list,
                       struct read_ctx *c)
{
	const char *key;
	json_t *item;

	if (!json_is_object(value))
		return read_error(c, _("expected an object"));
	json_object_foreach((json_t *)value, key, item) {
		size_t saved = path_push_key(c, key);
		int64_t number;
		int rc = read_int(item, &number, c);

		if (rc < 0)
			return rc;
		kvlist_add(list, key, number);
		path_pop(c, saved);
	}
	return 0;
}

static int read_skvlist(const json_t *value, struct skvlist *list,
                        struct read_ctx *c)
{
	const char *key;
	json_t *item;

	if (!json_is_object(value))
		return read_error(c, _("expected an object"));
	json_object_foreach((json_t *)value, key, item) {
		size_t saved = path_push_key(c, key);

		if (!json_is_string(item))
			return read_error(c, _("expected a string"));
		skvlist_add(list, key, json_string_value(item));
		path_pop(c, saved);
	}
	return 0;
}

static int read_objects(const struct field *f, const json_t *value,
                        void *entity, struct read_ctx *c)
{
	const struct schema *sub = f->sub;
	char **base = field_ptr_mut(f, entity);
	size_t *count = (size_t *)((char *)entity + f->count_offset);
	size_t n = json_array_size(value);

	if (!json_is_array(value))
		return read_error(c, _("expected an array"));
	*base = n ? xcalloc(n, sub->size) : NULL;
	*count = n;
	for (size_t i = 0; i < n; i++) {
		size_t saved = path_push_index(c, i);
		int rc = read_entity(sub, json_array_get(value, i),
		                     *base + i * sub->size, c);

		if (rc < 0)
			return rc;
		path_pop(c, saved);
	}
	return 0;
}

static int read_value(const struct field *f, const json_t *value,
                      void *entity, struct read_ctx *c)
{
	void *ptr = field_ptr_mut(f, entity);

	switch (f->type) {
	case FT_INT:
		if ((f->flags & FF_LIMIT) && json_is_string(value) &&
		    strcmp(json_string_value(value), UNLIMITED_TEXT) == 0) {
			int64_t unlimited = CGROUP_UNLIMITED;

			memcpy(ptr, &unlimited, sizeof(unlimited));
			return 0;
		}
		return read_int(value, ptr, c);
	case FT_DOUBLE:
		return read_double(value, ptr, c);
	case FT_STRING:
		return read_string(value, ptr, c);
	case FT_INT_ARRAY:
		return read_int_array(f, value, entity, c);
	case FT_KVLIST:
		return read_kvlist(value, ptr, c);
	case FT_SKVLIST:
		return read_skvlist(value, ptr, c);
	case FT_OBJECTS:
		return read_objects(f, value, entity, c);
	case FT_OBJECT:
		return read_entity(f->sub, value, ptr, c);
	case FT_RATE:
		break;
	}
	return 0;
}

/* A missing key or null leaves the value unknown; rates are derived. */
static int read_field(const struct schema *s, const struct field *f,
                      const json_t *obj, void *entity, struct read_ctx *c)
{
	const json_t *value = json_object_get(obj, f->name);
	size_t saved;
	int rc;

	if (f->type == FT_RATE || !value || json_is_null(value))
		return 0;
	saved = path_push_key(c, f->name);
	rc = read_value(f, value, entity, c);
	if (rc < 0)
		return rc;
	path_pop(c, saved);
	if (f->known_bit >= 0)
		schema_set_known(s, entity,
		                 schema_known(s, entity) | KNOWN(f->known_bit));
	return 0;
}

/*
 * Bit 0 of a known mask that no field claims says that the entity itself was
 * read (psi: the file; cgroup: the version and mount).  It is in the JSON, so
 * it was.
 */
static void mark_entity_read(const struct schema *s, void *entity)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (s->fields[i].type != FT_RATE && s->fields[i].known_bit == 0)
			return;
	schema_set_known(s, entity, schema_known(s, entity) | KNOWN(0));
}

static int read_proc_unavailable(const json_t *obj, struct proc *p,
                                 struct read_ctx *c)
{
	const json_t *reasons = json_object_get(obj, "unavailable");
	size_t saved;

	if (!reasons || json_is_null(reasons))
		return 0;
	saved = path_push_key(c, "unavailable");
	if (!json_is_object(reasons))
		return read_error(c, _("expected an object"));
	for (int i = 0; i < PROC_SOURCE_COUNT; i++) {
		const json_t *text = json_object_get(reasons, proc_source_names[i]);
		size_t source_saved;

		if (!text)
			continue;
		source_saved = path_push_key(c, proc_source_names[i]);
		if (!json_is_string(text))
			return read_error(c, _("expected a string"));
		p->source_err[i] =
			strcmp(json_string_value(text), NOT_REQUESTED_TEXT) == 0
				? PROC_SOURCE_NOT_READ
				: errno_from_text(json_string_value(text));
		path_pop(c, source_saved);
	}
	path_pop(c, saved);
	return 0;
}

static int read_entity(const struct schema *s, const json_t *obj,
                       void *entity, struct read_ctx *c)
{
	if (!json_is_object(obj))
		return read_error(c, _("expected an object"));
	for (size_t i = 0; i < s->nfields; i++) {
		int rc = read_field(s, &s->fields[i], obj, entity, c);

		if (rc < 0)
			return rc;
	}
	mark_entity_read(s, entity);
	if (s == &proc_schema)
		return read_proc_unavailable(obj, entity, c);
	return 0;
}

/* The format must be ours, and its version one this reader knows. */
static int check_format(const json_t *root, struct read_ctx *c)
{
	const json_t *format, *version;
	char *message;
	json_int_t number;

	if (!json_is_object(root))
		return read_error(c, _("not a JSON object"));
	format = json_object_get(root, "format");
	if (!json_is_string(format) ||
	    strcmp(json_string_value(format), SNAPSHOT_FORMAT) != 0)
		return read_error(c, _("not a memlens snapshot (\"format\" is not "
		                       "\"" SNAPSHOT_FORMAT "\")"));
	version = json_object_get(root, "version");
	if (!json_is_integer(version))
		return read_error(c, _("version: expected an integer"));
	number = json_integer_value(version);
	if (number > SNAPSHOT_VERSION)
		message = xasprintf(_("snapshot format version %lld is newer than "
		                      "this memlens understands (%d)"),
		                    (long long)number, SNAPSHOT_VERSION);
	else if (number < 1)
		message = xasprintf(_("version: %lld is not a snapshot format "
		                      "version"), (long long)number);
	else
		return 0;
	c->error = message;
	return -EINVAL;
}

int snapshot_from_json(const json_t *root, struct snapshot **out,
                       char **error)
{
	struct read_ctx c = { .len = 0 };
	struct snapshot *snap = NULL;
	int rc;

	*out = NULL;
	rc = check_format(root, &c);
	if (rc == 0) {
		snap = snapshot_new();
		rc = read_entity(&snapshot_schema, root, snap, &c);
	}
	if (rc < 0) {
		snapshot_free(snap);
		*error = c.error;
		return rc;
	}
	/* Rates look processes up by pid (bsearch). */
	snapshot_sort_processes(snap);
	*out = snap;
	*error = NULL;
	return 0;
}

/* ---- -o json ---------------------------------------------------------- */

static bool pid_wanted(const struct output_options *opts, int64_t pid)
{
	for (size_t i = 0; i < opts->npids; i++)
		if (opts->pids[i] == pid)
			return true;
	return false;
}

/*
 * A shallow copy of cur that lists only the processes of -p (a replayed
 * recording holds them all).  Only the array is new: free it, nothing else.
 */
static struct snapshot only_pids(const struct snapshot *cur,
                                 const struct output_options *opts)
{
	struct snapshot shown = *cur;

	shown.processes = xcalloc(cur->nprocesses, sizeof(struct proc));
	shown.nprocesses = 0;
	for (size_t i = 0; i < cur->nprocesses; i++)
		if (pid_wanted(opts, cur->processes[i].pid))
			shown.processes[shown.nprocesses++] = cur->processes[i];
	return shown;
}

/*
 * "sim": each asked engine's result, written through its field table, or
 * {"error": why} when it could not run.  Not part of a recorded snapshot:
 * replaying with --sim runs the engines again.
 */
static json_t *sim_json(const struct sim_results *results)
{
	struct write_ctx ctx = { 0 };
	json_t *sim = new_object();

	for (int e = 0; e < SIM_COUNT; e++) {
		const struct sim_engine_info *info = sim_engine(e);
		json_t *value;

		if (!(results->asked & (1u << e)) || !info)
			continue;
		if (results->result[e]) {
			value = entity_json(info->schema, results->result[e], NULL,
			                    &ctx);
		} else {
			value = new_object();
			put(value, "error", json_string(results->error[e]
			                                ? results->error[e] : ""));
		}
		put(sim, info->name, value);
	}
	return sim;
}

static char *json_line(const struct snapshot *prev,
                       const struct snapshot *cur,
                       const struct sim_results *sim)
{
	json_t *root = snapshot_to_json(prev, cur);
	char *line;

	if (sim && sim->asked)
		put(root, "sim", sim_json(sim));
	line = json_dumps(root, JSON_LINE_FLAGS);

	json_decref(root);
	if (!line)
		fatal("%s", _("out of memory"));
	return line;
}

/*
 * One compact object and a newline (JSON Lines).  The sections are those
 * the snapshot has: -v narrows what is collected, not what is written.
 */
int output_json(FILE *out, const struct snapshot *prev,
                const struct snapshot *cur, const struct output_options *opts)
{
	char *line;
	int rc = 0;

	if (opts && opts->npids) {
		struct snapshot shown = only_pids(cur, opts);

		line = json_line(prev, &shown, opts->sim);
		free(shown.processes);
	} else {
		line = json_line(prev, cur, opts ? opts->sim : NULL);
	}
	errno = 0;
	if (fputs(line, out) == EOF || putc('\n', out) == EOF ||
	    fflush(out) == EOF)
		rc = errno ? -errno : -EIO;
	free(line);
	return rc;
}
