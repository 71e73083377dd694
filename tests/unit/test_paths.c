/* fsutil path folding and xref's ids, relative URLs and image sniffing:
 * the functions that keep paths inside the project and links right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fsutil.h"
#include "passes/xref.h"

static void check_norm(const char *in, const char *want)
{
	char *got = fs_normalize(in);
	if (want == NULL) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void normalize(void **state)
{
	check_norm("lessons/../cases/x.md", "cases/x.md");
	check_norm("./a/./b//c", "a/b/c");
	check_norm("a/b/../../c", "c");
	check_norm("../x", NULL);
	check_norm("a/../../x", NULL);
	check_norm("/etc/passwd", NULL);
}

static void check_style(enum slug_style style, const char *in, const char *want)
{
	struct buf b = {0};
	slug_make(style, in, strlen(in), &b);
	assert_string_equal(b.p, want);
	buf_free(&b);
}

static void check_slug(const char *in, const char *want)
{
	check_style(SLUG_TEBIKI, in, want);
}

static void slugs(void **state)
{
	check_slug("経緯", "経緯");
	check_slug("4-5 フィッシング詐欺", "4-5-フィッシング詐欺");
	check_slug("Hello, World!", "hello-world");
	check_slug("書類・媒体の廃棄", "書類媒体の廃棄");
	check_slug("「鍵マーク」とは？", "鍵マークとは");
	check_slug("人々の声", "人々の声");
	check_slug("  A  B  ", "a-b");
	check_slug("！？", "section");
}

/* github-slugger's rules (its test fixtures' kinds of cases) */
static void slugs_github(void **state)
{
	check_style(SLUG_GITHUB, "Server Port", "server-port");
	check_style(SLUG_GITHUB, "What's new?", "whats-new");
	check_style(SLUG_GITHUB, "foo -- bar", "foo----bar");
	check_style(SLUG_GITHUB, "  A  B  ", "--a--b--");
	check_style(SLUG_GITHUB, "snake_case", "snake_case");
	check_style(SLUG_GITHUB, "C++ の使い方", "c-の使い方");
	check_style(SLUG_GITHUB, "4-5 フィッシング詐欺", "4-5-フィッシング詐欺");
	check_style(SLUG_GITHUB, "書類・媒体の廃棄", "書類媒体の廃棄");
	check_style(SLUG_GITHUB, "「鍵マーク」とは？", "鍵マークとは");
	check_style(SLUG_GITHUB, "\xF0\x9F\x98\x84 emoji", "-emoji");
	check_style(SLUG_GITHUB, "\xE2\x92\xB6 circled", "\xE2\x93\x90-circled");	/* Ⓐ: Alphabetic */
	check_style(SLUG_GITHUB, "Привет Мир", "привет-мир");
}

/* @mdit-vue/shared's slugify, as VitePress makes ids */
static void slugs_vitepress(void **state)
{
	check_style(SLUG_VITEPRESS, "Server Port", "server-port");
	check_style(SLUG_VITEPRESS, "What's new?", "what-s-new");
	check_style(SLUG_VITEPRESS, "foo -- bar", "foo-bar");
	check_style(SLUG_VITEPRESS, "  leading and trailing  ", "leading-and-trailing");
	check_style(SLUG_VITEPRESS, "snake_case", "snake-case");
	check_style(SLUG_VITEPRESS, "1st step", "_1st-step");
	check_style(SLUG_VITEPRESS, "caf\xC3\xA9", "cafe");
	check_style(SLUG_VITEPRESS, "\xEF\xBC\xA1\xEF\xBD\x82\xEF\xBD\x83\xEF\xBC\x88全角\xEF\xBC\x89", "abc-全角");
	check_style(SLUG_VITEPRESS, "ガイド", "ガイド");	/* composed again */
	check_style(SLUG_VITEPRESS, "\xE2\x80\x9Cquoted\xE2\x80\x9D words", "quoted-words");
	check_style(SLUG_VITEPRESS, "a\tb", "ab");	/* control characters go first */
	check_style(SLUG_VITEPRESS, "???", "section");
}

static void check_rel(const char *from, const char *to, const char *want)
{
	char *got = xref_relative(from, to);
	assert_string_equal(got, want);
	free(got);
}

static void relative_urls(void **state)
{
	check_rel("lessons/a.html", "lessons/b.html", "b.html");
	check_rel("lessons/a.html", "cases/x.html", "../cases/x.html");
	check_rel("index.html", "cases/x.html", "cases/x.html");
	check_rel("a/b/c.html", "index.html", "../../index.html");
	check_rel("lessons/a.html", "lessons-old/b.html", "../lessons-old/b.html");
}

static void image_kinds(void **state)
{
	assert_string_equal(xref_image_kind("\x89PNG\r\n\x1a\n....", 12), "png");
	assert_string_equal(xref_image_kind("\xFF\xD8\xFF\xE0", 4), "jpeg");
	assert_string_equal(xref_image_kind("GIF89a", 6), "gif");
	assert_string_equal(xref_image_kind("RIFF\0\0\0\0WEBPVP8 ", 16), "webp");
	assert_string_equal(xref_image_kind("<?xml version='1.0'?><svg>", 26), "svg");
	assert_null(xref_image_kind("hello, not an image", 19));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalize),
		cmocka_unit_test(slugs),
		cmocka_unit_test(slugs_github),
		cmocka_unit_test(slugs_vitepress),
		cmocka_unit_test(relative_urls),
		cmocka_unit_test(image_kinds),
	};
	return cmocka_run_group_tests_name("paths", tests, NULL, NULL);
}
