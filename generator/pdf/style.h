/* style: the look of the PDFs, from themes/<t>/pdf.yaml over built-in
 * defaults (an A4 Japanese textbook: 10 pt IPAex Mincho, 1.75 line
 * pitch, 43 characters a line, IPAex Gothic headings). */
#ifndef TEBIKI_STYLE_H
#define TEBIKI_STYLE_H
#include <stdint.h>

enum pdf_face { FACE_MINCHO, FACE_GOTHIC, FACE_MONO, FACE__COUNT };
/* Fallback fonts (pdf.yaml's fallback_fonts) are the faces after the
 * three: a character none of those has is drawn in the first of them
 * that has it. */
#define FALLBACK_MAX 4
#define FACE__ALL (FACE__COUNT + FALLBACK_MAX)

/* Heading ranks: the chapter title, the numbered sections (4-5), and
 * the levels below them. */
enum { RANK_CHAPTER, RANK_SECTION, RANK_SUB, RANK_MINOR, RANK__COUNT };

struct pdf_style {
	double page_w, page_h;	/* pt */
	double margin_top, margin_bottom, margin_left, margin_right;
	char *font[FACE__COUNT];	/* TrueType files */
	int font_line[FACE__COUNT];	/* where pdf.yaml names it, or 0 */
	int font_col[FACE__COUNT];
	char *fallback[FALLBACK_MAX];	/* TrueType files, NULL after the last */
	int fallback_line[FALLBACK_MAX];	/* where pdf.yaml names it, or 0 */
	int fallback_col[FALLBACK_MAX];
	char *file;		/* the pdf.yaml read, for diagnostics, or NULL */
	double size;		/* body text, pt */
	double leading;		/* line pitch as a multiple of the size */
	double indent;		/* first-line indent of a paragraph, em */
	double code_size, code_leading;
	double table_size, table_leading;
	double small_size;	/* running heads, folios, captions */
	double heading[RANK__COUNT];
	int kinsoku;		/* enum linebreak_rule */
	int emphasis;		/* *em*: enum style_emphasis */
	uint32_t accent, text, muted, rule, code_bg;
};

/* How *emphasis* looks (pdf.yaml text.emphasis): Gothic, 圏点 (a
 * sesame dot over each Japanese character), or both. */
enum style_emphasis { EMPH_GOTHIC, EMPH_BOUTEN, EMPH_BOTH };

extern const char *const style_face_package[FACE__COUNT];

void style_defaults(struct pdf_style *st);
/* Reads path (display: its name in diagnostics) over st. Errors are
 * reported; returns -1 after one. */
int style_load(struct pdf_style *st, const char *dir, const char *rel, const char *display);
void style_free(struct pdf_style *st);
/* The text area. */
double style_measure(const struct pdf_style *st);
double style_body_height(const struct pdf_style *st);

#endif
