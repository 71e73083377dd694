/* font: one TrueType face as the PDF engine sees it: which characters
 * it has, how wide they are, and a subset of it with only the
 * characters a document uses. The only file that includes HarfBuzz.
 *
 * Widths come from the font's hmtx table through HarfBuzz, without
 * shaping: Japanese and the Latin text of these documents need no
 * kerning or ligatures, and libharu positions glyphs by the same
 * advances, so what layout measures is what the PDF shows. */
#ifndef TEBIKI_FONT_H
#define TEBIKI_FONT_H
#include <stddef.h>
#include <stdint.h>

struct font;

/* The set of characters (BMP only: libharu 2.3 cannot show others) a
 * document draws in one font. */
struct font_use {
	uint64_t bits[65536 / 64];
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

void font_use_add(struct font_use *u, uint32_t cp);
int font_use_empty(const struct font_use *u);

/* Writes the subset of f with the characters in u (TrueType, no
 * hinting, no layout tables) to an anonymous memory file and returns a
 * path that opens it, for font_subset_free; NULL on failure. */
char *font_subset(const struct font *f, const struct font_use *u);
/* Releases what font_subset made, once libharu is done with it. */
void font_subset_free(char *path);

#endif
