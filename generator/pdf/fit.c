/* fit: line breaking by first fit with JLReq's line adjustment.
 * Japanese text has a break opportunity between almost any two
 * characters, so first fit leaves lines nearly full; what it cannot do
 * alone (a long URL or code span after the break, a last line of one
 * character) is handled where it happens: another break inside the
 * long piece, or the line before giving up a character. A total-fit
 * (Knuth–Plass) pass would cost more than it shows. */
#include "fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"
#include "../render/hyphen.h"
#include "../render/linebreak.h"
#include "gap.h"

#define EPS 1e-6
#define NONE ((size_t)-1)

const char *const fit_why_name[FIT__COUNT] = {
	"end", "hard", "fill", "squeeze", "hang", "phrase", "code", "hyphen", "force", "pull"};

/* Breaks that are not UAX #14's: used only when the line would
 * otherwise be loose (or nothing else fits). */
enum { SEC_NONE, SEC_CODE, SEC_HYPHEN };

/* A paragraph being broken: its opportunities and prefix sums of its
 * widths, so any candidate line is measured in constant time. */
struct fit_para {
	const struct fit_char *c;
	size_t n;
	const struct fit_params *p;
	uint8_t *brk;		/* LINEBREAK_* after c[k] */
	uint8_t *sec;		/* SEC_* after c[k] */
	uint8_t *code;		/* c[k] is in inline code or a URL */
	double *pw;		/* pw[k]: advances of c[0..k) */
	double *pg;		/* pg[k]: glue of the gaps before c[1..k) */
	double *pt;		/* … what reduction may take from them */
	double *pv;		/* … what expansion may give them */
};

static int fit_space(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000;
}

/* Hanging is for Japanese text only: a Latin comma stays inside. */
static int fit_hangs(uint32_t cp)
{
	return cp >= 0x3000 && linebreak_hangs(cp);
}

/* The gap after c[i]: none to adjust in code (a block, or inside an
 * inline code span, whose spaces are characters). */
static void fit_gap_at(const struct fit_char *c, size_t i, const struct fit_params *p,
		       struct gap *g)
{
	if (p->prose && !(c[i].flags & c[i + 1].flags & FIT_CODE))
		gap_between(c[i].cp, c[i].w, c[i].em, c[i + 1].cp, g);
	else
		memset(g, 0, sizeof *g);
}

/* --- measuring candidate lines ----------------------------------------- */

/* The natural width of c[s..e] (inclusive). */
static double fit_width(const struct fit_para *P, size_t s, size_t e)
{
	return P->pw[e + 1] - P->pw[s] + P->pg[e + 1] - P->pg[s + 1];
}

/* The blank after the last character c[e] of a line that reduction
 * takes first (JLReq 3.8.2). Not after a squeezed pair such as ）」:
 * text extraction (poppler) reads a glyph that overlaps the one before
 * it and sticks out past the measure as a line of its own. */
static double fit_end_blank(const struct fit_char *c, size_t s, size_t e,
			    const struct fit_params *p)
{
	if (!p->prose || (e > s && gap_glue(c[e - 1].cp, c[e].cp, c[e - 1].em) < 0))
		return 0;
	return gap_end(c[e].cp, c[e].em);
}

/* What reduction may take from the line c[s..e]: its gaps and the
 * blank after its last character. */
static double fit_take(const struct fit_para *P, size_t s, size_t e)
{
	return P->pt[e + 1] - P->pt[s + 1] + fit_end_blank(P->c, s, e, P->p);
}

static double fit_give(const struct fit_para *P, size_t s, size_t e)
{
	return P->pv[e + 1] - P->pv[s + 1];
}

/* The last character of a line broken after k: trailing spaces left
 * out (NONE for a line of spaces). */
static size_t fit_trim(const struct fit_para *P, size_t s, size_t k)
{
	while (k + 1 > s && fit_space(P->c[k].cp))
		k--;
	return k + 1 > s ? k : NONE;
}

/* How much of what expansion may give the line c[s..k] (plus extra, a
 * hyphen) needs to reach avail: 0.5 is a quarter em a gap, 1 half an
 * em, more is a loose line. A line with nothing to widen (a URL, an
 * English word) is not loose but short: 1. */
