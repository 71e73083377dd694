/* canvas_svg: presentation attributes, not style sheets, so the SVG
 * also reads right when it is copied out of the page; numbers rounded
 * to 0.01 so the output is small and the same on every machine. */
#include "canvas_svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/buf.h"
#include "../render/chart.h"
#include "html.h"

void canvas_svg_num(struct buf *out, double v)
{
	char s[48];
	double r = round(v * 100) / 100;
	if (r == 0)
		r = 0;	/* no "-0" */
	snprintf(s, sizeof s, "%.2f", r);
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == '0')
		n--;
	if (n > 0 && s[n - 1] == '.')
		n--;
	buf_add(out, s, n);
}

static struct buf *canvas_svg_out(struct canvas *c)
{
	return ((struct canvas_svg *)c)->out;
}

static void canvas_svg_attr(struct buf *b, const char *name, double v)
{
	buf_addf(b, " %s=\"", name);
	canvas_svg_num(b, v);
	buf_addc(b, '"');
}

/* fill="…" stroke="…" stroke-width="…" */
static void canvas_svg_paint(struct buf *b, uint32_t fill, uint32_t stroke, double width)
{
	if (fill == CANVAS_NONE)
		buf_adds(b, " fill=\"none\"");
	else
		buf_addf(b, " fill=\"#%06X\"", (unsigned)fill);
	if (stroke != CANVAS_NONE && width > 0) {
		buf_addf(b, " stroke=\"#%06X\"", (unsigned)stroke);
		canvas_svg_attr(b, "stroke-width", width);
	}
}

static void canvas_svg_rect(struct canvas *c, double x, double y, double w, double h,
			    uint32_t fill, uint32_t stroke, double width)
{
	struct buf *b = canvas_svg_out(c);
	buf_adds(b, "<rect");
	canvas_svg_attr(b, "x", x);
	canvas_svg_attr(b, "y", y);
	canvas_svg_attr(b, "width", w > 0 ? w : 0);
	canvas_svg_attr(b, "height", h > 0 ? h : 0);
	canvas_svg_paint(b, fill, stroke, width);
	buf_adds(b, "/>\n");
}

static void canvas_svg_line(struct canvas *c, double x1, double y1, double x2, double y2,
			    uint32_t stroke, double width)
{
	struct buf *b = canvas_svg_out(c);
	buf_adds(b, "<line");
	canvas_svg_attr(b, "x1", x1);
	canvas_svg_attr(b, "y1", y1);
	canvas_svg_attr(b, "x2", x2);
	canvas_svg_attr(b, "y2", y2);
	canvas_svg_paint(b, CANVAS_NONE, stroke, width);
	buf_adds(b, "/>\n");
}

static void canvas_svg_poly(struct canvas *c, const double *xy, size_t n, int closed,
			    uint32_t fill, uint32_t stroke, double width)
{
	struct buf *b = canvas_svg_out(c);
	buf_adds(b, closed ? "<polygon points=\"" : "<polyline points=\"");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ' ');
		canvas_svg_num(b, xy[2 * i]);
		buf_addc(b, ',');
		canvas_svg_num(b, xy[2 * i + 1]);
	}
	buf_addc(b, '"');
	canvas_svg_paint(b, fill, stroke, width);
	if (!closed)
		buf_adds(b, " stroke-linejoin=\"round\"");
	buf_adds(b, "/>\n");
}

static void canvas_svg_point(struct buf *b, double cx, double cy, double r, double a)
{
	canvas_svg_num(b, cx + r * sin(a));
	buf_addc(b, ' ');
	canvas_svg_num(b, cy - r * cos(a));
}

/* An arc from the current point to angle a1 on radius r. */
static void canvas_svg_arc(struct buf *b, double cx, double cy, double r, double a0,
			   double a1, int sweep)
{
	buf_adds(b, " A");
	canvas_svg_num(b, r);
	buf_addc(b, ' ');
	canvas_svg_num(b, r);
	buf_addf(b, " 0 %d %d ", fabs(a1 - a0) > M_PI ? 1 : 0, sweep);
	canvas_svg_point(b, cx, cy, r, a1);
}

