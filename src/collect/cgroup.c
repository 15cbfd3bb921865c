/* src/collect/cgroup.c - placeholder: being written. */
#include "config.h"

#include "sources.h"
void collect_cgroups(struct snapshot *snap, const char *root) { (void)snap; (void)root; }
