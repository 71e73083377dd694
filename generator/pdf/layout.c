/* layout: a vertical list of items, each a box of drawing operations
 * (a line, a table row, an image) or glue (gaps, frame edges, marks),
 * cut into pages by first fit. An item's keep flag forbids a page
 * break after it: the first and the second-to-last line of a
 * paragraph (no orphans, no widows), heading lines and what follows
 * them up to the next box, a table's header row, its first body row
 * and its second-to-last. */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "draw.h"
#include "../render/linebreak.h"
#include "fit.h"
#include "font.h"
#include "gap.h"
#include "style.h"

#define EPS 1e-6
#define GETA 0x3013		/* 〓: what a missing character is drawn as */

enum vkind { V_BOX, V_GAP, V_GAPTO, V_BREAK, V_OPEN, V_CLOSE, V_DEST, V_CHAPTER };

struct vitem {
	uint8_t kind;
	uint8_t keep;		/* no page break after this item */
	uint8_t header;		/* V_BOX: a table's header row */
	uint16_t nnote;		/* V_BOX: how many footnotes it refers to, */
	int note;		/* … the first of them */
	int ref;		/* V_BOX: table + 1 or 0; V_OPEN: frame;
				 * V_DEST: dest; V_CHAPTER: chapter */
	double h;		/* V_GAPTO: the target y */
	size_t op0, op1;	/* V_BOX: its operations in staging */
};

struct lay_target {
	int dest;
	const char *uri;
};

/* A footnote: its lines (and the gaps between its paragraphs) are
 * items of their own list, set at the foot of the page whose line
 * refers to it. */
struct lay_note {
	size_t i0, i1;		/* its items in notes_items */
	double h;
};

/* A reference to a footnote from character pos of the pending text. */
struct lay_ref {
	size_t pos;
	int note;
};

struct lay_cell {
	size_t c0, c1;		/* its text in tcps/tsty */
	struct lay_para p;
	int note, nnote;	/* the footnotes it refers to */
};

struct lay_row {
	int header;
	size_t cell0, ncells;
};

struct lay_table {
	int ncols;
	uint8_t *align;
	double left, right;
	struct lay_row *rows;
	size_t nrows;
	size_t header_item;	/* the header row's item, or (size_t)-1 */
};

/* Characters with their styles: the pending paragraph, or the text
 * of a table's cells. */
struct lay_text {
	uint32_t *cps;
	int *sty;
	int *rb;		/* the ruby whose base it is (lay_ruby), or -1 */
	size_t n, cap;
};

/* A reading, over the characters whose rb is its index. */
struct lay_ruby {
	const char *rt;		/* in the document's arena */
	int el;			/* its RT element */
	int rb;			/* … and its RB */
	size_t from;		/* its base: from this character of the text */
};

struct lay {
	struct draw_doc *d;
	const struct pdf_style *st;
	struct font *const *fonts;
	double area_x, area_y, area_w, area_h;
	struct lay_style *styles;
	size_t nstyles;
	int *hash;		/* open addressing over styles */
	size_t hashcap;
	struct lay_target *links;
	size_t nlinks;
	struct lay_text text;	/* the pending paragraph */
	struct draw_list staging;
	struct vitem *items;
	size_t nitems, capitems;
	struct lay_frame *frames;
	size_t nframes;
	int keep_next;
	struct lay_table *tables;
	size_t ntables;
	int table;		/* building table - 1, or -1 */
	struct lay_text ttext;
	struct lay_cell *cells;
	size_t ncells;
	int *open;		/* structure elements open, innermost last */
	size_t nopen, capopen;
	int cache_in, cache_el, cache_out;	/* lay_in_elem's last answer */
	struct fit_char *fc;	/* scratch */
	double *x;
	float *pad;		/* … a ruby's base spread by this much */
	uint8_t *oh;		/* … the reading may overhang: 1 before, 2 after */
	const int *rb;		/* the ruby ids of the text measured last */
	size_t scratch;
	struct lay_ruby *rubies;
	size_t nrubies;
	int ruby_open;		/* the base being added belongs to it, or -1 */
	struct lay_note *notes;
	size_t nnotes;
	struct lay_ref *refs;	/* of the pending text */
	size_t nrefs;
	/* while a note is laid out its items take the place of the flow's */
	struct vitem *note_items;
	size_t nnote_items, capnote_items;
	int in_note, flow_keep;
};

struct lay *lay_new(struct draw_doc *d, const struct pdf_style *st,
		    struct font *const *fonts)
{
	struct lay *L = xcalloc(1, sizeof *L);
	L->d = d;
	L->st = st;
	L->fonts = fonts;
	L->area_x = st->margin_left;
	L->area_y = st->margin_top;
	L->area_w = style_measure(st);
	L->area_h = style_body_height(st);
	L->table = -1;
	L->in_note = -1;
	L->cache_in = -1;
	L->ruby_open = -1;
	lay_style(L, &(struct lay_style){.size = (float)st->size, .color = st->text, .link = -1});
	d->page_w = st->page_w;
	d->page_h = st->page_h;
	return L;
}

void lay_free(struct lay *L)
{
	if (L == NULL)
		return;
	free(L->styles);
	free(L->hash);
	free(L->links);
	free(L->text.cps);
	free(L->text.sty);
	free(L->text.rb);
	free(L->ttext.cps);
	free(L->ttext.sty);
	free(L->ttext.rb);
	free(L->rubies);
	free(L->pad);
	free(L->oh);
	draw_free_list(&L->staging);
	free(L->items);
	free(L->frames);
	for (size_t i = 0; i < L->ntables; i++) {
		free(L->tables[i].align);
		free(L->tables[i].rows);
	}
	free(L->tables);
	free(L->cells);
	free(L->open);
	free(L->fc);
	free(L->x);
	free(L->notes);
	free(L->refs);
	free(L->note_items);
	free(L);
}

double lay_measure(const struct lay *L)
{
	return L->area_w;
}

/* --- styles and links ------------------------------------------------ */

static int lay_style_eq(const struct lay_style *a, const struct lay_style *b)
{
	return a->face == b->face && a->flags == b->flags && a->size == b->size &&
	       a->color == b->color && a->link == b->link && a->el == b->el;
}

static size_t lay_style_hash(const struct lay_style *s)
{
	uint32_t size;
	memcpy(&size, &s->size, sizeof size);
	uint64_t h = s->face * 31u + s->flags;
	h = h * 1000003u ^ size;
	h = h * 1000003u ^ s->color;
	h = h * 1000003u ^ (uint32_t)s->link;
	h = h * 1000003u ^ (uint32_t)s->el;
	return (size_t)(h ^ (h >> 29));
}

static void lay_rehash(struct lay *L)
{
	free(L->hash);
	L->hashcap = L->hashcap ? L->hashcap * 2 : 64;
	L->hash = xmalloc(L->hashcap * sizeof *L->hash);
	for (size_t i = 0; i < L->hashcap; i++)
		L->hash[i] = -1;
	for (size_t i = 0; i < L->nstyles; i++) {
		size_t h = lay_style_hash(&L->styles[i]) & (L->hashcap - 1);
		while (L->hash[h] >= 0)
			h = (h + 1) & (L->hashcap - 1);
		L->hash[h] = (int)i;
	}
}

int lay_style(struct lay *L, const struct lay_style *s)
{
	if (L->nstyles * 2 >= L->hashcap)
		lay_rehash(L);
	size_t h = lay_style_hash(s) & (L->hashcap - 1);
	for (; L->hash[h] >= 0; h = (h + 1) & (L->hashcap - 1))
		if (lay_style_eq(&L->styles[L->hash[h]], s))
			return L->hash[h];
	L->styles = xrealloc(L->styles, (L->nstyles + 1) * sizeof *L->styles);
	L->styles[L->nstyles] = *s;
	L->hash[h] = (int)L->nstyles;
	return (int)L->nstyles++;
}

int lay_link(struct lay *L, int dest, const char *uri)
{
	L->links = xrealloc(L->links, (L->nlinks + 1) * sizeof *L->links);
	L->links[L->nlinks].dest = dest;
	L->links[L->nlinks].uri = uri ? arena_strdup(&L->d->arena, uri) : NULL;
	return (int)L->nlinks++;
}

/* --- structure ---------------------------------------------------------- */

void lay_enter(struct lay *L, int elem)
{
	if (L->nopen == L->capopen) {
		L->capopen = L->capopen ? L->capopen * 2 : 16;
		L->open = xrealloc(L->open, L->capopen * sizeof *L->open);
	}
	L->open[L->nopen++] = elem;
}

int lay_open(struct lay *L, int role)
{
	int elem = draw_elem(L->d, L->nopen ? L->open[L->nopen - 1] : -1, role);
	lay_enter(L, elem);
	return elem;
}

void lay_close(struct lay *L)
{
	if (L->nopen)
		L->nopen--;
}

int lay_current(const struct lay *L)
{
	return L->nopen ? L->open[L->nopen - 1] : DRAW_ELEM_ARTIFACT;
}

/* The style as content of the open element. */
static int lay_in_elem(struct lay *L, int style)
{
	int el = lay_current(L);
	if (L->styles[style].el == el)
		return style;
	if (style == L->cache_in && el == L->cache_el)
		return L->cache_out;
	struct lay_style s = L->styles[style];
	s.el = el;
	L->cache_in = style;
	L->cache_el = el;
	return L->cache_out = lay_style(L, &s);
}

