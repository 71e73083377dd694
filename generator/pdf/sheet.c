/* sheet: the form is drawn row by row; a row that does not fit starts
 * a new page under a repeated header. Question text is broken into
 * lines by fit.c, with the real advances of the font, so the Japanese
 * rules (kinsoku, hanging punctuation) are the book's; the short labels
 * (categories, answers) break between phrases (重要情報|について,
 * 実施して|いる) and their columns are as wide as that needs. */
#include "sheet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../input/checklist.h"
#include "../passes/blocks.h"
#include "draw.h"
#include "fit.h"
#include "font.h"
#include "layout.h"
#include "pdf.h"
#include "../render/linebreak.h"
#include "style.h"

#define SHEET_MM (72.0 / 25.4)
#define SHEET_MARGIN (15 * SHEET_MM)
#define SHEET_PAD 3.0		/* inside a cell */
#define SHEET_NO_W 26.0
#define SHEET_RADIO 11.0	/* a button's side */
#define SHEET_RULE 0x333333
#define SHEET_TINT 0xEEEEEE

struct sheet {
	const struct pdf_style *st;
	struct font *const *fonts;
	const struct checklist *cl;
	struct draw_doc *d;	/* strings go to its arena */
	struct draw_list *page;	/* operations go here */
	int fields;		/* make the answers form fields (the standalone sheet) */
	size_t nans;		/* answer columns: the sheet's answers, or none */
	double cat_w, answer_w;	/* the 項目 column and each answer column */
	const struct checklist_item *item;	/* the row sheet_lay draws */
	double size;		/* body text */
	double x0, x1;		/* the table's left and right edges */
	double y;		/* the next row's top */
	double bottom;		/* the lowest a row may reach */
	const char *cat;	/* the category of the row above on this page */
	int el[8];		/* structure elements open (tagged PDF), innermost last */
	int nel;
	int headers;		/* header rows drawn: the later ones are artifacts */
};

/* ---- structure ------------------------------------------------------- */

static int sheet_open(struct sheet *S, int role)
{
	int e = draw_elem(S->d, S->nel ? S->el[S->nel - 1] : -1, role);
	if (S->nel < (int)(sizeof S->el / sizeof S->el[0]))
		S->el[S->nel++] = e;
	return e;
}

static void sheet_close(struct sheet *S)
{
	if (S->nel > 0)
		S->nel--;
}

/* A header cell of the column below it. */
static void sheet_th(struct sheet *S)
{
	int e = sheet_open(S, ROLE_TH);
	S->d->elems[e].scope = DRAW_SCOPE_COLUMN;
}

/* The element text drawn now belongs to. */
static int sheet_tag(const struct sheet *S)
{
	return S->nel ? S->el[S->nel - 1] : DRAW_ELEM_ARTIFACT;
}

/* ---- text ------------------------------------------------------------ */

static double sheet_width(const struct sheet *S, int face, const char *s, double size)
{
	const struct font *f = S->fonts[face];
	double w = 0;
	for (size_t i = 0, n = strlen(s); i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			k = 1, cp = '?';
		w += (f ? font_advance(f, cp) : 1) * size;
		i += k;
	}
	return w;
}

static void sheet_text(struct sheet *S, double x, double y, int face, double size,
		       const char *s, size_t len)
{
	draw_text(S->d, S->page, x, y, face, size, S->st->text, 0, s, len);
	S->page->ops[S->page->n - 1].tag = sheet_tag(S);
}

/* Breaks s into lines of at most width (fit.c: kinsoku, hanging
 * punctuation); writes each line's byte range. Returns the count. */
static size_t sheet_lines(const struct sheet *S, int face, double size, const char *s,
			  double width, size_t (*range)[2], size_t max)
{
	size_t len = strlen(s), n = 0;
	struct fit_char *c = xcalloc(len + 1, sizeof *c);
	size_t *at = xcalloc(len + 2, sizeof *at);
	const struct font *f = S->fonts[face];
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1, cp = '?';
		c[n] = (struct fit_char){.cp = cp, .w = (float)((f ? font_advance(f, cp) : 1) * size),
					 .em = (float)size};
		at[n++] = i;
		i += k;
	}
	at[n] = len;
	struct fit_params p = {.width = width, .rule = S->st->kinsoku, .prose = 1};
	struct fit_line *lines = NULL;
	size_t nl = n ? fit_break(c, n, &p, &lines) : 0, out = 0;
	for (size_t i = 0; i < nl && out < max; i++, out++) {
		range[out][0] = at[lines[i].start];
		range[out][1] = at[lines[i].end];
	}
	free(lines);
	free(c);
	free(at);
	return out;
}

