/*
 * lru_schema.c - the field tables of the lru engine's result (JSON
 * "sim.lru", batch text, and the TUI's lru view read it through these).
 * The names are what users and scripts see: add fields, do not rename them.
 *
 * Must not: do I/O or compute anything.
 */
#include "config.h"

#include <stddef.h>

#include "lru.h"
#include "util.h"

#define L_RATE(key, idx, ttl, hlp) \
	{ .name = key, .title = ttl, .unit = "/s", .help = hlp, \
	  .type = FT_DOUBLE, .offset = offsetof(struct lru_rates, rate[idx]), \
	  .known_bit = idx, .width = 9 }

#define SCOPE_KB(key, bit, ttl, hlp) FIELD_INT(lru_scope, key, bit, ttl, "KiB", 10, hlp)

static const struct field scope_fields[] = {
	FIELD_STR(lru_scope, name, -1, N_("SCOPE"), 16,
	      N_("The lruvec: \"machine\", \"node N\" or a cgroup path.")),
	SCOPE_KB(inactive_anon_kb, LS_LISTS, N_("INACT_ANON"),
	         N_("Inactive anonymous list (meminfo Inactive(anon), or the "
	            "group's hierarchical memory.stat).")),
	SCOPE_KB(active_anon_kb, LS_LISTS, N_("ACT_ANON"),
	         N_("Active anonymous list.")),
	SCOPE_KB(inactive_file_kb, LS_LISTS, N_("INACT_FILE"),
	         N_("Inactive file (page cache) list.")),
	SCOPE_KB(active_file_kb, LS_LISTS, N_("ACT_FILE"), N_("Active file list.")),
	SCOPE_KB(unevictable_kb, LS_UNEVICTABLE, N_("UNEVICT"),
	         N_("Unevictable list (mlocked, ramfs, ...).")),
	FIELD_INT(lru_scope, anon_inactive_ratio, LS_RATIOS, N_("ARATIO"), "", 6,
	      N_("inactive_is_low()'s ratio for anon: int_sqrt(10 * GiB of "
	         "anon), 1 below 1 GiB.")),
	FIELD_INT(lru_scope, anon_inactive_low, LS_RATIOS, N_("ALOW"), "", 4,
	      N_("1 when inactive anon * ratio < active anon: reclaim "
	         "deactivates anon pages.")),
	FIELD_INT(lru_scope, file_inactive_ratio, LS_RATIOS, N_("FRATIO"), "", 6,
	      N_("inactive_is_low()'s ratio for file.")),
	FIELD_INT(lru_scope, file_inactive_low, LS_RATIOS, N_("FLOW"), "", 4,
	      N_("1 when inactive file * ratio < active file.")),
	FIELD_INT(lru_scope, swappiness, LS_SWAPPINESS, N_("SWAPPI"), "", 6,
	      N_("The swappiness reclaim of this scope uses (v1 groups: "
	         "memory.swappiness; otherwise vm.swappiness).")),
	SCOPE_KB(swap_free_kb, LS_SWAP, N_("SWAPFREE"),
	         N_("Swap this scope may still use (v2: swap.max - swap.current "
	            "and free swap; v1: the memsw margin and free swap).")),
	SCOPE_KB(usage_kb, LS_USAGE, N_("USAGE"), N_("The group's usage.")),
	FIELD_LIMIT(lru_scope, limit_kb, LS_LIMIT, N_("LIMIT"),
	        10, N_("The group's limit; \"max\" when unlimited.")),
	SCOPE_KB(free_kb, LS_FREE, N_("FREE"), N_("Free memory (MemFree).")),
	SCOPE_KB(min_kb, LS_WMARKS, N_("MIN"),
	         N_("The zones' min watermarks summed: below them allocations "
	            "reclaim directly.")),
	SCOPE_KB(low_kb, LS_WMARKS, N_("LOW"),
	         N_("The zones' low watermarks summed: below them kswapd "
	            "wakes.")),
	SCOPE_KB(high_kb, LS_WMARKS, N_("HIGH"),
	         N_("The zones' high watermarks summed: kswapd reclaims up to "
	            "them.")),
	FIELD_STR(lru_scope, branch, LS_BALANCE, N_("BRANCH"), 18,
	      N_("The branch get_scan_count() would take if reclaim started "
	         "now (DEF_PRIORITY): no_swap, cgroup_swappiness_0, "
	         "file_is_tiny, cache_trim_mode or fraction.")),
	FIELD_INT(lru_scope, anon_percent, LS_FRACTION, N_("ANON%"), "%", 5,
	      N_("The share of the inactive-list scan reclaim would put on "
	         "anon.")),
	FIELD_STR(lru_scope, why, LS_BALANCE, N_("WHY"), 0,
	      N_("Why that branch, with the numbers it compared.")),
	FIELD_INT(lru_scope, workingset_file_pages, LS_WORKINGSET, N_("WS_FILE"),
	      "pages", 9,
	      N_("workingset_test_recent(): a file page refaulting within this "
	         "many evictions and activations is activated (active_file, "
	         "plus the anon lists while swap is free).")),
	FIELD_INT(lru_scope, workingset_anon_pages, LS_WORKINGSET, N_("WS_ANON"),
	      "pages", 9,
	      N_("The same for an anonymous page (active_file + inactive_file, "
	         "plus active_anon while swap is free).")),
};

