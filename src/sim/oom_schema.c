/*
 * oom_schema.c - the field tables of the oom engine's result (JSON
 * "sim.oom", batch text, and the TUI's oom view read it through these).
 * The names are what users and scripts see (DESIGN.md "sim.oom"): add
 * fields, do not rename them.
 *
 * Must not: do I/O or compute anything.
 */
#include "config.h"

#include <stddef.h>

#include "oom.h"
#include "util.h"



#define R_INT(key, bit, ttl, unt, w, hlp) FIELD_INT(oom_rank, key, bit, ttl, unt, w, hlp)

static const struct field oom_rank_fields[] = {
	R_INT(rank, ORK_RANK, N_("RANK"), "", 4,
	      N_("1 for the process the kernel would kill now, 2 for the next "
	         "if the OOM repeated, and so on; null for those it would not "
	         "or cannot be weighed.")),
	R_INT(pid, -1, N_("PID"), "", 7, N_("Process id.")),
	R_INT(killable, ORK_KILLABLE, N_("KILL"), "", 4,
	      N_("1 when the OOM killer may choose it, 0 when it never would "
	         "(see reason); null when that cannot be told.")),
	R_INT(rss_pages, ORK_RSS, N_("RSS"), "pages", 8,
	      N_("Resident pages as oom_badness() reads them: get_mm_rss(), "
	         "the approximate read of the per-CPU counters, which "
	         "/proc/PID/stat field 24 prints too.")),
	R_INT(anon_pages, ORK_PARTS, N_("ANON"), "pages", 8,
	      N_("The anonymous part of rss (status RssAnon, plus what grow: "
	         "what-ifs add).")),
	R_INT(file_pages, ORK_PARTS, N_("FILE"), "pages", 8,
	      N_("The file part of rss (status RssFile).")),
	R_INT(shmem_pages, ORK_PARTS, N_("SHMEM"), "pages", 7,
	      N_("The shared memory part of rss (status RssShmem).")),
	R_INT(swap_pages, ORK_SWAP, N_("SWAP"), "pages", 7,
	      N_("Swapped-out pages (MM_SWAPENTS; status VmSwap).")),
	R_INT(pgtables_pages, ORK_PGTABLES, N_("PTE"), "pages", 6,
	      N_("Page tables in pages (mm_pgtables_bytes / PAGE_SIZE; status "
	         "VmPTE).")),
	R_INT(oom_score_adj, ORK_ADJ, N_("ADJ"), "", 5,
	      N_("oom_score_adj, -1000 to 1000 (after adj: what-ifs).")),
	R_INT(adj_pages, ORK_ADJ_PAGES, N_("ADJPAGES"), "pages", 9,
	      N_("oom_score_adj x (totalpages / 1000): what the adjustment adds "
	         "to the badness, in pages.")),
	R_INT(badness, ORK_BADNESS, N_("BADNESS"), "pages", 9,
	      N_("oom_badness(): rss + swap + page tables + adj_pages, with the "
	         "scope's totalpages.  The highest is killed.")),
	R_INT(share_permille, ORK_SHARE, N_("SHARE"), "1/1000", 6,
	      N_("badness x 1000 / totalpages, truncated: the process's share "
	         "of the scope's memory in thousandths (negative with a "
	         "negative adj).")),
	R_INT(oom_score, ORK_SCORE, N_("SCORE"), "", 5,
	      N_("The model of /proc/PID/oom_score: (1000 + badness x 1000 / "
	         "totalpages) x 2 / 3 with the global totalpages (badness x "
	         "1000 / totalpages before 5.9); 0 for the unkillable.")),
	R_INT(kernel_oom_score, ORK_KERNEL_SCORE, N_("KSCORE"), "", 6,
	      N_("/proc/PID/oom_score as the kernel printed it in this refresh "
	         "(read twice, around the other inputs, with --sim oom).")),
	R_INT(score_match, ORK_MATCH, N_("MATCH"), "", 5,
	      N_("1 when oom_score equals kernel_oom_score, 0 when not; null "
	         "when they were not compared: the kernel's two reads differed "
	         "or stat moved (unstable), the model's score is unknown, or a "
	         "what-if changed the process.")),
	R_INT(mm_group, ORK_MM_GROUP, N_("MMGRP"), "", 7,
	      N_("The lowest pid sharing this process's address space: all of "
	         "them die with the victim.")),
	R_INT(historic_points, ORK_HISTORIC, N_("HIST"), "", 9,
	      N_("The 2.6-era badness() of the teaching model: virtual size "
	         "plus half the children's, divided by the square root of CPU "
	         "time and the fourth root of run time, doubled when niced, "
	         "divided by 16 for root, shifted by oom_adj.")),
	R_INT(historic_rank, ORK_HISTORIC_RANK, N_("HRANK"), "", 5,
	      N_("Where the 2.6 heuristic would rank it (1: killed first).")),
	FIELD_STR(oom_rank, reason, ORK_REASON, N_("REASON"), 30,
	      N_("Why it is unkillable (init, kernel thread, adj -1000, vfork "
	         "child, no memory of its own, outside the constraint), or why "
	         "it cannot be weighed.")),
	FIELD_STR(oom_rank, comm, ORK_COMM, N_("COMMAND"), 15, N_("Command name.")),
};

