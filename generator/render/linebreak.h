/* linebreak: where a line may break in a run of text, for Japanese
 * print: UAX #14 opportunities from libunibreak (the only file that
 * includes <linebreak.h>), corrected by the JLReq kinsoku rules of
 * ../shared/typography/kinsoku_tables.txt. Pure functions, no I/O. */
#ifndef TEBIKI_LINEBREAK_H
#define TEBIKI_LINEBREAK_H
#include <stddef.h>
#include <stdint.h>

enum linebreak_rule {
	LINEBREAK_STRICT,	/* not_start_strict: the default */
	LINEBREAK_RELAXED	/* not_start_relaxed (pdf.yaml: kinsoku: relaxed) */
};

enum linebreak_kind {
	LINEBREAK_NO,		/* no break after this character */
	LINEBREAK_ALLOW,	/* a line may end after this character */
	LINEBREAK_MUST		/* a line must end here (hard break) */
};

/* For each code point cps[i], out[i] says whether a line may end after
 * it (out[n-1] is LINEBREAK_MUST... or ALLOW at the end of the text). */
void linebreak_find(const uint32_t *cps, size_t n, enum linebreak_rule rule,
		    uint8_t *out);

/* Character classes the line fitter needs. */
int linebreak_not_start(uint32_t cp, enum linebreak_rule rule);
int linebreak_not_end(uint32_t cp);
int linebreak_hangs(uint32_t cp);	/* 。、，． may hang past the measure */
/* Japanese next to a Latin letter or digit gets a quarter-em space. */
int linebreak_is_ja(uint32_t cp);
int linebreak_is_latin(uint32_t cp);	/* Latin letters, digits */

#endif