/* The Link element a link's text is in (its text may be in a Code or
 * a Span inside it). */
static int lay_link_elem(const struct lay *L, int el)
{
	for (int e = el; e >= 0 && (size_t)e < L->d->nelems; e = L->d->elems[e].parent)
		if (L->d->elems[e].role == ROLE_LINK)
			return e;
	return el;
}

int lay_has(const struct lay *L, uint32_t cp)
{
	for (int f = 0; f < FACE__ALL; f++)
		if (L->fonts[f] && font_has(L->fonts[f], cp))
			return 1;
	return 0;
}

/* --- text --------------------------------------------------------------- */

static void lay_text_add(struct lay_text *t, uint32_t cp, int style, int rb)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->cps = xrealloc(t->cps, t->cap * sizeof *t->cps);
		t->sty = xrealloc(t->sty, t->cap * sizeof *t->sty);
		t->rb = xrealloc(t->rb, t->cap * sizeof *t->rb);
	}
	t->cps[t->n] = cp;
	t->rb[t->n] = rb;
	t->sty[t->n++] = style;
}

/* The style to draw cp in: the same look in another face when the
 * style's face lacks it (IPAex Mincho has no ① but Gothic may), then
 * in the fallback fonts (DejaVu Sans for ɪ ⊞, Symbola for ⚡ ✅). */
static int lay_fallback(struct lay *L, uint32_t *cp, int style)
{
	const struct lay_style *s = &L->styles[style];
	if (L->fonts[s->face] && font_has(L->fonts[s->face], *cp))
		return style;
	static const uint8_t order[] = {FACE_MINCHO, FACE_GOTHIC, FACE_MONO,
					FACE__COUNT, FACE__COUNT + 1, FACE__COUNT + 2, FACE__COUNT + 3};
	_Static_assert(sizeof order == FACE__ALL, "every face is searched");
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < sizeof order; i++) {
			struct font *f = L->fonts[order[i]];
			if (f && font_has(f, *cp)) {
				struct lay_style alt = *s;
				alt.face = order[i];
				return lay_style(L, &alt);
			}
		}
		*cp = GETA;
	}
	*cp = '?';
	return style;
}

void lay_char(struct lay *L, uint32_t cp, int style)
{
	if (cp < 0x20 && cp != '\n')
		cp = ' ';
	if (cp != '\n')
		style = lay_fallback(L, &cp, style);
	lay_text_add(&L->text, cp, lay_in_elem(L, style), cp == '\n' ? -1 : L->ruby_open);
}

void lay_text(struct lay *L, const char *s, size_t len, int style)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		lay_char(L, cp, style);
		i += k;
	}
}

size_t lay_pending(const struct lay *L)
{
	return L->text.n;
}

int lay_ruby_begin(struct lay *L, const char *rt, size_t len)
{
	if (L->ruby_open >= 0)
		return 0;
	int ruby = lay_open(L, ROLE_RUBY);
	L->rubies = xrealloc(L->rubies, (L->nrubies + 1) * sizeof *L->rubies);
	L->rubies[L->nrubies].rt = arena_strndup(&L->d->arena, rt, len);
	L->rubies[L->nrubies].el = draw_elem(L->d, ruby, ROLE_RT);
	L->rubies[L->nrubies].from = L->text.n;
	L->ruby_open = (int)L->nrubies++;
	L->rubies[L->ruby_open].rb = lay_open(L, ROLE_RB);
	return 1;
}

/* The base reads as its characters (/ActualText): spread, they would
 * read as letters apart. */
void lay_ruby_end(struct lay *L)
{
	const struct lay_ruby *r = &L->rubies[L->ruby_open];
	struct buf b = {0};
	for (size_t i = r->from; i < L->text.n; i++) {
		char u[4];
		buf_add(&b, u, utf8_encode(L->text.cps[i], u));
	}
	buf_addc(&b, '\0');
	draw_elem_set(L->d, r->rb, NULL, b.p, NULL);
	buf_free(&b);
	lay_close(L);	/* RB */
	lay_close(L);	/* Ruby */
	L->ruby_open = -1;
}

int lay_last_char(const struct lay *L)
{
	return L->text.n ? (int)L->text.cps[L->text.n - 1] : -1;
}

void lay_note_ref(struct lay *L, int note)
{
	if (L->text.n == 0 || note < 0 || L->in_note >= 0)
		return;		/* a note inside a note goes with its own text */
	L->refs = xrealloc(L->refs, (L->nrefs + 1) * sizeof *L->refs);
	L->refs[L->nrefs++] = (struct lay_ref){L->text.n - 1, note};
}

static void lay_swap_items(struct lay *L)
{
	struct vitem *it = L->items;
	size_t n = L->nitems, cap = L->capitems;
	L->items = L->note_items;
	L->nitems = L->nnote_items;
	L->capitems = L->capnote_items;
	L->note_items = it;
	L->nnote_items = n;
	L->capnote_items = cap;
}

int lay_note_begin_later(struct lay *L)
{
	L->notes = xrealloc(L->notes, (L->nnotes + 1) * sizeof *L->notes);
	L->notes[L->nnotes] = (struct lay_note){0, 0, 0};
	return (int)L->nnotes++;
}

void lay_note_begin(struct lay *L, int note)
{
	lay_swap_items(L);
	L->notes[note].i0 = L->notes[note].i1 = L->nitems;
	L->in_note = note;
	L->flow_keep = L->keep_next;
	L->keep_next = 0;
}

void lay_note_end(struct lay *L)
{
	struct lay_note *nt = &L->notes[L->in_note];
	nt->i1 = L->nitems;
	for (size_t i = nt->i0; i < nt->i1; i++) {
		L->items[i].keep = 0;	/* a note may go on over a page */
		if (L->items[i].kind == V_BOX || L->items[i].kind == V_GAP)
			nt->h += L->items[i].h;
		else
			L->items[i].kind = V_GAP;	/* frames, marks: nothing in a note */
	}
	lay_swap_items(L);
	L->in_note = -1;
	L->keep_next = L->flow_keep;
}

/* The footnotes referred to from characters [a, b) of the pending
 * text: *first and the count. */
static int lay_refs_in(const struct lay *L, size_t a, size_t b, int *first)
{
	int n = 0;
	for (size_t i = 0; i < L->nrefs; i++) {
		if (L->refs[i].pos < a || L->refs[i].pos >= b)
			continue;
		if (n++ == 0)
			*first = L->refs[i].note;
	}
	return n;
}

/* Indents so deep (lists in lists in quotes …) that less than a
 * quarter of the measure is left stop growing: text must stay inside
 * the text area. */
static void lay_clamp(const struct lay *L, double *left, double *right)
{
	double min = L->area_w / 4;
	if (*right > L->area_w - min)
		*right = L->area_w - min;
	if (*left > L->area_w - *right - min)
		*left = L->area_w - *right - min;
	if (*left < 0)
		*left = 0;
	if (*right < 0)
		*right = 0;
}

/* --- the vertical list ------------------------------------------------- */

