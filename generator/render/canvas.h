/* canvas: the small drawing interface charts are drawn on, with one
 * implementation per back end (html/canvas_svg.c, pdf/canvas_pdf.c),
 * so the site and the PDFs show the same geometry. Coordinates are in
 * points, origin top left, y growing downwards (as in SVG); the PDF
 * implementation flips them. Colours are 0xRRGGBB; CANVAS_NONE means
 * no fill or no stroke. */
#ifndef TEBIKI_CANVAS_H
#define TEBIKI_CANVAS_H
#include <stddef.h>
#include <stdint.h>

#define CANVAS_NONE 0xFFFFFFFFu

enum canvas_anchor { CANVAS_START, CANVAS_MIDDLE, CANVAS_END };
enum canvas_font { CANVAS_REGULAR, CANVAS_BOLD };

struct canvas;

struct canvas_ops {
	void (*rect)(struct canvas *c, double x, double y, double w, double h,
		     uint32_t fill, uint32_t stroke, double width);
	void (*line)(struct canvas *c, double x1, double y1, double x2, double y2,
		     uint32_t stroke, double width);
	/* A closed or open path through n points. */
	void (*poly)(struct canvas *c, const double *xy, size_t n, int closed,
		     uint32_t fill, uint32_t stroke, double width);
	/* A pie or donut slice: angles in radians, 0 at 12 o'clock,
	 * clockwise; r0 > 0 makes a donut slice. */
	void (*wedge)(struct canvas *c, double cx, double cy, double r0, double r1,
		      double a0, double a1, uint32_t fill, uint32_t stroke, double width);
	/* Text with its baseline at y. */
	void (*text)(struct canvas *c, double x, double y, const char *utf8,
		     double size, enum canvas_font font, enum canvas_anchor anchor,
		     uint32_t color);
	/* Width of text at size, for layout before drawing. */
	double (*text_width)(struct canvas *c, const char *utf8, double size,
			     enum canvas_font font);
};

struct canvas {
	const struct canvas_ops *ops;
	double width, height;	/* the drawing's size in points */
};

#endif
