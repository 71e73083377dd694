/* utf8: strict decoding (no overlongs, no surrogates), because invalid
 * input must be reported, not passed on. */
#include "utf8.h"

#include <string.h>

#include "diag.h"

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	uint32_t c, min;
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Byte by byte, for where the SSSE3 check is not there or found an
 * error: ASCII eight bytes at a time, and runs of the three-byte
 * sequences of Japanese (utf8_is_kana_lead) with one test of both
 * continuation bytes. The rest goes through utf8_decode. */
static size_t utf8_check_bytes(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			uint64_t w;
			while (i + 8 <= n && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ULL) == 0))
				i += 8;
			while (i < n && s[i] < 0x80)
				i++;
			continue;
		}
		if (utf8_is_kana_lead(c)) {
			/* a run of them: Japanese text is mostly nothing else */
			while (i + 3 <= n && utf8_is_kana_lead(s[i])) {
				if (((s[i + 1] ^ 0x80) | (s[i + 2] ^ 0x80)) & 0xC0)
					return i;
				i += 3;
			}
			if (i + 3 <= n || i == n || !utf8_is_kana_lead(s[i]))
				continue;	/* (a lead too near the end: utf8_decode says) */
		}
		uint32_t cp;
		size_t len = utf8_decode(str + i, n - i, &cp);
		if (len == 0)
			return i;
		i += len;
	}
	return n;
}

#if defined(__x86_64__)
#include <immintrin.h>

/* Sixteen bytes at a time, after Keiser and Lemire, "Validating UTF-8
 * In Less Than One Instruction Per Byte" (2021): each byte and the one
 * before it are classed by their nibbles in three tables, whose AND is
 * nonzero where the pair cannot occur in valid UTF-8 (a continuation
 * without a lead, a lead without its continuations, an overlong form,
 * a surrogate, past U+10FFFF); the only allowed "two continuations"
 * are those a three- or four-byte lead two or three bytes back asks
 * for. Says only whether all of s is valid: the byte loop finds where
 * it is not. */
enum {
	U8_SHORT = 1 << 0,	/* a lead, then no continuation */
	U8_LONG = 1 << 1,	/* ASCII, then a continuation */
	U8_OVER3 = 1 << 2,	/* E0 80..9F */
	U8_LARGE = 1 << 3,	/* F4 90..BF, F5..FF */
	U8_SURR = 1 << 4,	/* ED A0..BF */
	U8_OVER2 = 1 << 5,	/* C0, C1 */
	U8_LARGE1000 = 1 << 6,	/* F5..FF 80..8F; also F0 80..8F (overlong) */
	U8_CONTS = 1 << 7,	/* two continuations */
	U8_CARRY = U8_SHORT | U8_LONG | U8_CONTS,
};

__attribute__((target("ssse3")))
static __m128i utf8_nibble(__m128i v, int high, const char t[16])
{
	__m128i x = high ? _mm_srli_epi16(v, 4) : v;
	return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)t),
				_mm_and_si128(x, _mm_set1_epi8(0x0F)));
}

/* The errors of block in, whose previous block was prev. */
__attribute__((target("ssse3")))
static __m128i utf8_block_errors(__m128i in, __m128i prev)
{
	static const char first_high[16] = {
		U8_LONG, U8_LONG, U8_LONG, U8_LONG, U8_LONG, U8_LONG, U8_LONG, U8_LONG,
		U8_CONTS, U8_CONTS, U8_CONTS, U8_CONTS, U8_SHORT | U8_OVER2, U8_SHORT,
		U8_SHORT | U8_OVER3 | U8_SURR, U8_SHORT | U8_LARGE | U8_LARGE1000};
	static const char first_low[16] = {
		U8_CARRY | U8_OVER3 | U8_OVER2 | U8_LARGE1000, U8_CARRY | U8_OVER2,
		U8_CARRY, U8_CARRY, U8_CARRY | U8_LARGE,
		U8_CARRY | U8_LARGE | U8_LARGE1000, U8_CARRY | U8_LARGE | U8_LARGE1000,
		U8_CARRY | U8_LARGE | U8_LARGE1000, U8_CARRY | U8_LARGE | U8_LARGE1000,
		U8_CARRY | U8_LARGE | U8_LARGE1000, U8_CARRY | U8_LARGE | U8_LARGE1000,
		U8_CARRY | U8_LARGE | U8_LARGE1000, U8_CARRY | U8_LARGE | U8_LARGE1000,
		U8_CARRY | U8_LARGE | U8_LARGE1000 | U8_SURR,
		U8_CARRY | U8_LARGE | U8_LARGE1000, U8_CARRY | U8_LARGE | U8_LARGE1000};
	static const char second_high[16] = {
		U8_SHORT, U8_SHORT, U8_SHORT, U8_SHORT, U8_SHORT, U8_SHORT, U8_SHORT, U8_SHORT,
		U8_LONG | U8_OVER2 | U8_CONTS | U8_OVER3 | U8_LARGE1000,
		U8_LONG | U8_OVER2 | U8_CONTS | U8_OVER3 | U8_LARGE,
		U8_LONG | U8_OVER2 | U8_CONTS | U8_SURR | U8_LARGE,
		U8_LONG | U8_OVER2 | U8_CONTS | U8_SURR | U8_LARGE,
		U8_SHORT, U8_SHORT, U8_SHORT, U8_SHORT};
	__m128i prev1 = _mm_alignr_epi8(in, prev, 15);
	__m128i sc = _mm_and_si128(_mm_and_si128(utf8_nibble(prev1, 1, first_high),
						 utf8_nibble(prev1, 0, first_low)),
				   utf8_nibble(in, 1, second_high));
	/* a third or fourth byte: 111_____ two back, 1111____ three back */
	__m128i third = _mm_subs_epu8(_mm_alignr_epi8(in, prev, 14), _mm_set1_epi8(0xE0 - 0x80));
	__m128i fourth = _mm_subs_epu8(_mm_alignr_epi8(in, prev, 13), _mm_set1_epi8(0xF0 - 0x80));
	__m128i must = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8((char)0x80));
	return _mm_xor_si128(must, sc);
}

