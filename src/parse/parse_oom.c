/*
 * parse_oom.c - the OOM killer's reports in the kernel log (kernel-spec.md
 * 1.7): the header ("COMM invoked oom-killer: gfp_mask=..., order=N,
 * oom_score_adj=N"), the memcg usage lines, the task dump, the
 * "oom-kill:constraint=..." line and "...: Killed process PID (COMM) ...",
 * which closes a report.  The formats are those of mm/oom_kill.c and
 * mm/memcontrol.c from 5.15 to 6.18 (the task dump gained rss_anon,
 * rss_file and rss_shmem in 6.8); older kernels print the same lines, and
 * what a line lacks stays unknown.
 *
 * Lines are /dev/kmsg records ("PRIO,SEQ,USEC,FLAGS;message") or dmesg
 * lines ("[ SECONDS] message", or bare messages); kmsg continuation lines
 * (" KEY=value") are skipped.
 *
 * Must not: open files, or keep a report that was cut before its "Killed
 * process" line (a rate-limited or interleaved report).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "schema.h"
#include "util.h"

struct oom_parse {
	struct oom_log *log;
	struct oom_report *cur; /* the report being read, or NULL */
	size_t tasks_cap;
	size_t reports_cap;
	bool rss_parts;         /* the task dump header names rss_anon */
};

/* One log line: its time (seconds since boot, < 0 unknown) and message. */
struct log_line {
	double time_s;
	const char *msg;
	size_t len;
};

/* "6,1234,5678901,-;message": the message after ';', the time in us. */
static bool kmsg_line(const char *s, size_t len, struct log_line *out)
{
	const char *semi = memchr(s, ';', len);
	unsigned long long usec;
	int prio, consumed = 0;
	unsigned long long seq;

	if (!semi || sscanf(s, "%d,%llu,%llu%n", &prio, &seq, &usec,
	                    &consumed) != 3 || consumed <= 0 ||
	    (s[consumed] != ',' && s[consumed] != ';'))
		return false;
	out->time_s = (double)usec / 1e6;
	out->msg = semi + 1;
	out->len = len - (size_t)(semi + 1 - s);
	return true;
}

/* "[  655.941638] message" */
static bool dmesg_line(const char *s, size_t len, struct log_line *out)
{
	double seconds;
	int consumed = 0;

	if (len < 3 || s[0] != '[' ||
	    sscanf(s, "[ %lf]%n", &seconds, &consumed) != 1 || consumed <= 0)
		return false;
	out->time_s = seconds;
	out->msg = s + consumed;
	if (*out->msg == ' ')
		out->msg++;
	out->len = len - (size_t)(out->msg - s);
	return true;
}

static void split_line(const char *s, size_t len, struct log_line *out)
{
	if (kmsg_line(s, len, out) || dmesg_line(s, len, out))
		return;
	out->time_s = -1;
	out->msg = s;
	out->len = len;
}

/* ---- building reports ------------------------------------------------- */

static void report_drop(struct oom_parse *ps)
{
	if (!ps->cur)
		return;
	schema_free_entity(&oom_report_schema, ps->cur);
	free(ps->cur);
	ps->cur = NULL;
}

static void report_keep(struct oom_parse *ps)
{
	struct oom_log *log = ps->log;

	xgrow((void **)&log->reports, &ps->reports_cap, log->count + 1,
	      sizeof(*log->reports));
	log->reports[log->count++] = *ps->cur;
	free(ps->cur);
	ps->cur = NULL;
}

/* A copy of the text between start and the first of stop (or the end). */
static char *copy_until(const char *start, const char *end, const char *stop)
{
	size_t n = strcspn(start, stop);

	if (start + n > end)
		n = (size_t)(end - start);
	return xstrndup(start, n);
}

/* "COMM invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0,
 * oom_score_adj=0" */
static void header_line(struct oom_parse *ps, const struct log_line *l,
                        const char *mark)
{
	struct oom_report *r;
	const char *end = l->msg + l->len, *p;
	int order, adj;

	report_drop(ps);
	r = ps->cur = xcalloc(1, sizeof(*r));
	ps->tasks_cap = 0;
	ps->rss_parts = false;
	if (l->time_s >= 0) {
		r->time_s = l->time_s;
		r->known |= KNOWN(ORP_TIME);
	}
	r->invoker = xstrndup(l->msg, (size_t)(mark - l->msg));
	p = strstr(mark, "gfp_mask=");
	if (p && p < end)
		r->gfp_mask = copy_until(p + 9, end, ",\n");
	p = strstr(mark, "order=");
	if (p && p < end && sscanf(p, "order=%d", &order) == 1)
		r->order = order;
	p = strstr(mark, "oom_score_adj=");
	if (p && p < end && sscanf(p, "oom_score_adj=%d", &adj) == 1)
		r->invoker_adj = adj;
	r->known |= KNOWN(ORP_INVOKER);
}

