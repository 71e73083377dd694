/* doc: construction, traversal and the dump used by golden tests. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/xalloc.h"

struct doc *doc_new(const char *file, size_t size_hint)
{
	struct doc *d = xcalloc(1, sizeof *d);
	arena_reserve(&d->arena, size_hint);
	d->file = file;
	d->root = doc_node_new(d, DOC_DOCUMENT, 1, 1);
	return d;
}

void doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	arena_free(&d->arena);
	free(d);
}

struct doc_node *doc_node_new(struct doc *d, enum doc_type type, int line, int col)
{
	struct doc_node *n = arena_alloc(&d->arena, sizeof *n);
	n->type = (uint8_t)type;
	d->html |= type == DOC_HTMLBLOCK || type == DOC_HTMLINLINE;
	n->line = line > 0 ? (uint32_t)line : 0;
	n->col = col > 0 && col < 65535 ? (uint16_t)col : 0;
	return n;
}

struct doc_node *doc_last(const struct doc_node *n)
{
	struct doc_node *c = n->first;
	while (c && c->next)
		c = c->next;
	return c;
}

struct doc_node *doc_prev(const struct doc_node *n)
{
	if (n->parent == NULL || n->parent->first == n)
		return NULL;
	struct doc_node *c = n->parent->first;
	while (c->next != n)
		c = c->next;
	return c;
}

void doc_insert_after(struct doc_node *parent, struct doc_node *after,
		      struct doc_node *child)
{
	child->parent = parent;
	if (after) {
		child->next = after->next;
		after->next = child;
	} else {
		child->next = parent->first;
		parent->first = child;
	}
}

void doc_append(struct doc_node *parent, struct doc_node *child)
{
	doc_insert_after(parent, doc_last(parent), child);
}

void doc_unlink(struct doc_node *n)
{
	struct doc_node *prev = doc_prev(n);
	if (prev)
		prev->next = n->next;
	else if (n->parent)
		n->parent->first = n->next;
	n->parent = n->next = NULL;
}

static const char *doc_names[DOC__COUNT] = {
	[DOC_DOCUMENT] = "document", [DOC_PARAGRAPH] = "paragraph",
	[DOC_HEADING] = "heading", [DOC_BLOCKQUOTE] = "blockquote",
	[DOC_LIST] = "list", [DOC_ITEM] = "item",
	[DOC_CODEBLOCK] = "codeblock", [DOC_HTMLBLOCK] = "htmlblock",
	[DOC_THEMATIC] = "thematic", [DOC_TABLE] = "table",
	[DOC_TABLE_ROW] = "row", [DOC_TABLE_CELL] = "cell",
	[DOC_TEXT] = "text", [DOC_SOFTBREAK] = "softbreak",
	[DOC_LINEBREAK] = "linebreak", [DOC_CODE] = "code",
	[DOC_HTMLINLINE] = "htmlinline", [DOC_EMPH] = "emph",
	[DOC_STRONG] = "strong", [DOC_STRIKE] = "strike",
	[DOC_LINK] = "link", [DOC_IMAGE] = "image",
	[DOC_DIV] = "div", [DOC_CALLOUT] = "callout",
	[DOC_DEFLIST] = "deflist", [DOC_TERM] = "term", [DOC_DEFINITION] = "definition",
	[DOC_NOTE] = "note", [DOC_SPAN] = "span", [DOC_RUBY] = "ruby",
};

const char *doc_type_name(enum doc_type t)
{
	return t < DOC__COUNT ? doc_names[t] : "?";
}

int doc_is_block(enum doc_type t)
{
	return t < DOC_TEXT;
}

int doc_holds_blocks(const struct doc_node *n)
{
	switch ((enum doc_type)n->type) {
	case DOC_DOCUMENT: case DOC_BLOCKQUOTE: case DOC_ITEM: case DOC_DIV:
	case DOC_CALLOUT: case DOC_DEFINITION: case DOC_NOTE:
		return 1;
	default:
		return 0;
	}
}

int doc_holds_inlines(const struct doc_node *n)
{
	switch ((enum doc_type)n->type) {
	case DOC_PARAGRAPH: case DOC_HEADING: case DOC_TABLE_CELL: case DOC_EMPH:
	case DOC_STRONG: case DOC_STRIKE: case DOC_LINK: case DOC_IMAGE: case DOC_TERM:
	case DOC_SPAN: case DOC_RUBY:
		return 1;
	default:
		return 0;
	}
}

const char *doc_attr(const struct doc_node *n, const char *key)
{
	const struct doc_attr *a;
	if (n->type == DOC_DIV || n->type == DOC_CALLOUT || n->type == DOC_SPAN)
		a = n->u.div.attrs;
	else if (n->type == DOC_LINK || n->type == DOC_IMAGE)
		a = n->u.link.attrs;
	else
		return NULL;
	for (; a; a = a->next)
		if (strcmp(a->key, key) == 0)
			return a->value;
	return NULL;
}

const char *doc_heading_take_id(struct doc *d, struct doc_node *h)
{
	struct doc_node *last = doc_last(h);
	if (last == NULL || last->type != DOC_TEXT || last->u.text.len < 4)
		return NULL;
	const char *s = last->u.text.s;
	size_t n = last->u.text.len;
	if (s[n - 1] != '}')
		return NULL;
	size_t open = n - 1;
	while (open > 0 && s[open - 1] != '{')
		open--;
	if (open < 1 || s[open] != '#' || open + 1 >= n - 1)
		return NULL;
	for (size_t i = open + 1; i < n - 1; i++)
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '{' || s[i] == '#')
			return NULL;	/* {#a b}, {#a .class}: not an id alone */
	const char *id = arena_strndup(&d->arena, s + open + 1, n - 2 - open);
	size_t keep = open - 1;
	while (keep && (s[keep - 1] == ' ' || s[keep - 1] == '\t'))
		keep--;
	last->u.text.len = keep;
	return id;
}