/* Draws s in lines from top; returns the height used. */
static double sheet_para(struct sheet *S, int face, double size, const char *s, double x,
			 double top, double width)
{
	size_t r[16][2];
	size_t n = sheet_lines(S, face, size, s, width, r, 16);
	double pitch = size * 1.45;
	for (size_t i = 0; i < n; i++)
		sheet_text(S, x, top + pitch * (double)i + size * 0.88, face, size, s + r[i][0],
			   r[i][1] - r[i][0]);
	return pitch * (double)n;
}

static double sheet_para_height(const struct sheet *S, int face, double size, const char *s,
				double width)
{
	size_t r[16][2];
	return size * 1.45 * (double)sheet_lines(S, face, size, s, width, r, 16);
}

/* ---- labels: answers and categories ------------------------------------ */

static int sheet_kanji(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0x3005;
}

static int sheet_hiragana(uint32_t cp)
{
	return cp >= 0x3041 && cp <= 0x309F;
}

static int sheet_katakana(uint32_t cp)
{
	return cp >= 0x30A1 && cp <= 0x30FC && cp != 0x30FB;
}

/* How good a break between cps[k-1] and cps[k] of a short label is:
 * 実施して|いる (before the auxiliary いる), 一部実施|している and
 * パスワード|について (kanji or katakana, then hiragana), わから|ない
 * (before a final ない); anything else 0. */
static double sheet_label_join(const uint32_t *cps, size_t n, size_t k)
{
	uint32_t a = cps[k - 1], b = cps[k];
	if ((a == 0x3066 || a == 0x3067) && b == 0x3044)	/* て|い, で|い */
		return 3;
	if ((sheet_kanji(a) || sheet_katakana(a)) && sheet_hiragana(b))
		return 2;
	if (k + 2 == n && b == 0x306A && cps[k + 1] == 0x3044)	/* |ない */
		return 2;
	return 0;
}

/* The best place to break a label in two lines at most width wide (or
 * any width, when width <= 0): the best join, less half a point per em
 * of difference between the lines. Returns the byte offset, or 0 when
 * no break fits; *need gets the wider line's width. */
static size_t sheet_label_split(const struct sheet *S, int face, double size, const char *s,
				double width, double *need)
{
	size_t len = strlen(s), n = 0;
	uint32_t *cps = xcalloc(len + 1, sizeof *cps);
	size_t *at = xcalloc(len + 1, sizeof *at);
	double *x = xcalloc(len + 2, sizeof *x);
	const struct font *f = S->fonts[face];
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1, cp = '?';
		cps[n] = cp;
		at[n] = i;
		x[n + 1] = x[n] + (f ? font_advance(f, cp) : 1) * size;
		n++;
		i += k;
	}
	uint8_t *brk = xcalloc(n + 1, 1);
	if (n)
		linebreak_find(cps, n, S->st->kinsoku, brk);
	size_t best = 0;
	double best_score = 0;
	*need = 0;
	for (size_t k = 1; k < n; k++) {
		double w1 = x[k], w2 = x[n] - x[k], wide = w1 > w2 ? w1 : w2;
		if (brk[k - 1] == LINEBREAK_NO || (width > 0 && wide > width))
			continue;
		double score = sheet_label_join(cps, n, k) - (w1 > w2 ? w1 - w2 : w2 - w1) / size * 0.5;
		if (best == 0 || score > best_score) {
			best = k;
			best_score = score;
			*need = wide;
		}
	}
	size_t off = best ? at[best] : 0;
	free(cps);
	free(at);
	free(x);
	free(brk);
	return off;
}

/* A label's lines (an answer, a category): one when it fits, else two
 * broken at the best join that fits, else as fit.c breaks it. */
