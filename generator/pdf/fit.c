/* fit: first-fit line breaking. Japanese text has a break opportunity
 * between almost any two characters, so first fit leaves lines nearly
 * full and a justified line needs only a little extra space; a
 * total-fit (Knuth–Plass) pass would cost more than it shows. */
#include "fit.h"

#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"
#include "../render/linebreak.h"

#define EPS 1e-6
/* A justified line spreads at most this much (em) per gap between
 * Japanese characters, and per space; more looks like letterspacing,
 * so such a line (before a long URL) is set ragged instead. */
#define MAX_SPREAD 0.35
#define MAX_SPACE 2.0

static int fit_space(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000;
}

/* The JLReq classes whose blanks the fitter knows (JLReq 3.1.4,
 * Appendix A). A fullwidth bracket or stop is drawn in an em box of
 * which half is blank: cl-01 on the left, cl-02, cl-06 and cl-07 on
 * the right; a middle dot (cl-05) has a quarter em on each side.
 * cl-03 (hyphens: 〜 ゠ ‐ –) and cl-04 (！？) have no blank to take. */
enum fit_cl { CL_NONE, CL_OPEN, CL_CLOSE, CL_HYPHEN, CL_DIVIDING, CL_DOT, CL_STOP, CL_COMMA };

static int fit_class(uint32_t cp)
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

static int fit_closing(int cl)
{
	return cl == CL_CLOSE || cl == CL_STOP || cl == CL_COMMA;
}

/* Japanese letters (kanji, kana, fullwidth letters and digits), not
 * punctuation, which carries its own blank. */
static int fit_ja_letter(uint32_t cp)
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

/* JLReq 3.1.4 and Appendix A Table 1 for cl-01 … cl-07, as the blank
 * taken away (in em) from the natural "glyph + blank" boxes:
 * 」「 、「 。「 keep half an em between them; 「「 」」 」、 」。 、」 。」
 * are set solid; 」・ and ・「 keep the dot's quarter em. Everything
 * else (、・ 。・ keep half + quarter, ・・ a quarter each, ！「 「、 …)
 * is set as the boxes fall. Only fullwidth forms are classed: the
 * curly quotes ‘“”’ of cl-01/02 and ASCII ( ) are proportional glyphs
 * without a blank. */
static double fit_squeeze(int a, int b)
{
	if (fit_closing(a) && b == CL_OPEN)
		return 0.5;
	if (a == CL_CLOSE && (fit_closing(b) || b == CL_DOT))
		return 0.5;
	if ((a == CL_STOP || a == CL_COMMA) && b == CL_CLOSE)
		return 0.5;
	if (a == CL_OPEN && b == CL_OPEN)
		return 0.5;
	if (a == CL_DOT && b == CL_OPEN)
		return 0.5;
	return 0;
}

double fit_glue(uint32_t a, uint32_t b, double em)
{
	if ((fit_ja_letter(a) && linebreak_is_latin(b)) ||
	    (linebreak_is_latin(a) && fit_ja_letter(b)))
		return em / 4;
	return -em * fit_squeeze(fit_class(a), fit_class(b));
}

static double fit_gap(const struct fit_char *c, size_t i, const struct fit_params *p)
{
	return p->prose ? fit_glue(c[i].cp, c[i + 1].cp, c[i].em) : 0;
}

/* Hanging is for Japanese text only: a Latin comma stays inside. */
static int fit_hangs(uint32_t cp)
{
	return cp >= 0x3000 && linebreak_hangs(cp);
}

static int fit_url_char(uint32_t cp)
{
	return cp > ' ' && cp < 0x7F && cp != '"' && cp != '<' && cp != '>';
}

/* Inside a URL (from "://" to the next space or non-ASCII character) a
 * line may also break after / = & . ? and before - _ # % ~ (The Chicago
 * Manual of Style's places, but . and ? stay at the end of the line,
 * which kinsoku wants), so a long URL does not leave the line before
 * it spread thin. */
