/*
 * schema_oom_log.c - the field tables of the snapshot's "oom_log" section:
 * the OOM kills the kernel logged (kernel-spec.md 1.7), as the kmsg
 * collector parsed them, for the oom engine's post-mortem.  The names are
 * what users and scripts see: add fields, do not rename them.
 *
 * Must not: do I/O or format output.
 */
#include "config.h"

#include <stddef.h>

#include "schema.h"
#include "util.h"



#define T_INT(key, bit, ttl, unt, w, hlp) FIELD_INT(oom_task, key, bit, ttl, unt, w, hlp)

static const struct field oom_task_fields[] = {
	T_INT(pid, OT_LINE, N_("PID"), "", 7, N_("Thread id the dump printed.")),
	T_INT(uid, OT_LINE, N_("UID"), "", 5, N_("User id.")),
	T_INT(tgid, OT_LINE, N_("TGID"), "", 7, N_("Process id.")),
	T_INT(total_vm_pages, OT_LINE, N_("TOTALVM"), "pages", 8,
	      N_("mm->total_vm: virtual size.")),
	T_INT(rss_pages, OT_LINE, N_("RSS"), "pages", 8,
	      N_("get_mm_rss() when the OOM killer ran.")),
	T_INT(rss_anon_pages, OT_RSS_PARTS, N_("ANON"), "pages", 8,
	      N_("Anonymous resident pages (printed from Linux 6.8).")),
	T_INT(rss_file_pages, OT_RSS_PARTS, N_("FILE"), "pages", 8,
	      N_("File resident pages (printed from Linux 6.8).")),
	T_INT(rss_shmem_pages, OT_RSS_PARTS, N_("SHMEM"), "pages", 8,
	      N_("Shared memory resident pages (printed from Linux 6.8).")),
	T_INT(pgtables_bytes, OT_LINE, N_("PGTABLES"), "bytes", 9,
	      N_("Page table bytes (mm_pgtables_bytes).")),
	T_INT(swapents_pages, OT_LINE, N_("SWAPENTS"), "pages", 8,
	      N_("Swapped-out pages (MM_SWAPENTS).")),
	T_INT(oom_score_adj, OT_LINE, N_("ADJ"), "", 5, N_("oom_score_adj.")),
	FIELD_STR(oom_task, name, OT_LINE, N_("NAME"), 15, N_("Command name.")),
};

const struct schema oom_task_schema = {
	.name = "tasks",
	.size = sizeof(struct oom_task),
	.known_offset = offsetof(struct oom_task, known),
	.fields = oom_task_fields,
	.nfields = ARRAY_SIZE(oom_task_fields),
};

#define R_INT(key, bit, ttl, unt, w, hlp) FIELD_INT(oom_report, key, bit, ttl, unt, w, hlp)
#define R_STR(key, bit, ttl, w, hlp) FIELD_STR(oom_report, key, bit, ttl, w, hlp)

