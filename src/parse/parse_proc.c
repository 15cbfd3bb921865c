/* src/parse/parse_proc.c - placeholder: being written. */
#include "config.h"

#include <errno.h>
#include "parse.h"
int parse_status_memory(const char *t, struct proc *p) { (void)t; (void)p; return -EINVAL; }
int parse_smaps_rollup(const char *t, struct proc *p) { (void)t; (void)p; return -EINVAL; }