static double fit_need(const struct fit_para *P, size_t s, size_t k, double extra, double avail)
{
	size_t e = fit_trim(P, s, k);
	if (e == NONE)
		return HUGE_VAL;
	double room = avail - fit_width(P, s, e) - extra;
	if (room <= EPS)
		return 0;
	double give = fit_give(P, s, e);
	return give > EPS ? room / give : 1;
}

/* --- opportunities --------------------------------------------------- */

static int fit_url_char(uint32_t cp)
{
	return cp > ' ' && cp < 0x7F && cp != '"' && cp != '<' && cp != '>';
}

static int fit_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* URLs, from their scheme to the next space or non-ASCII character,
 * are code as inline code is. */
static void fit_mark_urls(struct fit_para *P, const uint32_t *cps)
{
	size_t n = P->n;
	for (size_t i = 0; i + 3 < n; i++) {
		if (cps[i] != ':' || cps[i + 1] != '/' || cps[i + 2] != '/')
			continue;
		size_t s = i, e = i + 3;
		while (s > 0 && fit_letter(cps[s - 1]))
			s--;
		while (e < n && fit_url_char(cps[e]))
			e++;
		memset(P->code + s, 1, e - s);
		i = e;
	}
}

/* Code and URLs keep whole (`vanilla-ts` does not break after its
 * hyphen) unless the line would be loose: then they break after
 * / . _ - ? & = or between camelCase humps, never before a character
 * kinsoku keeps off the start of a line, never after their first
 * character or before their last. Spaces in code still break. */
static void fit_code_breaks(struct fit_para *P, const uint32_t *cps)
{
	for (size_t s = 0; s < P->n;) {
		if (!P->code[s]) {
			s++;
			continue;
		}
		size_t e = s;
		while (e < P->n && P->code[e])
			e++;
		for (size_t k = s; k + 1 < e; k++) {
			if (fit_space(cps[k]))
				continue;
			if (P->brk[k] == LINEBREAK_ALLOW)
				P->brk[k] = LINEBREAK_NO;
			uint32_t a = cps[k], b = cps[k + 1];
			if (k == s || k + 2 == e || fit_space(b) || linebreak_not_start(b, P->p->rule))
				continue;
			if ((a < 0x80 && a && strchr("/._-?&=", (int)a)) ||
			    (a >= 'a' && a <= 'z' && b >= 'A' && b <= 'Z'))
				P->sec[k] = SEC_CODE;
		}
		s = e;
	}
}

/* English words (ASCII letters, no capital after the first: not
 * acronyms or product names) may take a hyphen where the patterns
 * allow, outside code and URLs. */
static void fit_hyphen_breaks(struct fit_para *P, const uint32_t *cps)
{
	uint8_t marks[64];
	for (size_t s = 0; s < P->n;) {
		if (!fit_letter(cps[s]) || P->code[s]) {
			s++;
			continue;
		}
		size_t e = s + 1;
		int caps = 0;
		while (e < P->n && fit_letter(cps[e]) && !P->code[e])
			caps |= cps[e] >= 'A' && cps[e] <= 'Z', e++;
		int alone = (s == 0 || !linebreak_is_latin(cps[s - 1])) &&
			    (e == P->n || !linebreak_is_latin(cps[e]));
		if (alone && !caps && e - s <= sizeof marks && hyphen_word(cps + s, e - s, marks))
			for (size_t i = 0; i < e - s; i++)
				if (marks[i] && P->brk[s + i] == LINEBREAK_NO)
					P->sec[s + i] = SEC_HYPHEN;
		s = e;
	}
}

