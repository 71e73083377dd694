/* spans: Denden ruby and bracketed spans read from text nodes (see
 * spans.h). Strings are shared with the text they came from: a split
 * text node points into the same bytes. */
#include "spans.h"

#include <string.h>

#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/scan.h"
#include "../base/utf8.h"
#include "../model/doc.h"

#define SPANS_MAX_RUBY 256	/* bytes between { and }: longer is not ruby */

static const char spans_bouten[] = "{.bouten}";

static int spans_chars(const char *s, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* A text node for bytes [off, off + len) of from's text. */
static struct doc_node *spans_text(struct doc *d, const struct doc_node *from, size_t off,
				   size_t len)
{
	struct doc_node *t = doc_node_new(d, DOC_TEXT, (int)from->line,
					  from->col + spans_chars(from->u.text.s, off));
	t->u.text.s = from->u.text.s + off;
	t->u.text.len = len;
	return t;
}

static struct doc_node *spans_ruby_node(struct doc *d, const struct doc_node *t, size_t off,
					size_t len, const char *rt, size_t rtlen)
{
	struct doc_node *r = doc_node_new(d, DOC_RUBY, (int)t->line,
					  t->col + spans_chars(t->u.text.s, off));
	r->u.ruby.rt = arena_strndup(&d->arena, rt, rtlen);
	doc_append(r, spans_text(d, t, off, len));
	return r;
}

/* {base|reading} or {base|r1|r2…} at s[i] of t: the ruby nodes go after
 * t in parent (after them *after, a text node of what follows) and t
 * keeps what came before. 0 when it is not ruby. */
static int spans_ruby(struct doc *d, struct doc_node *t, size_t i, struct doc_node **after)
{
	const char *s = t->u.text.s;
	size_t len = t->u.text.len, j = i + 1;
	while (j < len && j - i <= SPANS_MAX_RUBY && s[j] != '}' && s[j] != '{' && s[j] != '\n')
		j++;
	if (j >= len || s[j] != '}')
		return 0;
	const char *bar = memchr(s + i + 1, '|', j - i - 1);
	if (bar == NULL || bar == s + i + 1)
		return 0;	/* no reading, or no base */
	size_t b0 = i + 1, blen = (size_t)(bar - s) - b0;
	/* the readings, each one not empty */
	size_t nread = 0;
	for (const char *p = bar; p < s + j; p++)
		if (*p == '|') {
			if (p + 1 == s + j || p[1] == '|')
				return 0;
			nread++;
		}
	size_t nbase = (size_t)spans_chars(s + b0, blen);
	if (utf8_check(s + b0, blen) != blen)
		return 0;	/* not text cmark would give: leave it */
	struct doc_node *parent = t->parent, *last = t;
	if (nread > 1 && nread == nbase) {	/* mono-ruby: one a character */
		const char *r = bar + 1;
		for (size_t k = b0; k < b0 + blen;) {
			uint32_t cp;
			size_t cl = utf8_decode(s + k, b0 + blen - k, &cp);
			if (cl == 0)
				return 0;
			size_t rl = strcspn(r, "|}");
			struct doc_node *rb = spans_ruby_node(d, t, k, cl, r, rl);
			doc_insert_after(parent, last, rb);
			last = rb;
			k += cl;
			r += rl + 1;
		}
	} else {		/* group ruby: the readings as one */
		struct buf rt = {0};
		for (const char *p = bar + 1; p < s + j; p++)
			if (*p != '|')
				buf_addc(&rt, *p);
		struct doc_node *rb = spans_ruby_node(d, t, b0, blen, rt.p, rt.n);
		buf_free(&rt);
		doc_insert_after(parent, last, rb);
		last = rb;
	}
	*after = spans_text(d, t, j + 1, len - j - 1);
	doc_insert_after(parent, last, *after);
	t->u.text.len = i;
	return 1;
}

/* Where the last spans_escaped left off: t's column on its line, and
 * its k-th {. Each { of a line asks in turn, so going on from there
 * keeps a line of 100,000 { linear (from the line's start each time,
 * it was quadratic). */
struct spans_pos {
	long line;
	int col;
	const char *col_at;	/* the first byte of column col of line */
	const struct doc_node *t;
	size_t k;
	const char *brace_at;	/* t's k-th { in the source */
};

/* Is the k-th { of t's text (k from 0) written \{ in the source? The
 * k-th { on the source line from t's column on. */
static int spans_escaped(const struct spans_src *src, const struct doc_node *t, size_t k)
{
	long line = src ? (long)t->line - src->line_offset : 0;
	if (line < 1 || (size_t)line > src->nlines)
		return 0;
	const char *s = src->text + src->lines[line - 1], *end = src->text + src->len;
	struct spans_pos *c = src->pos;
	size_t from = 0;
	if (c && c->t == t && c->k <= k) {
		s = c->brace_at;	/* the c->k-th {: go on from it */
		from = c->k;
	} else {
		int col = 1;
		if (c && c->line == line && c->col_at && c->col <= t->col) {
			s = c->col_at;	/* an earlier node of this line */
			col = c->col;
		}
		for (; col < t->col && s < end && *s != '\n'; col++)
			do
				s++;
			while (s < end && ((unsigned char)*s & 0xC0) == 0x80);
		if (c)
			*c = (struct spans_pos){line, col, s, NULL, 0, NULL};
	}
	for (size_t n = from; s < end && *s != '\n'; s++) {
		if (*s != '{' || n++ < k)
			continue;
		if (c) {
			c->t = t;
			c->k = k;
			c->brace_at = s;
		}
		size_t bs = 0;
		while (s - bs > src->text && s[-1 - (long)bs] == '\\')
			bs++;
		return bs % 2 == 1;
	}
	return 0;
}

static void spans_walk(struct doc *d, struct doc_node *n, const struct spans_src *src);
enum { SPANS_MAXDEPTH = 100 };

static void spans_inlines(struct doc *d, struct doc_node *parent, const struct spans_src *src);

/* [ at s[p] of t, closed by a ] (brackets balanced across the
 * siblings after t) followed by {.bouten}: what lies between becomes a
 * "bouten" span after t, *after the text that follows. */
static int spans_bracket(struct doc *d, struct doc_node *t, size_t p, struct doc_node **after,
			 const struct spans_src *src)
{
	struct doc_node *u = t;
	size_t q = p + 1;
	int depth = 1;
	for (;;) {
		if (u->type == DOC_TEXT)
			for (; q < u->u.text.len; q++) {
				char ch = u->u.text.s[q];
				/* no [..]{.bouten} is nested 100 deep: giving up
				 * there keeps 50,000 nested '[' linear, not a scan
				 * to the end from each of them */
				if (ch == '[' && ++depth > SPANS_MAXDEPTH)
					return 0;
				else if (ch == ']' && --depth == 0)
					goto found;
			}
		u = u->next;
		q = 0;
		if (u == NULL)
			return 0;
	}
found:;
	size_t ulen = u->u.text.len, alen = sizeof spans_bouten - 1;
	if (ulen - q - 1 < alen || memcmp(u->u.text.s + q + 1, spans_bouten, alen) != 0)
		return 0;
	struct doc_node *parent = t->parent;
	struct doc_node *span = doc_node_new(d, DOC_SPAN, (int)t->line,
					     t->col + spans_chars(t->u.text.s, p));
	span->u.div.kind = "bouten";
	*after = spans_text(d, u, q + 1 + alen, ulen - q - 1 - alen);
	if (u == t) {
		if (q > p + 1)
			doc_append(span, spans_text(d, t, p + 1, q - p - 1));
	} else {
		struct doc_node *last = NULL;
		if (t->u.text.len > p + 1) {
			last = spans_text(d, t, p + 1, t->u.text.len - p - 1);
			doc_insert_after(span, NULL, last);
		}
		for (struct doc_node *c = t->next, *nx; c != u; c = nx) {
			nx = c->next;
			doc_unlink(c);
			c->parent = span;
			doc_insert_after(span, last, c);
			last = c;
		}
		if (q > 0)
			doc_insert_after(span, last, spans_text(d, u, 0, q));
		doc_unlink(u);
	}
	t->u.text.len = p;
	doc_insert_after(parent, t, span);
	doc_insert_after(parent, span, *after);
	spans_inlines(d, span, src);
	return 1;
}

/* Reads t; returns the node to go on with. */
static struct doc_node *spans_in_text(struct doc *d, struct doc_node *t,
				       const struct spans_src *src)
{
	static const unsigned char opens[256] = {['{'] = 1, ['['] = 1};
	size_t braces = 0;
	for (size_t i = 0; !(src && src->plain) && i < t->u.text.len; i++) {
		const char *s = t->u.text.s;
		i = (size_t)(scan_to(s + i, s + t->u.text.len, opens) - s);
		if (i == t->u.text.len)
			break;
		char ch = s[i];
		struct doc_node *after = NULL;
		if ((ch == '{' && !spans_escaped(src, t, braces++) && spans_ruby(d, t, i, &after)) ||
		    (ch == '[' && spans_bracket(d, t, i, &after, src))) {
			if (t->u.text.len == 0)
				doc_unlink(t);
			return after;
		}
	}
	struct doc_node *next = t->next;
	if (t->u.text.len == 0)
		doc_unlink(t);
	return next;
}

static void spans_inlines(struct doc *d, struct doc_node *parent, const struct spans_src *src)
{
	for (struct doc_node *c = parent->first; c;) {
		if (c->type == DOC_TEXT) {
			c = spans_in_text(d, c, src);
			continue;
		}
		if (c->type != DOC_CODE && c->type != DOC_RUBY)
			spans_walk(d, c, src);
		c = c->next;
	}
}

static void spans_walk(struct doc *d, struct doc_node *n, const struct spans_src *src)
{
	if (n->type == DOC_CALLOUT && n->u.div.title)
		spans_walk(d, n->u.div.title, src);
	if (n->type == DOC_CODEBLOCK || n->type == DOC_RUBY)
		return;
	if (doc_holds_inlines(n)) {
		spans_inlines(d, n, src);
		return;
	}
	for (struct doc_node *c = n->first; c; c = c->next)
		spans_walk(d, c, src);
}

void spans_tree(struct doc *d, struct doc_node *root, const struct spans_src *src)
{
	struct spans_pos pos = {0};
	struct spans_src own;
	if (src) {
		own = *src;
		own.pos = &pos;
		/* ruby and [..]{.bouten} both need a {, or an entity for one
		 * (&#123;): without, the walk only drops empty text nodes
		 * (which other passes leave), and reads no text */
		own.plain = !memchr(src->text, '{', src->len) && !memchr(src->text, '&', src->len);
		src = &own;
	}
	spans_walk(d, root, src);
}
