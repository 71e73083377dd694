/* buf: every string tebiki writes is built here. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xalloc.h"
#include <stdlib.h>

void buf_grow(struct buf *b, size_t extra)
{
	if (b->n + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->n + extra + 1)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
	b->p[b->n] = '\0';
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	buf_grow(b, 64);
	for (;;) {
		size_t room = b->cap - b->n;
		va_list cp;
		va_copy(cp, ap);
		int n = vsnprintf(b->p + b->n, room, fmt, cp);
		va_end(cp);
		if (n < 0) {
			b->p[b->n] = '\0';
			return;
		}
		if ((size_t)n < room) {
			b->n += (size_t)n;
			return;
		}
		buf_grow(b, (size_t)n);
	}
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_reset(struct buf *b)
{
	b->n = 0;
	if (b->p)
		b->p[0] = '\0';
}

char *buf_detach(struct buf *b)
{
	char *p = b->p;
	if (p == NULL)
		p = xstrdup("");
	b->p = NULL;
	b->n = b->cap = 0;
	return p;
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}
