/*
 * main.c - the command line: parses options (names fixed in DESIGN.md),
 * chooses the snapshot source (live, --root, --replay) and the sink (text,
 * JSON, OpenMetrics, record file), and runs the batch loop; on a terminal
 * without -b it hands over to the interactive view (ui.h).
 *
 * Exit status: 0 success, 1 runtime error, 2 usage error; --diagnose: 3
 * when its worst finding is a warning, 4 when it is critical.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "collect.h"
#include "diag.h"
#include "explain.h"
#include "output.h"
#include "record.h"
#include "schema.h"
#include "sim.h"
#include "ui.h"
#include "util.h"
#include "view.h"

#define EXIT_RUNTIME 1
#define EXIT_USAGE 2
#define EXIT_DIAG_WARNING 3
#define EXIT_DIAG_CRITICAL 4

struct options {
	bool batch;
	long iterations; /* 0: default (1 live, all when replaying) */
	double delay;
	enum output_format format;
	unsigned views;
	bool views_given;
	const char *sort_field;
	bool sort_ascending;
	int64_t *pids;
	size_t npids;
	const char *record_path;
	const char *replay_path;
	const char *root;
	const char *explain;
	unsigned sims;          /* --sim: 1u << SIM_* */
	const char **what_ifs;  /* --what-if, in order */
	size_t nwhat_ifs;
	const char *cgroup;
	bool no_mouse;
	bool diagnose;          /* --diagnose */
};

enum long_only_option {
	OPT_ROOT = 256, OPT_SIM, OPT_WHAT_IF, OPT_CGROUP, OPT_EXPLAIN,
	OPT_DIAGNOSE,
};

static const struct option long_options[] = {
	{ "batch", no_argument, NULL, 'b' },
	{ "iterations", required_argument, NULL, 'n' },
	{ "delay", required_argument, NULL, 'd' },
	{ "format", required_argument, NULL, 'o' },
	{ "view", required_argument, NULL, 'v' },
	{ "pid", required_argument, NULL, 'p' },
	{ "sort", required_argument, NULL, 's' },
	{ "record", required_argument, NULL, 'w' },
	{ "replay", required_argument, NULL, 'r' },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "sim", required_argument, NULL, OPT_SIM },
	{ "what-if", required_argument, NULL, OPT_WHAT_IF },
	{ "cgroup", required_argument, NULL, OPT_CGROUP },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "diagnose", no_argument, NULL, OPT_DIAGNOSE },
	{ "no-mouse", no_argument, NULL, 'M' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void print_help(void)
{
	printf(_("Usage: memlens [OPTION]...\n"
	         "Explore how this Linux machine uses memory.\n\n"));
	printf(_("  -b, --batch               print snapshots to stdout (default when stdout\n"
	         "                            is not a terminal, and with -n or -o)\n"
	         "  -n, --iterations N        snapshots to print or record (batch default 1)\n"
	         "  -d, --delay SECONDS       refresh interval (default 2, fractions allowed)\n"
	         "  -o, --format FMT          text | json | openmetrics (batch)\n"
	         "  -v, --view LIST           views to print (batch) or to start on; `all'\n"
	         "                            for every view: procs,vmas,faults,slab,numa,\n"
	         "                            thp,buddy,lru,oom\n"
	         "  -p, --pid LIST            restrict to these processes\n"
	         "  -s, --sort FIELD          sort key for process tables (prefix + for\n"
	         "                            ascending), e.g. pss_kb, rss, oom_score\n"
	         "  -w, --record FILE         append snapshots to FILE (JSON Lines)\n"
	         "  -r, --replay FILE         read snapshots from FILE instead of the live\n"
	         "                            system\n"
	         "      --root DIR            read system files under DIR (a captured /proc\n"
	         "                            and /sys tree)\n"
	         "      --sim LIST            oom,buddy,lru: add engine results to batch output\n"
	         "      --what-if EXPR        a what-if for the engines (repeatable)\n"
	         "      --cgroup PATH         scope the engines to a memory cgroup\n"
	         "      --explain TOPIC       explain an option, view, field, engine or\n"
	         "                            symptom from the manual, then exit; `list'\n"
	         "                            (or no TOPIC) lists the topics\n"
	         "      --diagnose            check two snapshots for known problems\n"
	         "                            (memlens-diagnostics(7)); exit 3: warnings,\n"
	         "                            4: critical\n"
	         "  -M, --no-mouse            interactive view: leave the mouse to the\n"
	         "                            terminal\n"
	         "  -h, --help                show this help and exit\n"
	         "  -V, --version             show the version and exit\n"));
	printf(_("\nSee memlens(1) for the views, fields and examples.\n"));
}

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("memlens: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s\n", _("Try 'memlens --help' for more information."));
	exit(EXIT_USAGE);
}

