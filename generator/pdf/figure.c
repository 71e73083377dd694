/* figure: the same parsed blocks and the same chart geometry as the
 * site (html/block.c), so a figure reads the same on paper: only the
 * canvas and the text sizes differ. Captions follow the book's images
 * (図2-1 under the picture, in Gothic); tables carry their title above
 * them, as Japanese reports do. */
#include "figure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/xalloc.h"
#include "../input/checklist.h"
#include "../model/doc.h"
#include "../passes/blocks.h"
#include "../render/chart.h"
#include "../render/datatable.h"
#include "canvas_pdf.h"
#include "draw.h"
#include "layout.h"
#include "sheet.h"
#include "style.h"

#define FIGURE_CHART_W 400.0	/* charts wider than this get hard to read across */

static int figure_style(const struct figure_ctx *f, int face, double size, uint32_t color)
{
	struct lay_style s = {(uint8_t)face, 0, (float)size, color, -1, 0};
	return lay_style(f->L, &s);
}

/* A paragraph of one style and role: text, then laid out with align. */
static void figure_para(const struct figure_ctx *f, int role, const char *s, int face,
			double size, uint32_t color, uint8_t align, int keep)
{
	lay_open(f->L, role);
	lay_text(f->L, s, strlen(s), figure_style(f, face, size, color));
	struct lay_para p = {.left = f->left, .right = f->right, .pitch = size * 1.6,
			     .align = align, .dest = -1, .keep = (uint8_t)keep};
	lay_para(f->L, &p);
	lay_close(f->L);
}

/* 出典：… and a data set's note, small, under a figure or a table,
 * each kept with what is above it: a source never starts a page. */
static void figure_source(const struct figure_ctx *f, const char *source, const char *note,
			  int illustrative, uint8_t align)
{
	const struct pdf_style *st = f->st;
	if (illustrative) {
		lay_keep(f->L);
		figure_para(f, ROLE_P, "（例）この数値は説明のための例で、実際の調査結果ではありません。",
			    FACE_GOTHIC, st->small_size, st->muted, align, 0);
	}
	if (note) {
		lay_keep(f->L);
		figure_para(f, ROLE_P, note, FACE_MINCHO, st->small_size, st->muted, align, 0);
	}
	if (source) {
		char *s = xasprintf("出典：%s", source);
		lay_keep(f->L);
		figure_para(f, ROLE_P, s, FACE_MINCHO, st->small_size, st->muted, align, 0);
		free(s);
	}
}

/* ---- charts ---------------------------------------------------------- */

static void figure_chart(const struct figure_ctx *f, const struct block *b)
{
	const struct chart *c = &b->u.chart;
	const struct pdf_style *st = f->st;
	double avail = lay_measure(f->L) - f->left - f->right;
	double w = fmin(avail, FIGURE_CHART_W);
	struct chart_style cs = f->blocks->style;
	cs.size = st->table_size;
	struct chart_geom g;
	chart_layout(c, &cs, w, &g);
	struct canvas_pdf cp;
	canvas_pdf_init(&cp, f->d, f->fonts, g.width, g.height);
	chart_draw(&g, &cp.c);
	/* a screen reader hears the title and every figure in one sentence */
	struct buf alt = {0};
	if (c->title && c->title[0]) {
		buf_adds(&alt, c->title);
		buf_adds(&alt, "：");
	}
	chart_describe(c, &alt);
	int fig = lay_open(f->L, ROLE_FIGURE);
	draw_elem_set(f->d, fig, alt.p ? alt.p : "", NULL, NULL);
	draw_tag(&cp.ops, 0, fig);	/* its text and lines are the picture */
	buf_free(&alt);
	lay_drawing(f->L, &cp.ops, f->left + (avail - w) / 2, g.height);
	lay_close(f->L);
	lay_keep(f->L);		/* the caption stays with the chart */
	lay_gap(f->L, st->small_size * 0.5);
	lay_keep(f->L);
	lay_open(f->L, ROLE_CAPTION);
	char *cap = xasprintf("図%d-%d　%s", f->chapter + 1, ++*f->nfigure, c->title ? c->title : "");
	figure_para(f, ROLE_P, cap, FACE_GOTHIC, st->small_size, st->muted, LAY_CENTER, 0);
	free(cap);
	if (c->caption) {
		lay_keep(f->L);
		figure_para(f, ROLE_P, c->caption, FACE_MINCHO, st->small_size, st->muted, LAY_CENTER, 0);
	}
	lay_close(f->L);
	figure_source(f, c->source, c->note, c->illustrative, LAY_CENTER);
	canvas_pdf_free(&cp);
	chart_geom_free(&g);
}

/* ---- tables ---------------------------------------------------------- */

static void figure_cell(const struct figure_ctx *f, int role, const char *s, int face,
			int align)
{
	const struct pdf_style *st = f->st;
	int el = lay_open(f->L, role);
	if (role == ROLE_TH)
		f->d->elems[el].scope = DRAW_SCOPE_COLUMN;
	if (s && s[0])
		lay_text(f->L, s, strlen(s), figure_style(f, face, st->table_size, st->text));
	struct lay_para p = {.pitch = st->table_size * st->table_leading,
			     .align = (uint8_t)align, .dest = -1};
	lay_para(f->L, &p);
	lay_close(f->L);
}

