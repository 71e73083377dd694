/* book: what a publication has around its chapters: the cover, the
 * table of contents (laid out after the body, whose page numbers it
 * lists, and moved before it), running heads and folios, the outline,
 * page labels and the document information; a handout's title block. */
#include "book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "draw.h"
#include "font.h"
#include "pdfctx.h"

/* A line of the cover or a handout's title block, a paragraph of role
 * (a heading or P). */
static void book_line(struct pdf_ctx *c, int role, const char *s, int face, double size,
		      uint32_t color, double leading, int align)
{
	pdf_open(c, role);
	c->cur = (struct lay_style){(uint8_t)face, 0, (float)size, color, -1, 0};
	pdf_emit_str(c, s);
	struct lay_para p = pdf_para(c, size, leading);
	p.align = (uint8_t)align;
	p.phrases = 1;
	pdf_end_para(c, &p);
	pdf_close(c);
}

/* "2026年11月27日" from a date YYYY-MM-DD or the build's date. */
static void book_date(const struct pdf_ctx *c, char *out, size_t n)
{
	int y, m, d;
	if (c->j->date && sscanf(c->j->date, "%d-%d-%d", &y, &m, &d) == 3) {
		snprintf(out, n, "%d年%d月%d日", y, m, d);
		return;
	}
	struct tm tm;
	time_t t = c->e->date;
	gmtime_r(&t, &tm);
	snprintf(out, n, "%d年%d月%d日", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void book_cover(struct pdf_ctx *c)
{
	const struct pdf_style *st = c->st;
	double body = st->page_h - st->margin_top - st->margin_bottom;
	lay_gap_to(c->L, body * 0.26);
	lay_rule(c->L, 0, 0, st->accent, 2.5);
	c->gap = st->size * 2;
	pdf_open(c, ROLE_SECT);
	book_line(c, ROLE_H1, c->j->title, FACE_GOTHIC, 24, st->text, 1.45, LAY_LEFT);
	if (c->j->subtitle && c->j->subtitle[0]) {
		c->gap = st->size * 1.2;
		book_line(c, ROLE_P, c->j->subtitle, FACE_GOTHIC, 20, st->accent, 1.45, LAY_LEFT);
	}
	c->gap = st->size * 2;
	pdf_flush_gap(c);
	lay_rule(c->L, 0, 0, st->rule, 0.5);
	lay_gap_to(c->L, body * 0.84);
	if (c->j->author && c->j->author[0])
		book_line(c, ROLE_P, c->j->author, FACE_MINCHO, 12, st->text, 1.7, LAY_LEFT);
	char date[64];
	book_date(c, date, sizeof date);
	book_line(c, ROLE_P, date, FACE_MINCHO, 11, st->muted, 1.7, LAY_LEFT);
	pdf_close(c);
}

static void book_contents(struct pdf_ctx *c, int toc_dest)
{
	const struct pdf_style *st = c->st;
	lay_gap_to(c->L, pdf_line(c) * 2);
	pdf_open(c, ROLE_SECT);
	pdf_open(c, ROLE_H1);
	c->cur = (struct lay_style){FACE_GOTHIC, 0, (float)st->heading[RANK_CHAPTER], st->text, -1, 0};
	pdf_emit_str(c, "目次");
	struct lay_para h = pdf_para(c, st->heading[RANK_CHAPTER], 1.45);
	h.align = LAY_LEFT;
	h.keep = 1;
	h.dest = toc_dest;
	h.rule = st->accent;
	h.rule_w = 1.5;
	pdf_end_para(c, &h);
	pdf_close(c);
	c->gap = pdf_line(c) * 1.2;
	pdf_open(c, ROLE_TOC);
	for (size_t i = 0; i < c->ntoc; i++) {
		const struct pdf_toc *t = &c->toc[i];
		int part = t->rank == PDF_TOC_PART;
		int chapter = t->rank == RANK_CHAPTER || part;
		int face = chapter ? FACE_GOTHIC : FACE_MINCHO;
		double size = part ? st->size * 1.25 : chapter ? st->size * 1.1 : st->size;
		char page[24];
		snprintf(page, sizeof page, "%d", c->d->dests[t->dest].page + 1);
		pdf_open(c, ROLE_TOCI);
		int link = pdf_open(c, ROLE_LINK);
		char *contents = xasprintf("%s %sページ", t->title, page);
		draw_elem_set(c->d, link, contents, NULL, NULL);
		free(contents);
		c->cur = (struct lay_style){(uint8_t)face, 0, (float)size, part ? st->accent : st->text,
					    lay_link(c->L, t->dest, NULL), 0};
		pdf_emit_str(c, t->title);
		struct lay_para p = pdf_para(c, size, 1.7);
		p.left = chapter ? 0 : st->size * 2;
		p.right = st->size * 3;
		p.align = LAY_LEFT;
		p.leader = page;
		p.leader_style = lay_style(c->L, &c->cur);
		p.phrases = 1;
		if (chapter && i)
			pdf_want_gap(c, pdf_line(c) * (part ? 1.0 : 0.5));
		pdf_end_para(c, &p);
		pdf_close(c);
		pdf_close(c);
	}
	pdf_close(c);
	pdf_close(c);
}

static void book_folio(struct pdf_ctx *c, struct draw_list *page, const char *text)
{
	const struct pdf_style *st = c->st;
	double w = 0;
	for (const char *s = text; *s; s++)
		w += font_advance(c->e->fonts[FACE_GOTHIC], (unsigned char)*s) * st->small_size;
	double y = st->page_h - st->margin_bottom / 2 + st->small_size / 2;
	size_t from = page->n;
	draw_text(c->d, page, (st->page_w - w) / 2, y, FACE_GOTHIC, st->small_size, st->muted,
		  0, text, strlen(text));
	draw_tag(page, from, DRAW_ELEM_FOOTER);
}

static double book_width(const struct pdf_ctx *c, const char *s, size_t len, double size)
{
	double w = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			break;
		w += font_advance(c->e->fonts[FACE_GOTHIC], cp) * size;
		i += k;
	}
	return w;
}

/* Spaces, opening brackets and separators that a cut text must not
 * end on before its "…". */
static int book_dangles(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000 || cp == 0x3001 || cp == 0x30FB || cp == 0x300C ||
	       cp == 0x300E || cp == 0xFF08 || cp == 0x3010 || cp == '(' || cp == '[';
}

/* s whole when it fits in w at size, else as much of it as fits with
 * 「…」 after it: a running head is never cut silently (malloc'd). */
static char *book_cut(const struct pdf_ctx *c, const char *s, double size, double w)
{
	size_t len = strlen(s);
	if (book_width(c, s, len, size) <= w)
		return xstrdup(s);
	const char *dots = font_has(c->e->fonts[FACE_GOTHIC], 0x2026) ? "…" : "...";
	double x = book_width(c, dots, strlen(dots), size);
	size_t i = 0, end = 0;
	while (i < len) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			break;
		x += font_advance(c->e->fonts[FACE_GOTHIC], cp) * size;
		if (x > w)
			break;
		i += k;
		if (!book_dangles(cp))
			end = i;
	}
	return xasprintf("%.*s%s", (int)end, s, dots);
}

