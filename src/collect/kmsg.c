/*
 * kmsg.c - the "oom_log" section: the OOM killer's past reports in the
 * kernel log, read from /dev/kmsg (every record still in the ring buffer,
 * oldest first, without consuming them: each reader has its own position)
 * and parsed by parse_oom_log().  Read only when asked (--sim oom).
 *
 * /dev/kmsg needs CAP_SYSLOG when kernel.dmesg_restrict is 1 (dmesg(1)
 * reads the same buffer through the same check), so without it the section
 * is unavailable with the reason.  A captured tree (--root) has no kernel
 * log.
 *
 * Must not: write to /dev/kmsg (a write would add a log line), block, or
 * read more than KMSG_MAX_BYTES.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "parse.h"
#include "sources.h"
#include "util.h"

#define KMSG_PATH "/dev/kmsg"
#define KMSG_RECORD_MAX 8192          /* a record is at most 1 KiB + dict */
#define KMSG_MAX_BYTES (64u << 20)    /* log_buf_len is at most 32 MiB */

struct kmsg_text {
	char *buf;
	size_t len, cap;
};

/* One record appended as a line: 0, -EAGAIN past the last, or -errno. */
static int kmsg_read_record(int fd, struct kmsg_text *t)
{
	ssize_t n;

	xgrow((void **)&t->buf, &t->cap, t->len + KMSG_RECORD_MAX + 2, 1);
	n = read(fd, t->buf + t->len, KMSG_RECORD_MAX);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -EAGAIN;
	t->len += (size_t)n;
	if (t->buf[t->len - 1] != '\n')
		t->buf[t->len++] = '\n';
	t->buf[t->len] = '\0';
	return 0;
}

/* Every record in the ring buffer.  0, or -errno of the open or the first
 * read. */
static int kmsg_read_all(struct kmsg_text *t)
{
	int fd = open(KMSG_PATH, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return -errno;
	while (t->len < KMSG_MAX_BYTES) {
		rc = kmsg_read_record(fd, t);
		if (rc == -EPIPE || rc == -EINTR)
			continue; /* overwritten while read: go on */
		if (rc < 0)
			break;
	}
	close(fd);
	if (rc == -EAGAIN || rc == 0)
		return 0;
	return t->len > 0 ? 0 : rc;
}

void collect_oom_log(struct snapshot *snap, const char *root)
{
	struct kmsg_text t = { 0 };
	int rc;

	if (!collect_is_live(root)) {
		collect_mark_reason(snap, "oom_log",
		                    xstrdup(_("the kernel log is read only from "
		                              "the live system, not under "
		                              "--root")));
		return;
	}
	rc = kmsg_read_all(&t);
	if (rc == -EPERM || rc == -EACCES) {
		collect_mark_reason(snap, "oom_log",
		                    xasprintf(_("%s: %s (run as root, or set "
		                                "kernel.dmesg_restrict=0)"),
		                              KMSG_PATH, strerror(-rc)));
	} else if (rc < 0) {
		collect_mark_unreadable(snap, "oom_log", KMSG_PATH, rc);
	} else {
		if (t.len > 0)
			parse_oom_log(t.buf, &snap->oom_log);
		snap->oom_log.known |= KNOWN(0);
		snap->known |= KNOWN(SEC_OOM_LOG);
	}
	free(t.buf);
}
