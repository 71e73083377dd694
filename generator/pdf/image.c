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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"
#include "draw.h"

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
	if (pi.width == 0 || pi.height == 0 || pi.width > 20000 || pi.height > 20000) {
		png_image_free(&pi);
		snprintf(why, whylen, "PNG of %ux%u pixels is too large", pi.width, pi.height);
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

/* A JPEG's size and components from its frame header; libharu reads
 * baseline and progressive Huffman JPEGs with 1, 3 or 4 components. */
static int image_jpeg(const unsigned char *d, size_t len, struct draw_image *img,
		      char *why, size_t whylen)
{
	size_t i = 2;
	while (i + 4 <= len) {
		if (d[i] != 0xFF) {
			i++;
			continue;
		}
		unsigned m = d[i + 1];
		if (m == 0xFF || m == 0x01 || (m >= 0xD0 && m <= 0xD9)) {
			i += m == 0xFF ? 1 : 2;
			continue;
		}
		size_t seg = (size_t)d[i + 2] << 8 | d[i + 3];
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (m > 0xC2 || i + 10 > len) {
				snprintf(why, whylen, "unsupported JPEG (only baseline and progressive)");
				return -1;
			}
			img->height = d[i + 5] << 8 | d[i + 6];
			img->width = d[i + 7] << 8 | d[i + 8];
			int comps = d[i + 9];
			if (img->width == 0 || img->height == 0 ||
			    (comps != 1 && comps != 3 && comps != 4))
				break;
			img->kind = 'j';
			img->gray = comps == 1;
			img->data = xmalloc(len);
			memcpy(img->data, d, len);
			img->len = len;
			return 0;
		}
		i += 2 + seg;
	}
	snprintf(why, whylen, "corrupt JPEG: no usable frame header");
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
	if (depth != 8 || (ctype != 0 && ctype != 2) || interlace || w == 0 || h == 0 ||
	    w > 20000 || h > 20000)
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
		 char *why, size_t whylen)
{
	memset(img, 0, sizeof *img);
	switch (image_kind(data, len)) {
	case 'p':
		if (image_png_direct(data, len, img))
			return 0;
		return image_png(data, len, img, why, whylen);
	case 'j':
		return image_jpeg(data, len, img, why, whylen);
	}
	snprintf(why, whylen, "not a PNG or JPEG");
	return -1;
}
