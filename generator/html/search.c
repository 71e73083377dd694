/* search: pages are read into passages in parallel, numbered by
 * length, then cut into terms one page after another, in page order,
 * each term's posting list growing as a string of digits (below). The
 * lists are then dealt into shards by the term's hash. */
#include "search.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/fsutil.h"
#include "../base/pool.h"
#include "../base/scan.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../model/doc.h"
#include "../model/meta.h"
#include "../model/site.h"
#include "../passes/blocks.h"
#include "searchterm.h"

/* A page's text beyond this many bytes is not indexed. */
#define SEARCH_MAX_TEXT 32768
/* Shards are about this big on average (a query loads one per term). */
#define SEARCH_SHARD_BYTES 4096
#define SEARCH_MAX_SHARDS 4096

enum { FIELD_BODY, FIELD_HEADING, FIELD_TITLE };

struct search_passage {
	size_t start;		/* byte offset in the page's text */
	int field;
	const char *aud;	/* "size=a,b\nindustry=c" or NULL: everyone */
	int audid;		/* its number in the audience table */
};

struct search_head {
	size_t at;		/* UTF-16 offset in the text, as the browser counts */
	const char *id;
};

struct search_doc {
	const struct page *page;
	const char *section;
	struct arena arena;
	struct buf text;	/* passages, one a line */
	size_t utf16;		/* the text's length in UTF-16 units */
	struct search_passage *ps;
	size_t nps, capps;
	struct search_head *heads;
	size_t nheads;
	const char *aud;	/* the page's own (front matter) audience */
	int audid;
	uint32_t chars;		/* length, for ranking */
	uint32_t id;
	int failed;		/* its file could not be written */
};

/* Where the walk is: the audience (per axis, NULL: every value). */
struct search_walk {
	struct search_doc *d;
	const struct site *s;
	const char *axes[AXIS__COUNT];
	struct buf text;	/* a passage's text, before it is added */
};

/* ---- JavaScript -------------------------------------------------------- */

/* What search_js_string cannot copy as it is (0xE2: perhaps U+2028 or
 * U+2029). */
