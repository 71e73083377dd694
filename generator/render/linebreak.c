/* linebreak: UAX #14 break opportunities from libunibreak 1.1, corrected
 * for Japanese print by the JLReq kinsoku rules.
 *
 * libunibreak 1.1 (Debian 12) implements UAX #14 rev. 30, "normal" line
 * breaking: it allows a break before ー ｰ ～ and small kana, ignores the
 * "ja-strict" tag, and forbids a break between a Latin letter or digit and a
 * fullwidth opening bracket (¥1,000（税込）). See
 * ../shared/notes/libharu-and-line-breaking.md. So: take its opportunities,
 * re-allow what modern UAX #14 / JLReq allow, then clear what kinsoku
 * forbids. Kinsoku always wins over a re-allowed break; nothing here ever
 * touches a mandatory break. */
#include "linebreak.h"

#include <assert.h>
#include <linebreak.h>	/* libunibreak: only this file includes it */
#include <pthread.h>
#include <stdlib.h>

_Static_assert(sizeof(utf32_t) == sizeof(uint32_t), "utf32_t is 32 bits");

enum {
	K_NS_STRICT = 1,	/* not_start_strict */
	K_NS_RELAXED = 2,	/* not_start_relaxed (a subset of strict) */
	K_NOT_END = 4,		/* not_end */
	K_HANG = 8,		/* hang */
	K_SAME = 16,		/* no_break_between_same */
	K_OPEN_FW = 32		/* not_end, fullwidth (>= U+3000): a break
				 * before it after Latin/digits is allowed */
};

/* Generated once from ../shared/typography/kinsoku_tables.txt (JLReq
 * Appendix A classes, w3c/jlreq @62bc5dbd) by a short script; sorted by
 * code point (checked once at start-up). One addition to the tables:
 * U+2015 HORIZONTAL BAR in no_break_between_same, because JIS-derived
 * Japanese text writes the double dash ―― with it, not with U+2014. */
