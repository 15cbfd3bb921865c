/*
 * test_lru_gen.c - MGLRU's generations end to end below the views: the
 * parser of /sys/kernel/debug/lru_gen, the collector on the hand-made tree
 * tests/fixtures/lru_gen (and on trees built here for each reason it gives
 * when there is nothing to read), and the JSON round trip.
 *
 * No real capture exists (the fixture's ORIGIN says why); the expected
 * numbers are the fixture's lines, quoted beside each check.
 *
 * Must not: write outside its temporary directory.
 */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include "json.h"
#include "parse.h"
#include "schema.h"
#include "snapshot.h"
#include "sources.h"
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */

struct parsed {
	struct lru_gen *gens;
	size_t count;
	int rc;
};

static struct parsed parse(const char *text)
{
	struct parsed p;

	p.rc = parse_lru_gen(text, &p.gens, &p.count);
	return p;
}

static void parsed_free(struct parsed *p)
{
	for (size_t i = 0; i < p->count; i++)
		schema_free_entity(&lru_gen_schema, &p->gens[i]);
	free(p->gens);
}

static void assert_gen(const struct lru_gen *g, int64_t memcg_id,
                       const char *path, int64_t node, int64_t seq,
                       int64_t age_ms, int64_t anon, int64_t file)
{
	assert_int_equal(g->memcg_id, memcg_id);
	assert_string_equal(g->memcg_path, path);
	assert_int_equal(g->node, node);
	assert_int_equal(g->seq, seq);
	assert_int_equal(g->age_ms, age_ms);
	assert_int_equal(g->anon_pages, anon);
	assert_int_equal(g->file_pages, file);
}

/* ---- the parser --------------------------------------------------------- */

static void test_parse_fixture(void **state)
{
	char *text = fixture_text("lru_gen/sys/kernel/debug/lru_gen");
	struct parsed p = parse(text);

	(void)state;
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.count, 16); /* 2 memcgs x 2 nodes x 4 generations */
	/* "memcg     1 /", " node     0", "          5      61234      10240 ..." */
	assert_gen(&p.gens[0], 1, "/", 0, 5, 61234, 10240, 40960);
	assert_gen(&p.gens[3], 1, "/", 0, 8, 804, 256, 1024);
	assert_gen(&p.gens[4], 1, "/", 1, 3, 90310, 8192, 20480);
	/* "memcg    12 /user.slice", " node     1", last line */
	assert_gen(&p.gens[8], 12, "/user.slice", 0, 9, 55012, 3072, 9216);
	assert_gen(&p.gens[15], 12, "/user.slice", 1, 5, 1402, 32, 128);
	parsed_free(&p);
	free(text);
}

/* lru_gen_full's marks ('x': that type's generation evicted), an early
 * series' "-0", a path with blanks, and no memcg (empty path). */
static void test_parse_variants(void **state)
{
	struct parsed p = parse("memcg     0 \n node     0\n"
	                        "          1       100          0x        7 \n"
	                        "          2        50         -0         9 \n"
	                        "memcg    40 /a b/c  \n node     3\n"
	                        "          7        10          1          2 \n");

	(void)state;
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.count, 3);
	assert_gen(&p.gens[0], 0, "", 0, 1, 100, 0, 7);
	assert_gen(&p.gens[1], 0, "", 0, 2, 50, 0, 9);
	assert_gen(&p.gens[2], 40, "/a b/c", 3, 7, 10, 1, 2);
	parsed_free(&p);
}

/* A file cut anywhere keeps the lines before the cut, never a number cut
 * short: the last line without its newline is dropped. */
static void test_parse_truncated(void **state)
{
	char *text = fixture_text("lru_gen/sys/kernel/debug/lru_gen");
	size_t len = strlen(text);

	(void)state;
	for (size_t cut = 0; cut <= len; cut++) {
		char *part = xstrndup(text, cut);
		struct parsed p = parse(part);

		assert_true(p.count <= 16);
		for (size_t i = 0; i < p.count; i++) {
			/* every kept line is a whole line of the file */
			char line[64];

			snprintf(line, sizeof(line), " %10lld %10lld %10lld  %10lld \n",
			         (long long)p.gens[i].seq, (long long)p.gens[i].age_ms,
			         (long long)p.gens[i].anon_pages,
			         (long long)p.gens[i].file_pages);
			assert_non_null(strstr(part, line));
		}
		assert_int_equal(p.rc, p.count ? 0 : -EINVAL);
		parsed_free(&p);
		free(part);
	}
	free(text);
}