const struct schema lru_scope_schema = {
	.name = "scope",
	.size = sizeof(struct lru_scope),
	.known_offset = offsetof(struct lru_scope, known),
	.fields = scope_fields,
	.nfields = ARRAY_SIZE(scope_fields),
};

static const struct field rates_fields[] = {
	FIELD_DOUBLE(lru_rates, interval_s, LR_INTERVAL, N_("INTERVAL"), "s", 8,
	      N_("The interval the rates are measured over.")),
	L_RATE("pgscan_kswapd_rate", LR_PGSCAN_KSWAPD, N_("SCAN_KSWAPD"),
	       N_("Inactive-list pages kswapd scanned.")),
	L_RATE("pgscan_direct_rate", LR_PGSCAN_DIRECT, N_("SCAN_DIRECT"),
	       N_("Inactive-list pages scanned by direct reclaim.")),
	L_RATE("pgsteal_kswapd_rate", LR_PGSTEAL_KSWAPD, N_("STEAL_KSWAPD"),
	       N_("Pages kswapd reclaimed.")),
	L_RATE("pgsteal_direct_rate", LR_PGSTEAL_DIRECT, N_("STEAL_DIRECT"),
	       N_("Pages direct reclaim reclaimed.")),
	L_RATE("pgscan_anon_rate", LR_PGSCAN_ANON, N_("SCAN_ANON"),
	       N_("Anonymous pages scanned (all reclaim).")),
	L_RATE("pgscan_file_rate", LR_PGSCAN_FILE, N_("SCAN_FILE"),
	       N_("File pages scanned (all reclaim).")),
	L_RATE("pgsteal_anon_rate", LR_PGSTEAL_ANON, N_("STEAL_ANON"),
	       N_("Anonymous pages reclaimed.")),
	L_RATE("pgsteal_file_rate", LR_PGSTEAL_FILE, N_("STEAL_FILE"),
	       N_("File pages reclaimed.")),
	L_RATE("pgrefill_rate", LR_PGREFILL, N_("REFILL"),
	       N_("Active-list pages scanned.")),
	L_RATE("pgactivate_rate", LR_PGACTIVATE, N_("ACTIVATE"),
	       N_("Pages moved to an active list.")),
	L_RATE("pgdeactivate_rate", LR_PGDEACTIVATE, N_("DEACTIVATE"),
	       N_("Pages moved to an inactive list.")),
	L_RATE("workingset_refault_anon_rate", LR_REFAULT_ANON, N_("REFLT_ANON"),
	       N_("Evicted anonymous pages faulted back.")),
	L_RATE("workingset_refault_file_rate", LR_REFAULT_FILE, N_("REFLT_FILE"),
	       N_("Evicted file pages read back.")),
	L_RATE("workingset_activate_anon_rate", LR_ACTIVATE_ANON, N_("WSACT_ANON"),
	       N_("Anonymous refaults activated (refault distance within the "
	          "workingset).")),
	L_RATE("workingset_activate_file_rate", LR_ACTIVATE_FILE, N_("WSACT_FILE"),
	       N_("File refaults activated.")),
	L_RATE("workingset_restore_anon_rate", LR_RESTORE_ANON, N_("RESTO_ANON"),
	       N_("Anonymous refaults of pages that were active before eviction.")),
	L_RATE("workingset_restore_file_rate", LR_RESTORE_FILE, N_("RESTO_FILE"),
	       N_("File refaults of pages that were active before eviction.")),
	L_RATE("pswpin_rate", LR_PSWPIN, N_("SWPIN"),
	       N_("Pages read from swap devices.")),
	L_RATE("pswpout_rate", LR_PSWPOUT, N_("SWPOUT"),
	       N_("Pages written to swap devices.")),
	L_RATE("zswpin_rate", LR_ZSWPIN, N_("ZSWPIN"), N_("Pages loaded from zswap.")),
	L_RATE("zswpout_rate", LR_ZSWPOUT, N_("ZSWPOUT"),
	       N_("Pages stored in zswap.")),
	FIELD_DOUBLE(lru_rates, nonresident_age_rate, LR_AGE_RATE, N_("AGE"), "/s", 9,
	      N_("How fast the refault clock (nonresident_age) runs: evictions "
	         "plus activations per second.")),
	FIELD_DOUBLE(lru_rates, file_protect_s, LR_PROTECT, N_("PROTECT"), "s", 8,
	      N_("A file page evicted now is activated when it refaults within "
	         "about this many seconds (workingset_file_pages / the age "
	         "rate).")),
};

