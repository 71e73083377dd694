/* image: an 8-bit grey or RGB PNG without interlacing or transparency
 * (most diagrams and screenshots) goes into the PDF as it is: its
 * compressed rows are what a PDF Flate stream with the PNG predictor
 * reads, so nothing is decoded or compressed again — only inflated
 * once to check it. Every other PNG (palette, 16-bit, interlaced,
 * alpha) is read by libpng's simplified API into 8-bit RGB or grey;
 * alpha, when some pixel is not opaque, becomes a separate mask (a
 * PDF SMask). */
#include "image.h"

#include <png.h>
#include <zlib.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"
#include "draw.h"

/* Pixels decoded by this build so far, from every thread. */
static uint64_t image_spent;

void image_budget_reset(void)
{
	__atomic_store_n(&image_spent, 0, __ATOMIC_RELAXED);
}

/* Checks w × h pixels against the limit of one picture and, when it
 * is decoded here (count), of the build. */
static int image_budget(uint32_t w, uint32_t h, int count, char *why, size_t whylen)
{
	double px = (double)w * h;
	if (w == 0 || h == 0) {
		snprintf(why, whylen, "an image of %ux%u pixels", w, h);
		return -1;
	}
	if (px > IMAGE_MAX_PIXELS) {
		snprintf(why, whylen, "%ux%u pixels (%.0f megapixels) is more than an image may have "
			 "(%.0f megapixels): a printed page needs about 2500x3500", w, h,
			 px / 1e6, IMAGE_MAX_PIXELS / 1e6);
		return -1;
	}
	if (!count)
		return 0;
	uint64_t spent = __atomic_add_fetch(&image_spent, (uint64_t)px, __ATOMIC_RELAXED);
	if ((double)spent > IMAGE_BUILD_PIXELS) {
		snprintf(why, whylen, "the images of this build add up to more than %.0f megapixels "
			 "to decode: make them smaller (a printed page needs about 2500x3500)",
			 IMAGE_BUILD_PIXELS / 1e6);
		return -1;
	}
	return 0;
}

int image_kind(const unsigned char *d, size_t len)
{
	if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return 'p';
	if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return 'j';
	return 0;
}

/* Splits interleaved colour + alpha into colour and a mask; the mask
 * is dropped when every pixel is opaque. */
static void image_split_alpha(struct draw_image *img, unsigned char *px, size_t npx, int chans)
{
	int colour = chans - 1;
	unsigned char *c = xmalloc(npx * (size_t)colour), *a = xmalloc(npx);
	int opaque = 1;
	for (size_t i = 0; i < npx; i++) {
		memcpy(c + i * (size_t)colour, px + i * (size_t)chans, (size_t)colour);
		a[i] = px[i * (size_t)chans + (size_t)colour];
		opaque &= a[i] == 255;
	}
	img->data = c;
	img->len = npx * (size_t)colour;
	if (opaque)
		free(a);
	else
		img->alpha = a;
}

static int image_png(const unsigned char *data, size_t len, struct draw_image *img,
		     char *why, size_t whylen)
{
	png_image pi;
	memset(&pi, 0, sizeof pi);
	pi.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&pi, data, len)) {
		snprintf(why, whylen, "corrupt PNG: %s", pi.message);
		return -1;
	}
	int colour = (pi.format & PNG_FORMAT_FLAG_COLOR) != 0;
	int alpha = (pi.format & PNG_FORMAT_FLAG_ALPHA) != 0;
	pi.format = colour ? (alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB)
			   : (alpha ? PNG_FORMAT_GA : PNG_FORMAT_GRAY);
	if (pi.width == 0 || pi.height == 0) {
		png_image_free(&pi);
		snprintf(why, whylen, "corrupt PNG: %ux%u pixels", pi.width, pi.height);
		return -1;
	}
	size_t size = PNG_IMAGE_SIZE(pi);
	unsigned char *px = xmalloc(size);
	if (!png_image_finish_read(&pi, NULL, px, 0, NULL)) {
		snprintf(why, whylen, "corrupt PNG: %s", pi.message);
		free(px);
		png_image_free(&pi);
		return -1;
	}
	img->kind = 'p';
	img->width = (int)pi.width;
	img->height = (int)pi.height;
	img->gray = !colour;
	if (alpha) {
		image_split_alpha(img, px, (size_t)pi.width * pi.height, colour ? 4 : 2);
		free(px);
	} else {
		img->data = px;
		img->len = size;
	}
	return 0;
}

/* ---- a PNG larger than the page needs: read row by row, scaled down */

struct image_reader {
	const unsigned char *p;
	size_t left;
	char *why;
	size_t whylen;
};

static void image_read_fn(png_structp png, png_bytep out, png_size_t n)
{
	struct image_reader *r = png_get_io_ptr(png);
	if (n > r->left)
		png_error(png, "the file ends early");
	memcpy(out, r->p, n);
	r->p += n;
	r->left -= n;
}

