/*
 * test_text.c - batch text and OpenMetrics output on synthetic snapshots:
 * exact overview lines, rates only with a previous snapshot, n/a for what
 * was not read (sorted last), the sort orders and the pid filter, kernel
 * strings that try to drive the terminal (ESC [ 2 J, invalid UTF-8, C1
 * controls) reaching the output escaped, the reason for a missing section
 * said once, write errors returned as -errno, and the escape functions.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "escape.h"
#include "output.h"
#include "schema.h"
#include "snapshot.h"
#include "util.h"
#include "view.h"

#define EVIL_COMM "evil\033[2J"
#define T0 1700000000.0 /* 2023-11-14 22:13:20 UTC */

/* ---- building snapshots ----------------------------------------------- */

static struct snapshot *base_snapshot(double time)
{
	struct snapshot *s = snapshot_new();

	s->time = time;
	s->hostname = xstrdup("box");
	s->kernel = xstrdup("6.18.0");
	s->page_size = 4096;
	s->known = KNOWN(SEC_MEMINFO) | KNOWN(SEC_VMSTAT) | KNOWN(SEC_PROCESSES);
	kvlist_add(&s->meminfo, "MemTotal", 16777216);
	kvlist_add(&s->meminfo, "MemFree", 8388608);
	kvlist_add(&s->meminfo, "MemAvailable", 12582912);
	kvlist_add(&s->meminfo, "Buffers", 1024);
	kvlist_add(&s->meminfo, "Cached", 2096128);
	kvlist_add(&s->meminfo, "SwapCached", 0);
	kvlist_add(&s->meminfo, "SwapTotal", 2097152);
	kvlist_add(&s->meminfo, "SwapFree", 1048576);
	kvlist_add(&s->meminfo, "SReclaimable", 1048576);
	kvlist_add(&s->meminfo, "AnonHugePages", 512);
	kvlist_add(&s->meminfo, "CommitLimit", 10485760);
	kvlist_add(&s->meminfo, "Committed_AS", 2621440);
	kvlist_add(&s->meminfo, "HugePages_Total", 0);
	snapshot_set_unavailable(s, "psi", "/proc/pressure/memory: gone");
	return s;
}

static void set_vmstat(struct snapshot *s, int64_t pgfault, int64_t refault)
{
	kvlist_free(&s->vmstat);
	kvlist_add(&s->vmstat, "nr_free_pages", 2097152);
	kvlist_add(&s->vmstat, "workingset_refault", refault);
	kvlist_add(&s->vmstat, "pgfault", pgfault);
	kvlist_add(&s->vmstat, "pgmajfault", 10);
	kvlist_add(&s->vmstat, "pgscan_kswapd", pgfault / 10);
	kvlist_add(&s->vmstat, "pgscan_direct", pgfault / 100);
	kvlist_add(&s->vmstat, "pswpin", 0);
	kvlist_add(&s->vmstat, "pswpout", 0);
}

/* pss_kb < 0: unknown (smaps_rollup not readable). */
static struct proc *add_proc(struct snapshot *s, int64_t pid,
                             const char *comm, int64_t rss_kb, int64_t pss_kb,
                             int64_t minflt)
{
	struct proc *p;

	s->processes = xrealloc(s->processes,
	                        (s->nprocesses + 1) * sizeof(*s->processes));
	p = &s->processes[s->nprocesses++];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->user = xstrdup("root");
	p->comm = xstrdup(comm);
	p->rss_kb = rss_kb;
	p->vsz_kb = 100000 - rss_kb;
	p->minflt = minflt;
	p->start_ticks = 42;
	p->oom_score = rss_kb / 100;
	p->known = KNOWN(PROC_PID) | KNOWN(PROC_USER) | KNOWN(PROC_COMM) |
	           KNOWN(PROC_RSS) | KNOWN(PROC_VSZ) | KNOWN(PROC_MINFLT) |
	           KNOWN(PROC_MAJFLT) | KNOWN(PROC_START_TICKS) |
	           KNOWN(PROC_OOM_SCORE);
	if (pss_kb >= 0) {
		p->pss_kb = pss_kb;
		p->known |= KNOWN(PROC_PSS);
	} else {
		p->source_err[PROC_SRC_SMAPS_ROLLUP] = EACCES;
	}
	return p;
}

