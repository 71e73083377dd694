/* rawhtml: the HTML people write in Markdown, made into tree nodes so
 * both outputs show it without `unsafe`: <kbd>, <sup>, <br>, <ruby>,
 * <details> … become nodes with only their allowed attributes; any
 * other tag stays a raw node, which the back ends leave out (with one
 * warning per file) or, with `unsafe`, pass on. <script>, <style>,
 * <iframe> and the like take their content with them. URLs other than
 * http(s), mailto, tel and relative ones are dropped, so no
 * javascript: or data: gets through. */
#include "rawhtml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/utf8.h"
#include "../model/doc.h"

#define RH_MAXDEPTH 64		/* open elements inside one another */
#define RH_MAXATTRS 16
#define RH_READ 0x10		/* DOC_HTMLBLOCK: a piece of one already read */

enum rh_tok { RH_TEXT, RH_OPEN, RH_CLOSE, RH_COMMENT, RH_OTHER };

struct rh_attr {
	const char *k, *v;
	size_t kn, vn;
};

struct rh_token {
	enum rh_tok type;
	const char *s;		/* the whole token as written */
	size_t n;
	const char *name;	/* tag name (RH_OPEN, RH_CLOSE) */
	size_t namen;
	int selfclose;
	struct rh_attr attrs[RH_MAXATTRS];
	int nattrs;
};

/* What becomes of an element. */
enum rh_what {
	RH_RAW,			/* a raw node: left out, or passed on with unsafe */
	RH_HIDE,		/* raw, with all it holds (script, style …) */
	RH_BLOCK,		/* raw, and a paragraph break (div, p …) */
	RH_SPAN,		/* DOC_SPAN kind = the tag */
	RH_EMPH, RH_STRONG, RH_STRIKE,
	RH_LINK,		/* <a href> a link, <a id> a span */
	RH_BR, RH_IMG, RH_HR,
	RH_RUBY, RH_RT, RH_RP, RH_RB,
	RH_DETAILS, RH_SUMMARY
};

static const struct {
	const char *tag;
	enum rh_what what;
} rh_tags[] = {
	{"kbd", RH_SPAN}, {"sup", RH_SPAN}, {"sub", RH_SPAN}, {"mark", RH_SPAN},
	{"small", RH_SPAN}, {"abbr", RH_SPAN}, {"span", RH_SPAN},
	{"em", RH_EMPH}, {"i", RH_EMPH}, {"strong", RH_STRONG}, {"b", RH_STRONG},
	{"del", RH_STRIKE}, {"s", RH_STRIKE}, {"a", RH_LINK},
	{"br", RH_BR}, {"img", RH_IMG}, {"hr", RH_HR},
	{"ruby", RH_RUBY}, {"rt", RH_RT}, {"rp", RH_RP}, {"rb", RH_RB},
	{"details", RH_DETAILS}, {"summary", RH_SUMMARY},
	{"script", RH_HIDE}, {"style", RH_HIDE}, {"iframe", RH_HIDE}, {"object", RH_HIDE},
	{"embed", RH_HIDE}, {"noscript", RH_HIDE}, {"template", RH_HIDE},
	{"textarea", RH_HIDE}, {"title", RH_HIDE}, {"xmp", RH_HIDE}, {"svg", RH_HIDE},
	{"math", RH_HIDE}, {"select", RH_HIDE}, {"noembed", RH_HIDE}, {"noframes", RH_HIDE},
	{"p", RH_BLOCK}, {"div", RH_BLOCK}, {"center", RH_BLOCK}, {"section", RH_BLOCK},
	{"article", RH_BLOCK}, {"header", RH_BLOCK}, {"footer", RH_BLOCK}, {"nav", RH_BLOCK},
	{"aside", RH_BLOCK}, {"main", RH_BLOCK}, {"figure", RH_BLOCK},
	{"figcaption", RH_BLOCK}, {"blockquote", RH_BLOCK}, {"pre", RH_BLOCK},
	{"table", RH_BLOCK}, {"thead", RH_BLOCK}, {"tbody", RH_BLOCK}, {"tr", RH_BLOCK},
	{"td", RH_BLOCK}, {"th", RH_BLOCK}, {"ul", RH_BLOCK}, {"ol", RH_BLOCK},
	{"li", RH_BLOCK}, {"dl", RH_BLOCK}, {"dt", RH_BLOCK}, {"dd", RH_BLOCK},
	{"h1", RH_BLOCK}, {"h2", RH_BLOCK}, {"h3", RH_BLOCK}, {"h4", RH_BLOCK},
	{"h5", RH_BLOCK}, {"h6", RH_BLOCK}, {"form", RH_BLOCK},
};