static struct vitem *lay_item(struct lay *L, enum vkind kind, double h)
{
	if (L->nitems == L->capitems) {
		L->capitems = L->capitems ? L->capitems * 2 : 256;
		L->items = xrealloc(L->items, L->capitems * sizeof *L->items);
	}
	struct vitem *it = &L->items[L->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = (uint8_t)kind;
	it->h = h;
	if (kind == V_BOX)
		L->keep_next = 0;
	else if (L->keep_next)
		it->keep = 1;
	return it;
}

static struct vitem *lay_box_begin(struct lay *L, double h)
{
	struct vitem *it = lay_item(L, V_BOX, h);
	it->op0 = it->op1 = L->staging.n;
	return it;
}

void lay_gap(struct lay *L, double h)
{
	if (h > 0)
		lay_item(L, V_GAP, h);
}

void lay_gap_to(struct lay *L, double y)
{
	lay_item(L, V_GAPTO, y);
}

void lay_newpage(struct lay *L)
{
	lay_item(L, V_BREAK, 0);
}

void lay_keep(struct lay *L)
{
	if (L->nitems)
		L->items[L->nitems - 1].keep = 1;
}

void lay_dest(struct lay *L, int dest)
{
	lay_item(L, V_DEST, 0)->ref = dest;
	L->items[L->nitems - 1].keep = 1;
}

void lay_chapter(struct lay *L, int chapter)
{
	lay_item(L, V_CHAPTER, 0)->ref = chapter;
	L->items[L->nitems - 1].keep = 1;
}

void lay_rule(struct lay *L, double left, double right, uint32_t color, double width)
{
	struct vitem *it = lay_box_begin(L, width + 2);
	double y = (width + 2) / 2;
	draw_line(&L->staging, L->area_x + left, y, L->area_x + L->area_w - right, y, color,
		  width, DRAW_SOLID);
	it->op1 = L->staging.n;
}

void lay_image(struct lay *L, int image, double left, double w, double h)
{
	struct vitem *it = lay_box_begin(L, h);
	struct draw_op op = {.kind = DRAW_IMAGE, .x = L->area_x + left, .y = 0, .w = w,
			     .h = h, .fill = DRAW_NONE, .stroke = DRAW_NONE, .ref = image,
			     .tag = lay_current(L)};
	draw_push(&L->staging, &op);
	it->op1 = L->staging.n;
}

void lay_drawing(struct lay *L, const struct draw_list *ops, double left, double h)
{
	struct vitem *it = lay_box_begin(L, h);
	draw_append(&L->staging, ops, 0, ops->n, L->area_x + left, 0);
	it->op1 = L->staging.n;
}

void lay_frame_open(struct lay *L, const struct lay_frame *f)
{
	L->frames = xrealloc(L->frames, (L->nframes + 1) * sizeof *L->frames);
	L->frames[L->nframes] = *f;
	lay_clamp(L, &L->frames[L->nframes].left, &L->frames[L->nframes].right);
	struct vitem *it = lay_item(L, V_OPEN, f->pad_top);
	it->ref = (int)L->nframes++;
	it->keep = 1;		/* never an empty frame at a page's foot */
}

void lay_frame_close(struct lay *L)
{
	int depth = 0;
	size_t i = L->nitems;
	while (i-- > 0) {
		if (L->items[i].kind == V_CLOSE)
			depth++;
		else if (L->items[i].kind == V_OPEN && depth-- == 0)
			break;
	}
	if (i == (size_t)-1)
		return;
	int f = L->items[i].ref;
	lay_item(L, V_CLOSE, L->frames[f].pad_bottom)->ref = f;
}

/* --- lines ----------------------------------------------------------------- */

static void lay_scratch(struct lay *L, size_t n)
{
	if (n <= L->scratch)
		return;
	L->scratch = n + 64;
	L->fc = xrealloc(L->fc, L->scratch * sizeof *L->fc);
	L->x = xrealloc(L->x, L->scratch * sizeof *L->x);
	L->pad = xrealloc(L->pad, L->scratch * sizeof *L->pad);
	L->oh = xrealloc(L->oh, L->scratch);
}

static double lay_width(const struct lay *L, uint32_t cp, int style)
{
	const struct lay_style *s = &L->styles[style];
	struct font *f = L->fonts[s->face];
	return f ? font_advance(f, cp) * s->size : s->size;
}

/* The style of a reading over a character of style: half its size,
 * plain, content of the reading's RT element. */
static int lay_ruby_style(struct lay *L, int style, int ruby)
{
	struct lay_style r = L->styles[style];
	r.size /= 2;
	r.flags = 0;
	r.link = -1;
	r.el = L->rubies[ruby].el;
	return lay_style(L, &r);
}

static int lay_opening(uint32_t cp);

/* What a reading may overhang: kana (and ー), and the blank half of
 * punctuation — after 、。」） before the base, before 「（ after it. */
static int lay_kana(uint32_t cp)
{
	return (cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A0 && cp <= 0x30FF);
}

static int lay_overhangs(uint32_t cp, int after)
{
	if (lay_kana(cp))
		return 1;
	if (after)
		return lay_opening(cp);
	return cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF0E || cp == 0x300D ||
	       cp == 0x300F || cp == 0xFF09 || cp == 0x3011 || cp == 0x3009 || cp == 0x300B ||
	       cp == 0x3015;
}

/* The base c[i..j) of one ruby: kept on one line; a reading longer than
 * it overhangs the kana on either side by up to one ruby character
 * (half the base's em) and spreads the base by what is left, each base
 * character taking an equal share with its glyph centred in it (the
 * 1:2:1 of JLReq 3.3.7). */
static void lay_ruby_fit(struct lay *L, const uint32_t *cps, const int *sty, const int *rb,
			 size_t n, size_t i, size_t j)
{
	double base = 0;
	for (size_t k = i; k < j; k++) {
		base += L->fc[k].w;
		if (k + 1 < j)
			L->fc[k].flags |= FIT_NOBREAK;
	}
	double rt = lay_text_width(L, L->rubies[rb[i]].rt, lay_ruby_style(L, sty[i], rb[i]));
	L->oh[i] = (uint8_t)((i > 0 && rb[i - 1] < 0 && lay_overhangs(cps[i - 1], 0) ? 1 : 0) |
			     (j < n && rb[j] < 0 && lay_overhangs(cps[j], 1) ? 2 : 0));
	double excess = rt - base;
	if (excess <= EPS)
		return;
	double one = L->styles[sty[i]].size / 2;
	double oh = fmin(excess / 2, one);
	double spread = excess - ((L->oh[i] & 1) ? oh : 0) - ((L->oh[i] & 2) ? oh : 0);
	for (size_t k = i; k < j; k++) {
		L->pad[k] = (float)(spread / (double)(j - i));
		L->fc[k].w += L->pad[k];
	}
}

static void lay_measure_chars(struct lay *L, const uint32_t *cps, const int *sty,
			      const int *rb, size_t n)
{
	lay_scratch(L, n);
	L->rb = rb;
	for (size_t i = 0; i < n; i++) {
		const struct lay_style *s = &L->styles[sty[i]];
		struct fit_char *f = &L->fc[i];
		f->cp = cps[i];
		f->em = s->size;
		f->w = cps[i] == '\n' ? 0 : (float)lay_width(L, cps[i], sty[i]);
		f->flags = s->flags & LS_CODE ? FIT_CODE : 0;
		f->hy = cps[i] < 0x80 ? (float)lay_width(L, '-', sty[i]) : 0;
		L->pad[i] = 0;
		L->oh[i] = 0;
	}
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		if (rb[i] >= 0) {
			while (j < n && rb[j] == rb[i])
				j++;
			lay_ruby_fit(L, cps, sty, rb, n, i, j);
		}
		i = j;
	}
}

double lay_text_width(const struct lay *L, const char *s, int style)
{
	double w = 0;
	for (size_t i = 0, len = strlen(s); i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			break;
		w += lay_width(L, cp, style);
		i += k;
	}
	return w;
}

/* Where a line's baseline is below its top. */
static double lay_baseline(const struct lay *L, int style, double pitch)
{
	const struct lay_style *s = &L->styles[style];
	struct font *f = L->fonts[s->face];
	double asc = f ? font_ascent(f) : 0.88, desc = f ? font_descent(f) : 0.12;
	return (pitch - (asc + desc) * s->size) / 2 + asc * s->size;
}

static void lay_emit_run(struct lay *L, const uint32_t *cps, int style, size_t n,
			 double x, double y, double space, double after)
{
	char tmp[256];
	struct lay_style *s = &L->styles[style];
	size_t o = 0;
	char *buf = n * 4 <= sizeof tmp ? tmp : xmalloc(n * 4);
	for (size_t i = 0; i < n; i++)
		o += utf8_encode(cps[i], buf + o);
	/* a superscript's size is 0.7 of the text's: raised by a third
	 * of the text's em, a subscript lowered by a sixth */
	if (s->flags & LS_SUP)
		y -= s->size * 0.48;
	else if (s->flags & LS_SUB)
		y += s->size * 0.22;
	draw_text(L->d, &L->staging, x, y, s->face, s->size, s->color, space, buf, o);
	L->staging.ops[L->staging.n - 1].tag = s->el;
	L->staging.ops[L->staging.n - 1].after = after > 0.01 ? (float)after : 0;
	if (buf != tmp)
		free(buf);
}

/* The space after character i of the line (to the next one). */
static double lay_gap_after(const struct lay *L, const struct fit_line *ln, size_t i)
{
	if (i + 1 >= ln->end)
		return 0;
	return L->x[i + 1 - ln->start] - L->x[i - ln->start] - L->fc[i].w;
}

/* A letter or digit of a Latin word or a number, which a run boundary
 * must not split: readers that join runs by position read 2 009. */
static int lay_wordish(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || cp == '.' || cp == ',';
}

/* Text operations for one line: runs of one style and one spacing.
 * A negative space (」。 sharing an em) is the character spacing of
 * the run it ends, not an overlap of two runs: text extraction
 * (poppler) reads overlapping runs as separate lines. A positive gap
 * to the next run (the quarter em between Japanese and Latin) is the
 * run's after: readers see no gap, so no space (2009年); a character
 * spacing wider than readers allow between the letters of a word
 * (a tenth of an em) makes runs of one character. */
static void lay_runs(struct lay *L, const uint32_t *cps, const int *sty,
		     const struct fit_line *ln, double ox, double base)
{
	size_t i = ln->start;
	while (i < ln->end) {
		size_t j = i + 1;
		if (L->pad[i] > 0) {	/* a spread ruby base: centred in its share */
			lay_emit_run(L, cps + i, sty[i], 1,
				     ox + L->x[i - ln->start] + L->pad[i] / 2, base, 0, 0);
			i = j;
			continue;
		}
		double gap = lay_gap_after(L, ln, i);
		while (j < ln->end && sty[j] == sty[i] && !(L->pad[j] > 0) &&
		       (j + 1 == ln->end || fabs(lay_gap_after(L, ln, j) - gap) < 0.001))
			j++;
		if (j < ln->end && sty[j] == sty[i] && !(L->pad[j] > 0) &&
		    !(j + 1 < ln->end && lay_wordish(cps[j]) && lay_wordish(cps[j + 1])))
			j++;	/* its space is the gap to the next run */
		double after = lay_gap_after(L, ln, j - 1);
		if (j - i > 1 && fabs(after - gap) > 0.001 && (after < -0.001 || gap < -0.001))
			j--;	/* ends on a squeezed character, or a squeezed run on
				 * one that is not: that one alone (Ghostscript reads
				 * the pen after a run's spacing, not the glyph's end) */
		if (gap > 0.08 * L->styles[sty[i]].size)
			j = i + 1;	/* gaps readers take for spaces: each a run's after */
		double space = j - i > 1 ? gap : fmin(0, lay_gap_after(L, ln, i));
		/* a gap to the next run; not a squeezed run's overlap, which
		 * readers join already (poppler breaks the line at a glyph
		 * wider than the one after it) */
		double next = lay_gap_after(L, ln, j - 1);
		lay_emit_run(L, cps + i, sty[i], j - i, ox + L->x[i - ln->start], base, space,
			     space > -0.01 && next > 0.01 ? next - space : 0);
		i = j;
	}
}