/* The value of key=value in a comma-separated line, copied. */
static char *key_value(const char *line, const char *end, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = line; p && p < end; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (strncmp(p, key, klen) == 0 && p[klen] == '=')
			return copy_until(p + klen + 1, end, ",\n");
	}
	return NULL;
}

/* Sets a text member, freeing what an earlier line put there. */
static void set_text(char **member, char *value)
{
	free(*member);
	*member = value;
}

/* "oom-kill:constraint=...,nodemask=...,cpuset=...,mems_allowed=...,
 * [oom_memcg=...,task_memcg=...,]task=...,pid=...,uid=..."  A report has
 * one; should a damaged log hold two, the last one counts. */
static void constraint_line(struct oom_parse *ps, const struct log_line *l,
                            const char *mark)
{
	struct oom_report *r = ps->cur;
	const char *end = l->msg + l->len, *body = mark + strlen("oom-kill:");

	r->known &= ~(KNOWN(ORP_CONSTRAINT) | KNOWN(ORP_MEMCG));
	set_text(&r->constraint, key_value(body, end, "constraint"));
	set_text(&r->nodemask, key_value(body, end, "nodemask"));
	set_text(&r->cpuset, key_value(body, end, "cpuset"));
	set_text(&r->mems_allowed, key_value(body, end, "mems_allowed"));
	if (r->constraint)
		r->known |= KNOWN(ORP_CONSTRAINT);
	set_text(&r->oom_memcg, key_value(body, end, "oom_memcg"));
	set_text(&r->task_memcg, key_value(body, end, "task_memcg"));
	if (r->oom_memcg)
		r->known |= KNOWN(ORP_MEMCG);
}

/* "memory: usage 1024kB, limit 1024kB, failcnt 12" and the swap lines. */
static void memcg_line(struct oom_parse *ps, const char *msg)
{
	struct oom_report *r = ps->cur;
	unsigned long long usage, limit;

	if (sscanf(msg, "memory: usage %llukB, limit %llukB", &usage,
	           &limit) == 2) {
		r->memcg_usage_kb = (int64_t)usage;
		r->memcg_limit_kb = (int64_t)limit;
		r->known |= KNOWN(ORP_MEMCG_USAGE);
	} else if (sscanf(msg, "memory+swap: usage %llukB, limit %llukB",
	                  &usage, &limit) == 2) {
		r->memcg_memsw_limit_kb = (int64_t)limit;
		r->known |= KNOWN(ORP_MEMCG_MEMSW);
	} else if (sscanf(msg, "swap: usage %llukB, limit %llukB", &usage,
	                  &limit) == 2) {
		r->memcg_swap_limit_kb = (int64_t)limit;
		r->known |= KNOWN(ORP_MEMCG_SWAP);
	}
}

/* "[   1234]     0  1234    12345     6789 ..." of the task dump. */
static void task_line(struct oom_parse *ps, const char *msg)
{
	struct oom_report *r = ps->cur;
	struct oom_task t = { 0 };
	long long v[11];
	int consumed = 0, n;

	if (ps->rss_parts)
		n = sscanf(msg, "[%lld] %lld %lld %lld %lld %lld %lld %lld %lld "
		           "%lld %lld %n", &v[0], &v[1], &v[2], &v[3], &v[4],
		           &v[5], &v[6], &v[7], &v[8], &v[9], &v[10], &consumed);
	else
		n = sscanf(msg, "[%lld] %lld %lld %lld %lld %lld %lld %lld %n",
		           &v[0], &v[1], &v[2], &v[3], &v[4], &v[8], &v[9], &v[10],
		           &consumed);
	if (n != (ps->rss_parts ? 11 : 8) || consumed <= 0)
		return;
	t = (struct oom_task){
		.known = KNOWN(OT_LINE), .pid = v[0], .uid = v[1], .tgid = v[2],
		.total_vm_pages = v[3], .rss_pages = v[4], .pgtables_bytes = v[8],
		.swapents_pages = v[9], .oom_score_adj = v[10],
		.name = xstrndup(msg + consumed, strcspn(msg + consumed, "\n")),
	};
	if (ps->rss_parts) {
		t.rss_anon_pages = v[5];
		t.rss_file_pages = v[6];
		t.rss_shmem_pages = v[7];
		t.known |= KNOWN(OT_RSS_PARTS);
	}
	xgrow((void **)&r->tasks, &ps->tasks_cap, r->ntasks + 1,
	      sizeof(*r->tasks));
	r->tasks[r->ntasks++] = t;
	r->known |= KNOWN(ORP_TASKS);
}

