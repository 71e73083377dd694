/* block: figures are shown twice on purpose: drawn (SVG, for the eye)
 * and as a table (for screen readers, copying and print). Ids are made
 * from the block's line, so two charts on a page never clash and the
 * output does not depend on build order. */
#include "block.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/xalloc.h"
#include "../input/checklist.h"
#include "../model/doc.h"
#include "../model/site.h"
#include "../passes/blocks.h"
#include "../passes/xref.h"
#include "../render/chart.h"
#include "../render/datatable.h"
#include "../render/numfmt.h"
#include "canvas_svg.h"
#include "html.h"

/* The width charts are laid out for: about a phone's width in CSS
 * pixels, so the text stays readable when the SVG scales down. */
#define BLOCK_CHART_WIDTH 360.0

static void block_esc(struct buf *out, const char *s)
{
	html_escape(out, s, strlen(s));
}

static void block_source(struct buf *out, const char *cls, const char *source,
			 const char *note, int illustrative)
{
	if (note) {
		buf_addf(out, "<p class=\"%s\">", cls);
		block_esc(out, note);
		buf_adds(out, "</p>\n");
	}
	if (illustrative)
		buf_addf(out, "<p class=\"%s\">（例）この数値は説明のための例で、実際の調査結果ではありません。</p>\n",
			 cls);
	if (source) {
		buf_addf(out, "<p class=\"%s\">出典：", cls);
		block_esc(out, source);
		buf_adds(out, "</p>\n");
	}
}

/* ---- charts -------------------------------------------------------- */

static void block_chart_header(struct buf *out, const struct chart *c)
{
	buf_adds(out, "<tr><th scope=\"col\">");
	block_esc(out, c->cat_label ? c->cat_label : "項目");
	buf_adds(out, "</th>");
	for (size_t s = 0; s < c->nser; s++) {
		buf_adds(out, "<th scope=\"col\" class=\"num\">");
		block_esc(out, c->sers[s]);
		if (c->unit)
			buf_addf(out, "（%s）", c->unit);
		buf_adds(out, "</th>");
	}
	if (c->percent)
		buf_adds(out, "<th scope=\"col\" class=\"num\">割合</th>");
	buf_adds(out, "</tr>\n");
}

/* The chart's figures as a table: values as written, shares too when
 * the chart shows shares. */
static void block_chart_table(struct buf *out, const struct chart *c)
{
	struct chart plain = *c;
	plain.percent = 0;
	plain.unit = NULL;
	buf_adds(out, "<details class=\"chart-data\">\n<summary>数値を表で見る</summary>\n"
		      "<table>\n<thead>\n");
	block_chart_header(out, c);
	buf_adds(out, "</thead>\n<tbody>\n");
	for (size_t i = 0; i < c->ncat; i++) {
		buf_adds(out, "<tr><th scope=\"row\">");
		block_esc(out, c->cats[i]);
		buf_adds(out, "</th>");
		for (size_t s = 0; s < c->nser; s++) {
			buf_adds(out, "<td class=\"num\">");
			chart_format(&plain, c->v[i * c->nser + s], out);
			buf_adds(out, "</td>");
		}
		if (c->percent && c->nser == 1) {
			buf_adds(out, "<td class=\"num\">");
			chart_format(c, chart_value(c, i, 0), out);
			buf_adds(out, "</td>");
		}
		buf_adds(out, "</tr>\n");
	}
	buf_adds(out, "</tbody>\n");
	if (c->nser == 1 && c->ncat > 1) {
		buf_adds(out, "<tfoot><tr><th scope=\"row\">合計</th><td class=\"num\">");
		chart_format(&plain, chart_total(c, 0), out);
		buf_adds(out, c->percent ? "</td><td class=\"num\">100.0%</td></tr></tfoot>\n"
					 : "</td></tr></tfoot>\n");
	}
	buf_adds(out, "</table>\n</details>\n");
}

