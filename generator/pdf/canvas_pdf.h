/* canvas_pdf: the chart canvas (render/canvas.h) for the PDF. It
 * records drawing operations (draw.h) relative to the drawing's top
 * left corner; layout places them with lay_drawing. Text is set in
 * IPAex Gothic, as Japanese books label figures. */
#ifndef TEBIKI_CANVAS_PDF_H
#define TEBIKI_CANVAS_PDF_H

#include "../render/canvas.h"
#include "draw.h"

struct font;

struct canvas_pdf {
	struct canvas c;	/* first: a struct canvas * points here */
	struct draw_doc *d;
	struct font *const *fonts;
	struct draw_list ops;
};

void canvas_pdf_init(struct canvas_pdf *cp, struct draw_doc *d, struct font *const *fonts,
		     double width, double height);
void canvas_pdf_free(struct canvas_pdf *cp);

#endif