const struct schema lru_rates_schema = {
	.name = "rates",
	.size = sizeof(struct lru_rates),
	.known_offset = offsetof(struct lru_rates, known),
	.fields = rates_fields,
	.nfields = ARRAY_SIZE(rates_fields),
};

static const struct field observed_fields[] = {
	FIELD_DOUBLE(lru_observed, interval_s, LO_OBSERVED, N_("INTERVAL"), "s", 8,
	      N_("The interval observed.")),
	FIELD_INT(lru_observed, scan_anon_pages, LO_OBSERVED, N_("SCAN_ANON"), "pages",
	      10, N_("pgscan_anon over the interval.")),
	FIELD_INT(lru_observed, scan_file_pages, LO_OBSERVED, N_("SCAN_FILE"), "pages",
	      10, N_("pgscan_file over the interval.")),
	FIELD_INT(lru_observed, steal_anon_pages, LO_STEAL, N_("STEAL_ANON"), "pages",
	      10, N_("pgsteal_anon over the interval.")),
	FIELD_INT(lru_observed, steal_file_pages, LO_STEAL, N_("STEAL_FILE"), "pages",
	      10, N_("pgsteal_file over the interval.")),
	FIELD_DOUBLE(lru_observed, anon_scan_percent, LO_OBSERVED, N_("ANON%"), "%", 6,
	      N_("The anon share of the pages the kernel scanned.")),
	FIELD_DOUBLE(lru_observed, anon_steal_percent, LO_STEAL, N_("ANONSTEAL%"), "%", 6,
	      N_("The anon share of the pages the kernel reclaimed.")),
	FIELD_STR(lru_observed, modelled_branch, LO_MODELLED, N_("MODEL"), 16,
	      N_("The branch of get_scan_count() the model takes on the "
	         "previous snapshot.")),
	FIELD_INT(lru_observed, modelled_anon_percent, LO_MODELLED, N_("MODEL_ANON%"),
	      "%", 6, N_("The anon share of the scan the model predicts.")),
	FIELD_STR(lru_observed, modelled_why, LO_MODELLED, N_("WHY"), 0,
	      N_("Why the model takes that branch.")),
};

