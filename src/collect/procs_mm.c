/*
 * procs_mm.c - which processes share an address space (mm), and which are
 * vfork children, for the OOM killer's model (collect_options
 * .fresh_oom_inputs): the kernel kills every process sharing the victim's
 * mm with it (__oom_kill_process, process_shares_mm) and skips a vfork
 * child that still borrows its parent's mm (oom_badness, in_vfork).
 *
 * Neither shows in /proc directly.  Processes sharing an mm read the same
 * mm fields in stat (vsize, start_code, start_stack), so only processes
 * that agree on all three are asked about, with kcmp(2) KCMP_VM (it needs
 * ptrace access to both: root, or one's own processes).  A vfork child
 * shares its parent's mm while the parent sleeps uninterruptibly (state D)
 * in kernel_clone (wait_for_vfork_done inlined, as on 6.18) or
 * wait_for_vfork_done; where wchan cannot be read, a parent in state D
 * sharing its mm with the child is taken as waiting for the vfork.
 *
 * Must not: write anything, or guess: a process whose sharing kcmp could
 * not tell keeps mm_group (and possibly in_vfork) unknown.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "procs_internal.h"
#include "util.h"

#define PF_KTHREAD_FLAG 0x00200000 /* include/linux/sched.h */
#define KCMP_VM_TYPE 1             /* include/uapi/linux/kcmp.h KCMP_VM */

/* A process with an mm, and what tells its mm apart in stat. */
struct mm_entry {
	uint64_t vsize_bytes, code_start, stack_start;
	size_t index; /* in snap->processes */
};

struct mm_ctx {
	struct procs_reader *r;
	struct snapshot *snap;
	struct mm_entry *entries; /* sorted by mm key */
	size_t n;
	bool by_pid; /* snap->processes is sorted by pid */
};

static bool has_mm(const struct proc *p, const struct proc_plan *plan)
{
	if (plan->gone || !(p->known & KNOWN(PROC_TASK_FLAGS)))
		return false;
	return !(p->task_flags & PF_KTHREAD_FLAG) && plan->key.vsize_bytes > 0;
}

static int compare_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

static int compare_mm_key(const void *a, const void *b)
{
	const struct mm_entry *x = a, *y = b;
	int c = compare_u64(x->vsize_bytes, y->vsize_bytes);

	if (!c)
		c = compare_u64(x->code_start, y->code_start);
	if (!c)
		c = compare_u64(x->stack_start, y->stack_start);
	if (!c)
		c = compare_u64(x->index, y->index);
	return c;
}

static bool same_mm_key(const struct mm_entry *x, const struct mm_entry *y)
{
	return x->vsize_bytes == y->vsize_bytes &&
	       x->code_start == y->code_start &&
	       x->stack_start == y->stack_start;
}

/* 1: same mm, 0: not, -errno: kcmp could not tell. */
static int kcmp_same_vm(int64_t pid1, int64_t pid2)
{
#ifdef SYS_kcmp
	long rc = syscall(SYS_kcmp, (pid_t)pid1, (pid_t)pid2, KCMP_VM_TYPE, 0UL,
	                  0UL);

	if (rc < 0)
		return -errno;
	return rc == 0;
#else
	(void)pid1;
	(void)pid2;
	return -ENOSYS;
#endif
}

static struct proc *entry_proc(const struct mm_ctx *c, size_t k)
{
	return &c->snap->processes[c->entries[k].index];
}

/*
 * The class of run member k: the first earlier member that kcmp says
 * shares its mm, k itself when kcmp says none does, or -1 when kcmp could
 * not tell for some and none matched.
 */
static long class_of(const struct mm_ctx *c, const long *cls, size_t first,
                     size_t k)
{
	bool unsure = false;

	for (size_t j = first; j < k; j++) {
		int same;

		if (cls[j - first] != (long)j)
			continue; /* only the first member of each class */
		same = kcmp_same_vm(entry_proc(c, j)->pid, entry_proc(c, k)->pid);
		if (same > 0)
			return (long)j;
		if (same < 0)
			unsure = true;
	}
	return unsure ? -1 : (long)k;
}

/*
 * One run of processes with the same mm key, [first, end): classes by
 * kcmp, then each member's mm_group is its class's lowest pid.
 */
