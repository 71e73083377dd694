/* unicode: the utf8proc adapter (see unicode.h). */
#include "unicode.h"

#include <utf8proc.h>

enum uni_cat uni_category(uint32_t c)
{
	return (enum uni_cat)utf8proc_category((utf8proc_int32_t)c);
}

uint32_t uni_lower(uint32_t c)
{
	return (uint32_t)utf8proc_tolower((utf8proc_int32_t)c);
}

long uni_decompose(const char *s, size_t n, int compat, uint32_t *buf, size_t cap)
{
	utf8proc_option_t o = UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | (compat ? UTF8PROC_COMPAT : 0);
	utf8proc_ssize_t len = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
						  (utf8proc_int32_t *)buf, (utf8proc_ssize_t)cap, o);
	return len < 0 ? -1 : (long)len;
}

long uni_compose(uint32_t *buf, long len)
{
	utf8proc_ssize_t r = utf8proc_normalize_utf32((utf8proc_int32_t *)buf, len,
						      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	return r < 0 ? len : (long)r;
}