static const struct kinsoku {
	uint16_t cp;
	uint8_t flags;
} kinsoku[] = {
	{ 0x0021, K_NS_STRICT | K_NS_RELAXED },		/* ! */
	{ 0x0028, K_NOT_END },				/* ( */
	{ 0x0029, K_NS_STRICT | K_NS_RELAXED },		/* ) */
	{ 0x002C, K_NS_STRICT | K_NS_RELAXED | K_HANG },	/* , */
	{ 0x002E, K_NS_STRICT | K_NS_RELAXED | K_HANG },	/* . */
	{ 0x003A, K_NS_STRICT | K_NS_RELAXED },		/* : */
	{ 0x003B, K_NS_STRICT | K_NS_RELAXED },		/* ; */
	{ 0x003F, K_NS_STRICT | K_NS_RELAXED },		/* ? */
	{ 0x005B, K_NOT_END },				/* [ */
	{ 0x005D, K_NS_STRICT | K_NS_RELAXED },		/* ] */
	{ 0x007B, K_NOT_END },				/* { */
	{ 0x007D, K_NS_STRICT | K_NS_RELAXED },		/* } */
	{ 0x00AB, K_NOT_END },				/* « */
	{ 0x00BB, K_NS_STRICT | K_NS_RELAXED },		/* » */
	{ 0x2010, K_NS_STRICT | K_NS_RELAXED },		/* ‐ */
	{ 0x2013, K_NS_STRICT | K_NS_RELAXED },		/* – */
	{ 0x2014, K_SAME },				/* — */
	{ 0x2015, K_SAME },				/* ― (added) */
	{ 0x2018, K_NOT_END },				/* ‘ */
	{ 0x2019, K_NS_STRICT | K_NS_RELAXED },		/* ’ */
	{ 0x201C, K_NOT_END },				/* “ */
	{ 0x201D, K_NS_STRICT | K_NS_RELAXED },		/* ” */
	{ 0x2025, K_SAME },				/* ‥ */
	{ 0x2026, K_SAME },				/* … */
	{ 0x203C, K_NS_STRICT | K_NS_RELAXED },		/* ‼ */
	{ 0x2047, K_NS_STRICT | K_NS_RELAXED },		/* ⁇ */
	{ 0x2048, K_NS_STRICT | K_NS_RELAXED },		/* ⁈ */
	{ 0x2049, K_NS_STRICT | K_NS_RELAXED },		/* ⁉ */
	{ 0x2985, K_NOT_END },				/* ⦅ */
	{ 0x2986, K_NS_STRICT | K_NS_RELAXED },		/* ⦆ */
	{ 0x3001, K_NS_STRICT | K_NS_RELAXED | K_HANG },	/* 、 */
	{ 0x3002, K_NS_STRICT | K_NS_RELAXED | K_HANG },	/* 。 */
	{ 0x3005, K_NS_STRICT },			/* 々 */
	{ 0x3008, K_NOT_END | K_OPEN_FW },		/* 〈 */
	{ 0x3009, K_NS_STRICT | K_NS_RELAXED },		/* 〉 */
	{ 0x300A, K_NOT_END | K_OPEN_FW },		/* 《 */
	{ 0x300B, K_NS_STRICT | K_NS_RELAXED },		/* 》 */
	{ 0x300C, K_NOT_END | K_OPEN_FW },		/* 「 */
	{ 0x300D, K_NS_STRICT | K_NS_RELAXED },		/* 」 */
	{ 0x300E, K_NOT_END | K_OPEN_FW },		/* 『 */
	{ 0x300F, K_NS_STRICT | K_NS_RELAXED },		/* 』 */
	{ 0x3010, K_NOT_END | K_OPEN_FW },		/* 【 */
	{ 0x3011, K_NS_STRICT | K_NS_RELAXED },		/* 】 */
	{ 0x3014, K_NOT_END | K_OPEN_FW },		/* 〔 */
	{ 0x3015, K_NS_STRICT | K_NS_RELAXED },		/* 〕 */
	{ 0x3016, K_NOT_END | K_OPEN_FW },		/* 〖 */
	{ 0x3017, K_NS_STRICT | K_NS_RELAXED },		/* 〗 */
	{ 0x3018, K_NOT_END | K_OPEN_FW },		/* 〘 */
	{ 0x3019, K_NS_STRICT | K_NS_RELAXED },		/* 〙 */
	{ 0x301C, K_NS_STRICT | K_NS_RELAXED },		/* 〜 */
	{ 0x301D, K_NOT_END | K_OPEN_FW },		/* 〝 */
	{ 0x301F, K_NS_STRICT | K_NS_RELAXED },		/* 〟 */
	{ 0x3033, K_SAME },				/* 〳 */
	{ 0x3034, K_SAME },				/* 〴 */
	{ 0x3035, K_SAME },				/* 〵 */
	{ 0x303B, K_NS_STRICT | K_NS_RELAXED },		/* 〻 */
	{ 0x3041, K_NS_STRICT },			/* ぁ */
	{ 0x3043, K_NS_STRICT },			/* ぃ */
	{ 0x3045, K_NS_STRICT },			/* ぅ */
	{ 0x3047, K_NS_STRICT },			/* ぇ */
	{ 0x3049, K_NS_STRICT },			/* ぉ */
	{ 0x3063, K_NS_STRICT },			/* っ */
	{ 0x3083, K_NS_STRICT },			/* ゃ */
	{ 0x3085, K_NS_STRICT },			/* ゅ */
	{ 0x3087, K_NS_STRICT },			/* ょ */
	{ 0x308E, K_NS_STRICT },			/* ゎ */
	{ 0x3095, K_NS_STRICT },			/* ゕ */
	{ 0x3096, K_NS_STRICT },			/* ゖ */
	{ 0x309D, K_NS_STRICT | K_NS_RELAXED },		/* ゝ */
	{ 0x309E, K_NS_STRICT | K_NS_RELAXED },		/* ゞ */
	{ 0x30A0, K_NS_STRICT | K_NS_RELAXED },		/* ゠ */
	{ 0x30A1, K_NS_STRICT },			/* ァ */
	{ 0x30A3, K_NS_STRICT },			/* ィ */
	{ 0x30A5, K_NS_STRICT },			/* ゥ */
	{ 0x30A7, K_NS_STRICT },			/* ェ */
	{ 0x30A9, K_NS_STRICT },			/* ォ */
	{ 0x30C3, K_NS_STRICT },			/* ッ */
	{ 0x30E3, K_NS_STRICT },			/* ャ */
	{ 0x30E5, K_NS_STRICT },			/* ュ */
	{ 0x30E7, K_NS_STRICT },			/* ョ */
	{ 0x30EE, K_NS_STRICT },			/* ヮ */
	{ 0x30F5, K_NS_STRICT },			/* ヵ */
	{ 0x30F6, K_NS_STRICT },			/* ヶ */
	{ 0x30FB, K_NS_STRICT | K_NS_RELAXED },		/* ・ */
	{ 0x30FC, K_NS_STRICT },			/* ー */
	{ 0x30FD, K_NS_STRICT | K_NS_RELAXED },		/* ヽ */
	{ 0x30FE, K_NS_STRICT | K_NS_RELAXED },		/* ヾ */
	{ 0x31F0, K_NS_STRICT },			/* ㇰ */
	{ 0x31F1, K_NS_STRICT },			/* ㇱ */
	{ 0x31F2, K_NS_STRICT },			/* ㇲ */
	{ 0x31F3, K_NS_STRICT },			/* ㇳ */
	{ 0x31F4, K_NS_STRICT },			/* ㇴ */
	{ 0x31F5, K_NS_STRICT },			/* ㇵ */
	{ 0x31F6, K_NS_STRICT },			/* ㇶ */
	{ 0x31F7, K_NS_STRICT },			/* ㇷ */
	{ 0x31F8, K_NS_STRICT },			/* ㇸ */
	{ 0x31F9, K_NS_STRICT },			/* ㇹ */
	{ 0x31FA, K_NS_STRICT },			/* ㇺ */
	{ 0x31FB, K_NS_STRICT },			/* ㇻ */
	{ 0x31FC, K_NS_STRICT },			/* ㇼ */
	{ 0x31FD, K_NS_STRICT },			/* ㇽ */
	{ 0x31FE, K_NS_STRICT },			/* ㇾ */
	{ 0x31FF, K_NS_STRICT },			/* ㇿ */
	{ 0xFF01, K_NS_STRICT | K_NS_RELAXED },		/* ！ */
	{ 0xFF08, K_NOT_END | K_OPEN_FW },		/* （ */
	{ 0xFF09, K_NS_STRICT | K_NS_RELAXED },		/* ） */
	{ 0xFF0C, K_NS_STRICT | K_NS_RELAXED | K_HANG },	/* ， */
	{ 0xFF0E, K_NS_STRICT | K_NS_RELAXED | K_HANG },	/* ． */
	{ 0xFF1A, K_NS_STRICT | K_NS_RELAXED },		/* ： */
	{ 0xFF1B, K_NS_STRICT | K_NS_RELAXED },		/* ； */
	{ 0xFF1F, K_NS_STRICT | K_NS_RELAXED },		/* ？ */
	{ 0xFF3B, K_NOT_END | K_OPEN_FW },		/* ［ */
	{ 0xFF3D, K_NS_STRICT | K_NS_RELAXED },		/* ］ */
	{ 0xFF5B, K_NOT_END | K_OPEN_FW },		/* ｛ */
	{ 0xFF5D, K_NS_STRICT | K_NS_RELAXED },		/* ｝ */
	{ 0xFF5E, K_NS_STRICT | K_NS_RELAXED },		/* ～ */
	{ 0xFF5F, K_NOT_END | K_OPEN_FW },		/* ｟ */
	{ 0xFF60, K_NS_STRICT | K_NS_RELAXED },		/* ｠ */
	{ 0xFF61, K_NS_STRICT | K_NS_RELAXED | K_HANG },	/* ｡ */
	{ 0xFF62, K_NOT_END | K_OPEN_FW },		/* ｢ */
	{ 0xFF63, K_NS_STRICT | K_NS_RELAXED },		/* ｣ */
	{ 0xFF64, K_NS_STRICT | K_NS_RELAXED | K_HANG },	/* ､ */
	{ 0xFF65, K_NS_STRICT | K_NS_RELAXED },		/* ･ */
	{ 0xFF67, K_NS_STRICT },			/* ｧ */
	{ 0xFF68, K_NS_STRICT },			/* ｨ */
	{ 0xFF69, K_NS_STRICT },			/* ｩ */
	{ 0xFF6A, K_NS_STRICT },			/* ｪ */
	{ 0xFF6B, K_NS_STRICT },			/* ｫ */
	{ 0xFF6C, K_NS_STRICT },			/* ｬ */
	{ 0xFF6D, K_NS_STRICT },			/* ｭ */
	{ 0xFF6E, K_NS_STRICT },			/* ｮ */
	{ 0xFF6F, K_NS_STRICT },			/* ｯ */
	{ 0xFF70, K_NS_STRICT },			/* ｰ */
};
#define NKINSOKU (sizeof kinsoku / sizeof kinsoku[0])

