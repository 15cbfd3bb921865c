/*
 * procs_read.c - our own reads of /proc/PID files for the process collector:
 * status (memory lines, the exact comm, Mems_allowed_list, CapEff),
 * oom_score and oom_score_adj, cmdline, the memory cgroup and smaps_rollup
 * (or smaps, summed, before 4.14), and for the OOM model stat's rss again
 * and wchan, each read whole into one reused buffer through an fd on /proc and
 * parsed into struct proc (parse.h).  Every open is counted, for
 * proc_collector_reads().
 *
 * Must not: decide what to read (procs_budget.c does), allocate per file
 * read except the strings the snapshot keeps, write to /proc, or report a
 * value it could not read as 0: such values keep their known bit clear and
 * say why in source_err.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"
#include "procs_internal.h"
#include "util.h"

/* No /proc file we read is larger; cmdline is bounded by ARG_MAX. */
#define PID_FILE_MAX_BYTES (16u << 20)

static const char *const pid_file_names[PID_FILE_COUNT] = {
	[PID_FILE_STATUS] = "status",
	[PID_FILE_OOM_SCORE] = "oom_score",
	[PID_FILE_OOM_SCORE_ADJ] = "oom_score_adj",
	[PID_FILE_CMDLINE] = "cmdline",
	[PID_FILE_CGROUP] = "cgroup",
	[PID_FILE_SMAPS_ROLLUP] = "smaps_rollup",
	[PID_FILE_SMAPS] = "smaps",
	[PID_FILE_STAT] = "stat",
	[PID_FILE_WCHAN] = "wchan",
};

int procs_read_open(struct procs_reader *r)
{
	r->proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return r->proc_fd < 0 ? -errno : 0;
}

void procs_read_close(struct procs_reader *r)
{
	if (r->proc_fd >= 0)
		close(r->proc_fd);
	r->proc_fd = -1;
	free(r->buf);
	r->buf = NULL;
	r->buf_cap = 0;
}

static void buf_reserve(struct procs_reader *r, size_t need)
{
	xgrow((void **)&r->buf, &r->buf_cap, need, 1);
}

/*
 * Reads /proc/PID/FILE whole into r->buf (NUL-terminated; the file itself
 * may contain NULs, as cmdline does).  Returns the length or -errno.
 */
static ssize_t read_pid_file(struct procs_reader *r, int pid,
                             enum pid_file file)
{
	char path[64];
	size_t used = 0;
	int fd;

