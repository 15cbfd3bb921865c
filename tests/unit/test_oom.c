/*
 * test_oom.c - the oom engine: kernel-spec.md's worked examples (1.8 global
 * and memcg v2, both formula eras, 1.9 the 2.6 heuristic), memcg v1 and v2
 * totalpages, the tie rule of select_bad_process, the unkillable cases,
 * the what-ifs, the kill order with a shared mm, overcommit, and the
 * kernel log's reports (parsed and ranked again).
 *
 * Expected numbers come from the spec's worked examples or are worked out
 * by hand in the comments from the kernel's formulas; never from the code
 * under test.  The exact comparison with the kernel's own oom_score is the
 * live test (tests/live/test_oom_live.c), the kernel's own choice of victim
 * tests/live/oom_cgroup.sh.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "oom.h"
#include "parse.h"
#include "schema.h"
#include "sim.h"
#include "snapshot.h"
#include "util.h"

#define GIB_KB (1024 * 1024)

/* ---- building snapshots ------------------------------------------------ */

static struct snapshot *base_snapshot(int64_t mem_kb, int64_t swap_kb)
{
	struct snapshot *s = snapshot_new();

	s->kernel = xstrdup("6.18.2");
	s->page_size = 4096;
	s->known |= KNOWN(SEC_MEMINFO) | KNOWN(SEC_PROCESSES) |
	            KNOWN(SEC_SYSCTL);
	kvlist_add(&s->meminfo, "MemTotal", mem_kb);
	kvlist_add(&s->meminfo, "SwapTotal", swap_kb);
	skvlist_add(&s->sysctl, "swappiness", "60");
	return s;
}

/* A killable-looking process; pages as oom_badness reads them. */
static struct proc *add_proc(struct snapshot *s, int64_t pid, int64_t rss,
                             int64_t swap, int64_t pt, int64_t adj)
{
	struct proc *p;

	s->processes = xrealloc(s->processes,
	                        (s->nprocesses + 1) * sizeof(*s->processes));
	p = &s->processes[s->nprocesses++];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->ppid = 1;
	p->start_ticks = pid * 10;
	p->stat_rss_pages = rss;
	p->rss_kb = rss * 4;
	p->swap_kb = swap * 4;
	p->pgtables_kb = pt * 4;
	p->oom_score_adj = adj;
	p->total_vm_pages = rss * 2 + 1000 + pid;
	p->comm = xasprintf("p%lld", (long long)pid);
	p->user = xstrdup("user");
	p->state = xstrdup("S");
	p->cgroup = xstrdup("/");
	p->mm_group = pid;
	p->known = KNOWN(PROC_PID) | KNOWN(PROC_PPID) | KNOWN(PROC_START_TICKS) |
	           KNOWN(PROC_STAT_RSS) | KNOWN(PROC_RSS) | KNOWN(PROC_SWAP) |
	           KNOWN(PROC_PGTABLES) | KNOWN(PROC_OOM_SCORE_ADJ) |
	           KNOWN(PROC_TASK_FLAGS) | KNOWN(PROC_TOTAL_VM) |
	           KNOWN(PROC_COMM) | KNOWN(PROC_USER) | KNOWN(PROC_STATE) |
	           KNOWN(PROC_CGROUP) | KNOWN(PROC_IN_VFORK) |
	           KNOWN(PROC_MM_GROUP);
	for (int src = 0; src < PROC_SOURCE_COUNT; src++)
		p->source_err[src] = 0;
	return p;
}

static struct proc *proc_of(struct snapshot *s, int64_t pid)
{
	for (size_t i = 0; i < s->nprocesses; i++)
		if (s->processes[i].pid == pid)
			return &s->processes[i];
	return NULL;
}

/* Runs the engine; what-ifs must parse. */
static struct oom_result *run(struct snapshot *s, const char *cgroup,
                              const char *const *whatifs, size_t n)
{
	void *parsed[16] = { 0 };
	struct sim_input in = { .cur = s, .what_ifs = parsed, .nwhat_ifs = n,
	                        .cgroup = cgroup };
	void *result = NULL;
	char *error = NULL;

	snapshot_sort_processes(s);
	assert_true(n <= 16);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(oom_engine.parse_what_if(whatifs[i], &parsed[i],
		                                          &error), 1);
	if (oom_engine.run(&in, &result, &error) < 0) {
		fprintf(stderr, "oom: %s\n", error);
		fail();
	}
	for (size_t i = 0; i < n; i++)
		oom_engine.free_what_if(parsed[i]);
	return result;
}

static const struct oom_rank *row_of(const struct oom_result *r, int64_t pid)
{
	for (size_t i = 0; i < r->nranking; i++)
		if (r->ranking[i].pid == pid)
			return &r->ranking[i];
	return NULL;
}

static void done(struct snapshot *s, struct oom_result *r)
{
	oom_engine.free_result(r);
	snapshot_free(s);
}

/* ---- the formulas: spec 1.8 --------------------------------------------- */

/* T = 4,718,592 (16 GiB RAM + 2 GiB swap); rss 1,000,000, swap 10,000,
 * VmPTE 8192 kB = 2048 pages. */
