/* base/utf8: strict decoding and the character classes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/utf8.h"

static void decode_valid(void **state)
{
	uint32_t cp;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xC3\xA9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(utf8_decode("日", 3, &cp), 3);
	assert_int_equal(cp, 0x65E5);
	assert_int_equal(utf8_decode("\xF0\xA0\xAE\xB7", 4, &cp), 4);	/* 𠮷 */
	assert_int_equal(cp, 0x20BB7);
}

static void decode_invalid(void **state)
{
	uint32_t cp;
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &cp), 0);	/* overlong */
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 0);	/* surrogate */
	assert_int_equal(utf8_decode("\xE6\x97", 2, &cp), 0);	/* truncated */
	assert_int_equal(utf8_decode("\xFF", 1, &cp), 0);
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);	/* > U+10FFFF */
}

static void check_finds_first_bad_byte(void **state)
{
	const char *s = "日本\xFFok";
	assert_int_equal(utf8_check(s, strlen(s)), 6);
	assert_int_equal(utf8_check("日本", 6), 6);
}

/* UTF-8 as RFC 3629 and Unicode's table 3-7 write it: the lead byte
 * gives the length and the range of the second byte. */
static size_t ref_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	static const struct { unsigned char lo, hi, lo2, hi2, len; } t[] = {
		{0x00, 0x7F, 0, 0, 1}, {0xC2, 0xDF, 0x80, 0xBF, 2}, {0xE0, 0xE0, 0xA0, 0xBF, 3},
		{0xE1, 0xEC, 0x80, 0xBF, 3}, {0xED, 0xED, 0x80, 0x9F, 3}, {0xEE, 0xEF, 0x80, 0xBF, 3},
		{0xF0, 0xF0, 0x90, 0xBF, 4}, {0xF1, 0xF3, 0x80, 0xBF, 4}, {0xF4, 0xF4, 0x80, 0x8F, 4}};
	for (size_t k = 0; n && k < sizeof t / sizeof t[0]; k++) {
		if (s[0] < t[k].lo || s[0] > t[k].hi)
			continue;
		size_t len = t[k].len;
		if (n < len || (len > 1 && (s[1] < t[k].lo2 || s[1] > t[k].hi2)))
			return 0;
		uint32_t c = len == 1 ? s[0] : s[0] & (0x7F >> len);
		for (size_t i = 1; i < len; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			c = c << 6 | (s[i] & 0x3F);
		}
		*cp = c;
		return len;
	}
	return 0;
}

/* Every sequence of one to three bytes, and four-byte ones with each
 * lead and second byte: utf8_decode and the reference agree. */
static void decode_agrees_with_reference(void **state)
{
	unsigned char s[4];
	for (uint32_t v = 0; v < 1u << 24; v++) {
		s[0] = (unsigned char)(v >> 16), s[1] = (unsigned char)(v >> 8), s[2] = (unsigned char)v;
		for (size_t n = 1; n <= 3; n++) {
			if (n < 3 && (v & ((1u << (8 * (3 - n))) - 1)))
				continue;	/* shorter ones once each */
			uint32_t a = 0, b = 0;
			size_t ka = utf8_decode((const char *)s, n, &a), kb = ref_decode(s, n, &b);
			if (ka != kb || (ka && a != b))
				fail_msg("%06X (%zu bytes): %zu U+%04X, not %zu U+%04X", v, n, ka, a, kb, b);
		}
	}
	for (unsigned a = 0xF0; a <= 0xFF; a++)
		for (unsigned b = 0; b < 256; b++) {
			s[0] = (unsigned char)a, s[1] = (unsigned char)b, s[2] = 0x80, s[3] = 0xBF;
			uint32_t x = 0, y = 0;
			size_t kx = utf8_decode((const char *)s, 4, &x), ky = ref_decode(s, 4, &y);
			if (kx != ky || (kx && x != y))
				fail_msg("%02X %02X 80 BF: %zu, not %zu", a, b, kx, ky);
		}
}

/* utf8_check as its contract says: the offset of the first sequence
 * utf8_decode refuses, or n. */
static size_t check_by_decode(const char *s, size_t n)
{
	uint32_t cp;
	size_t i = 0, k;
	while (i < n && (k = utf8_decode(s + i, n - i, &cp)) > 0)
		i += k;
	return i;
}

/* Every sequence of one, two and three bytes, and every lead byte with
 * two or three continuation bytes of each class, alone and between
 * ASCII and Japanese text: the fast paths agree with utf8_decode. */