const struct schema lru_observed_schema = {
	.name = "observed",
	.size = sizeof(struct lru_observed),
	.known_offset = offsetof(struct lru_observed, known),
	.fields = observed_fields,
	.nfields = ARRAY_SIZE(observed_fields),
};

#define PLAN_KB(key, bit, ttl, hlp) FIELD_INT(lru_plan, key, bit, ttl, "KiB", 9, hlp)
#define PLAN_PAGES(key, ttl, hlp) \
	FIELD_INT(lru_plan, key, LP_AFTER, ttl, "pages", 9, hlp)

static const struct field plan_fields[] = {
	PLAN_KB(need_kb, -1, N_("NEED"), N_("The memory asked for (need:SIZE).")),
	PLAN_KB(modelled_kb, LP_PLAN, N_("MODELLED"),
	        N_("How much of it the model played: less than need_kb when it "
	           "stopped at its budget of page events (the rest would go on "
	           "the same way).")),
	FIELD_STR(lru_plan, scope, -1, N_("SCOPE"), 12, N_("Where it is needed.")),
	FIELD_STR(lru_plan, reclaimer, LP_PLAN, N_("RECLAIMER"), 9,
	      N_("Who reclaims: none, kswapd, direct (the allocating task, "
	         "below the min watermark), cgroup (the charging task, over the "
	         "group's limit) or oom (reclaim cannot make the room).")),
	FIELD_STR(lru_plan, reclaimer_why, LP_PLAN, N_("WHY"), 0,
	      N_("The watermark or limit that decides it, with the numbers.")),
	FIELD_STR(lru_plan, branch, LP_BALANCE, N_("BRANCH"), 16,
	      N_("get_scan_count()'s branch on the first reclaim pass.")),
	FIELD_STR(lru_plan, why, -1, N_("BRANCH_WHY"), 0,
	      N_("Why that branch; or why there is no plan.")),
	FIELD_INT(lru_plan, anon_fraction, LP_BALANCE, N_("AP"), "", 6,
	      N_("SCAN_FRACT's anon weight (ap); 0 in other branches.")),
	FIELD_INT(lru_plan, file_fraction, LP_BALANCE, N_("FP"), "", 6,
	      N_("SCAN_FRACT's file weight (fp).")),
	FIELD_INT(lru_plan, priority, LP_BALANCE, N_("PRIO"), "", 4,
	      N_("The scan priority the last reclaim pass ran at (12 is the "
	         "lightest).")),
	PLAN_PAGES(scan_inactive_anon_pages, N_("SCAN_IA"),
	           N_("Inactive anon pages scanned.")),
	PLAN_PAGES(scan_active_anon_pages, N_("SCAN_AA"),
	           N_("Active anon pages scanned (deactivation).")),
	PLAN_PAGES(scan_inactive_file_pages, N_("SCAN_IF"),
	           N_("Inactive file pages scanned.")),
	PLAN_PAGES(scan_active_file_pages, N_("SCAN_AF"),
	           N_("Active file pages scanned.")),
	PLAN_KB(reclaim_anon_kb, LP_AFTER, N_("RECL_ANON"),
	        N_("Anonymous memory reclaimed (swapped out).")),
	PLAN_KB(reclaim_file_kb, LP_AFTER, N_("RECL_FILE"),
	        N_("Page cache dropped.")),
	PLAN_KB(swap_out_kb, LP_AFTER, N_("SWAPOUT"), N_("Written to swap.")),
	PLAN_KB(deactivate_anon_kb, LP_AFTER, N_("DEACT_ANON"),
	        N_("Anon moved from the active to the inactive list.")),
	PLAN_KB(deactivate_file_kb, LP_AFTER, N_("DEACT_FILE"),
	        N_("File moved from the active to the inactive list.")),
	PLAN_KB(activate_kb, LP_AFTER, N_("ACTIVATE"),
	        N_("Referenced pages reclaim activated instead.")),
	PLAN_KB(inactive_anon_kb, LP_AFTER, N_("INACT_ANON"),
	        N_("The inactive anon list afterwards.")),
	PLAN_KB(active_anon_kb, LP_AFTER, N_("ACT_ANON"),
	        N_("The active anon list afterwards.")),
	PLAN_KB(inactive_file_kb, LP_AFTER, N_("INACT_FILE"),
	        N_("The inactive file list afterwards.")),
	PLAN_KB(active_file_kb, LP_AFTER, N_("ACT_FILE"),
	        N_("The active file list afterwards.")),
	FIELD_INT(lru_plan, oom, LP_PLAN, N_("OOM"), "", 3,
	      N_("1 when reclaim could not make the room: the OOM killer.")),
};

