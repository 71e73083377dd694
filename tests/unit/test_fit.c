/* pdf/fit: Japanese line fitting — where lines end and where each
 * character goes. Widths are synthetic: 10 pt for Japanese, 5 pt for
 * Latin letters and digits, 2.5 pt for a space, 3.5 pt for a hyphen,
 * so a measure of 50 pt holds five Japanese characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "pdf/fit.h"
#include "pdf/gap.h"
#include "render/linebreak.h"

#define MAXC 256
#define EM 10.0

static size_t chars(const char *s, struct fit_char *c)
{
	size_t n = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		assert_true(k > 0 && n < MAXC);
		c[n].cp = cp;
		c[n].em = (float)EM;
		c[n].w = cp == ' ' ? 2.5f : cp == '\n' ? 0 : cp < 0x2000 ? 5.0f : 10.0f;
		c[n].hy = cp < 0x80 ? 3.5f : 0;
		c[n].flags = 0;
		i += k, n++;
	}
	return n;
}

static struct fit_params params(double width_em)
{
	struct fit_params p = {.width = width_em * EM, .rule = LINEBREAK_STRICT,
			       .justify = 1, .prose = 1};
	return p;
}

/* The lines of s, each ended by '|' (or '>' when its last character
 * hangs). */
static const char *lines(const char *s, const struct fit_params *p)
{
	static char out[4 * MAXC * 2];
	struct fit_char c[MAXC];
	size_t n = chars(s, c), o = 0;
	struct fit_line *ls;
	size_t nl = fit_break(c, n, p, &ls);
	for (size_t l = 0; l < nl; l++) {
		assert_true(ls[l].start <= ls[l].end && ls[l].end <= ls[l].next);
		for (size_t i = ls[l].start; i < ls[l].end; i++)
			o += utf8_encode(c[i].cp, out + o);
		out[o++] = ls[l].hang ? '>' : '|';
	}
	out[o] = '\0';
	free(ls);
	return out;
}

static const char *fill(const char *s, double width_em)
{
	struct fit_params p = params(width_em);
	return lines(s, &p);
}

static void breaks_anywhere_in_japanese(void **state)
{
	assert_string_equal(fill("あいうえおかきくけこさし", 5), "あいうえお|かきくけこ|さし|");
}

/* A group ruby's base (FIT_NOBREAK after all its characters but the
 * last) is never split across lines; mono-ruby bases may be. */
static void ruby_bases_stay_whole(void **state)
{
	struct fit_char c[MAXC];
	size_t n = chars("あいう脆弱性です", c);
	struct fit_params p = params(5);
	struct fit_line *ls;
	size_t nl = fit_break(c, n, &p, &ls);
	assert_int_equal(nl, 2);
	assert_int_equal(ls[0].end, 5);	/* あいう脆弱|性です without the flag */
	free(ls);
	c[3].flags = c[4].flags = FIT_NOBREAK;
	nl = fit_break(c, n, &p, &ls);
	assert_int_equal(nl, 2);
	assert_int_equal(ls[0].end, 3);	/* あいう|脆弱性です */
	assert_int_equal(ls[1].start, 3);
	free(ls);
}

static void kinsoku_pushes_back(void **state)
{
	/* ッ may not start a line: ト moves down with it */
	assert_string_equal(fill("あいうえトッか", 5), "あいうえ|トッか|");
	/* 」 may not start a line either */
	assert_string_equal(fill("あいうえお」か", 5), "あいうえ|お」か|");
	/* 「 may not end one */
	assert_string_equal(fill("あいうえ「おか」", 5), "あいうえ|「おか」|");
	/* ー (strict) */
	assert_string_equal(fill("あいうえサーバ", 5), "あいうえ|サーバ|");
}

static void relaxed_lets_small_kana_start(void **state)
{
	struct fit_params p = params(5);
	p.rule = LINEBREAK_RELAXED;
	assert_string_equal(lines("あいうえトッか", &p), "あいうえト|ッか|");
}

