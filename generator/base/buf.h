/* buf: a growable byte buffer, always NUL-terminated. */
#ifndef TEBIKI_BUF_H
#define TEBIKI_BUF_H
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char *p;
	size_t n;
	size_t cap;
};

void buf_grow(struct buf *b, size_t extra);
/* Inline, as buf_addc: a page is written in pieces of a few bytes, and
 * a literal's length and copy are then known when compiling. */
static inline void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap)
		buf_grow(b, n);
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}
static inline void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}
/* Inline: text is mostly built a byte at a time. */
static inline void buf_addc(struct buf *b, char c)
{
	if (b->n + 2 > b->cap)
		buf_grow(b, 1);
	b->p[b->n++] = c;
	b->p[b->n] = '\0';
}
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);

#endif
