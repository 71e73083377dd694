/* chart: the figures a chart shows and their layout. chart_layout
 * computes the geometry once (pure arithmetic, unit-tested); chart_draw
 * replays it on any canvas (html/canvas_svg.c, pdf/canvas_pdf.c), so
 * the site and the PDFs show the same chart. Text widths are estimated
 * here, not asked of the canvas, for the same reason. */
#ifndef TEBIKI_CHART_H
#define TEBIKI_CHART_H
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"

struct buf;

enum chart_type {
	CHART_BAR, CHART_HBAR, CHART_STACKED, CHART_PIE, CHART_DONUT, CHART_LINE,
	CHART__COUNT
};

/* What a chart shows, resolved from its data set by render/chartspec. */
struct chart {
	enum chart_type type;
	const char *title;	/* or NULL */
	const char *caption;	/* a sentence under the chart, or NULL */
	const char *source;	/* where the figures come from */
	const char *note;	/* the data set's note, or NULL */
	const char *unit;	/* of the values ("件"), or NULL */
	const char *cat_label;	/* what the categories are ("回答項目") */
	int percent;		/* show shares of the total, not the values */
	int labels;		/* value labels on the bars, wedges, points */
	int legend;		/* 1, 0, or -1: when there is more than one series */
	int decimals;		/* of the values as written */
	int illustrative;	/* made-up figures: say so */
	size_t ncat, nser;
	const char **cats;	/* category names (borrowed) */
	const char **sers;	/* series names (borrowed) */
	double *v;		/* ncat × nser values, by category */
};

#define CHART_MAXPALETTE 12
#define CHART_MAXTICKS 16

struct chart_style {
	uint32_t palette[CHART_MAXPALETTE];
	size_t npalette;
	uint32_t text, muted, grid, axis;
	double size;		/* label text, points */
};

enum chart_op_kind { CHART_OP_RECT, CHART_OP_LINE, CHART_OP_POLY, CHART_OP_WEDGE, CHART_OP_TEXT };

/* One drawing operation, in the canvas's coordinates. */
struct chart_op {
	enum chart_op_kind kind;
	double x, y, w, h;	/* RECT; LINE from (x, y) to (w, h); WEDGE centre (x, y) */
	double r0, r1, a0, a1;	/* WEDGE */
	double *pts;		/* POLY: n points (owned) */
	size_t npts;
	int closed;
	uint32_t fill, stroke;
	double width;		/* stroke width */
	char *text;		/* TEXT (owned) */
	double size;
	enum canvas_font font;
	enum canvas_anchor anchor;
	int cat, ser;		/* the datum drawn (bars, wedges, points), else -1 */
};

struct chart_geom {
	double width, height;
	struct chart_op *ops;
	size_t nops, cap;
	double ticks[CHART_MAXTICKS];	/* value axis: tick values */
	size_t nticks;
	double lo, hi;		/* value axis range */
};

/* The Okabe–Ito colour-blind-safe palette and neutral greys. */
void chart_style_default(struct chart_style *st);
/* The value shown for a datum: the value, or its share in percent. */
double chart_value(const struct chart *c, size_t cat, size_t ser);
/* Sum of series ser over all categories. */
double chart_total(const struct chart *c, size_t ser);
/* A value as labelled: "303件", "41.6%". */
void chart_format(const struct chart *c, double v, struct buf *out);
/* Nice round ticks covering [lo, hi] (1, 2 or 5 × 10^k steps), about
 * target of them. Returns the number written to ticks. */
size_t chart_ticks(double lo, double hi, int target, double *ticks, size_t max);
/* Are the figures a chart draws (values, shares, totals, stacked sums
 * and the axis range) all finite numbers? 1e308 three times is not. */
int chart_finite(const struct chart *c);
/* Estimated width of text at size: CJK a full em, Latin about half. */
double chart_text_width(const char *utf8, double size);
/* Breaks text into lines no wider than width (by characters, keeping
 * closing punctuation on its line). Returns the number of lines, each
 * an owned string in lines[0..max). */
size_t chart_wrap(const char *utf8, double size, double width, char **lines, size_t max);
void chart_layout(const struct chart *c, const struct chart_style *st, double width,
		  struct chart_geom *g);
void chart_draw(const struct chart_geom *g, struct canvas *cv);
void chart_geom_free(struct chart_geom *g);
/* A sentence listing every figure, for <desc> and PDF alt text. */
void chart_describe(const struct chart *c, struct buf *out);
void chart_free(struct chart *c);

#endif