static size_t sheet_label_lines(const struct sheet *S, int face, double size, const char *s,
				double width, size_t (*range)[2], size_t max)
{
	size_t len = strlen(s);
	double need;
	if (sheet_width(S, face, s, size) <= width || max < 2)
		return sheet_lines(S, face, size, s, width, range, max);
	size_t k = sheet_label_split(S, face, size, s, width, &need);
	if (k == 0)
		return sheet_lines(S, face, size, s, width, range, max);
	range[0][0] = 0;
	range[0][1] = k;
	range[1][0] = k;
	range[1][1] = len;
	return 2;
}

/* Draws a label in lines from top, left-aligned. */
static void sheet_label(struct sheet *S, int face, double size, const char *s, double x,
			double top, double width)
{
	size_t r[16][2];
	size_t n = sheet_label_lines(S, face, size, s, width, r, 16);
	for (size_t i = 0; i < n; i++)
		sheet_text(S, x, top + size * 1.45 * (double)i + size * 0.88, face, size,
			   s + r[i][0], r[i][1] - r[i][0]);
}

static double sheet_label_height(const struct sheet *S, int face, double size, const char *s,
				 double width)
{
	size_t r[16][2];
	return size * 1.45 * (double)sheet_label_lines(S, face, size, s, width, r, 16);
}

/* How many lines the tallest answer label takes. */
static size_t sheet_label_count(const struct sheet *S, double size)
{
	size_t most = 1, r[16][2];
	for (size_t a = 0; a < S->nans; a++) {
		size_t n = sheet_label_lines(S, FACE_GOTHIC, size, S->cl->answers[a].label,
					     S->answer_w - 2 * SHEET_PAD, r, 16);
		if (n > most)
			most = n;
	}
	return most;
}

/* ---- the table ------------------------------------------------------- */

/* An empty ring to mark by hand, on a printed sheet without fields. */
static void sheet_ring(struct sheet *S, double cx, double cy)
{
	draw_circle(S->page, cx, cy, SHEET_RADIO / 2 - 0.5, DRAW_NONE, SHEET_RULE, 0.7);
}

static double sheet_question_w(const struct sheet *S)
{
	return S->x1 - S->x0 - SHEET_NO_W - S->cat_w -
	       S->answer_w * (double)S->nans;
}

static double sheet_answer_x(const struct sheet *S, size_t a)
{
	return S->x1 - S->answer_w * (double)(S->nans - a);
}

static void sheet_vlines(struct sheet *S, double top, double bottom)
{
	double xs[3] = {S->x0, S->x0 + SHEET_NO_W, S->x0 + SHEET_NO_W + S->cat_w};
	for (int i = 0; i < 3; i++)
		draw_line(S->page, xs[i], top, xs[i], bottom, SHEET_RULE, 0.6, DRAW_SOLID);
	for (size_t a = 0; a <= S->nans; a++)
		draw_line(S->page, a < S->nans ? sheet_answer_x(S, a) : S->x1, top,
			  a < S->nans ? sheet_answer_x(S, a) : S->x1, bottom, SHEET_RULE,
			  0.6, DRAW_SOLID);
}

static double sheet_header_height(const struct sheet *S)
{
	double small = S->size * 0.8;
	size_t n = sheet_label_count(S, small);
	return small * 1.45 * (double)(n > 2 ? n : 2) + 2 * SHEET_PAD;
}