static void image_error_fn(png_structp png, png_const_charp msg)
{
	struct image_reader *r = png_get_error_ptr(png);
	snprintf(r->why, r->whylen, "corrupt PNG: %s", msg);
	png_longjmp(png, 1);
}

static void image_warning_fn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* Averages k × k blocks of the 8-bit rows into an image of at most
 * maxw × maxh: the memory is the result's, never the whole file's. */
static int image_png_scaled(const unsigned char *data, size_t len, struct draw_image *img,
			    int maxw, int maxh, char *why, size_t whylen)
{
	struct image_reader r = {data, len, why, whylen};
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &r, image_error_fn,
						 image_warning_fn);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	unsigned char *volatile row = NULL, *volatile out = NULL;
	uint64_t *volatile sum = NULL;
	if (info == NULL) {
		png_destroy_read_struct(&png, NULL, NULL);
		snprintf(why, whylen, "out of memory reading a PNG");
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		free(row);
		free(out);
		free(sum);
		png_destroy_read_struct(&png, &info, NULL);
		return -1;
	}
	png_set_read_fn(png, &r, image_read_fn);
	png_read_info(png, info);
	uint32_t w = png_get_image_width(png, info), h = png_get_image_height(png, info);
	if (png_get_interlace_type(png, info) != PNG_INTERLACE_NONE)
		png_error(png, "an interlaced PNG this large must be read whole: save it without interlacing, or smaller");
	png_set_expand(png);	/* palette, grey below 8 bits, tRNS: 8-bit, alpha */
	png_set_strip_16(png);
	png_read_update_info(png, info);
	int chans = png_get_channels(png, info);
	uint32_t k = 1;
	while ((w + k - 1) / k > (uint32_t)maxw || (h + k - 1) / k > (uint32_t)maxh)
		k++;
	uint32_t ow = (w + k - 1) / k, oh = (h + k - 1) / k;
	row = xmalloc(png_get_rowbytes(png, info));
	out = xmalloc((size_t)ow * oh * (size_t)chans);
	sum = xcalloc((size_t)ow * (size_t)chans, sizeof *sum);
	for (uint32_t y = 0; y < h; y++) {
		png_read_row(png, row, NULL);
		for (uint32_t x = 0; x < w; x++)
			for (int c = 0; c < chans; c++)
				sum[(size_t)(x / k) * (size_t)chans + (size_t)c] += row[(size_t)x * (size_t)chans + (size_t)c];
		if ((y + 1) % k && y + 1 < h)
			continue;
		uint32_t rows = y % k + 1;	/* the last block may be short */
		unsigned char *o = out + (size_t)(y / k) * ow * (size_t)chans;
		for (uint32_t x = 0; x < ow; x++) {
			uint32_t cols = x + 1 < ow || w % k == 0 ? k : w % k;
			for (int c = 0; c < chans; c++) {
				size_t i = (size_t)x * (size_t)chans + (size_t)c;
				o[i] = (unsigned char)((sum[i] + rows * cols / 2) / (rows * cols));
			}
		}
		memset(sum, 0, (size_t)ow * (size_t)chans * sizeof *sum);
	}
	png_destroy_read_struct(&png, &info, NULL);
	free(row);
	free(sum);
	img->kind = 'p';
	img->width = (int)ow;
	img->height = (int)oh;
	img->gray = chans < 3;
	if (chans == 2 || chans == 4) {
		image_split_alpha(img, out, (size_t)ow * oh, chans);
		free(out);
	} else {
		img->data = out;
		img->len = (size_t)ow * oh * (size_t)chans;
	}
	return 0;
}

/* A JPEG's size and components from its frame header; libharu reads
 * baseline and progressive Huffman JPEGs with 1, 3 or 4 components.
 * The file is walked segment by segment up to its first scan: a frame
 * header alone (no quantization table, no scan) is no picture, and a
 * PDF reader would show nothing or fail on it. */
static int image_jpeg(const unsigned char *d, size_t len, struct draw_image *img,
		      char *why, size_t whylen)
{
	size_t i = 2;
	int frame = 0, tables = 0;
	while (i + 4 <= len) {
		if (d[i] != 0xFF) {
			snprintf(why, whylen, "corrupt JPEG: no marker at byte %zu", i);
			return -1;
		}
		unsigned m = d[i + 1];
		if (m == 0xFF || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
			i += m == 0xFF ? 1 : 2;
			continue;
		}
		if (m == 0xD8 || m == 0xD9)
			break;	/* a second start, or the end before any scan */
		size_t seg = (size_t)d[i + 2] << 8 | d[i + 3];
		if (seg < 2 || seg > len - i - 2)
			break;
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (m > 0xC2 || seg < 8) {
				snprintf(why, whylen, "unsupported JPEG (only baseline and progressive)");
				return -1;
			}
			img->height = d[i + 5] << 8 | d[i + 6];
			img->width = d[i + 7] << 8 | d[i + 8];
			int comps = d[i + 9];
			if (img->width == 0 || img->height == 0 ||
			    (comps != 1 && comps != 3 && comps != 4))
				break;
			img->gray = comps == 1;
			frame = 1;
		} else if (m == 0xDB) {
			tables = 1;
		} else if (m == 0xDA) {
			if (!frame || !tables || i + 2 + seg >= len)
				break;	/* a scan needs both, and data after it */
			img->kind = 'j';
			img->data = xmalloc(len);
			memcpy(img->data, d, len);
			img->len = len;
			return 0;
		}
		i += 2 + seg;
	}
	snprintf(why, whylen, "corrupt JPEG: %s", !frame ? "no usable frame header"
		 : !tables ? "no quantization table" : "no image data (scan)");
	return -1;
}

