/* hyphen: where an English word may take a hyphen at the end of a
 * line, from Debian's hyphen-en-us patterns through libhyphen (the
 * only file that includes <hyphen.h>). Used by the PDF line fitter as
 * the last resort before a loose line, never for code or URLs. */
#ifndef TEBIKI_HYPHEN_H
#define TEBIKI_HYPHEN_H
#include <stddef.h>
#include <stdint.h>

/* The dictionary tebiki reads (Debian package hyphen-en-us). */
#define HYPHEN_DICT "/usr/share/hyphen/hyph_en_US.dic"

/* For a word of ASCII letters: marks[i] = 1 where a hyphen may follow
 * word[i] (at least two letters before, three after), else 0. Returns
 * the number of places; 0 for words too short or too long, or when
 * the dictionary is not installed. Thread-safe. */
size_t hyphen_word(const uint32_t *word, size_t len, uint8_t *marks);

#endif
