/*
 * gen-json-man.c - writes memlens-json(5) from the field tables of schema.h,
 * so that the page lists every snapshot key with its type, unit and help
 * text, and cannot drift from what the JSON writer emits.  The prose around
 * the tables (format, versioning, null, rates, escaping) is fixed text here.
 *
 *   gen-json-man              the page, on standard output
 *   gen-json-man --keys       every key path, one a line (for tests)
 *   gen-json-man --sort-keys  the process fields --sort accepts (for tests)
 *
 * The generated page is committed (man/memlens-json.5); `make update-man`
 * rewrites it and tests/cli/man.sh fails when it is stale.
 *
 * Must not: read anything but the tables; output must not depend on the
 * date or the machine (the committed page is compared byte for byte).
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "sim.h"
#include "snapshot.h"
#include "util.h"

/* The date of the last change of the page's fixed text or of the format. */
#define PAGE_DATE "2026-11-21"

/* Where the page or a list goes: standard output, or memory for reflow. */
static FILE *out;

/*
 * The vmstat counters the top-level "rates" object carries as NAME_rate.
 * The JSON writer has its own list (src/out/json.c); tests/cli/man.sh
 * compares the page with the keys of real output, so the two cannot drift.
 */
static const char *const rate_counters[] = {
	"pgfault", "pgmajfault", "pgscan_kswapd", "pgscan_direct",
	"pgsteal_kswapd", "pgsteal_direct", "pgrefill", "pgactivate",
	"pgdeactivate", "workingset_refault_anon", "workingset_refault_file",
	"workingset_activate_anon", "workingset_activate_file",
	"workingset_restore_anon", "workingset_restore_file", "pswpin",
	"pswpout", "zswpin", "zswpout", "thp_fault_alloc", "thp_fault_fallback",
	"compact_stall", "oom_kill",
};

/* ---- roff text -------------------------------------------------------- */

/* Writes text for a roff text line: backslashes escaped, a leading control
 * character neutralised, a minus sign before a digit made a real minus. */
static void roff_text(const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (const char *p = s; *p; p++) {
		if (*p == '\\')
			fputs("\\e", out);
		else if (*p == '-' && (p == s || p[-1] == ' ') &&
		         p[1] >= '0' && p[1] <= '9')
			fputs("\\-", out);
		else
			fputc(*p, out);
	}
}

/* A key or path in bold; "_" and "." need no escaping, "[]" neither. */
static void roff_key(const char *prefix, const char *name)
{
	fprintf(out, "\\fB%s%s\\fR", prefix, name);
}

/* ---- field descriptions ----------------------------------------------- */

static const char *type_name(const struct field *f)
{
	if (f->type == FT_INT && (f->flags & FF_LIMIT))
		return "integer, or the string \"max\" for no limit";
	switch (f->type) {
	case FT_INT: return "integer";
	case FT_DOUBLE: return "number";
	case FT_STRING: return "string";
	case FT_INT_ARRAY: return "array of integers";
	case FT_KVLIST: return "object: name to integer";
	case FT_SKVLIST: return "object: name to string";
	case FT_OBJECTS: return "array of objects";
	case FT_OBJECT: return "object";
	case FT_RATE: return "number";
	}
	return "?";
}

