/* pdfctx: the state of one publication being laid out, shared by pdf.c
 * (the trees) and book.c (cover, contents, running heads). Internal to
 * the PDF back end. */
#ifndef TEBIKI_PDFCTX_H
#define TEBIKI_PDFCTX_H
#include <stddef.h>
#include <stdint.h>

#include "../input/rawhtml.h"
#include "layout.h"
#include "pdf.h"

struct doc_node;

struct pdf_anchor {
	const struct doc_node *node;	/* a heading */
	int chapter;
	int dest;
};

/* A part's rank in the 目次: above the chapters. */
#define PDF_TOC_PART (-1)

struct pdf_toc {
	int rank;
	const char *title;	/* in the document's arena */
	int dest;
};

/* A footnote: numbered per chapter, laid out after the paragraph
 * (or table) that refers to it. */
struct pdf_note {
	const struct doc_node *node;
	int num;
	int lay;		/* its lay_note index */
};

struct pdf_img {
	char *path;
	int index;
	int failed;
};

struct pdf_ctx {
	const struct pdf_env *e;
	const struct pdf_job *j;
	const struct pdf_style *st;
	struct draw_doc *d;
	struct lay *L;
	int ch;			/* the chapter being walked */
	int section_level;	/* the heading level numbered k-m */
	int nsection, nfigure;
	int *chapter_dest;
	struct pdf_anchor *anchors;
	size_t nanchors;
	struct pdf_toc *toc;
	size_t ntoc;
	struct draw_outline *outline;
	size_t noutline;
	int in_part;		/* the chapters are in a part: bookmarks one level down */
	struct pdf_img *imgs;
	size_t nimgs;
	struct lay_style cur;	/* of the characters added now */
	double left, right;	/* block indents */
	double gap;		/* space wanted before the next block */
	int nested;		/* inside a list, quote or callout: no first-line indent */
	int depth;		/* of lists, for the bullet shape */
	char marker_buf[32];
	const char *marker;	/* the list marker the next line gets */
	int marker_style, task, bullet;
	int lbl;		/* the Lbl element of the marker */
	int doc_el;		/* the Document element */
	int hbase;		/* the heading level of a chapter title (H1, or H2
				 * under a handout's title) */
	int sect[8];		/* levels of the Sect elements open in the chapter */
	int nsect, sect_floor;	/* … and how many an open Div keeps */
	uint32_t *warned;	/* characters reported in this chapter */
	size_t nwarned;
	struct pdf_note *notes;	/* footnotes of this chapter */
	size_t nnotes;
	size_t flushed;		/* notes laid out so far */
	int in_note;		/* laying out a note's text */
	struct rawhtml_tally dropped;	/* raw HTML left out of this chapter */
	int failed;
};

double pdf_line(const struct pdf_ctx *c);	/* the body's line pitch */
void pdf_want_gap(struct pdf_ctx *c, double h);
void pdf_flush_gap(struct pdf_ctx *c);
/* Adds text in the current style (c->cur). */
void pdf_emit_str(struct pdf_ctx *c, const char *s);
struct lay_para pdf_para(const struct pdf_ctx *c, double size, double leading);
/* Lays out the text added as a paragraph (the pending gap first). */
void pdf_end_para(struct pdf_ctx *c, struct lay_para *p);
/* Structure elements (draw.h), through the layout. */
int pdf_open(struct pdf_ctx *c, int role);
void pdf_close(struct pdf_ctx *c);
/* The heading role (H1 … H6) of a rank below the chapter's title. */
int pdf_heading_role(const struct pdf_ctx *c, int rank);
/* A bookmark (level 0: top; one down inside a part) at a destination;
 * title in the arena. */
void pdf_add_outline(struct pdf_ctx *c, int level, const char *title, int dest);
/* title with its first space ideographic: "1-2 題" → "1-2　題",
 * "第1部 基礎" → "第1部　基礎" (in the arena). */
const char *pdf_spaced(struct pdf_ctx *c, const char *title);
/* A line of the 目次: rank RANK_CHAPTER, RANK_SECTION or PDF_TOC_PART. */
void pdf_add_toc(struct pdf_ctx *c, int rank, const char *title, int dest);

#endif