/* Backgrounds (code shading, a key's box, highlighting), strike-through
 * and link areas of the line: spans of characters sharing the flag or
 * the link. */
#define LS_BACK (LS_CODE | LS_KBD | LS_MARK)

static void lay_background(struct lay *L, const struct lay_style *s, double x0, double x1,
			   double base)
{
	if (s->flags & LS_KBD) {
		double em = s->size / 0.85;	/* the text's size around the key */
		draw_rect(&L->staging, x0 - 1.5, base - em * 0.86, x1 - x0 + 3, em * 1.08,
			  0xF6F6F6, 0x9A9A9A, 0.5);
	} else if (s->flags & LS_MARK) {
		draw_rect(&L->staging, x0, base - s->size * 0.92, x1 - x0, s->size * 1.14,
			  0xFFF0A0, DRAW_NONE, 0);
	} else {
		draw_rect(&L->staging, x0 - 1, base - s->size * 0.9, x1 - x0 + 2, s->size * 1.15,
			  0xEBEBEB, DRAW_NONE, 0);
	}
}

static void lay_decorations(struct lay *L, const int *sty, const struct fit_line *ln,
			    double ox, double top, double base, double pitch, int pass)
{
	for (size_t i = ln->start; i < ln->end;) {
		const struct lay_style *s = &L->styles[sty[i]];
		size_t j = i + 1;
		int want = pass == 0 ? (s->flags & LS_BACK) : pass == 1 ? (s->flags & LS_STRIKE)
								: s->link >= 0;
		while (j < ln->end) {
			const struct lay_style *t = &L->styles[sty[j]];
			int same = pass == 0 ? (t->flags & LS_BACK) == (s->flags & LS_BACK)
				 : pass == 1 ? (t->flags & LS_STRIKE) == (s->flags & LS_STRIKE)
					     : t->link == s->link;
			if (!same)
				break;
			j++;
		}
		if (want) {
			double x0 = ox + L->x[i - ln->start];
			double x1 = ox + L->x[j - 1 - ln->start] + L->fc[j - 1].w;
			if (pass == 0)
				lay_background(L, s, x0, x1, base);
			else if (pass == 1)
				draw_line(&L->staging, x0, base - s->size * 0.32, x1,
					  base - s->size * 0.32, s->color, s->size * 0.06, DRAW_SOLID);
			else {
				const struct lay_target *t = &L->links[s->link];
				struct draw_op op = {.kind = DRAW_LINK, .x = x0, .y = top,
						     .w = x1 - x0, .h = pitch, .fill = DRAW_NONE,
						     .stroke = DRAW_NONE, .ref = t->dest,
						     .s = t->uri, .len = t->uri ? (uint32_t)strlen(t->uri) : 0,
						     .tag = lay_link_elem(L, s->el)};
				draw_push(&L->staging, &op);
			}
		}
		i = j;
	}
}

static void lay_task_box(struct lay *L, double x, double base, double size, int ticked)
{
	double b = size * 0.78, top = base - size * 0.8;
	draw_rect(&L->staging, x, top, b, b, DRAW_NONE, L->st->text, 0.6);
	if (ticked) {
		double xy[] = {b * 0.18, b * 0.5, b * 0.42, b * 0.78, b * 0.86, b * 0.16};
		draw_poly(L->d, &L->staging, xy, 3, 0, DRAW_NONE, L->st->accent, size * 0.1);
		L->staging.ops[L->staging.n - 1].x = x;
		L->staging.ops[L->staging.n - 1].y = top;
	}
}

/* Bullets are drawn, centred on the em box (a ● glyph sits on the
 * baseline and looks low next to kana). */
static void lay_bullet(struct lay *L, double right, double base, double size, int shape)
{
	double r = size * 0.17, cy = base - size * 0.36, cx = right - size * 0.35;
	if (shape == 1)
		draw_circle(&L->staging, cx, cy, r, L->st->accent, DRAW_NONE, 0);
	else if (shape == 2)
		draw_circle(&L->staging, cx, cy, r * 0.9, DRAW_NONE, L->st->text, size * 0.06);
	else
		draw_rect(&L->staging, cx - r * 0.8, cy - r * 0.8, r * 1.6, r * 1.6, L->st->muted,
			  DRAW_NONE, 0);
}

static void lay_marker(struct lay *L, const struct lay_para *p, double base, double size)
{
	double right = L->area_x + p->left - size * 0.4;
	if (p->task) {
		lay_task_box(L, right - size * 0.9, base, size, p->task == 2);
		return;
	}
	if (p->bullet) {
		lay_bullet(L, right, base, size, p->bullet);
		return;
	}
	double w = lay_text_width(L, p->marker, p->marker_style);
	const struct lay_style *s = &L->styles[p->marker_style];
	draw_text(L->d, &L->staging, right - w, base, s->face, s->size, s->color, 0,
		  p->marker, strlen(p->marker));
}

/* The table of contents: dots from the end of the text to the page
 * number, set right on the text area's edge. */
static void lay_leader(struct lay *L, const struct lay_para *p, double end, double base,
		       int el)
{
	const struct lay_style *s = &L->styles[p->leader_style];
	double w = lay_text_width(L, p->leader, p->leader_style);
	double right = L->area_x + L->area_w;
	draw_text(L->d, &L->staging, right - w, base, s->face, s->size, s->color, 0,
		  p->leader, strlen(p->leader));
	L->staging.ops[L->staging.n - 1].tag = el;	/* the dots are an artifact */
	double x0 = end + s->size * 0.6, x1 = right - w - s->size * 0.6;
	if (x1 - x0 > s->size)
		draw_line(&L->staging, x0, base - s->size * 0.12, x1, base - s->size * 0.12,
			  L->st->muted, 1, DRAW_DOTS);
}

static double lay_align_offset(const struct lay_para *p, double avail, double width)
{
	if (p->align == LAY_CENTER)
		return (avail - width) / 2;
	if (p->align == LAY_RIGHT)
		return avail - width;
	return 0;
}

static struct fit_params lay_fit_params(const struct lay *L, const struct lay_para *p,
					double width)
{
	struct fit_params fp = {.width = width, .indent = p->indent, .rule = L->st->kinsoku,
				.justify = p->align == LAY_JUSTIFY, .prose = !p->code,
				.phrases = p->phrases};
	return fp;
}

/* A line broken inside an English word ends with a hyphen, in the
 * style of the word. */
static void lay_hyphen(struct lay *L, const int *sty, const struct fit_line *ln, double ox,
		       double base)
{
	size_t k = ln->end - 1;
	const struct lay_style *s = &L->styles[sty[k]];
	draw_text(L->d, &L->staging, ox + L->x[k - ln->start] + L->fc[k].w, base, s->face,
		  s->size, s->color, 0, "-", 1);
}

/* --- ruby and 圏点 ------------------------------------------------------- */

/* The baseline of ruby over characters of style whose baseline is at
 * base: the reading's em box sits on the base's. */
static double lay_ruby_baseline(const struct lay *L, int style, double base)
{
	const struct lay_style *s = &L->styles[style];
	struct font *f = L->fonts[s->face];
	double asc = f ? font_ascent(f) : 0.88, desc = f ? font_descent(f) : 0.12;
	double b = base - asc * s->size - desc * s->size / 2;
	if (s->flags & LS_SUP)
		b -= s->size * 0.48;
	return b;
}

/* Does the character take a sesame dot: Japanese, not punctuation. */
static int lay_bouten_char(uint32_t cp)
{
	return linebreak_is_ja(cp) && !gap_punct(cp) && cp != 0x3000 && cp != 0x30FC &&
	       cp != 0x3005 && !(cp >= 0x3001 && cp <= 0x3003) && !(cp >= 0x3008 && cp <= 0x3011);
}

/* How much lower than usual line ln's baseline goes so that its ruby
 * or 圏点 clears what is above: nothing while they fit in the leading
 * (the space above this line's characters and, above the line, room
 * pt: below the characters of a line above at the same pitch, or a
 * table cell's padding). */
static double lay_ruby_drop(const struct lay *L, const uint32_t *cps, const int *sty,
			    const struct fit_line *ln, int basestyle, double pitch, double room)
{
	double need = 0;
	for (size_t i = ln->start; i < ln->end; i++) {
		const struct lay_style *s = &L->styles[sty[i]];
		if (L->rb[i] >= 0 || ((s->flags & LS_BOUTEN) && lay_bouten_char(cps[i])))
			need = fmax(need, s->size / 2 + (s->flags & LS_SUP ? s->size * 0.48 : 0));
	}
	if (need <= 0)
		return 0;
	const struct lay_style *b = &L->styles[basestyle];
	struct font *f = L->fonts[b->face];
	double asc = f ? font_ascent(f) : 0.88;
	double half = lay_baseline(L, basestyle, pitch) - asc * b->size;	/* above the text */
	return fmax(0, need - half - (room < 0 ? half : room));
}

