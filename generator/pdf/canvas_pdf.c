/* canvas_pdf: pie and donut slices become polygons (a point every two
 * degrees at most), so the display list needs no arcs and a slice
 * looks the same in every reader. */
#include "canvas_pdf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "font.h"
#include "style.h"

static struct canvas_pdf *canvas_pdf_of(struct canvas *c)
{
	return (struct canvas_pdf *)c;
}

static void canvas_pdf_rect(struct canvas *c, double x, double y, double w, double h,
			    uint32_t fill, uint32_t stroke, double width)
{
	draw_rect(&canvas_pdf_of(c)->ops, x, y, w, h, fill, stroke, width);
}

static void canvas_pdf_line(struct canvas *c, double x1, double y1, double x2, double y2,
			    uint32_t stroke, double width)
{
	draw_line(&canvas_pdf_of(c)->ops, x1, y1, x2, y2, stroke, width, DRAW_SOLID);
}

static void canvas_pdf_poly(struct canvas *c, const double *xy, size_t n, int closed,
			    uint32_t fill, uint32_t stroke, double width)
{
	struct canvas_pdf *cp = canvas_pdf_of(c);
	if (n > 0)
		draw_poly(cp->d, &cp->ops, xy, n, closed, fill, stroke, width);
}

static size_t canvas_pdf_arc(double *xy, double cx, double cy, double r, double a0,
			     double a1, size_t steps)
{
	for (size_t i = 0; i <= steps; i++) {
		double a = a0 + (a1 - a0) * (double)i / (double)steps;
		xy[2 * i] = cx + r * sin(a);
		xy[2 * i + 1] = cy - r * cos(a);
	}
	return steps + 1;
}

static void canvas_pdf_wedge(struct canvas *c, double cx, double cy, double r0, double r1,
			     double a0, double a1, uint32_t fill, uint32_t stroke, double width)
{
	struct canvas_pdf *cp = canvas_pdf_of(c);
	size_t steps = (size_t)ceil(fabs(a1 - a0) / (M_PI / 90));
	if (steps < 1)
		steps = 1;
	double *xy = xmalloc((2 * steps + 3) * 2 * sizeof *xy);
	size_t n = canvas_pdf_arc(xy, cx, cy, r1, a0, a1, steps);
	if (r0 > 0)
		n += canvas_pdf_arc(xy + 2 * n, cx, cy, r0, a1, a0, steps);
	else {
		xy[2 * n] = cx;
		xy[2 * n + 1] = cy;
		n++;
	}
	draw_poly(cp->d, &cp->ops, xy, n, 1, fill, stroke, width);
	free(xy);
}

/* The text as it will be drawn: characters the Gothic lacks become 〓. */
static char *canvas_pdf_clean(const struct font *f, const char *s, double size, double *width)
{
	size_t len = strlen(s), o = 0;
	char *out = xmalloc(len * 4 + 1);
	*width = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		if (f && !font_has(f, cp))
			cp = 0x3013;
		*width += f ? font_advance(f, cp) * size : size;
		o += utf8_encode(cp, out + o);
		i += k;
	}
	out[o] = '\0';
	return out;
}

static void canvas_pdf_text(struct canvas *c, double x, double y, const char *utf8,
			    double size, enum canvas_font font, enum canvas_anchor anchor,
			    uint32_t color)
{
	struct canvas_pdf *cp = canvas_pdf_of(c);
	(void)font;
	double w;
	char *s = canvas_pdf_clean(cp->fonts[FACE_GOTHIC], utf8, size, &w);
	if (anchor == CANVAS_MIDDLE)
		x -= w / 2;
	else if (anchor == CANVAS_END)
		x -= w;
	draw_text(cp->d, &cp->ops, x, y, FACE_GOTHIC, size, color, 0, s, strlen(s));
	free(s);
}

static double canvas_pdf_text_width(struct canvas *c, const char *utf8, double size,
				    enum canvas_font font)
{
	(void)font;
	double w;
	free(canvas_pdf_clean(canvas_pdf_of(c)->fonts[FACE_GOTHIC], utf8, size, &w));
	return w;
}

static const struct canvas_ops canvas_pdf_ops = {
	canvas_pdf_rect, canvas_pdf_line, canvas_pdf_poly, canvas_pdf_wedge,
	canvas_pdf_text, canvas_pdf_text_width};

void canvas_pdf_init(struct canvas_pdf *cp, struct draw_doc *d, struct font *const *fonts,
		     double width, double height)
{
	memset(cp, 0, sizeof *cp);
	cp->c.ops = &canvas_pdf_ops;
	cp->c.width = width;
	cp->c.height = height;
	cp->d = d;
	cp->fonts = fonts;
}

void canvas_pdf_free(struct canvas_pdf *cp)
{
	draw_free_list(&cp->ops);
}