const struct schema oom_rank_schema = {
	.name = "ranking",
	.size = sizeof(struct oom_rank),
	.known_offset = offsetof(struct oom_rank, known),
	.fields = oom_rank_fields,
	.nfields = ARRAY_SIZE(oom_rank_fields),
};

static const struct field oom_kill_fields[] = {
	FIELD_INT(oom_kill, order, -1, N_("ORDER"), "", 5,
	      N_("1: killed by this OOM; 2: by the next, if memory ran out "
	         "again; ...")),
	FIELD_INT(oom_kill, pid, -1, N_("PID"), "", 7, N_("Process id.")),
	FIELD_INT(oom_kill, badness, -1, N_("BADNESS"), "pages", 9,
	      N_("Its badness.")),
	{ .name = "with_pids", .title = N_("WITH"), .unit = "",
	  .help = N_("The other processes sharing its address space, killed "
	             "with it."),
	  .type = FT_INT_ARRAY, .offset = offsetof(struct oom_kill, with_pids),
	  .count_offset = offsetof(struct oom_kill, nwith),
	  .known_bit = OKL_WITH },
	FIELD_INT(oom_kill, freed_pages, OKL_FREED, N_("FREED"), "pages", 9,
	      N_("What the kill takes back: rss + swap + page tables of the "
	         "address space (file pages stay in the page cache, and shared "
	         "ones with their other users).")),
	FIELD_INT(oom_kill, freed_total_pages, OKL_FREED, N_("TOTAL"), "pages", 9,
	      N_("Freed by this kill and those before it.")),
	FIELD_STR(oom_kill, comm, -1, N_("COMMAND"), 15, N_("Command name.")),
};

const struct schema oom_kill_schema = {
	.name = "kill_order",
	.size = sizeof(struct oom_kill),
	.known_offset = offsetof(struct oom_kill, known),
	.fields = oom_kill_fields,
	.nfields = ARRAY_SIZE(oom_kill_fields),
};

#define C_INT(key, bit, ttl, unt, hlp) FIELD_INT(oom_overcommit, key, bit, ttl, unt, 10, hlp)

