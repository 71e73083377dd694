/* jis: the characters of JIS X 0208 level 1 (the non-kanji rows 1-8
 * and the 2,965 kanji of rows 16-47), which a fillable form's font
 * holds so that what a user types (a name, a date) can be drawn. */
#ifndef TEBIKI_JIS_H
#define TEBIKI_JIS_H

struct font_use;

/* Adds them, and printable ASCII, to u. */
void jis_level1(struct font_use *u);

#endif
