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
/* Decodes data into img (which then owns its buffers). A PNG larger
 * than maxw × maxh pixels (the most the page can show at print
 * resolution; 0: no limit) is scaled down as it is read, so its full
 * size is never in memory. Returns 0, or -1 with a reason in why
 * (static text or written into why). */
int image_decode(const unsigned char *data, size_t len, struct draw_image *img,
		 int maxw, int maxh, char *why, size_t whylen);
/* Pixels one picture may have, and all the PNGs of a build may decode
 * together (each decoding counts): a 1.5 MB PNG can declare
 * 20000 × 20000 pixels, 1.6 GB of RGBA. */
#define IMAGE_MAX_PIXELS (100.0 * 1000 * 1000)
#define IMAGE_BUILD_PIXELS (2000.0 * 1000 * 1000)
/* Starts a build's count of decoded pixels afresh. */
void image_budget_reset(void);

#endif