static void test_spec_global_table(void **state)
{
	struct oom_badness_inputs in = { 1000000, 10000, 2048, 0 };
	const int64_t T = 4718592;
	static const struct { int64_t adj, badness, x, score; } rows[] = {
		{ 0, 1012048, 214, 809 },
		{ 500, 3371048, 714, 1142 },
		{ -500, -1346952, -285, 476 },
		{ 1000, 5730048, 1214, 1476 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		int64_t b;

		in.oom_score_adj = rows[i].adj;
		b = oom_badness(&in, T, OOM_RULES_SIGNED);
		assert_int_equal(b, rows[i].badness);
		assert_int_equal(oom_share_permille(b, T), rows[i].x);
		assert_int_equal(oom_proc_score(b, T, OOM_RULES_SIGNED),
		                 rows[i].score);
	}
	assert_int_equal(oom_adj_pages(500, T), 2359000); /* 500 x 4718 */
	assert_int_equal(oom_proc_score(OOM_BADNESS_UNKILLABLE, T,
	                                OOM_RULES_SIGNED), 0);
}

/* The same process before 5.9: badness at least 1, score badness*1000/T. */
static void test_spec_global_unsigned(void **state)
{
	struct oom_badness_inputs in = { 1000000, 10000, 2048, 0 };
	const int64_t T = 4718592;

	(void)state;
	assert_int_equal(oom_badness(&in, T, OOM_RULES_UNSIGNED), 1012048);
	assert_int_equal(oom_proc_score(1012048, T, OOM_RULES_UNSIGNED), 214);
	in.oom_score_adj = -500; /* -1,346,952 is clamped to 1 */
	assert_int_equal(oom_badness(&in, T, OOM_RULES_UNSIGNED), 1);
	assert_int_equal(oom_proc_score(1, T, OOM_RULES_UNSIGNED), 0);
	in.oom_score_adj = 500; /* 3,371,048 * 1000 / T = 714 */
	assert_int_equal(oom_proc_score(oom_badness(&in, T, OOM_RULES_UNSIGNED),
	                                T, OOM_RULES_UNSIGNED), 714);
}

static void test_rules_of_release(void **state)
{
	bool known;

	(void)state;
	assert_int_equal(oom_rules_of_release("6.18.44-fc-v657", &known),
	                 OOM_RULES_SIGNED);
	assert_true(known);
	assert_int_equal(oom_rules_of_release("5.9.0", &known), OOM_RULES_SIGNED);
	assert_int_equal(oom_rules_of_release("5.8.0-63-generic", &known),
	                 OOM_RULES_UNSIGNED);
	assert_int_equal(oom_rules_of_release("2.6.32-754.el6", &known),
	                 OOM_RULES_UNSIGNED);
	assert_int_equal(oom_rules_of_release(NULL, &known), OOM_RULES_SIGNED);
	assert_false(known);
}

/* The engine on the spec's global process, pre-5.9 kernel. */
static void test_engine_unsigned_era(void **state)
{
	struct snapshot *s = base_snapshot(16 * GIB_KB, 2 * GIB_KB);
	struct oom_result *r;

	(void)state;
	free(s->kernel);
	s->kernel = xstrdup("5.4.0");
	add_proc(s, 100, 1000000, 10000, 2048, 0);
	add_proc(s, 200, 2000, 0, 10, -500);
	r = run(s, NULL, NULL, 0);
	assert_string_equal(r->kernel_rules, "2.6.36-5.8");
	assert_int_equal(row_of(r, 100)->oom_score, 214);
	assert_int_equal(row_of(r, 200)->badness, 1);
	assert_int_equal(row_of(r, 200)->oom_score, 0);
	assert_int_equal(r->victim, 100);
	done(s, r);
}

/* ---- memcg totalpages: spec 1.8, v2 and v1 ------------------------------ */

static struct cgroup_mem *add_group(struct snapshot *s, const char *path,
                                    int64_t limit_kb)
{
	struct cgroup_mem *cg;

	s->known |= KNOWN(SEC_CGROUP);
	s->cgroup.known = 1;
	s->cgroup.groups = xrealloc(s->cgroup.groups,
	                            (s->cgroup.count + 1) * sizeof(*cg));
	cg = &s->cgroup.groups[s->cgroup.count++];
	memset(cg, 0, sizeof(*cg));
	cg->path = xstrdup(path);
	cg->limit_kb = limit_kb;
	cg->known = KNOWN(CG_LIMIT);
	return cg;
}

static void set_cgroup(struct proc *p, const char *path)
{
	free(p->cgroup);
	p->cgroup = xstrdup(path);
}

/* memory.max 4 GiB, swap.max 1 GiB, swap 2 GiB: T = 1,048,576 + 262,144;
 * A 801,500; B 300,600 + 800 x 1310 = 1,348,600: B is killed. */
static void test_spec_memcg_v2(void **state)
{
	struct snapshot *s = base_snapshot(16 * GIB_KB, 2 * GIB_KB);
	struct cgroup_mem *cg;
	struct oom_result *r;

	(void)state;
	s->cgroup.version = 2;
	s->cgroup.mount = xstrdup("/sys/fs/cgroup");
	add_group(s, "/", CGROUP_UNLIMITED);
	cg = add_group(s, "/app", 4 * GIB_KB);
	cg->swap_limit_kb = GIB_KB;
	cg->known |= KNOWN(CG_SWAP_LIMIT);
	set_cgroup(add_proc(s, 300, 700000, 100000, 1500, 0), "/app");
	set_cgroup(add_proc(s, 301, 300000, 0, 600, 800), "/app");
	add_proc(s, 302, 3000000, 0, 6000, 0); /* bigger, but outside */
	r = run(s, "/sys/fs/cgroup/app", NULL, 0);
	assert_string_equal(r->scope, "memcg /app");
	assert_string_equal(r->constraint, "CONSTRAINT_MEMCG");
	assert_int_equal(r->totalpages, 1310720);
	assert_int_equal(r->memcg_swap_pages, 262144);
	assert_int_equal(r->nranking, 2);
	assert_int_equal(r->victim, 301);
	assert_int_equal(r->ranking[0].badness, 1348600);
	assert_int_equal(r->ranking[0].adj_pages, 1048000);
	assert_int_equal(r->ranking[1].badness, 801500);
	/* oom_score stays global: (1000 + (300,600 + 800 x 4718) x 1000 /
	 * 4,718,592) x 2 / 3 = (1000 + 863) x 2 / 3 = 1242 */
	assert_int_equal(r->ranking[0].oom_score, 1242);
	done(s, r);
	/* swappiness 0 (v2: the global one): no swap in totalpages */
	s = base_snapshot(16 * GIB_KB, 2 * GIB_KB);
	skvlist_free(&s->sysctl);
	skvlist_add(&s->sysctl, "swappiness", "0");
	s->cgroup.version = 2;
	cg = add_group(s, "/app", 4 * GIB_KB);
	cg->swap_limit_kb = CGROUP_UNLIMITED;
	cg->known |= KNOWN(CG_SWAP_LIMIT);
	set_cgroup(add_proc(s, 300, 10, 0, 1, 0), "/app");
	r = run(s, "/app", NULL, 0);
	assert_int_equal(r->totalpages, 1048576);
	done(s, r);
}

/* v1: swap = memsw.max - memory.max, capped at the swap size. */
static int64_t v1_totalpages(int64_t limit_kb, int64_t memsw_kb,
                             int64_t swappiness, int64_t swap_kb)
{
	struct snapshot *s = base_snapshot(16 * GIB_KB, swap_kb);
	struct cgroup_mem *cg;
	struct oom_result *r;
	int64_t t;

	s->cgroup.version = 1;
	cg = add_group(s, "/job", limit_kb);
	cg->memsw_limit_kb = memsw_kb;
	cg->swappiness = swappiness;
	cg->known |= KNOWN(CG_MEMSW_LIMIT) | KNOWN(CG_SWAPPINESS);
	set_cgroup(add_proc(s, 400, 10, 0, 1, 0), "/job");
	r = run(s, "/job", NULL, 0);
	t = (r->known & KNOWN(ORS_TOTALPAGES)) ? r->totalpages : -1;
	done(s, r);
	return t;
}

static void test_memcg_v1(void **state)
{
	(void)state;
	/* 4 GiB + (5 - 4) GiB of swap room */
	assert_int_equal(v1_totalpages(4 * GIB_KB, 5 * GIB_KB, 60, 2 * GIB_KB),
	                 1310720);
	/* the group's swappiness 0 */
	assert_int_equal(v1_totalpages(4 * GIB_KB, 5 * GIB_KB, 0, 2 * GIB_KB),
	                 1048576);
	/* memsw unlimited: min(huge, 524,288 swap pages) */
	assert_int_equal(v1_totalpages(4 * GIB_KB, CGROUP_UNLIMITED, 60,
	                               2 * GIB_KB), 1048576 + 524288);
	/* no swap at all: the limit alone, whatever memsw says */
	assert_int_equal(v1_totalpages(256 * 1024, CGROUP_UNLIMITED, 60, 0),
	                 65536);
	/* no limit: PAGE_COUNTER_MAX = LONG_MAX / 4096 */
	assert_int_equal(v1_totalpages(CGROUP_UNLIMITED, CGROUP_UNLIMITED, 60, 0),
	                 INT64_C(2251799813685247));
}

static void test_memcg_unknown_group(void **state)
{
	struct snapshot *s = base_snapshot(GIB_KB, 0);
	struct sim_input in = { .cur = s, .cgroup = "/nope" };
	void *result = NULL;
	char *error = NULL;

	(void)state;
	add_group(s, "/", CGROUP_UNLIMITED);
	add_proc(s, 10, 1, 0, 1, 0);
	assert_int_equal(oom_engine.run(&in, &result, &error), -ENOENT);
	assert_null(result);
	assert_non_null(strstr(error, "/nope"));
	free(error);
	snapshot_free(s);
}

/* ---- the tie rule ------------------------------------------------------ */

/* Equal badness: the later in the walk wins (points < chosen skips). */
static void test_tie_rule(void **state)
{
	struct snapshot *s = base_snapshot(4 * GIB_KB, 0);
	struct oom_result *r;

	(void)state;
	add_proc(s, 500, 1000, 0, 10, 0)->start_ticks = 100;
	add_proc(s, 600, 1000, 0, 10, 0)->start_ticks = 50; /* forked first */
	add_proc(s, 700, 900, 0, 10, 0)->start_ticks = 200;
	r = run(s, NULL, NULL, 0);
	assert_int_equal(r->victim, 500); /* started after 600 */
	assert_int_equal(r->ranking[1].pid, 600);
	assert_int_equal(r->ranking[2].pid, 700);
	done(s, r);
	/* memcg: the walk goes group by group, parents first */
	s = base_snapshot(4 * GIB_KB, 0);
	s->cgroup.version = 2;
	add_group(s, "/a", GIB_KB);
	add_group(s, "/a/x", CGROUP_UNLIMITED);
	add_group(s, "/a/y", CGROUP_UNLIMITED);
	set_cgroup(add_proc(s, 800, 1000, 0, 10, 0), "/a/y");
	set_cgroup(add_proc(s, 900, 1000, 0, 10, 0), "/a/x");
	proc_of(s, 800)->start_ticks = 1; /* older, but its group is later */
	r = run(s, "/a", NULL, 0);
	assert_int_equal(r->victim, 800);
	done(s, r);
}

/* ---- unkillable and unknown --------------------------------------------- */

static void test_unkillable(void **state)
{
	struct snapshot *s = base_snapshot(4 * GIB_KB, 0);
	struct oom_result *r;
	struct proc *p;

	(void)state;
	add_proc(s, 1, 50000, 0, 50, 0);                 /* init */
	add_proc(s, 2, 0, 0, 0, 0)->task_flags = OOM_PF_KTHREAD;
	add_proc(s, 30, 90000, 0, 90, -1000);            /* adj -1000 */
	p = add_proc(s, 31, 80000, 0, 80, 0);            /* vfork child */
	p->in_vfork = 1;
	p = add_proc(s, 32, 0, 0, 0, 0);                 /* zombie */
	p->known &= ~(KNOWN(PROC_RSS) | KNOWN(PROC_SWAP) | KNOWN(PROC_PGTABLES));
	p->state[0] = 'Z';
	add_proc(s, 40, 1000, 0, 10, 0);
	r = run(s, NULL, NULL, 0);
	assert_int_equal(r->victim, 40);
	assert_int_equal(r->nkillable, 1);
	assert_int_equal(r->nunkillable, 5);
	assert_int_equal(r->nunknown, 0);
	for (int64_t pid = 1; pid <= 32; pid = pid == 2 ? 30 : pid + 1) {
		const struct oom_rank *row = row_of(r, pid);

		assert_non_null(row);
		assert_int_equal(row->killable, 0);
		assert_int_equal(row->oom_score, 0);
		assert_non_null(row->reason);
	}
	assert_non_null(strstr(row_of(r, 1)->reason, "init"));
	assert_non_null(strstr(row_of(r, 2)->reason, "kernel thread"));
	assert_non_null(strstr(row_of(r, 30)->reason, "-1000"));
	assert_non_null(strstr(row_of(r, 31)->reason, "vfork"));
	assert_non_null(strstr(row_of(r, 32)->reason, "no memory"));
	done(s, r);
}

/* Unknown inputs give an unknown victim, with the reason. */
static void test_unknown(void **state)
{
	struct snapshot *s = base_snapshot(4 * GIB_KB, 0);
	struct oom_result *r;
	struct proc *p;

	(void)state;
	add_proc(s, 40, 1000, 0, 10, 0);
	p = add_proc(s, 41, 5000, 0, 10, 0);
	p->known &= ~KNOWN(PROC_SWAP);
	p->source_err[PROC_SRC_STATUS] = EACCES;
	/* a child of 40 with its size, sharing not asked: maybe vfork */
	p = add_proc(s, 42, 1000, 0, 10, 0);
	p->ppid = 40;
	p->total_vm_pages = proc_of(s, 40)->total_vm_pages;
	p->known &= ~(KNOWN(PROC_IN_VFORK) | KNOWN(PROC_MM_GROUP));
	r = run(s, NULL, NULL, 0);
	assert_false(r->known & KNOWN(ORS_VICTIM));
	assert_int_equal(r->nunknown, 2);
	assert_non_null(strstr(r->victim_note, "cannot be weighed"));
	assert_false(row_of(r, 41)->known & KNOWN(ORK_BADNESS));
	assert_non_null(strstr(row_of(r, 42)->reason, "vfork"));
	assert_int_equal(r->nkill_order, 0);
	done(s, r);
}

/* ---- what-ifs and the kill order ------------------------------------------ */

static void test_whatifs(void **state)
{
	struct snapshot *s = base_snapshot(4 * GIB_KB, 0); /* T 1,048,576 */
	const char *adj[] = { "adj:20=1000" };
	const char *grow[] = { "grow:30=1G" };
	const char *kill[] = { "kill:10" };
	struct oom_result *r;

	(void)state;
	add_proc(s, 10, 100000, 0, 100, 0);
	add_proc(s, 20, 1000, 0, 10, 0);
	add_proc(s, 30, 5000, 0, 10, 0);
	r = run(s, NULL, adj, 1);
	/* 1010 + 1000 x 1048 */
	assert_int_equal(r->victim, 20);
	assert_int_equal(r->ranking[0].badness, 1010 + 1048000);
	assert_false(r->ranking[0].known & KNOWN(ORK_MATCH));
	assert_non_null(skvlist_get(&r->explanation, "what-if 1"));
	done(s, r);
	s = base_snapshot(4 * GIB_KB, 0);
	add_proc(s, 10, 100000, 0, 100, 0);
	add_proc(s, 30, 5000, 0, 10, 0);
	r = run(s, NULL, grow, 1);
	assert_int_equal(r->victim, 30); /* 5000 + 262,144 + 10 */
	assert_int_equal(r->ranking[0].badness, 267154);
	done(s, r);
	s = base_snapshot(4 * GIB_KB, 0);
	add_proc(s, 10, 100000, 0, 100, 0);
	add_proc(s, 30, 5000, 0, 10, 0);
	r = run(s, NULL, kill, 1);
	assert_int_equal(r->victim, 30);
	assert_int_equal(row_of(r, 10)->killable, 0);
	done(s, r);
}

static void test_whatif_grammar(void **state)
{
	static const char *const good[] = {
		"adj:1=-1000", "adj:42=1000", "grow:7=4096", "grow:7=512M",
		"grow:7=2GiB", "kill:99", "commit:1G", "commit:100M@42",
		"cpuset:0", "mempolicy:0-1,3",
	};
	static const char *const bad[] = {
		"adj:1=1001", "adj:0=5", "adj:x=1", "grow:7=", "grow:7=5Q",
		"kill:", "kill:-3", "commit:", "commit:1G@", "cpuset:", "cpuset:a",
		"mempolicy:3-1",
	};
	void *parsed;
	char *error;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		parsed = NULL;
		assert_int_equal(oom_engine.parse_what_if(good[i], &parsed, &error),
		                 1);
		oom_engine.free_what_if(parsed);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		error = NULL;
		assert_int_equal(oom_engine.parse_what_if(bad[i], &parsed, &error),
		                 -EINVAL);
		assert_non_null(error);
		free(error);
	}
	/* another engine's */
	assert_int_equal(oom_engine.parse_what_if("alloc:9x1", &parsed, &error),
	                 0);
}

