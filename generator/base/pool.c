/* pool: a shared atomic counter hands out the items; with one thread
 * everything runs on the caller, which keeps -j1 easy to debug. */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "xalloc.h"

struct pool_job {
	atomic_size_t next;
	size_t n;
	pool_fn fn;
	void *ctx;
};

struct pool_arg {
	struct pool_job *job;
	int worker;
};

static void *pool_main(void *p)
{
	struct pool_arg *a = p;
	struct pool_job *job = a->job;
	for (;;) {
		size_t i = atomic_fetch_add(&job->next, 1);
		if (i >= job->n)
			break;
		job->fn(i, a->worker, job->ctx);
	}
	return NULL;
}

void pool_run(int nthreads, size_t n, pool_fn fn, void *ctx)
{
	struct pool_job job = {.n = n, .fn = fn, .ctx = ctx};
	atomic_init(&job.next, 0);
	if (nthreads < 1)
		nthreads = 1;
	if ((size_t)nthreads > n)
		nthreads = n ? (int)n : 1;
	pthread_t *tids = xcalloc((size_t)nthreads, sizeof *tids);
	struct pool_arg *args = xcalloc((size_t)nthreads, sizeof *args);
	for (int w = 0; w < nthreads; w++)
		args[w] = (struct pool_arg){&job, w};
	for (int w = 1; w < nthreads; w++)
		if (pthread_create(&tids[w], NULL, pool_main, &args[w]) != 0)
			tids[w] = 0;	/* the others take its share */
	pool_main(&args[0]);
	for (int w = 1; w < nthreads; w++)
		if (tids[w])
			pthread_join(tids[w], NULL);
	free(tids);
	free(args);
}

int pool_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}