static const char *unit_name(const char *unit)
{
	static const struct { const char *unit, *name; } names[] = {
		{ "KiB", "KiB" }, { "pages", "pages" }, { "/s", "per second" },
		{ "s", "seconds" }, { "%", "percent" }, { "us", "microseconds" },
		{ "bytes", "bytes" }, { "blocks", "blocks" },
		{ "ticks", "clock ticks" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(unit, names[i].unit) == 0)
			return names[i].name;
	return unit;
}

/* When the value can be null (see NULL AND UNAVAILABLE and RATES). */
static bool nullable(const struct field *f)
{
	return f->type == FT_RATE || f->known_bit >= 0;
}

/* What reading a process field costs (proc_schema only). */
static const char *cost_note(unsigned cost)
{
	if (cost & KNOWN(PROC_SRC_SMAPS_ROLLUP))
		return "a page-table walk of the process in /proc/PID/smaps_rollup, "
		       "about 10 ms per GiB resident, read on a budget "
		       "(see smaps_time)";
	if (cost & KNOWN(PROC_SRC_STATUS))
		return "cheap, /proc/PID/status";
	if (cost & KNOWN(PROC_SRC_OOM))
		return "cheap, /proc/PID/oom_score and oom_score_adj";
	if (cost & KNOWN(PROC_SRC_STAT))
		return "cheap, /proc/PID/stat and its siblings through libproc2";
	return NULL;
}

static void field_heading(const struct field *f)
{
	fprintf(out, ".TP\n");
	roff_key("", f->name);
	fprintf(out, " (%s", type_name(f));
	if (f->unit && *f->unit)
		fprintf(out, ", %s", unit_name(f->unit));
	fprintf(out, "%s)\n", nullable(f) ? ", or null" : "");
}

/* ---- the key tables, one subsection per entity ----------------------- */

#define MAX_SCHEMAS 64

/* Every entity and the key paths where it appears ("psi.some, psi.full"). */
struct entity_paths {
	struct {
		const struct schema *schema;
		char paths[256];
		bool printed;
	} e[MAX_SCHEMAS];
	size_t n;
};

static size_t entity_index(struct entity_paths *ep, const struct schema *s)
{
	size_t i;

	for (i = 0; i < ep->n; i++)
		if (ep->e[i].schema == s)
			return i;
	if (ep->n == MAX_SCHEMAS) {
		fprintf(stderr, "gen-json-man: more than %d entities\n", MAX_SCHEMAS);
		exit(1);
	}
	ep->e[i].schema = s;
	ep->e[i].paths[0] = '\0';
	ep->e[i].printed = false;
	ep->n++;
	return i;
}

static void add_path(struct entity_paths *ep, const struct schema *s,
                     const char *path)
{
	char *paths = ep->e[entity_index(ep, s)].paths;
	size_t used = strlen(paths);

	snprintf(paths + used, sizeof(ep->e[0].paths) - used, "%s%s",
	         used ? ", " : "", path);
}

/* The path of a field below prefix: "zones[]", "psi.some". */
static void sub_path(char *buf, size_t size, const char *prefix,
                     const struct field *f)
{
	snprintf(buf, size, "%s%s%s", prefix, f->name,
	         f->type == FT_OBJECTS ? "[]" : "");
}

static void collect_paths(struct entity_paths *ep, const struct schema *s,
                          const char *prefix)
{
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		char path[200], next[204];

		if (!f->sub)
			continue;
		sub_path(path, sizeof(path), prefix, f);
		add_path(ep, f->sub, path);
		snprintf(next, sizeof(next), "%s.", path);
		collect_paths(ep, f->sub, next);
	}
}

/* Each built engine's result, as "sim.NAME", and what lies below it. */
static void sim_paths(struct entity_paths *ep)
{
	for (int e = 0; e < SIM_COUNT; e++) {
		const struct sim_engine_info *info = sim_engine(e);
		char path[64], next[68];

		if (!info)
			continue;
		snprintf(path, sizeof(path), "sim.%s", info->name);
		add_path(ep, info->schema, path);
		snprintf(next, sizeof(next), "%s.", path);
		collect_paths(ep, info->schema, next);
	}
}

static const char *paths_of(struct entity_paths *ep, const struct schema *s)
{
	return ep->e[entity_index(ep, s)].paths;
}

static void field_body(struct entity_paths *ep, const struct field *f)
{
	const char *cost = cost_note(f->cost);

	roff_text(f->help);
	fputc('\n', out);
	if (f->type == FT_RATE)
		fprintf(out, "The change of \\fB%s\\fR per second between the "
		        "previous snapshot and this one.\n", f->rate_of);
	if (f->sub)
		fprintf(out, "Its keys are listed under \\fB%s\\fR below.\n",
		        paths_of(ep, f->sub));
	if (cost)
		fprintf(out, "Cost: %s.\n", cost);
}

static void entity_intro(const struct schema *s)
{
	if (s == &snapshot_schema)
		fprintf(out, "The top-level object.  Besides \\fBformat\\fR and "
		        "\\fBrates\\fR (see above), its keys are:\n");
	else if (s == &proc_schema)
		fprintf(out, "One object per process, sorted by pid.  Each also has "
		        "the \\fBunavailable\\fR object described in "
		        "\\fBNULL AND UNAVAILABLE\\fR.\n");
}

