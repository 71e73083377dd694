/* pdf/layout: lines cut into pages. Uses the default style and the
 * fonts it names (Debian's IPAex fonts): 40 lines of 17.5 pt a page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "pdf/canvas_pdf.h"
#include "pdf/draw.h"
#include "pdf/font.h"
#include "pdf/layout.h"
#include "pdf/style.h"
#include "pdf/tags.h"

struct fx {
	struct pdf_style st;
	struct font *fonts[FACE__ALL];
	struct draw_doc d;
	struct lay *L;
	int body;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	style_defaults(&f->st);
	for (int i = 0; i < FACE__COUNT; i++) {
		f->fonts[i] = font_open(f->st.font[i]);
		if (f->fonts[i] == NULL)
			return -1;
	}
	f->L = lay_new(&f->d, &f->st, f->fonts);
	f->body = lay_style(f->L, &(struct lay_style){FACE_MINCHO, 0, 10, 0, -1, 0});
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	lay_free(f->L);
	draw_free(&f->d);
	for (int i = 0; i < FACE__COUNT; i++)
		font_close(f->fonts[i]);
	style_free(&f->st);
	free(f);
	return 0;
}

static struct lay_para para(int keep)
{
	struct lay_para p = {.pitch = 17.5, .align = LAY_LEFT, .dest = -1, .keep = (uint8_t)keep};
	return p;
}

/* A paragraph of n lines, each line the text s (hard breaks). */
static void lines(struct fx *f, int n, const char *s, int keep)
{
	for (int i = 0; i < n; i++) {
		if (i)
			lay_char(f->L, '\n', f->body);
		lay_text(f->L, s, strlen(s), f->body);
	}
	struct lay_para p = para(keep);
	lay_para(f->L, &p);
}

/* The texts of page p, one a line of output ("|"-separated). */
static int count_text(const struct fx *f, size_t p, const char *text)
{
	int n = 0;
	const struct draw_list *l = &f->d.pages[p];
	for (size_t i = 0; i < l->n; i++)
		if (l->ops[i].kind == DRAW_TEXT && strcmp(l->ops[i].s, text) == 0)
			n++;
	return n;
}

static size_t paginate(struct fx *f)
{
	struct lay_page_info *info;
	size_t n = lay_paginate(f->L, &info);
	free(info);
	return n;
}

static void forty_lines_a_page(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 41; i++)
		lines(f, 1, "行", 0);
	assert_int_equal(paginate(f), 2);
	assert_int_equal(count_text(f, 0, "行"), 40);
	assert_int_equal(count_text(f, 1, "行"), 1);
}

static void no_orphan(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 39; i++)
		lines(f, 1, "行", 0);
	lines(f, 4, "段", 0);	/* one line left: all four go over */
	assert_int_equal(paginate(f), 2);
	assert_int_equal(count_text(f, 0, "段"), 0);
	assert_int_equal(count_text(f, 1, "段"), 4);
}

static void no_widow(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 37; i++)
		lines(f, 1, "行", 0);
	lines(f, 4, "段", 0);	/* three lines left: two and two, not three and one */
	assert_int_equal(paginate(f), 2);
	assert_int_equal(count_text(f, 0, "段"), 2);
	assert_int_equal(count_text(f, 1, "段"), 2);
}

static void heading_never_last(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 38; i++)
		lines(f, 1, "行", 0);
	lines(f, 1, "見出し", 1);	/* fits, but the paragraph after does not */
	lines(f, 3, "段", 0);
	assert_int_equal(paginate(f), 2);
	assert_int_equal(count_text(f, 0, "見出し"), 0);
	assert_int_equal(count_text(f, 1, "見出し"), 1);
}

static void new_page(void **state)
{
	struct fx *f = *state;
	lines(f, 1, "一", 0);
	lay_newpage(f->L);
	lines(f, 1, "二", 0);
	lay_newpage(f->L);
	assert_int_equal(paginate(f), 2);
	assert_int_equal(count_text(f, 1, "二"), 1);
}