static void test_parse_garbage(void **state)
{
	static const char *const texts[] = {
		"",
		"\n\n",
		"hello world\n",
		/* generations before any memcg or node line */
		"          5      61234      10240       40960 \n",
		"memcg 1 /\n          5      61234      10240       40960 \n",
		/* a bad memcg id hides its node's generations */
		"memcg x /\n node 0\n 5 1 2 3\n",
		/* a node line with more than an id */
		"memcg 1 /\n node 0 1\n 5 1 2 3\n",
		/* shapes that are not a generation line */
		"memcg 1 /\n node 0\n 5 1 2\n 5 1 2 3 4\n 5 -1 2 3\n"
		" 5 1 2y 3\n 5x 1 2 3\n 99999999999999999999 1 2 3\n",
		/* lru_gen_full's counter lines ("%10lu%c" with letters) */
		"memcg 1 /\n node 0\n          1T          2Y          3F          4A\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct parsed p = parse(texts[i]);

		if (p.rc != -EINVAL || p.count != 0 || p.gens)
			fail_msg("text %zu: rc %d count %zu", i, p.rc, p.count);
	}
}

/* A seq that does not rise on its node is not a generation (lru_gen_full
 * prints counter lines of four plain zeros between generations). */
static void test_parse_seq_must_rise(void **state)
{
	struct parsed p = parse("memcg 1 /\n node 0\n 5 10 1 2\n"
	                        "          0          0          0          0\n"
	                        " 6 5 3 4\n node 1\n 2 7 8 9\n");

	(void)state;
	assert_int_equal(p.count, 3);
	assert_int_equal(p.gens[1].seq, 6);
	assert_gen(&p.gens[2], 1, "/", 1, 2, 7, 8, 9);
	parsed_free(&p);
}

/* ---- the collector ------------------------------------------------------ */

static struct snapshot *collect_root(const char *root)
{
	struct snapshot *snap = snapshot_new();

	collect_lru_gen(snap, root);
	return snap;
}

static void assert_reason_has(const struct snapshot *snap, const char *text)
{
	const char *why = skvlist_get(&snap->unavailable, "lru_gen");

	if (!why || !strstr(why, text))
		fail_msg("lru_gen reason \"%s\", wanted \"%s\" in it",
		         why ? why : "(none)", text);
	assert_false(snap->known & KNOWN(SEC_LRU_GEN));
	assert_int_equal(snap->nlru_gen, 0);
}

