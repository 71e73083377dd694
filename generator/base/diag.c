/* diag: every problem is kept with its position; diag_flush sorts by
 * file, line and column so a parallel build prints the same report as
 * a serial one. */
#include "diag.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

struct diag_item {
	char *file;
	int line, col;
	enum diag_level level;
	char *msg;
	size_t seq;
};

static pthread_mutex_t diag_lock = PTHREAD_MUTEX_INITIALIZER;
static struct diag_item *items;
static size_t nitems, capitems, seq;
static int nerrors, nwarnings;
static _Thread_local unsigned long diag_mine;	/* said on this thread */
static _Thread_local int diag_muted;

void diag_mute(int on)
{
	diag_muted = on;
}

void diag(enum diag_level level, const char *file, int line, int col,
	  const char *fmt, ...)
{
	if (diag_muted)
		return;
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	diag_mine++;
	pthread_mutex_lock(&diag_lock);
	if (nitems == capitems) {
		capitems = capitems ? capitems * 2 : 16;
		items = xrealloc(items, capitems * sizeof *items);
	}
	items[nitems++] = (struct diag_item){
		file ? xstrdup(file) : NULL, line, col, level,
		buf_detach(&b), seq++};
	if (level == DIAG_ERROR)
		nerrors++;
	else if (level == DIAG_WARNING)
		nwarnings++;
	pthread_mutex_unlock(&diag_lock);
}

unsigned long diag_said_here(void)
{
	return diag_mine;
}

int diag_errors(void)
{
	return nerrors;
}

int diag_warnings(void)
{
	return nwarnings;
}

static int diag_cmp(const void *a, const void *b)
{
	const struct diag_item *x = a, *y = b;
	int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	c = strcmp(x->msg, y->msg);
	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const char *diag_names[] = {"note", "warning", "error"};

void diag_format(struct buf *out)
{
	pthread_mutex_lock(&diag_lock);
	if (nitems)
		qsort(items, nitems, sizeof *items, diag_cmp);
	for (size_t i = 0; i < nitems; i++) {
		struct diag_item *d = &items[i];
		if (d->file && d->line > 0 && d->col > 0)
			buf_addf(out, "%s:%d:%d: ", d->file, d->line, d->col);
		else if (d->file && d->line > 0)
			buf_addf(out, "%s:%d: ", d->file, d->line);
		else if (d->file)
			buf_addf(out, "%s: ", d->file);
		else
			buf_adds(out, "tebiki: ");
		buf_addf(out, "%s: %s\n", diag_names[d->level], d->msg);
		free(d->file);
		free(d->msg);
	}
	nitems = 0;
	pthread_mutex_unlock(&diag_lock);
}

void diag_flush(void)
{
	struct buf b = {0};
	diag_format(&b);
	if (b.n)
		fwrite(b.p, 1, b.n, stderr);
	buf_free(&b);
}

void diag_reset(void)
{
	struct buf b = {0};
	diag_format(&b);
	buf_free(&b);
	free(items);
	items = NULL;
	capitems = 0;
	nerrors = nwarnings = 0;
}
