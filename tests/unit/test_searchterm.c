/* html/searchterm: the terms of the site search and their positions
 * (js/search.js must cut the same; tests/e2e/search.sh compares the two
 * on whole sites). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "html/searchterm.h"

static void collect(const char *t, size_t n, uint32_t pos, size_t at, void *ctx)
{
	buf_addf(ctx, "[%.*s@%u:%zu]", (int)n, t, pos, at);
}

/* "[term@pos:byte]…(count)" */
static void expect(const char *text, const char *want)
{
	struct buf b = {0};
	uint32_t n = searchterm_scan(text, strlen(text), collect, &b);
	buf_addf(&b, "(%u)", n);
	assert_string_equal(b.p, want);
	buf_free(&b);
}

static void japanese_bigrams_and_kanji(void **state)
{
	expect("情報漏えい",
	       "[情@0:0][情報@0:0][報@1:3][報漏@1:3][漏@2:6][漏え@2:6][えい@3:9](5)");
	expect("20名以下", "[20@0:0][名@2:2][名以@2:2][以@3:5][以下@3:5][下@4:8](5)");
}

static void folding(void **state)
{
	/* half-width katakana with its sound mark, full-width Latin */
	expect("ﾊﾞｯｸｱｯﾌﾟ", "[ばっ@0:0][っく@1:6][くあ@2:9][あっ@3:12][っぷ@4:15](6)");
	expect("ＵＳＢメモリ", "[usb@0:0][めも@3:9][もり@4:12](6)");
	/* compatibility characters grow: ㈱ is (株) */
	expect("㈱ﬁ", "[株@1:0][fi@3:3](5)");
}

static void words_and_separators(void **state)
{
	/* a run of separators is one position */
	expect("Wi-Fi, TLS 1.3", "[wi@0:0][fi@3:3][tls@6:7][1@10:11][3@12:13](13)");
	expect("a  ,  b", "[a@0:0][b@2:6](3)");
	/* a lone kana is a term; one inside a run is not */
	expect("「を」", "[を@1:3](3)");
}

static void long_words_are_cut(void **state)
{
	char text[61];
	memset(text, 'x', 60);
	text[60] = '\0';
	char want[128];
	snprintf(want, sizeof want, "[%.*s@0:0](60)", SEARCHTERM_MAX_WORD, text);
	expect(text, want);
}

static void invalid_bytes_separate(void **state)
{
	expect("ab\xFF" "cd", "[ab@0:0][cd@3:3](5)");
	expect("", "(0)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(japanese_bigrams_and_kanji),
		cmocka_unit_test(folding),
		cmocka_unit_test(words_and_separators),
		cmocka_unit_test(long_words_are_cut),
		cmocka_unit_test(invalid_bytes_separate),
	};
	return cmocka_run_group_tests_name("searchterm", tests, NULL, NULL);
}