/* No. | 項目 | 内容 | チェック: the answers, each label in small lines. */
static void sheet_header(struct sheet *S)
{
	double small = S->size * 0.8, h = sheet_header_height(S);
	double top = S->y;
	size_t from = S->page->n;
	int first = S->headers++ == 0;
	if (first)
		sheet_open(S, ROLE_TR);
	draw_rect(S->page, S->x0, top, S->x1 - S->x0, h, SHEET_TINT, DRAW_NONE, 0);
	draw_line(S->page, S->x0, top, S->x1, top, SHEET_RULE, 0.8, DRAW_SOLID);
	const char *heads[3] = {"No.", "項目", "内容"};
	double xs[3] = {S->x0, S->x0 + SHEET_NO_W, S->x0 + SHEET_NO_W + S->cat_w};
	for (int i = 0; i < 3; i++) {
		sheet_th(S);
		sheet_text(S, xs[i] + SHEET_PAD, top + h / 2 + S->size * 0.35, FACE_GOTHIC, S->size,
			   heads[i], strlen(heads[i]));
		sheet_close(S);
	}
	for (size_t a = 0; a < S->nans; a++) {
		sheet_th(S);
		const char *label = S->cl->answers[a].label;
		double lw = S->answer_w - 2 * SHEET_PAD, pitch = small * 1.45;
		size_t r[16][2];
		size_t n = sheet_label_lines(S, FACE_GOTHIC, small, label, lw, r, 16);
		double lh = pitch * (double)n, x = sheet_answer_x(S, a);
		for (size_t i = 0; i < n; i++) {
			/* each line centred over the buttons */
			char *line = xasprintf("%.*s", (int)(r[i][1] - r[i][0]), label + r[i][0]);
			double w = sheet_width(S, FACE_GOTHIC, line, small);
			sheet_text(S, x + (S->answer_w - w) / 2, top + (h - lh) / 2 + pitch * (double)i +
				   small * 0.88, FACE_GOTHIC, small, line, strlen(line));
			free(line);
		}
		sheet_close(S);
	}
	sheet_vlines(S, top, top + h);
	draw_line(S->page, S->x0, top + h, S->x1, top + h, SHEET_RULE, 0.8, DRAW_SOLID);
	if (first)
		sheet_close(S);
	else	/* read once, above the first rows */
		draw_tag(S->page, from, DRAW_ELEM_HEADER);
	S->y = top + h;
	S->cat = NULL;
}

static void sheet_newpage(struct sheet *S)
{
	S->page = draw_add_page(S->d);
	S->y = SHEET_MARGIN;
}

static double sheet_instruction_height(const struct sheet *S)
{
	double w = S->x1 - S->x0 - 2 * SHEET_PAD;
	return sheet_para_height(S, FACE_GOTHIC, S->size * 0.9, S->cl->instruction, w) +
	       2 * SHEET_PAD;
}

/* 以下の項目について…: a row across the whole table. */
static void sheet_instruction(struct sheet *S)
{
	if (S->cl->instruction == NULL)
		return;
	double w = S->x1 - S->x0 - 2 * SHEET_PAD;
	double h = sheet_instruction_height(S);
	sheet_open(S, ROLE_TR);
	sheet_open(S, ROLE_TD);
	sheet_para(S, FACE_GOTHIC, S->size * 0.9, S->cl->instruction, S->x0 + SHEET_PAD,
		   S->y + SHEET_PAD, w);
	sheet_close(S);
	sheet_close(S);
	draw_line(S->page, S->x0, S->y, S->x0, S->y + h, SHEET_RULE, 0.6, DRAW_SOLID);
	draw_line(S->page, S->x1, S->y, S->x1, S->y + h, SHEET_RULE, 0.6, DRAW_SOLID);
	draw_line(S->page, S->x0, S->y + h, S->x1, S->y + h, SHEET_RULE, 0.6, DRAW_SOLID);
	S->y += h;
}

static double sheet_row_height(const struct sheet *S, const struct checklist_item *it)
{
	double q = sheet_para_height(S, FACE_MINCHO, S->size, it->question,
				     sheet_question_w(S) - 2 * SHEET_PAD);

	double c = sheet_label_height(S, FACE_GOTHIC, S->size * 0.9, it->category,
				      S->cat_w - 2 * SHEET_PAD);
	double h = (q > c ? q : c) + 2 * SHEET_PAD;
	return h > SHEET_RADIO + 2 * SHEET_PAD ? h : SHEET_RADIO + 2 * SHEET_PAD;
}

