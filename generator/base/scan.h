/* scan: the first byte of a span that a table of 256 marks. A byte
 * loop that tests each byte against a handful of characters costs
 * several instructions a byte; a table lookup, four bytes a turn, one
 * or two. Japanese text is mostly bytes no table marks. */
#ifndef TEBIKI_SCAN_H
#define TEBIKI_SCAN_H

/* The first byte of s..end whose entry in tab is not 0, or end. */
static inline const char *scan_to(const char *s, const char *end, const unsigned char tab[256])
{
	while (end - s >= 4) {
		if (tab[(unsigned char)s[0]])
			return s;
		if (tab[(unsigned char)s[1]])
			return s + 1;
		if (tab[(unsigned char)s[2]])
			return s + 2;
		if (tab[(unsigned char)s[3]])
			return s + 3;
		s += 4;
	}
	while (s < end && !tab[(unsigned char)*s])
		s++;
	return s;
}

#endif