static void fit_para_init(struct fit_para *P, const struct fit_char *c, size_t n,
			  const struct fit_params *p)
{
	P->c = c;
	P->n = n;
	P->p = p;
	P->brk = xmalloc(n);
	P->sec = xcalloc(n, 1);
	P->code = xcalloc(n, 1);
	uint32_t *cps = xmalloc(n * sizeof *cps);
	for (size_t i = 0; i < n; i++) {
		cps[i] = c[i].cp;
		P->code[i] = p->prose && (c[i].flags & FIT_CODE);
	}
	linebreak_find(cps, n, p->rule, P->brk);
	for (size_t i = 0; i < n; i++)
		if ((c[i].flags & FIT_NOBREAK) && P->brk[i] == LINEBREAK_ALLOW)
			P->brk[i] = LINEBREAK_NO;
	if (p->prose) {
		fit_mark_urls(P, cps);
		fit_code_breaks(P, cps);
		fit_hyphen_breaks(P, cps);
		for (size_t i = 0; i < n; i++)
			if (c[i].flags & FIT_NOBREAK)
				P->sec[i] = SEC_NONE;
	}
	free(cps);
	double *sums = xmalloc(4 * (n + 1) * sizeof *sums);
	P->pw = sums, P->pg = sums + n + 1, P->pt = sums + 2 * (n + 1), P->pv = sums + 3 * (n + 1);
	P->pw[0] = P->pg[0] = P->pt[0] = P->pv[0] = 0;
	P->pg[1] = P->pt[1] = P->pv[1] = 0;
	for (size_t k = 0; k < n; k++) {
		P->pw[k + 1] = P->pw[k] + c[k].w;
		if (k + 1 == n)
			break;
		struct gap g;
		fit_gap_at(c, k, p, &g);
		double take = 0, give = 0;
		for (int s = 0; s < GAP_TAKE__COUNT; s++)
			take += g.take[s];
		for (int s = 0; s < GAP_GIVE__COUNT; s++)
			give += g.give[s];
		P->pg[k + 2] = P->pg[k + 1] + g.glue;
		P->pt[k + 2] = P->pt[k + 1] + take;
		P->pv[k + 2] = P->pv[k + 1] + give;
	}
}

static void fit_para_free(struct fit_para *P)
{
	free(P->brk);
	free(P->sec);
	free(P->code);
	free(P->pw);
}

/* --- one line ------------------------------------------------------------ */

/* The line from start broken after k: trailing spaces left out. */
static struct fit_line fit_end_at(const struct fit_para *P, size_t start, size_t k, int why)
{
	struct fit_line l = {(uint32_t)start, (uint32_t)(k + 1), (uint32_t)(k + 1), 0, 0, 0,
			     (uint8_t)why};
	while (l.end > start && fit_space(P->c[l.end - 1].cp))
		l.end--;
	while (l.next < P->n && P->c[l.next].cp == ' ')
		l.next++;
	l.last = l.next >= P->n;
	if (l.last && why == FIT_FILL)
		l.why = FIT_END;
	l.hyphen = why == FIT_HYPHEN;
	return l;
}

/* No opportunity on the line: split before the character that does
 * not fit, but not before one that may not start a line. */
static struct fit_line fit_force(const struct fit_para *P, size_t start, size_t k)
{
	size_t e = k > start ? k : start + 1;
	while (e - 1 > start && e < P->n && linebreak_not_start(P->c[e].cp, P->p->rule))
		e--;
	return fit_end_at(P, start, e - 1, FIT_FORCE);
}

/* How far back (pt) a title's line may end at a good place rather than
 * at the last opportunity: eight characters, a third of the line. */
static double fit_phrase_reach(const struct fit_char *c, size_t k, double avail)
{
	double r = 8 * c[k].em;
	return r < avail / 3 ? r : avail / 3;
}

/* What the scan of one line found. */
struct fit_scan {
	size_t over;		/* the first character past the measure */
	size_t ok;		/* the last opportunity within the measure */
	size_t tight;		/* the first one past it reached by reduction */
	size_t sec;		/* the last secondary one within the measure */
	size_t space, good;	/* titles: a space past the middle, a phrase end */
	double w_good, w_over;	/* widths at good and before over */
};

/* A title ends at a space past the middle of the line or at a good
 * place near its end rather than inside a word. */
static int fit_phrase(const struct fit_para *P, const struct fit_scan *s, size_t start,
		      double avail, struct fit_line *l)
{
	if (!P->p->phrases)
		return 0;
	if (s->good != NONE && (s->space == NONE || s->good > s->space) &&
	    s->w_over - s->w_good <= fit_phrase_reach(P->c, s->over, avail)) {
		*l = fit_end_at(P, start, s->good, FIT_PHRASE);
		return 1;
	}
	if (s->space != NONE) {
		*l = fit_end_at(P, start, s->space, FIT_PHRASE);
		return 1;
	}
	return 0;
}

/* The scan goes on past the measure while reduction could still bring
 * the line back: a justified line of prose only. */
static int fit_squeezes(const struct fit_params *p)
{
	return p->prose && p->justify;
}

