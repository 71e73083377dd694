/* searchterm: the terms of the site search, as js/search.js makes them
 * from a query. Text is normalised one character at a time (with the
 * combining marks that follow it): Unicode NFKC, lower case, katakana
 * as hiragana. The normalised text is then cut into terms:
 *
 *  - a run of letters and digits (Latin, Greek, …) is one word;
 *  - a run of kana and ideographs gives its overlapping bigrams
 *    (情報漏えい: 情報 報漏 漏え えい), every ideograph on its own as well
 *    (so a one-kanji query finds it), and a lone kana on its own;
 *  - anything else separates, a run of it counting as one character.
 *
 * Each term comes with its position: the index of its first character
 * in the normalised text. The browser compares these positions with
 * the query's own to tell an exact phrase from scattered bigrams, and
 * maps them back to the page's text for the snippet; the two sides must
 * agree character for character, so js/search.js follows this file. */
#ifndef TEBIKI_SEARCHTERM_H
#define TEBIKI_SEARCHTERM_H
#include <stddef.h>
#include <stdint.h>

/* Words longer than this many characters are cut (the browser cuts
 * the same way). */
#define SEARCHTERM_MAX_WORD 40

/* Called for every term: UTF-8 bytes (not NUL-terminated), its position,
 * and the byte offset in the scanned text where its first character
 * starts (the caller finds which passage it is in). */
typedef void (*searchterm_fn)(const char *term, size_t n, uint32_t pos,
			      size_t at, void *ctx);

/* Scans s (valid UTF-8); positions start at 0. Returns the number of
 * normalised characters (separator runs counting one). */
uint32_t searchterm_scan(const char *s, size_t n, searchterm_fn fn, void *ctx);

#endif