static enum rh_what rh_what(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof rh_tags / sizeof *rh_tags; i++)
		if (strlen(rh_tags[i].tag) == n && strncasecmp(rh_tags[i].tag, name, n) == 0)
			return rh_tags[i].what;
	return RH_RAW;
}

const char *rawhtml_allowed =
	"kbd, br, sup, sub, mark, small, abbr, ruby, details, span id, a id/href, img";

/* ---- tokens ---------------------------------------------------------- */

static int rh_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int rh_is_name(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == ':';
}

/* Attributes of an open tag from p up to '>'; returns where it ends. */
static const char *rh_attrs(const char *p, const char *e, struct rh_token *t)
{
	while (p < e && *p != '>') {
		while (p < e && rh_is_space(*p))
			p++;
		if (p < e && *p == '/') {
			t->selfclose = 1;
			p++;
			continue;
		}
		const char *k = p;
		while (p < e && !rh_is_space(*p) && *p != '=' && *p != '>' && *p != '/')
			p++;
		if (p == k) {
			if (p < e && *p != '>')
				p++;
			continue;
		}
		struct rh_attr a = {k, "", (size_t)(p - k), 0};
		while (p < e && rh_is_space(*p))
			p++;
		if (p < e && *p == '=') {
			p++;
			while (p < e && rh_is_space(*p))
				p++;
			if (p < e && (*p == '"' || *p == '\'')) {
				char q = *p++;
				a.v = p;
				while (p < e && *p != q)
					p++;
				a.vn = (size_t)(p - a.v);
				if (p < e)
					p++;
			} else {
				a.v = p;
				while (p < e && !rh_is_space(*p) && *p != '>')
					p++;
				a.vn = (size_t)(p - a.v);
			}
		}
		if (t->nattrs < RH_MAXATTRS)
			t->attrs[t->nattrs++] = a;
	}
	return p;
}

/* The next token of s[0..n) at *pos. */
static int rh_next(const char *s, size_t n, size_t *pos, struct rh_token *t)
{
	const char *p = s + *pos, *e = s + n;
	if (p >= e)
		return 0;
	memset(t, 0, sizeof *t);
	t->s = p;
	if (*p != '<' || p + 1 >= e ||
	    !(p[1] == '/' || p[1] == '!' || p[1] == '?' ||
	      (p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z'))) {
		const char *q = p + 1;
		while (q < e && *q != '<')
			q++;
		t->type = RH_TEXT;
		t->n = (size_t)(q - p);
		*pos += t->n;
		return 1;
	}
	const char *end;
	if (e - p >= 4 && memcmp(p, "<!--", 4) == 0) {
		end = memmem(p + 4, (size_t)(e - p - 4), "-->", 3);
		end = end ? end + 3 : e;
		t->type = RH_COMMENT;
	} else if (p[1] == '!' || p[1] == '?') {
		end = memchr(p, '>', (size_t)(e - p));
		end = end ? end + 1 : e;
		t->type = RH_OTHER;
	} else {
		int close = p[1] == '/';
		const char *q = p + 1 + close;
		t->name = q;
		while (q < e && rh_is_name(*q))
			q++;
		t->namen = (size_t)(q - t->name);
		t->type = close ? RH_CLOSE : RH_OPEN;
		q = close ? memchr(q, '>', (size_t)(e - q)) : rh_attrs(q, e, t);
		end = q && q < e ? q + 1 : e;
	}
	t->n = (size_t)(end - p);
	*pos += t->n;
	return 1;
}

/* ---- text --------------------------------------------------------------- */

static const struct {
	const char *name;
	uint32_t cp;
} rh_entities[] = {
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
	{"nbsp", 0xA0}, {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122},
	{"hellip", 0x2026}, {"mdash", 0x2014}, {"ndash", 0x2013}, {"laquo", 0xAB},
	{"raquo", 0xBB}, {"times", 0xD7}, {"divide", 0xF7}, {"middot", 0xB7},
	{"yen", 0xA5}, {"larr", 0x2190}, {"rarr", 0x2192}, {"uarr", 0x2191},
	{"darr", 0x2193}, {"check", 0x2713}, {"zwj", 0x200D}, {"zwnj", 0x200C},
};

/* Decodes character references in s[0..n) into out. */
static void rh_decode(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (s[i] != '&') {
			buf_addc(out, s[i++]);
			continue;
		}
		const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
		uint32_t cp = 0;
		if (semi && i + 2 < n && s[i + 1] == '#') {
			int hex = s[i + 2] == 'x' || s[i + 2] == 'X';
			char *end;
			unsigned long v = strtoul(s + i + 2 + hex, &end, hex ? 16 : 10);
			if (end == semi && v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF))
				cp = (uint32_t)v;
		} else if (semi) {
			size_t len = (size_t)(semi - s - i - 1);
			for (size_t k = 0; k < sizeof rh_entities / sizeof *rh_entities; k++)
				if (strlen(rh_entities[k].name) == len &&
				    memcmp(rh_entities[k].name, s + i + 1, len) == 0)
					cp = rh_entities[k].cp;
		}
		if (cp == 0) {
			buf_addc(out, s[i++]);
			continue;
		}
		char u[4];
		buf_add(out, u, utf8_encode(cp, u));
		i = (size_t)(semi - s) + 1;
	}
}

