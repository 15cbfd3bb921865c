/* src/collect/system.c - placeholder: being written. */
#include "config.h"

#include "sources.h"
void collect_header(struct snapshot *snap, const char *root) { (void)snap; (void)root; }
void collect_meminfo(struct snapshot *snap, const char *root) { (void)snap; (void)root; }
void collect_vmstat(struct snapshot *snap, const char *root) { (void)snap; (void)root; }
void collect_psi(struct snapshot *snap, const char *root) { (void)snap; (void)root; }
void collect_sysctl(struct snapshot *snap, const char *root) { (void)snap; (void)root; }