static void hanging_punctuation(void **state)
{
	/* 。 and 、 hang past the measure instead of pulling お down */
	assert_string_equal(fill("あいうえお。かき", 5), "あいうえお。>かき|");
	assert_string_equal(fill("あいうえお、かき", 5), "あいうえお、>かき|");
	/* a Latin full stop does not hang (Latin text only) */
	assert_string_equal(fill("1234567890.", 5), "123456789|0.|");
	/* 。」 cannot hang: 」 may not start a line, so お goes down */
	assert_string_equal(fill("あいうえお。」か", 5), "あいうえ|お。」か|");
}

static void latin_words_stay_whole(void **state)
{
	assert_string_equal(fill("Windows Update", 5), "Windows|Update|");
	assert_string_equal(fill("abcd efgh ij", 5), "abcd efgh|ij|");
	/* a number wider than the line is the only thing split anywhere */
	assert_string_equal(fill("1234567890123456", 5), "1234567890|123456|");
	/* numbers too */
	assert_string_equal(fill("あ1,000,000円", 5), "あ|1,000,000|円|");
}

static void urls_break_after_slashes(void **state)
{
	/* after / and . (kinsoku keeps . at the line's end), never inside
	 * a word */
	assert_string_equal(fill("https://www.example.jp/security/index.html", 10),
			    "https://www.example.|jp/security/index.|html|");
	/* and where UAX #14 allows it anyway: after a hyphen */
	assert_string_equal(fill("https://a.example/login-check-example-net", 10),
			    "https://a.example/|login-check-example-|net|");
}

static void trailing_spaces_are_dropped(void **state)
{
	assert_string_equal(fill("abcd efgh ijkl", 5), "abcd efgh|ijkl|");
	assert_string_equal(fill("abcdefgh   ijkl", 5), "abcdefgh|ijkl|");
}

static void hard_breaks(void **state)
{
	assert_string_equal(fill("あい\nう", 5), "あい|う|");
	struct fit_char c[MAXC];
	struct fit_params p = params(5);
	size_t n = chars("あい\nうえおかきくけ", c);
	struct fit_line *ls;
	size_t nl = fit_break(c, n, &p, &ls);
	assert_int_equal(nl, 3);
	assert_true(ls[0].last);	/* ended by the break: not spread */
	assert_false(ls[1].last);
	assert_true(ls[2].last);
	free(ls);
}

static void dashes_and_ellipses_stay_together(void **state)
{
	assert_string_equal(fill("あいうえ――お", 5), "あいうえ|――お|");
	assert_string_equal(fill("あいうえ……お", 5), "あいう|え……お|");
}

static void glue(void **state)
{
	assert_true(fabs(gap_glue(0x3042, 'A', EM) - EM / 4) < 1e-9);	/* あA */
	assert_true(fabs(gap_glue('1', 0x5E74, EM) - EM / 4) < 1e-9);	/* 1年 */
	assert_true(gap_glue(0x3001, 'A', EM) == 0);	/* 、A: the comma has its blank */
	assert_true(gap_glue('A', 'B', EM) == 0);
	assert_true(fabs(gap_glue(0x3002, 0x300D, EM) + EM / 2) < 1e-9);	/* 。」 */
	assert_true(fabs(gap_glue(0x300D, 0x300C, EM) + EM / 2) < 1e-9);	/* 」「 */
	assert_true(fabs(gap_glue(0xFF08, 0x300C, EM) + EM / 2) < 1e-9);	/* （「 */
	assert_true(gap_glue(0x300C, 0x3042, EM) == 0);	/* 「あ */
}

/* JLReq 3.1.4 and Appendix A Table 1: one test per pair of the
 * classes cl-01 … cl-07, each trying two members of both classes (so
 * the rule is not read off one character): the blank taken away, in
 * em, where two blanks meet. */
