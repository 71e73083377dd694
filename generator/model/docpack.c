/* docpack: each node in document order is its type, flags, line and
 * column, the fields its type uses, then its children's count and
 * the children; then the held warnings. Numbers are LEB128 varints; a
 * string is its length plus one (0 for NULL) and its bytes. Four bytes
 * at the end give what the tree takes in its arena, so the reader
 * allocates one block of that size. The reader checks every length
 * against what is left. */
#include "docpack.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/xalloc.h"
#include "doc.h"

/* deep enough for any tree md.c builds; a deeper one is refused */
#define DOCPACK_MAXDEPTH 10000
/* as base/arena rounds */
#define DOCPACK_SIZE(n) (((n) + 7) & ~(size_t)7)

struct docpack_out {
	struct buf *b;
	size_t need;	/* bytes of the arena */
};

static void docpack_num(struct docpack_out *o, uint64_t v)
{
	while (v >= 0x80) {
		buf_addc(o->b, (char)(v | 0x80));
		v >>= 7;
	}
	buf_addc(o->b, (char)v);
}

static void docpack_int(struct docpack_out *o, long v)	/* zigzag */
{
	docpack_num(o, v < 0 ? ((uint64_t)(-(v + 1)) << 1) | 1 : (uint64_t)v << 1);
}

static void docpack_strn(struct docpack_out *o, const char *s, size_t n)
{
	docpack_num(o, s ? (uint64_t)n + 1 : 0);
	if (s) {
		buf_add(o->b, s, n);
		o->need += DOCPACK_SIZE(n + 1);
	}
}

static void docpack_str(struct docpack_out *o, const char *s)
{
	docpack_strn(o, s, s ? strlen(s) : 0);
}

static void docpack_attrs(struct docpack_out *o, const struct doc_attr *a)
{
	size_t n = 0;
	for (const struct doc_attr *k = a; k; k = k->next)
		n++;
	docpack_num(o, n);
	for (; a; a = a->next) {
		o->need += DOCPACK_SIZE(sizeof *a);
		docpack_str(o, a->key);
		docpack_str(o, a->value);
		docpack_num(o, a->line);
		docpack_num(o, a->col);
	}
}

static void docpack_node(struct docpack_out *o, const struct doc_node *n)
{
	o->need += DOCPACK_SIZE(sizeof *n);
	buf_addc(o->b, (char)n->type);
	buf_addc(o->b, (char)n->flags);
	docpack_num(o, n->line);
	docpack_num(o, n->col);
	switch ((enum doc_type)n->type) {
	case DOC_TEXT:
	case DOC_CODE:
	case DOC_CODEBLOCK:
	case DOC_HTMLBLOCK:
	case DOC_HTMLINLINE:
		docpack_strn(o, n->u.text.s, n->u.text.len);
		docpack_str(o, n->u.text.info);
		break;
	case DOC_HEADING:
		docpack_int(o, n->u.heading.level);
		docpack_str(o, n->u.heading.id);
		break;
	case DOC_LIST:
		docpack_int(o, n->u.list.start);
		buf_addc(o->b, n->u.list.delim);
		break;
	case DOC_LINK:
	case DOC_IMAGE:
		docpack_str(o, n->u.link.url);
		docpack_str(o, n->u.link.href);
		docpack_attrs(o, n->u.link.attrs);
		break;
	case DOC_TABLE:	/* md.c allocates a byte more than the columns */
		docpack_int(o, n->u.table.ncols);
		docpack_strn(o, (const char *)n->u.table.align,
			     n->u.table.align ? (size_t)n->u.table.ncols + 1 : 0);
		break;
	case DOC_TABLE_CELL:
		docpack_int(o, n->u.cell.col);
		break;
	case DOC_DIV:
	case DOC_CALLOUT:
	case DOC_SPAN:
		docpack_str(o, n->u.div.kind);
		docpack_attrs(o, n->u.div.attrs);
		buf_addc(o->b, n->u.div.title != NULL);
		if (n->u.div.title)
			docpack_node(o, n->u.div.title);
		break;
	case DOC_NOTE:
		docpack_str(o, n->u.note.label);
		break;
	case DOC_RUBY:
		docpack_str(o, n->u.ruby.rt);
		break;
	default:
		break;
	}
	size_t k = 0;
	for (const struct doc_node *c = n->first; c; c = c->next)
		k++;
	docpack_num(o, k);
	for (const struct doc_node *c = n->first; c; c = c->next)
		docpack_node(o, c);
}