static const unsigned char search_js_special[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
	[0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1,
	[0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
	[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1,
	[0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, ['"'] = 1, ['\\'] = 1, ['<'] = 1,
	[0xE2] = 1};

/* \u and four hex digits */
static void search_js_u(struct buf *b, unsigned v)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = {'\\', 'u', hex[v >> 12 & 15], hex[v >> 8 & 15], hex[v >> 4 & 15], hex[v & 15]};
	buf_add(b, e, 6);
}

/* A JavaScript string literal: quotes, backslashes, control characters
 * and the two line separators JavaScript does not allow in strings. */
static void search_js_string(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		/* the bytes that need nothing, copied at once */
		size_t run = (size_t)(scan_to(s + i, s + n, search_js_special) - s);
		if (run > i) {
			buf_add(b, s + i, run - i);
			i = run;
			if (i == n)
				break;
		}
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c < 0x20) {
			search_js_u(b, c);
		} else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
			search_js_u(b, (unsigned char)s[i + 2] == 0xA8 ? 0x2028 : 0x2029);
			i += 2;
		} else if (c == '<') {
			buf_adds(b, "\\u003c");	/* never "</script" */
		} else {
			buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

static void search_js_str(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_adds(b, "null");
	else
		search_js_string(b, s, strlen(s));
}

/* ---- passages ---------------------------------------------------------- */

/* "b,c" of list that are in the div's value; list NULL means all. */
static const char *search_intersect(struct arena *a, const char *list, const char *value)
{
	if (list == NULL)
		return arena_strdup(a, value);
	struct buf b = {0};
	for (const char *s = value; *s;) {
		size_t k = strcspn(s, ",");
		for (const char *t = list; *t;) {
			size_t m = strcspn(t, ",");
			if (m == k && strncmp(s, t, k) == 0) {
				if (b.n)
					buf_addc(&b, ',');
				buf_add(&b, s, k);
				break;
			}
			t += m + (t[m] == ',');
		}
		s += k + (s[k] == ',');
	}
	const char *r = arena_strndup(a, b.p ? b.p : "", b.n);
	buf_free(&b);
	return r;
}

/* Does the list name every value of the axis (and so, everyone)? */
static int search_all(const struct profile_axis *ax, const char *list)
{
	for (size_t i = 0; i < ax->n; i++) {
		size_t n = strlen(ax->v[i].id);
		const char *t = list;
		while (*t) {
			size_t m = strcspn(t, ",");
			if (m == n && strncmp(t, ax->v[i].id, n) == 0)
				break;
			t += m + (t[m] == ',');
		}
		if (*t == '\0')
			return 0;
	}
	return 1;
}

static const char *search_aud_key(struct search_walk *w)
{
	struct buf b = {0};
	for (int a = 0; a < AXIS__COUNT; a++) {
		if (w->axes[a] == NULL || search_all(&w->s->profiles.axis[a], w->axes[a]))
			continue;
		if (b.n)
			buf_addc(&b, '\n');
		buf_addf(&b, "%s=%s", w->s->profiles.axis[a].key, w->axes[a]);
	}
	const char *r = b.n ? arena_strndup(&w->d->arena, b.p, b.n) : NULL;
	buf_free(&b);
	return r;
}

/* Control characters (a code block's newlines) become spaces: a
 * newline ends a passage. */
static void search_add_text(struct search_doc *d, const char *s, size_t n)
{
	buf_grow(&d->text, n);
	char *out = d->text.p + d->text.n;
	size_t i = 0;
	while (i < n) {
		/* eight bytes at once where none is a control character or
		 * the lead of a four-byte one, and the limit is not near */
		if (i + 8 <= n && d->text.n + i + 8 <= SEARCH_MAX_TEXT) {
			const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
			uint64_t w, del;
			memcpy(&w, s + i, 8);
			del = w ^ ones * 0x7F;
			uint64_t bad = ((w - ones * 0x20) & ~w & highs) |	/* < 0x20 */
				       ((del - ones) & ~del & highs) |	/* 0x7F */
				       (w & (w << 1) & (w << 2) & (w << 3) & highs);	/* >= 0xF0 */
			if (bad == 0) {
				memcpy(out + i, &w, 8);
				d->utf16 += 8 - utf8_conts8(w);
				i += 8;
				continue;
			}
		}
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) != 0x80) {	/* at a character's start */
			if (d->text.n + i >= SEARCH_MAX_TEXT)
				break;
			d->utf16 += c >= 0xF0 ? 2 : 1;
		}
		out[i] = c < 0x20 || c == 0x7F ? ' ' : (char)c;
		i++;
	}
	d->text.n += i;
	d->text.p[d->text.n] = '\0';
}

static void search_passage(struct search_walk *w, int field, const char *s, size_t n)
{
	struct search_doc *d = w->d;
	while (n && (s[0] == ' ' || s[0] == '\t'))
		s++, n--;
	if (n == 0 || d->text.n >= SEARCH_MAX_TEXT)
		return;
	if (d->text.n) {
		buf_addc(&d->text, '\n');
		d->utf16++;
	}
	if (d->nps == d->capps) {
		d->capps = d->capps ? d->capps * 2 : 16;
		d->ps = xrealloc(d->ps, d->capps * sizeof *d->ps);
	}
	d->ps[d->nps++] = (struct search_passage){d->text.n, field, search_aud_key(w), 0};
	search_add_text(d, s, n);
}

static void search_node_passage(struct search_walk *w, const struct doc_node *n, int field)
{
	if (n->type == DOC_CODEBLOCK) {	/* its text as it is */
		search_passage(w, field, n->u.text.s, n->u.text.len);
		return;
	}
	struct buf *b = &w->text;
	buf_reset(b);
	if (n->type == DOC_TABLE_ROW) {
		for (const struct doc_node *c = n->first; c; c = c->next) {
			if (b->n)
				buf_addc(b, ' ');
			doc_text(c, b);
		}
	} else {
		doc_text(n, b);
	}
	search_passage(w, field, b->p ? b->p : "", b->n);
}

static void search_walk(struct search_walk *w, const struct doc_node *n);

/* The footnotes of a paragraph or row, after it (its text leaves them out). */
static void search_notes(struct search_walk *w, const struct doc_node *n)
{
	for (const struct doc_node *c = n->first; c; c = doc_walk_next((struct doc_node *)c, n))
		if (c->type == DOC_NOTE)
			search_walk(w, c);
}

/* A tailored block narrows the audience of what is in it. */
static void search_div(struct search_walk *w, const struct doc_node *n)
{
	const char *saved[AXIS__COUNT];
	memcpy(saved, w->axes, sizeof saved);
	for (const struct doc_attr *at = n->u.div.attrs; at; at = at->next)
		for (int a = 0; a < AXIS__COUNT; a++)
			if (w->s->profiles.axis[a].key && strcmp(at->key, w->s->profiles.axis[a].key) == 0)
				w->axes[a] = search_intersect(&w->d->arena, w->axes[a], at->value);
	if (n->type == DOC_CALLOUT && n->u.div.title)
		search_node_passage(w, n->u.div.title, FIELD_BODY);
	search_walk(w, n);
	memcpy(w->axes, saved, sizeof saved);
}

static void search_walk(struct search_walk *w, const struct doc_node *n)
{
	for (const struct doc_node *c = n->first; c && w->d->text.n < SEARCH_MAX_TEXT; c = c->next) {
		if (doc_other_format(c, "html"))
			continue;
		switch ((enum doc_type)c->type) {
		case DOC_HEADING:
			if (c->u.heading.id) {
				struct search_doc *d = w->d;
				d->heads = xrealloc(d->heads, (d->nheads + 1) * sizeof *d->heads);
				d->heads[d->nheads++] = (struct search_head){
					d->utf16 + (d->text.n > 0), c->u.heading.id};
			}
			search_node_passage(w, c, FIELD_HEADING);
			break;
		case DOC_PARAGRAPH:
		case DOC_TABLE_ROW:
			search_node_passage(w, c, FIELD_BODY);
			search_notes(w, c);
			break;
		case DOC_CODEBLOCK:
			/* charts, computed tables and checklists are data, not text */
			if (blocks_kind(c->u.text.info ? c->u.text.info : "") < 0)
				search_node_passage(w, c, FIELD_BODY);
			break;
		case DOC_HTMLBLOCK:
			search_walk(w, c);	/* what it means without its tags */
			break;
		case DOC_DIV:
		case DOC_CALLOUT:
			search_div(w, c);
			break;
		default:
			search_walk(w, c);
			break;
		}
	}
}

/* The page's front matter (sizes:, industries:) is where its audience
 * starts. */
static void search_page_audience(struct search_walk *w, const struct page *p)
{
	for (int a = 0; a < AXIS__COUNT; a++) {
		const char *plural = w->s->profiles.axis[a].plural;
		struct meta *m = plural ? meta_get(p->fm, plural) : NULL;
		if (m == NULL || m->type != META_LIST || m->u.c.n == 0)
			continue;
		struct buf b = {0};
		for (size_t i = 0; i < m->u.c.n; i++) {
			const char *id = meta_str(m->u.c.items[i]);
			if (id == NULL)
				continue;
			if (b.n)
				buf_addc(&b, ',');
			buf_adds(&b, id);
		}
		w->axes[a] = arena_strndup(&w->d->arena, b.p ? b.p : "", b.n);
		buf_free(&b);
	}
}

struct search_ctx {
	const struct site *s;
	struct search_doc *docs;
	size_t ndocs;
};

static void search_read(size_t i, int worker, void *ctx)
{
	struct search_ctx *sc = ctx;
	struct search_doc *d = &sc->docs[i];
	struct search_walk w = {.d = d, .s = sc->s};
	search_page_audience(&w, d->page);
	d->aud = search_aud_key(&w);
	if (d->page->doc)
		search_walk(&w, d->page->doc->root);
	buf_free(&w.text);
	const char *t = d->text.p ? d->text.p : "";
	uint32_t n = (uint32_t)utf8_count(t, d->text.n);
	d->chars = n;
}

static int search_by_length(const void *a, const void *b)
{
	const struct search_doc *x = a, *y = b;
	if (x->chars != y->chars)
		return x->chars < y->chars ? -1 : 1;
	return strcmp(x->page->source, y->page->source);
}

/* ---- audiences --------------------------------------------------------- */

struct search_auds {
	const char **keys;	/* [0] is NULL: everyone */
	size_t n;
};

static int search_aud_id(struct search_auds *A, const char *key)
{
	if (key == NULL)
		return 0;
	for (size_t i = 1; i < A->n; i++)
		if (strcmp(A->keys[i], key) == 0)
			return (int)i;
	A->keys = xrealloc(A->keys, (A->n + 1) * sizeof *A->keys);
	A->keys[A->n] = key;
	return (int)A->n++;
}

/* {"size":["micro"],"industry":null,"l":"小売業（従業員20名以下）"} */
static void search_aud_json(struct buf *b, const struct site *s, const char *key)
{
	const char *ids[AXIS__COUNT] = {0};
	size_t lens[AXIS__COUNT] = {0};
	for (const char *k = key; *k;) {
		size_t n = strcspn(k, "\n");
		const char *eq = memchr(k, '=', n);
		for (int a = 0; eq && a < AXIS__COUNT; a++)
			if (strlen(s->profiles.axis[a].key) == (size_t)(eq - k) &&
			    strncmp(k, s->profiles.axis[a].key, (size_t)(eq - k)) == 0) {
				ids[a] = eq + 1;
				lens[a] = n - (size_t)(eq + 1 - k);
			}
		k += n + (k[n] == '\n');
	}
	struct buf label[AXIS__COUNT] = {{0}};
	buf_addc(b, '{');
	for (int a = 0; a < AXIS__COUNT; a++) {
		buf_addf(b, "\"%s\":", s->profiles.axis[a].key);
		if (ids[a] == NULL) {
			buf_adds(b, "null,");
			continue;
		}
		buf_addc(b, '[');
		for (const char *v = ids[a]; v < ids[a] + lens[a];) {
			size_t k = strcspn(v, ",\n");
			if (k > (size_t)(ids[a] + lens[a] - v))
				k = (size_t)(ids[a] + lens[a] - v);
			char *id = xstrndup(v, k);
			const struct profile_value *pv = NULL;
			for (size_t i = 0; i < s->profiles.axis[a].n; i++)
				if (strcmp(s->profiles.axis[a].v[i].id, id) == 0)
					pv = &s->profiles.axis[a].v[i];
			if (v != ids[a])
				buf_addc(b, ',');
			search_js_str(b, id);
			if (label[a].n)
				buf_adds(&label[a], "・");
			buf_adds(&label[a], pv ? pv->label : id);
			free(id);
			v += k + (v[k] == ',');
		}
		buf_adds(b, "],");
	}
	/* 医療・福祉（従業員20名以下）: the industry first, as on handouts */
	struct buf l = {0};
	struct buf *in = &label[AXIS_INDUSTRY], *sz = &label[AXIS_SIZE];
	if (in->n && sz->n)
		buf_addf(&l, "%s（%s）", in->p, sz->p);
	else if (in->n || sz->n)
		buf_adds(&l, in->n ? in->p : sz->p);
	else
		buf_adds(&l, "該当なし");	/* conditions no audience meets */
	buf_adds(b, "\"l\":");
	search_js_str(b, l.p);
	buf_addc(b, '}');
	buf_free(&l);
	for (int a = 0; a < AXIS__COUNT; a++)
		buf_free(&label[a]);
}

/* ---- posting lists ----------------------------------------------------- */

/* Numbers are written as digits of a URL-safe base-64 alphabet, five
 * bits a digit, low bits first; a digit of 32 or more says another
 * follows. */
static const char search_digits[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void search_num(struct buf *b, uint32_t v)
{
	while (v >= 32) {
		buf_addc(b, search_digits[32 | (v & 31)]);
		v >>= 5;
	}
	buf_addc(b, search_digits[v]);
}

/* A term of the site's index (its posting list in post), or of one
 * page's (its part of that list: the first number's low bits in head,
 * the rest at tail in the page's tails). */
struct search_term {
	char *s;
	size_t n;
	uint32_t hash;
	uint32_t lastpage;	/* +1; 0: none yet */
	uint64_t birth;		/* the site's: first page << 32 | index there */
	uint32_t seen;		/* search_group: the page being grouped, +1 */
	uint32_t group;		/* search_group: its group in that page */
	uint32_t head;		/* a page's: fields << 3 | tailored << 2 | count */
	size_t tail, tailn;	/* a page's: where the rest is in tails */
	struct buf post;
};

struct search_occ {
	uint32_t term;		/* index in the term table */
	uint32_t pos;
	uint8_t field;
	uint32_t aud;
};

struct search_index {
	struct search_term *terms;
	size_t nterms, capterms;
	size_t cap;		/* slots of the hash table, a power of two */
	uint32_t *slots;	/* term index + 1, or 0 */
	struct search_occ *occ;	/* the current page's terms */
	size_t nocc, capocc;
	struct search_occ *sorted;	/* search_group's result (capocc) */
	size_t *groups;		/* search_group: where each group starts (capocc + 1) */
	struct arena *strings;	/* a page's index: the terms' text */
	struct buf tails;	/* a page's index: what follows each term's head */
	/* while scanning one page */
	struct search_doc *d;
	int field;
	size_t passage;		/* the passage of the last term */
};

/* FNV-1a over the UTF-8 bytes: js/search.js hashes the same way. */
static uint32_t search_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static void search_grow(struct search_index *x)
{
	size_t cap = x->cap ? x->cap * 2 : 4096;
	uint32_t *slots = xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < x->nterms; i++) {
		size_t k = x->terms[i].hash & (cap - 1);
		while (slots[k])
			k = (k + 1) & (cap - 1);
		slots[k] = (uint32_t)i + 1;
	}
	free(x->slots);
	x->slots = slots;
	x->cap = cap;
}

static uint32_t search_term_id_hashed(struct search_index *x, const char *s, size_t n,
				      uint32_t h)
{
	if ((x->nterms + 1) * 2 > x->cap)
		search_grow(x);
	size_t k = h & (x->cap - 1);
	for (; x->slots[k]; k = (k + 1) & (x->cap - 1)) {
		struct search_term *t = &x->terms[x->slots[k] - 1];
		if (t->hash == h && t->n == n && memcmp(t->s, s, n) == 0)
			return x->slots[k] - 1;
	}
	if (x->nterms == x->capterms) {
		x->capterms = x->capterms ? x->capterms * 2 : 256;
		x->terms = xrealloc(x->terms, x->capterms * sizeof *x->terms);
	}
	char *copy = x->strings ? arena_strndup(x->strings, s, n) : xstrndup(s, n);
	x->terms[x->nterms] = (struct search_term){.s = copy, .n = n, .hash = h};
	x->slots[k] = (uint32_t)x->nterms + 1;
	return (uint32_t)x->nterms++;
}

static uint32_t search_term_id(struct search_index *x, const char *s, size_t n)
{
	return search_term_id_hashed(x, s, n, search_hash(s, n));
}

static void search_occ(const char *term, size_t n, uint32_t pos, size_t at, void *ctx)
{
	struct search_index *x = ctx;
	struct search_doc *d = x->d;
	int field = x->field, aud = 0;
	if (field != FIELD_TITLE && d->nps) {
		/* the last passage starting at or before at: terms come in
		 * order, so the last one's passage or one after it */
		size_t lo = x->passage;
		if (d->ps[lo].start <= at) {
			while (lo + 1 < d->nps && d->ps[lo + 1].start <= at)
				lo++;
		} else {
			size_t hi = d->nps;
			for (lo = 0; hi - lo > 1;) {
				size_t mid = (lo + hi) / 2;
				if (d->ps[mid].start <= at)
					lo = mid;
				else
					hi = mid;
			}
		}
		x->passage = lo;
		field = d->ps[lo].field;
		aud = d->ps[lo].audid;
	} else if (field == FIELD_TITLE) {
		aud = d->audid;
	}
	if (x->nocc == x->capocc) {
		x->capocc = x->capocc ? x->capocc * 2 : 1024;
		x->occ = xrealloc(x->occ, x->capocc * sizeof *x->occ);
		x->sorted = xrealloc(x->sorted, x->capocc * sizeof *x->sorted);
		x->groups = xrealloc(x->groups, (x->capocc + 1) * sizeof *x->groups);
	}
	x->occ[x->nocc++] = (struct search_occ){search_term_id(x, term, n), pos,
						(uint8_t)field, (uint32_t)aud};
}

/* Title positions first (they count from the title's start), then the
 * text's, in order. */
static int search_occ_cmp(const void *a, const void *b)
{
	const struct search_occ *x = a, *y = b;
	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	int tx = x->field == FIELD_TITLE, ty = y->field == FIELD_TITLE;
	if (tx != ty)
		return tx ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* One page's part of each of its terms' lists (pages are listed in
 * order, most terms are in a page a few times and only in its text):
 *   first: the page's number (the first page) or its distance from the
 *     previous one << 4 | fields << 3 | tailored << 2 | min(count - 1, 3),
 *   then count - 4 if the count is 4 or more;
 *   per position: its distance from the previous one, << 2 | field
 *     (0 text, 1 heading, 2 title) if fields is set (the term is in the
 *     page's title or a heading), and then, if tailored, the passage's
 *     audience (0: everyone).
 * Title positions come first and count from the title's start. */
/* The page's occurrences one term after another, each term's in the
 * order of search_occ_cmp; what a stable sort by search_occ_cmp gives
 * but for the order of the terms, which does not matter (each writes
 * its own list). Counting by term and inserting is linear where a sort
 * was most of the index's time: the scan gives each term's positions in
 * order already, titles first. Returns the number of groups. */
static size_t search_group(struct search_index *x, uint32_t page)
{
	size_t ngroups = 0, *start = x->groups;
	for (size_t i = 0; i < x->nocc; i++) {
		struct search_term *t = &x->terms[x->occ[i].term];
		if (t->seen != page + 1) {
			t->seen = page + 1;
			t->group = (uint32_t)ngroups;
			start[ngroups++] = 0;
		}
		start[t->group]++;
	}
	size_t at = 0;
	for (size_t g = 0; g < ngroups; g++) {
		size_t n = start[g];
		start[g] = at;
		at += n;
	}
	for (size_t i = 0; i < x->nocc; i++)
		x->sorted[start[x->terms[x->occ[i].term].group]++] = x->occ[i];
	for (size_t g = ngroups; g > 0; g--)	/* back to where each starts */
		start[g] = start[g - 1];
	start[0] = 0;
	for (size_t g = 0; g < ngroups; g++)	/* insertion: stable, and linear when in order */
		for (size_t i = start[g] + 1; i < start[g + 1]; i++) {
			struct search_occ o = x->sorted[i];
			size_t k = i;
			for (; k > start[g] && search_occ_cmp(&x->sorted[k - 1], &o) > 0; k--)
				x->sorted[k] = x->sorted[k - 1];
			x->sorted[k] = o;
		}
	struct search_occ *tmp = x->occ;	/* the grouped ones become occ */
	x->occ = x->sorted;
	x->sorted = tmp;
	return ngroups;
}

/* The page's part of each term's list, in the page's own index: the
 * first number's low bits in head, the rest in tails (search_merge
 * adds the page's distance from the previous one). */
static void search_post(struct search_index *x)
{
	if (x->nocc)
		search_group(x, 0);
	for (size_t i = 0; i < x->nocc;) {
		size_t j = i;
		int tailored = 0, fields = 0;
		for (; j < x->nocc && x->occ[j].term == x->occ[i].term; j++) {
			tailored |= x->occ[j].aud != 0;
			fields |= x->occ[j].field != FIELD_BODY;
		}
		struct search_term *t = &x->terms[x->occ[i].term];
		uint32_t count = (uint32_t)(j - i);
		t->head = (uint32_t)fields << 3 | (uint32_t)tailored << 2 | (count >= 4 ? 3 : count - 1);
		t->tail = x->tails.n;
		if (count >= 4)
			search_num(&x->tails, count - 4);
		uint32_t last = 0;
		int wastitle = 1;
		for (size_t k = i; k < j; k++) {
			const struct search_occ *o = &x->occ[k];
			if (wastitle && o->field != FIELD_TITLE)
				last = 0, wastitle = 0;
			uint32_t d = o->pos - last;
			search_num(&x->tails, fields ? d << 2 | o->field : d);
			last = o->pos;
			if (tailored)
				search_num(&x->tails, o->aud);
		}
		t->tailn = x->tails.n - t->tail;
		i = j;
	}
	x->nocc = 0;
}

/* A page's own index of its terms (in the order they first occur, the
 * order in which the site's index numbers the new ones). */
static void search_index_page(struct search_index *x, struct search_doc *d)
{
	x->d = d;
	x->field = FIELD_TITLE;
	const char *title = d->page->title ? d->page->title : "";
	searchterm_scan(title, strlen(title), search_occ, x);
	x->field = FIELD_BODY;
	searchterm_scan(d->text.p ? d->text.p : "", d->text.n, search_occ, x);
	search_post(x);
}

/* The part of the site's index a term is in (see search_merge_part). */
static uint32_t search_part_of(uint32_t hash, uint32_t nparts)
{
	return (hash >> 20) % nparts;
}

/* Adds page id's index to the site's part part of nparts, pages in
 * order. */
static void search_merge(struct search_index *x, const struct search_index *page, uint32_t id,
			 uint32_t part, uint32_t nparts)
{
	for (size_t i = 0; i < page->nterms; i++) {
		const struct search_term *pt = &page->terms[i];
		if (search_part_of(pt->hash, nparts) != part)
			continue;
		size_t before = x->nterms;
		uint32_t k = search_term_id_hashed(x, pt->s, pt->n, pt->hash);	/* may move terms */
		struct search_term *t = &x->terms[k];
		if (x->nterms > before)
			t->birth = (uint64_t)id << 32 | i;
		uint32_t delta = t->lastpage ? id - (t->lastpage - 1) : id;
		t->lastpage = id + 1;
		search_num(&t->post, delta << 4 | pt->head);
		if (pt->tailn)
			buf_add(&t->post, page->tails.p + pt->tail, pt->tailn);
	}
}

static void search_index_free(struct search_index *x)
{
	for (size_t i = 0; !x->strings && i < x->nterms; i++)
		free(x->terms[i].s);
	for (size_t i = 0; i < x->nterms; i++)
		buf_free(&x->terms[i].post);
	free(x->terms);
	free(x->slots);
	free(x->occ);
	free(x->sorted);
	free(x->groups);
	buf_free(&x->tails);
	if (x->strings)
		arena_free(x->strings);
	free(x->strings);
}

/* ---- files ------------------------------------------------------------- */

static int search_file(const char *sitedir, const char *name, const struct buf *b)
{
	char *path = fs_join(sitedir, name);
	int r = fs_write(path, b->p ? b->p : "", b->n);
	if (r < 0 && fs_report(errno))
		diag_error(NULL, 0, 0, "cannot write site/%s: %s", name, fs_strerror(errno));
	free(path);
	return r;
}

/* tebikiSearch.page(N,{"t":…,"u":…,"s":…,"x":…,"h":[[at,"id"],…]}); */
static int search_write_page(const char *sitedir, const struct search_doc *d)
{
	struct buf b = {0};
	buf_addf(&b, "tebikiSearch.page(%u,{\"t\":", d->id);
	search_js_str(&b, d->page->title ? d->page->title : "");
	buf_adds(&b, ",\"u\":");
	search_js_str(&b, d->page->url);
	buf_adds(&b, ",\"s\":");
	search_js_str(&b, d->section);
	buf_adds(&b, ",\"x\":");
	search_js_string(&b, d->text.p ? d->text.p : "", d->text.n);
	buf_adds(&b, ",\"h\":[");
	for (size_t i = 0; i < d->nheads; i++) {
		buf_addf(&b, "%s[%zu,", i ? "," : "", d->heads[i].at);
		search_js_str(&b, d->heads[i].id);
		buf_addc(&b, ']');
	}
	buf_adds(&b, "]});\n");
	char name[64];
	snprintf(name, sizeof name, "search/p/%u.js", d->id);
	int r = search_file(sitedir, name, &b);
	buf_free(&b);
	return r;
}

/* The site's index is in nparts parts, each holding its terms in the
 * order pages first have them (birth); the shards list the terms of all
 * parts in that order, as one index would. */
static int search_write_shards(const char *sitedir, struct search_index *part, uint32_t nparts)
{
	size_t total = 0, nterms = 0;
	for (uint32_t p = 0; p < nparts; p++)
		for (size_t i = 0; i < part[p].nterms; i++, nterms++)
			total += part[p].terms[i].post.n + part[p].terms[i].n + 6;
	uint32_t nshards = 1;
	while (nshards < SEARCH_MAX_SHARDS && total / nshards > SEARCH_SHARD_BYTES)
		nshards *= 2;
	struct buf *shards = xcalloc(nshards, sizeof *shards);
	size_t *next = xcalloc(nparts, sizeof *next);
	for (size_t n = 0; n < nterms; n++) {
		struct search_term *t = NULL;
		uint32_t from = 0;
		for (uint32_t p = 0; p < nparts; p++) {
			struct search_term *c = next[p] < part[p].nterms ? &part[p].terms[next[p]] : NULL;
			if (c && (t == NULL || c->birth < t->birth))
				t = c, from = p;
		}
		next[from]++;
		struct buf *b = &shards[t->hash & (nshards - 1)];
		buf_addc(b, b->n ? ',' : '{');
		search_js_string(b, t->s, t->n);
		buf_addc(b, ':');
		buf_addc(b, '"');
		buf_add(b, t->post.p, t->post.n);
		buf_addc(b, '"');
	}
	int r = 0;
	for (uint32_t i = 0; i < nshards; i++) {
		struct buf out = {0};
		buf_addf(&out, "tebikiSearch.shard(%u,", i);
		if (shards[i].n)
			buf_add(&out, shards[i].p, shards[i].n);
		else
			buf_addc(&out, '{');
		buf_adds(&out, "});\n");
		char name[64];
		snprintf(name, sizeof name, "search/s/%u.js", i);
		if (search_file(sitedir, name, &out) < 0)
			r = -1;
		buf_free(&out);
		buf_free(&shards[i]);
	}
	free(shards);
	free(next);
	return r < 0 ? -1 : (int)nshards;
}

static int search_write_meta(const char *sitedir, const struct site *s, size_t npages,
			     int nshards, const struct search_auds *A)
{
	struct buf b = {0};
	buf_addf(&b, "/* tebiki search index: generated, do not edit */\n"
		 "tebikiSearch.meta({\"v\":1,\"pages\":%zu,\"shards\":%d,\"aud\":[null",
		 npages, nshards);
	for (size_t i = 1; i < A->n; i++) {
		buf_addc(&b, ',');
		search_aud_json(&b, s, A->keys[i]);
	}
	buf_adds(&b, "]});\n");
	int r = search_file(sitedir, "search/meta.js", &b);
	buf_free(&b);
	return r;
}

#define SEARCH_BATCH 256

/* What a page's index needs only while its page is cut into terms
 * (the hash table, the occurrences): one per worker, kept from page to
 * page. Fresh for each page, their growing and first touch of new
 * memory were a third of the scan's time. */
struct search_scratch {
	uint32_t *slots;
	size_t cap;
	struct search_occ *occ, *sorted;
	size_t *groups;
	size_t capocc;
	size_t lastterms;	/* of the worker's last page */
};

struct search_batch {
	struct search_ctx *sc;
	const char *sitedir;
	size_t first, n;		/* the batch's pages */
	struct search_index *ix;	/* each page's own index */
	struct search_scratch *scratch;	/* per worker */
	struct search_index *part;	/* the site's index, in parts */
	uint32_t nparts;
};

static void search_scan(size_t i, int worker, void *ctx)
{
	struct search_batch *sb = ctx;
	struct search_doc *d = &sb->sc->docs[sb->first + i];
	struct search_index *x = &sb->ix[i];
	struct search_scratch *w = &sb->scratch[worker];
	search_index_free(x);	/* the last batch's, merged */
	memset(x, 0, sizeof *x);
	x->strings = xcalloc(1, sizeof *x->strings);
	if (w->slots)
		memset(w->slots, 0, w->cap * sizeof *w->slots);
	x->slots = w->slots, x->cap = w->cap;
	x->occ = w->occ, x->sorted = w->sorted, x->groups = w->groups, x->capocc = w->capocc;
	/* room for about as many terms as the last page had (pages come
	 * shortest first): growing by doubling from nothing copied the
	 * table three times a page; what is left over is given back */
	x->capterms = w->lastterms + w->lastterms / 4 + 64;
	x->terms = xmalloc(x->capterms * sizeof *x->terms);
	search_index_page(x, d);
	if (x->nterms < x->capterms) {
		x->capterms = x->nterms ? x->nterms : 1;
		x->terms = xrealloc(x->terms, x->capterms * sizeof *x->terms);
	}
	*w = (struct search_scratch){x->slots, x->cap, x->occ, x->sorted, x->groups, x->capocc,
				     x->nterms};
	x->slots = NULL, x->occ = x->sorted = NULL, x->groups = NULL;
	if (search_write_page(sb->sitedir, d) < 0)
		d->failed = 1;
}

/* Part p of the site's index takes its terms from each page of the
 * batch: the parts merge on every core at once, and each is what one
 * index of the whole site would hold of its terms, in the same order
 * (so the files do not depend on the number of parts). */
static void search_merge_part(size_t p, int worker, void *ctx)
{
	struct search_batch *sb = ctx;
	for (size_t i = 0; i < sb->n; i++)
		search_merge(&sb->part[p], &sb->ix[i], sb->sc->docs[sb->first + i].id, (uint32_t)p,
			     sb->nparts);
}

int search_write(const struct site *s, const char *sitedir)
{
	struct search_ctx sc = {.s = s};
	sc.ndocs = s->nlisted;
	sc.docs = xcalloc(sc.ndocs ? sc.ndocs : 1, sizeof *sc.docs);
	for (size_t i = 0; i < s->nlisted; i++) {
		const struct page *p = s->listed[i];
		sc.docs[i] = (struct search_doc){.page = p, .section = p->sec ? p->sec->title : ""};
	}
	pool_run(s->jobs > 0 ? s->jobs : 1, sc.ndocs, search_read, &sc);
	if (sc.ndocs)
		qsort(sc.docs, sc.ndocs, sizeof *sc.docs, search_by_length);

	struct search_auds A = {.keys = xcalloc(1, sizeof *A.keys), .n = 1};
	for (size_t i = 0; i < sc.ndocs; i++) {
		struct search_doc *d = &sc.docs[i];
		d->id = (uint32_t)i;
		d->audid = search_aud_id(&A, d->aud);
		for (size_t p = 0; p < d->nps; p++)
			d->ps[p].audid = search_aud_id(&A, d->ps[p].aud);
	}
	/* The pages are cut into terms in parallel, a batch at a time (a
	 * page's own index is bigger than its part of the site's), and
	 * merged in order, each part of the site's index on its own core. */
	int jobs = s->jobs > 0 ? s->jobs : 1;
	/* every part reads every page's terms: no more parts than cores */
	int nparts = jobs < pool_cores() ? jobs : pool_cores();
	struct search_batch sb = {.sc = &sc, .sitedir = sitedir, .nparts = (uint32_t)nparts};
	sb.ix = xcalloc(SEARCH_BATCH, sizeof *sb.ix);
	sb.scratch = xcalloc((size_t)jobs, sizeof *sb.scratch);
	sb.part = xcalloc(sb.nparts, sizeof *sb.part);
	int r = 0;
	for (sb.first = 0; sb.first < sc.ndocs; sb.first += SEARCH_BATCH) {
		size_t n = sc.ndocs - sb.first < SEARCH_BATCH ? sc.ndocs - sb.first : SEARCH_BATCH;
		sb.n = n;
		pool_run(jobs, n, search_scan, &sb);
		pool_run(nparts, sb.nparts, search_merge_part, &sb);
		for (size_t i = 0; i < n; i++)
			if (sc.docs[sb.first + i].failed)
				r = -1;
	}
	for (size_t i = 0; i < SEARCH_BATCH; i++)
		search_index_free(&sb.ix[i]);
	free(sb.ix);
	for (int i = 0; i < jobs; i++) {
		free(sb.scratch[i].slots);
		free(sb.scratch[i].occ);
		free(sb.scratch[i].sorted);
		free(sb.scratch[i].groups);
	}
	free(sb.scratch);
	int nshards = search_write_shards(sitedir, sb.part, sb.nparts);
	if (nshards < 0 || search_write_meta(sitedir, s, sc.ndocs, nshards, &A) < 0)
		r = -1;

	for (uint32_t p = 0; p < sb.nparts; p++)
		search_index_free(&sb.part[p]);
	free(sb.part);
	free(A.keys);
	for (size_t i = 0; i < sc.ndocs; i++) {
		buf_free(&sc.docs[i].text);
		free(sc.docs[i].ps);
		free(sc.docs[i].heads);
		arena_free(&sc.docs[i].arena);
	}
	free(sc.docs);
	return r;
}