static void sheet_buttons(struct sheet *S, const struct checklist_item *it, double top, double h)
{
	if (!S->fields) {
		for (size_t a = 0; a < S->nans; a++) {
			sheet_open(S, ROLE_TD);	/* empty: the ring is to mark by hand */
			sheet_ring(S, sheet_answer_x(S, a) + S->answer_w / 2, top + h / 2);
			sheet_close(S);
		}
		return;
	}
	char name[16];
	snprintf(name, sizeof name, "q%d", it->no);
	int page = (int)S->d->npages - 1;
	for (size_t a = 0; a < S->nans; a++) {
		double x = sheet_answer_x(S, a) + (S->answer_w - SHEET_RADIO) / 2;
		sheet_open(S, ROLE_TD);
		int form = sheet_open(S, ROLE_FORM);
		char *tip = xasprintf("No.%d %s：%s", it->no, it->question, S->cl->answers[a].label);
		draw_field(S->d, page, x, top + (h - SHEET_RADIO) / 2, SHEET_RADIO, SHEET_RADIO, name,
			   S->cl->answers[a].id, tip, form);
		free(tip);
		sheet_close(S);
		sheet_close(S);
	}
}

/* One item. Rows of one category share its cell, as in the seed: the
 * name is written on the first, and no rule divides them there. */
static void sheet_row(struct sheet *S, const struct checklist_item *it)
{
	double h = sheet_row_height(S, it);
	if (S->fields && S->y + h > S->bottom) {
		sheet_newpage(S);
		sheet_header(S);
	}
	double top = S->y, xq = S->x0 + SHEET_NO_W + S->cat_w;
	int same = S->cat && strcmp(S->cat, it->category) == 0;
	char no[16];
	snprintf(no, sizeof no, "%d", it->no);
	double nw = sheet_width(S, FACE_GOTHIC, no, S->size);
	sheet_open(S, ROLE_TR);
	sheet_open(S, ROLE_TD);
	sheet_text(S, S->x0 + (SHEET_NO_W - nw) / 2, top + SHEET_PAD + S->size * 0.88, FACE_GOTHIC,
		   S->size, no, strlen(no));
	sheet_close(S);
	sheet_open(S, ROLE_TD);	/* empty under a category's first row */
	if (!same)
		sheet_label(S, FACE_GOTHIC, S->size * 0.9, it->category, S->x0 + SHEET_NO_W + SHEET_PAD,
			    top + SHEET_PAD, S->cat_w - 2 * SHEET_PAD);
	sheet_close(S);
	sheet_open(S, ROLE_TD);
	sheet_para(S, FACE_MINCHO, S->size, it->question, xq + SHEET_PAD, top + SHEET_PAD,
		   sheet_question_w(S) - 2 * SHEET_PAD);
	sheet_close(S);
	sheet_buttons(S, it, top, h);
	sheet_close(S);
	sheet_vlines(S, top, top + h);
	/* the rule above: across No., and across 項目 only when it changes */
	draw_line(S->page, same ? xq : S->x0, top, S->x1, top, SHEET_RULE, 0.6, DRAW_SOLID);
	if (same)
		draw_line(S->page, S->x0, top, S->x0 + SHEET_NO_W, top, SHEET_RULE, 0.6, DRAW_SOLID);
	draw_line(S->page, S->x0, top + h, S->x1, top + h, SHEET_RULE, 0.6, DRAW_SOLID);
	S->cat = it->category;
	S->y += h;
}

/* The answer columns as wide as their labels set in two lines at a
 * good break need (up to half as wide again); the 項目 column as wide
 * as its longest category (of the rows shown; bc NULL: all that apply
 * to v) when that leaves the questions 22 em, else as wide as the
 * categories need in two lines broken at a good place (重要情報|について),
 * and never more than two fifths of what the answers leave. */