static void entity_table(struct entity_paths *ep, const struct schema *s)
{
	size_t i = entity_index(ep, s);

	if (ep->e[i].printed)
		return;
	ep->e[i].printed = true;
	fprintf(out, ".SS %s\n", s == &snapshot_schema ? "snapshot (top level)" :
	        ep->e[i].paths);
	entity_intro(s);
	for (size_t k = 0; k < s->nfields; k++) {
		field_heading(&s->fields[k]);
		field_body(ep, &s->fields[k]);
	}
	for (size_t k = 0; k < s->nfields; k++)
		if (s->fields[k].sub)
			entity_table(ep, s->fields[k].sub);
}

/* ---- fixed prose ------------------------------------------------------ */

static void page_header(void)
{
	fprintf(out, ".\\\" Generated by tools/gen-json-man from src/model/schema.c.\n"
	        ".\\\" Do not edit: run \"make update-man\" instead.\n"
	        ".TH MEMLENS-JSON 5 %s \"memlens snapshot format %d\" "
	        "\"File Formats\"\n", PAGE_DATE, SNAPSHOT_VERSION);
	fprintf(out, ".SH NAME\n"
	        "memlens-json \\- the memlens snapshot format: JSON and JSON Lines\n"
	        ".SH SYNOPSIS\n"
	        ".B memlens \\-b \\-o json\n"
	        ".RI [ OPTION ]...\n"
	        ".br\n"
	        ".B memlens \\-w\n"
	        ".I FILE\n"
	        ".RI [ OPTION ]...\n"
	        ".br\n"
	        ".B memlens \\-r\n"
	        ".I FILE\n"
	        ".RI [ OPTION ]...\n");
}

static void page_description(void)
{
	fprintf(out, ".SH DESCRIPTION\n"
	        "A snapshot is one moment of the machine as\n"
	        ".BR memlens (1)\n"
	        "collected it: memory totals, counters, processes, zones, slab "
	        "caches, NUMA nodes, huge page and zswap settings, pressure and "
	        "memory cgroups.\n"
	        "It is written as one JSON object by\n"
	        ".B memlens \\-b \\-o json\n"
	        "and appended, one object a line, to a record file by\n"
	        ".BR \"memlens \\-w\" .\n"
	        ".B memlens \\-r\n"
	        "reads a record file back and renders it like the live system.\n"
	        ".PP\n"
	        "Names follow the kernel where the data is the kernel's "
	        "(\\fBmeminfo\\fR and \\fBvmstat\\fR keep the kernel's own names "
	        "and units).  Elsewhere a suffix gives the unit: \\fB_kb\\fR is "
	        "KiB (1024 bytes), \\fB_pages\\fR is base pages of "
	        "\\fBpage_size\\fR bytes, \\fB_rate\\fR is per second.\n"
	        "Objects keep the order of the field tables and of the kernel's "
	        "files, but readers should not rely on key order.\n");
}

static void page_format(void)
{
	fprintf(out, ".SH FORMAT AND VERSIONING\n"
	        "Every snapshot starts with\n"
	        ".B \"\\(dqformat\\(dq: \\(dqmemlens\\-snapshot\\(dq\"\n"
	        "and an integer\n"
	        ".BR version ,\n"
	        "%d for the format described here.\n"
	        ".PP\n"
	        "Adding keys is a compatible change and keeps the version: readers "
	        "must ignore keys they do not know, and may meet sections that are "
	        "null.  Removing or renaming a key, or changing its type, unit or "
	        "meaning, is an incompatible change and increments the version.\n"
	        ".B memlens \\-r\n"
	        "refuses a snapshot with another\n"
	        ".B format\n"
	        "or a newer\n"
	        ".BR version ,\n"
	        "naming the line, and stops the replay there.\n"
	        ".PP\n"
	        "Integers are written as JSON integers (64-bit), sizes in KiB as "
	        "the kernel prints them, never rounded to MiB.\n"
	        "Times are seconds since the epoch, as numbers with a fraction.\n"
	        "Numbers with a fraction are written with 17 significant digits, "
	        "so that a value read back is the very same double.\n"
	        "The key\n"
	        ".B sim\n"
	        "is reserved for the results of the simulation engines, which are "
	        "not part of this version.\n", SNAPSHOT_VERSION);
}

static void page_json_lines(void)
{
	fprintf(out, ".SH JSON LINES\n"
	        "With\n"
	        ".B \\-n\n"
	        "greater than one,\n"
	        ".B memlens \\-b \\-o json\n"
	        "prints one snapshot per line, each line a complete JSON object "
	        "(JSON Lines); so does a record file.\n"
	        "A record file is only ever appended to, a whole line at a time, "
	        "so several runs of\n"
	        ".B memlens \\-w\n"
	        "on the same file make one longer recording.\n"
	        "A reader must accept a last line cut short by a crash or a full "
	        "disk:\n"
	        ".B memlens \\-r\n"
	        "reports such a line, and any line that is not valid JSON, with "
	        "its line number on standard error, skips it, and goes on.\n"
	        "Tools such as\n"
	        ".BR jq (1)\n"
	        "read JSON Lines as they are.\n");
}

