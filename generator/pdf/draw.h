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

/* Structure roles (tagged PDF, PDF/UA-1): what a piece of content is
 * to a screen reader or a text extractor. Every operation belongs to
 * an element of the document's structure (draw_doc.elems, by .tag);
 * elements 0 to 2 are the artifacts, drawn but not read, and the tag
 * of an operation nobody tagged is 0: page furniture is born an
 * artifact, text must be given its place. pdf/tags.c puts the
 * elements in reading order; the PDF names are in tags_role_name. */
enum draw_role {
	ROLE_ARTIFACT,		/* rules, backgrounds, leaders: /Layout */
	ROLE_HEADER,		/* running heads, repeated table headers: /Pagination */
	ROLE_FOOTER,		/* page numbers: /Pagination */
	ROLE_DOCUMENT,
	ROLE_PART,
	ROLE_SECT,
	ROLE_DIV,
	ROLE_H1, ROLE_H2, ROLE_H3, ROLE_H4, ROLE_H5, ROLE_H6,
	ROLE_P,
	ROLE_L, ROLE_LI, ROLE_LBL, ROLE_LBODY,
	ROLE_TABLE, ROLE_TR, ROLE_TH, ROLE_TD,
	ROLE_FIGURE,
	ROLE_CAPTION,
	ROLE_CODE,
	ROLE_BLOCKQUOTE,
	ROLE_QUOTE,
	ROLE_NOTE,		/* footnotes (PDF/UA: with an /ID) */
	ROLE_ASIDE,		/* callouts (role-mapped to Div in PDF 1.7) */
	ROLE_LINK,
	ROLE_REFERENCE,
	ROLE_TOC, ROLE_TOCI,
	ROLE_FORM,
	ROLE_SPAN,
	ROLE_RUBY, ROLE_RB, ROLE_RT, ROLE_RP,
	ROLE__COUNT
};

enum { DRAW_ELEM_ARTIFACT, DRAW_ELEM_HEADER, DRAW_ELEM_FOOTER };

/* TH: which cells the header cell is for. */
enum { DRAW_SCOPE_NONE, DRAW_SCOPE_ROW, DRAW_SCOPE_COLUMN, DRAW_SCOPE_BOTH };

struct draw_elem {
	int parent;		/* -1 for the document */
	uint8_t role;		/* enum draw_role */
	uint8_t scope;		/* TH: DRAW_SCOPE_* */
	const char *alt;	/* Figure: /Alt; Link: the annotation's /Contents */
	const char *actual;	/* /ActualText: what the content reads as */
	const char *lang;	/* /Lang when not the document's (BCP 47) */
};

struct draw_op {
	uint8_t kind;
	uint8_t face;		/* TEXT: enum pdf_face */
	uint8_t dash;		/* LINE: DRAW_SOLID or DRAW_DOTS */
	uint8_t closed;		/* POLY */
	float size;		/* TEXT: font size; others: stroke width */
	float space;		/* TEXT: extra space after each character */
	float after;		/* TEXT: and after the last one, to the next run
				 * of the line (the quarter em before Latin
				 * text): part of its glyph's advance in the PDF */
	double x, y, w, h;
	uint32_t fill;		/* TEXT: colour */
	uint32_t stroke;
	int ref;
	uint32_t n;		/* POLY: points */
	const char *s;		/* TEXT: UTF-8; LINK: URI */
	uint32_t len;
	int tag;		/* its structure element (draw_doc.elems) */
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
	int tag;		/* its structure element (a Form) */
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
	struct draw_elem *elems;	/* the structure: [0..2] the artifacts */
	size_t nelems;
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
		const char *name, const char *value, const char *tip, int tag);
/* A new structure element of role in parent (-1: none, the document);
 * strings of e are copied into the arena later by draw_elem_set. */
int draw_elem(struct draw_doc *d, int parent, int role);
/* Sets what an element reads as (any may be NULL: unchanged). */
void draw_elem_set(struct draw_doc *d, int elem, const char *alt, const char *actual,
		   const char *lang);
/* Tags operations [from, l->n) of l as content of elem. */
void draw_tag(struct draw_list *l, size_t from, int elem);
void draw_free_list(struct draw_list *l);
void draw_free(struct draw_doc *d);
/* One line per operation, numbers rounded to 0.01 pt, then the
 * structure tree with the text of each element. */
void draw_dump(const struct draw_doc *d, struct buf *out);

#endif