static void fit_scan(const struct fit_para *P, size_t start, double avail, struct fit_scan *s,
		     size_t *hard)
{
	const struct fit_char *c = P->c;
	*s = (struct fit_scan){NONE, NONE, NONE, NONE, NONE, NONE, 0, 0};
	*hard = NONE;
	for (size_t k = start; k < P->n; k++) {
		if (P->brk[k] == LINEBREAK_MUST) {
			if (s->over == NONE)
				*hard = k;
			return;
		}
		double w = fit_width(P, start, k);
		if (s->over == NONE && w > avail + EPS && !fit_space(c[k].cp)) {
			s->over = k;
			s->w_over = k > start ? fit_width(P, start, k - 1) : 0;
			if (!fit_squeezes(P->p))
				return;
		}
		if (s->over != NONE &&
		    w - (P->pt[k + 1] - P->pt[start + 1]) - c[k].em / 2 > avail + EPS)
			return;	/* nothing further can be taken in */
		if (P->brk[k] == LINEBREAK_ALLOW) {
			size_t e = fit_trim(P, start, k);
			if (s->over == NONE) {
				s->ok = k;
				if (fit_space(c[k].cp) && w >= avail / 2)
					s->space = k;
				if (gap_phrase_after(c[k].cp) ||
				    (k + 1 < P->n && gap_phrase_before(c[k + 1].cp))) {
					s->good = k;
					s->w_good = w;
				}
			} else if (s->tight == NONE && e != NONE &&
				   fit_width(P, start, e) - fit_take(P, start, e) <= avail + EPS) {
				s->tight = k;
			}
		}
		if (P->sec[k] && s->over == NONE &&
		    w + (P->sec[k] == SEC_HYPHEN ? c[k].hy : 0) <= avail + EPS)
			s->sec = k;
	}
}

/* Where a line that would be spread by more than a quarter em a gap
 * could end instead: */
enum { ALT_FILL, ALT_SEC, ALT_SPLIT, ALT__COUNT };

/* … at a secondary break, or, inside code or a URL, where the line is
 * full (as a browser's overflow-wrap does): better than letterspacing. */
static void fit_alternatives(const struct fit_para *P, const struct fit_scan *s, size_t start,
			     double avail, struct fit_line *alt, double *need)
{
	memset(alt, 0, ALT__COUNT * sizeof *alt);
	for (int i = 0; i < ALT__COUNT; i++)
		need[i] = HUGE_VAL;
	if (s->ok != NONE) {
		alt[ALT_FILL] = fit_end_at(P, start, s->ok, FIT_FILL);
		need[ALT_FILL] = fit_need(P, start, s->ok, 0, avail);
	}
	if (s->sec != NONE && (s->ok == NONE || s->sec > s->ok)) {
		int hyphen = P->sec[s->sec] == SEC_HYPHEN;
		alt[ALT_SEC] = fit_end_at(P, start, s->sec, hyphen ? FIT_HYPHEN : FIT_CODE_BREAK);
		need[ALT_SEC] = fit_need(P, start, s->sec, hyphen ? P->c[s->sec].hy : 0, avail);
	}
	size_t k = s->over;
	if (k > start && P->code[k] && P->code[k - 1]) {
		struct fit_line f = fit_force(P, start, k);
		if (s->ok == NONE || f.end > s->ok + 1) {
			alt[ALT_SPLIT] = f;
			need[ALT_SPLIT] = fit_need(P, start, f.end - 1, 0, avail);
		}
	}
}

/* The line ends at the last opportunity if that spreads it by a
 * quarter em a gap at most, else at a secondary break that does, else
 * at whichever of the two spreads it least within half an em; beyond
 * that, code is split; only then is a line left loose (and short). */
static struct fit_line fit_choose(const struct fit_para *P, const struct fit_scan *s,
				  size_t start, double avail)
{
	struct fit_line alt[ALT__COUNT];
	double need[ALT__COUNT];
	fit_alternatives(P, s, start, avail, alt, need);
	for (int i = ALT_FILL; i <= ALT_SEC; i++)
		if (need[i] <= 0.5 + EPS)
			return alt[i];
	int best = need[ALT_SEC] < need[ALT_FILL] ? ALT_SEC : ALT_FILL;
	if (need[best] <= 1 + EPS)
		return alt[best];
	if (need[ALT_SPLIT] < HUGE_VAL)
		return alt[ALT_SPLIT];
	if (need[best] < HUGE_VAL)
		return alt[best];
	return fit_force(P, start, s->over);
}