static long parse_iterations(const char *arg)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno || end == arg || *end || n < 1)
		usage_error(_("--iterations: '%s' is not a whole number of 1 or more"),
		            arg);
	return n;
}

static double parse_delay(const char *arg)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(arg, &end);
	if (errno || end == arg || *end || !isfinite(d) || d < 0.01 || d > 86400)
		usage_error(_("--delay: '%s' is not a number of seconds between "
		              "0.01 and 86400"), arg);
	return d;
}

static enum output_format parse_format(const char *arg)
{
	if (strcmp(arg, "text") == 0)
		return OUTPUT_TEXT;
	if (strcmp(arg, "json") == 0)
		return OUTPUT_JSON;
	if (strcmp(arg, "openmetrics") == 0)
		return OUTPUT_OPENMETRICS;
	usage_error(_("--format: '%s' is not one of text, json, openmetrics"), arg);
	return OUTPUT_TEXT;
}

static void parse_pids(struct options *o, const char *arg)
{
	const char *p = arg;

	while (*p) {
		char *end;
		long long pid;

		errno = 0;
		pid = strtoll(p, &end, 10);
		if (errno || end == p || pid < 1 || (*end && *end != ','))
			usage_error(_("--pid: '%s' is not a comma-separated list of "
			              "process ids"), arg);
		o->pids = xrealloc(o->pids, (o->npids + 1) * sizeof(*o->pids));
		o->pids[o->npids++] = pid;
		p = *end ? end + 1 : end;
	}
	if (!o->npids)
		usage_error(_("--pid: the list is empty"));
}

static bool sortable(const struct field *f)
{
	return f && !(f->flags & FF_NO_SORT) && f->type != FT_KVLIST;
}

/* A field name (pss_kb) or its column title (PSS, any case), English or
 * as the tables show it (BENUTZER under de). */
static const char *resolve_sort_field(const char *name)
{
	const struct field *f = schema_field(&proc_schema, name);

	if (sortable(f))
		return f->name;
	for (size_t i = 0; i < proc_schema.nfields; i++) {
		f = &proc_schema.fields[i];
		if (sortable(f) && (strcasecmp(f->title, name) == 0 ||
		                    strcasecmp(field_title(f), name) == 0))
			return f->name;
	}
	return NULL;
}

static void parse_sort(struct options *o, const char *arg)
{
	const char *name = arg;

	o->sort_ascending = false;
	if (*name == '+') {
		o->sort_ascending = true;
		name++;
	}
	o->sort_field = resolve_sort_field(name);
	if (!o->sort_field) {
		fprintf(stderr, _("memlens: --sort: unknown field '%s'; fields:"), name);
		for (size_t i = 0; i < proc_schema.nfields; i++)
			if (sortable(&proc_schema.fields[i]))
				fprintf(stderr, " %s", proc_schema.fields[i].name);
		fputc('\n', stderr);
		exit(EXIT_USAGE);
	}
}

static void parse_views(struct options *o, const char *arg)
{
	const char *bad;
	size_t bad_len;

	if (view_parse_list(arg, &o->views, &bad, &bad_len) < 0)
		usage_error(_("--view: unknown view '%.*s' (views: procs, vmas, "
		              "faults, slab, numa, thp, buddy, lru, oom, all)"),
		            (int)bad_len, bad);
	o->views_given = true;
}

static void parse_sims(struct options *o, const char *arg)
{
	const char *bad;
	size_t bad_len;
	int rc = sim_parse_list(arg, &o->sims, &bad, &bad_len);

	if (rc == -ENOSYS)
		usage_error(_("--sim: the %.*s engine is not part of this version "
		              "yet"), (int)bad_len, bad);
	if (rc < 0)
		usage_error(_("--sim: unknown engine '%.*s' (engines: oom, buddy, "
		              "lru)"), (int)bad_len, bad);
}

