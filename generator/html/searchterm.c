/* searchterm: the only file that includes <utf8proc.h>. Most Japanese
 * text is kana and ideographs NFKC leaves alone, and most Latin text is
 * ASCII, so those characters skip the library. */
#include "searchterm.h"

#include <stdlib.h>
#include <utf8proc.h>

#include "../base/utf8.h"
#include "../base/xalloc.h"

enum { SEP, WORD, KANA, IDEO };

#define SEARCHTERM_NFKD (UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT)

/* Marks normalised together with the character before them (the
 * browser's cluster is the same: js/search.js). */
static int searchterm_is_mark(uint32_t c)
{
	return (c >= 0x300 && c <= 0x36F) || (c >= 0x3099 && c <= 0x309C) ||
	       c == 0xFF9E || c == 0xFF9F || (c >= 0xFE00 && c <= 0xFE0F);
}

static int searchterm_class(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? WORD : SEP;
	if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) ||
	    (c >= 0x3005 && c <= 0x3007))
		return IDEO;
	if ((c >= 0x3041 && c <= 0x309F && c != 0x309B && c != 0x309C) ||
	    (c >= 0x30A1 && c <= 0x30FF && c != 0x30FB) || (c >= 0xAC00 && c <= 0xD7A3))
		return KANA;
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return WORD;
	default:
		return SEP;
	}
}

/* Lower case, then katakana as hiragana (ァ..ヶ, as the browser does). */
static uint32_t searchterm_fold(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0x80)
		c = (uint32_t)utf8proc_tolower((utf8proc_int32_t)c);
	if (c >= 0x30A1 && c <= 0x30F6)
		c -= 0x60;
	return c;
}

/* Characters NFKC leaves as they are, alone (no marks after them). */
static int searchterm_stable(uint32_t c)
{
	return c < 0x80 || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
	       c == 0x30FC || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF);
}

struct searchterm_scan {
	searchterm_fn fn;
	void *ctx;
	uint32_t pos;		/* of the next character */
	int prev;		/* class of the previous character */
	/* the current run: a word's bytes, or the previous kana/ideograph */
	char word[SEARCHTERM_MAX_WORD * 4];
	size_t wordn, wordlen;	/* bytes, characters */
	uint32_t start;		/* position of the run's first character */
	size_t at;		/* its byte offset in the text */
	char last[4];		/* previous CJK character */
	size_t lastn, lastat;
	int runlen;		/* CJK characters in the run */
	int lastclass;
};

static void searchterm_end_run(struct searchterm_scan *sc)
{
	if (sc->prev == WORD && sc->wordn)
		sc->fn(sc->word, sc->wordn, sc->start, sc->at, sc->ctx);
	else if ((sc->prev == KANA || sc->prev == IDEO) && sc->runlen == 1 &&
		 sc->lastclass == KANA)	/* a lone kana; an ideograph has had its own */
		sc->fn(sc->last, sc->lastn, sc->pos - 1, sc->lastat, sc->ctx);
	sc->wordn = sc->wordlen = 0;
	sc->runlen = 0;
}

/* One normalised character c, from the cluster at byte offset at. */
static void searchterm_char(struct searchterm_scan *sc, uint32_t c, size_t at)
{
	int cl = searchterm_class(c);
	int cjk = cl == KANA || cl == IDEO;
	int prevcjk = sc->prev == KANA || sc->prev == IDEO;
	if (cl == SEP) {
		if (sc->prev != SEP) {
			searchterm_end_run(sc);
			sc->prev = SEP;
			sc->pos++;
		}
		return;
	}
	if ((cl == WORD) != (sc->prev == WORD) || (cjk && !prevcjk))
		searchterm_end_run(sc);
	char e[4];
	size_t en = utf8_encode(c, e);
	if (cl == WORD) {
		if (sc->wordlen == 0) {
			sc->start = sc->pos;
			sc->at = at;
		}
		if (sc->wordlen < SEARCHTERM_MAX_WORD) {
			for (size_t i = 0; i < en; i++)
				sc->word[sc->wordn++] = e[i];
			sc->wordlen++;
		}
	} else {
		if (sc->runlen > 0) {
			char bi[8];
			for (size_t i = 0; i < sc->lastn; i++)
				bi[i] = sc->last[i];
			for (size_t i = 0; i < en; i++)
				bi[sc->lastn + i] = e[i];
			sc->fn(bi, sc->lastn + en, sc->pos - 1, sc->lastat, sc->ctx);
		}
		if (cl == IDEO)
			sc->fn(e, en, sc->pos, at, sc->ctx);
		for (size_t i = 0; i < en; i++)
			sc->last[i] = e[i];
		sc->lastn = en;
		sc->lastat = at;
		sc->lastclass = cl;
		sc->runlen++;
	}
	sc->prev = cl;
	sc->pos++;
}

/* NFKC of one cluster, each character folded, fed to searchterm_char. */
static void searchterm_cluster(struct searchterm_scan *sc, const char *s, size_t n,
			       size_t at)
{
	utf8proc_int32_t local[32], *buf = local;
	utf8proc_ssize_t len = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
						  buf, 32, SEARCHTERM_NFKD);
	if (len > 32) {
		buf = xmalloc((size_t)len * sizeof *buf);
		len = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, buf,
					 len, SEARCHTERM_NFKD);
	}
	if (len > 0)
		len = utf8proc_normalize_utf32(buf, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	for (utf8proc_ssize_t i = 0; i < len; i++)
		searchterm_char(sc, searchterm_fold((uint32_t)buf[i]), at);
	if (buf != local)
		free(buf);
}

uint32_t searchterm_scan(const char *s, size_t n, searchterm_fn fn, void *ctx)
{
	struct searchterm_scan sc = {.fn = fn, .ctx = ctx, .prev = SEP};
	sc.prev = -1;		/* nothing yet: a leading separator counts */
	size_t i = 0;
	while (i < n) {
		uint32_t c;
		size_t k = utf8_decode(s + i, n - i, &c);
		if (k == 0) {	/* not UTF-8 (callers check): a separator */
			searchterm_char(&sc, ' ', i);
			i++;
			continue;
		}
		size_t j = i + k;
		uint32_t m;
		size_t mk;
		while (j < n && (mk = utf8_decode(s + j, n - j, &m)) > 0 && searchterm_is_mark(m))
			j += mk;
		if (j == i + k && searchterm_stable(c))
			searchterm_char(&sc, searchterm_fold(c), i);
		else
			searchterm_cluster(&sc, s + i, j - i, i);
		i = j;
	}
	searchterm_end_run(&sc);
	return sc.pos;
}