static void block_svg(struct buf *out, const struct chart *c, const struct chart_style *st)
{
	struct chart_geom g;
	chart_layout(c, st, BLOCK_CHART_WIDTH, &g);
	buf_adds(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
	canvas_svg_num(out, g.width);
	buf_addc(out, ' ');
	canvas_svg_num(out, g.height);
	buf_adds(out, "\" width=\"");
	canvas_svg_num(out, g.width);
	buf_adds(out, "\" height=\"");
	canvas_svg_num(out, g.height);
	/* <title> names the image and <desc> describes it (SVG-AAM), so
	 * no ids are needed; the font comes from the page's CSS */
	buf_adds(out, "\" role=\"img\">\n<title>");
	block_esc(out, c->title ? c->title : "");
	buf_adds(out, "</title>\n<desc>");
	struct buf desc = {0};
	chart_describe(c, &desc);
	block_esc(out, desc.p ? desc.p : "");
	buf_free(&desc);
	buf_adds(out, "</desc>\n");
	struct canvas_svg cv;
	canvas_svg_init(&cv, out, g.width, g.height);
	chart_draw(&g, &cv.base);
	buf_adds(out, "</svg>\n");
	chart_geom_free(&g);
}

static void block_chart(struct buf *out, const struct block *b, const struct site *s)
{
	static const char *types[] = {"bar", "hbar", "stacked", "pie", "donut", "line"};
	const struct chart *c = &b->u.chart;
	char *id = xasprintf("chart-%d", b->line);
	buf_addf(out, "<figure class=\"chart chart-%s\" id=\"%s\">\n", types[c->type], id);
	if (c->title) {
		buf_adds(out, "<figcaption class=\"chart-title\">");
		block_esc(out, c->title);
		buf_adds(out, "</figcaption>\n");
	}
	block_svg(out, c, &s->blocks->style);
	if (c->caption) {
		buf_adds(out, "<p class=\"chart-caption\">");
		block_esc(out, c->caption);
		buf_adds(out, "</p>\n");
	}
	block_source(out, "chart-source", c->source, c->note, c->illustrative);
	block_chart_table(out, c);
	buf_adds(out, "</figure>\n");
	free(id);
}

/* ---- tables -------------------------------------------------------- */

static void block_table_head(struct buf *out, const struct datatable_spec *sp)
{
	buf_adds(out, "<thead>\n<tr>");
	for (size_t c = 0; c < sp->ncols; c++) {
		buf_adds(out, datatable_numeric(sp, c) ? "<th scope=\"col\" class=\"num\">"
						       : "<th scope=\"col\">");
		block_esc(out, sp->cols[c].label);
		if (sp->cols[c].unit)
			buf_addf(out, "（%s）", sp->cols[c].unit);
		buf_adds(out, "</th>");
	}
	buf_adds(out, "</tr>\n</thead>\n");
}

/* A sum row: the label cell spans the empty cells after it. */
static void block_sum_row(struct buf *out, const struct datatable *t, const struct datatable_row *r)
{
	const struct datatable_spec *sp = t->spec;
	int sub = r->kind == DATATABLE_SUBTOTAL;
	buf_addf(out, "<tr class=\"%s\">", sub ? "subtotal" : "total");
	size_t c = sub && sp->group >= 0 ? 1 : 0;
	while (c < sp->ncols) {
		if (r->cells[c][0] && !datatable_numeric(sp, c)) {
			size_t span = 1;
			while (c + span < sp->ncols && !r->cells[c + span][0])
				span++;
			buf_adds(out, "<th scope=\"row\"");
			if (span > 1)
				buf_addf(out, " colspan=\"%zu\"", span);
			buf_addc(out, '>');
			block_esc(out, r->cells[c]);
			buf_adds(out, "</th>");
			c += span;
			continue;
		}
		buf_adds(out, datatable_numeric(sp, c) ? "<td class=\"num\">" : "<td>");
		block_esc(out, r->cells[c]);
		buf_adds(out, "</td>");
		c++;
	}
	buf_adds(out, "</tr>\n");
}

static void block_data_row(struct buf *out, const struct datatable *t, const struct datatable_row *r)
{
	const struct datatable_spec *sp = t->spec;
	buf_adds(out, "<tr>");
	for (size_t c = 0; c < sp->ncols; c++) {
		if ((int)c == sp->group) {
			if (r->in_group)
				continue;	/* under the group cell's rowspan */
			buf_adds(out, "<th scope=\"rowgroup\"");
			if (r->span > 1)
				buf_addf(out, " rowspan=\"%zu\"", r->span);
			buf_addc(out, '>');
			block_esc(out, r->cells[c]);
			buf_adds(out, "</th>");
			continue;
		}
		buf_adds(out, datatable_numeric(sp, c) ? "<td class=\"num\">"
			      : sp->cols[c].type == DATASET_DATE ? "<td class=\"date\">" : "<td>");
		block_esc(out, r->cells[c]);
		buf_adds(out, "</td>");
	}
	buf_adds(out, "</tr>\n");
}

static void block_table(struct buf *out, const struct block *b)
{
	const struct datatable_spec *sp = &b->u.table;
	struct datatable t;
	datatable_compute(sp, &t);
	buf_addf(out, "<div class=\"table-wrap datatable-wrap\" id=\"table-%d\">\n"
		      "<table class=\"datatable\">\n<caption>", b->line);
	block_esc(out, sp->title);
	buf_adds(out, "</caption>\n");
	block_table_head(out, sp);
	int open = 0;
	for (size_t i = 0; i < t.nrows; i++) {
		const struct datatable_row *r = &t.rows[i];
		if (r->kind == DATATABLE_TOTAL) {
			if (open)
				buf_adds(out, "</tbody>\n");
			buf_adds(out, "<tfoot>\n");
			block_sum_row(out, &t, r);
			buf_adds(out, "</tfoot>\n");
			open = 0;
			continue;
		}
		/* a tbody per group, so the group cell spans exactly its rows */
		if (!open || (sp->group >= 0 && !r->in_group && r->kind == DATATABLE_ROW)) {
			buf_adds(out, open ? "</tbody>\n<tbody>\n" : "<tbody>\n");
			open = 1;
		}
		if (r->kind == DATATABLE_SUBTOTAL)
			block_sum_row(out, &t, r);
		else
			block_data_row(out, &t, r);
	}
	if (open)
		buf_adds(out, "</tbody>\n");
	buf_adds(out, "</table>\n</div>\n");
	if (sp->note) {
		buf_adds(out, "<p class=\"table-note\">");
		block_esc(out, sp->note);
		buf_adds(out, "</p>\n");
	}
	block_source(out, "table-source", sp->ds->source, sp->ds->note, sp->ds->illustrative);
	datatable_free(&t);
}

/* ---- checklists ---------------------------------------------------- */

static void block_href(struct buf *out, const char *from, const char *to, const char *anchor)
{
	char *rel = from ? xref_relative(from, to) : xstrdup(to);
	html_escape_href(out, rel, strlen(rel));
	if (anchor) {
		buf_addc(out, '#');
		html_escape_href(out, anchor, strlen(anchor));
	}
	free(rel);
}

static void block_lessons(struct buf *out, const char *url, const struct checklist_item *it)
{
	if (it->nlessons == 0)
		return;
	buf_adds(out, "<span class=\"checklist-lessons\">解説：");
	for (size_t l = 0; l < it->nlessons; l++) {
		const struct checklist_lesson *ls = &it->lessons[l];
		if (ls->page == NULL)
			continue;
		if (l)
			buf_adds(out, "、");
		buf_adds(out, "<a href=\"");
		block_href(out, url, ls->page->url, ls->anchor);
		buf_adds(out, "\">");
		block_esc(out, ls->page->title ? ls->page->title : ls->source);
		if (ls->heading) {
			buf_adds(out, "「");
			block_esc(out, ls->heading);
			buf_adds(out, "」");
		}
		buf_adds(out, "</a>");
	}
	buf_adds(out, "</span>");
}

/* data-size / data-industry, as ::: only blocks have, for js/profile.js. */
static void block_audience(struct buf *out, const struct checklist_item *it)
{
	static const char *keys[AXIS__COUNT] = {[AXIS_SIZE] = "size", [AXIS_INDUSTRY] = "industry"};
	for (int a = 0; a < AXIS__COUNT; a++) {
		if (it->only[a] == NULL)
			continue;
		buf_addf(out, " data-%s=\"", keys[a]);
		for (const char *v = it->only[a]; *v; v++)
			if (*v == ',')
				buf_addc(out, ' ');
			else
				html_escape(out, v, 1);
		buf_addc(out, '"');
	}
}

/* id: the form's, so each question's id is unique on the page; every
 * answer is described by its question for screen readers. */
static void block_item(struct buf *out, const struct checklist *cl, size_t i, const char *url,
		       int form, const char *id)
{
	const struct checklist_item *it = &cl->items[i];
	buf_addf(out, "<tr class=\"checklist-item\" data-no=\"%d\" data-category=\"", it->no);
	block_esc(out, it->category);
	buf_addc(out, '"');
	block_audience(out, it);
	buf_addf(out, ">\n<td class=\"no\">%d</td>\n", it->no);
	buf_addf(out, "<td class=\"question\"><span class=\"question-text\" id=\"%s-q%d\">", id,
		 it->no);
	block_esc(out, it->question);
	buf_adds(out, "</span>");
	if (it->note) {
		buf_adds(out, "<span class=\"question-note\">");
		block_esc(out, it->note);
		buf_adds(out, "</span>");
	}
	block_lessons(out, url, it);
	buf_adds(out, "</td>\n");
	for (size_t a = 0; form && a < cl->nanswers; a++) {
		buf_addf(out, "<td class=\"answer\"><label><input type=\"radio\" name=\"q%d\" value=\"",
			 it->no);
		block_esc(out, cl->answers[a].id);
		buf_addf(out, "\" data-points=\"%d\" aria-describedby=\"%s-q%d\">"
			      "<span class=\"answer-label\">", cl->answers[a].points, id, it->no);
		block_esc(out, cl->answers[a].label);
		buf_adds(out, "</span></label></td>\n");
	}
	buf_adds(out, "</tr>\n");
}

/* Items of one category in a row are a group under a heading row, as
 * the seed's sheet merges their category cells. */
static void block_category(struct buf *out, const char *cat, size_t cols, int first)
{
	buf_adds(out, first ? "<tbody>\n" : "</tbody>\n<tbody>\n");
	buf_addf(out, "<tr class=\"checklist-category\"><th colspan=\"%zu\" scope=\"rowgroup\">", cols);
	block_esc(out, cat);
	buf_adds(out, "</th></tr>\n");
}

static void block_sheet_head(struct buf *out, const struct checklist *cl, int title)
{
	buf_adds(out, "<div class=\"checklist-head\">\n");
	const char *parts[][2] = {{"checklist-title", title ? cl->title : NULL},
				  {"checklist-subtitle", cl->subtitle},
				  {"checklist-lead", cl->lead},
				  {"checklist-respondent", cl->respondent}};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		if (parts[i][1] == NULL)
			continue;
		buf_addf(out, "<p class=\"%s\">", parts[i][0]);
		block_esc(out, parts[i][1]);
		buf_adds(out, "</p>\n");
	}
	buf_adds(out, "<p class=\"checklist-fields\"><label>確認日 <input type=\"date\" name=\"date\"></label>\n"
		      "<label>確認者 <input type=\"text\" name=\"checker\" autocomplete=\"name\"></label></p>\n"
		      "</div>\n");
	if (cl->instruction) {
		buf_adds(out, "<p class=\"checklist-instruction\">");
		block_esc(out, cl->instruction);
		buf_adds(out, "</p>\n");
	}
}