static const struct field oom_overcommit_fields[] = {
	C_INT(mode, OOC_MODE, N_("MODE"), "",
	      N_("vm.overcommit_memory: 0 heuristic, 1 always, 2 never.")),
	C_INT(ratio, OOC_RATIO, N_("RATIO"), "%",
	      N_("vm.overcommit_ratio: the share of RAM (less huge pages) "
	         "CommitLimit counts in mode 2.")),
	C_INT(kbytes, OOC_KBYTES, N_("KBYTES"), "KiB",
	      N_("vm.overcommit_kbytes: when not 0, CommitLimit counts this "
	         "instead of the ratio.")),
	C_INT(commit_limit_kb, OOC_LIMIT, N_("LIMIT"), "KiB",
	      N_("CommitLimit (meminfo): vm_commit_limit(), mode 2's ceiling.")),
	C_INT(model_commit_limit_kb, OOC_MODEL_LIMIT, N_("MODELLIMIT"), "KiB",
	      N_("vm_commit_limit() recomputed: (MemTotal - Hugetlb) x ratio / "
	         "100 + SwapTotal, or overcommit_kbytes + SwapTotal; equals "
	         "CommitLimit.")),
	C_INT(committed_as_kb, OOC_COMMITTED, N_("COMMITTED"), "KiB",
	      N_("Committed_AS (meminfo): what is committed now (the exact sum; "
	         "the kernel's check reads the approximate per-CPU count).")),
	C_INT(admin_reserve_kb, OOC_RESERVES, N_("ADMINRES"), "KiB",
	      N_("vm.admin_reserve_kbytes: held back from those without "
	         "CAP_SYS_ADMIN in mode 2.")),
	C_INT(user_reserve_kb, OOC_RESERVES, N_("USERRES"), "KiB",
	      N_("vm.user_reserve_kbytes: a process keeps min(its size / 32, "
	         "this) back in mode 2.")),
	C_INT(headroom_admin_kb, OOC_HEADROOM, N_("ROOTROOM"), "KiB",
	      N_("Mode 2: the largest commit that would pass now with "
	         "CAP_SYS_ADMIN.")),
	C_INT(headroom_user_kb, OOC_HEADROOM, N_("USERROOM"), "KiB",
	      N_("Mode 2: the largest commit that would pass now without it.")),
	C_INT(ask_kb, OOC_ASK, N_("ASK"), "KiB",
	      N_("--what-if commit:SIZE: the size asked, in whole pages.")),
	C_INT(ask_pid, OOC_ASK, N_("ASKPID"), "",
	      N_("commit:SIZE@PID: the process committing (0: a small new "
	         "one).")),
	C_INT(ask_total_vm_pages, OOC_ASK_TOTAL_VM, N_("ASKVM"), "pages",
	      N_("That process's total_vm (min(total_vm / 32, "
	         "user_reserve_kbytes) is kept back in mode 2).")),
	C_INT(ok_mode0, OOC_ANSWERS, N_("MODE0"), "",
	      N_("1 when the commit would succeed in mode 0 (fails only when "
	         "larger than RAM + swap), 0 when not.")),
	C_INT(ok_mode1, OOC_ANSWERS, N_("MODE1"), "",
	      N_("Mode 1 always commits: 1.")),
	C_INT(ok_mode2_admin, OOC_ANSWERS, N_("MODE2ROOT"), "",
	      N_("Mode 2 with CAP_SYS_ADMIN: 1 when Committed_AS + SIZE < "
	         "CommitLimit - the process's user reserve.")),
	C_INT(ok_mode2_user, OOC_ANSWERS, N_("MODE2USER"), "",
	      N_("Mode 2 without CAP_SYS_ADMIN: admin_reserve_kbytes held back "
	         "too.")),
	C_INT(ok_now, OOC_ANSWERS, N_("NOW"), "",
	      N_("Under the current mode, for a process without "
	         "CAP_SYS_ADMIN.")),
};

const struct schema oom_overcommit_schema = {
	.name = "overcommit",
	.size = sizeof(struct oom_overcommit),
	.known_offset = offsetof(struct oom_overcommit, known),
	.fields = oom_overcommit_fields,
	.nfields = ARRAY_SIZE(oom_overcommit_fields),
};

#define PR_INT(key, ttl, unt, w, hlp) FIELD_INT(oom_past_rank, key, -1, ttl, unt, w, hlp)

static const struct field oom_past_rank_fields[] = {
	PR_INT(rank, N_("RANK"), "", 4, N_("The model's rank in the task dump.")),
	PR_INT(pid, N_("PID"), "", 7, N_("Process id (tgid).")),
	PR_INT(rss_pages, N_("RSS"), "pages", 8, N_("rss from the dump.")),
	PR_INT(swap_pages, N_("SWAP"), "pages", 7, N_("swapents from the dump.")),
	PR_INT(pgtables_pages, N_("PTE"), "pages", 6,
	       N_("pgtables_bytes from the dump, in pages.")),
	PR_INT(oom_score_adj, N_("ADJ"), "", 5, N_("oom_score_adj from the dump.")),
	PR_INT(badness, N_("BADNESS"), "pages", 9,
	       N_("oom_badness() of the dump's numbers.")),
	FIELD_STR(oom_past_rank, name, -1, N_("NAME"), 15, N_("Command name.")),
};

const struct schema oom_past_rank_schema = {
	.name = "top",
	.size = sizeof(struct oom_past_rank),
	.known_offset = offsetof(struct oom_past_rank, known),
	.fields = oom_past_rank_fields,
	.nfields = ARRAY_SIZE(oom_past_rank_fields),
};

