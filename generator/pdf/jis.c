/* jis: the level-1 repertoire read from glibc's EUC-JP converter (its
 * two-byte codes are rows and cells of JIS X 0208 plus 0xA0), so no
 * table of thousands of code points is kept here. */
#include "jis.h"

#include <iconv.h>
#include <string.h>

#include "font.h"

void jis_level1(struct font_use *u)
{
	for (unsigned c = 0x20; c < 0x7F; c++)
		font_use_add(u, c);
	iconv_t cd = iconv_open("UTF-32LE", "EUC-JP");
	if (cd == (iconv_t)-1)
		return;
	for (unsigned row = 1; row <= 47; row++)
		for (unsigned cell = 1; cell <= 94; cell++) {
			char in[2] = {(char)(0xA0 + row), (char)(0xA0 + cell)};
			unsigned char out[4];
			char *ip = in, *op = (char *)out;
			size_t il = sizeof in, ol = sizeof out;
			iconv(cd, NULL, NULL, NULL, NULL);
			if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && ol == 0)
				font_use_add(u, (unsigned)out[0] | (unsigned)out[1] << 8 |
						(unsigned)out[2] << 16 | (unsigned)out[3] << 24);
		}
	iconv_close(cd);
}
