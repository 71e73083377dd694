/* utf8: decoding, validation and the character classes tebiki needs. */
#ifndef TEBIKI_UTF8_H
#define TEBIKI_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Decodes one character; returns its length (>= 1) or 0 if invalid. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Returns the byte offset of the first invalid sequence, or n. */
size_t utf8_check(const char *s, size_t n);
size_t utf8_encode(uint32_t cp, char out[4]);
/* Leads of three-byte sequences whose every pair of continuation bytes
 * is a character, neither overlong nor a surrogate (E1-EC, EE, EF):
 * kana, kanji and full-width forms, most of a Japanese text. */
static inline int utf8_is_kana_lead(unsigned char c)
{
	return c >= 0xE1 && c <= 0xEF && c != 0xED;
}
/* utf8_decode, with ASCII and the characters of those leads decoded
 * in place (for loops over every character of a text). */
static inline size_t utf8_decode_quick(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (utf8_is_kana_lead(s[0]) && n >= 3 && !(((s[1] ^ 0x80) | (s[2] ^ 0x80)) & 0xC0)) {
		*cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		return 3;
	}
	return utf8_decode(str, n, cp);
}
/* The characters of s..s+n (its bytes that are no continuation byte). */
size_t utf8_count(const char *s, size_t n);
/* Of the 8 bytes in w (as memcpy reads them), how many are
 * continuation bytes (10xxxxxx). */
static inline unsigned utf8_conts8(uint64_t w)
{
	uint64_t cont = w & ~(w << 1) & 0x8080808080808080ULL;
	return (unsigned)(((cont >> 7) * 0x0101010101010101ULL) >> 56);
}
/* Last character before s + n (start is the string start). */
uint32_t utf8_last(const char *start, size_t n);
/* Ideographs, kana and fullwidth forms: the characters between which a
 * line break is not a space. */
int utf8_is_cjk(uint32_t cp);
/* Line and column (1-based, column in characters) of offset in s. */
void utf8_position(const char *s, size_t off, int *line, int *col);
/* Reports as an error at its line and column in file the first thing
 * that makes text not UTF-8 text: an invalid sequence, a NUL byte, a
 * UTF-16 byte-order mark. Returns -1 if there is one, else 0. */
int utf8_report(const char *file, const char *text, size_t len);

#endif
