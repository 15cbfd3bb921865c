/* src/out/record.c - placeholder: being written. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include "record.h"
struct recorder { int unused; };
struct replayer { int unused; };
int recorder_open(struct recorder **o, const char *p) { (void)p; *o = NULL; return -ENOSYS; }
int recorder_append(struct recorder *r, const struct snapshot *p, const struct snapshot *c) { (void)r; (void)p; (void)c; return -ENOSYS; }
int recorder_close(struct recorder *r) { (void)r; return 0; }
int replayer_open(struct replayer **o, const char *p) { (void)p; *o = NULL; return -ENOSYS; }
int replayer_next(struct replayer *r, struct snapshot **o, char **e, FILE *w) { (void)r; (void)w; *o = NULL; *e = NULL; return -ENOSYS; }
void replayer_close(struct replayer *r) { (void)r; }
