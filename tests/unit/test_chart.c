/* render/chart, render/numfmt: ticks, bar positions, pie angles, label
 * placement and legends, as geometry, before any back end draws it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "render/chart.h"
#include "render/numfmt.h"

/* The seed's media survey (実施報告 2009, セミナーを知った媒体). */
static const char *media_cats[] = {"メール案内", "チラシ", "ホームページ", "その他", "回答なし"};
static double media_values[] = {303, 24, 270, 127, 4};
static const char *media_series[] = {"回答数"};

static struct chart media(enum chart_type type)
{
	struct chart c = {0};
	c.type = type;
	c.title = "セミナーを知った媒体";
	c.unit = "件";
	c.labels = 1;
	c.legend = -1;
	c.ncat = 5;
	c.nser = 1;
	c.cats = media_cats;
	c.sers = media_series;
	c.v = media_values;
	return c;
}

static struct chart_geom layout(const struct chart *c, double width)
{
	struct chart_style st;
	chart_style_default(&st);
	struct chart_geom g;
	chart_layout(c, &st, width, &g);
	return g;
}

/* The bar (or wedge) drawn for datum cat/ser. */
static const struct chart_op *datum(const struct chart_geom *g, enum chart_op_kind kind, int cat,
				    int ser)
{
	for (size_t i = 0; i < g->nops; i++)
		if (g->ops[i].kind == kind && g->ops[i].cat == cat && g->ops[i].ser == ser)
			return &g->ops[i];
	return NULL;
}

static const struct chart_op *text_op(const struct chart_geom *g, const char *s)
{
	for (size_t i = 0; i < g->nops; i++)
		if (g->ops[i].kind == CHART_OP_TEXT && strcmp(g->ops[i].text, s) == 0)
			return &g->ops[i];
	return NULL;
}

static void ticks_are_nice(void **state)
{
	double t[CHART_MAXTICKS];
	size_t n = chart_ticks(0, 303, 5, t, CHART_MAXTICKS);
	assert_int_equal(n, 5);
	assert_true(t[0] == 0 && t[1] == 100 && t[4] == 400);
	n = chart_ticks(0, 824, 5, t, CHART_MAXTICKS);
	assert_int_equal(n, 6);
	assert_true(t[1] == 200 && t[5] == 1000);
	n = chart_ticks(0, 1, 5, t, CHART_MAXTICKS);
	assert_true(fabs(t[1] - 0.2) < 1e-12 && fabs(t[n - 1] - 1) < 1e-12);
	n = chart_ticks(-30, 45, 5, t, CHART_MAXTICKS);
	assert_true(t[0] == -40 && t[n - 1] == 60 && fabs(t[1] - t[0] - 20) < 1e-12);
	n = chart_ticks(0, 0, 5, t, CHART_MAXTICKS);	/* all zero: still an axis */
	assert_true(n >= 2 && t[0] == 0 && t[n - 1] > 0);
}

static void numbers_are_formatted(void **state)
{
	struct buf b = {0};
	numfmt(&b, 1234567, 0, NULL);
	assert_string_equal(b.p, "1,234,567");
	buf_reset(&b);
	numfmt(&b, 824, 0, "名");
	assert_string_equal(b.p, "824名");
	buf_reset(&b);
	numfmt(&b, 303.0 / 728 * 100, 1, "%");
	assert_string_equal(b.p, "41.6%");
	buf_reset(&b);
	numfmt(&b, -0.04, 1, NULL);	/* never "-0.0" */
	assert_string_equal(b.p, "0.0");
	buf_reset(&b);
	numfmt(&b, -1234.5, 1, NULL);
	assert_string_equal(b.p, "-1,234.5");
	buf_reset(&b);
	numfmt_date(&b, "2009-03-02");	/* the seed: 2009年 3月 2日 月曜日 */
	assert_string_equal(b.p, "2009年3月2日（月）");
	buf_reset(&b);
	numfmt_date(&b, "2009-03-27");
	assert_string_equal(b.p, "2009年3月27日（金）");
	buf_reset(&b);
	numfmt_date(&b, "2009-02-24");
	assert_string_equal(b.p, "2009年2月24日（火）");
	buf_reset(&b);
	numfmt_date(&b, "3月12日");	/* not a date: as written */
	assert_string_equal(b.p, "3月12日");
	buf_free(&b);
}