/* A sesame dot (﹅) centred on (cx, cy) for characters of size em:
 * drawn, not a character, so that the text stays the base's. */
static void lay_sesame(struct lay *L, double cx, double cy, double em, uint32_t color)
{
	/* a drop leaning right, its point up and to the left */
	static const double shape[][2] = {
		{-0.10, -0.13}, {0.02, -0.06}, {0.08, 0.00}, {0.09, 0.06}, {0.05, 0.10},
		{-0.01, 0.11}, {-0.05, 0.07}, {-0.06, 0.01}};
	double xy[2 * 8];
	for (int k = 0; k < 8; k++) {
		xy[2 * k] = shape[k][0] * em;
		xy[2 * k + 1] = shape[k][1] * em;
	}
	draw_poly(L->d, &L->staging, xy, 8, 1, color, DRAW_NONE, 0);
	L->staging.ops[L->staging.n - 1].x = cx;
	L->staging.ops[L->staging.n - 1].y = cy;
}

/* The readings and sesame dots of line ln: each reading centred over
 * its base, or spread 1:2:1 over a group base longer than it, or
 * overhanging the kana beside a base shorter than it, never out of the
 * line. Dots are drawn as ﹅ at half size, artifacts: the text is the
 * base's. */
static void lay_ruby_ops(struct lay *L, const uint32_t *cps, const int *sty,
			 const struct fit_line *ln, double ox, double base, double right)
{
	const int *rb = L->rb;
	double left = ox + L->x[0];
	for (size_t i = ln->start; i < ln->end;) {
		size_t j = i + 1;
		const struct lay_style *s = &L->styles[sty[i]];
		if (rb[i] < 0) {
			if ((s->flags & LS_BOUTEN) && lay_bouten_char(cps[i])) {
				double glyph = L->fc[i].w - L->pad[i];
				double cx = ox + L->x[i - ln->start] + L->pad[i] / 2 + glyph / 2;
				lay_sesame(L, cx, lay_ruby_baseline(L, sty[i], base) - s->size * 0.2,
					   s->size, s->color);
			}
			i = j;
			continue;
		}
		while (j < ln->end && rb[j] == rb[i])
			j++;
		const char *rt = L->rubies[rb[i]].rt;
		int rs = lay_ruby_style(L, sty[i], rb[i]);
		double r = lay_text_width(L, rt, rs);
		double x0 = ox + L->x[i - ln->start];
		double x1 = ox + L->x[j - 1 - ln->start] + L->fc[j - 1].w, span = x1 - x0;
		size_t nr = 0;
		for (const char *p = rt; *p; p++)
			nr += ((unsigned char)*p & 0xC0) != 0x80;
		double x = x0, space = 0;
		if (r <= span + EPS) {
			if (j - i > 1 && nr > 0) {	/* 1:2:1 */
				double u = (span - r) / (2.0 * (double)nr);
				x = x0 + u;
				space = 2 * u;
			} else {
				x = x0 + (span - r) / 2;
			}
		} else {
			/* over the side that may take it, or both alike */
			uint8_t oh = L->oh[i];
			double over = r - span;
			x = oh == 1 ? x0 - over : oh == 2 ? x0 : x0 - over / 2;
		}
		if (x + r + (double)nr * space > right)
			x = right - r - (double)nr * space;
		if (x < left)
			x = left;
		const struct lay_style *t = &L->styles[rs];
		size_t len = strlen(rt);
		draw_text(L->d, &L->staging, x, lay_ruby_baseline(L, sty[i], base), t->face, t->size,
			  t->color, space, rt, len);
		L->staging.ops[L->staging.n - 1].tag = t->el;
		i = j;
	}
}

/* The operations of line li of a paragraph, relative to the line's top,
 * into staging, and a note of where and why it ends for the layout
 * dump. Returns the right edge of its text. */
static double lay_line_ops(struct lay *L, const uint32_t *cps, const int *sty,
			   const struct lay_para *p, const struct fit_params *fp,
			   const struct fit_line *ln, int first, double ox, double pitch,
			   int basestyle, double drop)
{
	struct fit_info info;
	double end = fit_place(L->fc, ln, fp, first, L->x, &info);
	double base = lay_baseline(L, basestyle, pitch) + drop;
	if (p->align != LAY_JUSTIFY || ln->last)
		ox += lay_align_offset(p, fp->width - (first ? fp->indent : 0), end -
				       (first ? fp->indent : 0));
	for (int pass = 0; pass < 3; pass++)
		if (pass != 1)
			lay_decorations(L, sty, ln, ox, 0, base, pitch, pass == 0 ? 0 : 2);
	lay_runs(L, cps, sty, ln, ox, base);
	if (ln->hyphen && ln->end > ln->start)
		lay_hyphen(L, sty, ln, ox, base);
	lay_decorations(L, sty, ln, ox, 0, base, pitch, 1);
	lay_ruby_ops(L, cps, sty, ln, ox, base, ox + fmax(end, fp->width));
	int flags = (info.short_of ? DRAW_BREAK_SHORT : 0) | (p->code ? DRAW_BREAK_CODE : 0) |
		    (p->cell ? DRAW_BREAK_CELL : 0);
	draw_break(&L->staging, ox + end, base, fit_why_name[ln->why], info.added, info.taken,
		   flags);
	return ox + end;
}

static int lay_base_style(const struct lay *L, const int *sty, size_t n,
			  const struct lay_para *p)
{
	if (n)
		return sty[0];
	if (p->marker)
		return p->marker_style;
	return p->leader ? p->leader_style : 0;
}

static double lay_pitch(const struct lay *L, const struct lay_para *p, int basestyle)
{
	return p->pitch > 0 ? p->pitch : L->styles[basestyle].size * 1.75;
}

static int lay_opening(uint32_t cp)
{
	return cp == 0x300C || cp == 0x300E || cp == 0xFF08 || cp == 0x3010 ||
	       cp == 0x3008 || cp == 0x300A || cp == 0x3014;
}

/* A paragraph in the main flow: one box item per line. */
static void lay_flow_para(struct lay *L, const struct lay_para *para)
{
	struct lay_para clamped = *para, *p = &clamped;
	lay_clamp(L, &clamped.left, &clamped.right);
	/* a paragraph opening with 「 or （ is indented half an em less:
	 * the bracket's own blank is the other half (JLReq 二分下げ) */
	if (L->text.n && clamped.indent > 0 && lay_opening(L->text.cps[0]))
		clamped.indent -= L->styles[L->text.sty[0]].size / 2;
	const uint32_t *cps = L->text.cps;
	const int *sty = L->text.sty;
	size_t n = L->text.n;
	int basestyle = lay_base_style(L, sty, n, p);
	double pitch = lay_pitch(L, p, basestyle);
	double width = L->area_w - p->left - p->right;
	struct fit_params fp = lay_fit_params(L, p, width);
	fp.last_two = 1;
	lay_measure_chars(L, cps, sty, L->text.rb, n);
	struct fit_line *lines = NULL;
	size_t nl = fit_break(L->fc, n, &fp, &lines);
	struct fit_line empty = {0, 0, 0, 0, 1, 0, FIT_END};
	if (nl == 0) {
		lines = xmalloc(sizeof *lines);
		lines[0] = empty;
		nl = 1;
	}
	lay_gap(L, p->before);
	if (p->dest >= 0)
		lay_dest(L, p->dest);
	double ox = L->area_x + p->left;
	for (size_t li = 0; li < nl; li++) {
		double drop = lay_ruby_drop(L, cps, sty, &lines[li], basestyle, pitch, -1);
		struct vitem *it = lay_box_begin(L, pitch + drop);
		double base = lay_baseline(L, basestyle, pitch) + drop;
		int el = n ? L->styles[sty[n - 1]].el : lay_current(L);
		if (li == 0 && (p->marker || p->task || p->bullet)) {	/* read before the text */
			size_t m = L->staging.n;
			lay_marker(L, p, base, L->styles[basestyle].size);
			draw_tag(&L->staging, m, p->lbl ? p->lbl : el);
		}
		double end = lay_line_ops(L, cps, sty, p, &fp, &lines[li], li == 0, ox, pitch,
					  basestyle, drop);
		if (li + 1 == nl && p->leader)
			lay_leader(L, p, end, base, el);
		if (li + 1 == nl && p->rule_w > 0)
			draw_line(&L->staging, L->area_x + p->left, pitch + drop + p->rule_w,
				  L->area_x + L->area_w - p->right, pitch + drop + p->rule_w, p->rule,
				  p->rule_w, DRAW_SOLID);
		it = &L->items[L->nitems - 1];
		it->op1 = L->staging.n;
		it->keep = p->keep || (nl >= 2 && (li == 0 || li + 2 == nl));
		if (li + 1 == nl)
			it->keep = p->keep;
		int first = 0;
		it->nnote = (uint16_t)lay_refs_in(L, li == 0 ? 0 : lines[li].start,
						  li + 1 == nl ? n + 1 : lines[li].next, &first);
		it->note = first;
	}
	L->nrefs = 0;
	free(lines);
	L->keep_next = p->keep;
	L->text.n = 0;
	lay_gap(L, p->after);
}