static const struct field oom_report_fields[] = {
	{ .name = "time_s", .title = N_("TIME"), .unit = "s", .type = FT_DOUBLE,
	  .help = N_("When the kernel logged the report, seconds since boot."),
	  .offset = offsetof(struct oom_report, time_s), .known_bit = ORP_TIME,
	  .width = 12 },
	R_STR(invoker, ORP_INVOKER, N_("INVOKER"), 15,
	      N_("The task whose allocation failed (\"COMM invoked "
	         "oom-killer\").")),
	R_STR(gfp_mask, ORP_INVOKER, N_("GFP"), 20,
	      N_("The allocation's gfp_mask, with its flag names.")),
	R_INT(order, ORP_INVOKER, N_("ORDER"), "", 5,
	      N_("The allocation's order (2^order pages).")),
	R_INT(invoker_adj, ORP_INVOKER, N_("INVADJ"), "", 6,
	      N_("The invoker's oom_score_adj.")),
	R_STR(constraint, ORP_CONSTRAINT, N_("CONSTRAINT"), 22,
	      N_("CONSTRAINT_NONE (global), CONSTRAINT_CPUSET, "
	         "CONSTRAINT_MEMORY_POLICY or CONSTRAINT_MEMCG (the oom-kill: "
	         "line).")),
	R_STR(nodemask, ORP_CONSTRAINT, N_("NODEMASK"), 8,
	      N_("The allocation's nodemask, \"(null)\" for none.")),
	R_STR(cpuset, ORP_CONSTRAINT, N_("CPUSET"), 10, N_("The invoker's cpuset.")),
	R_STR(mems_allowed, ORP_CONSTRAINT, N_("MEMS"), 8,
	      N_("The invoker's allowed memory nodes.")),
	R_STR(oom_memcg, ORP_MEMCG, N_("OOMMEMCG"), 20,
	      N_("Memory cgroup OOM: the group whose limit was hit.")),
	R_STR(task_memcg, ORP_MEMCG, N_("TASKMEMCG"), 20,
	      N_("Memory cgroup OOM: the victim's group.")),
	R_INT(memcg_usage_kb, ORP_MEMCG_USAGE, N_("USAGE"), "KiB", 9,
	      N_("Memory cgroup OOM: the group's usage (\"memory: usage\").")),
	R_INT(memcg_limit_kb, ORP_MEMCG_USAGE, N_("LIMIT"), "KiB", 9,
	      N_("Memory cgroup OOM: the group's limit (\"memory: ... limit\").")),
	R_INT(memcg_swap_limit_kb, ORP_MEMCG_SWAP, N_("SWAPLIMIT"), "KiB", 9,
	      N_("cgroup v2: the swap limit (\"swap: ... limit\").")),
	R_INT(memcg_memsw_limit_kb, ORP_MEMCG_MEMSW, N_("MEMSWLIMIT"), "KiB", 9,
	      N_("cgroup v1: the memory+swap limit (\"memory+swap: ... "
	         "limit\").")),
	R_STR(killed_by, ORP_KILLED, N_("BY"), 20,
	      N_("\"Out of memory\", \"Memory cgroup out of memory\", or with "
	         "\"(oom_kill_allocating_task)\".")),
	R_INT(victim_pid, ORP_KILLED, N_("VICTIM"), "", 7,
	      N_("The killed process (\"Killed process PID\").")),
	R_STR(victim_comm, ORP_KILLED, N_("COMM"), 15, N_("The victim's command.")),
	R_INT(victim_uid, ORP_KILLED, N_("UID"), "", 5, N_("The victim's user id.")),
	R_INT(victim_total_vm_kb, ORP_KILLED, N_("TOTALVM"), "KiB", 9,
	      N_("The victim's virtual size.")),
	R_INT(victim_anon_rss_kb, ORP_KILLED, N_("ANON"), "KiB", 9,
	      N_("The victim's anonymous resident memory.")),
	R_INT(victim_file_rss_kb, ORP_KILLED, N_("FILE"), "KiB", 9,
	      N_("The victim's file resident memory.")),
	R_INT(victim_shmem_rss_kb, ORP_KILLED, N_("SHMEM"), "KiB", 9,
	      N_("The victim's shared memory resident memory.")),
	R_INT(victim_pgtables_kb, ORP_KILLED, N_("PGTABLES"), "KiB", 8,
	      N_("The victim's page tables.")),
	R_INT(victim_adj, ORP_KILLED, N_("ADJ"), "", 5,
	      N_("The victim's oom_score_adj.")),
	{ .name = "tasks", .title = "tasks", .unit = "",
	  .help = N_("The task dump (vm.oom_dump_tasks), in the order the "
	             "OOM killer walked the tasks."),
	  .type = FT_OBJECTS, .offset = offsetof(struct oom_report, tasks),
	  .count_offset = offsetof(struct oom_report, ntasks),
	  .sub = &oom_task_schema, .known_bit = ORP_TASKS },
};

const struct schema oom_report_schema = {
	.name = "reports",
	.size = sizeof(struct oom_report),
	.known_offset = offsetof(struct oom_report, known),
	.fields = oom_report_fields,
	.nfields = ARRAY_SIZE(oom_report_fields),
};

static const struct field oom_log_fields[] = {
	{ .name = "reports", .title = "reports", .unit = "",
	  .help = N_("The OOM kills in the log, oldest first."),
	  .type = FT_OBJECTS, .offset = offsetof(struct oom_log, reports),
	  .count_offset = offsetof(struct oom_log, count),
	  .sub = &oom_report_schema, .known_bit = 0 },
};

const struct schema oom_log_schema = {
	.name = "oom_log",
	.size = sizeof(struct oom_log),
	.known_offset = offsetof(struct oom_log, known),
	.fields = oom_log_fields,
	.nfields = ARRAY_SIZE(oom_log_fields),
};