/* 10 and 11 share an mm: they die together; the next kill is 20. */
static void test_kill_order_shared_mm(void **state)
{
	struct snapshot *s = base_snapshot(4 * GIB_KB, 0);
	struct oom_result *r;

	(void)state;
	add_proc(s, 10, 50000, 100, 50, 0);
	add_proc(s, 11, 50000, 100, 50, 0)->mm_group = 10;
	add_proc(s, 20, 30000, 0, 30, 0);
	add_proc(s, 30, 1000, 0, 10, 0);
	r = run(s, NULL, NULL, 0);
	assert_int_equal(r->nkill_order, 3);
	/* equal badness: 11 (forked later) comes first, 10 dies with it */
	assert_int_equal(r->kill_order[0].pid, 11);
	assert_int_equal(r->kill_order[0].nwith, 1);
	assert_int_equal(r->kill_order[0].with_pids[0], 10);
	assert_int_equal(r->kill_order[0].freed_pages, 50150);
	assert_int_equal(r->kill_order[1].pid, 20);
	assert_int_equal(r->kill_order[1].freed_total_pages, 50150 + 30030);
	assert_int_equal(r->kill_order[2].pid, 30);
	done(s, r);
	/* adj: propagates to the mm's other processes, as the kernel does */
	s = base_snapshot(4 * GIB_KB, 0);
	add_proc(s, 10, 50000, 100, 50, 0);
	add_proc(s, 11, 50000, 100, 50, 0)->mm_group = 10;
	add_proc(s, 20, 30000, 0, 30, 0);
	{
		const char *adj[] = { "adj:10=-1000" };

		r = run(s, NULL, adj, 1);
	}
	assert_int_equal(r->victim, 20);
	assert_int_equal(row_of(r, 11)->killable, 0);
	done(s, r);
}