void lay_para(struct lay *L, const struct lay_para *p)
{
	if (L->table < 0) {
		lay_flow_para(L, p);
		return;
	}
	/* a table cell: kept until the table's columns are known */
	L->cells = xrealloc(L->cells, (L->ncells + 1) * sizeof *L->cells);
	struct lay_table *t = &L->tables[L->table];
	struct lay_cell *c = &L->cells[L->ncells++];
	c->p = *p;
	c->p.cell = 1;
	if (t->rows[t->nrows - 1].header)
		c->p.phrases = 1;	/* 相談員数|（名）, not 相談員|数（名） */
	c->c0 = L->ttext.n;
	for (size_t i = 0; i < L->text.n; i++)
		lay_text_add(&L->ttext, L->text.cps[i], L->text.sty[i], L->text.rb[i]);
	c->c1 = L->ttext.n;
	c->nnote = lay_refs_in(L, 0, L->text.n + 1, &c->note);
	L->nrefs = 0;
	L->text.n = 0;
	t->rows[t->nrows - 1].ncells++;
}

/* --- tables ------------------------------------------------------------- */

void lay_table_begin(struct lay *L, int ncols, const uint8_t *align, double left,
		     double right)
{
	L->tables = xrealloc(L->tables, (L->ntables + 1) * sizeof *L->tables);
	struct lay_table *t = &L->tables[L->ntables];
	memset(t, 0, sizeof *t);
	t->ncols = ncols > 0 ? ncols : 1;
	t->align = xcalloc((size_t)t->ncols, 1);
	if (align)
		memcpy(t->align, align, (size_t)ncols);
	lay_clamp(L, &left, &right);
	t->left = left;
	t->right = right;
	t->header_item = (size_t)-1;
	L->table = (int)L->ntables++;
	L->ncells = 0;
	/* the cells' text is never a NULL buffer, even in a table whose
	 * every cell is empty: cell pointers are taken as cps + c0 */
	lay_text_add(&L->ttext, 0, 0, 0);
	L->ttext.n = 0;
}

void lay_row_begin(struct lay *L, int header)
{
	struct lay_table *t = &L->tables[L->table];
	t->rows = xrealloc(t->rows, (t->nrows + 1) * sizeof *t->rows);
	t->rows[t->nrows++] = (struct lay_row){header, L->ncells, 0};
}

void lay_row_end(struct lay *L)
{
	(void)L;
}

struct lay_cols {
	double *w;		/* column widths */
	double padx, pady;
};

static void lay_cell_extent(struct lay *L, const struct lay_cell *c, double *min, double *max)
{
	size_t n = c->c1 - c->c0;
	lay_measure_chars(L, L->ttext.cps + c->c0, L->ttext.sty + c->c0, L->ttext.rb + c->c0, n);
	struct fit_params fp = lay_fit_params(L, &c->p, 1e9);
	fit_extent(L->fc, n, &fp, min, max);
}

/* What a column's cells hold, for sharing the measure. */
struct lay_colinfo {
	double mn;		/* its widest unbreakable piece */
	double mx;		/* its natural width: the widest cell unbroken */
	double body;		/* … of its body cells only */
	uint8_t blank;		/* every body cell empty or spaces (a form to fill in) */
	uint8_t num;		/* right-aligned, every body cell a number */
};

static int lay_blank_char(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000 || cp == 0xA0 || cp == '\n';
}

static int lay_cell_blank(const struct lay *L, const struct lay_cell *c)
{
	for (size_t i = c->c0; i < c->c1; i++)
		if (!lay_blank_char(L->ttext.cps[i]))
			return 0;
	return 1;
}

/* The least width (padding included) in which cell c takes at most
 * two lines, between lo and hi. */
static double lay_cell_two_lines(struct lay *L, const struct lay_cell *c, double pad,
				 double lo, double hi)
{
	size_t n = c->c1 - c->c0;
	lay_measure_chars(L, L->ttext.cps + c->c0, L->ttext.sty + c->c0, L->ttext.rb + c->c0, n);
	for (int i = 0; i < 20 && hi - lo > 0.25; i++) {
		double mid = (lo + hi) / 2;
		struct fit_params fp = lay_fit_params(L, &c->p, mid - pad);
		struct fit_line *lines = NULL;
		size_t nl = fit_break(L->fc, n, &fp, &lines);
		free(lines);
		if (nl <= 2)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

/* 303, 41.6%, -5, ¥1,200: starts with a digit, a sign or a currency. */
static int lay_cell_number(const struct lay *L, const struct lay_cell *c)
{
	size_t i = c->c0;
	while (i < c->c1 && lay_blank_char(L->ttext.cps[i]))
		i++;
	if (i == c->c1)
		return 1;
	uint32_t cp = L->ttext.cps[i];
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) || cp == '-' ||
	       cp == '+' || cp == 0x2212 || cp == 0xA5 || cp == 0xFFE5 || cp == '$' || cp == '.';
}

/* The measure shared between the columns:
 * - every column gets at least about three em (its natural width when
 *   that is less) and never less than its widest unbreakable piece;
 * - a column whose natural width is within its even share (a label
 *   such as 期間) is kept whole on one line;
 * - the others share the rest in proportion to their natural widths
 *   (Japanese text breaks almost anywhere, so the browsers' rule,
 *   minimum widths first and the rest by the difference, would starve
 *   short columns of Japanese labels).
 * nat is what each column asks for, least the width it gets at least, mn its
 * widest unbreakable piece (sum(mn) <= avail). */
static void lay_share(double *w, const double *mn, const double *least, const double *nat,
		      size_t nc, double avail)
{
	double sleast = 0, smin = 0;
	for (size_t k = 0; k < nc; k++) {
		sleast += least[k];
		smin += mn[k];
	}
	if (sleast >= avail) {
		/* not even the floors fit: each gets its piece, and the
		 * rest in proportion to what it lacks of its least width */
		double f = sleast > smin ? (avail - smin) / (sleast - smin) : 0;
		for (size_t k = 0; k < nc; k++)
			w[k] = mn[k] + (least[k] - mn[k]) * f;
		return;
	}
	double *fixed = xcalloc(nc, sizeof *fixed);	/* 0: shares the rest */
	for (size_t k = 0; k < nc; k++)
		if (nat[k] <= avail / (double)nc)
			fixed[k] = nat[k];
	for (int round = 0; round < 16; round++) {
		double rest = avail, flex = 0;
		for (size_t k = 0; k < nc; k++)
			if (fixed[k] > 0)
				rest -= fixed[k];
			else
				flex += nat[k];
		int again = 0;
		for (size_t k = 0; k < nc; k++) {
			if (fixed[k] > 0) {
				w[k] = fixed[k];
				continue;
			}
			w[k] = flex > 0 ? nat[k] * rest / flex : rest / (double)nc;
			if (w[k] < least[k]) {
				fixed[k] = least[k];
				again = 1;
			}
		}
		if (!again)
			break;
	}
	free(fixed);
}

/* Column widths from content: the whole measure, shared by lay_share,
 * or the natural widths of a table that needs less than 70% of it. A
 * column of blank cells (a form) asks for an even share of the
 * measure; a column of numbers for the width of its numbers, not of
 * its header, unless there is room for both. Returns 1, or how much
 * smaller the text must be for the widest unbreakable pieces of all
 * columns to fit side by side. */
static double lay_columns(struct lay *L, const struct lay_table *t, struct lay_cols *cols)
{
	size_t nc = (size_t)t->ncols;
	struct lay_colinfo *ci = xcalloc(nc, sizeof *ci);
	double *least = xcalloc(nc, sizeof *least), *nat = xcalloc(nc, sizeof *nat);
	double *mn = xcalloc(nc, sizeof *mn);
	double smin = 0, smax = 0, snat = 0, pad = 2 * cols->padx;
	size_t *head = xcalloc(nc, sizeof *head);	/* the widest header cell + 1, or 0 */
	double *headw = xcalloc(nc, sizeof *headw);
	double avail = L->area_w - t->left - t->right;
	double em = L->st->table_size;
	for (size_t k = 0; k < nc; k++)
		ci[k].blank = ci[k].num = 1;
	int body = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		body |= !t->rows[r].header;
		for (size_t k = 0; k < t->rows[r].ncells && k < nc; k++) {
			const struct lay_cell *c = &L->cells[t->rows[r].cell0 + k];
			double a, b;
			lay_cell_extent(L, c, &a, &b);
			ci[k].mn = fmax(ci[k].mn, a + pad);
			ci[k].mx = fmax(ci[k].mx, b + pad);
			if (t->rows[r].header) {
				if (b + pad > headw[k]) {
					headw[k] = b + pad;
					head[k] = t->rows[r].cell0 + k + 1;
				}
				continue;
			}
			ci[k].body = fmax(ci[k].body, b + pad);
			if (!lay_cell_blank(L, c))
				ci[k].blank = 0;
			if (!lay_cell_number(L, c))
				ci[k].num = 0;
		}
	}
	if (t->nrows && L->ncells > t->rows[0].cell0) {
		/* the text's size (smaller when the table was shrunk) */
		const struct lay_cell *c = &L->cells[t->rows[0].cell0];
		if (c->c1 > c->c0)
			em = L->styles[L->ttext.sty[c->c0]].size;
	}
	for (size_t k = 0; k < nc; k++) {
		struct lay_colinfo *c = &ci[k];
		c->mn = fmax(c->mn, pad + 4);
		c->mx = fmax(c->mx, c->mn);
		c->num = c->num && !c->blank && body && t->align[k] == LAY_RIGHT;
		if (body && c->blank)
			c->mx = fmax(c->mx, avail / (double)nc);
		nat[k] = c->mx;
		if (c->num) {
			/* its numbers, and its header in two lines at most */
			double h = head[k] ? lay_cell_two_lines(L, &L->cells[head[k] - 1], pad,
								 c->mn, c->mx) : 0;
			nat[k] = fmax(c->mn, fmax(c->body, fmin(c->mx, fmax(3 * em + pad, h))));
		}
		least[k] = fmax(c->mn, fmin(nat[k], 3 * em + pad));
		mn[k] = c->mn;
		smin += c->mn;
		smax += c->mx;
		snat += nat[k];
	}
	double shrink = 1;
	if (smax < avail * 0.7) {
		/* a small table keeps its natural width */
		for (size_t k = 0; k < nc; k++)
			cols->w[k] = ci[k].mx;
	} else if (smin > avail) {
		for (size_t k = 0; k < nc; k++)
			cols->w[k] = ci[k].mn * avail / smin;
		shrink = avail / smin;
	} else if (smax <= avail) {
		/* everything fits unbroken: the spare room to the long columns */
		for (size_t k = 0; k < nc; k++)
			nat[k] = ci[k].mx;
		lay_share(cols->w, mn, least, nat, nc, avail);
	} else if (snat <= avail) {
		/* the numbers give their headers' room back first */
		double spare = avail - snat, want = 0;
		for (size_t k = 0; k < nc; k++)
			want += ci[k].mx - nat[k];
		for (size_t k = 0; k < nc; k++)
			cols->w[k] = nat[k] + (want > 0 ? spare * (ci[k].mx - nat[k]) / want : 0);
	} else {
		lay_share(cols->w, mn, least, nat, nc, avail);
	}
	free(ci);
	free(least);
	free(nat);
	free(mn);
	free(head);
	free(headw);
	return shrink;
}