/* Past 1e15 a double has no more digits than 15: the rest print as
 * zeros (as written), not as the binary value's digits. */
static void big_numbers_print_as_written(void **state)
{
	struct buf b = {0};
	numfmt(&b, 1e70, 0, NULL);
	assert_int_equal(b.n, 71 + 23);	/* 71 digits, 23 separators */
	assert_int_equal(strspn(b.p, "1"), 1);
	assert_int_equal(strspn(b.p + 1, "0,"), b.n - 1);
	buf_reset(&b);
	numfmt(&b, -1.25e15, 1, "件");
	assert_string_equal(b.p, "-1,250,000,000,000,000.0件");
	buf_reset(&b);
	numfmt(&b, 999999999999999, 0, NULL);
	assert_string_equal(b.p, "999,999,999,999,999");
	buf_reset(&b);
	numfmt(&b, INFINITY, 0, NULL);	/* reported elsewhere: never "inf" */
	assert_string_equal(b.p, "0");
	buf_free(&b);
}

/* 1e308 three times: the sum is no number; the ticks stay usable. */
static void overflowing_figures_are_caught(void **state)
{
	static double v[] = {1e308, 1e308, 1e308};
	static const char *cats[] = {"a", "b", "c"};
	struct chart c = media(CHART_STACKED);
	c.ncat = 1;
	c.nser = 3;
	c.cats = cats;
	c.sers = cats;
	c.v = v;
	assert_false(chart_finite(&c));
	struct chart m = media(CHART_BAR);
	assert_true(chart_finite(&m));
	double ticks[CHART_MAXTICKS];
	size_t n = chart_ticks(-1e308, 1e308, 5, ticks, CHART_MAXTICKS);
	assert_true(n >= 1);
	for (size_t i = 0; i < n; i++)
		assert_true(isfinite(ticks[i]));
	n = chart_ticks(0, INFINITY, 5, ticks, CHART_MAXTICKS);
	assert_true(n >= 1 && isfinite(ticks[n - 1]));
}

static void text_is_measured_and_wrapped(void **state)
{
	assert_true(chart_text_width("ABC", 12) < chart_text_width("日本語", 12));
	assert_true(fabs(chart_text_width("日本語", 10) - 30) < 1e-9);
	char *lines[3];
	size_t n = chart_wrap("開催地域名（後援団体）", 12, 60, lines, 3);
	assert_true(n >= 2);
	for (size_t i = 0; i < n; i++) {
		assert_true(chart_text_width(lines[i], 12) <= 60 + 12);	/* a kinsoku character may hang */
		assert_true(strncmp(lines[i], "）", strlen("）")) != 0);
		free(lines[i]);
	}
}

/* Horizontal bars: one baseline, lengths in proportion, labels inside
 * the drawing. */