static void sheet_columns(struct sheet *S, const struct block_checklist *bc,
			  const struct variant *v)
{
	const struct checklist *cl = S->cl;
	double small = S->size * 0.8, most = 0, size = S->size * 0.9, slack = 2 * SHEET_PAD + 0.5;
	for (size_t a = 0; a < S->nans; a++) {
		const char *label = cl->answers[a].label;
		double need = sheet_width(S, FACE_GOTHIC, label, small);
		if (need > S->answer_w - 2 * SHEET_PAD)
			sheet_label_split(S, FACE_GOTHIC, small, label, 0, &need);
		if (need > most)
			most = need;
	}
	if (most + slack > S->answer_w)
		S->answer_w = fmin(most + slack, S->answer_w * 1.5);
	double head = sheet_width(S, FACE_GOTHIC, "項目", S->size) + S->size;
	double whole = head, split = head;
	for (size_t i = 0; i < cl->nitems; i++) {
		if ((bc && !blocks_shows(bc, (int)i)) || !checklist_applies(&cl->items[i], v))
			continue;
		const char *cat = cl->items[i].category;
		double w = sheet_width(S, FACE_GOTHIC, cat, size), two = w;
		if (sheet_label_split(S, FACE_GOTHIC, size, cat, 0, &two) == 0)
			two = w;
		whole = fmax(whole, w);
		split = fmax(split, two);
	}
	double rest = S->x1 - S->x0 - SHEET_NO_W - S->answer_w * (double)S->nans;
	double cat = rest - (whole + slack) >= S->size * 22 ? whole : split;
	S->cat_w = fmin(cat + slack, rest * 0.4);
}

/* ---- the head and the foot -------------------------------------------- */

static void sheet_line(struct sheet *S, int role, const char *s, int face, double size,
		       double gap)
{
	if (s == NULL)
		return;
	sheet_open(S, role);
	S->y += sheet_para(S, face, size, s, S->x0, S->y, S->x1 - S->x0) + gap;
	sheet_close(S);
}

/* 確認日: ____ 確認者: ____ at the right, each a text field. */
static void sheet_fields(struct sheet *S)
{
	static const char *const labels[2][2] = {{"確認日:", "date"}, {"確認者:", "checker"}};
	double fw = 110, x = S->x1 - 2 * (fw + 50), h = S->size * 1.6;
	int page = (int)S->d->npages - 1;
	for (int i = 0; i < 2; i++) {
		double lw = sheet_width(S, FACE_GOTHIC, labels[i][0], S->size);
		sheet_open(S, ROLE_P);
		sheet_text(S, x, S->y + h - 4, FACE_GOTHIC, S->size, labels[i][0], strlen(labels[i][0]));
		draw_line(S->page, x + lw + 4, S->y + h, x + lw + 4 + fw, S->y + h, SHEET_RULE, 0.6,
			  DRAW_SOLID);
		int form = sheet_open(S, ROLE_FORM);
		draw_field(S->d, page, x + lw + 4, S->y, fw, h, labels[i][1], NULL, labels[i][0], form);
		sheet_close(S);
		sheet_close(S);
		x += fw + 50 + 20;
	}
	S->y += h + S->size;
}

static void sheet_head(struct sheet *S)
{
	const struct checklist *cl = S->cl;
	sheet_line(S, ROLE_H1, cl->title, FACE_GOTHIC, S->size * 1.6, S->size * 0.6);
	sheet_line(S, ROLE_P, cl->subtitle, FACE_GOTHIC, S->size * 1.1, S->size * 0.5);
	sheet_line(S, ROLE_P, cl->lead, FACE_MINCHO, S->size, 0);
	sheet_line(S, ROLE_P, cl->respondent, FACE_MINCHO, S->size * 0.9, S->size * 0.6);
	sheet_fields(S);
}

/* Under the table: the items' notes (No.10's 補足, shown under the item
 * on the site; here a line each, so the sheet stays one page), the
 * checklist's notes, the source. */
static void sheet_foot(struct sheet *S, const struct variant *v)
{
	double small = S->st->small_size;
	const struct checklist *cl = S->cl;
	size_t nitem = 0;
	const struct checklist_item **items = xcalloc(cl->nitems + 1, sizeof *items);
	for (size_t i = 0; i < cl->nitems; i++)
		if (cl->items[i].note && checklist_applies(&cl->items[i], v))
			items[nitem++] = &cl->items[i];
	S->y += small;
	for (size_t i = 0; i < nitem + cl->nnotes + 1; i++) {
		const char *s = i >= nitem && i - nitem < cl->nnotes ? cl->notes[i - nitem] : NULL;
		char *src = i < nitem ? xasprintf("No.%d：%s", items[i]->no, items[i]->note)
			  : s ? NULL : xasprintf("出典：%s", cl->source);
		const char *text = s ? s : src;
		double h = sheet_para_height(S, FACE_MINCHO, small, text, S->x1 - S->x0);
		if (S->y + h > S->bottom + SHEET_MARGIN * 0.5)
			sheet_newpage(S);
		sheet_open(S, i < nitem ? ROLE_NOTE : ROLE_P);
		S->y += sheet_para(S, FACE_MINCHO, small, text, S->x0, S->y, S->x1 - S->x0);
		sheet_close(S);
		free(src);
	}
	free(items);
}