const char *doc_node_id(const struct doc_node *n)
{
	switch ((enum doc_type)n->type) {
	case DOC_HEADING:
		return n->u.heading.id;
	case DOC_DIV:
	case DOC_CALLOUT:
	case DOC_SPAN:
	case DOC_LINK:
		return doc_attr(n, "id");
	default:
		return NULL;
	}
}

int doc_is_callout_kind(const char *kind)
{
	static const char *kinds[] = {"note", "tip", "warning", "point", "exercise", "details",
				      NULL};
	for (int i = 0; kinds[i]; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return 1;
	return 0;
}

int doc_text_each(const struct doc_node *n, int (*fn)(void *ctx, const char *s, size_t len),
		  void *ctx)
{
	switch ((enum doc_type)n->type) {
	case DOC_TEXT:
	case DOC_CODE:
		return fn(ctx, n->u.text.s, n->u.text.len);
	case DOC_SOFTBREAK:
		return n->flags & DOC_F_JOIN ? 0 : fn(ctx, " ", 1);
	case DOC_LINEBREAK:
		return fn(ctx, " ", 1);
	case DOC_NOTE:
		return 0;	/* a note is not part of the text it annotates */
	default:
		break;
	}
	for (const struct doc_node *c = n->first; c; c = c->next) {
		int r = doc_text_each(c, fn, ctx);
		if (r)
			return r;
	}
	return 0;
}

static int doc_text_add(void *b, const char *s, size_t len)
{
	buf_add(b, s, len);
	return 0;
}

void doc_text(const struct doc_node *n, struct buf *b)
{
	doc_text_each(n, doc_text_add, b);
}

struct doc_node *doc_walk_next(struct doc_node *n, const struct doc_node *top)
{
	if (n->first)
		return n->first;
	while (n && n != top) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

static struct doc_node *doc_copy_node(struct doc *d, const struct doc_node *n,
				      doc_keep_fn keep, void *ctx)
{
	struct doc_node *c = arena_alloc(&d->arena, sizeof *c);
	*c = *n;
	c->parent = c->first = c->next = NULL;
	if ((n->type == DOC_DIV || n->type == DOC_CALLOUT) && n->u.div.title) {
		c->u.div.title = doc_copy_node(d, n->u.div.title, NULL, NULL);
		c->u.div.title->parent = c;
	}
	struct doc_node *last = NULL;
	for (const struct doc_node *k = n->first; k; k = k->next) {
		if (keep && !keep(k, ctx))
			continue;
		struct doc_node *kc = doc_copy_node(d, k, keep, ctx);
		doc_insert_after(c, last, kc);
		last = kc;
	}
	return c;
}

struct doc_node *doc_copy_tree(struct doc *d, const struct doc_node *n)
{
	return doc_copy_node(d, n, NULL, NULL);
}

struct doc *doc_copy(const struct doc *src, doc_keep_fn keep, void *ctx)
{
	struct doc *d = xcalloc(1, sizeof *d);
	d->file = src->file;
	d->root = doc_copy_node(d, src->root, keep, ctx);
	return d;
}

int doc_other_format(const struct doc_node *n, const char *format)
{
	for (; n; n = n->parent) {
		const char *f = doc_attr(n, "format");
		if (f && strcmp(f, format) != 0)
			return 1;
	}
	return 0;
}

static void doc_dump_str(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			buf_adds(b, "\\n");
		else if (s[i] == '"' || s[i] == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, s[i]);
		} else
			buf_addc(b, s[i]);
	}
	buf_addc(b, '"');
}

