/*
 * test_parse_proc.c - the per-process parsers (parse_proc.c) on captured
 * /proc/PID files (tests/fixtures/<capture>/, see each ORIGIN): status of
 * processes from kernels 2.6.32 to 6.x, kernel threads without memory lines,
 * hand-edited files with mixed tabs and blank lines; smaps_rollup against
 * the same process's full smaps; and garbage.
 *
 * Expected numbers were read from the files with grep/awk (the comment next
 * to each says how), never from the code under test.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "parse.h"
#include "snapshot.h"
#include "util.h"

#define UNKNOWN (-1) /* in the tables below: the line is absent */
#define SENTINEL_KB INT64_C(-777)

static const int status_bits[] = {
	PROC_RSS, PROC_ANON, PROC_FILE, PROC_SHMEM,
	PROC_SWAP, PROC_PGTABLES, PROC_VSZ, PROC_LOCKED,
};

/* The members status fills, in status_bits order. */
static int64_t *status_member(struct proc *p, size_t i)
{
	int64_t *members[] = {
		&p->rss_kb, &p->anon_kb, &p->file_kb, &p->shmem_kb,
		&p->swap_kb, &p->pgtables_kb, &p->vsz_kb, &p->locked_kb,
	};

	return members[i];
}

static void proc_fill_sentinel(struct proc *p)
{
	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i < ARRAY_SIZE(status_bits); i++)
		*status_member(p, i) = SENTINEL_KB;
	p->pss_kb = p->uss_kb = p->thp_kb = p->swap_pss_kb = SENTINEL_KB;
}

/*
 * Values from: awk '{n=$1; sub(/:$/,"",n)} n ~ /^(VmRSS|RssAnon|RssFile|
 * RssShmem|VmSwap|VmPTE|VmSize|VmLck)$/ {print n, $2}' FILE
 */
static const struct status_case {
	const char *file;
	int64_t kb[8]; /* VmRSS RssAnon RssFile RssShmem VmSwap VmPTE VmSize VmLck */
} status_cases[] = {
	/* 2.6.32 (qemu-kvm): no Rss* lines before 4.5 */
	{ "pcp-procpid-2.6.32-root-001/proc/2858/status",
	  { 1791644, UNKNOWN, UNKNOWN, UNKNOWN, 0, 8840, 6552416, 0 } },
	{ "pcp-procpid-3.2.0-root-003/proc/4097/status",
	  { 33608, UNKNOWN, UNKNOWN, UNKNOWN, 0, 164, 319060, 0 } },
	{ "pcp-procpid-4.2.3-root-004/proc/439/status",
	  { 1320656, UNKNOWN, UNKNOWN, UNKNOWN, 0, 5040, 3173712, 0 } },
	{ "pcp-procpid-4.14.5-root-005/proc/26304/status",
	  { 47980, 24024, 23956, 0, 0, 164, 108004, 0 } },
	{ "pcp-procpid-4.18.13-root-006/proc/25951/status",
	  { 27128, 19412, 7716, 0, 4, 196, 151192, 0 } },
	{ "pcp-procpid-5.5.7-root-007/proc/1/status",
	  { 10540, 6056, 4484, 0, 2000, 104, 174080, 0 } },
	{ "pcp-procpid-5.5.7-root-007/proc/291591/status",
	  { 4640, 2272, 2368, 0, 2132, 80, 228972, 0 } },
	/* 6.x container "pause": Kthread:, untag_mask:, and a real VmRSS 0 */
	{ "gopsutil-process/proc/23819/status",
	  { 0, 0, 0, 0, 0, 32, 972, 0 } },
	/* hand-edited: spaces or tabs after the colons */
	{ "prometheus-procfs/proc/26235/status",
	  { 42652, 24852, 17800, 0, 0, 264, 758200, 0 } },
	/* hand-edited: starts with a blank line */
	{ "prometheus-procfs/proc/26231/status",
	  { 6716, 2092, 4624, 0, 660, 128, 58440, 0 } },
	/* no final newline; VmLck and RssShmem not 0 */
	{ "below-tests/proc/93041/status",
	  { 124404, 99284, 25120, 12, 8812, 1840, 1381532, 4 } },
};

