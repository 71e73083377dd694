/* chart: layouts are built for a narrow drawing (a phone's width is
 * the measure: labels left of horizontal bars, pie legends that drop
 * below the pie) and every position is computed here, before drawing,
 * so tests can check the geometry without a back end. */
#include "chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "numfmt.h"

#define CHART_PAD 8.0
#define CHART_PLOT_H 200.0
#define CHART_MAXLINES 3

void chart_style_default(struct chart_style *st)
{
	/* Okabe & Ito (2008), "Color Universal Design": blue first, the
	 * yellow late because it is faint on white. */
	static const uint32_t okabe_ito[] = {0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7,
					     0x56B4E9, 0xD55E00, 0xF0E442, 0x000000};
	memset(st, 0, sizeof *st);
	memcpy(st->palette, okabe_ito, sizeof okabe_ito);
	st->npalette = sizeof okabe_ito / sizeof *okabe_ito;
	st->text = 0x222222;
	st->muted = 0x555555;
	st->grid = 0xDDDDDD;
	st->axis = 0x777777;
	st->size = 12;
}

/* ---- values ------------------------------------------------------ */

double chart_total(const struct chart *c, size_t ser)
{
	double t = 0;
	for (size_t i = 0; i < c->ncat; i++)
		t += c->v[i * c->nser + ser];
	return t;
}

static double chart_row_total(const struct chart *c, size_t cat)
{
	double t = 0;
	for (size_t s = 0; s < c->nser; s++)
		t += c->v[cat * c->nser + s];
	return t;
}

double chart_value(const struct chart *c, size_t cat, size_t ser)
{
	double v = c->v[cat * c->nser + ser];
	if (!c->percent)
		return v;
	/* a stacked bar of several series shows each category as 100% */
	double t = c->type == CHART_STACKED && c->nser > 1 ? chart_row_total(c, cat)
							    : chart_total(c, ser);
	return t != 0 ? v / t * 100.0 : 0.0;
}

void chart_format(const struct chart *c, double v, struct buf *out)
{
	if (c->percent)
		numfmt(out, v, 1, "%");
	else
		numfmt(out, v, c->decimals, c->unit);
}

static char *chart_fmt(const struct chart *c, double v)
{
	struct buf b = {0};
	chart_format(c, v, &b);
	return buf_detach(&b);
}

int chart_finite(const struct chart *c)
{
	double lo = 0, hi = 0;
	for (size_t s = 0; s < c->nser; s++)
		if (!isfinite(chart_total(c, s)))
			return 0;
	for (size_t i = 0; i < c->ncat; i++) {
		double row = 0;
		for (size_t s = 0; s < c->nser; s++) {
			double v = chart_value(c, i, s);
			if (!isfinite(v))
				return 0;
			row += v > 0 ? v : 0;	/* a stack grows one way */
			lo = v < lo ? v : lo;
		}
		if (!isfinite(row))
			return 0;
		hi = row > hi ? row : hi;
	}
	return isfinite(hi - lo);
}

/* At least one tick (callers read the last); [0, 1] when the range is
 * no finite number (chart_finite reports that). */
size_t chart_ticks(double lo, double hi, int target, double *ticks, size_t max)
{
	if (!(hi > lo))
		hi = lo + 1;
	if (target < 1)
		target = 1;
	double raw = (hi - lo) / target;
	double mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
	double first = floor(lo / step + 1e-9), last = ceil(hi / step - 1e-9);
	if (!isfinite(step) || step <= 0 || !isfinite(first) || !isfinite(last) ||
	    last - first > 1e6 || max < 2) {
		ticks[0] = 0;
		ticks[max > 1] = 1;
		return max > 1 ? 2 : 1;
	}
	size_t n = 0;
	for (double k = first; k <= last && n < max; k++)
		ticks[n++] = k * step;
	return n ? n : (ticks[0] = lo, 1);
}

/* ---- text -------------------------------------------------------- */

static double chart_char_em(uint32_t cp)
{
	if (cp >= 0xFF61 && cp <= 0xFF9F)
		return 0.5;	/* halfwidth katakana */
	if (cp >= 0x80)
		return 1.0;
	if (cp == ' ' || strchr("il.,:;'|!()[]", (int)cp))
		return 0.32;
	if ((cp >= 'A' && cp <= 'Z') || cp == 'm' || cp == 'w' || cp == '%')
		return 0.7;
	return 0.56;
}