static uint32_t image_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Inflates the rows to check them: the right length, valid filters. */
static int image_rows_ok(const unsigned char *z, size_t zlen, size_t rowlen, size_t rows)
{
	z_stream st;
	memset(&st, 0, sizeof st);
	if (inflateInit(&st) != Z_OK)
		return 0;
	unsigned char buf[16384];
	size_t total = 0, want = rowlen * rows;
	int rc = Z_OK, ok = 1;
	st.next_in = (unsigned char *)z;
	st.avail_in = (uInt)zlen;
	while (ok && rc == Z_OK) {
		st.next_out = buf;
		st.avail_out = sizeof buf;
		rc = inflate(&st, Z_NO_FLUSH);
		size_t got = sizeof buf - st.avail_out;
		for (size_t i = 0; i < got && ok; i++)
			if ((total + i) % rowlen == 0 && buf[i] > 4)
				ok = 0;	/* not a PNG row filter */
		total += got;
		if (total > want || (rc != Z_OK && rc != Z_STREAM_END))
			ok = 0;
	}
	inflateEnd(&st);
	return ok && rc == Z_STREAM_END && total == want;
}

/* The rows of an 8-bit grey or RGB, non-interlaced PNG without tRNS,
 * with every chunk's CRC checked; 0 when the PNG is another kind (or
 * broken: libpng then says how). */
static int image_png_direct(const unsigned char *d, size_t len, struct draw_image *img)
{
	if (len < 33 || memcmp(d + 12, "IHDR", 4) != 0)
		return 0;
	uint32_t w = image_be32(d + 16), h = image_be32(d + 20);
	int depth = d[24], ctype = d[25], interlace = d[28];
	if (depth != 8 || (ctype != 0 && ctype != 2) || interlace || w == 0 || h == 0)
		return 0;
	unsigned char *z = malloc(len);
	size_t zlen = 0, i = 8;
	int end = 0;
	while (!end && i + 12 <= len) {
		uint32_t n = image_be32(d + i);
		if (n > len - i - 12)
			break;
		const unsigned char *type = d + i + 4;
		if (crc32(0, type, n + 4) != image_be32(d + i + 8 + n) || memcmp(type, "tRNS", 4) == 0)
			break;
		if (memcmp(type, "IDAT", 4) == 0) {
			memcpy(z + zlen, d + i + 8, n);
			zlen += n;
		}
		end = memcmp(type, "IEND", 4) == 0;
		i += 12 + n;
	}
	size_t chans = ctype == 2 ? 3 : 1;
	if (!end || !image_rows_ok(z, zlen, 1 + w * chans, h)) {
		free(z);
		return 0;
	}
	img->kind = 'f';
	img->width = (int)w;
	img->height = (int)h;
	img->gray = ctype == 0;
	img->data = z;
	img->len = zlen;
	return 1;
}

int image_decode(const unsigned char *data, size_t len, struct draw_image *img,
		 int maxw, int maxh, char *why, size_t whylen)
{
	memset(img, 0, sizeof *img);
	switch (image_kind(data, len)) {
	case 'p': {
		if (len < 24 || memcmp(data + 12, "IHDR", 4) != 0) {
			snprintf(why, whylen, "corrupt PNG: no IHDR chunk");
			return -1;
		}
		uint32_t w = image_be32(data + 16), h = image_be32(data + 20);
		if (image_budget(w, h, 1, why, whylen) < 0)
			return -1;
		if (maxw > 0 && maxh > 0 && (w > (uint32_t)maxw || h > (uint32_t)maxh))
			return image_png_scaled(data, len, img, maxw, maxh, why, whylen);
		if (image_png_direct(data, len, img))
			return 0;
		return image_png(data, len, img, why, whylen);
	}
	case 'j':
		if (image_jpeg(data, len, img, why, whylen) < 0)
			return -1;
		if (image_budget((uint32_t)img->width, (uint32_t)img->height, 0, why, whylen) < 0) {
			free(img->data);
			img->data = NULL;
			return -1;
		}
		return 0;
	}
	snprintf(why, whylen, "not a PNG or JPEG");
	return -1;
}
