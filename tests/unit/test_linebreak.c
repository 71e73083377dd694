/* render/linebreak: UAX #14 (libunibreak) plus JLReq kinsoku. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <string.h>

#include "base/utf8.h"
#include "render/linebreak.h"

#define MAXCP 256

static size_t decode(const char *s, uint32_t *cps)
{
	size_t n = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		size_t k = utf8_decode(s + i, len - i, &cps[n]);
		assert_true(k > 0 && n < MAXCP);
		i += k, n++;
	}
	return n;
}

/* s with '|' after every allowed break and '!' after every mandatory
 * one: "漢字" -> "漢|字|". */
static const char *marks(const char *s, enum linebreak_rule rule)
{
	static char buf[4 * MAXCP * 2];
	uint32_t cps[MAXCP];
	uint8_t out[MAXCP];
	size_t n = decode(s, cps), o = 0;
	memset(out, 0xAA, sizeof out);
	linebreak_find(cps, n, rule, out);
	assert_int_equal(out[n], 0xAA);	/* wrote n entries, no more */
	for (size_t i = 0; i < n; i++) {
		char u[4];
		size_t k = utf8_encode(cps[i], u);
		memcpy(buf + o, u, k);
		o += k;
		assert_true(out[i] <= LINEBREAK_MUST);
		if (out[i] == LINEBREAK_ALLOW)
			buf[o++] = '|';
		else if (out[i] == LINEBREAK_MUST)
			buf[o++] = '!';
	}
	buf[o] = '\0';
	return buf;
}

/* The break between the first and the second character. */
static int first_break(const char *s, enum linebreak_rule rule)
{
	uint32_t cps[MAXCP];
	uint8_t out[MAXCP];
	size_t n = decode(s, cps);
	assert_true(n >= 2);
	linebreak_find(cps, n, rule, out);
	return out[0];
}

/* Run first: the pthread_once initialisation of libunibreak under
 * concurrent first use, then the same answer on every thread. */
static void *find_on_thread(void *arg)
{
	static const uint32_t text[] = { 0x300C, 0x6F22, 0x5B57, 0x3002,
					 0x300D, 0x3042, 0x30C3, 0x3068 };
	uint8_t *out = arg;
	for (int k = 0; k < 200; k++)
		linebreak_find(text, 8, LINEBREAK_STRICT, out);
	return NULL;
}

static void threads_agree(void **state)
{
	enum { T = 4 };
	pthread_t th[T];
	uint8_t out[T][8];
	for (int t = 0; t < T; t++)
		assert_int_equal(pthread_create(&th[t], NULL, find_on_thread,
						out[t]), 0);
	for (int t = 0; t < T; t++)
		pthread_join(th[t], NULL);
	for (int t = 1; t < T; t++)
		assert_memory_equal(out[0], out[t], 8);
	/* 「|漢|字。」|あッ|と| */
	static const uint8_t want[8] = {
		LINEBREAK_NO, LINEBREAK_ALLOW, LINEBREAK_NO, LINEBREAK_NO,
		LINEBREAK_ALLOW, LINEBREAK_NO, LINEBREAK_ALLOW, LINEBREAK_ALLOW
	};
	assert_memory_equal(out[0], want, 8);
}

static void kanji_break(void **state)
{
	assert_string_equal(marks("漢字", LINEBREAK_STRICT), "漢|字|");
	assert_string_equal(marks("ひらがな", LINEBREAK_STRICT),
			    "ひ|ら|が|な|");
	assert_string_equal(marks("漢", LINEBREAK_STRICT), "漢|");
}

static void strict_not_start(void **state)
{
	static const char *const after[] = {
		"。", "、", "」", "）", "ー", "～", "〜", "ッ", "ャ", "っ", "ゃ",
		"ァ", "々", "ゝ", "ヽ", "・", "！", "？", "：", "ｯ", "ｰ", "』",
		"】", "〕", "〟", "〻", "ㇷ", "ヶ",
	};
	char s[32];
	for (size_t i = 0; i < sizeof after / sizeof after[0]; i++) {
		strcpy(s, "漢");
		strcat(s, after[i]);
		strcat(s, "字");
		if (first_break(s, LINEBREAK_STRICT) != LINEBREAK_NO)
			fail_msg("break before %s in strict", after[i]);
		assert_true(linebreak_not_start(utf8_last(after[i],
					strlen(after[i])), LINEBREAK_STRICT));
	}
	assert_string_equal(marks("コーヒーを飲んだ。", LINEBREAK_STRICT),
			    "コー|ヒー|を|飲|ん|だ。|");
	assert_string_equal(marks("ちょっと待って", LINEBREAK_STRICT),
			    "ちょっ|と|待っ|て|");
	assert_string_equal(marks("人々", LINEBREAK_STRICT), "人々|");
	/* a space does not open a way round kinsoku */
	assert_int_equal(first_break("a 。", LINEBREAK_STRICT), LINEBREAK_NO);
	assert_string_equal(marks("漢 ッ", LINEBREAK_STRICT), "漢 ッ|");
}