static struct fit_line fit_one(const struct fit_para *P, size_t start, double avail)
{
	const struct fit_char *c = P->c;
	const struct fit_params *p = P->p;
	struct fit_scan s;
	size_t hard;
	fit_scan(P, start, avail, &s, &hard);
	if (hard != NONE) {
		struct fit_line l = {(uint32_t)start, (uint32_t)hard, (uint32_t)(hard + 1), 0, 1,
				     0, FIT_HARD};
		if (c[hard].cp != '\n' && c[hard].cp != '\r' && c[hard].cp != 0x2028)
			l.end = (uint32_t)(hard + 1);
		return l;
	}
	if (s.over == NONE)
		return fit_end_at(P, start, P->n - 1, FIT_END);
	size_t k = s.over;
	if (p->prose && fit_hangs(c[k].cp) && k > start && s.w_over <= avail + EPS &&
	    P->brk[k] != LINEBREAK_NO) {
		struct fit_line l = fit_end_at(P, start, k, FIT_HANG);
		l.hang = 1;
		return l;
	}
	struct fit_line l;
	if (s.tight != NONE)
		return fit_end_at(P, start, s.tight, FIT_SQUEEZE);
	if (fit_phrase(P, &s, start, avail, &l))
		return l;
	/* ragged text ends at the last opportunity: only a piece wider than
	 * the line looks elsewhere */
	if (s.ok != NONE && !fit_squeezes(p))
		return fit_end_at(P, start, s.ok, FIT_FILL);
	if (!p->prose)
		return fit_force(P, start, k);
	return fit_choose(P, &s, start, avail);
}

/* --- the last line ------------------------------------------------------- */

/* Characters of c[s..e) other than spaces and punctuation. */
static size_t fit_letters(const struct fit_para *P, size_t s, size_t e)
{
	size_t n = 0;
	for (size_t i = s; i < e; i++)
		n += !fit_space(P->c[i].cp) && !gap_punct(P->c[i].cp) && P->c[i].cp != '\n';
	return n;
}

/* The last line of a paragraph (or before a hard break) with fewer
 * than two characters besides its punctuation: the line before ends
 * earlier so that two come down, if that does not make it loose.
 * (Taking the last line in by reduction was tried when the line
 * before was broken: fit_scan's tight.) */
static int fit_widow(const struct fit_para *P, struct fit_line *lines, size_t j)
{
	struct fit_line *prev = &lines[j - 1], *l = &lines[j];
	if (!l->last || prev->last || l->why == FIT_PULL)
		return 0;
	if (fit_letters(P, l->start, l->end) >= 2 ||
	    fit_letters(P, prev->start, prev->end) == 0)
		return 0;
	double avail = P->p->width - (j == 1 ? P->p->indent : 0);
	size_t s = prev->start;
	for (size_t k = prev->end - 1; k-- > s;) {
		if (P->brk[k] != LINEBREAK_ALLOW)
			continue;
		struct fit_line a = fit_end_at(P, s, k, FIT_PULL);
		if (a.end == s || fit_letters(P, a.next, l->end) < 2)
			continue;
		if (fit_width(P, a.next, l->end - 1) > P->p->width + EPS ||
		    (fit_squeezes(P->p) && fit_need(P, s, k, 0, avail) > 1 + EPS))
			return 0;
		a.last = 0;
		*prev = a;
		l->start = a.next;
		return 1;
	}
	return 0;
}

size_t fit_break(const struct fit_char *c, size_t n, const struct fit_params *p,
		 struct fit_line **lines)
{
	*lines = NULL;
	if (n == 0)
		return 0;
	struct fit_para P;
	fit_para_init(&P, c, n, p);
	size_t count = 0, cap = 0;
	for (size_t i = 0; i < n;) {
		double avail = p->width - (count == 0 ? p->indent : 0);
		struct fit_line l = fit_one(&P, i, avail);
		if (count == cap)
			*lines = xrealloc(*lines, (cap = cap ? cap * 2 : 8) * sizeof **lines);
		(*lines)[count++] = l;
		if (p->prose && p->last_two && count >= 2)
			fit_widow(&P, *lines, count - 1);
		i = l.next;
	}
	fit_para_free(&P);
	return count;
}

/* --- placing ------------------------------------------------------------ */

/* Shares amount (pt) evenly over the gaps, each taking at most its
 * room; returns what is left over. */