double chart_text_width(const char *s, double size)
{
	double w = 0;
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		size_t k = utf8_decode(s, n, &cp);
		if (k == 0)
			k = 1, cp = '?';
		w += chart_char_em(cp);
		s += k;
		n -= k;
	}
	return w * size;
}

/* Characters that must not start a line (JLReq kinsoku, the common ones). */
static int chart_no_start(uint32_t cp)
{
	static const uint32_t list[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF09, 0x300D,
					0x300F, 0x3011, 0x30FC, 0x30FB, 0xFF1A, 0xFF1B,
					0xFF1F, 0xFF01, ')', ',', '.', ']'};
	for (size_t i = 0; i < sizeof list / sizeof *list; i++)
		if (list[i] == cp)
			return 1;
	return 0;
}

size_t chart_wrap(const char *s, double size, double width, char **lines, size_t max)
{
	size_t n = 0, len = strlen(s);
	const char *start = s;
	double w = 0;
	while (len && n < max) {
		uint32_t cp;
		size_t k = utf8_decode(s, len, &cp);
		if (k == 0)
			k = 1, cp = '?';
		double cw = chart_char_em(cp) * size;
		/* the tolerance: a label measured to the width fits it */
		if (s > start && w + cw > width + 0.01 && !chart_no_start(cp) && n + 1 < max) {
			lines[n++] = xstrndup(start, (size_t)(s - start));
			start = s;
			w = 0;
		}
		w += cw;
		s += k;
		len -= k;
	}
	if (n < max && s > start)
		lines[n++] = xstrndup(start, (size_t)(s - start));
	return n;
}

static void chart_lines_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
}

/* ---- operations -------------------------------------------------- */