static void table_header_repeats(void **state)
{
	struct fx *f = *state;
	uint8_t align[2] = {LAY_LEFT, LAY_RIGHT};
	lay_table_begin(f->L, 2, align, 0, 0);
	for (int r = 0; r < 80; r++) {
		lay_row_begin(f->L, r == 0);
		const char *a = r == 0 ? "項目" : "行", *b = r == 0 ? "数" : "1";
		lay_text(f->L, a, strlen(a), f->body);
		struct lay_para p = para(0);
		lay_para(f->L, &p);
		lay_text(f->L, b, strlen(b), f->body);
		lay_para(f->L, &p);
		lay_row_end(f->L);
	}
	lay_table_end(f->L);
	size_t n = paginate(f);
	assert_true(n >= 3);
	for (size_t p = 0; p < n; p++)
		assert_int_equal(count_text(f, p, "項目"), 1);
	int rows = 0;
	for (size_t p = 0; p < n; p++)
		rows += count_text(f, p, "行");
	assert_int_equal(rows, 79);
}

/* Tagged PDF: text is content of the element open when it was added,
 * the header row repeated on a later page an artifact (Pagination),
 * and tags.c reads the elements in drawing order. */
static void text_keeps_its_element(void **state)
{
	struct fx *f = *state;
	int doc = lay_open(f->L, ROLE_DOCUMENT);
	int table = lay_open(f->L, ROLE_TABLE);
	uint8_t align[1] = {LAY_LEFT};
	lay_table_begin(f->L, 1, align, 0, 0);
	int th = -1, td = -1;
	for (int r = 0; r < 80; r++) {
		lay_row_begin(f->L, r == 0);
		lay_open(f->L, ROLE_TR);
		int cell = lay_open(f->L, r == 0 ? ROLE_TH : ROLE_TD);
		if (r == 0)
			th = cell;
		else if (r == 1)
			td = cell;
		const char *s = r == 0 ? "項目" : "行";
		lay_text(f->L, s, strlen(s), f->body);
		struct lay_para p = para(0);
		lay_para(f->L, &p);
		lay_close(f->L);
		lay_close(f->L);
		lay_row_end(f->L);
	}
	lay_table_end(f->L);
	lay_close(f->L);
	size_t n = paginate(f);
	assert_true(n >= 2);
	int heads = 0, repeated = 0;
	for (size_t p = 0; p < n; p++)
		for (size_t i = 0; i < f->d.pages[p].n; i++) {
			const struct draw_op *op = &f->d.pages[p].ops[i];
			if (op->kind == DRAW_TEXT && strcmp(op->s, "項目") == 0) {
				heads++;
				if (p == 0)
					assert_int_equal(op->tag, th);
				else {
					assert_int_equal(op->tag, DRAW_ELEM_HEADER);
					repeated++;
				}
			}
			if (op->kind == DRAW_LINE || op->kind == DRAW_RECT)
				assert_true(op->tag == DRAW_ELEM_ARTIFACT || op->tag == DRAW_ELEM_HEADER);
		}
	assert_int_equal(repeated, heads - 1);
	struct tags t;
	tags_build(&f->d, &t);
	assert_int_equal(t.root, doc);
	assert_int_equal(t.nkids[doc], 1);
	assert_int_equal(t.kids[doc][0].a, table);
	assert_int_equal(t.nkids[table], 80);	/* the rows, in order */
	int first_row = t.kids[table][0].a, second_row = t.kids[table][1].a;
	assert_int_equal(t.kids[first_row][0].a, th);
	assert_int_equal(t.kids[second_row][0].a, td);
	assert_int_equal(t.kids[td][0].kind, TAGS_MC);
	tags_free(&t);
}

/* A table of header h (cells "|"-separated) and rows of cells, in the
 * table style (9 pt, Gothic header). Empty cells are "". */