static void check_agrees_with_decode(void **state)
{
	static const unsigned char probe[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
					      0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
					      0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
	const char *pre[] = {"", "abcdefgh", "日本語"}, *post[] = {"", "x", "漢字abcdefghij"};
	char buf[64];
	for (unsigned a = 0; a < 256; a++)
		for (unsigned b = 0; b < 256; b++)
			for (size_t q = 0; q < sizeof probe + 1; q++) {
				unsigned char seq[4] = {(unsigned char)a, (unsigned char)b,
							q < sizeof probe ? probe[q] : 0, 0x80};
				size_t len = q < sizeof probe ? 3 : 2;
				for (size_t x = 0; x < 3; x++)
					for (size_t y = 0; y < 3; y++) {
						size_t n = 0;
						memcpy(buf, pre[x], strlen(pre[x]));
						n += strlen(pre[x]);
						memcpy(buf + n, seq, len + (y == 0));
						n += len + (y == 0);
						memcpy(buf + n, post[y], strlen(post[y]));
						n += strlen(post[y]);
						if (utf8_check(buf, n) != check_by_decode(buf, n))
							fail_msg("%02X %02X %02X (pre %zu, post %zu): %zu, not %zu",
								 a, b, seq[2], x, y, utf8_check(buf, n),
								 check_by_decode(buf, n));
					}
			}
}

/* utf8_check reads sixteen bytes at a time: every pair and triple of
 * interesting bytes at every offset across a block's end (the byte
 * loop must say the same), and then texts of mixed valid characters
 * with a few bytes changed at random, of every length up to 80. */
static void check_across_blocks(void **state)
{
	static const unsigned char probe[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
					      0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED,
					      0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF};
	const size_t np = sizeof probe;
	char buf[64];
	for (size_t at = 10; at < 40; at++)
		for (size_t a = 0; a < np; a++)
			for (size_t b = 0; b < np; b++)
				for (size_t c = 0; c <= np; c++) {
					memset(buf, 'x', sizeof buf);
					buf[at] = (char)probe[a];
					buf[at + 1] = (char)probe[b];
					size_t n = at + 2;
					if (c < np)
						buf[n++] = (char)probe[c];
					for (size_t m = n; m <= n + 1; m++)	/* at the end, or before an x */
						if (utf8_check(buf, m) != check_by_decode(buf, m))
							fail_msg("%02X %02X at %zu of %zu: %zu, not %zu", probe[a],
								 probe[b], at, m, utf8_check(buf, m),
								 check_by_decode(buf, m));
				}
	static const char *pieces[] = {"a", "日", "本", "é", "€", "😀", "\xF0\x9F\x98", " ", "<p>"};
	(void)pieces;
	static const char *chars[] = {"a", "Z ", "日", "ほ", "é", "€", "😀", "𠮷", "<p>", "\n"};
	uint32_t seed = 12345;
	for (int round = 0; round < 200000; round++) {
		size_t n = 0;
		seed = seed * 1103515245u + 12345u;
		size_t want = (seed >> 16) % 81;
		while (n < want) {
			seed = seed * 1103515245u + 12345u;
			const char *c = chars[(seed >> 16) % (sizeof chars / sizeof *chars)];
			size_t k = strlen(c);
			if (n + k > sizeof buf)
				break;
			memcpy(buf + n, c, k);
			n += k;
		}
		seed = seed * 1103515245u + 12345u;
		for (unsigned flips = (seed >> 16) % 3; n && flips; flips--) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % n;
			seed = seed * 1103515245u + 12345u;
			buf[at] = (char)(seed >> 16);
		}
		if (utf8_check(buf, n) != check_by_decode(buf, n))
			fail_msg("round %d (%zu bytes): %zu, not %zu", round, n, utf8_check(buf, n),
				 check_by_decode(buf, n));
	}
}

static void position_counts_characters(void **state)
{
	const char *s = "ab\n日本語\xFF";
	int line, col;
	utf8_position(s, 12, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 4);
}

static void cjk_classes(void **state)
{
	assert_true(utf8_is_cjk(0x3042));	/* あ */
	assert_true(utf8_is_cjk(0x30A2));	/* ア */
	assert_true(utf8_is_cjk(0x6F22));	/* 漢 */
	assert_true(utf8_is_cjk(0x3002));	/* 。 */
	assert_true(utf8_is_cjk(0xFF08));	/* （ */
	assert_false(utf8_is_cjk('a'));
	assert_false(utf8_is_cjk(0xE9));
}

static void last_character(void **state)
{
	assert_int_equal(utf8_last("abc日本", 9), 0x672C);
	assert_int_equal(utf8_last("abc", 3), 'c');
	assert_int_equal(utf8_last("", 0), 0);
}

/* utf8_count and utf8_conts8 against a byte loop, on every length up
 * to 40 of text mixing ASCII, kana, 2- and 4-byte characters. */
static void count_matches_a_byte_loop(void **state)
{
	static const char mix[] = "aあ\xC3\xA9漢\xF0\x9F\x98\x80 z\xE3\x83\xBC\n\x7F\x80\xBFq";
	char text[64];
	for (size_t start = 0; start < sizeof mix - 1; start++)
		for (size_t n = 0; n <= 40; n++) {
			for (size_t k = 0; k < n; k++)
				text[k] = mix[(start + k) % (sizeof mix - 1)];
			size_t want = 0;
			for (size_t k = 0; k < n; k++)
				want += ((unsigned char)text[k] & 0xC0) != 0x80;
			assert_int_equal(utf8_count(text, n), want);
			if (n == 8) {
				uint64_t w;
				memcpy(&w, text, 8);
				assert_int_equal(8 - utf8_conts8(w), want);
			}
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(count_matches_a_byte_loop),
		cmocka_unit_test(decode_valid),
		cmocka_unit_test(decode_invalid),
		cmocka_unit_test(check_finds_first_bad_byte),
		cmocka_unit_test(decode_agrees_with_reference),
		cmocka_unit_test(check_agrees_with_decode),
		cmocka_unit_test(check_across_blocks),
		cmocka_unit_test(position_counts_characters),
		cmocka_unit_test(cjk_classes),
		cmocka_unit_test(last_character),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