/* ---- cpuset and mempolicy --------------------------------------------- */

static void add_zone(struct snapshot *s, int64_t node, int64_t present)
{
	struct zone *z;

	s->known |= KNOWN(SEC_ZONES);
	s->zones = xrealloc(s->zones, (s->nzones + 1) * sizeof(*z));
	z = &s->zones[s->nzones++];
	memset(z, 0, sizeof(*z));
	z->node = node;
	z->zone = xstrdup("Normal");
	z->present_pages = present;
	z->known = KNOWN(ZONE_PRESENT);
}

static void test_cpuset_mempolicy(void **state)
{
	const char *cpuset[] = { "cpuset:1" };
	const char *policy[] = { "mempolicy:0" };
	const char *all[] = { "cpuset:0-1" };
	struct snapshot *s = base_snapshot(8 * GIB_KB, GIB_KB);
	struct oom_result *r;
	struct proc *p;

	(void)state;
	add_zone(s, 0, 1000000);
	add_zone(s, 1, 1100000);
	p = add_proc(s, 10, 90000, 0, 10, 0);
	p->mems_allowed = xstrdup("0");
	p->known |= KNOWN(PROC_MEMS_ALLOWED);
	p = add_proc(s, 20, 1000, 0, 10, 0);
	p->mems_allowed = xstrdup("0-1");
	p->known |= KNOWN(PROC_MEMS_ALLOWED);
	r = run(s, NULL, cpuset, 1);
	/* swap 262,144 + node 1's 1,100,000 */
	assert_string_equal(r->constraint, "CONSTRAINT_CPUSET");
	assert_int_equal(r->totalpages, 1362144);
	assert_int_equal(r->victim, 20); /* 10's cpuset misses node 1 */
	assert_int_equal(row_of(r, 10)->killable, 0);
	done(s, r);
	s = base_snapshot(8 * GIB_KB, GIB_KB);
	add_zone(s, 0, 1000000);
	add_zone(s, 1, 1100000);
	add_proc(s, 10, 90000, 0, 10, 0);
	r = run(s, NULL, policy, 1);
	assert_string_equal(r->constraint, "CONSTRAINT_MEMORY_POLICY");
	assert_int_equal(r->totalpages, 1262144);
	assert_int_equal(r->victim, 10);
	done(s, r);
	s = base_snapshot(8 * GIB_KB, GIB_KB);
	add_zone(s, 0, 1000000);
	add_zone(s, 1, 1100000);
	add_proc(s, 10, 90000, 0, 10, 0);
	r = run(s, NULL, all, 1); /* every node: no constraint */
	assert_string_equal(r->constraint, "CONSTRAINT_NONE");
	assert_int_equal(r->totalpages, 2097152 + 262144);
	done(s, r);
}