static void check_status_case(const struct status_case *c)
{
	struct proc p;
	char *text = fixture_text(c->file);

	proc_fill_sentinel(&p);
	/* a stale bit from an earlier read must not survive */
	p.known = KNOWN(PROC_ANON) | KNOWN(PROC_PID);
	if (parse_status_memory(text, &p) != 0)
		fail_msg("%s: not parsed", c->file);
	free(text);
	assert_true(p.known & KNOWN(PROC_PID)); /* not ours: untouched */
	for (size_t i = 0; i < ARRAY_SIZE(status_bits); i++) {
		bool known = (p.known & KNOWN(status_bits[i])) != 0;

		if (c->kb[i] == UNKNOWN && known)
			fail_msg("%s: item %zu known, the line is absent",
			         c->file, i);
		if (c->kb[i] != UNKNOWN && !known)
			fail_msg("%s: item %zu unknown", c->file, i);
		if (c->kb[i] != UNKNOWN && *status_member(&p, i) != c->kb[i])
			fail_msg("%s: item %zu = %lld, want %lld", c->file, i,
			         (long long)*status_member(&p, i),
			         (long long)c->kb[i]);
	}
}

static void test_status_kernels(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(status_cases); i++)
		check_status_case(&status_cases[i]);
}

static void test_status_kernel_threads(void **state)
{
	static const char *const files[] = {
		"pcp-procpid-2.6.32-root-001/proc/2/status", /* kthreadd */
		/* "Name: ksoftirqd/0" under a pid-1 directory */
		"gopsutil-process/proc/1/status",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		struct proc p;
		char *text = fixture_text(files[i]);

		proc_fill_sentinel(&p);
		p.known = KNOWN(PROC_RSS);
		assert_int_equal(parse_status_memory(text, &p), -EINVAL);
		free(text);
		/* nothing set: no memory lines, nothing known */
		assert_int_equal(p.known, KNOWN(PROC_RSS));
		for (size_t k = 0; k < ARRAY_SIZE(status_bits); k++)
			assert_int_equal(*status_member(&p, k), SENTINEL_KB);
	}
}

static void test_status_garbled(void **state)
{
	struct proc p;

	(void)state;
	/* u64 max, as in prometheus-procfs/proc/26231/statm: not wrapped */
	proc_fill_sentinel(&p);
	assert_int_equal(parse_status_memory("VmRSS:\t18446744073709551615 kB\n",
	                                     &p), -EINVAL);
	assert_int_equal(p.known, 0);

	proc_fill_sentinel(&p);
	assert_int_equal(parse_status_memory("Name:\tx\nVmRSS:\t  5 kB\n"
	                                     "VmSwap:\t99999999999999999999 kB\n"
	                                     "VmPTE:\t-4 kB\nVmSize: 7\n"
	                                     "VmLck: 3 kB junk\n"
	                                     "RssAnon: 2 kB\nRssAnonX: 9 kB\n"
	                                     "VmRSSS: 9 kB\n", &p), 0);
	assert_int_equal(p.known, KNOWN(PROC_RSS) | KNOWN(PROC_ANON));
	assert_int_equal(p.rss_kb, 5);
	assert_int_equal(p.anon_kb, 2);
	assert_int_equal(p.swap_kb, SENTINEL_KB);

	/* a garbled repeat of a line makes it unknown, not the older value */
	proc_fill_sentinel(&p);
	assert_int_equal(parse_status_memory("VmRSS: 5 kB\nVmRSS: x kB\n", &p),
	                 -EINVAL);
	/* other memory lines without VmRSS: still nothing set */
	assert_int_equal(parse_status_memory("VmSize: 5 kB\nVmSwap: 0 kB\n", &p),
	                 -EINVAL);
	assert_int_equal(parse_status_memory("", &p), -EINVAL);
	assert_int_equal(parse_status_memory(NULL, &p), -EINVAL);
	assert_int_equal(p.known, 0);
}

/* ---- smaps_rollup and smaps ------------------------------------------------ */

static const uint64_t smaps_bits = KNOWN(PROC_PSS) | KNOWN(PROC_USS) |
                                   KNOWN(PROC_THP) | KNOWN(PROC_SWAP_PSS);

static void parse_smaps_fixture(const char *relpath, struct proc *p)
{
	char *text = fixture_text(relpath);

	proc_fill_sentinel(p);
	p->known = KNOWN(PROC_SMAPS_TIME);
	assert_int_equal(parse_smaps_rollup(text, p), 0);
	free(text);
	assert_true(p->known & KNOWN(PROC_SMAPS_TIME)); /* not ours */
}