/* Processes 10..14: PSS unknown for 11 and 13. */
static struct snapshot *procs_snapshot(double time, int64_t fault_step)
{
	struct snapshot *s = base_snapshot(time);

	set_vmstat(s, 1000 + fault_step * 2, 7 + fault_step);
	add_proc(s, 10, "small", 100, 50, 5);
	add_proc(s, 11, "nopss-big", 9000, -1, 10 + fault_step * 3);
	add_proc(s, 12, "large", 5000, 4000, 20 + fault_step);
	add_proc(s, 13, "nopss-small", 200, -1, 30);
	add_proc(s, 14, EVIL_COMM, 3000, 2500, 40 + fault_step * 5);
	snapshot_sort_processes(s);
	return s;
}

/* ---- rendering -------------------------------------------------------- */

static char *render(int (*fn)(FILE *, const struct snapshot *,
                              const struct snapshot *,
                              const struct output_options *),
                    const struct snapshot *prev, const struct snapshot *cur,
                    const struct output_options *opts)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(fn(f, prev, cur, opts), 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(strlen(text), len); /* no NUL byte inside */
	return text;
}

static char *render_text(const struct snapshot *prev,
                         const struct snapshot *cur,
                         const struct output_options *opts)
{
	return render(output_text, prev, cur, opts);
}

/* The whole line of text that starts with prefix, or the test fails. */
static char *line_starting(const char *text, const char *prefix)
{
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			return xstrndup(p, strcspn(p, "\n"));
	fail_msg("no line starting with '%s' in:\n%s", prefix, text);
	return NULL;
}

static void assert_line(const char *text, const char *expected)
{
	char *prefix = xstrndup(expected, 8);
	char *line = line_starting(text, prefix);

	assert_string_equal(line, expected);
	free(line);
	free(prefix);
}

/* The pids of the rows of the table under the first header line that
 * contains header (after the line starting with after). */
static size_t table_pids(const char *text, const char *after,
                         const char *header, int64_t *pids, size_t max)
{
	const char *p = strstr(text, after);
	size_t n = 0;

	assert_non_null(p);
	p = strstr(p, header);
	assert_non_null(p);
	p = strchr(p, '\n');
	while (p && n < max) {
		long long pid;

		p++;
		if (sscanf(p, "%lld", &pid) != 1)
			break;
		pids[n++] = pid;
		p = strchr(p, '\n');
	}
	return n;
}

static void assert_terminal_safe(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			fail_msg("control byte 0x%02x at offset %td", *p,
			         (const char *)p - text);
}

static struct output_options views(unsigned v)
{
	return (struct output_options){ .format = OUTPUT_TEXT, .views = v };
}

#define VIEW(x) (1u << VIEW_##x)

/* ---- tests: overview -------------------------------------------------- */

static void test_overview_first_snapshot(void **state)
{
	struct snapshot *s = procs_snapshot(T0, 0);
	struct output_options o = views(0);
	char *out;

	(void)state;
	out = render_text(NULL, s, &o);
	assert_line(out, "memlens - 2023-11-14 22:13:20 +0000, host box, "
	                 "kernel 6.18.0, first snapshot: no rates yet");
	assert_line(out, "Mem:  16.0 GiB total, 8.0 GiB free, 12.0 GiB avail, "
	                 "4.0 GiB used, 3.0 GiB buff/cache");
	assert_line(out, "Swap: 2.0 GiB total, 1.0 GiB free, 1.0 GiB used, "
	                 "0 KiB cached; zswap n/a pool, n/a stored");
	assert_line(out, "Huge: 512 KiB AnonHugePages; commit 2.5 GiB of "
	                 "10.0 GiB limit (25.0%)");
	assert_line(out, "PSI:  n/a (psi): /proc/pressure/memory: gone");
	assert_line(out, "Rates/s: faults n/a, major n/a, refaults n/a, "
	                 "pgscan n/a, swapin n/a, swapout n/a");
	/* One node: no node lines; no view asked: no view block. */
	assert_null(strstr(out, "Node "));
	assert_null(strstr(out, "\n["));
	free(out);
	snapshot_free(s);
}