/* ---- overcommit --------------------------------------------------------- */

/* 16 GiB RAM, 2 GiB swap, ratio 50: CommitLimit = 2,097,152 + 524,288 =
 * 2,621,440 pages = 10,485,760 kB; Committed_AS 10,000,000 kB =
 * 2,500,000 pages. */
static struct snapshot *overcommit_snapshot(const char *mode)
{
	struct snapshot *s = base_snapshot(16 * GIB_KB, 2 * GIB_KB);

	kvlist_add(&s->meminfo, "CommitLimit", 10485760);
	kvlist_add(&s->meminfo, "Committed_AS", 10000000);
	kvlist_add(&s->meminfo, "Hugetlb", 0);
	skvlist_add(&s->sysctl, "overcommit_memory", mode);
	skvlist_add(&s->sysctl, "overcommit_ratio", "50");
	skvlist_add(&s->sysctl, "overcommit_kbytes", "0");
	skvlist_add(&s->sysctl, "admin_reserve_kbytes", "8192");
	skvlist_add(&s->sysctl, "user_reserve_kbytes", "131072");
	add_proc(s, 10, 1000, 0, 10, 0)->total_vm_pages = 3200000;
	return s;
}

static void test_overcommit(void **state)
{
	const char *small[] = { "commit:400M" };
	const char *big[] = { "commit:500M" };
	const char *withpid[] = { "commit:345M@10" };
	const char *huge[] = { "commit:20G" };
	struct snapshot *s = overcommit_snapshot("2");
	struct oom_result *r;

	(void)state;
	r = run(s, NULL, small, 1);
	assert_int_equal(r->overcommit.model_commit_limit_kb, 10485760);
	assert_int_equal(r->overcommit.mode, 2);
	/* 2,500,000 + 102,400 < 2,621,440 (root), < 2,619,392 (user) */
	assert_int_equal(r->overcommit.ok_mode2_admin, 1);
	assert_int_equal(r->overcommit.ok_mode2_user, 1);
	assert_int_equal(r->overcommit.ok_now, 1);
	/* largest: 2,621,440 - 2,500,000 - 1 pages */
	assert_int_equal(r->overcommit.headroom_admin_kb, 121439 * 4);
	assert_int_equal(r->overcommit.headroom_user_kb, (121439 - 2048) * 4);
	done(s, r);
	s = overcommit_snapshot("2");
	r = run(s, NULL, big, 1); /* 2,628,000 */
	assert_int_equal(r->overcommit.ok_mode2_admin, 0);
	assert_int_equal(r->overcommit.ok_mode0, 1);
	assert_int_equal(r->overcommit.ok_now, 0);
	done(s, r);
	/* 345 MiB = 88,320 pages: 2,588,320 committed.  total_vm 3,200,000
	 * / 32 = 100,000 > user reserve 32,768 pages: root may commit below
	 * 2,621,440 - 32,768 = 2,588,672 (passes), a user below 2,586,624
	 * (fails) */
	s = overcommit_snapshot("2");
	r = run(s, NULL, withpid, 1);
	assert_int_equal(r->overcommit.ok_mode2_admin, 1);
	assert_int_equal(r->overcommit.ok_mode2_user, 0);
	done(s, r);
	s = overcommit_snapshot("0");
	r = run(s, NULL, huge, 1); /* 5,242,880 > 4,718,592 */
	assert_int_equal(r->overcommit.ok_mode0, 0);
	assert_int_equal(r->overcommit.ok_mode1, 1);
	assert_int_equal(r->overcommit.ok_now, 0);
	done(s, r);
}