static void add_what_if(struct options *o, const char *arg)
{
	o->what_ifs = xrealloc(o->what_ifs,
	                       (o->nwhat_ifs + 1) * sizeof(*o->what_ifs));
	o->what_ifs[o->nwhat_ifs++] = arg;
}

static void parse_option(struct options *o, int c, const char *arg)
{
	switch (c) {
	case 'b': o->batch = true; break;
	case 'n': o->iterations = parse_iterations(arg); break;
	case 'd': o->delay = parse_delay(arg); break;
	case 'o': o->format = parse_format(arg); break;
	case 'v': parse_views(o, arg); break;
	case 'p': parse_pids(o, arg); break;
	case 's': parse_sort(o, arg); break;
	case 'w': o->record_path = arg; break;
	case 'r': o->replay_path = arg; break;
	case OPT_ROOT: o->root = arg; break;
	case OPT_SIM: parse_sims(o, arg); break;
	case OPT_WHAT_IF: add_what_if(o, arg); break;
	case OPT_CGROUP: o->cgroup = arg; break;
	case OPT_EXPLAIN: o->explain = arg; break;
	case OPT_DIAGNOSE: o->diagnose = true; break;
	case 'M': o->no_mouse = true; break;
	case 'h': print_help(); exit(0);
	case 'V': printf("memlens %s\n", PACKAGE_VERSION); exit(0);
	default:
		fprintf(stderr, "%s\n", _("Try 'memlens --help' for more information."));
		exit(EXIT_USAGE);
	}
}

static void parse_options(struct options *o, int argc, char **argv)
{
	int c;

	*o = (struct options){ .delay = 2.0, .format = OUTPUT_TEXT,
	                       .views = 1u << VIEW_PROCS };
	while ((c = getopt_long(argc, argv, "bn:d:o:v:p:s:w:r:MhV", long_options,
	                        NULL)) != -1)
		parse_option(o, c, optarg);
	if (optind < argc)
		usage_error(_("unexpected argument '%s'"), argv[optind]);
	if (o->replay_path && o->root)
		usage_error(_("--replay and --root cannot be used together"));
	if ((o->nwhat_ifs || o->cgroup) && !o->sims)
		usage_error(_("--what-if and --cgroup ask the engines: name them "
		              "with --sim"));
	if (o->record_path && o->replay_path &&
	    strcmp(o->record_path, o->replay_path) == 0)
		usage_error(_("--record and --replay name the same file"));
	if (o->diagnose && o->format == OUTPUT_OPENMETRICS)
		usage_error(_("--diagnose prints text or json"));
	if (o->diagnose)
		o->batch = true;
	/* JSON and OpenMetrics carry every section unless -v narrows them. */
	if (!o->views_given && o->format != OUTPUT_TEXT)
		o->views = (1u << VIEW_COUNT) - 1;
	/* The interactive view needs a terminal both ways; -o and -n are for
	 * printing: they ask for batch output. */
	if (!o->batch && (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO) ||
	                  o->format != OUTPUT_TEXT || o->iterations))
		o->batch = true;
}

/* --explain prints the manual's own text (explain.h), wrapped to the
 * terminal, or to 80 columns when stdout is not one. */
static int explain(const char *topic)
{
	struct winsize ws;
	int width = 80;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		width = ws.ws_col;
	if (explain_run(topic, stdout, stderr, width) != 0)
		return EXIT_USAGE;
	/* memlens --explain list | head: a closed pipe is no error */
	if (fflush(stdout) != 0 && errno != EPIPE) {
		fprintf(stderr, _("memlens: cannot write output: %s\n"),
		        strerror(errno));
		return EXIT_RUNTIME;
	}
	return 0;
}

/* Where snapshots come from: the live system (or --root) or a recording. */
struct source {
	struct collector *collector;
	struct replayer *replayer;
};

/* The engines to run; usage errors (a malformed what-if) exit here. */
static struct sim_plan *plan_engines(const struct options *o)
{
	struct sim_plan *plan = NULL;
	char *error = NULL, **what_ifs;
	int rc;