int sheet_layout(const struct pdf_env *e, const struct checklist *cl, const struct variant *v,
		 struct draw_doc *out)
{
	struct sheet S = {.st = &e->st, .fonts = e->fonts, .cl = cl, .d = out, .fields = 1,
			  .nans = cl->nanswers, .cat_w = 80, .answer_w = 44, .size = 9};
	out->page_w = e->st.page_w;
	out->page_h = e->st.page_h;
	out->title = arena_strdup(&out->arena, cl->title);
	out->creator = e->creator;
	out->date = e->date;
	S.x0 = SHEET_MARGIN;
	S.x1 = out->page_w - SHEET_MARGIN;
	S.bottom = out->page_h - SHEET_MARGIN;
	sheet_columns(&S, NULL, v);
	sheet_newpage(&S);
	sheet_open(&S, ROLE_DOCUMENT);
	sheet_head(&S);
	sheet_open(&S, ROLE_TABLE);
	sheet_header(&S);
	sheet_instruction(&S);
	for (size_t i = 0; i < cl->nitems; i++)
		if (checklist_applies(&cl->items[i], v))
			sheet_row(&S, &cl->items[i]);
	sheet_close(&S);
	sheet_foot(&S, v);
	return (int)out->npages;
}

/* Each row a drawing of its own, so the layout may break the page
 * between rows (see sheet_block for where it may not). */
static void sheet_lay(struct sheet *S, struct lay *L, double left, void (*row)(struct sheet *),
		      int keep)
{
	struct draw_list ops = {0};
	S->page = &ops;
	S->y = 0;
	row(S);
	lay_drawing(L, &ops, left, S->y);
	if (keep)
		lay_keep(L);
	draw_free_list(&ops);
}

static void sheet_item_row(struct sheet *S)
{
	sheet_row(S, S->item);
}

void sheet_block(struct lay *L, struct draw_doc *d, const struct pdf_style *st,
		 struct font *const *fonts, const struct block_checklist *bc,
		 const struct variant *v, double left, double width)
{
	const struct checklist *cl = bc->cl;
	struct sheet S = {.st = st, .fonts = fonts, .cl = cl, .d = d, .size = st->table_size,
			  .nans = bc->form ? cl->nanswers : 0, .cat_w = 64, .answer_w = 36,
			  .x0 = 0, .x1 = width, .el = {lay_current(L)}, .nel = 1};
	sheet_open(&S, ROLE_TABLE);
	sheet_columns(&S, bc, v);
	int instruction = bc->nnos == 0 && bc->category == NULL;
	/* a sheet shorter than a page (its title above it) moves whole;
	 * a longer one keeps its header with two rows and its last row
	 * with the one before */
	size_t n = 0;
	double h = sheet_header_height(&S);
	if (instruction && cl->instruction)
		h += sheet_instruction_height(&S);
	for (size_t i = 0; i < cl->nitems; i++)
		if (blocks_shows(bc, (int)i) && checklist_applies(&cl->items[i], v)) {
			h += sheet_row_height(&S, &cl->items[i]);
			n++;
		}
	int whole = h + st->table_size * 4 <= style_body_height(st);
	sheet_lay(&S, L, left, sheet_header, 1);
	if (instruction)
		sheet_lay(&S, L, left, sheet_instruction, 1);
	size_t k = 0;
	for (size_t i = 0; i < cl->nitems; i++) {
		if (!blocks_shows(bc, (int)i) || !checklist_applies(&cl->items[i], v))
			continue;
		S.item = &cl->items[i];
		k++;
		sheet_lay(&S, L, left, sheet_item_row, k < n && (whole || k == 1 || k + 1 == n));
	}
}
