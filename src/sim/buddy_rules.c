/*
 * buddy_rules.c - which kernel release's formulas the buddy engine applies,
 * the kernel's integer helpers (int_sqrt, mult_frac), and migratetype names.
 *
 * The releases are those of kernel-spec.md section 0 (5.15 to 6.18) plus
 * the older changes the fixtures need (watermark_scale_factor in 4.6, the
 * min_free_kbytes cap in 5.7, proactive compaction in 5.9).  An unreadable
 * release gets the newest rules, and the result says so.
 *
 * Must not: do I/O or keep state.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buddy.h"

static const char *const mt_names[BUDDY_MT_COUNT] = {
	[BUDDY_MT_UNMOVABLE] = "Unmovable", [BUDDY_MT_MOVABLE] = "Movable",
	[BUDDY_MT_RECLAIMABLE] = "Reclaimable",
	[BUDDY_MT_HIGHATOMIC] = "HighAtomic", [BUDDY_MT_CMA] = "CMA",
	[BUDDY_MT_ISOLATE] = "Isolate",
};

int buddy_mt_from_name(const char *name)
{
	for (int mt = 0; mt < BUDDY_MT_COUNT; mt++)
		if (strcasecmp(name, mt_names[mt]) == 0)
			return mt;
	return -1;
}

const char *buddy_mt_name(int mt)
{
	return mt >= 0 && mt < BUDDY_MT_COUNT ? mt_names[mt] : "?";
}

/* The newest release the spec was checked against. */
#define NEWEST_MAJOR 6
#define NEWEST_MINOR 18

static bool at_least(int major, int minor, int want_major, int want_minor)
{
	return major > want_major || (major == want_major && minor >= want_minor);
}

void buddy_rules_for(const char *release, struct buddy_rules *r)
{
	int major = 0, minor = 0;

	memset(r, 0, sizeof(*r));
	r->release_known = release &&
	                   sscanf(release, "%d.%d", &major, &minor) == 2 &&
	                   major >= 2 && minor >= 0;
	if (!r->release_known) {
		major = NEWEST_MAJOR;
		minor = NEWEST_MINOR;
	}
	r->major = major;
	r->minor = minor;
	snprintf(r->label, sizeof(r->label), "%d.%d", major, minor);
	r->extfrag_pad = at_least(major, minor, 6, 1);
	r->scale_factor = at_least(major, minor, 4, 6);
	/* kernel-spec.md 3.3: "between 6.1 and 6.6" [exact release
	 * unverified]; the patch is against the 6.4-era layout. */
	r->movable_capped = at_least(major, minor, 6, 5);
	r->free_highatomic = at_least(major, minor, 6, 12);
	r->unaccepted = at_least(major, minor, 6, 5) &&
	                !at_least(major, minor, 6, 9);
	r->pcp_mergeable = at_least(major, minor, 6, 1);
	r->promo = at_least(major, minor, 6, 1);
	r->alloc_harder = !at_least(major, minor, 6, 3);
	r->proactive = at_least(major, minor, 5, 9);
	r->proactive_leeway = at_least(major, minor, 6, 13);
	r->suitable_success = !at_least(major, minor, 6, 6);
	r->min_free_kbytes_max = at_least(major, minor, 5, 7) ? 262144 : 65536;
}

/* lib/math/int_sqrt.c: floor(sqrt(x)) by the kernel's bit method. */
uint64_t buddy_int_sqrt(uint64_t x)
{
	uint64_t b, m, y = 0;

	if (x <= 1)
		return x;
	m = UINT64_C(1) << ((63 - __builtin_clzll(x)) & ~1);
	while (m != 0) {
		b = y + m;
		y >>= 1;
		if (x >= b) {
			x -= b;
			y += m;
		}
		m >>= 2;
	}
	return y;
}

/* include/linux/math.h mult_frac(): x * n / d without the overflow. */
uint64_t buddy_mult_frac(uint64_t x, uint64_t n, uint64_t d)
{
	uint64_t q = x / d, r = x % d;

	return q * n + r * n / d;
}