static void table(struct fx *f, int ncols, const uint8_t *align, const char *const *cells,
		  int nrows)
{
	int head = lay_style(f->L, &(struct lay_style){FACE_GOTHIC, 0, 9, 0, -1, 0});
	int body = lay_style(f->L, &(struct lay_style){FACE_MINCHO, 0, 9, 0, -1, 0});
	lay_table_begin(f->L, ncols, align, 0, 0);
	for (int r = 0; r < nrows; r++) {
		lay_row_begin(f->L, r == 0);
		for (int k = 0; k < ncols; k++) {
			const char *s = cells[r * ncols + k];
			lay_text(f->L, s, strlen(s), r == 0 ? head : body);
			struct lay_para p = {.pitch = 13.5, .align = LAY_LEFT, .dest = -1};
			lay_para(f->L, &p);
		}
		lay_row_end(f->L);
	}
	lay_table_end(f->L);
}

/* The column widths of the first table on page p: from the vertical
 * rules of its first row. */
static int column_widths(const struct fx *f, size_t p, double *w, int max)
{
	double xs[16];
	int n = 0;
	const struct draw_list *l = &f->d.pages[p];
	double y0 = -1;
	for (size_t i = 0; i < l->n && n < 16; i++) {
		const struct draw_op *op = &l->ops[i];
		if (op->kind != DRAW_LINE || fabs(op->w) > 1e-9 || op->h <= 0)
			continue;
		if (y0 < 0)
			y0 = op->y;
		if (fabs(op->y - y0) > 1e-6)
			break;
		xs[n++] = op->x;
	}
	for (int k = 0; k + 1 < n && k < max; k++)
		w[k] = xs[k + 1] - xs[k];
	return n - 1;
}

/* Room for the header and one row, not two: the table goes over. */
static void table_header_keeps_two_rows(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 38; i++)	/* 43.7 pt left, 19.8 pt a row */
		lines(f, 1, "行", 0);
	const char *cells[] = {"手口", "例", "一", "1", "二", "2", "三", "3", "四", "4"};
	table(f, 2, NULL, cells, 5);
	assert_int_equal(paginate(f), 2);
	assert_int_equal(count_text(f, 0, "手口"), 0);
	assert_int_equal(count_text(f, 0, "一"), 0);
	assert_int_equal(count_text(f, 1, "手口"), 1);
	assert_int_equal(count_text(f, 1, "四"), 1);
}

/* The last row is not alone on a page under a repeated header. */
static void table_last_row_not_alone(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 34; i++)
		lines(f, 1, "行", 0);
	/* 19.8 pt a row, 113.7 pt left: the header and four rows fit */
	const char *cells[] = {"手口", "例", "一", "1", "二", "2", "三", "3", "四", "4", "五", "5"};
	table(f, 2, NULL, cells, 6);
	assert_int_equal(paginate(f), 2);
	assert_int_equal(count_text(f, 0, "四"), 0);
	assert_int_equal(count_text(f, 1, "四"), 1);
	assert_int_equal(count_text(f, 1, "五"), 1);
}

/* A column a little wider than its even share, beside a very long
 * one, keeps about three em (here: 9 pt text, 4.5 pt padding). */
static void column_keeps_three_em(void **state)
{
	struct fx *f = *state;
	char *lng = malloc(1200 + 1);
	lng[0] = 0;
	for (int i = 0; i < 400; i++)
		strcat(lng, "長");
	const char *cells[] = {"区分", "説明", "担当",
			       "事務所の施錠と退社の記録を確認する係", lng, "総務"};
	table(f, 3, NULL, cells, 2);
	free(lng);
	paginate(f);
	double w[3];
	assert_int_equal(column_widths(f, 0, w, 3), 3);
	assert_true(w[0] >= 3 * 9 + 9 - 1e-6);
	assert_true(fabs(w[2] - (2 * 9 + 9)) < 0.5);	/* 担当, 総務: whole */
}

/* A column of blank cells (a form to fill in) gets a share of the
 * measure, not the width of nothing. */
static void blank_column_gets_room(void **state)
{
	struct fx *f = *state;
	const char *cells[] = {"連絡先", "電話番号", "取引銀行", "", "警察署", "\xe3\x80\x80",
			       "保険会社", " "};
	table(f, 2, NULL, cells, 4);
	paginate(f);
	double w[2];
	assert_int_equal(column_widths(f, 0, w, 2), 2);
	assert_true(w[1] >= lay_measure(f->L) / 2 - 1e-6);
	assert_true(w[0] < w[1]);
}