static void test_smaps_rollup(void **state)
{
	struct proc p;

	(void)state;
	/* grep -E '^(Pss|Private_Clean|Private_Dirty|AnonHugePages|SwapPss):'
	 * 291591/smaps_rollup: 2500, 1248, 1068, 0, 2132 */
	parse_smaps_fixture("pcp-procpid-5.5.7-root-007/proc/291591/smaps_rollup",
	                    &p);
	assert_int_equal(p.known & smaps_bits, smaps_bits);
	assert_int_equal(p.pss_kb, 2500);
	assert_int_equal(p.uss_kb, 1248 + 1068);
	assert_int_equal(p.thp_kb, 0);
	assert_int_equal(p.swap_pss_kb, 2132);
	/* the Pss_Anon/Pss_File/Pss_Shmem lines are not Pss */

	/* 1/smaps_rollup: 7006, 1128, 5040, 0, 717 */
	parse_smaps_fixture("pcp-procpid-5.5.7-root-007/proc/1/smaps_rollup", &p);
	assert_int_equal(p.known & smaps_bits, smaps_bits);
	assert_int_equal(p.pss_kb, 7006);
	assert_int_equal(p.uss_kb, 1128 + 5040);
	assert_int_equal(p.swap_pss_kb, 717);
}

/*
 * kernel-spec 7.1: smaps prints Pss truncated per mapping, the rollup once
 * over the sum, so sum(smaps Pss) <= rollup Pss < sum + mappings.  Private_*
 * are whole pages, so their sums match exactly.
 */
static void check_smaps_against_rollup(const char *pid_dir, size_t mappings)
{
	char *smaps = xasprintf("%s/smaps", pid_dir);
	char *rollup = xasprintf("%s/smaps_rollup", pid_dir);
	struct proc whole, summed;

	parse_smaps_fixture(rollup, &whole);
	parse_smaps_fixture(smaps, &summed);
	assert_int_equal(summed.known & smaps_bits, smaps_bits);
	assert_true(summed.pss_kb <= whole.pss_kb);
	assert_true(whole.pss_kb - summed.pss_kb < (int64_t)mappings);
	assert_true(summed.swap_pss_kb <= whole.swap_pss_kb);
	assert_true(whole.swap_pss_kb - summed.swap_pss_kb < (int64_t)mappings);
	assert_int_equal(summed.uss_kb, whole.uss_kb);
	assert_int_equal(summed.thp_kb, whole.thp_kb);
	free(smaps);
	free(rollup);
}

static void test_smaps_sum(void **state)
{
	struct proc p;

	(void)state;
	/* awk '/^Pss:/{s+=$2} ...' 291591/smaps: Pss 2497, Private_Clean
	 * 1248, Private_Dirty 1068, AnonHugePages 0, SwapPss 2132; 45 mapping
	 * headers (grep -cE '^[0-9a-f]+-[0-9a-f]+ ') */
	parse_smaps_fixture("pcp-procpid-5.5.7-root-007/proc/291591/smaps", &p);
	assert_int_equal(p.pss_kb, 2497);
	assert_int_equal(p.uss_kb, 1248 + 1068);
	assert_int_equal(p.swap_pss_kb, 2132);
	check_smaps_against_rollup("pcp-procpid-5.5.7-root-007/proc/291591", 45);

	/* 1/smaps: Pss 6998 (rollup 7006), SwapPss 691 (rollup 717), 233
	 * mappings */
	parse_smaps_fixture("pcp-procpid-5.5.7-root-007/proc/1/smaps", &p);
	assert_int_equal(p.pss_kb, 6998);
	assert_int_equal(p.swap_pss_kb, 691);
	check_smaps_against_rollup("pcp-procpid-5.5.7-root-007/proc/1", 233);
}

static void test_smaps_incomplete(void **state)
{
	struct proc p;
	char *text = fixture_text("gopsutil-process/proc/1/smaps");

	(void)state;
	/* synthetic upstream: 4 mappings, 3 Pss lines, 3 Private_Clean,
	 * 3 Private_Dirty, no AnonHugePages or SwapPss (grep -c): no total
	 * is true, so nothing is known and nothing is set */
	proc_fill_sentinel(&p);
	assert_int_equal(parse_smaps_rollup(text, &p), -EINVAL);
	free(text);
	assert_int_equal(p.known, 0);
	assert_int_equal(p.pss_kb, SENTINEL_KB);

	/* a rollup without its header is one block */
	proc_fill_sentinel(&p);
	assert_int_equal(parse_smaps_rollup("Pss: 3 kB\nPrivate_Clean: 1 kB\n",
	                                    &p), 0);
	assert_int_equal(p.known, KNOWN(PROC_PSS));
	assert_int_equal(p.pss_kb, 3);

	/* one half of USS missing in one mapping: USS unknown, PSS known */
	proc_fill_sentinel(&p);
	p.known = KNOWN(PROC_USS);
	assert_int_equal(parse_smaps_rollup(
		"00400000-00401000 r-xp 00000000 08:01 12 /bin/x\n"
		"Pss: 4 kB\nPrivate_Clean: 4 kB\nPrivate_Dirty: 0 kB\n"
		"7f0000000000-7f0000001000 rw-p 00000000 00:00 0\n"
		"Pss: 2 kB\nPss_Dirty: 9 kB\nPrivate_Dirty: 4 kB\n", &p), 0);
	assert_int_equal(p.known, KNOWN(PROC_PSS));
	assert_int_equal(p.pss_kb, 6);
}