static void test_collect_fixture(void **state)
{
	char *root = fixture_root("lru_gen");
	struct snapshot *snap = collect_root(root);

	(void)state;
	assert_true(snap->known & KNOWN(SEC_LRU_GEN));
	assert_int_equal(snap->nlru_gen, 16);
	assert_null(skvlist_get(&snap->unavailable, "lru_gen"));
	assert_gen(&snap->lru_gen[12], 12, "/user.slice", 1, 2, 70440, 2560,
	           7168);
	snapshot_free(snap);
	free(root);
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static char *make_tree(const char *const *dirs, size_t n)
{
	char *root = xstrdup("/tmp/test_lru_gen.XXXXXX");

	if (!mkdtemp(root))
		fail_msg("mkdtemp: %s", strerror(errno));
	for (size_t i = 0; i < n; i++) {
		char *cmd = xasprintf("mkdir -p '%s%s'", root, dirs[i]);

		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
	return root;
}

static void remove_tree(char *root)
{
	nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(root);
}

static void write_file(const char *root, const char *path, const char *text)
{
	char *full = xasprintf("%s%s", root, path);
	FILE *f = fopen(full, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(full);
}

static void test_collect_not_built(void **state)
{
	static const char *const dirs[] = { "/sys/kernel/mm/transparent_hugepage",
		                            "/sys/kernel/debug/x" };
	char *root = make_tree(dirs, 2);
	struct snapshot *snap = collect_root(root);

	(void)state;
	assert_reason_has(snap, "MGLRU not built");
	snapshot_free(snap);
	remove_tree(root);
}

static void test_collect_debugfs_not_mounted(void **state)
{
	static const char *const dirs[] = { "/sys/kernel/mm/lru_gen",
		                            "/sys/kernel/debug" };
	char *root = make_tree(dirs, 2);
	struct snapshot *snap = collect_root(root);

	(void)state;
	assert_reason_has(snap, "debugfs not mounted");
	snapshot_free(snap);
	remove_tree(root);
}

static void test_collect_unparsable(void **state)
{
	static const char *const dirs[] = { "/sys/kernel/mm/lru_gen",
		                            "/sys/kernel/debug" };
	char *root = make_tree(dirs, 2);
	struct snapshot *snap;

	(void)state;
	write_file(root, "/sys/kernel/debug/lru_gen", "not a generation\n");
	snap = collect_root(root);
	assert_reason_has(snap, "/sys/kernel/debug/lru_gen");
	snapshot_free(snap);
	remove_tree(root);
}

/* In a child as nobody when the test runs as root (root reads a 0000
 * file anyway): 0 when the reason says to run as root. */
static int permission_child(const char *root)
{
	struct snapshot *snap;
	const char *why;
	int ok;

	if (geteuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0))
		return 2;
	snap = collect_root(root);
	why = skvlist_get(&snap->unavailable, "lru_gen");
	ok = why && strstr(why, "Permission denied") &&
	     strstr(why, "(run as root)") && snap->nlru_gen == 0;
	snapshot_free(snap);
	return ok ? 0 : 1;
}

/* debugfs is root's (0700): a user gets EACCES, told to run as root. */
static void test_collect_permission(void **state)
{
	static const char *const dirs[] = { "/sys/kernel/mm/lru_gen",
		                            "/sys/kernel/debug" };
	char *root = make_tree(dirs, 2), *file;
	int status = -1;
	pid_t pid;

	(void)state;
	write_file(root, "/sys/kernel/debug/lru_gen", "memcg 1 /\n");
	file = xasprintf("%s/sys/kernel/debug/lru_gen", root);
	assert_int_equal(chmod(file, 0), 0);
	assert_int_equal(chmod(root, 0755), 0);
	pid = fork();
	if (pid == 0)
		_exit(permission_child(root));
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	remove_tree(root);
	free(file);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
		skip(); /* no user to become here */
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* ---- JSON round trip ---------------------------------------------------- */

static void test_json_round_trip(void **state)
{
	char *root = fixture_root("lru_gen");
	struct snapshot *snap = collect_root(root), *back = NULL;
	char *error = NULL, *first, *second;
	json_t *json = snapshot_to_json(NULL, snap), *again, *gen;

	(void)state;
	gen = json_array_get(json_object_get(json, "lru_gen"), 4);
	assert_non_null(gen);
	assert_string_equal(json_string_value(json_object_get(gen, "memcg_path")),
	                    "/");
	assert_int_equal(json_integer_value(json_object_get(gen, "seq")), 3);
	assert_int_equal(json_integer_value(json_object_get(gen, "age_ms")),
	                 90310);
	assert_int_equal(json_integer_value(json_object_get(gen, "anon_pages")),
	                 8192);
	assert_int_equal(snapshot_from_json(json, &back, &error), 0);
	assert_true(back->known & KNOWN(SEC_LRU_GEN));
	assert_int_equal(back->nlru_gen, 16);
	assert_gen(&back->lru_gen[15], 12, "/user.slice", 1, 5, 1402, 32, 128);
	again = snapshot_to_json(NULL, back);
	first = json_dumps(json, JSON_SORT_KEYS);
	second = json_dumps(again, JSON_SORT_KEYS);
	assert_string_equal(first, second);
	free(first);
	free(second);
	json_decref(again);
	json_decref(json);
	snapshot_free(back);
	snapshot_free(snap);
	free(root);
}

/* Not read: null in JSON, and unknown again when read back. */
static void test_json_unknown_is_null(void **state)
{
	struct snapshot *snap = snapshot_new(), *back = NULL;
	char *error = NULL;
	json_t *json;

	(void)state;
	json = snapshot_to_json(NULL, snap);
	assert_true(json_is_null(json_object_get(json, "lru_gen")));
	assert_int_equal(snapshot_from_json(json, &back, &error), 0);
	assert_false(back->known & KNOWN(SEC_LRU_GEN));
	assert_int_equal(back->nlru_gen, 0);
	json_decref(json);
	snapshot_free(snap);
	snapshot_free(back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_fixture),
		cmocka_unit_test(test_parse_variants),
		cmocka_unit_test(test_parse_truncated),
		cmocka_unit_test(test_parse_garbage),
		cmocka_unit_test(test_parse_seq_must_rise),
		cmocka_unit_test(test_collect_fixture),
		cmocka_unit_test(test_collect_not_built),
		cmocka_unit_test(test_collect_debugfs_not_mounted),
		cmocka_unit_test(test_collect_unparsable),
		cmocka_unit_test(test_collect_permission),
		cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_json_unknown_is_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