static void test_overview_rates(void **state)
{
	struct snapshot *prev = procs_snapshot(T0, 0);
	struct snapshot *cur = procs_snapshot(T0 + 2, 1000);
	struct output_options o = views(0);
	char *out;

	(void)state;
	out = render_text(prev, cur, &o);
	assert_line(out, "memlens - 2023-11-14 22:13:22 +0000, host box, "
	                 "kernel 6.18.0, interval 2.0 s");
	/* pgfault +2000 in 2 s; old-kernel refault counter +1000; pgscan =
	 * kswapd (+200) + direct (+20). */
	assert_line(out, "Rates/s: faults 1000.0, major 0.0, refaults 500.0, "
	                 "pgscan 110.0, swapin 0.0, swapout 0.0");
	free(out);
	snapshot_free(prev);
	snapshot_free(cur);
}

static void test_overview_counter_reset_is_na(void **state)
{
	struct snapshot *prev = procs_snapshot(T0, 1000);
	struct snapshot *cur = procs_snapshot(T0 + 2, 0); /* went backwards */
	struct output_options o = views(0);
	char *out;

	(void)state;
	out = render_text(prev, cur, &o);
	assert_non_null(strstr(out, "Rates/s: faults n/a,"));
	free(out);
	snapshot_free(prev);
	snapshot_free(cur);
}

static void test_overview_nodes(void **state)
{
	struct snapshot *s = base_snapshot(T0);
	struct output_options o = views(0);
	size_t count = 10;
	char *out;

	(void)state;
	s->known |= KNOWN(SEC_NUMA);
	s->numa.nodes = xcalloc(count, sizeof(*s->numa.nodes));
	s->numa.count = 2;
	for (size_t i = 0; i < count; i++) {
		struct numa_node *n = &s->numa.nodes[i];

		n->node = (int64_t)i;
		n->known = KNOWN(NUMA_MEMINFO) | (i ? KNOWN(NUMA_NUMASTAT) : 0);
		kvlist_add(&n->meminfo, "MemTotal", 8388608);
		kvlist_add(&n->meminfo, "MemFree", 1048576);
		kvlist_add(&n->numastat, "numa_miss", 7);
		kvlist_add(&n->numastat, "numa_foreign", 3);
	}
	out = render_text(NULL, s, &o);
	assert_line(out, "Node 0: 8.0 GiB total, 1.0 GiB free, numa_miss n/a, "
	                 "numa_foreign n/a pages");
	assert_line(out, "Node 1: 8.0 GiB total, 1.0 GiB free, numa_miss 7, "
	                 "numa_foreign 3 pages");
	free(out);
	/* Past eight nodes: four per line. */
	s->numa.count = count;
	out = render_text(NULL, s, &o);
	assert_null(strstr(out, "Node 0:"));
	assert_line(out, "Nodes free/total:  n0 1.0 GiB/8.0 GiB  n1 1.0 GiB/8.0 GiB"
	                 "  n2 1.0 GiB/8.0 GiB  n3 1.0 GiB/8.0 GiB");
	assert_line(out, "  n8 1.0 GiB/8.0 GiB  n9 1.0 GiB/8.0 GiB");
	free(out);
	snapshot_free(s);
}

/* ---- tests: process tables -------------------------------------------- */