static void page_strings(void)
{
	fprintf(out, ".SH STRINGS\n"
	        "Strings from the kernel (command names, command lines, user and "
	        "cgroup names) are bytes, not necessarily UTF-8, while JSON text "
	        "must be Unicode.\n"
	        "Valid UTF-8 is written as it is.\n"
	        "Each byte that is not part of a valid UTF-8 sequence is written "
	        "as the four characters\n"
	        ".BI \\ex NN ,\n"
	        "where\n"
	        ".I NN\n"
	        "is the byte in two lower-case hexadecimal digits; in the JSON text the "
	        "backslash itself appears escaped, as\n"
	        ".BR \\e\\ex .\n"
	        "A command named with the byte 0xff followed by \\(lqa\\(rq is "
	        "therefore the JSON string\n"
	        ".BR \"\\(dq\\e\\exffa\\(dq\" .\n"
	        "Control characters use the usual JSON escapes (\\e\\fBu00\\fR\\fINN\\fR).\n"
	        "Reading a snapshot back does not undo the escaping, and a "
	        "backslash that was in the name is kept as it is, so \\ex\\fINN\\fR "
	        "in a string is either form; the text is what memlens shows for "
	        "such a name anyway.\n");
}

static void page_null(void)
{
	fprintf(out, ".SH NULL AND UNAVAILABLE\n"
	        "memlens never writes 0 for a value it could not read.\n"
	        "A value that is unknown is\n"
	        ".BR null :\n"
	        "a whole section that was not read (for example\n"
	        ".B slab\n"
	        "without root), or one value of one process (for example\n"
	        ".B pss_kb\n"
	        "of another user's process without root).\n"
	        "A key of the field tables is always present, with null when "
	        "its value is unknown; a reader must also treat a missing key as "
	        "unknown.\n"
	        "The reason is one key away.\n"
	        ".PP\n"
	        "The top-level\n"
	        ".B unavailable\n"
	        "object maps a source to the reason it is missing, in words "
	        "meant for people, for example\n"
	        ".B \"\\(dqslab\\(dq: \\(dq/proc/slabinfo: Permission denied "
	        "(run as root)\\(dq\"\n"
	        "or\n"
	        ".BR \"\\(dqprocesses\\(dq: \\(dqnot requested "
	        "(see \\-\\-view)\\(dq\" .\n"
	        "Keys are section names (see\n"
	        ".BR snapshot )\n"
	        "or the name of a finer source such as\n"
	        ".B buddyinfo\n"
	        "or\n"
	        ".BR zswap_stats .\n"
	        "It is empty when everything was read.\n"
	        ".PP\n"
	        "A process that misses something has its own\n"
	        ".B unavailable\n"
	        "object, keyed by the source that failed for it:\n"
	        ".B stat\n"
	        "(the process table, through libproc2),\n"
	        ".BR status ,\n"
	        ".B smaps_rollup\n"
	        "or\n"
	        ".B oom\n"
	        "(oom_score and oom_score_adj).\n"
	        "The reason is the system's error text in the C locale, so that a "
	        "recording reads the same under any language: for example "
	        "\\(lqPermission denied\\(rq for the smaps_rollup of another "
	        "user's process without root, \\(lqNo such process\\(rq for a "
	        "process that exited while it was read or a kernel thread, which "
	        "has no memory of its own; or \\(lqnot requested\\(rq for a "
	        "source that was not asked for.\n"
	        "The fields that source gives are null; the others keep their "
	        "values.\n"
	        "A process that was read completely has no\n"
	        ".B unavailable\n"
	        "key.\n");
}

static void rate_list(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(rate_counters); i++)
		fprintf(out, ".B \\%%%s_rate%s\n", rate_counters[i],
		       i + 1 < ARRAY_SIZE(rate_counters) ? "," : "");
}

