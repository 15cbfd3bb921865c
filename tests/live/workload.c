/*
 * workload.c - runs a workload file (include/workload.h) for real, so that
 * tests/live/lru_workload.sh can compare the kernel's memory.stat with what
 * the lru engine predicts for the same file.
 *
 *   workload -g CGROUP_DIR [-d DATA_DIR] FILE
 *
 * It creates the files of "read SIZE" steps in DATA_DIR (default: the
 * workload file's directory), drops every file it will read from the page
 * cache, moves itself into CGROUP_DIR, plays the steps (limit and
 * swappiness are written to the group's files; swap is the caller's: it
 * prints a note), prints the group's memory.stat, and exits.  Reads are
 * read() calls of 1 MiB; anonymous memory is one mapping written a byte a
 * page.
 *
 * Must not: run outside the cgroup it is given (the steps would press on
 * the whole machine).  A helper of the tests, not a test.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "util.h"
#include "workload.h"

#define READ_CHUNK (1 << 20)
#define PAGE 4096

struct run {
	const char *cgroup;
	const char *data_dir;
	const char *workload_path;
	struct workload w;
	char **paths;       /* of each read step */
	unsigned char *anon; /* the anonymous mapping */
	size_t anon_size;
	size_t anon_lo;
	size_t anon_hi;
	int version;        /* of the cgroup: 1 or 2 */
	char *dir;          /* the workload file's directory */
};

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "workload: %s %s: %s\n", what, arg ? arg : "",
	        strerror(errno));
	exit(2);
}

static void write_file(const char *dir, const char *name, const char *value)
{
	char *path = xasprintf("%s/%s", dir, name);
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, value, strlen(value)) < 0)
		die("cannot write", path);
	close(fd);
	free(path);
}

static void drop_cache(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		die("cannot open", path);
	fdatasync(fd);
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	close(fd);
}

/* A file of size bytes of changing content, written outside the cgroup. */
static void create_file(const char *path, uint64_t size)
{
	static unsigned char buf[READ_CHUNK];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		die("cannot create", path);
	for (uint64_t done = 0; done < size;) {
		size_t n = size - done < sizeof(buf) ? (size_t)(size - done)
		                                     : sizeof(buf);

		for (size_t i = 0; i < n; i += PAGE)
			buf[i] = (unsigned char)((done + i) / PAGE);
		if (write(fd, buf, n) != (ssize_t)n)
			die("cannot write", path);
		done += n;
	}
	close(fd);
}

static char *resolve(const struct run *r, const char *name)
{
	const char *slash = strrchr(r->workload_path, '/');

	if (name[0] == '/' || !slash)
		return xstrdup(name);
	return xasprintf("%.*s/%s", (int)(slash - r->workload_path),
	                 r->workload_path, name);
}

static void prepare_files(struct run *r)
{
	r->paths = xcalloc(r->w.count, sizeof(*r->paths));
	for (size_t i = 0; i < r->w.count; i++) {
		const struct workload_step *s = &r->w.steps[i];

		if (s->op != WL_READ)
			continue;
		if (s->file) {
			r->paths[i] = resolve(r, s->file);
		} else {
			r->paths[i] = xasprintf("%s/read-%u.dat", r->data_dir, s->line);
			create_file(r->paths[i], s->bytes);
		}
		drop_cache(r->paths[i]);
	}
}

static void reserve_anon(struct run *r)
{
	for (size_t i = 0; i < r->w.count; i++)
		if (r->w.steps[i].op == WL_ANON)
			r->anon_size += (size_t)r->w.steps[i].bytes;
	if (!r->anon_size)
		return;
	r->anon = mmap(NULL, r->anon_size, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r->anon == MAP_FAILED)
		die("cannot map", "anonymous memory");
	madvise(r->anon, r->anon_size, MADV_NOHUGEPAGE);
}

static void read_file(const char *path, int64_t times)
{
	static char buf[READ_CHUNK];

	for (int64_t t = 0; t < times; t++) {
		int fd = open(path, O_RDONLY);
		ssize_t n;

		if (fd < 0)
			die("cannot open", path);
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			;
		if (n < 0)
			die("cannot read", path);
		close(fd);
	}
}

static size_t pages_of(uint64_t bytes)
{
	return (size_t)((bytes + PAGE - 1) / PAGE) * PAGE;
}

static void step_anon(struct run *r, const struct workload_step *s)
{
	size_t end = r->anon_hi + pages_of(s->bytes);

	if (end > r->anon_size)
		end = r->anon_size;
	for (size_t off = r->anon_hi; off < end; off += PAGE)
		r->anon[off] = 1;
	r->anon_hi = end;
}