static void hbars_are_proportional(void **state)
{
	struct chart c = media(CHART_HBAR);
	struct chart_geom g = layout(&c, 360);
	const struct chart_op *mail = datum(&g, CHART_OP_RECT, 0, 0);
	const struct chart_op *web = datum(&g, CHART_OP_RECT, 2, 0);
	const struct chart_op *none = datum(&g, CHART_OP_RECT, 4, 0);
	assert_non_null(mail);
	assert_non_null(web);
	assert_non_null(none);
	assert_true(fabs(mail->x - web->x) < 1e-9 && fabs(mail->x - none->x) < 1e-9);
	assert_true(fabs(mail->w / web->w - 303.0 / 270.0) < 1e-9);
	assert_true(mail->y < web->y && web->y < none->y);	/* in the data's order */
	assert_true(g.hi >= 303 && g.lo == 0);
	for (size_t i = 0; i < g.nops; i++) {
		const struct chart_op *o = &g.ops[i];
		if (o->kind != CHART_OP_TEXT)
			continue;
		double w = chart_text_width(o->text, o->size);
		double left = o->anchor == CANVAS_START ? o->x : o->anchor == CANVAS_END ? o->x - w : o->x - w / 2;
		assert_true(left >= -0.01 && left + w <= g.width + 0.01);
		assert_true(o->y > 0 && o->y <= g.height);
	}
	const struct chart_op *label = text_op(&g, "303件");
	assert_non_null(label);
	assert_true(label->x > mail->x + mail->w);	/* the value label right of its bar */
	assert_null(datum(&g, CHART_OP_RECT, -1, 0));	/* one series: no legend */
	chart_geom_free(&g);
}

static void columns_share_a_baseline(void **state)
{
	struct chart c = media(CHART_BAR);
	struct chart_geom g = layout(&c, 360);
	const struct chart_op *a = datum(&g, CHART_OP_RECT, 0, 0);
	const struct chart_op *b = datum(&g, CHART_OP_RECT, 1, 0);
	assert_true(fabs((a->y + a->h) - (b->y + b->h)) < 1e-9);
	assert_true(fabs(a->h / b->h - 303.0 / 24.0) < 1e-9);
	assert_true(a->x < b->x);
	const struct chart_op *label = text_op(&g, "303件");
	assert_non_null(label);
	assert_true(label->y < a->y);	/* above its bar */
	assert_true(g.height > 200 && g.height < 400);
	chart_geom_free(&g);
}

/* Pie: slices clockwise from 12 o'clock, angles in proportion. */
static void pie_angles_follow_shares(void **state)
{
	struct chart c = media(CHART_PIE);
	struct chart_geom g = layout(&c, 360);
	double total = 728, a = 0;
	for (int i = 0; i < 5; i++) {
		const struct chart_op *w = datum(&g, CHART_OP_WEDGE, i, -1);
		assert_non_null(w);
		assert_true(fabs(w->a0 - a) < 1e-9);
		assert_true(fabs((w->a1 - w->a0) - media_values[i] / total * 2 * M_PI) < 1e-9);
		assert_true(w->r0 == 0);
		a = w->a1;
	}
	assert_true(fabs(a - 2 * M_PI) < 1e-9);
	assert_non_null(text_op(&g, "303件（41.6%）"));	/* legend with value and share */
	assert_non_null(text_op(&g, "42%"));		/* the big slice labelled inside */
	assert_null(text_op(&g, "0.5%"));		/* 回答なし: too thin to label */
	chart_geom_free(&g);
	c.type = CHART_DONUT;
	g = layout(&c, 360);
	assert_true(datum(&g, CHART_OP_WEDGE, 0, -1)->r0 > 0);
	assert_non_null(text_op(&g, "728件"));	/* the total in the hole */
	chart_geom_free(&g);
}

/* A narrow drawing puts the pie's legend under it; a wide one beside. */
static void pie_legend_moves_below_when_narrow(void **state)
{
	struct chart c = media(CHART_PIE);
	struct chart_geom wide = layout(&c, 600), narrow = layout(&c, 300);
	const struct chart_op *wl = text_op(&wide, "メール案内"), *nl = text_op(&narrow, "メール案内");
	const struct chart_op *ww = datum(&wide, CHART_OP_WEDGE, 0, -1), *nw = datum(&narrow, CHART_OP_WEDGE, 0, -1);
	assert_true(wl->x > ww->x + ww->r1);	/* beside */
	assert_true(nl->y > nw->y + nw->r1);	/* below */
	assert_true(narrow.height > wide.height);
	chart_geom_free(&wide);
	chart_geom_free(&narrow);
}