	r->reads[file]++;
	snprintf(path, sizeof(path), "%d/%s", pid, pid_file_names[file]);
	fd = openat(r->proc_fd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	buf_reserve(r, 4096);
	for (;;) {
		ssize_t n;

		if (r->buf_cap - used < 2) {
			if (r->buf_cap >= PID_FILE_MAX_BYTES)
				break;
			buf_reserve(r, r->buf_cap * 2);
		}
		n = read(fd, r->buf + used, r->buf_cap - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			close(fd);
			return -err;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	r->buf[used] = '\0';
	return (ssize_t)used;
}

/*
 * The Name line of status, unescaped.  The kernel prints comm there with only
 * '\\' and '\n' escaped (proc_task_name), so this gives back its exact bytes,
 * which libproc2's PIDS_CMD does not (it turns non-printable bytes into '.').
 */
static char *status_comm(const char *status)
{
	const char *s = status, *end;
	char *out, *o;

	while (strncmp(s, "Name:", 5) != 0) {
		s = strchr(s, '\n');
		if (!s)
			return NULL;
		s++;
	}
	s += 5;
	if (*s == '\t')
		s++; /* the kernel's separator; a comm may start with blanks */
	else
		s += strspn(s, " \t"); /* hand-edited captures */
	end = strchrnul(s, '\n');
	out = o = xmalloc((size_t)(end - s) + 1);
	for (; s < end; s++) {
		if (*s == '\\' && s + 1 < end && (s[1] == '\\' || s[1] == 'n')) {
			*o++ = s[1] == 'n' ? '\n' : '\\';
			s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* The Mems_allowed_list line of status ("0-1"), or NULL. */
static char *status_mems_allowed(const char *status)
{
	static const char key[] = "\nMems_allowed_list:";
	const char *s = strstr(status, key), *end;

	if (!s)
		return NULL;
	s += sizeof(key) - 1;
	s += strspn(s, " \t");
	end = strchrnul(s, '\n');
	return xstrndup(s, (size_t)(end - s));
}

/* The CapEff line of status (hexadecimal): false when absent. */
static bool status_cap_eff(const char *status, int64_t *mask)
{
	static const char key[] = "\nCapEff:";
	const char *s = strstr(status, key);
	char *end;
	unsigned long long v;

	if (!s)
		return false;
	s += sizeof(key) - 1;
	errno = 0;
	v = strtoull(s, &end, 16);
	if (end == s || errno || v > INT64_MAX)
		return false;
	*mask = (int64_t)v;
	return true;
}

/* Whether /proc/PID is still there (a capture may just lack a file). */
static bool pid_dir_exists(const struct procs_reader *r, int pid)
{
	char name[16];

	snprintf(name, sizeof(name), "%d", pid);
	return faccessat(r->proc_fd, name, F_OK, 0) == 0;
}

/*
 * status: memory lines and comm.  Returns -ESRCH when the process is gone
 * (the caller drops it), 0 otherwise.
 */
int procs_read_status(struct procs_reader *r, struct proc *p)
{
	ssize_t len = read_pid_file(r, (int)p->pid, PID_FILE_STATUS);

	if ((len == -ENOENT || len == -ESRCH) &&
	    !pid_dir_exists(r, (int)p->pid))
		return -ESRCH;
	if (len < 0) {
		p->source_err[PROC_SRC_STATUS] = (int)-len;
		return 0;
	}
	p->source_err[PROC_SRC_STATUS] = 0;
	/* -EINVAL: no VmRSS line, as for kernel threads and zombies, whose
	 * memory is then unknown (they have none to show). */
	(void)parse_status_memory(r->buf, p);
	p->comm = status_comm(r->buf);
	if (p->comm)
		p->known |= KNOWN(PROC_COMM);
	p->mems_allowed = status_mems_allowed(r->buf);
	if (p->mems_allowed)
		p->known |= KNOWN(PROC_MEMS_ALLOWED);
	if (status_cap_eff(r->buf, &p->cap_eff))
		p->known |= KNOWN(PROC_CAP_EFF);
	return 0;
}

/* cmdline: the arguments joined by spaces, bytes as the kernel has them. */
void procs_read_cmdline(struct procs_reader *r, struct proc *p)
{
	ssize_t len = read_pid_file(r, (int)p->pid, PID_FILE_CMDLINE);

	if (len < 0)
		return; /* unknown: gone, or not in a capture */
	while (len > 0 && r->buf[len - 1] == '\0')
		len--;
	for (ssize_t i = 0; i < len; i++)
		if (r->buf[i] == '\0')
			r->buf[i] = ' ';
	p->cmdline = xstrndup(r->buf, (size_t)len);
	p->known |= KNOWN(PROC_CMDLINE);
}

/* cgroup: the memory controller's path; unknown when the file is missing
 * or names none. */
void procs_read_cgroup(struct procs_reader *r, struct proc *p)
{
	if (read_pid_file(r, (int)p->pid, PID_FILE_CGROUP) < 0)
		return;
	p->cgroup = parse_cgroup_memory_path(r->buf);
	if (p->cgroup)
		p->known |= KNOWN(PROC_CGROUP);
}

/* A file holding one decimal integer. Returns 0 or -errno. */
static int read_pid_int(struct procs_reader *r, int pid,
                        enum pid_file file, int64_t *value)
{
	ssize_t len = read_pid_file(r, pid, file);
	char *end;
	int rc;

	if (len < 0)
		return (int)len;
	rc = parse_int64(r->buf, &end, value);
	if (rc < 0)
		return rc;
	if (end[strspn(end, " \t\n")] != '\0')
		return -EINVAL;
	return 0;
}

void procs_read_oom(struct procs_reader *r, struct proc *p)
{
	int rc_score, rc_adj;

	rc_score = read_pid_int(r, (int)p->pid, PID_FILE_OOM_SCORE,
	                        &p->oom_score);
	if (rc_score == 0)
		p->known |= KNOWN(PROC_OOM_SCORE);
	rc_adj = read_pid_int(r, (int)p->pid, PID_FILE_OOM_SCORE_ADJ,
	                      &p->oom_score_adj);
	if (rc_adj == 0)
		p->known |= KNOWN(PROC_OOM_SCORE_ADJ);
	p->source_err[PROC_SRC_OOM] = rc_score < 0 ? -rc_score : -rc_adj;
}

/* stat's rss (field 24) now, or -errno. */
static int read_stat_rss(struct procs_reader *r, int pid, int64_t *rss_pages)
{
	ssize_t len = read_pid_file(r, pid, PID_FILE_STAT);

	if (len < 0)
		return (int)len;
	return parse_stat_field(r->buf, 24, rss_pages);
}

/*
 * The OOM killer's inputs, bracketed by two reads of oom_score: when both
 * reads agree and stat's rss is still what libproc2 read, the score belongs
 * to the inputs the snapshot holds (a change that undoes itself between the
 * two reads is not seen).  oom_score keeps the second read.
 */
int procs_read_oom_inputs(struct procs_reader *r, struct proc *p)
{
	int64_t first = 0, rss_pages = -1;
	int rc_first, rc_rss;

	rc_first = read_pid_int(r, (int)p->pid, PID_FILE_OOM_SCORE, &first);
	rc_rss = read_stat_rss(r, (int)p->pid, &rss_pages);
	if (procs_read_status(r, p) < 0)
		return -ESRCH;
	procs_read_oom(r, p);
	if (!(p->known & KNOWN(PROC_OOM_SCORE)))
		return 0;
	p->oom_score_stable = rc_first == 0 && rc_rss == 0 &&
	                      first == p->oom_score &&
	                      (p->known & KNOWN(PROC_STAT_RSS)) &&
	                      rss_pages == p->stat_rss_pages;
	p->known |= KNOWN(PROC_OOM_SCORE_STABLE);
	return 0;
}

int procs_read_wchan(struct procs_reader *r, int pid, char *out, size_t len)
{
	ssize_t n = read_pid_file(r, pid, PID_FILE_WCHAN);

	if (n < 0)
		return (int)n;
	snprintf(out, len, "%.*s", (int)strcspn(r->buf, "\n"), r->buf);
	return 0;
}

/*
 * Reads smaps_rollup (smaps, summed, on kernels before 4.14 that lack it).
 * A process that exits meanwhile keeps what was read before, with the
 * smaps values unknown.
 */
void procs_read_smaps(struct procs_reader *r, struct proc *p)
{
	ssize_t len = read_pid_file(r, (int)p->pid, PID_FILE_SMAPS_ROLLUP);
	int rc;

	if (len == -ENOENT)
		len = read_pid_file(r, (int)p->pid, PID_FILE_SMAPS);
	p->smaps_time = now_seconds(); /* the attempt; known only on success */
	if (len < 0) {
		p->source_err[PROC_SRC_SMAPS_ROLLUP] = (int)-len;
		return;
	}
	rc = parse_smaps_rollup(r->buf, p);
	if (rc < 0) {
		p->known &= ~SMAPS_BITS;
		p->source_err[PROC_SRC_SMAPS_ROLLUP] = -rc;
		return;
	}
	p->known |= KNOWN(PROC_SMAPS_TIME);
	p->source_err[PROC_SRC_SMAPS_ROLLUP] = 0;
}

