/*
 * snapshot.c - allocation, release and lookup of snapshots.  Releasing walks
 * the field tables, so a member added to a table is freed without more code.
 *
 * Must not: do I/O.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "snapshot.h"
#include "util.h"

struct snapshot *snapshot_new(void)
{
	struct snapshot *snap = xcalloc(1, sizeof(*snap));

	snap->version = SNAPSHOT_VERSION;
	return snap;
}

void snapshot_free(struct snapshot *snap)
{
	if (!snap)
		return;
	schema_free_entity(&snapshot_schema, snap);
	kvlist_free(&snap->unavailable_errno); /* not in the field table */
	free(snap);
}

void snapshot_set_unavailable(struct snapshot *snap, const char *source,
                              const char *reason)
{
	skvlist_add(&snap->unavailable, source, reason);
}

void snapshot_set_unavailable_errno(struct snapshot *snap, const char *source,
                                    const char *reason, int err)
{
	skvlist_add(&snap->unavailable, source, reason);
	kvlist_add(&snap->unavailable_errno, source, err);
}

static int compare_proc_pid(const void *a, const void *b)
{
	const struct proc *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

void snapshot_sort_processes(struct snapshot *snap)
{
	if (snap->nprocesses > 1)
		qsort(snap->processes, snap->nprocesses, sizeof(struct proc),
		      compare_proc_pid);
}

const struct proc *snapshot_find_proc(const struct snapshot *snap, int64_t pid)
{
	struct proc key = { .pid = pid };

	if (!snap->processes)
		return NULL;
	return bsearch(&key, snap->processes, snap->nprocesses,
	               sizeof(struct proc), compare_proc_pid);
}

void proc_clear(struct proc *p)
{
	schema_free_entity(&proc_schema, p);
	memset(p, 0, sizeof(*p));
}

void zone_clear(struct zone *z)
{
	schema_free_entity(&zone_schema, z);
	memset(z, 0, sizeof(*z));
}

void numa_node_clear(struct numa_node *n)
{
	schema_free_entity(&numa_node_schema, n);
	memset(n, 0, sizeof(*n));
}

void cgroup_mem_clear(struct cgroup_mem *cg)
{
	schema_free_entity(&cgroup_mem_schema, cg);
	memset(cg, 0, sizeof(*cg));
}

void vma_clear(struct vma *v)
{
	schema_free_entity(&vma_schema, v);
	memset(v, 0, sizeof(*v));
}

void vma_array_free(struct vma *vmas, size_t count)
{
	for (size_t i = 0; vmas && i < count; i++)
		schema_free_entity(&vma_schema, &vmas[i]);
	free(vmas);
}