/* Two series: a legend, and stacked percentages filling the axis. */
static void stacked_percent_fills_the_row(void **state)
{
	static const char *cats[] = {"A社", "B社"};
	static const char *sers[] = {"実施している", "一部実施している", "実施していない"};
	static double v[] = {6, 3, 1, 2, 2, 6};
	struct chart c = {.type = CHART_STACKED, .percent = 1, .labels = 1, .legend = -1,
			  .ncat = 2, .nser = 3, .cats = cats, .sers = sers, .v = v};
	struct chart_geom g = layout(&c, 360);
	const struct chart_op *zero = text_op(&g, "0%"), *hundred = text_op(&g, "100%");
	assert_non_null(zero);
	assert_non_null(hundred);
	for (int i = 0; i < 2; i++) {
		const struct chart_op *first = datum(&g, CHART_OP_RECT, i, 0);
		const struct chart_op *last = datum(&g, CHART_OP_RECT, i, 2);
		assert_true(fabs(first->x - zero->x) < 1e-9);
		assert_true(fabs(last->x + last->w - hundred->x) < 1e-9);
		assert_true(fabs(datum(&g, CHART_OP_RECT, i, 1)->x - (first->x + first->w)) < 1e-9);
	}
	assert_true(g.hi == 100);
	for (int s = 0; s < 3; s++) {
		const struct chart_op *swatch = datum(&g, CHART_OP_RECT, -1, s);
		assert_non_null(swatch);	/* legend */
		assert_true(swatch->y < datum(&g, CHART_OP_RECT, 0, 0)->y);
	}
	assert_non_null(text_op(&g, "60.0%"));
	chart_geom_free(&g);
}

static void lines_pass_through_points(void **state)
{
	struct chart c = media(CHART_LINE);
	struct chart_geom g = layout(&c, 360);
	const struct chart_op *line = NULL;
	for (size_t i = 0; i < g.nops; i++)
		if (g.ops[i].kind == CHART_OP_POLY)
			line = &g.ops[i];
	assert_non_null(line);
	assert_int_equal(line->npts, 5);
	for (int i = 0; i < 5; i++) {
		const struct chart_op *p = datum(&g, CHART_OP_WEDGE, i, 0);
		assert_true(fabs(p->x - line->pts[2 * i]) < 1e-9 && fabs(p->y - line->pts[2 * i + 1]) < 1e-9);
	}
	assert_true(line->pts[1] < line->pts[3]);	/* 303 above 24 */
	chart_geom_free(&g);
}

static void percent_and_description(void **state)
{
	struct chart c = media(CHART_HBAR);
	c.percent = 1;
	assert_true(fabs(chart_value(&c, 0, 0) - 303.0 / 728 * 100) < 1e-9);
	struct buf b = {0};
	c.percent = 0;
	chart_describe(&c, &b);
	assert_string_equal(b.p, "メール案内 303件、チラシ 24件、ホームページ 270件、その他 127件、回答なし 4件（合計 728件）。");
	buf_free(&b);
	struct chart empty = {.type = CHART_BAR};
	struct chart_geom g = layout(&empty, 360);
	assert_non_null(text_op(&g, "（データがありません）"));
	chart_geom_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ticks_are_nice),
		cmocka_unit_test(numbers_are_formatted),
		cmocka_unit_test(big_numbers_print_as_written),
		cmocka_unit_test(overflowing_figures_are_caught),
		cmocka_unit_test(text_is_measured_and_wrapped),
		cmocka_unit_test(hbars_are_proportional),
		cmocka_unit_test(columns_share_a_baseline),
		cmocka_unit_test(pie_angles_follow_shares),
		cmocka_unit_test(pie_legend_moves_below_when_narrow),
		cmocka_unit_test(stacked_percent_fills_the_row),
		cmocka_unit_test(lines_pass_through_points),
		cmocka_unit_test(percent_and_description),
	};
	return cmocka_run_group_tests_name("chart", tests, NULL, NULL);
}
