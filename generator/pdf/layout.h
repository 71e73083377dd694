/* layout: boxes → lines → pages. pdf.c feeds it paragraphs (text with
 * a style per character), gaps, rules, images, frames and tables in
 * reading order; layout breaks paragraphs into lines (fit.c), stacks
 * them and cuts the stack into pages: no widow or orphan lines, a
 * heading never last on a page, frames (code, quotes, callouts) drawn
 * on every page they cross, a table's header row repeated after a
 * page break. The result is pure data (draw.h). */
#ifndef TEBIKI_LAYOUT_H
#define TEBIKI_LAYOUT_H
#include <stddef.h>
#include <stdint.h>

struct draw_doc;
struct draw_list;
struct font;
struct pdf_style;

#define LS_CODE 1		/* inline code: shaded */
#define LS_STRIKE 2
#define LS_SUP 4		/* raised (a superscript, a note's number) */
#define LS_SUB 8		/* lowered */
#define LS_KBD 16		/* a key: in a box */
#define LS_MARK 32		/* highlighted */
#define LS_BOUTEN 64		/* 圏点: a sesame dot over each Japanese character */

struct lay_style {
	uint8_t face;		/* enum pdf_face */
	uint8_t flags;		/* LS_* */
	float size;
	uint32_t color;
	int link;		/* lay_link index, or -1 */
	int el;			/* its structure element: set by lay_char to the
				 * one open when the character was added */
};

enum lay_align { LAY_JUSTIFY, LAY_LEFT, LAY_CENTER, LAY_RIGHT };

struct lay_para {
	double left, right;	/* indents from the text area's edges */
	double indent;		/* of the first line */
	double pitch;		/* line pitch (0: 1.75 × the first style's size) */
	double before, after;	/* space above and below */
	uint8_t align;		/* enum lay_align */
	uint8_t code;		/* code: no Japanese spacing, no hanging */
	uint8_t keep;		/* keep with what follows (headings) */
	uint8_t task;		/* 1: an empty box before it, 2: a ticked one */
	uint8_t bullet;		/* 1 ●, 2 ○, 3 ■ before it (drawn) */
	uint8_t phrases;	/* a title: break at spaces, not in words */
	uint8_t cell;		/* set by layout: the text of a table cell */
	const char *marker;	/* list marker before the first line, or NULL */
	int marker_style;
	int lbl;		/* the structure element of the marker (Lbl), or 0:
				 * the text's */
	const char *leader;	/* dotted leader then this after the last line */
	int leader_style;
	int dest;		/* a destination at the first line, or -1 */
	double rule_w;		/* a rule this thick under the last line, or 0 */
	uint32_t rule;		/* … in this colour */
};

struct lay_frame {
	double left, right;	/* from the text area's edges */
	double pad_top, pad_bottom;
	uint32_t fill, stroke;	/* DRAW_NONE for none */
	double stroke_w;
	uint32_t bar;		/* a rule down the left side, or DRAW_NONE */
	double bar_w;
};

/* What pdf.c needs to know of each page laid out: running heads. */
struct lay_page_info {
	int chapter;		/* the chapter at the top of the page, or -1 */
	int opens;		/* the page starts that chapter */
};

struct lay;

/* fonts: FACE__ALL of them, NULL for a fallback not used. */
struct lay *lay_new(struct draw_doc *d, const struct pdf_style *st,
		    struct font *const *fonts);
void lay_free(struct lay *L);
double lay_measure(const struct lay *L);
/* An index for the style, the same for equal styles. */
int lay_style(struct lay *L, const struct lay_style *s);
/* A link target: a destination (>= 0) or a URI. */
int lay_link(struct lay *L, int dest, const char *uri);
/* Structure (tagged PDF): what is added from now on is content of a
 * new element of role (enum draw_role) inside the open one, until
 * lay_close. Returns the element. lay_enter opens an element made
 * elsewhere (the document, for the front matter's own layout). Page
 * furniture (rules, frames, repeated headers) is an artifact. */
int lay_open(struct lay *L, int role);
void lay_enter(struct lay *L, int elem);
void lay_close(struct lay *L);
int lay_current(const struct lay *L);	/* the open element, or 0 */
/* Does any of the fonts have cp? Characters none has are drawn as 〓. */
int lay_has(const struct lay *L, uint32_t cp);

/* The width of s in style, unbroken. */
double lay_text_width(const struct lay *L, const char *s, int style);

/* Text of the next paragraph or table cell. */
void lay_char(struct lay *L, uint32_t cp, int style);
void lay_text(struct lay *L, const char *utf8, size_t len, int style);
size_t lay_pending(const struct lay *L);
/* Ruby (JLReq 3.3): the characters added until lay_ruby_end are the
 * base of reading rt, set at half their size centred over them (a
 * Ruby element: RB, RT). A longer reading overhangs the kana next to
 * the base by up to one ruby character, never a kanji; what is left
 * spreads the base. No line breaks inside a base (mono-ruby is one
 * base character a ruby). A line with ruby gets more pitch only when
 * the ruby would not fit in the leading. Returns 0 inside another
 * ruby's base: then the reading is left out (and no lay_ruby_end). */
int lay_ruby_begin(struct lay *L, const char *rt, size_t len);
void lay_ruby_end(struct lay *L);
int lay_last_char(const struct lay *L);	/* or -1 */
/* A new footnote, laid out later (in the order made) between
 * lay_note_begin and lay_note_end: what is laid out then is its text,
 * not the flow's. No text may be pending at lay_note_begin. */
int lay_note_begin_later(struct lay *L);
void lay_note_begin(struct lay *L, int note);
void lay_note_end(struct lay *L);
/* The last character added refers to footnote note: the note goes at
 * the foot of the page its line is on. */
void lay_note_ref(struct lay *L, int note);
/* Lays out the pending text as a paragraph (in a cell: as the cell). */
void lay_para(struct lay *L, const struct lay_para *p);

void lay_gap(struct lay *L, double h);
void lay_gap_to(struct lay *L, double y);	/* down to y of the text area */
void lay_rule(struct lay *L, double left, double right, uint32_t color, double width);
void lay_image(struct lay *L, int image, double left, double w, double h);
/* A drawing (charts): ops relative to its top left corner, tagged as
 * they are. */
void lay_drawing(struct lay *L, const struct draw_list *ops, double left, double h);
void lay_newpage(struct lay *L);
/* No page break between the last item and the next (image, caption). */
void lay_keep(struct lay *L);
void lay_dest(struct lay *L, int dest);
void lay_chapter(struct lay *L, int chapter);
void lay_frame_open(struct lay *L, const struct lay_frame *f);
void lay_frame_close(struct lay *L);

void lay_table_begin(struct lay *L, int ncols, const uint8_t *align, double left,
		     double right);
void lay_row_begin(struct lay *L, int header);
void lay_row_end(struct lay *L);
void lay_table_end(struct lay *L);

/* Cuts what was laid out into pages, appended to the document; info
 * gets one entry per page (malloc'd). Returns the number of pages. */
size_t lay_paginate(struct lay *L, struct lay_page_info **info);

#endif
