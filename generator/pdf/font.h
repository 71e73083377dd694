/* font: one TrueType face as the PDF engine sees it: which characters
 * it has, how wide they are, its glyph ids, and a subset of it with
 * only the glyphs a document uses. The only file that includes
 * HarfBuzz.
 *
 * Widths come from the font's hmtx table through HarfBuzz, without
 * shaping: Japanese and the Latin text of these documents need no
 * kerning or ligatures, and the PDF positions glyphs by the same
 * advances, so what layout measures is what the PDF shows. */
#ifndef TEBIKI_FONT_H
#define TEBIKI_FONT_H
#include <stddef.h>
#include <stdint.h>

struct font;

#define FONT_UNICODE 0x110000

/* The set of characters (all of Unicode) a document draws in one font. */
struct font_use {
	uint64_t bits[FONT_UNICODE / 64];
};

/* Opens path; NULL when it is missing or not a TrueType font (errno
 * set when the file could not be read). Safe to share between threads
 * once opened: every other function only reads it. */
struct font *font_open(const char *path);
void font_close(struct font *f);
const char *font_path(const struct font *f);
int font_has(const struct font *f, uint32_t cp);
/* The advance of cp in em (0 when the font lacks it). */
double font_advance(const struct font *f, uint32_t cp);
/* Ascender and descender (positive, below the baseline) in em. */
double font_ascent(const struct font *f);
double font_descent(const struct font *f);

/* What a PDF font descriptor says of the face: its PostScript name,
 * bounding box and cap height in thousandths of an em. */
const char *font_psname(const struct font *f);
void font_bbox(const struct font *f, int box[4]);
int font_capheight(const struct font *f);

void font_use_add(struct font_use *u, uint32_t cp);
int font_use_empty(const struct font_use *u);

/* A subset of a font with the glyphs of the characters used, its
 * glyphs numbered from 0 (.notdef) without gaps. The PDF's character
 * codes are these glyph ids (CIDToGIDMap /Identity), so any character
 * of Unicode can be drawn. */
struct font_subset {
	unsigned char *data;	/* the TrueType file (no hinting, no layout tables) */
	size_t len;
	size_t n;		/* characters, ascending */
	uint32_t *cp;
	uint16_t *gid;		/* each character's glyph in the subset */
	unsigned nglyphs;
	uint16_t *width;	/* of each glyph, in thousandths of an em */
	unsigned upem;
};

/* Makes the subset of f for the characters in u; -1 on failure. */
int font_subset(const struct font *f, const struct font_use *u, struct font_subset *s);
/* Adds to the subset a copy of each glyph gid[i] with the advance
 * width[i] (thousandths of an em) as glyphs nglyphs, nglyphs + 1, …:
 * a glyph with the space after it in its advance, so that readers
 * which place text by the font's own widths see no gap. -1 when the
 * font cannot take them (the subset is unchanged). */
int font_subset_widen(struct font_subset *s, const uint16_t *gid, const uint16_t *width,
		      size_t n);
/* cp's glyph in the subset, 0 (.notdef) when it has none. */
unsigned font_subset_glyph(const struct font_subset *s, uint32_t cp);
void font_subset_free(struct font_subset *s);

#endif
