/* fit: Japanese line fitting on top of render/linebreak: where each
 * line of a paragraph ends and where each character goes (JLReq 3.8,
 * line adjustment).
 *
 * - Breaks where linebreak_find allows (UAX #14 + JLReq kinsoku).
 * - 。、，． may hang past the measure (ぶら下げ).
 * - A quarter em between Japanese and Latin letters or digits; adjacent
 *   fullwidth brackets and punctuation lose a blank (JLReq 3.1.4).
 * - Reduction first (追い込み, JLReq's preference): when the next piece
 *   fits by taking the blanks of 、」「・, of word spaces and of the
 *   Japanese–Latin quarter em, it goes on the line.
 * - Expansion otherwise: every gap that may widen (word spaces, the
 *   Japanese–Latin quarter em, gaps next to Japanese characters) alike,
 *   up to a quarter em more, then up to half an em more — never more
 *   (JLReq's last resort). Before a line would need more, the line breaks
 *   elsewhere: inside inline code and URLs after / . _ - ? & = and
 *   between camelCase humps (no hyphen), inside an English word where
 *   the hyphenation patterns allow (a hyphen drawn), and, for code and
 *   URLs only, anywhere. A line that still cannot be filled is left
 *   short of the measure rather than letter-spaced.
 * - The last line of a paragraph holds at least two characters besides
 *   its punctuation (last_two): the line before takes them in by
 *   reduction, or gives one up (JLReq 「段落の最終行は2字以上」).
 * Pure functions over arrays: no fonts, no allocation but the result. */
#ifndef TEBIKI_FIT_H
#define TEBIKI_FIT_H
#include <stddef.h>
#include <stdint.h>

#define FIT_CODE 1		/* fit_char.flags: inline code */
#define FIT_NOBREAK 2		/* … no break after it (inside a ruby's base) */

struct fit_char {
	uint32_t cp;
	float w;		/* advance, pt */
	float em;		/* font size, pt */
	float hy;		/* advance of a hyphen in its font, pt (Latin letters) */
	uint8_t flags;		/* FIT_* */
};

struct fit_params {
	double width;		/* the measure, pt */
	double indent;		/* the first line starts this far in */
	int rule;		/* enum linebreak_rule */
	uint8_t justify;	/* spread lines to the measure */
	uint8_t prose;		/* Japanese rules (hanging, spacing); off for code */
	uint8_t phrases;	/* titles: break at a space when one is past
				 * the middle of the line, not inside a word */
	uint8_t last_two;	/* the last line holds two characters at least
				 * (paragraphs and headings, not table cells) */
};

/* Why a line ends where it does (the layout dump shows it). */
enum fit_why {
	FIT_END,		/* the paragraph ends */
	FIT_HARD,		/* a hard line break */
	FIT_FILL,		/* the last opportunity before the measure */
	FIT_SQUEEZE,		/* the next piece taken in by reduction */
	FIT_HANG,		/* 。、 hangs past the measure */
	FIT_PHRASE,		/* a title's space or phrase end */
	FIT_CODE_BREAK,		/* inside code or a URL, after / . _ - ? & = or a hump */
	FIT_HYPHEN,		/* inside an English word, a hyphen drawn */
	FIT_FORCE,		/* no opportunity: split where it did not fit */
	FIT_PULL,		/* moved back for a last line of two characters */
	FIT__COUNT
};

extern const char *const fit_why_name[FIT__COUNT];

struct fit_line {
	uint32_t start, end;	/* its characters [start, end): no trailing
				 * spaces, no hard break character */
	uint32_t next;		/* the first character of the next line */
	uint8_t hang;		/* the last character hangs past the measure */
	uint8_t last;		/* ends the paragraph or a hard break */
	uint8_t hyphen;		/* a hyphen goes after the last character */
	uint8_t why;		/* enum fit_why */
};

/* How fit_place set a line: the most space added to or taken from one
 * gap beyond its natural width (em), and whether the line could not be
 * filled within the limits (then it stops short of the measure). */
struct fit_info {
	double added, taken;
	uint8_t short_of;
};

/* Breaks c[0..n) into lines: *lines is malloc'd, the count returned. */
size_t fit_break(const struct fit_char *c, size_t n, const struct fit_params *p,
		 struct fit_line **lines);
/* Positions of the characters of line l: x[i - l->start] from the
 * start of the measure (the first line's indent included). Returns
 * the right edge of the line (its hyphen included). info may be NULL. */
double fit_place(const struct fit_char *c, const struct fit_line *l,
		 const struct fit_params *p, int first, double *x, struct fit_info *info);
/* For table columns: the widest piece that cannot be broken and the
 * widest hard line, unbroken. */
void fit_extent(const struct fit_char *c, size_t n, const struct fit_params *p,
		double *min, double *max);
/* The space the fitter puts between a and b (negative when it takes
 * the blank of fullwidth punctuation away), for font size em. */
double fit_glue(uint32_t a, uint32_t b, double em);

#endif