	if (!o->sims)
		return NULL;
	/* workload:FILE what-ifs carry the file's text to the lru engine */
	rc = collect_workload_what_ifs(o->what_ifs, o->nwhat_ifs, &what_ifs,
	                               &error);
	if (rc == 0) {
		rc = sim_plan_new(&plan, o->sims, (const char *const *)what_ifs,
		                  o->nwhat_ifs, o->cgroup, &error);
		collect_workload_what_ifs_free(what_ifs, o->nwhat_ifs);
	}
	if (rc < 0) {
		fprintf(stderr, "memlens: %s\n", error);
		free(error);
		exit(EXIT_USAGE);
	}
	return plan;
}

static int source_open(struct source *src, const struct options *o)
{
	int rc;

	*src = (struct source){ 0 };
	if (o->replay_path) {
		rc = replayer_open(&src->replayer, o->replay_path);
		if (rc < 0)
			fprintf(stderr, _("memlens: cannot read %s: %s\n"),
			        o->replay_path, strerror(-rc));
		return rc;
	}
	struct collect_options copts = {
		.root = o->root,
		.sections = view_sections(o->views) | sim_sections(o->sims),
		.pids = o->pids,
		.npids = o->npids,
	};
	/* PSS and USS are shown by the process views and carried in JSON. */
	copts.want_smaps = (copts.sections & KNOWN(SEC_PROCESSES)) != 0;
	/* The vmas view shows the mappings of the first --pid. */
	copts.vmas_pid = o->npids ? o->pids[0] : 0;
	/* The oom engine reproduces oom_score from this refresh's inputs. */
	copts.fresh_oom_inputs = (o->sims & (1u << SIM_OOM)) != 0;
	if (o->diagnose) {
		/* What the rules read, and the oom engine's inputs; no PSS. */
		copts.sections = diag_sections();
		copts.want_smaps = false;
		copts.fresh_oom_inputs = true;
	}
	rc = collector_new(&src->collector, &copts);
	if (rc < 0)
		fprintf(stderr, _("memlens: cannot start collecting: %s\n"),
		        strerror(-rc));
	return rc;
}

/* 1 with *snap set, 0 at the end of a recording, -1 on error. */
static int source_next(struct source *src, struct snapshot **snap)
{
	char *error = NULL;
	int rc;

	if (src->collector) {
		*snap = collector_collect(src->collector);
		return 1;
	}
	rc = replayer_next(src->replayer, snap, &error, stderr);
	if (rc < 0) {
		fprintf(stderr, "memlens: %s\n", error ? error : strerror(-rc));
		free(error);
		return -1;
	}
	return rc;
}

static void source_close(struct source *src)
{
	if (src->collector)
		collector_free(src->collector);
	if (src->replayer)
		replayer_close(src->replayer);
}

/*
 * A batch recording ended by a signal (kill, Ctrl-C, a closed session)
 * still closes its file, which syncs it; then the signal ends memlens as it
 * would have.  The loop stops at the next snapshot; a sleep ends at once.
 */
static volatile sig_atomic_t batch_signal;

static void batch_on_signal(int sig)
{
	batch_signal = sig;
}

static void batch_catch_signals(void)
{
	struct sigaction sa = { .sa_handler = batch_on_signal,
	                        .sa_flags = SA_RESTART };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void batch_reraise_signal(void)
{
	if (!batch_signal)
		return;
	signal(batch_signal, SIG_DFL);
	raise(batch_signal);
}

static void sleep_seconds(double seconds)
{
	struct timespec ts = { .tv_sec = (time_t)seconds,
	                       .tv_nsec = (long)(fmod(seconds, 1.0) * 1e9) };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !batch_signal)
		;
}

static int render(const struct options *o, const struct sim_plan *plan,
                  const struct snapshot *prev, const struct snapshot *cur)
{
	struct sim_results results;
	struct output_options oo = {
		.format = o->format, .views = o->views,
		.sort_field = o->sort_field, .sort_ascending = o->sort_ascending,
		.pids = o->pids, .npids = o->npids, .sim = &results,
	};
	int rc;

	sim_plan_run(plan, prev, cur, &results);

	switch (o->format) {
	case OUTPUT_JSON: rc = output_json(stdout, prev, cur, &oo); break;
	case OUTPUT_OPENMETRICS: rc = output_openmetrics(stdout, prev, cur, &oo); break;
	default: rc = output_text(stdout, prev, cur, &oo); break;
	}
	if (rc == 0 && fflush(stdout) != 0)
		rc = -errno;
	sim_results_free(&results);
	return rc;
}

