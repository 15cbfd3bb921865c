/*
 * text_value.c - values for batch text: kernel strings made terminal-safe,
 * numbers as text (human units with one decimal, "n/a" for what was not
 * read), and the meminfo and vmstat look-ups and counter rates that more
 * than one block needs.  Rates come from the two snapshots, never the clock.
 *
 * Must not: write anything (text_put.c does), or change the snapshots.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "text_internal.h"
#include "util.h"

char *text_value_safe(const struct text *t, const char *s)
{
	return escape_term(s ? s : "n/a", t->utf8);
}

/* Multi-value settings ("256\t256\t32") read better with spaces. */
char *text_value_safe_words(const struct text *t, const char *s)
{
	char *words = xstrdup(s ? s : "n/a"), *out;

	for (char *p = words; *p; p++)
		if (*p == '\t')
			*p = ' ';
	out = text_value_safe(t, words);
	free(words);
	return out;
}

/* A value without a choice in brackets is taken as it is. */
char *text_value_choice(const struct text *t, const char *value)
{
	const char *open = strchr(value, '[');
	const char *close = open ? strchr(open, ']') : NULL;
	char *choice, *cell;

	if (!close)
		return text_value_safe(t, value);
	choice = xstrndup(open + 1, (size_t)(close - open - 1));
	cell = text_value_safe(t, choice);
	free(choice);
	return cell;
}

const char *text_value_human_kb(char *buf, bool known, int64_t kb)
{
	static const char *const units[] = { "MiB", "GiB", "TiB", "PiB" };
	double value = (double)kb / 1024;
	size_t u = 0;

	if (!known)
		return "n/a";
	if (kb > -1024 && kb < 1024) {
		snprintf(buf, TEXT_VALUE_LEN, "%" PRId64 " KiB", kb);
		return buf;
	}
	while (fabs(value) >= 1024 && u + 1 < ARRAY_SIZE(units)) {
		value /= 1024;
		u++;
	}
	snprintf(buf, TEXT_VALUE_LEN, "%.1f %s", value, units[u]);
	return buf;
}

const char *text_value_human(char *buf, struct text_kb size)
{
	return text_value_human_kb(buf, size.known, size.kb);
}

const char *text_value_rate(char *buf, bool known, double rate)
{
	if (!known)
		return "n/a";
	snprintf(buf, TEXT_VALUE_LEN, "%.1f", rate);
	return buf;
}

const char *text_value_int(char *buf, bool known, int64_t value)
{
	if (!known)
		return "n/a";
	snprintf(buf, TEXT_VALUE_LEN, "%" PRId64, value);
	return buf;
}

const char *text_value_kv_human(char *buf, bool list_known,
                                const struct kvlist *list, const char *name)
{
	int64_t kb = 0;
	bool known = list_known && kvlist_get(list, name, &kb);

	return text_value_human_kb(buf, known, kb);
}

const char *text_value_kv_int(char *buf, bool list_known,
                              const struct kvlist *list, const char *name)
{
	int64_t value = 0;
	bool known = list_known && kvlist_get(list, name, &value);

	return text_value_int(buf, known, value);
}

struct text_kb text_value_meminfo(const struct snapshot *s, const char *name)
{
	struct text_kb size = { 0 };

	size.known = text_has_section(s, SEC_MEMINFO) &&
	             kvlist_get(&s->meminfo, name, &size.kb);
	return size;
}

const char *text_value_meminfo_human(char *buf, const struct snapshot *s,
                                     const char *name)
{
	return text_value_human(buf, text_value_meminfo(s, name));
}

struct text_kb text_value_kb_minus(struct text_kb a, struct text_kb b)
{
	return (struct text_kb){ a.kb - b.kb, a.known && b.known };
}

/* Sum of the named vmstat counters; false unless every one is present. */
static bool text_value_vmstat_sum(const struct snapshot *s,
                                  const char *const *names, size_t n,
                                  int64_t *sum)
{
	int64_t value;

	if (!s || !text_has_section(s, SEC_VMSTAT))
		return false;
	*sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (!kvlist_get(&s->vmstat, names[i], &value))
			return false;
		*sum += value;
	}
	return true;
}

/* A counter that went backwards (another boot) gives no rate. */
bool text_value_vmstat_rate(const struct text *t, const char *const *names,
                            size_t n, double *rate)
{
	int64_t now, before;

	if (!t->prev || !(t->interval > 0) ||
	    !text_value_vmstat_sum(t->cur, names, n, &now) ||
	    !text_value_vmstat_sum(t->prev, names, n, &before) || now < before)
		return false;
	*rate = (double)(now - before) / t->interval;
	return true;
}

bool text_value_vmstat_rate1(const struct text *t, const char *name,
                             double *rate)
{
	return text_value_vmstat_rate(t, &name, 1, rate);
}