static const struct field oom_past_fields[] = {
	{ .name = "time_s", .title = N_("TIME"), .unit = "s", .type = FT_DOUBLE,
	  .help = N_("When it was logged, seconds since boot."),
	  .offset = offsetof(struct oom_past, time_s), .known_bit = OPS_TIME,
	  .width = 12 },
	FIELD_STR(oom_past, constraint, -1, N_("CONSTRAINT"), 22,
	      N_("The logged constraint (CONSTRAINT_NONE: global).")),
	FIELD_STR(oom_past, invoker, -1, N_("INVOKER"), 15,
	      N_("The task whose allocation failed.")),
	FIELD_STR(oom_past, oom_memcg, -1, N_("MEMCG"), 20,
	      N_("The memory cgroup whose limit was hit (memcg OOM).")),
	FIELD_INT(oom_past, victim_pid, OPS_VICTIM, N_("VICTIM"), "", 7,
	      N_("The process the kernel killed.")),
	FIELD_STR(oom_past, victim_comm, OPS_VICTIM, N_("COMM"), 15,
	      N_("Its command.")),
	FIELD_INT(oom_past, ntasks, -1, N_("TASKS"), "", 5,
	      N_("Lines of the task dump.")),
	FIELD_INT(oom_past, totalpages, OPS_TOTALPAGES, N_("TOTALPAGES"), "pages", 10,
	      N_("The totalpages the model ranked the dump with.")),
	FIELD_STR(oom_past, totalpages_source, OPS_TOTALPAGES, N_("FROM"), 20,
	      N_("Where that totalpages comes from.")),
	FIELD_INT(oom_past, model_victim_pid, OPS_MODEL, N_("MODEL"), "", 7,
	      N_("The process the model picks from the dump.")),
	FIELD_STR(oom_past, model_victim_comm, OPS_MODEL, N_("MODELCOMM"), 15,
	      N_("Its command.")),
	FIELD_INT(oom_past, victim_model_rank, OPS_VICTIM_RANK, N_("VRANK"), "", 5,
	      N_("Where the model ranks the kernel's victim (1: agrees).")),
	FIELD_INT(oom_past, agrees, OPS_MODEL, N_("AGREES"), "", 6,
	      N_("1 when the model picks the victim the kernel killed.")),
	FIELD_OBJECTS(oom_past, top, ntop, OPS_MODEL, oom_past_rank_schema,
	          N_("The model's first few of the dump.")),
};

const struct schema oom_past_schema = {
	.name = "past",
	.size = sizeof(struct oom_past),
	.known_offset = offsetof(struct oom_past, known),
	.fields = oom_past_fields,
	.nfields = ARRAY_SIZE(oom_past_fields),
};

#define S_INT(key, bit, ttl, unt, hlp) FIELD_INT(oom_result, key, bit, ttl, unt, 10, hlp)
#define S_STR(key, bit, ttl, hlp) FIELD_STR(oom_result, key, bit, ttl, 20, hlp)

