/*
 * test_explain.c - src/out/explain.c on a small table of its own (not the
 * generated one, so that the expectations do not move with the pages):
 * exact names before loose ones, a lower rank hiding a higher, a view and
 * an engine of one name both found, suggestions, and the text filled to
 * the width with examples kept as they are.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explain.h"
#include "util.h"

static const struct explain_block blocks[] = {
	/* 0: pss_kb */
	{ EXPLAIN_TAG, 0, 0, "pss_kb (PSS, KiB; default)" },
	{ EXPLAIN_TEXT, 1, 0, "Proportional set size: each resident page "
	  "divided by the number of processes that map it, summed over the "
	  "process; costs a page-table walk of the whole process." },
	/* 2: pid */
	{ EXPLAIN_TAG, 0, 0, "pid (PID; default)" },
	{ EXPLAIN_TEXT, 1, 0, "Process id." },
	/* 4: --pid */
	{ EXPLAIN_TAG, 0, 0, "-p, --pid LIST" },
	{ EXPLAIN_TEXT, 1, 0, "Only these processes." },
	/* 6: oom view */
	{ EXPLAIN_TAG, 0, 0, "oom (key 9)" },
	{ EXPLAIN_TEXT, 1, 0, "The OOM killer's view." },
	/* 8: THE OOM ENGINE */
	{ EXPLAIN_TEXT, 0, 0, "--sim oom recomputes the choice." },
	{ EXPLAIN_VERBATIM, 1, 1, "memlens -b --sim oom --what-if kill:1 "
	  "--what-if kill:2 --what-if kill:3 --what-if kill:4" },
	/* 10: swap thrashing */
	{ EXPLAIN_TEXT, 0, 0, "Major faults stay high." },
	/* 11: zones[].free_pages */
	{ EXPLAIN_TAG, 0, 0, "free_pages (integer, pages, or null)" },
	{ EXPLAIN_TEXT, 1, 0, "Free pages of the zone." },
};

const struct explain_topic explain_topics[] = {
	{ EXPLAIN_FIELD, "pss_kb", "pss_kb (PSS, KiB; default)", "memlens(1)",
	  "FIELDS", "", blocks + 0, 2 },
	{ EXPLAIN_FIELD, "pid", "pid (PID; default)", "memlens(1)", "FIELDS",
	  "", blocks + 2, 2 },
	{ EXPLAIN_OPTION, "--pid", "-p, --pid LIST", "memlens(1)", "OPTIONS",
	  "", blocks + 4, 2 },
	{ EXPLAIN_VIEW, "oom", "oom (key 9)", "memlens(1)", "VIEWS", "",
	  blocks + 6, 2 },
	{ EXPLAIN_ENGINE, "oom", "THE OOM ENGINE", "memlens(1)",
	  "THE OOM ENGINE", "", blocks + 8, 2 },
	{ EXPLAIN_DIAGNOSTIC, "swap-thrashing", "SWAP THRASHING",
	  "memlens-diagnostics(7)", "SWAP THRASHING", "faults lru", blocks + 10, 1 },
	{ EXPLAIN_JSON, "zones[].free_pages", "free_pages (integer, pages, or null)",
	  "memlens-json(5)", "KEYS", "", blocks + 11, 2 },
};
const size_t explain_ntopics = ARRAY_SIZE(explain_topics);

const struct explain_key explain_keys[] = {
	{ "pss_kb", 0, 0 }, { "PSS", 0, 0 },
	{ "pid", 0, 1 }, { "PID", 0, 1 },
	{ "-p", 0, 2 }, { "--pid", 0, 2 }, { "pid", 1, 2 },
	{ "oom", 0, 3 },
	{ "oom", 0, 4 }, { "the-oom-engine", 0, 4 },
	{ "swap-thrashing", 0, 5 },
	{ "free_pages", 2, 6 }, { "zones[].free_pages", 0, 6 },
};
const size_t explain_nkeys = ARRAY_SIZE(explain_keys);

/* The one topic query finds, or NULL when it finds none or several. */
static const struct explain_topic *find_one(const char *query)
{
	const struct explain_topic *found[4];

	return explain_find(query, found, 4) == 1 ? found[0] : NULL;
}

static void test_exact_and_loose(void **state)
{
	(void)state;
	assert_ptr_equal(find_one("pss_kb"), &explain_topics[0]);
	assert_ptr_equal(find_one("PSS"), &explain_topics[0]);
	assert_ptr_equal(find_one("pss"), &explain_topics[0]);
	assert_ptr_equal(find_one("PSS-KB"), &explain_topics[0]);
	assert_ptr_equal(find_one("swap thrashing"), &explain_topics[5]);
	assert_ptr_equal(find_one("Swap_Thrashing"), &explain_topics[5]);
	assert_ptr_equal(find_one("The OOM Engine"), &explain_topics[4]);
	assert_null(find_one("pss_k"));
	assert_null(find_one(""));
}

