/* gap: JLReq's spacing between characters (Appendix A Table 1) and
 * its opportunities for reduction and expansion (Appendix B, C), for
 * the classes tebiki meets in horizontal prose. A fullwidth bracket or
 * stop is drawn in an em box of which half is blank: cl-01 on the
 * left, cl-02, cl-06, cl-07 on the right; a middle dot (cl-05) has a
 * quarter em on each side. cl-03 (〜 ゠) and cl-04 (！？) have no blank. */
#include "gap.h"

#include <string.h>

#include "../render/linebreak.h"

enum gap_cl { CL_NONE, CL_OPEN, CL_CLOSE, CL_HYPHEN, CL_DIVIDING, CL_DOT, CL_STOP, CL_COMMA };

/* Only fullwidth forms are classed: the curly quotes ‘“”’ of cl-01/02
 * and ASCII ( ) are proportional glyphs without a blank. */
static int gap_class(uint32_t cp)
{
	switch (cp) {
	case 0x3008: case 0x300A: case 0x300C: case 0x300E: case 0x3010:
	case 0x3014: case 0x3016: case 0x3018: case 0x301D: case 0xFF08:
	case 0xFF3B: case 0xFF5B: case 0xFF5F:
		return CL_OPEN;
	case 0x3009: case 0x300B: case 0x300D: case 0x300F: case 0x3011:
	case 0x3015: case 0x3017: case 0x3019: case 0x301F: case 0xFF09:
	case 0xFF3D: case 0xFF5D: case 0xFF60:
		return CL_CLOSE;
	case 0x301C: case 0x30A0: case 0xFF5E:
		return CL_HYPHEN;
	case 0xFF01: case 0xFF1F: case 0x203C: case 0x2047: case 0x2048: case 0x2049:
		return CL_DIVIDING;
	case 0x30FB: case 0xFF1A: case 0xFF1B:
		return CL_DOT;
	case 0x3002: case 0xFF0E:
		return CL_STOP;
	case 0x3001: case 0xFF0C:
		return CL_COMMA;
	}
	return CL_NONE;
}

static int gap_closing(int cl)
{
	return cl == CL_CLOSE || cl == CL_STOP || cl == CL_COMMA;
}

/* The blank after a glyph of class cl that reduction may take in the
 * middle of a line: not a full stop's, which separates sentences. */
static double gap_blank_after(int cl)
{
	return cl == CL_CLOSE || cl == CL_COMMA ? 0.5 : cl == CL_DOT ? 0.25 : 0;
}

static double gap_blank_before(int cl)
{
	return cl == CL_OPEN ? 0.5 : cl == CL_DOT ? 0.25 : 0;
}

static int gap_space(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000;
}

/* Japanese letters (kanji, kana, fullwidth letters and digits), not
 * punctuation, which carries its own blank. */
static int gap_ja_letter(uint32_t cp)
{
	if (!linebreak_is_ja(cp))
		return 0;
	if (cp >= 0x3000 && cp <= 0x303F)
		return cp >= 0x3005 && cp <= 0x3007;	/* 々 〆 〇 */
	if (cp == 0x30FB)
		return 0;	/* ・ */
	if (cp >= 0xFF01 && cp <= 0xFF65)
		return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
		       (cp >= 0xFF41 && cp <= 0xFF5A);
	return 1;
}

static int gap_scripts(uint32_t a, uint32_t b)
{
	return (gap_ja_letter(a) && linebreak_is_latin(b)) ||
	       (linebreak_is_latin(a) && gap_ja_letter(b));
}

/* JLReq 3.1.4 and Table 1 for cl-01 … cl-07, as the blank taken away
 * (em) from the natural "glyph + blank" boxes: 」「 、「 。「 keep half
 * an em between them; 「「 」」 」、 」。 、」 。」 are set solid; 」・
 * and ・「 keep the dot's quarter em. Everything else (、・ 。・ keep
 * half + quarter, ・・ a quarter each, ！「 「、 …) is set as the boxes
 * fall. */
static double gap_squeeze(int a, int b)
{
	if (gap_closing(a) && b == CL_OPEN)
		return 0.5;
	if (a == CL_CLOSE && (gap_closing(b) || b == CL_DOT))
		return 0.5;
	if ((a == CL_STOP || a == CL_COMMA) && b == CL_CLOSE)
		return 0.5;
	if (a == CL_OPEN && b == CL_OPEN)
		return 0.5;
	if (a == CL_DOT && b == CL_OPEN)
		return 0.5;
	return 0;
}

double gap_glue(uint32_t a, uint32_t b, double em)
{
	if (gap_scripts(a, b))
		return em / 4;
	return -em * gap_squeeze(gap_class(a), gap_class(b));
}

void gap_between(uint32_t a, double aw, double em, uint32_t b, struct gap *g)
{
	memset(g, 0, sizeof *g);
	g->glue = gap_glue(a, b, em);
	if (gap_space(a)) {
		/* a word space: between a quarter and half an em */
		if (!gap_space(b)) {
			double room = aw < em * GAP_MAX_ADD ? em * GAP_MAX_ADD - aw : 0;
			g->take[GAP_TAKE_SPACE] = aw > em / 4 ? aw - em / 4 : 0;
			g->give[GAP_GIVE_FIRST] = room < em / 4 ? room : em / 4;
			g->give[GAP_GIVE_MORE] = room - g->give[GAP_GIVE_FIRST];
		}
		return;
	}
	if (gap_space(b))
		return;
	if (gap_scripts(a, b)) {
		/* a quarter em, from an eighth to half an em */
		g->take[GAP_TAKE_SCRIPT] = em / 8;
		g->give[GAP_GIVE_FIRST] = em * GAP_MAX_ADD - em / 4;
		return;
	}
	/* the half ems of 、」「 give up half of themselves at most (JLReq
	 * notes that setting them solid is too much for many); a middle
	 * dot's quarter ems may go */
	int ca = gap_class(a), cb = gap_class(b);
	double blank = gap_blank_after(ca) + gap_blank_before(cb) + g->glue / em;
	if (blank > 0 && (ca == CL_DOT || cb == CL_DOT))
		g->take[GAP_TAKE_DOT] = blank * em;
	else if (blank > 0)
		g->take[GAP_TAKE_BLANK] = (blank < GAP_MAX_TAKE ? blank : GAP_MAX_TAKE) * em;
	/* letters of a Latin word, digits of a number, the halves of ――
	 * and …… are never spaced apart */
	if (linebreak_is_ja(a) || linebreak_is_ja(b)) {
		g->give[GAP_GIVE_FIRST] = em / 4;
		g->give[GAP_GIVE_MORE] = em * GAP_MAX_ADD - em / 4;
	}
}

double gap_end(uint32_t cp, double em)
{
	int cl = gap_class(cp);
	return em * (gap_closing(cl) ? 0.5 : cl == CL_DOT ? 0.25 : 0);
}

int gap_punct(uint32_t cp)
{
	if (cp < 0x80)
		return cp != 0 && strchr(".,;:!?)]}\"'", (int)cp) != NULL;
	return gap_class(cp) != CL_NONE || cp == 0x2019 || cp == 0x201D;
}

int gap_phrase_after(uint32_t cp)
{
	return gap_closing(gap_class(cp));
}

int gap_phrase_before(uint32_t cp)
{
	return gap_class(cp) == CL_OPEN;
}