/* "Out of memory: Killed process 1234 (comm) total-vm:...kB, anon-rss:...kB,
 * file-rss:...kB, shmem-rss:...kB, UID:0 pgtables:...kB oom_score_adj:0" */
static void killed_line(struct oom_parse *ps, const struct log_line *l,
                        const char *mark)
{
	struct oom_report *r = ps->cur;
	const char *end = l->msg + l->len, *open, *close, *p;
	long long pid;
	unsigned long long vm, anon, file, shmem, pt;
	unsigned uid;
	int adj;

	if (sscanf(mark, "Killed process %lld", &pid) != 1)
		return;
	open = strchr(mark, '(');
	p = open ? strstr(open, ") total-vm:") : NULL;
	close = p;
	if (!open || !close || close > end)
		return;
	r->killed_by = xstrndup(l->msg, (size_t)(mark - l->msg) >= 2
	                                        ? (size_t)(mark - l->msg) - 2
	                                        : 0);
	r->victim_pid = pid;
	r->victim_comm = xstrndup(open + 1, (size_t)(close - open - 1));
	if (sscanf(close, ") total-vm:%llukB, anon-rss:%llukB, file-rss:%llukB, "
	           "shmem-rss:%llukB, UID:%u pgtables:%llukB oom_score_adj:%d",
	           &vm, &anon, &file, &shmem, &uid, &pt, &adj) == 7) {
		r->victim_total_vm_kb = (int64_t)vm;
		r->victim_anon_rss_kb = (int64_t)anon;
		r->victim_file_rss_kb = (int64_t)file;
		r->victim_shmem_rss_kb = (int64_t)shmem;
		r->victim_uid = uid;
		r->victim_pgtables_kb = (int64_t)pt;
		r->victim_adj = adj;
	}
	r->known |= KNOWN(ORP_KILLED);
	report_keep(ps);
}

static void report_line(struct oom_parse *ps, const struct log_line *l,
                        const char *msg)
{
	const char *mark;

	if ((mark = strstr(msg, "oom-kill:constraint=")))
		constraint_line(ps, l, mark);
	else if (strncmp(msg, "memory", 6) == 0 || strncmp(msg, "swap:", 5) == 0)
		memcg_line(ps, msg);
	else if (strncmp(msg, "[  pid  ]", 9) == 0)
		ps->rss_parts = strstr(msg, "rss_anon") != NULL;
	else if (msg[0] == '[')
		task_line(ps, msg);
	else if ((mark = strstr(msg, "Killed process ")))
		killed_line(ps, l, mark);
}

static void one_line(struct oom_parse *ps, const char *s, size_t len)
{
	struct log_line l;
	const char *mark;
	char *msg;

	if (len == 0 || s[0] == ' ')
		return; /* kmsg continuation: " SUBSYSTEM=..." */
	split_line(s, len, &l);
	msg = xstrndup(l.msg, l.len);
	l.msg = msg;
	if ((mark = strstr(msg, " invoked oom-killer:")))
		header_line(ps, &l, mark);
	else if (ps->cur)
		report_line(ps, &l, msg);
	free(msg);
}

int parse_oom_log(const char *text, struct oom_log *log)
{
	struct oom_parse ps = { .log = log, .reports_cap = log->count };
	size_t lines = 0;

	if (!text)
		return -EINVAL;
	for (const char *s = text; *s;) {
		size_t len = strcspn(s, "\n");

		one_line(&ps, s, len);
		lines += len > 0;
		s += len;
		if (*s == '\n')
			s++;
	}
	report_drop(&ps);
	return lines > 0 ? 0 : -EINVAL;
}