static void relaxed_rule(void **state)
{
	/* relaxed allows a line to start with 々, ー and small kana ... */
	assert_int_equal(first_break("人々", LINEBREAK_RELAXED), LINEBREAK_ALLOW);
	assert_int_equal(first_break("ちょ", LINEBREAK_RELAXED), LINEBREAK_ALLOW);
	assert_int_equal(first_break("ちょっと", LINEBREAK_RELAXED),
			 LINEBREAK_ALLOW);
	assert_int_equal(first_break("コー", LINEBREAK_RELAXED), LINEBREAK_ALLOW);
	assert_int_equal(first_break("アｯ", LINEBREAK_RELAXED), LINEBREAK_ALLOW);
	assert_string_equal(marks("ちょっと", LINEBREAK_RELAXED),
			    "ち|ょ|っ|と|");
	/* ... but not with 。」ゝ・, and not after an opening bracket */
	assert_int_equal(first_break("漢。", LINEBREAK_RELAXED), LINEBREAK_NO);
	assert_int_equal(first_break("漢」", LINEBREAK_RELAXED), LINEBREAK_NO);
	assert_int_equal(first_break("漢ゝ", LINEBREAK_RELAXED), LINEBREAK_NO);
	assert_int_equal(first_break("漢・", LINEBREAK_RELAXED), LINEBREAK_NO);
	assert_int_equal(first_break("「々", LINEBREAK_RELAXED), LINEBREAK_NO);
	assert_int_equal(first_break("「ッ", LINEBREAK_RELAXED), LINEBREAK_NO);

	assert_true(linebreak_not_start(0x3005, LINEBREAK_STRICT));
	assert_false(linebreak_not_start(0x3005, LINEBREAK_RELAXED));
	assert_false(linebreak_not_start(0x30C3, LINEBREAK_RELAXED));
	assert_false(linebreak_not_start(0x30FC, LINEBREAK_RELAXED));
	assert_true(linebreak_not_start(0x3002, LINEBREAK_RELAXED));
	assert_true(linebreak_not_start(0x309D, LINEBREAK_RELAXED));
	assert_false(linebreak_not_start(0x6F22, LINEBREAK_STRICT));
	assert_false(linebreak_not_start(0x300C, LINEBREAK_STRICT));
}

static void not_end(void **state)
{
	assert_string_equal(marks("漢「字」漢", LINEBREAK_STRICT),
			    "漢|「字」|漢|");
	assert_string_equal(marks("漢（字）漢", LINEBREAK_STRICT),
			    "漢|（字）|漢|");
	assert_string_equal(marks("『【〔〈《字", LINEBREAK_STRICT),
			    "『【〔〈《字|");
	/* nor with an opening bracket and a space after it */
	assert_string_equal(marks("漢「　字", LINEBREAK_STRICT), "漢|「　字|");
	assert_true(linebreak_not_end(0x300C));
	assert_true(linebreak_not_end(0xFF08));
	assert_true(linebreak_not_end(0x201C));
	assert_false(linebreak_not_end(0x300D));
	assert_false(linebreak_not_end(0x6F22));
}

static void inseparable(void **state)
{
	/* ―― is written with U+2015 (JIS) or U+2014 */
	assert_string_equal(marks("漢――字", LINEBREAK_STRICT), "漢|――|字|");
	assert_string_equal(marks("漢——字", LINEBREAK_STRICT), "漢|——|字|");
	/* UAX #14 LB22 keeps … ‥ with the character before them, too */
	assert_string_equal(marks("漢……字", LINEBREAK_STRICT), "漢……|字|");
	assert_string_equal(marks("漢‥‥字", LINEBREAK_RELAXED), "漢‥‥|字|");
	assert_string_equal(marks("「……」", LINEBREAK_STRICT), "「……」|");
	assert_string_equal(marks("漢〳〵字", LINEBREAK_STRICT), "漢|〳〵|字|");
}

static void latin_unbroken(void **state)
{
	assert_string_equal(marks("Windows Update", LINEBREAK_STRICT),
			    "Windows |Update|");
	assert_string_equal(marks("1,000", LINEBREAK_STRICT), "1,000|");
	assert_string_equal(marks("価格は1,000円", LINEBREAK_STRICT),
			    "価|格|は|1,000|円|");
	assert_string_equal(marks("Windows Updateを実行", LINEBREAK_STRICT),
			    "Windows |Update|を|実|行|");
	assert_string_equal(marks("version 3.14.", LINEBREAK_STRICT),
			    "version |3.14.|");
	assert_string_equal(marks("café au lait", LINEBREAK_RELAXED),
			    "café |au |lait|");
}

