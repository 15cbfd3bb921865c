/*
 * oom_badness.c - the OOM killer's two numbers per process, with the
 * kernel's integer arithmetic (kernel-spec.md 1.2 and 1.4):
 *
 *   oom_badness() of mm/oom_kill.c (identical 5.15 to 6.18; the signed form
 *   since 5.9, the unsigned one from 2.6.36 to 5.8, both without the
 *   CAP_SYS_ADMIN 3% rebate, which 4.17 [unverified] removed), and
 *   proc_oom_score() of fs/proc/base.c, which prints it as
 *   (1000 + badness * 1000 / totalpages) * 2 / 3 since 5.9 and
 *   badness * 1000 / totalpages before.
 *
 * Must not: do I/O, or decide killability (the caller does: init, kernel
 * threads, adj -1000, vfork children never get here).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "oom.h"

enum oom_rules oom_rules_of_release(const char *release, bool *known)
{
	int major = 0, minor = 0;

	*known = release && sscanf(release, "%d.%d", &major, &minor) == 2;
	if (!*known)
		return OOM_RULES_SIGNED;
	if (major < 5 || (major == 5 && minor < 9))
		return OOM_RULES_UNSIGNED;
	return OOM_RULES_SIGNED;
}

const char *oom_rules_name(enum oom_rules rules)
{
	return rules == OOM_RULES_UNSIGNED ? "2.6.36-5.8" : "5.9-6.18";
}

int64_t oom_adj_pages(int64_t oom_score_adj, int64_t totalpages)
{
	return oom_score_adj * (totalpages / 1000);
}

int64_t oom_badness(const struct oom_badness_inputs *in, int64_t totalpages,
                    enum oom_rules rules)
{
	/* points = get_mm_rss + MM_SWAPENTS + mm_pgtables_bytes / PAGE_SIZE */
	int64_t points = in->rss_pages + in->swap_pages + in->pgtables_pages;

	/* adj *= totalpages / 1000; points += adj; */
	points += oom_adj_pages(in->oom_score_adj, totalpages);
	if (rules == OOM_RULES_UNSIGNED)
		return points > 0 ? points : 1;
	return points;
}

int64_t oom_share_permille(int64_t badness, int64_t totalpages)
{
	if (totalpages <= 0)
		return 0;
	return badness * 1000 / totalpages; /* C truncates toward zero */
}

int64_t oom_proc_score(int64_t badness, int64_t totalpages,
                       enum oom_rules rules)
{
	if (badness == OOM_BADNESS_UNKILLABLE || totalpages <= 0)
		return 0;
	if (rules == OOM_RULES_UNSIGNED)
		return (int64_t)((uint64_t)badness * 1000 / (uint64_t)totalpages);
	return (1000 + badness * 1000 / totalpages) * 2 / 3;
}