static void test_procs_default_sort_pss_na_last(void **state)
{
	struct snapshot *s = procs_snapshot(T0, 0);
	struct output_options o = views(VIEW(PROCS));
	int64_t pids[8];
	char *out, *row;

	(void)state;
	out = render_text(NULL, s, &o);
	assert_non_null(strstr(out, "\n[procs] Processes\n"));
	assert_non_null(strstr(out, "5 of 5 processes, by PSS descending"));
	/* PSS 4000, 2500, 50, then the unknown ones by pid. */
	assert_int_equal(table_pids(out, "[procs]", "PID USER", pids, 8), 5);
	assert_int_equal(pids[0], 12);
	assert_int_equal(pids[1], 14);
	assert_int_equal(pids[2], 10);
	assert_int_equal(pids[3], 11);
	assert_int_equal(pids[4], 13);
	/* Unknown PSS prints n/a, never 0; rates are n/a on the first. */
	row = line_starting(out, " 11 root");
	assert_non_null(strstr(row, " n/a "));
	free(row);
	assert_non_null(strstr(out, "note: /proc/PID/smaps_rollup unreadable for 2 "
	                            "of 5 processes"));
	assert_non_null(strstr(out, "run as root"));
	free(out);
	snapshot_free(s);
}

static void test_procs_fallback_to_rss(void **state)
{
	struct snapshot *s = procs_snapshot(T0, 0);
	struct output_options o = views(VIEW(PROCS));
	int64_t pids[8];
	char *out;

	(void)state;
	for (size_t i = 0; i < s->nprocesses; i++)
		s->processes[i].known &= ~KNOWN(PROC_PSS);
	out = render_text(NULL, s, &o);
	assert_non_null(strstr(out, "by RSS descending (PSS unknown for all)"));
	assert_int_equal(table_pids(out, "[procs]", "PID USER", pids, 8), 5);
	assert_int_equal(pids[0], 11);
	assert_int_equal(pids[1], 12);
	assert_int_equal(pids[2], 14);
	assert_int_equal(pids[3], 13);
	assert_int_equal(pids[4], 10);
	free(out);
	snapshot_free(s);
}

static void test_procs_sort_ascending_extra_column(void **state)
{
	struct snapshot *s = procs_snapshot(T0, 0);
	struct output_options o = views(VIEW(PROCS));
	int64_t pids[8];
	char *out, *header;

	(void)state;
	o.sort_field = "vsz_kb"; /* not a default column: it is added */
	o.sort_ascending = true;
	out = render_text(NULL, s, &o);
	header = line_starting(out, "PID ");
	assert_non_null(strstr(header, " VSZ COMMAND"));
	free(header);
	/* vsz = 100000 - rss: ascending vsz is descending rss. */
	assert_int_equal(table_pids(out, "[procs]", "PID USER", pids, 8), 5);
	assert_int_equal(pids[0], 11);
	assert_int_equal(pids[4], 10);
	free(out);
	snapshot_free(s);
}

static void test_procs_sort_by_rate(void **state)
{
	struct snapshot *prev = procs_snapshot(T0, 0);
	struct snapshot *cur = procs_snapshot(T0 + 1, 100);
	struct output_options o = views(VIEW(PROCS));
	int64_t pids[8];
	char *out, *row;

	(void)state;
	o.sort_field = "minflt_rate";
	/* A new process with the same pid: no rate (start time differs). */
	cur->processes[0].start_ticks = 43;
	out = render_text(prev, cur, &o);
	assert_int_equal(table_pids(out, "[procs]", "PID USER", pids, 8), 5);
	/* Rates: 14 -> 500/s, 11 -> 300/s, 12 -> 100/s, 13 -> 0/s; 10 is
	 * another process now: n/a, last. */
	assert_int_equal(pids[0], 14);
	assert_int_equal(pids[1], 11);
	assert_int_equal(pids[2], 12);
	assert_int_equal(pids[3], 13);
	assert_int_equal(pids[4], 10);
	row = line_starting(out, " 14 root");
	assert_non_null(strstr(row, " 500.0 "));
	free(row);
	free(out);
	snapshot_free(prev);
	snapshot_free(cur);
}