/* A whole circle, or a ring (two circles, the inner one a hole):
 * one arc cannot end where it starts, so each circle is two halves. */
static void canvas_svg_ring(struct buf *b, double cx, double cy, double r0, double r1)
{
	if (r0 <= 0) {
		buf_adds(b, "<circle");
		canvas_svg_attr(b, "cx", cx);
		canvas_svg_attr(b, "cy", cy);
		canvas_svg_attr(b, "r", r1);
		return;
	}
	buf_adds(b, "<path fill-rule=\"evenodd\" d=\"");
	double rs[2] = {r1, r0};
	for (int i = 0; i < 2; i++) {
		buf_adds(b, i ? " M" : "M");
		canvas_svg_point(b, cx, cy, rs[i], 0);
		canvas_svg_arc(b, cx, cy, rs[i], 0, M_PI, 1);
		canvas_svg_arc(b, cx, cy, rs[i], M_PI, 2 * M_PI, 1);
		buf_adds(b, " Z");
	}
	buf_addc(b, '"');
}

static void canvas_svg_wedge(struct canvas *c, double cx, double cy, double r0, double r1,
			     double a0, double a1, uint32_t fill, uint32_t stroke, double width)
{
	struct buf *b = canvas_svg_out(c);
	if (a1 - a0 >= 2 * M_PI - 1e-9) {
		canvas_svg_ring(b, cx, cy, r0, r1);
		canvas_svg_paint(b, fill, stroke, width);
		buf_adds(b, "/>\n");
		return;
	}
	buf_adds(b, "<path d=\"M");
	canvas_svg_point(b, cx, cy, r1, a0);
	canvas_svg_arc(b, cx, cy, r1, a0, a1, 1);
	if (r0 > 0) {
		buf_adds(b, " L");
		canvas_svg_point(b, cx, cy, r0, a1);
		canvas_svg_arc(b, cx, cy, r0, a1, a0, 0);
	} else {
		buf_adds(b, " L");
		canvas_svg_num(b, cx);
		buf_addc(b, ' ');
		canvas_svg_num(b, cy);
	}
	buf_adds(b, " Z\"");
	canvas_svg_paint(b, fill, stroke, width);
	buf_adds(b, "/>\n");
}

static void canvas_svg_text(struct canvas *c, double x, double y, const char *s, double size,
			    enum canvas_font font, enum canvas_anchor anchor, uint32_t color)
{
	static const char *anchors[] = {"start", "middle", "end"};
	struct buf *b = canvas_svg_out(c);
	buf_adds(b, "<text");
	canvas_svg_attr(b, "x", x);
	canvas_svg_attr(b, "y", y);
	canvas_svg_attr(b, "font-size", size);
	if (anchor != CANVAS_START)
		buf_addf(b, " text-anchor=\"%s\"", anchors[anchor]);
	if (font == CANVAS_BOLD)
		buf_adds(b, " font-weight=\"bold\"");
	buf_addf(b, " fill=\"#%06X\">", (unsigned)color);
	html_escape(b, s, strlen(s));
	buf_adds(b, "</text>\n");
}

static double canvas_svg_width(struct canvas *c, const char *s, double size,
			       enum canvas_font font)
{
	(void)c;
	(void)font;
	return chart_text_width(s, size);
}

static const struct canvas_ops canvas_svg_ops = {
	canvas_svg_rect, canvas_svg_line, canvas_svg_poly, canvas_svg_wedge,
	canvas_svg_text, canvas_svg_width};

void canvas_svg_init(struct canvas_svg *c, struct buf *out, double w, double h)
{
	c->base.ops = &canvas_svg_ops;
	c->base.width = w;
	c->base.height = h;
	c->out = out;
}