static void test_ranks(void **state)
{
	(void)state;
	/* the field pid hides the option's bare name */
	assert_ptr_equal(find_one("pid"), &explain_topics[1]);
	assert_ptr_equal(find_one("--pid"), &explain_topics[2]);
	assert_ptr_equal(find_one("-p"), &explain_topics[2]);
	/* a bare JSON key when nothing else has the name */
	assert_ptr_equal(find_one("free_pages"), &explain_topics[6]);
	assert_ptr_equal(find_one("zones[].free_pages"), &explain_topics[6]);
}

static void test_view_and_engine(void **state)
{
	const struct explain_topic *found[4];

	(void)state;
	assert_int_equal(explain_find("oom", found, 4), 2);
	assert_ptr_equal(found[0], &explain_topics[3]);
	assert_ptr_equal(found[1], &explain_topics[4]);
	/* more than there is room for: counted, not written past max */
	assert_int_equal(explain_find("oom", found, 1), 2);
	assert_ptr_equal(explain_find_kind(EXPLAIN_ENGINE, "oom"), &explain_topics[4]);
	assert_ptr_equal(explain_find_kind(EXPLAIN_VIEW, "oom"), &explain_topics[3]);
	assert_null(explain_find_kind(EXPLAIN_VIEW, "pss_kb"));
}

static void test_suggestions(void **state)
{
	const char *names[5];

	(void)state;
	/* one letter off: pss_kb; the others are more than two off */
	assert_int_equal(explain_suggest("pss_kv", names, 5), 1);
	assert_string_equal(names[0], "pss_kb");
	/* a prefix of at least three letters */
	assert_int_equal(explain_suggest("swap", names, 5), 1);
	assert_string_equal(names[0], "swap-thrashing");
	/* a name two topics have is suggested once */
	assert_int_equal(explain_suggest("oon", names, 5), 1);
	assert_string_equal(names[0], "oom");
	assert_int_equal(explain_suggest("zzzzzzzz", names, 5), 0);
}

/* What f printed, as a string the caller frees. */
static char *printed(void (*print)(FILE *, const void *, int), const void *arg,
                     int width)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	print(f, arg, width);
	fclose(f);
	return text;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void print_topic(FILE *f, const void *t, int width)
{
	explain_print(f, t, width);
}

static void test_print_fills_to_width(void **state)
{
	char *text = printed(print_topic, &explain_topics[0], 40);
	char *save = NULL;
	int lines = 0;

	(void)state;
	assert_true(starts_with(text, "pss_kb (PSS, KiB; default)\n    Proportional"));
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		assert_true(strlen(l) <= 40);
		lines++;
	}
	assert_true(lines >= 5); /* the body takes several lines at 40 */
	free(text);

	text = printed(print_topic, &explain_topics[0], 200);
	assert_non_null(strstr(text, "\n\nSee memlens(1), FIELDS.\n"));
	free(text);
}

static void test_print_section_keeps_examples(void **state)
{
	char *text = printed(print_topic, &explain_topics[4], 40);

	(void)state;
	/* the title, the text below it, the example whole and indented */
	assert_true(starts_with(text, "THE OOM ENGINE\n    --sim oom recomputes"));
	assert_non_null(strstr(text, "\n\n        memlens -b --sim oom --what-if "
	                             "kill:1 --what-if kill:2"));
	assert_non_null(strstr(text, "See memlens(1), THE OOM ENGINE.\n"));
	free(text);
}

static void test_run(void **state)
{
	char *out_text = NULL, *err_text = NULL;
	size_t out_len = 0, err_len = 0;
	FILE *out = open_memstream(&out_text, &out_len);
	FILE *err = open_memstream(&err_text, &err_len);

	(void)state;
	assert_int_equal(explain_run("pss_kv", out, err, 80), 2);
	assert_int_equal(explain_run(NULL, out, err, 80), 0);
	assert_int_equal(explain_run("oom", out, err, 80), 0);
	fclose(out);
	fclose(err);
	assert_non_null(strstr(err_text, "'pss_kv'; did you mean pss_kb?"));
	assert_non_null(strstr(out_text, "  --pid\n"));
	assert_non_null(strstr(out_text, "  swap-thrashing\n"));
	assert_non_null(strstr(out_text, "See memlens(1), VIEWS.\n\nTHE OOM ENGINE\n"));
	free(out_text);
	free(err_text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_and_loose),
		cmocka_unit_test(test_ranks),
		cmocka_unit_test(test_view_and_engine),
		cmocka_unit_test(test_suggestions),
		cmocka_unit_test(test_print_fills_to_width),
		cmocka_unit_test(test_print_section_keeps_examples),
		cmocka_unit_test(test_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
