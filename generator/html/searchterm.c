/* searchterm: Unicode through render/unicode (utf8proc). Most Japanese
 * text is kana and ideographs NFKC leaves alone, and most Latin text is
 * ASCII, so those characters skip the library. */
#include "searchterm.h"

#include <stdlib.h>
#include <string.h>

#include "../base/utf8.h"
#include "../base/xalloc.h"
#include "../render/unicode.h"

enum { SEP, WORD, KANA, IDEO };

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
	switch (uni_category(c)) {
	case UNI_LU: case UNI_LL: case UNI_LT: case UNI_LM: case UNI_LO: case UNI_MN:
	case UNI_MC: case UNI_ME: case UNI_ND: case UNI_NL: case UNI_NO:
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
	if (c >= 0x80 && (c < 0x3040 || c > 0x9FFF))	/* kana and kanji have no case */
		c = uni_lower(c);
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
	char word[SEARCHTERM_MAX_WORD * 4 + 4];	/* + 4: characters are copied 4 bytes at a time */
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
	/* characters move as 4 bytes, whatever their length: a copy of a
	 * length known when compiling is one move, a copy of 1 to 4 bytes
	 * was a call to memcpy for every character of the site */
	char e[4] = {0};
	size_t en = utf8_encode(c, e);
	if (cl == WORD) {
		if (sc->wordlen == 0) {
			sc->start = sc->pos;
			sc->at = at;
		}
		if (sc->wordlen < SEARCHTERM_MAX_WORD) {
			memcpy(sc->word + sc->wordn, e, 4);
			sc->wordn += en;
			sc->wordlen++;
		}
	} else {
		if (sc->runlen > 0) {
			char bi[8];
			memcpy(bi, sc->last, 4);
			memcpy(bi + sc->lastn, e, 4);
			sc->fn(bi, sc->lastn + en, sc->pos - 1, sc->lastat, sc->ctx);
		}
		if (cl == IDEO)
			sc->fn(e, en, sc->pos, at, sc->ctx);
		memcpy(sc->last, e, 4);
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
	uint32_t local[32], *buf = local;
	long len = uni_decompose(s, n, 1, buf, 32);
	if (len > 32) {
		buf = xmalloc((size_t)len * sizeof *buf);
		len = uni_decompose(s, n, 1, buf, (size_t)len);
	}
	if (len > 0)
		len = uni_compose(buf, len);
	for (long i = 0; i < len; i++)
		searchterm_char(sc, searchterm_fold((uint32_t)buf[i]), at);
	if (buf != local)
		free(buf);
}

uint32_t searchterm_scan(const char *s, size_t n, searchterm_fn fn, void *ctx)
{
	struct searchterm_scan sc = {.fn = fn, .ctx = ctx, .prev = SEP};
	sc.prev = -1;		/* nothing yet: a leading separator counts */
	size_t i = 0;
	/* the character after a cluster is decoded once, when looking for
	 * its marks, and kept for the next turn */
	uint32_t next = 0;
	size_t nextk = 0;
	while (i < n) {
		uint32_t c;
		size_t k = nextk ? (c = next, nextk) : utf8_decode_quick(s + i, n - i, &c);
		nextk = 0;
		if (k == 0) {	/* not UTF-8 (callers check): a separator */
			searchterm_char(&sc, ' ', i);
			i++;
			continue;
		}
		size_t j = i + k;
		uint32_t m;
		size_t mk;
		while (j < n && (mk = utf8_decode_quick(s + j, n - j, &m)) > 0) {
			if (!searchterm_is_mark(m)) {
				next = m;
				nextk = mk;
				break;
			}
			j += mk;
		}
		if (j == i + k && searchterm_stable(c))
			searchterm_char(&sc, searchterm_fold(c), i);
		else
			searchterm_cluster(&sc, s + i, j - i, i);
		i = j;
	}
	searchterm_end_run(&sc);
	return sc.pos;
}
