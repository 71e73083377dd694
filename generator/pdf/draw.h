/* draw: a laid-out document as pure data: pages of drawing operations
 * in points (origin top left, y downwards), plus the outline, named
 * positions, page labels and images. layout.c and canvas_pdf.c write
 * it, out.c turns it into a PDF with libharu, draw_dump prints it for
 * golden tests. */
#ifndef TEBIKI_DRAW_H
#define TEBIKI_DRAW_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../base/arena.h"

struct buf;

#define DRAW_NONE 0xFFFFFFFFu	/* no fill or no stroke */

enum draw_kind {
	DRAW_TEXT,		/* s at (x, y = baseline), face, size, char space */
	DRAW_RECT,		/* x, y, w, h */
	DRAW_LINE,		/* (x, y) to (x + w, y + h) */
	DRAW_POLY,		/* ref: first of n points in draw_doc.pts */
	DRAW_IMAGE,		/* ref: image; x, y, w, h */
	DRAW_LINK,		/* x, y, w, h; ref: dest, or -1 and s: URI */
	DRAW_CIRCLE,		/* centre (x, y), radius w */
	DRAW_BREAK,		/* not drawn: where a line of text ends and
				 * why (s), for the layout dump; w: the most
				 * space added to a gap (em), h: taken, ref:
				 * DRAW_BREAK_* flags */
	DRAW__COUNT
};

/* DRAW_BREAK flags: the line stops short of the measure; it is in a
 * table cell; it is code. */
enum { DRAW_BREAK_SHORT = 1, DRAW_BREAK_CELL = 2, DRAW_BREAK_CODE = 4 };

/* Line styles. */
enum { DRAW_SOLID, DRAW_DOTS };

struct draw_op {
	uint8_t kind;
	uint8_t face;		/* TEXT: enum pdf_face */
	uint8_t dash;		/* LINE: DRAW_SOLID or DRAW_DOTS */
	uint8_t closed;		/* POLY */
	float size;		/* TEXT: font size; others: stroke width */
	float space;		/* TEXT: extra space after each character */
	double x, y, w, h;
	uint32_t fill;		/* TEXT: colour */
	uint32_t stroke;
	int ref;
	uint32_t n;		/* POLY: points */
	const char *s;		/* TEXT: UTF-8; LINK: URI */
	uint32_t len;
};

struct draw_list {
	struct draw_op *ops;
	size_t n, cap;
};

struct draw_dest {
	int page;		/* -1 until placed */
	double y;
};

struct draw_outline {
	const char *title;
	int level;		/* 0: top */
	int dest;
};

enum draw_numbering { DRAW_NUM_NONE, DRAW_NUM_ROMAN, DRAW_NUM_ARABIC };

struct draw_label {
	int page;		/* first page of the range */
	int style;		/* enum draw_numbering */
	int start;		/* number of that page */
};

struct draw_image {
	int kind;		/* 'p' raw pixels, 'j' JPEG as is, 'f' PNG rows
				 * (zlib, PNG predictors) as they were in the file */
	int width, height;	/* pixels */
	int gray;		/* raw: 1 grey, else RGB */
	unsigned char *data;	/* raw pixels or the JPEG file */
	size_t len;
	unsigned char *alpha;	/* raw: 8-bit alpha (w × h) or NULL */
};

/* A form field (AcroForm, written by out.c through acroform.c): a
 * button of the radio group name, chosen as value, or a text field
 * (value NULL). Placed by whoever lays the page out (pdf/sheet.c). */
struct draw_field {
	int page;
	double x, y, w, h;	/* top left origin, as every operation */
	const char *name;	/* strings in the document's arena */
	const char *value;
	const char *tip;	/* what the field asks, or NULL */
};

struct draw_doc {
	struct arena arena;	/* strings */
	double page_w, page_h;
	struct draw_list *pages;
	size_t npages;
	double *pts;		/* x, y pairs of DRAW_POLY */
	size_t npts, cappts;
	struct draw_dest *dests;
	size_t ndests;
	struct draw_outline *outline;
	size_t noutline;
	struct draw_label *labels;
	size_t nlabels;
	struct draw_image *images;
	size_t nimages;
	struct draw_field *fields;
	size_t nfields;
	const char *title, *author, *subject, *creator;
	const char *lang;	/* BCP 47, e.g. "ja" */
	time_t date;
};

void draw_push(struct draw_list *l, const struct draw_op *op);
/* A text operation with s copied into the document's arena. */
void draw_text(struct draw_doc *d, struct draw_list *l, double x, double y, int face,
	       double size, uint32_t color, double space, const char *s, size_t len);
void draw_rect(struct draw_list *l, double x, double y, double w, double h,
	       uint32_t fill, uint32_t stroke, double width);
void draw_line(struct draw_list *l, double x1, double y1, double x2, double y2,
	       uint32_t stroke, double width, int dash);
void draw_circle(struct draw_list *l, double x, double y, double r, uint32_t fill,
		 uint32_t stroke, double width);
/* why: a static string; flags: DRAW_BREAK_*. */
void draw_break(struct draw_list *l, double x, double y, const char *why, double added,
		double taken, int flags);
void draw_poly(struct draw_doc *d, struct draw_list *l, const double *xy, size_t n,
	       int closed, uint32_t fill, uint32_t stroke, double width);
/* Appends src moved by (dx, dy). */
void draw_append(struct draw_list *dst, const struct draw_list *src, size_t from,
		 size_t to, double dx, double dy);
int draw_add_dest(struct draw_doc *d);
int draw_add_image(struct draw_doc *d, const struct draw_image *img);
struct draw_list *draw_add_page(struct draw_doc *d);
void draw_field(struct draw_doc *d, int page, double x, double y, double w, double h,
		const char *name, const char *value, const char *tip);
void draw_free_list(struct draw_list *l);
void draw_free(struct draw_doc *d);
/* One line per operation, numbers rounded to 0.01 pt. */
void draw_dump(const struct draw_doc *d, struct buf *out);

#endif