static const char *const cls[7][2] = {
	{"「", "（"},	/* cl-01 opening brackets */
	{"」", "）"},	/* cl-02 closing brackets */
	{"〜", "゠"},	/* cl-03 hyphens */
	{"？", "！"},	/* cl-04 dividing punctuation */
	{"・", "："},	/* cl-05 middle dots */
	{"。", "．"},	/* cl-06 full stops */
	{"、", "，"},	/* cl-07 commas */
};
static const double taken[7][7] = {
	/*        01   02   03   04   05   06   07 */
	/* 01 */ {0.5, 0,   0,   0,   0,   0,   0},	/* 「「 solid */
	/* 02 */ {0.5, 0.5, 0,   0,   0.5, 0.5, 0.5},	/* 」「 half; 」」 」・ 」。 」、 */
	/* 03 */ {0,   0,   0,   0,   0,   0,   0},
	/* 04 */ {0,   0,   0,   0,   0,   0,   0},
	/* 05 */ {0.5, 0,   0,   0,   0,   0,   0},	/* ・「 the dot's quarter */
	/* 06 */ {0.5, 0.5, 0,   0,   0,   0,   0},	/* 。「 half; 。」 solid */
	/* 07 */ {0.5, 0.5, 0,   0,   0,   0,   0},	/* 、「 half; 、」 solid */
};

static void squeeze_pair(void **state)
{
	int pair = (int)(intptr_t)*state, a = pair / 7, b = pair % 7;
	for (int k = 0; k < 4; k++) {
		uint32_t x, y;
		utf8_decode(cls[a][k & 1], 4, &x);
		utf8_decode(cls[b][k >> 1], 4, &y);
		double got = -gap_glue(x, y, EM) / EM;
		if (fabs(got - taken[a][b]) > 1e-9)
			fail_msg("%s%s: %.2f em taken, want %.2f", cls[a][k & 1], cls[b][k >> 1],
				 got, taken[a][b]);
	}
}

/* Half-width brackets and curly quotes are proportional glyphs: no
 * blank to take. */
static void no_squeeze_without_blanks(void **state)
{
	assert_true(gap_glue(')', 0x300C, EM) == 0);
	assert_true(gap_glue(0x201D, 0x3002, EM) == 0);
	assert_true(gap_glue(0x300D, '(', EM) == 0);
}

/* Positions of one line's characters. */
static size_t place(const char *s, double width_em, int justify, size_t line, double *x,
		    struct fit_char *c, struct fit_line *out)
{
	struct fit_params p = params(width_em);
	p.justify = (uint8_t)justify;
	size_t n = chars(s, c);
	struct fit_line *ls;
	size_t nl = fit_break(c, n, &p, &ls);
	assert_true(line < nl);
	fit_place(c, &ls[line], &p, line == 0, x, NULL);
	*out = ls[line];
	free(ls);
	return nl;
}

static void justified_to_the_measure(void **state)
{
	struct fit_char c[MAXC];
	struct fit_line l;
	double x[MAXC];
	/* ッ pushes ト down: the first line has 4 characters in 5 em */
	place("あいうえトッか", 5, 1, 0, x, c, &l);
	assert_int_equal(l.end - l.start, 4);
	assert_true(fabs(x[3] + c[3].w - 50) < 1e-6);
	assert_true(fabs(x[1] - x[0] - x[2] + x[1]) < 1e-6);	/* even spacing */
	/* the last line is ragged */
	place("あいうえトッか", 5, 1, 1, x, c, &l);
	assert_true(fabs(x[1] - 10) < 1e-6);
	/* not justified: natural positions */
	place("あいうえトッか", 5, 0, 0, x, c, &l);
	assert_true(fabs(x[3] - 30) < 1e-6);
}

static void latin_words_are_not_spread(void **state)
{
	struct fit_char c[MAXC];
	struct fit_line l;
	double x[MAXC];
	/* "ab cd" then "efghi": the space takes the extra, up to half an
	 * em (2.5 pt more); the letters keep 5 pt, and the line stops
	 * short rather than spread further */
	struct fit_info in;
	struct fit_params p = params(4);
	size_t n = chars("ab cd efghi", c);
	struct fit_line *ls;
	fit_break(c, n, &p, &ls);
	l = ls[0];
	free(ls);
	fit_place(c, &l, &p, 1, x, &in);
	assert_int_equal(l.end - l.start, 5);
	assert_true(fabs(x[1] - x[0] - 5) < 1e-6);
	assert_true(fabs(x[3] - x[2] - 5) < 1e-6);	/* the space: 2.5 + 2.5 */
	assert_true(fabs(x[4] - x[3] - 5) < 1e-6);
	assert_true(in.short_of);
	assert_true(fabs(in.added - 0.25) < 1e-6);
}