/* ---- the 2.6 heuristic: spec 1.9 ---------------------------------------- */

static struct proc *historic_proc(struct snapshot *s, int64_t pid,
                                  int64_t total_vm, int64_t caps)
{
	struct proc *p = add_proc(s, pid, 10, 0, 1, 0);

	p->total_vm_pages = total_vm;
	p->cpu_time_s = 0;
	p->age_s = 0;
	p->cap_eff = caps;
	p->known |= KNOWN(PROC_CPU_TIME) | KNOWN(PROC_AGE) | KNOWN(PROC_NICE) |
	            KNOWN(PROC_CAP_EFF);
	return p;
}

/* total_vm 100,000 + 2 x (20,000 / 2 + 1) = 120,002; CPU 300 s: 300,000
 * jiffies >> 13 = 36, / 6 = 20,000; 50,000 s >> 10 = 48, / isqrt(isqrt(48))
 * = 2: 10,000; nice: 20,000; CAP_SYS_ADMIN: 5,000; oom_adj +2: 20,000. */
static void test_spec_historic(void **state)
{
	struct snapshot *s = base_snapshot(16 * GIB_KB, 0);
	struct oom_result *r;
	struct proc *p;

	(void)state;
	p = historic_proc(s, 100, 100000, INT64_C(1) << 21);
	p->cpu_time_s = 300;
	p->age_s = 50000;
	p->nice = 5;
	p->oom_score_adj = 118; /* oom_adj 118 x 17 / 1000 = 2 */
	historic_proc(s, 101, 20000, 0)->ppid = 100;
	historic_proc(s, 102, 20000, 0)->ppid = 100;
	r = run(s, NULL, NULL, 0);
	assert_int_equal(row_of(r, 100)->historic_points, 20000);
	assert_int_equal(r->historic_victim, 100);
	assert_int_equal(r->historic_hz, 1000);
	done(s, r);
	/* a root process with CAP_SYS_RAWIO too: another / 4 */
	s = base_snapshot(16 * GIB_KB, 0);
	p = historic_proc(s, 100, 100000, (INT64_C(1) << 21) | (INT64_C(1) << 17));
	p->cpu_time_s = 300;
	p->age_s = 50000;
	p->nice = 5;
	p->oom_score_adj = 118;
	historic_proc(s, 101, 20000, 0)->ppid = 100;
	historic_proc(s, 102, 20000, 0)->ppid = 100;
	r = run(s, NULL, NULL, 0);
	assert_int_equal(row_of(r, 100)->historic_points, 5000);
	/* ties: the first in the walk wins (101 and 102 both 20,000) */
	assert_int_equal(row_of(r, 101)->historic_points, 20000);
	assert_int_equal(row_of(r, 101)->historic_rank, 1);
	assert_int_equal(row_of(r, 102)->historic_rank, 2);
	done(s, r);
}