/* A table too wide for the measure is set smaller, as print does. */
static void lay_table_shrink(struct lay *L, const struct lay_table *t, struct lay_cols *cols,
			     double k)
{
	size_t first = t->nrows ? t->rows[0].cell0 : 0, end = L->ncells;
	for (size_t c = first; c < end; c++) {
		struct lay_cell *cell = &L->cells[c];
		cell->p.pitch *= k;
		for (size_t i = cell->c0; i < cell->c1; i++) {
			struct lay_style st = L->styles[L->ttext.sty[i]];
			st.size = (float)(st.size * k);
			L->ttext.sty[i] = lay_style(L, &st);
		}
	}
	cols->padx *= k;
	cols->pady *= k;
}

/* A cell's lines, relative to the row's top; returns their height. */
static double lay_cell_ops(struct lay *L, const struct lay_cell *c, double x, double w,
			   const struct lay_cols *cols, int align, int emit)
{
	size_t n = c->c1 - c->c0;
	const uint32_t *cps = L->ttext.cps + c->c0;
	const int *sty = L->ttext.sty + c->c0;
	lay_measure_chars(L, cps, sty, L->ttext.rb + c->c0, n);
	struct lay_para p = c->p;
	p.align = (uint8_t)align;
	struct fit_params fp = lay_fit_params(L, &p, w - 2 * cols->padx);
	struct fit_line *lines = NULL;
	size_t nl = fit_break(L->fc, n, &fp, &lines);
	int basestyle = lay_base_style(L, sty, n, &p);
	double pitch = lay_pitch(L, &p, basestyle);
	size_t mark = L->staging.n;
	double y = 0;
	for (size_t li = 0; li < nl; li++) {
		double drop = lay_ruby_drop(L, cps, sty, &lines[li], basestyle, pitch,
					    li == 0 ? cols->pady : -1);
		if (emit) {
			lay_line_ops(L, cps, sty, &p, &fp, &lines[li], li == 0, x + cols->padx,
				     pitch, basestyle, drop);
			for (size_t i = mark; i < L->staging.n; i++)
				L->staging.ops[i].y += cols->pady + y;
			mark = L->staging.n;
		}
		y += pitch + drop;
	}
	free(lines);
	return nl ? y : pitch;
}

static void lay_row_rules(struct lay *L, const struct lay_table *t, const struct lay_cols *cols,
			  double x0, double h, int header)
{
	const struct pdf_style *st = L->st;
	double x = x0;
	for (int k = 0; k <= t->ncols; k++) {
		draw_line(&L->staging, x, 0, x, h, st->rule, 0.5, DRAW_SOLID);
		if (k < t->ncols)
			x += cols->w[k];
	}
	draw_line(&L->staging, x0, 0, x, 0, st->rule, 0.5, DRAW_SOLID);
	draw_line(&L->staging, x0, h, x, h, header ? st->text : st->rule, header ? 0.8 : 0.5,
		  DRAW_SOLID);
}

/* No page break after body row r: a table's header goes with at least
 * two body rows (the first is kept with the second), and its last row
 * is not alone on a page (the second-to-last is kept with it). */
static int lay_row_kept(const struct lay_table *t, size_t r)
{
	size_t body0 = 0;
	while (body0 < t->nrows && t->rows[body0].header)
		body0++;
	size_t nbody = t->nrows - body0;
	if (r < body0 || nbody < 2)
		return 0;
	return r == body0 || r + 2 == t->nrows;
}

static void lay_row(struct lay *L, struct lay_table *t, size_t r, const struct lay_cols *cols)
{
	const struct lay_row *row = &t->rows[r];
	double x0 = L->area_x + t->left, h = 0, x = x0;
	for (size_t k = 0; k < row->ncells && k < (size_t)t->ncols; k++) {
		h = fmax(h, lay_cell_ops(L, &L->cells[row->cell0 + k], x, cols->w[k], cols,
					 t->align[k], 0));
		x += cols->w[k];
	}
	h += 2 * cols->pady;
	struct vitem *it = lay_box_begin(L, h);
	it->ref = (int)(t - L->tables) + 1;
	it->header = (uint8_t)row->header;
	if (row->header) {
		double w = 0;
		for (int k = 0; k < t->ncols; k++)
			w += cols->w[k];
		draw_rect(&L->staging, x0, 0, w, h, 0xE9EEF4, DRAW_NONE, 0);
		t->header_item = L->nitems - 1;
	}
	x = x0;
	for (size_t k = 0; k < row->ncells && k < (size_t)t->ncols; k++) {
		lay_cell_ops(L, &L->cells[row->cell0 + k], x, cols->w[k], cols, t->align[k], 1);
		x += cols->w[k];
	}
	lay_row_rules(L, t, cols, x0, h, row->header);
	it = &L->items[L->nitems - 1];
	it->op1 = L->staging.n;
	it->keep = (uint8_t)(row->header || lay_row_kept(t, r));
	for (size_t k = 0; k < row->ncells; k++) {
		const struct lay_cell *c = &L->cells[row->cell0 + k];
		if (c->nnote == 0)
			continue;
		if (it->nnote == 0)
			it->note = c->note;
		it->nnote = (uint16_t)(c->note + c->nnote - it->note);
	}
}

void lay_table_end(struct lay *L)
{
	struct lay_table *t = &L->tables[L->table];
	L->table = -1;
	struct lay_cols cols = {xcalloc((size_t)t->ncols, sizeof(double)),
				L->st->table_size * 0.5, L->st->table_size * 0.35};
	double k = lay_columns(L, t, &cols);
	if (k < 0.999) {
		lay_table_shrink(L, t, &cols, k * 0.98);
		lay_columns(L, t, &cols);
	}
	for (size_t r = 0; r < t->nrows; r++)
		lay_row(L, t, r, &cols);
	free(cols.w);
	L->ncells = 0;
	L->ttext.n = 0;
}

/* --- pages ---------------------------------------------------------------- */

struct lay_pager {
	struct lay *L;
	int stack[64];		/* open frames */
	double seg_top[64];	/* where each begins on this page */
	size_t bg_at[64];	/* … and how many background ops were before it */
	int depth;
	struct draw_list bg, fg;
	size_t page;
	size_t carry0, carry1;	/* footnote items that go on from the last page */
};

/* The space above the footnotes of a page, for the short rule. */
static double lay_note_sep(const struct lay *L)
{
	return L->st->size * 1.1;
}

static double lay_note_items_h(const struct lay *L, size_t a, size_t b)
{
	double h = 0;
	for (size_t i = a; i < b; i++)
		h += L->note_items[i].h;
	return h;
}

/* The height of the footnotes line it refers to. */
static double lay_notes_h(const struct lay *L, const struct vitem *it)
{
	double h = 0;
	for (int k = it->note; k < it->note + it->nnote && k < (int)L->nnotes; k++)
		h += L->notes[k].h;
	return h;
}

/* How much of the page the footnotes of item it take, with fh already
 * taken at y: all of them, or, for one too long to go whole on any
 * page, what is left of this page (the rest goes on over). */
static double lay_notes_want(const struct lay *L, const struct vitem *it, double y, double fh,
			     double reserve)
{
	if (it->kind != V_BOX || it->nnote == 0)
		return 0;
	double nh = lay_notes_h(L, it), sep = fh > 0 ? 0 : lay_note_sep(L);
	double room = L->area_h - reserve - y - fh;
	double two = L->st->small_size * 3.2;	/* about two of its lines */
	if (sep + nh > room + EPS && nh > L->area_h / 2 && room >= sep + two)
		return room;
	return sep + nh;
}