/* The lines of s with why each ends: "あいう[fill]かき[end]". */
static const char *why(const char *s, const struct fit_params *p, const uint8_t *flags)
{
	static char out[4 * MAXC * 4];
	struct fit_char c[MAXC];
	size_t n = chars(s, c), o = 0;
	for (size_t i = 0; flags && i < n; i++)
		c[i].flags = flags[i];
	struct fit_line *ls;
	size_t nl = fit_break(c, n, p, &ls);
	for (size_t l = 0; l < nl; l++) {
		for (size_t i = ls[l].start; i < ls[l].end; i++)
			o += utf8_encode(c[i].cp, out + o);
		o += (size_t)sprintf(out + o, "%s[%s]", ls[l].hyphen ? "-" : "",
				     fit_why_name[ls[l].why]);
	}
	out[o] = '\0';
	free(ls);
	return out;
}

/* Flags marking characters [from, to) of s (in characters) as code. */
static const uint8_t *code_span(size_t from, size_t to)
{
	static uint8_t f[MAXC];
	memset(f, 0, sizeof f);
	memset(f + from, FIT_CODE, to - from);
	return f;
}

/* JLReq prefers reduction: え comes onto the line by taking the blanks
 * of the two commas (5 pt each) rather than spreading the line. */
static void reduction_before_expansion(void **state)
{
	struct fit_params p = params(6.75);
	assert_string_equal(why("あ、い、う、えおかき", &p, NULL), "あ、い、う、え[squeeze]おかき[end]");
	struct fit_char c[MAXC];
	size_t n = chars("あ、い、う、えおかき", c);
	struct fit_line *ls;
	fit_break(c, n, &p, &ls);
	double x[MAXC];
	struct fit_info in;
	double right = fit_place(c, &ls[0], &p, 1, x, &in);
	free(ls);
	/* 2.5 pt from three commas, evenly */
	assert_true(fabs(x[2] - (20 - 2.5 / 3)) < 1e-6);
	assert_true(fabs(x[6] - 57.5) < 1e-6);
	assert_true(fabs(right - 67.5) < 1e-6);
	assert_true(fabs(in.taken - 0.25 / 3) < 1e-6);
	/* a quarter em a comma at most: か would need all of one's half */
	p.width = 65;
	assert_string_equal(why("あ、いうえおかき", &p, NULL), "あ、いうえお[fill]かき[end]");
	p.width = 67.5;
	/* a 。 keeps its blank in the middle of a line: nothing to take */
	assert_string_equal(why("あ。い。う。えおかき", &p, NULL), "あ。い。う。[fill]えおかき[end]");
	/* ragged text (titles, cells) is not reduced */
	p.justify = 0;
	assert_string_equal(why("あ、い、う、えおかき", &p, NULL), "あ、い、う、[fill]えおかき[end]");
}

/* The blank after a line's last 」 goes first, and is all it takes. */
static void reduction_takes_the_end_blank(void **state)
{
	struct fit_params p = params(5.5);
	assert_string_equal(why("あ、いうえ」かき", &p, NULL), "あ、いうえ」[squeeze]かき[end]");
	/* without it, the comma's quarter em would not be enough */
	assert_string_equal(why("あ、いうえおかき", &p, NULL), "あ、いうえ[fill]おかき[end]");
}

/* Expansion: all gaps alike, a quarter em first, then up to half an
 * em (the quarter em between scripts to half an em in all). */
