/* out: a laid-out document (draw.h) as a PDF file, through libharu. */
#ifndef TEBIKI_OUT_H
#define TEBIKI_OUT_H
#include <stddef.h>

struct draw_doc;
struct font;

/* Writes d to path with the fonts (indexed by enum pdf_face), each
 * subset to the characters d draws in it. Returns 0, or -1 with the
 * reason in why. */
int out_write(const struct draw_doc *d, struct font *const *fonts, const char *path,
	      char *why, size_t whylen);

#endif
