/* parsed: a tree is used again only for the same file with the same
 * body at the same line (positions in diagnostics and anchors depend
 * on it), and only if parsing it said nothing: a copy would not say it
 * again. A body is known by its length and two independent 64-bit
 * hashes, not kept (a quarter of the memory). Trees are kept packed
 * (model/docpack), a third of their size as nodes. The entries are
 * sorted by source; during a load the old ones are only read (and
 * marked used), each page writes its own slot, and parsed_end makes
 * the slots the entries. */
#include "parsed.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/xalloc.h"
#include "../model/docpack.h"

struct parsed_entry {
	char *source;
	uint64_t hash[2];	/* of the body */
	size_t len;
	int line;
	int used;		/* by the load under way */
	char *pack;		/* the tree as parsed (docpack) */
	size_t npack;
};

struct parsed {
	struct parsed_entry **v;	/* sorted by source */
	size_t n;
	struct parsed_entry **slots;	/* the load under way's */
	size_t nslots;
	size_t fresh;		/* pages the last load parsed */
};

struct parsed *parsed_new(void)
{
	return xcalloc(1, sizeof(struct parsed));
}

static void parsed_entry_free(struct parsed_entry *e)
{
	if (e == NULL)
		return;
	free(e->source);
	free(e->pack);
	free(e);
}

void parsed_free(struct parsed *c)
{
	if (c == NULL)
		return;
	parsed_end(c);	/* a slot may hold an old entry: ended, each is once in v */
	for (size_t i = 0; i < c->n; i++)
		parsed_entry_free(c->v[i]);
	free(c->v);
	free(c);
}

void parsed_begin(struct parsed *c, size_t n)
{
	parsed_end(c);	/* a load that did not end */
	c->slots = xcalloc(n ? n : 1, sizeof *c->slots);
	c->nslots = n;
}

/* Where source's entry is, or would go. */
static size_t parsed_at(const struct parsed *c, const char *source)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(c->v[mid]->source, source) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct parsed_entry *parsed_find(const struct parsed *c, const char *source)
{
	size_t at = parsed_at(c, source);
	return at < c->n && strcmp(c->v[at]->source, source) == 0 ? c->v[at] : NULL;
}

/* FNV-1a, and a multiply-rotate over 8-byte words: unrelated enough
 * that a body changed by an edit matching both is not a concern. */
static void parsed_hash(const char *body, size_t len, uint64_t h[2])
{
	const unsigned char *p = (const unsigned char *)body;
	uint64_t a = 0xcbf29ce484222325ULL, b = 0x9e3779b97f4a7c15ULL ^ len;
	for (size_t i = 0; i < len; i++)
		a = (a ^ p[i]) * 0x100000001b3ULL;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		b = ((b ^ w) * 0xff51afd7ed558ccdULL);
		b = b << 31 | b >> 33;
	}
	for (; i < len; i++)
		b = ((b ^ p[i]) * 0xc4ceb9fe1a85ec53ULL) + 0x2545f4914f6cdd1dULL;
	b ^= b >> 29;
	h[0] = a;
	h[1] = b;
}

struct doc *parsed_use(struct parsed *c, size_t i, const char *source, const char *body,
		       size_t len, int line, const char *file)
{
	struct parsed_entry *e = c && (i < c->nslots || i == PARSED_ALONE) ? parsed_find(c, source)
									    : NULL;
	if (e == NULL || e->len != len || e->line != line)
		return NULL;
	uint64_t h[2];
	parsed_hash(body, len, h);
	if (h[0] != e->hash[0] || h[1] != e->hash[1])
		return NULL;
	struct doc *d = docpack_read(e->pack, e->npack, file);
	if (d == NULL)
		return NULL;
	if (i != PARSED_ALONE) {
		c->slots[i] = e;	/* taken over by parsed_end */
		e->used = 1;
	}
	return d;
}

/* Outside a load: e replaces the entry of its source, or joins them. */
static void parsed_put(struct parsed *c, struct parsed_entry *e)
{
	size_t at = parsed_at(c, e->source);
	if (at < c->n && strcmp(c->v[at]->source, e->source) == 0) {
		parsed_entry_free(c->v[at]);
		c->v[at] = e;
		return;
	}
	c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
	memmove(c->v + at + 1, c->v + at, (c->n - at) * sizeof *c->v);
	c->v[at] = e;
	c->n++;
}

void parsed_keep(struct parsed *c, size_t i, const char *source, const char *body,
		 size_t len, int line, const struct doc *d)
{
	if (c == NULL || (i >= c->nslots && i != PARSED_ALONE) || d == NULL)
		return;
	struct parsed_entry *e = xcalloc(1, sizeof *e);
	e->source = xstrdup(source);
	parsed_hash(body, len, e->hash);
	e->len = len;
	e->line = line;
	struct buf b = {0};
	docpack_write(d, &b);
	e->npack = b.n;
	e->pack = xrealloc(buf_detach(&b), e->npack ? e->npack : 1);	/* no slack kept */
	if (i == PARSED_ALONE)
		parsed_put(c, e);
	else
		c->slots[i] = e;
}

static int parsed_cmp(const void *a, const void *b)
{
	const struct parsed_entry *x = *(struct parsed_entry *const *)a;
	const struct parsed_entry *y = *(struct parsed_entry *const *)b;
	return strcmp(x->source, y->source);
}

void parsed_end(struct parsed *c)
{
	if (c == NULL || c->slots == NULL)
		return;
	/* the old entries no page took */
	for (size_t i = 0; i < c->n; i++)
		if (!c->v[i]->used)
			parsed_entry_free(c->v[i]);
	free(c->v);
	size_t n = 0, used = 0;
	for (size_t i = 0; i < c->nslots; i++)
		if (c->slots[i]) {
			used += c->slots[i]->used;
			c->slots[i]->used = 0;
			c->slots[n++] = c->slots[i];
		}
	c->fresh = c->nslots - used;
	if (n > 1)	/* the pages' order need not be strcmp's */
		qsort(c->slots, n, sizeof *c->slots, parsed_cmp);
	c->v = c->slots;
	c->n = n;
	c->slots = NULL;
	c->nslots = 0;
}

size_t parsed_fresh(const struct parsed *c)
{
	return c ? c->fresh : 0;
}