void docpack_write(const struct doc *d, struct buf *out)
{
	struct docpack_out o = {out, 0};
	docpack_node(&o, d->root);
	size_t n = 0;
	for (const struct doc_held *h = d->held; h; h = h->next)
		n++;
	docpack_num(&o, n);
	for (const struct doc_held *h = d->held; h; h = h->next) {
		o.need += DOCPACK_SIZE(sizeof *h);
		docpack_str(&o, h->key);
		docpack_str(&o, h->msg);
		docpack_num(&o, h->line);
		docpack_num(&o, h->col);
	}
	uint32_t need = o.need > UINT32_MAX ? UINT32_MAX : (uint32_t)o.need;
	for (int i = 0; i < 4; i++)
		buf_addc(out, (char)(need >> (8 * i)));
}

/* ---- reading ---------------------------------------------------------- */

struct docpack_in {
	const unsigned char *p, *end;
	struct doc *d;
	int bad;
};

static uint64_t docpack_get_num(struct docpack_in *in)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (in->p >= in->end)
			break;
		unsigned char c = *in->p++;
		v |= (uint64_t)(c & 0x7F) << shift;
		if (!(c & 0x80))
			return v;
	}
	in->bad = 1;
	return 0;
}

static long docpack_get_int(struct docpack_in *in)
{
	uint64_t v = docpack_get_num(in);
	return v & 1 ? -(long)(v >> 1) - 1 : (long)(v >> 1);
}

static int docpack_get_byte(struct docpack_in *in)
{
	if (in->p >= in->end) {
		in->bad = 1;
		return 0;
	}
	return *in->p++;
}

/* A string into the tree's arena (NUL-terminated), or NULL; *len its length. */
static char *docpack_get_strn(struct docpack_in *in, size_t *len)
{
	uint64_t v = docpack_get_num(in);
	*len = 0;
	if (v == 0 || in->bad)
		return NULL;
	if (v - 1 > (uint64_t)(in->end - in->p)) {
		in->bad = 1;
		return NULL;
	}
	*len = (size_t)(v - 1);
	char *s = arena_strndup(&in->d->arena, (const char *)in->p, *len);
	in->p += *len;
	return s;
}

static const char *docpack_get_str(struct docpack_in *in)
{
	size_t n;
	return docpack_get_strn(in, &n);
}

static struct doc_attr *docpack_get_attrs(struct docpack_in *in)
{
	uint64_t n = docpack_get_num(in);
	struct doc_attr *first = NULL, **tail = &first;
	for (uint64_t i = 0; i < n && !in->bad; i++) {
		struct doc_attr *a = arena_alloc(&in->d->arena, sizeof *a);
		a->key = docpack_get_str(in);
		a->value = docpack_get_str(in);
		a->line = (uint32_t)docpack_get_num(in);
		a->col = (uint16_t)docpack_get_num(in);
		*tail = a;
		tail = &a->next;
	}
	return first;
}