static void group_run(struct mm_ctx *c, size_t first, size_t end)
{
	long *cls = xcalloc(end - first, sizeof(*cls));

	for (size_t k = first; k < end; k++)
		cls[k - first] = k == first ? (long)k : class_of(c, cls, first, k);
	for (size_t k = first; k < end; k++) {
		struct proc *p = entry_proc(c, k);

		if (cls[k - first] < 0)
			continue;
		p->mm_group = p->pid;
		for (size_t j = first; j < end; j++)
			if (cls[j - first] == cls[k - first] &&
			    entry_proc(c, j)->pid < p->mm_group)
				p->mm_group = entry_proc(c, j)->pid;
		p->known |= KNOWN(PROC_MM_GROUP);
	}
	free(cls);
}

static void find_groups(struct mm_ctx *c)
{
	for (size_t k = 0; k < c->n;) {
		size_t end = k + 1;

		while (end < c->n && same_mm_key(&c->entries[k], &c->entries[end]))
			end++;
		group_run(c, k, end);
		k = end;
	}
}

static int compare_proc_pid(const void *key, const void *element)
{
	const int64_t *pid = key;
	const struct proc *p = element;

	return (*pid > p->pid) - (*pid < p->pid);
}

/* The parent, when it is in this refresh; /proc lists by pid. */
static struct proc *find_parent(const struct mm_ctx *c, const struct proc *p)
{
	if (!(p->known & KNOWN(PROC_PPID)))
		return NULL;
	if (c->by_pid)
		return bsearch(&p->ppid, c->snap->processes, c->snap->nprocesses,
		               sizeof(*p), compare_proc_pid);
	for (size_t i = 0; i < c->snap->nprocesses; i++)
		if (c->snap->processes[i].pid == p->ppid)
			return &c->snap->processes[i];
	return NULL;
}

/* Whether the parent sleeps waiting for its vfork child. */
static bool waits_for_vfork(const struct mm_ctx *c, const struct proc *parent)
{
	char wchan[64];

	if (!parent->state || parent->state[0] != 'D')
		return false;
	if (procs_read_wchan(c->r, (int)parent->pid, wchan, sizeof(wchan)) < 0 ||
	    strcmp(wchan, "0") == 0 || wchan[0] == '\0')
		return true; /* D, sharing its mm with the child: vfork */
	return strcmp(wchan, "kernel_clone") == 0 ||
	       strcmp(wchan, "wait_for_vfork_done") == 0 ||
	       strcmp(wchan, "_do_fork") == 0 || strcmp(wchan, "do_fork") == 0;
}

static void find_vfork_children(struct mm_ctx *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct proc *p = entry_proc(c, k);
		struct proc *parent = find_parent(c, p);

		if (!parent || parent->pid == p->pid ||
		    !(parent->known & KNOWN(PROC_TASK_FLAGS)) ||
		    (parent->task_flags & PF_KTHREAD_FLAG) ||
		    !(p->known & parent->known & KNOWN(PROC_MM_GROUP))) {
			/* No parent with an mm here; or sharing unknown. */
			if (!parent || !(parent->known & KNOWN(PROC_TOTAL_VM)) ||
			    parent->total_vm_pages != p->total_vm_pages) {
				p->in_vfork = 0;
				p->known |= KNOWN(PROC_IN_VFORK);
			}
			continue;
		}
		p->in_vfork = parent->mm_group == p->mm_group &&
		              waits_for_vfork(c, parent);
		p->known |= KNOWN(PROC_IN_VFORK);
	}
}

void procs_mm_share(struct procs_reader *r, struct snapshot *snap,
                    const struct proc_plan *plans)
{
	struct mm_ctx c = { .r = r, .snap = snap };

	c.entries = xcalloc(snap->nprocesses + 1, sizeof(*c.entries));
	for (size_t i = 0; i < snap->nprocesses; i++)
		if (has_mm(&snap->processes[i], &plans[i]))
			c.entries[c.n++] = (struct mm_entry){
				.vsize_bytes = plans[i].key.vsize_bytes,
				.code_start = plans[i].code_start,
				.stack_start = plans[i].stack_start,
				.index = i,
			};
	qsort(c.entries, c.n, sizeof(*c.entries), compare_mm_key);
	c.by_pid = true;
	for (size_t i = 1; i < snap->nprocesses; i++)
		if (snap->processes[i - 1].pid >= snap->processes[i].pid)
			c.by_pid = false;
	find_groups(&c);
	find_vfork_children(&c);
	free(c.entries);
}