static void block_sheet_table(struct buf *out, const struct checklist *cl,
			      const struct block_checklist *bc, const char *url, int form,
			      const char *id)
{
	buf_adds(out, "<div class=\"table-wrap\">\n<table class=\"checklist-table\">\n<thead>\n<tr>"
		      "<th scope=\"col\" class=\"no\">No.</th><th scope=\"col\" class=\"question\">内容</th>");
	for (size_t a = 0; form && a < cl->nanswers; a++) {
		buf_adds(out, "<th scope=\"col\" class=\"answer\">");
		block_esc(out, cl->answers[a].label);
		buf_adds(out, "</th>");
	}
	buf_adds(out, "</tr>\n</thead>\n");
	const char *prev = NULL;
	for (size_t i = 0; i < cl->nitems; i++) {
		if (bc && !blocks_shows(bc, (int)i))
			continue;
		const char *cat = cl->items[i].category;
		if (prev == NULL || strcmp(prev, cat) != 0)
			block_category(out, cat, 2 + (form ? cl->nanswers : 0), prev == NULL);
		block_item(out, cl, i, url, form, id);
		prev = cat;
	}
	buf_adds(out, prev ? "</tbody>\n</table>\n</div>\n" : "</table>\n</div>\n");
}

static void block_sheet_foot(struct buf *out, const struct checklist *cl)
{
	if (cl->nnotes) {
		buf_adds(out, "<ul class=\"checklist-notes\">\n");
		for (size_t i = 0; i < cl->nnotes; i++) {
			buf_adds(out, "<li>");
			block_esc(out, cl->notes[i]);
			buf_adds(out, "</li>\n");
		}
		buf_adds(out, "</ul>\n");
	}
	block_source(out, "checklist-source", cl->source, NULL, 0);
}