static void page_rates(void)
{
	fprintf(out, ".SH RATES\n"
	        "Counters (faults, scans, refaults) only ever grow; what matters "
	        "is how fast.\n"
	        "A rate is the change of a counter divided by the time between "
	        "the previous snapshot and this one, per second.\n"
	        "The first snapshot of a run has no previous snapshot, so its "
	        "rates are null (the whole \\fBrates\\fR object is null); so are "
	        "the rates of a process first seen in this snapshot (a pid reused by a new process, told apart by its "
	        "\\fBstart_ticks\\fR, counts as new), of a counter this kernel "
	        "does not have, and of a counter that went backwards.\n"
	        "Rates are written for convenience and ignored when a snapshot "
	        "is read back: replay computes them again from the recorded "
	        "counters and times, so live and replayed rates agree.\n"
	        ".PP\n"
	        "The top-level\n"
	        ".B rates\n"
	        "object holds, for these counters of\n"
	        ".BR vmstat ,\n"
	        "a key named after the counter with \\fB_rate\\fR appended "
	        "(numbers, per second):\n");
	rate_list();
	fprintf(out, ".PP\n"
	        "Per process,\n"
	        ".B minflt_rate\n"
	        "and\n"
	        ".B majflt_rate\n"
	        "are the rates of\n"
	        ".B minflt\n"
	        "and\n"
	        ".BR majflt .\n");
}

static void page_keys(void)
{
	struct entity_paths ep = { .n = 0 };

	fprintf(out, ".SH KEYS\n"
	        "Every key, by object.  Each entry gives the JSON type, the unit "
	        "when there is one, and \\(lqor null\\(rq when the value can be "
	        "null (see \\fBNULL AND UNAVAILABLE\\fR and \\fBRATES\\fR).\n");
	fprintf(out, ".SS format, rates, sim\n"
	        ".TP\n\\fBformat\\fR (string)\n"
	        "Always \\(lqmemlens\\-snapshot\\(rq.\n"
	        ".TP\n\\fBrates\\fR (object: name to number, per second, or null)\n"
	        "Rates of vmstat counters, see \\fBRATES\\fR.\n"
	        ".TP\n\\fBsim\\fR (object, only with \\fB\\-\\-sim\\fR)\n"
	        "One key per engine asked for, holding its result (keys below), "
	        "or {\\(lqerror\\(rq: why} when it could not run on this snapshot.\n"
	        "Not recorded: replaying with \\fB\\-\\-sim\\fR runs the engines "
	        "again.\n");
	collect_paths(&ep, &snapshot_schema, "");
	sim_paths(&ep);
	entity_table(&ep, &snapshot_schema);
	for (int e = 0; e < SIM_COUNT; e++)
		if (sim_engine(e))
			entity_table(&ep, sim_engine(e)->schema);
}

static void page_examples(void)
{
	fprintf(out, ".SH EXAMPLES\n"
	        "The ten processes with the largest PSS, skipping those whose PSS "
	        "is unknown:\n"
	        ".PP\n"
	        ".in +4n\n"
	        ".EX\n"
	        "memlens \\-b \\-o json \\-v procs | jq \\-r \\(aq.processes\n"
	        "  | map(select(.pss_kb != null)) | sort_by(.pss_kb) | reverse\n"
	        "  | .[:10][] | \"\\e(.pss_kb) \\e(.pid) \\e(.comm)\"\\(aq\n"
	        ".EE\n"
	        ".in\n"
	        ".PP\n"
	        "Available memory and the major fault rate over a recording, one "
	        "line per snapshot:\n"
	        ".PP\n"
	        ".in +4n\n"
	        ".EX\n"
	        "jq \\-r \\(aq[.time, .meminfo.MemAvailable, .rates.pgmajfault_rate]\n"
	        "  | @tsv\\(aq day.jsonl\n"
	        ".EE\n"
	        ".in\n"
	        ".PP\n"
	        "What could not be read, and why:\n"
	        ".PP\n"
	        ".in +4n\n"
	        ".EX\n"
	        "memlens \\-b \\-o json | jq .unavailable\n"
	        ".EE\n"
	        ".in\n");
}

static void page_see_also(void)
{
	fprintf(out, ".SH SEE ALSO\n"
	        ".BR memlens (1),\n"
	        ".BR jq (1),\n"
	        ".BR proc (5)\n"
	        ".PP\n"
	        "JSON: RFC 8259.  JSON Lines: https://jsonlines.org/.\n");
}

static void write_page(void)
{
	page_header();
	page_description();
	page_format();
	page_json_lines();
	page_strings();
	page_null();
	page_rates();
	page_keys();
	page_examples();
	page_see_also();
}