static struct chart_op *chart_op(struct chart_geom *g, enum chart_op_kind kind)
{
	if (g->nops == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->ops = xrealloc(g->ops, g->cap * sizeof *g->ops);
	}
	struct chart_op *o = &g->ops[g->nops++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	o->fill = o->stroke = CANVAS_NONE;
	o->cat = o->ser = -1;
	return o;
}

static struct chart_op *chart_rect(struct chart_geom *g, double x, double y, double w,
				   double h, uint32_t fill)
{
	struct chart_op *o = chart_op(g, CHART_OP_RECT);
	o->x = x, o->y = y, o->w = w, o->h = h, o->fill = fill;
	return o;
}

static void chart_line(struct chart_geom *g, double x1, double y1, double x2, double y2,
		       uint32_t stroke, double width)
{
	struct chart_op *o = chart_op(g, CHART_OP_LINE);
	o->x = x1, o->y = y1, o->w = x2, o->h = y2, o->stroke = stroke, o->width = width;
}

static void chart_text(struct chart_geom *g, double x, double y, const char *s, double size,
		       enum canvas_anchor anchor, uint32_t color, enum canvas_font font)
{
	struct chart_op *o = chart_op(g, CHART_OP_TEXT);
	o->x = x, o->y = y, o->text = xstrdup(s), o->size = size;
	o->anchor = anchor, o->fill = color, o->font = font;
}

static struct chart_op *chart_wedge(struct chart_geom *g, double cx, double cy, double r0,
				    double r1, double a0, double a1, uint32_t fill)
{
	struct chart_op *o = chart_op(g, CHART_OP_WEDGE);
	o->x = cx, o->y = cy, o->r0 = r0, o->r1 = r1, o->a0 = a0, o->a1 = a1;
	o->fill = fill, o->stroke = 0xFFFFFF, o->width = 1.5;
	return o;
}

static uint32_t chart_colour(const struct chart_style *st, size_t i)
{
	return st->palette[i % (st->npalette ? st->npalette : 1)];
}

/* Black or white, whichever reads better on fill (WCAG luminance). */
static uint32_t chart_on(uint32_t fill)
{
	double ch[3];
	for (int i = 0; i < 3; i++) {
		double v = ((fill >> (16 - 8 * i)) & 0xFF) / 255.0;
		ch[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	double l = 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
	return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? 0x000000 : 0xFFFFFF;
}

/* ---- legend ------------------------------------------------------ */

/* Flowing legend: swatch and name, wrapping at width. Returns its height. */
static double chart_legend(struct chart_geom *g, const struct chart_style *st,
			   const char **names, size_t n, double x, double y, double width)
{
	double size = st->size * 0.92, lh = size * 1.6, cx = x, cy = y;
	for (size_t i = 0; i < n; i++) {
		double w = 16 + chart_text_width(names[i], size);
		if (cx > x && cx + w > x + width) {
			cx = x;
			cy += lh;
		}
		chart_rect(g, cx, cy + (lh - 11) / 2, 11, 11, chart_colour(st, i))->ser = (int)i;
		chart_text(g, cx + 15, cy + lh / 2 + size * 0.36, names[i], size, CANVAS_START,
			   st->text, CANVAS_REGULAR);
		cx += w + 14;
	}
	return n ? cy + lh - y : 0;
}

static int chart_wants_legend(const struct chart *c)
{
	return c->legend == 1 || (c->legend == -1 && c->nser > 1);
}

/* ---- value axes -------------------------------------------------- */

static void chart_range(const struct chart *c, struct chart_geom *g, double hi_floor)
{
	double lo = 0, hi = hi_floor;
	for (size_t i = 0; i < c->ncat; i++)
		for (size_t s = 0; s < c->nser; s++) {
			double v = chart_value(c, i, s);
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
	g->nticks = chart_ticks(lo, hi, 5, g->ticks, CHART_MAXTICKS);
	g->lo = g->ticks[0];
	g->hi = g->ticks[g->nticks - 1];
}

static char *chart_tick_label(const struct chart *c, double v)
{
	struct buf b = {0};
	numfmt(&b, v, fabs(v - round(v)) > 1e-9 ? 1 : 0, c->percent ? "%" : NULL);
	return buf_detach(&b);
}

static double chart_tick_width(const struct chart *c, const struct chart_geom *g, double size)
{
	double w = 0;
	for (size_t i = 0; i < g->nticks; i++) {
		char *t = chart_tick_label(c, g->ticks[i]);
		double tw = chart_text_width(t, size);
		w = tw > w ? tw : w;
		free(t);
	}
	return w;
}

static double chart_ypos(const struct chart_geom *g, double v, double y0, double y1)
{
	return y1 - (v - g->lo) / (g->hi - g->lo) * (y1 - y0);
}

static double chart_xpos(const struct chart_geom *g, double v, double x0, double x1)
{
	return x0 + (v - g->lo) / (g->hi - g->lo) * (x1 - x0);
}

/* Gridlines and tick labels left of a vertical value axis. */
static void chart_yaxis(struct chart_geom *g, const struct chart *c, const struct chart_style *st,
			double x0, double x1, double y0, double y1)
{
	double size = st->size * 0.9;
	for (size_t i = 0; i < g->nticks; i++) {
		double y = chart_ypos(g, g->ticks[i], y0, y1);
		int zero = fabs(g->ticks[i]) < 1e-12;
		chart_line(g, x0, y, x1, y, zero ? st->axis : st->grid, zero ? 1 : 0.75);
		char *t = chart_tick_label(c, g->ticks[i]);
		chart_text(g, x0 - 6, y + size * 0.36, t, size, CANVAS_END, st->muted, CANVAS_REGULAR);
		free(t);
	}
}

/* Gridlines from y0 to y1 and tick labels under a horizontal axis. */
static void chart_xaxis(struct chart_geom *g, const struct chart *c, const struct chart_style *st,
			double x0, double x1, double y0, double y1)
{
	double size = st->size * 0.9;
	for (size_t i = 0; i < g->nticks; i++) {
		double x = chart_xpos(g, g->ticks[i], x0, x1);
		int zero = fabs(g->ticks[i]) < 1e-12;
		chart_line(g, x, y0, x, y1, zero ? st->axis : st->grid, zero ? 1 : 0.75);
		char *t = chart_tick_label(c, g->ticks[i]);
		chart_text(g, x, y1 + 4 + size, t, size, CANVAS_MIDDLE, st->muted, CANVAS_REGULAR);
		free(t);
	}
}

/* The unit over the value axis, when no value label carries it. */
static double chart_unit_label(struct chart_geom *g, const struct chart *c,
			       const struct chart_style *st, double x, double y,
			       enum canvas_anchor anchor)
{
	if (c->labels || c->percent || c->unit == NULL)
		return 0;
	char *t = xasprintf("（%s）", c->unit);
	chart_text(g, x, y + st->size * 0.9, t, st->size * 0.9, anchor, st->muted, CANVAS_REGULAR);
	free(t);
	return st->size * 0.9 + 12;	/* clear of the top tick's label */
}

/* ---- vertical bars and lines -------------------------------------- */

static double chart_cat_labels(struct chart_geom *g, const struct chart *c,
			       const struct chart_style *st, double x0, double slot, double y)
{
	double size = st->size, lh = size * 1.25, most = 1;
	for (size_t i = 0; i < c->ncat; i++) {
		char *lines[CHART_MAXLINES];
		size_t n = chart_wrap(c->cats[i], size, slot - 4, lines, CHART_MAXLINES);
		for (size_t k = 0; k < n; k++)
			chart_text(g, x0 + slot * ((double)i + 0.5), y + size + lh * (double)k,
				   lines[k], size, CANVAS_MIDDLE, st->text, CANVAS_REGULAR);
		most = (double)n > most ? (double)n : most;
		chart_lines_free(lines, n);
	}
	return most * lh;
}

static void chart_bars(struct chart_geom *g, const struct chart *c, const struct chart_style *st,
		       double x0, double slot, double y0, double y1)
{
	double gw = slot * (c->nser > 1 ? 0.8 : 0.62), bw = gw / (double)c->nser;
	double small = st->size * 0.9;
	for (size_t i = 0; i < c->ncat; i++)
		for (size_t s = 0; s < c->nser; s++) {
			double v = chart_value(c, i, s);
			double bx = x0 + slot * (double)i + (slot - gw) / 2 + bw * (double)s;
			double top = chart_ypos(g, v > 0 ? v : 0, y0, y1);
			double bot = chart_ypos(g, v < 0 ? v : 0, y0, y1);
			struct chart_op *o = chart_rect(g, bx + 1, top, bw - 2, bot - top,
							chart_colour(st, s));
			o->cat = (int)i, o->ser = (int)s;
			if (!c->labels)
				continue;
			char *t = chart_fmt(c, v);
			double ly = v >= 0 ? top - 4 : bot + small + 2;
			chart_text(g, bx + bw / 2, ly, t, small, CANVAS_MIDDLE, st->text, CANVAS_REGULAR);
			free(t);
		}
}

static void chart_points(struct chart_geom *g, const struct chart *c, const struct chart_style *st,
			 double x0, double slot, double y0, double y1)
{
	double small = st->size * 0.9;
	for (size_t s = 0; s < c->nser; s++) {
		struct chart_op *line = chart_op(g, CHART_OP_POLY);
		line->pts = xcalloc(c->ncat * 2 + 2, sizeof *line->pts);
		line->npts = c->ncat;
		line->stroke = chart_colour(st, s), line->width = 2.5, line->ser = (int)s;
		for (size_t i = 0; i < c->ncat; i++) {
			line->pts[2 * i] = x0 + slot * ((double)i + 0.5);
			line->pts[2 * i + 1] = chart_ypos(g, chart_value(c, i, s), y0, y1);
		}
		for (size_t i = 0; i < c->ncat; i++) {
			double px = x0 + slot * ((double)i + 0.5);
			double py = chart_ypos(g, chart_value(c, i, s), y0, y1);
			struct chart_op *o = chart_wedge(g, px, py, 0, 4.5, 0, 2 * M_PI,
							 chart_colour(st, s));
			o->cat = (int)i, o->ser = (int)s, o->width = 1;
			if (!c->labels)
				continue;
			char *t = chart_fmt(c, chart_value(c, i, s));
			chart_text(g, px, py - 8, t, small, CANVAS_MIDDLE, st->text, CANVAS_REGULAR);
			free(t);
		}
	}
}

static void chart_layout_columns(const struct chart *c, const struct chart_style *st,
				 double width, struct chart_geom *g)
{
	double y = CHART_PAD;
	if (chart_wants_legend(c))
		y += chart_legend(g, st, c->sers, c->nser, CHART_PAD, y, width - 2 * CHART_PAD) + 8;
	y += chart_unit_label(g, c, st, CHART_PAD, y, CANVAS_START);
	if (c->labels)
		y += st->size + 6;	/* room for the label over the highest bar */
	chart_range(c, g, 0);
	double x0 = CHART_PAD + chart_tick_width(c, g, st->size * 0.9) + 8;
	double x1 = width - CHART_PAD, y1 = y + CHART_PLOT_H;
	double slot = (x1 - x0) / (double)(c->ncat ? c->ncat : 1);
	chart_yaxis(g, c, st, x0, x1, y, y1);
	if (c->type == CHART_LINE)
		chart_points(g, c, st, x0, slot, y, y1);
	else
		chart_bars(g, c, st, x0, slot, y, y1);
	g->height = y1 + 6 + chart_cat_labels(g, c, st, x0, slot, y1 + 2) + CHART_PAD;
}

/* ---- horizontal bars, plain and stacked ---------------------------- */

/* Rows of a horizontal chart: each has a label and segments. A stacked
 * chart of one series turns it sideways: one bar, a segment per
 * category. */
struct chart_rows {
	size_t nrow, nseg;
	int stacked, transposed;
};

static double chart_rowval(const struct chart *c, const struct chart_rows *r, size_t row,
			   size_t seg)
{
	double v = r->transposed ? chart_value(c, seg, 0) : chart_value(c, row, seg);
	return r->stacked && v < 0 ? 0 : v;	/* stacks grow one way */
}

static const char *chart_rowname(const struct chart *c, const struct chart_rows *r, size_t row)
{
	return r->transposed ? NULL : c->cats[row];
}

static double chart_label_width(const struct chart *c, const struct chart_rows *r,
				const struct chart_style *st, double width)
{
	double w = 0;
	for (size_t i = 0; i < r->nrow; i++) {
		const char *name = chart_rowname(c, r, i);
		double tw = name ? chart_text_width(name, st->size) : 0;
		w = tw > w ? tw : w;
	}
	return w < width * 0.38 ? w : width * 0.38;
}

static double chart_value_width(const struct chart *c, const struct chart_style *st)
{
	double w = 0;
	for (size_t i = 0; i < c->ncat; i++)
		for (size_t s = 0; s < c->nser; s++) {
			char *t = chart_fmt(c, chart_value(c, i, s));
			double tw = chart_text_width(t, st->size * 0.9);
			w = tw > w ? tw : w;
			free(t);
		}
	return w;
}

/* One row's bars (side by side per series) or segments (stacked). */
static void chart_row(struct chart_geom *g, const struct chart *c, const struct chart_rows *r,
		      const struct chart_style *st, size_t row, double x0, double x1,
		      double y, double bar_h)
{
	double small = st->size * 0.9, acc = 0;
	for (size_t s = 0; s < r->nseg; s++) {
		double v = chart_rowval(c, r, row, s);
		double a = r->stacked ? acc : 0, b = r->stacked ? acc + v : v;
		double xa = chart_xpos(g, a < b ? a : b, x0, x1), xb = chart_xpos(g, a < b ? b : a, x0, x1);
		double by = r->stacked ? y : y + bar_h * (double)s;
		uint32_t fill = chart_colour(st, s);
		struct chart_op *o = chart_rect(g, xa, by + 1, xb - xa, bar_h - 2, fill);
		o->cat = (int)(r->transposed ? s : row), o->ser = (int)(r->transposed ? 0 : s);
		acc = b;
		if (!c->labels)
			continue;
		char *t = chart_fmt(c, v);
		double tw = chart_text_width(t, small), base = by + bar_h / 2 + small * 0.36;
		if (r->stacked && tw + 6 <= xb - xa)
			chart_text(g, (xa + xb) / 2, base, t, small, CANVAS_MIDDLE, chart_on(fill),
				   CANVAS_REGULAR);
		else if (!r->stacked)
			chart_text(g, v < 0 ? xa - 4 : xb + 4, base, t, small,
				   v < 0 ? CANVAS_END : CANVAS_START, st->text, CANVAS_REGULAR);
		free(t);
	}
}

static void chart_rows_of(const struct chart *c, struct chart_rows *r)
{
	r->stacked = c->type == CHART_STACKED;
	r->transposed = r->stacked && c->nser == 1;
	r->nrow = r->transposed ? 1 : c->ncat;
	r->nseg = r->transposed ? c->ncat : c->nser;
}

/* The value range of a horizontal chart: stacked bars reach their sum. */
static void chart_row_range(const struct chart *c, const struct chart_rows *r,
			    struct chart_geom *g)
{
	if (!r->stacked) {
		chart_range(c, g, 0);
		return;
	}
	double hi = 0;
	for (size_t i = 0; i < r->nrow; i++) {
		double t = 0;
		for (size_t s = 0; s < r->nseg; s++)
			t += chart_rowval(c, r, i, s);
		hi = t > hi ? t : hi;
	}
	if (c->percent && hi > 99.9 && hi < 100.1)
		hi = 100;	/* rounding must not add a 120% tick */
	g->nticks = chart_ticks(0, hi, 5, g->ticks, CHART_MAXTICKS);
	g->lo = g->ticks[0];
	g->hi = g->ticks[g->nticks - 1];
}

static double chart_row_label(struct chart_geom *g, const struct chart_style *st,
			      const char *name, double right, double labelw, double y,
			      double row_h, int draw)
{
	char *lines[CHART_MAXLINES];
	size_t n = name ? chart_wrap(name, st->size, labelw, lines, CHART_MAXLINES) : 0;
	double lh = st->size * 1.25, top = y + (row_h - lh * (double)n) / 2;
	for (size_t k = 0; draw && k < n; k++)
		chart_text(g, right, top + lh * (double)k + st->size * 0.85, lines[k], st->size,
			   CANVAS_END, st->text, CANVAS_REGULAR);
	chart_lines_free(lines, n);
	return lh * (double)n + 8;
}

static double chart_row_height(const struct chart *c, const struct chart_rows *r,
			       const struct chart_style *st, size_t row, double labelw,
			       double bars)
{
	struct chart_geom scratch = {0};
	double need = chart_row_label(&scratch, st, chart_rowname(c, r, row), 0, labelw, 0, 0, 0);
	return bars + 10 > need ? bars + 10 : need;
}

static void chart_layout_rows(const struct chart *c, const struct chart_style *st,
			      double width, struct chart_geom *g)
{
	struct chart_rows r = {0};
	chart_rows_of(c, &r);
	double y = CHART_PAD;
	const char **names = r.transposed ? c->cats : c->sers;
	if (r.stacked || chart_wants_legend(c))
		y += chart_legend(g, st, names, r.nseg, CHART_PAD, y, width - 2 * CHART_PAD) + 10;
	y += chart_unit_label(g, c, st, width - CHART_PAD, y, CANVAS_END);
	chart_row_range(c, &r, g);
	double labelw = chart_label_width(c, &r, st, width);
	double valw = c->labels && !r.stacked ? chart_value_width(c, st) + 6 : 0;
	double x0 = CHART_PAD + (labelw > 0 ? labelw + 8 : 0);
	double x1 = width - CHART_PAD - (valw > 12 ? valw : 12);
	double bar_h = r.stacked ? 26 : c->nser > 1 ? 15 : 20;
	double bars = r.stacked ? bar_h : bar_h * (double)r.nseg, bottom = y;
	for (size_t i = 0; i < r.nrow; i++)
		bottom += chart_row_height(c, &r, st, i, labelw, bars);
	chart_xaxis(g, c, st, x0, x1, y, bottom);	/* gridlines behind the bars */
	for (size_t i = 0; i < r.nrow; i++) {
		double row_h = chart_row_height(c, &r, st, i, labelw, bars);
		chart_row_label(g, st, chart_rowname(c, &r, i), x0 - 8, labelw, y, row_h, 1);
		chart_row(g, c, &r, st, i, x0, x1, y + (row_h - bars) / 2, bar_h);
		y += row_h;
	}
	g->height = bottom + 6 + st->size * 0.9 + CHART_PAD;
}

/* ---- pies and donuts ------------------------------------------------ */

static char *chart_pie_entry(const struct chart *c, size_t i)
{
	struct buf b = {0};
	double share = chart_total(c, 0) ? c->v[i * c->nser] / chart_total(c, 0) * 100 : 0;
	if (c->percent) {
		numfmt(&b, share, 1, "%");
	} else {
		chart_format(c, c->v[i * c->nser], &b);
		buf_adds(&b, "（");
		numfmt(&b, share, 1, "%");
		buf_adds(&b, "）");
	}
	return buf_detach(&b);
}

static double chart_pie_legend_width(const struct chart *c, const struct chart_style *st)
{
	double w = 0;
	for (size_t i = 0; i < c->ncat; i++) {
		char *e = chart_pie_entry(c, i);
		double tw = chart_text_width(c->cats[i], st->size) + st->size +
			    chart_text_width(e, st->size * 0.92);
		w = tw > w ? tw : w;
		free(e);
	}
	return w + 16;
}

/* A legend entry per slice, with its value and share: the slices
 * themselves are labelled only when there is room. */
static double chart_pie_legend(struct chart_geom *g, const struct chart *c,
			       const struct chart_style *st, double x, double y)
{
	double lh = st->size * 1.7;
	for (size_t i = 0; i < c->ncat; i++) {
		double ey = y + lh * (double)i;
		chart_rect(g, x, ey + (lh - 12) / 2, 12, 12, chart_colour(st, i))->cat = (int)i;
		double base = ey + lh / 2 + st->size * 0.36;
		chart_text(g, x + 17, base, c->cats[i], st->size, CANVAS_START, st->text,
			   CANVAS_REGULAR);
		char *e = chart_pie_entry(c, i);
		chart_text(g, x + 17 + chart_text_width(c->cats[i], st->size) + st->size * 0.6, base,
			   e, st->size * 0.92, CANVAS_START, st->muted, CANVAS_REGULAR);
		free(e);
	}
	return lh * (double)c->ncat;
}

static void chart_slices(struct chart_geom *g, const struct chart *c, const struct chart_style *st,
			 double cx, double cy, double r0, double r1)
{
	double total = chart_total(c, 0), a = 0;
	for (size_t i = 0; i < c->ncat && total > 0; i++) {
		double share = c->v[i * c->nser] / total;
		double a1 = a + share * 2 * M_PI;
		uint32_t fill = chart_colour(st, i);
		chart_wedge(g, cx, cy, r0, r1, a, a1, fill)->cat = (int)i;
		if (c->labels && share >= 0.05) {
			double m = (a + a1) / 2, rr = r0 > 0 ? (r0 + r1) / 2 : r1 * 0.64;
			struct buf b = {0};
			numfmt(&b, share * 100, share >= 0.1 ? 0 : 1, "%");
			chart_text(g, cx + rr * sin(m), cy - rr * cos(m) + st->size * 0.36, b.p,
				   st->size * 0.92, CANVAS_MIDDLE, chart_on(fill), CANVAS_BOLD);
			buf_free(&b);
		}
		a = a1;
	}
}

static void chart_layout_pie(const struct chart *c, const struct chart_style *st,
			     double width, struct chart_geom *g)
{
	double lw = chart_pie_legend_width(c, st);
	double room = width - 2 * CHART_PAD;
	double r = room / 2 < 105 ? room / 2 : 105;
	int beside = room - 2 * r - 20 >= lw;
	if (!beside && room - 2 * 80 - 20 >= lw) {
		r = (room - 20 - lw) / 2;	/* a smaller pie keeps the legend beside it */
		beside = 1;
	}
	double cx = CHART_PAD + r, cy = CHART_PAD + r;
	if (!beside)
		cx = width / 2;
	double r0 = c->type == CHART_DONUT ? r * 0.56 : 0;
	chart_slices(g, c, st, cx, cy, r0, r);
	if (r0 > 0) {
		/* the hole shows the total as a value, even when slices show shares */
		struct chart values = *c;
		values.percent = 0;
		char *t = chart_fmt(&values, chart_total(c, 0));
		chart_text(g, cx, cy - 2, "合計", st->size * 0.85, CANVAS_MIDDLE, st->muted,
			   CANVAS_REGULAR);
		chart_text(g, cx, cy + st->size * 1.1, t, st->size * 1.1, CANVAS_MIDDLE, st->text,
			   CANVAS_BOLD);
		free(t);
	}
	double lh = st->size * 1.7 * (double)c->ncat;
	double lx = beside ? CHART_PAD + 2 * r + 20 : CHART_PAD;
	double ly = beside ? cy - lh / 2 : cy + r + 14;
	if (ly < CHART_PAD)
		ly = CHART_PAD;
	double bottom = ly + chart_pie_legend(g, c, st, lx, ly);
	double pie_bottom = cy + r;
	g->height = (bottom > pie_bottom ? bottom : pie_bottom) + CHART_PAD;
}

/* ---- the whole chart ------------------------------------------------ */

void chart_layout(const struct chart *c, const struct chart_style *st, double width,
		  struct chart_geom *g)
{
	memset(g, 0, sizeof *g);
	g->width = width;
	if (c->ncat == 0 || c->nser == 0) {
		chart_text(g, width / 2, 30, "（データがありません）", st->size, CANVAS_MIDDLE,
			   st->muted, CANVAS_REGULAR);
		g->height = 48;
		return;
	}
	switch (c->type) {
	case CHART_BAR:
	case CHART_LINE:
		chart_layout_columns(c, st, width, g);
		break;
	case CHART_HBAR:
	case CHART_STACKED:
		chart_layout_rows(c, st, width, g);
		break;
	case CHART_PIE:
	case CHART_DONUT:
		chart_layout_pie(c, st, width, g);
		break;
	case CHART__COUNT:
		break;
	}
	g->height = ceil(g->height);
}

void chart_draw(const struct chart_geom *g, struct canvas *cv)
{
	const struct canvas_ops *k = cv->ops;
	for (size_t i = 0; i < g->nops; i++) {
		const struct chart_op *o = &g->ops[i];
		switch (o->kind) {
		case CHART_OP_RECT:
			k->rect(cv, o->x, o->y, o->w, o->h, o->fill, o->stroke, o->width);
			break;
		case CHART_OP_LINE:
			k->line(cv, o->x, o->y, o->w, o->h, o->stroke, o->width);
			break;
		case CHART_OP_POLY:
			k->poly(cv, o->pts, o->npts, o->closed, o->fill, o->stroke, o->width);
			break;
		case CHART_OP_WEDGE:
			k->wedge(cv, o->x, o->y, o->r0, o->r1, o->a0, o->a1, o->fill, o->stroke,
				 o->width);
			break;
		case CHART_OP_TEXT:
			k->text(cv, o->x, o->y, o->text, o->size, o->font, o->anchor, o->fill);
			break;
		}
	}
}

void chart_geom_free(struct chart_geom *g)
{
	for (size_t i = 0; i < g->nops; i++) {
		free(g->ops[i].pts);
		free(g->ops[i].text);
	}
	free(g->ops);
	memset(g, 0, sizeof *g);
}

/* "メール案内 303件、チラシ 24件、…（合計 728件）": every figure, so a
 * screen reader hears what the eye sees. */
void chart_describe(const struct chart *c, struct buf *out)
{
	for (size_t i = 0; i < c->ncat; i++) {
		if (i)
			buf_adds(out, c->nser > 1 ? "。" : "、");
		buf_adds(out, c->cats[i]);
		buf_adds(out, c->nser > 1 ? "：" : " ");
		for (size_t s = 0; s < c->nser; s++) {
			if (c->nser > 1)
				buf_addf(out, "%s%s ", s ? "、" : "", c->sers[s]);
			chart_format(c, chart_value(c, i, s), out);
		}
	}
	if (c->nser == 1 && !c->percent && c->ncat > 1) {
		buf_adds(out, "（合計 ");
		chart_format(c, chart_total(c, 0), out);
		buf_adds(out, "）");
	}
	if (c->ncat)
		buf_adds(out, "。");
}

void chart_free(struct chart *c)
{
	free(c->cats);
	free(c->sers);
	free(c->v);
	memset(c, 0, sizeof *c);
}