static double fit_share(double amount, const double *room, double *got, size_t n)
{
	for (int round = 0; round < 64 && amount > EPS; round++) {
		size_t open = 0;
		double least = HUGE_VAL;
		for (size_t i = 0; i < n; i++)
			if (room[i] - got[i] > EPS) {
				open++;
				least = fmin(least, room[i] - got[i]);
			}
		if (open == 0)
			break;
		double step = fmin(amount / (double)open, least);
		for (size_t i = 0; i < n; i++)
			if (room[i] - got[i] > EPS)
				got[i] += step;
		amount -= step * (double)open;
	}
	return amount > EPS ? amount : 0;
}

/* Adjusts the gaps of c[s..s+ng] by amount (pt; negative: reduction)
 * stage by stage; delta[i] is what gap i got. Returns what no stage
 * could take or give. */
static double fit_adjust(const struct fit_char *c, size_t s, size_t ng,
			 const struct fit_params *p, double amount, double *delta)
{
	double *room = xmalloc(2 * (ng + 1) * sizeof *room), *got = room + ng + 1;
	int reduce = amount < 0, stages = reduce ? GAP_TAKE__COUNT : GAP_GIVE__COUNT;
	double left = fabs(amount);
	for (int st = 0; st < stages && left > EPS; st++) {
		for (size_t i = 0; i < ng; i++) {
			struct gap g;
			fit_gap_at(c, s + i, p, &g);
			room[i] = reduce ? g.take[st] : g.give[st];
			got[i] = 0;
		}
		left = fit_share(left, room, got, ng);
		for (size_t i = 0; i < ng; i++)
			delta[i] += reduce ? -got[i] : got[i];
	}
	free(room);
	return left;
}

double fit_place(const struct fit_char *c, const struct fit_line *l,
		 const struct fit_params *p, int first, double *x, struct fit_info *info)
{
	if (info)
		memset(info, 0, sizeof *info);
	double pos = first ? p->indent : 0;
	for (size_t i = l->start; i < l->end; i++) {
		x[i - l->start] = pos;
		pos += c[i].w;
		if (i + 1 < l->end) {
			struct gap g;
			fit_gap_at(c, i, p, &g);
			pos += g.glue;
		}
	}
	if (l->end == l->start)
		return pos;
	size_t last = l->end - l->hang;	/* characters inside the measure */
	double hy = l->hyphen ? c[l->end - 1].hy : 0;
	double right = (l->hang ? x[last - l->start] : pos) + hy;
	double extra = p->width - right;
	if (!p->prose || !p->justify || (extra > 0 && l->last) || fabs(extra) <= EPS)
		return pos + hy;
	if (extra < 0 && !l->hang)
		extra = fmin(0, extra + fit_end_blank(c, l->start, last - 1, p));
	size_t ng = last > l->start + 1 ? last - l->start - 1 : 0;
	double *delta = xcalloc(ng + 1, sizeof *delta);
	double left = fit_adjust(c, l->start, ng, p, extra, delta);
	double shift = 0;
	for (size_t i = 0; i + 1 < l->end - l->start; i++) {
		if (i < ng) {
			shift += delta[i];
			if (info) {
				info->added = fmax(info->added, delta[i] / c[l->start + i].em);
				info->taken = fmax(info->taken, -delta[i] / c[l->start + i].em);
			}
		}
		x[i + 1] += shift;
	}
	if (info && extra > 0 && left > EPS)
		info->short_of = 1;
	free(delta);
	return pos + shift + hy;
}

void fit_extent(const struct fit_char *c, size_t n, const struct fit_params *p,
		double *min, double *max)
{
	*min = *max = 0;
	if (n == 0)
		return;
	struct fit_para P;
	fit_para_init(&P, c, n, p);
	double piece = 0, line = 0, trail = 0;
	for (size_t k = 0; k < n; k++) {
		double add = c[k].w + (k + 1 < n ? P.pg[k + 2] - P.pg[k + 1] : 0);
		int sp = fit_space(c[k].cp);
		piece += add;
		line += add;
		trail = sp ? trail + add : 0;
		/* code and URLs may break in a column, English words do not */
		if (P.brk[k] != LINEBREAK_NO || P.sec[k] == SEC_CODE) {
			if (piece - trail > *min)
				*min = piece - trail;
			piece = 0;
		}
		if (P.brk[k] == LINEBREAK_MUST || k + 1 == n) {
			if (line - trail > *max)
				*max = line - trail;
			line = 0;
		}
	}
	fit_para_free(&P);
}