static void step_touch(struct run *r, const struct workload_step *s)
{
	size_t end = r->anon_lo + pages_of(s->bytes);

	if (end > r->anon_hi)
		end = r->anon_hi;
	for (size_t off = r->anon_lo; off < end; off += PAGE)
		r->anon[off]++;
}

static void step_free(struct run *r, const struct workload_step *s)
{
	size_t end = r->anon_lo + pages_of(s->bytes);

	if (end > r->anon_hi)
		end = r->anon_hi;
	if (end > r->anon_lo)
		madvise(r->anon + r->anon_lo, end - r->anon_lo, MADV_DONTNEED);
	r->anon_lo = end;
}

static void step_setting(struct run *r, const struct workload_step *s)
{
	char value[32];

	if (s->op == WL_LIMIT) {
		snprintf(value, sizeof(value), "%llu", (unsigned long long)s->bytes);
		write_file(r->cgroup, r->version == 1 ? "memory.limit_in_bytes"
		                                      : "memory.max", value);
	} else if (r->version == 1) {
		snprintf(value, sizeof(value), "%lld", (long long)s->count);
		write_file(r->cgroup, "memory.swappiness", value);
	} else {
		fprintf(stderr, "workload: line %u: cgroup v2 has no per-group "
		                "swappiness; vm.swappiness applies\n", s->line);
	}
}

static void play(struct run *r)
{
	for (size_t i = 0; i < r->w.count; i++) {
		const struct workload_step *s = &r->w.steps[i];
		struct timespec ts;

		switch (s->op) {
		case WL_LIMIT:
		case WL_SWAPPINESS: step_setting(r, s); break;
		case WL_ANON: step_anon(r, s); break;
		case WL_TOUCH_ANON: step_touch(r, s); break;
		case WL_FREE_ANON: step_free(r, s); break;
		case WL_READ: read_file(r->paths[i], s->count); break;
		case WL_WAIT:
			ts.tv_sec = s->count / 1000000;
			ts.tv_nsec = (long)(s->count % 1000000) * 1000;
			while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
				;
			break;
		case WL_SWAP:
			fprintf(stderr, "workload: line %u: swap is set up by the "
			                "caller\n", s->line);
			break;
		case WL_FILE:
		case WL_FOLIO:
			break;
		}
	}
}

static void print_stat(const struct run *r)
{
	char *path = xasprintf("%s/memory.stat", r->cgroup);
	char *text;

	if (read_text_file(NULL, path, 0, &text, NULL) < 0)
		die("cannot read", path);
	fputs(text, stdout);
	free(text);
	free(path);
	if (r->version == 2) {
		path = xasprintf("%s/memory.swap.current", r->cgroup);
		if (read_text_file(NULL, path, 0, &text, NULL) == 0) {
			printf("swap %s", text);
			free(text);
		}
		free(path);
	}
	fflush(stdout);
}

static void usage(void)
{
	fprintf(stderr, "usage: workload -g CGROUP_DIR [-d DATA_DIR] FILE\n");
	exit(2);
}

static void load(struct run *r)
{
	char *text, *error;
	char *slash;

	if (read_text_file(NULL, r->workload_path, 0, &text, NULL) < 0)
		die("cannot read", r->workload_path);
	if (parse_workload(text, &r->w, &error) < 0) {
		fprintf(stderr, "workload: %s: %s\n", r->workload_path, error);
		exit(2);
	}
	free(text);
	if (!r->data_dir) {
		r->dir = xstrdup(r->workload_path);
		slash = strrchr(r->dir, '/');
		if (slash)
			*slash = '\0';
		r->data_dir = slash ? r->dir : ".";
	}
}

static void run_free(struct run *r)
{
	for (size_t i = 0; r->paths && i < r->w.count; i++)
		free(r->paths[i]);
	free(r->paths);
	workload_clear(&r->w);
	if (r->anon)
		munmap(r->anon, r->anon_size);
	free(r->dir);
}

int main(int argc, char **argv)
{
	struct run r = { 0 };
	char pid[32], *v1;
	int c;

	while ((c = getopt(argc, argv, "g:d:")) != -1) {
		if (c == 'g')
			r.cgroup = optarg;
		else if (c == 'd')
			r.data_dir = optarg;
		else
			usage();
	}
	if (!r.cgroup || optind + 1 != argc)
		usage();
	r.workload_path = argv[optind];
	v1 = xasprintf("%s/memory.limit_in_bytes", r.cgroup);
	r.version = access(v1, F_OK) == 0 ? 1 : 2;
	free(v1);
	load(&r);
	prepare_files(&r);
	reserve_anon(&r);
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	write_file(r.cgroup, "cgroup.procs", pid);
	play(&r);
	print_stat(&r);
	run_free(&r);
	return 0;
}