static void test_procs_pid_filter_and_max_rows(void **state)
{
	struct snapshot *s = procs_snapshot(T0, 0);
	struct output_options o = views(VIEW(PROCS));
	int64_t wanted[] = { 13, 12, 99 };
	int64_t pids[8];
	char *out;

	(void)state;
	o.pids = wanted;
	o.npids = ARRAY_SIZE(wanted);
	out = render_text(NULL, s, &o);
	assert_non_null(strstr(out, "2 of 5 processes"));
	assert_int_equal(table_pids(out, "[procs]", "PID USER", pids, 8), 2);
	assert_int_equal(pids[0], 12);
	assert_int_equal(pids[1], 13);
	assert_non_null(strstr(out, "pid 99: no such process"));
	free(out);

	o.pids = NULL;
	o.npids = 0;
	o.max_rows = 2;
	out = render_text(NULL, s, &o);
	assert_int_equal(table_pids(out, "[procs]", "PID USER", pids, 8), 2);
	assert_non_null(strstr(out, "(3 more not shown)"));
	free(out);
	snapshot_free(s);
}

static void test_faults_and_oom_order(void **state)
{
	struct snapshot *prev = procs_snapshot(T0, 0);
	struct snapshot *cur = procs_snapshot(T0 + 1, 100);
	struct output_options o = views(VIEW(FAULTS) | VIEW(OOM));
	int64_t pids[8];
	char *out, *row;
	long long total;
	double rate;

	(void)state;
	out = render_text(prev, cur, &o);
	/* Idle processes (no faults in the interval) are left out. */
	assert_int_equal(table_pids(out, "[faults]", "PID USER", pids, 8), 3);
	assert_int_equal(pids[0], 14);
	assert_int_equal(pids[1], 11);
	assert_int_equal(pids[2], 12);
	assert_non_null(strstr(out, "(2 without faults in the interval not "
	                            "shown)"));
	row = line_starting(out, "pgfault ");
	assert_int_equal(sscanf(row, "pgfault %lld %lf", &total, &rate), 2);
	assert_int_equal(total, 1200);
	assert_true(rate == 200.0);
	free(row);
	/* oom_score = rss / 100, highest first. */
	assert_int_equal(table_pids(out, "[oom]", "PID USER", pids, 8), 5);
	assert_int_equal(pids[0], 11);
	assert_int_equal(pids[4], 10);
	free(out);
	snapshot_free(prev);
	snapshot_free(cur);
}

/* ---- tests: escaping -------------------------------------------------- */

static void test_hostile_strings_escaped(void **state)
{
	struct snapshot *s = procs_snapshot(T0, 0);
	struct output_options o = views((1u << VIEW_COUNT) - 1);
	char *out;

	(void)state;
	free(s->processes[1].comm);
	s->processes[1].comm = xstrdup("bad\xff\xfeutf8\xc2\x9b" "31m");
	free(s->processes[2].user);
	s->processes[2].user = xstrdup("a-very-long-user-name");
	free(s->hostname);
	s->hostname = xstrdup("host\r\n");
	s->known |= KNOWN(SEC_SLAB);
	s->slab = xcalloc(1, sizeof(*s->slab));
	s->nslab = 1;
	s->slab[0] = (struct slab_cache){
		.known = 1, .name = xstrdup("\033]0;x\007"), .num_objs = 10,
		.active_objs = 5, .objsize = 64, .num_slabs = 1,
		.pagesperslab = 1, .objperslab = 64 };
	out = render_text(NULL, s, &o);
	assert_terminal_safe(out);
	assert_non_null(strstr(out, "evil\\x1b[2J"));
	assert_non_null(strstr(out, "bad\\xff\\xfeutf8\\xc2\\x9b31m"));
	assert_non_null(strstr(out, "host host\\x0d\\x0a,"));
	assert_non_null(strstr(out, " \\x1b]0;x\\x07\n"));
	/* USER is cut to its width, marked like top does. */
	assert_non_null(strstr(out, " a-very-l+ "));
	free(out);
	snapshot_free(s);
}