static const struct field oom_fields[] = {
	S_STR(kernel_rules, ORS_RULES, N_("RULES"),
	      N_("Which kernel's formulas apply: \"5.9-6.18\" or "
	         "\"2.6.36-5.8\".")),
	S_STR(scope, ORS_SCOPE, N_("SCOPE"),
	      N_("\"global\", \"memcg PATH\" (--cgroup), or the cpuset: or "
	         "mempolicy: what-if.")),
	S_STR(constraint, ORS_SCOPE, N_("CONSTRAINT"),
	      N_("The kernel's name for the scope: CONSTRAINT_NONE, "
	         "CONSTRAINT_MEMCG, CONSTRAINT_CPUSET, "
	         "CONSTRAINT_MEMORY_POLICY.")),
	S_INT(totalpages, ORS_TOTALPAGES, N_("TOTALPAGES"), "pages",
	      N_("What badness is measured against: RAM + swap (global), the "
	         "cgroup's limit plus its swap (memcg), or swap + the nodes' "
	         "present pages (cpuset, mempolicy).")),
	S_INT(totalpages_global, ORS_GLOBAL_TOTALPAGES, N_("GLOBALPAGES"), "pages",
	      N_("MemTotal + SwapTotal in pages: what /proc/PID/oom_score is "
	         "always computed with.")),
	S_INT(ram_pages, ORS_GLOBAL_TOTALPAGES, N_("RAM"), "pages",
	      N_("totalram_pages() (MemTotal).")),
	S_INT(swap_pages, ORS_GLOBAL_TOTALPAGES, N_("SWAPPAGES"), "pages",
	      N_("total_swap_pages (SwapTotal).")),
	S_INT(memcg_max_pages, ORS_MEMCG, N_("MEMCGMAX"), "pages",
	      N_("memcg scope: the group's memory limit in pages.")),
	S_INT(memcg_swap_pages, ORS_MEMCG, N_("MEMCGSWAP"), "pages",
	      N_("memcg scope: the swap mem_cgroup_get_max() adds (0 when "
	         "swappiness is 0 or there is no swap).")),
	S_INT(victim, ORS_VICTIM, N_("VICTIM"), "",
	      N_("The pid the kernel would kill now; null when it cannot be "
	         "told (see victim_note).")),
	S_STR(victim_comm, ORS_VICTIM, N_("COMM"), N_("The victim's command.")),
	S_STR(victim_note, -1, N_("NOTE"),
	      N_("Why there is no victim, when there is none.")),
	S_INT(panic, ORS_PANIC, N_("PANIC"), "",
	      N_("1 when vm.panic_on_oom makes this OOM panic the kernel "
	         "instead of killing.")),
	S_INT(nkillable, ORS_COUNTS, N_("KILLABLE"), "",
	      N_("Processes of the scope that the OOM killer could choose.")),
	S_INT(nunkillable, ORS_COUNTS, N_("UNKILLABLE"), "",
	      N_("Processes it never chooses.")),
	S_INT(nunknown, ORS_COUNTS, N_("UNKNOWN"), "",
	      N_("Processes that cannot be weighed (see each reason).")),
	S_INT(compared, ORS_COMPARED, N_("COMPARED"), "",
	      N_("Processes whose /proc/PID/oom_score was stable while read "
	         "and compared with the model.")),
	S_INT(mismatches, ORS_COMPARED, N_("MISMATCHES"), "",
	      N_("Of those, how many differ from the model (0 is the goal).")),
	S_INT(not_compared, ORS_COMPARED, N_("NOTCOMPARED"), "",
	      N_("Processes not compared: the kernel's score moved while "
	         "read, the model's is unknown, or a what-if changed them.")),
	FIELD_OBJECTS(oom_result, ranking, nranking, -1, oom_rank_schema,
	          N_("The scope's processes: the victim first, then the kill "
	             "order, then those that cannot be weighed, then the "
	             "unkillable.")),
	FIELD_OBJECTS(oom_result, kill_order, nkill_order, ORS_VICTIM,
	          oom_kill_schema,
	          N_("Who dies first, second, third... if the OOM repeated: "
	             "processes sharing an address space die together.")),
	S_INT(historic_victim, ORS_HISTORIC_VICTIM, N_("HISTVICTIM"), "",
	      N_("Whom the 2.6-era heuristic would kill first.")),
	S_STR(historic_victim_comm, ORS_HISTORIC_VICTIM, N_("HISTCOMM"),
	      N_("Its command.")),
	S_INT(historic_hz, ORS_HISTORIC_VICTIM, N_("HZ"), "",
	      N_("The HZ the 2.6 model assumes for CPU time.")),
	{ .name = "overcommit", .title = "overcommit", .type = FT_OBJECT,
	  .sub = &oom_overcommit_schema, .known_bit = -1,
	  .offset = offsetof(struct oom_result, overcommit),
	  .help = N_("The overcommit mode and limits, and the answer for "
	             "--what-if commit:SIZE.") },
	FIELD_OBJECTS(oom_result, past, npast, ORS_PAST, oom_past_schema,
	          N_("The OOM kills of the kernel log, and whom the model "
	             "picks from each task dump.")),
	{ .name = "explanation", .title = "explanation", .type = FT_SKVLIST,
	  .offset = offsetof(struct oom_result, explanation), .known_bit = -1,
	  .help = N_("The result in sentences: topic -> sentence.") },
};

const struct schema oom_schema = {
	.name = "oom",
	.size = sizeof(struct oom_result),
	.known_offset = offsetof(struct oom_result, known),
	.fields = oom_fields,
	.nfields = ARRAY_SIZE(oom_fields),
};