static void figure_table_head(const struct figure_ctx *f, const struct datatable_spec *sp)
{
	lay_row_begin(f->L, 1);
	lay_open(f->L, ROLE_TR);
	for (size_t c = 0; c < sp->ncols; c++) {
		char *h = sp->cols[c].unit ? xasprintf("%s（%s）", sp->cols[c].label, sp->cols[c].unit)
					   : xstrdup(sp->cols[c].label);
		figure_cell(f, ROLE_TH, h, FACE_GOTHIC,
			    datatable_numeric(sp, c) ? LAY_RIGHT : LAY_LEFT);
		free(h);
	}
	lay_close(f->L);
	lay_row_end(f->L);
}

/* A data row; a group's name only on its first row, as in the seed's
 * venue table, and sum rows in Gothic. */
static void figure_table_row(const struct figure_ctx *f, const struct datatable_spec *sp,
			     const struct datatable_row *r)
{
	int sum = r->kind != DATATABLE_ROW;
	lay_row_begin(f->L, 0);
	lay_open(f->L, ROLE_TR);
	for (size_t c = 0; c < sp->ncols; c++) {
		const char *s = (int)c == sp->group && r->in_group ? "" : r->cells[c];
		int face = sum || (int)c == sp->group ? FACE_GOTHIC : FACE_MINCHO;
		figure_cell(f, ROLE_TD, s, face, datatable_numeric(sp, c) ? LAY_RIGHT : LAY_LEFT);
	}
	lay_close(f->L);
	lay_row_end(f->L);
}

static void figure_table(const struct figure_ctx *f, const struct block *b)
{
	const struct datatable_spec *sp = &b->u.table;
	const struct pdf_style *st = f->st;
	struct datatable t;
	datatable_compute(sp, &t);
	lay_open(f->L, ROLE_DIV);	/* the title, the table and its notes */
	figure_para(f, ROLE_CAPTION, sp->title, FACE_GOTHIC, st->table_size, st->text, LAY_LEFT, 1);
	uint8_t *align = xcalloc(sp->ncols + 1, 1);
	for (size_t c = 0; c < sp->ncols; c++)
		align[c] = datatable_numeric(sp, c) ? LAY_RIGHT : LAY_LEFT;
	lay_table_begin(f->L, (int)sp->ncols, align, f->left, f->right);
	free(align);
	lay_open(f->L, ROLE_TABLE);
	figure_table_head(f, sp);
	for (size_t i = 0; i < t.nrows; i++)
		figure_table_row(f, sp, &t.rows[i]);
	lay_close(f->L);
	lay_table_end(f->L);
	if (sp->note || sp->ds->source || sp->ds->note || sp->ds->illustrative)
		lay_keep(f->L);	/* the last row stays with its note and source */
	lay_gap(f->L, st->small_size * 0.4);
	if (sp->note) {
		lay_keep(f->L);
		figure_para(f, ROLE_P, sp->note, FACE_MINCHO, st->small_size, st->muted, LAY_LEFT, 0);
	}
	figure_source(f, sp->ds->source, sp->ds->note, sp->ds->illustrative, LAY_LEFT);
	lay_close(f->L);
	datatable_free(&t);
}

/* ---- checklists ------------------------------------------------------ */

static void figure_checklist(const struct figure_ctx *f, const struct block *b)
{
	const struct block_checklist *bc = &b->u.checklist;
	const struct checklist *cl = bc->cl;
	const struct pdf_style *st = f->st;
	lay_open(f->L, ROLE_DIV);
	figure_para(f, ROLE_CAPTION, bc->title ? bc->title : cl->title, FACE_GOTHIC,
		    st->table_size * 1.1, st->text, LAY_LEFT, 1);
	double avail = lay_measure(f->L) - f->left - f->right;
	sheet_block(f->L, f->d, st, f->fonts, bc, f->variant, f->left, avail);
	if (cl->nnotes || cl->source)
		lay_keep(f->L);
	lay_gap(f->L, st->small_size * 0.4);
	for (size_t i = 0; i < cl->nnotes; i++) {
		lay_keep(f->L);
		figure_para(f, ROLE_P, cl->notes[i], FACE_MINCHO, st->small_size, st->muted,
			    LAY_LEFT, 0);
	}
	figure_source(f, cl->source, NULL, 0, LAY_LEFT);
	lay_close(f->L);
}

int figure_block(const struct figure_ctx *f, const char *file, const struct doc_node *n)
{
	const struct block *b = blocks_find(f->blocks, file, (int)n->line);
	if (b == NULL)
		return 0;
	switch (b->kind) {
	case BLOCK_CHART:
		figure_chart(f, b);
		break;
	case BLOCK_TABLE:
		figure_table(f, b);
		break;
	case BLOCK_CHECKLIST:
		figure_checklist(f, b);
		break;
	}
	return 1;
}