static void block_form_open(struct buf *out, const struct checklist *cl, const char *id)
{
	buf_addf(out, "<form class=\"checklist\" id=\"%s\" data-checklist=\"", id);
	block_esc(out, cl->name);
	buf_addf(out, "\" data-max=\"%d\" action=\"#\">\n", cl->max_points);
}

void block_sheet(struct buf *out, const struct site *s, const char *url,
		 const struct meta *m)
{
	const struct checklist *cl = NULL;
	for (size_t i = 0; s->checklists && i < s->checklists->n; i++)
		if (s->checklists->v[i].meta == m)
			cl = &s->checklists->v[i];
	if (cl == NULL)
		return;
	char *id = xasprintf("checklist-%s", cl->name);
	block_form_open(out, cl, id);
	block_sheet_head(out, cl, 0);
	block_sheet_table(out, cl, NULL, url, 1, id);
	block_sheet_foot(out, cl);
	buf_adds(out, "</form>\n");
	free(id);
}

static void block_checklist(struct buf *out, const struct block *b, const char *url)
{
	const struct block_checklist *bc = &b->u.checklist;
	const struct checklist *cl = bc->cl;
	char *id = xasprintf("checklist-%s-%d", cl->name, b->line);
	if (bc->form)
		block_form_open(out, cl, id);
	else
		buf_addf(out, "<div class=\"checklist checklist-list\" id=\"%s\">\n", id);
	buf_adds(out, "<p class=\"checklist-title\">");
	block_esc(out, bc->title ? bc->title : cl->title);
	buf_adds(out, "</p>\n");
	if (bc->form && bc->nnos == 0 && bc->category == NULL)
		block_sheet_head(out, cl, 0);
	block_sheet_table(out, cl, bc, url, bc->form, id);
	block_sheet_foot(out, cl);
	if (cl->page) {
		buf_adds(out, "<p class=\"checklist-online\"><a href=\"");
		block_href(out, url, cl->page, NULL);
		buf_adds(out, "\">この診断をオンラインで採点する</a></p>\n");
	}
	buf_adds(out, bc->form ? "</form>\n" : "</div>\n");
	free(id);
}

int block_html(struct buf *out, const struct site *s, const char *url, const char *file,
	       const struct doc_node *n)
{
	const struct block *b = s ? blocks_find(s->blocks, file, (int)n->line) : NULL;
	if (b == NULL)
		return 0;
	switch (b->kind) {
	case BLOCK_CHART:
		block_chart(out, b, s);
		break;
	case BLOCK_TABLE:
		block_table(out, b);
		break;
	case BLOCK_CHECKLIST:
		block_checklist(out, b, url);
		break;
	}
	return 1;
}