/* ---- the kernel log ------------------------------------------------------- */

/* Captured on this project's 6.18.44 test machine by
 * tests/live/oom_cgroup.sh (dmesg; stack and memory.stat lines cut). */
static const char memcg_618[] =
	"[ 4704.151795] oomt-grower invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
	"[ 4704.151803] CPU: 0 UID: 0 PID: 23331 Comm: oomt-grower Not tainted 6.18.44-fc-v657 #1 PREEMPT(none)\n"
	"[ 4704.151900] memory: usage 262144kB, limit 262144kB, failcnt 50\n"
	"[ 4704.151902] memory+swap: usage 262144kB, limit 9007199254740988kB, failcnt 0\n"
	"[ 4704.151903] kmem: usage 676kB, limit 9007199254740988kB, failcnt 0\n"
	"[ 4704.151904] Memory cgroup stats for /memlens-oom-test.23235:\n"
	"[ 4704.151950] Tasks state (memory values in pages):\n"
	"[ 4704.151951] [  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name\n"
	"[ 4704.151953] [  23239]     0 23239     5126     4384     4112      272         0    73728        0             0 oomt-small\n"
	"[ 4704.151955] [  23249]     0 23249    25606    24936    24656      280         0   253952        0             0 oomt-big\n"
	"[ 4704.151957] [  23253]     0 23253     9222     8522     8208      314         0   106496        0           800 oomt-tagged\n"
	"[ 4704.151959] [  23331]     0 23331    41862    28719    28426      293         0   262144        0             0 oomt-grower\n"
	"[ 4704.151961] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/memlens-oom-test.23235,task_memcg=/memlens-oom-test.23235,task=oomt-tagged,pid=23253,uid=0\n"
	"[ 4704.151970] Memory cgroup out of memory: Killed process 23253 (oomt-tagged) total-vm:36888kB, anon-rss:32832kB, file-rss:1256kB, shmem-rss:0kB, UID:0 pgtables:104kB oom_score_adj:800\n";

/* A global OOM in /dev/kmsg records, 5.15's formats (spec 1.7); two
 * equal-badness tasks: the later in the dump is the one killed. */
static const char global_515[] =
	"4,812,9000000,-;stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	" SUBSYSTEM=mem\n"
	"6,813,9000100,-;Tasks state (memory values in pages):\n"
	"6,814,9000101,-;[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	"6,815,9000102,-;[    412]     0   412     4000     1000    65536        0         -1000 systemd-udevd\n"
	"6,816,9000103,-;[    900]  1000   900   900000   500000  4096000        0             0 stress\n"
	"6,817,9000104,-;[    901]  1000   901   900000   500000  4096000        0             0 stress\n"
	"6,818,9000105,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,task_memcg=/user.slice,task=stress,pid=901,uid=1000\n"
	"3,819,9000106,-;Out of memory: Killed process 901 (stress) total-vm:3600000kB, anon-rss:1999000kB, file-rss:1000kB, shmem-rss:0kB, UID:1000 pgtables:4000kB oom_score_adj:0\n"
	"6,820,9000200,-;stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	"6,821,9000201,-;Tasks state (memory values in pages):\n";

