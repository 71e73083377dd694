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

static void check_slug(const char *in, const char *want)
{
	struct buf b = {0};
	xref_slug(in, strlen(in), &b);
	assert_string_equal(b.p, want);
	buf_free(&b);
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
		cmocka_unit_test(relative_urls),
		cmocka_unit_test(image_kinds),
	};
	return cmocka_run_group_tests_name("paths", tests, NULL, NULL);
}