__attribute__((target("ssse3")))
static int utf8_valid_ssse3(const unsigned char *s, size_t n)
{
	/* nonzero where the block ends inside a sequence: 11______ last,
	 * 111_____ one before, 1111____ two before */
	const __m128i ends = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
					   (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
	__m128i err = _mm_setzero_si128(), prev = err, open = err;
	unsigned char last[16] = {0};	/* the rest, and then zeros: ASCII */
	for (size_t i = 0; i < n + 16; i += 16) {
		__m128i in;
		if (i + 16 <= n) {
			in = _mm_loadu_si128((const __m128i *)(s + i));
		} else {
			memset(last, 0, sizeof last);
			if (i < n)
				memcpy(last, s + i, n - i);
			in = _mm_loadu_si128((const __m128i *)last);
		}
		if (_mm_movemask_epi8(in) == 0) {	/* ASCII: finishes no sequence */
			err = _mm_or_si128(err, open);
			open = _mm_setzero_si128();
		} else {
			err = _mm_or_si128(err, utf8_block_errors(in, prev));
			open = _mm_subs_epu8(in, ends);
		}
		prev = in;
		if (i >= n)
			break;	/* that was the block of zeros after the end */
	}
	return _mm_movemask_epi8(_mm_cmpeq_epi8(err, _mm_setzero_si128())) == 0xFFFF;
}

#endif

/* Every page's text and every page written goes through here. */
size_t utf8_check(const char *str, size_t n)
{
#if defined(__x86_64__)
	if (__builtin_cpu_supports("ssse3") && utf8_valid_ssse3((const unsigned char *)str, n))
		return n;
#endif
	return utf8_check_bytes(str, n);
}

size_t utf8_count(const char *s, size_t n)
{
	size_t k = 0, i = 0;
	for (; i + 8 <= n; i += 8) {	/* eight bytes a turn: a page's text at once */
		uint64_t w;
		memcpy(&w, s + i, 8);
		k += 8 - utf8_conts8(w);
	}
	for (; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

uint32_t utf8_last(const char *start, size_t n)
{
	size_t i = n;
	while (i > 0 && ((unsigned char)start[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return 0;
	i--;
	uint32_t cp = 0;
	if (utf8_decode(start + i, n - i, &cp) == 0)
		return 0;
	return cp;
}

int utf8_is_cjk(uint32_t c)
{
	return (c >= 0x2E80 && c <= 0x9FFF)	/* radicals, punctuation, kana, ideographs */
	    || (c >= 0xF900 && c <= 0xFAFF)	/* compatibility ideographs */
	    || (c >= 0xFE30 && c <= 0xFE4F)	/* CJK compatibility forms */
	    || (c >= 0xFF00 && c <= 0xFFEF)	/* full- and halfwidth forms */
	    || (c >= 0x20000 && c <= 0x3FFFF);	/* ideographs beyond the BMP */
}

void utf8_position(const char *s, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

int utf8_report(const char *file, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		diag_error(file, 1, 1, "the file is UTF-16: save it as UTF-8");
		return -1;
	}
	size_t bad = utf8_check(text, len);
	const char *nul = memchr(text, '\0', bad);
	if (nul == NULL && bad == len)
		return 0;	/* the usual case: no position to find */
	int line, col;
	utf8_position(text, nul ? (size_t)(nul - text) : bad, &line, &col);
	if (nul)	/* no text has one; UTF-16 without a mark has many */
		diag_error(file, line, col, "a NUL byte: is the file UTF-16? save it as UTF-8");
	else if (bad < len)
		diag_error(file, line, col, "invalid UTF-8 (byte 0x%02X)", s[bad]);
	return nul || bad < len ? -1 : 0;
}