static void test_smaps_garbled(void **state)
{
	const size_t big = 1 << 20;
	char *buf;
	struct proc p;

	(void)state;
	/* a sum that would pass INT64_MAX is unknown, never wrapped */
	proc_fill_sentinel(&p);
	assert_int_equal(parse_smaps_rollup(
		"1000-2000 r--p 0 0:0 0\nPss: 9223372036854775807 kB\nSwapPss: 1 kB\n"
		"3000-4000 r--p 0 0:0 0\nPss: 1 kB\nSwapPss: 1 kB\n", &p), 0);
	assert_int_equal(p.known, KNOWN(PROC_SWAP_PSS));
	assert_int_equal(p.swap_pss_kb, 2);
	assert_int_equal(p.pss_kb, SENTINEL_KB);

	assert_int_equal(parse_smaps_rollup("", &p), -EINVAL);
	assert_int_equal(parse_smaps_rollup("\n\n\n", &p), -EINVAL);
	assert_int_equal(parse_smaps_rollup(NULL, &p), -EINVAL);
	assert_int_equal(parse_smaps_rollup("Pss: kB\n", &p), -EINVAL);

	/* a 1 MB line of digits, then a 1 MB header-looking line */
	buf = xmalloc(big + 16);
	memcpy(buf, "Pss: ", 5);
	memset(buf + 5, '7', big - 5);
	strcpy(buf + big, " kB\n");
	assert_int_equal(parse_smaps_rollup(buf, &p), -EINVAL);
	assert_int_equal(parse_status_memory(buf, &p), -EINVAL);
	memset(buf, 'a', big);
	buf[big / 2] = '-';
	assert_int_equal(parse_smaps_rollup(buf, &p), -EINVAL);
	free(buf);
}

/* xorshift64: the same "random" bytes on every run, so a failure repeats. */
static uint64_t next_random(uint64_t *seed)
{
	*seed ^= *seed << 13;
	*seed ^= *seed >> 7;
	*seed ^= *seed << 17;
	return *seed;
}

static void test_random_bytes(void **state)
{
	static const char *const words[] = {
		"VmRSS:", "RssAnon:", "VmSwap:", "Pss:", "Private_Clean:",
		"Private_Dirty:", "SwapPss:", "AnonHugePages:", " kB", "\t", " ",
		"\n", "1", "99999999999999999999", "-", "7f00-7f01 r--p ", "\xff",
	};
	char buf[8192];
	uint64_t seed = 0x2545f4914f6cdd1du;

	(void)state;
	for (int round = 0; round < 256; round++) {
		size_t len = 0;
		struct proc p;

		while (len < sizeof(buf) - 32 && next_random(&seed) % 200 != 0) {
			const char *w = words[next_random(&seed) % ARRAY_SIZE(words)];
			size_t wlen = strlen(w);

			if (round % 2) {
				buf[len++] = (char)(next_random(&seed) % 255 + 1);
				continue;
			}
			memcpy(buf + len, w, wlen);
			len += wlen;
		}
		buf[len] = '\0';
		proc_fill_sentinel(&p);
		if (parse_status_memory(buf, &p) == 0)
			assert_true(p.known & KNOWN(PROC_RSS));
		else
			assert_int_equal(p.known, 0);
		proc_fill_sentinel(&p);
		if (parse_smaps_rollup(buf, &p) == 0)
			assert_true(p.known & smaps_bits);
		else
			assert_int_equal(p.known, 0);
		/* known values are never negative: digits only, no wrap */
		assert_true(!(p.known & KNOWN(PROC_PSS)) || p.pss_kb >= 0);
		assert_true(!(p.known & KNOWN(PROC_USS)) || p.uss_kb >= 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_kernels),
		cmocka_unit_test(test_status_kernel_threads),
		cmocka_unit_test(test_status_garbled),
		cmocka_unit_test(test_smaps_rollup),
		cmocka_unit_test(test_smaps_sum),
		cmocka_unit_test(test_smaps_incomplete),
		cmocka_unit_test(test_smaps_garbled),
		cmocka_unit_test(test_random_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
