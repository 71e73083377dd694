/* image: pictures for the PDF. PNGs are decoded here with libpng (the
 * only file that includes <png.h>) to 8-bit, non-interlaced pixels,
 * because libharu 2.3 corrupts 16-bit PNGs and refuses interlaced ones;
 * JPEGs go into the PDF as they are, only their header is read. */
#ifndef TEBIKI_IMAGE_H
#define TEBIKI_IMAGE_H
#include <stddef.h>

struct draw_image;

/* What kind of picture the bytes are: 'p' PNG, 'j' JPEG, 0 neither. */
int image_kind(const unsigned char *data, size_t len);
/* Decodes data into img (which then owns its buffers). Returns 0, or
 * -1 with a reason in why (static text or written into why). */
int image_decode(const unsigned char *data, size_t len, struct draw_image *img,
		 char *why, size_t whylen);

#endif