static struct doc_node *docpack_get_node(struct docpack_in *in, int depth)
{
	if (depth > DOCPACK_MAXDEPTH || in->bad) {
		in->bad = 1;
		return NULL;
	}
	struct doc_node *n = arena_alloc(&in->d->arena, sizeof *n);
	n->type = (uint8_t)docpack_get_byte(in);
	n->flags = (uint8_t)docpack_get_byte(in);
	n->line = (uint32_t)docpack_get_num(in);
	n->col = (uint16_t)docpack_get_num(in);
	size_t len;
	switch ((enum doc_type)n->type) {
	case DOC_TEXT:
	case DOC_CODE:
	case DOC_CODEBLOCK:
	case DOC_HTMLBLOCK:
	case DOC_HTMLINLINE:
		n->u.text.s = docpack_get_strn(in, &n->u.text.len);
		n->u.text.info = docpack_get_str(in);
		break;
	case DOC_HEADING:
		n->u.heading.level = (int)docpack_get_int(in);
		n->u.heading.id = docpack_get_str(in);
		break;
	case DOC_LIST:
		n->u.list.start = (int)docpack_get_int(in);
		n->u.list.delim = (char)docpack_get_byte(in);
		break;
	case DOC_LINK:
	case DOC_IMAGE:
		n->u.link.url = docpack_get_str(in);
		n->u.link.href = docpack_get_str(in);
		n->u.link.attrs = docpack_get_attrs(in);
		break;
	case DOC_TABLE:
		n->u.table.ncols = (int)docpack_get_int(in);
		n->u.table.align = (uint8_t *)docpack_get_strn(in, &len);
		if (n->u.table.align && (n->u.table.ncols < 0 || len != (size_t)n->u.table.ncols + 1))
			in->bad = 1;
		break;
	case DOC_TABLE_CELL:
		n->u.cell.col = (int)docpack_get_int(in);
		break;
	case DOC_DIV:
	case DOC_CALLOUT:
	case DOC_SPAN:
		n->u.div.kind = docpack_get_str(in);
		n->u.div.attrs = docpack_get_attrs(in);
		if (docpack_get_byte(in)) {
			n->u.div.title = docpack_get_node(in, depth + 1);
			if (n->u.div.title)
				n->u.div.title->parent = n;
		}
		break;
	case DOC_NOTE:
		n->u.note.label = docpack_get_str(in);
		break;
	case DOC_RUBY:
		n->u.ruby.rt = docpack_get_str(in);
		break;
	default:
		if (n->type >= DOC__COUNT)
			in->bad = 1;
		break;
	}
	uint64_t k = docpack_get_num(in);
	struct doc_node *last = NULL;
	for (uint64_t i = 0; i < k && !in->bad; i++) {
		struct doc_node *c = docpack_get_node(in, depth + 1);
		if (c == NULL)
			break;
		doc_insert_after(n, last, c);
		last = c;
	}
	return n;
}

struct doc *docpack_read(const char *p, size_t n, const char *file)
{
	if (n < 4)
		return NULL;
	const unsigned char *u = (const unsigned char *)p;
	n -= 4;
	size_t need = (size_t)u[n] | (size_t)u[n + 1] << 8 | (size_t)u[n + 2] << 16 |
		      (size_t)u[n + 3] << 24;
	struct doc *d = xcalloc(1, sizeof *d);
	d->file = file;
	arena_reserve(&d->arena, need < 64 * n + 4096 ? need : 0);	/* a sane figure only */
	struct docpack_in in = {u, u + n, d, 0};
	d->root = docpack_get_node(&in, 0);
	uint64_t nheld = docpack_get_num(&in);
	struct doc_held **tail = &d->held;
	for (uint64_t i = 0; i < nheld && !in.bad; i++) {
		struct doc_held *h = arena_alloc(&d->arena, sizeof *h);
		h->key = docpack_get_str(&in);
		h->msg = docpack_get_str(&in);
		h->line = (uint32_t)docpack_get_num(&in);
		h->col = (uint16_t)docpack_get_num(&in);
		*tail = h;
		tail = &h->next;
	}
	if (in.bad || in.p != in.end || d->root == NULL) {
		doc_free(d);
		return NULL;
	}
	return d;
}