static void expansion_order(void **state)
{
	struct fit_char c[MAXC];
	struct fit_line l;
	double x[MAXC];
	/* あ1い then a character too wide for the line: 10 + 2.5 + 5 + 2.5
	 * + 10 = 30 of 35 pt; 5 pt to give, 2.5 to each quarter em, which
	 * is all they may take */
	place("あ1いうえおか", 3.5, 1, 0, x, c, &l);
	assert_int_equal(l.end - l.start, 3);
	assert_true(fabs(x[1] - 15) < 1e-6);
	assert_true(fabs(x[2] - 25) < 1e-6);
	/* the gaps between Japanese characters take a quarter em first,
	 * then up to half an em, never more */
	struct fit_info in;
	struct fit_params p = params(6);
	size_t n = chars("あいうえ\nか", c);
	l = (struct fit_line){0, 4, 5, 0, 0, 0, FIT_FILL};
	fit_place(c, &l, &p, 1, x, &in);
	/* 20 pt to give over 3 gaps: 2.5 + 2.5 each, the rest not given */
	assert_true(fabs(x[1] - 15) < 1e-6);
	assert_true(fabs(x[3] - 45) < 1e-6);
	assert_true(fabs(in.added - 0.5) < 1e-6 && in.short_of);
	/* 6 pt over 3 gaps: 2 pt each, within the first quarter em */
	p.width = 46;
	fit_place(c, &l, &p, 1, x, &in);
	assert_true(fabs(x[3] - 36) < 1e-6 && fabs(in.added - 0.2) < 1e-6 && !in.short_of);
	(void)n;
}

/* No loose line before a long code span: it breaks after / . _ - ? & =
 * or between camelCase humps, with no hyphen, when the line before it
 * would otherwise be spread beyond half an em a gap. */
static void code_breaks_rather_than_loose_lines(void **state)
{
	struct fit_params p = params(10);
	/* あいうえおか (60) + 2.5 + abcd/efghijklmno (80): broken after / */
	assert_string_equal(why("あいうえおかabcd/efghijklmno", &p, code_span(6, 22)),
			    "あいうえおかabcd/[code]efghijklmno[end]");
	assert_string_equal(why("あいうえgetElementById", &p, code_span(4, 18)),
			    "あいうえgetElement[code]ById[end]");
	/* kept whole when the line before it is not loose: `vanilla-ts`
	 * does not break after its hyphen */
	assert_string_equal(why("あいうえおかきくvanilla-ts", &p, code_span(8, 18)),
			    "あいうえおかきく[fill]vanilla-ts[end]");
	/* no such place: split where the line is full */
	assert_string_equal(why("あいうえおかabcdefghijklmnopq", &p, code_span(6, 23)),
			    "あいうえおかabcdefg[force]hijklmnopq[end]");
	/* outside code, a number is not split anywhere: the line before
	 * stops short of the measure rather than be spread */
	assert_string_equal(why("あいうえおか12345678901234567", &p, NULL),
			    "あいうえおか[fill]12345678901234567[end]");
}

/* URLs are code: whole when they fit, else broken after their / . ,
 * or, when that would leave a loose line, where the line is full. */
static void urls_are_code(void **state)
{
	struct fit_params p = params(20);
	assert_string_equal(why("詳細は https://a.example/b/c を参照", &p, NULL),
			    "詳細は https://a.example/b/c を参照[end]");
	p.width = 12 * EM;
	assert_string_equal(why("詳細はhttps://www.example.jp/security/index.htmlを参照", &p, NULL),
			    "詳細はhttps://www.examp[force]le.jp/security/index.[code]htmlを参照[end]");
	p.width = 15 * EM;
	assert_string_equal(why("詳細はhttps://www.example.jp/security/index.htmlを参照", &p, NULL),
			    "詳細はhttps://www.example.jp/[code]security/index.htmlを参照[end]");
}

/* An English word after a loose line takes a hyphen where the
 * patterns allow (in-for-ma-tion), before anything is spread. */
