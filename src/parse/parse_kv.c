/* src/parse/parse_kv.c - placeholder: being written. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include "parse.h"
int parse_meminfo(const char *t, struct kvlist *o) { (void)t; (void)o; return -EINVAL; }
int parse_name_value(const char *t, struct kvlist *o) { (void)t; (void)o; return -EINVAL; }
int parse_int_list(const char *t, int64_t **v, size_t *c) { (void)t; *v = NULL; *c = 0; return -EINVAL; }
int parse_id_list(const char *t, int64_t **v, size_t *c) { (void)t; *v = NULL; *c = 0; return -EINVAL; }
char *parse_cgroup_memory_path(const char *t) { (void)t; return NULL; }
int parse_psi(const char *t, struct psi *o) { (void)t; (void)o; return -EINVAL; }
