/* pool: run fn(i) for i in [0, n) on nthreads threads. */
#ifndef TEBIKI_POOL_H
#define TEBIKI_POOL_H
#include <stddef.h>

typedef void (*pool_fn)(size_t i, int worker, void *ctx);

/* Items are handed out in index order; worker is in [0, nthreads). */
void pool_run(int nthreads, size_t n, pool_fn fn, void *ctx);
int pool_cores(void);

#endif