/* The head: the publication on the left, the chapter on the right.
 * Without a chapter the publication has the whole measure. With one,
 * when both do not fit: the publication without its subtitle (title),
 * then the chapter without a closing （…） (short), then the measure
 * shared by need: a text shorter than half keeps its width and the
 * other gets the rest; what is still too long ends in 「…」. */
static void book_head(struct pdf_ctx *c, struct draw_list *page, const char *full,
		      const char *title, const char *right, const char *short_right)
{
	const struct pdf_style *st = c->st;
	double y = st->margin_top - st->small_size * 1.6, measure = style_measure(st);
	double size = st->small_size, gap = size * 2;
	const char *left = full;
	double wl = book_width(c, left, strlen(left), size);
	double wr = right ? book_width(c, right, strlen(right), size) : 0;
	double room = right ? measure - gap : measure;
	if (wl + wr > room && title) {
		left = title;
		wl = book_width(c, left, strlen(left), size);
	}
	if (right && wl + wr > room && short_right) {
		right = short_right;
		wr = book_width(c, right, strlen(right), size);
	}
	double avail_l = measure, avail_r = 0;
	if (right) {
		double half = room / 2;
		avail_l = avail_r = half;
		if (wl + wr <= room)
			avail_l = wl, avail_r = wr;
		else if (wr < half)
			avail_r = wr, avail_l = room - wr;
		else if (wl < half)
			avail_l = wl, avail_r = room - wl;
	}
	size_t from = page->n;
	char *l = book_cut(c, left, size, avail_l);
	draw_text(c->d, page, st->margin_left, y, FACE_GOTHIC, size, st->muted, 0, l, strlen(l));
	free(l);
	if (right) {
		char *r = book_cut(c, right, size, avail_r);
		double w = book_width(c, r, strlen(r), size);
		draw_text(c->d, page, st->margin_left + measure - w, y, FACE_GOTHIC, size,
			  st->muted, 0, r, strlen(r));
		free(r);
	}
	draw_line(page, st->margin_left, y + size * 0.6, st->margin_left + measure,
		  y + size * 0.6, st->rule, 0.4, DRAW_SOLID);
	draw_tag(page, from, DRAW_ELEM_HEADER);
}

