/*
 * forkstorm.c - a helper for tests/live/forkstorm.sh (not a test): forks
 * short-lived processes at a steady rate for a while, so that processes
 * appear and vanish while memlens collects.  Of every four children one
 * exits at once, one execs true(1), one sleeps 10-80 ms and exits (gone in
 * the middle of a refresh), and one exits at once but is reaped only on the
 * next tick (a zombie for a few milliseconds).  Prints the number of forks.
 *
 *   forkstorm SECONDS [PER_SECOND]      (default 200 per second)
 *
 * Must not: leave a child behind (all are reaped before it exits).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_s(double s)
{
	struct timespec ts = { .tv_sec = (time_t)s,
		               .tv_nsec = (long)((s - (double)(time_t)s) * 1e9) };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void child(unsigned long n)
{
	switch (n % 4) {
	case 1:
		execlp("true", "true", (char *)NULL);
		_exit(127);
	case 2:
		sleep_s(0.010 + (double)(n % 8) * 0.010);
		_exit(0);
	default:
		_exit(0);
	}
}

/* Reaps every child that has exited, without waiting. */
static unsigned long reap(void)
{
	unsigned long reaped = 0;

	while (waitpid(-1, NULL, WNOHANG) > 0)
		reaped++;
	return reaped;
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 5.0;
	double rate = argc > 2 ? atof(argv[2]) : 200.0;
	double period = 1.0 / (rate > 0 ? rate : 200.0);
	double start = now_s(), next = start;
	unsigned long forks = 0;

	while (now_s() - start < seconds) {
		pid_t pid = fork();

		if (pid == 0)
			child(forks);
		if (pid > 0)
			forks++;
		/* Every fourth tick leaves the zombies of this one for the next. */
		if (forks % 4 != 3)
			reap();
		next += period;
		if (next > now_s())
			sleep_s(next - now_s());
	}
	while (wait(NULL) > 0 || errno == EINTR)
		;
	printf("%lu\n", forks);
	return 0;
}