static void fit_url_breaks(const uint32_t *cps, size_t n, int rule, uint8_t *brk)
{
	for (size_t i = 0; i + 3 < n; i++) {
		if (cps[i] != ':' || cps[i + 1] != '/' || cps[i + 2] != '/')
			continue;
		size_t end = i + 3;
		while (end < n && fit_url_char(cps[end]))
			end++;
		for (size_t k = i + 3; k + 2 < end; k++)
			if (brk[k] == LINEBREAK_NO && !linebreak_not_start(cps[k + 1], rule) &&
			    (strchr("/=&.?", (int)cps[k]) || strchr("-_#%~", (int)cps[k + 1])))
				brk[k] = LINEBREAK_ALLOW;
		i = end;
	}
}

static uint8_t *fit_breaks(const struct fit_char *c, size_t n, int rule)
{
	uint32_t *cps = xmalloc(n * sizeof *cps);
	uint8_t *brk = xmalloc(n);
	for (size_t i = 0; i < n; i++)
		cps[i] = c[i].cp;
	linebreak_find(cps, n, rule, brk);
	fit_url_breaks(cps, n, rule, brk);
	free(cps);
	return brk;
}

/* The end of a line broken after k: trailing spaces left out. */
static struct fit_line fit_end_at(const struct fit_char *c, size_t n, size_t start,
				  size_t k)
{
	struct fit_line l = {(uint32_t)start, (uint32_t)(k + 1), (uint32_t)(k + 1), 0, 0};
	while (l.end > start && fit_space(c[l.end - 1].cp))
		l.end--;
	while (l.next < n && c[l.next].cp == ' ')
		l.next++;
	return l;
}

/* No opportunity on the line: split before the character that does
 * not fit, but not before one that may not start a line. */
static struct fit_line fit_force(const struct fit_char *c, size_t n, size_t start,
				 size_t k, const struct fit_params *p)
{
	size_t e = k > start ? k : start + 1;
	while (e - 1 > start && e < n && linebreak_not_start(c[e].cp, p->rule))
		e--;
	return fit_end_at(c, n, start, e - 1);
}

/* A title's good place to break after c[k]: after 、。 or a closing
 * bracket, before an opening one (盗まれた|（架空の事例）). */
static int fit_phrase_end(const struct fit_char *c, size_t n, size_t k)
{
	return fit_closing(fit_class(c[k].cp)) || (k + 1 < n && fit_class(c[k + 1].cp) == CL_OPEN);
}

/* How far back (pt) a title's line may end at a good place rather than
 * at the last opportunity: eight characters, a third of the line. */
static double fit_phrase_reach(const struct fit_char *c, size_t k, double avail)
{
	double r = 8 * c[k].em;
	return r < avail / 3 ? r : avail / 3;
}

/* One line from start: first fit; a title (phrases) ends at a space
 * past the middle of the line or at a good place near its end rather
 * than inside a word. */
static struct fit_line fit_one(const struct fit_char *c, size_t n, const uint8_t *brk,
			       size_t start, double avail, const struct fit_params *p)
{
	double w = 0, w_good = 0;
	size_t ok = (size_t)-1, space = (size_t)-1, good = (size_t)-1;
	for (size_t k = start; k < n; k++) {
		if (brk[k] == LINEBREAK_MUST) {
			struct fit_line l = {(uint32_t)start, (uint32_t)k, (uint32_t)(k + 1), 0, 1};
			if (c[k].cp != '\n' && c[k].cp != '\r' && c[k].cp != 0x2028)
				l.end = (uint32_t)(k + 1);
			return l;
		}
		double add = (k > start ? fit_gap(c, k - 1, p) : 0) + c[k].w;
		if (w + add > avail + EPS && !fit_space(c[k].cp)) {
			if (p->prose && fit_hangs(c[k].cp) && k > start && w <= avail + EPS &&
			    brk[k] != LINEBREAK_NO) {
				struct fit_line l = fit_end_at(c, n, start, k);
				l.hang = 1;
				l.last = l.next >= n;
				return l;
			}
			if (good != (size_t)-1 && (space == (size_t)-1 || good > space) &&
			    w - w_good <= fit_phrase_reach(c, k, avail))
				return fit_end_at(c, n, start, good);
			if (space != (size_t)-1)
				return fit_end_at(c, n, start, space);
			if (ok != (size_t)-1)
				return fit_end_at(c, n, start, ok);
			return fit_force(c, n, start, k, p);
		}
		w += add;
		if (brk[k] == LINEBREAK_ALLOW) {
			ok = k;
			if (p->phrases && fit_space(c[k].cp) && w >= avail / 2)
				space = k;
			if (p->phrases && fit_phrase_end(c, n, k)) {
				good = k;
				w_good = w;
			}
		}
	}
	struct fit_line l = fit_end_at(c, n, start, n - 1);
	l.last = 1;
	return l;
}