/* A column of numbers is as wide as its numbers and its header in two
 * lines, not as its header on one: the text column gets the rest. */
static void number_column_sized_by_numbers(void **state)
{
	struct fx *f = *state;
	uint8_t align[3] = {LAY_LEFT, LAY_RIGHT, LAY_LEFT};
	const char *cells[] = {
		"会場", "相談員数（名）", "相談員の主な保有資格",
		"浜松会場", "4", "ITコーディネータ(4) EC実践研修認定講師(1) 情報処理安全確保支援士(2) 中小企業診断士(1)",
		"札幌会場", "3", "ITコーディネータ(3) ISMS主任審査員(1) 情報処理安全確保支援士(1) 公認会計士(1) 税理士(1)"};
	table(f, 3, align, cells, 3);
	paginate(f);
	double w[3];
	assert_int_equal(column_widths(f, 0, w, 3), 3);
	double header = 7 * 9 + 9;	/* 相談員数（名） on one line */
	assert_true(w[1] < header - 9);
	assert_true(w[1] >= 4 * 9 + 9 - 1e-6);	/* 相談員数 / （名） */
	assert_int_equal(count_text(f, 0, "相談員数"), 1);
}

static int count_rects(const struct fx *f, size_t p, uint32_t fill)
{
	int n = 0;
	for (size_t i = 0; i < f->d.pages[p].n; i++)
		if (f->d.pages[p].ops[i].kind == DRAW_RECT && f->d.pages[p].ops[i].fill == fill)
			n++;
	return n;
}

static void frame_on_every_page(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 30; i++)
		lines(f, 1, "行", 0);
	lay_frame_open(f->L, &(struct lay_frame){.pad_top = 5, .pad_bottom = 5,
		.fill = 0xEEEEEE, .stroke = DRAW_NONE, .bar = DRAW_NONE});
	lines(f, 20, "枠", 0);
	lay_frame_close(f->L);
	assert_int_equal(paginate(f), 2);
	assert_int_equal(count_rects(f, 0, 0xEEEEEE), 1);
	assert_int_equal(count_rects(f, 1, 0xEEEEEE), 1);
	/* the frame's background comes before its text on the page */
	assert_int_equal(f->d.pages[1].ops[0].kind, DRAW_RECT);
	/* and stays inside the text area */
	const struct draw_op *r = &f->d.pages[0].ops[0];
	assert_true(r->y + r->h <= f->st.page_h - f->st.margin_bottom + 1e-6);
}

static void destinations_placed(void **state)
{
	struct fx *f = *state;
	int d1 = draw_add_dest(&f->d), d2 = draw_add_dest(&f->d);
	struct lay_para p = para(1);
	p.dest = d1;
	lay_text(f->L, "甲", 3, f->body);
	lay_para(f->L, &p);
	lay_newpage(f->L);
	p.dest = d2;
	lay_text(f->L, "乙", 3, f->body);
	lay_para(f->L, &p);
	paginate(f);
	assert_int_equal(f->d.dests[d1].page, 0);
	assert_int_equal(f->d.dests[d2].page, 1);
	assert_true(fabs(f->d.dests[d2].y - f->st.margin_top) < 1e-6);
}

static void justified_lines_fill_the_measure(void **state)
{
	struct fx *f = *state;
	const char *s = "情報セキュリティ対策は、経営者が自ら方針を示し、取引先との関係の中で考えるものです。"
			"委託先の管理も含め、会社全体で取り組む必要があります。";
	lay_text(f->L, s, strlen(s), f->body);
	struct lay_para p = para(0);
	p.align = LAY_JUSTIFY;
	lay_para(f->L, &p);
	paginate(f);
	/* the first line ends at the right edge of the text area (its last
	 * character 、 or 。 may hang past it) */
	const struct draw_list *l = &f->d.pages[0];
	double y0 = l->ops[0].y, right = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct draw_op *op = &l->ops[i];
		if (op->kind != DRAW_TEXT || op->y != y0)
			continue;
		double x = op->x;
		size_t n = 0;
		for (size_t k = 0; k < op->len;) {
			uint32_t cp;
			k += utf8_decode(op->s + k, op->len - k, &cp);
			x += font_advance(f->fonts[op->face], cp) * op->size + (n++ ? op->space : 0);
			if (cp != 0x3001 && cp != 0x3002)
				right = x;
		}
	}
	assert_true(fabs(right - (f->st.page_w - f->st.margin_right)) < 0.01);
}