static void test_escape_functions(void **state)
{
	char *e;
	int cols;
	bool cut;

	(void)state;
	e = escape_term("plain text", true);
	assert_string_equal(e, "plain text");
	free(e);
	e = escape_term("tab\there\\", false);
	assert_string_equal(e, "tab\\x09here\\");
	free(e);
	e = escape_term("\x7f\x01", true);
	assert_string_equal(e, "\\x7f\\x01");
	free(e);
	/* UTF-8: passes when the charset is UTF-8, escaped bytes otherwise. */
	e = escape_term("caf\xc3\xa9", true);
	assert_string_equal(e, "caf\xc3\xa9");
	free(e);
	e = escape_term("caf\xc3\xa9", false);
	assert_string_equal(e, "caf\\xc3\\xa9");
	free(e);
	/* Overlong '/', a surrogate, a truncated sequence, U+202E (RLO). */
	e = escape_term("\xc0\xaf|\xed\xa0\x80|\xe2\x82|\xe2\x80\xae", true);
	assert_string_equal(e, "\\xc0\\xaf|\\xed\\xa0\\x80|\\xe2\\x82|"
	                       "\\xe2\\x80\\xae");
	free(e);
	e = escape_term(NULL, true);
	assert_string_equal(e, "");
	free(e);
	/* Width limit: whole characters and whole escapes only. */
	e = escape_term_cols("ab\033cd", true, 5, &cols, &cut);
	assert_string_equal(e, "ab");
	assert_int_equal(cols, 2);
	assert_true(cut);
	free(e);
	e = escape_term_cols("ab\033cd", true, 6, &cols, &cut);
	assert_string_equal(e, "ab\\x1b");
	assert_int_equal(cols, 6);
	free(e);
	e = escape_term_cols("abc", true, 3, &cols, &cut);
	assert_string_equal(e, "abc");
	assert_false(cut);
	free(e);
	e = escape_term_cols("\xc3\xa9t\xc3\xa9", true, 2, &cols, &cut);
	assert_string_equal(e, "\xc3\xa9t");
	assert_int_equal(escape_width(e), 2);
	free(e);
}

/* ---- tests: missing data ---------------------------------------------- */

static void test_missing_reason_said_once(void **state)
{
	struct snapshot *s = base_snapshot(T0);
	struct output_options o = views(VIEW(PROCS) | VIEW(FAULTS) | VIEW(SLAB) |
	                                VIEW(VMAS));
	const char *reason = "/proc/slabinfo: Permission denied (run as root)";
	char *out, *first;

	(void)state;
	s->known &= ~KNOWN(SEC_PROCESSES);
	snapshot_set_unavailable(s, "processes", "libproc2 failed");
	snapshot_set_unavailable(s, "slab", reason);
	out = render_text(NULL, s, &o);
	first = strstr(out, "  n/a (processes): libproc2 failed\n");
	assert_non_null(first);
	assert_null(strstr(first + 20, "libproc2 failed"));
	assert_non_null(strstr(out, "  n/a (processes): see above\n"));
	assert_non_null(strstr(out, "\n[slab] Slab caches\n  n/a (slab): "
	                            "/proc/slabinfo: Permission denied"));
	assert_non_null(strstr(out, "\n[vmas] Mappings\n  n/a (vmas): not "
	                            "collected\n"));
	free(out);
	snapshot_free(s);
}

static void test_all_views_on_empty_snapshot(void **state)
{
	struct snapshot *s = snapshot_new();
	struct output_options o = views((1u << VIEW_COUNT) - 1);
	char *out;

	(void)state;
	out = render_text(NULL, s, &o);
	for (int v = 0; v < VIEW_COUNT; v++) {
		char *title = xasprintf("\n[%s] ", view_table[v].name);
		char *at = strstr(out, title);

		assert_non_null(at);
		assert_null(strstr(at + 1, title));
		free(title);
	}
	assert_non_null(strstr(out, "Mem:  n/a (meminfo): not collected"));
	assert_terminal_safe(out);
	free(out);
	snapshot_free(s);
}

