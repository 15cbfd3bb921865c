/* src/collect/procs.c - placeholder: being written. */
#include "config.h"

#include <stdlib.h>
#include "sources.h"
struct proc_collector { int unused; };
int proc_collector_new(struct proc_collector **out, const struct collect_options *o) { (void)o; *out = calloc(1, sizeof(**out)); return 0; }
void proc_collector_collect(struct proc_collector *pc, struct snapshot *s) { (void)pc; (void)s; }
void proc_collector_free(struct proc_collector *pc) { free(pc); }