static void bracket_after_latin(void **state)
{
	assert_string_equal(marks("¥1,000（税込）", LINEBREAK_STRICT),
			    "¥1,000|（税|込）|");
	assert_string_equal(marks("50%（税込）", LINEBREAK_STRICT),
			    "50%|（税|込）|");
	assert_string_equal(marks("Windows「更新」", LINEBREAK_STRICT),
			    "Windows|「更|新」|");
	assert_string_equal(marks("（税込）1,000円", LINEBREAK_STRICT),
			    "（税|込）|1,000|円|");
	/* kinsoku still wins: nothing may break after （ */
	assert_string_equal(marks("a（（b", LINEBREAK_STRICT), "a|（（b|");
	/* ASCII brackets stay as UAX #14 has them */
	assert_string_equal(marks("f(x)", LINEBREAK_STRICT), "f(x)|");
}

static void hard_break(void **state)
{
	assert_string_equal(marks("a\nb", LINEBREAK_STRICT), "a\n!b|");
	assert_string_equal(marks("漢字\n", LINEBREAK_STRICT), "漢|字\n!");
	assert_string_equal(marks("「\n」", LINEBREAK_STRICT), "「\n!」|");
	assert_string_equal(marks("a\r\nb", LINEBREAK_STRICT), "a\r\n!b|");
	assert_string_equal(marks("漢\u2028字", LINEBREAK_RELAXED),
			    "漢\u2028!字|");
}

static void empty_input(void **state)
{
	uint8_t out[1] = { 0xAA };
	linebreak_find(NULL, 0, LINEBREAK_STRICT, out);
	assert_int_equal(out[0], 0xAA);
}

static void hanging(void **state)
{
	assert_true(linebreak_hangs(0x3002));	/* 。 */
	assert_true(linebreak_hangs(0x3001));	/* 、 */
	assert_true(linebreak_hangs(0xFF0C));	/* ， */
	assert_true(linebreak_hangs(0xFF0E));	/* ． */
	assert_false(linebreak_hangs(0x300D));	/* 」 */
	assert_false(linebreak_hangs(0xFF01));	/* ！ */
	assert_false(linebreak_hangs(0x6F22));
}

static void classes(void **state)
{
	assert_true(linebreak_is_ja(0x3042));	/* あ */
	assert_true(linebreak_is_ja(0x30A2));	/* ア */
	assert_true(linebreak_is_ja(0x30FC));	/* ー */
	assert_true(linebreak_is_ja(0x6F22));	/* 漢 */
	assert_true(linebreak_is_ja(0x3005));	/* 々 */
	assert_true(linebreak_is_ja(0x20BB7));	/* 𠮷 */
	assert_true(linebreak_is_ja(0x3002));	/* 。 */
	assert_true(linebreak_is_ja(0x300C));	/* 「 */
	assert_true(linebreak_is_ja(0xFF08));	/* （ */
	assert_true(linebreak_is_ja(0xFF71));	/* ｱ */
	assert_true(linebreak_is_ja(0xF929));	/* 朗 compatibility */
	assert_false(linebreak_is_ja(0x3000));	/* ideographic space */
	assert_false(linebreak_is_ja('a'));
	assert_false(linebreak_is_ja(0xE9));
	assert_false(linebreak_is_ja(0xAC00));	/* 가 */
	assert_false(linebreak_is_ja(0x1F600));

	assert_true(linebreak_is_latin('a'));
	assert_true(linebreak_is_latin('Z'));
	assert_true(linebreak_is_latin('7'));
	assert_true(linebreak_is_latin(0xE9));	/* é */
	assert_true(linebreak_is_latin(0xC5));	/* Å */
	assert_true(linebreak_is_latin(0x141));	/* Ł */
	assert_true(linebreak_is_latin(0x1EA1));	/* ạ */
	assert_false(linebreak_is_latin(' '));
	assert_false(linebreak_is_latin('%'));
	assert_false(linebreak_is_latin(0xD7));	/* × */
	assert_false(linebreak_is_latin(0xF7));	/* ÷ */
	assert_false(linebreak_is_latin(0xFF21));	/* Ａ is fullwidth */
	assert_false(linebreak_is_latin(0x3042));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(threads_agree),
		cmocka_unit_test(kanji_break),
		cmocka_unit_test(strict_not_start),
		cmocka_unit_test(relaxed_rule),
		cmocka_unit_test(not_end),
		cmocka_unit_test(inseparable),
		cmocka_unit_test(latin_unbroken),
		cmocka_unit_test(bracket_after_latin),
		cmocka_unit_test(hard_break),
		cmocka_unit_test(empty_input),
		cmocka_unit_test(hanging),
		cmocka_unit_test(classes),
	};
	return cmocka_run_group_tests_name("linebreak", tests, NULL, NULL);
}