/* Output failed: EPIPE (memlens -b | head -1) ends quietly and successfully. */
static int output_failed(int rc)
{
	if (rc == -EPIPE)
		return 0;
	fprintf(stderr, _("memlens: cannot write output: %s\n"), strerror(-rc));
	return EXIT_RUNTIME;
}

static int record(struct recorder *rec, const struct options *o,
                  const struct snapshot *prev, const struct snapshot *cur)
{
	int rc;

	if (!rec)
		return 0;
	rc = recorder_append(rec, prev, cur);
	if (rc < 0)
		fprintf(stderr, _("memlens: cannot append to %s: %s\n"),
		        o->record_path, strerror(-rc));
	return rc;
}

static int run_loop(const struct options *o, const struct sim_plan *plan,
                    struct source *src, struct recorder *rec)
{
	struct snapshot *prev = NULL, *cur = NULL;
	long limit = o->iterations ? o->iterations : (src->replayer ? -1 : 1);
	int status = 0;

	for (long i = 0; limit < 0 || i < limit; i++) {
		int got;

		if (i > 0 && src->collector)
			sleep_seconds(o->delay);
		if (batch_signal)
			break;
		got = source_next(src, &cur);
		if (got <= 0) {
			status = got < 0 ? EXIT_RUNTIME : 0;
			break;
		}
		int rc = render(o, plan, prev, cur);

		if (rc < 0) {
			status = output_failed(rc);
			snapshot_free(cur);
			break;
		}
		if (record(rec, o, prev, cur) < 0) {
			status = EXIT_RUNTIME;
			snapshot_free(cur);
			break;
		}
		snapshot_free(prev);
		prev = cur;
	}
	snapshot_free(prev);
	return status;
}

/*
 * JSON and OpenMetrics do not depend on the locale (memlens(1), ENVIRONMENT):
 * the reasons and engine sentences they carry are collected untranslated.
 * Process-wide, because libproc2 resets the thread's locale (uselocale).
 * Returns the LC_MESSAGES to restore (caller frees), or NULL.
 */
static char *messages_untranslated(void)
{
	const char *current = setlocale(LC_MESSAGES, NULL);
	char *saved = current ? xstrdup(current) : NULL;

	setlocale(LC_MESSAGES, "C");
	return saved;
}

static void messages_restore(char *saved)
{
	if (saved)
		setlocale(LC_MESSAGES, saved);
	free(saved);
}

static int run_batch(const struct options *o)
{
	struct sim_plan *plan = plan_engines(o);
	struct recorder *rec = NULL;
	struct source src;
	int status, rc;

	if (source_open(&src, o) < 0)
		return EXIT_RUNTIME;
	if (o->record_path && (rc = recorder_open(&rec, o->record_path)) < 0) {
		fprintf(stderr, _("memlens: cannot open %s for appending: %s\n"),
		        o->record_path, strerror(-rc));
		source_close(&src);
		return EXIT_RUNTIME;
	}
	if (rec)
		batch_catch_signals();
	status = run_loop(o, plan, &src, rec);
	if (rec && (rc = recorder_close(rec)) < 0) {
		fprintf(stderr, _("memlens: cannot write %s: %s\n"), o->record_path,
		        strerror(-rc));
		status = EXIT_RUNTIME;
	}
	source_close(&src);
	sim_plan_free(plan);
	batch_reraise_signal();
	return status;
}

/*
 * --diagnose: the last two snapshots of a recording, or two live ones an
 * interval apart (one of a --root tree, whose counters do not move).
 * 0 with *cur set (*prev may be NULL), or an exit status.
 */
static int diagnose_snapshots(const struct options *o, struct source *src,
                              struct snapshot **prev, struct snapshot **cur)
{
	struct snapshot *next;
	int got;

