/* figure: ```chart, ```table and ```checklist blocks (read once by
 * passes/blocks) in a PDF publication: a chart as vector graphics
 * through canvas_pdf with a numbered caption, a table through the
 * layout's tables with its computed subtotal and total rows, a
 * checklist as a printed sheet with an answer column per answer. */
#ifndef TEBIKI_FIGURE_H
#define TEBIKI_FIGURE_H

struct blocks;
struct doc_node;
struct draw_doc;
struct font;
struct lay;
struct pdf_style;
struct variant;

struct figure_ctx {
	struct lay *L;
	struct draw_doc *d;
	const struct pdf_style *st;
	struct font *const *fonts;
	const struct blocks *blocks;
	const struct variant *variant;	/* checklist items for this audience, or NULL */
	double left, right;	/* block indents */
	int chapter;		/* for figure numbers: 図2-1 */
	int *nfigure;		/* figures so far in the chapter */
};

/* Lays out the block of file at n's line; 0 when it is not one (the
 * caller typesets it as code). The caller flushes the space above. */
int figure_block(const struct figure_ctx *f, const char *file, const struct doc_node *n);

#endif