static char *rh_decoded(struct doc *d, const char *s, size_t n)
{
	struct buf b = {0};
	rh_decode(&b, s, n);
	char *r = arena_strndup(&d->arena, b.p ? b.p : "", b.n);
	buf_free(&b);
	return r;
}

/* http(s), mailto, tel, or no scheme at all; what browsers ignore
 * (controls, blanks) does not hide a scheme. */
static int rh_url_ok(const char *u)
{
	char scheme[16];
	size_t k = 0;
	for (const char *p = u; *p && k + 1 < sizeof scheme; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ')
			continue;
		if (c == ':')
			break;
		if (c == '/' || c == '?' || c == '#' || c == '.')
			return 1;	/* a path before any colon: no scheme */
		scheme[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	scheme[k] = '\0';
	if (strchr(u, ':') == NULL)
		return 1;
	return !strcmp(scheme, "http") || !strcmp(scheme, "https") ||
	       !strcmp(scheme, "mailto") || !strcmp(scheme, "tel");
}

/* ---- nodes ----------------------------------------------------------------- */

struct rh {
	struct doc *d;
	const struct doc_node *at;	/* where new nodes are said to be */
};

static const char *rh_attr(const struct rh_token *t, const char *key)
{
	for (int i = 0; i < t->nattrs; i++)
		if (strlen(key) == t->attrs[i].kn && strncasecmp(key, t->attrs[i].k, t->attrs[i].kn) == 0)
			return t->attrs[i].v;
	return NULL;
}

static size_t rh_attr_len(const struct rh_token *t, const char *key)
{
	for (int i = 0; i < t->nattrs; i++)
		if (strlen(key) == t->attrs[i].kn && strncasecmp(key, t->attrs[i].k, t->attrs[i].kn) == 0)
			return t->attrs[i].vn;
	return 0;
}

/* Every attribute of t, decoded, after the ones already at *tail: the
 * back ends show only the allowed ones (all of them with `unsafe`). */
static void rh_attrs_all(struct rh *h, const struct rh_token *t, struct doc_attr **tail,
			 const char *skip)
{
	while (*tail)
		tail = &(*tail)->next;
	for (int i = 0; i < t->nattrs; i++) {
		const struct rh_attr *x = &t->attrs[i];
		char key[24];
		if (x->kn + 3 > sizeof key)
			continue;
		snprintf(key, sizeof key, " %.*s ", (int)x->kn, x->k);
		if (skip && strcasestr(skip, key))
			continue;
		struct doc_attr *a = arena_alloc(&h->d->arena, sizeof *a);
		char *k = arena_strndup(&h->d->arena, x->k, x->kn);
		for (char *p = k; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		a->key = k;
		a->value = rh_decoded(h->d, x->v, x->vn);
		a->line = h->at->line;
		a->col = h->at->col;
		*tail = a;
		tail = &a->next;
	}
}

static struct doc_node *rh_new(struct rh *h, enum doc_type type)
{
	return doc_node_new(h->d, type, (int)h->at->line, h->at->col);
}

static struct doc_node *rh_text(struct rh *h, const char *s, size_t n)
{
	struct doc_node *t = rh_new(h, DOC_TEXT);
	t->u.text.s = s;
	t->u.text.len = n;
	return t;
}

static struct doc_node *rh_raw(struct rh *h, enum doc_type type, const char *s, size_t n)
{
	struct doc_node *r = rh_new(h, type);
	r->u.text.s = arena_strndup(&h->d->arena, s, n);
	r->u.text.len = n;
	return r;
}

/* The node an allowed open tag makes, or NULL (left raw). */
static struct doc_node *rh_element(struct rh *h, enum rh_what w, const struct rh_token *t)
{
	struct doc_node *n;
	switch (w) {
	case RH_SPAN:
	case RH_RT:
	case RH_RP:
	case RH_RB:
	case RH_RUBY:
		n = rh_new(h, DOC_SPAN);
		n->u.div.kind = arena_strndup(&h->d->arena, t->name, t->namen);
		for (char *k = (char *)n->u.div.kind; *k; k++)
			if (*k >= 'A' && *k <= 'Z')
				*k = (char)(*k - 'A' + 'a');
		rh_attrs_all(h, t, &n->u.div.attrs, NULL);
		return n;
	case RH_EMPH:
		return rh_new(h, DOC_EMPH);
	case RH_STRONG:
		return rh_new(h, DOC_STRONG);
	case RH_STRIKE:
		return rh_new(h, DOC_STRIKE);
	case RH_LINK: {
		const char *href = rh_attr(t, "href");
		char *url = href ? rh_decoded(h->d, href, rh_attr_len(t, "href")) : NULL;
		if (url && url[0] && rh_url_ok(url)) {
			n = rh_new(h, DOC_LINK);
			n->u.link.url = url;
			rh_attrs_all(h, t, &n->u.link.attrs, " href ");
			return n;
		}
		n = rh_new(h, DOC_SPAN);
		n->u.div.kind = "a";
		rh_attrs_all(h, t, &n->u.div.attrs, " href ");
		return n;
	}
	case RH_IMG: {
		const char *src = rh_attr(t, "src");
		char *url = src ? rh_decoded(h->d, src, rh_attr_len(t, "src")) : NULL;
		if (url == NULL || url[0] == '\0' || !rh_url_ok(url))
			return NULL;
		n = rh_new(h, DOC_IMAGE);
		n->u.link.url = url;
		rh_attrs_all(h, t, &n->u.link.attrs, " src alt ");
		const char *alt = rh_attr(t, "alt");
		if (alt && rh_attr_len(t, "alt")) {
			char *a = rh_decoded(h->d, alt, rh_attr_len(t, "alt"));
			doc_append(n, rh_text(h, a, strlen(a)));
		}
		return n;
	}
	case RH_BR:
		return rh_new(h, DOC_LINEBREAK);
	default:
		return NULL;
	}
}

/* ---- ruby --------------------------------------------------------------- */

/* The element <ruby> held (base text, <rt> and <rp> spans) becomes
 * one DOC_RUBY per reading, in its place: 漢<rt>かん</rt>字<rt>じ</rt>
 * is two. Text after the last reading stays plain. Returns the last
 * node put in its place (or the one before it). */
static struct doc_node *rh_ruby(struct rh *h, struct doc_node *ruby)
{
	struct doc_node *parent = ruby->parent, *after = ruby;
	struct doc_node *c = ruby->first, *base = NULL, *blast = NULL;
	while (c) {
		struct doc_node *next = c->next;
		c->next = NULL;
		int span = c->type == DOC_SPAN;
		if (span && !strcmp(c->u.div.kind, "rp")) {
			/* a fallback parenthesis: not text */
		} else if (span && !strcmp(c->u.div.kind, "rt")) {
			struct buf rt = {0};
			doc_text(c, &rt);
			struct doc_node *r = rh_new(h, DOC_RUBY);
			r->line = base ? base->line : c->line;
			r->col = base ? base->col : c->col;
			r->u.ruby.rt = arena_strndup(&h->d->arena, rt.p ? rt.p : "", rt.n);
			buf_free(&rt);
			r->first = base;
			for (struct doc_node *k = base; k; k = k->next)
				k->parent = r;
			doc_insert_after(parent, after, r);
			after = r;
			base = blast = NULL;
		} else if (span && !strcmp(c->u.div.kind, "rb")) {
			for (struct doc_node *k = c->first; k;) {
				struct doc_node *kn = k->next;
				k->next = NULL;
				if (blast)
					blast->next = k;
				else
					base = k;
				blast = k;
				k = kn;
			}
		} else {
			if (blast)
				blast->next = c;
			else
				base = c;
			blast = c;
		}
		c = next;
	}
	for (struct doc_node *k = base; k;) {
		struct doc_node *kn = k->next;
		k->next = NULL;
		doc_insert_after(parent, after, k);
		after = k;
		k = kn;
	}
	struct doc_node *prev = doc_prev(ruby);
	doc_unlink(ruby);
	return after == ruby ? prev : after;
}

/* ---- inlines ------------------------------------------------------------ */

struct rh_open {
	struct doc_node *node;
	struct doc_node *last;	/* its last child */
	enum rh_what what;
	const char *name;
	size_t namen;
};

static void rh_inlines(struct rh *h, struct doc_node *container, int depth);

static void rh_close(struct rh *h, struct rh_open *st, int *top)
{
	struct rh_open *o = &st[*top];
	(*top)--;
	if (o->what == RH_RUBY)	/* the last child of what holds it */
		st[*top].last = rh_ruby(h, o->node);
}

static int rh_same(const struct rh_open *o, const struct rh_token *t)
{
	return o->namen == t->namen && strncasecmp(o->name, t->name, t->namen) == 0;
}

/* Raw inline HTML from `first` up to the close of its hidden element
 * (or the end) as one raw node: <script> … </script> goes whole. */
static struct doc_node *rh_hide(struct rh *h, struct doc_node *first, const struct rh_token *t,
				struct doc_node **rest)
{
	struct buf b = {0};
	struct doc_node *c = first;
	for (; c; c = c->next) {
		if (c->type == DOC_TEXT || c->type == DOC_CODE || c->type == DOC_HTMLINLINE)
			buf_add(&b, c->u.text.s, c->u.text.len);
		else if (c->type == DOC_SOFTBREAK || c->type == DOC_LINEBREAK)
			buf_addc(&b, '\n');
		if (c != first && c->type == DOC_HTMLINLINE && c->u.text.len > 2 &&
		    c->u.text.s[1] == '/' && c->u.text.len - 3 >= t->namen &&
		    strncasecmp(c->u.text.s + 2, t->name, t->namen) == 0)
			break;
	}
	*rest = c ? c->next : NULL;
	struct doc_node *r = rh_raw(h, DOC_HTMLINLINE, b.p ? b.p : "", b.n);
	r->line = first->line;
	r->col = first->col;
	buf_free(&b);
	return r;
}

static void rh_add(struct rh_open *st, int top, struct doc_node *n)
{
	doc_insert_after(st[top].node, st[top].last, n);
	st[top].last = n;
}

/* One raw inline tag among the children being rebuilt. */
static void rh_tag(struct rh *h, struct doc_node *c, struct rh_open *st, int *top,
		   struct doc_node **next)
{
	struct rh_token t;
	size_t pos = 0;
	if (!rh_next(c->u.text.s, c->u.text.len, &pos, &t) || pos != c->u.text.len ||
	    (t.type != RH_OPEN && t.type != RH_CLOSE)) {
		rh_add(st, *top, c);	/* a comment or something else: raw */
		return;
	}
	enum rh_what w = rh_what(t.name, t.namen);
	h->at = c;
	if (t.type == RH_CLOSE) {
		for (int k = *top; k > 0; k--) {
			if (rh_same(&st[k], &t)) {
				while (*top >= k)
					rh_close(h, st, top);
				return;
			}
		}
		rh_add(st, *top, c);	/* closes nothing open: raw */
		return;
	}
	if (w == RH_HIDE) {
		c->next = *next;
		rh_add(st, *top, rh_hide(h, c, &t, next));
		return;
	}
	struct doc_node *n = *top + 1 < RH_MAXDEPTH ? rh_element(h, w, &t) : NULL;
	if (n == NULL) {
		rh_add(st, *top, c);
		return;
	}
	rh_add(st, *top, n);
	if (w == RH_BR || w == RH_IMG || t.selfclose)
		return;
	(*top)++;
	st[*top] = (struct rh_open){n, NULL, w, t.name, t.namen};
}

/* Rebuilds the children of an inline container with the allowed
 * elements as nodes holding what was between their tags. An element
 * left open closes with its container; a stray close tag stays raw. */
static void rh_inlines(struct rh *h, struct doc_node *container, int depth)
{
	struct rh_open st[RH_MAXDEPTH];
	int top = 0;
	struct doc_node *c = container->first;
	container->first = NULL;
	st[0] = (struct rh_open){container, NULL, RH_RAW, "", 0};
	while (c) {
		struct doc_node *next = c->next;
		c->next = NULL;
		if (c->type == DOC_HTMLINLINE) {
			rh_tag(h, c, st, &top, &next);
		} else {
			if (c->first && depth < 200)
				rh_inlines(h, c, depth + 1);
			rh_add(st, top, c);
		}
		c = next;
	}
	while (top > 0)
		rh_close(h, st, &top);
}

/* ---- blocks ------------------------------------------------------------- */

/* What an HTML block turns into, as a chain of blocks: paragraphs of
 * its text and inline tags, <details> openings and closings, raw
 * pieces. */
struct rh_block {
	struct rh *h;
	const struct doc_node *src;	/* the HTML block */
	struct doc_node *out, *outlast;	/* the blocks made */
	struct doc_node *para;		/* the paragraph being filled, or NULL */
	struct doc_node *plast;
	struct doc_node *summary;	/* the details title being filled */
	int structural;			/* <details>, </details> or <summary> seen */
};

static void rh_out(struct rh_block *b, struct doc_node *n)
{
	n->next = NULL;
	if (b->outlast)
		b->outlast->next = n;
	else
		b->out = n;
	b->outlast = n;
}

/* Adds an inline to the summary being read or the pending paragraph. */
static void rh_inline(struct rh_block *b, struct doc_node *n)
{
	if (b->summary) {
		doc_append(b->summary, n);
		return;
	}
	if (b->para == NULL) {
		b->para = rh_new(b->h, DOC_PARAGRAPH);
		b->plast = NULL;
	}
	doc_insert_after(b->para, b->plast, n);
	b->plast = n;
}

static int rh_visible(const struct doc_node *p)
{
	for (const struct doc_node *c = p->first; c; c = c->next)
		if (c->type != DOC_HTMLINLINE && c->type != DOC_SOFTBREAK)
			return 1;
	return 0;
}

/* Ends the pending paragraph: a paragraph if it shows anything, else
 * its raw tags as raw blocks (left out, but counted and passed on). */
static void rh_flush(struct rh_block *b)
{
	struct doc_node *p = b->para;
	b->para = NULL;
	if (p == NULL)
		return;
	rh_inlines(b->h, p, 0);
	if (rh_visible(p)) {
		rh_out(b, p);
		return;
	}
	for (struct doc_node *c = p->first, *next; c; c = next) {
		next = c->next;
		if (c->type == DOC_HTMLINLINE) {
			c->type = DOC_HTMLBLOCK;
			c->parent = NULL;
			rh_out(b, c);
		}
	}
}

/* Text of an HTML block: blanks become one space, line ends soft
 * breaks (so Japanese lines join), character references are decoded. */
static void rh_block_text(struct rh_block *b, const char *s, size_t n)
{
	struct rh *h = b->h;
	char *text = rh_decoded(h->d, s, n);
	char *w = text;
	int space = 0, line = 0;
	for (const char *p = text; *p; p++) {
		if (*p == '\n')
			line = 1;
		if (rh_is_space(*p)) {
			space = 1;
			continue;
		}
		if (line && w > text) {
			rh_inline(b, rh_text(h, text, (size_t)(w - text)));
			rh_inline(b, rh_new(h, DOC_SOFTBREAK));
			text = w = (char *)p;
		} else if (space && (w > text || b->para)) {
			*w++ = ' ';
		}
		space = line = 0;
		*w++ = *p;
	}
	if (space && w > text)
		*w++ = ' ';
	if (w > text)
		rh_inline(b, rh_text(h, text, (size_t)(w - text)));
}

static void rh_block_token(struct rh_block *b, const struct rh_token *t, const char *s,
			   size_t n, size_t *pos)
{
	struct rh *h = b->h;
	enum rh_what w = t->type == RH_OPEN || t->type == RH_CLOSE ? rh_what(t->name, t->namen)
								    : RH_RAW;
	if (t->type == RH_TEXT) {
		rh_block_text(b, t->s, t->n);
	} else if (t->type == RH_COMMENT || t->type == RH_OTHER) {
		rh_inline(b, rh_raw(h, DOC_HTMLINLINE, t->s, t->n));
	} else if (w == RH_DETAILS) {
		rh_flush(b);
		b->structural = 1;
		struct doc_node *m = rh_raw(h, DOC_HTMLBLOCK, t->s, t->n);
		m->flags = t->type == RH_OPEN ? 1 : 2;	/* opens / closes: read by rh_blocks */
		if (t->type == RH_OPEN && rh_attr(t, "open"))
			m->flags |= 4;
		rh_out(b, m);
	} else if (w == RH_SUMMARY) {
		b->structural = 1;
		if (t->type == RH_OPEN && b->summary == NULL) {
			rh_flush(b);
			b->summary = rh_new(h, DOC_PARAGRAPH);
			struct doc_node *m = rh_raw(h, DOC_HTMLBLOCK, "", 0);
			m->flags = 8;	/* the title of the details open */
			m->first = b->summary;
			b->summary->parent = m;
			rh_out(b, m);
		} else if (t->type == RH_CLOSE) {
			b->summary = NULL;
		}
	} else if (w == RH_HR && t->type == RH_OPEN) {
		rh_flush(b);
		rh_out(b, rh_new(h, DOC_THEMATIC));
	} else if (w == RH_HIDE && t->type == RH_OPEN) {
		/* the whole element, up to its close tag, as one raw piece */
		const char *e = s + n, *p = s + *pos;
		while (p < e) {
			const char *lt = memchr(p, '<', (size_t)(e - p));
			if (!lt)
				break;
			if (lt + 2 + t->namen <= e && lt[1] == '/' &&
			    strncasecmp(lt + 2, t->name, t->namen) == 0) {
				const char *gt = memchr(lt, '>', (size_t)(e - lt));
				p = gt ? gt + 1 : e;
				goto found;
			}
			p = lt + 1;
		}
		p = e;
found:
		*pos = (size_t)(p - s);
		rh_inline(b, rh_raw(h, DOC_HTMLINLINE, t->s, (size_t)(p - t->s)));
	} else if (w == RH_BLOCK) {
		if (t->type == RH_OPEN)
			rh_flush(b);
		rh_inline(b, rh_raw(h, DOC_HTMLINLINE, t->s, t->n));
		if (t->type == RH_CLOSE)
			rh_flush(b);
	} else {
		rh_inline(b, rh_raw(h, DOC_HTMLINLINE, t->s, t->n));
	}
}

/* An HTML block as the chain of blocks it means. */
static struct doc_node *rh_block(struct rh *h, struct doc_node *src, int *structural)
{
	struct rh_block b = {.h = h, .src = src};
	h->at = src;
	size_t pos = 0;
	struct rh_token t;
	while (rh_next(src->u.text.s, src->u.text.len, &pos, &t))
		rh_block_token(&b, &t, src->u.text.s, src->u.text.len, &pos);
	b.summary = NULL;
	rh_flush(&b);
	*structural = b.structural;
	for (struct doc_node *c = b.out; c; c = c->next)
		if (c->flags & 8)
			rh_inlines(h, c->first, 0);
	return b.out;
}

static void rh_node(struct rh *h, struct doc_node *n, int depth);

/* The children of a block container, with HTML blocks read: one that
 * holds no <details> keeps its text (for `unsafe`) and gets what it
 * means as its children; <details> … </details> becomes a collapsible
 * callout around the blocks between. */
static void rh_blocks(struct rh *h, struct doc_node *container, int depth)
{
	struct doc_node *target[RH_MAXDEPTH], *last[RH_MAXDEPTH];
	int top = 0;
	struct doc_node *c = container->first;
	container->first = NULL;
	target[0] = container;
	last[0] = NULL;
	while (c) {
		struct doc_node *next = c->next;
		c->next = NULL;
		struct doc_node *made = NULL;
		int structural = 0;
		if (c->type == DOC_HTMLBLOCK && c->first == NULL && !(c->flags & RH_READ) &&
		    !rawhtml_is_comment(c->u.text.s, c->u.text.len))
			made = rh_block(h, c, &structural);
		if (!structural) {
			c->flags |= RH_READ;
			if (made) {
				c->first = made;
				for (struct doc_node *k = made; k; k = k->next)
					k->parent = c;
			}
			doc_insert_after(target[top], last[top], c);
			last[top] = c;
			c = next;
			continue;
		}
		for (struct doc_node *k = made, *kn; k; k = kn) {
			kn = k->next;
			k->next = NULL;
			if (k->type == DOC_HTMLBLOCK && (k->flags & 1) && top + 1 < RH_MAXDEPTH) {
				struct doc_node *det = doc_node_new(h->d, DOC_CALLOUT, (int)c->line, c->col);
				det->u.div.kind = "details";
				det->flags = DOC_F_COLLAPSE | ((k->flags & 4) ? DOC_F_OPEN : 0);
				doc_insert_after(target[top], last[top], det);
				last[top] = det;
				target[++top] = det;
				last[top] = NULL;
				continue;
			}
			if (k->type == DOC_HTMLBLOCK && (k->flags & 2) && top > 0) {
				top--;
				continue;
			}
			if (k->type == DOC_HTMLBLOCK && (k->flags & 8)) {
				struct doc_node *owner = target[top];
				if (top > 0 && owner->u.div.title == NULL && rh_visible(k->first)) {
					owner->u.div.title = k->first;
					k->first->parent = owner;
					continue;
				}
				if (!rh_visible(k->first))
					continue;
				k->type = DOC_PARAGRAPH;	/* a summary outside details: its text */
				k->first->type = DOC_PARAGRAPH;
				k = k->first;
				k->parent = NULL;
			}
			k->flags = k->type == DOC_HTMLBLOCK ? RH_READ : 0;
			doc_insert_after(target[top], last[top], k);
			last[top] = k;
		}
		c = next;
	}
}

static void rh_node(struct rh *h, struct doc_node *n, int depth)
{
	if (depth > 400)
		return;		/* cmark nests no deeper in practice; a guard */
	if (doc_holds_blocks(n)) {
		rh_blocks(h, n, depth);
		for (struct doc_node *c = n->first; c; c = c->next)
			if (c->type != DOC_HTMLBLOCK)
				rh_node(h, c, depth + 1);
	} else if (doc_holds_inlines(n)) {
		rh_inlines(h, n, 0);
	} else {
		for (struct doc_node *c = n->first; c; c = c->next)
			rh_node(h, c, depth + 1);
	}
	if ((n->type == DOC_CALLOUT || n->type == DOC_DIV) && n->u.div.title)
		rh_inlines(h, n->u.div.title, 0);
}

void rawhtml_read_block(struct doc *d, struct doc_node *n)
{
	if (n->type != DOC_HTMLBLOCK || n->first || rawhtml_is_comment(n->u.text.s, n->u.text.len))
		return;
	struct rh h = {d, n};
	int structural;
	struct doc_node *last = NULL;
	for (struct doc_node *k = rh_block(&h, n, &structural), *kn; k; k = kn) {
		kn = k->next;
		k->next = NULL;
		if (k->type == DOC_HTMLBLOCK && (k->flags & 3))
			continue;	/* <details> cannot hold what follows here */
		if (k->type == DOC_HTMLBLOCK && (k->flags & 8)) {
			k = k->first;
			k->parent = NULL;
		}
		k->flags = k->type == DOC_HTMLBLOCK ? RH_READ : 0;
		doc_insert_after(n, last, k);
		last = k;
	}
}

void rawhtml_tree(struct doc *d, struct doc_node *root)
{
	struct rh h = {d, root};
	rh_node(&h, root, 0);
}

static int rh_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!rh_is_space(s[i]))
			return 0;
	return 1;
}

int rawhtml_is_comment(const char *s, size_t n)
{
	size_t pos = 0;
	struct rh_token t;
	int any = 0;
	while (rh_next(s, n, &pos, &t)) {
		if (t.type == RH_COMMENT)
			any = 1;
		else if (t.type != RH_TEXT || !rh_blank(t.s, t.n))
			return 0;
	}
	return any;
}

int rawhtml_describe(const char *s, size_t n, struct buf *first, int *closes)
{
	size_t pos = 0;
	struct rh_token t;
	int count = 0;
	while (rh_next(s, n, &pos, &t)) {
		if (t.type == RH_COMMENT || t.type == RH_TEXT)
			continue;
		if (t.type == RH_CLOSE) {
			if (first && first->n == 0)
				buf_addf(first, "</%.*s>", (int)t.namen, t.name);
			(*closes)++;
			continue;
		}
		if (count++ == 0 && first) {
			first->n = 0;	/* an open tag names it rather than a close */
			if (t.type == RH_OPEN)
				buf_addf(first, "<%.*s>", (int)t.namen, t.name);
			else
				buf_addf(first, "%.*s", (int)(t.n < 40 ? t.n : 40), t.s);
		}
	}
	return count;
}

void rawhtml_tally(struct rawhtml_tally *t, const struct doc_node *n)
{
	int had = t->opens || t->closes;
	int k = rawhtml_describe(n->u.text.s, n->u.text.len, t->opens ? NULL : &t->first,
				 &t->closes);
	if ((k && !t->opens) || (!had && t->closes))
		t->at = n;
	t->opens += k;
}

void rawhtml_report(struct rawhtml_tally *t, const char *file, const char *where,
		    const char *hint)
{
	if (t->at) {
		int n = t->opens ? t->opens : t->closes;
		if (n == 1)
			diag_warning(file, (int)t->at->line, t->at->col,
				     "raw HTML %s left out%s (tebiki keeps %s%s)", t->first.p, where,
				     rawhtml_allowed, hint);
		else
			diag_warning(file, (int)t->at->line, t->at->col,
				     "raw HTML %s and %d more tags left out%s (tebiki keeps %s%s)",
				     t->first.p, n - 1, where, rawhtml_allowed, hint);
	}
	buf_free(&t->first);
	*t = (struct rawhtml_tally){0};
}
