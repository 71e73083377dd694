/* url: RFC 3986 scheme syntax; percent-decoding that leaves a stray '%'
 * as it is, as browsers do. */
#include "url.h"

#include "buf.h"

int url_has_scheme(const char *url)
{
	for (const char *s = url; *s; s++) {
		if (*s == ':')
			return s > url;
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '+' || *s == '-' || *s == '.'))
			return 0;
	}
	return 0;
}

static int url_hex(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *url_unpercent(const char *s, size_t n)
{
	struct buf b = {0};
	buf_grow(&b, n + 1);
	for (size_t i = 0; i < n; i++) {
		int h, l;
		if (s[i] == '%' && i + 2 < n && (h = url_hex(s[i + 1])) >= 0 &&
		    (l = url_hex(s[i + 2])) >= 0) {
			buf_addc(&b, (char)(h * 16 + l));
			i += 2;
		} else
			buf_addc(&b, s[i]);
	}
	return buf_detach(&b);
}