static void doc_dump_attrs(struct buf *b, const struct doc_attr *a)
{
	for (; a; a = a->next) {
		buf_addf(b, " %s=", a->key);
		if (a->value[strcspn(a->value, " \"\\\n")])
			doc_dump_str(b, a->value, strlen(a->value));
		else
			buf_adds(b, a->value);
	}
}

static void doc_dump_node(const struct doc_node *n, struct buf *b, int depth)
{
	for (int i = 0; i < depth; i++)
		buf_adds(b, "  ");
	buf_addf(b, "%s %u:%u", doc_type_name(n->type), n->line, n->col);
	switch ((enum doc_type)n->type) {
	case DOC_HEADING:
		buf_addf(b, " level=%d", n->u.heading.level);
		if (n->u.heading.id)
			buf_addf(b, " id=%s", n->u.heading.id);
		break;
	case DOC_LIST:
		buf_addf(b, " %s%s", n->flags & DOC_F_ORDERED ? "ordered" : "bullet",
			 n->flags & DOC_F_TIGHT ? " tight" : "");
		if (n->flags & DOC_F_ORDERED)
			buf_addf(b, " start=%d", n->u.list.start);
		break;
	case DOC_ITEM:
		if (n->flags & DOC_F_TASK)
			buf_adds(b, n->flags & DOC_F_CHECKED ? " [x]" : " [ ]");
		break;
	case DOC_TEXT:
	case DOC_CODE:
	case DOC_HTMLBLOCK:
	case DOC_HTMLINLINE:
		buf_addc(b, ' ');
		doc_dump_str(b, n->u.text.s, n->u.text.len);
		break;
	case DOC_CODEBLOCK:
		buf_adds(b, " info=");
		doc_dump_str(b, n->u.text.info ? n->u.text.info : "",
			     n->u.text.info ? strlen(n->u.text.info) : 0);
		buf_addc(b, ' ');
		doc_dump_str(b, n->u.text.s, n->u.text.len);
		break;
	case DOC_SOFTBREAK:
		if (n->flags & DOC_F_JOIN)
			buf_adds(b, " join");
		break;
	case DOC_LINK:
	case DOC_IMAGE:
		buf_adds(b, " url=");
		doc_dump_str(b, n->u.link.url, strlen(n->u.link.url));
		if (n->u.link.href) {
			buf_adds(b, " href=");
			doc_dump_str(b, n->u.link.href, strlen(n->u.link.href));
		}
		doc_dump_attrs(b, n->u.link.attrs);
		break;
	case DOC_NOTE:
		if (n->u.note.label)
			buf_addf(b, " label=%s", n->u.note.label);
		break;
	case DOC_RUBY:
		buf_adds(b, " rt=");
		doc_dump_str(b, n->u.ruby.rt, strlen(n->u.ruby.rt));
		break;
	case DOC_SPAN:
		buf_addf(b, " %s", n->u.div.kind);
		doc_dump_attrs(b, n->u.div.attrs);
		break;
	case DOC_TABLE:
		buf_addf(b, " cols=%d", n->u.table.ncols);
		break;
	case DOC_TABLE_ROW:
		if (n->flags & DOC_F_HEADER)
			buf_adds(b, " header");
		break;
	case DOC_DIV:
	case DOC_CALLOUT:
		buf_addf(b, " %s", n->u.div.kind);
		if (n->flags & DOC_F_COLLAPSE)
			buf_adds(b, n->flags & DOC_F_OPEN ? " collapse=open" : " collapse");
		if (n->u.div.title) {
			struct buf t = {0};
			doc_text(n->u.div.title, &t);
			buf_adds(b, " title=");
			doc_dump_str(b, t.p ? t.p : "", t.n);
			buf_free(&t);
		}
		doc_dump_attrs(b, n->u.div.attrs);
		break;
	default:
		break;
	}
	buf_addc(b, '\n');
	for (const struct doc_node *c = n->first; c; c = c->next)
		doc_dump_node(c, b, depth + 1);
}

void doc_dump(const struct doc_node *n, struct buf *b)
{
	doc_dump_node(n, b, 0);
}
