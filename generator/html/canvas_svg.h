/* canvas_svg: the drawing interface (render/canvas.h) as inline SVG
 * elements appended to a buffer. */
#ifndef TEBIKI_CANVAS_SVG_H
#define TEBIKI_CANVAS_SVG_H

#include "../render/canvas.h"

struct buf;

struct canvas_svg {
	struct canvas base;
	struct buf *out;
};

/* A canvas of w × h writing into out (the caller writes <svg>). */
void canvas_svg_init(struct canvas_svg *c, struct buf *out, double w, double h);
/* A coordinate as SVG wants it: at most two decimals, no trailing zeros. */
void canvas_svg_num(struct buf *out, double v);

#endif
