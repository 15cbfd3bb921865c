/*
 * text_put.c - the writer of batch text: it keeps the first write error and
 * writes nothing after it, and says once why a source is missing (the
 * reason from snapshot.unavailable, then "see above").
 *
 * Must not: format tables or look values up (text_table.c, text_value.c),
 * or print a kernel string without escaping it.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "text_internal.h"
#include "util.h"

static const char *const text_put_section_names[SEC_COUNT] = {
	[SEC_MEMINFO] = "meminfo", [SEC_VMSTAT] = "vmstat",
	[SEC_PROCESSES] = "processes", [SEC_ZONES] = "zones",
	[SEC_SLAB] = "slab", [SEC_NUMA] = "numa", [SEC_THP] = "thp",
	[SEC_ZSWAP] = "zswap", [SEC_PSI] = "psi", [SEC_CGROUP] = "cgroup",
	[SEC_SYSCTL] = "sysctl", [SEC_VMAS] = "vmas",
};

void text_put(struct text *t, const char *fmt, ...)
{
	va_list ap;

	if (t->err)
		return;
	errno = 0;
	va_start(ap, fmt);
	if (vfprintf(t->out, fmt, ap) < 0)
		t->err = errno ? -errno : -EIO;
	va_end(ap);
}

void text_put_bytes(struct text *t, const char *bytes, size_t len)
{
	if (t->err || len == 0)
		return;
	errno = 0;
	if (fwrite(bytes, 1, len, t->out) < len)
		t->err = errno ? -errno : -EIO;
}

/* From a run of blanks rather than printf("%*s"): a table pads every cell. */
void text_put_spaces(struct text *t, int n)
{
	static const char blanks[] = "                                ";

	for (; n > 0; n -= (int)sizeof(blanks) - 1)
		text_put_bytes(t, blanks,
		               n < (int)sizeof(blanks) - 1 ? (size_t)n
		                                           : sizeof(blanks) - 1);
}

/* Source names join their parts with '.', '_' or '/' ("zswap_stats",
 * "numa.meminfo"): any of them matches any other. */
static bool text_put_separator(char c)
{
	return c == '.' || c == '_' || c == '/';
}

/* Whether name starts with source, separators aside; *rest gets the end. */
static bool text_put_source_prefix(const char *name, const char *source,
                                   const char **rest)
{
	for (; *source; name++, source++)
		if (*name != *source &&
		    !(text_put_separator(*name) && text_put_separator(*source)))
			return false;
	*rest = name;
	return true;
}

/* The entry of source in snap->unavailable, or -1; a part of it
 * ("zswap_stats" for "zswap") when there is no entry for the whole. */
static long text_put_unavailable_index(const struct snapshot *snap,
                                       const char *source)
{
	long part = -1;

	for (size_t i = 0; i < snap->unavailable.count; i++) {
		const char *rest;

		if (!text_put_source_prefix(snap->unavailable.items[i].name,
		                            source, &rest))
			continue;
		if (!*rest)
			return (long)i;
		if (part < 0 && text_put_separator(*rest))
			part = (long)i;
	}
	return part;
}

void text_put_missing(struct text *t, const char *lead, const char *source)
{
	long i = text_put_unavailable_index(t->cur, source);
	char *reason;

	if (i < 0) {
		text_put(t, "%sn/a (%s): %s\n", lead, source, _("not collected"));
		return;
	}
	if (t->reason_said[i]) {
		text_put(t, "%sn/a (%s): %s\n", lead, source, _("see above"));
		return;
	}
	reason = text_value_safe(t, t->cur->unavailable.items[i].value);
	text_put(t, "%sn/a (%s): %s\n", lead, source, reason);
	free(reason);
	t->reason_said[i] = true;
}

bool text_put_need_section(struct text *t, enum snapshot_section sec)
{
	if (text_has_section(t->cur, sec))
		return true;
	text_put_missing(t, "  ", text_put_section_names[sec]);
	return false;
}

void text_put_sysctls(struct text *t, const char *const *names, size_t n)
{
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		const char *value = skvlist_get(&t->cur->sysctl, names[i]);
		char *value_safe;

		if (!value)
			continue;
		value_safe = text_value_safe_words(t, value);
		text_put(t, "%s %s=%s", any ? "" : "  vm:", names[i], value_safe);
		free(value_safe);
		any = true;
	}
	if (any)
		text_put(t, "\n");
}
