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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decode_valid),
		cmocka_unit_test(decode_invalid),
		cmocka_unit_test(check_finds_first_bad_byte),
		cmocka_unit_test(position_counts_characters),
		cmocka_unit_test(cjk_classes),
		cmocka_unit_test(last_character),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