static void test_views_with_data(void **state)
{
	struct snapshot *s = procs_snapshot(T0, 0);
	struct output_options o = views(VIEW(BUDDY) | VIEW(THP) | VIEW(LRU));
	int64_t blocks[] = { 5, 4, 3 };
	char *out;

	(void)state;
	s->known |= KNOWN(SEC_ZONES) | KNOWN(SEC_THP) | KNOWN(SEC_CGROUP) |
	            KNOWN(SEC_SYSCTL);
	s->zones = xcalloc(1, sizeof(*s->zones));
	s->nzones = 1;
	s->zones[0].zone = xstrdup("Normal");
	s->zones[0].free_blocks = xmalloc(sizeof(blocks));
	memcpy(s->zones[0].free_blocks, blocks, sizeof(blocks));
	s->zones[0].norders = 3;
	s->zones[0].free_pages = 17;
	s->zones[0].known = KNOWN(ZONE_FREE_BLOCKS) | KNOWN(ZONE_FREE);
	skvlist_add(&s->thp, "enabled", "always [madvise] never");
	skvlist_add(&s->thp, "hugepages-2048kB/enabled", "[inherit] never");
	skvlist_add(&s->thp, "hugepages-64kB/enabled", "never");
	skvlist_add(&s->sysctl, "swappiness", "60");
	s->cgroup.version = 2;
	s->cgroup.mount = xstrdup("/sys/fs/cgroup");
	s->cgroup.groups = xcalloc(2, sizeof(*s->cgroup.groups));
	s->cgroup.count = 2;
	s->cgroup.groups[0] = (struct cgroup_mem){
		.known = KNOWN(CG_USAGE) | KNOWN(CG_LIMIT),
		.path = xstrdup("/small"), .usage_kb = 10,
		.limit_kb = CGROUP_UNLIMITED };
	s->cgroup.groups[1] = (struct cgroup_mem){
		.known = KNOWN(CG_USAGE) | KNOWN(CG_LIMIT), .path = xstrdup("/big"),
		.usage_kb = 1000, .limit_kb = 2048 };
	out = render_text(NULL, s, &o);
	/* Free pages known, watermarks not read: n/a, never 0. */
	assert_non_null(strstr(out, "   0 Normal   17   n/a n/a n/a  n/a"));
	assert_non_null(strstr(out, "   0 Normal all  5 4 3"));
	assert_non_null(strstr(out, "\n     64 never\n   2048 inherit\n"));
	assert_non_null(strstr(out, "  vm: swappiness=60\n"));
	/* Largest group first; no limit prints as max. */
	assert_non_null(strstr(out, " 1000  2048  n/a  n/a     n/a /big\n"));
	assert_non_null(strstr(out, "   10   max  n/a  n/a     n/a /small\n"));
	/* No line ends in a blank. */
	assert_null(strstr(out, " \n"));
	free(out);
	snapshot_free(s);
}

/* ---- tests: write errors ---------------------------------------------- */

static void test_write_error_enospc(void **state)
{
	struct snapshot *s = procs_snapshot(T0, 0);
	struct output_options o = views((1u << VIEW_COUNT) - 1);
	FILE *full = fopen("/dev/full", "w");

	(void)state;
	if (!full)
		skip();
	assert_int_equal(output_text(full, NULL, s, &o), -ENOSPC);
	fclose(full);
	full = fopen("/dev/full", "w");
	assert_int_equal(output_openmetrics(full, NULL, s, &o), -ENOSPC);
	fclose(full);
	snapshot_free(s);
}

