/* watchdog: a fixed table of running calls, one slot per thread that is
 * inside a script; a monitor thread looks at it ten times a second. */
#include "watchdog.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"

#define WATCHDOG_SLOTS 256

struct watchdog_slot {
	int used;
	struct timespec start;
	char what[256];
	const char *where;
	const int *line;
	const char *const *busy;
};

static pthread_mutex_t watchdog_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t watchdog_wake = PTHREAD_COND_INITIALIZER;
static pthread_t watchdog_thread;
static int watchdog_stopping;
static struct watchdog_slot watchdog_slots[WATCHDOG_SLOTS];
static int watchdog_seconds;
static int watchdog_running;
static char watchdog_path[4096];

void watchdog_limit(int seconds)
{
	watchdog_seconds = seconds;
}

void watchdog_cleanup(const char *path)
{
	pthread_mutex_lock(&watchdog_lock);
	snprintf(watchdog_path, sizeof watchdog_path, "%s", path ? path : "");
	pthread_mutex_unlock(&watchdog_lock);
}

static double watchdog_elapsed(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void *watchdog_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&watchdog_lock);
	while (!watchdog_stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 100 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&watchdog_wake, &watchdog_lock, &until);
		for (int i = 0; i < WATCHDOG_SLOTS; i++) {
			struct watchdog_slot *s = &watchdog_slots[i];
			if (!s->used || watchdog_elapsed(&s->start) < watchdog_seconds)
				continue;
			/* nothing else can stop it: report, clean up, leave */
			if (s->line && *s->line > 0)
				fprintf(stderr, "%s:%d: ", s->where, *s->line);
			else
				fprintf(stderr, "%s: ", s->what);
			fprintf(stderr, "error: still running after %d s (limits.seconds in site.yaml): "
				"stopped", watchdog_seconds);
			const char *busy = s->busy ? *s->busy : NULL;
			if (busy)
				fprintf(stderr, " in %s: a pattern that backtracks on a long text?", busy);
			fputc('\n', stderr);
			fs_freeze();	/* no thread writes into it any more */
			if (watchdog_path[0])
				fs_rmtree(watchdog_path);
			_exit(1);
		}
	}
	pthread_mutex_unlock(&watchdog_lock);
	return NULL;
}

void watchdog_stop(void)
{
	pthread_mutex_lock(&watchdog_lock);
	int running = watchdog_running;
	watchdog_stopping = 1;
	pthread_cond_signal(&watchdog_wake);
	pthread_mutex_unlock(&watchdog_lock);
	if (running)
		pthread_join(watchdog_thread, NULL);
	watchdog_running = 0;
	watchdog_stopping = 0;
}

int watchdog_enter(const char *what, const char *where, const int *line,
		   const char *const *busy)
{
	if (watchdog_seconds <= 0)
		return -1;
	pthread_mutex_lock(&watchdog_lock);
	if (!watchdog_running) {
		if (pthread_create(&watchdog_thread, NULL, watchdog_main, NULL) == 0)
			watchdog_running = 1;
	}
	int slot = -1;
	for (int i = 0; i < WATCHDOG_SLOTS && slot < 0; i++) {
		if (watchdog_slots[i].used)
			continue;
		slot = i;
		watchdog_slots[i].used = 1;
		clock_gettime(CLOCK_MONOTONIC, &watchdog_slots[i].start);
		snprintf(watchdog_slots[i].what, sizeof watchdog_slots[i].what, "%s", what);
		watchdog_slots[i].where = where;
		watchdog_slots[i].line = line;
		watchdog_slots[i].busy = busy;
	}
	pthread_mutex_unlock(&watchdog_lock);
	return slot;
}

void watchdog_leave(int slot)
{
	if (slot < 0)
		return;
	pthread_mutex_lock(&watchdog_lock);
	watchdog_slots[slot].used = 0;
	pthread_mutex_unlock(&watchdog_lock);
}
