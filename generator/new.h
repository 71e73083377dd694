/* new: `tebiki new DIR`: a starter project an author can build and
 * serve at once, in Japanese, for someone starting out. */
#ifndef TEBIKI_NEW_H
#define TEBIKI_NEW_H

/* kind is "seminar" or "minimal". Writes nothing into a DIR that
 * exists and is not empty. Returns the exit status: 0, or 2 after a
 * message on stderr (nothing left behind). */
int new_project(const char *dir, const char *kind);
/* Is kind one of those new_project knows? */
int new_is_kind(const char *kind);

#endif