static void test_write_error_epipe(void **state)
{
	struct snapshot *s = procs_snapshot(T0, 0);
	struct output_options o = views(VIEW(PROCS));
	int fds[2];
	FILE *f;

	(void)state;
	signal(SIGPIPE, SIG_IGN);
	assert_int_equal(pipe(fds), 0);
	close(fds[0]);
	f = fdopen(fds[1], "w");
	assert_non_null(f);
	assert_int_equal(output_text(f, NULL, s, &o), -EPIPE);
	fclose(f);
	snapshot_free(s);
}

/* ---- tests: openmetrics ----------------------------------------------- */

static void test_openmetrics_families(void **state)
{
	struct snapshot *s = procs_snapshot(T0, 0);
	struct output_options o = { .format = OUTPUT_OPENMETRICS };
	char *out;
	size_t len;

	(void)state;
	s->known |= KNOWN(SEC_SLAB);
	s->slab = xcalloc(1, sizeof(*s->slab));
	s->nslab = 1;
	s->slab[0] = (struct slab_cache){ .known = 1,
	                                  .name = xstrdup("q\"b\\s\033"),
	                                  .num_objs = 10, .active_objs = 5,
	                                  .objsize = 64, .num_slabs = 2,
	                                  .pagesperslab = 1 };
	out = render(output_openmetrics, NULL, s, &o);
	assert_non_null(strstr(out,
	                       "# TYPE memlens_meminfo_mem_total_bytes gauge\n"
	                       "# UNIT memlens_meminfo_mem_total_bytes bytes\n"
	                       "memlens_meminfo_mem_total_bytes 17179869184\n"));
	assert_non_null(strstr(out,
	                       "memlens_meminfo_sreclaimable_bytes 1073741824\n"));
	assert_non_null(strstr(out,
	                       "memlens_meminfo_hugepages{state=\"total\"} 0\n"));
	assert_non_null(strstr(out, "# TYPE memlens_vmstat_pgfault_total counter\n"
	                            "memlens_vmstat_pgfault_total 1000\n"));
	assert_non_null(strstr(out, "# TYPE memlens_vmstat_nr_free_pages gauge\n"));
	/* q"b\s ESC: made terminal-safe (\x1b), then each \ and " escaped. */
	assert_non_null(strstr(out, "memlens_slab_size_bytes{cache="
	                            "\"q\\\"b\\\\s\\\\x1b\"} 8192\n"));
	assert_non_null(strstr(out, "memlens_unavailable{source=\"psi\"} 1\n"));
	/* System-wide only; the end marker last. */
	assert_null(strstr(out, "evil"));
	assert_null(strstr(out, "pid="));
	len = strlen(out);
	assert_true(len > 6);
	assert_string_equal(out + len - 6, "# EOF\n");
	assert_terminal_safe(out);
	free(out);
	snapshot_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overview_first_snapshot),
		cmocka_unit_test(test_overview_rates),
		cmocka_unit_test(test_overview_counter_reset_is_na),
		cmocka_unit_test(test_overview_nodes),
		cmocka_unit_test(test_procs_default_sort_pss_na_last),
		cmocka_unit_test(test_procs_fallback_to_rss),
		cmocka_unit_test(test_procs_sort_ascending_extra_column),
		cmocka_unit_test(test_procs_sort_by_rate),
		cmocka_unit_test(test_procs_pid_filter_and_max_rows),
		cmocka_unit_test(test_faults_and_oom_order),
		cmocka_unit_test(test_hostile_strings_escaped),
		cmocka_unit_test(test_escape_functions),
		cmocka_unit_test(test_missing_reason_said_once),
		cmocka_unit_test(test_all_views_on_empty_snapshot),
		cmocka_unit_test(test_views_with_data),
		cmocka_unit_test(test_write_error_enospc),
		cmocka_unit_test(test_write_error_epipe),
		cmocka_unit_test(test_openmetrics_families),
	};

	/* Exact times in the overview; the C locale: non-ASCII is escaped. */
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