static void hyphenation(void **state)
{
	struct fit_params p = params(10);
	assert_string_equal(why("あいうえおかinformation", &p, NULL),
			    "あいうえおかinfor-[hyphen]mation[end]");
	/* not in code */
	assert_string_equal(why("あいうえおかinformation", &p, code_span(6, 17)),
			    "あいうえおかinforma[force]tion[end]");
	/* not in acronyms and product names */
	assert_string_equal(why("あいうえおかInformaTion", &p, NULL),
			    "あいうえおか[fill]InformaTion[end]");
}

/* The last line holds two characters besides its punctuation: the line
 * before gives characters up. */
static void last_line_of_two(void **state)
{
	struct fit_params p = params(5);
	p.last_two = 1;
	assert_string_equal(why("あいうえおかきくけこさ。", &p, NULL),
			    "あいうえお[fill]かきくけ[pull]こさ。[end]");
	assert_string_equal(why("あ、い、うえ", &p, NULL), "あ、い、[pull]うえ[end]");
	/* headings (ragged) too */
	p.justify = 0;
	assert_string_equal(why("あいうえおかきくけこさ。", &p, NULL),
			    "あいうえお[fill]かきくけ[pull]こさ。[end]");
	/* two are enough; a table cell does not ask */
	p.justify = 1;
	assert_string_equal(why("あいうえおかきくけこさし。", &p, NULL),
			    "あいうえお[fill]かきくけこ[fill]さし。[end]");
	p.last_two = 0;
	assert_string_equal(why("あいうえおかきくけこさ。", &p, NULL),
			    "あいうえお[fill]かきくけこ[fill]さ。[end]");
}

static void quarter_em_between_scripts(void **state)
{
	struct fit_char c[MAXC];
	struct fit_line l;
	double x[MAXC];
	place("あAい", 10, 0, 0, x, c, &l);
	assert_true(fabs(x[1] - 12.5) < 1e-6);	/* 10 + 2.5 */
	assert_true(fabs(x[2] - 20) < 1e-6);	/* 12.5 + 5 + 2.5 */
}

static void hanging_character_outside(void **state)
{
	struct fit_char c[MAXC];
	struct fit_line l;
	double x[MAXC];
	place("あいうえお。かき", 5, 1, 0, x, c, &l);
	assert_true(l.hang);
	assert_true(fabs(x[5] - 50) < 1e-6);	/* 。 starts at the measure */
}

static void first_line_indent(void **state)
{
	struct fit_params p = params(5);
	p.indent = EM;
	assert_string_equal(lines("あいうえおかきくけ", &p), "あいうえ|おかきくけ|");
}

static void titles_break_at_spaces(void **state)
{
	struct fit_params p = params(8);
	assert_string_equal(lines("情報セキュリティ テキスト", &p), "情報セキュリティ|テキスト|");
	p.width = 10 * EM;
	p.phrases = 1;
	assert_string_equal(lines("情報セキュリ ティ テキスト", &p), "情報セキュリ ティ|テキスト|");
	/* without phrases the line is filled */
	p.phrases = 0;
	assert_string_equal(lines("情報セキュリ ティ テキスト", &p), "情報セキュリ ティ テ|キスト|");
}

static void titles_break_between_phrases(void **state)
{
	struct fit_params p = params(24);
	p.justify = 0;
	p.phrases = 1;
	/* after 、 rather than in カード情報 */
	assert_string_equal(lines("通販サイトの決済画面が書き換えられ、カード情報が盗まれた（架空の事例）", &p),
			    "通販サイトの決済画面が書き換えられ、|カード情報が盗まれた（架空の事例）|");
	/* before （ rather than in 架空の事例 */
	p.width = 14 * EM;
	assert_string_equal(lines("カード情報が盗まれた（架空の事例）", &p),
			    "カード情報が盗まれた|（架空の事例）|");
	/* not when the good place is far back (more than a third of the line) */
	p.width = 20 * EM;
	assert_string_equal(lines("情報、セキュリティ対策の基本を学ぶための手引きです", &p),
			    "情報、セキュリティ対策の基本を学ぶための|手引きです|");
	/* body text is filled */
	p.phrases = 0;
	p.width = 14 * EM;
	assert_string_equal(lines("カード情報が盗まれた（架空の事例）", &p),
			    "カード情報が盗まれた（架空の|事例）|");
}

