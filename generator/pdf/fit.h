/* fit: Japanese line fitting on top of render/linebreak: where each
 * line of a paragraph ends and where each character goes.
 *
 * - Breaks only where linebreak_find allows (UAX #14 + JLReq kinsoku),
 *   and inside URLs after / = & . ? or before - _ # % ~; a word wider
 *   than the line is the only thing split elsewhere.
 * - 。、，． may hang past the measure (ぶら下げ) instead of pulling the
 *   last character of the line down.
 * - A quarter em between Japanese and Latin letters or digits; adjacent
 *   fullwidth brackets and punctuation (」。, 」「, （「) lose their
 *   half-em blank.
 * - Lines are justified by spreading the space between Japanese
 *   characters (and at spaces), never inside Latin words; the last line
 *   of a paragraph and a line ended by a hard break stay ragged.
 * Pure functions over arrays: no fonts, no allocation but the result. */
#ifndef TEBIKI_FIT_H
#define TEBIKI_FIT_H
#include <stddef.h>
#include <stdint.h>

struct fit_char {
	uint32_t cp;
	float w;		/* advance, pt */
	float em;		/* font size, pt */
};

struct fit_params {
	double width;		/* the measure, pt */
	double indent;		/* the first line starts this far in */
	int rule;		/* enum linebreak_rule */
	uint8_t justify;	/* spread lines to the measure */
	uint8_t prose;		/* Japanese rules (hanging, spacing); off for code */
	uint8_t phrases;	/* titles: break at a space when one is past
				 * the middle of the line, not inside a word */
};

struct fit_line {
	uint32_t start, end;	/* its characters [start, end): no trailing
				 * spaces, no hard break character */
	uint32_t next;		/* the first character of the next line */
	uint8_t hang;		/* the last character hangs past the measure */
	uint8_t last;		/* ends the paragraph or a hard break */
};

/* Breaks c[0..n) into lines: *lines is malloc'd, the count returned. */
size_t fit_break(const struct fit_char *c, size_t n, const struct fit_params *p,
		 struct fit_line **lines);
/* Positions of the characters of line l: x[i - l->start] from the
 * start of the measure (the first line's indent included). Returns
 * the right edge of the last character. */
double fit_place(const struct fit_char *c, const struct fit_line *l,
		 const struct fit_params *p, int first, double *x);
/* For table columns: the widest piece that cannot be broken and the
 * widest hard line, unbroken. */
void fit_extent(const struct fit_char *c, size_t n, const struct fit_params *p,
		double *min, double *max);
/* The space the fitter puts between a and b (negative when it takes
 * the blank of fullwidth punctuation away), for font size em. */
double fit_glue(uint32_t a, uint32_t b, double em);

#endif