const struct schema lru_plan_schema = {
	.name = "plans",
	.size = sizeof(struct lru_plan),
	.known_offset = offsetof(struct lru_plan, known),
	.fields = plan_fields,
	.nfields = ARRAY_SIZE(plan_fields),
};

#define STEP_KB(key, ttl, hlp) FIELD_INT(lru_step, key, LT_STEP, ttl, "KiB", 9, hlp)

static const struct field step_fields[] = {
	FIELD_INT(lru_step, line, LT_STEP, N_("LINE"), "", 4,
	      N_("The step's line in the workload file.")),
	FIELD_STR(lru_step, step, LT_STEP, N_("STEP"), 20, N_("The step.")),
	STEP_KB(anon_kb, N_("ANON"), N_("Resident anonymous memory after it.")),
	STEP_KB(swap_kb, N_("SWAP"), N_("Swap used after it.")),
	STEP_KB(file_kb, N_("FILE"), N_("Resident page cache after it.")),
	STEP_KB(inactive_anon_kb, N_("IA"), N_("Inactive anon list.")),
	STEP_KB(active_anon_kb, N_("AA"), N_("Active anon list.")),
	STEP_KB(inactive_file_kb, N_("IF"), N_("Inactive file list.")),
	STEP_KB(active_file_kb, N_("AF"), N_("Active file list.")),
	FIELD_INT(lru_step, refault_anon, LT_STEP, N_("RFA"), "pages", 7,
	      N_("Anonymous refaults so far.")),
	FIELD_INT(lru_step, refault_file, LT_STEP, N_("RFF"), "pages", 7,
	      N_("File refaults so far.")),
	FIELD_INT(lru_step, scan_anon, LT_STEP, N_("SCANA"), "pages", 7,
	      N_("Anon pages scanned during the step.")),
	FIELD_INT(lru_step, scan_file, LT_STEP, N_("SCANF"), "pages", 7,
	      N_("File pages scanned during the step.")),
	FIELD_STR(lru_step, branch, LT_STEP, N_("BRANCH"), 15,
	      N_("The branch most reclaim passes of the step took; none "
	         "without reclaim.")),
	FIELD_DOUBLE(lru_step, seconds, LT_STEP, N_("T"), "s", 6,
	      N_("Modelled time at the step's end.")),
	FIELD_INT(lru_step, oom, LT_STEP, N_("OOM"), "", 3,
	      N_("1 when the step ran out of memory (the workload ends).")),
};

const struct schema lru_step_schema = {
	.name = "timeline",
	.size = sizeof(struct lru_step),
	.known_offset = offsetof(struct lru_step, known),
	.fields = step_fields,
	.nfields = ARRAY_SIZE(step_fields),
};