size_t fit_break(const struct fit_char *c, size_t n, const struct fit_params *p,
		 struct fit_line **lines)
{
	*lines = NULL;
	if (n == 0)
		return 0;
	uint8_t *brk = fit_breaks(c, n, p->rule);
	size_t count = 0, cap = 0;
	for (size_t i = 0; i < n;) {
		double avail = p->width - (count == 0 ? p->indent : 0);
		struct fit_line l = fit_one(c, n, brk, i, avail, p);
		if (count == cap)
			*lines = xrealloc(*lines, (cap = cap ? cap * 2 : 8) * sizeof **lines);
		(*lines)[count++] = l;
		i = l.next;
	}
	free(brk);
	return count;
}

/* May the gap after c[i] take extra space when the line is justified? */
static int fit_stretchy(const struct fit_char *c, size_t i)
{
	uint32_t a = c[i].cp, b = c[i + 1].cp;
	return fit_space(a) || (!fit_space(b) && (linebreak_is_ja(a) || linebreak_is_ja(b)));
}

static void fit_spread(const struct fit_char *c, const struct fit_line *l, double extra,
		       double *x)
{
	size_t last = l->end - l->hang;	/* characters to spread over */
	size_t gaps = 0;
	double limit = 0;
	for (size_t i = l->start; i + 1 < last; i++)
		if (fit_stretchy(c, i)) {
			gaps++;
			limit += c[i].em * (fit_space(c[i].cp) ? MAX_SPACE : MAX_SPREAD);
		}
	if (gaps == 0 || extra > limit)
		return;
	double per = extra / gaps, shift = 0;
	for (size_t i = l->start; i + 1 < l->end; i++) {
		if (i + 1 < last && fit_stretchy(c, i))
			shift += per;
		x[i + 1 - l->start] += shift;
	}
}

double fit_place(const struct fit_char *c, const struct fit_line *l,
		 const struct fit_params *p, int first, double *x)
{
	double pos = first ? p->indent : 0;
	for (size_t i = l->start; i < l->end; i++) {
		x[i - l->start] = pos;
		pos += c[i].w + (i + 1 < l->end ? fit_gap(c, i, p) : 0);
	}
	if (l->end == l->start)
		return pos;
	double right = l->hang ? x[l->end - 1 - l->start] : pos;
	double extra = p->width - right;
	if (p->justify && !l->last && extra > EPS) {
		fit_spread(c, l, extra, x);
		pos += extra;
	}
	return pos;
}

void fit_extent(const struct fit_char *c, size_t n, const struct fit_params *p,
		double *min, double *max)
{
	*min = *max = 0;
	if (n == 0)
		return;
	uint8_t *brk = fit_breaks(c, n, p->rule);
	double piece = 0, line = 0, trail = 0;
	for (size_t k = 0; k < n; k++) {
		double add = c[k].w + (k + 1 < n ? fit_gap(c, k, p) : 0);
		int sp = fit_space(c[k].cp);
		piece += add;
		line += add;
		trail = sp ? trail + add : 0;
		if (brk[k] != LINEBREAK_NO) {
			if (piece - trail > *min)
				*min = piece - trail;
			piece = 0;
		}
		if (brk[k] == LINEBREAK_MUST || k + 1 == n) {
			if (line - trail > *max)
				*max = line - trail;
			line = 0;
		}
	}
	free(brk);
}