static void code_has_no_japanese_rules(void **state)
{
	struct fit_params p = params(5);
	p.prose = 0;
	p.justify = 0;
	/* no hanging: 。 would overflow, so お goes down with it */
	assert_string_equal(lines("あいうえお。かき", &p), "あいうえ|お。かき|");
	struct fit_char c[MAXC];
	size_t n = chars("あA", c);
	struct fit_line *ls;
	fit_break(c, n, &p, &ls);
	double x[4];
	fit_place(c, &ls[0], &p, 1, x, NULL);
	assert_true(fabs(x[1] - 10) < 1e-6);	/* no quarter em */
	free(ls);
}

static void extent(void **state)
{
	struct fit_char c[MAXC];
	struct fit_params p = params(100);
	double mn, mx;
	size_t n = chars("ab cdef あい", c);
	fit_extent(c, n, &p, &mn, &mx);
	assert_true(fabs(mn - 20) < 1e-6);	/* "cdef" */
	assert_true(fabs(mx - (10 + 2.5 + 20 + 2.5 + 20)) < 1e-6);
	n = chars("あい\nうえお", c);
	fit_extent(c, n, &p, &mn, &mx);
	assert_true(fabs(mx - 30) < 1e-6);	/* the longest hard line */
}

static void empty_and_spaces(void **state)
{
	struct fit_char c[1] = {{0}};
	struct fit_params p = params(5);
	struct fit_line *ls;
	assert_int_equal(fit_break(c, 0, &p, &ls), 0);
	assert_string_equal(fill("   ", 5), "|");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(breaks_anywhere_in_japanese),
		cmocka_unit_test(ruby_bases_stay_whole),
		cmocka_unit_test(kinsoku_pushes_back),
		cmocka_unit_test(relaxed_lets_small_kana_start),
		cmocka_unit_test(hanging_punctuation),
		cmocka_unit_test(latin_words_stay_whole),
		cmocka_unit_test(urls_break_after_slashes),
		cmocka_unit_test(trailing_spaces_are_dropped),
		cmocka_unit_test(hard_breaks),
		cmocka_unit_test(dashes_and_ellipses_stay_together),
		cmocka_unit_test(glue),
		cmocka_unit_test(no_squeeze_without_blanks),
		cmocka_unit_test(justified_to_the_measure),
		cmocka_unit_test(latin_words_are_not_spread),
		cmocka_unit_test(quarter_em_between_scripts),
		cmocka_unit_test(hanging_character_outside),
		cmocka_unit_test(first_line_indent),
		cmocka_unit_test(titles_break_at_spaces),
		cmocka_unit_test(titles_break_between_phrases),
		cmocka_unit_test(code_has_no_japanese_rules),
		cmocka_unit_test(extent),
		cmocka_unit_test(empty_and_spaces),
		cmocka_unit_test(reduction_before_expansion),
		cmocka_unit_test(reduction_takes_the_end_blank),
		cmocka_unit_test(expansion_order),
		cmocka_unit_test(code_breaks_rather_than_loose_lines),
		cmocka_unit_test(urls_are_code),
		cmocka_unit_test(hyphenation),
		cmocka_unit_test(last_line_of_two),
	};
	/* the tests above, then one per class pair: "squeeze cl-02 cl-06" */
	enum { NT = sizeof tests / sizeof tests[0] };
	struct CMUnitTest all[NT + 49];
	static char names[49][48];	/* room for any int, as -Wformat-truncation asks */
	memcpy(all, tests, sizeof tests);
	for (int i = 0; i < 49; i++) {
		snprintf(names[i], sizeof names[i], "squeeze cl-%02d cl-%02d", i / 7 + 1, i % 7 + 1);
		all[NT + i] = (struct CMUnitTest){names[i], squeeze_pair, NULL, NULL,
						  (void *)(intptr_t)i};
	}
	return _cmocka_run_group_tests("pdf/fit", all, NT + 49, NULL, NULL);
}