static void test_parse_oom_log(void **state)
{
	struct oom_log log = { 0 };
	const struct oom_report *r;

	(void)state;
	assert_int_equal(parse_oom_log(memcg_618, &log), 0);
	assert_int_equal(parse_oom_log(global_515, &log), 0);
	assert_int_equal(log.count, 2); /* the cut third report is dropped */
	r = &log.reports[0];
	assert_string_equal(r->invoker, "oomt-grower");
	assert_string_equal(r->gfp_mask, "0xcc0(GFP_KERNEL)");
	assert_true(r->time_s > 4704.15 && r->time_s < 4704.16);
	assert_string_equal(r->constraint, "CONSTRAINT_MEMCG");
	assert_string_equal(r->oom_memcg, "/memlens-oom-test.23235");
	assert_int_equal(r->memcg_limit_kb, 262144);
	assert_int_equal(r->memcg_memsw_limit_kb, INT64_C(9007199254740988));
	assert_false(r->known & KNOWN(ORP_MEMCG_SWAP));
	assert_int_equal(r->ntasks, 4);
	assert_true(r->tasks[2].known & KNOWN(OT_RSS_PARTS));
	assert_int_equal(r->tasks[2].rss_anon_pages, 8208);
	assert_int_equal(r->tasks[2].pgtables_bytes, 106496);
	assert_int_equal(r->tasks[2].oom_score_adj, 800);
	assert_string_equal(r->tasks[2].name, "oomt-tagged");
	assert_string_equal(r->killed_by, "Memory cgroup out of memory");
	assert_int_equal(r->victim_pid, 23253);
	assert_int_equal(r->victim_anon_rss_kb, 32832);
	assert_int_equal(r->victim_adj, 800);
	r = &log.reports[1];
	assert_true(r->time_s == 9.0);
	assert_string_equal(r->constraint, "CONSTRAINT_NONE");
	assert_null(r->oom_memcg);
	assert_int_equal(r->ntasks, 3);
	assert_false(r->tasks[1].known & KNOWN(OT_RSS_PARTS));
	assert_int_equal(r->tasks[1].rss_pages, 500000);
	assert_int_equal(r->tasks[0].oom_score_adj, -1000);
	assert_string_equal(r->killed_by, "Out of memory");
	assert_int_equal(r->victim_pid, 901);
	schema_free_entity(&oom_log_schema, &log);
	memset(&log, 0, sizeof(log));
	assert_int_equal(parse_oom_log("", &log), -EINVAL);
}

/* The dumps ranked again: 23253 has 8522 + 26 + 800 x 65 = 60,548. */
static void test_postmortem(void **state)
{
	struct snapshot *s = base_snapshot(16 * GIB_KB, 0);
	struct oom_result *r;

	(void)state;
	assert_int_equal(parse_oom_log(memcg_618, &s->oom_log), 0);
	assert_int_equal(parse_oom_log(global_515, &s->oom_log), 0);
	s->known |= KNOWN(SEC_OOM_LOG);
	add_proc(s, 10, 1, 0, 1, 0);
	r = run(s, NULL, NULL, 0);
	assert_int_equal(r->npast, 2);
	assert_int_equal(r->past[0].totalpages, 65536);
	assert_int_equal(r->past[0].model_victim_pid, 23253);
	assert_int_equal(r->past[0].top[0].badness, 60548);
	assert_int_equal(r->past[0].agrees, 1);
	assert_int_equal(r->past[0].victim_model_rank, 1);
	assert_int_equal(r->past[1].totalpages, 4194304);
	/* 900 and 901 tie at 500,000 + 1000 pages: the later, 901 */
	assert_int_equal(r->past[1].model_victim_pid, 901);
	assert_int_equal(r->past[1].agrees, 1);
	assert_int_equal(r->past[1].ntop, 2); /* adj -1000 is never chosen */
	done(s, r);
}

/* ---- the explanation ------------------------------------------------------ */

static void test_explain(void **state)
{
	struct snapshot *s = base_snapshot(16 * GIB_KB, 2 * GIB_KB);
	struct oom_result *r;
	char *text;

	(void)state;
	add_proc(s, 100, 1000000, 10000, 2048, 500);
	add_proc(s, 200, 1000, 0, 10, -1000);
	r = run(s, NULL, NULL, 0);
	text = oom_explain_process(r, 100);
	assert_non_null(text);
	assert_non_null(strstr(text, "3371048"));
	assert_non_null(strstr(text, "= 1142"));
	free(text);
	text = oom_explain_process(r, 200);
	assert_non_null(strstr(text, "-1000"));
	free(text);
	assert_null(oom_explain_process(r, 999));
	assert_non_null(skvlist_get(&r->explanation, "victim"));
	assert_non_null(skvlist_get(&r->explanation, "rules"));
	done(s, r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_global_table),
		cmocka_unit_test(test_spec_global_unsigned),
		cmocka_unit_test(test_rules_of_release),
		cmocka_unit_test(test_engine_unsigned_era),
		cmocka_unit_test(test_spec_memcg_v2),
		cmocka_unit_test(test_memcg_v1),
		cmocka_unit_test(test_memcg_unknown_group),
		cmocka_unit_test(test_tie_rule),
		cmocka_unit_test(test_unkillable),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_whatifs),
		cmocka_unit_test(test_whatif_grammar),
		cmocka_unit_test(test_kill_order_shared_mm),
		cmocka_unit_test(test_cpuset_mempolicy),
		cmocka_unit_test(test_overcommit),
		cmocka_unit_test(test_spec_historic),
		cmocka_unit_test(test_parse_oom_log),
		cmocka_unit_test(test_postmortem),
		cmocka_unit_test(test_explain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