/* The kinsoku flags of cp: 0 for kanji, Latin letters and most kana
 * without a search; otherwise a binary search (8 steps at most). */
static unsigned kflags(uint32_t cp)
{
	if (cp < 0x21 || cp > 0xFF70 || (cp >= 0x3200 && cp < 0xFF01) ||
	    (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= '0' && cp <= '9'))
		return 0;
	size_t lo = 0, hi = NKINSOKU;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (kinsoku[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < NKINSOKU && kinsoku[lo].cp == cp ? kinsoku[lo].flags : 0;
}

/* Characters that stay with the character before them: spaces and
 * combining marks (a not_end bracket holds on to them as well). */
static int is_mark(uint32_t cp)
{
	if (cp < 0x300)
		return 0;
	return (cp <= 0x36F) ||			/* combining diacritics */
	       (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	       (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	       cp == 0x200D ||			/* ZWJ */
	       (cp >= 0x20D0 && cp <= 0x20FF) ||
	       cp == 0x3099 || cp == 0x309A ||	/* combining (han)dakuten */
	       (cp >= 0xFE00 && cp <= 0xFE0F) ||	/* variation selectors */
	       (cp >= 0xFE20 && cp <= 0xFE2F) ||
	       (cp >= 0xE0100 && cp <= 0xE01EF);	/* IVS */
}

static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000;
}

static int is_hard_break(uint32_t cp)
{
	return (cp >= 0x0A && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 ||
	       cp == 0x2029;
}

/* ――, ……, ‥‥ and the two halves of the long repeat mark 〳〵 〴〵. */
static int same_pair(uint32_t a, uint32_t b)
{
	return a == b || ((a == 0x3033 || a == 0x3034) && b == 0x3035);
}

static pthread_once_t lb_once = PTHREAD_ONCE_INIT;

static void lb_init(void)
{
	for (size_t i = 1; i < NKINSOKU; i++)
		assert(kinsoku[i - 1].cp < kinsoku[i].cp);
	init_linebreak();
}

/* libunibreak (5.1, with a language given) fails an assertion on
 * regional indicators, the halves of a flag (🇯🇵): such text is looked up
 * with each pair as an ideograph and a combining mark, which break as a
 * flag does. NULL when the text has none. */
static uint32_t *lb_flags(const uint32_t *cps, size_t n)
{
	size_t i = 0;
	while (i < n && !(cps[i] >= 0x1F1E6 && cps[i] <= 0x1F1FF))
		i++;
	if (i == n)
		return NULL;
	uint32_t *v = malloc(n * sizeof *v);
	if (v == NULL)
		abort();
	int second = 0;
	for (i = 0; i < n; i++) {
		int ri = cps[i] >= 0x1F1E6 && cps[i] <= 0x1F1FF;
		v[i] = !ri ? cps[i] : second ? 0x0301 : 0x4E00;
		second = ri && !second;
	}
	return v;
}

void linebreak_find(const uint32_t *cps, size_t n, enum linebreak_rule rule,
		    uint8_t *out)
{
	if (n == 0)
		return;
	pthread_once(&lb_once, lb_init);
	/* libunibreak writes one char per code point: straight into out,
	 * then mapped in place — no allocation. */
	uint32_t *flags = lb_flags(cps, n);
	set_linebreaks_utf32((const utf32_t *)(flags ? flags : cps), n, "ja", (char *)out);
	free(flags);

	const unsigned ns = rule == LINEBREAK_RELAXED ? K_NS_RELAXED
						     : K_NS_STRICT;
	unsigned f = kflags(cps[0]);
	uint32_t base = 0;	/* the last character that is not a mark */
	int hold = 0;		/* after not_end (+ spaces, marks): no break */
	for (size_t i = 0; i + 1 < n; i++) {
		const uint32_t c = cps[i], next = cps[i + 1];
		const unsigned fn = kflags(next);
		if (!is_mark(c))
			base = c;
		if (f & K_NOT_END)
			hold = 1;
		else if (!is_space(c) && !is_mark(c))
			hold = 0;

		uint8_t b;
		switch (out[i]) {
		case LINEBREAK_MUSTBREAK: b = LINEBREAK_MUST; break;
		case LINEBREAK_ALLOWBREAK: b = LINEBREAK_ALLOW; break;
		default: b = LINEBREAK_NO; break;
		}
		if (c == '\n')
			b = LINEBREAK_MUST;
		if (b == LINEBREAK_NO) {
			/* Modern UAX #14 (LB30 excludes East Asian wide
			 * brackets): ¥1,000（税込）, 50%（税込）. */
			if ((fn & K_OPEN_FW) &&
			    (linebreak_is_latin(base) || base == '%'))
				b = LINEBREAK_ALLOW;
			/* Relaxed: 々 ー small kana start a line like any
			 * ideograph; libunibreak forbids the break before 々
			 * (UAX #14 NS). */
			else if (rule == LINEBREAK_RELAXED &&
				 (fn & K_NS_STRICT) && !(fn & K_NS_RELAXED) &&
				 is_line_breakable(c, 0x4E00, "ja") ==
					 LINEBREAK_ALLOWBREAK)
				b = LINEBREAK_ALLOW;
		}
		if (b == LINEBREAK_ALLOW &&
		    (hold || (fn & ns) || ((f & K_SAME) && same_pair(c, next))))
			b = LINEBREAK_NO;
		out[i] = b;
		f = fn;
	}
	out[n - 1] = is_hard_break(cps[n - 1]) ? LINEBREAK_MUST
					       : LINEBREAK_ALLOW;
}

int linebreak_not_start(uint32_t cp, enum linebreak_rule rule)
{
	return (kflags(cp) &
		(rule == LINEBREAK_RELAXED ? K_NS_RELAXED : K_NS_STRICT)) != 0;
}

int linebreak_not_end(uint32_t cp)
{
	return (kflags(cp) & K_NOT_END) != 0;
}

int linebreak_hangs(uint32_t cp)
{
	return (kflags(cp) & K_HANG) != 0;
}

int linebreak_is_ja(uint32_t cp)
{
	if (cp < 0x2E80)
		return 0;
	return (cp <= 0x2FDF) ||			/* CJK and Kangxi radicals */
	       (cp >= 0x2FF0 && cp <= 0x2FFF) ||	/* ideographic description */
	       (cp >= 0x3001 && cp <= 0x303F) ||	/* CJK punctuation (not
						 * the ideographic space) */
	       (cp >= 0x3040 && cp <= 0x30FF) ||	/* hiragana, katakana */
	       (cp >= 0x3190 && cp <= 0x319F) ||	/* kanbun */
	       (cp >= 0x31C0 && cp <= 0x31FF) ||	/* strokes, small kana */
	       (cp >= 0x3200 && cp <= 0x9FFF) ||	/* ㈱ ㌔, ext. A, kanji */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||	/* compatibility kanji */
	       (cp >= 0xFE10 && cp <= 0xFE1F) ||	/* vertical forms */
	       (cp >= 0xFE30 && cp <= 0xFE4F) ||	/* CJK compatibility forms */
	       (cp >= 0xFF01 && cp <= 0xFF9F) ||	/* fullwidth, halfwidth kana */
	       (cp >= 0xFFE0 && cp <= 0xFFEE) ||	/* ￥ ￡ ... */
	       (cp >= 0x1AFF0 && cp <= 0x1B16F) ||	/* kana ext., hentaigana */
	       (cp >= 0x20000 && cp <= 0x3FFFD);	/* planes 2 and 3: kanji */
}

int linebreak_is_latin(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x1E00 && cp <= 0x1EFF) ||	/* Latin Ext. Additional */
	       (cp >= 0x2C60 && cp <= 0x2C7F) ||	/* Latin Ext. C */
	       (cp >= 0xA720 && cp <= 0xA7FF);		/* Latin Ext. D */
}
