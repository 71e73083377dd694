/* unsupported: one located warning per file for each kind of other
 * tools' construct tebiki does not render (Hugo shortcodes, MkDocs
 * snippet includes, mdBook directives, Zenn embeds …). Found in the
 * source, given once Lua filters have run, and only if the construct's
 * text is still there: a filter may render it (Pandoc's macro filters). */
#ifndef TEBIKI_UNSUPPORTED_H
#define TEBIKI_UNSUPPORTED_H
#include <stddef.h>

struct doc;
struct site;

/* text: the Markdown body of d, whose first line is line_offset + 1. */
void unsupported_scan(struct doc *d, const char *text, size_t len, int line_offset);
/* Gives d's held warnings whose construct is still in its text. */
void unsupported_report(struct doc *d);
void unsupported_site(struct site *s);

#endif