/* s without a closing parenthetical (（架空の事例）), or NULL when it
 * has none or is nothing else (malloc'd). */
static char *book_short(const char *s)
{
	static const char open[] = "（", close[] = "）";
	size_t len = strlen(s), lc = strlen(close);
	if (len <= lc || strcmp(s + len - lc, close) != 0)
		return NULL;
	const char *o = NULL;
	for (const char *p = strstr(s, open); p; p = strstr(p + 1, open))
		o = p;
	if (o == NULL || o == s)
		return NULL;
	size_t n = (size_t)(o - s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n ? xasprintf("%.*s", (int)n, s) : NULL;
}

void book_marks(struct pdf_ctx *c, size_t first, size_t n,
			   const struct lay_page_info *info)
{
	int sub = c->j->subtitle && c->j->subtitle[0];
	char *full = sub ? xasprintf("%s　%s", c->j->title, c->j->subtitle) : xstrdup(c->j->title);
	for (size_t i = 0; i < n; i++) {
		struct draw_list *page = &c->d->pages[first + i];
		char num[24];
		snprintf(num, sizeof num, "%zu", i + 1);
		book_folio(c, page, num);
		if (info[i].opens || (c->j->kind == PDF_HANDOUT && i == 0))
			continue;
		char *right = NULL, *short_right = NULL;
		if (c->j->kind != PDF_HANDOUT && info[i].chapter >= 0) {
			const char *t = c->j->ch[info[i].chapter].title;
			char *s = book_short(t);
			right = xasprintf("%d　%s", info[i].chapter + 1, t);
			if (s)
				short_right = xasprintf("%d　%s", info[i].chapter + 1, s);
			free(s);
		}
		book_head(c, page, full, sub ? c->j->title : NULL, right, short_right);
		free(right);
		free(short_right);
	}
	free(full);
}

static void book_roman(size_t n, char *out, size_t len)
{
	static const char *r[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"};
	if (n <= 10)
		snprintf(out, len, "%s", r[n]);
	else
		snprintf(out, len, "x%s", r[n - 10 > 10 ? 10 : n - 10]);
}

/* Moves the front matter (laid out after the body, which it lists)
 * before it: pages [body][front] become [front][body]. */
void book_rotate(struct draw_doc *d, size_t nbody)
{
	size_t nfront = d->npages - nbody;
	struct draw_list *pages = xmalloc(d->npages * sizeof *pages);
	memcpy(pages, d->pages + nbody, nfront * sizeof *pages);
	memcpy(pages + nfront, d->pages, nbody * sizeof *pages);
	memcpy(d->pages, pages, d->npages * sizeof *pages);
	free(pages);
	for (size_t i = 0; i < d->ndests; i++)
		if (d->dests[i].page >= 0)
			d->dests[i].page = (size_t)d->dests[i].page < nbody
				? d->dests[i].page + (int)nfront : d->dests[i].page - (int)nbody;
}

/* Cover and table of contents, for books and reports. */
size_t book_front(struct pdf_ctx *c, int *cover_dest, int *toc_dest)
{
	struct lay *body = c->L;
	c->L = lay_new(c->d, c->st, c->e->fonts);
	lay_enter(c->L, c->doc_el);
	*cover_dest = draw_add_dest(c->d);
	lay_dest(c->L, *cover_dest);
	book_cover(c);
	lay_newpage(c->L);
	*toc_dest = draw_add_dest(c->d);
	book_contents(c, *toc_dest);
	struct lay_page_info *info;
	size_t n = lay_paginate(c->L, &info);
	/* a band of the accent colour across the top of the cover */
	draw_rect(&c->d->pages[c->d->npages - n], 0, 0, c->st->page_w, c->st->margin_top * 0.45,
		  c->st->accent, DRAW_NONE, 0);
	for (size_t i = 1; i < n; i++) {
		char num[16];
		book_roman(i + 1, num, sizeof num);
		book_folio(c, &c->d->pages[c->d->npages - n + i], num);
	}
	free(info);
	lay_free(c->L);
	c->L = body;
	return n;
}

void book_outline(struct pdf_ctx *c, int front, int cover_dest, int toc_dest)
{
	struct draw_doc *d = c->d;
	d->outline = xmalloc((c->noutline + 2) * sizeof *d->outline);
	if (front) {
		d->outline[d->noutline++] = (struct draw_outline){"表紙", 0, cover_dest};
		d->outline[d->noutline++] = (struct draw_outline){"目次", 0, toc_dest};
	}
	memcpy(d->outline + d->noutline, c->outline, c->noutline * sizeof *c->outline);
	d->noutline += c->noutline;
}

void book_labels(struct draw_doc *d, size_t nfront)
{
	d->labels = xcalloc(2, sizeof *d->labels);
	if (nfront)
		d->labels[d->nlabels++] = (struct draw_label){0, DRAW_NUM_ROMAN, 1};
	d->labels[d->nlabels++] = (struct draw_label){(int)nfront, DRAW_NUM_ARABIC, 1};
}

void book_info(struct pdf_ctx *c)
{
	struct draw_doc *d = c->d;
	const struct pdf_job *j = c->j;
	char *title = j->subtitle && j->subtitle[0] ? xasprintf("%s %s", j->title, j->subtitle)
						    : xstrdup(j->title);
	d->title = arena_strdup(&d->arena, title);
	free(title);
	d->author = j->author ? arena_strdup(&d->arena, j->author) : NULL;
	d->subject = j->subtitle ? arena_strdup(&d->arena, j->subtitle) : NULL;
	d->creator = c->e->creator ? arena_strdup(&d->arena, c->e->creator) : NULL;
	d->date = c->e->date;
	d->lang = arena_strdup(&d->arena, j->lang && j->lang[0] ? j->lang : "ja");
}

void book_part(struct pdf_ctx *c, const char *title)
{
	const struct pdf_style *st = c->st;
	int book = c->j->kind != PDF_HANDOUT;
	int dest = draw_add_dest(c->d);
	if (book) {
		lay_newpage(c->L);
		lay_chapter(c->L, -1);	/* no running head on it */
		lay_gap_to(c->L, (st->page_h - st->margin_top - st->margin_bottom) * 0.3);
	} else {
		pdf_want_gap(c, pdf_line(c) * 2);
		pdf_flush_gap(c);
	}
	lay_dest(c->L, dest);
	const char *t = arena_strdup(&c->d->arena, title);
	pdf_open(c, ROLE_PART);	/* its chapters go in it (pdf_layout closes it) */
	book_line(c, pdf_heading_role(c, RANK_CHAPTER), pdf_spaced(c, t), FACE_GOTHIC,
		  book ? 24 : st->heading[RANK_CHAPTER], st->accent, 1.45,
		  book ? LAY_CENTER : LAY_LEFT);
	pdf_add_outline(c, 0, t, dest);
	pdf_add_toc(c, PDF_TOC_PART, t, dest);
	c->gap = book ? 0 : pdf_line(c) * 0.5;
}

void book_handout_title(struct pdf_ctx *c)
{
	const struct pdf_style *st = c->st;
	int dest = draw_add_dest(c->d);
	lay_dest(c->L, dest);
	pdf_add_outline(c, 0, arena_strdup(&c->d->arena, c->j->title), dest);
	book_line(c, ROLE_H1, c->j->title, FACE_GOTHIC, st->heading[RANK_CHAPTER], st->text,
		  1.4, LAY_LEFT);
	if (c->j->subtitle && c->j->subtitle[0])
		book_line(c, ROLE_P, c->j->subtitle, FACE_GOTHIC, st->heading[RANK_SUB], st->accent,
			  1.5, LAY_LEFT);
	char line[256], date[64];
	book_date(c, date, sizeof date);
	snprintf(line, sizeof line, "%s%s%s", c->j->author ? c->j->author : "",
		 c->j->author && c->j->author[0] ? "　" : "", date);
	book_line(c, ROLE_P, line, FACE_MINCHO, st->small_size + 1, st->muted, 1.6, LAY_LEFT);
	lay_rule(c->L, 0, 0, st->accent, 1.2);
	c->gap = pdf_line(c) * 0.5;
}

