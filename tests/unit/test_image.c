/* pdf/image: what a picture may cost. A PNG is only a header and a
 * stream; these are made here, header first, so each test says what
 * it declares. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pdf/draw.h"
#include "pdf/image.h"

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A chunk at p: length, type, data, CRC. Returns its size. */
static size_t chunk(unsigned char *p, const char *type, const unsigned char *data, uint32_t n)
{
	be32(p, n);
	memcpy(p + 4, type, 4);
	if (n)
		memcpy(p + 8, data, n);
	be32(p + 8 + n, (uint32_t)crc32(0, p + 4, n + 4));
	return 12 + n;
}

/* An RGB PNG declaring w × h, its IDAT holding z (n bytes). */
static size_t png(unsigned char *out, uint32_t w, uint32_t h, const unsigned char *z, uint32_t n)
{
	unsigned char ihdr[13] = {0};
	be32(ihdr, w);
	be32(ihdr + 4, h);
	ihdr[8] = 8;	/* bits */
	ihdr[9] = 2;	/* RGB */
	memcpy(out, "\x89PNG\r\n\x1a\n", 8);
	size_t len = 8 + chunk(out + 8, "IHDR", ihdr, 13);
	len += chunk(out + len, "IDAT", z, n);
	return len + chunk(out + len, "IEND", NULL, 0);
}

/* Every decode of a build counts, also one that then fails: twenty
 * pictures of 100 megapixels are the most a build decodes. */
static void a_build_decodes_a_bounded_number_of_pixels(void **state)
{
	static unsigned char file[256];
	static const unsigned char junk[] = "not a zlib stream";
	size_t len = png(file, 10000, 10000, junk, sizeof junk);
	struct draw_image img;
	char why[300];
	image_budget_reset();
	for (int i = 0; i < 20; i++) {
		assert_int_equal(image_decode(file, len, &img, 2000, 2000, why, sizeof why), -1);
		assert_non_null(strstr(why, "corrupt PNG"));
	}
	assert_int_equal(image_decode(file, len, &img, 2000, 2000, why, sizeof why), -1);
	assert_non_null(strstr(why, "images of this build add up to more than 2000 megapixels"));
	image_budget_reset();	/* the next build starts afresh */
	assert_int_equal(image_decode(file, len, &img, 2000, 2000, why, sizeof why), -1);
	assert_non_null(strstr(why, "corrupt PNG"));
}

/* A picture of more pixels than one may have is refused before a byte
 * of it is inflated. */
static void one_picture_has_at_most_100_megapixels(void **state)
{
	static unsigned char file[256];
	size_t len = png(file, 20000, 20000, (const unsigned char *)"", 0);
	struct draw_image img;
	char why[300];
	image_budget_reset();
	assert_int_equal(image_decode(file, len, &img, 2000, 2000, why, sizeof why), -1);
	assert_non_null(strstr(why, "20000x20000 pixels (400 megapixels) is more than an image may have"));
}

/* Larger than the page needs: scaled down while read, k × k blocks
 * averaged, so a 4500 × 3 stripe of two colours shown at most 3 × 1
 * is three pixels (1500 × 3 blocks, the second one of both colours). */
static void a_large_picture_is_scaled_to_what_the_page_needs(void **state)
{
	uint32_t w = 4500, h = 3;
	size_t rowlen = 1 + (size_t)w * 3, rawlen = rowlen * h;
	unsigned char *raw = calloc(1, rawlen);
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++)
			raw[y * rowlen + 1 + x * 3] = x < 3000 ? 200 : 100;	/* red */
	uLongf zn = compressBound((uLong)rawlen);
	unsigned char *z = malloc(zn);
	assert_int_equal(compress(z, &zn, raw, (uLong)rawlen), Z_OK);
	unsigned char *file = malloc(zn + 100);
	size_t len = png(file, w, h, z, (uint32_t)zn);
	struct draw_image img;
	char why[300];
	image_budget_reset();
	assert_int_equal(image_decode(file, len, &img, 3, 1, why, sizeof why), 0);
	assert_int_equal(img.width, 3);
	assert_int_equal(img.height, 1);
	assert_int_equal(img.data[0], 200);
	assert_int_equal(img.data[3], 200);
	assert_int_equal(img.data[6], 100);
	assert_int_equal(img.data[1], 0);
	free(img.data);
	free(raw);
	free(z);
	free(file);
}

/* A JPEG that is a frame header and nothing else is no picture. */
static void a_jpeg_needs_its_scan(void **state)
{
	static const unsigned char frame_only[] =
		"\xff\xd8\xff\xc0\x00\x11\x08\x00\x10\x00\x10\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xd9";
	struct draw_image img;
	char why[300];
	assert_int_equal(image_decode(frame_only, sizeof frame_only - 1, &img, 2000, 2000, why, sizeof why), -1);
	assert_non_null(strstr(why, "corrupt JPEG"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_build_decodes_a_bounded_number_of_pixels),
		cmocka_unit_test(one_picture_has_at_most_100_megapixels),
		cmocka_unit_test(a_large_picture_is_scaled_to_what_the_page_needs),
		cmocka_unit_test(a_jpeg_needs_its_scan),
	};
	return cmocka_run_group_tests_name("pdf/image", tests, NULL, NULL);
}