/* ---- reflow: short source lines, one sentence a line ------------------ */

/*
 * The page is first written to memory with long text lines, then reflowed:
 * each sentence starts a new line (so roff sees its end) and lines break at
 * spaces before REFLOW_WIDTH, as mandoc -Tlint asks.  Breaking at a space is
 * invisible in roff's fill mode; no-fill blocks (.EX to .EE) are kept.
 */
#define REFLOW_WIDTH 78

static bool abbreviation(const char *word, size_t len)
{
	static const char *const abbreviations[] = { "e.g.", "i.e.", "vs." };

	for (size_t i = 0; i < ARRAY_SIZE(abbreviations); i++)
		if (len >= strlen(abbreviations[i]) &&
		    strncmp(word + len - strlen(abbreviations[i]), abbreviations[i],
		            strlen(abbreviations[i])) == 0)
			return true;
	return false;
}

/* Whether a word ends a sentence: "done.", "(done.)", "\fBdone\fR." */
static bool ends_sentence(const char *word, size_t len)
{
	while (len > 1 && (word[len - 1] == ')' || word[len - 1] == '"'))
		len--;
	return len > 1 && strchr(".?!", word[len - 1]) && !abbreviation(word, len);
}

static void start_line(FILE *dst, const char *word)
{
	if (*word == '.' || *word == '\'')
		fputs("\\&", dst);
}

static void reflow_text(FILE *dst, const char *line)
{
	const char *p = line, *prev = NULL;
	size_t prev_len = 0, col = 0;

	while (*p) {
		size_t len = strcspn(p, " ");

		if (len > 0) {
			bool fits = col + 1 + len <= REFLOW_WIDTH;

			if (prev && (ends_sentence(prev, prev_len) ||
			             (!fits && prev[prev_len - 1] != '.'))) {
				fputc('\n', dst);
				col = 0;
			} else if (prev) {
				fputc(' ', dst);
				col++;
			}
			if (col == 0)
				start_line(dst, p);
			fwrite(p, 1, len, dst);
			col += len;
			prev = p;
			prev_len = len;
		}
		p += len;
		p += strspn(p, " ");
	}
	fputc('\n', dst);
}

static void reflow(FILE *dst, char *page)
{
	bool nofill = false;

	for (char *line = strtok(page, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, ".EX", 3) == 0)
			nofill = true;
		else if (strncmp(line, ".EE", 3) == 0)
			nofill = false;
		if (nofill || *line == '.' || *line == '\'')
			fprintf(dst, "%s\n", line);
		else
			reflow_text(dst, line);
	}
}

/* Writes the page through reflow() to standard output. */
static int write_page_reflowed(void)
{
	char *page = NULL;
	size_t size = 0;

	out = open_memstream(&page, &size);
	if (!out)
		return -1;
	write_page();
	if (fclose(out) != 0)
		return -1;
	out = stdout;
	reflow(stdout, page);
	free(page);
	return 0;
}

/* ---- lists for tests --------------------------------------------------- */

static void list_keys(const struct schema *s, const char *prefix)
{
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		char path[256];

		snprintf(path, sizeof(path), "%s%s", prefix, f->name);
		fprintf(out, "%s\n", path);
		if (f->type == FT_OBJECTS)
			strncat(path, "[].", sizeof(path) - strlen(path) - 1);
		else if (f->type == FT_OBJECT)
			strncat(path, ".", sizeof(path) - strlen(path) - 1);
		if (f->sub)
			list_keys(f->sub, path);
	}
}

static void list_sort_keys(void)
{
	for (size_t i = 0; i < proc_schema.nfields; i++) {
		const struct field *f = &proc_schema.fields[i];

		if (!(f->flags & FF_NO_SORT) && f->type != FT_KVLIST)
			fprintf(out, "%s\n", f->name);
	}
}

int main(int argc, char **argv)
{
	out = stdout;
	if (argc == 2 && strcmp(argv[1], "--keys") == 0) {
		fprintf(out, "format\nrates\n");
		list_keys(&snapshot_schema, "");
	} else if (argc == 2 && strcmp(argv[1], "--sort-keys") == 0) {
		list_sort_keys();
	} else if (argc == 1) {
		if (write_page_reflowed() < 0)
			return 1;
	} else {
		fprintf(stderr, "usage: gen-json-man [--keys | --sort-keys]\n");
		return 2;
	}
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