#define PRED_KB(key, hlp) \
	FIELD_INT(lru_prediction, key, LD_PREDICTION, #key, "KiB", 9, hlp)
#define PRED_PAGES(key, hlp) \
	FIELD_INT(lru_prediction, key, LD_PREDICTION, #key, "pages", 9, hlp)
#define PRED_N(key, hlp) \
	FIELD_INT(lru_prediction, key, LD_PREDICTION, #key, "", 9, hlp)

static const struct field prediction_fields[] = {
	FIELD_STR(lru_prediction, workload, -1, N_("WORKLOAD"), 20,
	      N_("The workload file.")),
	FIELD_STR(lru_prediction, start, -1, N_("START"), 20,
	      N_("What the model started from.")),
	PRED_KB(anon_kb, N_("Resident anonymous memory at the end.")),
	PRED_KB(swap_kb, N_("Swap used at the end.")),
	PRED_KB(file_kb, N_("Resident page cache at the end.")),
	PRED_KB(inactive_anon_kb, N_("The inactive anon list at the end.")),
	PRED_KB(active_anon_kb, N_("The active anon list at the end.")),
	PRED_KB(inactive_file_kb, N_("The inactive file list at the end.")),
	PRED_KB(active_file_kb, N_("The active file list at the end.")),
	PRED_PAGES(refault_anon, N_("workingset_refault_anon.")),
	PRED_PAGES(refault_file, N_("workingset_refault_file.")),
	PRED_PAGES(activate_anon, N_("workingset_activate_anon.")),
	PRED_PAGES(activate_file, N_("workingset_activate_file.")),
	PRED_PAGES(restore_anon, N_("workingset_restore_anon.")),
	PRED_PAGES(restore_file, N_("workingset_restore_file.")),
	PRED_PAGES(pgscan_anon, N_("Inactive anon pages scanned.")),
	PRED_PAGES(pgscan_file, N_("Inactive file pages scanned.")),
	PRED_PAGES(pgsteal_anon, N_("Anon pages reclaimed.")),
	PRED_PAGES(pgsteal_file, N_("File pages reclaimed.")),
	PRED_PAGES(pgrefill, N_("Active pages scanned.")),
	PRED_PAGES(pgactivate, N_("Pages activated.")),
	PRED_PAGES(pgdeactivate, N_("Pages deactivated.")),
	PRED_PAGES(pswpin, N_("Pages swapped in.")),
	PRED_PAGES(pswpout, N_("Pages swapped out.")),
	PRED_N(reclaim_runs, N_("Reclaim invocations (memcg limit reclaim, "
	                        "kswapd runs, direct reclaim).")),
	PRED_N(passes_file, N_("shrink_node() passes that scanned file only "
	                       "(no_swap, cgroup_swappiness_0, "
	                       "cache_trim_mode).")),
	PRED_N(passes_anon, N_("Passes that scanned anon only "
	                       "(file_is_tiny).")),
	PRED_N(passes_equal, N_("Passes at priority 0 (SCAN_EQUAL).")),
	PRED_N(passes_fraction, N_("Passes by swappiness and cost "
	                           "(SCAN_FRACT).")),
	PRED_N(stats_flushes, N_("Memcg stats flushes (every 2 s of modelled "
	                         "time): until one, reclaim reads the counters "
	                         "of the start.")),
	PRED_N(oom, N_("1 when the model ran out of memory (the OOM killer).")),
	PRED_N(oom_line, N_("The line of the step that ran out, or 0.")),
	FIELD_DOUBLE(lru_prediction, seconds, LD_PREDICTION, "seconds", "s", 8,
	      N_("Modelled time (rough per-page costs; places the flushes).")),
	PRED_N(page_events, N_("Page events the model played.")),
	FIELD_OBJECTS(lru_prediction, timeline, nsteps, LD_PREDICTION, lru_step_schema,
	       N_("The state after each step.")),
};

const struct schema lru_prediction_schema = {
	.name = "prediction",
	.size = sizeof(struct lru_prediction),
	.known_offset = offsetof(struct lru_prediction, known),
	.fields = prediction_fields,
	.nfields = ARRAY_SIZE(prediction_fields),
};

static const struct field result_fields[] = {
	FIELD_STR(lru_result, scope, -1, N_("SCOPE"), 16,
	      N_("The scope of \"now\", plans and predictions: machine, node N "
	         "(node:N) or cgroup PATH (--cgroup).")),
	FIELD_STR(lru_result, kernel_rules, LRU_R_RULES, N_("RULES"), 10,
	      N_("Which kernel's cost rules the model follows (5.15-6.1 or "
	         "6.6-6.18).")),
	FIELD_STR(lru_result, mglru, LRU_R_MGLRU, N_("MGLRU"), 12,
	      N_("Multi-gen LRU: off, on (with /sys/kernel/mm/lru_gen/enabled) "
	         "or not built.  With MGLRU on the classic model does not "
	         "apply.")),
	FIELD_INT(lru_result, swappiness, LRU_R_SWAPPINESS, N_("SWAPPINESS"), "", 4,
	      N_("The swappiness of the scope.")),
	FIELD_STR(lru_result, swappiness_source, LRU_R_SWAPPINESS, N_("SOURCE"), 18,
	      N_("Where it comes from: vm.swappiness, memory.swappiness or "
	         "--what-if swappiness:N.")),
	FIELD_INT(lru_result, swap_total_kb, LRU_R_SWAP, N_("SWAPTOTAL"), "KiB", 10,
	      N_("Swap space (SwapTotal).")),
	FIELD_INT(lru_result, swap_free_kb, LRU_R_SWAP, N_("SWAPFREE"), "KiB", 10,
	      N_("Free swap (SwapFree).")),
	FIELD_OBJECT(lru_result, now, LRU_R_NOW, lru_scope_schema,
	      N_("The scope's lists and what reclaim would decide now.")),
	FIELD_OBJECTS(lru_result, nodes, nnodes, LRU_R_NODES, lru_scope_schema,
	       N_("The same per NUMA node.")),
	FIELD_OBJECTS(lru_result, cgroups, ncgroups, LRU_R_CGROUPS, lru_scope_schema,
	       N_("The same per memory cgroup (hierarchical memory.stat).")),
	FIELD_OBJECT(lru_result, rates, LRU_R_RATES, lru_rates_schema,
	      N_("Reclaim and refault counters per second, last interval.")),
	FIELD_OBJECT(lru_result, observed, LRU_R_OBSERVED, lru_observed_schema,
	      N_("The anon/file split of the reclaim the kernel did beside the "
	         "split the model predicts from the previous snapshot.")),
	FIELD_OBJECTS(lru_result, plans, nplans, LRU_R_PLANS, lru_plan_schema,
	       N_("One per --what-if need:SIZE.")),
	FIELD_OBJECT(lru_result, prediction, LRU_R_PREDICTION, lru_prediction_schema,
	      N_("--what-if workload:FILE: the end state and the timeline.")),
	FIELD_STR(lru_result, assumptions, -1, N_("ASSUMPTIONS"), 0,
	      N_("What the model takes for granted where the kernel's state "
	         "is not visible.")),
	{ .name = "unavailable", .title = "unavailable", .unit = "",
	  .help = N_("Why a field is unknown, by field name."),
	  .type = FT_SKVLIST, .offset = offsetof(struct lru_result, unavailable),
	  .known_bit = -1 },
};

const struct schema lru_schema = {
	.name = "lru",
	.size = sizeof(struct lru_result),
	.known_offset = offsetof(struct lru_result, known),
	.fields = result_fields,
	.nfields = ARRAY_SIZE(result_fields),
};