static double lay_reserve(const struct lay *L, const int *stack, int depth)
{
	double r = 0;
	for (int i = 0; i < depth; i++)
		r += L->frames[stack[i]].pad_bottom;
	return r;
}

static double lay_item_h(const struct vitem *it, double y)
{
	if (it->kind == V_GAPTO)
		return it->h > y ? it->h - y : 0;
	return it->h;
}

/* The last item of the page that starts at item i with y already used;
 * a line's footnotes must fit at the foot of its page too. */
static size_t lay_page_end(struct lay_pager *pg, size_t i, double y)
{
	struct lay *L = pg->L;
	int stack[64], depth = pg->depth;
	memcpy(stack, pg->stack, sizeof stack);
	size_t best = (size_t)-1, fits = (size_t)-1;
	double fh = pg->carry1 > pg->carry0
		    ? lay_note_items_h(L, pg->carry0, pg->carry1) + lay_note_sep(L) : 0;
	for (size_t k = i; k < L->nitems; k++) {
		const struct vitem *it = &L->items[k];
		if (it->kind == V_BREAK && k > i)
			return k - 1;
		y += lay_item_h(it, y);
		if (it->kind == V_OPEN && depth < 64)
			stack[depth++] = it->ref;
		else if (it->kind == V_CLOSE && depth > 0)
			depth--;
		double reserve = lay_reserve(L, stack, depth);
		fh += lay_notes_want(L, it, y, fh, reserve);
		if (y + fh > L->area_h + EPS && k > i)
			break;
		if (y + fh + reserve <= L->area_h + EPS) {
			fits = k;
			if (!it->keep)
				best = k;
		}
		if (k + 1 == L->nitems)
			return k;
	}
	if (best != (size_t)-1)
		return best;
	return fits != (size_t)-1 ? fits : i;
}

/* The footnotes of items [i, end] (after what the last page carried)
 * at the foot of the page, below a short rule; what does not fit below
 * y goes on to the next page. */
static void lay_place_notes(struct lay_pager *pg, size_t i, size_t end, double y)
{
	struct lay *L = pg->L;
	size_t a = pg->carry0, b = pg->carry1;
	for (size_t k = i; k <= end && k < L->nitems; k++) {
		const struct vitem *it = &L->items[k];
		if (it->kind != V_BOX || it->nnote == 0)
			continue;
		for (int n = it->note; n < it->note + it->nnote && n < (int)L->nnotes; n++) {
			if (a == b)
				a = L->notes[n].i0;
			b = L->notes[n].i1;
		}
	}
	while (a < b && L->note_items[a].kind != V_BOX)
		a++;	/* no gap at the top of the notes */
	pg->carry0 = pg->carry1 = 0;
	if (a >= b)
		return;
	double room = L->area_h - y - lay_note_sep(L), h = 0;
	size_t k = a;
	for (; k < b; k++) {
		if (h + L->note_items[k].h > room + EPS && k > a)
			break;
		h += L->note_items[k].h;
	}
	if (k < b) {
		pg->carry0 = k;
		pg->carry1 = b;
	}
	double top = L->area_h - h;
	double ry = L->area_y + top - lay_note_sep(L) / 2;
	draw_line(&pg->fg, L->area_x, ry, L->area_x + L->area_w / 4, ry, L->st->rule, 0.5,
		  DRAW_SOLID);
	for (size_t n = a; n < k; n++) {
		const struct vitem *it = &L->note_items[n];
		if (it->kind == V_BOX)
			draw_append(&pg->fg, &L->staging, it->op0, it->op1, 0, L->area_y + top);
		top += it->h;
	}
}

/* A frame's background, drawn when it closes: put before the
 * backgrounds of the frames inside it (drawn when they closed, earlier),
 * so an outer fill does not cover an inner one (code in a callout, a
 * marked line in code). */
static void lay_frame_rect(struct lay_pager *pg, int level, double top, double bottom)
{
	struct lay *L = pg->L;
	const struct lay_frame *fr = &L->frames[pg->stack[level]];
	double x = L->area_x + fr->left, w = L->area_w - fr->left - fr->right;
	double y = L->area_y + top, h = bottom - top;
	size_t before = pg->bg.n, at = pg->bg_at[level];
	if (fr->fill != DRAW_NONE || fr->stroke != DRAW_NONE)
		draw_rect(&pg->bg, x, y, w, h, fr->fill, fr->stroke, fr->stroke_w);
	if (fr->bar != DRAW_NONE)
		draw_rect(&pg->bg, x, y, fr->bar_w, h, fr->bar, DRAW_NONE, 0);
	size_t k = pg->bg.n - before;
	if (k == 0 || at >= before)
		return;
	struct draw_op mine[2];
	memcpy(mine, pg->bg.ops + before, k * sizeof *mine);
	memmove(pg->bg.ops + at + k, pg->bg.ops + at, (before - at) * sizeof *mine);
	memcpy(pg->bg.ops + at, mine, k * sizeof *mine);
}

static void lay_place(struct lay_pager *pg, const struct vitem *it, double y,
		      struct lay_page_info *info, int first)
{
	struct lay *L = pg->L;
	switch ((enum vkind)it->kind) {
	case V_BOX:
		draw_append(&pg->fg, &L->staging, it->op0, it->op1, 0, L->area_y + y);
		break;
	case V_OPEN:
		if (pg->depth < 64) {
			pg->seg_top[pg->depth] = y;
			pg->bg_at[pg->depth] = pg->bg.n;
			pg->stack[pg->depth++] = it->ref;
		}
		break;
	case V_CLOSE:
		if (pg->depth > 0) {
			pg->depth--;
			lay_frame_rect(pg, pg->depth, pg->seg_top[pg->depth], y + it->h);
		}
		break;
	case V_DEST:
		L->d->dests[it->ref].page = (int)pg->page;
		L->d->dests[it->ref].y = L->area_y + y;
		break;
	case V_CHAPTER:
		info->chapter = it->ref;
		if (first)
			info->opens = 1;
		break;
	case V_GAP:
	case V_GAPTO:
	case V_BREAK:
		break;
	}
}

/* Frames that go on to the next page end at the foot of this one and
 * begin again at the top of the next. */
static double lay_carry_frames(struct lay_pager *pg, double y)
{
	double b = y;
	for (int i = pg->depth - 1; i >= 0; i--) {
		b += pg->L->frames[pg->stack[i]].pad_bottom;
		lay_frame_rect(pg, i, pg->seg_top[i], b);
	}
	double top = 0;
	for (int i = 0; i < pg->depth; i++) {
		pg->seg_top[i] = top;
		pg->bg_at[i] = 0;	/* the next page's backgrounds start afresh */
		top += pg->L->frames[pg->stack[i]].pad_top;
	}
	return top;
}

/* A table row at the top of a page gets its table's header row first. */
static double lay_repeat_header(struct lay_pager *pg, const struct vitem *it, double y)
{
	struct lay *L = pg->L;
	if (it->kind != V_BOX || it->ref == 0 || it->header)
		return y;
	const struct lay_table *t = &L->tables[it->ref - 1];
	if (t->header_item == (size_t)-1)
		return y;
	const struct vitem *h = &L->items[t->header_item];
	size_t from = pg->fg.n;
	draw_append(&pg->fg, &L->staging, h->op0, h->op1, 0, L->area_y + y);
	draw_tag(&pg->fg, from, DRAW_ELEM_HEADER);	/* read once, where it was first */
	return y + h->h;
}

static void lay_finish_page(struct lay_pager *pg)
{
	struct draw_list *page = draw_add_page(pg->L->d);
	draw_append(page, &pg->bg, 0, pg->bg.n, 0, 0);
	draw_append(page, &pg->fg, 0, pg->fg.n, 0, 0);
	pg->bg.n = pg->fg.n = 0;
}

size_t lay_paginate(struct lay *L, struct lay_page_info **info)
{
	struct lay_pager pg = {.L = L};
	size_t count = 0, i = 0;
	int chapter = -1;
	double start = 0;
	*info = NULL;
	while (i < L->nitems || pg.carry1 > pg.carry0) {
		while (i < L->nitems && (L->items[i].kind == V_GAP || L->items[i].kind == V_BREAK))
			i++;
		if (i == L->nitems && count > 0 && pg.carry1 == pg.carry0)
			break;
		pg.page = L->d->npages;
		*info = xrealloc(*info, (count + 1) * sizeof **info);
		struct lay_page_info *pi = &(*info)[count++];
		*pi = (struct lay_page_info){chapter, 0};
		double y = i < L->nitems ? lay_repeat_header(&pg, &L->items[i], start) : start;
		size_t end = i < L->nitems ? lay_page_end(&pg, i, y) : i;
		for (size_t k = i; k <= end && k < L->nitems; k++) {
			lay_place(&pg, &L->items[k], y, pi, y == start && k == i);
			if (L->items[k].kind == V_CHAPTER && y == start)
				pi->opens = 1;
			y += lay_item_h(&L->items[k], y);
		}
		lay_place_notes(&pg, i, end, y);
		chapter = pi->chapter;
		start = lay_carry_frames(&pg, y);
		lay_finish_page(&pg);
		i = end + 1;
	}
	if (count == 0) {
		*info = xcalloc(1, sizeof **info);
		(*info)[0].chapter = -1;
		lay_finish_page(&pg);
		count = 1;
	}
	draw_free_list(&pg.bg);
	draw_free_list(&pg.fg);
	return count;
}