/* Charts draw on the canvas; the drawing is placed like a picture. */
static void canvas_drawing_placed(void **state)
{
	struct fx *f = *state;
	struct canvas_pdf cp;
	canvas_pdf_init(&cp, &f->d, f->fonts, 200, 100);
	struct canvas *c = &cp.c;
	c->ops->rect(c, 10, 10, 50, 20, 0x4477AA, CANVAS_NONE, 0);
	c->ops->line(c, 0, 90, 200, 90, 0x000000, 0.5);
	double xy[] = {0, 0, 10, 10, 20, 0};
	c->ops->poly(c, xy, 3, 1, 0xEE6677, CANVAS_NONE, 0);
	c->ops->wedge(c, 150, 50, 10, 40, 0, 3.14159265 / 2, 0x228833, 0xFFFFFF, 1);
	double w = c->ops->text_width(c, "回答数", 10, CANVAS_REGULAR);
	assert_true(fabs(w - 30) < 0.01);	/* three ideographs of 1 em */
	c->ops->text(c, 100, 80, "回答数", 10, CANVAS_REGULAR, CANVAS_MIDDLE, 0x333333);
	lines(f, 1, "前", 0);
	lay_drawing(f->L, &cp.ops, 0, 100);
	canvas_pdf_free(&cp);
	paginate(f);
	const struct draw_list *l = &f->d.pages[0];
	int kinds[DRAW__COUNT] = {0};
	for (size_t i = 0; i < l->n; i++)
		kinds[l->ops[i].kind]++;
	assert_int_equal(kinds[DRAW_RECT], 1);
	assert_int_equal(kinds[DRAW_LINE], 1);
	assert_int_equal(kinds[DRAW_POLY], 2);	/* the triangle and the wedge */
	assert_int_equal(kinds[DRAW_TEXT], 2);	/* "前" and the label */
	for (size_t i = 0; i < l->n; i++) {
		const struct draw_op *op = &l->ops[i];
		if (op->kind == DRAW_RECT) {
			/* below the line of text, from the left margin */
			assert_true(fabs(op->x - (f->st.margin_left + 10)) < 1e-6);
			assert_true(fabs(op->y - (f->st.margin_top + 17.5 + 10)) < 1e-6);
		}
		if (op->kind == DRAW_TEXT && strcmp(op->s, "回答数") == 0) {
			assert_true(fabs(op->x - (f->st.margin_left + 100 - 15)) < 1e-6);
			assert_int_equal(op->face, FACE_GOTHIC);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(forty_lines_a_page, setup, teardown),
		cmocka_unit_test_setup_teardown(no_orphan, setup, teardown),
		cmocka_unit_test_setup_teardown(no_widow, setup, teardown),
		cmocka_unit_test_setup_teardown(heading_never_last, setup, teardown),
		cmocka_unit_test_setup_teardown(new_page, setup, teardown),
		cmocka_unit_test_setup_teardown(table_header_repeats, setup, teardown),
		cmocka_unit_test_setup_teardown(text_keeps_its_element, setup, teardown),
		cmocka_unit_test_setup_teardown(table_header_keeps_two_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(table_last_row_not_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(column_keeps_three_em, setup, teardown),
		cmocka_unit_test_setup_teardown(blank_column_gets_room, setup, teardown),
		cmocka_unit_test_setup_teardown(number_column_sized_by_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(frame_on_every_page, setup, teardown),
		cmocka_unit_test_setup_teardown(destinations_placed, setup, teardown),
		cmocka_unit_test_setup_teardown(justified_lines_fill_the_measure, setup, teardown),
		cmocka_unit_test_setup_teardown(canvas_drawing_placed, setup, teardown),
	};
	return cmocka_run_group_tests_name("pdf/layout", tests, NULL, NULL);
}