	*prev = *cur = NULL;
	while ((got = source_next(src, &next)) > 0) {
		snapshot_free(*prev);
		*prev = *cur;
		*cur = next;
		if (src->collector && (o->root || *prev))
			break;
		if (src->collector)
			sleep_seconds(o->delay);
	}
	if (got < 0 || !*cur) {
		if (got == 0 && !*cur)
			fprintf(stderr, _("memlens: %s holds no snapshot\n"),
			        o->replay_path);
		snapshot_free(*prev);
		snapshot_free(*cur);
		return EXIT_RUNTIME;
	}
	return 0;
}

static int run_diagnose(const struct options *o)
{
	struct snapshot *prev, *cur;
	struct diag_report report;
	struct source src;
	int status, rc, worst;

	if (source_open(&src, o) < 0)
		return EXIT_RUNTIME;
	status = diagnose_snapshots(o, &src, &prev, &cur);
	source_close(&src);
	if (status)
		return status;
	diag_run(prev, cur, &report);
	rc = o->format == OUTPUT_JSON ? diag_output_json(stdout, cur, &report)
	                              : diag_output_text(stdout, cur, &report);
	if (rc == 0 && fflush(stdout) != 0)
		rc = -errno;
	worst = diag_worst(&report);
	diag_report_free(&report);
	snapshot_free(prev);
	snapshot_free(cur);
	if (rc < 0)
		return output_failed(rc);
	return worst == DIAG_CRITICAL ? EXIT_DIAG_CRITICAL
	       : worst == DIAG_WARNING ? EXIT_DIAG_WARNING : 0;
}

/* The first view of a list: -v slab,lru starts on slab. */
static enum view_id first_view(unsigned views)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		if (views & (1u << v))
			return (enum view_id)v;
	return VIEW_PROCS;
}

static int run_tui(const struct options *o)
{
	struct ui_options uo = {
		.delay = o->delay, .view = first_view(o->views),
		.sort_field = o->sort_field, .sort_ascending = o->sort_ascending,
		.pids = o->pids, .npids = o->npids, .root = o->root,
		.replay_path = o->replay_path, .record_path = o->record_path,
		.mouse = !o->no_mouse, .sims = o->sims, .what_ifs = o->what_ifs,
		.nwhat_ifs = o->nwhat_ifs, .cgroup = o->cgroup,
	};

	char **what_ifs = NULL, *error = NULL;
	int status;

	/* A malformed what-if is a usage error here, before the screen. */
	sim_plan_free(plan_engines(o));
	/* workload:FILE what-ifs carry the file's text, as in batch */
	if (collect_workload_what_ifs(o->what_ifs, o->nwhat_ifs, &what_ifs,
	                              &error) < 0) {
		fprintf(stderr, "memlens: %s\n", error);
		free(error);
		return EXIT_USAGE;
	}
	uo.what_ifs = (const char *const *)what_ifs;
	status = ui_run(&uo);
	collect_workload_what_ifs_free(what_ifs, o->nwhat_ifs);
	return status;
}

int main(int argc, char **argv)
{
	struct options opts;
	char *messages;
	int status;

	setlocale(LC_ALL, "");
	/* Numbers keep the C decimal point everywhere: on screen as in batch
	 * text, and above all where they are read (-d 0.5, workload files,
	 * the kernel log's "[ 12.345]" times), which strtod and sscanf would
	 * otherwise read with the user's decimal comma. */
	setlocale(LC_NUMERIC, "C");
#ifdef ENABLE_NLS
	/* MEMLENS_LOCALEDIR lets the tests use the build tree's catalogs;
	 * secure_getenv ignores it in a set-id process. */
	const char *localedir = secure_getenv("MEMLENS_LOCALEDIR");

	bindtextdomain(PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	/* A closed pipe is reported as EPIPE by write, and handled there. */
	signal(SIGPIPE, SIG_IGN);
	/* --explain alone lists the topics (getopt wants its argument) */
	if (argc == 2 && strcmp(argv[1], "--explain") == 0)
		return explain(NULL);
	parse_options(&opts, argc, argv);
	if (opts.explain)
		return explain(opts.explain);
	/* -o json, openmetrics: from the collection on (reasons too) */
	messages = opts.format == OUTPUT_TEXT ? NULL : messages_untranslated();
	if (opts.diagnose)
		status = run_diagnose(&opts);
	else
		status = opts.batch ? run_batch(&opts) : run_tui(&opts);
	messages_restore(messages);
	free(opts.pids);
	free(opts.what_ifs);
	return status;
}
