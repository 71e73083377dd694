/* gap: the space between two characters of Japanese prose, by JLReq:
 * what it is naturally (the quarter em between Japanese and Latin, the
 * blanks of fullwidth punctuation squeezed where two meet, 3.1.4), how
 * much line adjustment may take from it (reduction, 3.8.2) and give to
 * it (expansion, 3.8.3), in JLReq's order of priority. fit.c breaks
 * and places lines with these numbers. Pure functions. */
#ifndef TEBIKI_GAP_H
#define TEBIKI_GAP_H
#include <stdint.h>

/* The most any gap is widened beyond its natural width, em: JLReq's
 * last resort, half an em between Japanese characters. */
#define GAP_MAX_ADD 0.5

/* The most reduction takes from the half em of 、」「 in the middle of
 * a line, em. */
#define GAP_MAX_TAKE 0.25

/* Reduction, in JLReq's order: word spaces down to a quarter em, the
 * quarter ems around middle dots, the half ems of 、」「 (to a quarter
 * em), the Japanese–Latin quarter em down to an eighth. (The half em
 * after a line's last 。」、 comes first of all: gap_end.) */
enum { GAP_TAKE_SPACE, GAP_TAKE_DOT, GAP_TAKE_BLANK, GAP_TAKE_SCRIPT, GAP_TAKE__COUNT };
/* Expansion: every gap that may widen (word spaces, the Japanese–Latin
 * quarter em, gaps next to Japanese characters) up to a quarter em
 * more, then up to half an em more, a word space to half an em in all.
 * JIS X 4051 widens word spaces and the quarter ems first; tebiki, as
 * LuaTeX-ja's jlreq class, widens them all alike, so a Latin word in
 * a line of Japanese is not set apart. */
enum { GAP_GIVE_FIRST, GAP_GIVE_MORE, GAP_GIVE__COUNT };

struct gap {
	double glue;			/* natural space, pt (negative: squeezed) */
	double take[GAP_TAKE__COUNT];	/* what each stage may take, pt */
	double give[GAP_GIVE__COUNT];	/* what each stage may add, pt */
};

/* The gap after a (of advance aw, font size em) before b. */
void gap_between(uint32_t a, double aw, double em, uint32_t b, struct gap *g);
/* The natural space between a and b (gap_between's glue). */
double gap_glue(uint32_t a, uint32_t b, double em);
/* The blank a line's last character may lose (the half em of 。」、,
 * the quarter em of ・), pt. */
double gap_end(uint32_t cp, double em);
/* Punctuation, for counting the characters of a line: brackets,
 * stops, commas, middle dots, ！？ and their ASCII forms. */
int gap_punct(uint32_t cp);
/* A title's good place to end a line: after 、。 or a closing bracket,
 * before an opening one. */
int gap_phrase_after(uint32_t cp);
int gap_phrase_before(uint32_t cp);

#endif
